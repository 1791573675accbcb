"""Distinctive terms: which words set one group of texts apart, and which words rise or fall.

Two questions an analyst asks of a corpus split by speaker, outlet or period:

* *Which words are distinctive of each group?* (``distinctive_terms``) — e.g. what does
  Iranian state media say that Israeli outlets do not.
* *Which words are rising or falling over time?* (``rising_falling_terms``) — e.g. does
  "ceasefire" give way to "retaliation" in the later weeks.

Tokens (shared with ``helpers.model``): words of letters, at least two, lower-cased, with
internal hyphens or apostrophes kept inside the word ("al-Haq" → ``al-haq``, "Kata'ib" →
``kata'ib``); curly apostrophes are made straight and a possessive "'s" is dropped
("Hezbollah's" → ``hezbollah``). Numbers and single letters are not tokens.

``distinctive_terms`` in steps:

1. Align texts with their groups; drop empty texts.
2. Join each group's texts into one *group document* (a record separator between texts, so
   that no bigram spans two texts).
3. Fit scikit-learn's ``TfidfVectorizer`` over the group documents: a term's score in a group
   is its frequency there times its inverse *group* frequency (smoothed idf, rows l2-normed).
   A term used by every group gets the lowest idf; a term used by one group the highest.
4. Keep each group's ``n`` highest-scoring terms; ties go to the alphabetically first term.

With a single group the idf is flat (every term is in every group document), so the score
is just the term's (l2-normalised) frequency: the group's most frequent terms.

``rising_falling_terms`` in steps:

1. Order the distinct periods (their natural sort; an ordered Categorical keeps its order).
2. Split them into a *before* half (the first ``k // 2`` periods) and an *after* half (the
   last ``k // 2``); with an odd number of periods the middle one is left out, so both halves
   span the same number of periods.
3. Count every term in each half and divide by the half's total term count (its *share*).
4. ``change = share_after - share_before``; the ``n`` largest positive changes are "rising",
   the ``n`` largest negative ones "falling".

Halves rather than consecutive periods: with the handful of documents per week that a news
corpus usually has, consecutive-period changes are mostly noise, and a term that rises then
falls would be reported twice. Absolute share differences favour frequent terms, which is
what we want: a hapax moving from 0 to 1 barely registers.

No lexicon is read. English stop words are scikit-learn's list (removed *before* bigrams
are formed, so "threat to Israel" yields the bigram ``threat israel``).

>>> texts = ["We will strike the bases", "Strike again", "We welcome the truce", "Truce holds"]
>>> distinctive_terms(texts, ["A", "A", "B", "B"], n=1)[["group", "term"]].values.tolist()
[['A', 'strike'], ['B', 'truce']]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

#: A token: two or more letters, then any number of hyphen- or apostrophe-joined letter runs.
#: ``[^\W\d_]`` is "a Unicode letter", so Arabic or accented names are words too.
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}(?:['-][^\W\d_]+)*\b"

#: Joins a group's texts into one document; never a token character, so no n-gram crosses it.
RECORD_SEPARATOR = "\x1e"

DISTINCTIVE_COLUMNS = ["group", "term", "score", "rank", "n_docs_group"]
RISING_FALLING_COLUMNS = [
    "term", "direction", "change", "share_before", "share_after", "count_before", "count_after",
]

_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc\u0060\u00b4]")
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])'s\b")


def normalise_text(text: str) -> str:
    """Lower-case, straighten apostrophes, drop possessive ``'s`` (the vectorisers' preprocessor).

    >>> normalise_text("Hezbollah\u2019s KATA'IB Al-Haq")
    "hezbollah kata'ib al-haq"
    """
    text = _APOSTROPHES.sub("'", str(text).lower())
    return _POSSESSIVE.sub("", text)


def tokenize(text: str) -> list[str]:
    """The tokens this module (and ``helpers.model``) sees in a text.

    >>> tokenize("Kata'ib Hezbollah's al-Haq fired 3 rockets at U.S. bases")
    ["kata'ib", 'hezbollah', 'al-haq', 'fired', 'rockets', 'at', 'bases']
    """
    return re.findall(TOKEN_PATTERN, normalise_text(text))


def _as_list(values, name: str) -> list:
    if values is None:
        return []
    if isinstance(values, str):
        raise TypeError(f"{name} must be a list or Series of strings, not one string")
    return list(values)


def _aligned(texts, labels, label_name: str) -> pd.DataFrame:
    """Texts and their group/period labels as one frame; empty or missing texts dropped."""
    t = _as_list(texts, "texts")
    g = _as_list(labels, label_name)
    if len(t) != len(g):
        raise ValueError(f"texts has {len(t)} items but {label_name} has {len(g)}")
    # Categorical groups keep their categories (and order) through the frame.
    if isinstance(labels, (pd.Series, pd.Index, pd.Categorical, np.ndarray)):
        lab = pd.Series(labels).reset_index(drop=True)
    else:
        lab = pd.Series(g)
    df = pd.DataFrame({"text": pd.Series(t, dtype=object), "label": lab})
    df = df[df["label"].notna() & df["text"].notna()]
    df = df[df["text"].astype(str).str.strip() != ""]
    return df.reset_index(drop=True)


def _ordered_unique(labels: pd.Series) -> list:
    """Distinct labels in their natural order (Categorical order if ordered; else sorted)."""
    uniq = labels.drop_duplicates()
    try:
        return list(uniq.sort_values(kind="mergesort"))
    except TypeError:  # mixed types: fall back to their string form
        return sorted(uniq, key=str)


def _analyzer(ngram_range: tuple[int, int], stop_words):
    """A callable analyzer: the standard word analyzer applied to each record separately."""
    base = CountVectorizer(
        preprocessor=normalise_text,
        token_pattern=TOKEN_PATTERN,
        ngram_range=tuple(ngram_range),
        stop_words=stop_words,
    ).build_analyzer()

    def analyze(doc: str) -> list[str]:
        return [tok for part in doc.split(RECORD_SEPARATOR) for tok in base(part)]

    return analyze


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def distinctive_terms(
    texts,
    groups,
    n: int = 10,
    ngram_range: tuple[int, int] = (1, 2),
    min_df: float = 1,
    stop_words="english",
) -> pd.DataFrame:
    """Each group's ``n`` most distinctive terms by tf-idf over one document per group.

    ``texts`` and ``groups`` are aligned lists or Series. ``min_df`` counts *groups* (a term
    must be used by at least that many groups), as in scikit-learn. With one group the idf is
    flat, so the score is plain (l2-normalised) term frequency: the group's top terms.

    Returns columns group, term, score, rank (1 = most distinctive), n_docs_group (texts in
    the group), sorted by group then rank; an empty frame with those columns when there is
    no text or no term.

    >>> df = distinctive_terms(["Rockets hit the base", "Rockets again"], ["x", "x"], n=2)
    >>> df[["term", "rank", "n_docs_group"]].values.tolist()
    [['rockets', 1, 2], ['base', 2, 2]]
    >>> distinctive_terms([], []).columns.tolist()
    ['group', 'term', 'score', 'rank', 'n_docs_group']
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    df = _aligned(texts, groups, "groups")
    if df.empty:
        return _empty(DISTINCTIVE_COLUMNS)
    order = _ordered_unique(df["label"])
    docs = [RECORD_SEPARATOR.join(df.loc[df["label"] == g, "text"].astype(str)) for g in order]
    n_docs = [int((df["label"] == g).sum()) for g in order]
    vec = TfidfVectorizer(analyzer=_analyzer(ngram_range, stop_words), min_df=min_df)
    try:
        matrix = vec.fit_transform(docs).toarray()
    except ValueError:  # empty vocabulary: only stop words, numbers or punctuation
        return _empty(DISTINCTIVE_COLUMNS)
    terms = vec.get_feature_names_out()  # alphabetical, so a stable sort keeps ties A→Z
    rows = []
    for gi, group in enumerate(order):
        scores = matrix[gi]
        keep = np.flatnonzero(scores > 0)
        best = keep[np.argsort(-scores[keep], kind="stable")][:n]
        for rank, j in enumerate(best, start=1):
            rows.append((group, str(terms[j]), round(float(scores[j]), 6), rank, n_docs[gi]))
    if not rows:
        return _empty(DISTINCTIVE_COLUMNS)
    return pd.DataFrame(rows, columns=DISTINCTIVE_COLUMNS)


