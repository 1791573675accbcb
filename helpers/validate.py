"""Validation: measure each step of the pipeline against hand coding (precision and recall).

A dictionary-and-rules pipeline is only as good as its agreement with a careful human
reader. This module compares the tables of :func:`helpers.analyze` with hand-coded CSV files
and reports, per category, how many coded items the pipeline found (recall) and how many of
its items the coder agrees with (precision).

Steps:

1. Read the hand coding: files named ``<prefix>_<category>.csv`` in a folder (``seed_events.csv``,
   ``my_corpus_mentions.csv`` ...), categories mentions, quotes, speakers, roles, triggers,
   events and stance (columns in ``ANNOTATION_COLUMNS``). Lines starting with ``#`` are
   comments (only whole lines: a ``#`` inside a quoted cell is text). Missing files are
   skipped; rows whose label columns are all empty (a template row left blank) are dropped.
2. Decide the scope: the documents named in the prefix's files that are also in the analysis.
   If ``<prefix>_sample.csv`` lists sampled sentences (doc_id, sent_id), the sentence-level
   categories are compared on those sentences only, and the document-level ones (roles,
   stance) on their documents.
3. Turn gold and predicted rows into sets of *key tuples* (``CHECKS``): e.g. events are
   compared on (doc_id, sent_id, cameo_root, modality). Duplicates collapse: two identical
   gold rows are one item, and two predicted events of the same root in one sentence are one
   prediction. Values are compared after normalising: stripped, lower-cased, missing as "",
   integral numbers without decimals ("3.0" = "3"), CAMEO roots zero-padded ("8" = "08").
4. Count tp (in both), fp (predicted only), fn (gold only); precision = tp / (tp + fp),
   recall = tp / (tp + fn), F1 their harmonic mean (NaN when undefined, e.g. no prediction).
   :func:`misses_and_false_alarms` lists the fn and fp items with their text, for reading.

Category decisions (also in ``CHECKS``):

* events: the attack roots 18 (ASSAULT) and 19 (FIGHT) are one class "attack" on both
  sides: coders and rules disagree most between "air strike" (195) and "attack" (18x), and
  the trends count both as attacks anyway.
* speakers: only sentences whose speaker is not ``author`` are compared (the sentences table
  has a speaker for every sentence; "author" is the absence of reported speech). A sentence
  the coder gives to IRNA and the pipeline to the author is a miss.
* stance: compared on the sign of the score (``+``, ``-``, ``0``); gold signs may be written
  +1/-1/0, +/-/0, positive/negative/neutral or conciliatory/hostile/neutral.

No lexicon is read. Templates for a new hand coding: :func:`annotation_template`,
:func:`write_annotation_templates` and the blank files in ``helpers/templates/``.

>>> gold = pd.DataFrame({"doc_id": ["d", "d", "d"], "sent_id": [1, 2, 2], "actor": ["iran", "israel", "israel"]})
>>> pred = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [1, 3], "actor": ["iran", "hamas"]})
>>> r = precision_recall(gold, pred, ["doc_id", "sent_id", "actor"])
>>> r["tp"], r["fp"], r["fn"], r["precision"], r["recall"]
(1, 1, 1, 0.5, 0.5)
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
import pandas as pd

#: The columns of each hand-coding file (the same as the annotation templates).
ANNOTATION_COLUMNS: dict[str, list[str]] = {
    "mentions": ["doc_id", "sent_id", "actor", "surface", "start", "end", "pejorative", "notes"],
    "quotes": ["doc_id", "sent_id", "speaker", "cited", "kind", "quote", "notes"],
    "speakers": ["doc_id", "sent_id", "speaker", "cited", "notes"],
    "roles": ["doc_id", "sent_id", "actor", "role", "counterpart", "notes"],
    "triggers": ["doc_id", "sent_id", "kind", "threatener", "target", "condition", "consequence", "notes"],
    "events": ["doc_id", "sent_id", "source_actor", "target_actor", "cameo_root", "modality", "date",
               "date_precision", "category", "notes"],
    "stance": ["doc_id", "holder", "target", "sign", "evidence_sent_ids", "notes"],
}
CATEGORIES = list(ANNOTATION_COLUMNS)
#: What each column means (for the templates' comment lines).
COLUMN_HELP = {
    "doc_id": "the document (doc_id of the documents table: the file stem, or the id column of a table)",
    "sent_id": "the sentence number in the document (sent_id of the sentences table, from 0)",
    "actor": "canonical actor id (helpers/lexicons/actors.csv: iran, israel, kataib_hezbollah ...)",
    "surface": "the words as written",
    "start": "character offset of the first character in the cleaned text (optional; enables the strict check)",
    "end": "character offset just after the last character (optional)",
    "pejorative": "true when the name is pejorative (Zionist regime, Great Satan), else false",
    "speaker": "canonical actor id whose words these are, or author for the reporter's own words",
    "cited": "the source the speaker is cited through (IRNA citing Al-Mayadeen -> al_mayadeen), else empty",
    "kind": "quotes: speech or scare; triggers: conditional_threat, retaliation or ultimatum",
    "quote": "the quoted words without the quotation marks",
    "role": "patron, proxy, threatener, target, attacker, speaker or mediator",
    "counterpart": "the actor the role is relative to (the proxy's patron, the threat's target), else empty",
    "threatener": "who threatens (actor id)",
    "target": "triggers: who is threatened; stance: whom the holder's stance is about (actor id)",
    "condition": "the condition in the text's words (if the Zionist regime attacks Lebanon)",
    "consequence": "the threatened consequence in the text's words",
    "source_actor": "who acts (actor id; empty when the text names no one, as in the passive)",
    "target_actor": "who is acted on (actor id; empty when none)",
    "cameo_root": "the two-digit CAMEO root (13 threaten, 18 assault, 19 fight, 08 yield ...)",
    "modality": "asserted, future, hypothetical or negated",
    "date": "when the action happened: YYYY-MM-DD, YYYY-MM, or a range a/b",
    "date_precision": "day, week, month, range or unknown",
    "category": "free label for your own grouping (attack, threat, truce ...)",
    "holder": "whose stance (actor id)",
    "sign": "the stance sign: -1 hostile, 0 neutral, +1 conciliatory",
    "evidence_sent_ids": "the sentences that show the stance, separated by |",
    "notes": "anything a second coder should know (doubt, why a hard case got its code)",
    "text": "the sentence, for reading only (not compared)",
}
#: Label columns: a gold row with all of these empty was left blank and is dropped.
LABEL_COLUMNS = {
    "mentions": ["actor"], "quotes": ["speaker", "kind"], "speakers": ["speaker"],
    "roles": ["actor", "role"], "triggers": ["kind"], "events": ["cameo_root"],
    "stance": ["holder", "target", "sign"],
}
#: Every comparison: (category, variant, key columns). A category's file feeds each of its rows.
CHECKS: list[tuple[str, str, list[str]]] = [
    ("mentions", "sentence", ["doc_id", "sent_id", "actor"]),
    ("mentions", "offsets", ["doc_id", "start", "end", "actor"]),
    ("quotes", "speaker+kind", ["doc_id", "sent_id", "speaker", "kind"]),
    ("speakers", "speaker", ["doc_id", "sent_id", "speaker"]),
    ("roles", "role", ["doc_id", "actor", "role", "counterpart"]),
    ("triggers", "kind", ["doc_id", "sent_id", "kind"]),
    ("triggers", "kind+parties", ["doc_id", "sent_id", "kind", "threatener", "target"]),
    ("events", "root+modality", ["doc_id", "sent_id", "cameo_root", "modality"]),
    ("events", "root", ["doc_id", "sent_id", "cameo_root"]),
    ("stance", "sign", ["doc_id", "holder", "target", "sign"]),
]
#: Document-level categories (scoped by document, not by sampled sentence).
DOCUMENT_LEVEL = ("roles", "stance")
#: CAMEO roots merged into the one class "attack" (see the module docstring).
ATTACK_CLASS_ROOTS = ("18", "19")
#: |score| at or below this is sign "0". Zero: the design says sign(score), and the stance
#: step already gives 0 when it finds no evidence.
STANCE_SIGN_BAND = 0.0
#: Columns that carry the item's own words, first found wins (for reading the errors).
TEXT_COLUMNS = ("quote", "surface", "text", "evidence", "condition", "cue")
RESULT_COLUMNS = ["prefix", "category", "variant", "keys", "n_gold", "n_predicted", "tp", "fp", "fn",
                  "precision", "recall", "f1"]
_SIGNS = {"+": "+", "+1": "+", "1": "+", "positive": "+", "conciliatory": "+", "pos": "+",
          "-": "-", "-1": "-", "negative": "-", "hostile": "-", "neg": "-",
          "0": "0", "neutral": "0", "none": "0"}


# --------------------------------------------------------------------------------------------
# Key sets and the measures
# --------------------------------------------------------------------------------------------

def norm_value(value) -> str:
    """A key value as compared: stripped, lower case, "" when missing, "3" for 3.0.

    >>> [norm_value(v) for v in (" Iran ", 3.0, "3", None, float("nan"), "2.5")]
    ['iran', '3', '3', '', '', '2.5']
    """
    if value is None:
        return ""
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return ""
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return str(int(value))
    s = str(value).strip()
    if s.lower() in ("nan", "none", "<na>"):
        return ""
    try:
        f = float(s)
        if f.is_integer() and s.lstrip("+-").replace(".", "", 1).isdigit():
            return str(int(f))
    except ValueError:
        pass
    return s.lower()


def key_set(df: pd.DataFrame, keys: list[str]) -> set[tuple]:
    """The set of normalised key tuples of a table (duplicates collapse; a missing key
    column counts as empty)."""
    if df is None or len(df) == 0:
        return set()
    cols = [df[k].map(norm_value) if k in df else pd.Series("", index=df.index) for k in keys]
    return set(zip(*cols))


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def precision_recall(gold: pd.DataFrame, predicted: pd.DataFrame, keys: list[str]) -> dict:
    """tp, fp, fn, precision, recall, f1 (and n_gold, n_predicted) on sets of key tuples.

    Duplicated rows collapse into one item on each side; precision is NaN without any
    prediction, recall NaN without any gold item, F1 NaN when either is NaN or both are 0.
    """
    g, p = key_set(gold, keys), key_set(predicted, keys)
    tp, fp, fn = len(g & p), len(p - g), len(g - p)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    if math.isnan(precision) or math.isnan(recall) or precision + recall == 0:
        f1 = float("nan")
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1,
            "n_gold": len(g), "n_predicted": len(p)}


def _row_details(df: pd.DataFrame, keys: list[str]) -> dict[tuple, dict]:
    """Per key tuple, the row's own words and notes (unique values joined by " | ")."""
    if df is None or len(df) == 0:
        return {}
    text_col = next((c for c in TEXT_COLUMNS if c in df), None)
    tuples = list(zip(*[df[k].map(norm_value) if k in df else pd.Series("", index=df.index) for k in keys]))
    texts = df[text_col].fillna("").astype(str).tolist() if text_col else [""] * len(df)
    notes = df["notes"].fillna("").astype(str).tolist() if "notes" in df else [""] * len(df)
    out: dict[tuple, dict] = {}
    for t, tx, nt in zip(tuples, texts, notes):
        d = out.setdefault(t, {"text": [], "notes": []})
        if tx.strip() and tx.strip() not in d["text"]:
            d["text"].append(tx.strip())
        if nt.strip() and nt.strip() not in d["notes"]:
            d["notes"].append(nt.strip())
    return {k: {"text": " | ".join(v["text"]), "notes": " | ".join(v["notes"])} for k, v in out.items()}


