"""Reliability and security, end to end through ``helpers.analyze`` and the command line.

1. Bad input never crashes the analysis and never disappears silently: one folder holds every
   kind of bad input at once; after the run, ``documents + skipped == inputs`` and each input
   gets exactly what the expectation table below says (one parametrised case per input).
   A ~50 MB file is loaded and split in a child process (time and peak memory measured);
   long runs of text without sentence punctuation have a time bound.
2. Property tests (hypothesis): cleaning, sentence splitting, mentions and quotes never raise
   on any Unicode text, and every offset slices the cleaned text to exactly what was recorded.
3. Command-line errors not covered by test_cli.py: one line on stderr, exit 2, no traceback;
   empty inputs give empty tables and exit 0.
4. Determinism: the bad-input folder analysed in this process and by the CLI in another
   process (other hash seed) gives byte-identical CSVs; ``make report`` tables likewise.
5. Rendered reports are safe to share: a corpus carrying HTML/script payloads (in text, in
   header fields, in a file name and in the corpus folder's name) is rendered with every
   notebook in notebooks/; no page carries live markup from it.
6. A notebook with a committed output is caught by the check test_notebooks.py applies.

Nothing large is committed: every corpus here is generated in a temporary folder.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import test_notebooks
from conftest import ROOT, SEED_FILE, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import analyze, cli, write_tables
from helpers.actors import context_for_text
from helpers.clean import normalize, sentence_spans
from helpers.lexicon import read_lexicon
from helpers.pipeline import PER_DOCUMENT_TABLES, TABLE_COLUMNS, TABLES, analyze_document
from helpers.report import NOTEBOOKS_DIR, ReportError, build_report, list_notebooks

SCORED_TABLES = [t for t in PER_DOCUMENT_TABLES if t != "sentences"]


# --------------------------------------------------------------------------- small tools
def run_cli(*args, env=None, timeout=300):
    """``python -m helpers ...`` in a separate process (the real entry point)."""
    return subprocess.run([sys.executable, "-m", "helpers", *map(str, args)], check=False,
                          capture_output=True, text=True, cwd=ROOT, timeout=timeout, env=env)


def run_main(argv, capsys):
    """``helpers.cli.main`` in this process: (exit status, stdout, stderr).

    Same code as ``python -m helpers`` (whose ``__main__`` is ``sys.exit(main())``) without
    the ~1.5 s start-up of a new interpreter; an uncaught exception fails the test, which is
    what a traceback would be on the command line.
    """
    try:
        status = cli.main([str(a) for a in argv])
    except SystemExit as exc:  # argparse errors
        status = exc.code
    out = capsys.readouterr()
    return status, out.out, out.err


def assert_one_line_error(status, err, needle):
    assert status == 2, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert needle in lines[0], lines[0]


class TooSlow(Exception):
    """Raised by ``time_limit`` when the code under test runs past its cap."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Interrupt the block after ``seconds`` (SIGALRM; pytest runs tests in the main thread),
    so a pathological case costs the suite a few seconds, not minutes."""
    def _raise(signum, frame):
        raise TooSlow(f"still running after {seconds:.1f} s")

    old_handler = signal.signal(signal.SIGALRM, _raise)
    outer, _interval = signal.setitimer(signal.ITIMER_REAL, seconds)  # pytest-timeout's alarm
    start = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if outer:  # give the outer alarm (pytest-timeout, signal method) back its remaining time
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - start), 0.001))


def timed(fn, cap: float) -> float:
    """Seconds ``fn()`` takes, or ``cap`` if it is interrupted at the cap."""
    start = time.perf_counter()
    try:
        with time_limit(cap):
            fn()
    except TooSlow:
        return cap
    return time.perf_counter() - start


# --------------------------------------------------------------------------- generated texts
ENGLISH = ("date 2024-07-01\nsource: Test Wire\n\n"
           "Kata'ib Hezbollah warned that U.S. forces in Iraq would face attacks if Israel struck "
           "Lebanon. \"We will respond to any aggression,\" a spokesman for the Islamic Resistance "
           "in Iraq said. Drones struck a base near Erbil on Tuesday, the Pentagon said.")
ARABIC = "هددت كتائب حزب الله القوات الأمريكية في العراق. وقال المتحدث إن الرد سيكون قاسيا."
PERSIAN = "گروه های مقاومت عراق آمریکا را تهدید کردند. سخنگوی گروه گفت که پاسخ سختی خواهد بود."
RUN_WORDS = ["the", "militia", "said", "forces", "would", "strike", "bases", "across", "the",
             "region", "and", "officials", "warned", "of", "further", "escalation", "near",
             "the", "border", "while", "drones", "circled", "overhead"]
RUN_NAMES = ["Kata'ib Hezbollah", "Kataeb Hezbollah", "Iran", "Israel", "the US", "Hezbollah",
             "Hizbullah", "IRGC", "Nujaba", "the Pentagon", "Netanyahu", "Khamenei",
             "the Zionist entity", "Qais al-Khazali", "the Great Satan", "Tehran"]
QUOTE_MARKS = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb"]


def run_without_punctuation(n_chars: int, seed: int = 1) -> str:
    """Words only, no sentence punctuation at all: one "sentence" of ``n_chars``."""
    rng = random.Random(seed)
    words, size = [], 0
    while size < n_chars:
        words.append(rng.choice(RUN_WORDS))
        size += len(words[-1]) + 1
    return " ".join(words)[:n_chars].strip()


def run_with_names_and_quotes(n_chars: int, seed: int = 2) -> str:
    """One paragraph of actor names, opening/closing quote marks and commas, no . ! ?"""
    rng = random.Random(seed)
    parts, size = [], 0
    while size < n_chars:
        r = rng.random()
        if r < 0.30:
            part = rng.choice(RUN_NAMES)
        elif r < 0.45:
            part = rng.choice(QUOTE_MARKS) + rng.choice(RUN_WORDS)
        elif r < 0.60:
            part = rng.choice(RUN_WORDS) + rng.choice(QUOTE_MARKS)
        elif r < 0.65:
            part = rng.choice(RUN_WORDS) + ","
        else:
            part = rng.choice(RUN_WORDS)
        parts.append(part)
        size += len(part) + 1
    return " ".join(parts)[:n_chars].strip()


_SUBJECTS = ["Kata'ib Hezbollah", "The Pentagon", "Iran's foreign ministry", "Hezbollah", "The IDF",
             "A spokesman for the Islamic Resistance in Iraq", "Israeli officials",
             "The U.S. embassy in Baghdad", "Harakat al-Nujaba",
             "Prime Minister Mohammed Shia al-Sudani", "Tehran", "Washington",
             "Qais al-Khazali", "The Zionist entity"]
_VERBS = ["warned", "said", "threatened", "denied", "claimed", "condemned", "vowed", "reported"]
_OBJECTS = ["that {n} drones struck a base near Erbil",
            "that U.S. forces would face {n} attacks if Israel struck Lebanon",
            "the strike on the convoy that killed {n} people",
            "revenge for the killing of {n} commanders", "a ceasefire in Gaza after {n} days",
            "that {n} rockets hit northern Israel", "restraint after {n} days of clashes",
            "responsibility for the attack on {n} bases"]
_TAILS = ["on Tuesday", "late on Sunday", "in a statement", "according to state media", "",
          "last week"]


def varied_paragraphs(n_chars: int, seed: int = 0):
    """Yield paragraphs of 3-6 news sentences (about 10 % quotations) until ``n_chars``.

    Every sentence carries a number, so sentences rarely repeat (about 2 million variants):
    the pipeline memoises per-sentence results, and a text of a few repeated sentences would
    time that cache instead of the analysis.
    """
    rng = random.Random(seed)
    size = 0
    while size < n_chars:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            n = rng.randint(2, 400)
            if rng.random() < 0.1:
                sentences.append(f'"We will respond to any attack on our {n} bases," '
                                 f"{rng.choice(_SUBJECTS)} said.")
            else:
                sentences.append(" ".join(filter(None, [
                    rng.choice(_SUBJECTS), rng.choice(_VERBS),
                    rng.choice(_OBJECTS).format(n=n), rng.choice(_TAILS)])) + ".")
        paragraph = " ".join(sentences) + "\n\n"
        size += len(paragraph)
        yield paragraph


# --------------------------------------------------------------------------- the bad-input folder
# The two unpunctuated runs sit in the folder at this size so that the folder's analysis stays
# cheap; the 200 kB versions are timed on their own below (test_*_run_*_under_a_second).
# Raise this to 200_000 once those tests pass.
FOLDER_RUN_CHARS = 10_000


def build_bad_folder(d: Path) -> Path:
    """Every kind of bad input in one folder (see EXPECTATIONS for what each should get)."""
    d.mkdir(parents=True, exist_ok=True)
    (d / "empty.txt").write_bytes(b"")
    (d / "whitespace.txt").write_bytes(b" \n\t\r\n  \n")
    (d / "binary.txt").write_bytes(b"Iran\x00\x01\x02" + bytes(range(256)) * 4)
    (d / "cp1252.txt").write_bytes(
        "date 2024-06-30\nKata\u2019ib Hezbollah \u2013 the \u201cresistance\u201d \u2013 "
        "threatened the caf\u00e9 near the base.".encode("cp1252"))
    (d / "utf16.txt").write_bytes("date 2024-06-29\nHizbullah said it fired rockets at Israel."
                                  .encode("utf-16"))  # Python writes the BOM first
    (d / "page.html").write_text(
        "<!DOCTYPE html><html><head><title>Militia threats</title><script>var tracker = 1;"
        "</script></head><body><h1>Militia threats</h1><p>Iran warned Israel.</p>"
        "<p>Israel replied &amp; struck.</p></body></html>", encoding="utf-8")
    (d / "no_date.txt").write_text("Iran warned the United States on Monday.", encoding="utf-8")
    (d / "bad_date.txt").write_text("date 2024-13-45\nHezbollah fired rockets at Israel.",
                                    encoding="utf-8")
    (d / "future.txt").write_text("date 2999-01-01\nIsrael struck Hezbollah positions.",
                                  encoding="utf-8")
    pd.DataFrame({"id": ["r1", "r2"], "remarks": ["x", "y"], "date": ["2024-07-01"] * 2}).to_csv(
        d / "no_text.csv", index=False)
    (d / "corrupt.parquet").write_bytes(b"PAR1" + bytes(range(200)) + b"not a footer")
    lines = [
        json.dumps({"id": "j1", "text": "Iran warned Israel.", "date": "2024-07-01"}),  # 1
        '{"id": "j2", "text": "broken',                                                 # 2
        json.dumps({"id": "j3", "text": "The US struck Kata'ib Hezbollah.",
                    "date": "2024-07-02"}),                                             # 3
        "[1, 2]",                                                                       # 4
        "",                                                                             # 5 blank
        json.dumps({"id": "j6", "text": "   "}),                                        # 6
        json.dumps({"id": "j7", "date": "2024-07-01"}),                                 # 7
    ]
    (d / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pd.DataFrame({
        "id": ["r1", "r2", "r3", "r4", "j1"],
        "text": ["Hezbollah threatened Israel.", "", "Iran backed the militias.",
                 "The IRGC warned Washington.", "Nujaba vowed revenge."],
        "date": ["2024-07-01", "2024-07-01", "July 4 2024", "not a date", "2024-07-05"],
    }).to_csv(d / "rows.csv", index=False)
    (d / "dup_a.txt").write_text("date 2024-07-01\nThe IRGC threatened Israel.", encoding="utf-8")
    (d / "dup_b.txt").write_text("date 2024-07-01\nThe  IRGC   threatened\nIsrael.",
                                 encoding="utf-8")
    (d / "arabic.txt").write_text("date 2024-07-01\n" + ARABIC, encoding="utf-8")
    (d / "persian.txt").write_text("date 2024-07-01\n" + PERSIAN, encoding="utf-8")
    (d / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (d / "run_plain.txt").write_text(run_without_punctuation(FOLDER_RUN_CHARS), encoding="utf-8")
    (d / "run_names_quotes.txt").write_text(run_with_names_and_quotes(FOLDER_RUN_CHARS),
                                            encoding="utf-8")
    (d / ".hidden.txt").write_text("Iran warned.", encoding="utf-8")
    (d / "README.md").write_text("# About this corpus\n", encoding="utf-8")
    (d / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (d / "sub").mkdir(exist_ok=True)
    (d / "sub" / "nested.txt").write_text("date 2024-07-03\nThe Houthis attacked a ship.",
                                          encoding="utf-8")
    return d


# How many inputs each file is. A text file (or any file that is not a table) is one input;
# a table that can be read and has a `text` column is one input per row (CSV: data rows;
# JSONL: non-blank lines, the blank line 5 is not an input); a table that cannot be used at all
# (no `text` column, corrupt) is one input, skipped as a whole.
INPUTS_PER_FILE = {"lines.jsonl": 6, "rows.csv": 5}


@dataclass(frozen=True)
class Expect:
    """What one input gets: a document (with these fields) or a skipped row (with a reason)."""

    input: str                       # path relative to the folder; ":N" / ":row N" for rows
    doc_id: str = ""                 # "" means: skipped
    reason: str = ""                 # substring of the skipped reason
    note: str = ""                   # substring of the note ("" means: the note is empty)
    lang: str = "en"
    date: str = ""
    encoding: str | None = None      # None: not checked
    title: str = ""
    duplicate_of: str = ""
    n_sentences: int | None = None
    actors: tuple = ()               # actors that must be among the document's mentions
    sentence_has: str = ""           # a sentence of the document contains this

    @property
    def skipped(self) -> bool:
        return not self.doc_id


EXPECTATIONS = [
    Expect("empty.txt", reason="empty file"),
    Expect("whitespace.txt", reason="only whitespace"),
    Expect("binary.txt", reason="binary file (NUL bytes)"),
    Expect("cp1252.txt", "cp1252", note="not valid UTF-8: decoded as cp1252", date="2024-06-30",
           encoding="cp1252", actors=("kataib_hezbollah",),
           sentence_has="Kata'ib Hezbollah - the \"resistance\" - threatened the café"),
    Expect("utf16.txt", "utf16", date="2024-06-29", encoding="utf-16",
           actors=("hezbollah", "israel"), sentence_has="Hizbullah said it fired rockets"),
    Expect("page.html", "page", note="HTML stripped to text", title="Militia threats",
           actors=("iran", "israel"), sentence_has="Israel replied & struck."),
    Expect("no_date.txt", "no_date", actors=("iran", "united_states")),
    Expect("bad_date.txt", "bad_date", note="malformed date line 'date 2024-13-45': no date set",
           actors=("hezbollah", "israel"), sentence_has="Hezbollah fired rockets at Israel."),
    Expect("future.txt", "future", note="date 2999-01-01 is in the future", date="2999-01-01",
           actors=("israel", "hezbollah")),
    Expect("no_text.csv", reason="no_text.csv has no text column (one of: text, body, content, article, article_text, full_text, maintext, story, document); it has: id, remarks, date"),
    Expect("corrupt.parquet", reason="unreadable table"),
    Expect("lines.jsonl:1", "j1", date="2024-07-01", encoding="", actors=("iran", "israel")),
    Expect("lines.jsonl:2", reason="invalid JSON on line 2"),
    Expect("lines.jsonl:3", "j3", date="2024-07-02", encoding="",
           actors=("united_states", "kataib_hezbollah")),
    Expect("lines.jsonl:4", reason="line 4 is not a JSON object"),
    Expect("lines.jsonl:6", reason="only whitespace"),
    Expect("lines.jsonl:7", reason="empty text"),
    Expect("rows.csv:row 1", "r1", date="2024-07-01", actors=("hezbollah", "israel")),
    Expect("rows.csv:row 2", reason="empty text"),
    Expect("rows.csv:row 3", "r3", date="2024-07-04", actors=("iran",)),
    Expect("rows.csv:row 4", "r4", note="malformed date 'not a date': no date set",
           actors=("irgc",)),
    Expect("rows.csv:row 5", "j1-2", note="id 'j1' repeated: renamed 'j1-2'", date="2024-07-05"),
    Expect("dup_a.txt", "dup_a", date="2024-07-01", actors=("irgc", "israel")),
    Expect("dup_b.txt", "dup_b", date="2024-07-01", duplicate_of="dup_a",
           note="exact duplicate of dup_a"),
    Expect("arabic.txt", "arabic", lang="ar", note="not English (ar): kept, not scored",
           date="2024-07-01", n_sentences=2),
    Expect("persian.txt", "persian", lang="fa", note="not English (fa): kept, not scored",
           date="2024-07-01", n_sentences=2),
    Expect("english.txt", "english", date="2024-07-01", n_sentences=3,
           actors=("kataib_hezbollah", "united_states", "israel", "lebanon")),
    Expect("run_plain.txt", "run_plain"),  # cut into pieces of at most MAX_SENTENCE_CHARS
    Expect("run_names_quotes.txt", "run_names_quotes", actors=("kataib_hezbollah", "iran")),
    Expect(".hidden.txt", reason="hidden file: not read"),
    Expect("README.md", reason="corpus documentation"),
    Expect("picture.png", reason="unsupported file type .png"),
    Expect("sub/nested.txt", "nested", date="2024-07-03", actors=("houthis",)),
]


def count_inputs(folder: Path) -> int:
    """Inputs in ``folder``: every file (hidden ones too, recursively) counts one, except the
    tables listed in INPUTS_PER_FILE, which count their rows."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(INPUTS_PER_FILE.get(p.name, 1) for p in files)


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> Path:
    return build_bad_folder(tmp_path_factory.mktemp("bad") / "corpus")


