"""The Dask engine, streaming and the synthetic corpus give the pandas engine's results."""

import json

import pandas as pd
import pytest
from conftest import FIXTURE_CORPUS, SEEDS

from helpers import analyze, load_corpus, pipeline, scale, write_tables
from helpers.corpus import CorpusError


def _same_table(name, left, right):
    left = pipeline.sort_table(name, left).reset_index(drop=True)
    right = pipeline.sort_table(name, right).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False, obj=name)


@pytest.fixture(scope="module")
def dask_client():
    client = scale.start_local_client(2, dashboard=False)
    yield client
    scale.close_client(client)


# --------------------------------------------------------------------------- dask engine
def test_dask_engine_equals_pandas_on_fixture_corpus(dask_client, fixture_analysis):
    # partition_size=3: several partitions on both workers, so gathering order is exercised
    result = analyze(FIXTURE_CORPUS, engine="dask", client=dask_client, partition_size=3)
    assert len(fixture_analysis.documents) >= 10
    assert len(fixture_analysis.sentences) > 0
    for name in pipeline.TABLES:
        _same_table(name, result[name], fixture_analysis[name])


def test_dask_engine_keeps_document_order_of_n_sentences(dask_client):
    docs = load_corpus(FIXTURE_CORPUS).documents
    docs = docs.iloc[::-1].reset_index(drop=True)  # not in doc_id order
    frames = scale.analyze_dask(docs, client=dask_client, partition_size=2)
    expected = pipeline.analyze_documents(docs)
    _same_table("documents", frames["documents"], expected["documents"])
    counts = frames["sentences"].groupby("doc_id").size()
    by_doc = frames["documents"].set_index("doc_id")["n_sentences"]
    assert (by_doc[counts.index] == counts).all()


def test_dask_engine_without_vader_column_like_pandas(dask_client):
    docs = load_corpus(SEEDS).documents
    frames = scale.analyze_dask(docs, client=dask_client, baseline=False)
    expected = pipeline.analyze_documents(docs, baseline=False)
    assert frames["sentences"]["vader"].isna().all()
    assert frames["sentences"]["stance"].notna().any()
    for name in pipeline.PER_DOCUMENT_TABLES:
        _same_table(name, frames[name], expected[name])


def test_dask_engine_on_empty_table_starts_no_cluster():
    empty = pd.DataFrame(columns=pipeline.TABLE_COLUMNS["documents"] + ["text"])
    frames = scale.analyze_dask(empty, n_workers=1)
    assert frames["documents"].empty and frames["sentences"].empty
    assert list(frames["events"].columns) == pipeline.TABLE_COLUMNS["events"]


