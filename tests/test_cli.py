"""The command line: tables written, user errors as one line with exit status 2, and
byte-identical output across runs (different hash seeds, separate processes)."""

import os
import subprocess
import sys

import pandas as pd
import pytest
from conftest import FIXTURE_CORPUS, ROOT, SEEDS

from helpers.pipeline import TABLE_COLUMNS, TABLES


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "helpers", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, env=env)


def test_analyze_writes_every_table_with_the_design_columns(tmp_path):
    out = run_cli("analyze", SEEDS, "--out", tmp_path / "t", "--quiet")
    assert out.returncode == 0, out.stderr
    for name in TABLES:
        df = pd.read_csv(tmp_path / "t" / f"{name}.csv", keep_default_na=False)
        assert list(df.columns) == TABLE_COLUMNS[name], name
    sentences = pd.read_csv(tmp_path / "t" / "sentences.csv")
    docs = pd.read_csv(tmp_path / "t" / "documents.csv")
    assert docs["n_sentences"].sum() == len(sentences) > 0


@pytest.mark.parametrize("args,needle", [
    (["analyze", "no/such/folder", "--out", "{tmp}/o"], "corpus not found"),
    (["analyze", "{tmp}/x.docx", "--out", "{tmp}/o"], "unknown corpus format"),
    (["analyze", "{tmp}/bad.csv", "--out", "{tmp}/o"], "no text column (one of: text, body, content, article, article_text, full_text, maintext, story, document); it has: id, remarks"),
    (["analyze", str(SEEDS), "--out", "/proc/forbidden/out"], "choose another --out"),
    (["analyze", str(SEEDS)], "--out"),
    (["frobnicate"], "invalid choice"),
])
def test_user_errors_are_one_line_exit_2_no_traceback(tmp_path, args, needle):
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04")
    pd.DataFrame({"id": [1], "remarks": ["x"]}).to_csv(tmp_path / "bad.csv", index=False)
    out = run_cli(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and needle in out.stderr


def test_unwritable_output_folder(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # running as root: permissions do not bind
            target = tmp_path / "file-not-folder"
            target.write_text("x", encoding="utf-8")
            out = run_cli("analyze", SEEDS, "--out", target / "sub")
        else:
            out = run_cli("analyze", SEEDS, "--out", locked / "sub")
    finally:
        locked.chmod(0o700)
    assert out.returncode == 2 and "Traceback" not in out.stderr and "--out" in out.stderr


def test_two_runs_give_byte_identical_tables(tmp_path):
    outs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = run_cli("analyze", FIXTURE_CORPUS, "--out", tmp_path / seed, "--quiet", env=env)
        assert out.returncode == 0, out.stderr
        outs.append({name: (tmp_path / seed / f"{name}.csv").read_bytes() for name in TABLES})
    for name in TABLES:
        assert outs[0][name] == outs[1][name], f"{name}.csv differs between runs"
