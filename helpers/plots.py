"""Figures for the notebooks. Each function takes tables and returns a matplotlib Figure;
the numbers behind every figure come from a table the notebook shows next to it, so each
point can be traced back to sentences.

No figure is drawn at import; the backend is whatever the caller set (``MPLBACKEND=Agg`` in
tests and reports).
"""

from __future__ import annotations

import os

import numpy as np
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


# --------------------------------------------------------------------------------------------
# Notebook 03: escalation triggers and events
# --------------------------------------------------------------------------------------------

#: Colours of the event modalities (Okabe-Ito, colour-blind safe). Asserted is the colour of
#: the timeline's asserted markers (trends.plot_event_timeline), so the two figures agree.
MODALITY_COLOURS = {"asserted": "#D55E00", "future": "#E69F00", "hypothetical": "#0072B2",
                    "negated": "#999999"}
#: The ladder draws one row per event up to this many events; beyond it (a corpus), one row
#: per CAMEO code and modality, so the figure stays readable (about 0.28 inch per row).
LADDER_MAX_ROWS = 40
#: Phases: a period's net direction smaller than this (in events) is a tie, and the period
#: keeps the phase before it (an empty month in a pause is still the pause).
PHASE_TIE = 1e-9
#: Shading of the phases on the timeline.
PHASE_COLOURS = {"escalation": "#D55E00", "pause": "#009E73", "renewed escalation": "#D55E00"}

CARD_COLUMNS = ["doc_id", "sent_id", "kind", "threatener", "target", "condition",
                "consequence", "text"]


def _actor(value) -> str:
    """An actor id for display: "?" when missing."""
    return "?" if value is None or (isinstance(value, float) and pd.isna(value)) or not str(value) else str(value)


def trigger_cards(triggers: pd.DataFrame) -> pd.DataFrame:
    """The triggers table as condition → consequence cards: one row per trigger with who
    threatens whom (``who``: "threatener → target", "?" for an actor not found), its kind,
    the condition (``if``), the consequence (``then``) and the evidence sentence; in reading
    order (document, sentence, cue offset).

    >>> t = pd.DataFrame({"doc_id": ["d"], "sent_id": [3], "kind": ["conditional_threat"],
    ...     "threatener": ["hezbollah"], "target": [""], "condition": ["if Israel invades"],
    ...     "consequence": ["Hezbollah will strike"], "text": ["..."], "start": [5]})
    >>> trigger_cards(t)[["who", "if", "then"]].values.tolist()
    [['hezbollah → ?', 'if Israel invades', 'Hezbollah will strike']]
    """
    cols = ["doc_id", "sent_id", "kind", "who", "if", "then", "text"]
    if triggers is None or triggers.empty:
        return pd.DataFrame(columns=cols)
    df = triggers.copy()
    order = [c for c in ("doc_id", "sent_id", "start") if c in df]
    df = df.sort_values(order, kind="mergesort")
    out = pd.DataFrame({
        "doc_id": df["doc_id"], "sent_id": df["sent_id"], "kind": df["kind"],
        "who": [f"{_actor(a)} → {_actor(b)}" for a, b in zip(df["threatener"], df["target"])],
        "if": df["condition"].fillna(""), "then": df["consequence"].fillna(""),
        "text": df["text"].fillna(""),
    })
    return out.reset_index(drop=True)


#: Labels of a card's two lines: (condition, consequence) by trigger kind. A retaliation's
#: "condition" is the act it answers, and its "consequence" the answer.
CARD_LABELS = {"retaliation": ("answers", "response")}
CARD_DEFAULT_LABELS = ("condition", "consequence")


