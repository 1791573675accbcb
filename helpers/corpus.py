"""Load a corpus into the ``documents`` and ``skipped`` tables.

A corpus is a folder of ``.txt`` (or ``.html``) files, one such file, or a table
(``.csv``, ``.jsonl``, ``.parquet``) with at least a ``text`` column and usually ``id``,
``date``, ``source`` and ``title``. A folder may also hold tables; they are expanded row by
row.

Steps:

1. List the inputs: every file under a folder (sorted, recursively), or the one file.
2. Decode each text file: a byte-order mark decides (UTF-8, UTF-16, UTF-32); else strict
   UTF-8; else cp1252 with a note; NUL bytes or many control characters mean a binary file.
3. Strip HTML to text when the file is a page (``<script>``/``<style>`` dropped, block tags
   become line breaks, entities unescaped; ``<title>`` gives the title).
4. Read the header: a first line ``date YYYY-MM-DD`` (on its own line or followed by the
   text, after optional spaces), then optional ``source:``, ``title:``, ``url:``, ``note:``
   lines. The header is not part of the analysed text. A malformed or future date is noted.
5. Mark the language: text mostly in Arabic script is ``ar`` or ``fa`` (Persian letters) and
   is kept but not scored as English.
6. Flag exact duplicates (``duplicate_of`` names the first document with the same text).

Every input ends up either as a document or as a ``skipped`` row with its reason, so
``len(documents) + len(skipped) == number of inputs``.

>>> from helpers.corpus import parse_header
>>> parse_header(" date 2024-07-01 Militias threatened US forces.")["date"]
'2024-07-01'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

DOCUMENT_COLUMNS = [
    "doc_id", "date", "source", "title", "n_sentences", "path",
    "lang", "encoding", "duplicate_of", "note",
]
SKIPPED_COLUMNS = ["path", "reason"]
TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet"}
# Files larger than this are not read into memory as one document (a 50 MB file is fine).
MAX_FILE_BYTES = 512 * 1024 * 1024
# A text whose first 8 kB holds more than this share of control characters is binary.
BINARY_CONTROL_SHARE = 0.10
# Share of letters in Arabic script above which a document is not English.
ARABIC_SCRIPT_SHARE = 0.30
HEADER_KEYS = ("source", "title", "url", "note")

_DATE_LINE = re.compile(r"^[ \t\ufeff]*date[ \t]*:?[ \t]+(\S+)[ \t]*", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KEY_LINE = re.compile(r"^[ \t]*(source|title|url|note)[ \t]*:[ \t]*(.*?)[ \t]*$", re.IGNORECASE)
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_PERSIAN_ONLY = re.compile(r"[\u067E\u0686\u0698\u06AF\u06A9\u06CC]")
_LATIN = re.compile(r"[A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_WHITESPACE = re.compile(r"\s+")


EMPTY_TABLE = "table has no rows"


def invalid_json_reason(line_no: int, exc: json.JSONDecodeError) -> str:
    """The skipped-row reason for a JSONL line that is not valid JSON."""
    return f"invalid JSON on line {line_no}, column {exc.colno}: {exc.msg}"


def unreadable_table_reason(exc: Exception, suffix: str) -> str:
    """The skipped-row reason for a table file a reader could not read."""
    first = str(exc).splitlines()[0] if str(exc) else ""
    return (f"unreadable table ({type(exc).__name__}: {first}); check that the file is a "
            f"complete {suffix} file, or export it again")


#: Column names a table may use for each field, in order of preference (matched without
#: regard to case, spaces, hyphens or underscores): exports from news APIs, scrapers and
#: archives name them differently ("body", "content"; "published_at", "pubDate"; "outlet").
COLUMN_NAMES = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "maintext",
             "story", "document"),
    "date": ("date", "published", "published_at", "publish_date", "publication_date",
             "pubdate", "date_publish", "datetime", "timestamp", "created_at"),
    "source": ("source", "outlet", "publisher", "source_name", "publication", "newspaper",
               "media", "site", "domain"),
    "title": ("title", "headline", "heading"),
    "id": ("id", "doc_id", "article_id", "uuid", "guid"),
}


def _column_key(name) -> str:
    return re.sub(r"[\s_-]+", "", str(name)).lower()


def table_columns(columns) -> dict[str, str]:
    """field → the table's column for it (``COLUMN_NAMES``), for the fields it has.

    >>> table_columns(["Headline", "body", "pubDate", "outlet"])
    {'text': 'body', 'date': 'pubDate', 'source': 'outlet', 'title': 'Headline'}
    """
    by_key = {}
    for c in columns:
        by_key.setdefault(_column_key(c), c)
    found = {}
    for role, names in COLUMN_NAMES.items():
        for name in names:
            if _column_key(name) in by_key:
                found[role] = by_key[_column_key(name)]
                break
    return found


def missing_text_reason(path: Path, columns: list[str]) -> str:
    """The message for a table without a text column, naming the columns it has."""
    return (f"{path.name} has no text column (one of: {', '.join(COLUMN_NAMES['text'])}); "
            f"it has: {', '.join(columns) or 'no columns'}")


class CorpusError(ValueError):
    """A corpus path or table that cannot be used at all (the CLI prints it and exits 2)."""


@dataclass
class Corpus:
    """The loaded corpus: ``documents`` (with the analysed ``text``) and ``skipped``."""

    documents: pd.DataFrame
    skipped: pd.DataFrame
    texts: dict = field(default_factory=dict)

    def __iter__(self):  # allows ``documents, skipped = load_corpus(path)``
        return iter((self.documents, self.skipped))


# --------------------------------------------------------------------------- decoding
def decode_bytes(data: bytes) -> tuple[str | None, str, str]:
    """Decode file bytes. Returns (text or None, encoding, reason-or-note).

    >>> decode_bytes("café".encode("cp1252"))[1:]
    ('cp1252', 'not valid UTF-8: decoded as cp1252')
    >>> decode_bytes(b"\\xff\\xfeh\\x00i\\x00")[:2]
    ('hi', 'utf-16')
    >>> decode_bytes(b"abc\\x00\\x00def")[0] is None
    True
    """
    boms = [
        (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
    ]
    for bom, enc in boms:
        if data.startswith(bom):
            try:
                return data.decode(enc).lstrip("\ufeff"), enc.replace("-sig", ""), ""
            except UnicodeDecodeError as exc:
                return None, enc, f"unreadable: byte-order mark says {enc} but decoding failed ({exc.reason})"
    head = data[:8192]
    if b"\x00" in head:
        return None, "", "binary file (NUL bytes)"
    try:
        text, enc, note = data.decode("utf-8"), "utf-8", ""
    except UnicodeDecodeError:
        try:
            text, enc = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, enc = data.decode("latin-1"), "latin-1"
        note = f"not valid UTF-8: decoded as {enc}"
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > BINARY_CONTROL_SHARE:
        return None, enc, "binary file (control characters)"
    return text, enc, note


# --------------------------------------------------------------------------- HTML
class _TextExtractor(HTMLParser):
    BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
             "table", "section", "article", "header", "footer", "blockquote", "figcaption",
             "figure", "pre", "hr", "title", "main", "aside", "nav"})
    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """True for a web page or a fragment with several tags.

    >>> looks_like_html("<html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Rockets hit the base <3 times")
    False
    """
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return len(re.findall(r"</?(?:p|div|br|span|a|body|h[1-6]|li|table|script|style)\b[^>]*>",
                          text[:20000], re.IGNORECASE)) >= 3


def html_to_text(text: str) -> tuple[str, str]:
    """Strip HTML to plain text; returns (text, title).

    >>> html_to_text("<html><title>T</title><p>A &amp; B</p><script>x()</script></html>")
    ('A & B', 'T')
    """
    parser = _TextExtractor()
    # Scripts and styles as a whole: HTMLParser handles them, but a missing end tag
    # must not swallow the page, so remove complete blocks first.
    cleaned = re.sub(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>", " ", text)
    parser.feed(cleaned)
    parser.close()
    body = "".join(parser.parts)
    body = re.sub(r"[ \t\r\f\v]+", " ", body)
    body = re.sub(r" *\n *", "\n", body)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    title = " ".join("".join(parser.title_parts).split())
    return html.unescape(body) if "&" in body else body, title


# --------------------------------------------------------------------------- header
def parse_header(text: str, today: dt.date | None = None) -> dict:
    """Split the optional header from the text.

    Returns a dict with ``text`` (the analysed text), ``date`` (ISO or ""), the header keys
    found and ``notes`` (a list of strings).

    >>> h = parse_header("date 2024-01-29\\nsource: Northern Ledger\\n\\nBody.")
    >>> (h["date"], h["source"], h["text"])
    ('2024-01-29', 'Northern Ledger', 'Body.')
    >>> parse_header("date 2024-13-45\\nBody.")["notes"]
    ["malformed date line 'date 2024-13-45': no date set"]
    """
    out: dict = {"date": "", "notes": []}
    m = _DATE_LINE.match(text)
    if not m:
        out["text"] = text
        return out
    value = m.group(1)
    rest = text[m.end():]
    if _ISO_DATE.match(value):
        try:
            out["date"] = dt.date.fromisoformat(value).isoformat()
        except ValueError:
            out["notes"].append(f"malformed date line 'date {value}': no date set")
    else:
        out["notes"].append(f"malformed date line 'date {value}': no date set")
    # Header keys: only on the lines directly after the date line.
    if rest.startswith(("\r\n", "\n")):
        lines = rest.split("\n")
        i = 1
        while i < len(lines):
            km = _KEY_LINE.match(lines[i].rstrip("\r"))
            if not km:
                break
            out[km.group(1).lower()] = km.group(2)
            i += 1
        rest = "\n".join(lines[i:])
    out["text"] = rest.strip("\r\n")
    return out


def detect_language(text: str) -> str:
    """``en`` unless most letters are Arabic script: then ``fa`` (Persian letters) or ``ar``.

    >>> detect_language("Militias threatened the base.")
    'en'
    >>> detect_language("هدد الحشد القواعد الأمريكية")
    'ar'
    >>> detect_language("گروه های مقاومت تهدید کردند")
    'fa'
    """
    sample = text[:20000]
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic and arabic / max(1, arabic + latin) > ARABIC_SCRIPT_SHARE:
        return "fa" if _PERSIAN_ONLY.search(sample) else "ar"
    return "en" if latin else "und"


# --------------------------------------------------------------------------- loading
class _Collector:
    def __init__(self):
        self.docs: list[dict] = []
        self.skipped: list[tuple[str, str]] = []
        self.seen_ids: dict[str, int] = {}
        self.seen_text: dict[str, str] = {}

    def skip(self, path, reason):
        self.skipped.append((str(path), reason))

    def add(self, doc_id, text, path, date="", source="", title="", encoding="", notes=(),
            today=None):
        text = text if isinstance(text, str) else ("" if text is None else str(text))
        if not text.strip():
            self.skip(path, "empty text" if not text else "only whitespace")
            return
        notes = list(notes)
        doc_id = str(doc_id).strip() or Path(str(path)).stem
        if doc_id in self.seen_ids:
            self.seen_ids[doc_id] += 1
            new_id = f"{doc_id}-{self.seen_ids[doc_id]}"
            notes.append(f"id {doc_id!r} repeated: renamed {new_id!r}")
            doc_id = new_id
        self.seen_ids.setdefault(doc_id, 1)
        date = _normalise_date(date, notes, today)
        lang = detect_language(text)
        if lang != "en":
            notes.append(f"not English ({lang}): kept, not scored")
        digest = hashlib.sha1(_WHITESPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()
        dup = self.seen_text.setdefault(digest, doc_id)
        duplicate_of = "" if dup == doc_id else dup
        if duplicate_of:
            notes.append(f"exact duplicate of {duplicate_of}")
        self.docs.append({
            "doc_id": doc_id, "date": date, "source": _cell_text(source),
            "title": _cell_text(title), "n_sentences": 0, "path": str(path),
            "lang": lang, "encoding": encoding, "duplicate_of": duplicate_of,
            "note": "; ".join(notes), "text": text,
        })


def _cell_text(value) -> str:
    """A table cell as text: missing values (None, NaN, NA) become ""."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def _normalise_date(value, notes, today=None) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    value = str(value).strip()
    if not value:
        return ""
    if _ISO_DATE.match(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            notes.append(f"malformed date {value!r}: no date set")
            return ""
    else:
        try:
            day = pd.Timestamp(value).date()
        except (ValueError, TypeError, OverflowError):
            notes.append(f"malformed date {value!r}: no date set")
            return ""
    if day > (today or dt.date.today()):
        notes.append(f"date {day.isoformat()} is in the future")
    return day.isoformat()


def _load_text_file(path: Path, col: _Collector, doc_id: str, today=None) -> None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            col.skip(path, f"file too large ({size} bytes > {MAX_FILE_BYTES})")
            return
        data = path.read_bytes()
    except OSError as exc:
        col.skip(path, f"unreadable: {exc.strerror or exc}")
        return
    if not data:
        col.skip(path, "empty file")
        return
    text, encoding, note = decode_bytes(data)
    if text is None:
        col.skip(path, note)
        return
    notes = [note] if note else []
    title = ""
    header = parse_header(text, today)
    text = header["text"]
    notes += header["notes"]
    if path.suffix.lower() in {".html", ".htm"} or looks_like_html(text):
        text, title = html_to_text(text)
        notes.append("HTML stripped to text")
    if not text.strip():
        col.skip(path, "only whitespace" if data else "empty file")
        return
    col.add(doc_id, text, path, date=header["date"], source=header.get("source", ""),
            title=header.get("title") or title, encoding=encoding, notes=notes, today=today)
    if header.get("note"):
        col.docs[-1]["note"] = "; ".join(filter(None, [header["note"], col.docs[-1]["note"]]))


def jsonl_objects(path: Path, col: _Collector | None = None):
    """The JSON objects of a JSONL file, one per non-blank line, each with its line number
    under ``__line__``. A broken line or a line that is not an object becomes a skipped row
    in ``col`` (when given) and is not yielded."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                if col is not None:
                    col.skip(f"{path}:{line_no}", invalid_json_reason(line_no, exc))
                continue
            if not isinstance(obj, dict):
                if col is not None:
                    col.skip(f"{path}:{line_no}", f"line {line_no} is not a JSON object")
                continue
            obj["__line__"] = line_no
            yield obj


def _read_table(path: Path, col: _Collector) -> pd.DataFrame | None:
    """Read a table file; on failure add a skipped row (or rows) and return None."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if suffix == ".csv":
            raw = path.read_bytes()
            text, _enc, note = decode_bytes(raw)
            if text is None:
                col.skip(path, note)
                return None
            import io
            return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        return pd.DataFrame(list(jsonl_objects(path, col)))
    except Exception as exc:  # noqa: BLE001 - any reader failure is reported, not raised
        col.skip(path, unreadable_table_reason(exc, suffix))
        return None


def _load_table(path: Path, col: _Collector, strict: bool, today=None) -> None:
    n_skipped = len(col.skipped)
    table = _read_table(path, col)
    columns = None if table is None else [str(c) for c in table.columns if c != "__line__"]
    if not usable_table(path, col, columns, strict, n_skipped):
        return
    for i, row in enumerate(table.to_dict("records")):
        add_table_row(col, path, i, row, today)
    if len(table) == 0:
        _skip_empty_table(path, col, n_skipped)


def usable_table(path: Path, col: _Collector, columns, strict: bool, n_skipped: int) -> bool:
    """Whether a table's rows can be read as documents. ``columns`` is None when the file
    could not be read (its skipped row is already in ``col``): as the one corpus file, that
    is an error. No columns at all means no rows; no ``text`` column is an error for the one
    corpus file and a skipped row inside a folder."""
    if columns is None:
        if strict and len(col.skipped) > n_skipped and str(col.skipped[-1][0]) == str(path):
            raise CorpusError(f"{path}: {col.skipped[-1][1]}")
        return False
    if not columns:  # a JSONL file of blank lines, an empty CSV
        _skip_empty_table(path, col, n_skipped)
        return False
    if "text" not in table_columns(columns):
        if strict:
            raise CorpusError(missing_text_reason(path, columns))
        col.skip(path, missing_text_reason(path, columns))
        return False
    return True


def _skip_empty_table(path: Path, col: _Collector, n_skipped: int) -> None:
    if len(col.skipped) == n_skipped:  # no line of this file was listed yet
        col.skip(path, EMPTY_TABLE)


def add_table_row(col: _Collector, path: Path, i: int, row: dict, today=None) -> None:
    """Add row ``i`` of a table (a dict; ``__line__`` holds a JSONL line number) as a
    document or a skipped row."""
    line = row.get("__line__")
    where = f"{path}:{line}" if line is not None else f"{path}:row {i + 1}"
    fields = table_columns(k for k in row if k != "__line__")
    row = {field: row.get(column) for field, column in fields.items()}
    if isinstance(row.get("source"), dict):  # news APIs: "source": {"id": ..., "name": ...}
        row["source"] = row["source"].get("name") or row["source"].get("id")
    raw_id = row.get("id")
    if isinstance(raw_id, float) and raw_id.is_integer():
        raw_id = int(raw_id)  # JSON/Parquet ids read as floats when some are missing
    doc_id = _cell_text(raw_id)
    text = _cell_text(row.get("text")) if not isinstance(row.get("text"), str) else row["text"]
    notes = []
    if looks_like_html(text):
        text, _t = html_to_text(text)
        notes.append("HTML stripped to text")
    col.add(doc_id or f"{path.stem}-{i + 1}", text, where, date=row.get("date"),
            source=row.get("source", ""), title=row.get("title", ""), encoding="",
            notes=notes, today=today)


def classify_input(p: Path, folder: Path) -> tuple[str, str]:
    """What a file found in a corpus folder is: ("text", ""), ("table", "") or ("skip", why)."""
    suffix = p.suffix.lower()
    if any(part.startswith(".") for part in p.relative_to(folder).parts):
        return "skip", "hidden file: not read"
    if p.stem.upper() in {"README", "LICENSE", "NOTICE"}:
        return "skip", "corpus documentation (README/LICENSE): not a document"
    if suffix in TEXT_SUFFIXES:
        return "text", ""
    if suffix in TABLE_SUFFIXES:
        return "table", ""
    return "skip", (f"unsupported file type {suffix or '(no extension)'}: "
                    f"use .txt, .html, .csv, .jsonl or .parquet")


def list_inputs(path: Path) -> list[Path]:
    """Every file under a folder, sorted, hidden folders skipped (their files are listed)."""
    return sorted(p for p in path.rglob("*") if p.is_file())


def load_corpus(path, today: dt.date | None = None) -> Corpus:
    """Load a folder, a text file or a table into ``documents`` and ``skipped``.

    Raises :class:`CorpusError` for a path that does not exist, an unknown single-file format
    or a single table without a ``text`` column.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("date 2024-07-01 Drones hit Eilat.", encoding="utf-8")
    >>> _ = (d / "b.txt").write_text("   ", encoding="utf-8")
    >>> docs, skipped = load_corpus(d)
    >>> docs[["doc_id", "date"]].values.tolist(), skipped["reason"].tolist()
    ([['a', '2024-07-01']], ['only whitespace'])
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"corpus not found: {path} (give a folder of .txt files, a .txt file, "
                          f"or a .csv/.jsonl/.parquet table)")
    col = _Collector()
    if path.is_dir():
        for p in list_inputs(path):
            kind, reason = classify_input(p, path)
            if kind == "text":
                _load_text_file(p, col, p.stem, today)
            elif kind == "table":
                _load_table(p, col, strict=False, today=today)
            else:
                col.skip(p, reason)
    else:
        suffix = path.suffix.lower()
        if suffix in TABLE_SUFFIXES:
            _load_table(path, col, strict=True, today=today)
        elif suffix in TEXT_SUFFIXES or suffix == "":
            _load_text_file(path, col, path.stem, today)
        else:
            raise CorpusError(f"unknown corpus format {suffix!r} for {path}: "
                              f"use a folder, .txt, .html, .csv, .jsonl or .parquet")
    documents = pd.DataFrame(col.docs, columns=DOCUMENT_COLUMNS + ["text"])
    skipped = pd.DataFrame(col.skipped, columns=SKIPPED_COLUMNS)
    return Corpus(documents=documents, skipped=skipped)
