"""Tests for helpers.keyness: distinctive terms by group, rising and falling terms."""

import pandas as pd
import pytest

from helpers.keyness import (
    DISTINCTIVE_COLUMNS,
    RISING_FALLING_COLUMNS,
    distinctive_terms,
    rising_falling_terms,
    tokenize,
)

# Two "outlets" sharing most of their vocabulary; each has words only it uses.
IRANIAN_STATE = [
    "The Zionist regime will face a crushing response, the agency said.",
    "Resistance fighters warned the Zionist regime on Tuesday.",
    "The agency said the resistance axis is ready, and the Zionist regime will regret it.",
]
WESTERN = [
    "Officials said Iran-backed militias launched drones at the base on Tuesday.",
    "The Pentagon said Iran-backed militias were behind the attack.",
    "Officials warned that Iran-backed militias risk a wider war.",
]


def _two_outlets():
    texts = IRANIAN_STATE + WESTERN
    groups = ["irna"] * 3 + ["reuters_like"] * 3
    return texts, groups


# --- tokens -------------------------------------------------------------------------------------

def test_tokens_keep_internal_hyphens_and_apostrophes():
    toks = tokenize("Kata\u2019ib Hezbollah's men and Asa'ib Ahl al-Haq met in 2024, the U.S. said")
    assert "kata'ib" in toks and "asa'ib" in toks and "al-haq" in toks
    assert "hezbollah" in toks  # possessive dropped
    assert "2024" not in toks and "s" not in toks and "u" not in toks


# --- distinctive_terms ---------------------------------------------------------------------------

def test_term_only_in_one_group_ranks_top_for_that_group():
    texts, groups = _two_outlets()
    df = distinctive_terms(texts, groups, n=3, ngram_range=(1, 1))
    assert list(df.columns) == DISTINCTIVE_COLUMNS
    top = df[df["rank"] == 1].set_index("group")["term"].to_dict()
    assert top["irna"] in {"zionist", "regime"}
    assert top["reuters_like"] in {"iran-backed", "militias"}
    # shared words ("said", "tuesday", "warned") are never a group's top term
    assert not set(top.values()) & {"said", "tuesday", "warned"}


def test_unique_term_outranks_a_shared_term_of_equal_frequency():
    texts = ["drone strike", "calm strike", "truce strike"]
    df = distinctive_terms(texts, ["a", "b", "c"], n=5, ngram_range=(1, 1))
    for group, own in [("a", "drone"), ("b", "calm"), ("c", "truce")]:
        ranks = df[df["group"] == group].set_index("term")["rank"]
        assert ranks[own] == 1 and ranks["strike"] == 2


def test_frequent_shared_term_can_beat_a_rare_unique_one():
    # idf is a weight, not a filter: "strike" five times outranks "calm" once
    texts = ["strike strike strike strike strike calm", "strike truce"]
    df = distinctive_terms(texts, ["b", "c"], n=2, ngram_range=(1, 1))
    assert df[df["group"] == "b"]["term"].tolist() == ["strike", "calm"]


def test_output_is_deterministic_and_independent_of_row_order():
    texts, groups = _two_outlets()
    first = distinctive_terms(texts, groups, n=5)
    pd.testing.assert_frame_equal(first, distinctive_terms(texts, groups, n=5))
    shuffled = [5, 2, 0, 3, 1, 4]
    other = distinctive_terms([texts[i] for i in shuffled], [groups[i] for i in shuffled], n=5)
    # group documents change order internally, but counts (and so scores) do not
    pd.testing.assert_frame_equal(
        first.drop(columns="term").reset_index(drop=True),
        other.drop(columns="term").reset_index(drop=True),
    )
    assert sorted(first["term"]) == sorted(other["term"])


def test_ties_are_broken_alphabetically():
    df = distinctive_terms(["zulu yankee xray"], ["g"], n=3, ngram_range=(1, 1))
    assert df["term"].tolist() == ["xray", "yankee", "zulu"]
    assert df["rank"].tolist() == [1, 2, 3]


def test_one_group_gives_most_frequent_terms():
    texts = ["Rockets hit the base.", "More rockets hit the base.", "Rockets again."]
    df = distinctive_terms(texts, ["all"] * 3, n=3, ngram_range=(1, 1))
    assert df["term"].tolist() == ["rockets", "base", "hit"]
    assert df["n_docs_group"].tolist() == [3, 3, 3]
    assert df["score"].is_monotonic_decreasing


def test_bigrams_do_not_cross_text_boundaries():
    df = distinctive_terms(["alpha beta", "gamma delta"], ["g", "g"], n=50)
    assert "beta gamma" not in set(df["term"])
    assert {"alpha beta", "gamma delta"} <= set(df["term"])