@pytest.fixture(scope="module")
def bad_result(bad_folder):
    return analyze(bad_folder)


def _rows_for(result, folder: Path, case: Expect) -> pd.DataFrame:
    table = result.skipped if case.skipped else result.documents
    return table[table["path"] == str(folder / case.input)]


def test_bad_folder_documents_plus_skipped_equals_inputs(bad_folder, bad_result):
    files = [p for p in bad_folder.rglob("*") if p.is_file()]
    n_inputs = count_inputs(bad_folder)
    # 24 files: lines.jsonl holds 6 inputs, rows.csv 5, each of the other 22 files is one
    assert len(files) == 24 and n_inputs == 22 + 6 + 5 == len(EXPECTATIONS)
    assert len(bad_result.documents) + len(bad_result.skipped) == n_inputs
    assert len(bad_result.documents) == sum(not c.skipped for c in EXPECTATIONS)


def test_bad_folder_every_input_is_named_exactly_once(bad_folder, bad_result):
    named = bad_result.documents["path"].tolist() + bad_result.skipped["path"].tolist()
    assert sorted(named) == sorted(str(bad_folder / c.input) for c in EXPECTATIONS)
    # every file on disk shows up, by itself or through its rows
    for p in (p for p in bad_folder.rglob("*") if p.is_file()):
        assert any(n == str(p) or n.startswith(f"{p}:") for n in named), p


