"""Tests for helpers.trends: aggregation equals the tables, timeline dates, markers, naming.

Most tests build small tables by hand (the schema of helpers.pipeline.TABLE_COLUMNS), so the
expected numbers can be counted on one's fingers; the last ones run the fixture corpus.
"""

import math

import matplotlib
import pandas as pd
import pytest

from helpers import trends as tr
from helpers.lexicon import read_lexicon, split_values
from helpers.pipeline import TABLE_COLUMNS

matplotlib.use("Agg")


def frame(name, rows):
    """A table with the design's columns; missing cells empty (None)."""
    cols = TABLE_COLUMNS[name]
    return pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols)


def sentence_rows(doc_id, texts, speakers=None, paragraphs=None, stances=None):
    rows, pos = [], 0
    for i, t in enumerate(texts):
        rows.append({"doc_id": doc_id, "sent_id": i, "start": pos, "end": pos + len(t), "text": t,
                     "speaker": (speakers or ["author"] * len(texts))[i], "cited": "",
                     "paragraph": (paragraphs or [0] * len(texts))[i],
                     "stance": (stances or [None] * len(texts))[i]})
        pos += len(t) + 1
    return rows


def event(doc_id, sent_id, root, modality="asserted", goldstein=None, date="", precision="unknown",
          src="", tgt=""):
    root = f"{int(root):02d}"
    default = {"08": 5.0, "13": -6.0, "18": -9.0, "19": -10.0, "20": -10.0, "02": 3.0}[root]
    return {"doc_id": doc_id, "sent_id": sent_id, "source_actor": src, "target_actor": tgt,
            "cameo_code": root + "0", "cameo_root": root, "quad_class": 4,
            "goldstein": default if goldstein is None else goldstein, "modality": modality,
            "date": date, "date_precision": precision, "text": f"{doc_id}/{sent_id}"}


def trigger(doc_id, sent_id, kind, condition="if X"):
    return {"doc_id": doc_id, "sent_id": sent_id, "kind": kind, "threatener": "iraqi_militias",
            "target": "united_states", "condition": condition, "consequence": "", "text": ""}


@pytest.fixture()
def tables():
    """Four documents: two in January (two outlets), one in March, one undated."""
    docs = frame("documents", [
        {"doc_id": "a", "date": "2024-01-10", "source": "Outlet A"},
        {"doc_id": "b", "date": "2024-01-20", "source": "Outlet B"},
        {"doc_id": "c", "date": "2024-03-05", "source": "Outlet A"},
        {"doc_id": "u", "date": "", "source": ""},
    ])
    sents = pd.DataFrame(
        sentence_rows("a", ["Iran-backed militias fired rockets at the base.",
                            "The Zionist regime will pay, IRNA said.",
                            "No attacks were reported on Sunday."],
                      speakers=["author", "irna", "author"], stances=[-0.5, -0.8, None])
        + sentence_rows("b", ["Drones struck the base and a second drone hit Erbil.",
                              "The militia vowed to strike again if the US responds."],
                        stances=[-0.2, -0.6])
        + sentence_rows("c", ["The factions announced a truce.", "Calm held all week.",
                              "Officials said an attack could come later."],
                        paragraphs=[0, 1, 1], stances=[0.4, 0.3, -0.1])
        + sentence_rows("u", ["The resistance struck the American occupation forces."],
                        stances=[-0.7]),
        columns=TABLE_COLUMNS["sentences"])
    events = frame("events", [
        event("a", 0, 19, date="2024-01-09", precision="day"),
        event("a", 1, 13),                                  # threat (root 13)
        event("a", 2, 19, "negated"),                        # not an attack
        event("b", 0, 19), event("b", 0, 18),               # two attacks in one sentence
        event("b", 1, 19, "future"),                         # a threat, not an attack
        event("b", 1, 13),                                   # same sentence as a trigger
        event("c", 0, 8),                                    # de-escalation
        event("c", 2, 19, "hypothetical"),                   # neither attack nor threat
        event("u", 0, 19),                                   # undated document
    ])
    triggers = frame("triggers", [trigger("b", 1, "conditional_threat"), trigger("a", 1, "retaliation")])
    return {"documents": docs, "sentences": sents, "events": events, "triggers": triggers,
            "mentions": frame("mentions", []), "quotes": frame("quotes", [])}