def misses_and_false_alarms(gold: pd.DataFrame, predicted: pd.DataFrame, keys: list[str],
                            sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The items the pipeline missed (in gold only) and its false alarms (predicted only).

    Columns: error (miss or false_alarm; not called "kind" because quotes and triggers have
    a key column of that name), the key columns (normalised values), text (the
    row's own words: quote, surface, text, evidence ...), notes (the coder's notes), and
    ``sentence`` (the sentence text) when ``sentences`` is given and the keys include
    doc_id and sent_id. Sorted by the keys (numbers by value), misses first at equal keys.

    >>> g = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "kind": ["ultimatum"], "notes": ["deadline"]})
    >>> p = pd.DataFrame({"doc_id": ["d"], "sent_id": [1], "kind": ["retaliation"], "text": ["in response to"]})
    >>> misses_and_false_alarms(g, p, ["doc_id", "sent_id", "kind"])[["error", "sent_id", "kind", "text", "notes"]].values.tolist()
    [['miss', '0', 'ultimatum', '', 'deadline'], ['false_alarm', '1', 'retaliation', 'in response to', '']]
    """
    g, p = key_set(gold, keys), key_set(predicted, keys)
    gd, pd_ = _row_details(gold, keys), _row_details(predicted, keys)
    rows = [(0, "miss", *t, gd.get(t, {}).get("text", ""), gd.get(t, {}).get("notes", "")) for t in g - p]
    rows += [(1, "false_alarm", *t, pd_.get(t, {}).get("text", ""), "") for t in p - g]
    rows.sort(key=lambda r: (_natural(r[2:2 + len(keys)]), r[0]))
    out = pd.DataFrame([r[1:] for r in rows], columns=["error", *keys, "text", "notes"])
    if sentences is not None and {"doc_id", "sent_id"} <= set(keys) and len(out):
        lookup = {(norm_value(d), norm_value(s)): t for d, s, t in
                  zip(sentences["doc_id"], sentences["sent_id"], sentences["text"])}
        out["sentence"] = [lookup.get((d, s), "") for d, s in zip(out["doc_id"], out["sent_id"])]
    return out.reset_index(drop=True)


def _natural(values: tuple) -> tuple:
    """Sort key: numbers by value ("2" before "10"), then text."""
    return tuple((0, int(v), "") if v.isdigit() else (1, 0, v) for v in values)


# --------------------------------------------------------------------------------------------
# Reading hand coding, and the predicted side of each category
# --------------------------------------------------------------------------------------------

def read_annotation(path) -> pd.DataFrame:
    """One hand-coding CSV: header row, whole lines starting with ``#`` skipped (a ``#``
    inside a cell is kept), every cell a stripped string, missing cells "".

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); f = os.path.join(d, "x_triggers.csv")
    >>> _ = open(f, "w", encoding="utf-8").write('# comment\\ndoc_id,sent_id,kind,notes\\nd,1,ultimatum,"see # 3"\\n')
    >>> read_annotation(f).values.tolist()
    [['d', '1', 'ultimatum', 'see # 3']]
    """
    with open(path, encoding="utf-8-sig", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    rows = list(csv.reader(io.StringIO("".join(lines))))
    if not rows:
        return pd.DataFrame()
    header = [h.strip() for h in rows[0]]
    body = [[c.strip() for c in r[:len(header)]] + [""] * (len(header) - len(r)) for r in rows[1:]]
    return pd.DataFrame(body, columns=header, dtype=object)


def _header(path) -> set[str]:
    """The column names of a CSV (its first line that is not a comment)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for line in fh:
            if line.strip() and not line.lstrip().startswith("#"):
                return {c.strip() for c in next(csv.reader([line]))}
    return set()


