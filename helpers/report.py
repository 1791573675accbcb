"""Render every notebook against a corpus into a folder of HTML pages (``make report``).

``build_report(corpus, out_dir)`` is what ``python -m helpers report`` runs. Steps:

1. Check that the corpus path exists; write the analysis tables as CSV under
   ``out_dir/tables/`` (``helpers.analyze`` + ``helpers.pipeline.write_tables``).
2. List ``notebooks/NN_*.ipynb`` in name order and execute each top to bottom with papermill:
   kernel ``python3``, the kernel's working directory is the notebook's folder, and
   ``CORPUS=<absolute corpus path>`` (plus any extra parameters) is injected after the cell
   tagged ``parameters``. Executed copies are kept in ``out_dir/executed/`` for inspection,
   with the kernel's own log (``<stem>.kernel.log``).
3. Render each executed notebook to ``out_dir/<stem>.html`` (nbconvert, our template
   ``offline_lab``: the "lab" page without its CDN scripts, so the page loads nothing from
   the network; input prompts kept) after making every output inert: ``text/html`` and ``text/markdown``
   outputs go through an allow-list sanitizer (bleach), script-like outputs are dropped, and
   the exporter's own ``sanitize_html`` pass runs on top, with a wider allow-list so that
   DataFrame tables and headings still render. Corpus text such as
   ``<script>alert(1)</script>`` therefore shows as text, never as markup.
4. Write ``out_dir/index.html``: one card per notebook with the thumbnail of its key figure
   (the first PNG of the cell tagged ``key-figure``, else the last PNG), its title and the
   question it answers (the first sentence after the ``# Title``). The page is
   self-contained (inline CSS, no JavaScript, no external resources), every text from a
   notebook or the corpus is escaped, and it carries no timestamp: the same input gives
   the same bytes.

Notebooks run two at a time (``jobs``, threads): starting and killing a kernel costs
~0.7 s and the imports of a typical notebook another ~1.5 s, which a second worker overlaps
with the other notebook's work; pages are still written in notebook order. Kernels are shut
down "immediately" (killed once every output is in): a graceful shutdown sometimes waited
seconds for an interrupted kernel. If a notebook fails, the index is still written for the notebooks before it, and
``ReportError`` names the notebook and the first line of its error.

The kernel is started with ``MPLBACKEND`` removed from its environment: ``make report`` and
the tests set ``MPLBACKEND=Agg`` for this process, and a kernel that inherits it draws no
inline figures at all (so no key figures).
"""

from __future__ import annotations

import base64
import html
import os
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import nbformat

NOTEBOOKS_DIR = Path(__file__).resolve().parents[1] / "notebooks"
#: nbconvert templates of our own: ``offline_lab`` is the "lab" page without the scripts it
#: would load from a CDN (require.js, MathJax, Mermaid), so a shared page needs no network.
TEMPLATES = Path(__file__).resolve().parent / "templates"

#: A report notebook is named ``NN_name.ipynb``: two digits give the reading order.
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
#: The kernel every notebook runs on (the Makefile installs it into the venv).
KERNEL_NAME = "python3"
#: Cell tag marking the figure that stands for the notebook on the index page. (Papermill
#: itself finds the cell tagged ``parameters`` and injects its values after it.)
KEY_FIGURE_TAG = "key-figure"
#: Seconds a single cell may run before the notebook counts as failed.
CELL_TIMEOUT = 600
#: Notebooks executed at once. Measured on a 2-core machine with 8 notebooks that import
#: pandas, matplotlib, nltk, scikit-learn and draw two figures: 23.5 s one at a time, 13-16 s
#: two at a time, 19 s three at a time (more workers than cores only add contention).
DEFAULT_JOBS = 2
#: Width of the index thumbnails in CSS pixels (the PNG itself is not resized).
THUMB_WIDTH = 240
#: The one line on the index is cut at this many characters (on a word boundary).
SUMMARY_MAX_CHARS = 240

#: Output types that would run code in the reader's browser: always dropped.
SCRIPT_MIMETYPES = (
    "application/javascript",
    "text/javascript",
    "application/vnd.jupyter.widget-view+json",
    "application/vnd.jupyter.widget-state+json",
)

