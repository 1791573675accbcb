"""Tests for helpers.validate: exact P/R on hand-computed cases, file reading, scope, templates."""

import math
from pathlib import Path

import pandas as pd
import pytest

from helpers import validate as va
from helpers.pipeline import TABLE_COLUMNS

TEMPLATES = Path(va.__file__).resolve().parent / "templates"
ANNOTATIONS = Path(__file__).resolve().parent / "annotations"


def frame(name, rows):
    cols = TABLE_COLUMNS[name]
    return pd.DataFrame([{c: r.get(c, "") for c in cols} for r in rows], columns=cols)


# ---------------------------------------------------------------------------------- the measures

def test_precision_recall_by_hand():
    gold = pd.DataFrame({"doc_id": ["d"] * 5, "sent_id": [0, 1, 2, 3, 3],
                         "kind": ["conditional_threat", "retaliation", "ultimatum",
                                  "conditional_threat", "conditional_threat"]})   # last row a duplicate
    pred = pd.DataFrame({"doc_id": ["d"] * 4, "sent_id": ["0", "1", "4", "5"],
                         "kind": ["conditional_threat", "conditional_threat", "retaliation", "ultimatum"]})
    r = va.precision_recall(gold, pred, ["doc_id", "sent_id", "kind"])
    # gold items: (0,c) (1,r) (2,u) (3,c) = 4; predicted (0,c) (1,c) (4,r) (5,u) = 4; tp = 1
    assert (r["n_gold"], r["n_predicted"], r["tp"], r["fp"], r["fn"]) == (4, 4, 1, 3, 3)
    assert r["precision"] == 0.25 and r["recall"] == 0.25 and r["f1"] == 0.25
    loose = va.precision_recall(gold, pred, ["doc_id", "sent_id"])
    # sentences: gold {0,1,2,3}, predicted {0,1,4,5}
    assert (loose["tp"], loose["fp"], loose["fn"]) == (2, 2, 2)
    assert loose["precision"] == 0.5 and loose["recall"] == 0.5


def test_precision_and_recall_differ():
    gold = pd.DataFrame({"doc_id": ["d"] * 4, "sent_id": [0, 1, 2, 3], "actor": ["iran"] * 4})
    pred = pd.DataFrame({"doc_id": ["d"] * 3, "sent_id": [0, 1, 9], "actor": ["iran", "iran", "iran"]})
    r = va.precision_recall(gold, pred, ["doc_id", "sent_id", "actor"])
    assert (r["tp"], r["fp"], r["fn"]) == (2, 1, 2)
    assert r["precision"] == pytest.approx(2 / 3) and r["recall"] == pytest.approx(1 / 2)
    assert r["f1"] == pytest.approx(2 * (2 / 3) * (1 / 2) / (2 / 3 + 1 / 2))


def test_undefined_measures_are_nan():
    gold = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "actor": ["iran"]})
    empty = gold.iloc[0:0]
    r = va.precision_recall(gold, empty, ["doc_id", "sent_id", "actor"])
    assert (r["tp"], r["fp"], r["fn"]) == (0, 0, 1)
    assert math.isnan(r["precision"]) and r["recall"] == 0.0 and math.isnan(r["f1"])
    r = va.precision_recall(empty, gold, ["doc_id", "sent_id", "actor"])
    assert math.isnan(r["recall"]) and r["precision"] == 0.0


def test_values_are_normalised_before_comparing():
    gold = pd.DataFrame({"doc_id": ["D1 "], "sent_id": ["3"], "actor": ["Iran"]})
    pred = pd.DataFrame({"doc_id": ["d1"], "sent_id": [3.0], "actor": ["iran"]})
    assert va.precision_recall(gold, pred, ["doc_id", "sent_id", "actor"])["tp"] == 1
    assert va.event_class("8") == "08" and va.event_class(18) == va.event_class("19") == "attack"


def test_misses_and_false_alarms_are_listed():
    gold = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [0, 2], "actor": ["iran", "israel"],
                         "surface": ["Tehran", "Zionist entity"], "notes": ["capital for state", "pejorative"]})
    pred = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [0, 1], "actor": ["iran", "hamas"],
                         "surface": ["Tehran", "the group"]})
    sents = pd.DataFrame({"doc_id": ["d"] * 3, "sent_id": [0, 1, 2], "text": ["s0", "s1", "s2"]})
    out = va.misses_and_false_alarms(gold, pred, ["doc_id", "sent_id", "actor"], sents)
    assert out[["error", "sent_id", "actor", "text", "notes", "sentence"]].values.tolist() == [
        ["false_alarm", "1", "hamas", "the group", "", "s1"],
        ["miss", "2", "israel", "Zionist entity", "pejorative", "s2"],
    ]