def find_annotation_files(annotations_dir) -> dict[str, dict[str, Path]]:
    """``{prefix: {category: path}}`` for every ``<prefix>_<category>.csv`` in a folder
    (also ``<prefix>_sample.csv`` under the key "sample"). A file counts only when its header
    has the category's key columns, so ``seed_non_triggers.csv`` (sentences that are *not*
    triggers, without doc_id or kind) is not read as the triggers of a prefix "seed_non"."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(Path(annotations_dir).glob("*.csv")):
        stem = path.stem
        for category in CATEGORIES + ["sample"]:
            if stem.endswith("_" + category) and len(stem) > len(category) + 1:
                need = {"doc_id", "sent_id"} if category == "sample" else \
                    set(next(k for c, _v, k in CHECKS if c == category))
                if need <= _header(path):
                    found.setdefault(stem[: -len(category) - 1], {})[category] = path
                break
    return found


def _clean_gold(category: str, df: pd.DataFrame) -> pd.DataFrame:
    """Drop blank template rows; normalise roots, the attack class, signs, speakers."""
    df = df.copy()
    labels = [c for c in LABEL_COLUMNS[category] if c in df]
    if labels:
        filled = np.zeros(len(df), dtype=bool)
        for c in labels:
            filled |= df[c].map(norm_value).ne("").to_numpy()
        df = df[filled]
    if category == "events" and "cameo_root" in df:
        df["cameo_root"] = df["cameo_root"].map(event_class)
    if category == "stance" and "sign" in df:
        df["sign"] = df["sign"].map(lambda v: _SIGNS.get(norm_value(v), norm_value(v)))
    if category == "speakers" and "speaker" in df:
        df = df[~df["speaker"].map(norm_value).isin(["author", ""])]
    return df.reset_index(drop=True)


def event_class(root) -> str:
    """A CAMEO root zero-padded, with 18 and 19 merged into "attack".

    >>> [event_class(v) for v in ("8", "13", "18", 19.0, "20", "")]
    ['08', '13', 'attack', 'attack', '20', '']
    """
    s = norm_value(root)
    if s.isdigit():
        s = f"{int(s):02d}"
    return "attack" if s in ATTACK_CLASS_ROOTS else s


def stance_sign(score, band: float = STANCE_SIGN_BAND) -> str:
    """"+", "-" or "0" for a stance score (0 within ``band`` of zero or when missing).

    >>> [stance_sign(v) for v in (-0.4, 0.0, 0.2, None)]
    ['-', '0', '+', '0']
    """
    try:
        x = float(score)
    except (TypeError, ValueError):
        return "0"
    if math.isnan(x) or abs(x) <= band:
        return "0"
    return "+" if x > 0 else "-"


def predicted_table(analysis, category: str) -> pd.DataFrame:
    """The analysis' rows for one category, shaped like the hand coding."""
    if category == "speakers":
        s = analysis["sentences"]
        out = pd.DataFrame({"doc_id": s["doc_id"], "sent_id": s["sent_id"], "speaker": s["speaker"],
                            "cited": s.get("cited", ""), "text": s["text"]})
        return out[~out["speaker"].map(norm_value).isin(["author", ""])].reset_index(drop=True)
    df = analysis[category].copy()
    if category == "mentions" and len(df):
        df = df[df["actor"].map(norm_value) != ""]
    if category == "events" and len(df):
        root = df["cameo_root"] if "cameo_root" in df else df["cameo_code"].astype(str).str[:2]
        df["cameo_root"] = root.map(event_class)
    if category == "stance":
        df["sign"] = df["score"].map(stance_sign) if len(df) else pd.Series(dtype=object)
    return df.reset_index(drop=True)