#: Tags kept as markup in notebook outputs (``text/html``, ``text/markdown``); any other tag
#: is escaped and shows as text. Enough for pandas tables, lists, emphasis and links. No
#: ``img``: an image tag written by corpus text could load an external resource.
OUTPUT_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "ins", "kbd", "li", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "u", "ul",
})
#: The exporter's own pass also sees the project's markdown cells (headings with anchor
#: links, pictures): ``img`` is allowed there, with http(s) or relative sources only.
PAGE_TAGS = OUTPUT_TAGS | {"img"}
#: Attributes kept; event handlers (``onerror=``...) and everything else are dropped.
ALLOWED_ATTRIBUTES = {
    "*": ["class", "id", "title", "style"],
    "a": ["href", "title", "class", "id"],
    "img": ["src", "alt", "title", "width", "height"],
    "table": ["border", "class", "id"],
    "td": ["colspan", "rowspan", "class", "style"],
    "th": ["colspan", "rowspan", "class", "style"],
    "col": ["span", "class"],
    "colgroup": ["span", "class"],
}
#: URL schemes allowed in ``href``/``src`` (relative URLs are always allowed).
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
#: CSS properties allowed in ``style=`` attributes (pandas writes ``text-align``; Styler
#: tables use colours). Nothing that takes a ``url()``.
ALLOWED_CSS = frozenset({
    "text-align", "vertical-align", "color", "background-color", "font-weight", "font-style",
    "white-space", "width", "min-width", "max-width", "padding", "border", "border-collapse",
})
#: ``<style>`` elements are removed with their content before sanitizing: pandas puts a
#: ``<style scoped>`` block in every DataFrame, which would otherwise show as text. (The
#: removal is cosmetic; the bleach allow-list is what makes outputs safe.)
_STYLE_BLOCK = re.compile(r"<(style)\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)


class ReportError(Exception):
    """A report could not be built: bad corpus path, no notebooks, or a notebook failed."""


# ---------------------------------------------------------------- notebooks


def list_notebooks(notebooks_dir: str | Path = NOTEBOOKS_DIR) -> list[Path]:
    """The ``NN_name.ipynb`` notebooks in a folder, sorted by name.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for n in ["02_b.ipynb", "01_a.ipynb", "draft.ipynb", "1_x.ipynb"]:
    ...     _ = (d / n).write_text("{}", encoding="utf-8")
    >>> [p.name for p in list_notebooks(d)]
    ['01_a.ipynb', '02_b.ipynb']
    """
    return sorted(p for p in Path(notebooks_dir).glob(NOTEBOOK_GLOB) if p.is_file())


def _kernel_env(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """Environment for a notebook kernel: ours, minus a non-inline ``MPLBACKEND``.

    >>> _kernel_env({"MPLBACKEND": "Agg", "LANG": "C.UTF-8"})
    {'LANG': 'C.UTF-8'}
    """
    env = dict(environ)
    if not env.get("MPLBACKEND", "").startswith("module://matplotlib_inline"):
        env.pop("MPLBACKEND", None)
    return env


def _kernel_manager_class(log_file):
    """A kernel manager that starts kernels with ``_kernel_env()`` and logs to ``log_file``.

    Passing the environment to the kernel process (instead of editing ``os.environ``) and the
    working directory through nbclient's ``resources`` (instead of papermill's ``cwd``, which
    calls ``os.chdir``) keeps two notebooks running in threads from disturbing each other.
    The kernel's own stdout/stderr (start-up warnings, shutdown noise) go to the log file.
    """
    from jupyter_client import AsyncKernelManager

    class ReportKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw):
            kw.setdefault("env", _kernel_env())
            kw.setdefault("stdout", log_file)
            kw.setdefault("stderr", log_file)
            return await super().start_kernel(**kw)

    return ReportKernelManager


def _first_line(text: str) -> str:
    """First non-empty line of a message.

    >>> _first_line("\\n  ValueError: boom\\nmore")
    'ValueError: boom'
    """
    for line in str(text).splitlines():
        if line.strip():
            return line.strip()
    return ""


def execute_notebook(
    path: str | Path,
    corpus: str | Path,
    out_dir: str | Path,
    parameters: Mapping | None = None,
    timeout: int = CELL_TIMEOUT,
) -> nbformat.NotebookNode:
    """Execute one notebook against ``corpus``; save it to ``out_dir/executed/<name>``.

    Raises ``ReportError("<name>: <first line of the error>")`` if a cell fails, times out or
    the kernel dies; the executed notebook (with the traceback) is kept for inspection.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    path = Path(path).resolve()
    executed_dir = Path(out_dir) / "executed"
    executed_dir.mkdir(parents=True, exist_ok=True)
    output = (executed_dir / path.name).resolve()
    params = {"CORPUS": str(Path(corpus).resolve()), **dict(parameters or {})}
    with open(executed_dir / f"{path.stem}.kernel.log", "wb") as log_file:
        try:
            return papermill.execute_notebook(
                str(path),
                str(output),
                parameters=params,
                kernel_name=KERNEL_NAME,
                progress_bar=False,
                log_output=False,
                execution_timeout=timeout,
                resources={"metadata": {"path": str(path.parent)}},
                kernel_manager_class=_kernel_manager_class(log_file),
                shutdown_kernel="immediate",
            )
        except PapermillExecutionError as err:
            first = _first_line(f"{err.ename}: {err.evalue}")
            raise ReportError(
                f"{path.name}: {first} (cell In [{err.exec_count}]; executed notebook: {output})"
            ) from err
        except Exception as err:  # timeouts, dead kernels, unreadable notebooks
            first = _first_line(str(err)) or "no message"
            raise ReportError(
                f"{path.name}: {type(err).__name__}: {first} (kernel log: {log_file.name})"
            ) from err


# ---------------------------------------------------------------- HTML


def _css_sanitizer():
    from bleach.css_sanitizer import CSSSanitizer

    return CSSSanitizer(allowed_css_properties=ALLOWED_CSS)


@lru_cache(maxsize=2)
def _cleaner(tags: frozenset):
    import bleach

    return bleach.Cleaner(
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=False,
        css_sanitizer=_css_sanitizer(),
    )


def sanitize_html(text: str, tags: frozenset = OUTPUT_TAGS) -> str:
    """Allow-list sanitizer: tags not in ``tags`` are escaped, unknown attributes dropped.

    >>> sanitize_html('<b onclick="x()">bold</b> <script>alert(1)</script>')
    '<b>bold</b> &lt;script&gt;alert(1)&lt;/script&gt;'
    >>> sanitize_html('<img src=x onerror=alert(1)>')
    '&lt;img src=x onerror=alert(1)&gt;'
    >>> sanitize_html('<a href="javascript:alert(1)">x</a><style>td {}</style>')
    '<a>x</a>'
    """
    return _cleaner(frozenset(tags)).clean(_STYLE_BLOCK.sub("", text))


def _page_clean_html(element) -> str:
    """Replacement for nbconvert's ``clean_html`` filter: same job, wider allow-list."""
    text = element.decode() if isinstance(element, bytes) else str(element)
    return sanitize_html(text, PAGE_TAGS)


def _as_text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def sanitize_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose outputs cannot carry live markup or script.

    ``text/html`` and ``text/markdown`` go through ``sanitize_html``; script and widget
    outputs are dropped (their ``text/plain`` stays); images and plain text are kept.

    >>> from nbformat.v4 import new_notebook, new_code_cell, new_output
    >>> out = new_output("display_data", data={"text/html": "<script>x()</script><b>ok</b>",
    ...     "application/javascript": "x()", "text/plain": "ok"})
    >>> clean = sanitize_outputs(new_notebook(cells=[new_code_cell(outputs=[out])]))
    >>> dict(clean.cells[0].outputs[0].data)
    {'text/html': '&lt;script&gt;x()&lt;/script&gt;<b>ok</b>', 'text/plain': 'ok'}
    """
    nb = nbformat.from_dict(nb)  # deep copy
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data:
                continue
            for mime in SCRIPT_MIMETYPES:
                data.pop(mime, None)
            for mime in ("text/html", "text/markdown"):
                if mime in data:
                    data[mime] = sanitize_html(_as_text(data[mime]))
    return nb


@lru_cache(maxsize=1)
def _exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="offline_lab",
        extra_template_basedirs=[str(TEMPLATES)],
        sanitize_html=True,
        exclude_input_prompt=False,
        filters={"clean_html": _page_clean_html},
    )


def notebook_to_html(nb: nbformat.NotebookNode, title: str | None = None) -> str:
    """The executed notebook as one HTML page (template ``offline_lab``: nbconvert's "lab"
    page with no script from a CDN; prompts kept, outputs inert)."""
    resources = {"metadata": {"name": title or nb.metadata.get("title") or "notebook"}}
    body, _ = _exporter().from_notebook_node(sanitize_outputs(nb), resources=resources)
    return body


# ---------------------------------------------------------------- index


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _pngs(cell) -> list[bytes]:
    found = []
    for output in cell.get("outputs", []):
        data = output.get("data") or {}
        if "image/png" in data:
            found.append(base64.b64decode(_as_text(data["image/png"])))
    return found


def key_figure(nb: nbformat.NotebookNode) -> bytes | None:
    """PNG bytes of the notebook's key figure, or None.

    The first PNG output of a cell tagged ``key-figure``; else the last PNG in the notebook.

    >>> from nbformat.v4 import new_notebook, new_code_cell, new_output
    >>> def png(b): return new_output("display_data", data={"image/png": base64.b64encode(b).decode()})
    >>> cells = [new_code_cell(outputs=[png(b"A")]), new_code_cell(outputs=[png(b"B")])]
    >>> key_figure(new_notebook(cells=cells))
    b'B'
    >>> cells[0].metadata["tags"] = ["key-figure"]
    >>> key_figure(new_notebook(cells=cells))
    b'A'
    >>> key_figure(new_notebook()) is None
    True
    """
    cells = [c for c in nb.cells if c.cell_type == "code"]
    for cell in cells:
        if KEY_FIGURE_TAG in _tags(cell) and _pngs(cell):
            return _pngs(cell)[0]
    every = [png for cell in cells for png in _pngs(cell)]
    return every[-1] if every else None


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_CODE = re.compile(r"`+([^`]*)`+")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_HTML_TAG = re.compile(r"<[^>]+>")
#: Words ending in "." that do not end a sentence.
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "sgt", "sen", "rep", "gov",
    "pres", "no", "vs", "etc", "e.g", "i.e", "cf", "approx",
})
_SENTENCE_END = re.compile(r"[.?!]+[\"'”’)\]]*(?=\s|$)")


def strip_markdown(text: str) -> str:
    """Plain text of one markdown paragraph (links, code, emphasis, tags removed).

    >>> strip_markdown("Which **threats** does `kataib_hezbollah` make in [IRNA](http://x)?")
    'Which threats does kataib_hezbollah make in IRNA?'
    >>> strip_markdown("*Who* speaks _for_ Kata'ib_Hezbollah?")
    "Who speaks for Kata'ib_Hezbollah?"
    """
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EM.sub(r"\2", text)
    text = _HTML_TAG.sub("", text)
    text = html.unescape(text)
    return " ".join(text.split())


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (abbreviations and initials do not end it).

    >>> first_sentence("Do U.S. officials answer Mr. Khazali? They rarely do.")
    'Do U.S. officials answer Mr. Khazali?'
    >>> first_sentence("Who threatens whom, e.g. in Iraq. Next.")
    'Who threatens whom, e.g. in Iraq.'
    >>> first_sentence("No full stop here")
    'No full stop here'
    """
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()].split()
        word = before[-1].lower() if before else ""
        after = text[match.end() :].lstrip()
        if match.group(0).startswith(".") and (
            word in _ABBREVIATIONS
            or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word)  # "U.S", "e.g", an initial
        ):
            continue
        if after and not (after[0].isupper() or after[0].isdigit() or after[0] in "\"'“‘("):
            continue
        return text[: match.end()].strip()
    return text.strip()


