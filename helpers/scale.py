"""Scaling out: the Dask engine, streaming a corpus in batches, and a corpus of any size.

Three tools for corpora larger than the seed:

``analyze_dask(documents)`` runs the same per-document function as the pandas engine
(``pipeline.analyze_document``) on a ``dask.distributed`` cluster:

1. the documents table becomes a list of plain dicts, split into partitions of a few hundred
   documents (about ``TARGET_PARTITION_SENTENCES`` sentences each, estimated from the text
   length) and at least ``PARTITIONS_PER_WORKER`` partitions per worker, so every worker
   stays busy and no partition is large enough to hold up the end of the run;
2. a ``dask.bag`` maps ``analyze_partition`` over the partitions; each partition returns row
   tuples per table and the number of sentences of each of its documents;
3. the partitions are gathered in their original order and turned into DataFrames by
   ``pipeline.frames_from_rows``, exactly as the pandas engine does, so both engines give the
   same tables row for row.

The cluster is the ``client`` you pass, or the scheduler at ``scheduler`` (an address such as
``tcp://10.0.0.5:8786``), or else a ``LocalCluster`` with one single-threaded worker process
per core that is started for the call and closed after it (the analysis is pure Python, so
threads would share one interpreter lock; processes run in parallel).

``iter_corpus_batches(corpus, batch_size)`` reads a corpus lazily: a folder file by file, a
CSV in chunks, a Parquet file in record batches, a JSONL file line by line; it yields
``Corpus`` batches (``documents`` of at most ``batch_size`` rows and the ``skipped`` rows found
while reading them). ``analyze_stream(corpus, out_dir)`` runs the pandas engine batch by batch
and appends every table to ``out_dir/<table>.csv``, so memory depends on the batch size, not
on the corpus. Documents, repeated ids, duplicates and skipped inputs are decided exactly as by
``helpers.corpus.load_corpus`` (the loader's state, the ids and text digests seen so far, is
kept across batches: about 100 bytes per document).

``make_large_corpus(n_sentences)`` builds a synthetic corpus of about that many sentences by
resampling the sentences of the seed and fixture documents (seeded, deterministic), for the
benchmark (``helpers.bench``) and notebook 07.

Reads no lexicon itself; the steps it runs read theirs.
"""

from __future__ import annotations

