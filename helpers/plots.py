"""Figures for the notebooks. Each function takes tables and returns a matplotlib Figure;
the numbers behind every figure come from a table the notebook shows next to it, so each
point can be traced back to sentences.

No figure is drawn at import; the backend is whatever the caller set (``MPLBACKEND=Agg`` in
tests and reports).
"""

from __future__ import annotations

import pandas as pd

from .clean import word_count


def corpus_overview(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document: id, date, month, source and length in words.

    >>> corpus_overview(pd.DataFrame({"doc_id": ["a"], "date": ["2024-07-01"], "source": [""],
    ...                               "text": ["Two words."]})).values.tolist()
    [['a', '2024-07-01', '2024-07', 'unknown', 2]]
    """
    out = pd.DataFrame({
        "doc_id": documents["doc_id"].astype(str),
        "date": documents["date"].fillna("").astype(str),
        "month": documents["date"].fillna("").astype(str).str[:7].replace("", "undated"),
        "source": documents["source"].fillna("").astype(str).replace("", "unknown"),
        "n_words": [word_count(t) for t in documents.get("text", pd.Series([""] * len(documents)))],
    })
    return out.sort_values(["date", "doc_id"], kind="mergesort").reset_index(drop=True)


def plot_corpus_overview(overview: pd.DataFrame):
    """Documents per month and words per source, side by side."""
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.5))
    per_month = overview.groupby("month").size()
    left.bar(per_month.index.astype(str), per_month.values, color="#4C72B0")
    left.set_title("Documents per month")
    left.set_ylabel("documents")
    left.tick_params(axis="x", rotation=45)
    per_source = overview.groupby("source")["n_words"].sum().sort_values()
    right.barh(per_source.index.astype(str), per_source.values, color="#55A868")
    right.set_title("Words per source")
    right.set_xlabel("words")
    fig.tight_layout()
    return fig
