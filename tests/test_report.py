"""Tests for helpers.report: executing notebooks, safe HTML, the index page.

The slow tests execute the fixture notebook tests/fixtures/notebooks/01_hostile_text.ipynb
(a corpus line carrying ``<script>alert(1)</script>`` and ``<img src=x onerror=alert(1)>``
shown as a DataFrame, as HTML and as Markdown, plus a figure tagged ``key-figure``). The
report is built once per module and inspected by several tests.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import sys
import types
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

os.environ["MPLBACKEND"] = "Agg"  # also proves the kernel does not inherit it (figures appear)

from helpers import report
from helpers.report import (
    IndexEntry,
    ReportError,
    build_report,
    key_figure,
    list_notebooks,
    notebook_summary,
    notebook_to_html,
    write_index,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "notebooks"
HOSTILE = (
    "date 2024-07-01 The Islamic Resistance in Iraq said <script>alert(1)</script> and "
    "<img src=x onerror=alert(1)> would answer any strike.\n"
    "Kata'ib Hezbollah warned the \"American enemy\" & its allies.\n"
)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class _Markup(HTMLParser):
    """Collects live tags, their attributes and script bodies from an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> _Markup:
    parser = _Markup()
    parser.feed(page)
    return parser


def assert_inert(page: str) -> None:
    """No event-handler attribute, no script carrying corpus text, no corpus image tag."""
    markup = parse(page)
    handlers = [(t, a) for t, a in markup.tags for name in a if name.lower().startswith("on")]
    assert handlers == []
    assert not any("alert" in body for body in markup.scripts)
    assert not any(t == "img" and a.get("src") == "x" for t, a in markup.tags)
    hrefs = [a.get("href") or "" for _, a in markup.tags]
    assert not any(h.strip().lower().startswith("javascript:") for h in hrefs)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    index = build_report(corpus, out, notebooks_dir=FIXTURES, tables=False, progress=False)
    assert index == out / "index.html"
    return out


# ---------------------------------------------------------------- built report


def test_page_written_for_the_notebook(built):
    assert (built / "01_hostile_text.html").is_file()
    assert (built / "executed" / "01_hostile_text.ipynb").is_file()


