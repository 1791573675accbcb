"""Tests for the notebook helpers of helpers.plots (notebooks 03 and 07): trigger cards, the
cue lexicon summary, modality counts, the escalation ladder, phases of escalation, date
resolution, table comparisons and engine timings.

Figures are tested by the data behind them (and by drawing them without error).
"""

import matplotlib
import pandas as pd
import pytest
from conftest import FIXTURE_CORPUS, SEEDS

from helpers import analyze, events, plots, scale, trends
from helpers.lexicon import read_lexicon
from helpers.pipeline import TABLE_COLUMNS

matplotlib.use("Agg")


def frame(name, rows):
    cols = TABLE_COLUMNS[name]
    return pd.DataFrame([{c: r.get(c, "") for c in cols} for r in rows], columns=cols)


def event(sent_id, code, goldstein, modality, cue="attack", source="", target="", date="",
          precision="unknown", doc_id="d", text="..."):
    return {"doc_id": doc_id, "sent_id": sent_id, "source_actor": source, "target_actor": target,
            "cameo_code": code, "cameo_root": code[:2], "quad_class": 4, "goldstein": goldstein,
            "modality": modality, "date": date, "date_precision": precision, "text": text,
            "cue": cue}


# --------------------------------------------------------------------------- triggers
def test_trigger_cards_keep_reading_order_and_mark_missing_actors():
    triggers = frame("triggers", [
        {"doc_id": "b", "sent_id": 1, "kind": "retaliation", "threatener": "iraqi_militias",
         "target": "israel", "condition": "the massacres in Gaza",
         "consequence": "the Islamic Resistance struck Eilat", "text": "S2", "start": 10},
        {"doc_id": "a", "sent_id": 4, "kind": "conditional_threat", "threatener": "",
         "target": "united_states", "condition": "if Israel attacks Lebanon",
         "consequence": "US interests will be targeted", "text": "S1", "start": 3},
    ])
    cards = plots.trigger_cards(triggers)
    assert cards["doc_id"].tolist() == ["a", "b"]
    assert cards["who"].tolist() == ["? → united_states", "iraqi_militias → israel"]
    text = plots.format_trigger_cards(cards)
    assert "condition    if Israel attacks Lebanon" in text
    assert "consequence  US interests will be targeted" in text
    assert "answers      the massacres in Gaza" in text
    assert "response     the Islamic Resistance struck Eilat" in text


def test_trigger_cards_limit_and_empty():
    assert plots.format_trigger_cards(plots.trigger_cards(frame("triggers", []))) == "no triggers found"
    cards = plots.trigger_cards(frame("triggers", [
        {"doc_id": "a", "sent_id": i, "kind": "conditional_threat", "threatener": "x",
         "target": "y", "condition": "if z", "consequence": "w", "text": "t"} for i in range(3)]))
    text = plots.format_trigger_cards(cards, limit=2)
    assert "[2]" in text and "[3]" not in text and "1 more" in text


def test_trigger_cards_print_corpus_text_verbatim():
    # plain text, no markup: quotation marks and angle brackets come out as written
    triggers = frame("triggers", [{"doc_id": "a", "sent_id": 0, "kind": "ultimatum",
                                   "threatener": "ircc", "target": "united_states",
                                   "condition": "until <Friday>", "consequence": 'act "hard"',
                                   "text": 'They said "<b>".'}])
    text = plots.format_trigger_cards(plots.trigger_cards(triggers))
    assert "until <Friday>" in text and '| They said "<b>".' in text and "&lt;" not in text


# --------------------------------------------------------------------------- lexicon
def test_cue_lexicon_summary_covers_every_row_in_goldstein_order():
    lexicon = read_lexicon("event_cues")
    summary = plots.cue_lexicon_summary(lexicon)
    assert len(summary) == len(lexicon)
    assert summary["goldstein"].is_monotonic_increasing
    assert (summary["n_forms"] >= 1).all()
    attack = summary[summary["cameo_code"] == "190"]
    assert attack["examples"].str.contains("attack").any()