def _scope(df: pd.DataFrame, docs: set, sentences: set | None, document_level: bool) -> pd.DataFrame:
    if df is None or len(df) == 0:
        return df
    d = df["doc_id"].map(norm_value)
    mask = d.isin(docs)
    if sentences is not None and not document_level and "sent_id" in df:
        pairs = list(zip(d, df["sent_id"].map(norm_value)))
        mask &= pd.Series([p in sentences for p in pairs], index=df.index)
    return df[mask]


def _gold_and_predicted(analysis, annotations_dir, prefix: str | None = None):
    """Yield (prefix, category, gold, predicted) per annotated category, both scoped."""
    found = find_annotation_files(annotations_dir)
    analysed = set(analysis["documents"]["doc_id"].map(norm_value))
    for pre in sorted(found):
        if prefix is not None and pre != prefix:
            continue
        files = found[pre]
        golds = {c: _clean_gold(c, read_annotation(files[c])) for c in CATEGORIES if c in files}
        docs = set()
        for g in golds.values():
            if "doc_id" in g:
                docs |= set(g["doc_id"].map(norm_value))
        sample = None
        if "sample" in files:
            s = read_annotation(files["sample"])
            if {"doc_id", "sent_id"} <= set(s.columns):
                sample = set(zip(s["doc_id"].map(norm_value), s["sent_id"].map(norm_value)))
                docs |= {d for d, _ in sample}
        docs &= analysed
        if not docs:
            continue  # a hand coding of documents this analysis does not hold
        for category, gold in golds.items():
            level = category in DOCUMENT_LEVEL
            yield (pre, category, _scope(gold, docs, sample, level),
                   _scope(predicted_table(analysis, category), docs, sample, level))