import codecs
import logging
import math
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from . import pipeline
from .corpus import (
    BINARY_CONTROL_SHARE,
    DOCUMENT_COLUMNS,
    SKIPPED_COLUMNS,
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    Corpus,
    CorpusError,
    _Collector,
    _load_text_file,
    _skip_empty_table,
    add_table_row,
    classify_input,
    jsonl_objects,
    list_inputs,
    usable_table,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURE_CORPUS = ROOT / "tests" / "fixtures" / "corpus"

# A partition should take a worker a second or two: long enough that scheduling overhead
# (a few milliseconds per task) is negligible, short enough that the last partition does not
# keep one worker busy while the others idle.
TARGET_PARTITION_SENTENCES = 2000
# Upper bound on documents per partition, whatever the estimate says (very short documents).
MAX_PARTITION_DOCS = 500
# At least this many partitions per worker, so a slow partition can be balanced by others.
PARTITIONS_PER_WORKER = 2
# Average characters per sentence in news prose (the seed: 2,706 characters, 19 sentences,
# about 140; wire copy runs 120-180). Only used to size partitions, never for results.
CHARS_PER_SENTENCE = 140
# Streaming: documents per batch. A batch of 500 news documents is a few MB of text and its
# tables a few tens of MB: small next to any machine's memory, large enough that per-batch
# overhead (building DataFrames, appending CSV) is small.
DEFAULT_BATCH_SIZE = 500
# Rows per chunk when a table file (CSV, Parquet, JSONL) is read in pieces.
TABLE_CHUNK_ROWS = 2000
# Synthetic documents take this many sentences (inclusive), from one source document.
SYNTHETIC_MIN_SENTENCES = 8
SYNTHETIC_MAX_SENTENCES = 30
# Synthetic documents start a new paragraph after this many sentences (news paragraphs hold
# one to four sentences).
SYNTHETIC_PARAGRAPH_SENTENCES = 3


# --------------------------------------------------------------------------- dask engine
def analyze_partition(docs: list[dict], baseline: bool = True
                      ) -> tuple[dict[str, list[tuple]], list[int]]:
    """Run ``pipeline.analyze_document`` on a list of documents (one partition).

    Returns the row tuples per table, in document order, and the number of sentences of
    each document. ``baseline=False`` leaves the ``vader`` column empty, as in the pandas
    engine.

    >>> rows, n = analyze_partition([{"doc_id": "a", "text": "", "lang": "en"}])
    >>> n, rows["sentences"]
    ([0], [])
    """
    rows: dict[str, list[tuple]] = {t: [] for t in pipeline.PER_DOCUMENT_TABLES}
    n_sentences = []
    for doc in docs:
        result = pipeline.analyze_document(doc, baseline=baseline)
        n_sentences.append(len(result["sentences"]))
        for name, data in result.items():
            rows[name].extend(data)
    return rows, n_sentences


def _bag_partition(docs, baseline: bool = True) -> list:
    """``dask.bag`` partitions are sequences: wrap the partition result in a one-item list."""
    return [analyze_partition(list(docs), baseline)]


def choose_partition_size(documents: pd.DataFrame, n_workers: int) -> int:
    """Documents per partition: about ``TARGET_PARTITION_SENTENCES`` sentences (estimated
    from the text length), at most ``MAX_PARTITION_DOCS``, and small enough to give at least
    ``PARTITIONS_PER_WORKER`` partitions per worker.

    >>> docs = pd.DataFrame({"text": ["x" * 2800] * 1000})   # about 20 sentences each
    >>> choose_partition_size(docs, 2)
    100
    >>> choose_partition_size(docs.head(10), 2)                # 4 partitions for 2 workers
    3
    """
    n_docs = len(documents)
    if n_docs == 0:
        return 1
    if "text" in documents.columns:
        mean_chars = float(documents["text"].fillna("").astype(str).str.len().mean())
    else:
        mean_chars = CHARS_PER_SENTENCE
    sentences_per_doc = max(1.0, mean_chars / CHARS_PER_SENTENCE)
    size = int(TARGET_PARTITION_SENTENCES // sentences_per_doc)
    size = max(1, min(size, MAX_PARTITION_DOCS))
    spread = math.ceil(n_docs / (PARTITIONS_PER_WORKER * max(1, n_workers)))
    return max(1, min(size, spread))


def start_local_client(n_workers: int | None = None, dashboard: bool = True,
                       profile: bool = False):
    """Start a ``LocalCluster`` (one single-threaded worker process per core) and a client.

    ``dashboard=True`` serves the Dask dashboard on a free port (see ``dashboard_link``) when
    bokeh is installed. ``profile=False`` turns off the workers' statistical profiler (it
    samples every worker thread every 10 ms, which costs CPU on pure-Python work; the
    dashboard's Profile tab stays empty). Close it with ``close_client(client)``.
    """
    import importlib.util

    import dask
    from distributed import Client, LocalCluster

    address = ":0" if dashboard and importlib.util.find_spec("bokeh") else None
    # distributed is imported above, so its defaults are in the config this context restores
    with dask.config.set({"distributed.worker.profile.enabled": profile}):
        cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1,
                               threads_per_worker=1, processes=True, dashboard_address=address,
                               silence_logs=logging.ERROR)
    return Client(cluster)


def close_client(client) -> None:
    """Close a client and the cluster it started (if it started one)."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def dashboard_link(client) -> str | None:
    """The URL of the client's Dask dashboard, or None when none is served there (a cluster
    started with ``dashboard=False``, or bokeh missing). Asks the scheduler's own web server
    (a local request with a one-second timeout).
    """
    import urllib.request

    try:
        link = client.dashboard_link
        with urllib.request.urlopen(link, timeout=1) as response:
            return link if response.status == 200 else None
    except Exception:  # noqa: BLE001 - no dashboard, no web server, or no link at all
        return None


def _n_workers(client) -> int:
    try:
        return max(1, len(client.scheduler_info()["workers"]))
    except Exception:  # noqa: BLE001 - an unusual client: assume one worker
        return 1


def _empty_rows() -> dict[str, list[tuple]]:
    return {t: [] for t in pipeline.PER_DOCUMENT_TABLES}


def assemble_frames(documents: pd.DataFrame, rows: dict[str, list[tuple]],
                    n_sentences: list[int]) -> dict[str, pd.DataFrame]:
    """Turn gathered rows into the tables, with the documents table built exactly as the
    pandas engine builds it (``n_sentences`` in the order of ``documents``)."""
    frames = pipeline.frames_from_rows(rows)
    docs = documents.drop(columns=["text"], errors="ignore").copy()
    docs["n_sentences"] = n_sentences if len(docs) else pd.Series(dtype="int64")
    frames["documents"] = pipeline.sort_table(
        "documents", docs[pipeline.TABLE_COLUMNS["documents"]])
    return frames


def analyze_dask(documents: pd.DataFrame, progress=None, scheduler: str | None = None,
                 n_workers: int | None = None, partition_size: int | None = None,
                 client=None, baseline: bool = True) -> dict[str, pd.DataFrame]:
    """Analyse a documents table on a Dask cluster; the same tables as the pandas engine.

    ``client``: an existing ``distributed.Client`` (left open); else ``scheduler``: the
    address of a running scheduler; else a ``LocalCluster`` of ``n_workers`` processes
    (default: one per core), started and closed here. ``partition_size``: documents per
    partition (default: ``choose_partition_size``). ``progress``: a progress bar over the
    partitions. ``baseline=False`` leaves the ``vader`` column empty (as the pandas engine's
    ``analyze_documents(..., baseline=False)``).
    """
    records = documents.to_dict("records")
    if not records:
        return assemble_frames(documents, _empty_rows(), [])
    import dask.bag as db

    own = None
    if client is None:
        if scheduler:
            from distributed import Client
            own = client = Client(scheduler)
        else:
            own = client = start_local_client(n_workers, dashboard=bool(progress))
    try:
        workers = _n_workers(client)
        size = partition_size or choose_partition_size(documents, workers)
        bag = db.from_sequence(records, partition_size=size)
        bag = bag.map_partitions(_bag_partition, baseline=baseline)
        with warnings.catch_warnings():
            # the documents travel inside the task graph, once: that is the intent here
            warnings.filterwarnings("ignore", message="Sending large graph")
            futures = client.compute(bag.to_delayed())
        if progress:
            from distributed import as_completed
            from tqdm.auto import tqdm
            link = dashboard_link(client)
            desc = "partitions" + (f" (dashboard {link})" if link else "")
            for _ in tqdm(as_completed(futures), total=len(futures), desc=desc, unit="part"):
                pass
        results = client.gather(futures)
    finally:
        if own is not None:
            close_client(own)
    rows = _empty_rows()
    n_sentences: list[int] = []
    for part in results:
        for part_rows, part_counts in part:
            for name, data in part_rows.items():
                rows[name].extend(data)
            n_sentences.extend(part_counts)
    return assemble_frames(documents, rows, n_sentences)


# --------------------------------------------------------------------------- streaming
def _sniff_encoding(path: Path) -> tuple[str | None, str]:
    """Encoding of a table file, read in pieces; (None, reason) for a binary file.

    Same decisions as ``corpus.decode_bytes`` (byte-order mark; else strict UTF-8; else
    cp1252, else latin-1; NUL bytes or many control characters mean binary) without holding
    the file in memory.
    """
    with open(path, "rb") as fh:
        head = fh.read(4 * 8192)
    boms = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
            (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]
    for bom, enc in boms:
        if head.startswith(bom):
            return enc, ""
    if b"\x00" in head[:8192]:
        return None, "binary file (NUL bytes)"
    chosen = "latin-1"
    for enc in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(enc)()
        try:
            with open(path, "rb") as fh:
                while block := fh.read(1 << 20):
                    decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        chosen = enc
        break
    sample = head.decode(chosen, errors="ignore")[:8192]
    from .corpus import _CONTROL
    if sample and len(_CONTROL.findall(sample)) / len(sample) > BINARY_CONTROL_SHARE:
        return None, "binary file (control characters)"
    return chosen, ""


def _unreadable(exc: Exception, suffix: str = "") -> str:
    from .corpus import unreadable_table_reason
    return unreadable_table_reason(exc, suffix)


def _table_chunks(path: Path, col: _Collector, chunk_rows: int):
    """(columns, chunk iterator factory) for a table file, or None after adding a skipped row.

    The file is read once to check it (readable to the end; which columns it has) and again,
    in chunks, to yield rows, so a table that fails half-way is skipped as a whole, as by
    ``load_corpus``.
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq
            pf = pq.ParquetFile(path)
            meta = pf.schema_arrow.pandas_metadata or {}
            index_cols = {c for c in meta.get("index_columns", []) if isinstance(c, str)}
            columns = [n for n in pf.schema_arrow.names if n not in index_cols]

            def chunks():
                for batch in pq.ParquetFile(path).iter_batches(batch_size=chunk_rows):
                    yield pa.Table.from_batches([batch]).to_pandas()
            return columns, chunks
        if suffix == ".csv":
            encoding, reason = _sniff_encoding(path)
            if encoding is None:
                col.skip(path, reason)
                return None

            def reader():
                return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding,
                                   chunksize=chunk_rows)
            columns = [str(c) for c in pd.read_csv(path, dtype=str, keep_default_na=False,
                                                   encoding=encoding, nrows=0).columns]
            with reader() as it:  # the checking pass: the whole file must parse
                for _chunk in it:
                    pass

            def chunks():
                with reader() as it:
                    yield from it
            return columns, chunks
        # JSONL: one object per line; broken lines are skipped rows (reported once, here).
        keys: dict[str, None] = {}
        for obj in jsonl_objects(path, col):
            keys.update(dict.fromkeys(obj))
        keys.pop("__line__", None)
        columns = [*keys, "__line__"]

        def chunks():
            # every chunk gets every key of the file as a column, as the whole table would
            rows = []
            for obj in jsonl_objects(path):  # broken lines were listed in the first pass
                rows.append(obj)
                if len(rows) >= chunk_rows:
                    yield pd.DataFrame(rows, columns=columns)
                    rows = []
            if rows:
                yield pd.DataFrame(rows, columns=columns)
        return list(keys), chunks
    except Exception as exc:  # noqa: BLE001 - any reader failure is reported, not raised
        col.skip(path, _unreadable(exc, suffix))
        return None


