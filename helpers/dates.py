"""Resolve when a reported action happened, against the date of the document that reports it.

News rarely prints a full date. It says "on Monday", "last week", "in January", "since
October 7" or "between February and June", and the reader works out the calendar date from
the day the article appeared. This module does the same for the ``date`` and
``date_precision`` columns of the events table.

Steps:

1. ``find_date_expressions(text)`` scans a sentence once with ONE compiled regular expression
   (``DATE_PATTERN``), an ordered alternation of named forms: ranges ("between February and
   June", "from 2 to 5 March"), ISO and numeric dates, dates with a month name ("Jan. 28,
   2024", "28 January", "Monday, July 1"), month and year ("Sept 2023"), a month alone ("in
   early January"), weekdays ("last Tuesday", "Monday night"), relative words ("yesterday",
   "earlier this week", "over the past few days", "three days ago"), seasons ("since the
   spring") and years ("in 2023"). Alternatives are ordered longest first, so at each start
   the longest form wins (leftmost-longest for every form listed here). A cheap pre-check
   (``_may_hold_date``) skips sentences with no digit and no month, weekday or period word,
   and a guard at the head of the pattern skips word starts that no form can open.
   Month and weekday names must be capitalised; other words may be lower case, Capitalised
   or UPPER CASE. "May" and "March" (and abbreviations such as "Jan") count as months only
   with a day or year number, or after a cue word (in, since, early, late, mid, last, this,
   next, of, between, from, and, to, until, by...), so "militias march" and "they may
   strike" are not dates.
2. ``resolve_date(expression, doc_date)`` turns one expression into ``(iso, precision)``:

   ==========================================  ===============================  =========
   expression (document dated 2024-07-01)      iso                              precision
   ==========================================  ===============================  =========
   "on Monday" (latest Monday on/before doc)   2024-07-01                       day
   "last Monday" (latest strictly before doc)  2024-06-24                       day
   "yesterday" / "today"                       2024-06-30 / 2024-07-01          day
   "this week" / "last week" (ISO-week Monday) 2024-07-01 / 2024-06-24          week
   "in January" (latest January begun by doc)  2024-01                          month
   "October 7" (latest Oct 7 on/before doc)    2023-10-07                       day
   "Jan. 28, 2024", "28/01/2024", "2024-01-28" 2024-01-28                       day
   "over the past few days"                    2024-06-24/2024-07-01            range
   "since October 7"                           2023-10-07/2024-07-01            range
   "between February and June"                 2024-02/2024-06                  range
   "in 2023" / "last year"                     2023-01-01/2023-12-31            range
   "the spring" (meteorological, Mar-May)      2024-03-01/2024-05-31            range
   ==========================================  ===============================  =========

   Weeks are ISO weeks (Monday first) and are named by their Monday. A year is a range, not a
   precision of its own: the events table knows only day, week, month, range and unknown.
   Without a document date, relative forms give ``("", "unknown")``; explicit dates still
   resolve ("since 7 October 2023" then gives the open range ``2023-10-07/..``).
3. ``resolve_in_text(text, doc_date)`` finds every expression in a sentence, resolves each and
   keeps the most specific (day > week > month > range); ties go to the first.

Why relative forms are resolved by hand: a generic parser fills what the text leaves out from
a *default* date and moves forward in time, while news looks backward from the day of
publication. With python-dateutil 4.0 (the pinned version) and a default of 2024-01-02 (a Tuesday),
``parse("Monday")`` gives 2024-01-08 (the next Monday, in the future), ``parse("December 28")``
gives 2024-12-28 (the wrong year across the year boundary, where the article meant 2023-12-28),
and ``parse("2024-01-05", dayfirst=True)`` gives 2024-05-01 (an ISO date read day-first). So
dateutil is used only for explicit dates that carry their own year, with a fixed default and
``dayfirst`` set from the form (ISO dates go through ``isoparse``); weekdays, month-days
without a year, weeks, seasons and windows are computed here from the document date.

Reads one lexicon, ``named_dates.csv``: a day and month used as the name of one event
("since October 7" means 2023 in an article of 2025). Month, weekday and season names are the
fixed vocabulary of English dates, not a list analysts tune.

>>> find_date_expressions("Since October 7 the militias struck on Monday.")
[(0, 15, 'Since October 7'), (36, 45, 'on Monday')]
>>> resolve_in_text("Since October 7 the militias struck on Monday.", "2024-07-01")
('2024-07-01', 'day', 'on Monday')
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, datetime, timedelta
from typing import NamedTuple

from dateutil import parser as _du_parser

from .lexicon import cached, read_lexicon

__all__ = ["DATE_PATTERN", "PRECISIONS", "find_date_expressions", "resolve_date", "resolve_in_text"]

# The values of the events table's ``date_precision`` column, most specific first.
PRECISIONS = ("day", "week", "month", "range", "unknown")

# --------------------------------------------------------------------------------------------
# Vocabulary and named constants
# --------------------------------------------------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH_STEMS = tuple(m[:3] for m in MONTHS)
# Month number by the first three letters, which identify every month and abbreviation.
_MONTH_NUM = {m[:3].lower(): i for i, m in enumerate(MONTHS, start=1)}
# Meteorological seasons (northern hemisphere): whole months, so no equinox arithmetic, and
# the convention of weather services. Value: first month. Winter runs December to February.
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# How far back vague windows reach, in days: "the past few days" and "in recent days" cover a
# week (the span news uses for a run of incidents, and the brief's rule); weeks cover four
# weeks; months a quarter (91 days); years three years.
RECENT_DAYS = {"hour": 1, "day": 7, "week": 28, "month": 91, "year": 3 * 365}
# "a couple of" is two; other number words up to twelve cover what news spells out.
NUMBER_WORDS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve"))}
NUMBER_WORDS.update({"a": 1, "an": 1, "couple of": 2, "a couple of": 2})
# dateutil fills missing fields from this default; it is only called on strings that carry
# day, month and year, and the year is checked after parsing, so the default never leaks out.
_PARSE_DEFAULT = datetime(1900, 1, 1)
# Two-digit years ("28/01/24") below this pivot are 20xx, the rest 19xx (fixed, unlike
# dateutil's rule which depends on today's date).
TWO_DIGIT_YEAR_PIVOT = 70
# A month-day without a year ("February 29") is looked for at most this many years back
# (a leap day recurs within eight years).
MAX_YEARS_BACK = 8

# --------------------------------------------------------------------------------------------
# The one regular expression
# --------------------------------------------------------------------------------------------

def _trie_regex(words, cases: bool = False) -> str:
    """Regex source matching any of ``words``, as a character trie.

    Python's engine skips an alternative at once when its first item is a plain character that
    does not match, so a trie of plain characters is much faster than a case-insensitive
    alternation. With ``cases``, each word also matches in lower, Capitalised and UPPER case.

    >>> _trie_regex(["in", "into", "since"])
    '(?:in(?:to)?|since)'
    >>> bool(re.fullmatch(_trie_regex(["the"], cases=True), "The"))
    True
    """
    forms = set()
    for w in words:
        forms.update({w, w.lower(), w[:1].upper() + w[1:], w.upper()} if cases else {w})
    tree: dict = {}
    for form in forms:
        node = tree
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        kids = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        if "" in node:
            return f"(?:{body})?" if len(kids) == 1 else body + "?"
        return body

    out = emit(tree)
    return out if len(tree) > 1 else f"(?:{out})"  # several first letters: already one group


_WD = _trie_regex(WEEKDAYS) + r"(?!\w)"
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
_MONTH = _trie_regex(MONTHS + _MONTH_ABBR + tuple(a + "." for a in _MONTH_ABBR)) + r"(?!\w)"
# Full month names that are not also common English words: these may stand alone.
_SAFE_MONTH = _trie_regex(tuple(m for m in MONTHS if m not in ("March", "May"))) + r"(?!\w)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)(?!:\d)"
_YEAR = r"(?:19|20)\d\d(?!\w)(?![-/.]\d)"
_NUMW = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# Prefixes kept in the span; "since" turns the expression into a range up to the doc date.
_PFX = r"(?:(?i:since|in|on|during|throughout)\s+)"
_MOD = r"(?:(?i:early|late|mid)(?:-|\s+))"
# "on Monday, July 1" / "Monday 1 July 2024": the weekday is dropped, the date decides.
_WD_LEAD = rf"(?:(?:(?i:on|last|since)\s+)?{_WD},?\s+(?:the\s+)?)"
# Words after which "May", "March" or "Jan." alone are months (one space, fixed-width checks).
_CUE_BEHIND = "|".join(rf"(?<=(?i:\b{w}) )" for w in (
    "of", "in", "since", "between", "from", "and", "to", "until", "till", "by", "through",
    "before", "after", "during", "early", "late", "last", "this", "next", "mid"))
_CUE_AHEAD = r"(?=(?i:since|in|during|throughout|last|this|next|past|early|late|mid)[\s-])"
# A side of "between A and B" / "from A to B": a date, a month (any, the cue is "between"),
# a month and year, or a year.
_SIDE = (rf"(?:(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
         rf"|{_MONTH}(?:\s+{_DAY})?(?:,?\s+{_YEAR})?|{_YEAR})")
_RANGE_JOIN = r"(?:\s*[-\u2013\u2014]\s*|\s+(?i:and|to|until|till|through)\s+)"
_SEASON = r"(?:spring|summer|autumn|winter|(?P<sea_fall>fall))(?!\w)"

_ALTERNATIVES = [
    # "between February and June", "from 28 December to 3 January 2024", "between 2019 and 2021"
    ("rng", rf"(?i:between|from)\s+(?P<rng_a>{_SIDE}){_RANGE_JOIN}(?P<rng_b>{_SIDE})"),
    # "between 2 and 5 March", "2-5 March 2024"
    ("rdd", (rf"(?:(?P<rdd_pre>(?i:between|from))\s+)?(?:the\s+)?(?P<rdd_a>{_DAY})"
             rf"(?(rdd_pre){_RANGE_JOIN}|\s*[-\u2013]\s*)(?:the\s+)?"
             rf"(?P<rdd_b>{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)")),
    # "March 2-5, 2024", "between March 2 and 5"
    ("rmd", (rf"(?:(?P<rmd_pre>(?i:between|from))\s+)?(?P<rmd_m>{_MONTH})\s+(?P<rmd_a>{_DAY})"
             rf"(?(rmd_pre){_RANGE_JOIN}|\s*[-\u2013]\s*)(?P<rmd_b>{_DAY})"
             rf"(?:,?\s+(?P<rmd_y>{_YEAR}))?")),
    # 2024-01-28 (also the date part of 2024-01-28T10:00)
    ("iso", (rf"{_PFX}?(?P<iso_core>(?<![\w.-])(?:19|20)\d\d-(?:0[1-9]|1[0-2])"
             r"-(?:0[1-9]|[12]\d|3[01]))(?!\d)")),
    # 28/01/2024, 28/01/24, 28.01.2024, 28-01-2024
    ("num", (rf"{_PFX}?(?P<num_core>(?<![\w/.-])(?:\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d\d)"
             rf"|\d{{1,2}}(?P<num_sep>[.-])\d{{1,2}}(?P=num_sep)\d{{4}}))(?![\w/]|[.-]\d)")),
    # "28 January 2024", "the 28th of January", "on Monday, 1 July"
    ("dmy", (rf"{_PFX}?{_WD_LEAD}?(?:the\s+)?"
             rf"(?P<dmy_core>{_DAY}\s+(?:of\s+)?{_MONTH}(?P<dmy_y>,?\s+{_YEAR})?)")),
    # "Jan. 28, 2024", "October 7", "on Monday, July 1"
    ("mdy", rf"{_PFX}?{_WD_LEAD}?(?P<mdy_core>{_MONTH}\s+{_DAY}(?P<mdy_y>,?\s+{_YEAR})?)"),
    # "Sept 2023", "in early January 2024", "May of 2023"
    ("my", rf"{_PFX}?{_MOD}?(?P<my_core>{_MONTH},?\s+(?:of\s+)?{_YEAR})"),
    # "in January", "in early May", "last March", "mid-January"; a bare "January" only for
    # names that are no English word and not followed by a capitalised word ("August Pfluger")
    ("mon", (rf"(?:{_CUE_AHEAD}{_PFX}?(?:(?P<mon_rel>(?i:last|this|next|past))\s+)?{_MOD}?"
             rf"|(?={_SAFE_MONTH}(?!\s+[A-Z]))|{_CUE_BEHIND})(?P<mon_m>{_MONTH})")),
    # "on Monday", "last Tuesday", "Monday night", "late on Friday"
    ("wd", (rf"(?:(?i:since|on)\s+)?(?:(?P<wd_rel>(?i:last|this|next|past))\s+)?"
            rf"(?:(?i:early|late)\s+(?:(?i:on)\s+)?)?(?P<wd_d>{_WD})"
            r"(?!\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Tribune)\b)"
            r"(?:\s+(?i:morning|afternoon|evening|night))?")),
    # "yesterday", "this week", "earlier this month", "last year", "over the weekend"
    ("rel", (r"(?i:(?:since\s+)?(?:(?P<rel_dby>the\s+day\s+before\s+yesterday)"
             r"|(?P<rel_yest>yesterday|last\s+night)"
             r"|(?P<rel_today>today|tonight|this\s+(?:morning|afternoon|evening))"
             r"|(?P<rel_mod>earlier\s+this|this|last)\s+(?P<rel_unit>week|month|year)"
             r"|(?P<wkend_mod>over\s+the|at\s+the|on\s+the|last|this|past)\s+weekend))(?!\w)")),
    # "over the past few days", "in recent weeks", "in the last 24 hours", "the past week"
    ("rec", (rf"(?i:(?:(?:in|over|during|throughout|for|within)\s+)?the\s+(?:past|last)\s+"
             rf"(?:(?P<rec_n>{_NUMW})\s+|(?P<rec_few>few|several|couple\s+of)\s+)?"
             r"(?P<rec_u>hour|day|week|month|year)s?(?!\w)(?!\s+of\b)"
             r"|(?:in|over|during|throughout)\s+(?:the\s+)?recent\s+"
             r"(?P<rec_ru>day|week|month|year)s(?!\w))")),
    # "three days ago", "a week ago", "a few days ago"
    ("ago", (rf"(?i:(?:(?P<ago_n>{_NUMW}|an?)|(?P<ago_few>(?:a\s+)?(?:few|several|couple\s+of)))\s+"
             r"(?P<ago_u>day|week|month|year)s?\s+ago)(?!\w)")),
    # "the spring", "since the spring", "last summer", "winter 2023", "in the fall of 2023"
    ("sea", (rf"(?i:(?:(?P<sea_pre>since|in|during|throughout|over|through)\s+)?"
             r"(?:(?:(?P<sea_rel>this|last|past)|(?P<sea_the>the))\s+)?"
             rf"(?:(?:early|late)\s+)?{_SEASON}"
             rf"(?:\s+(?:of\s+)?(?P<sea_y>{_YEAR}))?(?!\s+of\b))"
             # Needs a year, a preposition, or this/last/past; "the" alone will do except for
             # "fall" ("the fall of Mosul", "the fall in prices").
             r"(?(sea_y)|(?(sea_pre)|(?(sea_rel)|(?(sea_fall)(?!)|(?(sea_the)|(?!))))))")),
    # "in 2023", "since 2022", "mid-2023", "in late 2023"
    ("yr", rf"(?:(?i:in|during|since|throughout)\s+{_MOD}?|{_MOD})(?P<yr_y>{_YEAR})"),
]
_KINDS = tuple(k for k, _ in _ALTERNATIVES)
_BODY = "|".join(f"(?P<{k}>{body})" for k, body in _ALTERNATIVES)

# Speed: Python's regex engine tries every alternative at every word start, which costs about
# 5 microseconds at each "the", "in" or "on". This guard looks at the first one or two words
# first and lets through only starts that some alternative can use: a digit, a capitalised
# month or weekday stem, a word that only opens date expressions, or a preposition or
# "the/this/last/next/past" followed by such a word. It never decides a match on its own;
# tests/test_dates.py checks that the guarded and unguarded patterns find the same spans.
_CAPS = _trie_regex(_MONTH_STEMS + ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
_OPENERS = ("yesterday", "today", "tonight", "earlier", "between", "early", "late", "mid", "few",
            "several", "couple", "spring", "summer", "autumn", "fall", "winter")
_NEXT_WORDS = (
    "yesterday", "today", "tonight", "earlier", "day", "days", "week", "weeks", "weekend", "month",
    "months", "year", "years", "hour", "hours", "night", "morning", "afternoon", "evening",
    "recent", "last", "this", "next", "past", "early", "late", "mid", "few", "several", "couple",
    "spring", "summer", "autumn", "fall", "winter")
_LEADS = ("since", "in", "on", "during", "throughout", "over", "through", "from", "at", "for",
          "within", "the", "this", "last", "next", "past", "a", "an", "one", "two", "three",
          "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_GUARD = (rf"(?=\d|{_CAPS}|{_trie_regex(_OPENERS, True)}(?!\w)"
          rf"|{_trie_regex(_LEADS, True)}\s+(?:{_trie_regex(['the'], True)}\s+)?"
          rf"(?:\d|{_CAPS}|{_trie_regex(_NEXT_WORDS, True)}(?!\w)))")
DATE_PATTERN = re.compile(rf"(?<!\w){_GUARD}(?:{_BODY})")

# Cheap pre-check, with string methods (faster than any regex over the whole sentence): every
# date expression holds a digit, a capitalised month stem, or one of these lowercase stems
# (weekdays, "today" and "yesterday" all contain "day").
_DIGIT = re.compile(r"\d")
_STEMS = ("day", "week", "month", "year", "hour", "night", "morning", "afternoon", "evening",
          "spring", "summer", "autumn", "fall", "winter")


def _may_hold_date(text: str) -> bool:
    """False when ``text`` cannot hold a date expression (the cheap early exit).

    >>> _may_hold_date("Militias struck on Monday."), _may_hold_date("Iran denied any role.")
    (True, False)
    """
    if _DIGIT.search(text):
        return True
    low = text.lower()
    for w in _STEMS:  # a plain loop: cheaper than any() over a generator
        if w in low:
            return True
    for w in _MONTH_STEMS:
        if w in text:
            return True
    return False


_SINCE = re.compile(r"(?i)since\b")
_MONTH_TOKEN = re.compile(_MONTH)
_YEAR_TOKEN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DAY_TOKEN = re.compile(r"(?<!\d)(?:3[01]|[12]\d|0?[1-9])(?!\d)")


def find_date_expressions(text: str) -> list[tuple[int, int, str]]:
    """Every temporal expression in ``text`` as ``(start, end, surface)``, in order.

    Non-overlapping; at each position the longest form wins ("between February and June" is one
    expression, not two months).

    >>> find_date_expressions("Between February and June Iran chose calm; militias march on.")
    [(0, 25, 'Between February and June')]
    >>> [s for _, _, s in find_date_expressions("They may strike in May, as last Tuesday.")]
    ['in May', 'last Tuesday']
    >>> find_date_expressions("No date here.")
    []
    """
    if not isinstance(text, str) or not _may_hold_date(text):
        return []
    return [(m.start(), m.end(), m.group(0)) for m in DATE_PATTERN.finditer(text)]


# --------------------------------------------------------------------------------------------
# Spans and their ISO form
# --------------------------------------------------------------------------------------------

class _Span(NamedTuple):
    """A resolved period: first day, last day and the unit that named it."""

    start: date
    end: date
    unit: str  # day, week, month, month_range, year, season, window, since, range


def _day(d: date) -> _Span:
    return _Span(d, d, "day")


def _month_span(y: int, m: int) -> _Span:
    return _Span(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month")


def _year_span(y: int) -> _Span:
    return _Span(date(y, 1, 1), date(y, 12, 31), "year")


def _week_span(d: date) -> _Span:
    monday = d - timedelta(days=d.weekday())
    return _Span(monday, monday + timedelta(days=6), "week")


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    """Year and month ``k`` months after (y, m).

    >>> _add_months(2024, 1, -1)
    (2023, 12)
    """
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _format(span: _Span | None, open_end: bool = False) -> tuple[str, str]:
    """ISO text and precision of a span."""
    if span is None:
        return "", "unknown"
    if span.unit == "day":
        return span.start.isoformat(), "day"
    if span.unit == "week":
        return span.start.isoformat(), "week"
    if span.unit == "month":
        return span.start.strftime("%Y-%m"), "month"
    if span.unit == "month_range":
        return f"{span.start:%Y-%m}/{span.end:%Y-%m}", "range"
    end = ".." if open_end else span.end.isoformat()
    return f"{span.start.isoformat()}/{end}", "range"


# --------------------------------------------------------------------------------------------
# Resolution rules (pure functions of the parts and the document date)
# --------------------------------------------------------------------------------------------

def as_date(value) -> date | None:
    """The document date as a ``date``, from a date, datetime, Timestamp or ISO string.

    >>> as_date("2024-07-01T09:30:00Z")
    datetime.date(2024, 7, 1)
    >>> as_date(None) is None, as_date("n/a") is None
    (True, True)
    """
    if value is None:
        return None
    if isinstance(value, date):  # also datetime and pandas Timestamp; NaT fails here
        try:
            return date(value.year, value.month, value.day)
        except (ValueError, TypeError):
            return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None  # NaN, numbers and other objects carry no date


def weekday_date(weekday: int, doc: date, rel: str = "") -> date:
    """The weekday (0 = Monday) meant when a document dated ``doc`` names it.

    Bare or "this": the latest such day on or before the document date (the document's own
    weekday is the document date). "last"/"past": the latest strictly before it (on a
    Wednesday, "last Monday" is two days earlier; on a Monday, a week earlier). "next": the
    first strictly after it.

    >>> weekday_date(0, date(2024, 7, 1)), weekday_date(0, date(2024, 7, 1), "last")
    (datetime.date(2024, 7, 1), datetime.date(2024, 6, 24))
    >>> weekday_date(3, date(2024, 3, 1))  # Thursday before Friday 1 March: the leap day
    datetime.date(2024, 2, 29)
    """
    if rel == "next":
        return doc + timedelta(days=(weekday - doc.weekday()) % 7 or 7)
    back = (doc.weekday() - weekday) % 7
    if rel in ("last", "past") and back == 0:
        back = 7
    return doc - timedelta(days=back)


def month_year(month: int, doc: date, rel: str = "") -> int:
    """Year of a month named without one.

    Bare: the latest such month whose first day is on or before the document date (in
    January, "January" is this January). "this": the document's year. "last"/"past": the
    latest such month that ended before the document's month. "next": the first after it.

    >>> doc = date(2024, 1, 2)
    >>> month_year(12, doc), month_year(1, doc), month_year(1, doc, "last")
    (2023, 2024, 2023)
    """
    if rel == "this":
        return doc.year
    if rel in ("last", "past"):
        return doc.year if month < doc.month else doc.year - 1
    if rel == "next":
        return doc.year if month > doc.month else doc.year + 1
    return doc.year if month <= doc.month else doc.year - 1


def month_day_date(month: int, day: int, doc: date) -> date | None:
    """The latest ``month``/``day`` on or before the document date (None if no such day).

    >>> month_day_date(10, 7, date(2024, 7, 1)), month_day_date(2, 29, date(2025, 3, 1))
    (datetime.date(2023, 10, 7), datetime.date(2024, 2, 29))
    """
    for back in range(MAX_YEARS_BACK + 1):
        try:
            d = date(doc.year - back, month, day)
        except ValueError:
            continue
        if d <= doc:
            return d
    return None


def season_span(name: str, doc: date | None = None, year: int | None = None,
                rel: str = "") -> _Span:
    """Meteorological season: spring Mar-May, summer Jun-Aug, autumn/fall Sep-Nov, winter Dec-Feb.

    With a year, winter YEAR is the winter whose January and February fall in YEAR. Without
    one: the latest such season begun on or before the document date; with "last"/"past", the
    latest one already over.

    >>> season_span("spring", date(2024, 7, 1))
    _Span(start=datetime.date(2024, 3, 1), end=datetime.date(2024, 5, 31), unit='season')
    >>> season_span("winter", year=2024)[:2]
    (datetime.date(2023, 12, 1), datetime.date(2024, 2, 29))
    """
    first = SEASON_START[name.lower()]

    def span(start_year: int) -> _Span:
        end_y, end_m = _add_months(start_year, first, 2)
        return _Span(date(start_year, first, 1),
                      date(end_y, end_m, calendar.monthrange(end_y, end_m)[1]), "season")

    if year is not None:
        return span(year - 1 if first == 12 else year)
    for start_year in range(doc.year, doc.year - 3, -1):
        s = span(start_year)
        if (s.end < doc) if rel in ("last", "past") else (s.start <= doc):
            return s
    raise ValueError(name)  # unreachable: a season starts every year


def _explicit(core: str, dayfirst: bool) -> date | None:
    """An explicit date with its own year, read by dateutil (fixed default; year checked)."""
    years = _YEAR_TOKEN.findall(core)
    if not years:
        return None
    try:
        dt = _du_parser.parse(core, default=_PARSE_DEFAULT, dayfirst=dayfirst)
    except (ValueError, OverflowError):
        return None
    return dt.date() if str(dt.year) == years[-1] else None


def _numeric(core: str) -> date | None:
    """28/01/2024 day-first; month-first only when the second number cannot be a month."""
    a, b, y = re.split(r"[/.-]", core)
    if len(y) == 2:
        y = str((2000 if int(y) < TWO_DIGIT_YEAR_PIVOT else 1900) + int(y))
    dayfirst = not (int(b) > 12 and int(a) <= 12)
    return _explicit(f"{a}/{b}/{y}", dayfirst)


def _parts(text: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) named in a range side such as "5 March", "June 2024" or "2019"."""
    mm = _MONTH_TOKEN.search(text)
    month = _MONTH_NUM[mm.group(0)[:3].lower()] if mm else None
    rest = text[:mm.start()] + " " + text[mm.end():] if mm else text
    ym = _YEAR_TOKEN.search(rest)
    year = int(ym.group(0)) if ym else None
    if ym:
        rest = rest[:ym.start()] + " " + rest[ym.end():]
    dm = _DAY_TOKEN.search(rest) if month else None
    return year, month, (int(dm.group(0)) if dm else None)


