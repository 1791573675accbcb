"""Actors and roles: who is named, who speaks, who backs whom.

Lexicons read: ``actors.csv`` (ids, types, parents, aliases), ``ambiguous_aliases.csv``,
``places.csv``, ``speech_verbs.csv``, ``coref_nouns.csv``, ``proxy_nouns.csv``,
``role_rules.csv``.

Steps:

1. **Mentions.** Every alias of every actor (names, spellings, capitals, adjectives,
   abbreviations, pejorative names) is compiled into one regular expression, longest
   alternative first, so "Kataib Hezbollah" wins over "Hezbollah" and "Islamic Resistance in
   Iraq" over "Iraq". Abbreviations that collide with words ("US" and the pronoun "us") match
   only in their exact case. A possessive ("Iran's") or a hyphenated compound
   ("Israel-Hezbollah") leaves each name its own mention. Pejorative names are flagged.
2. **Ambiguous names** ("the resistance", "Yemeni Armed Forces") take the candidate actor named
   nearest before them in the document; with no such candidate, or a tie, they stay unresolved
   (actor ``""``), never guessed.
3. **Light coreference.** "the militias", "the group", "the council", a sentence-initial
   "They" take the actor just named when exactly one compatible actor is in the window
   (``coref_nouns.csv``).
   **Proxy descriptions.** "Iran-backed militias", "pro-Iran factions", "militias loyal to
   Tehran" name a group by its patron: the patron stays its own mention and the noun takes
   the group just named, else the row's default when the document is about its context
   (``proxy_nouns.csv``: the Iraqi militias when Iraq or Syria is mentioned), else nothing.
4. **Quotes.** Pairs of quotation marks (straight after cleaning; odd counts tolerated: an
   unclosed quote runs to the end of its paragraph) give quotations; one or two words in quotes
   are scare quotes. The speaker is found after the quote ("…," X said), before it (X said:
   "…"), from "according to X", from "X quoted Y as saying" (speaker X, cited Y), from
   "X, citing Y," (cited Y), or from the previous paragraph's quote (continuing quotes).
5. **Speakers.** Each sentence carries the speaker whose words it is: the speaker of the
   quotation it holds, or of reported speech ("IRNA, citing Al-Mayadeen, said …",
   "According to IRNA, …", "…, officials said."), else ``author``.
6. **Roles.** Patron/proxy and mediator from ``role_rules.csv`` (regular expressions over the
   sentence with each mention replaced by a placeholder); threatener/target and
   attacker/target from the events and triggers; speaker from quotes and reported speech.

Speed: the case-insensitive scans (aliases, coreference, speech verbs, role cues and rules)
run over the LOWERCASED copy of an ASCII document with plain-literal patterns, which the regex
engine matches several times faster; they find exactly what the reference patterns find (see
``_alias_scanner``; tests/test_actors.py holds the two to each other). Any other text, or a
lexicon entry that does not lowercase safely, uses the reference patterns.

>>> ctx = context_for_text("Kataib Hezbollah, backed by Iran, warned the US. Let us see.")
>>> [(m.actor, m.surface) for m in ctx.mentions]
[('kataib_hezbollah', 'Kataib Hezbollah'), ('iran', 'Iran'), ('united_states', 'US')]
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

import pandas as pd

from .clean import normalize, paragraph_index, sentence_spans
from .document import DocContext, Mention, Quote
from .lexicon import (
    cached,
    phrase_atoms,
    phrase_pattern,
    phrase_regex,
    read_lexicon,
    split_values,
    trie_regex,
)

# Quotations of at most this many words are scare quotes (US "interests"), not speech.
SCARE_MAX_WORDS = 2
# How far (characters) after a closing quote or before an opening one to look for "X said".
ATTRIBUTION_WINDOW = 120
# Longest noun phrase (in words) taken as a speaker before a speech verb.
SPEAKER_NP_MAX_WORDS = 14


# --------------------------------------------------------------------------- lexicons
def _key(surface: str) -> str:
    """Lookup key for a matched alias: lowercase, no spaces, hyphens, apostrophes, dots."""
    return re.sub(r"[\s'\-.]", "", surface.lower())


@cached
def _actor_table() -> pd.DataFrame:
    return read_lexicon("actors")


@cached
def actor_info() -> dict:
    """id → {name, type, parent, bloc} for every actor in ``actors.csv``."""
    df = _actor_table()
    info = {r["id"]: {"name": r["name"], "type": r["type"], "parent": r["parent"]}
            for r in df.to_dict("records")}
    for actor_id in info:
        info[actor_id]["bloc"] = _top(actor_id, info)
    return info


def _top(actor_id: str, info: dict) -> str:
    seen = set()
    while info.get(actor_id, {}).get("parent") and actor_id not in seen:
        seen.add(actor_id)
        actor_id = info[actor_id]["parent"]
    return actor_id


def bloc_of(actor_id: str) -> str:
    """The bloc an actor rolls up to (its top ancestor).

    >>> bloc_of("qais_khazali"), bloc_of("idf")
    ('iraqi_militias', 'israel')
    """
    info = actor_info()
    return info[actor_id]["bloc"] if actor_id in info else actor_id


def ancestors(actor_id: str) -> list[str]:
    """The actor and every parent up to its bloc.

    >>> ancestors("qais_khazali")
    ['qais_khazali', 'asaib_ahl_al_haq', 'iraqi_militias']
    """
    info, out = actor_info(), [actor_id]
    while info.get(out[-1], {}).get("parent") and info[out[-1]]["parent"] not in out:
        out.append(info[out[-1]]["parent"])
    return out


@cached
def _alias_index():
    """Compile every alias into one regex; return (pattern, ci_lookup, cs_lookup, ambiguous,
    ambiguous_cs). ``pattern`` is the reference scan; ``_alias_scanner`` is its fast form."""
    ci, cs, ambiguous, amb_cs = _alias_tables()
    atom_lists = [phrase_atoms(alias, True) for alias in _ci_phrases(ci, ambiguous)]
    atom_lists += [phrase_atoms(alias, False) for alias in _cs_phrases(cs, amb_cs)]
    body = trie_regex(atom_lists)
    # No word character may touch a match; a final "." of U.S. must not swallow "U.S.-backed".
    pattern = re.compile(rf"(?<![\w.])(?:{body}){_ALIAS_END}")
    return pattern, ci, cs, ambiguous, amb_cs


# What may follow an alias: no word character, and no "." that starts a word ("U.S.-backed").
_ALIAS_END = r"(?![\w])(?!\.\w)"


def _alias_tables():
    """The four alias lookups of ``actors.csv`` and ``ambiguous_aliases.csv``: case-insensitive
    keys (``_key``) and exact case-sensitive spellings, for actors and for ambiguous names."""
    df = _actor_table()
    ci: dict[str, tuple[str, bool, str, str]] = {}
    cs: dict[str, tuple[str, bool, str, str]] = {}
    for r in df.to_dict("records"):
        actor = r["id"]
        for col, flag, via in (("aliases", False, "alias"), ("adjectives", False, "adjective"),
                               ("pejorative_aliases", True, "pejorative")):
            for alias in split_values(r.get(col, "")):
                ci.setdefault(_key(alias), (actor, flag, via, alias))
        for alias in split_values(r.get("case_sensitive_aliases", "")):
            cs.setdefault(re.sub(r"\s+", " ", alias), (actor, False, "abbreviation", alias))
    amb = read_lexicon("ambiguous_aliases")
    ambiguous: dict[str, tuple] = {}
    amb_cs: dict[str, tuple] = {}
    for r in amb.to_dict("records"):
        entry = (split_values(r["candidates"]), r.get("pejorative", "") in {"1", "true", "yes"},
                 r.get("rule", "context") or "context", r["alias"])
        if r.get("case_sensitive", "") in {"1", "true", "yes"}:
            amb_cs[re.sub(r"\s+", " ", r["alias"])] = entry
        else:
            ambiguous[_key(r["alias"])] = entry
    return ci, cs, ambiguous, amb_cs


def _ci_phrases(ci: dict, ambiguous: dict) -> list[str]:
    """The aliases matched in any case (actors', then ambiguous ones)."""
    return [entry[-1] for entry in ci.values()] + [entry[-1] for entry in ambiguous.values()]


def _cs_phrases(cs: dict, amb_cs: dict) -> list[str]:
    """The aliases matched in their exact case (actors', then ambiguous ones)."""
    return list(cs) + list(amb_cs)


def _lowers_safely(phrase: str) -> bool:
    """True when matching ``phrase`` on a lowercased ASCII text gives what matching it with
    case classes on the original text gives: no non-ASCII character whose other case is ASCII
    (the Kelvin sign, dotless i, long s), and the phrase starts with a word character.

    >>> _lowers_safely("Kata'ib Hezbollah"), _lowers_safely("\\u212aH")
    (True, False)
    """
    return bool(re.match(r"\w", phrase)) and all(
        ch.isascii() or not (ch.lower().isascii() or ch.upper().isascii()) for ch in phrase)


# Letters in the order words most often start with in English news text: the fast alias scan
# tries its first-letter branches in this order (any order gives the same matches).
_WORD_INITIAL_ORDER = "tasowicbphfmdrelngukyvjqzx"
# Characters that may come right before an alias in an ASCII text: [^\w.] written as a plain
# set, which the regex engine skips over much faster than a category test.
_ASCII_BEFORE_ALIAS = r"[\x00-\x2d\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]"


@cached
def _alias_scanner():
    """The fast form of the alias scan, or None when the lexicon does not allow it.

    The reference pattern tests case classes ([kK]) at every word start, which the regex
    engine does slowly. The fast pattern runs over the LOWERCASED text (same offsets for an
    ASCII text), where every letter is a plain literal, and starts with the character before
    the alias (the text padded with one space), which lets the engine skip from word to word.
    It branches on the first letter; under each, the case-sensitive aliases come first,
    lowercased, in a group ``cs<k>``: such a hit (``US`` or the pronoun ``us``) is checked with
    the reference pattern. Any other hit is the reference pattern's own match: the same prefix
    tree, tried in the same order, and no case-sensitive alias fits there.
    """
    ci, cs, ambiguous, amb_cs = _alias_tables()
    ci_phrases, cs_phrases = _ci_phrases(ci, ambiguous), _cs_phrases(cs, amb_cs)
    if not all(_lowers_safely(p.strip()) for p in ci_phrases + cs_phrases if p.strip()):
        return None
    by_first: dict[str, tuple[list, list]] = {}
    for group, phrases in ((0, cs_phrases), (1, ci_phrases)):
        for phrase in phrases:
            atoms = phrase_atoms(phrase.lower(), False)
            if atoms:
                by_first.setdefault(atoms[0], ([], []))[group].append(atoms[1:])
    order = {ch: k for k, ch in enumerate(_WORD_INITIAL_ORDER)}
    branches = []
    for k, first in enumerate(sorted(by_first, key=lambda a: (order.get(a, len(order)), a))):
        cs_rests, ci_rests = by_first[first]
        alts = [f"(?P<cs{k}>{_rest_regex(cs_rests)})"] if cs_rests else []
        alts += [_rest_regex(ci_rests)] if ci_rests else []
        branches.append(first + "(?:" + "|".join(alts) + ")")
    return re.compile(rf"{_ASCII_BEFORE_ALIAS}(?:{'|'.join(branches)}){_ALIAS_END}")


def _rest_regex(rests: list[list[str]]) -> str:
    """Prefix tree of the remaining atoms of phrases that share a first atom; an empty rest
    (a one-character phrase) is the last alternative, as in ``trie_regex``."""
    body = trie_regex(r for r in rests if r) if any(rests) else ""
    return f"(?:{body}|)" if body and not all(rests) else body


def _alias_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every alias match in ``text``: the matches of the reference pattern
    ``_alias_index()[0].finditer(text)``, found with ``_alias_scanner`` when the text is ASCII.

    >>> text = "US envoys told us that Kata'ib Hezbollah and the U.S. disagree."
    >>> _alias_spans(text) == [m.span() for m in _alias_index()[0].finditer(text)]
    True
    """
    reference = _alias_index()[0]
    fast = _alias_scanner()
    if fast is None or not text.isascii():
        return [m.span() for m in reference.finditer(text)]
    padded = " " + text.lower()  # padded[k + 1] is text[k]: a match at k starts at the pad
    spans: list[tuple[int, int]] = []
    pos = 0
    while pos is not None:
        restart, pos = pos, None
        for m in fast.finditer(padded, restart):
            start, end = m.start(), m.end() - 1
            if m.lastindex is None:  # a case-insensitive alias: the reference match itself
                spans.append((start, end))
                continue
            exact = reference.match(text, start)
            if exact is not None:
                spans.append((start, exact.end()))
            if exact is None or exact.end() != end:  # scan on from where the reference stops
                pos = exact.end() if exact is not None else start + 1
                break
    return spans


def reload_lexicons() -> None:
    """Forget compiled lexicons so edited CSV files are read again (notebooks call this)."""
    from .lexicon import reload
    reload()


@cached
def _lookup_memo() -> dict:
    """Matched surface → ``_lookup_uncached(surface)`` (names repeat a lot)."""
    return {}


def _lookup_uncached(surface: str):
    _p, ci, cs, ambiguous, amb_cs = _alias_index()
    exact = re.sub(r"\s+", " ", surface)
    if exact in cs:
        return "actor", cs[exact]
    if exact in amb_cs:
        return "ambiguous", amb_cs[exact]
    key = _key(surface)
    if key in ci:
        return "actor", ci[key]
    if key in ambiguous:
        return "ambiguous", ambiguous[key]
    # a case-sensitive alias written with different inner spacing ("U. S.")
    for alias, entry in cs.items():
        if _key(alias) == key and alias.lower() == exact.lower() and alias == exact:
            return "actor", entry
    return None, None


# --------------------------------------------------------------------------- places
@cached
def _places_index():
    df = read_lexicon("places")
    lookup = {}
    for r in df.to_dict("records"):
        lookup[_key(r["place"])] = (r["canonical"] or r["place"], r["actor"],
                                    r.get("partisan", "0") in {"1", "true", "yes"})
    body = "|".join(f"(?:{phrase_regex(p)})" for p in sorted(df["place"], key=lambda s: (-len(s), s)))
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE), lookup


def find_places(text: str) -> list[tuple[int, int, str, str, bool]]:
    """Places named in a text: (start, end, canonical name, territory actor, partisan).

    >>> [p[2:] for p in find_places("Drones hit Umm al-Rashrash.")]
    [('Eilat', 'israel', True)]
    """
    pattern, lookup = _places_index()
    out = []
    for m in pattern.finditer(text):
        canonical, actor, partisan = lookup.get(_key(m.group(0)), (m.group(0), "", False))
        out.append((m.start(), m.end(), canonical, actor, partisan))
    return out


# --------------------------------------------------------------------------- mentions
@cached
def _ancestor_sets() -> dict:
    """actor id → the set of the actor and all its parents (``ancestors``), for every actor."""
    return {actor_id: frozenset(ancestors(actor_id)) for actor_id in actor_info()}


def _ancestor_set(actor_id: str, sets: dict) -> frozenset:
    hit = sets.get(actor_id)
    return hit if hit is not None else frozenset(ancestors(actor_id))


# A wire dateline at the start of a paragraph: capitalised place names, a date or an agency in
# brackets (or both), then a dash ("BAGHDAD/WASHINGTON, Nov 14 (Reuters) -", "BEIRUT (AP) --",
# "TEHRAN, Jan. 5 -"); an all-capitals headline followed by a dash has neither and is kept. The
# places say where the copy was filed, not who acts.
_DATELINE = re.compile(
    r"(?m)^[ \t]*(?:date\s+\d{4}-\d\d-\d\d\s+)?(?P<span>[A-Z][A-Z'.-]+(?:[ /][A-Z][A-Z'.-]+)*"
    r"(?:(?:,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?\s*\([^()\n]{2,30}\)|,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})"
    r"\s*(?:-{1,2}|\u2013|\u2014))\s")
# A credit line: "(Reporting by X in Baghdad; Editing by Y)".
_CREDIT_LINE = re.compile(r"\((?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled)\s+by\b[^()]*\)",
                          re.IGNORECASE)


def _credit_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of wire datelines and credit lines, whose place names are no actors.

    >>> t = "BAGHDAD/WASHINGTON, Nov 14 (Reuters) - US forces were hit. (Reporting by A in Baghdad)"
    >>> [t[a:b] for a, b in _credit_spans(t)]
    ['BAGHDAD/WASHINGTON, Nov 14 (Reuters) -', '(Reporting by A in Baghdad)']
    """
    if "(" not in text and "-" not in text and "\u2014" not in text and "\u2013" not in text:
        return []
    spans = [m.span("span") for m in _DATELINE.finditer(text)]
    if "by" in text:
        spans += [m.span() for m in _CREDIT_LINE.finditer(text)]
    return sorted(spans)


_APOSTROPHES = frozenset("'\u2019")
# Letters after an apostrophe that continue a name ("Kan'ani", "Ja'fari"): anything but the
# possessive "s" standing alone.
_WORD_AFTER_APOSTROPHE = re.compile(r"(?!s\b)[^\W\d_]")


def _raw_mentions(ctx: DocContext) -> list[Mention]:
    """Alias mentions in text order; ambiguous names resolved (or left unresolved)."""
    text = ctx.text
    memo = _lookup_memo()
    starts = [a for a, _b in ctx.spans]
    n_sent = len(starts)
    sent = 0
    found: list[Mention] = []
    named: list[Mention] = []  # mentions of a known actor, for ambiguous names
    pending: list[tuple[Mention, list[str], str]] = []
    reference = None
    skip_until = -1
    credits = _credit_spans(text)
    for start, end in _alias_spans(text):
        if start < skip_until:
            continue  # inside a longer name taken after "the" (below)
        if credits and any(a <= start < b for a, b in credits):
            continue  # "BAGHDAD/WASHINGTON, Nov 14 (Reuters) -", "(Reporting by X in Baghdad)"
        if text[end:end + 1] in _APOSTROPHES and _WORD_AFTER_APOSTROPHE.match(text, end + 1):
            continue  # "Kan'ani" is no mention of "Kan" ("Iran's" and "Iran'" still are)
        if text[start:start + 4].lower() == "the ":
            # "the occupation entity": the name one word on is longer than "the occupation"
            reference = reference or _alias_index()[0]
            longer = reference.match(text, start + 4)
            if longer is not None and longer.end() > end:
                start, end = start + 4, longer.end()
                skip_until = end
        surface = text[start:end]
        hit = memo.get(surface)
        if hit is None:
            hit = memo[surface] = _lookup_uncached(surface)
        kind, entry = hit
        if kind is None:
            continue
        while sent + 1 < n_sent and starts[sent + 1] <= start:  # ctx.sentence_of(start)
            sent += 1
        if kind == "actor":
            actor, pejorative, via, _alias = entry
            mention = Mention(start, end, actor, surface, sent, pejorative, via)
            named.append(mention)
        else:
            candidates, pejorative, rule, _alias = entry
            mention = Mention(start, end, "", surface, sent, pejorative, "unresolved")
            pending.append((mention, candidates, rule))
        found.append(mention)
    if pending:
        _resolve_pending(text, pending, named)
    return found


def _resolve_pending(text: str, pending: list, named: list[Mention]) -> None:
    """Give each ambiguous mention its actor (a titled surname, or the candidate named
    nearest before it) and its ``via`` (context or unresolved)."""
    named_starts = [m.start for m in named]
    sets = _ancestor_sets()
    for mention, candidates, rule in pending:
        if rule == "title":
            # a title before it ("Gen. Salami"), or the full name earlier in the document
            # ("IRGC chief Hossein Salami ... Salami said"): news names a person in full first
            titled = _TITLE_BEFORE.search(text, max(0, mention.start - 40), mention.start)
            upto = bisect.bisect_left(named_starts, mention.start)
            named_before = len(candidates) == 1 and any(
                m.actor == candidates[0] for m in named[:upto])
            mention.actor = candidates[0] if (titled or named_before) and len(candidates) == 1 else ""
        else:
            upto = bisect.bisect_left(named_starts, mention.start)
            mention.actor = _resolve_ambiguous(candidates, named, upto, sets)
        mention.via = "context" if mention.actor else "unresolved"


# Titles that make a bare surname a person (ambiguous_aliases.csv, rule "title").
_TITLE_BEFORE = re.compile(
    r"\b(?:Gen\.|General|Maj\.\s*Gen\.|Major\s+General|Brig\.\s*Gen\.|Brigadier\s+General|Commander|"
    r"Minister|Defen[cs]e\s+Secretary|Secretary|President|Sheikh|Sayyed|Sayyid|Ayatollah|Col\.|Colonel)\s+$")


def _resolve_ambiguous(candidates: list[str], named: list[Mention], upto: int, sets: dict) -> str:
    """The candidate named nearest before an ambiguous name (``named[:upto]``: the mentions of
    known actors before it, in text order; an actor or one of its descendants counts for the
    candidate); a mention naming two candidates is passed over; "" when none."""
    for k in range(upto - 1, -1, -1):
        lineage = _ancestor_set(named[k].actor, sets)
        hits = [c for c in candidates if c in lineage]
        if len(hits) == 1:
            return hits[0]
    return ""


@cached
def _coref_index():
    """(pattern, noun → (types, preferred actor, window), fast pattern) for ``coref_nouns.csv``.

    ``pattern`` finds "the/this/these ... <noun>" in any case; the fast pattern finds the same
    matches in the LOWERCASED text of an ASCII document, starting with the literal "th" that
    every determiner shares (a literal start lets the regex engine jump between candidates).
    """
    df = read_lexicon("coref_nouns")
    noun_info = {}
    nouns = []
    for r in df.to_dict("records"):
        for noun in split_values(r["noun"]):
            noun_info[noun.lower()] = (set(split_values(r["types"])), r["prefer"], int(r["window"] or 2))
            nouns.append(noun)
    nouns = sorted(nouns, key=lambda s: (-len(s), s))
    pattern = re.compile(r"\b" + _coref_source(nouns, _COREF_DETERMINERS, "A-Z"), re.IGNORECASE)
    fast = None
    if all(_lowers_safely(n.strip()) for n in nouns):
        fast = re.compile(r"th(?<!\w..)" + _coref_source([n.lower() for n in nouns],
                                                         _COREF_DETERMINERS_AFTER_TH, "a-z"))
    return pattern, noun_info, fast


# The determiners of a coreferring noun phrase, and the same without their shared "th".
_COREF_DETERMINERS = "(?:the|this|that|these|those)"
_COREF_DETERMINERS_AFTER_TH = "(?:e|is|at|ese|ose)"
# Words allowed between the determiner and the noun ("the Iran-backed Iraqi militias").
_COREF_MODIFIERS = (r"(?:[\w]+-(?:backed|aligned|allied|linked)|Iraqi|Shiite|Shia|armed|"
                    r"pro-Iran(?:ian)?|Iranian|Lebanese|Yemeni|powerful|main|same)")


def _coref_source(nouns: list[str], determiners: str, letters: str) -> str:
    """Regex source of a coreferring noun phrase after its opening word boundary. ``letters``
    is the range of a capital that must not follow "of"/"in" ("the group of Iraqi ..."): A-Z
    for the case-insensitive pattern (so any letter), a-z for the lowercased text."""
    modifiers = _COREF_MODIFIERS if letters == "A-Z" else _COREF_MODIFIERS.lower()
    alt = "|".join(phrase_regex(n) for n in nouns)
    return (rf"{determiners}\s+(?:{modifiers}\s+)*"
            rf"(?P<noun>{alt})\b(?!\s+(?:of|in)\s+[{letters}])")


@cached
def _actor_types() -> dict:
    """actor id → type (``actors.csv``)."""
    return {actor_id: row["type"] for actor_id, row in actor_info().items()}


def _coref_matches(text: str) -> list[tuple[int, int, int, int, str]]:
    """(phrase start, phrase end, noun start, noun end, lowercased noun) of every
    coreferring noun phrase of a text, in order."""
    pattern, _info, fast = _coref_index()
    if fast is not None and text.isascii():
        low = text.lower()
        return [(m.start(), m.end(), *m.span("noun"), m.group("noun"))
                for m in fast.finditer(low)]
    return [(m.start(), m.end(), *m.span("noun"), m.group("noun").lower())
            for m in pattern.finditer(text)]


def _coref_mentions(ctx: DocContext, found: list[Mention]) -> list[Mention]:
    """Mentions by coreference: "the militias", "the group" ... take the actor just named
    (``coref_nouns.csv``); a sentence-initial "They" takes the armed group of the sentence
    before. ``found``: the alias mentions, in text order."""
    _pattern, noun_info, _fast = _coref_index()
    text = ctx.text
    out: list[Mention] = []
    matches = _coref_matches(text)
    has_they = "They " in text
    if not matches and not has_they:
        return out
    types_of = _actor_types()
    named = [f for f in found if f.actor]
    if matches:
        taken = [(f.start, f.end) for f in found]
        starts = [t[0] for t in taken]
        by_sent: dict[int, list] = {}
        for f in named:
            by_sent.setdefault(f.sent, []).append(f)
        first_seen: dict[str, int] = {}
        sets = _ancestor_sets()
        for m_start, m_end, a, b, noun in matches:
            i = bisect.bisect_left(starts, b)
            if any(taken[j][1] > a for j in range(max(0, i - 3), i)):
                continue  # the noun is part of an alias mention ("the Iraqi militias"); a
                # name among the modifiers ("the Iran-backed group") is not in the way
            # the lexicon key has single spaces; the text may wrap a noun over a line
            types, prefer, window = noun_info.get(noun) or noun_info[" ".join(noun.split())]
            sent = ctx.sentence_of(a)
            actor = ""
            if prefer:
                if prefer not in first_seen:  # the first mention of an actor under ``prefer``
                    first_seen[prefer] = next(
                        (f.start for f in named if prefer in _ancestor_set(f.actor, sets)),
                        len(text) + 1)
                if first_seen[prefer] < m_start:
                    actor = prefer
            if not actor:
                actor = _nearest_of_types(by_sent, sent, window, m_start, types, types_of)
            if actor:
                out.append(Mention(a, b, actor, text[a:b], sent, False, "coref"))
    if has_they:
        sentence_at = {s_start: i for i, (s_start, _e) in enumerate(ctx.spans)}
        k = text.find("They ")
        while k != -1:
            i = sentence_at.get(k, 0)
            if i:
                prev = [f for f in named if f.sent == i - 1
                        and types_of.get(f.actor) in {"armed_group", "umbrella_group"}]
                if prev:
                    out.append(Mention(k, k + 4, prev[0].actor, "They", i, False, "coref"))
            k = text.find("They ", k + 1)
    return out



@cached
def _proxy_index() -> list[tuple]:
    """[(patron names, before, after, row)] for ``proxy_nouns.csv``. The patron's names are
    actor aliases, so the scan starts from the patron's mentions: ``before`` is tried (with
    ``match``) at a mention or 4 characters before it ("pro-"), and finds "Iran-backed
    [militias]", "pro-Iran [factions]", "Tehran's [proxies]"; ``after`` is tried on the text
    that ends at a mention and finds "[militias] loyal to Tehran". The noun is group ``noun``.
    """
    out = []
    for r in read_lexicon("proxy_nouns").to_dict("records"):
        forms = split_values(r["patron_forms"])
        patrons = "|".join(phrase_regex(f) for f in forms)
        quals = "|".join(re.escape(q) for q in split_values(r["qualifiers"]))
        nouns = "|".join(phrase_regex(n) for n in sorted(split_values(r["nouns"]),
                                                          key=lambda n: (-len(n), n)))
        mods = "|".join(phrase_regex(m) for m in split_values(r["modifiers"]))
        between = rf"(?:(?:{mods})\s+)*" if mods else ""
        before = re.compile(rf"(?:pro-(?:{patrons})|(?:{patrons})-(?:{quals})|(?:{patrons})'s)"
                            rf"\s+{between}(?P<noun>{nouns})\b", re.IGNORECASE)
        after = re.compile(rf"\b(?P<noun>{nouns})\s+(?:(?:{quals})\s+(?:by|to|with)|backed\s+by|"
                           rf"aligned\s+with|allied\s+(?:with|to)|close\s+to)\s+$", re.IGNORECASE)
        out.append(({f.lower() for f in forms}, before, after, r))
    return out


# What lies between a named group and a description of it in an appositive: a comma, then
# words without another comma or a sentence end ("Kataib Hezbollah, the most powerful of ").
_APPOSITIVE_OPEN = re.compile(r",\s+[^,.;:\"]{0,80}")
# How far before a patron's name "[militias] loyal to" may start.
_PROXY_LOOKBACK = 60


def _proxy_hits(text: str, found: list[Mention]) -> list[tuple]:
    """(start, noun start, noun end, row) of every patron description, in text order."""
    hits = []
    for forms, before, after, r in _proxy_index():
        for f in found:
            if f.surface.lower() not in forms:
                continue
            for pos in (f.start - 4, f.start):
                m = before.match(text, pos) if pos >= 0 else None
                if m:
                    hits.append((m.start(), *m.span("noun"), r))
                    break
            else:
                m = after.search(text, max(0, f.start - _PROXY_LOOKBACK), f.start)
                if m:
                    hits.append((m.start(), *m.span("noun"), r))
    return sorted(hits, key=lambda h: h[:3])


def _proxy_mentions(ctx: DocContext, found: list[Mention]) -> list[Mention]:
    """Mentions from patron descriptions (``proxy_nouns.csv``): the noun of "Iran-backed
    militias" or "an Iran-backed militia" is the row's default (the collective) when the
    document mentions one of its context actors; otherwise nothing. ("the Iran-backed
    group" is coreference, found before this.) In an appositive right after a group under
    the default ("Kataib Hezbollah, the most powerful of Iraq's Iran-backed militias,") the
    noun is that group.
    ``found``: the mentions so far (a noun inside one of them is left to it)."""
    text = ctx.text
    hits = _proxy_hits(text, found)
    if not hits:
        return []
    sets = _ancestor_sets()
    named = sorted((f for f in found if f.actor), key=lambda f: f.start)
    starts = [f.start for f in named]
    taken = sorted((f.start, f.end) for f in found)
    out = []
    for start, a, b, r in hits:
        if any(s < b and a < e for s, e in taken):
            continue  # the noun is already part of a mention ("militias in Iraq")
        context = set(split_values(r["context"]))
        sent = ctx.sentence_of(a)
        default = r["default"]
        actor = ""
        comma = text.rfind(",", ctx.spans[sent][0], start)
        if comma != -1 and _APPOSITIVE_OPEN.fullmatch(text, comma, start):
            k = bisect.bisect_left(starts, comma)
            prev = named[k - 1] if k else None
            if (prev is not None and not text[prev.end:comma].strip()
                    and default in _ancestor_set(prev.actor, sets)):
                # "Kataib Hezbollah, the most powerful of Iraq's Iran-backed militias,": the
                # appositive describes the group just named
                actor = prev.actor
        if not actor and any(context & _ancestor_set(f.actor, sets) for f in named):
            actor = default  # the collective, when the document is about its context
        if actor:
            out.append(Mention(a, b, actor, text[a:b], sent, False, "description"))
            taken.append((a, b))
    return out


def _nearest_of_types(by_sent: dict, sent: int, window: int, offset: int, types: set,
                      types_of: dict) -> str:
    """The one actor of one of ``types`` named before ``offset`` in the nearest sentence (of
    the ``window`` sentences up to ``sent``) that names any; "" when none or two."""
    for s in range(sent, max(-1, sent - window), -1):
        cands = {f.actor for f in by_sent.get(s, ()) if f.start < offset and types_of.get(f.actor) in types}
        if len(cands) == 1:
            return cands.pop()
        if cands:
            return ""
    return ""


def find_mentions(ctx: DocContext) -> list[Mention]:
    """Actor mentions of a document (aliases, resolved ambiguous names, coreference)."""
    found = _raw_mentions(ctx)
    found += _coref_mentions(ctx, found)
    found += _proxy_mentions(ctx, found)
    return sorted(found, key=lambda m: (m.start, m.end, m.actor))


def mention_rows(ctx: DocContext) -> list[tuple]:
    """Rows of the ``mentions`` table for a document whose mentions are set."""
    info = actor_info()
    return [(ctx.doc_id, m.sent, m.actor, m.surface, m.start, m.end, bool(m.pejorative),
             info.get(m.actor, {}).get("bloc", ""), m.via) for m in ctx.mentions]


# --------------------------------------------------------------------------- quotes
@cached
def _speech_index():
    """(form → (kind, reported), pattern) for ``speech_verbs.csv``: the pattern finds any form
    in any case, on word boundaries."""
    df = read_lexicon("speech_verbs")
    forms = {}
    for r in df.to_dict("records"):
        for f in split_values(r["forms"]):
            forms[f.lower()] = (r["kind"], r.get("reported", "1") == "1")
    return forms, phrase_pattern(sorted(forms))


# Characters that are not word characters in an ASCII text ([^\w] as a plain set).
_ASCII_NON_WORD = r"[\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]"


@cached
def _speech_scanner():
    """The speech-verb pattern of ``_speech_index`` for a lowercased ASCII text padded with one
    space (see ``_SpeechText.verb``), or None when a form does not lowercase safely."""
    forms, _pattern = _speech_index()
    if not all(_lowers_safely(f.strip()) for f in forms if f.strip()):
        return None
    body = trie_regex(phrase_atoms(f, False) for f in sorted(forms) if f.strip())
    return re.compile(rf"{_ASCII_NON_WORD}(?:{body})(?![\w])")


class _SpeechText:
    """A document's text prepared for the searches of the quote step.

    For an ASCII text the case-insensitive searches run over its lowercased copy with
    plain-literal patterns: the same matches at the same offsets, several times faster than
    case-insensitive matching. Any other text uses the case-insensitive patterns themselves.
    """

    __slots__ = ("_verbs", "lower", "padded", "text")

    def __init__(self, text: str):
        self.text = text
        self._verbs = _speech_scanner()
        self.lower = text.lower() if text.isascii() else None
        self.padded = " " + self.lower if self.lower is not None and self._verbs else None

    def verb(self, start: int, end: int):
        """(start, end, lowercased form) of the first speech verb in text[start:end], as
        ``_speech_index()[1].search(text, start, end)`` finds it; None when there is none."""
        if self.padded is None:
            m = _speech_index()[1].search(self.text, start, end)
            return (m.start(), m.end(), m.group(0).lower()) if m else None
        # the padded text holds text[k] at k + 1, so the character before a verb at k is at k
        m = self._verbs.search(self.padded, start, end + 1)
        return (m.start(), m.end() - 1, m.group(0)[1:]) if m else None

    def final_attribution(self, a: int, b: int):
        """(start, end) of the speaker X of a sentence text[a:b] that ends ", X said." or
        ", X said in a statement on Monday." (``_final_attribution_patterns``: the gate in its
        last ``FINAL_GATE_CHARS`` characters, then the full pattern from the last comma), or
        None."""
        text, lower = self.text, self.lower
        b = min(b, len(text))
        # the match opens with a comma and holds no other: it is the sentence's last comma
        comma = text.rfind(",", a, b)
        if comma == -1:
            return None
        gate, full = _final_attribution_patterns()
        if lower is None:  # lower case is length-preserving on ASCII text only
            sentence = text[a:b].lower()
            if len(sentence) != b - a:
                return None
            if not gate.search(sentence, max(0, len(sentence) - FINAL_GATE_CHARS)):
                return None
            fm = full.match(sentence, comma - a)
            return (a + fm.start("np"), a + fm.end("np")) if fm else None
        if not gate.search(lower, max(a, b - FINAL_GATE_CHARS), b):
            return None
        fm = full.match(lower, comma, b)
        return fm.span("np") if fm else None


_ACCORDING = re.compile(r"\b(?:according\s+to|as\s+reported\s+by|in\s+the\s+words\s+of)\s+", re.IGNORECASE)
_CITING = re.compile(r",?\s*\b(?:citing|quoting)\s+", re.IGNORECASE)
_QUOTED_AS = re.compile(r"\bquot(?:ed|es|ing)\s+(?P<cited>[^,.;:]{1,80}?)\s+as\s+saying\b", re.IGNORECASE)


_OPEN_BEFORE = set(" \t\n([:;,-")
_CLOSE_AFTER = set(" \t\n.,;:!?)]-")
_QUOTE_MARKS = re.compile("[\"']")


def _marks(block: str, mark: str) -> tuple[list[int], list[int]]:
    """Positions of opening and closing quotation marks in a paragraph. An opening mark
    follows the start, a space or an opening bracket and precedes a non-space; a closing
    mark follows a non-space and precedes a space, punctuation or the end. A single quote
    must open before a letter and close after a letter or punctuation (so apostrophes in
    "Kata'ib" or "militias' attacks" are neither, or only a closer with no opener)."""
    opens, closes = [], []
    n = len(block)
    for m in re.finditer(re.escape(mark), block):
        i = m.start()
        before = block[i - 1] if i else " "
        after = block[i + 1] if i + 1 < n else " "
        if mark == '"':
            if before in _OPEN_BEFORE and not after.isspace():
                opens.append(i)
            elif not before.isspace() and (after in _CLOSE_AFTER or i + 1 == n):
                closes.append(i)
        else:
            if before in _OPEN_BEFORE and after.isalpha():
                opens.append(i)
            elif (before.isalpha() or before in ".,!?") and (after in _CLOSE_AFTER or i + 1 == n):
                closes.append(i)
    return opens, closes


def _quote_spans(text: str, paragraph_spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(open mark, close mark + 1, mark) for every quotation, paragraph by paragraph."""
    out = []
    for p_start, p_end in paragraph_spans:
        block = text[p_start:p_end]
        for mark in ('"', "'"):
            if mark not in block:
                continue
            opens, closes = _marks(block, mark)
            pos = -1
            for o in opens:
                if o <= pos:
                    continue
                c = next((c for c in closes if c > o), None)
                if c is None:
                    if mark == '"':  # unclosed: the quote runs to the paragraph's end
                        out.append((p_start + o, p_end, mark))
                    break
                # a later opener before this closer means the first mark was an apostrophe
                nxt = next((x for x in opens if o < x < c), None)
                if mark == "'" and nxt is not None:
                    continue
                out.append((p_start + o, p_start + c + 1, mark))
                pos = c
    # drop single-quoted spans inside double-quoted ones (quotes within quotes)
    doubles = [(a, b) for a, b, m in out if m == '"']
    out = [(a, b, m) for a, b, m in out
           if m == '"' or not any(da <= a and b <= db for da, db in doubles)]
    return sorted(out)


def _np_speaker(ctx: DocContext, start: int, end: int, prefer_first: bool = False):
    """Speaker actor and cited actor from the noun phrase text[start:end]."""
    if not _has_actor_mention(ctx, start, end):
        return "", ""
    seg = ctx.text[start:end]
    cited = ""
    cm = _CITING.search(seg) if _may_cite(seg) else None
    if cm:
        cited_ms = [m for m in ctx.mentions_between(start + cm.end(), end) if m.actor]
        if cited_ms:
            cited = cited_ms[0].actor
        head_end = start + cm.start()
    else:
        head_end = end
    # an appositive (", the head of X,") belongs to the head noun before the first comma
    comma = ctx.text.find(",", start, head_end)
    if comma > start and ctx.text[start:comma].strip():
        # ... unless the head is a title of a possessor ("Kataib Hezbollah's secretary-general,
        # Abu Hussein al-Hamidawi,"): then the person the appositive names speaks
        head = [m for m in ctx.mentions_between(start, comma) if m.actor]
        if head and all(ctx.text.startswith("'s", m.end) for m in head):
            types_of = _actor_types()
            person = next((m for m in ctx.mentions_between(comma, head_end)
                           if m.actor and types_of.get(m.actor) == "person"), None)
            if person is not None:
                return person.actor, cited
        head_end = comma
    ms = [m for m in ctx.mentions_between(start, head_end) if m.actor]
    if not ms:
        return "", cited
    # "Iran's mission to the UN", "the US Embassy in Baghdad": the actor after "to"/"at"/"in"
    # is where the speaker is posted, not who speaks (unless no other actor is named)
    posted = [m for m in ms if _POSTED_AT.search(ctx.text, max(start, m.start - 12), m.start)]
    ms = [m for m in ms if m not in posted] or ms
    non_adj = [m for m in ms if m.via != "adjective"] or ms
    pick = non_adj[0] if prefer_first else non_adj[-1]
    return pick.actor, cited


_POSTED_AT = re.compile(r"\b(?:to|at|in|with|toward|towards)\s+(?:the\s+)?$", re.IGNORECASE)


def _has_actor_mention(ctx: DocContext, start: int, end: int) -> bool:
    """Whether a mention of a known actor lies inside text[start:end]."""
    return any(m.actor for m in ctx.mentions_between(start, end))


def _may_cite(seg: str) -> bool:
    """False when ``_CITING`` cannot match ``seg`` (an ASCII text without "citing"/"quoting")."""
    if not seg.isascii():
        return True
    low = seg.lower()
    return "citing" in low or "quoting" in low


_CONJUNCT = re.compile(r",?\s+(?:and|but|while|whereas)\s+|;\s*")
# An opening adverbial before the subject: "On Monday, ...", "In a speech broadcast by
# Al-Manar, ...", "Speaking to Al-Mayadeen, ...". Used with ``match(text, pos)``, which anchors
# at ``pos`` (a "^" would anchor at the start of the document only).
_LEADING_ADVERBIAL = re.compile(
    r"\s*(?:in|on|at|after|before|during|since|meanwhile|earlier|later|separately|last|this|"
    r"yesterday|today|also|however|overnight|speaking|addressing|writing|responding|"
    r"commenting|asked)\b[^,]{0,60},\s*", re.IGNORECASE)


def _last_conjunct(text: str, lo: int, hi: int) -> int:
    """Start of the last coordinated clause in text[lo:hi] ("X is a group, and IRNA wrote")."""
    starts = [m.end() for m in _CONJUNCT.finditer(text, lo, hi)]
    start = starts[-1] if starts else lo
    m = _LEADING_ADVERBIAL.match(text, start, hi)
    return m.end() if m else start


def _clause_start(text: str, lo: int, hi: int) -> int:
    """Start of the clause that ends at ``hi`` (after the last , ; : or quote mark)."""
    cut = max(text.rfind(ch, lo, hi) for ch in ';:"')
    return max(lo, cut + 1)


# Between a closing quote and "X said": spaces and a comma.
_COMMA_GAP = re.compile(r"\s*,?\s*")
# Between "X said" and an opening quote: "that", a colon or comma, up to six words.
_SAID_THEN_QUOTE = re.compile(r"\s*(?:that\s*)?[:,]?\s*(?:\w+\s+){0,6}?")
_SAID_THAT_QUOTE = re.compile(r"\s*(?:that)?\s*[:,]?\s*")


def _attribute(ctx: DocContext, q_open: int, q_close: int, scan: _SpeechText):
    """Speaker and cited source of a quotation; "" when not found."""
    text = ctx.text
    verb_re = _speech_index()[1]
    s_first = ctx.sentence_of(q_open)
    s_last = ctx.sentence_of(max(q_open, q_close - 1))
    last_end = ctx.spans[s_last][1]
    first_start = ctx.spans[s_first][0]
    # 1. after the quote: '"...," X said' or '"...," said X' or '"...," X quoted Y as saying'
    after_end = min(last_end, q_close + ATTRIBUTION_WINDOW)
    nxt_quote = text.find('"', q_close, after_end)
    if nxt_quote != -1:
        after_end = nxt_quote
    gap = _COMMA_GAP.match(text, q_close, after_end)  # None when the sentence ended first
    base = gap.end() if gap else q_close
    vm = scan.verb(base, after_end)
    if vm:
        v_start, v_end = vm[0], vm[1]
        if v_start > base:  # X said
            speaker, cited = _np_speaker(ctx, base, v_start)
            if len(text[base:v_start].split()) <= SPEAKER_NP_MAX_WORDS and (speaker or _pronoun(text[base:v_start])):
                qa = _QUOTED_AS.search(text, v_start, after_end)
                if qa:
                    cited = _np_speaker(ctx, qa.start("cited"), qa.end("cited"))[0] or cited
                cm = _CITING.match(text, v_end, after_end)
                if cm and not cited:  # '"...," IRNA said, citing Al-Mayadeen.'
                    cited = _np_speaker(ctx, cm.end(), _np_end(text, cm.end(), after_end))[0]
                return speaker or _pronoun_speaker(ctx, q_open, text[base:v_start]), cited
        else:  # said X
            np_end = _np_end(text, v_end, after_end)
            speaker, cited = _np_speaker(ctx, v_end, np_end, prefer_first=False)
            if speaker:
                return speaker, cited
    # 2. before the quote, same sentence: 'X said: "..."'
    before_start = max(first_start, q_open - ATTRIBUTION_WINDOW)
    prev_quote = text.rfind('"', before_start, q_open)
    if prev_quote != -1:
        before_start = prev_quote + 1
    before = text[before_start:q_open]
    vms = list(verb_re.finditer(before))
    if vms:
        vm = vms[-1]
        tail = before[vm.end():]
        if _SAID_THEN_QUOTE.fullmatch(tail) or _SAID_THAT_QUOTE.fullmatch(tail):
            np_start = _clause_start(text, before_start, before_start + vm.start())
            np_start = _last_conjunct(text, np_start, before_start + vm.start())
            speaker, cited = _np_speaker(ctx, np_start, before_start + vm.start())
            if speaker:
                return speaker, cited
    # 3. "according to X" in the sentence(s), outside the quote
    for s in range(s_first, s_last + 1):
        a, b = ctx.spans[s]
        for am in _ACCORDING.finditer(text, a, b):
            if q_open <= am.start() < q_close:
                continue
            speaker, cited = _np_speaker(ctx, am.end(), _np_end(text, am.end(), b))
            if speaker:
                return speaker, cited
    return "", ""


_CLAUSE_WORDS_SOURCE = (
    r"\b(?:if|when|after|while|because|that|to|is|are|was|were|has|have|had|will|would|could|"
    r"should|may|might|must|can|not|and|but|do|does|did)\b")
_AUX_BEFORE_VERB_SOURCE = (r"\s(?:has|have|had|also|again|later|earlier|repeatedly|previously|"
                           r"last\s+\w+|on\s+\w+day)\s*$")
_CLAUSE_WORDS = re.compile(_CLAUSE_WORDS_SOURCE, re.IGNORECASE)
_AUX_BEFORE_VERB = re.compile(_AUX_BEFORE_VERB_SOURCE, re.IGNORECASE)
# The same two, without IGNORECASE, for a lowercased ASCII text (plain literals match faster).
_CLAUSE_WORDS_LOWER = re.compile(_CLAUSE_WORDS_SOURCE)
_AUX_BEFORE_VERB_LOWER = re.compile(_AUX_BEFORE_VERB_SOURCE)
_CITING_CLAUSE = re.compile(r",\s*(?:citing|quoting)\s+[^,]*,?")
_APPOSITIVE = re.compile(r",[^,]*,")


def _is_subject_np(np_text: str) -> bool:
    """True when the text before a speech verb looks like its subject noun phrase: short, and
    no other verb or clause in it (appositives and ", citing Y," allowed); "has warned",
    "warned last week" are fine, "is pushing the militias to threaten" is not."""
    if len(np_text.split()) > SPEAKER_NP_MAX_WORDS:
        return False
    head = np_text
    if "," in head:
        head = _CITING_CLAUSE.sub(",", head)
        head = _APPOSITIVE.sub(",", head)  # appositive ", the head of X,"
    if head.isascii():
        head = _AUX_BEFORE_VERB_LOWER.sub("", " " + head.lower())
        return not _CLAUSE_WORDS_LOWER.search(head)
    head = _AUX_BEFORE_VERB.sub("", " " + head)
    return not _CLAUSE_WORDS.search(head)


def _pronoun(seg: str) -> bool:
    return seg.strip().lower() in {"he", "she", "they", "it", "the statement", "the group"}


#: Sentences back (the current one included) where the person a "he"/"she" stands for may be
#: named.
PRONOUN_WINDOW = 2


def _pronoun_speaker(ctx: DocContext, offset: int, pronoun: str = "") -> str:
    """Who a speaking pronoun ("...," he said) stands for. "he"/"she": the person named last
    before ``offset`` (outside quotation marks) in the ``PRONOUN_WINDOW`` sentences up to it,
    when that mention comes after the previous quotation ("Khazali said the militias were
    ready. '...,' he said."). Otherwise, and for "they", "it", "the statement": the previous
    quotation's speaker (a run of quotes by one speaker), or ""."""
    last_q = next((q for q in reversed(ctx.quotes)
                   if q.start < offset and q.speaker not in {"", "unknown"}), None)
    if pronoun.strip().lower() in {"he", "she"}:
        types_of = _actor_types()
        first_sent = max(0, ctx.sentence_of(offset) - PRONOUN_WINDOW + 1)
        floor = max(ctx.spans[first_sent][0], last_q.end if last_q else 0)
        quoted = [(q.start, q.end) for q in ctx.quotes if q.end > floor and q.start < offset]
        for m in reversed(ctx.mentions_between(floor, offset)):
            if m.actor and types_of.get(m.actor) == "person" and not any(
                    a <= m.start < b for a, b in quoted):
                return m.actor
    return last_q.speaker if last_q else ""


_NP_END = re.compile(r"[,.;:!?\"]|\s(?:that|who|which|on|in|at|as|after|before)\s")


def _np_end(text: str, start: int, limit: int) -> int:
    """End of the noun phrase that starts at ``start``: the next punctuation or clause word."""
    m = _NP_END.search(text, start, limit)
    return m.start() if m else limit


#: Words that may open what follows a final "X said" before the full stop: "..., Hezbollah
#: said in a statement.", "..., the Pentagon said Monday.", "..., IRNA reported late on
#: Tuesday.", "..., Nujaba said on its Telegram channel." (at most FINAL_TAIL_CHARS, no comma).
FINAL_TAIL_OPENERS = (
    "in", "on", "at", "during", "late", "early", "after", "via", "through", "earlier", "later",
    "last", "this", "from", "before", "while", "when", "overnight", "today", "yesterday",
    "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "according", "without", "as", "to", "with")
FINAL_TAIL_CHARS = 60


@cached
def _final_attribution_patterns():
    """(gate, full) regexes for a sentence that ends ", X <speech verb> [tail]." Verbs are
    every form of ``speech_verbs.csv`` except quoting verbs, -ing forms and multiword forms
    ("told" takes its addressee: "told reporters"). ``gate`` finds the verb and tail at the
    end; ``full`` matches from the sentence's last comma with the speaker in group ``np``.
    Both are compiled for lowercased text."""
    forms, _ = _speech_index()
    verbs = sorted((f for f, (kind, _r) in forms.items()
                    if kind != "quote" and " " not in f and not f.endswith("ing")),
                   key=lambda f: (-len(f), f))
    verb = "(?:" + "|".join(re.escape(v) for v in verbs if v not in {"tell", "tells", "told"}) \
        + r"|(?:tell|tells|told)\s+[\w-]+)"
    tail = r"(?:\s+(?:" + "|".join(FINAL_TAIL_OPENERS) + rf")\b[^,\"]{{0,{FINAL_TAIL_CHARS}}}?)?"
    end = verb + tail + r"\s*\.?$"
    return re.compile(r"\b" + end), re.compile(r",\s*(?P<np>[^,\"]{2,80}?)\s+" + end)


#: The gate looks for the verb in this many last characters of a sentence.
FINAL_GATE_CHARS = 40 + FINAL_TAIL_CHARS
_SPACES = re.compile(r"\s+")


def _reported_speaker(ctx: DocContext, i: int, scan: _SpeechText):
    """Speaker of reported speech in sentence ``i`` without quotation marks, or ("", "")."""
    text = ctx.text
    a, b = ctx.spans[i]
    # "According to X, ...": the sentence starts with a/A or i/I ("in the words of")
    if scan.lower is None or scan.lower[a:a + 1] in ("a", "i"):
        am = _ACCORDING.match(text[a:b])
        if am:
            speaker, cited = _np_speaker(ctx, a + am.end(), _np_end(text, a + am.end(), b))
            if speaker:
                return speaker, cited
    np_span = scan.final_attribution(a, b)  # "..., X said."
    if np_span and _has_actor_mention(ctx, *np_span) and _is_subject_np(text[np_span[0]:np_span[1]]):
        speaker, cited = _np_speaker(ctx, *np_span)
        if speaker:
            return speaker, cited
    if "according" in text[max(a, b - 90):b].lower():  # "..., according to US officials."
        fa = _FINAL_ACCORDING.search(text, a, b)
        if fa and any(m.actor and not _POSTED_AT.search(text, max(fa.start("np"), m.start - 12), m.start)
                      for m in ctx.mentions_between(*fa.span("np"))):
            speaker, cited = _np_speaker(ctx, *fa.span("np"))
            if speaker:
                return speaker, cited
    # subject + speech verb at the start of the sentence: "IRNA, citing X, said ..."
    start = a
    lead = _LEADING_ADVERBIAL.match(text, a, b)
    if lead:
        start = lead.end()
    vm = scan.verb(start, min(b, start + 200))
    if vm and vm[0] > start:
        # "Iran armed the militias, the report said, ...": a noun phrase of its own after the
        # last comma is the subject ("the report": no actor, so the author); "IRNA, Iran's
        # news agency, said" has none there and keeps the whole
        comma = text.rfind(",", start, vm[0])
        if comma != -1 and text[comma + 1:vm[0]].strip():
            start = comma + 1
    if vm and vm[0] > start and vm[2] in _COORDINATED_SPEECH \
            and _COORDINATED_BEFORE.search(text, max(start, vm[0] - 6), vm[0]):
        subject = _leading_subject(ctx, start, vm[0])
        if subject:  # "Kanaani condemned the strike and said ...", "X struck a softer tone, saying"
            return subject, ""
    if vm and vm[0] > start and _introduces_reported_speech(vm[2]) \
            and _has_actor_mention(ctx, start, vm[0]) and _is_subject_np(text[start:vm[0]]):
        speaker, cited = _np_speaker(ctx, start, vm[0])
        if speaker:
            qa = _QUOTED_AS.search(text, vm[0], b)
            if qa:
                cited = _np_speaker(ctx, qa.start("cited"), qa.end("cited"))[0] or cited
            return speaker, cited
    return "", ""


#: Sentences back in which the speaker a continuing sentence ("He added ...", "..., the
#: official said.", a quotation with no attribution) refers to must have spoken.
CONTINUITY_WINDOW = 2
#: A subject that names no one new: a pronoun, or a definite role noun ("the official", "the
#: military", "the source", "the embassy", "the Hezbollah leader") that refers back to the
#: speaker just introduced. An indefinite one ("a source said") brings in someone new.
_BACK_SPEAKER = re.compile(
    r"(?:he|she|they|it|(?:the|his|her|its)\s+(?:[\w'-]+\s+){0,2}?(?:official|officials|source|sources|"
    r"spokesman|spokeswoman|spokesperson|military|army|embassy|ministry|mission|office|statement|"
    r"agency|leader|commander|minister|envoy|diplomat|officer|aide|adviser|advisor|movement|"
    r"group|party|eminence))",
    re.IGNORECASE)
_SPEECH_ADVERBS = frozenset({"also", "later", "further", "separately", "earlier", "then", "again",
                             "repeatedly", "has", "had", "have", "previously", "subsequently"})
_FINAL_ACCORDING = re.compile(r",\s*according\s+to\s+(?P<np>[^,\"]{2,80}?)\s*\.?\s*$", re.IGNORECASE)


def _refers_back(np: str) -> bool:
    """The noun phrase names no one new (``_BACK_SPEAKER``).

    >>> _refers_back("He"), _refers_back("the official"), _refers_back("a source"), _refers_back("Iran")
    (True, True, False, False)
    """
    words = np.split()
    while words and words[-1].lower() in _SPEECH_ADVERBS:
        words.pop()  # "He also", "The official later"
    return bool(_BACK_SPEAKER.fullmatch(" ".join(words)))


def _continues_speech(ctx: DocContext, i: int, scan: _SpeechText,
                      unknown: list[tuple[int, int]]) -> bool:
    """Sentence ``i`` carries the words of the speaker just introduced: it opens with "He
    added", "The official said", ends with ", the source said." or ", according to the
    official.", or is a quotation with no speaker of its own (``unknown``: the spans of the
    sentence's speech quotes that have no speaker)."""
    text = ctx.text
    a, b = ctx.spans[i]
    if unknown:
        if not _verb_outside(scan, a, b, unknown) and not _named_outside(ctx, i, unknown):
            return True  # a quotation with no attribution and no one named in its sentence
        tail = max(e for _s, e in unknown)  # '"...," the military said in a statement.'
        vm = scan.verb(tail, b)
        if vm and _refers_back(text[tail:vm[0]].strip(" ,\"'\u201d\u2019")):
            return True
    fa = _FINAL_ACCORDING.search(text, a, b)
    if fa and _refers_back(fa.group("np")):
        return True
    np_span = scan.final_attribution(a, b)
    if np_span and _refers_back(text[np_span[0]:np_span[1]]):
        return True
    start = a
    lead = _LEADING_ADVERBIAL.match(text, a, b)
    if lead:
        start = lead.end()
    vm = scan.verb(start, min(b, start + 60))
    return bool(vm and vm[0] > start and _refers_back(text[start:vm[0]]))


def _named_outside(ctx: DocContext, i: int, spans: list[tuple[int, int]]) -> bool:
    """An actor is named in sentence ``i`` outside the (start, end) spans (quotations):
    "Kanaani condemned the attack, calling it '...'" has a speaker of its own."""
    return any(m.actor and not any(s <= m.start < e for s, e in spans) for m in ctx.mentions_in(i))


def _verb_outside(scan: _SpeechText, a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    """A speech verb in text[a:b] outside the (start, end) spans (quotations)."""
    pos = a
    for start, end in sorted(spans) + [(b, b)]:
        if start > pos and scan.verb(pos, start):
            return True
        pos = max(pos, end)
    return False


def _continue_speakers(ctx: DocContext, scan: _SpeechText) -> None:
    """Give the last named speaker (within ``CONTINUITY_WINDOW`` sentences) to sentences
    that continue their words (``_continues_speech``), and to their unattributed quotes."""
    unknown: dict[int, list] = {}  # sentence → its speech quotes without a speaker
    for q in ctx.quotes:
        if q.kind == "speech" and q.speaker == "unknown":
            unknown.setdefault(q.sent, []).append(q)
    types_of = _actor_types()
    last, last_sent = "", -CONTINUITY_WINDOW - 1
    for i in range(len(ctx.spans)):
        speaker = ctx.speakers[i]
        quotes = unknown.get(i, ())
        if quotes and speaker in _NO_SPEAKER_IDS:
            # "Kanaani condemned the attack, calling it '...'": the person named before the
            # quotation, outside it, speaks it
            first = min(q.start for q in quotes)
            person = next((m for m in ctx.mentions_in(i) if m.actor and m.end <= first
                           and types_of.get(m.actor) == "person"
                           and not any(q.start <= m.start < q.end for q in ctx.quotes)), None)
            if person is not None:
                speaker = ctx.speakers[i] = person.actor
                for q in quotes:
                    q.speaker = person.actor
        if speaker not in _NO_SPEAKER_IDS:
            last, last_sent = speaker, i
            continue
        if not last or i - last_sent > CONTINUITY_WINDOW:
            continue
        quotes = unknown.get(i, ())
        if not _continues_speech(ctx, i, scan, [(q.start, q.end) for q in quotes]):
            continue
        ctx.speakers[i] = last
        for q in quotes:
            q.speaker = last
            for k in range(i + 1, ctx.sentence_of(max(q.start, q.end - 1)) + 1):
                if ctx.speakers[k] in _NO_SPEAKER_IDS:
                    ctx.speakers[k] = last  # the quotation runs on: "... We can ..."
        last_sent = i


_NO_SPEAKER_IDS = frozenset({"author", "unknown", ""})


# "... and said", ", saying": a speech verb coordinated with the sentence's first verb.
_COORDINATED_SPEECH = frozenset({"said", "says", "added", "adds", "warned", "warns", "stressed",
                                 "noted", "saying", "adding", "warning", "stressing", "noting"})
_COORDINATED_BEFORE = re.compile(r"(?:\sand|,)\s+$", re.IGNORECASE)
# The verb right after a sentence-initial subject: a past tense or a present "-s" form.
_FIRST_VERB = re.compile(r"\s+(?:also\s+|later\s+|strongly\s+|sharply\s+)?(?:has\s+|had\s+)?"
                         r"[a-z]+(?:ed|s)\b")


def _leading_subject(ctx: DocContext, start: int, verb_at: int) -> str:
    """The actor a sentence opens with when a verb follows it directly ("Kanaani condemned",
    "The Pentagon struck"), before ``verb_at``; "" when the sentence opens otherwise."""
    for m in ctx.mentions_between(start, verb_at):
        if not m.actor:
            continue
        lead = ctx.text[start:m.start].strip().lower()
        if lead and lead not in {"the", "a", "an"} and not lead.endswith("'s") \
                and len(lead.split()) > 3:
            return ""
        if any(w in _LEAD_BLOCKERS for w in lead.split()):
            return ""
        return m.actor if _FIRST_VERB.match(ctx.text, m.end, verb_at) else ""
    return ""


_LEAD_BLOCKERS = frozenset({"in", "on", "at", "of", "for", "by", "with", "to", "from", "against"})


def _introduces_reported_speech(form: str) -> bool:
    """Whether a speech verb (lowercased) introduces reported speech (``speech_verbs.csv``)."""
    return _speech_index()[0].get(_SPACES.sub(" ", form), ("", False))[1]


def find_quotes(ctx: DocContext) -> list[tuple]:
    """Quotations of a document with their speakers; also sets ``ctx.quotes`` and the
    per-sentence ``ctx.speakers`` / ``ctx.cited``. Returns ``quotes`` table rows."""
    text = ctx.text
    from .clean import paragraphs
    para_spans = paragraphs(text)
    quotes: list[Quote] = []
    scan = _SpeechText(text)
    prev_para_speaker: dict[int, str] = {}
    for q_open, q_close, mark in _quote_spans(text, para_spans):
        inner_start, inner_end = q_open + 1, q_close - 1 if text[q_close - 1:q_close] == mark else q_close
        inner = text[inner_start:inner_end]
        sent = ctx.sentence_of(q_open)
        n_words = len(inner.split())
        if n_words == 0:
            continue
        if n_words <= SCARE_MAX_WORDS and not re.search(r"[.!?]$", inner.strip()):
            quotes.append(Quote(inner_start, inner_end, sent, "", "", "scare"))
            continue
        ctx.quotes = quotes  # let pronoun attribution see earlier quotes
        speaker, cited = _attribute(ctx, q_open, q_close, scan)
        para = ctx.paragraphs[sent] if ctx.paragraphs else 0
        if not speaker:
            reported = _reported_speaker(ctx, sent, scan)
            speaker, cited = reported if reported[0] else ("", "")
        if not speaker and para - 1 in prev_para_speaker:
            speaker = prev_para_speaker[para - 1]
        speaker = speaker or "unknown"
        quotes.append(Quote(inner_start, inner_end, sent, speaker, cited, "speech"))
        if speaker != "unknown":
            prev_para_speaker[para] = speaker
    ctx.quotes = quotes
    # sentence speakers: a sentence holding a speech quote carries its speaker; otherwise
    # reported speech ("X said ..."); else the author.
    for q in quotes:
        if q.kind != "speech":
            continue
        for s in range(q.sent, ctx.sentence_of(max(q.start, q.end - 1)) + 1):
            if ctx.speakers[s] == "author":
                ctx.speakers[s], ctx.cited[s] = q.speaker, q.cited
    for i in range(len(ctx.spans)):
        if ctx.speakers[i] == "author":
            speaker, cited = _reported_speaker(ctx, i, scan)
            if speaker:
                ctx.speakers[i], ctx.cited[i] = speaker, cited
    _continue_speakers(ctx, scan)
    # fill a cited source found by the sentence for a quote that has none
    rows = []
    for q in quotes:
        if q.kind == "scare":  # the marks are the voice of whoever speaks the sentence
            q.speaker, q.cited = ctx.speakers[q.sent], ctx.cited[q.sent]
        if q.kind == "speech" and not q.cited and ctx.cited[q.sent] and ctx.speakers[q.sent] == q.speaker:
            q.cited = ctx.cited[q.sent]
        rows.append((ctx.doc_id, q.sent, q.speaker, q.cited, q.kind, text[q.start:q.end], q.start, q.end))
    return rows


# --------------------------------------------------------------------------- roles
# A sentence is tried against the role rules only if it holds one of these word starts.
_ROLE_CUE_STEMS = [
    "backed", "backing", "support", "sponsor", "fund", "financ", "arm", "proxy", "proxies",
    "client", "surrogate", "affiliat", "align", "allied", "linked", "loyal", "train",
    "equip", "bankroll", "direct", "suppl", "pressur", "press", "push", "urge", "persuad",
    "restraint", "calm", "mediat", "broker", "facilitat", "control", "ceasefire", "truce",
    "dialogue", "de-escalat", "deescalat"]
_ROLE_SLOT = r"\u27e6(?P<{}>\d+)\u27e7"
_ROLE_SLOT_UNNAMED = r"\u27e6\d+\u27e7"
_ROLE_GAP = r"(?:[^\s\u27e6]+\s+){0,6}?"  # {W}: up to six words between two slots


class _RoleRule(NamedTuple):
    """One row of ``role_rules.csv``, compiled: ``pattern`` over the masked sentence in any
    case; ``lowered`` (or None) the same without IGNORECASE, for a lowercased ASCII sentence."""

    rule_id: str
    pattern: re.Pattern
    lowered: re.Pattern | None
    role_a: str
    role_b: str


@cached
def _role_rules():
    """(rules, cue pattern, fast cue pattern, any-rule pattern) of ``role_rules.csv``.

    ``rules``: ``_RoleRule`` tuples. The cue pattern finds a ``_ROLE_CUE_STEMS`` word start;
    its fast form (or None) does the same on a lowercased ASCII text padded with one space.
    The any-rule pattern (or None) is every rule's ``lowered`` pattern in one alternation, its
    slots unnamed: it finds a match exactly when some rule does, so a sentence no rule fits
    costs one search instead of one per rule. Plain lowercase literals are matched several
    times faster than case-insensitive ones, hence the lowered forms.
    """
    df = read_lexicon("role_rules")
    rules, sources = [], []
    for r in df.to_dict("records"):
        pattern = r["pattern"]
        if not pattern or not r["role_a"]:
            continue
        src = _rule_source(pattern, _ROLE_SLOT.format("A"), _ROLE_SLOT.format("B"))
        try:
            compiled = re.compile(src, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"role_rules.csv rule {r['rule_id']!r}: bad pattern ({exc})") from None
        lowered = re.compile(src) if _lowercase_safe(pattern) else None
        rules.append(_RoleRule(r["rule_id"], compiled, lowered, r["role_a"], r["role_b"]))
        sources.append(_rule_source(pattern, _ROLE_SLOT_UNNAMED, _ROLE_SLOT_UNNAMED))
    cue_words = re.compile(r"(?<![\w])" + trie_regex(phrase_atoms(st, True) for st in _ROLE_CUE_STEMS))
    fast_cue = None
    if all(_lowers_safely(st) for st in _ROLE_CUE_STEMS):
        fast_cue = re.compile(_ASCII_NON_WORD + trie_regex(
            phrase_atoms(st.lower(), False) for st in _ROLE_CUE_STEMS))
    any_rule = None
    if rules and all(rule.lowered is not None for rule in rules):
        any_rule = _any_rule_pattern(sources)
    return rules, cue_words, fast_cue, any_rule


def _rule_source(pattern: str, slot_a: str, slot_b: str) -> str:
    """Regex source of a role rule: {A} and {B} become slots, {W} a gap of words."""
    return pattern.replace("{A}", slot_a).replace("{B}", slot_b).replace("{W}", _ROLE_GAP)


def _lowercase_safe(pattern: str) -> bool:
    r"""True when a rule's regex names no capital letter (no A-Z, nor an escape that could stand
    for one) and sets no flags inline: then, compiled without IGNORECASE, it matches a
    lowercased ASCII sentence exactly where, case-insensitive, it matches the sentence.

    >>> _lowercase_safe(r"{A}\s+(?:backs|funds)\s+{B}"), _lowercase_safe(r"{A}\s+[A-Z]\w+")
    (True, False)
    """
    own = pattern.replace("{A}", "").replace("{B}", "").replace("{W}", "")  # slots are ours
    return not re.search(r"[A-Z]|\\[xuUN0-9]|\(\?[-aiLmsux]", own)


def _any_rule_pattern(sources: list[str]):
    """One alternation of the rule sources (without IGNORECASE, for lowercased sentences), or
    None when joining them could change what a rule matches (a back-reference, a group name
    used twice, a bad pattern)."""
    if any(re.search(r"\\[1-9]|\(\?P=", src) for src in sources):
        return None
    try:
        return re.compile("|".join(f"(?:{src})" for src in sources))
    except re.error:
        return None


def _cue_sentences(ctx: DocContext, cue_words: re.Pattern, fast_cue) -> list[int]:
    """Indices of the sentences where ``cue_words`` finds a cue in the sentence's text.

    For an ASCII text the fast cue pattern searches each sentence in the lowercased document
    padded with one space (the character before a sentence stands where the sentence's own
    search sees none, the same unless it is a word character: such a sentence is searched on
    its own).
    """
    text, spans = ctx.text, ctx.spans
    if fast_cue is None or not text.isascii():
        return [k for k, (a, b) in enumerate(spans) if cue_words.search(text[a:b])]
    padded = " " + text.lower()
    search = fast_cue.search
    return [k for k, (a, b) in enumerate(spans)
            if (search(padded, a, b + 1) if not a or not _is_word_char(text[a - 1])
                else cue_words.search(text[a:b]))]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _masked(ctx: DocContext, i: int, text: str | None = None):
    """Sentence text with every resolved mention replaced by ⟦k⟧; returns (masked, mentions).
    ``text``: the document's text to cut the sentence from (``ctx.text`` or a lowercased copy)."""
    text = ctx.text if text is None else text
    a, b = ctx.spans[i]
    ms = [m for m in ctx.mentions_in(i) if m.actor]
    parts, pos = [], a
    kept = []
    for m in ms:
        if m.start < pos:
            continue
        parts.append(text[pos:m.start])
        parts.append(f"\u27e6{len(kept)}\u27e7")
        kept.append(m)
        pos = m.end
    parts.append(text[pos:b])
    return "".join(parts), kept


# Columns of an ``events`` row that the roles read (``helpers.events`` row layout).
_EVENT_COLUMNS = ["doc_id", "sent_id", "source_actor", "target_actor", "cameo_code", "cameo_root",
                  "quad_class", "goldstein", "modality", "date", "date_precision", "text"]
_EVENT_SENT, _EVENT_SOURCE, _EVENT_TARGET, _EVENT_ROOT, _EVENT_MODALITY = (
    _EVENT_COLUMNS.index(c) for c in ("sent_id", "source_actor", "target_actor", "cameo_root", "modality"))


def find_roles(ctx: DocContext, events: list[tuple] = (), triggers: list[tuple] = ()) -> list[tuple]:
    """Rows of the ``roles`` table: patron/proxy and mediator from ``role_rules.csv``;
    threatener/target and attacker/target from events and triggers; speakers."""
    rules, cue_words, fast_cue, any_rule = _role_rules()
    rows: set[tuple] = set()
    lowered = ctx.text.lower() if any_rule is not None and ctx.text.isascii() else None
    for i in _cue_sentences(ctx, cue_words, fast_cue):
        if not ctx.mentions_in(i):
            continue
        masked, ms = _masked(ctx, i, lowered)
        if lowered is not None and not any_rule.search(masked):
            continue
        sentence = ctx.sentence_text(i)
        for rule in rules:
            pattern = rule.pattern if lowered is None else rule.lowered
            role_a, role_b = rule.role_a, rule.role_b
            for m in pattern.finditer(masked):
                actor_a = ms[int(m.group("A"))].actor
                actor_b = ms[int(m.group("B"))].actor if "B" in m.groupdict() and m.group("B") else ""
                if actor_a == actor_b:
                    continue
                if actor_b and bloc_of(actor_a) == bloc_of(actor_b) and role_a == "patron":
                    continue  # "Iraqi militias backed by Iraqi ..." is not a patron relation
                rows.add((ctx.doc_id, i, actor_a, role_a, actor_b, sentence, rule.rule_id))
                if role_b and actor_b:
                    rows.add((ctx.doc_id, i, actor_b, role_b, actor_a, sentence, rule.rule_id))
    doc_id = ctx.doc_id
    for e in events:
        src, tgt, root, modality, sent = (e[_EVENT_SOURCE], e[_EVENT_TARGET], str(e[_EVENT_ROOT]),
                                          e[_EVENT_MODALITY], e[_EVENT_SENT])
        if root == "13":
            pair = ("threatener", "target")
        elif root in {"18", "19", "20"} and modality == "asserted":
            pair = ("attacker", "target")
        else:
            continue
        evidence = ctx.sentence_text(sent)
        if src:
            rows.add((doc_id, sent, src, pair[0], tgt or "", evidence, f"event_{root}"))
        if tgt:
            rows.add((doc_id, sent, tgt, pair[1], src or "", evidence, f"event_{root}"))
    for t in triggers:
        sent, kind, threatener, target = t[1], t[2], t[3], t[4]
        evidence = ctx.sentence_text(sent)
        first = "attacker" if kind == "retaliation" else "threatener"
        if threatener:
            rows.add((doc_id, sent, threatener, first, target or "", evidence, f"trigger_{kind}"))
        if target:
            rows.add((doc_id, sent, target, "target", threatener or "", evidence, f"trigger_{kind}"))
    for i, speaker in enumerate(ctx.speakers):
        if speaker not in {"author", "unknown", ""}:
            rows.add((doc_id, i, speaker, "speaker", ctx.cited[i], ctx.sentence_text(i), "speech"))
    # one row per (sentence, actor, role, counterpart); the rules that found it are joined.
    # Rows sort as (sentence, actor, role, counterpart, rule): doc_id is the same in all and
    # the evidence is the sentence's text, so the rows' own order is that order.
    merged: dict[tuple, tuple] = {}
    for r in sorted(rows):
        key = r[:5]
        if key in merged:
            merged[key] = merged[key][:6] + (merged[key][6] + "|" + r[6],)
        else:
            merged[key] = r
    return list(merged.values())


# --------------------------------------------------------------------------- convenience
def context_for_text(text: str, date=None, doc_id: str = "text", quotes: bool = True) -> DocContext:
    """Clean and split a text, find its mentions (and quotes/speakers): for tests and notebooks.

    >>> ctx = context_for_text('"We will strike," IRNA said.')
    >>> ctx.speakers
    ['irna']
    """
    import datetime as dt
    clean = normalize(text)
    spans = sentence_spans(clean)
    if isinstance(date, str) and date:
        date = dt.date.fromisoformat(date)
    ctx = DocContext(doc_id=doc_id, text=clean, spans=spans, date=date or None)
    ctx.paragraphs = paragraph_index(clean, spans)
    ctx.set_mentions(find_mentions(ctx))
    if quotes:
        find_quotes(ctx)
    return ctx


def mentions_in_text(text: str) -> pd.DataFrame:
    """The mentions of one text as a table (actor, surface, start, end, pejorative, via).

    >>> mentions_in_text("The Zionist regime and Kata'ib Hizballah")[["actor", "pejorative"]].values.tolist()
    [['israel', True], ['kataib_hezbollah', False]]
    """
    ctx = context_for_text(text, quotes=False)
    return pd.DataFrame([(m.actor, m.surface, m.start, m.end, m.pejorative, m.via, m.sent)
                         for m in ctx.mentions],
                        columns=["actor", "surface", "start", "end", "pejorative", "via", "sent_id"])


# --------------------------------------------------------------------------- summaries
def alias_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """How each actor is named: one row per (actor, surface) with its count and flag.

    >>> alias_table(pd.DataFrame({"actor": ["israel", "israel"], "surface": ["Zionist regime",
    ...     "Israel"], "pejorative": [True, False], "via": ["pejorative", "alias"]})).values.tolist()
    [['israel', 'Israel', False, 'alias', 1], ['israel', 'Zionist regime', True, 'pejorative', 1]]
    """
    named = mentions[mentions["actor"] != ""]
    out = (named.groupby(["actor", "surface", "pejorative", "via"], dropna=False).size()
           .rename("count").reset_index())
    return out.sort_values(["actor", "count", "surface"], ascending=[True, False, True],
                           kind="mergesort").reset_index(drop=True)


def bloc_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions rolled up by bloc: one row per (bloc, actor) with counts, biggest blocs first."""
    named = mentions[mentions["actor"] != ""]
    out = named.groupby(["bloc", "actor"]).size().rename("mentions").reset_index()
    totals = out.groupby("bloc")["mentions"].transform("sum")
    out = out.assign(bloc_total=totals)
    return out.sort_values(["bloc_total", "bloc", "mentions", "actor"],
                           ascending=[False, True, False, True], kind="mergesort").reset_index(drop=True)


RELATION_ROLES = {"patron": "backs", "threatener": "threatens", "attacker": "attacks",
                  "mediator": "presses"}


def role_edges(roles: pd.DataFrame) -> pd.DataFrame:
    """Directed relations between actors from the roles table: (source, target, relation,
    n, evidence sentence ids), one row per pair and relation."""
    rows = roles[roles["role"].isin(RELATION_ROLES) & (roles["counterpart"] != "")]
    rows = rows.assign(relation=rows["role"].map(RELATION_ROLES),
                       ref=rows["doc_id"].astype(str) + ":" + rows["sent_id"].astype(str))
    out = (rows.groupby(["actor", "counterpart", "relation"])
           .agg(n=("ref", "nunique"), evidence=("ref", lambda s: " | ".join(sorted(set(s)))))
           .reset_index().rename(columns={"actor": "source", "counterpart": "target"}))
    return out.sort_values(["relation", "source", "target"], kind="mergesort").reset_index(drop=True)