def _stream_table(path: Path, col: _Collector, strict: bool, chunk_rows: int) -> Iterator[None]:
    """Add a table's rows to ``col`` chunk by chunk (``corpus._load_table`` in pieces);
    yields after each chunk so the caller can flush a batch."""
    n_skipped = len(col.skipped)
    found = _table_chunks(path, col, chunk_rows)
    columns, chunks = found if found is not None else (None, None)
    if not usable_table(path, col, columns, strict, n_skipped):
        return
    i = 0
    for table in chunks():
        for row in table.to_dict("records"):
            add_table_row(col, path, i, row)
            i += 1
            yield
    if i == 0:
        _skip_empty_table(path, col, n_skipped)


def _stream_inputs(path: Path, col: _Collector, chunk_rows: int) -> Iterator[None]:
    """Add documents to ``col`` one input (or one table row) at a time, in the order of
    ``load_corpus``; yields after each addition."""
    if not path.exists():
        raise CorpusError(f"corpus not found: {path} (give a folder of .txt files, a .txt file, "
                          f"or a .csv/.jsonl/.parquet table)")
    if not path.is_dir():
        suffix = path.suffix.lower()
        if suffix in TABLE_SUFFIXES:
            yield from _stream_table(path, col, True, chunk_rows)
        elif suffix in TEXT_SUFFIXES or suffix == "":
            _load_text_file(path, col, path.stem)
            yield
        else:
            raise CorpusError(f"unknown corpus format {suffix!r} for {path}: "
                              f"use a folder, .txt, .html, .csv, .jsonl or .parquet")
        return
    for p in list_inputs(path):
        kind, reason = classify_input(p, path)
        if kind == "text":
            _load_text_file(p, col, p.stem)
        elif kind == "table":
            yield from _stream_table(p, col, False, chunk_rows)
        else:
            col.skip(p, reason)
        yield