@pytest.mark.parametrize("case", EXPECTATIONS, ids=lambda c: c.input)
def test_bad_folder_input_gets_what_it_should(bad_folder, bad_result, case):
    rows = _rows_for(bad_result, bad_folder, case)
    where = "skipped" if case.skipped else "documents"
    assert len(rows) == 1, f"{case.input}: {len(rows)} rows in {where}"
    row = rows.iloc[0]
    if case.skipped:
        assert case.reason in row["reason"], row["reason"]
        return
    assert row["doc_id"] == case.doc_id
    assert row["lang"] == case.lang
    assert row["date"] == case.date
    assert row["title"] == case.title
    assert row["duplicate_of"] == case.duplicate_of
    if case.note:
        assert case.note in row["note"], row["note"]
    else:
        assert row["note"] == "", row["note"]
    if case.encoding is not None:
        assert row["encoding"] == case.encoding
    sentences = bad_result.sentences[bad_result.sentences.doc_id == case.doc_id]
    assert row["n_sentences"] == len(sentences) > 0  # kept, and split into sentences
    if case.n_sentences is not None:
        assert len(sentences) == case.n_sentences
    assert not sentences["text"].str.contains("<|var tracker|\ufffd|\x00", regex=True).any()
    assert not sentences["text"].str.startswith("date ").any()  # the header is not text
    if case.sentence_has:
        assert sentences["text"].str.contains(case.sentence_has, regex=False).any(), \
            sentences["text"].tolist()
    mentioned = set(bad_result.mentions.loc[bad_result.mentions.doc_id == case.doc_id, "actor"])
    assert set(case.actors) <= mentioned, mentioned
    if case.lang == "en":  # scored: every sentence has a VADER score
        assert sentences["vader"].notna().all()
    else:  # kept but not scored as if English: no rows anywhere, no sentence scores
        for name in SCORED_TABLES:
            assert (bad_result[name]["doc_id"] != case.doc_id).all(), name
        assert sentences["stance"].isna().all() and sentences["vader"].isna().all()
        assert sentences["speaker"].eq("author").all()