def _side_span(year, month, day, doc) -> _Span | None:
    """Span of a date named by parts; a missing year is resolved against the document date."""
    if month is None:
        return _year_span(year) if year else None
    if day is None:
        if year is None:
            if doc is None:
                return None
            year = month_year(month, doc)
        return _month_span(year, month)
    if year is None:
        d = month_day_date(month, day, doc) if doc else None
        return _day(d) if d else None
    return _day(date(year, month, day))


def _shift_year(span: _Span, k: int) -> _Span:
    """The same day or month ``k`` years earlier or later."""
    if span.unit == "month":
        return _month_span(span.start.year + k, span.start.month)
    try:
        return _day(span.start.replace(year=span.start.year + k))
    except ValueError:  # 29 February
        return _day(span.start.replace(year=span.start.year + k, day=28))


def _range(a: tuple, b: tuple, doc: date | None) -> _Span | None:
    """"between A and B": a missing year is borrowed from the other side or from the document
    date; a start after the end moves back one year (forward for an end lacking its year)."""
    (ay, am, ad), (by, bm, bd) = a, b
    if ay is None and am is not None and by is not None:
        sa, sb = _side_span(by, am, ad, doc), _side_span(by, bm, bd, doc)
        if sa and sb and sa.start > sb.start:
            sa = _shift_year(sa, -1)
    elif by is None and bm is not None and ay is not None:
        sa, sb = _side_span(ay, am, ad, doc), _side_span(ay, bm, bd, doc)
        if sa and sb and sb.start < sa.start:
            sb = _shift_year(sb, 1)
    else:
        sa, sb = _side_span(ay, am, ad, doc), _side_span(by, bm, bd, doc)
        if sa and sb and sa.start > sb.start and ay is None and am is not None:
            sa = _shift_year(sa, -1)
    if sa is None or sb is None or sa.start > sb.end:
        return None
    if sa.unit == sb.unit == "month":
        return _Span(sa.start, sb.end, "month_range")
    return _Span(sa.start, sb.end, "range")


