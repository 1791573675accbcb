"""Lexicons are data: CSV files in ``helpers/lexicons/``, read and compiled here.

Every lexicon file is a CSV with a header row. Lines that start with ``#`` are comments: each
file opens with comment lines that say what every column means and how rows were chosen
(``helpers/lexicons/README.md`` has the same in one place). Multi-valued cells separate their
values with ``|``.

Steps:

1. ``read_lexicon(name)`` reads ``helpers/lexicons/<name>.csv`` (or any path) into a
   DataFrame of strings, comments dropped, cells stripped, missing cells as ``""``.
2. ``phrase_pattern(phrases)`` compiles many phrases into one alternation, longest first, with
   word boundaries and flexible inner whitespace, so a whole lexicon is one regular
   expression scanned once over a text (no loop of patterns per sentence).

>>> pat = phrase_pattern(["Hezbollah", "Kataib Hezbollah"])
>>> [m.group(0) for m in pat.finditer("Kataib  Hezbollah and Hezbollah")]
['Kataib  Hezbollah', 'Hezbollah']
"""

from __future__ import annotations

import csv
import io
import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

# An analyst may point the package at a copy of the lexicons (HELPERS_LEXICON_DIR) to try
# edits without touching the installed files; files missing there come from the package.
PACKAGE_LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
LEXICON_DIR = Path(os.environ.get("HELPERS_LEXICON_DIR", PACKAGE_LEXICON_DIR))


def lexicon_path(name: str | Path) -> Path:
    """Path of a lexicon given its short name (``"actors"``) or any CSV path."""
    p = Path(name)
    if p.suffix == ".csv" or p.exists():
        return p
    candidate = LEXICON_DIR / f"{name}.csv"
    return candidate if candidate.exists() else PACKAGE_LEXICON_DIR / f"{name}.csv"


def read_lexicon(name: str | Path) -> pd.DataFrame:
    """Read a lexicon CSV: header row, ``#`` comment lines skipped, every cell a string.

    >>> df = read_lexicon("actors")
    >>> {"id", "name", "type", "parent"} <= set(df.columns)
    True
    """
    path = lexicon_path(name)
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    rows = list(csv.reader(io.StringIO("".join(lines))))
    if not rows:
        raise ValueError(f"lexicon {path} has no header row")
    header = [h.strip() for h in rows[0]]
    body = []
    for i, row in enumerate(rows[1:], start=2):
        if len(row) > len(header):
            raise ValueError(f"lexicon {path}: row {i} has {len(row)} cells, header has {len(header)}")
        body.append([c.strip() for c in row] + [""] * (len(header) - len(row)))
    return pd.DataFrame(body, columns=header, dtype=object)


def split_values(cell: str) -> list[str]:
    """Split a multi-valued cell on ``|``.

    >>> split_values("Kataib Hezbollah| KH |")
    ['Kataib Hezbollah', 'KH']
    """
    return [v.strip() for v in str(cell or "").split("|") if v.strip()]


def phrase_atoms(phrase: str, ignore_case: bool = True) -> list[str]:
    """Regex atoms for one phrase, one per character: inner spaces match any whitespace run,
    apostrophes match straight or curly forms (or none), hyphens match a hyphen, a space or
    nothing, and letters match either case when ``ignore_case``.

    >>> pat = re.compile("".join(phrase_atoms("Kata'ib al-Haq")))
    >>> [bool(pat.fullmatch(t)) for t in ["Kataib al Haq", "KATA’IB Al-Haq", "Kataib Haq"]]
    [True, True, False]
    """
    atoms: list[str] = []
    for ch in phrase.strip():
        if ch.isspace():
            if not atoms or atoms[-1] != r"\s+":
                atoms.append(r"\s+")
        elif ch in "'’‘":
            atoms.append("['’‘]?")
        elif ch == "-":
            atoms.append(r"[-\s]?")
        elif ignore_case and ch.lower() != ch.upper():
            low, up = ch.lower(), ch.upper()
            atoms.append(f"[{re.escape(low)}{re.escape(up)}]" if len(low) == len(up) == 1 else re.escape(ch))
        else:
            atoms.append(re.escape(ch))
    return atoms


def phrase_regex(phrase: str) -> str:
    """Regex source for one phrase (case handled by the caller's flags)."""
    return "".join(phrase_atoms(phrase, ignore_case=False))


def trie_regex(atom_lists) -> str:
    """One regex for many phrases given as atom lists, shaped as a prefix tree.

    A flat alternation of a thousand names makes the regex engine try every name at every
    position; the tree shares prefixes, so each position costs a few steps. At each node the
    longer continuations come first and the end of a shorter phrase last, so the longest
    phrase that fits wins.

    >>> re.fullmatch(trie_regex([["a", "b"], ["a", "b", "c"], ["x"]]), "abc") is not None
    True
    """
    root: dict = {}
    for atoms in atom_lists:
        if not atoms:
            continue
        node = root
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [atom + build(child) for atom, child in sorted(node.items()) if atom]
        if "" in node:
            alts.append("")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return build(root) if root else r"(?!x)x"


@lru_cache(maxsize=256)
def _compile(phrases: tuple[str, ...], ignore_case: bool) -> re.Pattern:
    body = trie_regex(phrase_atoms(p, ignore_case) for p in sorted(set(phrases)) if p.strip())
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])")


def phrase_pattern(phrases, ignore_case: bool = True) -> re.Pattern:
    """One compiled prefix-tree regex for many phrases, longest first, on word boundaries."""
    return _compile(tuple(phrases), ignore_case)


# --------------------------------------------------------------------------- editing
_CACHES: list = []


def cached(fn):
    """Cache a function that compiles a lexicon, once per process; ``use_lexicons`` and
    ``reload`` clear every such cache so edited files are read again."""
    wrapped = lru_cache(maxsize=8)(fn)
    _CACHES.append(wrapped)
    return wrapped


def reload() -> None:
    """Forget every compiled lexicon: the next analysis reads the CSV files again."""
    for fn in _CACHES:
        fn.cache_clear()
    _compile.cache_clear()


def use_lexicons(directory=None) -> Path:
    """Read lexicons from ``directory`` from now on (files missing there come from the
    package); ``None`` goes back to the package's own files. Returns the directory in use.

    An analyst copies the lexicons (``copy_lexicons``), edits a row, calls this, re-runs.
    """
    global LEXICON_DIR
    LEXICON_DIR = Path(directory) if directory else PACKAGE_LEXICON_DIR
    reload()
    return LEXICON_DIR


def copy_lexicons(destination) -> Path:
    """Copy the package's lexicon files to ``destination`` (created) for editing."""
    import shutil

    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for path in sorted(PACKAGE_LEXICON_DIR.iterdir()):
        if path.suffix in {".csv", ".md"}:
            shutil.copyfile(path, destination / path.name)
    return destination


def add_rows(name: str, rows: list[dict], directory) -> Path:
    """Append rows (dicts keyed by column) to the lexicon ``name`` in ``directory``; the
    file's comment lines are kept. Returns the file's path."""
    path = Path(directory) / f"{name}.csv"
    header = list(read_lexicon(path).columns)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        writer.writerow([row.get(col, "") for col in header])
    with open(path, "a", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())
    return path