def validate(analysis, annotations_dir, prefix: str | None = None) -> pd.DataFrame:
    """Precision and recall of every category against the hand coding in ``annotations_dir``.

    One row per check in ``CHECKS`` whose file exists: prefix, category, variant, keys,
    n_gold, n_predicted, tp, fp, fn, precision, recall, f1. ``prefix`` picks one hand coding
    when the folder holds several (default: every prefix whose documents the analysis holds).
    """
    rows = []
    for pre, category, gold, predicted in _gold_and_predicted(analysis, annotations_dir, prefix):
        for cat, variant, keys in CHECKS:
            if cat != category:
                continue
            if variant == "offsets" and not ({"start", "end"} <= set(gold.columns)
                                             and gold["start"].map(norm_value).ne("").any()):
                continue  # the coder gave no offsets
            r = precision_recall(gold, predicted, keys)
            rows.append((pre, category, variant, ", ".join(keys), r["n_gold"], r["n_predicted"],
                         r["tp"], r["fp"], r["fn"], r["precision"], r["recall"], r["f1"]))
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def validation_errors(analysis, annotations_dir, category: str, variant: str | None = None,
                      prefix: str | None = None) -> pd.DataFrame:
    """Misses and false alarms of one category (first variant unless ``variant`` is given),
    with each sentence's text: what to read to see why a figure is what it is."""
    checks = [c for c in CHECKS if c[0] == category and (variant is None or c[1] == variant)]
    if not checks:
        raise ValueError(f"no check for category {category!r} variant {variant!r}")
    keys = checks[0][2]
    parts = []
    for pre, cat, gold, predicted in _gold_and_predicted(analysis, annotations_dir, prefix):
        if cat == category:
            part = misses_and_false_alarms(gold, predicted, keys, analysis["sentences"])
            part.insert(0, "prefix", pre)
            parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["prefix", "error", *keys, "text", "notes"])
    return pd.concat(parts, ignore_index=True)


# --------------------------------------------------------------------------------------------
# Templates for a new hand coding
# --------------------------------------------------------------------------------------------

#: What to code, per category (for the templates' comment lines).
CATEGORY_HELP = {
    "mentions": "one row per actor mention in the sampled sentences (copy the row for each further mention)",
    "quotes": "one row per direct quotation (speech) or scare quote in the sampled sentences",
    "speakers": "one row per sampled sentence: whose words it carries (author when none)",
    "roles": "one row per role an actor plays in the document (the sentence that shows it in sent_id)",
    "triggers": "one row per escalation trigger: a conditional threat, a retaliation or an ultimatum",
    "events": "one row per reported action (attack, threat, truce ...) in the sampled sentences",
    "stance": "one row per holder -> target pair in the document",
}


def template_header(category: str, prefix: str = "annotation") -> str:
    """The ``#`` comment lines and header row of a blank template for one category."""
    cols = ANNOTATION_COLUMNS[category]
    lines = [f"# Hand coding: {category}. Fill one row per item; {CATEGORY_HELP[category]}.",
             f"# Save as <prefix>_{category}.csv (UTF-8; quote any cell with a comma) next to the other categories, then run",
             "#   helpers.validate.validate(helpers.analyze(CORPUS), FOLDER)  -> precision and recall per category.",
             "# Lines starting with # are comments. Rows whose label columns are all empty are ignored. Code every item in the",
             "# sampled sentences (or the whole document): an item you leave out turns a correct prediction into a false alarm.",
             "# Columns:"]
    lines += [f"#   {c} - {COLUMN_HELP.get(c, '')}" for c in cols + ["text"]]
    lines.append(",".join(cols + ["text"]))
    return "\n".join(lines) + "\n"


def annotation_template(sentences: pd.DataFrame, categories=None, n: int | None = 50,
                        seed: int = 0) -> dict[str, pd.DataFrame]:
    """Blank coding sheets for a sample of sentences.

    Draws ``n`` sentences at random (``seed`` fixed; all when ``n`` is None or larger than
    the table) and returns ``{"sample": doc_id, sent_id, text}`` plus, per category, one row
    per sampled sentence (per sampled document for stance) with the coding columns empty and
    the sentence's ``text`` to read.

    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 1, 0], "text": ["x", "y", "z"]})
    >>> t = annotation_template(s, ["events", "stance"], n=2, seed=0)
    >>> sorted(t), len(t["sample"]), list(t["events"].columns)[:3]
    (['events', 'sample', 'stance'], 2, ['doc_id', 'sent_id', 'source_actor'])
    """
    categories = list(categories) if categories is not None else CATEGORIES
    unknown = [c for c in categories if c not in ANNOTATION_COLUMNS]
    if unknown:
        raise ValueError(f"unknown categories: {', '.join(unknown)}")
    s = sentences[["doc_id", "sent_id", "text"]].copy()
    if n is not None and n < len(s):
        s = s.sample(n=n, random_state=seed)
    s = s.sort_values(["doc_id", "sent_id"], kind="mergesort").reset_index(drop=True)
    out = {"sample": s}
    for category in categories:
        cols = ANNOTATION_COLUMNS[category]
        base = s.drop_duplicates("doc_id")[["doc_id"]].assign(text="") if category in DOCUMENT_LEVEL and \
            "sent_id" not in cols else s
        sheet = pd.DataFrame({c: base[c].values if c in base else "" for c in cols})
        sheet["text"] = base["text"].values
        out[category] = sheet
    return out