def _window(n: int, unit: str, doc: date) -> _Span:
    """The ``n`` units up to and including the document date."""
    if unit == "hour":
        return _Span(doc - timedelta(days=max(1, math.ceil(n / 24))), doc, "window")
    if unit in ("month", "year"):
        k = n if unit == "month" else 12 * n
        y, m = _add_months(doc.year, doc.month, -k)
        start = date(y, m, min(doc.day, calendar.monthrange(y, m)[1]))
        return _Span(start, doc, "window")
    return _Span(doc - timedelta(days=n * (7 if unit == "week" else 1)), doc, "window")


def _count(word: str | None) -> int | None:
    """A count written as digits or a number word; None for few/several."""
    if not word:
        return None
    w = " ".join(word.lower().split())
    return int(w) if w.isdigit() else NUMBER_WORDS.get(w)


def _rel_rule(m: re.Match, doc: date) -> _Span | None:
    """yesterday, today, this/last week|month|year, weekends."""
    if m.group("rel_dby"):
        return _day(doc - timedelta(days=2))
    if m.group("rel_yest"):
        return _day(doc - timedelta(days=1))
    if m.group("rel_today"):
        return _day(doc)
    if m.group("rel_unit"):
        mod, unit = " ".join(m.group("rel_mod").lower().split()), m.group("rel_unit").lower()
        if unit == "week":
            return _week_span(doc - timedelta(days=7 if mod == "last" else 0))
        if unit == "month":
            return _month_span(*_add_months(doc.year, doc.month, -1 if mod == "last" else 0))
        if mod == "earlier this":
            return _Span(date(doc.year, 1, 1), doc, "range")
        return _year_span(doc.year - (1 if mod == "last" else 0))
    # Weekend: the latest Saturday on or before the document date (strictly before for
    # "last"/"past"), with the Sunday after it.
    strict = m.group("wkend_mod").lower() in ("last", "past")
    sat = weekday_date(5, doc, "last" if strict else "")
    return _Span(sat, sat + timedelta(days=1), "range")


