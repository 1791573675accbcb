"""Benchmark: how fast is the whole pipeline, against VADER, as the corpus grows?

``python -m helpers.bench --sizes 1000,10000,100000 [--engine pandas|dask] [--dask] [--quick]``

For each size (a number of sentences):

1. a fresh Python process is started (``multiprocessing`` "spawn"), so the peak memory
   measured is that size's own;
2. it warms up: one small run of the pipeline and of VADER, so imports, lexicon loading and
   regex compilation are not timed;
3. it builds a synthetic corpus of about that many sentences (``scale.make_large_corpus``:
   seed and fixture sentences resampled, seeded) as a documents table; not timed;
4. it times ``pipeline.analyze_documents`` on that table: cleaning, sentence splitting,
   mentions, quotes, roles, events, triggers and stance, and building every DataFrame;
5. it times VADER alone (``SentimentIntensityAnalyzer().polarity_scores``, analyzer built
   before the clock starts) on exactly the sentence texts of the pipeline's sentences table;
6. it reports the peak resident memory of the process
   (``resource.getrusage(RUSAGE_SELF).ru_maxrss``), which includes the Python interpreter,
   pandas, the corpus, every table and the VADER run.

Targets (printed with PASS/FAIL): pipeline sentences/s at least VADER's
(``TARGET_RATIO_TO_VADER``); cost per sentence at the largest size within
``TARGET_COST_GROWTH`` of the smallest; peak memory under ``TARGET_PEAK_MB`` at the largest.

``--dask`` adds: the largest corpus through the Dask engine on a ``LocalCluster`` with 1 and
with 2 single-threaded worker processes (cluster start-up and worker warm-up timed
separately, not in the run), against the pandas engine in one process on the same corpus.
Target: 2 workers at least ``TARGET_DASK_SPEEDUP`` times faster than 1 worker (on 2 cores).

``run_benchmark(sizes)`` returns the results as a DataFrame (one row per measurement, a
``section`` column: ``size`` or ``dask``) for notebook 07.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pandas as pd

# The pipeline must score sentences at least as fast as VADER does on its own (the project's
# speed requirement: a general sentiment score is the cheapest baseline a user would run).
TARGET_RATIO_TO_VADER = 1.0
# Cost per sentence may grow by at most 25 % from the smallest to the largest corpus: the
# work is per document, so anything more means something grows with the corpus.
TARGET_COST_GROWTH = 1.25
# Peak memory of the process analysing the largest corpus (100,000 sentences) stays under 1 GB.
TARGET_PEAK_MB = 1024
# Two worker processes on two cores should be at least 1.6 times as fast as one.
TARGET_DASK_SPEEDUP = 1.6
# Sentences in the warm-up corpus: enough to touch every step once.
WARMUP_SENTENCES = 300
DEFAULT_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (500, 2_000)

SIZE_COLUMNS = ["section", "engine", "n_workers", "size", "n_docs", "n_sentences",
                "distinct_sentences",
                "pipeline_s", "sentences_per_s", "vader_s", "vader_sentences_per_s",
                "ratio_to_vader", "cost_us_per_sentence", "cost_vs_smallest", "peak_rss_mb",
                "baseline_rss_mb", "worker_peak_rss_mb", "startup_s", "speedup_vs_1_worker",
                "speedup_vs_pandas", "n_mentions", "n_events", "n_triggers", "n_stance"]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (``ru_maxrss``: KB on Linux,
    bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def machine_info() -> dict:
    """What the benchmark ran on: CPU, cores, Python and the packages that matter."""
    import importlib.metadata as md

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions = {}
    for name in ("pandas", "vaderSentiment", "nltk", "dask", "distributed"):
        try:
            versions[name] = md.version(name)
        except md.PackageNotFoundError:
            versions[name] = "not installed"
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), **versions}


def _warm_up(seed: int) -> None:
    """One small pipeline run and a few VADER scores, so import and load costs are paid."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from . import pipeline, scale

    frames = pipeline.analyze_documents(scale.large_documents(WARMUP_SENTENCES, seed + 1000))
    analyzer = SentimentIntensityAnalyzer()
    for text in frames["sentences"]["text"].head(50):
        analyzer.polarity_scores(text)


