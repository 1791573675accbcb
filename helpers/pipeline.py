"""The one entry point: ``analyze(corpus)`` runs every step and returns every table.

Steps, per document (``analyze_document``):

1. normalise the text and split it into sentences (``helpers.clean``);
2. find actor mentions, quotations and who speaks each sentence (``helpers.actors``);
3. roles, events (CAMEO-coded, dated) and escalation triggers
   (``helpers.actors``, ``helpers.events``, ``helpers.triggers``);
4. sentence stance and the holder → target stance table (``helpers.stance``).

Documents not in English are split into sentences but not scored. Rows are collected as
tuples and turned into DataFrames once, so the cost per document stays small; the pandas
engine runs documents one after another, the Dask engine maps the same function over
partitions (``helpers.scale``). Output is sorted, so the same input gives the same tables.
"""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .clean import normalize, paragraph_index, sentence_spans
from .corpus import Corpus, CorpusError, load_corpus
from .document import DocContext

TABLE_COLUMNS: dict[str, list[str]] = {
    "documents": ["doc_id", "date", "source", "title", "n_sentences", "path", "lang",
                  "encoding", "duplicate_of", "note"],
    "skipped": ["path", "reason"],
    "sentences": ["doc_id", "sent_id", "start", "end", "text", "speaker", "cited",
                  "paragraph", "stance", "vader"],
    "mentions": ["doc_id", "sent_id", "actor", "surface", "start", "end", "pejorative",
                 "bloc", "via"],
    "quotes": ["doc_id", "sent_id", "speaker", "cited", "kind", "quote", "start", "end"],
    "events": ["doc_id", "sent_id", "source_actor", "target_actor", "cameo_code", "cameo_root",
               "quad_class", "goldstein", "modality", "date", "date_precision", "text", "cue",
               "start", "end"],
    "triggers": ["doc_id", "sent_id", "kind", "threatener", "target", "condition",
                 "consequence", "text", "cue", "start", "end"],
    "roles": ["doc_id", "sent_id", "actor", "role", "counterpart", "evidence", "rule"],
    "stance": ["doc_id", "holder", "target", "score", "n_evidence", "evidence_sent_ids"],
}
TABLES = list(TABLE_COLUMNS)
PER_DOCUMENT_TABLES = ["sentences", "mentions", "quotes", "events", "triggers", "roles", "stance"]
SORT_KEYS = {
    "documents": ["doc_id"], "skipped": ["path", "reason"],
    "sentences": ["doc_id", "sent_id"], "mentions": ["doc_id", "start", "end", "actor"],
    "quotes": ["doc_id", "start", "end"], "events": ["doc_id", "sent_id", "start", "cameo_code"],
    "triggers": ["doc_id", "sent_id", "kind", "start"],
    "roles": ["doc_id", "sent_id", "actor", "role", "counterpart"],
    "stance": ["doc_id", "holder", "target"],
}


class Analysis:
    """Every table of one analysis, by attribute (``result.events``) or by name
    (``result["events"]``)."""

    def __init__(self, tables: dict[str, pd.DataFrame]):
        self.tables = tables

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def __iter__(self):
        return iter(self.tables)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables.items())
        return f"Analysis({sizes})"


def _parse_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _stages():
    """The analysis steps after sentence splitting, imported lazily (one direction)."""
    from . import actors, events, stance, triggers
    return actors, events, triggers, stance


@contextmanager
def _gc_paused():
    """Pause Python's cyclic garbage collector for the duration of one document (and restore
    it as it was). The steps make many small objects that die with the document; each full
    collection scans every live object, so with the collector on the cost per character grew
    with document size (measured on one 800 kB document against a 50 kB prefix of it: 1.3-1.5x
    with it, 1.1-1.2x without; 3-8 % faster on the 10,000-sentence benchmark corpus). Cycles
    made meanwhile are collected once it runs again, so memory stays bounded by one document."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def analyze_document(doc: dict, baseline: bool = True) -> dict[str, list[tuple]]:
    """Run every step on one document (a ``documents`` row with its ``text``).

    Returns, for each per-document table, a list of row tuples in ``TABLE_COLUMNS`` order.
    ``baseline=False`` leaves the ``vader`` column empty (the benchmark times the pipeline
    without the VADER baseline it is compared with).
    """
    with _gc_paused():
        return _analyze_document(doc, baseline)


def _analyze_document(doc: dict, baseline: bool) -> dict[str, list[tuple]]:
    doc_id = str(doc["doc_id"])
    text = normalize(doc.get("text") or "")
    spans = sentence_spans(text)
    ctx = DocContext(doc_id=doc_id, text=text, spans=spans, date=_parse_date(doc.get("date")),
                     source=str(doc.get("source") or ""))
    ctx.paragraphs = paragraph_index(text, spans)
    out: dict[str, list[tuple]] = {t: [] for t in PER_DOCUMENT_TABLES}
    sent_scores: list = [None] * len(spans)
    vader: list = [None] * len(spans)
    if doc.get("lang", "en") == "en" and spans:
        actors, events, triggers, stance = _stages()
        ctx.set_mentions(actors.find_mentions(ctx))
        out["quotes"] = actors.find_quotes(ctx)
        out["mentions"] = actors.mention_rows(ctx)
        out["events"] = events.find_events(ctx)
        out["triggers"] = triggers.find_triggers(ctx)
        out["roles"] = actors.find_roles(ctx, out["events"], out["triggers"])
        sent_scores, vader, out["stance"] = stance.score_document(ctx, baseline=baseline)
    for i, (a, b) in enumerate(spans):
        out["sentences"].append((doc_id, i, a, b, text[a:b], ctx.speakers[i], ctx.cited[i],
                                 ctx.paragraphs[i], sent_scores[i], vader[i]))
    return out


def frames_from_rows(rows: dict[str, list[tuple]]) -> dict[str, pd.DataFrame]:
    """Turn collected row tuples into sorted DataFrames with the design's columns."""
    frames = {}
    for name, data in rows.items():
        df = pd.DataFrame(data, columns=TABLE_COLUMNS[name])
        frames[name] = sort_table(name, df)
    return frames