def format_trigger_cards(cards: pd.DataFrame, limit: int | None = None, width: int = 100) -> str:
    """Cards as plain-text blocks (no markup, so corpus text needs no escaping): the kind and
    who → whom, then the condition and the consequence (for a retaliation: the act it
    answers and the response), then the sentence (lines marked ``|``), wrapped at ``width``
    characters.

    >>> cards = pd.DataFrame({"doc_id": ["d"], "sent_id": [3], "kind": ["retaliation"],
    ...     "who": ["a → b"], "if": ["the raid"], "then": ["a struck b"], "text": ["A struck B."]})
    >>> print(format_trigger_cards(cards))
    [1] retaliation: a → b   (d, sentence 3)
        answers      the raid
        response     a struck b
        | A struck B.
    """
    import textwrap

    if cards is None or cards.empty:
        return "no triggers found"
    blocks = []
    shown = cards if limit is None else cards.head(limit)
    pad = " " * 17
    for k, row in enumerate(shown.to_dict("records"), start=1):
        first, second = CARD_LABELS.get(row["kind"], CARD_DEFAULT_LABELS)
        lines = [f"[{k}] {row['kind']}: {row['who']}   ({row['doc_id']}, sentence {row['sent_id']})"]
        for label, value in ((first, row["if"]), (second, row["then"])):
            lines += textwrap.wrap(f"{label:<12} {value}", width, initial_indent="    ",
                                   subsequent_indent=pad)
        lines += textwrap.wrap(str(row["text"]), width, initial_indent="    | ",
                               subsequent_indent="    | ")
        blocks.append("\n".join(lines))
    if limit is not None and len(cards) > limit:
        blocks.append(f"... and {len(cards) - limit} more (see the table)")
    return "\n\n".join(blocks)


def cue_lexicon_summary(lexicon: pd.DataFrame, n_examples: int = 4) -> pd.DataFrame:
    """The event cue lexicon at a glance: one row per lexicon row with its category, CAMEO
    code, quad class, Goldstein value, number of cue forms and the first ``n_examples``
    forms; most conflictual first.

    >>> lx = pd.DataFrame({"cues": ["attack|attacks|raid", "truce"], "cameo_code": ["190", "087"],
    ...     "quad_class": ["4", "2"], "goldstein": ["-10.0", "9.0"], "category": ["attack", "deescalation"]})
    >>> cue_lexicon_summary(lx, 2)[["cameo_code", "n_forms", "examples"]].values.tolist()
    [['190', 3, 'attack | attacks'], ['087', 1, 'truce']]
    """
    from .lexicon import split_values

    forms = lexicon["cues"].fillna("").map(split_values)
    out = pd.DataFrame({
        "category": lexicon["category"], "cameo_code": lexicon["cameo_code"].astype(str),
        "quad_class": lexicon["quad_class"],
        "goldstein": pd.to_numeric(lexicon["goldstein"], errors="coerce"),
        "n_forms": forms.map(len), "examples": forms.map(lambda f: " | ".join(f[:n_examples])),
    })
    return out.sort_values(["goldstein", "cameo_code"], kind="mergesort").reset_index(drop=True)


def _modality(events: pd.DataFrame) -> pd.Series:
    return events["modality"].fillna("").astype(str) if "modality" in events else pd.Series("", index=events.index)