def _time_vader(texts: list[str]) -> float:
    """Seconds VADER takes to score ``texts`` (the analyzer is built before the clock)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    score = analyzer.polarity_scores
    gc.collect()
    start = time.perf_counter()
    for text in texts:
        score(text)
    return time.perf_counter() - start


def _worker_warm_up() -> bool:
    """Run on every Dask worker before timing: import the steps, load lexicons."""
    from . import pipeline, scale

    docs = scale.large_documents(WARMUP_SENTENCES, 1000)
    scale.analyze_partition(docs.head(20).to_dict("records"))
    return pipeline is not None


def measure_size(n_sentences: int, seed: int = 0, engine: str = "pandas",
                 n_workers: int | None = None) -> dict:
    """Measure one corpus size in this process (``run_benchmark`` calls it in a fresh one)."""
    from . import pipeline, scale

    _warm_up(seed)
    client, startup = None, None
    if engine == "dask":
        start = time.perf_counter()
        client = scale.start_local_client(n_workers, dashboard=False)
        client.run(_worker_warm_up)
        startup = time.perf_counter() - start
    baseline = peak_rss_mb()
    docs = scale.large_documents(n_sentences, seed)
    gc.collect()
    try:
        start = time.perf_counter()
        if client is not None:
            frames = scale.analyze_dask(docs, client=client)
        else:
            frames = pipeline.analyze_documents(docs)
        seconds = time.perf_counter() - start
        worker_peak = (max(client.run(peak_rss_mb).values()) if client is not None else None)
        workers = scale._n_workers(client) if client is not None else 1
    finally:
        if client is not None:
            scale.close_client(client)
    texts = frames["sentences"]["text"].tolist()
    vader_seconds = _time_vader(texts)
    n = len(texts)
    return {
        "section": "size", "engine": engine, "n_workers": workers, "size": n_sentences,
        "n_docs": len(docs), "n_sentences": n, "distinct_sentences": len(set(texts)),
        "pipeline_s": seconds,
        "sentences_per_s": n / seconds if seconds else float("nan"),
        "vader_s": vader_seconds,
        "vader_sentences_per_s": n / vader_seconds if vader_seconds else float("nan"),
        "cost_us_per_sentence": 1e6 * seconds / max(1, n), "peak_rss_mb": peak_rss_mb(),
        "baseline_rss_mb": baseline, "worker_peak_rss_mb": worker_peak, "startup_s": startup,
        "n_mentions": len(frames["mentions"]), "n_events": len(frames["events"]),
        "n_triggers": len(frames["triggers"]), "n_stance": len(frames["stance"]),
    }


def _in_fresh_process(func, *args):
    """Run ``func(*args)`` in a new spawned Python process and return its result."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


def measure_dask(n_sentences: int, seed: int = 0, workers=(1, 2)) -> list[dict]:
    """The Dask engine on one corpus with each number of workers (in this process; the
    workers are separate processes). Start-up and warm-up are timed apart from the run."""
    from . import scale

    docs = scale.large_documents(n_sentences, seed)
    rows = []
    for k in workers:
        start = time.perf_counter()
        client = scale.start_local_client(k, dashboard=False)
        client.run(_worker_warm_up)
        startup = time.perf_counter() - start
        try:
            gc.collect()
            start = time.perf_counter()
            frames = scale.analyze_dask(docs, client=client)
            seconds = time.perf_counter() - start
            worker_peak = max(client.run(peak_rss_mb).values())
            n_workers = scale._n_workers(client)
        finally:
            scale.close_client(client)
        n = len(frames["sentences"])
        rows.append({"section": "dask", "engine": "dask", "n_workers": n_workers,
                     "size": n_sentences, "n_docs": len(docs), "n_sentences": n,
                     "pipeline_s": seconds, "sentences_per_s": n / seconds,
                     "cost_us_per_sentence": 1e6 * seconds / max(1, n),
                     "peak_rss_mb": peak_rss_mb(), "worker_peak_rss_mb": worker_peak,
                     "startup_s": startup, "n_mentions": len(frames["mentions"]),
                     "n_events": len(frames["events"]), "n_triggers": len(frames["triggers"]),
                     "n_stance": len(frames["stance"])})
    return rows