def _match_span(m: re.Match, doc: date | None) -> _Span | None:
    """Span of one match of ``DATE_PATTERN`` (None if it needs a document date it lacks)."""
    # the form's own group is the outermost one and closes last: it is the match's lastgroup
    kind = m.lastgroup
    g = m.group
    if kind == "rng":
        return _range(_parts(g("rng_a")), _parts(g("rng_b")), doc)
    if kind in ("rdd", "rmd"):
        if kind == "rdd":
            y, mo, d_b = _parts(g("rdd_b"))
            d_a = int(_DAY_TOKEN.search(g("rdd_a")).group(0))
        else:
            y = int(g("rmd_y")) if g("rmd_y") else None
            mo = _MONTH_NUM[g("rmd_m")[:3].lower()]
            d_a, d_b = (int(_DAY_TOKEN.search(g(x)).group(0)) for x in ("rmd_a", "rmd_b"))
        end = _side_span(y, mo, d_b, doc)
        if end is None or d_a > d_b:
            return None
        return _Span(end.start.replace(day=d_a), end.start, "range")
    if kind == "iso":
        return _day(_du_parser.isoparse(g("iso_core")).date())
    if kind == "num":
        d = _numeric(g("num_core"))
        return _day(d) if d else None
    if kind in ("dmy", "mdy"):
        core = g(f"{kind}_core")
        if g(f"{kind}_y"):
            d = _explicit(core, dayfirst=(kind == "dmy"))
            return _day(d) if d else None
        _, mo, d = _parts(core)
        return _side_span(None, mo, d, doc)
    if kind == "my":
        y, mo, _ = _parts(g("my_core"))
        return _month_span(y, mo)
    if kind == "yr":
        return _year_span(int(g("yr_y")))
    if kind == "sea":
        name = re.search(r"(?i)spring|summer|autumn|fall|winter", g("sea")).group(0)
        if g("sea_y"):
            return season_span(name, year=int(g("sea_y")))
        rel = (g("sea_rel") or "").lower()
        return season_span(name, doc, rel=rel) if doc else None
    if doc is None:
        return None
    if kind == "mon":
        mo = _MONTH_NUM[g("mon_m")[:3].lower()]
        return _month_span(month_year(mo, doc, (g("mon_rel") or "").lower()), mo)
    if kind == "wd":
        wd = WEEKDAYS.index(g("wd_d"))
        return _day(weekday_date(wd, doc, (g("wd_rel") or "").lower()))
    if kind == "rel":
        return _rel_rule(m, doc)
    if kind == "rec":
        unit = (g("rec_u") or g("rec_ru")).lower()
        n = _count(g("rec_n"))
        if n is None and (g("rec_few") or g("rec_ru")):
            return _Span(doc - timedelta(days=RECENT_DAYS[unit]), doc, "window")
        return _window(n or 1, unit, doc)
    if kind == "ago":
        unit, n = g("ago_u").lower(), _count(g("ago_n"))
        if n is None:  # "a few days ago": the vague window
            return _Span(doc - timedelta(days=RECENT_DAYS[unit]), doc, "window")
        if unit == "day":
            return _day(doc - timedelta(days=n))
        if unit == "week":
            return _week_span(doc - timedelta(days=7 * n))
        if unit == "month":
            return _month_span(*_add_months(doc.year, doc.month, -n))
        return _year_span(doc.year - n)
    return None