def modality_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Events by family and modality: attacks (CAMEO roots 18-20), threats (13),
    de-escalations (08) and all other events, with a column per modality, ``all_rows`` and
    ``counted``: the rows a count of what happened keeps (asserted only; a threatened,
    conditional or denied attack did not happen).

    >>> ev = pd.DataFrame({"cameo_root": ["19", "19", "19", "13"],
    ...     "modality": ["asserted", "negated", "hypothetical", "asserted"]})
    >>> modality_counts(ev).set_index("family").loc["attacks (18-20)", ["all_rows", "counted"]].tolist()
    [3, 1]
    """
    from .events import MODALITIES
    from .trends import ATTACK_ROOTS, DEESCALATION_ROOT, THREAT_ROOT, _roots

    roots = _roots(events)
    family = pd.Series("other", index=events.index, dtype=object)
    family[roots.isin(ATTACK_ROOTS)] = "attacks (18-20)"
    family[roots == THREAT_ROOT] = "threats (13)"
    family[roots == DEESCALATION_ROOT] = "de-escalations (08)"
    order = ["attacks (18-20)", "threats (13)", "de-escalations (08)", "other"]
    mods = list(reversed(MODALITIES))  # asserted, future, negated, hypothetical
    table = pd.crosstab(family, _modality(events)).reindex(index=order, columns=mods, fill_value=0)
    table = table.fillna(0).astype(int)
    table["all_rows"] = table[mods].sum(axis=1)
    table["counted"] = table["asserted"]
    table.loc["all events"] = table.sum()
    table.columns.name = None
    return table.rename_axis("family").reset_index()


def modality_examples(events: pd.DataFrame, n: int = 2) -> pd.DataFrame:
    """The first ``n`` events of each modality (asserted, future, hypothetical, negated) with
    the cue, actors, code and the sentence: the evidence for what each modality means.

    >>> ev = pd.DataFrame({"doc_id": ["d"] * 3, "sent_id": [1, 2, 3], "cue": ["a", "b", "c"],
    ...     "source_actor": [""] * 3, "target_actor": [""] * 3, "cameo_code": ["190"] * 3,
    ...     "goldstein": [-10.0] * 3, "modality": ["negated", "asserted", "asserted"], "text": ["x"] * 3})
    >>> modality_examples(ev, 1)[["modality", "sent_id"]].values.tolist()
    [['asserted', 2], ['negated', 1]]
    """
    from .events import MODALITIES

    cols = ["modality", "doc_id", "sent_id", "cue", "source_actor", "target_actor",
            "cameo_code", "goldstein", "text"]
    if events is None or events.empty:
        return pd.DataFrame(columns=cols)
    rank = {m: i for i, m in enumerate(reversed(MODALITIES))}
    df = events.assign(_rank=_modality(events).map(rank).fillna(len(rank)))
    df = df.sort_values(["_rank", "doc_id", "sent_id"], kind="mergesort")
    return df.groupby("_rank", sort=True).head(n)[cols].reset_index(drop=True)


def escalation_ladder(events: pd.DataFrame, max_rows: int = LADDER_MAX_ROWS) -> pd.DataFrame:
    """The rows of the escalation ladder: every event with its Goldstein value, modality and a
    label (sentence, cue, source → target; the document too when there are several), most
    conflictual first, then in reading order.

    With more than ``max_rows`` events (a corpus), one row per CAMEO code and modality
    instead: ``n`` events, labelled with the code, its most frequent cue and, after "e.g.",
    its most frequent pair with at least one named actor.
    ``evidence`` lists the ``doc_id:sent_id`` of the events behind each row.

    >>> ev = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [2, 5], "cue": ["truce", "attacked"],
    ...     "source_actor": ["iran", "kataib_hezbollah"], "target_actor": ["", "united_states"],
    ...     "cameo_code": ["087", "190"], "goldstein": [9.0, -10.0], "modality": ["asserted", "negated"]})
    >>> escalation_ladder(ev)[["label", "goldstein", "modality"]].values.tolist()
    [['s5 "attacked": kataib_hezbollah → united_states', -10.0, 'negated'], ['s2 "truce": iran → ?', 9.0, 'asserted']]
    >>> escalation_ladder(ev, max_rows=1)["n"].tolist()
    [1, 1]
    """
    cols = ["label", "goldstein", "modality", "cameo_code", "n", "evidence"]
    if events is None or events.empty:
        return pd.DataFrame(columns=cols)
    df = events.copy()
    df["goldstein"] = pd.to_numeric(df["goldstein"], errors="coerce").fillna(0.0)
    df["modality"] = _modality(df)
    df["cameo_code"] = df["cameo_code"].fillna("").astype(str)
    df["pair"] = [f"{_actor(a)} → {_actor(b)}" for a, b in zip(df["source_actor"], df["target_actor"])]
    df["evidence"] = df["doc_id"].astype(str) + ":" + df["sent_id"].astype(str)
    df = df.sort_values(["goldstein", "doc_id", "sent_id"], kind="mergesort")
    if len(df) <= max_rows:
        several = df["doc_id"].nunique() > 1
        prefix = (df["doc_id"].astype(str).str[:24] + " " if several else "")
        df["label"] = prefix + "s" + df["sent_id"].astype(str) + ' "' + df["cue"].astype(str) + '": ' + df["pair"]
        df["n"] = 1
        return df[cols].reset_index(drop=True)
    rows = []
    for (gold, code, modality), part in df.groupby(["goldstein", "cameo_code", "modality"], sort=False):
        cue = part["cue"].astype(str).str.lower().value_counts().index[0]
        named = part.loc[part["pair"] != "? → ?", "pair"]
        pair = named.value_counts().index[0] if len(named) else "? → ?"
        if len(part) > 1 and len(named):
            pair = "e.g. " + pair
        rows.append({"label": f'{code} "{cue}" ×{len(part)}: {pair}', "goldstein": gold,
                     "modality": modality, "cameo_code": code, "n": len(part),
                     "evidence": " ".join(part["evidence"])})
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["goldstein", "n"], ascending=[True, False], kind="mergesort").reset_index(drop=True)


def plot_escalation_ladder(ladder: pd.DataFrame, title: str | None = None):
    """The escalation ladder: one row per event (or per code and modality), a stem from 0 to
    its Goldstein value (-10 conflict .. +10 cooperation), the marker's colour and shape its
    modality; most conflictual at the top."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from .trends import MODALITY_MARKERS

    n = 0 if ladder is None else len(ladder)
    fig, ax = plt.subplots(figsize=(10, 0.28 * max(n, 3) + 1.6))
    if n == 0:
        ax.text(0.5, 0.5, "no events found", ha="center", va="center", transform=ax.transAxes)
        ax.axis("off")
        return fig
    y = np.arange(n)
    ax.hlines(y, 0, ladder["goldstein"], color="#CCCCCC", linewidth=1.5, zorder=1)
    grouped = bool((ladder["n"] > 1).any())
    sizes = (np.asarray(30 + 12 * np.sqrt(ladder["n"].astype(float) - 1)) if grouped
             else np.full(n, 45))
    goldstein = ladder["goldstein"].to_numpy(dtype=float)
    for modality, colour in MODALITY_COLOURS.items():
        mask = (ladder["modality"] == modality).to_numpy()
        if mask.any():
            ax.scatter(goldstein[mask], y[mask], s=sizes[mask],
                       marker=MODALITY_MARKERS.get(modality, "D"), color=colour, zorder=3)
    ax.axvline(0, color="#888888", linewidth=0.8, zorder=0)
    ax.set_yticks(y, ladder["label"], fontsize=8)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(-10.8, 10.8)
    ax.set_xlabel("Goldstein score (-10 conflict .. +10 cooperation)")
    counts = ladder.groupby("modality")["n"].sum()
    handles = [Line2D([], [], linestyle="none", marker=MODALITY_MARKERS.get(m, "D"),
                      color=c, label=f"{m} ({int(counts.get(m, 0))})")
               for m, c in MODALITY_COLOURS.items()]
    ax.legend(handles=handles, title="modality (events)", fontsize="small", frameon=False,
              loc="lower left", bbox_to_anchor=(1.0, 0.0))
    ax.set_title(title or ("Escalation ladder: every reported action" if not grouped
                           else "Escalation ladder: events by CAMEO code and modality"))
    ax.grid(axis="x", color="#EEEEEE")
    fig.tight_layout()
    return fig