def test_corpus_markup_is_escaped_not_live(built):
    page = (built / "01_hostile_text.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)" in page  # shown as text (HTML and Markdown outputs)
    assert "onerror=alert" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert_inert(page)


def test_dataframe_still_renders_as_a_table(built):
    page = (built / "01_hostile_text.html").read_text(encoding="utf-8")
    markup = parse(page)
    tables = [a for t, a in markup.tags if t == "table"]
    assert any("dataframe" in a.get("class", "") for a in tables)
    assert sum(t == "th" for t, _ in markup.tags) >= 2  # header and index cells stay markup
    assert "&lt;th&gt;" not in page and "&lt;style scoped&gt;" not in page
    assert "American enemy" in page


def test_markdown_heading_prompts_and_figure_kept(built):
    page = (built / "01_hostile_text.html").read_text(encoding="utf-8")
    markup = parse(page)
    assert any(t == "h1" for t, _ in markup.tags)
    assert re.search(r"In(?:\s|&nbsp;)\[\d+\]:", page)  # input prompts kept
    assert any(t == "img" and a.get("src", "").startswith("data:image/png;base64,")
               for t, a in markup.tags)


def test_notebook_page_loads_nothing_from_the_network(built):
    # nbconvert's "lab" page would load require.js and MathJax from a CDN; ours must not.
    page = (built / "01_hostile_text.html").read_text(encoding="utf-8")
    markup = parse(page)
    remote = [a.get("src") or a.get("href") or "" for t, a in markup.tags
              if t in {"script", "link", "img", "iframe"}]
    assert not any(u.startswith(("http:", "https:", "//")) for u in remote), remote
    assert "cdnjs" not in page and "mathjax" not in page.lower()
    assert any(t == "style" for t, _ in markup.tags)  # the lab styles are still inline


def test_corpus_injected_as_absolute_path(built, corpus):
    nb = nbformat.read(built / "executed" / "01_hostile_text.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert repr(str(corpus.resolve())) in injected[0].source or str(corpus.resolve()) in \
        injected[0].source
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert tags.index(["injected-parameters"]) == tags.index(["parameters"]) + 1


def test_index_links_title_thumbnail(built, corpus):
    index = (built / "index.html").read_text(encoding="utf-8")
    markup = parse(index)
    assert ("a", {"href": "01_hostile_text.html"}) in markup.tags
    assert "Hostile text fixture" in index  # markdown emphasis stripped from the title
    assert "Does corpus text that contains HTML stay inert in the report?" in index
    assert "This tiny notebook" not in index  # only the first sentence
    thumbs = [a for t, a in markup.tags if t == "img"]
    assert [a["src"] for a in thumbs] == ["thumbs/01_hostile_text.png"]
    assert (built / "thumbs" / "01_hostile_text.png").read_bytes().startswith(PNG_MAGIC)
    assert str(corpus) in index


def test_index_is_self_contained(built):
    index = (built / "index.html").read_text(encoding="utf-8")
    markup = parse(index)
    assert not any(t == "script" for t, _ in markup.tags)
    assert not any(t == "link" for t, _ in markup.tags)
    urls = [a.get("src") or a.get("href") or "" for _, a in markup.tags]
    assert not any(u.startswith(("http:", "https:", "//")) for u in urls)


def test_two_builds_give_identical_index(built, corpus):
    first = (built / "index.html").read_bytes()
    build_report(corpus, built, notebooks_dir=FIXTURES, tables=False, progress=False)
    assert (built / "index.html").read_bytes() == first


# ---------------------------------------------------------------- failures


def _failing_notebook(path: Path) -> None:
    nb = new_notebook(cells=[
        new_markdown_cell("# Fails\n\nDoes a broken cell stop the report?"),
        new_code_cell('CORPUS = "."', metadata={"tags": ["parameters"]}),
        new_code_cell('raise ValueError("no events table in this corpus")'),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, path)


def test_failing_notebook_raises_and_index_keeps_the_ones_done(corpus, tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(FIXTURES / "01_hostile_text.ipynb", notebooks / "01_hostile_text.ipynb")
    _failing_notebook(notebooks / "02_fails.ipynb")
    out = tmp_path / "reports"
    with pytest.raises(ReportError, match=r"02_fails\.ipynb: ValueError: no events table"):
        build_report(corpus, out, notebooks_dir=notebooks, tables=False)
    assert "[1/2] 01_hostile_text.ipynb" in capsys.readouterr().out
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="01_hostile_text.html"' in index
    assert 'href="02_fails.html"' not in index and "02_fails.ipynb" in index  # failure note
    assert not (out / "02_fails.html").exists()
    kept = nbformat.read(out / "executed" / "02_fails.ipynb", as_version=4)
    assert any(o.get("ename") == "ValueError" for c in kept.cells for o in c.get("outputs", []))


def test_missing_corpus_raises(tmp_path):
    with pytest.raises(ReportError, match="corpus not found"):
        build_report(tmp_path / "no_such_corpus", tmp_path / "out", notebooks_dir=FIXTURES,
                     tables=False, progress=False)
    assert not (tmp_path / "out").exists()


def test_empty_notebook_folder_raises(corpus, tmp_path):
    with pytest.raises(ReportError, match="no notebooks"):
        build_report(corpus, tmp_path / "out", notebooks_dir=tmp_path, tables=False)


# ---------------------------------------------------------------- no kernel needed


def test_list_notebooks_numeric_order_only(tmp_path):
    for name in ["10_trends.ipynb", "02_actors.ipynb", "scratch.ipynb", "03_x.txt",
                 "01_intro.ipynb", "Untitled.ipynb"]:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in list_notebooks(tmp_path)] == [
        "01_intro.ipynb", "02_actors.ipynb", "10_trends.ipynb"]


def _png_output(payload: bytes):
    return new_output("display_data", data={"image/png": base64.b64encode(payload).decode(),
                                            "text/plain": "<Figure>"})


def test_key_figure_prefers_tagged_cell_then_last_png():
    first, tagged, last = (new_code_cell(outputs=[_png_output(b)]) for b in (b"1", b"2", b"3"))
    assert key_figure(new_notebook(cells=[first, tagged, last])) == b"3"
    tagged.metadata["tags"] = ["key-figure"]
    assert key_figure(new_notebook(cells=[first, tagged, last])) == b"2"
    tagged.outputs = []  # tagged cell without a picture: fall back to the last one
    assert key_figure(new_notebook(cells=[first, tagged, last])) == b"3"
    assert key_figure(new_notebook(cells=[new_code_cell("x = 1")])) is None


@pytest.mark.parametrize("source, expected", [
    (
        ("# Who threatens whom?\n\nWhich actors issue conditional threats, and against whom? "
         "We read every sentence."),
        ("Who threatens whom?", "Which actors issue conditional threats, and against whom?"),
    ),
    (
        ("# 03 · Triggers\n\nWhat do U.S. officials and Kata'ib Hezbollah say would make them "
         "escalate? The seed article is the corpus."),
        ("03 · Triggers",
         "What do U.S. officials and Kata'ib Hezbollah say would make them escalate?"),
    ),
    (
        ("# Stance of the **Zionist entity** label\n## Question\n"
         "How hostile is [IRNA](https://x) toward `israel`?\nMore text."),
        ("Stance of the Zionist entity label", "How hostile is IRNA toward israel?"),
    ),
    ("Some notes without a title. Second sentence.", ("", "Some notes without a title.")),
])
def test_notebook_summary_phrasings(source, expected):
    nb = new_notebook(cells=[new_code_cell("x = 1"), new_markdown_cell(source)])
    assert notebook_summary(nb) == expected


def test_write_index_escapes_everything(tmp_path):
    entries = [IndexEntry("01_a", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                          PNG_MAGIC + b"fake"),
               IndexEntry("02_b", "Plain & simple", "Who speaks?", None)]
    (tmp_path / "thumbs").mkdir()
    (tmp_path / "thumbs" / "02_b.png").write_bytes(b"stale")
    (tmp_path / "tables").mkdir()
    for name in ("events.csv", "documents.csv"):
        (tmp_path / "tables" / name).write_text("doc_id\n", encoding="utf-8")
    index = write_index(entries, tmp_path, corpus="<b>corpus</b>", failure="03_c.ipynb: <x>")
    page = index.read_text(encoding="utf-8")
    assert_inert(page)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;corpus&lt;/b&gt;" in page and "Plain &amp; simple" in page
    assert "03_c.ipynb: &lt;x&gt;" in page
    assert (tmp_path / "thumbs" / "01_a.png").read_bytes() == PNG_MAGIC + b"fake"
    assert not (tmp_path / "thumbs" / "02_b.png").exists()  # stale thumbnail removed
    assert 'src="thumbs/02_b.png"' not in page
    assert page.index('href="tables/documents.csv"') < page.index('href="tables/events.csv"')
    assert write_index(entries, tmp_path, corpus="<b>corpus</b>",
                       failure="03_c.ipynb: <x>").read_text(encoding="utf-8") == page


def test_notebook_to_html_neutralises_hand_made_outputs():
    hostile = {
        "text/html": '<b>kept</b><a href="javascript:alert(1)">link</a>'
                     '<div onmouseover="alert(1)">div</div><script>alert(1)</script>',
        "application/javascript": "alert(1)",
        "text/plain": "plain",
    }
    nb = new_notebook(cells=[
        new_markdown_cell("# Title"),
        new_code_cell("x", outputs=[new_output("display_data", data=hostile)]),
        new_code_cell("y", outputs=[new_output("display_data", data={
            "text/markdown": "**bold** <iframe src=https://example.org></iframe>"})]),
        new_code_cell("z", outputs=[new_output("stream", name="stdout",
                                               text="<script>alert(1)</script>\n")]),
    ])
    page = notebook_to_html(nb, "t")
    assert_inert(page)
    markup = parse(page)
    assert not any(t == "iframe" for t, _ in markup.tags)
    assert any(t == "b" for t, _ in markup.tags) and "<strong>bold</strong>" in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2  # html output + stdout


def test_write_tables_uses_the_pipeline(tmp_path, monkeypatch):
    calls = []
    fake_pipeline = types.ModuleType("helpers.pipeline")
    fake_pipeline.write_tables = lambda result, directory: calls.append((result, directory))
    monkeypatch.setitem(sys.modules, "helpers.pipeline", fake_pipeline)
    import helpers

    monkeypatch.setattr(helpers, "analyze", lambda corpus: ("result", corpus), raising=False)
    directory = report.write_tables("seeds", tmp_path)
    assert directory == tmp_path / "tables" and directory.is_dir()
    assert calls == [(("result", "seeds"), tmp_path / "tables")]


def test_table_errors_become_one_line_report_errors(corpus, tmp_path, monkeypatch):
    def broken(corpus, out_dir):
        raise ValueError("table has no 'text' column\nmore detail")

    monkeypatch.setattr(report, "write_tables", broken)
    with pytest.raises(ReportError, match=r"^tables: ValueError: table has no 'text' column$"):
        build_report(corpus, tmp_path / "out", notebooks_dir=FIXTURES, progress=False)