# ---------------------------------------------------------------------------------- validate()

def analysis_fixture():
    docs = frame("documents", [{"doc_id": "d", "date": "2024-07-01"}, {"doc_id": "e", "date": "2024-07-02"}])
    sents = frame("sentences", [
        {"doc_id": "d", "sent_id": i, "text": f"sentence {i}", "speaker": sp}
        for i, sp in enumerate(["author", "irna", "irna", "author"])
    ] + [{"doc_id": "e", "sent_id": 0, "text": "other", "speaker": "idf"}])
    mentions = frame("mentions", [
        {"doc_id": "d", "sent_id": 0, "actor": "iran", "start": 0, "end": 4},
        {"doc_id": "d", "sent_id": 1, "actor": "israel", "start": 20, "end": 34},
        {"doc_id": "d", "sent_id": 1, "actor": "", "start": 40, "end": 44},          # unresolved: ignored
        {"doc_id": "d", "sent_id": 3, "actor": "hamas", "start": 60, "end": 65},
        {"doc_id": "e", "sent_id": 0, "actor": "idf", "start": 0, "end": 3},          # not annotated
    ])
    events = frame("events", [
        {"doc_id": "d", "sent_id": 1, "cameo_code": "195", "cameo_root": "19", "modality": "asserted"},
        {"doc_id": "d", "sent_id": 2, "cameo_code": "138", "cameo_root": "13", "modality": "asserted"},
        {"doc_id": "d", "sent_id": 2, "cameo_code": "190", "cameo_root": "19", "modality": "asserted"},
        {"doc_id": "d", "sent_id": 3, "cameo_code": "087", "cameo_root": "08", "modality": "asserted"},
    ])
    stance = frame("stance", [
        {"doc_id": "d", "holder": "irna", "target": "israel", "score": -0.6},
        {"doc_id": "d", "holder": "iraq", "target": "united_states", "score": 0.0},
    ])
    return {"documents": docs, "sentences": sents, "mentions": mentions, "events": events,
            "stance": stance, "quotes": frame("quotes", []), "roles": frame("roles", []),
            "triggers": frame("triggers", [])}


def write(path, text):
    path.write_text(text, encoding="utf-8")


@pytest.fixture()
def gold_dir(tmp_path):
    write(tmp_path / "hand_mentions.csv",
          "# comment line, with a comma\n"
          "doc_id,sent_id,actor,surface,start,end,pejorative,notes\n"
          "d,0,iran,Iran,0,4,0,\n"
          "d,1,israel,Zionist entity,20,34,1,\"pejorative # not a comment\"\n"
          "d,2,united_states,Great Satan,45,56,1,\n"
          "d,1,israel,Zionist entity,20,34,1,duplicate row collapses\n"
          ",,,,,,,blank template row\n")
    write(tmp_path / "hand_events.csv",
          "doc_id,sent_id,source_actor,target_actor,cameo_root,modality,date,date_precision,category,notes\n"
          "d,1,iraqi_militias,israel,18,asserted,,unknown,attack,18 and 19 are one class\n"
          "d,2,ircc,united_states,13,asserted,,unknown,threat,\n"
          "d,2,ircc,united_states,19,hypothetical,,unknown,attack,the threatened harm\n"
          "d,3,iran,,8,asserted,,unknown,de-escalation,root written without its zero\n")
    write(tmp_path / "hand_speakers.csv",
          "doc_id,sent_id,speaker,cited,notes\nd,0,author,,\nd,1,irna,,\nd,2,ircc,,\nd,3,author,,\n")
    write(tmp_path / "hand_stance.csv",
          "doc_id,holder,target,sign,evidence_sent_ids,notes\n"
          "d,irna,israel,-1,1|2,\nd,iraq,united_states,+1,3,\n")
    write(tmp_path / "hand_non_triggers.csv", "sent_id,text,why\n4,x,y\n")   # not a category file
    write(tmp_path / "other_mentions.csv",                                   # documents not analysed
          "doc_id,sent_id,actor,surface,start,end,pejorative,notes\nzzz,0,iran,Iran,0,4,0,\n")
    return tmp_path


def test_validate_against_a_small_hand_coding(gold_dir):
    v = va.validate(analysis_fixture(), gold_dir)
    assert list(v.columns) == va.RESULT_COLUMNS
    assert set(v.prefix) == {"hand"}                       # "other" codes documents not analysed
    got = {(r.category, r.variant): (r.tp, r.fp, r.fn) for r in v.itertuples()}
    assert got == {
        ("mentions", "sentence"): (2, 1, 1),      # d/3 hamas is a false alarm; d/2 united_states missed
        ("mentions", "offsets"): (2, 1, 1),
        ("events", "root+modality"): (3, 1, 1),   # 19 hypothetical missed; 19 asserted d/2 false alarm
        ("events", "root"): (4, 0, 0),
        ("speakers", "speaker"): (1, 1, 1),       # only non-author sentences: d/2 irna vs ircc
        ("stance", "sign"): (1, 1, 1),            # score 0.0 is sign 0, coded +1
    }
    ev = v.set_index(["category", "variant"]).loc[("events", "root+modality")]
    assert ev.precision == 0.75 and ev.recall == 0.75
    assert ("triggers", "kind") not in got       # no triggers file: skipped


