"""Trends: how escalation, naming choices and framing move by period, by source and by voice.

Pure functions: the tables of :func:`helpers.analyze` in, DataFrames out (plus ``plot_*``
functions that turn those DataFrames into matplotlib Figures). Every number is a count of
rows that :func:`evidence_table` lists with their ``doc_id``, ``sent_id`` and text, so any
point of a chart can be traced back to the sentences behind it (:func:`evidence_for`).

Groups
------
* ``period``: the document's publication date (``documents.date``) bucketed by day, ISO week
  ("2024-W27") or month ("2024-07"); :func:`choose_period` picks the bucket from the corpus'
  span. Documents without a date are left out of period trends (their ids are in
  ``result.attrs["undated"]`` and a sentence in ``result.attrs["note"]``). Empty periods
  between the first and the last are kept as rows with zero documents, so gaps show.
* ``source``: ``documents.source`` (``"unknown"`` when empty).
* ``voice``: whose words a sentence carries (``sentences.speaker``: ``author`` or the quoted
  actor); an event or trigger takes the voice of its sentence (joined on doc_id, sent_id).
* ``paragraph`` / ``sentence``: inside one document (:func:`document_arc`).

The measures of :func:`escalation_index`, in steps
--------------------------------------------------
1. ``threats``: sentences (each counted once) that carry a threat: a CAMEO root-13 event
   (THREATEN) that is not negated, an attack (roots 18-20) with modality ``future`` ("will
   strike"), or any trigger row. Hypothetical attacks are *not* threats: "if Israel attacks
   Lebanon" is the condition of a threat, and "Israel could attack" is speculation.
2. ``attacks``: event rows with root 18, 19 or 20 and modality ``asserted`` (negated,
   future and hypothetical attacks are left out; they are counted in ``negated_attacks``
   and ``threats``). Rows, not sentences: "Israel struck Hodeidah after the Houthi drone hit
   Tel Aviv" is two attacks.
3. ``deescalations``: asserted event rows with root 08 (YIELD: truce, halt, suspension).
4. ``conditional_threats``, ``ultimatums``, ``retaliations``: sentences with a trigger of
   that kind (each sentence once).
5. ``mean_goldstein``: the mean Goldstein value (-10 .. +10) of asserted events.
6. ``hostile_share``: hostile sentences (``sentences.stance`` below HOSTILE_THRESHOLD) over
   all sentences of the group; a sentence with no stance evidence (None/NaN) is not hostile.
7. ``markers_<side>``: rhetoric-marker hits (:func:`find_markers`) per side, also as a rate
   per 1,000 words (``markers_<side>_per_1k``).
8. ``escalation_index`` in 0..1, from five components each in 0..1::

       conflict     = (10 - mean_goldstein) / 20        (NO_EVENT_CONFLICT when no asserted event)
       threat       = threats / n_sentences
       attack       = min(1, attacks / n_sentences)
       hostile      = hostile_share
       deescalation = min(1, deescalations / n_sentences)
       index = clip((Wc*conflict + Wt*threat + Wa*attack + Wh*hostile - Wd*deescalation)
                    / (Wc + Wt + Wa + Wh), 0, 1)

   with the weights in ``INDEX_WEIGHTS`` (all 1: no component has been shown to matter more).
   Each component is a column (``component_conflict`` ...), so the index can be recomputed
   by hand from its row.

Lexicon read: ``helpers/lexicons/rhetoric_markers.csv`` (marker forms, side, category,
denotes), compiled once into one regular expression (re-read when the file changes).

>>> choose_period(["2024-07-01", "2024-07-03"])
'day'
>>> choose_period(["2023-10-19", "2024-07-22"])
'month'
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from .clean import word_count
from .lexicon import lexicon_path, phrase_pattern, read_lexicon, split_values

# --------------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------------

#: The buckets a period trend can use, finest first.
PERIODS = ("day", "week", "month")
#: Up to three weeks of news, daily points: each day still has a few documents in a typical
#: crawl, and a weekly bucket would leave two or three points only.
DAY_MAX_SPAN_DAYS = 21
#: Up to about four months, weekly points (at most ~17); beyond that a weekly line is mostly
#: noise with a handful of documents per week, so months are used.
WEEK_MAX_SPAN_DAYS = 120
#: Sentence stance (-1 .. +1) below which a sentence counts as hostile. -0.3 leaves out
#: sentences whose only cue is a mildly negative word, and keeps threats, condemnation and
#: pejorative naming (helpers.stance scores those at -0.4 and below).
HOSTILE_THRESHOLD = -0.3
#: CAMEO roots counted as attacks: 18 ASSAULT, 19 FIGHT, 20 USE UNCONVENTIONAL MASS VIOLENCE.
ATTACK_ROOTS = ("18", "19", "20")
#: CAMEO root 13 THREATEN.
THREAT_ROOT = "13"
#: CAMEO root 08 YIELD (truce, ceasefire, halting or suspending operations).
DEESCALATION_ROOT = "08"
#: Attack modalities that make an attack a threat ("we will strike"); see the module docstring.
THREAT_ATTACK_MODALITIES = ("future",)
#: The ends of the Goldstein scale (CAMEO codebook; shared/reference/cameo_codes.csv).
GOLDSTEIN_MIN, GOLDSTEIN_MAX = -10.0, 10.0
#: The conflict component when a group has no asserted event: the scale's midpoint, since
#: nothing was reported that leans to cooperation or conflict.
NO_EVENT_CONFLICT = 0.5
#: Weights of the escalation index components. All 1: no validation has yet shown that one
#: component tracks escalation better than another, so none is favoured. Change them here
#: (or pass ``weights=``) and the index is recomputed; the components are columns either way.
INDEX_WEIGHTS = {"conflict": 1.0, "threat": 1.0, "attack": 1.0, "hostile": 1.0, "deescalation": 1.0}
#: Rates are per this many words.
PER_WORDS = 1000
#: The sides of the rhetoric-marker lexicon, in the order columns and legends use.
SIDES = ("axis", "western_israeli", "neutral")
#: Mentions found this way are not naming choices (a pronoun or "the group" taking an actor).
NOT_NAMING = ("coref", "unresolved")
#: The default marker lexicon.
MARKER_LEXICON = "rhetoric_markers"

MARKER_COLUMNS = ["doc_id", "sent_id", "marker", "surface", "start", "end", "side",
                  "category", "denotes", "speaker"]
EVIDENCE_COLUMNS = ["measure", "doc_id", "sent_id", "value", "detail"]
COUNT_MEASURES = ["threats", "attacks", "negated_attacks", "deescalations",
                  "conditional_threats", "ultimatums", "retaliations"]
TIMELINE_COLUMNS = ["start", "end", "date", "date_precision", "modality", "cameo_code",
                    "cameo_root", "goldstein", "source_actor", "target_actor", "doc_id",
                    "sent_id", "text"]
NAMING_COLUMNS = ["source", "voice", "actor", "surface", "n", "pejorative", "share_of_actor",
                  "pejorative_share"]
#: Which evidence rows stand behind each column of escalation_index (for evidence_for).
MEASURE_EVIDENCE = {
    **{m: [m] for m in COUNT_MEASURES},
    "threats_per_1k": ["threats"], "attacks_per_1k": ["attacks"],
    "mean_goldstein": ["goldstein"], "n_asserted_events": ["goldstein"],
    "hostile_sentences": ["hostile"], "hostile_share": ["hostile"],
    **{f"markers_{s}": [f"markers_{s}"] for s in SIDES},
    **{f"markers_{s}_per_1k": [f"markers_{s}"] for s in SIDES},
    "component_conflict": ["goldstein"], "component_threat": ["threats"],
    "component_attack": ["attacks"], "component_hostile": ["hostile"],
    "component_deescalation": ["deescalations"],
    "escalation_index": ["goldstein", "threats", "attacks", "hostile", "deescalations"],
}


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------

def _table(tables, name: str) -> pd.DataFrame:
    """One table from an Analysis, a dict of DataFrames or anything indexable by name;
    an empty frame with the design's columns when it is missing."""
    from .pipeline import TABLE_COLUMNS
    try:
        df = tables[name]
    except (KeyError, AttributeError, TypeError):
        df = None
    if df is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TABLE_COLUMNS[name]})
    return df