# ---------------------------------------------------------------------------------- periods

@pytest.mark.parametrize("dates,expected", [
    (["2024-07-01"], "day"),
    (["2024-07-01", "2024-07-22"], "day"),           # 21 days: still daily
    (["2024-07-01", "2024-07-23"], "week"),          # 22 days
    (["2024-01-01", "2024-04-30"], "week"),          # 120 days
    (["2024-01-01", "2024-05-01"], "month"),         # 121 days
    (["2023-10-19", None, "", "not a date", "2024-07-22"], "month"),
    ([], "month"),
])
def test_choose_period_from_span(dates, expected):
    assert tr.choose_period(dates) == expected


def test_choose_period_given_and_invalid():
    assert tr.choose_period(["2024-07-01"], "month") == "month"
    with pytest.raises(ValueError):
        tr.choose_period(["2024-07-01"], "year")


def test_period_labels_iso_weeks_across_new_year():
    labels = tr.period_labels(["2023-12-31", "2024-01-01", "2024-12-30"], "week").tolist()
    assert labels == ["2023-W52", "2024-W01", "2025-W01"]
    assert str(tr.period_start("2025-W01", "week").date()) == "2024-12-30"
    assert tr.all_periods("2024-W51", "2025-W02", "week") == ["2024-W51", "2024-W52", "2025-W01", "2025-W02"]


# ---------------------------------------------------------------------------------- aggregation

def test_counts_per_month_equal_the_tables(tables):
    t = tr.escalation_index(tables, by="period", period="month")
    by = t.set_index("period")
    assert list(by.index) == ["2024-01", "2024-02", "2024-03"]      # February kept as a gap
    jan, feb, mar = by.loc["2024-01"], by.loc["2024-02"], by.loc["2024-03"]
    assert (jan.n_documents, jan.n_sentences) == (2, 5)
    assert jan.attacks == 3            # a/0 and the two in b/0; the negated a/2 is not one
    assert jan.negated_attacks == 1
    assert jan.threats == 2            # a/1 (root 13 + retaliation trigger), b/1 (13 + future + trigger)
    assert jan.conditional_threats == 1 and jan.retaliations == 1
    assert (feb.n_documents, feb.attacks, feb.threats) == (0, 0, 0)
    assert math.isnan(feb.escalation_index)
    assert mar.attacks == 0 and mar.threats == 0 and mar.deescalations == 1
    # every asserted attack of a dated document is in exactly one period
    ev = tables["events"]
    dated = ev[ev.doc_id != "u"]
    assert t.attacks.sum() == ((dated.cameo_root.isin(["18", "19", "20"])) & (dated.modality == "asserted")).sum()


def test_undated_documents_left_out_of_periods_but_counted_by_source(tables):
    t = tr.escalation_index(tables, by="period", period="month")
    assert t.attrs["undated"] == ["u"]
    assert "1 undated" in t.attrs["note"]
    s = tr.escalation_index(tables, by="source")
    assert set(s.source) == {"Outlet A", "Outlet B", "unknown"}
    assert s.attacks.sum() == t.attacks.sum() + 1
    assert s.n_sentences.sum() == len(tables["sentences"])
    assert s.n_documents.sum() == len(tables["documents"])
    assert s.set_index("source").loc["Outlet A", "n_documents"] == 2


def test_voice_takes_the_sentence_speaker(tables):
    v = tr.escalation_index(tables, by="voice").set_index("voice")
    assert v.loc["irna", "threats"] == 1 and v.loc["irna", "n_sentences"] == 1
    assert v.loc["author", "threats"] == 1
    assert v.threats.sum() == 2
    assert v.loc["irna", "markers_axis"] == 1          # "Zionist regime"


def test_period_and_source_together(tables):
    t = tr.escalation_index(tables, by=["period", "source"], period="month")
    assert list(t.columns[:3]) == ["period", "period_start", "source"]
    assert set(zip(t.period, t.source)) == {("2024-01", "Outlet A"), ("2024-01", "Outlet B"),
                                            ("2024-03", "Outlet A")}
    one = t.set_index(["period", "source"]).loc[("2024-01", "Outlet B")]
    assert one.attacks == 2 and one.threats == 1