def write_annotation_templates(analysis, out_dir, n: int = 50, seed: int = 0, prefix: str = "my",
                               categories=None) -> list[Path]:
    """Write ``<prefix>_sample.csv`` and one ``<prefix>_<category>.csv`` sheet per category
    (with their comment lines) for ``n`` sampled sentences; returns the paths. Fill the
    sheets and run ``validate(analysis, out_dir)``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sheets = annotation_template(analysis["sentences"], categories, n=n, seed=seed)
    paths = []
    sample_path = out_dir / f"{prefix}_sample.csv"
    with open(sample_path, "w", encoding="utf-8", newline="") as fh:
        fh.write("# The sampled sentences: validate() compares sentence-level categories on these only.\n")
        sheets["sample"].to_csv(fh, index=False, lineterminator="\n")
    paths.append(sample_path)
    for category, sheet in sheets.items():
        if category == "sample":
            continue
        path = out_dir / f"{prefix}_{category}.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            header = template_header(category, prefix)
            fh.write("".join(ln + "\n" for ln in header.splitlines()[:-1]))
            sheet.to_csv(fh, index=False, lineterminator="\n")
        paths.append(path)
    return paths


def write_blank_templates(out_dir, prefix: str = "annotation") -> list[Path]:
    """Write the blank templates shipped in ``helpers/templates/`` (comment lines and the
    header row of each category)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for category in CATEGORIES:
        path = out_dir / f"{prefix}_{category}.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(template_header(category, prefix))
        paths.append(path)
    return paths


# --------------------------------------------------------------------------------------------
# Notebook conveniences: what hand coding there is, uncertainty, a chart, near misses
# --------------------------------------------------------------------------------------------

#: z of a two-sided 95% interval: the Wilson intervals below are 95% intervals.
Z_95 = 1.959964
#: Colours of precision and recall in :func:`plot_validation` (Okabe-Ito, colour-blind safe).
MEASURE_COLOURS = {"precision": "#0072B2", "recall": "#E69F00"}


def annotation_inventory(annotations_dir, analysis=None) -> pd.DataFrame:
    """The hand-coding files in a folder: prefix, category, file, rows (coded rows, blank
    template rows left out), documents (distinct doc_ids), in_corpus (how many of those
    documents ``analysis`` holds; what :func:`validate` can compare). An empty table when
    the folder does not exist or holds no hand coding.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> _ = open(os.path.join(d, "x_triggers.csv"), "w", encoding="utf-8").write(
    ...     "doc_id,sent_id,kind\\na,1,ultimatum\\nb,2,\\n")
    >>> annotation_inventory(d).values.tolist()
    [['x', 'triggers', 'x_triggers.csv', 1, 1, nan]]
    """
    cols = ["prefix", "category", "file", "rows", "documents", "in_corpus"]
    if not Path(annotations_dir).is_dir():
        return pd.DataFrame(columns=cols)
    analysed = set(analysis["documents"]["doc_id"].map(norm_value)) if analysis is not None else None
    rows = []
    for prefix, files in sorted(find_annotation_files(annotations_dir).items()):
        for category, path in sorted(files.items()):
            df = read_annotation(path)
            if category != "sample" and len(df):
                df = _clean_gold(category, df) if category != "speakers" else \
                    df[df.get("speaker", pd.Series("", index=df.index)).map(norm_value) != ""]
            docs = set(df["doc_id"].map(norm_value)) if "doc_id" in df else set()
            rows.append((prefix, category, path.name, len(df), len(docs),
                         len(docs & analysed) if analysed is not None else float("nan")))
    return pd.DataFrame(rows, columns=cols)