def _norm_root(value) -> str:
    """A CAMEO root as a two-digit string ("18"); "" when missing.

    >>> [_norm_root(v) for v in (18, "8", "08", 8.0, None, "")]
    ['18', '08', '08', '08', '', '']
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    s = str(value).strip()
    if not s or s.lower() == "nan":
        return ""
    try:
        return f"{int(float(s)):02d}"
    except ValueError:
        return s


def _roots(events: pd.DataFrame) -> pd.Series:
    """Two-digit roots of an events table (from cameo_code when cameo_root is empty)."""
    if events.empty:
        return pd.Series([], dtype=object, index=events.index)
    root = events["cameo_root"].map(_norm_root) if "cameo_root" in events else pd.Series("", index=events.index)
    if "cameo_code" in events:
        code = events["cameo_code"].fillna("").astype(str).str.strip().str[:2]
        root = root.where(root != "", code)
    return root


def _parse_dates(values) -> pd.Series:
    """ISO dates (strings, dates or Timestamps) as Timestamps; NaT when missing or bad."""
    s = pd.Series(values, dtype=object).map(lambda v: str(v)[:10] if v is not None and str(v).strip() else "")
    return pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")


# --------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------

def choose_period(dates, period: str | None = None) -> str:
    """The period bucket for a corpus: ``period`` if given, else from the span of ``dates``.

    Span up to DAY_MAX_SPAN_DAYS → "day", up to WEEK_MAX_SPAN_DAYS → "week", else "month".
    Missing or unparseable dates are ignored; with no date at all, "month".

    >>> choose_period(["2024-06-01", "2024-07-01"]), choose_period([], None)
    ('week', 'month')
    >>> choose_period(["2024-06-01"], "month")
    'month'
    """
    if period is not None:
        if period not in PERIODS:
            raise ValueError(f"period must be one of {', '.join(PERIODS)}; got {period!r}")
        return period
    ts = _parse_dates(list(dates)).dropna()
    if ts.empty:
        return "month"
    span = (ts.max() - ts.min()).days
    if span <= DAY_MAX_SPAN_DAYS:
        return "day"
    if span <= WEEK_MAX_SPAN_DAYS:
        return "week"
    return "month"


def period_labels(dates, period: str) -> pd.Series:
    """Period label of each date: "2024-07-01" (day), "2024-W27" (ISO week), "2024-07"
    (month); missing for a missing date.

    >>> period_labels(["2024-07-01", "2024-12-30", None], "week").tolist()
    ['2024-W27', '2025-W01', nan]
    """
    ts = _parse_dates(list(dates))
    out = pd.Series(np.nan, index=ts.index, dtype=object)
    ok = ts.notna()
    if period == "day":
        out[ok] = ts[ok].dt.strftime("%Y-%m-%d")
    elif period == "week":
        iso = ts[ok].dt.isocalendar()
        out[ok] = [f"{int(y)}-W{int(w):02d}" for y, w in zip(iso["year"], iso["week"])]
    elif period == "month":
        out[ok] = ts[ok].dt.strftime("%Y-%m")
    else:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}; got {period!r}")
    return out


def period_start(label: str, period: str) -> pd.Timestamp:
    """First day of a period label.

    >>> str(period_start("2024-W27", "week").date()), str(period_start("2024-07", "month").date())
    ('2024-07-01', '2024-07-01')
    """
    if period == "week":
        y, w = label.split("-W")
        return pd.Timestamp(dt.date.fromisocalendar(int(y), int(w), 1))
    if period == "month":
        return pd.Timestamp(f"{label}-01")
    return pd.Timestamp(label)


def all_periods(first: str, last: str, period: str) -> list[str]:
    """Every period label from ``first`` to ``last`` inclusive (to show gaps).

    >>> all_periods("2023-11", "2024-02", "month")
    ['2023-11', '2023-12', '2024-01', '2024-02']
    """
    a, b = period_start(first, period), period_start(last, period)
    step = {"day": "D", "week": "7D", "month": "MS"}[period]
    return period_labels(pd.date_range(a, b, freq=step), period).tolist()


# --------------------------------------------------------------------------------------------
# Rhetoric markers
# --------------------------------------------------------------------------------------------

def _marker_key(surface: str) -> str:
    """Lookup key of a marker form or match: lower case without spaces, hyphens, quotes.

    >>> _marker_key("Iran-backed"), _marker_key("so-called 'resistance'")
    ('iranbacked', 'socalledresistance')
    """
    return re.sub(r"[\s\-'\u2019\u2018\"]+", "", surface.lower())


@lru_cache(maxsize=8)
def _marker_index(path: str, mtime: float):
    """(compiled pattern, key → row dict, rows) for a marker lexicon; cached per file version."""
    lex = read_lexicon(path)
    rows, index, forms = [], {}, []
    for rec in lex.to_dict("records"):
        values = split_values(rec.get("marker", ""))
        if not values:
            continue
        row = {"marker": values[0], "side": rec.get("side", "") or "neutral",
               "category": rec.get("category", ""), "denotes": rec.get("denotes", "")}
        rows.append((row, values))
        for v in values:
            index.setdefault(_marker_key(v), row)  # first row wins on a duplicate form
            forms.append(v)
    return phrase_pattern(forms), index, rows


def marker_lexicon(lexicon=MARKER_LEXICON):
    """The compiled marker lexicon: ``(pattern, index, rows)``; re-read when the file changes."""
    path = lexicon_path(lexicon)
    return _marker_index(str(path), path.stat().st_mtime)


def _marker_row(surface: str, index: dict, rows: list) -> dict | None:
    row = index.get(_marker_key(surface))
    if row is not None:
        return row
    for row, values in rows:  # rare: a surface whose key differs from its form's key
        if phrase_pattern(values).fullmatch(surface):
            return row
    return None


def find_markers(sentences: pd.DataFrame, lexicon=MARKER_LEXICON) -> pd.DataFrame:
    """Every rhetoric-marker hit in a sentences table, one row per hit.

    Columns: doc_id, sent_id, marker (the row's first form), surface (as written), start,
    end (offsets into the cleaned document text: the sentence's start plus the offset in the
    sentence), side, category, denotes, speaker. One regex scans each sentence once; at each
    position the longest form wins ("Zionist regime", not "regime").

    >>> s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [10], "end": [70],
    ...     "text": ["The Zionist regime and Iran-backed militias traded fire."], "speaker": ["author"]})
    >>> find_markers(s)[["marker", "surface", "start", "side"]].values.tolist()
    [['Zionist regime', 'Zionist regime', 14, 'axis'], ['Iran-backed', 'Iran-backed', 33, 'western_israeli'], ['militia', 'militias', 45, 'western_israeli']]
    """
    pattern, index, rows = marker_lexicon(lexicon)
    out = []
    if sentences is not None and len(sentences):
        cols = sentences.columns
        speakers = sentences["speaker"] if "speaker" in cols else pd.Series("author", index=sentences.index)
        starts = sentences["start"] if "start" in cols else pd.Series(0, index=sentences.index)
        for doc_id, sent_id, base, text, speaker in zip(sentences["doc_id"], sentences["sent_id"],
                                                        starts, sentences["text"], speakers):
            if not isinstance(text, str) or not text:
                continue
            base = int(base) if pd.notna(base) else 0
            for m in pattern.finditer(text):
                row = _marker_row(m.group(0), index, rows)
                if row is None:
                    continue
                out.append((doc_id, sent_id, row["marker"], m.group(0), base + m.start(),
                            base + m.end(), row["side"], row["category"], row["denotes"],
                            speaker if isinstance(speaker, str) and speaker else "author"))
    df = pd.DataFrame(out, columns=MARKER_COLUMNS)
    if len(df):
        df = df.sort_values(["doc_id", "start", "end"], kind="mergesort").reset_index(drop=True)
    return df


# --------------------------------------------------------------------------------------------
# Sentences with their groups, and the evidence table
# --------------------------------------------------------------------------------------------

def sentence_frame(analysis, period: str | None = None) -> pd.DataFrame:
    """One row per sentence with its groups: doc_id, sent_id, text, voice, source, date,
    period, paragraph, stance, n_words. ``period`` is chosen from the documents' dates when
    not given (``attrs["period"]`` says which)."""
    docs = _table(analysis, "documents")
    sents = _table(analysis, "sentences")
    period = choose_period(docs.get("date", []), period)
    d = pd.DataFrame({
        "doc_id": docs["doc_id"].astype(str) if len(docs) else pd.Series(dtype=object),
        "date": _parse_dates(docs["date"].tolist() if "date" in docs else [None] * len(docs)).values,
        "source": docs["source"].fillna("").astype(str).str.strip().replace("", "unknown").values
        if "source" in docs else "unknown",
    })
    d["period"] = period_labels(d["date"], period).values
    s = pd.DataFrame({
        "doc_id": sents["doc_id"].astype(str),
        "sent_id": pd.to_numeric(sents["sent_id"], errors="coerce").astype("Int64"),
        "start": sents.get("start", 0),
        "text": sents["text"].fillna("").astype(str),
        "voice": (sents["speaker"] if "speaker" in sents else pd.Series("author", index=sents.index))
        .fillna("").astype(str).str.strip().replace("", "author"),
        "paragraph": sents.get("paragraph", 0),
        "stance": pd.to_numeric(sents["stance"], errors="coerce") if "stance" in sents else np.nan,
    })
    s["n_words"] = [word_count(t) for t in s["text"]]
    out = s.merge(d, on="doc_id", how="left")
    out["source"] = out["source"].fillna("unknown")
    out = out.sort_values(["doc_id", "sent_id"], kind="mergesort").reset_index(drop=True)
    out.attrs["period"] = period
    return out


def _with_groups(rows: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Attach the group columns of each row's sentence (joined on doc_id, sent_id)."""
    keys = frame[["doc_id", "sent_id", "text", "voice", "source", "date", "period", "paragraph"]]
    return rows.merge(keys, on=["doc_id", "sent_id"], how="left")


