"""Tests for helpers.model: the supervised stance model trained on hand-labelled sentences.

The fixture tests/fixtures/stance_labelled.csv holds 81 sentences written for these tests
(27 per label). The held-out sentences below are different sentences, written separately,
in other phrasings (Israeli, Iranian-state, Arab and Western outlets; passive voice).
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.model import (
    SHEET_COLUMNS,
    TEMPLATE_PATH,
    StanceModel,
    labelling_sheet,
    read_labelled,
    train_stance_model,
)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "stance_labelled.csv"
LABELS = ["conciliatory", "hostile", "neutral"]

HELD_OUT = [
    ("The occupiers will pay a heavy price if they do not leave our land.", "hostile"),
    ("The group threatened to target American bases across the region.", "hostile"),
    ("The broadcaster called the Zionist regime a criminal entity that must be destroyed.",
     "hostile"),
    ("Militia commanders vowed revenge and promised a crushing response to the enemy.", "hostile"),
    ("Tel Aviv accused Hizbullah of terror and warned that its fighters would be crushed.",
     "hostile"),
    ("The Kataib Hezbollah statement blamed Washington for every drop of blood spilled in Iraq.",
     "hostile"),
    ("The delegation arrived in Amman on Monday, officials said.", "neutral"),
    ("The ministry said the meeting was held on Sunday in the capital.", "neutral"),
    ("The report was published by the agency on Thursday.", "neutral"),
    ("A convoy crossed into Syria at dawn, a source said.", "neutral"),
    ("The parliament session was scheduled for next week.", "neutral"),
    ("Three drones were intercepted near the base on Friday, the statement said.", "neutral"),
    ("Egypt welcomed the truce and urged all sides to show restraint.", "conciliatory"),
    ("The government called for calm and dialogue to avoid escalation.", "conciliatory"),
    ("Officials praised the ceasefire as a step toward lasting peace.", "conciliatory"),
    ("Qatar thanked both parties for respecting the agreement.", "conciliatory"),
    ("The council said it supports efforts to de-escalate and keep the calm.", "conciliatory"),
    ("Oman offered to host negotiations and welcomed the pause in the fighting.", "conciliatory"),
]


@pytest.fixture(scope="module")
def labelled() -> pd.DataFrame:
    return read_labelled(FIXTURE)


@pytest.fixture(scope="module")
def model(labelled) -> StanceModel:
    return train_stance_model(labelled)


def _tiny(labels_counts: dict[str, int]) -> pd.DataFrame:
    """A small labelled frame: distinct sentences, ``count`` per label."""
    rows = []
    for lab, k in labels_counts.items():
        for i in range(k):
            rows.append({"text": f"sentence {lab} number {i} about {lab}", "label": lab})
    return pd.DataFrame(rows)


# --- the fixture and the reader ---------------------------------------------------------

def test_fixture_is_balanced_and_fully_labelled(labelled):
    counts = labelled["label"].value_counts().to_dict()
    assert counts == {"hostile": 27, "neutral": 27, "conciliatory": 27}
    assert labelled.attrs["n_unlabelled"] == 0
    assert list(labelled.columns) == SHEET_COLUMNS
    assert not labelled["text"].duplicated().any()


def test_fixture_sentences_are_not_in_held_out_set(labelled):
    fixture_texts = set(labelled["text"].str.lower())
    assert not fixture_texts & {t.lower() for t, _ in HELD_OUT}


def test_template_reads_back_with_three_examples():
    df = read_labelled(TEMPLATE_PATH)
    assert list(df.columns) == SHEET_COLUMNS
    assert sorted(df["label"]) == LABELS
    assert df.attrs["n_unlabelled"] == 0


def test_read_labelled_skips_comments_counts_unlabelled_and_folds_case(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "# a comment line\n"
        "doc_id,sent_id,speaker,target,text,label,notes\n"
        "# another comment between rows\n"
        'd,0,iran,israel,"They will regret it, the agency said.", Hostile ,\n'
        "d,1,author,,The meeting ended.,,not sure\n"
        "d,2,qatar,,Doha welcomed the truce.,conciliatory,\n"
        "d,3,author,,#hashtag in the text stays.,neutral,\n",
        encoding="utf-8",
    )
    df = read_labelled(path)
    assert df["label"].tolist() == ["hostile", "conciliatory", "neutral"]
    assert df.attrs["n_unlabelled"] == 1
    assert df["text"].iloc[0] == "They will regret it, the agency said."


def test_read_labelled_missing_column_names_what_the_file_has(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("sentence,stance\nThey will pay.,hostile\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        read_labelled(path)
    msg = str(err.value)
    assert "text" in msg and "label" in msg
    assert "sentence" in msg and "stance" in msg


# --- training and cross-validation ---------------------------------------------------------

def test_report_has_per_class_rows_with_precision_recall_f1_support(model):
    rep = model.report
    assert list(rep.columns) == ["precision", "recall", "f1", "support"]
    assert list(rep.index) == LABELS + ["accuracy", "macro avg", "weighted avg"]
    assert rep.loc[LABELS, "support"].tolist() == [27, 27, 27]
    per_class = rep.loc[LABELS, ["precision", "recall", "f1"]].to_numpy()
    assert ((per_class >= 0) & (per_class <= 1)).all()
    assert rep.loc["accuracy", "support"] == 81


def test_cross_validated_accuracy_is_well_above_chance(model):
    # chance is 1/3 for three balanced labels; measured 0.73 on this fixture with 5 folds
    assert model.cv_folds == 5
    assert model.report.loc["accuracy", "f1"] > 0.55
    assert model.report.loc["macro avg", "f1"] > 0.55


def test_confusion_matrix_labels_and_totals(model):
    conf = model.confusion
    assert list(conf.index) == LABELS and list(conf.columns) == LABELS
    assert conf.to_numpy().sum() == 81
    assert conf.sum(axis=1).tolist() == [27, 27, 27]
    # diagonal agrees with the report's recall
    recall = np.diag(conf.to_numpy()) / conf.sum(axis=1).to_numpy()
    assert np.allclose(recall, model.report.loc[LABELS, "recall"].to_numpy())


def test_held_out_sentences_are_mostly_right(model):
    pred = model.predict([t for t, _ in HELD_OUT])
    gold = [g for _, g in HELD_OUT]
    accuracy = float((pred["label"].to_numpy() == np.array(gold)).mean())
    assert accuracy >= 0.75, pred.assign(gold=gold)


@pytest.mark.parametrize("text", [
    "The resistance vowed that the occupiers will be crushed if they strike our positions again.",
    "Iranian television called the Zionist entity a regime of murderers that will be removed.",
    "The American enemy was warned that its bases would burn.",
])
def test_clearly_hostile_unseen_sentence_leans_hostile(model, text):
    row = model.predict([text]).iloc[0]
    assert row["p_hostile"] > row["p_conciliatory"]


def test_probabilities_sum_to_one_and_are_deterministic(labelled, model):
    texts = [t for t, _ in HELD_OUT]
    first = model.predict(texts)
    cols = [f"p_{lab}" for lab in LABELS]
    assert list(first.columns) == ["text", "label"] + cols
    assert np.allclose(first[cols].sum(axis=1), 1.0)
    assert ((first[cols] >= 0) & (first[cols] <= 1)).all().all()
    again = train_stance_model(labelled).predict(texts)
    pd.testing.assert_frame_equal(first, again)


def test_predict_accepts_a_string_a_series_and_nothing(model):
    one = model.predict("They will pay a heavy price.")
    assert len(one) == 1 and one["text"].iloc[0] == "They will pay a heavy price."
    series = model.predict(pd.Series(["Talks were held.", None], index=[10, 20]))
    assert series["text"].tolist() == ["Talks were held.", ""]
    assert list(series.index) == [0, 1]
    empty = model.predict([])
    assert empty.empty and list(empty.columns) == list(one.columns)


def test_top_terms_per_label_sorted_by_weight(model):
    top = model.top_terms(5)
    assert list(top.columns) == ["label", "term", "weight", "rank"]
    assert top.groupby("label").size().to_dict() == {lab: 5 for lab in LABELS}
    for _, grp in top.groupby("label"):
        assert grp["weight"].is_monotonic_decreasing
        assert grp["rank"].tolist() == [1, 2, 3, 4, 5]
    hostile_terms = set(model.top_terms(25).query("label == 'hostile'")["term"])
    assert hostile_terms & {"will", "warned", "occupation", "vowed", "threatened", "our"}


def test_stop_words_are_kept_as_features(model):
    vocab = set(model.base_pipeline.named_steps["tfidf"].get_feature_names_out())
    assert {"not", "our", "we", "no"} <= vocab


def test_free_string_labels_and_binary_case():
    df = _tiny({"threat": 4, "other": 4})
    m = train_stance_model(df, cv=3)
    assert m.labels == ["other", "threat"]
    pred = m.predict(["sentence threat number 9 about threat"])
    assert list(pred.columns) == ["text", "label", "p_other", "p_threat"]
    assert pred["label"].iloc[0] == "threat"
    top = m.top_terms(3)
    assert top.groupby("label").size().to_dict() == {"other": 3, "threat": 3}
    assert top.query("label == 'threat'")["term"].iloc[0] == "threat"


def test_cv_folds_shrink_to_smallest_class():
    m = train_stance_model(_tiny({"a": 3, "b": 6, "c": 6}), cv=5)
    assert m.cv_folds == 3
    assert m.report.loc["a", "support"] == 3
    m2 = train_stance_model(_tiny({"a": 2, "b": 2}), cv=10)
    assert m2.cv_folds == 2


def test_custom_column_names():
    df = _tiny({"x": 3, "y": 3}).rename(columns={"text": "sentence", "label": "stance"})
    m = train_stance_model(df, text_col="sentence", label_col="stance")
    assert m.n_train == 6 and m.labels == ["x", "y"]


# --- clear errors ---------------------------------------------------------------------------

def test_one_class_is_a_clear_error():
    with pytest.raises(ValueError, match="at least two different labels.*'hostile'"):
        train_stance_model(_tiny({"hostile": 5}))


def test_no_labelled_rows_is_a_clear_error():
    df = pd.DataFrame({"text": ["a b", "c d"], "label": ["", None]})
    with pytest.raises(ValueError, match="no labelled rows"):
        train_stance_model(df)


def test_too_few_examples_names_the_label():
    with pytest.raises(ValueError, match=r"at least 2 .*'neutral' \(1\)"):
        train_stance_model(_tiny({"hostile": 4, "neutral": 1, "conciliatory": 4}))


def test_missing_columns_names_the_columns_it_has():
    df = pd.DataFrame({"sentence": ["x"], "stance": ["hostile"]})
    with pytest.raises(ValueError, match=r"\['text', 'label'\].*\['sentence', 'stance'\]"):
        train_stance_model(df)


def test_cv_below_two_is_an_error():
    with pytest.raises(ValueError, match="cv must be at least 2"):
        train_stance_model(_tiny({"a": 3, "b": 3}), cv=1)


# --- the labelling sheet ---------------------------------------------------------------------

@pytest.fixture
def sentences() -> pd.DataFrame:
    texts = [f"Sentence number {i} about the border." for i in range(30)]
    texts[5] = texts[4].upper()  # a duplicate up to case
    texts[7] = "   "  # empty
    return pd.DataFrame({
        "doc_id": ["b"] * 15 + ["a"] * 15,
        "sent_id": list(range(15)) * 2,
        "start": 0, "end": 1,
        "text": texts,
        "speaker": "author",
    })


def test_labelling_sheet_is_reproducible_and_in_template_columns(sentences):
    sheet = labelling_sheet(sentences, n=10, random_state=3)
    assert list(sheet.columns) == SHEET_COLUMNS
    assert len(sheet) == 10
    assert (sheet["label"] == "").all() and (sheet["target"] == "").all()
    pd.testing.assert_frame_equal(sheet, labelling_sheet(sentences, n=10, random_state=3))
    assert sheet[["doc_id", "sent_id"]].apply(tuple, axis=1).is_monotonic_increasing
    other = labelling_sheet(sentences, n=10, random_state=4)
    assert set(other["text"]) != set(sheet["text"])


def test_labelling_sheet_drops_duplicates_and_empty_text(sentences):
    sheet = labelling_sheet(sentences, n=500)
    assert len(sheet) == 28  # 30 minus one duplicate and one empty sentence
    assert sheet["text"].str.lower().is_unique


def test_labelling_sheet_round_trips_through_read_labelled(sentences, tmp_path):
    sheet = labelling_sheet(sentences, n=6)
    sheet.loc[[0, 1, 2], "label"] = "neutral"
    path = tmp_path / "to_label.csv"
    sheet.to_csv(path, index=False, encoding="utf-8")
    back = read_labelled(path)
    assert len(back) == 3 and back.attrs["n_unlabelled"] == 3
    assert back["text"].tolist() == sheet["text"].iloc[:3].tolist()


def test_labelling_sheet_needs_text():
    with pytest.raises(ValueError, match="'text'.*'sentence'"):
        labelling_sheet(pd.DataFrame({"sentence": ["x"]}))
