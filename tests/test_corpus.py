"""Loading every supported format and every bad input; documents + skipped = inputs."""

import datetime as dt
import json

import pandas as pd
import pytest
from conftest import SEED_FILE, SEEDS

from helpers.corpus import CorpusError, load_corpus


def _write(path, data):
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_seed_folder_loads_with_its_date_and_accounts_for_every_file():
    docs, skipped = load_corpus(SEEDS)
    assert docs["doc_id"].tolist() == [SEED_FILE.stem]
    assert docs.loc[0, "date"] == "2024-07-01"
    assert not docs.loc[0, "text"].lstrip().startswith("date")
    assert docs.loc[0, "text"].startswith("Iraqi militias backed by Iran")
    n_inputs = len([p for p in SEEDS.rglob("*") if p.is_file()])
    assert len(docs) + len(skipped) == n_inputs
    assert skipped["reason"].str.contains("documentation").all()


def test_date_header_on_its_own_line_and_other_header_keys(tmp_path):
    _write(tmp_path / "a.txt", "date 2024-01-29\nsource: Northgate Ledger\ntitle: T\n\nBody text here.")
    docs, _ = load_corpus(tmp_path)
    row = docs.iloc[0]
    assert (row["date"], row["source"], row["title"], row["text"]) == (
        "2024-01-29", "Northgate Ledger", "T", "Body text here.")


def test_a_single_txt_file(tmp_path):
    f = _write(tmp_path / "one.txt", "Drones struck the base.")
    docs, skipped = load_corpus(f)
    assert docs["doc_id"].tolist() == ["one"] and docs.loc[0, "date"] == "" and skipped.empty


def test_csv_jsonl_parquet_tables(tmp_path):
    rows = [{"id": "a1", "text": "Iran warned Israel.", "date": "2024-07-01", "source": "X", "title": "t"},
            {"id": "a2", "text": "Hezbollah fired rockets.", "date": "2024-06-30", "source": "Y", "title": "u"}]
    pd.DataFrame(rows).to_csv(tmp_path / "c.csv", index=False)
    pd.DataFrame(rows).to_parquet(tmp_path / "c.parquet")
    _write(tmp_path / "c.jsonl", "\n".join(json.dumps(r) for r in rows))
    for name in ("c.csv", "c.parquet", "c.jsonl"):
        docs, skipped = load_corpus(tmp_path / name)
        assert docs["doc_id"].tolist() == ["a1", "a2"], name
        assert docs["date"].tolist() == ["2024-07-01", "2024-06-30"]
        assert docs["source"].tolist() == ["X", "Y"] and skipped.empty


def test_table_with_only_text_column(tmp_path):
    pd.DataFrame({"text": ["One.", "Two."]}).to_csv(tmp_path / "t.csv", index=False)
    docs, _ = load_corpus(tmp_path / "t.csv")
    assert docs["doc_id"].tolist() == ["t-1", "t-2"]


def test_csv_without_text_column_is_a_clear_error_naming_its_columns(tmp_path):
    pd.DataFrame({"id": [1], "remarks": ["x"]}).to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(CorpusError, match=r"no text column \(one of: text, body, .*\); it has: id, remarks"):
        load_corpus(tmp_path / "bad.csv")


@pytest.mark.parametrize("columns", [
    {"Headline": "t", "body": "B", "pubDate": "2024-03-01T10:00:00Z", "outlet": "AP"},
    {"title": "t", "content": "B", "published_at": "2024-03-01", "publisher": "AP"},
    {"headline": "t", "Full Text": "B", "publication-date": "2024-03-01", "source_name": "AP"},
])
def test_tables_from_news_apis_and_scrapers_are_read_by_their_own_column_names(tmp_path, columns):
    body = "Kataib Hezbollah attacked US forces in Iraq."
    row = {k: (body if v == "B" else v) for k, v in columns.items()}
    pd.DataFrame([row]).to_csv(tmp_path / "a.csv", index=False)
    (tmp_path / "b.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    for f in ("a.csv", "b.jsonl"):
        docs, skipped = load_corpus(tmp_path / f)
        assert skipped.empty
        assert docs[["date", "source", "title", "text"]].values.tolist() == [
            ["2024-03-01", "AP", "t", body]]


def test_a_news_api_source_object_gives_its_name(tmp_path):
    row = {"content": "Hezbollah fired rockets.", "source": {"id": "ap", "name": "Associated Press"}}
    (tmp_path / "n.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert load_corpus(tmp_path / "n.jsonl").documents["source"].tolist() == ["Associated Press"]


def test_jsonl_broken_line_is_skipped_with_its_line_number(tmp_path):
    f = _write(tmp_path / "b.jsonl", '{"id": "1", "text": "Fine."}\n{broken\n{"id": "3", "text": "Also fine."}\n')
    docs, skipped = load_corpus(f)
    assert docs["doc_id"].tolist() == ["1", "3"]
    assert skipped["path"].tolist() == [f"{f}:2"] and "line 2" in skipped.loc[0, "reason"]


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t \n", "only whitespace"),
    ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" + bytes(range(256)), "binary"),
    ("pic.png", b"\x89PNG", "unsupported file type"),
])
def test_bad_inputs_become_skipped_rows(tmp_path, name, data, reason):
    _write(tmp_path / name, data)
    _write(tmp_path / "good.txt", "A good document.")
    docs, skipped = load_corpus(tmp_path)
    assert docs["doc_id"].tolist() == ["good"]
    assert len(skipped) == 1 and reason in skipped.loc[0, "reason"]