# --------------------------------------------------------------------------- modality
def test_modality_counts_keep_only_asserted_attacks():
    ev = frame("events", [event(1, "190", -10, "asserted"), event(2, "190", -10, "negated"),
                          event(3, "1952", -10, "hypothetical"), event(4, "138", -7, "asserted"),
                          event(5, "190", -10, "future"), event(6, "087", 9, "asserted"),
                          event(7, "040", 1, "hypothetical")])
    table = plots.modality_counts(ev).set_index("family")
    attacks = table.loc["attacks (18-20)"]
    assert (attacks["all_rows"], attacks["counted"], attacks["negated"], attacks["future"]) == (4, 1, 1, 1)
    assert table.loc["threats (13)", "asserted"] == 1
    assert table.loc["de-escalations (08)", "counted"] == 1
    assert table.loc["all events", "all_rows"] == 7


def test_modality_examples_orders_modalities_and_limits_rows():
    ev = frame("events", [event(i, "190", -10, m) for i, m in
                          enumerate(["negated", "asserted", "asserted", "asserted", "future"])])
    ex = plots.modality_examples(ev, n=2)
    assert ex["modality"].tolist() == ["asserted", "asserted", "future", "negated"]
    assert ex["sent_id"].tolist()[:2] == [1, 2]


# --------------------------------------------------------------------------- ladder
def test_ladder_has_one_row_per_event_most_conflictual_first():
    ev = frame("events", [event(0, "087", 9.0, "asserted", cue="truce", source="iran"),
                          event(1, "190", -10.0, "negated", cue="attacked",
                                source="kataib_hezbollah", target="united_states"),
                          event(2, "130", -4.4, "asserted", cue="warned")])
    ladder = plots.escalation_ladder(ev)
    assert ladder["goldstein"].tolist() == [-10.0, -4.4, 9.0]
    assert ladder["label"].iloc[0] == 's1 "attacked": kataib_hezbollah → united_states'
    assert ladder["label"].iloc[1].endswith("? → ?")
    fig = plots.plot_escalation_ladder(ladder)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ladder["label"].tolist()


def test_ladder_groups_a_large_corpus_by_code_and_modality():
    ev = frame("events", [event(i, "190", -10.0, "asserted", doc_id=f"d{i}") for i in range(5)]
               + [event(9, "190", -10.0, "negated")])
    ladder = plots.escalation_ladder(ev, max_rows=3)
    assert ladder["n"].tolist() == [5, 1]
    assert ladder["n"].sum() == len(ev)
    assert "×5" in ladder["label"].iloc[0]
    plots.plot_escalation_ladder(ladder)
    empty = plots.plot_escalation_ladder(plots.escalation_ladder(frame("events", [])))
    assert empty.axes[0].texts[0].get_text() == "no events found"


def test_ladder_on_seed_shows_every_event(seed_analysis):
    ladder = plots.escalation_ladder(seed_analysis.events)
    assert len(ladder) == len(seed_analysis.events)
    assert set(ladder["modality"]) <= set(plots.MODALITY_COLOURS)


# --------------------------------------------------------------------------- phases
def _timeline(rows):
    ev = frame("events", [event(i, code, g, m, date=d, precision=p)
                          for i, (code, g, m, d, p) in enumerate(rows)])
    return trends.event_timeline(ev)


def test_phases_escalation_pause_renewed():
    tl = _timeline([("190", -10.0, "asserted", "2023-10-07/2024-07-01", "range"),
                    ("1952", -10.0, "asserted", "2024-01", "month"),
                    ("087", 9.0, "asserted", "2024-02/2024-05", "range"),
                    ("190", -10.0, "negated", "2024-02-01/2024-07-01", "range"),
                    ("130", -4.4, "asserted", "2024-06-24", "week"),
                    ("1952", -10.0, "asserted", "2024-07-01", "day")])
    phases = plots.escalation_phases(tl)
    assert phases["label"].tolist() == ["escalation", "pause", "renewed escalation"]
    assert phases["periods"].tolist() == ["2023-10..2024-01", "2024-02..2024-05", "2024-06..2024-07"]
    assert phases["marked_by"].iloc[1] == "d:2 d:3"
    # phases tile the span without gaps
    assert (phases["start"].iloc[1:].values == (phases["end"].iloc[:-1] + pd.Timedelta(days=1)).values).all()