def _event_direction(goldstein, modality) -> int:
    """+1 escalating, -1 calming, 0 neither: a conflict event (Goldstein < 0) that happened or
    is announced escalates; a cooperative one (> 0) that happened calms; a denial flips the
    sign ("have not attacked" calms); a hypothetical event is a condition, not an act.

    >>> [_event_direction(-10, m) for m in ("asserted", "future", "negated", "hypothetical")]
    [1, 1, -1, 0]
    >>> _event_direction(9.0, "asserted")
    -1
    """
    if modality == "hypothetical" or goldstein is None or pd.isna(goldstein) or goldstein == 0:
        return 0
    sign = 1 if goldstein < 0 else -1
    if modality == "negated":
        return -sign
    if sign < 0 and modality != "asserted":  # a cooperation only promised is not yet a pause
        return 0
    return sign


def escalation_phases(timeline: pd.DataFrame, period: str = "month") -> pd.DataFrame:
    """Phases of escalation and pause, derived from the dated events (``trends.event_timeline``).

    Steps:

    1. each event gets a direction (:func:`_event_direction`): +1 escalating (an attack or a
       threat that happened or is announced), -1 calming (a truce or reduction that happened,
       or a denied attack: "have not attacked since February"), 0 otherwise;
    2. its weight is spread evenly over the periods (``"month"`` or ``"week"``) its date
       covers, so "since October 7" counts a little in every month from October and "on
       Monday" counts fully in its month;
    3. each period's net direction is the sum; its sign says escalation or pause; a tie or an
       empty period keeps the phase before it;
    4. runs of periods with the same sign are phases: the first escalation is
       ``escalation``, calming runs ``pause``, later escalations ``renewed escalation``.

    Columns: phase, label, start, end (first and last day), periods, escalating, calming
    (weighted event counts), n_events (events whose date starts in the phase), marked_by
    (``doc_id:sent_id`` of those events that point the phase's way) and first_sentence (the
    sentence of the first of them, the event that opens the phase).

    >>> tl = pd.DataFrame({"start": pd.to_datetime(["2023-10-07", "2024-02-01", "2024-06-03"]),
    ...     "end": pd.to_datetime(["2023-10-07", "2024-02-29", "2024-06-03"]),
    ...     "goldstein": [-10.0, -10.0, -4.4], "modality": ["asserted", "negated", "asserted"],
    ...     "doc_id": ["d"] * 3, "sent_id": [1, 2, 3], "text": ["a", "b", "c"]})
    >>> escalation_phases(tl)[["label", "periods", "marked_by"]].values.tolist()
    [['escalation', '2023-10..2024-01', 'd:1'], ['pause', '2024-02..2024-05', 'd:2'], ['renewed escalation', '2024-06..2024-06', 'd:3']]
    """
    cols = ["phase", "label", "start", "end", "periods", "escalating", "calming", "n_events",
            "marked_by", "first_sentence"]
    if timeline is None or timeline.empty:
        return pd.DataFrame(columns=cols)
    freq = {"month": "M", "week": "W"}[period]
    t = timeline.copy()
    t["end"] = t["end"].fillna(t["start"])
    t["direction"] = [_event_direction(g, m) for g, m in
                      zip(pd.to_numeric(t["goldstein"], errors="coerce"), t["modality"].fillna(""))]
    first, last = t["start"].min().to_period(freq), t["end"].max().to_period(freq)
    periods = pd.period_range(first, last, freq=freq)
    up = pd.Series(0.0, index=periods)
    down = pd.Series(0.0, index=periods)
    for row in t.itertuples(index=False):
        if row.direction == 0:
            continue
        covered = pd.period_range(row.start.to_period(freq), row.end.to_period(freq), freq=freq)
        (up if row.direction > 0 else down)[covered] += 1.0 / len(covered)
    net = up - down
    signs, current = [], 0
    for value in net:
        if abs(value) > PHASE_TIE:
            current = 1 if value > 0 else -1
        signs.append(current)
    lead = next((s for s in signs if s), 0)  # leading ties take the first real sign
    signs = [s or lead for s in signs]
    rows, k, seen_escalation = [], 0, False
    while k < len(periods):
        j = k
        while j + 1 < len(periods) and signs[j + 1] == signs[k]:
            j += 1
        sign = signs[k]
        if sign > 0:
            label = "renewed escalation" if seen_escalation else "escalation"
            seen_escalation = True
        else:
            label = "pause" if sign < 0 else "no direction"
        start, end = periods[k].start_time.normalize(), periods[j].end_time.normalize()
        inside = t[(t["start"] >= start) & (t["start"] <= end)]
        marking = inside[inside["direction"] == sign] if sign else inside
        rows.append({"phase": len(rows) + 1, "label": label, "start": start, "end": end,
                     "periods": f"{periods[k]}..{periods[j]}",
                     "escalating": round(float(up.iloc[k:j + 1].sum()), 2),
                     "calming": round(float(down.iloc[k:j + 1].sum()), 2),
                     "n_events": len(inside),
                     "marked_by": " ".join(marking["doc_id"].astype(str) + ":" + marking["sent_id"].astype(str)),
                     "first_sentence": marking["text"].iloc[0] if len(marking) else ""})
        k = j + 1
    return pd.DataFrame(rows, columns=cols)