def test_validation_errors_name_the_sentences(gold_dir):
    err = va.validation_errors(analysis_fixture(), gold_dir, "mentions")
    assert err[["error", "sent_id", "actor", "sentence"]].values.tolist() == [
        ["miss", "2", "united_states", "sentence 2"], ["false_alarm", "3", "hamas", "sentence 3"]]
    assert err.text.tolist() == ["Great Satan", ""]


def test_sample_file_restricts_sentence_level_categories(gold_dir):
    write(gold_dir / "hand_sample.csv", "# sampled\ndoc_id,sent_id,text\nd,0,x\nd,1,y\n")
    v = va.validate(analysis_fixture(), gold_dir).set_index(["category", "variant"])
    assert tuple(v.loc[("mentions", "sentence"), ["tp", "fp", "fn"]]) == (2, 0, 0)
    assert tuple(v.loc[("stance", "sign"), ["tp", "fp", "fn"]]) == (1, 1, 1)   # document level


def test_the_seed_annotation_files_are_found():
    found = va.find_annotation_files(ANNOTATIONS)
    assert "seed" in found and "seed_non" not in found
    assert {"mentions", "events", "triggers"} <= set(found["seed"])


# ---------------------------------------------------------------------------------- templates

def test_annotation_template_samples_with_a_seed():
    s = pd.DataFrame({"doc_id": list("aaabbb"), "sent_id": [0, 1, 2, 0, 1, 2], "text": list("uvwxyz")})
    t1 = va.annotation_template(s, n=3, seed=1)
    t2 = va.annotation_template(s, n=3, seed=1)
    assert t1["sample"].equals(t2["sample"]) and len(t1["sample"]) == 3
    assert set(t1) == {"sample", *va.CATEGORIES}
    assert list(t1["triggers"].columns) == va.ANNOTATION_COLUMNS["triggers"] + ["text"]
    assert len(t1["stance"]) == t1["sample"].doc_id.nunique()
    assert len(va.annotation_template(s, n=None)["sample"]) == 6
    with pytest.raises(ValueError):
        va.annotation_template(s, ["nonsense"])


def test_filled_templates_round_trip_to_perfect_scores(tmp_path):
    a = analysis_fixture()
    paths = va.write_annotation_templates(a, tmp_path, n=10, seed=0, prefix="mine",
                                          categories=["mentions", "events"])
    assert [p.name for p in paths] == ["mine_sample.csv", "mine_mentions.csv", "mine_events.csv"]
    blank = va.validate(a, tmp_path)                      # blank sheets: "coded, found nothing"
    assert (blank.n_gold == 0).all() and (blank.tp == 0).all() and (blank.fp > 0).all()
    # fill the events sheet with exactly what the pipeline found
    ev = a["events"][["doc_id", "sent_id", "cameo_root", "modality"]]
    sheet = va.read_annotation(tmp_path / "mine_events.csv")
    filled = pd.concat([sheet.iloc[0:0], ev.astype(str)], ignore_index=True).fillna("")
    with open(tmp_path / "mine_events.csv", "w", encoding="utf-8") as fh:
        fh.write(va.template_header("events").rsplit("\n", 2)[0] + "\n")
        filled.to_csv(fh, index=False)
    v = va.validate(a, tmp_path).set_index("variant")
    assert v.loc["root+modality", "precision"] == 1.0 and v.loc["root+modality", "recall"] == 1.0


def test_shipped_templates_match_the_columns():
    for category in va.CATEGORIES:
        path = TEMPLATES / f"annotation_{category}.csv"
        assert path.read_text(encoding="utf-8") == va.template_header(category)
        assert list(va.read_annotation(path).columns) == va.ANNOTATION_COLUMNS[category] + ["text"]


# ---------------------------------------------------------------------------------- the seed

def test_seed_validation_runs_for_every_category(seed_analysis):
    v = va.validate(seed_analysis, ANNOTATIONS, prefix="seed")
    assert set(v.category) == set(va.CATEGORIES)
    assert (v.n_gold > 0).all()
    ok = v.dropna(subset=["precision", "recall"])
    assert ((ok.precision >= 0) & (ok.precision <= 1) & (ok.recall >= 0) & (ok.recall <= 1)).all()
    mentions = v.set_index(["category", "variant"]).loc[("mentions", "sentence")]
    assert mentions.recall >= 0.5