def test_partition_size_gives_every_worker_work():
    docs = pd.DataFrame({"text": ["Iran warned. " * 10] * 40})
    size = scale.choose_partition_size(docs, 4)
    assert -(-40 // size) >= 2 * 4
    assert scale.choose_partition_size(docs, 1) <= scale.MAX_PARTITION_DOCS


# --------------------------------------------------------------------------- streaming
def _mixed_corpus(tmp_path):
    """A folder with every kind of input load_corpus knows, including broken ones."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text("date 2024-07-01 Kataib Hezbollah threatened US forces.",
                             encoding="utf-8")
    (d / "b.txt").write_text("   ", encoding="utf-8")
    (d / "c.html").write_text("<html><title>T</title><body><p>Israel struck Beirut.</p>"
                              "<p>Hezbollah vowed to respond.</p></body></html>", encoding="utf-8")
    (d / "dup.txt").write_text("date 2024-07-01 Kataib Hezbollah threatened US forces.",
                               encoding="utf-8")
    (d / "bin.txt").write_bytes(b"abc\x00\x00def")
    (d / "README.md").write_text("about", encoding="utf-8")
    (d / ".hidden").mkdir()
    (d / ".hidden" / "x.txt").write_text("hidden", encoding="utf-8")
    (d / "notes.docx").write_bytes(b"PK")
    rows = [{"id": f"r{i}", "date": "2024-01-0" + str(1 + i % 9), "source": "Wire",
             "text": f"The IRGC warned Israel, statement {i}." if i != 3 else ""}
            for i in range(7)]
    rows.append({"id": "r0", "date": "bad date", "source": "Wire", "text": "Repeated id."})
    pd.DataFrame(rows).to_csv(d / "t1.csv", index=False)
    pd.DataFrame(rows).to_parquet(d / "t2.parquet", index=False)
    with open(d / "t3.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows[:4])
        fh.write("{broken\n")
        fh.write("[1, 2]\n\n")
        fh.write(json.dumps({"id": "j9", "text": "<p>Houthis</p><p>fired</p><div>missiles</div>"})
                 + "\n")
    pd.DataFrame({"remarks": ["no text column"]}).to_csv(d / "t4.csv", index=False)
    (d / "t5.csv").write_bytes("id,text\nw1,caf\xe9 attack\n".encode("cp1252"))
    (d / "t6.csv").write_bytes(b"")
    return d


@pytest.mark.parametrize("batch_size", [1, 3, 1000])
def test_batches_hold_exactly_the_rows_of_load_corpus(tmp_path, batch_size):
    folder = _mixed_corpus(tmp_path)
    whole = load_corpus(folder)
    batches = list(scale.iter_corpus_batches(folder, batch_size=batch_size, chunk_rows=2))
    assert all(len(b.documents) <= batch_size for b in batches)
    docs = pd.concat([b.documents for b in batches], ignore_index=True)
    skipped = pd.concat([b.skipped for b in batches], ignore_index=True)
    pd.testing.assert_frame_equal(docs, whole.documents, check_dtype=False)
    _same_table("skipped", skipped, whole.skipped)
    assert len(whole.skipped) >= 8 and "r0-2" in set(whole.documents["doc_id"])


def test_single_table_without_text_fails_like_load_corpus(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"remarks": ["x"]}).to_csv(path, index=False)
    with pytest.raises(CorpusError, match="no text column"):
        load_corpus(path)
    with pytest.raises(CorpusError, match="no text column"):
        list(scale.iter_corpus_batches(path))
    with pytest.raises(CorpusError, match="not found"):
        list(scale.iter_corpus_batches(tmp_path / "missing"))


def test_jsonl_table_streams_in_chunks(tmp_path):
    path = tmp_path / "t.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"id": f"j{i}", "text": f"Iran warned the US, day {i}."}) + "\n"
                      for i in range(25))
    batches = list(scale.iter_corpus_batches(path, batch_size=10, chunk_rows=4))
    assert [len(b.documents) for b in batches] == [10, 10, 5]
    assert batches[2].documents["path"].iloc[-1] == f"{path}:25"


def _read_csv_tables(directory):
    return {name: pd.read_csv(directory / f"{name}.csv", dtype=str, keep_default_na=False)
            for name in pipeline.TABLES}


def test_streamed_csvs_equal_write_tables_of_analyze(tmp_path, fixture_analysis):
    counts = scale.analyze_stream(FIXTURE_CORPUS, tmp_path / "stream", batch_size=4)
    write_tables(fixture_analysis, tmp_path / "memory")
    memory = _read_csv_tables(tmp_path / "memory")
    for name in pipeline.TABLES:
        assert counts[name] == len(memory[name])
        # row for row, in the same order, once the streamed file is sorted
        pd.testing.assert_frame_equal(scale.read_streamed_table(tmp_path / "stream", name),
                                      memory[name], obj=name)


def test_streamed_table_corpus_equals_analyze(tmp_path):
    corpus = scale.make_large_corpus(400, seed=3)
    path = tmp_path / "big.csv"
    corpus.to_csv(path, index=False)
    scale.analyze_stream(path, tmp_path / "stream", batch_size=7)
    write_tables(analyze(path), tmp_path / "memory")
    memory = _read_csv_tables(tmp_path / "memory")
    assert len(memory["documents"]) == len(corpus) and len(memory["events"]) > 0
    for name in pipeline.TABLES:
        pd.testing.assert_frame_equal(scale.read_streamed_table(tmp_path / "stream", name),
                                      memory[name], obj=name)


def test_stream_appends_batches_under_one_header(tmp_path):
    counts = scale.analyze_stream(FIXTURE_CORPUS, tmp_path, batch_size=5)
    header = ",".join(pipeline.TABLE_COLUMNS["sentences"])
    with open(tmp_path / "sentences.csv", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    assert lines[0] == header and lines.count(header) == 1
    assert len(pd.read_csv(tmp_path / "sentences.csv")) == counts["sentences"] > 0
    assert sorted(p.stem for p in tmp_path.glob("*.csv")) == sorted(pipeline.TABLES)


# --------------------------------------------------------------------------- large corpus
def test_make_large_corpus_is_deterministic_and_about_the_size():
    from helpers.clean import normalize, sentence_spans

    first = scale.make_large_corpus(3000, seed=7)
    assert first.equals(scale.make_large_corpus(3000, seed=7))
    assert not first.equals(scale.make_large_corpus(3000, seed=8))
    n = sum(len(sentence_spans(normalize(t))) for t in first["text"])
    assert 0.9 * 3000 <= n <= 1.1 * 3000
    assert first["id"].is_unique
    assert 3000 / scale.SYNTHETIC_MAX_SENTENCES <= len(first)
    assert len(first) <= 3000 / scale.SYNTHETIC_MIN_SENTENCES + 1
    sources = {d["doc_id"]: d for d in scale._source_documents()}
    assert len(sources) > 1
    row = first.iloc[0]
    src = sources[row["title"].removeprefix("resampled from ")]
    assert (row["date"], row["source"]) == (src["date"], src["source"])


def test_large_documents_are_a_documents_table():
    docs = scale.large_documents(200, seed=1)
    assert set(pipeline.TABLE_COLUMNS["documents"]) <= set(docs.columns)
    assert (docs["lang"] == "en").all() and docs["duplicate_of"].eq("").all()


# --------------------------------------------------------------------------- benchmark
def test_benchmark_runs_at_a_tiny_size():
    from helpers import bench

    table = bench.run_benchmark([200])
    assert list(table.columns) == bench.SIZE_COLUMNS
    row = table.iloc[0]
    assert row["section"] == "size" and row["n_sentences"] > 100
    assert row["pipeline_s"] > 0 and row["vader_sentences_per_s"] > 0
    assert row["cost_vs_smallest"] == pytest.approx(1.0)
    assert 10 < row["peak_rss_mb"] < 4096
    report = bench.format_report(table)
    assert "VADER sent/s" in report and "PASS" in report  # peak memory passes at 200


def test_seed_corpus_through_dask(dask_client, seed_analysis):
    result = analyze(SEEDS, engine="dask", client=dask_client)
    for name in pipeline.TABLES:
        _same_table(name, result[name], seed_analysis[name])


@pytest.mark.parametrize("enabled", [True, False])
def test_a_document_leaves_the_garbage_collector_as_it_found_it(enabled):
    import gc
    from helpers.pipeline import analyze_document
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        rows = analyze_document({"doc_id": "d", "text": "Hezbollah fired rockets at Israel.",
                                 "date": "2024-07-01"})
        assert gc.isenabled() is enabled and len(rows["events"]) == 1
    finally:
        (gc.enable if was else gc.disable)()