def _shorten(text: str, limit: int = SUMMARY_MAX_CHARS) -> str:
    """Cut ``text`` at a word boundary to at most ``limit`` characters.

    >>> _shorten("one two three", 9)
    'one two…'
    """
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def notebook_summary(nb: nbformat.NotebookNode) -> tuple[str, str]:
    """(title, one line) from the first markdown cell with a ``# Title`` line.

    The line is the first sentence of the paragraph after the title: the question the
    notebook answers. Both are plain text; escape them when writing HTML.

    >>> from nbformat.v4 import new_notebook, new_markdown_cell
    >>> md = "# Who *threatens* whom?\\n\\nWhich actors issue **conditional** threats? We count."
    >>> notebook_summary(new_notebook(cells=[new_markdown_cell(md)]))
    ('Who threatens whom?', 'Which actors issue conditional threats?')
    >>> notebook_summary(new_notebook())
    ('', '')
    """
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    for cell in markdown:
        lines = _as_text(cell.source).splitlines()
        for i, line in enumerate(lines):
            heading = re.match(r"#\s+(.+?)\s*#*\s*$", line)
            if heading:
                return strip_markdown(heading.group(1)), _paragraph_sentence(lines[i + 1 :])
    if markdown:
        return "", _paragraph_sentence(_as_text(markdown[0].source).splitlines())
    return "", ""


