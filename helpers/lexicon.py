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
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"


def lexicon_path(name: str | Path) -> Path:
    """Path of a lexicon given its short name (``"actors"``) or any CSV path."""
    p = Path(name)
    if p.suffix == ".csv" or p.exists():
        return p
    return LEXICON_DIR / f"{name}.csv"


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


def phrase_regex(phrase: str) -> str:
    """Regex source for one phrase: escaped, inner spaces match any whitespace run,
    apostrophes match straight or curly forms, hyphens match a hyphen or a space."""
    out = []
    for ch in phrase.strip():
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in "'’‘":
            out.append("['’‘]?")
        elif ch == "-":
            out.append(r"[-\s]?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@lru_cache(maxsize=256)
def _compile(phrases: tuple[str, ...], ignore_case: bool) -> re.Pattern:
    alts = sorted({p for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    body = "|".join(phrase_regex(p) for p in alts) or r"(?!x)x"
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", flags)


def phrase_pattern(phrases, ignore_case: bool = True) -> re.Pattern:
    """One compiled alternation for many phrases, longest first, on word boundaries."""
    return _compile(tuple(phrases), ignore_case)