def test_bad_folder_control_document_is_fully_analysed(bad_result):
    """The English control document gets rows in every table: the folder's bad inputs do not
    stop the good ones from being analysed."""
    for name in SCORED_TABLES:
        assert (bad_result[name]["doc_id"] == "english").any(), name


def test_bad_folder_cli_run_in_another_process_gives_identical_csvs(bad_folder, bad_result,
                                                                    tmp_path):
    write_tables(bad_result, tmp_path / "here")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = run_cli("analyze", bad_folder, "--out", tmp_path / "cli", "--quiet", env=env)
    assert out.returncode == 0, out.stderr
    n_docs, n_skipped = len(bad_result.documents), len(bad_result.skipped)
    assert out.stdout.startswith(f"{n_docs} documents, {n_skipped} skipped, ")
    for name in TABLES:
        here = (tmp_path / "here" / f"{name}.csv").read_bytes()
        assert (tmp_path / "cli" / f"{name}.csv").read_bytes() == here, f"{name}.csv differs"


def test_zero_row_table_inside_a_folder_is_listed_as_skipped(tmp_path):
    # A header-only CSV in a folder has no rows: it is one input, listed in `skipped`.
    (tmp_path / "header_only.csv").write_text("id,text,date\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Iran warned Israel.", encoding="utf-8")
    result = analyze(tmp_path)
    assert result.documents["doc_id"].tolist() == ["a"]
    assert result.skipped["reason"].tolist() == ["table has no rows"]


# --------------------------------------------------------------------------- size and time
# Time bound for a 200 kB run without sentence punctuation (the brief: < 1 s for the whole
# analysis of that document alone). For scale: 200 kB of ordinary news prose takes ~1 s on
# the 2-core test machine, so this asks that a run cost no more than prose does.
RUN_CHARS = 200_000
RUN_LIMIT_S = 1.0
RUN_CAP_S = 2.0  # stop a pathological run here (it took 85-100 s when this test was written)
# A run without sentence punctuation is cut into pieces of at most MAX_SENTENCE_CHARS
# (helpers.clean): before that, one 200 kB "sentence" took 100 s (VADER and the stance rules
# cost more than linearly in sentence length).


@pytest.fixture(scope="module")
def warm_pipeline():
    """Compile every lexicon regex once, so timings measure the document, not start-up."""
    analyze_document({"doc_id": "warm", "text": ENGLISH, "date": "2024-07-01"})


@pytest.mark.parametrize("make", [run_without_punctuation, run_with_names_and_quotes],
                         ids=["plain_words", "names_and_quote_marks"])
def test_200kb_run_without_sentence_punctuation_under_a_second(tmp_path, warm_pipeline, make):
    text = make(RUN_CHARS)
    assert len(text) >= RUN_CHARS - 20 and not re.search(r"[.!?]", text)
    path = tmp_path / "run.txt"
    path.write_text(text, encoding="utf-8")
    seconds = timed(lambda: analyze(path), RUN_CAP_S)  # load + every step, this document alone
    assert seconds < RUN_LIMIT_S, f"{seconds:.2f} s for {len(text)} characters"


# Before the fixes (mention look-ups by bisection, quotes indexed by sentence, coreference
# without a scan of every mention) 0.5 MB took 5.9 s and 2 MB 43 s.
MAX_COST_GROWTH = 1.5


@pytest.fixture
def no_sentence_memo():
    """The events memo would make the repeated small document cheaper than the large one."""
    from helpers.bench import set_sentence_memo
    set_sentence_memo(False)
    yield
    set_sentence_memo(True)