def test_stop_words_removed_by_default_and_optional():
    texts = ["They will not stop"]
    assert "not" not in set(distinctive_terms(texts, ["g"])["term"])
    assert "not" in set(distinctive_terms(texts, ["g"], stop_words=None)["term"])


def test_n_docs_group_and_series_input_aligned_by_position():
    texts = pd.Series(["truce holds", "truce talks", "strike"], index=[7, 8, 9])
    groups = pd.Series(["x", "x", "y"], index=[0, 1, 2])
    df = distinctive_terms(texts, groups, n=1, ngram_range=(1, 1))
    got = df[["group", "term", "n_docs_group"]].values.tolist()
    assert got == [["x", "truce", 2], ["y", "strike", 1]]


def test_ordered_categorical_groups_keep_their_order():
    groups = pd.Categorical(["late", "early"], categories=["late", "early"], ordered=True)
    df = distinctive_terms(["missile", "truce"], groups, n=1)
    assert df["group"].tolist() == ["late", "early"]


@pytest.mark.parametrize("texts,groups", [
    ([], []),
    (pd.Series([], dtype=object), pd.Series([], dtype=object)),
    (["", "   ", None], ["a", "b", "c"]),
    (["the and of", "it is"], ["a", "b"]),  # only stop words
])
def test_empty_input_gives_empty_frame_with_columns(texts, groups):
    df = distinctive_terms(texts, groups)
    assert df.empty and list(df.columns) == DISTINCTIVE_COLUMNS


def test_mismatched_lengths_and_single_string_are_errors():
    with pytest.raises(ValueError, match="texts has 2 items but groups has 1"):
        distinctive_terms(["a b", "c d"], ["g"])
    with pytest.raises(TypeError):
        distinctive_terms("a single string", ["g"])


# --- rising_falling_terms ------------------------------------------------------------------------

WEEKS = [
    ("2024-W01", "Mediators praised the truce and urged calm."),
    ("2024-W01", "The truce held as talks continued."),
    ("2024-W02", "Talks on the truce resumed in Doha."),
    ("2024-W02", "The truce was extended, officials said."),
    ("2024-W03", "Drones struck the base and officials vowed retaliation."),
    ("2024-W03", "Retaliation followed a drone strike near the border."),
    ("2024-W04", "The group promised retaliation for the strike."),
    ("2024-W04", "Officials said retaliation was likely."),
]


def test_rising_and_falling_terms_between_halves():
    periods, texts = zip(*WEEKS, strict=True)
    df = rising_falling_terms(list(texts), list(periods), n=3)
    assert list(df.columns) == RISING_FALLING_COLUMNS
    rising = df[df["direction"] == "rising"]
    falling = df[df["direction"] == "falling"]
    assert rising["term"].iloc[0] == "retaliation"
    assert falling["term"].iloc[0] == "truce"
    assert (rising["change"] > 0).all() and (falling["change"] < 0).all()
    assert rising["change"].is_monotonic_decreasing and falling["change"].is_monotonic_increasing
    row = falling.iloc[0]
    assert row["share_before"] > 0 and row["share_after"] == 0
    assert row["count_before"] == 4 and row["count_after"] == 0
    assert row["change"] == pytest.approx(row["share_after"] - row["share_before"], abs=1e-6)


def test_rising_falling_is_deterministic_and_ignores_input_order():
    periods, texts = zip(*WEEKS, strict=True)
    first = rising_falling_terms(list(texts), list(periods), n=5)
    rev = rising_falling_terms(list(texts)[::-1], list(periods)[::-1], n=5)
    pd.testing.assert_frame_equal(first, rev)


def test_odd_number_of_periods_leaves_the_middle_out():
    texts = ["truce", "ceasefire", "strike"]
    df = rising_falling_terms(texts, [1, 2, 3], n=5)
    assert set(df["term"]) == {"truce", "strike"}  # period 2 is the middle one


def test_ordered_categorical_periods_follow_category_order():
    periods = pd.Categorical(["spring", "autumn"], categories=["spring", "autumn"], ordered=True)
    df = rising_falling_terms(["truce", "strike"], periods, n=1)
    assert df.set_index("direction")["term"].to_dict() == {"rising": "strike", "falling": "truce"}


def test_min_count_filters_rare_terms():
    periods, texts = zip(*WEEKS, strict=True)
    df = rising_falling_terms(list(texts), list(periods), n=50, min_count=3)
    assert (df["count_before"] + df["count_after"] >= 3).all()
    assert "doha" not in set(df["term"])


@pytest.mark.parametrize("texts,periods", [
    ([], []),
    (["only one period here", "still the same"], ["w1", "w1"]),
    (["", None], ["w1", "w2"]),
])
def test_rising_falling_empty_cases(texts, periods):
    df = rising_falling_terms(texts, periods)
    assert df.empty and list(df.columns) == RISING_FALLING_COLUMNS