def wilson_interval(k: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval of a proportion k/n (NaN, NaN when n is 0). Unlike k/n ± z·se it
    stays inside 0..1 and is honest about small n: 4 out of 4 is not "certainly 1".

    >>> [round(x, 2) for x in wilson_interval(4, 4)]
    [0.51, 1.0]
    >>> [round(x, 3) for x in wilson_interval(66, 67)]
    [0.92, 0.997]
    """
    if not n:
        return float("nan"), float("nan")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = 0.0 if k == 0 else max(0.0, centre - half)   # exact ends, not 0.9999999999999999
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


def with_intervals(scores: pd.DataFrame, z: float = Z_95) -> pd.DataFrame:
    """:func:`validate`'s table with 95% Wilson intervals: precision_low, precision_high
    (tp out of tp + fp) and recall_low, recall_high (tp out of tp + fn).

    >>> s = pd.DataFrame({"tp": [4], "fp": [0], "fn": [1]})
    >>> with_intervals(s).round(2)[["precision_low", "recall_low", "recall_high"]].values.tolist()
    [[0.51, 0.38, 0.96]]
    """
    out = scores.copy()
    for measure, other in (("precision", "fp"), ("recall", "fn")):
        bounds = [wilson_interval(int(tp), int(tp) + int(x), z) for tp, x in zip(out["tp"], out[other])]
        out[f"{measure}_low"] = [b[0] for b in bounds]
        out[f"{measure}_high"] = [b[1] for b in bounds]
    return out


def plot_validation(scores: pd.DataFrame, title: str = "Pipeline against hand coding"):
    """Precision and recall per check as paired horizontal bars, with 95% Wilson intervals
    as whiskers and the number of coded items (n_gold) next to each label. An empty table
    gives a panel that says there is nothing to compare."""
    import matplotlib.pyplot as plt

    if scores is None or scores.empty:
        fig, ax = plt.subplots(figsize=(6, 1.5))
        ax.text(0.5, 0.5, "no hand coding for these documents", ha="center", va="center",
                transform=ax.transAxes, color="#555555")
        ax.axis("off")
        return fig
    s = with_intervals(scores).iloc[::-1].reset_index(drop=True)
    labels = [f"{c} ({v}), n={g}" for c, v, g in zip(s["category"], s["variant"], s["n_gold"])]
    y = np.arange(len(s))
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(s) + 1.4))
    undefined = {"precision": "no prediction", "recall": "nothing coded"}
    for offset, measure in ((0.2, "precision"), (-0.2, "recall")):
        value = s[measure].astype(float)
        err = np.vstack([(value - s[f"{measure}_low"]).clip(lower=0).fillna(0),
                         (s[f"{measure}_high"] - value).clip(lower=0).fillna(0)])
        ax.barh(y + offset, value.fillna(0), height=0.38, color=MEASURE_COLOURS[measure],
                label=measure, xerr=err, error_kw={"ecolor": "#333333", "capsize": 2, "lw": 0.8})
        for yi in y[value.isna().to_numpy()]:  # NaN is not 0: say why there is no bar
            ax.text(0.01, yi + offset, f"{measure}: {undefined[measure]}", va="center",
                    fontsize="x-small", color="#555555")
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize="small")
    ax.set_xlim(0, 1.02)
    ax.set_xlabel("share (whiskers: 95% Wilson interval)")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize="small")
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    fig.tight_layout()
    return fig


def near_misses(errors: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`validation_errors` whose sentence has both a miss and a false alarm:
    the pipeline saw something in the right sentence but labelled it differently (another
    CAMEO root, another speaker, a different convention). Empty when the errors have no
    sent_id (roles, stance).

    >>> e = pd.DataFrame({"error": ["miss", "false_alarm", "miss"], "doc_id": ["d"] * 3,
    ...                   "sent_id": ["2", "2", "5"], "speaker": ["author", "", "irna"]})
    >>> near_misses(e)[["error", "sent_id", "speaker"]].values.tolist()
    [['miss', '2', 'author'], ['false_alarm', '2', '']]
    """
    if errors is None or errors.empty or not {"doc_id", "sent_id", "error"} <= set(errors.columns):
        return errors.iloc[0:0] if errors is not None else pd.DataFrame()
    kinds = errors.groupby(["doc_id", "sent_id"])["error"].transform("nunique")
    return errors[kinds > 1].reset_index(drop=True)


def write_annotation(rows: pd.DataFrame, out_dir, prefix: str, category: str) -> Path:
    """Write hand-coded ``rows`` as ``<prefix>_<category>.csv`` in ``out_dir``, with the
    template's comment lines and columns (``ANNOTATION_COLUMNS``, plus ``text`` when given;
    missing columns are written empty). ``category`` "sample" writes doc_id, sent_id, text.
    Returns the path.

    >>> import tempfile
    >>> p = write_annotation(pd.DataFrame([{"doc_id": "d", "sent_id": 1, "kind": "ultimatum"}]),
    ...                      tempfile.mkdtemp(), "demo", "triggers")
    >>> p.name, read_annotation(p)[["doc_id", "sent_id", "kind", "target"]].values.tolist()
    ('demo_triggers.csv', [['d', '1', 'ultimatum', '']])
    """
    if category != "sample" and category not in ANNOTATION_COLUMNS:
        raise ValueError(f"unknown category {category!r}; use sample or one of {', '.join(CATEGORIES)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    cols = ["doc_id", "sent_id"] if category == "sample" else list(ANNOTATION_COLUMNS[category])
    if "text" in rows.columns or category == "sample":
        cols.append("text")
    sheet = pd.DataFrame({c: rows[c].values if c in rows else "" for c in cols}, index=range(len(rows)))
    path = out_dir / f"{prefix}_{category}.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        if category == "sample":
            fh.write("# The sampled sentences: validate() compares sentence-level categories on these only.\n")
        else:
            fh.write("".join(ln + "\n" for ln in template_header(category, prefix).splitlines()[:-1]))
        sheet.to_csv(fh, index=False, lineterminator="\n")
    return path


def column_guide(categories=None) -> pd.DataFrame:
    """What each column of the hand-coding sheets means: column, meaning, categories (the
    sheets that have it), in the order the sheets first use them.

    >>> column_guide(["triggers"]).column.tolist()[:4]
    ['doc_id', 'sent_id', 'kind', 'threatener']
    """
    categories = list(categories) if categories is not None else CATEGORIES
    seen: dict[str, list[str]] = {}
    for category in categories:
        for c in ANNOTATION_COLUMNS[category]:
            seen.setdefault(c, []).append(category)
    rows = [(c, COLUMN_HELP.get(c, ""), ", ".join(cats)) for c, cats in seen.items()]
    return pd.DataFrame(rows, columns=["column", "meaning", "categories"])


# --------------------------------------------------------------------------- labelled sentences
# Sets of single sentences, each labelled with the events and triggers a careful reader expects
# (tests/fixtures/event_sentences.csv and the held-out event_sentences_heldout.csv): a quick
# measure of the event and trigger rules on phrasings from many outlets, without a corpus.

def _labelled_items(cell) -> list[tuple[str, ...]]:
    """The ";"-separated items of a label cell, each split at ":" ("19:asserted:iran:" →
    ("19", "asserted", "iran", "")).

    >>> _labelled_items("19:asserted:iran:;13:future::israel"), _labelled_items("")
    ([('19', 'asserted', 'iran', ''), ('13', 'future', '', 'israel')], [])
    """
    text = "" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else str(cell)
    return [tuple(x.split(":")) for x in text.split(";") if x]


def _same_bloc(a: str, b: str) -> bool:
    from .actors import bloc_of
    return (bloc_of(a) if a else "") == (bloc_of(b) if b else "")


def score_labelled_sentences(labelled: pd.DataFrame, what: str = "events") -> dict:
    """Precision and recall of the rules on labelled sentences (columns id, doc_date, text,
    events, triggers; see tests/fixtures/event_sentences.csv).

    ``what="events"``: system events are matched to labels within a sentence on (CAMEO root,
    modality); among matches, ``source_agrees``/``target_agrees`` count actors that agree at
    the level of the bloc they roll up to (idf counts for israel). ``what="triggers"``:
    matched on kind; ``source_agrees`` is the threatener, ``target_agrees`` the target.
    Returns n_sentences, n_labelled, tp, fp, fn, precision, recall, source_agrees,
    target_agrees (shares of tp).
    """
    from .actors import context_for_text
    from .events import find_events
    from .pipeline import TABLE_COLUMNS
    from .triggers import find_triggers
    if what not in {"events", "triggers"}:
        raise ValueError(f"what must be 'events' or 'triggers', not {what!r}")
    tp = fp = fn = src = tgt = n_gold = 0
    for row in labelled.to_dict("records"):
        gold = _labelled_items(row.get(what))
        n_gold += len(gold)
        ctx = context_for_text(str(row["text"]), date=row.get("doc_date") or None)
        if what == "events":
            cols = TABLE_COLUMNS["events"]
            found = [dict(zip(cols, r)) for r in find_events(ctx)]
            found = [((e["cameo_root"], e["modality"]), e["source_actor"], e["target_actor"]) for e in found]
            key = lambda g: tuple(g[:2])  # noqa: E731 - (root, modality)
            parties = lambda g: (g[2] if len(g) > 2 else "", g[3] if len(g) > 3 else "")  # noqa: E731
        else:
            cols = TABLE_COLUMNS["triggers"]
            found = [dict(zip(cols, r)) for r in find_triggers(ctx)]
            found = [((t["kind"],), t["threatener"], t["target"]) for t in found]
            key = lambda g: tuple(g[:1])  # noqa: E731 - kind
            parties = lambda g: (g[1] if len(g) > 1 else "", g[2] if len(g) > 2 else "")  # noqa: E731
        left = list(gold)
        for k, source, target in found:
            hit = next((g for g in left if key(g) == k), None)
            if hit is None:
                fp += 1
                continue
            left.remove(hit)
            tp += 1
            g_source, g_target = parties(hit)
            src += _same_bloc(g_source, source)
            tgt += _same_bloc(g_target, target)
        fn += len(left)
    return {"n_sentences": len(labelled), "n_labelled": n_gold, "tp": tp, "fp": fp, "fn": fn,
            "precision": round(tp / (tp + fp), 3) if tp + fp else float("nan"),
            "recall": round(tp / (tp + fn), 3) if tp + fn else float("nan"),
            "source_agrees": round(src / tp, 3) if tp else float("nan"),
            "target_agrees": round(tgt / tp, 3) if tp else float("nan")}


def labelled_sentence_scores(sets: dict) -> pd.DataFrame:
    """``score_labelled_sentences`` for events and triggers on each labelled set (name →
    path or DataFrame): one row per (set, what).

    >>> df = pd.DataFrame({"id": [1], "doc_date": ["2024-07-01"], "events": ["19:asserted:hezbollah:israel"],
    ...                    "triggers": [""], "text": ["Hezbollah fired rockets at Israel."]})
    >>> labelled_sentence_scores({"demo": df}).loc[("demo", "events"), ["tp", "fp", "fn"]].tolist()
    [1, 0, 0]
    """
    from .lexicon import read_lexicon
    rows = {}
    for name, data in sets.items():
        df = data if isinstance(data, pd.DataFrame) else read_lexicon(Path(data))
        for what in ("events", "triggers"):
            rows[(name, what)] = score_labelled_sentences(df, what)
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.names = ["set", "what"]
    counts = ["n_sentences", "n_labelled", "tp", "fp", "fn"]
    return out.astype({c: int for c in counts})