def _paragraph_sentence(lines: Sequence[str]) -> str:
    """First sentence of the first prose paragraph in ``lines`` (headings skipped)."""
    paragraph: list[str] = []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            if paragraph:
                break
            continue
        paragraph.append(line.strip())
    return _shorten(first_sentence(strip_markdown(" ".join(paragraph))))


@dataclass(frozen=True)
class IndexEntry:
    """One notebook on the index page: file stem, title, one line, key-figure PNG bytes."""

    stem: str
    title: str
    line: str
    figure: bytes | None = None


INDEX_TITLE = "Escalation rhetoric: rendered notebooks"
INDEX_CSS = """
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328;
       background: #fff; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
.meta, .note { color: #57606a; font-size: .9rem; }
ol.notebooks { list-style: none; padding: 0; margin: 1.5rem 0; }
ol.notebooks li { display: flex; gap: 1.25rem; align-items: flex-start; padding: 1rem 0;
                  border-top: 1px solid #d0d7de; }
ol.notebooks img { width: THUMB_PX; height: auto; border: 1px solid #d0d7de;
                   flex: 0 0 auto; }
.nothumb { width: THUMB_PX; flex: 0 0 auto; }
ol.notebooks h2 { font-size: 1.15rem; margin: 0 0 .25rem; }
ol.notebooks p { margin: 0 0 .25rem; }
.file { color: #57606a; font-size: .85rem; }
.failure { border-left: 4px solid #cf222e; padding: .5rem 1rem; background: #fff5f5; }
a { color: #0969da; }
code { font-size: .9em; }
""".replace("THUMB_PX", f"{THUMB_WIDTH}px")


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _href(name: str) -> str:
    return _e(quote(name))