def shade_phases(ax, phases: pd.DataFrame) -> None:
    """Shade each phase of :func:`escalation_phases` on a time axis (such as the axes of
    ``trends.plot_event_timeline``) and write its label at the top, centred on the part of
    the phase that is inside the axis limits."""
    import matplotlib.dates as mdates
    import matplotlib.transforms as mtransforms

    if phases is None or phases.empty:
        return
    lo, hi = ax.get_xlim()
    top = mtransforms.blended_transform_factory(ax.transData, ax.transAxes)
    for row in phases.itertuples(index=False):
        start = mdates.date2num(row.start)
        end = mdates.date2num(row.end + pd.Timedelta(days=1))
        colour = PHASE_COLOURS.get(row.label, "#BBBBBB")
        ax.axvspan(start, end, color=colour, alpha=0.08 if "escalation" in row.label else 0.15,
                   zorder=0, linewidth=0)
        ax.axvline(start, color="#888888", linewidth=0.6, linestyle=":", zorder=0)
        a, b = max(start, lo), min(end, hi)
        if b > a:
            ax.text((a + b) / 2, 0.97, row.label, transform=top, ha="center", va="top",
                    fontsize=8, color="#333333", clip_on=True)
    ax.set_xlim(lo, hi)


def date_resolution_table(expressions, doc_date) -> pd.DataFrame:
    """How date expressions resolve against a document date (``helpers.dates.resolve_date``):
    the ISO result, its precision and the first and last day it can mean
    (``trends.date_bounds``).

    >>> date_resolution_table(["in January"], "2024-07-01").values.tolist()[0][:3]
    ['in January', '2024-01', 'month']
    """
    from .dates import resolve_date
    from .trends import date_bounds

    rows = []
    for expression in expressions:
        iso, precision = resolve_date(expression, doc_date)
        first, last = date_bounds(iso, precision)
        rows.append({"expression": expression, "date": iso, "precision": precision,
                     "first_day": first.date() if pd.notna(first) else None,
                     "last_day": last.date() if pd.notna(last) else None})
    return pd.DataFrame(rows, columns=["expression", "date", "precision", "first_day", "last_day"])