def run_benchmark(sizes=DEFAULT_SIZES, seed: int = 0, engine: str = "pandas",
                  n_workers: int | None = None, dask: bool = False, dask_workers=(1, 2),
                  fresh_process: bool = True, verbose: bool = False) -> pd.DataFrame:
    """Measure every size (each in a fresh process unless ``fresh_process=False``) and, with
    ``dask=True``, the Dask engine on the largest size. Returns one row per measurement.

    Columns: ``SIZE_COLUMNS``; ``cost_vs_smallest`` is the cost per sentence divided by that
    of the smallest size; in the dask rows ``speedup_vs_1_worker`` and ``speedup_vs_pandas``
    compare run times (pandas: the ``size`` row of the same corpus, one process).
    """
    sizes = sorted(int(s) for s in sizes)
    rows = []
    for size in sizes:
        if verbose:
            print(f"  measuring {size:,} sentences ({engine}) ...", flush=True)
        args = (size, seed, engine, n_workers)
        rows.append(_in_fresh_process(measure_size, *args) if fresh_process
                    else measure_size(*args))
    table = pd.DataFrame(rows)
    if len(table):
        table["ratio_to_vader"] = table["sentences_per_s"] / table["vader_sentences_per_s"]
        table["cost_vs_smallest"] = (table["cost_us_per_sentence"]
                                     / table["cost_us_per_sentence"].iloc[0])
    if dask and sizes:
        if verbose:
            print(f"  measuring the Dask engine on {sizes[-1]:,} sentences ...", flush=True)
        drows = pd.DataFrame(measure_dask(sizes[-1], seed, dask_workers))
        one = drows.loc[drows["n_workers"] == 1, "pipeline_s"]
        if len(one):
            drows["speedup_vs_1_worker"] = one.iloc[0] / drows["pipeline_s"]
        ref = table.loc[(table["size"] == sizes[-1]) & (table["engine"] == "pandas"),
                        "pipeline_s"]
        if len(ref):
            drows["speedup_vs_pandas"] = ref.iloc[0] / drows["pipeline_s"]
        table = pd.concat([table, drows], ignore_index=True)
    table = table.reindex(columns=SIZE_COLUMNS)
    table.attrs["machine"] = machine_info()
    table.attrs["seed"] = seed
    return table


