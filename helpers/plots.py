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


BLOC_COLOURS = {"iran": "#2E8B57", "iraqi_militias": "#66A61E", "hezbollah": "#B8860B",
                "israel": "#1F77B4", "united_states": "#6A3D9A", "iraq": "#E6AB02"}
RELATION_COLOURS = {"backs": "#2E8B57", "threatens": "#D62728", "attacks": "#8B0000",
                    "presses": "#1F77B4"}


def plot_bloc_counts(bloc_counts: pd.DataFrame, top: int = 12):
    """Stacked horizontal bars: mentions per bloc, each segment an actor that rolls up to it
    (the bloc itself darkest), labelled in the bar where it fits."""
    import matplotlib.pyplot as plt

    totals = bloc_counts.groupby("bloc")["mentions"].sum().sort_values()
    blocs = list(totals.index[-top:])
    fig, ax = plt.subplots(figsize=(8.5, 0.5 * len(blocs) + 1.5))
    cmap = plt.get_cmap("tab20")
    for y, bloc in enumerate(blocs):
        rows = bloc_counts[bloc_counts["bloc"] == bloc].sort_values(
            ["mentions", "actor"], ascending=[False, True])
        left = 0
        for k, row in enumerate(rows.itertuples(index=False)):
            colour = cmap((2 * (y % 10)) + (0 if row.actor == bloc else 1))
            ax.barh(y, row.mentions, left=left, color=colour, edgecolor="white")
            if row.mentions >= max(1, 0.08 * totals.max()):
                ax.text(left + row.mentions / 2, y, row.actor, ha="center", va="center", fontsize=7)
            left += row.mentions
    ax.set_yticks(range(len(blocs)), blocs)
    ax.set_xlabel("mentions")
    ax.set_title("Actor mentions rolled up by bloc (segments: the actors in each bloc)")
    fig.tight_layout()
    return fig


def plot_role_network(edges: pd.DataFrame, seed: int = 0):
    """The patron-proxy and threat network: actors as nodes, relations as labelled arrows."""
    import matplotlib.pyplot as plt
    import networkx as nx

    graph = nx.MultiDiGraph()
    for row in edges.itertuples(index=False):
        graph.add_edge(row.source, row.target, relation=row.relation, n=row.n)
    fig, ax = plt.subplots(figsize=(9, 6))
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no relations found", ha="center", va="center")
        ax.axis("off")
        return fig
    pos = nx.spring_layout(nx.Graph(graph), seed=seed, k=1.3)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_color="#EEEEEE", edgecolors="#555555",
                           node_size=1600)
    nx.draw_networkx_labels(graph, pos, ax=ax, font_size=8)
    for relation, colour in RELATION_COLOURS.items():
        es = [(u, v) for u, v, d in graph.edges(data=True) if d["relation"] == relation]
        if es:
            nx.draw_networkx_edges(graph, pos, edgelist=es, ax=ax, edge_color=colour,
                                   arrows=True, arrowsize=18, node_size=1600,
                                   connectionstyle="arc3,rad=0.12")
    labels = {}
    for u, v, d in graph.edges(data=True):
        labels[(u, v)] = (labels.get((u, v), "") + "\n" if (u, v) in labels else "") + d["relation"]
    nx.draw_networkx_edge_labels(graph, pos, edge_labels=labels, ax=ax, font_size=7)
    ax.set_title("Who backs, threatens, attacks or presses whom")
    ax.axis("off")
    fig.tight_layout()
    return fig