def write_index(
    entries: Iterable[IndexEntry],
    out_dir: str | Path,
    corpus: str | Path | None = None,
    failure: str | None = None,
) -> Path:
    """Write ``out_dir/index.html`` and ``out_dir/thumbs/<stem>.png``; return the index path.

    Everything that comes from a notebook or the corpus is escaped; the page has inline CSS
    only, no script, no external resource and no timestamp (same input, same bytes).
    """
    out_dir = Path(out_dir)
    thumbs = out_dir / "thumbs"
    items = []
    for entry in entries:
        thumb = thumbs / f"{entry.stem}.png"
        if entry.figure:
            thumbs.mkdir(parents=True, exist_ok=True)
            thumb.write_bytes(entry.figure)
            picture = (
                f'<a href="{_href(entry.stem + ".html")}"><img src="{_href("thumbs/" + thumb.name)}" '
                f'alt="{_e("Key figure of " + (entry.title or entry.stem))}" '
                f'width="{THUMB_WIDTH}"></a>'
            )
        else:
            thumb.unlink(missing_ok=True)  # a stale picture from an earlier run
            picture = '<span class="nothumb"></span>'
        items.append(
            f"<li>{picture}\n<div>"
            f'<h2><a href="{_href(entry.stem + ".html")}">{_e(entry.title or entry.stem)}</a></h2>'
            + (f"<p>{_e(entry.line)}</p>" if entry.line else "")
            + f'<p class="file">{_e(entry.stem)}.ipynb</p></div></li>'
        )
    tables = sorted(p.name for p in (out_dir / "tables").glob("*.csv"))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(INDEX_TITLE)}</title>",
        f"<style>{INDEX_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_e(INDEX_TITLE)}</h1>",
    ]
    if corpus is not None:
        parts.append(f'<p class="meta">Corpus: <code>{_e(corpus)}</code></p>')
    if failure:
        parts.append(f'<p class="failure">Stopped: {_e(failure)}</p>')
    parts.append('<ol class="notebooks">')
    parts.extend(items)
    parts.append("</ol>")
    if tables:
        links = ", ".join(f'<a href="{_href("tables/" + t)}">{_e(t)}</a>' for t in tables)
        parts.append(f'<p class="meta">Tables (CSV): {links}</p>')
    parts.append(
        '<p class="note">Generated by <code>python -m helpers report</code> '
        "(<code>make report</code>): each page is its notebook executed top to bottom "
        "against the corpus above. Executed notebooks are kept in "
        '<a href="executed/">executed/</a>.</p>'
    )
    parts += ["</main>", "</body>", "</html>", ""]
    out_dir.mkdir(parents=True, exist_ok=True)
    index = out_dir / "index.html"
    index.write_text("\n".join(parts), encoding="utf-8")
    return index