def evidence_table(analysis, period: str | None = None, lexicon=MARKER_LEXICON) -> pd.DataFrame:
    """Every counted item behind :func:`escalation_index`, one row each.

    Columns: measure, doc_id, sent_id, value, detail, then the sentence's text and groups
    (voice, source, date, period, paragraph). Measures: threats, attacks, negated_attacks,
    deescalations, conditional_threats, ultimatums, retaliations (value 1 each), goldstein
    (value = the asserted event's Goldstein score), hostile (value = the sentence stance),
    markers_<side> (value 1, detail = the marker).
    """
    frame = sentence_frame(analysis, period)
    events = _table(analysis, "events").copy()
    triggers = _table(analysis, "triggers").copy()
    parts = []

    def add(measure, df, value, detail):
        if len(df):
            parts.append(pd.DataFrame({"measure": measure, "doc_id": df["doc_id"].astype(str).values,
                                       "sent_id": pd.to_numeric(df["sent_id"]).astype("Int64").values,
                                       "value": value, "detail": detail}))

    if len(events):
        events["_root"] = _roots(events)
        events["_mod"] = events["modality"].fillna("").astype(str).str.strip().str.lower()
        events["_gold"] = pd.to_numeric(events["goldstein"], errors="coerce")
        code = events["cameo_code"].fillna("").astype(str) if "cameo_code" in events else events["_root"]
        events["_detail"] = ("event " + code + " " + events["_mod"] + ": "
                             + events["source_actor"].fillna("").astype(str) + " -> "
                             + events["target_actor"].fillna("").astype(str))
        attack = events["_root"].isin(ATTACK_ROOTS)
        asserted = events["_mod"] == "asserted"
        a = events[attack & asserted]
        add("attacks", a, 1.0, a["_detail"].values)
        n = events[attack & (events["_mod"] == "negated")]
        add("negated_attacks", n, 1.0, n["_detail"].values)
        y = events[(events["_root"] == DEESCALATION_ROOT) & asserted]
        add("deescalations", y, 1.0, y["_detail"].values)
        g = events[asserted & events["_gold"].notna()]
        add("goldstein", g, g["_gold"].values, g["_detail"].values)
        threat_events = events[((events["_root"] == THREAT_ROOT) & (events["_mod"] != "negated"))
                               | (attack & events["_mod"].isin(THREAT_ATTACK_MODALITIES))]
    else:
        threat_events = events
    threat_parts = []
    if len(threat_events):
        threat_parts.append(pd.DataFrame({"doc_id": threat_events["doc_id"].astype(str).values,
                                          "sent_id": threat_events["sent_id"].values,
                                          "why": threat_events["_detail"].values}))
    if len(triggers):
        kinds = triggers["kind"].fillna("").astype(str).str.strip()
        threat_parts.append(pd.DataFrame({"doc_id": triggers["doc_id"].astype(str).values,
                                          "sent_id": triggers["sent_id"].values,
                                          "why": ("trigger " + kinds).values}))
        for kind, measure in (("conditional_threat", "conditional_threats"),
                              ("ultimatum", "ultimatums"), ("retaliation", "retaliations")):
            t = triggers[kinds == kind].drop_duplicates(["doc_id", "sent_id"])
            add(measure, t, 1.0, ("trigger " + kind + ": " + t["condition"].fillna("").astype(str)).values
                if "condition" in t else "trigger " + kind)
    if threat_parts:
        tp = pd.concat(threat_parts, ignore_index=True)
        tp["sent_id"] = pd.to_numeric(tp["sent_id"]).astype("Int64")
        tp = (tp.groupby(["doc_id", "sent_id"], sort=True)["why"]
              .agg(lambda w: "; ".join(sorted(set(w)))).reset_index())
        add("threats", tp, 1.0, tp["why"].values)
    hostile = frame[frame["stance"] < HOSTILE_THRESHOLD]
    add("hostile", hostile, hostile["stance"].values, "stance < " + str(HOSTILE_THRESHOLD))
    markers = find_markers(_table(analysis, "sentences"), lexicon)
    for side in SIDES:
        m = markers[markers["side"] == side]
        add(f"markers_{side}", m, 1.0, m["marker"].values)
    if parts:
        ev = pd.concat(parts, ignore_index=True)
    else:
        ev = pd.DataFrame({c: pd.Series(dtype=object) for c in EVIDENCE_COLUMNS})
        ev["sent_id"] = ev["sent_id"].astype("Int64")
    ev = _with_groups(ev, frame)
    ev = ev.sort_values(["measure", "doc_id", "sent_id"], kind="mergesort").reset_index(drop=True)
    ev.attrs["period"] = frame.attrs["period"]
    return ev


# --------------------------------------------------------------------------------------------
# Aggregation
# --------------------------------------------------------------------------------------------

def _by_columns(by) -> list[str]:
    cols = [by] if isinstance(by, str) else list(by)
    allowed = {"period", "source", "voice", "paragraph", "sent_id", "doc_id"}
    bad = [c for c in cols if c not in allowed]
    if bad or not cols:
        raise ValueError(f"by must be period, source, voice (or a list of them); got {by!r}")
    return cols