def test_index_formula_recomputed_by_hand(tables):
    t = tr.escalation_index(tables, by="period", period="month").set_index("period")
    jan = t.loc["2024-01"]
    # asserted events in January: a/0 19 (-10), a/1 13 (-6), b/0 19 (-10), b/0 18 (-9), b/1 13 (-6)
    assert jan.mean_goldstein == pytest.approx(-41 / 5)
    conflict = (10 + 41 / 5) / 20
    threat, attack = 2 / 5, 3 / 5
    hostile = 3 / 5                     # -0.5, -0.8, -0.6 are below -0.3; -0.2 is not
    assert jan.hostile_share == pytest.approx(hostile)
    assert jan.escalation_index == pytest.approx((conflict + threat + attack + hostile - 0) / 4)
    mar = t.loc["2024-03"]
    assert mar.component_conflict == pytest.approx((10 - 5) / 20)
    assert mar.escalation_index == pytest.approx(max(0.0, ((10 - 5) / 20 + 0 + 0 + 0 - 1 / 3) / 4))
    assert jan.escalation_index > mar.escalation_index
    # weights are parameters
    w = tr.escalation_index(tables, period="month", weights={"conflict": 0.0}).set_index("period")
    assert w.loc["2024-01", "escalation_index"] == pytest.approx((threat + attack + hostile) / 3)


def test_rates_per_thousand_words(tables):
    t = tr.escalation_index(tables, by="source").set_index("source")
    b = t.loc["Outlet B"]
    assert b.n_words == 10 + 10
    assert b.attacks_per_1k == pytest.approx(2 / 20 * 1000)
    assert b.markers_western_israeli == 1           # "militia"
    assert b.markers_western_israeli_per_1k == pytest.approx(1 / 20 * 1000)


def test_evidence_for_lists_the_rows_behind_a_number(tables):
    t = tr.escalation_index(tables, by="period", period="month").set_index("period")
    rows = tr.evidence_for(tables, "2024-01", "attacks", period="month")
    assert len(rows) == t.loc["2024-01", "attacks"] == 3
    assert list(rows.columns) == ["doc_id", "sent_id", "text", "measure", "value", "detail"]
    assert rows.text.iloc[0] == "Iran-backed militias fired rockets at the base."
    threats = tr.evidence_for(tables, "2024-01", "threats_per_1k", period="month")
    assert set(zip(threats.doc_id, threats.sent_id)) == {("a", 1), ("b", 1)}
    assert "trigger conditional_threat" in threats.set_index("doc_id").loc["b", "detail"]
    gold = tr.evidence_for(tables, "2024-01", "mean_goldstein", period="month")
    assert gold.value.mean() == pytest.approx(t.loc["2024-01", "mean_goldstein"])
    pair = tr.evidence_for(tables, ("2024-01", "Outlet B"), "attacks", by=["period", "source"], period="month")
    assert len(pair) == 2
    with pytest.raises(ValueError):
        tr.evidence_for(tables, "2024-01", "no_such_measure", period="month")


def test_empty_tables_do_not_break():
    docs = frame("documents", [{"doc_id": "x", "date": "2024-05-01", "source": "S"}])
    sents = pd.DataFrame(sentence_rows("x", ["Nothing happened."]), columns=TABLE_COLUMNS["sentences"])
    t = tr.escalation_index({"documents": docs, "sentences": sents})
    assert t.attrs["period"] == "day"
    assert t.attacks.tolist() == [0] and t.component_conflict.tolist() == [tr.NO_EVENT_CONFLICT]


# ---------------------------------------------------------------------------------- markers