def test_phases_ignore_hypothetical_events_and_empty_input():
    tl = _timeline([("190", -10.0, "asserted", "2024-01-05", "day"),
                    ("087", 9.0, "hypothetical", "2024-03", "month")])
    assert plots.escalation_phases(tl)["label"].tolist() == ["escalation"]
    assert plots.escalation_phases(_timeline([])).empty


def test_phases_by_week_and_shading():
    tl = _timeline([("190", -10.0, "asserted", "2024-07-01", "day"),
                    ("0871", 9.0, "asserted", "2024-07-10", "day")])
    phases = plots.escalation_phases(tl, period="week")
    assert phases["label"].tolist() == ["escalation", "pause"]
    fig = trends.plot_event_timeline(tl)
    plots.shade_phases(fig.axes[0], phases)
    assert [t.get_text() for t in fig.axes[0].texts] == ["escalation", "pause"]


def test_phases_on_fixture_corpus_pause_in_spring(fixture_analysis):
    phases = plots.escalation_phases(trends.event_timeline(fixture_analysis.events))
    pauses = phases[phases["label"] == "pause"]
    assert len(pauses) >= 1
    assert (pauses["start"] >= pd.Timestamp("2024-01-01")).all()
    assert phases["label"].iloc[0] == "escalation"


# --------------------------------------------------------------------------- dates
def test_date_resolution_table_bounds():
    table = plots.date_resolution_table(["on Monday", "since October 7", "no date here"],
                                        "2024-07-01").set_index("expression")
    assert table.loc["on Monday", "first_day"] == table.loc["on Monday", "last_day"]
    assert str(table.loc["since October 7", "first_day"]) == "2023-10-07"
    assert table.loc["since October 7", "precision"] == "range"
    assert table.loc["no date here", "precision"] == "unknown"
    assert table.loc["no date here", "first_day"] is None


# --------------------------------------------------------------------------- engines
def test_compare_tables_detects_a_difference(seed_analysis):
    same = plots.compare_tables(seed_analysis, seed_analysis)
    assert same["identical"].all() and len(same) == len(TABLE_COLUMNS)
    changed = {n: seed_analysis[n] for n in TABLE_COLUMNS}
    changed["events"] = changed["events"].iloc[1:]
    table = plots.compare_tables(seed_analysis, changed).set_index("table")
    assert not table.loc["events", "identical"] and table.loc["mentions", "identical"]


def test_compare_streamed_equals_in_memory(tmp_path):
    counts = scale.analyze_stream(SEEDS, tmp_path, batch_size=1)
    result = analyze(SEEDS)
    table = plots.compare_streamed(result, tmp_path)
    assert table["identical"].all()
    assert table.set_index("table")["rows_streamed"].to_dict() == counts


def test_time_engines_pandas_only_restores_the_memo():
    before = events.MEMO_SIZE
    timings = plots.time_engines([60, 120], workers=())
    assert timings["engine"].tolist() == ["pandas", "pandas"]
    assert (timings["n_sentences"] > 0).all() and (timings["seconds"] > 0).all()
    assert events.MEMO_SIZE == before
    assert "At " in plots.describe_scaling(timings)
    fig = plots.plot_engine_scaling(timings)
    assert len(fig.axes[0].lines) == 1
    busy = timings.assign(busy_cores=1.5)
    note = plots.plot_engine_scaling(busy).texts
    assert note and "1.5 of" in note[0].get_text()


def test_time_engines_with_a_dask_worker():
    timings = plots.time_engines([60], workers=(1,))
    assert timings["engine"].tolist() == ["pandas", "dask, 1 worker"]
    # both engines analysed the same corpus
    assert timings["n_sentences"].nunique() == 1
    assert timings["startup_s"].iloc[1] > 0


@pytest.mark.parametrize("corpus", [SEEDS, FIXTURE_CORPUS], ids=["seed", "fixture"])
def test_trigger_cards_on_corpora(corpus):
    result = analyze(corpus)
    cards = plots.trigger_cards(result.triggers)
    assert len(cards) == len(result.triggers)
    assert cards["who"].str.contains(" → ").all()