def _aggregate(frame: pd.DataFrame, ev: pd.DataFrame, cols: list[str], weights: dict) -> pd.DataFrame:
    """Counts and the index per group (the groups present in ``frame``)."""
    base = frame.groupby(cols, sort=True, dropna=False).agg(
        n_documents=("doc_id", "nunique"), n_sentences=("sent_id", "size"),
        n_words=("n_words", "sum"))
    out = base.copy()
    counts = ev.groupby(cols + ["measure"], sort=True, dropna=False).size().unstack("measure")
    for m in COUNT_MEASURES + ["hostile"] + [f"markers_{s}" for s in SIDES]:
        out[m] = counts[m].reindex(out.index).fillna(0).astype(int) if m in counts else 0
    gold = ev[ev["measure"] == "goldstein"].groupby(cols, sort=True, dropna=False)["value"]
    out["n_asserted_events"] = gold.size().reindex(out.index).fillna(0).astype(int)
    out["mean_goldstein"] = gold.mean().reindex(out.index).astype(float)
    out = out.rename(columns={"hostile": "hostile_sentences"})
    n_s = out["n_sentences"].astype(float)
    per = out["n_words"].astype(float).where(out["n_words"] > 0) / PER_WORDS
    out["hostile_share"] = out["hostile_sentences"] / n_s
    out["threats_per_1k"] = out["threats"] / per
    out["attacks_per_1k"] = out["attacks"] / per
    for s in SIDES:
        out[f"markers_{s}_per_1k"] = out[f"markers_{s}"] / per
    span = GOLDSTEIN_MAX - GOLDSTEIN_MIN
    out["component_conflict"] = ((GOLDSTEIN_MAX - out["mean_goldstein"]) / span).fillna(NO_EVENT_CONFLICT)
    out["component_threat"] = out["threats"] / n_s
    out["component_attack"] = (out["attacks"] / n_s).clip(upper=1)
    out["component_hostile"] = out["hostile_share"]
    out["component_deescalation"] = (out["deescalations"] / n_s).clip(upper=1)
    w = {**INDEX_WEIGHTS, **(weights or {})}
    pos = w["conflict"] + w["threat"] + w["attack"] + w["hostile"]
    raw = (w["conflict"] * out["component_conflict"] + w["threat"] * out["component_threat"]
           + w["attack"] * out["component_attack"] + w["hostile"] * out["component_hostile"]
           - w["deescalation"] * out["component_deescalation"]) / pos
    out["escalation_index"] = raw.clip(lower=0, upper=1)
    return out.reset_index()


def escalation_index(analysis, by="period", period: str | None = None, fill_gaps: bool = True,
                     weights: dict | None = None, lexicon=MARKER_LEXICON) -> pd.DataFrame:
    """Escalation measures per group (see the module docstring for every column's formula).

    ``by``: "period", "source", "voice" or a list such as ``["period", "source"]``.
    ``period``: "day", "week" or "month" (chosen from the corpus' span when None).
    ``fill_gaps``: with ``by="period"``, keep empty periods between the first and last as
    rows with zero documents (and NaN rates), so a chart shows the gap.
    Undated documents are left out when grouping by period: ``attrs["undated"]`` lists them,
    ``attrs["note"]`` says so in a sentence. ``attrs["period"]`` is the bucket used.

    >>> import helpers.trends as tr
    >>> docs = pd.DataFrame({"doc_id": ["a"], "date": ["2024-07-01"], "source": ["X"]})
    >>> sents = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "start": [0, 20],
    ...     "text": ["Militias fired rockets.", "Calm returned."], "speaker": ["author"] * 2,
    ...     "paragraph": [0, 0], "stance": [-0.5, None]})
    >>> ev = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "cameo_code": ["190"],
    ...     "cameo_root": ["19"], "goldstein": [-10.0], "modality": ["asserted"],
    ...     "source_actor": ["iraqi_militias"], "target_actor": [""]})
    >>> t = escalation_index({"documents": docs, "sentences": sents, "events": ev})
    >>> t[["period", "attacks", "hostile_share", "escalation_index"]].values.tolist()
    [['2024-07-01', 1, 0.5, 0.5]]
    """
    cols = _by_columns(by)
    frame = sentence_frame(analysis, period)
    period = frame.attrs["period"]
    ev = evidence_table(analysis, period, lexicon)
    undated: list[str] = []
    if "period" in cols:
        docs = _table(analysis, "documents")
        dated = set(frame.loc[frame["period"].notna(), "doc_id"])
        undated = sorted(set(docs["doc_id"].astype(str)) - dated)
        frame = frame[frame["period"].notna()]
        ev = ev[ev["period"].notna()]
    out = _aggregate(frame, ev, cols, weights)
    if "period" in cols and fill_gaps and cols == ["period"] and len(out):
        labels = all_periods(out["period"].min(), out["period"].max(), period)
        out = out.set_index("period").reindex(labels).rename_axis("period").reset_index()
        for c in ["n_documents", "n_sentences", "n_words", "n_asserted_events", "hostile_sentences"] \
                + COUNT_MEASURES + [f"markers_{s}" for s in SIDES]:
            out[c] = out[c].fillna(0).astype(int)
    if "period" in cols:
        out.insert(cols.index("period") + 1, "period_start",
                   [period_start(p, period) for p in out["period"]])
    out.attrs["period"] = period
    out.attrs["undated"] = undated
    out.attrs["note"] = (f"{len(undated)} undated document(s) left out of the period trend: "
                         + ", ".join(undated)) if undated else ""
    return out


def evidence_for(analysis, group_value, measure: str, by="period", period: str | None = None,
                 lexicon=MARKER_LEXICON) -> pd.DataFrame:
    """The rows behind one number of :func:`escalation_index`: doc_id, sent_id, text,
    measure, value, detail.

    ``group_value`` is the group's value ("2024-07", "Northgate Ledger", "irna"; a tuple for
    ``by=["period", "source"]``); ``measure`` a column of escalation_index ("attacks",
    "threats_per_1k", "mean_goldstein", "markers_axis_per_1k", "escalation_index" ...) or an
    evidence measure ("goldstein", "hostile"); "n_sentences" / "n_words" list the group's
    sentences.
    """
    cols = _by_columns(by)
    values = group_value if isinstance(group_value, tuple) else (group_value,)
    if len(values) != len(cols):
        raise ValueError(f"group_value needs {len(cols)} value(s) for by={by!r}")
    if measure in ("n_sentences", "n_words", "n_documents"):
        rows = sentence_frame(analysis, period)
        rows = rows.assign(measure=measure, value=rows["n_words"], detail="")
    else:
        wanted = MEASURE_EVIDENCE.get(measure, [measure])
        ev = evidence_table(analysis, period, lexicon)
        known = set(ev["measure"]) | {m for ms in MEASURE_EVIDENCE.values() for m in ms}
        if not set(wanted) & known:
            raise ValueError(f"unknown measure {measure!r}")
        rows = ev[ev["measure"].isin(wanted)]
    mask = pd.Series(True, index=rows.index)
    for c, v in zip(cols, values):
        mask &= rows[c].astype(str) == str(v)
    out = rows.loc[mask, ["doc_id", "sent_id", "text", "measure", "value", "detail"]]
    return out.sort_values(["doc_id", "sent_id", "measure"], kind="mergesort").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Timeline of reported events, and the arc of one document
# --------------------------------------------------------------------------------------------