MARKER_CASES = [
    ("The Zionist regime's aggression will not go unanswered.", [("Zionist regime", "axis"), ("aggression", "axis")]),
    ("Israeli officials accused Iranian aggression of fuelling the war.", [("Iranian aggression", "western_israeli")]),
    ("The so-called \"resistance\" fired again.", [("so-called resistance", "western_israeli")]),
    ("Iran's so-called Axis of Resistance expanded.", [("Axis of Resistance", "neutral")]),
    ("The Islamic Resistance in Iraq hit Umm al-Rashrash.", [("Islamic Resistance in Iraq", "axis"), ("Umm al-Rashrash", "axis")]),
    ("Iranian backed proxies and terror groups struck.", [("Iran-backed", "western_israeli"), ("proxy", "western_israeli"), ("terror", "western_israeli")]),
    ("The regime in Tehran armed the mujahideen.", [("Iranian regime", "western_israeli"), ("mujahideen", "axis")]),
    ("Death to the Great Satan and the American enemy!", [("Great Satan", "axis"), ("American enemy", "axis")]),
    ("Armed factions of the Popular Mobilisation Forces stayed out.", [("armed factions", "neutral"), ("Popular Mobilization Forces", "neutral")]),
    ("Drones were launched toward Eilat; nobody claimed them.", [("Eilat", "neutral")]),
    ("The regime's sanctions regime hurts.", []),
]


@pytest.mark.parametrize("text,expected", MARKER_CASES)
def test_markers_longest_match_and_side(text, expected):
    s = pd.DataFrame(sentence_rows("d", [text]), columns=TABLE_COLUMNS["sentences"])
    found = tr.find_markers(s)
    assert list(zip(found.marker, found.side)) == expected


def test_marker_offsets_slice_the_cleaned_text():
    texts = ["Prelude sentence here.", "IRNA said the usurping entity committed massacres.",
             "Washington blamed Kata'ib Hezbollah and other Iran-aligned militias."]
    doc_text = " ".join(texts)
    s = pd.DataFrame(sentence_rows("d", texts, speakers=["author", "irna", "author"]),
                     columns=TABLE_COLUMNS["sentences"])
    found = tr.find_markers(s)
    assert len(found) == 4
    for r in found.itertuples():
        assert doc_text[r.start:r.end] == r.surface
    assert found.set_index("marker").loc["usurping entity", "speaker"] == "irna"
    assert found.set_index("marker").loc["usurping entity", "denotes"] == "israel"


def test_marker_lexicon_rows_are_well_formed():
    lex = read_lexicon("rhetoric_markers")
    assert set(lex.columns) >= {"marker", "side", "category", "denotes", "notes"}
    assert set(lex.side) == set(tr.SIDES)
    forms = [f.lower() for cell in lex.marker for f in split_values(cell)]
    keys = [k for cell in lex.marker for k in {tr._marker_key(f) for f in split_values(cell)}]
    assert len(keys) == len(set(keys)), "a form is listed in two rows"
    for required in ["Zionist regime", "Zionist entity", "usurping entity", "occupation entity",
                     "Umm al-Rashrash", "occupied Palestine", "occupied", "usurping", "criminal",
                     "resistance", "Islamic Resistance", "martyr", "martyrs", "martyrdom", "mujahideen",
                     "Great Satan", "American enemy", "arrogance", "genocide", "massacres",
                     "aggression", "liberation", "Iran-backed", "Iranian-backed", "proxy", "proxies",
                     "militia", "militias", "terror", "terrorist", "terrorists", "Iranian regime",
                     "regime in Tehran", "Axis of Resistance", "jihadist", "radical", "extremist",
                     "armed factions", "Popular Mobilization Forces"]:
        assert required.lower() in forms, required
    assert (lex.notes != "").all()


# ---------------------------------------------------------------------------------- timeline