@cached
def _named_dates() -> dict:
    """(month, day) → the date it names (``named_dates.csv``)."""
    df = read_lexicon("named_dates")
    return {(int(r["month"]), int(r["day"])): date.fromisoformat(r["date"])
            for r in df.to_dict("records")}


def _named_date(m: re.Match, doc: date | None) -> date | None:
    """The named date a yearless "since <day month>" stands for, when the document is dated
    on or after it (``named_dates.csv``); else None.

    >>> _named_date(DATE_PATTERN.fullmatch("since October 7"), date(2025, 3, 1))
    datetime.date(2023, 10, 7)
    >>> _named_date(DATE_PATTERN.fullmatch("since October 7"), date(2023, 9, 1)) is None
    True
    """
    kind = m.lastgroup
    if doc is None or kind not in ("dmy", "mdy") or m.group(f"{kind}_y"):
        return None
    _, mo, d = _parts(m.group(f"{kind}_core"))
    named = _named_dates().get((mo, d))
    return named if named is not None and named <= doc else None


def _resolve_match(m: re.Match, doc: date | None) -> tuple[str, str]:
    """(iso, precision) of one match; "since X" becomes the range from X's start to the doc."""
    try:
        span = _match_span(m, doc)
    except (ValueError, OverflowError, KeyError, AttributeError):  # "February 30", "31/02/2024"
        return "", "unknown"
    if span is None:
        return "", "unknown"
    if _SINCE.match(m.group(0)):
        named = _named_date(m, doc)
        if named is not None:  # "since October 7" in 2025: the 2023 attack (named_dates.csv)
            span = _day(named)
        if doc is not None and span.start > doc:
            return "", "unknown"
        return _format(_Span(span.start, doc or span.start, "since"), open_end=doc is None)
    return _format(span)