def test_cost_per_megabyte_does_not_grow_with_document_size(warm_pipeline, no_sentence_memo):
    """One document of ordinary prose at 50 kB and at 800 kB: the time per character may
    grow by at most half (linear algorithms; slack for caches and a busy machine).
    Measured when written: 4.8 s/MB at 50 kB, 15.2 s/MB at 800 kB (ratio 3.1); after the
    fixes about 3.5 s/MB at both sizes."""
    small = "".join(varied_paragraphs(50_000, seed=3))
    large = "".join(varied_paragraphs(800_000, seed=4))
    t_small = min(timed(lambda: analyze_document({"doc_id": "s", "text": small,
                                                  "date": "2024-07-01"}), 60) for _ in range(3))
    per_char = t_small / len(small)
    cap = MAX_COST_GROWTH * per_char * len(large)  # at the cap the test has failed: stop there
    t_large = timed(lambda: analyze_document({"doc_id": "l", "text": large, "date": "2024-07-01"}),
                    cap)
    growth = (t_large / len(large)) / per_char
    assert growth < MAX_COST_GROWTH, (f"{t_small:.2f} s for {len(small)} chars, "
                                      f"{t_large:.2f} s (or more) for {len(large)}")


BIG_FILE_BYTES = 50_000_000
_BIG_CHILD = r"""
import json, resource, sys, time
def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
from helpers.corpus import load_corpus
from helpers.clean import normalize, paragraph_index, sentence_spans
base = peak_mb()
t0 = time.perf_counter()
docs, skipped = load_corpus(sys.argv[1])
t1 = time.perf_counter()
load_peak = peak_mb()
big = docs.set_index("doc_id").loc["big"]
text = normalize(big["text"])
spans = sentence_spans(text)
paras = paragraph_index(text, spans)
t2 = time.perf_counter()
ok = all(text[a:b].strip() == text[a:b] for a, b in spans[:: max(1, len(spans) // 1000)])
print(json.dumps({"base_mb": base, "load_s": t1 - t0, "load_peak_mb": load_peak,
                  "split_s": t2 - t1, "peak_mb": peak_mb(), "n_docs": len(docs),
                  "n_skipped": len(skipped), "date": big["date"], "chars": len(big["text"]),
                  "n_sentences": len(spans), "n_paragraphs": paras[-1] + 1, "spans_ok": ok}))
"""