def rising_falling_terms(
    texts,
    periods,
    n: int = 10,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words="english",
    min_count: int = 1,
) -> pd.DataFrame:
    """Terms whose share of all tokens rises or falls most from the first to the second half
    of the ordered periods (the middle period is left out when their number is odd).

    ``periods`` are any sortable labels aligned with ``texts`` (dates, "2024-W27", ints, or an
    ordered Categorical). ``min_count`` is the least total count (both halves) for a term to
    be considered. Returns columns term, direction ("rising"/"falling"), change
    (share_after - share_before), share_before, share_after, count_before, count_after: the
    ``n`` rising terms (largest change first) then the ``n`` falling ones (most negative
    first), ties alphabetical. Empty (with those columns) for fewer than two periods.

    >>> texts = ["truce talks", "truce holds", "missile strike", "missile strike again"]
    >>> df = rising_falling_terms(texts, [1, 2, 3, 4], n=1)
    >>> df[["term", "direction"]].values.tolist()
    [['missile', 'rising'], ['truce', 'falling']]
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    df = _aligned(texts, periods, "periods")
    order = _ordered_unique(df["label"]) if not df.empty else []
    half = len(order) // 2
    if half == 0:
        return _empty(RISING_FALLING_COLUMNS)
    before, after = order[:half], order[-half:]
    halves = [
        RECORD_SEPARATOR.join(df.loc[df["label"].isin(part), "text"].astype(str))
        for part in (before, after)
    ]
    vec = CountVectorizer(analyzer=_analyzer(ngram_range, stop_words))
    try:
        counts = vec.fit_transform(halves).toarray()
    except ValueError:
        return _empty(RISING_FALLING_COLUMNS)
    totals = counts.sum(axis=1)
    if (totals == 0).any():  # one half has no token at all: shares are undefined
        return _empty(RISING_FALLING_COLUMNS)
    shares = counts / totals[:, None]
    table = pd.DataFrame({
        "term": vec.get_feature_names_out().astype(str),
        "change": shares[1] - shares[0],
        "share_before": shares[0],
        "share_after": shares[1],
        "count_before": counts[0],
        "count_after": counts[1],
    })
    table = table[table["count_before"] + table["count_after"] >= min_count]
    rising = table[table["change"] > 0].sort_values(
        ["change", "term"], ascending=[False, True], kind="mergesort").head(n)
    falling = table[table["change"] < 0].sort_values(
        ["change", "term"], ascending=[True, True], kind="mergesort").head(n)
    out = pd.concat(
        [rising.assign(direction="rising"), falling.assign(direction="falling")],
        ignore_index=True,
    )
    for col in ("change", "share_before", "share_after"):
        out[col] = out[col].astype(float).round(6)
    for col in ("count_before", "count_after"):
        out[col] = out[col].astype(int)
    return out[RISING_FALLING_COLUMNS]