def _batch(col: _Collector, n: int | None = None) -> Corpus:
    """Take (up to ``n``) collected documents and every skipped row out of the collector."""
    take = col.docs if n is None else col.docs[:n]
    col.docs = [] if n is None else col.docs[n:]
    skipped, col.skipped = col.skipped, []
    return Corpus(pd.DataFrame(take, columns=DOCUMENT_COLUMNS + ["text"]),
                  pd.DataFrame(skipped, columns=SKIPPED_COLUMNS))


def iter_corpus_batches(corpus, batch_size: int = DEFAULT_BATCH_SIZE,
                        chunk_rows: int = TABLE_CHUNK_ROWS) -> Iterator[Corpus]:
    """Yield a corpus as ``Corpus`` batches of at most ``batch_size`` documents, reading it
    lazily (folders file by file, CSV in chunks, Parquet in record batches, JSONL by line).

    Each batch holds the ``skipped`` rows found while reading its documents; together the
    batches hold exactly the rows of ``load_corpus(corpus)``, in the same order. At least one
    (possibly empty) batch is yielded. A ``Corpus`` or a DataFrame with ``text`` is sliced.

    >>> batches = list(iter_corpus_batches(SEEDS, batch_size=10))
    >>> [len(b.documents) for b in batches], batches[0].skipped["reason"].tolist()
    ([1], ['corpus documentation (README/LICENSE): not a document'])
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if isinstance(corpus, (Corpus, pd.DataFrame)):
        loaded = pipeline.as_corpus(corpus)
        docs = loaded.documents
        starts = range(0, max(1, len(docs)), batch_size)
        for k, start in enumerate(starts):
            skipped = loaded.skipped if k == 0 else loaded.skipped.iloc[0:0]
            yield Corpus(docs.iloc[start:start + batch_size].reset_index(drop=True), skipped)
        return
    col = _Collector()
    yielded = False
    for _ in _stream_inputs(Path(corpus), col, chunk_rows):
        if len(col.docs) >= batch_size:
            yield _batch(col, batch_size)
            yielded = True
    if col.docs or col.skipped or not yielded:
        yield _batch(col)


def analyze_stream(corpus, out_dir, batch_size: int = DEFAULT_BATCH_SIZE,
                   progress: bool = False) -> dict[str, int]:
    """Analyse a corpus batch by batch with the pandas engine and append every table to
    ``out_dir/<table>.csv``; returns the number of rows written per table.

    Each batch's rows are sorted like ``analyze``'s tables, and the batches follow each other
    in corpus order, so a CSV is grouped by batch: sort it (``pipeline.sort_table`` or
    ``read_streamed_table``) to get exactly the rows of ``write_tables(analyze(corpus))``.
    Every table is per document, so batches do not depend on each other.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts = dict.fromkeys(pipeline.TABLES, 0)
    started: set[str] = set()
    batches = iter_corpus_batches(corpus, batch_size)
    if progress:
        from tqdm.auto import tqdm
        batches = tqdm(batches, desc="batches", unit="batch")
    for batch in batches:
        frames = pipeline.analyze_documents(batch.documents)
        frames["skipped"] = pipeline.sort_table(
            "skipped", batch.skipped[pipeline.TABLE_COLUMNS["skipped"]].copy())
        for name in pipeline.TABLES:
            frame = frames[name]
            if name in started and frame.empty:
                continue
            frame.to_csv(out / f"{name}.csv", index=False, encoding="utf-8",
                         lineterminator="\n", mode="a" if name in started else "w",
                         header=name not in started)
            started.add(name)
            counts[name] += len(frame)
    return counts