def _fmt(value, spec: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "-"
    return format(value, spec)


def format_report(table: pd.DataFrame) -> str:
    """The printed report: what ran on what, the measurements, and each target."""
    info = table.attrs.get("machine") or machine_info()
    seed = table.attrs.get("seed", 0)
    lines = [
        (f"Machine: {info['cpu']}, {info['cores']} cores; Python {info['python']}; "
         f"pandas {info['pandas']}, vaderSentiment {info['vaderSentiment']}, "
         f"nltk {info['nltk']}, dask {info['dask']}"),
        (f"Corpus: helpers.scale.make_large_corpus(size, seed={seed}): 8-30 sentences "
         "resampled per document from the seed and fixture corpora."),
        ("Pipeline: pipeline.analyze_documents (clean, sentences, mentions, quotes, roles, "
         "events, triggers, stance incl. its own VADER column, DataFrames); corpus generation "
         "not timed."),
        ("VADER: SentimentIntensityAnalyzer().polarity_scores on the same sentence texts; "
         "analyzer built before timing. Both warmed up first. Each size in a fresh process."),
    ]
    sizes = table[table["section"] == "size"]
    if len(sizes) and "distinct_sentences" in sizes:
        last = sizes.iloc[-1]
        lines.append(f"Note: the resampled corpus repeats sentences "
                     f"({int(last['distinct_sentences']):,} distinct of "
                     f"{int(last['n_sentences']):,} at {int(last['size']):,}); a step that "
                     "caches by sentence text would look faster than on real news.")
    lines.append("")
    header = (f"{'size':>8} {'engine':>6} {'docs':>6} {'sentences':>9} {'pipeline s':>10} "
              f"{'sent/s':>8} {'VADER sent/s':>12} {'ratio':>6} {'us/sent':>8} "
              f"{'cost x':>6} {'peak MB':>8}")
    lines += [header, "-" * len(header)]
    for r in sizes.to_dict("records"):
        lines.append(
            f"{r['size']:>8,} {r['engine']:>6} {r['n_docs']:>6,} {r['n_sentences']:>9,} "
            f"{_fmt(r['pipeline_s'], '>10.2f')} {_fmt(r['sentences_per_s'], '>8,.0f')} "
            f"{_fmt(r['vader_sentences_per_s'], '>12,.0f')} {_fmt(r['ratio_to_vader'], '>6.2f')} "
            f"{_fmt(r['cost_us_per_sentence'], '>8.0f')} {_fmt(r['cost_vs_smallest'], '>6.2f')} "
            f"{_fmt(r['peak_rss_mb'], '>8.0f')}")
    if len(sizes):
        last = sizes.iloc[-1]
        lines += ["", "Targets:"]
        ok = bool((sizes["ratio_to_vader"] >= TARGET_RATIO_TO_VADER).all())
        lines.append(f"  ratio to VADER >= {TARGET_RATIO_TO_VADER:.2f} at every size: "
                     f"{'PASS' if ok else 'FAIL'} (min {sizes['ratio_to_vader'].min():.2f})")
        if len(sizes) > 1:
            growth = float(last["cost_vs_smallest"])
            lines.append(f"  cost per sentence at {int(last['size']):,} within "
                         f"{TARGET_COST_GROWTH:.2f}x of {int(sizes.iloc[0]['size']):,}: "
                         f"{'PASS' if growth <= TARGET_COST_GROWTH else 'FAIL'} ({growth:.2f}x)")
        peak = float(last["peak_rss_mb"])
        lines.append(f"  peak memory at {int(last['size']):,} < {TARGET_PEAK_MB} MB: "
                     f"{'PASS' if peak < TARGET_PEAK_MB else 'FAIL'} ({peak:.0f} MB; "
                     f"{float(last['baseline_rss_mb']):.0f} MB after imports and warm-up)")
    dask_rows = table[table["section"] == "dask"]
    if len(dask_rows):
        lines += ["", (f"Dask engine (LocalCluster, single-threaded worker processes) on "
                       f"{int(dask_rows['size'].iloc[0]):,} sentences; start-up not in the "
                       "run:")]
        header = (f"{'workers':>7} {'run s':>8} {'sent/s':>8} {'x 1 worker':>10} "
                  f"{'x pandas':>8} {'start-up s':>10} {'worker peak MB':>14}")
        lines += [header, "-" * len(header)]
        for r in dask_rows.to_dict("records"):
            lines.append(
                f"{r['n_workers']:>7} {_fmt(r['pipeline_s'], '>8.2f')} "
                f"{_fmt(r['sentences_per_s'], '>8,.0f')} "
                f"{_fmt(r['speedup_vs_1_worker'], '>10.2f')} "
                f"{_fmt(r['speedup_vs_pandas'], '>8.2f')} {_fmt(r['startup_s'], '>10.1f')} "
                f"{_fmt(r['worker_peak_rss_mb'], '>14.0f')}")
        two = dask_rows[dask_rows["n_workers"] == 2]
        if len(two):
            speedup = float(two["speedup_vs_1_worker"].iloc[0])
            cores = info["cores"]
            lines.append(f"  2 workers vs 1 worker >= {TARGET_DASK_SPEEDUP}x (on {cores} cores): "
                         f"{'PASS' if speedup >= TARGET_DASK_SPEEDUP else 'FAIL'} "
                         f"({speedup:.2f}x)")
        lines.append("  'x pandas' compares with the pandas engine in one process on the same "
                     "corpus (the size row above).")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.bench",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=None,
                        help="comma-separated sizes in sentences (default 1000,10000,100000)")
    parser.add_argument("--engine", choices=["pandas", "dask"], default="pandas",
                        help="engine for the per-size runs (default pandas, one process)")
    parser.add_argument("--workers", type=int, default=None,
                        help="workers for --engine dask (default: one per core)")
    parser.add_argument("--dask", action="store_true",
                        help="also time the Dask engine with 1 and 2 workers on the largest size")
    parser.add_argument("--quick", action="store_true",
                        help=f"small sizes ({','.join(map(str, QUICK_SIZES))}) for a smoke test")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--csv", default=None, help="also write the results to this CSV file")
    args = parser.parse_args(argv)
    if args.sizes:
        try:
            sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
        except ValueError:
            parser.exit(2, f"{parser.prog}: error: --sizes takes numbers like 1000,10000\n")
    else:
        sizes = list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    print(f"Benchmark: sizes {', '.join(f'{s:,}' for s in sizes)} sentences", flush=True)
    table = run_benchmark(sizes, seed=args.seed, engine=args.engine, n_workers=args.workers,
                          dask=args.dask, verbose=True)
    print()
    print(format_report(table))
    if args.csv:
        table.to_csv(args.csv, index=False, encoding="utf-8", lineterminator="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