# --------------------------------------------------------------------------------------------
# Notebook 07: engines and scaling
# --------------------------------------------------------------------------------------------

#: Engine colours in the scaling figure.
ENGINE_COLOURS = {"pandas": "#000000", "dask, 1 worker": "#0072B2", "dask, 2 workers": "#D55E00"}
#: Documents each Dask worker analyses before timing (imports, lexicons, regexes warmed up).
WARMUP_DOCS = 5
#: The scaling figure notes other programs' load above this many busy cores (a quarter of a
#: core is the level at which ``helpers.bench`` warns that wall-clock figures are pessimistic).
BUSY_NOTE_CORES = 0.25


def _same(name: str, left: pd.DataFrame, right: pd.DataFrame) -> bool:
    from .pipeline import sort_table

    try:
        pd.testing.assert_frame_equal(sort_table(name, left).reset_index(drop=True),
                                      sort_table(name, right).reset_index(drop=True),
                                      check_dtype=False)
        return True
    except AssertionError:
        return False


def compare_tables(left, right, names=None) -> pd.DataFrame:
    """Table by table, are two analyses the same? Rows of each and ``identical`` (same rows
    and values once both are sorted the same way; dtypes may differ).

    >>> a = {"events": pd.DataFrame({"doc_id": ["d"], "sent_id": [1]})}
    >>> compare_tables(a, a, ["events"])["identical"].tolist()
    [True]
    """
    from .pipeline import TABLES

    rows = []
    for name in names or TABLES:
        a, b = left[name], right[name]
        rows.append({"table": name, "rows_left": len(a), "rows_right": len(b),
                     "identical": _same(name, a, b)})
    return pd.DataFrame(rows)


def compare_streamed(result, out_dir, names=None) -> pd.DataFrame:
    """Are the CSV files of ``scale.analyze_stream`` the in-memory tables of ``result``? Each
    table is compared as text, as it would be written (``write_tables``) and read back
    (``scale.read_streamed_table``): rows in memory, rows streamed, identical."""
    import io

    from .pipeline import TABLES
    from .scale import read_streamed_table

    rows = []
    for name in names or TABLES:
        buffer = io.StringIO()
        result[name].to_csv(buffer, index=False, lineterminator="\n")
        buffer.seek(0)
        memory = pd.read_csv(buffer, dtype=str, keep_default_na=False)
        streamed = read_streamed_table(out_dir, name)
        same = memory.shape == streamed.shape and memory.reset_index(drop=True).equals(
            streamed.reset_index(drop=True))
        rows.append({"table": name, "rows_in_memory": len(memory), "rows_streamed": len(streamed),
                     "identical": bool(same)})
    return pd.DataFrame(rows)