def sort_table(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Sort a table by its key columns so output does not depend on processing order."""
    keys = [k for k in SORT_KEYS.get(name, []) if k in df.columns]
    if keys and len(df):
        df = df.sort_values(keys, kind="mergesort").reset_index(drop=True)
    return df


def analyze_documents(documents: pd.DataFrame, progress: bool = False,
                      baseline: bool = True) -> dict[str, pd.DataFrame]:
    """Run ``analyze_document`` over a documents table (one process)."""
    rows: dict[str, list[tuple]] = {t: [] for t in PER_DOCUMENT_TABLES}
    records = documents.to_dict("records")
    iterator = records
    if progress:
        from tqdm.auto import tqdm
        iterator = tqdm(records, desc="documents", unit="doc", mininterval=1.0)
    n_sentences = []
    for doc in iterator:
        result = analyze_document(doc, baseline=baseline)
        n_sentences.append(len(result["sentences"]))
        for name, data in result.items():
            rows[name].extend(data)
    frames = frames_from_rows(rows)
    docs = documents.drop(columns=["text"], errors="ignore").copy()
    docs["n_sentences"] = n_sentences if len(docs) else pd.Series(dtype="int64")
    frames["documents"] = sort_table("documents", docs[TABLE_COLUMNS["documents"]])
    return frames


def as_corpus(corpus) -> Corpus:
    """Accept a path, a ``Corpus`` or a DataFrame with a ``text`` column."""
    if isinstance(corpus, Corpus):
        return corpus
    if isinstance(corpus, pd.DataFrame):
        from .corpus import COLUMN_NAMES, _Collector, table_columns
        fields = table_columns(corpus.columns)
        if "text" not in fields:
            raise CorpusError(f"the table has no text column (one of: {', '.join(COLUMN_NAMES['text'])}); "
                              f"it has: {', '.join(map(str, corpus.columns))}")
        col = _Collector()
        for i, raw in enumerate(corpus.to_dict("records")):
            row = {field: raw.get(column) for field, column in fields.items()}
            col.add(row.get("id", "") or f"doc-{i + 1}", row.get("text"), f"row {i + 1}",
                    date=row.get("date"), source=row.get("source", ""), title=row.get("title", ""))
        return Corpus(pd.DataFrame(col.docs, columns=TABLE_COLUMNS["documents"] + ["text"]),
                      pd.DataFrame(col.skipped, columns=TABLE_COLUMNS["skipped"]))
    return load_corpus(Path(corpus))


def analyze(corpus, engine: str = "pandas", progress: bool | None = None, **engine_options) -> Analysis:
    """Analyse a corpus and return every table.

    ``corpus``: a folder of .txt files, one .txt file, a .csv/.jsonl/.parquet table, a
    ``Corpus`` or a DataFrame with a ``text`` column. ``engine``: ``"pandas"`` (one process)
    or ``"dask"`` (partitions on a dask.distributed cluster; see ``helpers.scale``).

    >>> result = analyze("seeds")
    >>> int(result.documents.n_sentences.sum()) == len(result["sentences"])
    True
    """
    if engine not in {"pandas", "dask"}:
        raise ValueError(f"unknown engine {engine!r}: use 'pandas' or 'dask'")
    loaded = as_corpus(corpus)
    if engine == "dask":
        from .scale import analyze_dask
        frames = analyze_dask(loaded.documents, progress=progress, **engine_options)
    else:
        frames = analyze_documents(loaded.documents, progress=bool(progress))
    frames["skipped"] = sort_table("skipped", loaded.skipped[TABLE_COLUMNS["skipped"]].copy())
    return Analysis({name: frames[name] for name in TABLES})


def write_tables(result: Analysis, directory) -> list[Path]:
    """Write every table as ``<directory>/<table>.csv`` (UTF-8, LF line ends)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in TABLES:
        path = directory / f"{name}.csv"
        result[name].to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        paths.append(path)
    return paths