# ---------------------------------------------------------------- the whole report


def write_tables(corpus: str | Path, out_dir: str | Path) -> Path:
    """Run the analysis on ``corpus`` and write each table as ``out_dir/tables/<table>.csv``."""
    from helpers import analyze
    from helpers.pipeline import write_tables as write_csv

    directory = Path(out_dir) / "tables"
    directory.mkdir(parents=True, exist_ok=True)
    write_csv(analyze(corpus), directory)
    return directory


def _timed_execute(path, corpus, out_dir, parameters, timeout):
    start = time.perf_counter()
    nb = execute_notebook(path, corpus, out_dir, parameters=parameters, timeout=timeout)
    return nb, time.perf_counter() - start


def build_report(
    corpus: str | Path,
    out_dir: str | Path = "reports",
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    parameters: Mapping | None = None,
    progress: bool = True,
    tables: bool = True,
    jobs: int = DEFAULT_JOBS,
    timeout: int = CELL_TIMEOUT,
) -> Path:
    """Execute every notebook against ``corpus`` and write the report; return index.html.

    ``tables=False`` skips the CSV tables; ``jobs`` is how many notebooks run at once.
    Raises ``ReportError`` for a missing corpus, an empty notebook folder, or the first
    failing notebook (after writing the index for the notebooks before it).
    """
    started = time.perf_counter()
    corpus_path = Path(corpus)
    if not corpus_path.exists():
        raise ReportError(f"corpus not found: {corpus} (give a folder of .txt files, a .txt, "
                          ".csv, .jsonl or .parquet file)")
    notebooks = list_notebooks(notebooks_dir)
    if not notebooks:
        raise ReportError(f"no notebooks named NN_*.ipynb in {notebooks_dir}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    def say(message: str) -> None:
        if progress:
            print(message, flush=True)

    if tables:
        tick = time.perf_counter()
        try:
            directory = write_tables(corpus_path, out_dir)
        except Exception as err:  # one clear line for `make report`; the cause stays chained
            first = _first_line(str(err)) or "no message"
            raise ReportError(f"tables: {type(err).__name__}: {first}") from err
        say(f"tables   {time.perf_counter() - tick:5.1f} s  {directory}")

    entries: list[IndexEntry] = []
    failure: ReportError | None = None
    pool = ThreadPoolExecutor(max_workers=max(1, min(jobs, len(notebooks))))
    try:
        futures: list[Future] = [
            pool.submit(_timed_execute, p, corpus_path, out_dir, parameters, timeout)
            for p in notebooks
        ]
        for n, (path, future) in enumerate(zip(notebooks, futures), start=1):
            try:
                nb, seconds = future.result()
            except ReportError as err:
                failure = err
                break
            tick = time.perf_counter()
            title, line = notebook_summary(nb)
            page = out_dir / f"{path.stem}.html"
            page.write_text(notebook_to_html(nb, title or path.stem), encoding="utf-8")
            entries.append(IndexEntry(path.stem, title or path.stem, line, key_figure(nb)))
            say(f"[{n}/{len(notebooks)}] {path.name:<36} run {seconds:5.1f} s  "
                f"html {time.perf_counter() - tick:4.1f} s")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

    index = write_index(entries, out_dir, corpus=corpus,
                        failure=str(failure) if failure else None)
    if failure:
        raise failure
    say(f"report   {time.perf_counter() - started:5.1f} s  {index}")
    return index