def resolve_date(expression: str, doc_date=None) -> tuple[str, str]:
    """Resolve one date expression against the document date: ``(iso, precision)``.

    ``doc_date`` is a date, datetime, pandas Timestamp, ISO string or None. The expression is
    read whole when it is one date expression; otherwise its first date expression is used; a
    lone month name ("May") is read as that month. Never raises: anything it cannot read gives
    ``("", "unknown")``.

    >>> resolve_date("on Monday", "2024-07-01")
    ('2024-07-01', 'day')
    >>> resolve_date("since October 7", "2024-07-01")
    ('2023-10-07/2024-07-01', 'range')
    >>> resolve_date("between February and June", "2024-07-01")
    ('2024-02/2024-06', 'range')
    >>> resolve_date("last week", "2024-01-02")
    ('2023-12-25', 'week')
    >>> resolve_date("in recent days", "2024-07-01")
    ('2024-06-24/2024-07-01', 'range')
    >>> resolve_date("in 2023", None), resolve_date("on Monday", None)
    (('2023-01-01/2023-12-31', 'range'), ('', 'unknown'))
    """
    try:
        if not isinstance(expression, str) or not expression.strip():
            return "", "unknown"
        text = expression.strip()
        doc = as_date(doc_date)
        m = DATE_PATTERN.fullmatch(text)
        if m is None and _MONTH_TOKEN.fullmatch(text):
            m = DATE_PATTERN.fullmatch("in " + text)
        if m is None:
            m = DATE_PATTERN.search(text)
        if m is None:
            return "", "unknown"
        return _resolve_match(m, doc)
    except Exception:  # noqa: BLE001 - the contract is "never raise"; bad input is "unknown"
        return "", "unknown"


