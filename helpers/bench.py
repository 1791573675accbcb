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
   mentions, quotes, roles, events, triggers and stance, and building every DataFrame. By
   default without the pipeline's own ``vader`` column (``baseline=False``), so VADER is not
   on both sides of the comparison; ``--with-vader-column`` includes it;
5. it times VADER alone (``SentimentIntensityAnalyzer().polarity_scores``, analyzer built
   before the clock starts) on exactly the sentence texts of the pipeline's sentences table;
6. it reports the peak resident memory of the process
   (``resource.getrusage(RUSAGE_SELF).ru_maxrss``), which includes the Python interpreter,
   pandas, the corpus, every table and the VADER run.

Each timing records wall-clock seconds, the CPU seconds of our own processes and how many
cores other processes kept busy meanwhile (``Meter``), because a shared machine slows wall
clock time without changing the work done.

Targets (printed with PASS/FAIL): pipeline sentences/s at least VADER's
(``TARGET_RATIO_TO_VADER``); cost per sentence at the largest size within
``TARGET_COST_GROWTH`` of the smallest; peak memory under ``TARGET_PEAK_MB`` at the largest.

``--dask`` adds, in one more fresh process: the largest corpus through the pandas engine and
through the Dask engine on a ``LocalCluster`` with 1 and with 2 single-threaded worker
processes (cluster start-up and worker warm-up timed separately, not in the run).
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
                "distinct_sentences", "pipeline_s", "pipeline_cpu_s", "sentences_per_s",
                "vader_s", "vader_cpu_s", "vader_sentences_per_s", "ratio_to_vader",
                "ratio_to_vader_cpu", "cost_us_per_sentence", "cost_vs_smallest",
                "cost_vs_smallest_cpu", "other_load_cores", "peak_rss_mb", "baseline_rss_mb",
                "worker_peak_rss_mb", "startup_s", "speedup_vs_1_worker", "speedup_vs_pandas",
                "n_mentions", "n_events", "n_triggers", "n_stance"]