def test_timeline_dates():
    ev = frame("events", [
        event("d", 0, 19, date="2024-01-28", precision="day"),
        event("d", 1, 19, date="2024-02", precision="month"),
        event("d", 2, 8, date="2024-02/2024-04", precision="range"),
        event("d", 3, 13, date="2024-07-15", precision="week"),
        event("d", 4, 19, date="2024-07-17", precision="week"),          # a Wednesday: its week
        event("d", 5, 19, date="2023-10-07/2024-07-01", precision="range"),
        event("d", 6, 19, date="", precision="unknown"),
        event("d", 7, 19, date="2024-05", precision="unknown"),
        event("d", 8, 19, date="2024-W27", precision="week"),
        event("d", 9, 13, date="2024-06-20/..", precision="range"),
    ])
    t = tr.event_timeline(ev)
    assert t.attrs["excluded"] == 2
    got = {r.sent_id: (str(r.start.date()), str(r.end.date()) if pd.notna(r.end) else None)
           for r in t.itertuples()}
    assert got[0] == ("2024-01-28", "2024-01-28")
    assert got[1] == ("2024-02-01", "2024-02-29")                # leap year
    assert got[2] == ("2024-02-01", "2024-04-30")
    assert got[3] == ("2024-07-15", "2024-07-21")
    assert got[4] == ("2024-07-15", "2024-07-21")
    assert got[5] == ("2023-10-07", "2024-07-01")
    assert got[8] == ("2024-07-01", "2024-07-07")
    assert got[9] == ("2024-06-20", None)                        # open end
    assert 6 not in got and 7 not in got
    assert t.start.is_monotonic_increasing
    assert list(t.columns) == tr.TIMELINE_COLUMNS


def test_timeline_of_empty_events():
    t = tr.event_timeline(frame("events", []))
    assert t.empty and t.attrs["excluded"] == 0


# ---------------------------------------------------------------------------------- arc, naming, terms

def test_document_arc_by_paragraph_sums_to_document(tables):
    arc = tr.document_arc(tables, "c")
    assert arc.paragraph.tolist() == [0, 1]
    assert arc.n_sentences.tolist() == [1, 2]
    assert (arc.first_sent_id.tolist(), arc.last_sent_id.tolist()) == ([0, 1], [0, 2])
    assert arc.deescalations.sum() == 1
    per_sentence = tr.document_arc(tables, "b", unit="sentence")
    assert per_sentence.attacks.tolist() == [2, 0] and per_sentence.threats.tolist() == [0, 1]
    with pytest.raises(KeyError):
        tr.document_arc(tables, "nope")


def test_naming_choices_by_voice_and_source(tables):
    t = dict(tables)
    t["mentions"] = frame("mentions", [
        {"doc_id": "a", "sent_id": 1, "actor": "israel", "surface": "Zionist regime", "start": 50, "end": 64,
         "pejorative": True, "via": "pejorative"},
        {"doc_id": "a", "sent_id": 0, "actor": "iran", "surface": "Iran", "start": 0, "end": 4,
         "pejorative": False, "via": "adjective"},
        {"doc_id": "b", "sent_id": 1, "actor": "israel", "surface": "Israel", "start": 0, "end": 6,
         "pejorative": False, "via": "alias"},
        {"doc_id": "b", "sent_id": 1, "actor": "israel", "surface": "israel", "start": 9, "end": 15,
         "pejorative": False, "via": "alias"},
        {"doc_id": "b", "sent_id": 1, "actor": "israel", "surface": "it", "start": 20, "end": 22,
         "pejorative": False, "via": "coref"},
        {"doc_id": "c", "sent_id": 0, "actor": "", "surface": "the Islamic Republic", "start": 0, "end": 5,
         "pejorative": False, "via": "unresolved"},
    ])
    n = tr.naming_choices(t)
    assert list(n.columns) == tr.NAMING_COLUMNS
    irna = n[(n.voice == "irna") & (n.actor == "israel")]
    assert irna[["source", "surface", "n", "pejorative", "pejorative_share"]].values.tolist() == \
        [["Outlet A", "Zionist regime", 1, True, 1.0]]
    b = n[(n.source == "Outlet B") & (n.actor == "israel")]
    assert b[["voice", "surface", "n", "share_of_actor", "pejorative_share"]].values.tolist() == \
        [["author", "Israel", 2, 1.0, 0.0]]
    assert "it" not in set(n.surface) and "the Islamic Republic" not in set(n.surface)


def test_distinctive_terms_by_source(tables):
    d = tr.distinctive_terms_by(tables, by="source", n=3)
    assert set(d.group) == {"Outlet A", "Outlet B", "unknown"}
    assert (d.groupby("group").size() <= 3).all()
    p = tr.distinctive_terms_by(tables, by="period", period="month", n=2)
    assert set(p.group) == {"2024-01", "2024-03"}