def resolve_in_text(text: str, doc_date=None) -> tuple[str, str, str]:
    """The most specific date in a sentence: ``(iso, precision, surface)``.

    Every expression is resolved; the most specific precision wins (day > week > month >
    range) and ties go to the first. No expression: ``("", "unknown", "")``; expressions that
    cannot be resolved (relative ones without a document date): ``("", "unknown", first)``.

    >>> text = "Kataib Hezbollah has fired drones since the spring, most recently on Saturday."
    >>> resolve_in_text(text, "2024-03-01")
    ('2024-02-24', 'day', 'on Saturday')
    >>> resolve_in_text("Iran denied any role.", "2024-03-01")
    ('', 'unknown', '')
    """
    if not isinstance(text, str) or not _may_hold_date(text):
        return "", "unknown", ""
    try:
        doc = as_date(doc_date)
        best, best_rank = None, len(PRECISIONS)
        first = ""
        for m in DATE_PATTERN.finditer(text):
            first = first or m.group(0)
            iso, precision = _resolve_match(m, doc)
            rank = PRECISIONS.index(precision)
            if precision != "unknown" and rank < best_rank:
                best, best_rank = (iso, precision, m.group(0)), rank
        return best if best else ("", "unknown", first)
    except Exception:  # noqa: BLE001 - never raise on odd input
        return "", "unknown", ""