# Other processes keeping more than this many cores busy during a measurement make its wall
# time unreliable; the report says so (CPU-time figures are then the better guide).
BUSY_WARNING_CORES = 0.25


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (``ru_maxrss``: KB on Linux,
    bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def cpu_seconds() -> float:
    """CPU time of this process so far (all threads)."""
    return time.process_time()


def _busy_cpu_seconds() -> float | None:
    """CPU seconds all processes on the machine have used (psutil), or None."""
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with distributed
        return None
    t = psutil.cpu_times()
    return sum(getattr(t, f, 0.0) for f in ("user", "nice", "system", "irq", "softirq", "steal"))


class Meter:
    """Time a block: wall seconds, this process's CPU seconds and how many cores other
    processes kept busy meanwhile (``other_load_cores``; machine CPU time minus ours, per
    wall second). Add CPU time spent in our own other processes (Dask workers) with
    ``extra_cpu`` before the block ends.
    """

    def __enter__(self):
        self.extra_cpu = 0.0
        self._busy = _busy_cpu_seconds()
        self._cpu = cpu_seconds()
        self._wall = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self._wall
        self.cpu = cpu_seconds() - self._cpu + self.extra_cpu
        busy = _busy_cpu_seconds()
        self.other_load_cores = (None if busy is None or self._busy is None or not self.wall
                                 else max(0.0, (busy - self._busy - self.cpu) / self.wall))
        return False


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


def set_sentence_memo(enabled: bool) -> bool:
    """Turn the per-process sentence memo of events and triggers on or off (this process).

    ``helpers.events.sentence_memo`` remembers the events and triggers of a sentence by its
    text, date, speaker and mentions. The resampled benchmark corpus repeats each sentence
    hundreds of times, real news rarely, so with the memo on the benchmark would time mostly
    memo look-ups. Off, ``MEMO_SIZE`` is 0: every sentence is analysed. Returns whether the
    memo exists at all.
    """
    from . import events

    if not hasattr(events, "MEMO_SIZE"):
        return False
    original = _MEMO_SIZES.setdefault("events", events.MEMO_SIZE)
    events.MEMO_SIZE = original if enabled else 0
    if hasattr(events, "sentence_memo"):
        events.sentence_memo().clear()
    return True


_MEMO_SIZES: dict = {}


def _warm_up(seed: int) -> None:
    """One small pipeline run and a few VADER scores, so import and load costs are paid."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from . import pipeline, scale

    frames = pipeline.analyze_documents(scale.large_documents(WARMUP_SENTENCES, seed + 1000))
    analyzer = SentimentIntensityAnalyzer()
    for text in frames["sentences"]["text"].head(50):
        analyzer.polarity_scores(text)


def _time_vader(texts: list[str]) -> Meter:
    """Time VADER scoring ``texts`` (the analyzer is built before the clock starts)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    score = analyzer.polarity_scores
    gc.collect()
    with Meter() as meter:
        for text in texts:
            score(text)
    return meter


def _worker_warm_up(memo: bool) -> bool:
    """Run on every Dask worker before timing: import the steps, load lexicons, set the
    sentence memo as in the pandas run."""
    from . import scale

    docs = scale.large_documents(WARMUP_SENTENCES, 1000)
    scale.analyze_partition(docs.head(20).to_dict("records"))
    set_sentence_memo(memo)
    return True


def _start_warm_client(n_workers, memo: bool):
    """A LocalCluster client whose workers have imported and run the steps once."""
    from . import scale

    start = time.perf_counter()
    client = scale.start_local_client(n_workers, dashboard=False)
    client.run(_worker_warm_up, memo)
    return client, time.perf_counter() - start


def _run_engine(docs, client, baseline: bool) -> tuple[dict, Meter]:
    """Run the pandas engine (``client`` None) or the Dask engine and meter it."""
    from . import pipeline, scale

    gc.collect()
    if client is None:
        with Meter() as meter:
            frames = pipeline.analyze_documents(docs, baseline=baseline)
        return frames, meter
    before = client.run(cpu_seconds)
    with Meter() as meter:
        frames = scale.analyze_dask(docs, client=client, baseline=baseline)
        after = client.run(cpu_seconds)
        meter.extra_cpu = sum(after[w] - before.get(w, 0.0) for w in after)
    return frames, meter


def _row(section, engine, size, docs, frames, meter, client=None, **extra) -> dict:
    from . import scale

    n = len(frames["sentences"])
    row = {
        "section": section, "engine": engine,
        "n_workers": scale._n_workers(client) if client is not None else 1,
        "size": size, "n_docs": len(docs), "n_sentences": n,
        "distinct_sentences": int(frames["sentences"]["text"].nunique()),
        "pipeline_s": meter.wall, "pipeline_cpu_s": meter.cpu,
        "sentences_per_s": n / meter.wall if meter.wall else float("nan"),
        "cost_us_per_sentence": 1e6 * meter.wall / max(1, n),
        "other_load_cores": meter.other_load_cores, "peak_rss_mb": peak_rss_mb(),
        "worker_peak_rss_mb": (max(client.run(peak_rss_mb).values())
                               if client is not None else None),
        "n_mentions": len(frames["mentions"]), "n_events": len(frames["events"]),
        "n_triggers": len(frames["triggers"]), "n_stance": len(frames["stance"]),
    }
    row.update(extra)
    return row


def measure_size(n_sentences: int, seed: int = 0, engine: str = "pandas",
                 n_workers: int | None = None, baseline: bool = False,
                 memo: bool = False) -> dict:
    """Measure one corpus size in this process (``run_benchmark`` calls it in a fresh one):
    the pipeline with ``engine`` (``baseline``: with its own VADER column), then VADER alone
    on the same sentences."""
    from . import scale

    _warm_up(seed)
    set_sentence_memo(memo)
    client, startup = (_start_warm_client(n_workers, memo) if engine == "dask"
                       else (None, None))
    rss_before = peak_rss_mb()
    docs = scale.large_documents(n_sentences, seed)
    try:
        frames, meter = _run_engine(docs, client, baseline)
        row = _row("size", engine, n_sentences, docs, frames, meter, client,
                   baseline_rss_mb=rss_before, startup_s=startup)
    finally:
        if client is not None:
            scale.close_client(client)
    texts = frames["sentences"]["text"].tolist()
    vader = _time_vader(texts)
    row.update({"vader_s": vader.wall, "vader_cpu_s": vader.cpu,
                "vader_sentences_per_s": len(texts) / vader.wall if vader.wall else float("nan"),
                "peak_rss_mb": peak_rss_mb()})
    return row


def _in_fresh_process(func, *args):
    """Run ``func(*args)`` in a new spawned Python process and return its result."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


def measure_dask(n_sentences: int, seed: int = 0, workers=(1, 2),
                 baseline: bool = False, memo: bool = False) -> list[dict]:
    """One corpus through the pandas engine (this process) and through the Dask engine with
    each number of workers (separate processes). Cluster start-up and worker warm-up are
    timed apart from the run (``startup_s``)."""
    from . import scale

    _warm_up(seed)
    set_sentence_memo(memo)
    docs = scale.large_documents(n_sentences, seed)
    frames, meter = _run_engine(docs, None, baseline)
    rows = [_row("dask", "pandas", n_sentences, docs, frames, meter)]
    del frames
    for k in workers:
        client, startup = _start_warm_client(k, memo)
        try:
            frames, meter = _run_engine(docs, client, baseline)
            rows.append(_row("dask", "dask", n_sentences, docs, frames, meter, client,
                             startup_s=startup))
        finally:
            scale.close_client(client)
    return rows


def run_benchmark(sizes=DEFAULT_SIZES, seed: int = 0, engine: str = "pandas",
                  n_workers: int | None = None, dask: bool = False, dask_workers=(1, 2),
                  baseline: bool = False, memo: bool = False, fresh_process: bool = True,
                  verbose: bool = False) -> pd.DataFrame:
    """Measure every size (each in a fresh process unless ``fresh_process=False``) and, with
    ``dask=True``, the pandas and Dask engines on the largest size (also in a fresh process).
    Returns one row per measurement (columns ``SIZE_COLUMNS``; ``section`` is ``size`` or
    ``dask``). ``baseline=False`` (default) times the pipeline without its own ``vader``
    column, so VADER is not counted on both sides of the comparison; ``True`` includes it.
    ``memo=False`` (default) turns off the sentence memo of events and triggers
    (``set_sentence_memo``): the resampled corpus repeats sentences far more than news does.

    ``ratio_to_vader``: pipeline sentences/s divided by VADER's (wall clock);
    ``ratio_to_vader_cpu``: the same by CPU time. ``cost_vs_smallest``: cost per sentence
    divided by that of the smallest size. In the dask section ``speedup_vs_1_worker`` and
    ``speedup_vs_pandas`` divide run times (wall clock).
    """
    sizes = sorted(int(s) for s in sizes)
    run = _in_fresh_process if fresh_process else (lambda func, *args: func(*args))
    rows = []
    for size in sizes:
        if verbose:
            print(f"  measuring {size:,} sentences ({engine}) ...", flush=True)
        rows.append(run(measure_size, size, seed, engine, n_workers, baseline, memo))
    table = pd.DataFrame(rows)
    if len(table):
        table["ratio_to_vader"] = table["sentences_per_s"] / table["vader_sentences_per_s"]
        table["ratio_to_vader_cpu"] = table["vader_cpu_s"] / table["pipeline_cpu_s"]
        per_cpu = table["pipeline_cpu_s"] / table["n_sentences"]
        table["cost_vs_smallest"] = (table["cost_us_per_sentence"]
                                     / table["cost_us_per_sentence"].iloc[0])
        table["cost_vs_smallest_cpu"] = per_cpu / per_cpu.iloc[0]
    if dask and sizes:
        if verbose:
            print(f"  measuring pandas and Dask engines on {sizes[-1]:,} sentences ...",
                  flush=True)
        drows = pd.DataFrame(run(measure_dask, sizes[-1], seed, tuple(dask_workers),
                                 baseline, memo))
        one = drows.loc[(drows["engine"] == "dask") & (drows["n_workers"] == 1), "pipeline_s"]
        if len(one):
            drows["speedup_vs_1_worker"] = one.iloc[0] / drows["pipeline_s"]
        ref = drows.loc[drows["engine"] == "pandas", "pipeline_s"]
        drows["speedup_vs_pandas"] = ref.iloc[0] / drows["pipeline_s"]
        table = pd.concat([table, drows], ignore_index=True)
    table = table.reindex(columns=SIZE_COLUMNS)
    table.attrs["machine"] = machine_info()
    table.attrs["seed"] = seed
    table.attrs["vader_column"] = baseline
    table.attrs["sentence_memo"] = memo
    return table


def _fmt(value, spec: str) -> str:
    """``format(value, spec)``, or a dash of the same width for a missing value."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        width = "".join(ch for ch in spec.split(".")[0].split(",")[0] if ch.isdigit())
        return "-".rjust(int(width or 1))
    return format(value, spec)


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


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
         "events, triggers, stance, DataFrames) "
         + ("WITH its own VADER column (baseline=True)" if table.attrs.get("vader_column")
            else "without its own VADER column (baseline=False)")
         + "; corpus generation not timed."),
        ("VADER: SentimentIntensityAnalyzer().polarity_scores on the same sentence texts; "
         "analyzer built before timing. Both warmed up first. Each size in a fresh process."),
        ("Times are wall clock; 'CPU' columns are the process's CPU time; 'busy' is how many "
         "cores other processes kept busy during the run."),
    ]
    sizes = table[table["section"] == "size"]
    if len(sizes):
        last = sizes.iloc[-1]
        memo = ("ON (--allow-memo): repeated sentences are memo look-ups, so these figures "
                "flatter the pipeline" if table.attrs.get("sentence_memo")
                else "OFF (MEMO_SIZE=0), so every sentence is analysed as in real news")
        lines.append(f"Note: the resampled corpus repeats sentences "
                     f"({int(last['distinct_sentences']):,} distinct of "
                     f"{int(last['n_sentences']):,} at {int(last['size']):,}); the "
                     f"events/triggers sentence memo was {memo}.")
    lines.append("")
    header = (f"{'size':>8} {'engine':>6} {'docs':>6} {'sentences':>9} {'pipeline s':>10} "
              f"{'CPU s':>7} {'sent/s':>7} {'VADER/s':>8} {'ratio':>5} {'CPU ratio':>9} "
              f"{'us/sent':>7} {'cost x':>6} {'CPU x':>5} {'busy':>5} {'peak MB':>7}")
    lines += [header, "-" * len(header)]
    for r in sizes.to_dict("records"):
        lines.append(
            f"{r['size']:>8,} {r['engine']:>6} {r['n_docs']:>6,} {r['n_sentences']:>9,} "
            f"{_fmt(r['pipeline_s'], '>10.2f')} {_fmt(r['pipeline_cpu_s'], '>7.2f')} "
            f"{_fmt(r['sentences_per_s'], '>7,.0f')} "
            f"{_fmt(r['vader_sentences_per_s'], '>8,.0f')} "
            f"{_fmt(r['ratio_to_vader'], '>5.2f')} {_fmt(r['ratio_to_vader_cpu'], '>9.2f')} "
            f"{_fmt(r['cost_us_per_sentence'], '>7.0f')} {_fmt(r['cost_vs_smallest'], '>6.2f')} "
            f"{_fmt(r['cost_vs_smallest_cpu'], '>5.2f')} {_fmt(r['other_load_cores'], '>5.2f')} "
            f"{_fmt(r['peak_rss_mb'], '>7.0f')}")
    if len(sizes):
        last = sizes.iloc[-1]
        lines += ["", "Targets:"]
        worst = sizes["ratio_to_vader"].min()
        lines.append(f"  pipeline sent/s / VADER sent/s >= {TARGET_RATIO_TO_VADER:.2f} at every "
                     f"size: {_verdict(worst >= TARGET_RATIO_TO_VADER)} (worst {worst:.2f}; by "
                     f"CPU time {sizes['ratio_to_vader_cpu'].min():.2f})")
        if len(sizes) > 1:
            growth = float(last["cost_vs_smallest"])
            lines.append(f"  cost per sentence at {int(last['size']):,} within "
                         f"{TARGET_COST_GROWTH:.2f}x of {int(sizes.iloc[0]['size']):,}: "
                         f"{_verdict(growth <= TARGET_COST_GROWTH)} ({growth:.2f}x; by CPU "
                         f"time {float(last['cost_vs_smallest_cpu']):.2f}x)")
        peak = float(last["peak_rss_mb"])
        lines.append(f"  peak memory at {int(last['size']):,} < {TARGET_PEAK_MB} MB: "
                     f"{_verdict(peak < TARGET_PEAK_MB)} ({peak:.0f} MB; "
                     f"{float(last['baseline_rss_mb']):.0f} MB after imports and warm-up)")
    dask_rows = table[table["section"] == "dask"]
    if len(dask_rows):
        lines += ["", (f"Engines on {int(dask_rows['size'].iloc[0]):,} sentences, one fresh "
                       "process (Dask: LocalCluster of single-threaded worker processes; "
                       "start-up and warm-up not in the run; CPU s includes the workers):")]
        header = (f"{'engine':>6} {'workers':>7} {'run s':>8} {'CPU s':>7} {'sent/s':>7} "
                  f"{'x 1 worker':>10} {'x pandas':>8} {'busy':>5} {'start-up s':>10} "
                  f"{'worker peak MB':>14}")
        lines += [header, "-" * len(header)]
        for r in dask_rows.to_dict("records"):
            lines.append(
                f"{r['engine']:>6} {r['n_workers']:>7} {_fmt(r['pipeline_s'], '>8.2f')} "
                f"{_fmt(r['pipeline_cpu_s'], '>7.2f')} {_fmt(r['sentences_per_s'], '>7,.0f')} "
                f"{_fmt(r['speedup_vs_1_worker'], '>10.2f')} "
                f"{_fmt(r['speedup_vs_pandas'], '>8.2f')} "
                f"{_fmt(r['other_load_cores'], '>5.2f')} {_fmt(r['startup_s'], '>10.1f')} "
                f"{_fmt(r['worker_peak_rss_mb'], '>14.0f')}")
        two = dask_rows[(dask_rows["engine"] == "dask") & (dask_rows["n_workers"] == 2)]
        if len(two):
            speedup = float(two["speedup_vs_1_worker"].iloc[0])
            lines.append(f"  2 workers vs 1 worker >= {TARGET_DASK_SPEEDUP}x (on "
                         f"{info['cores']} cores): {_verdict(speedup >= TARGET_DASK_SPEEDUP)} "
                         f"({speedup:.2f}x; vs the pandas engine "
                         f"{float(two['speedup_vs_pandas'].iloc[0]):.2f}x)")
    busy = table["other_load_cores"].dropna()
    if len(busy) and busy.max() > BUSY_WARNING_CORES:
        lines += ["", (f"Warning: other processes kept up to {busy.max():.2f} of "
                       f"{info['cores']} cores busy during the runs ('busy'); wall-clock "
                       "figures and speed-ups are pessimistic, CPU-time figures less affected.")]
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
    parser.add_argument("--allow-memo", action="store_true",
                        help="keep the events/triggers sentence memo on (off by default: the "
                             "resampled corpus repeats sentences, real news rarely does)")
    parser.add_argument("--with-vader-column", action="store_true",
                        help="time the pipeline with its own VADER column (baseline=True)")
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
                          dask=args.dask, baseline=args.with_vader_column,
                          memo=args.allow_memo, verbose=True)
    print()
    print(format_report(table))
    if args.csv:
        table.to_csv(args.csv, index=False, encoding="utf-8", lineterminator="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