# ---------------------------------------------------------------------------------- figures

def test_figures_with_one_period_draw_points(tables):
    import matplotlib.pyplot as plt
    one = {k: v[v.doc_id == "c"] if "doc_id" in v else v for k, v in tables.items()}
    t = tr.escalation_index(one, period="month")
    assert len(t) == 1
    fig = tr.plot_escalation_trend(t)
    line = fig.axes[0].lines[0]
    assert line.get_linestyle() == "None" and line.get_marker() == "o"
    plt.close(fig)
    many = tr.escalation_index(tables, period="month")
    fig = tr.plot_escalation_trend(many)
    assert fig.axes[0].lines[0].get_linestyle() == "-"
    assert [t.get_text() for t in fig.axes[1].get_xticklabels()] == ["2024-01", "2024-02", "2024-03"]
    plt.close(fig)


def test_all_figures_build(tables):
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure
    figs = [
        tr.plot_trend_by_source(tr.escalation_index(tables, by=["period", "source"], period="month")),
        tr.plot_event_timeline(tr.event_timeline(tables["events"])),
        tr.plot_document_arc(tr.document_arc(tables, "c")),
        tr.plot_escalation_trend(tr.escalation_index(tables, period="month").iloc[0:0]),
        tr.plot_event_timeline(tr.event_timeline(frame("events", []))),
        tr.plot_trend_by_source(pd.DataFrame()),
    ]
    for f in figs:
        assert isinstance(f, Figure) and f.axes
        plt.close(f)
    assert len(figs[0].axes) == 2                   # one panel per source


# ---------------------------------------------------------------------------------- fixture corpus

def test_fixture_corpus_monthly_trend(fixture_analysis):
    t = tr.escalation_index(fixture_analysis, by="period")
    assert t.attrs["period"] == "month"
    assert t.period.tolist()[0] == "2023-10" and t.period.tolist()[-1] == "2024-07"
    assert t.n_documents.tolist() == [2, 1, 2, 2, 2, 1, 1, 2, 2, 2]
    ev = fixture_analysis.events
    asserted = ev[ev.cameo_root.astype(str).str.zfill(2).isin(["18", "19", "20"]) & (ev.modality == "asserted")]
    assert t.attacks.sum() == len(asserted)
    # the README's robust checks of the intended arc
    by = t.set_index("period")
    escalation = by.loc[["2023-10", "2023-11", "2023-12", "2024-01", "2024-02"]]
    pause = by.loc[["2024-03", "2024-04", "2024-05"]]
    renewed = by.loc[["2024-06", "2024-07"]]
    assert pause.escalation_index.mean() < escalation.escalation_index.mean()
    assert pause.escalation_index.mean() < renewed.escalation_index.mean()
    assert pause.deescalations.sum() > escalation.loc[["2023-10", "2023-11", "2023-12"]].deescalations.sum()
    assert renewed.threats.sum() > pause.threats.sum()
    assert renewed.conditional_threats.sum() >= t.conditional_threats.sum() / 2


def test_fixture_corpus_no_attack_on_us_forces_after_april(fixture_analysis):
    tl = tr.event_timeline(fixture_analysis.events)
    late = tl[(tl.start >= "2024-05-01") & tl.cameo_root.isin(["18", "19", "20"])
              & (tl.modality == "asserted")]
    assert len(late)                                    # the Israel-front attacks are there
    assert not late.target_actor.isin(["united_states", "centcom"]).any()


def test_fixture_corpus_naming_by_outlet(fixture_analysis):
    n = tr.naming_choices(fixture_analysis)
    pej = n[n.pejorative & (n.actor == "israel")]
    assert set(pej.source) <= {"Resistance Daybreak Wire"}
    assert len(pej)
    markers = tr.escalation_index(fixture_analysis, by="source").set_index("source")
    assert markers.loc["Resistance Daybreak Wire", "markers_axis_per_1k"] > \
        markers.loc["Northgate Ledger", "markers_axis_per_1k"]
    assert markers.loc["Northgate Ledger", "markers_western_israeli_per_1k"] > \
        markers.loc["Resistance Daybreak Wire", "markers_western_israeli_per_1k"]