def _warm_worker(memo: bool) -> bool:
    """Run on each Dask worker before timing: analyse a few documents (imports, lexicons and
    regexes loaded) and set the sentence memo as in the timed pandas run."""
    from . import bench, scale

    docs = scale.large_documents(200, 1000).head(WARMUP_DOCS)
    scale.analyze_partition(docs.to_dict("records"), baseline=False)
    bench.set_sentence_memo(memo)
    return True


def time_engines(sizes, seed: int = 0, workers=(1, 2), client=None, memo: bool = False,
                 repeats: int = 1) -> pd.DataFrame:
    """Time the pandas engine and the Dask engine with each number of ``workers`` on synthetic
    corpora of each size (``scale.large_documents(size, seed)``), in this process.

    Each engine is warmed up first and cluster start-up is not timed (it is the ``startup_s``
    column). The VADER column is left out (``baseline=False``) and the events/triggers
    sentence memo is off unless ``memo=True`` (the resampled corpus repeats sentences; see
    ``bench.set_sentence_memo``); both are as in ``python -m helpers.bench``. ``client``: an
    open client, used for the worker count it has; other counts get a ``LocalCluster`` of
    their own, closed after use. Each measurement is run ``repeats`` times and the fastest
    run is kept (the one least disturbed by other processes, as ``timeit`` does). The memo
    setting of this process is restored at the end.

    Columns: engine (a label), n_workers, size, n_docs, n_sentences, seconds (wall clock),
    sentences_per_s, busy_cores (how many cores processes other than this one and its Dask
    workers kept busy during the kept run; ``bench.Meter``), startup_s. For the figure,
    :func:`plot_engine_scaling`; for careful numbers (fresh processes, memory, VADER),
    ``python -m helpers.bench``.
    """
    import gc
    import time

    from . import bench, events, pipeline, scale

    sizes = sorted(int(s) for s in sizes)
    docs = {size: scale.large_documents(size, seed) for size in sizes}
    memo_before = getattr(events, "MEMO_SIZE", 0)
    rows = []

    def measure(label, k, size, c=None, startup=None):
        best = None
        for _ in range(max(1, repeats)):
            gc.collect()
            before = c.run(bench.cpu_seconds) if c is not None else {}
            with bench.Meter() as meter:
                if c is None:
                    frames = pipeline.analyze_documents(docs[size], baseline=False)
                else:
                    frames = scale.analyze_dask(docs[size], client=c, baseline=False)
                    after = c.run(bench.cpu_seconds)
                    meter.extra_cpu = sum(after[w] - before.get(w, 0.0) for w in after)
            if best is None or meter.wall < best.wall:
                best = meter
        n = len(frames["sentences"])
        rows.append({"engine": label, "n_workers": k, "size": size, "n_docs": len(docs[size]),
                     "n_sentences": n, "seconds": best.wall,
                     "sentences_per_s": n / best.wall if best.wall else float("nan"),
                     "busy_cores": best.other_load_cores, "startup_s": startup})

    try:
        bench.set_sentence_memo(memo)
        pipeline.analyze_documents(docs[sizes[0]].head(WARMUP_DOCS), baseline=False)
        for size in sizes:
            measure("pandas", 1, size)
        for k in workers:
            own = client is None or scale._n_workers(client) != k
            started = time.perf_counter()
            c = scale.start_local_client(k, dashboard=False) if own else client
            try:
                c.run(_warm_worker, memo)
                startup = time.perf_counter() - started
                label = f"dask, {k} worker" + ("s" if k != 1 else "")
                for size in sizes:
                    measure(label, k, size, c, startup)
                if not own:
                    c.run(bench.set_sentence_memo, True)
            finally:
                if own:
                    scale.close_client(c)
    finally:
        if hasattr(events, "MEMO_SIZE"):
            events.MEMO_SIZE = memo_before
    return pd.DataFrame(rows, columns=["engine", "n_workers", "size", "n_docs", "n_sentences",
                                       "seconds", "sentences_per_s", "busy_cores", "startup_s"])