def _sortable(column: pd.Series) -> pd.Series:
    """A text column as numbers when every cell is a number (so "10" sorts after "9")."""
    numbers = pd.to_numeric(column, errors="coerce")
    return numbers if numbers.notna().all() else column


def read_streamed_table(out_dir, name: str) -> pd.DataFrame:
    """Read one CSV written by ``analyze_stream`` (every cell as text, empty cells as "")
    with its rows in the order of the in-memory table (the table's key columns, numbers
    compared as numbers): the result equals ``write_tables(analyze(corpus))``'s CSV read the
    same way, row for row."""
    df = pd.read_csv(Path(out_dir) / f"{name}.csv", dtype=str, keep_default_na=False,
                     encoding="utf-8")
    keys = [k for k in pipeline.SORT_KEYS.get(name, []) if k in df.columns]
    if keys and len(df):
        order = pd.DataFrame({k: _sortable(df[k]) for k in keys})
        df = df.loc[order.sort_values(keys, kind="mergesort").index].reset_index(drop=True)
    return df


# --------------------------------------------------------------------------- large corpus
def _source_documents() -> list[dict]:
    """English documents of the seed and (if present) fixture corpora, with their cleaned
    sentences, sorted by doc_id."""
    from .clean import normalize, sentence_spans
    from .corpus import load_corpus

    out = []
    for folder in (SEEDS, FIXTURE_CORPUS):
        if not folder.is_dir():
            continue
        docs = load_corpus(folder).documents
        for doc in docs.to_dict("records"):
            if doc["lang"] != "en":
                continue
            text = normalize(doc["text"])
            sentences = [text[a:b] for a, b in sentence_spans(text)]
            if sentences:
                out.append({"doc_id": doc["doc_id"], "date": doc["date"],
                            "source": doc["source"], "sentences": sentences})
    out.sort(key=lambda d: d["doc_id"])
    return out