def _side_bounds(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of one ISO date, ISO week ("2024-W27"), month or year.

    >>> [str(x.date()) for x in _side_bounds("2024-02")]
    ['2024-02-01', '2024-02-29']
    """
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        d = pd.Timestamp(text)
        return d, d
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", text):
        a = pd.Timestamp(dt.date.fromisocalendar(int(m[1]), int(m[2]), 1))
        return a, a + pd.Timedelta(days=6)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        a = pd.Timestamp(f"{text}-01")
        return a, a + pd.offsets.MonthEnd(0)
    if re.fullmatch(r"\d{4}", text):
        return pd.Timestamp(f"{text}-01-01"), pd.Timestamp(f"{text}-12-31")
    return pd.NaT, pd.NaT


def date_bounds(date, precision) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day an event date can mean.

    day → that day; week (its Monday, or "2024-W27") → Monday..Sunday; month "YYYY-MM" → first
    and last day; range "a/b" → start of a, end of b (".." = open: NaT); unknown → NaT, NaT.

    >>> [str(x.date()) for x in date_bounds("2024-07-01", "week")]
    ['2024-07-01', '2024-07-07']
    >>> [str(x.date()) for x in date_bounds("2024-02/2024-04", "range")]
    ['2024-02-01', '2024-04-30']
    >>> date_bounds("", "unknown")
    (NaT, NaT)
    """
    text = "" if date is None or (isinstance(date, float) and math.isnan(date)) else str(date).strip()
    precision = str(precision or "").strip().lower()
    if not text or precision == "unknown":
        return pd.NaT, pd.NaT
    if "/" in text:
        a, b = (p.strip() for p in text.split("/", 1))
        start = _side_bounds(a)[0] if a and a != ".." else pd.NaT
        end = _side_bounds(b)[1] if b and b != ".." else pd.NaT
        return start, end
    if precision == "week" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        a = pd.Timestamp(text)
        a = a - pd.Timedelta(days=a.weekday())
        return a, a + pd.Timedelta(days=6)
    return _side_bounds(text)


def event_timeline(events: pd.DataFrame) -> pd.DataFrame:
    """The reported-event timeline: one row per event with a known date, by when the action
    happened (not when it was reported), so one article yields a history.

    Columns: start, end (Timestamps; equal for a day; see :func:`date_bounds`), date,
    date_precision, modality, cameo_code, cameo_root, goldstein, source_actor, target_actor,
    doc_id, sent_id, text; sorted by start. Events with an unknown or unreadable date are
    left out (their number is ``attrs["excluded"]``).

    >>> ev = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [1, 2], "date": ["2024-04", ""],
    ...     "date_precision": ["month", "unknown"], "cameo_root": ["19", "13"]})
    >>> t = event_timeline(ev)
    >>> [str(t.start[0].date()), str(t.end[0].date()), t.attrs["excluded"]]
    ['2024-04-01', '2024-04-30', 1]
    """
    events = events if events is not None else pd.DataFrame()
    df = events.copy()
    for c in TIMELINE_COLUMNS[2:]:
        if c not in df:
            df[c] = np.nan if c == "goldstein" else ""
    bounds = [date_bounds(d, p) for d, p in zip(df["date"], df["date_precision"])]
    df["start"] = pd.to_datetime(pd.Series([b[0] for b in bounds], index=df.index, dtype="datetime64[ns]"))
    df["end"] = pd.to_datetime(pd.Series([b[1] for b in bounds], index=df.index, dtype="datetime64[ns]"))
    df["cameo_root"] = _roots(df) if len(df) else df["cameo_root"]
    df["goldstein"] = pd.to_numeric(df["goldstein"], errors="coerce")
    keep = df["start"].notna() | df["end"].notna()
    out = df.loc[keep, TIMELINE_COLUMNS].copy()
    out["start"] = out["start"].fillna(out["end"])
    out = out.sort_values(["start", "end", "doc_id", "sent_id"], kind="mergesort").reset_index(drop=True)
    out.attrs["excluded"] = int((~keep).sum())
    return out


def document_arc(analysis, doc_id: str, unit: str = "paragraph", weights: dict | None = None,
                 lexicon=MARKER_LEXICON) -> pd.DataFrame:
    """The escalation measures of one document by paragraph (or by sentence with
    ``unit="sentence"``): the arc of the article. Columns: the unit, first_sent_id,
    last_sent_id, then the columns of :func:`escalation_index`."""
    if unit not in ("paragraph", "sentence"):
        raise ValueError("unit must be 'paragraph' or 'sentence'")
    frame = sentence_frame(analysis)
    frame = frame[frame["doc_id"] == str(doc_id)]
    if frame.empty:
        raise KeyError(f"no sentences for document {doc_id!r}")
    ev = evidence_table(analysis, frame.attrs.get("period"), lexicon)
    ev = ev[ev["doc_id"] == str(doc_id)]
    col = "paragraph" if unit == "paragraph" else "sent_id"
    if col == "sent_id":
        frame = frame.assign(_unit=frame["sent_id"])
        ev = ev.assign(_unit=ev["sent_id"])
    else:
        frame = frame.assign(_unit=frame["paragraph"])
        ev = ev.assign(_unit=ev["paragraph"])
    out = _aggregate(frame, ev, ["_unit"], weights).rename(columns={"_unit": unit})
    span = frame.groupby("_unit")["sent_id"].agg(["min", "max"])
    out.insert(1, "first_sent_id", span["min"].reindex(out[unit]).values)
    out.insert(2, "last_sent_id", span["max"].reindex(out[unit]).values)
    out.insert(0, "doc_id", str(doc_id))
    return out


# --------------------------------------------------------------------------------------------
# Naming choices and distinctive terms
# --------------------------------------------------------------------------------------------

def naming_choices(analysis) -> pd.DataFrame:
    """Which names each source and each voice uses for each actor.

    From the mentions table joined to its sentence's speaker (voice) and its document's
    source. Pronoun and "the group" mentions (via coref) and unresolved names are left out:
    they are not naming choices. Surfaces are grouped case-insensitively and shown in their
    most frequent spelling.

    Columns: source, voice, actor, surface, n (mentions), pejorative (the surface is flagged
    pejorative), share_of_actor (n over all mentions of the actor by that voice in that
    source), pejorative_share (share of those mentions that are pejorative); sorted by
    source, voice, actor, then most used first. Sum ``n`` over ``source`` (or ``voice``) for
    one of the two views.
    """
    mentions = _table(analysis, "mentions")
    if mentions.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in NAMING_COLUMNS})
    frame = sentence_frame(analysis, "month")[["doc_id", "sent_id", "voice", "source"]]
    m = mentions.copy()
    m["doc_id"] = m["doc_id"].astype(str)
    m["sent_id"] = pd.to_numeric(m["sent_id"], errors="coerce").astype("Int64")
    m["actor"] = m["actor"].fillna("").astype(str)
    m = m[m["actor"] != ""]
    if "via" in m:
        m = m[~m["via"].fillna("").astype(str).isin(NOT_NAMING)]
    m["pejorative"] = m["pejorative"].map(lambda v: str(v).strip().lower() in ("true", "1", "yes"))
    m = m.merge(frame, on=["doc_id", "sent_id"], how="left")
    m["voice"] = m["voice"].fillna("author")
    m["source"] = m["source"].fillna("unknown")
    m["surface"] = m["surface"].fillna("").astype(str).str.split().str.join(" ")
    m["_key"] = m["surface"].str.lower()
    keys = ["source", "voice", "actor"]
    spelling = (m.groupby(keys + ["_key", "surface"]).size().reset_index(name="k")
                .sort_values(keys + ["_key", "k", "surface"], ascending=[True] * 4 + [False, True])
                .drop_duplicates(keys + ["_key"]))
    g = m.groupby(keys + ["_key"]).agg(n=("surface", "size"), pejorative=("pejorative", "any"),
                                        _pej=("pejorative", "sum")).reset_index()
    g = g.merge(spelling[keys + ["_key", "surface"]], on=keys + ["_key"])
    tot = g.groupby(keys)["n"].transform("sum")
    g["share_of_actor"] = g["n"] / tot
    g["pejorative_share"] = g.groupby(keys)["_pej"].transform("sum") / tot
    g = g.sort_values(keys + ["n", "surface"], ascending=[True, True, True, False, True], kind="mergesort")
    return g[NAMING_COLUMNS].reset_index(drop=True)


def distinctive_terms_by(analysis, by: str = "period", n: int = 10, period: str | None = None,
                         **options) -> pd.DataFrame:
    """Each group's most distinctive terms (``helpers.keyness.distinctive_terms`` over the
    sentences, grouped by period, source or voice). Undated documents are left out when
    ``by="period"``. ``options`` go to ``distinctive_terms`` (ngram_range, min_df, stop_words)."""
    from .keyness import distinctive_terms
    col = _by_columns(by)
    if len(col) != 1:
        raise ValueError("distinctive_terms_by takes one grouping")
    frame = sentence_frame(analysis, period)
    frame = frame[frame[col[0]].notna()]
    return distinctive_terms(frame["text"].tolist(), frame[col[0]].astype(str).tolist(), n=n, **options)