def test_encodings_cp1252_and_utf16_and_bom(tmp_path):
    _write(tmp_path / "cp.txt", "Kata\u2019ib Hezbollah \u2013 caf\u00e9".encode("cp1252"))
    _write(tmp_path / "u16.txt", "\ufeffHizbullah said so.".encode("utf-16"))
    _write(tmp_path / "bom.txt", b"\xef\xbb\xbfdate 2024-07-01 Iran spoke.")
    docs, skipped = load_corpus(tmp_path)
    by = docs.set_index("doc_id")
    assert by.loc["cp", "text"] == "Kata\u2019ib Hezbollah \u2013 caf\u00e9"
    assert "cp1252" in by.loc["cp", "note"]
    assert by.loc["u16", "text"] == "Hizbullah said so." and by.loc["u16", "encoding"] == "utf-16"
    assert by.loc["bom", "date"] == "2024-07-01" and by.loc["bom", "text"] == "Iran spoke."
    assert skipped.empty


def test_html_is_stripped_to_text(tmp_path):
    _write(tmp_path / "page.html", "<html><head><title>Threats</title><script>alert(1)</script>"
           "</head><body><p>Iran warned.</p><p>Israel replied &amp; struck.</p></body></html>")
    docs, _ = load_corpus(tmp_path)
    assert docs.loc[0, "title"] == "Threats"
    assert docs.loc[0, "text"] == "Iran warned.\n\nIsrael replied & struck."


def test_malformed_and_future_dates_are_noted(tmp_path):
    _write(tmp_path / "m.txt", "date 2024-13-45\nText.")
    _write(tmp_path / "f.txt", "date 2999-01-01\nText two.")
    docs, _ = load_corpus(tmp_path, today=dt.date(2026, 1, 1))
    by = docs.set_index("doc_id")
    assert by.loc["m", "date"] == "" and "malformed date" in by.loc["m", "note"]
    assert by.loc["m", "text"] == "Text."
    assert by.loc["f", "date"] == "2999-01-01" and "future" in by.loc["f", "note"]


def test_exact_duplicates_are_flagged(tmp_path):
    _write(tmp_path / "a.txt", "Same words here.")
    _write(tmp_path / "b.txt", "Same   words here.")
    docs, _ = load_corpus(tmp_path)
    assert docs.set_index("doc_id").loc["b", "duplicate_of"] == "a"


def test_arabic_and_persian_are_kept_and_marked(tmp_path):
    _write(tmp_path / "ar.txt", "هددت الفصائل العراقية المصالح الأمريكية في المنطقة")
    _write(tmp_path / "fa.txt", "گروه های مقاومت عراق آمریکا را تهدید کردند")
    docs, _ = load_corpus(tmp_path)
    assert docs.set_index("doc_id")["lang"].to_dict() == {"ar": "ar", "fa": "fa"}


def test_missing_path_and_unknown_format(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match="unknown corpus format"):
        load_corpus(_write(tmp_path / "x.docx", b"PK"))


def test_missing_cells_in_tables_become_empty_not_nan(tmp_path):
    f = _write(tmp_path / "m.jsonl", '{"id": 1, "text": "One.", "source": "S"}\n{"text": "Two."}\n')
    docs, _ = load_corpus(f)
    assert docs["source"].tolist() == ["S", ""] and docs["title"].tolist() == ["", ""]
    assert docs["doc_id"].tolist() == ["1", "m-2"]