def make_large_corpus(n_sentences: int, seed: int = 0) -> pd.DataFrame:
    """A synthetic corpus of about ``n_sentences`` sentences (columns id, date, source,
    title, text; ``analyze`` takes it as it is).

    Each document draws 8-30 sentences (``SYNTHETIC_MIN_SENTENCES``..``MAX``) from one source
    document of the seed or fixture corpus, keeps them in their original order (a sentence
    repeats only when the source is shorter than the draw), and takes the source's date and
    source. Documents are added until the drawn sentences reach ``n_sentences``. The same
    ``seed`` gives the same corpus; re-splitting the joined text may give a few sentences
    more or fewer than were drawn.

    >>> small = make_large_corpus(100, seed=1)
    >>> small.equals(make_large_corpus(100, seed=1)), list(small.columns)
    (True, ['id', 'date', 'source', 'title', 'text'])
    """
    sources = _source_documents()
    if not sources:
        raise FileNotFoundError(f"no English source documents in {SEEDS} or {FIXTURE_CORPUS}")
    rng = np.random.default_rng(seed)
    rows, drawn = [], 0
    width = len(str(max(1, n_sentences // SYNTHETIC_MIN_SENTENCES + 1)))
    while drawn < n_sentences:
        src = sources[int(rng.integers(len(sources)))]
        sentences = src["sentences"]
        k = int(rng.integers(SYNTHETIC_MIN_SENTENCES, SYNTHETIC_MAX_SENTENCES + 1))
        picks = np.sort(rng.choice(len(sentences), size=k, replace=k > len(sentences)))
        chosen = [sentences[int(i)] for i in picks]
        step = SYNTHETIC_PARAGRAPH_SENTENCES
        text = "\n\n".join(" ".join(chosen[j:j + step]) for j in range(0, len(chosen), step))
        rows.append((f"synthetic-{len(rows) + 1:0{width}d}", src["date"], src["source"],
                     f"resampled from {src['doc_id']}", text))
        drawn += k
    return pd.DataFrame(rows, columns=["id", "date", "source", "title", "text"])


def large_documents(n_sentences: int, seed: int = 0) -> pd.DataFrame:
    """``make_large_corpus`` loaded as a documents table (with ``text``), ready for
    ``pipeline.analyze_documents`` or ``analyze_dask``."""
    return pipeline.as_corpus(make_large_corpus(n_sentences, seed)).documents