def rising_falling_by_period(analysis, n: int = 10, period: str | None = None, **options) -> pd.DataFrame:
    """Terms rising or falling from the first to the second half of the periods
    (``helpers.keyness.rising_falling_terms`` over dated sentences)."""
    from .keyness import rising_falling_terms
    frame = sentence_frame(analysis, period)
    frame = frame[frame["period"].notna()]
    return rising_falling_terms(frame["text"].tolist(), frame["period"].tolist(), n=n, **options)


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------

#: Colours of the marker sides (and of the index line), colour-blind safe (Okabe-Ito).
SIDE_COLOURS = {"axis": "#D55E00", "western_israeli": "#0072B2", "neutral": "#999999"}
INDEX_COLOUR = "#000000"
#: Matplotlib markers of the event modalities on the timeline.
MODALITY_MARKERS = {"asserted": "o", "future": "^", "hypothetical": "s", "negated": "x"}
#: Events with the same Goldstein score are drawn this far apart (toward zero), so that
#: overlapping ranges at -10 stay visible; small against the scale's 20 points.
TIMELINE_STACK_STEP = 0.35
# Stacked markers cycle through this many levels, so a marker never strays more than
# (TIMELINE_STACK_LEVELS - 1) * TIMELINE_STACK_STEP (1.05) from its Goldstein value.
TIMELINE_STACK_LEVELS = 4


def _empty_axes(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def _line(ax, x, y, **kw) -> None:
    """Points always; a connecting line only where two or more points exist."""
    y = np.asarray(y, dtype=float)
    n = int(np.isfinite(y).sum())
    ax.plot(x, y, marker="o", linestyle="-" if n > 1 else "none", **kw)


def plot_escalation_trend(trend: pd.DataFrame, x: str = "period", title: str | None = None):
    """The escalation index (top) and marker rates per 1,000 words by side (bottom) over
    the groups of ``escalation_index(...)`` (periods labelled on the x axis)."""
    import matplotlib.pyplot as plt

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 6), sharex=True)
    if trend is None or trend.empty:
        _empty_axes(top, "no dated documents")
        _empty_axes(bottom, "no dated documents")
        return fig
    labels = trend[x].astype(str).tolist()
    pos = np.arange(len(labels))
    _line(top, pos, trend["escalation_index"], color=INDEX_COLOUR, label="escalation index")
    top.set_ylim(0, 1)
    top.set_ylabel("escalation index (0-1)")
    top.set_title(title or f"Escalation by {trend.attrs.get('period', x)}")
    for side in SIDES:
        col = f"markers_{side}_per_1k"
        if col in trend:
            _line(bottom, pos, trend[col], color=SIDE_COLOURS[side], label=side.replace("_", "/"))
    bottom.set_ylabel("markers per 1,000 words")
    bottom.legend(loc="upper left", fontsize="small", frameon=False)
    bottom.set_xticks(pos)
    bottom.set_xticklabels(labels, rotation=45, ha="right")
    bottom.set_xlim(-0.5, len(pos) - 0.5)
    if trend.attrs.get("note"):
        fig.text(0.01, 0.005, trend.attrs["note"], fontsize="x-small", color="#555555")
    fig.tight_layout()
    return fig


def plot_trend_by_source(trend: pd.DataFrame, measure: str = "escalation_index", by: str = "source"):
    """Small multiples: one panel per source (or voice) of ``escalation_index(by=["period",
    "source"])``, the same period axis and y scale in every panel; the line breaks where a
    source published nothing in a period."""
    import matplotlib.pyplot as plt

    if trend is None or trend.empty:
        fig, ax = plt.subplots(figsize=(6, 3))
        _empty_axes(ax, "no dated documents")
        return fig
    groups = sorted(trend[by].astype(str).unique())
    periods = sorted(trend["period"].astype(str).unique())
    where = {p: i for i, p in enumerate(periods)}
    fig, axes = plt.subplots(len(groups), 1, figsize=(9, 2.2 * len(groups) + 0.8), sharex=True,
                             sharey=True, squeeze=False)
    top = float(np.nanmax(trend[measure].astype(float))) if trend[measure].notna().any() else 1.0
    for ax, g in zip(axes[:, 0], groups):
        part = trend[trend[by].astype(str) == g]
        # every period on the axis; a period without a document of this source is a gap
        y = part.set_index(part["period"].astype(str))[measure].astype(float).reindex(periods)
        _line(ax, [where[p] for p in periods], y.values, color=INDEX_COLOUR)
        ax.set_title(g, fontsize="medium", loc="left")
        ax.set_ylim(0, 1 if measure == "escalation_index" else max(top * 1.1, 1e-9))
        ax.set_ylabel(measure.replace("_", " "), fontsize="small")
    last = axes[-1, 0]
    last.set_xticks(range(len(periods)))
    last.set_xticklabels(periods, rotation=45, ha="right")
    last.set_xlim(-0.5, len(periods) - 0.5)
    fig.tight_layout()
    return fig


def plot_event_timeline(timeline: pd.DataFrame, title: str = "Reported events by when they happened"):
    """Timeline scatter: x = the date the action happened, y = its Goldstein score, marker
    by modality; events dated to a week, month or range are drawn as horizontal segments
    from their first to their last possible day (starting at the marker). Events with the
    same score are stacked TIMELINE_STACK_STEP apart toward zero (cycling through
    TIMELINE_STACK_LEVELS levels, so no marker strays more than about one point from its
    value) so few hide another."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 4))
    if timeline is None or timeline.empty:
        _empty_axes(ax, "no dated events")
        return fig
    t = timeline.copy()
    t["goldstein"] = pd.to_numeric(t["goldstein"], errors="coerce").fillna(0.0)
    t["end"] = t["end"].fillna(t["start"])
    rank = t.groupby("goldstein").cumcount()
    t["y"] = (t["goldstein"] - np.where(t["goldstein"] > 0, 1, -1) * TIMELINE_STACK_STEP
              * (rank % TIMELINE_STACK_LEVELS))
    for modality, part in t.groupby(t["modality"].fillna("").astype(str)):
        marker = MODALITY_MARKERS.get(modality, "D")
        spans = part[part["end"] > part["start"]]
        if len(spans):
            ax.hlines(spans["y"], spans["start"], spans["end"], color="#777777", linewidth=2)
        ax.scatter(part["start"], part["y"], marker=marker, label=modality or "?",
                   color="#D55E00" if modality == "asserted" else "#0072B2", zorder=3)
    ax.axhline(0, color="#CCCCCC", linewidth=0.8, zorder=0)
    ax.set_ylim(-10.5, 10.5)
    ax.set_ylabel("Goldstein score (-10 conflict .. +10 cooperation)")
    lo, hi = t["start"].min(), t["end"].max()
    pad = max((hi - lo) * 0.05, pd.Timedelta(days=2))
    ax.set_xlim(lo - pad, hi + pad)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.legend(title="modality", fontsize="small", frameon=False, loc="center left",
              bbox_to_anchor=(1.0, 0.5))
    ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_document_arc(arc: pd.DataFrame, unit: str | None = None):
    """The escalation index through one document (by paragraph or sentence)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3))
    if arc is None or arc.empty:
        _empty_axes(ax, "no sentences")
        return fig
    unit = unit or ("paragraph" if "paragraph" in arc else "sentence")
    x = np.arange(len(arc))
    _line(ax, x, arc["escalation_index"], color=INDEX_COLOUR)
    ax.set_xticks(x)
    ax.set_xticklabels([str(v) for v in arc[unit]])
    ax.set_xlim(-0.5, len(x) - 0.5)
    ax.set_ylim(0, 1)
    ax.set_xlabel(unit)
    ax.set_ylabel("escalation index")
    ax.set_title(f"Arc of {arc['doc_id'].iloc[0]}" if "doc_id" in arc else "Document arc")
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------------------------
# Notebook conveniences: the corpus' shape, a window of it, readable views with sentences
# --------------------------------------------------------------------------------------------

