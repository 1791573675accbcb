"""Command line: ``python -m helpers analyze CORPUS --out DIR`` and ``python -m helpers report``.

A user error (missing path, unknown format, table without ``text``, unwritable output) prints
one line on stderr that says what to do and exits with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2 (argparse's own behaviour, shorter)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _check_out_dir(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PermissionError(f"cannot create output folder {out}: {exc.strerror}; choose another --out") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise PermissionError(f"output folder {out} is not writable; choose another --out")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m helpers", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    a = sub.add_parser("analyze", help="analyse a corpus and write every table as CSV")
    a.add_argument("corpus", help="folder of .txt files, a .txt file, or a .csv/.jsonl/.parquet table")
    a.add_argument("--out", required=True, help="folder for the CSV tables")
    a.add_argument("--engine", choices=["pandas", "dask"], default="pandas")
    a.add_argument("--scheduler", default=None, help="dask scheduler address (default: a LocalCluster)")
    a.add_argument("--workers", type=int, default=None, help="LocalCluster workers (default: cores)")
    a.add_argument("--quiet", action="store_true", help="no progress bar")
    r = sub.add_parser("report", help="render every notebook to HTML with the tables")
    r.add_argument("--corpus", default="seeds")
    r.add_argument("--out", default="reports")
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    from .corpus import CorpusError
    try:
        if args.command == "analyze":
            from .corpus import load_corpus
            from .pipeline import analyze, write_tables
            out = Path(args.out)
            corpus = load_corpus(args.corpus)  # a user error here leaves no output folder behind
            _check_out_dir(out)
            options = {}
            if args.engine == "dask":
                options = {"scheduler": args.scheduler, "n_workers": args.workers}
            result = analyze(corpus, engine=args.engine,
                             progress=not args.quiet and sys.stderr.isatty(), **options)
            write_tables(result, out)
            docs, skipped = len(result.documents), len(result.skipped)
            print(f"{docs} documents, {skipped} skipped, {len(result.sentences)} sentences, "
                  f"{len(result.events)} events, {len(result.triggers)} triggers -> {out}/")
            return 0
        if args.command == "report":
            from .report import ReportError, build_report
            try:
                index = build_report(args.corpus, args.out)
            except ReportError as exc:
                print(f"report: {exc}", file=sys.stderr)
                return 1 if Path(args.corpus).exists() else EXIT_USAGE
            print(f"report written: {index}")
            return 0
    except (CorpusError, PermissionError, FileNotFoundError, IsADirectoryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