# ---------------------------------------------------------------------------------- notebook helpers

def test_annotation_inventory_counts_rows_and_corpus_documents(gold_dir):
    inv = va.annotation_inventory(gold_dir, analysis_fixture()).set_index(["prefix", "category"])
    assert inv.loc[("hand", "mentions"), "rows"] == 4            # blank template row dropped
    assert inv.loc[("hand", "mentions"), "in_corpus"] == 1
    assert inv.loc[("other", "mentions"), "in_corpus"] == 0      # its document is not analysed
    assert ("hand_non", "triggers") not in inv.index
    assert va.annotation_inventory(gold_dir / "missing").empty


def test_wilson_interval_properties():
    lo, hi = va.wilson_interval(4, 4)
    assert 0.4 < lo < 0.6 and hi == 1.0                          # 4/4 is not "certainly 1"
    lo, hi = va.wilson_interval(0, 10)
    assert lo == 0.0 and 0.2 < hi < 0.35
    small, large = va.wilson_interval(5, 10), va.wilson_interval(50, 100)
    assert (small[1] - small[0]) > (large[1] - large[0])         # more items, narrower interval
    assert all(math.isnan(x) for x in va.wilson_interval(0, 0))
    s = va.with_intervals(pd.DataFrame({"tp": [3], "fp": [1], "fn": [0]}))
    assert s.precision_low[0] < 0.75 < s.precision_high[0] and s.recall_high[0] == 1.0


def test_plot_validation_bars_and_empty(gold_dir):
    v = va.validate(analysis_fixture(), gold_dir)
    fig = va.plot_validation(v)
    assert len(fig.axes[0].get_yticklabels()) == len(v)
    assert len(fig.axes[0].patches) == 2 * len(v)                # one precision, one recall bar each
    empty = va.plot_validation(v.iloc[0:0])
    assert "no hand coding" in empty.axes[0].texts[0].get_text()


def test_near_misses_pair_errors_in_one_sentence(gold_dir):
    err = va.validation_errors(analysis_fixture(), gold_dir, "events", variant="root+modality")
    near = va.near_misses(err)
    # sentence 2: gold 13 + hypothetical attack, predicted 13 + asserted attack
    assert set(near.sent_id) == {"2"} and set(near.error) == {"miss", "false_alarm"}
    assert va.near_misses(va.validation_errors(analysis_fixture(), gold_dir, "stance")).empty


def test_write_annotation_round_trips(tmp_path, gold_dir):
    rows = pd.DataFrame([{"doc_id": "d", "sent_id": 1, "cameo_root": "18", "modality": "asserted"},
                         {"doc_id": "d", "sent_id": 2, "cameo_root": "13", "modality": "asserted"}])
    path = va.write_annotation(rows, tmp_path, "demo", "events")
    assert path.read_text(encoding="utf-8").startswith("# Hand coding: events")
    assert list(va.read_annotation(path).columns) == va.ANNOTATION_COLUMNS["events"]
    va.write_annotation(pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [1, 2], "text": ["", ""]}),
                        tmp_path, "demo", "sample")
    v = va.validate(analysis_fixture(), tmp_path, "demo").set_index("variant")
    # sampled sentences 1 and 2: predicted 19 (=attack), 13, 19 (=attack); gold attack, 13
    assert (v.loc["root", "tp"], v.loc["root", "fp"], v.loc["root", "fn"]) == (2, 1, 0)
    with pytest.raises(ValueError):
        va.write_annotation(rows, tmp_path, "demo", "nonsense")


def test_column_guide_covers_every_column():
    g = va.column_guide()
    every = {c for cols in va.ANNOTATION_COLUMNS.values() for c in cols}
    assert set(g.column) == every and (g.meaning != "").all()
    assert "events" in g.set_index("column").loc["cameo_root", "categories"]


def test_labelled_sentence_scores_count_misses_and_false_alarms():
    df = pd.DataFrame({
        "id": [1, 2], "doc_date": ["2024-07-01"] * 2,
        "text": ["Hezbollah fired rockets at Israel.", "Iran said the talks went well."],
        "events": ["19:asserted:hezbollah:israel;13:asserted:hezbollah:israel", "19:asserted:iran:"],
        "triggers": ["", ""]})
    from helpers.validate import labelled_sentence_scores
    ev = labelled_sentence_scores({"t": df}).loc[("t", "events")]
    assert (ev.tp, ev.fn, ev.n_labelled) == (1, 2, 3)
    assert ev.recall == round(1 / 3, 3) and ev.source_agrees == 1.0
    with pytest.raises(ValueError):
        from helpers.validate import score_labelled_sentences
        score_labelled_sentences(df, "stance")