def test_50mb_file_loads_and_splits_in_bounded_time_and_memory(tmp_path):
    """A ~50 MB text file (plus a small one) through the loader, then cleaning, sentence and
    paragraph splitting (all a non-English document gets; the first steps of every English
    one) in a fresh process, so its peak memory is this work's alone.

    Measured when written (2-core machine, others' jobs running): load 1.3-1.7 s, clean +
    split 12-48 s (676,000 sentences), peak RSS 882 MB of which 281 MB is the baseline after
    imports: loading adds ~600 MB, most of it the duplicate check's
    ``" ".join(text.split())`` (a list of ~8 million word strings). The full
    analysis of this file is not run: see test_cost_per_megabyte_does_not_grow_with_document_size.
    """
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    block = "".join(varied_paragraphs(2_000_000))  # 2 MB of varied prose, written 25 times
    with open(corpus / "big.txt", "w", encoding="utf-8") as fh:
        fh.write("date 2024-07-01\nsource: Generated Wire\n\n")
        fh.writelines(block for _ in range(-(-BIG_FILE_BYTES // len(block))))
    (corpus / "small.txt").write_text(ENGLISH, encoding="utf-8")
    size = (corpus / "big.txt").stat().st_size
    assert size >= BIG_FILE_BYTES
    out = subprocess.run([sys.executable, "-c", _BIG_CHILD, str(corpus)], check=False,
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    m = json.loads(out.stdout)
    print(f"50 MB file: {json.dumps(m)}")
    assert (m["n_docs"], m["n_skipped"], m["date"]) == (2, 0, "2024-07-01")
    assert m["chars"] > 0.99 * size - 100 and m["spans_ok"]
    assert m["n_sentences"] > 500_000 and m["n_paragraphs"] > 100_000
    assert m["load_s"] < 15, m          # measured 1.3 s
    assert m["split_s"] < 60, m         # measured 12 s
    assert m["peak_mb"] - m["base_mb"] < 1000, m  # measured +600 MB (12x the file)


# --------------------------------------------------------------------------- property tests
_SPECIAL_CHARS = list(
    "\u201c\u201d\u2018\u2019\"'\u00ab\u00bb\u2039\u203a\u201e`\u00b4"      # quote marks
    "-\u2010\u2011\u2013\u2014\u2015\u2212"                                  # dashes
    "\u00a0\u2009\u202f\u3000\t"                                            # spaces, NBSP
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"                                  # zero-width
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"  # RTL/LTR marks
    "\n\r\u2028\u2029\x85\x0b\x0c"                                          # line breaks
    ".!?;:,()[]\u2026"                                                      # punctuation
    "\u0627\u0644\u062d\u0632\u0628\u0647\u06cc\u067e\u06af"                # Arabic/Persian
    "\U0001F600\U0001F1EE\U0001F1F7\u2764\ufe0f\U0001F44D\U0001F3FD"        # emoji, flags
    "\ufb01\uff02\uff07\u0301\u0308\u1e9b\u2126\u00bd"                      # NFKC changes these
    " aAzZ09")
WIDE_TEXT = st.text(alphabet=st.one_of(st.sampled_from(_SPECIAL_CHARS),
                                       st.characters(exclude_categories=("Cs",))), max_size=300)


def _actor_names() -> list[str]:
    lex = read_lexicon("actors")
    names = set()
    for column in ("aliases", "case_sensitive_aliases", "pejorative_aliases", "adjectives"):
        for cell in lex[column].fillna(""):
            names.update(n for n in str(cell).split("|") if n)
    return sorted(names)


_NAMES = _actor_names() + ["Kata'ib Hezbollah", "Kataeb Hezbollah", "Hizbullah", "U.S.",
                           "the group"]
_WORDS = ["said", "warned", "told reporters", "according to", "citing", "quoted", "as saying",
          "if", "would", "will", "strike", "attack", "fired rockets at", "threatened",
          "vowed revenge", "it", "he", "they", "on Tuesday", "backed by", "not", "respond",
          "Mr.", "Gen.", "a spokesman for"]
_PUNCT = [".", ",", "?", "!", ":", ";", " - ", "\u2014", "\n", "\n\n", '"', "'", "\u201c",
          "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "(", ")", "...", " "]
_TOKEN = st.one_of(st.sampled_from(_NAMES), st.sampled_from(_WORDS), st.sampled_from(_PUNCT),
                   st.sampled_from(_SPECIAL_CHARS))
# Names, quote marks and punctuation from the lists, joined with or without spaces: reaches
# the real code paths (mentions, quote pairing, attribution) that random text rarely hits.
MIXED_TEXT = st.tuples(st.lists(_TOKEN, max_size=60), st.sampled_from([" ", ""])).map(
    lambda t: t[1].join(t[0]))
ANY_TEXT = st.one_of(WIDE_TEXT, MIXED_TEXT)
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])


def _assert_spans(spans, text):
    prev = 0
    for a, b in spans:
        assert 0 <= prev <= a < b <= len(text), (a, b, prev, len(text))
        prev = b


@PROPERTY_SETTINGS
@given(ANY_TEXT)
def test_cleaning_never_raises_and_is_a_fixed_point(raw):
    clean = normalize(raw)
    assert isinstance(clean, str)
    assert normalize(clean) == clean  # cleaned text (as in the tables) re-cleans to itself
    _assert_spans(sentence_spans(clean), clean)


@PROPERTY_SETTINGS
@given(ANY_TEXT)
def test_mentions_and_quotes_slice_the_cleaned_text(raw):
    ctx = context_for_text(raw, date="2024-07-01")
    text = ctx.text
    assert text == normalize(raw)
    _assert_spans(ctx.spans, text)
    assert len(ctx.speakers) == len(ctx.cited) == len(ctx.paragraphs) == len(ctx.spans)
    assert [m.start for m in ctx.mentions] == sorted(m.start for m in ctx.mentions)
    for m in ctx.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.surface
        a, b = ctx.spans[m.sent]
        assert a <= m.start and m.end <= b  # inside the sentence it is filed under
    assert [q.start for q in ctx.quotes] == sorted(q.start for q in ctx.quotes)
    for q in ctx.quotes:
        assert 0 <= q.start < q.end <= len(text) and 0 <= q.sent < len(ctx.spans)
        assert q.kind in {"speech", "scare"}


@PROPERTY_SETTINGS
@given(ANY_TEXT)
def test_every_table_row_of_analyze_document_slices_the_cleaned_text(raw):
    out = analyze_document({"doc_id": "x", "text": raw, "date": "2024-07-01"})
    text = normalize(raw)
    cols = {name: {c: i for i, c in enumerate(TABLE_COLUMNS[name])} for name in TABLE_COLUMNS}
    s = cols["sentences"]
    spans = [(r[s["start"]], r[s["end"]]) for r in out["sentences"]]
    _assert_spans(spans, text)
    assert [r[s["sent_id"]] for r in out["sentences"]] == list(range(len(spans)))
    for r in out["sentences"]:
        assert text[r[s["start"]]:r[s["end"]]] == r[s["text"]]
    for name, surface in (("mentions", "surface"), ("quotes", "quote"), ("events", "cue"),
                          ("triggers", "cue")):
        c = cols[name]
        for r in out[name]:
            start, end = r[c["start"]], r[c["end"]]
            assert 0 <= start < end <= len(text), (name, r)
            assert text[start:end] == r[c[surface]], (name, r)
            assert 0 <= r[c["sent_id"]] < len(spans), (name, r)


# --------------------------------------------------------------------------- command line
@pytest.fixture
def small_inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty_folder").mkdir()
    (d / "zero_rows.csv").write_text("id,text,date\n", encoding="utf-8")
    (d / "corrupt.parquet").write_bytes(b"PAR1" + bytes(range(200)) + b"not a footer")
    (d / "no_text.jsonl").write_text('{"id": "a", "remarks": "x"}\n', encoding="utf-8")
    pd.DataFrame({"id": ["r1"], "remarks": ["x"], "date": ["2024-07-01"]}).to_csv(d / "no_text.csv",
                                                                                index=False)
    pd.DataFrame({"id": ["a"], "remarks": ["x"]}).to_parquet(d / "no_text.parquet")
    (d / "binary.txt").write_bytes(b"\x00\x01binary\x00")
    (d / "a_file.txt").write_text("not a folder", encoding="utf-8")
    return d


def _assert_empty_tables(out_dir: Path):
    for name in TABLES:
        df = pd.read_csv(out_dir / f"{name}.csv", keep_default_na=False)
        assert list(df.columns) == TABLE_COLUMNS[name] and df.empty, name


def test_cli_empty_folder_gives_empty_tables_and_exit_0(small_inputs, tmp_path, capsys):
    status, out, err = run_main(["analyze", small_inputs / "empty_folder", "--out",
                                 tmp_path / "o", "--quiet"], capsys)
    assert status == 0 and err == ""
    assert out.startswith("0 documents, 0 skipped, 0 sentences")
    _assert_empty_tables(tmp_path / "o")


def test_cli_csv_with_text_column_but_zero_rows_gives_empty_tables(small_inputs, tmp_path, capsys):
    status, out, err = run_main(["analyze", small_inputs / "zero_rows.csv", "--out",
                                 tmp_path / "o", "--quiet"], capsys)
    assert status == 0 and err == ""
    assert out.startswith("0 documents, 1 skipped")
    skipped = pd.read_csv(tmp_path / "o" / "skipped.csv")
    assert skipped["reason"].tolist() == ["table has no rows"]


def test_cli_single_binary_file_is_a_skipped_row_not_an_error(small_inputs, tmp_path, capsys):
    status, out, _ = run_main(["analyze", small_inputs / "binary.txt", "--out", tmp_path / "o",
                               "--quiet"], capsys)
    assert status == 0 and out.startswith("0 documents, 1 skipped")
    skipped = pd.read_csv(tmp_path / "o" / "skipped.csv")
    assert skipped["reason"].tolist() == ["binary file (NUL bytes)"]


@pytest.mark.parametrize("args,needle", [
    (["{in}/corrupt.parquet", "--out", "{tmp}/o"], "unreadable table"),
    (["{in}/no_text.csv", "--out", "{tmp}/o"], "no_text.csv has no text column (one of: text, body, content, article, article_text, full_text, maintext, story, document); it has: id, remarks, date"),
    (["{in}/no_text.jsonl", "--out", "{tmp}/o"], "; it has: id, remarks"),
    (["{in}/no_text.parquet", "--out", "{tmp}/o"], "; it has: id, remarks"),
    ([str(SEEDS), "--out", "{in}/a_file.txt"], "choose another --out"),
    ([str(SEEDS), "--out", "/dev/null/sub"], "choose another --out"),
    ([str(SEEDS), "--out", "{tmp}/o", "--engine", "spark"], "invalid choice: 'spark'"),
], ids=["corrupt_parquet", "csv_without_text", "jsonl_without_text", "parquet_without_text", "out_is_a_file",
        "out_under_dev_null", "unknown_engine"])
def test_cli_user_errors_one_line_exit_2(small_inputs, tmp_path, capsys, args, needle):
    argv = ["analyze"] + [a.replace("{in}", str(small_inputs)).replace("{tmp}", str(tmp_path))
                          for a in args]
    status, out, err = run_main(argv, capsys)
    assert_one_line_error(status, err, needle)
    assert out == ""
    assert not list(tmp_path.glob("o/*.csv"))  # no table half-written


def test_cli_corrupt_parquet_through_python_m(small_inputs, tmp_path):
    """The real entry point: exit status 2 and one line, no traceback."""
    out = run_cli("analyze", small_inputs / "corrupt.parquet", "--out", tmp_path / "o")
    assert_one_line_error(out.returncode, out.stderr, "unreadable table")
    assert str(small_inputs / "corrupt.parquet") in out.stderr


def test_cli_existing_out_folder_is_reused_and_stale_tables_replaced(tmp_path, capsys):
    out_dir = tmp_path / "existing"
    out_dir.mkdir()
    (out_dir / "notes.txt").write_text("mine", encoding="utf-8")
    (out_dir / "events.csv").write_text("stale,table\n1,2\n", encoding="utf-8")
    status, out, err = run_main(["analyze", SEED_FILE, "--out", out_dir, "--quiet"], capsys)
    assert status == 0 and out.startswith("1 documents, 0 skipped"), err
    assert (out_dir / "notes.txt").read_text(encoding="utf-8") == "mine"  # left alone
    events = pd.read_csv(out_dir / "events.csv")
    assert list(events.columns) == TABLE_COLUMNS["events"] and len(events) > 0


# --------------------------------------------------------------------------- report: XSS
PAYLOADS = {
    "script": '<script>alert("x")</script>',
    "img_onerror": "<img src=x onerror=alert(1)>",
    "javascript_href": '<a href="javascript:alert(1)">details</a>',
    "iframe": '<iframe src="https://example.org/x"></iframe>',
    "svg_onload": "<svg onload=alert(2)>",
}
FOLDER_PAYLOAD = "<svg onload=alert(3)>"
FILE_PAYLOAD = "<b onmouseover=alert(4)>"
ALL_PAYLOADS = {**PAYLOADS, "folder_name": FOLDER_PAYLOAD, "file_name": FILE_PAYLOAD}


def build_hostile_corpus(d: Path) -> Path:
    """The seed article plus documents carrying the payloads as plain text.

    One document per payload: the payload once in the text (inside a quotation) and in the
    `source:` and `title:` header lines. The text has fewer than 3 HTML tags, so the loader
    keeps the markup as text and it reaches the sentences, quotes and documents tables.
    One document holds all payloads at once: with 3+ tags it looks like an HTML page and the
    loader strips it to text instead.
    The corpus folder's name and one file name carry payloads too (paths and doc_ids are
    shown in tables and on the index page).
    """
    d.mkdir(parents=True)
    shutil.copy(SEED_FILE, d / SEED_FILE.name)
    for i, (name, p) in enumerate(PAYLOADS.items()):
        (d / f"one_{name}.txt").write_text(
            f"date 2024-07-0{2 + i}\nsource: Hostile Wire {p}\ntitle: Threat {p}\n\n"
            f"Kata'ib Hezbollah warned the United States on Monday. \"We will strike {p} American "
            f"bases if Israel attacks Lebanon,\" Abu Ali al-Askari said. Iran denied any role.",
            encoding="utf-8")
    (d / "several.txt").write_text(
        "date 2024-07-09\n\nHezbollah said " + " and ".join(PAYLOADS.values()) + " were its "
        "answer. The IDF struck Hezbollah in southern Lebanon on Tuesday.", encoding="utf-8")
    (d / f"{FILE_PAYLOAD}bold.txt").write_text(
        "date 2024-07-10\nHezbollah fired rockets at Israel, the IDF said.", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory) -> Path:
    return build_hostile_corpus(tmp_path_factory.mktemp("hostile") / f"corpus {FOLDER_PAYLOAD}")


@pytest.fixture(scope="module")
def hostile_report(hostile_corpus, tmp_path_factory):
    """Every notebook in notebooks/ rendered against the hostile corpus (~35 s): (out, error)."""
    out = tmp_path_factory.mktemp("hostile_report")
    try:
        build_report(hostile_corpus, out, notebooks_dir=NOTEBOOKS_DIR, progress=False)
    except ReportError as err:  # the pages before the failing notebook are still checked
        return out, err
    return out, None


REPORT_PAGES = [p.stem for p in list_notebooks(NOTEBOOKS_DIR)] + ["index"]


class _Page(HTMLParser):
    """Live tags with their attributes, script bodies, and the text a reader sees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k.lower(): (v or "") for k, v in attrs}))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse_page(raw: str) -> _Page:
    page = _Page()
    page.feed(raw)
    page.close()
    return page


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "srcdoc")
EMBEDDING_TAGS = {"iframe", "frame", "object", "embed", "base"}


def live_markup_problems(raw: str) -> list[str]:
    """What in an HTML page could run or load something the corpus put there: a payload
    written raw, an event-handler attribute (``on...=``) on any tag, a ``javascript:``-like
    URL, an embedding tag, the payload's ``<img src=x>``, or corpus text inside a script."""
    page = parse_page(raw)
    problems = [f"raw payload {p!r}" for p in ALL_PAYLOADS.values() if p in raw]
    problems += [f"handler {name}= on <{t}>" for t, a in page.tags for name in a
                 if name.startswith("on")]
    problems += [f"{name}={a[name]!r} on <{t}>" for t, a in page.tags for name in URL_ATTRIBUTES
                 if name in a and re.sub(r"[\s\x00-\x1f]", "", a[name]).lower().startswith(
                     ("javascript:", "vbscript:", "data:text"))]
    problems += [f"<{t}> tag" for t, _ in page.tags if t in EMBEDDING_TAGS]
    if "<iframe" in raw.lower():
        problems.append("'<iframe' in the page source")
    problems += ["<img src=x>" for t, a in page.tags if t == "img" and a.get("src") == "x"]
    problems += [f"corpus text in a script: {body[:60]!r}" for body in page.scripts
                 if "alert(" in body or "Hostile Wire" in body]
    return problems


def test_live_markup_check_catches_each_kind_of_payload():
    """The check below can fail: on a page with the payloads live it names each one."""
    live = ("<html><body><p>" + "".join(PAYLOADS.values()) + "</p>"
            "<div onclick='x()'>d</div><a href=' JaVaScRiPt:alert(1)'>y</a></body></html>")
    found = " | ".join(live_markup_problems(live))
    for needle in ["raw payload", "handler onerror=", "handler onload=", "handler onclick=",
                   "href='javascript:alert(1)'", "href=' JaVaScRiPt:alert(1)'", "<iframe> tag",
                   "<img src=x>", "corpus text in a script"]:
        assert needle in found, needle
    escaped = "<p>" + html.escape("".join(ALL_PAYLOADS.values())) + "</p>"
    assert live_markup_problems(escaped) == []


def test_hostile_report_renders_every_notebook(hostile_report):
    out, error = hostile_report
    assert error is None, f"report failed on the hostile corpus: {error}"
    for stem in REPORT_PAGES:
        assert (out / f"{stem}.html").is_file(), stem


@pytest.mark.parametrize("stem", REPORT_PAGES)
def test_hostile_report_page_has_no_live_markup_from_the_corpus(hostile_report, stem):
    out, _ = hostile_report
    path = out / f"{stem}.html"
    if not path.exists():
        pytest.fail(f"{path.name} was not rendered: see test_hostile_report_renders_every_notebook")
    assert live_markup_problems(path.read_text(encoding="utf-8")) == []


def test_hostile_payloads_are_shown_as_text_somewhere(hostile_report):
    """Each payload reached the report and a reader sees it as text (escaped in the HTML)."""
    out, _ = hostile_report
    seen = {}
    for stem in REPORT_PAGES:
        path = out / f"{stem}.html"
        if path.exists():
            seen[stem] = "".join(parse_page(path.read_text(encoding="utf-8")).text)
    missing = [name for name, p in ALL_PAYLOADS.items()
               if not any(p in text for text in seen.values())]
    assert missing == [], f"payloads not visible as text in any page: {missing}"
    assert FOLDER_PAYLOAD in seen["index"]  # the corpus path on the index page, as text


def test_report_tables_equal_a_cli_run_in_another_process(hostile_corpus, hostile_report,
                                                          tmp_path):
    """`make report` twice gives identical tables: the tables build_report wrote (this process)
    equal those of `python -m helpers analyze` in another process with another hash seed, on
    a corpus with payloads in its paths and doc_ids. (test_cli.py compares two CLI runs on
    the fixture corpus.)"""
    out, _ = hostile_report
    cli_run = run_cli("analyze", hostile_corpus, "--out", tmp_path / "t", "--quiet",
                      env=dict(os.environ, PYTHONHASHSEED="99"))
    assert cli_run.returncode == 0, cli_run.stderr
    for name in TABLES:
        assert (tmp_path / "t" / f"{name}.csv").read_bytes() == \
            (out / "tables" / f"{name}.csv").read_bytes(), name
    docs = pd.read_csv(out / "tables" / "documents.csv", keep_default_na=False)
    assert f"{FILE_PAYLOAD}bold" in docs["doc_id"].tolist()
    stripped = docs.loc[docs["note"].str.contains("HTML stripped"), "doc_id"].tolist()
    assert stripped == ["several"]  # the one-payload documents kept their markup as text
    sentences = pd.read_csv(out / "tables" / "sentences.csv", keep_default_na=False)
    quotes = pd.read_csv(out / "tables" / "quotes.csv", keep_default_na=False)
    for name, payload in PAYLOADS.items():
        assert sentences["text"].str.contains(payload, regex=False).any(), name
        # a payload's own " marks may end the quotation early: its opening tag is inside
        opening = re.match(r"<\w+", payload).group()
        assert quotes["quote"].str.contains(opening, regex=False).any(), name


def test_two_builds_give_identical_index_on_the_hostile_corpus(hostile_corpus, tmp_path):
    """Two builds with a copy of 00_start_here only (for speed): same index.html bytes and
    same key-figure thumbnails."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(NOTEBOOKS_DIR / "00_start_here.ipynb", notebooks / "00_start_here.ipynb")
    pages = []
    for run in ("first", "second"):
        out = tmp_path / run
        build_report(hostile_corpus, out, notebooks_dir=notebooks, tables=False, progress=False)
        thumbs = {p.name: p.read_bytes() for p in sorted((out / "thumbs").glob("*.png"))}
        pages.append(((out / "index.html").read_bytes(), thumbs))
    assert pages[0][0] == pages[1][0]
    assert pages[0][1] == pages[1][1]
    assert "&lt;svg onload=alert(3)&gt;" in pages[0][0].decode("utf-8")


# --------------------------------------------------------------------------- notebooks
def _clean_notebook_copy(tmp_path: Path) -> Path:
    src = NOTEBOOKS_DIR / "00_start_here.ipynb"
    dst = tmp_path / "00_copy.ipynb"
    shutil.copy(src, dst)
    return dst


def _edit(path: Path, change) -> Path:
    nb = json.loads(path.read_text(encoding="utf-8"))
    change([c for c in nb["cells"] if c["cell_type"] == "code"])
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return path


def _add_output(code):
    code[1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["hello\n"]}]


def _add_execution_count(code):
    code[1]["execution_count"] = 3


def _add_absolute_path(code):
    code[1]["source"] = list(code[1]["source"]) + ['\ndocs = open("/home/me/corpus.txt")\n']


@pytest.mark.parametrize("change,message", [
    (_add_output, "outputs committed"),
    (_add_execution_count, "outputs committed"),
    (_add_absolute_path, "absolute path"),
], ids=["output", "execution_count", "absolute_path"])
def test_committed_output_or_absolute_path_is_caught(tmp_path, change, message):
    """The check test_notebooks.py applies to every notebook in git catches a notebook
    saved with an output, an execution count or an absolute path; a clean copy passes."""
    check = test_notebooks.test_notebook_is_clean_in_git
    check(_clean_notebook_copy(tmp_path))  # control: the committed notebook passes
    with pytest.raises(AssertionError, match=message):
        check(_edit(_clean_notebook_copy(tmp_path), change))