def describe_scaling(timings: pd.DataFrame) -> str:
    """The reading of :func:`time_engines` at its largest size, in sentences: each engine's
    run time, the speed-up of the most workers over one worker and over pandas, and how many
    cores other processes kept busy (a busy machine makes every speed-up smaller).

    >>> t = pd.DataFrame({"engine": ["pandas", "dask, 1 worker", "dask, 2 workers"],
    ...     "n_workers": [1, 1, 2], "size": [100] * 3, "n_sentences": [100] * 3,
    ...     "seconds": [1.0, 1.1, 0.55], "busy_cores": [0.0, 0.1, 0.2]})
    >>> print(describe_scaling(t))
    At 100 sentences: pandas 1.00 s; dask, 1 worker 1.10 s; dask, 2 workers 0.55 s.
    dask, 2 workers vs dask, 1 worker: 2.00x; vs pandas: 1.82x.
    Other processes kept up to 0.20 cores busy during these runs.
    """
    if timings is None or timings.empty:
        return "no timings"
    size = timings["size"].max()
    last = timings[timings["size"] == size]
    n = int(last["n_sentences"].iloc[0])
    parts = [f"{r.engine} {r.seconds:.2f} s" for r in last.itertuples(index=False)]
    lines = [f"At {n:,} sentences: " + "; ".join(parts) + "."]
    dask = last[last["engine"] != "pandas"]
    if len(dask) > 1:
        most, one = dask.loc[dask["n_workers"].idxmax()], dask.loc[dask["n_workers"].idxmin()]
        line = f"{most.engine} vs {one.engine}: {one.seconds / most.seconds:.2f}x"
        pandas_rows = last[last["engine"] == "pandas"]
        if len(pandas_rows):
            line += f"; vs pandas: {pandas_rows['seconds'].iloc[0] / most.seconds:.2f}x"
        lines.append(line + ".")
    busy = pd.to_numeric(timings.get("busy_cores"), errors="coerce").dropna()
    if len(busy):
        lines.append(f"Other processes kept up to {busy.max():.2f} cores busy during these runs.")
    return "\n".join(lines)


def plot_engine_scaling(timings: pd.DataFrame):
    """Run time (left) and sentences per second (right) against corpus size, one line per
    engine (pandas; Dask with 1 and 2 workers). Cluster start-up is not included. When other
    programs kept more than ``BUSY_NOTE_CORES`` cores busy, a note under the panels says so."""
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    if timings is None or timings.empty:
        for ax in (left, right):
            ax.text(0.5, 0.5, "no timings", ha="center", va="center", transform=ax.transAxes)
        return fig
    for label, part in timings.groupby("engine", sort=False):
        part = part.sort_values("n_sentences")
        colour = ENGINE_COLOURS.get(label)
        left.plot(part["n_sentences"], part["seconds"], marker="o", label=label, color=colour)
        right.plot(part["n_sentences"], part["sentences_per_s"], marker="o", label=label, color=colour)
    left.set_xlabel("sentences in the corpus")
    left.set_ylabel("run time (s, wall clock)")
    left.set_title("Time against corpus size")
    left.set_ylim(bottom=0)
    right.set_xlabel("sentences in the corpus")
    right.set_ylabel("sentences per second")
    right.set_title("Throughput")
    right.set_ylim(bottom=0)
    left.legend(frameon=False, fontsize="small")
    busy = pd.to_numeric(timings.get("busy_cores"), errors="coerce").max()
    fig.tight_layout()
    if pd.notna(busy) and busy > BUSY_NOTE_CORES:
        fig.text(0.01, 0.005, f"Other programs kept up to {busy:.1f} of {os.cpu_count()} cores "
                 "busy during these runs: times are slower and speed-ups smaller than on an "
                 "idle machine.", fontsize="x-small", color="#555555")
        fig.subplots_adjust(bottom=0.2)
    return fig