def test_seed_timeline_yields_a_history(seed_analysis):
    t = tr.event_timeline(seed_analysis.events)
    assert len(t) >= 2
    assert t.start.min() < pd.Timestamp("2024-07-01")
    assert t.attrs["excluded"] + len(t) == len(seed_analysis.events)


# ---------------------------------------------------------------------------------- notebook helpers

def test_corpus_shape_flags(tables, seed_analysis):
    s = tr.corpus_shape(tables)
    # 55 days: weekly periods; an empty source is "unknown", a source of its own
    assert (s.n_documents, s.n_dated, s.n_sources, s.period, s.n_periods) == (4, 3, 3, "week", 3)
    assert s.multi_period and s.multi_source and "undated" in s.note
    one = tr.corpus_shape(seed_analysis)
    assert not one.multi_period and not one.multi_document and "single point" in one.note


def test_subset_by_window_and_source(tables):
    jan = tr.subset(tables, start="2024-01-01", end="2024-01-31")
    assert sorted(jan.documents.doc_id) == ["a", "b"]
    assert set(jan.events.doc_id) == {"a", "b"} and set(jan.sentences.doc_id) == {"a", "b"}
    outlet = tr.subset(tables, sources=["Outlet A"])
    assert sorted(outlet.documents.doc_id) == ["a", "c"]
    assert len(tr.subset(tables).documents) == 4          # no bound: undated documents kept


def test_choose_arc_unit(tables, seed_analysis):
    assert tr.choose_arc_unit(tables, "c") == "sentence"          # two paragraphs
    doc = seed_analysis.documents.doc_id[0]
    assert tr.choose_arc_unit(seed_analysis, doc) == "paragraph"
    with pytest.raises(ValueError):
        tr.choose_arc_unit(tables, "c", "chapter")


def test_marker_sentences_count_hits_per_side(tables):
    m = tr.marker_sentences(tables)
    hits = tr.find_markers(tables["sentences"])
    assert int(m[list(tr.SIDES)].to_numpy().sum()) == len(hits)
    row = m[(m.doc_id == "a") & (m.sent_id == 1)].iloc[0]
    assert row.voice == "irna" and row.axis >= 1 and "Zionist regime" in row.markers
    assert "Zionist regime" in row.text


def test_naming_summary_sums_and_shares():
    nc = pd.DataFrame({"source": ["A", "B", "B"], "voice": ["irna", "irna", "author"],
                       "actor": ["israel"] * 3, "surface": ["Zionist regime", "Zionist regime", "Israel"],
                       "n": [2, 1, 3], "pejorative": [True, True, False]})
    by_voice = tr.naming_summary(nc).set_index("voice")
    assert by_voice.loc["irna", "n"] == 3 and by_voice.loc["irna", "names"] == "Zionist regime (3)"
    by_source = tr.naming_summary(nc, by="source").set_index("source")
    assert by_source.loc["B", "pejorative_share"] == 0.25
    assert tr.naming_summary(nc, actors=["iran"]).empty


def test_index_arithmetic_matches_the_index(tables, fixture_analysis):
    for analysis, by in ((tables, "period"), (fixture_analysis, "doc_id")):
        t = tr.escalation_index(analysis, by=by).dropna(subset=["escalation_index"])
        for _, row in t.iterrows():
            last = tr.index_arithmetic(row).splitlines()[-1]
            assert float(last.rsplit("=", 1)[1]) == pytest.approx(row.escalation_index, abs=6e-4)  # 3 decimals


def test_term_sentences_unigram_and_bigram(tables):
    assert set(tr.term_sentences(tables, "truce").sent_id) == {0}
    assert tr.term_sentences(tables, "vowed strike").doc_id.tolist() == ["b"]   # "vowed to strike"
    assert tr.term_sentences(tables, "nonexistentword").empty


def test_plot_marker_rates_one_bar_group_per_row(tables):
    t = tr.escalation_index(tables, by="voice")
    fig = tr.plot_marker_rates(t)
    assert len(fig.axes[0].get_yticklabels()) == len(t)
    assert tr.plot_marker_rates(t.iloc[0:0]).axes