#: A document with fewer paragraphs than this has its arc drawn sentence by sentence: two or
#: three paragraph points (a headline and one block of text) say nothing about an arc.
MIN_ARC_PARAGRAPHS = 4


def corpus_shape(analysis, period: str | None = None) -> pd.Series:
    """What kind of trend a corpus allows: counts of documents, dated documents, sources and
    periods, and three flags a notebook branches on.

    Fields: n_documents, n_dated, n_sources, period (the bucket, see :func:`choose_period`),
    n_periods (periods holding at least one document), first_date, last_date,
    multi_document, multi_period (a line over time needs two periods), multi_source (small
    multiples by source need two sources), note (one sentence saying so).

    >>> docs = pd.DataFrame({"doc_id": ["a"], "date": ["2024-07-01"], "source": [""]})
    >>> s = corpus_shape({"documents": docs})
    >>> s.n_documents, s.period, s.n_periods, bool(s.multi_period), s.n_sources
    (1, 'day', 1, False, 1)
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": ["2023-10-19", "2024-07-22", ""],
    ...                      "source": ["X", "Y", "X"]})
    >>> s = corpus_shape({"documents": docs})
    >>> s.n_dated, s.period, s.n_periods, bool(s.multi_period), bool(s.multi_source)
    (2, 'month', 2, True, True)
    """
    docs = _table(analysis, "documents")
    dates = _parse_dates(docs["date"].tolist() if "date" in docs else [None] * len(docs))
    period = choose_period(dates.dropna().dt.strftime("%Y-%m-%d").tolist(), period)
    labels = period_labels(dates, period).dropna()
    sources = (docs["source"].fillna("").astype(str).str.strip().replace("", "unknown")
               if "source" in docs else pd.Series(["unknown"] * len(docs)))
    n_docs, n_dated = len(docs), int(dates.notna().sum())
    n_periods, n_sources = int(labels.nunique()), int(sources.nunique())
    first = str(dates.min().date()) if n_dated else ""
    last = str(dates.max().date()) if n_dated else ""
    docs_word = f"{n_docs} document{'s' if n_docs != 1 else ''}"
    src_word = f"{n_sources} source{'s' if n_sources != 1 else ''}"
    if n_periods > 1:
        note = (f"{docs_word} from {src_word}, {first} to {last}: {n_periods} {period} periods "
                f"with documents.")
    elif n_dated:
        note = (f"{docs_word} from {src_word}, all in one {period} ({labels.iloc[0]}): a trend over "
                "time has a single point, so the time shown is the time inside the text (the "
                "events it reports and its arc).")
    else:
        note = f"{docs_word}, none dated: no trend over time is possible."
    if n_dated < n_docs:
        note += f" {n_docs - n_dated} undated document(s) are left out of the period trends."
    return pd.Series({
        "n_documents": n_docs, "n_dated": n_dated, "n_sources": n_sources, "period": period,
        "n_periods": n_periods, "first_date": first, "last_date": last,
        "multi_document": n_docs > 1, "multi_period": n_periods > 1,
        "multi_source": n_sources > 1, "note": note,
    }, dtype=object)


def subset(analysis, start=None, end=None, sources=None):
    """The analysis restricted to the documents published from ``start`` to ``end``
    (inclusive ISO dates; None = open) and, when ``sources`` is a non-empty list, from those
    sources. Undated documents are kept only when no date bound is given (they cannot be
    placed in a window). Every table is filtered on doc_id; the result is an ``Analysis``.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "u"], "date": ["2024-01-05", "2024-03-01", ""],
    ...                      "source": ["X", "Y", "X"]})
    >>> ev = pd.DataFrame({"doc_id": ["a", "b", "u"], "sent_id": [0, 0, 0]})
    >>> sub = subset({"documents": docs, "events": ev}, start="2024-02-01")
    >>> sub.events.doc_id.tolist(), subset({"documents": docs, "events": ev}, sources=["X"]).events.doc_id.tolist()
    (['b'], ['a', 'u'])
    """
    from .pipeline import TABLES, Analysis
    names = [n for n in TABLES if n in analysis] if not isinstance(analysis, dict) else list(analysis)
    tables = {n: analysis[n] for n in names}
    docs = _table(tables, "documents")
    keep = pd.Series(True, index=docs.index)
    if start is not None or end is not None:
        dates = _parse_dates(docs["date"].tolist())
        dates.index = docs.index
        keep &= dates.notna()
        if start is not None:
            keep &= dates >= pd.Timestamp(str(start))
        if end is not None:
            keep &= dates <= pd.Timestamp(str(end))
    if sources:
        src = docs["source"].fillna("").astype(str).str.strip().replace("", "unknown")
        keep &= src.isin([str(s) for s in sources])
    ids = set(docs.loc[keep, "doc_id"].astype(str))
    out = {}
    for name, df in tables.items():
        if df is not None and "doc_id" in getattr(df, "columns", []):
            df = df[df["doc_id"].astype(str).isin(ids)].reset_index(drop=True)
        out[name] = df
    return Analysis(out)


def choose_arc_unit(analysis, doc_id: str, unit: str | None = None) -> str:
    """The unit of :func:`document_arc` for a document: ``unit`` if given, else "paragraph"
    when the document has at least MIN_ARC_PARAGRAPHS paragraphs, else "sentence".

    >>> sents = pd.DataFrame({"doc_id": ["d"] * 3, "sent_id": [0, 1, 2], "text": ["a", "b", "c"],
    ...                       "paragraph": [0, 1, 1]})
    >>> choose_arc_unit({"sentences": sents}, "d"), choose_arc_unit({"sentences": sents}, "d", "paragraph")
    ('sentence', 'paragraph')
    """
    if unit is not None:
        if unit not in ("paragraph", "sentence"):
            raise ValueError("unit must be 'paragraph' or 'sentence'")
        return unit
    sents = _table(analysis, "sentences")
    mine = sents[sents["doc_id"].astype(str) == str(doc_id)]
    n = mine["paragraph"].nunique() if "paragraph" in mine else 1
    return "paragraph" if n >= MIN_ARC_PARAGRAPHS else "sentence"


def marker_sentences(analysis, lexicon=MARKER_LEXICON) -> pd.DataFrame:
    """One row per sentence that carries a rhetoric marker (:func:`find_markers`), with the
    sentence to read: doc_id, sent_id, voice, source, date, axis / western_israeli / neutral
    (hits per side), markers ("Zionist regime (axis: pejorative_naming); ..." in text order),
    text. Sorted by document and sentence.

    >>> sents = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [0, 1], "start": [0, 40],
    ...     "text": ["The Zionist regime struck again.", "Nothing here."], "speaker": ["irna", "author"]})
    >>> marker_sentences({"sentences": sents})[["sent_id", "voice", "axis", "markers"]].values.tolist()
    [[0, 'irna', 1, 'Zionist regime (axis: pejorative_naming)']]
    """
    cols = ["doc_id", "sent_id", "voice", "source", "date", *SIDES, "markers", "text"]
    sents = _table(analysis, "sentences")
    hits = find_markers(sents, lexicon)
    if hits.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    frame = sentence_frame(analysis)
    hits = hits.assign(doc_id=hits["doc_id"].astype(str),
                       sent_id=pd.to_numeric(hits["sent_id"]).astype("Int64"),
                       _label=hits["surface"] + " (" + hits["side"] + ": " + hits["category"] + ")")
    per = hits.groupby(["doc_id", "sent_id"], sort=True).agg(markers=("_label", "; ".join))
    sides = hits.groupby(["doc_id", "sent_id", "side"]).size().unstack("side")
    for side in SIDES:
        per[side] = sides[side].reindex(per.index).fillna(0).astype(int) if side in sides else 0
    per = per.reset_index().merge(frame[["doc_id", "sent_id", "voice", "source", "date", "text"]],
                                  on=["doc_id", "sent_id"], how="left")
    per["date"] = per["date"].dt.strftime("%Y-%m-%d").fillna("")
    return per[cols].reset_index(drop=True)


def naming_summary(naming: pd.DataFrame, by: str = "voice", actors=None) -> pd.DataFrame:
    """The names each voice (or source) uses for each actor, one row per (by, actor), from
    :func:`naming_choices`: n (mentions), pejorative_share, names ("Zionist regime (2),
    Zionist entity (1)", most used first). ``actors``: keep only these actor ids.

    >>> nc = pd.DataFrame({"source": ["S", "S", "S"], "voice": ["irna", "irna", "author"],
    ...     "actor": ["israel"] * 3, "surface": ["Zionist regime", "Zionist entity", "Israel"],
    ...     "n": [2, 1, 11], "pejorative": [True, True, False]})
    >>> naming_summary(nc).values.tolist()
    [['author', 'israel', 11, 0.0, 'Israel (11)'], ['irna', 'israel', 3, 1.0, 'Zionist regime (2), Zionist entity (1)']]
    """
    if by not in ("voice", "source"):
        raise ValueError("by must be 'voice' or 'source'")
    cols = [by, "actor", "n", "pejorative_share", "names"]
    if naming is None or naming.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    m = naming if not actors else naming[naming["actor"].isin(list(actors))]
    if m.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    m = (m.groupby([by, "actor", "surface"], sort=True)
         .agg(n=("n", "sum"), pejorative=("pejorative", "any")).reset_index()
         .sort_values([by, "actor", "n", "surface"], ascending=[True, True, False, True], kind="mergesort"))
    m["_pej_n"] = m["n"].where(m["pejorative"], 0)
    m["_label"] = m["surface"] + " (" + m["n"].astype(str) + ")"
    out = m.groupby([by, "actor"], sort=True).agg(n=("n", "sum"), _pej=("_pej_n", "sum"),
                                                  names=("_label", ", ".join)).reset_index()
    out["pejorative_share"] = out["_pej"] / out["n"]
    out["n"] = out["n"].astype(int)
    return out[cols].reset_index(drop=True)


def index_arithmetic(row, weights: dict | None = None) -> str:
    """The escalation index of one row of :func:`escalation_index` recomputed from its counts,
    written out step by step (the formula of the module docstring with the row's numbers), so
    a reader can check it with a calculator.

    >>> row = {"mean_goldstein": -6.0, "threats": 1, "attacks": 2, "deescalations": 0,
    ...        "hostile_sentences": 1, "n_sentences": 4}
    >>> print(index_arithmetic(row))
    conflict     = (10 - mean_goldstein) / 20        = (10 - (-6.00)) / 20 = 0.800
    threat       = threats / n_sentences             = 1 / 4 = 0.250
    attack       = min(1, attacks / n_sentences)     = min(1, 2 / 4) = 0.500
    hostile      = hostile_sentences / n_sentences   = 1 / 4 = 0.250
    deescalation = min(1, deescalations / n_sentences) = min(1, 0 / 4) = 0.000
    index        = clip((1*0.800 + 1*0.250 + 1*0.500 + 1*0.250 - 1*0.000) / 4, 0, 1) = 0.450
    """
    get = row.get if isinstance(row, dict) else row.__getitem__
    w = {**INDEX_WEIGHTS, **(weights or {})}
    n = float(get("n_sentences"))
    g = get("mean_goldstein")
    t, a, h, d = (int(get(k)) for k in ("threats", "attacks", "hostile_sentences", "deescalations"))
    if g is None or (isinstance(g, float) and math.isnan(g)):
        conflict = NO_EVENT_CONFLICT
        c_line = f"= {NO_EVENT_CONFLICT} (no asserted event: the scale's midpoint)"
    else:
        conflict = (GOLDSTEIN_MAX - float(g)) / (GOLDSTEIN_MAX - GOLDSTEIN_MIN)
        c_line = f"= ({GOLDSTEIN_MAX:g} - ({float(g):.2f})) / {GOLDSTEIN_MAX - GOLDSTEIN_MIN:g} = {conflict:.3f}"
    if not n:
        return "no sentences: no index"
    nn = int(n)
    threat, attack = t / n, min(1.0, a / n)
    hostile, deesc = h / n, min(1.0, d / n)
    pos = w["conflict"] + w["threat"] + w["attack"] + w["hostile"]
    index = min(1.0, max(0.0, (w["conflict"] * conflict + w["threat"] * threat + w["attack"] * attack
                               + w["hostile"] * hostile - w["deescalation"] * deesc) / pos))
    fw = {k: f"{v:g}" for k, v in w.items()}
    return "\n".join([
        f"conflict     = (10 - mean_goldstein) / 20        {c_line}",
        f"threat       = threats / n_sentences             = {t} / {nn} = {threat:.3f}",
        f"attack       = min(1, attacks / n_sentences)     = min(1, {a} / {nn}) = {attack:.3f}",
        f"hostile      = hostile_sentences / n_sentences   = {h} / {nn} = {hostile:.3f}",
        f"deescalation = min(1, deescalations / n_sentences) = min(1, {d} / {nn}) = {deesc:.3f}",
        (f"index        = clip(({fw['conflict']}*{conflict:.3f} + {fw['threat']}*{threat:.3f} + "
         f"{fw['attack']}*{attack:.3f} + {fw['hostile']}*{hostile:.3f} - {fw['deescalation']}*{deesc:.3f})"
         f" / {pos:g}, 0, 1) = {index:.3f}"),
    ])


def term_sentences(analysis, term: str, period: str | None = None) -> pd.DataFrame:
    """The sentences that use a term of :func:`rising_falling_by_period` or
    :func:`distinctive_terms_by` (a word, or a bigram as keyness forms it: tokens of
    ``helpers.keyness.tokenize`` with English stop words removed, so "threat israel" matches
    "a threat to Israel"). Columns: doc_id, sent_id, period, source, voice, text.

    >>> sents = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [0, 1],
    ...     "text": ["A threat to Israel.", "Israel's threat."], "speaker": ["author", "author"]})
    >>> term_sentences({"sentences": sents}, "threat israel").sent_id.tolist()
    [0]
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from .keyness import tokenize
    frame = sentence_frame(analysis, period)
    wanted = " " + " ".join(tokenize(term)) + " "
    joined = [" " + " ".join(t for t in tokenize(s) if t not in ENGLISH_STOP_WORDS) + " "
              for s in frame["text"]]
    hit = [wanted.strip() != "" and wanted in j for j in joined]
    out = frame.loc[hit, ["doc_id", "sent_id", "period", "source", "voice", "text"]]
    return out.reset_index(drop=True)


def plot_marker_rates(table: pd.DataFrame, by: str = "voice", title: str | None = None):
    """Horizontal bars: rhetoric markers per 1,000 words of each side, one group of bars per
    row of ``escalation_index(by=...)`` (a voice, a source ...), largest groups (in words) at
    the top, each label with its number of sentences, since a rate over one sentence is
    unstable."""
    import matplotlib.pyplot as plt

    if table is None or table.empty:
        fig, ax = plt.subplots(figsize=(6, 2))
        _empty_axes(ax, "no sentences")
        return fig
    t = table.sort_values(["n_words", by], ascending=[True, False], kind="mergesort").reset_index(drop=True)
    sides = [s for s in SIDES if f"markers_{s}_per_1k" in t]
    y = np.arange(len(t))
    height = 0.8 / max(len(sides), 1)
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(t) + 1.6))
    for i, side in enumerate(sides):  # first side on top within each group, as in the legend
        ax.barh(y + ((len(sides) - 1) / 2 - i) * height, t[f"markers_{side}_per_1k"].fillna(0),
                height=height, color=SIDE_COLOURS[side], label=side.replace("_", "/"))
    ax.set_yticks(y)
    ax.set_yticklabels([f"{g} ({n} sent.)" for g, n in zip(t[by].astype(str), t["n_sentences"])],
                       fontsize="small")
    ax.set_xlabel("markers per 1,000 words")
    ax.set_title(title or f"Rhetoric markers by {by}")
    ax.set_ylim(-0.6, len(t) - 0.4)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", frameon=False)
    fig.tight_layout()
    return fig
