"""Actors and roles: who is named, who speaks, who backs whom.

Lexicons read: ``actors.csv`` (ids, types, parents, aliases), ``ambiguous_aliases.csv``,
``places.csv``, ``speech_verbs.csv``, ``coref_nouns.csv``, ``role_rules.csv``.

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

>>> ctx = context_for_text("Kataib Hezbollah, backed by Iran, warned the US. Let us see.")
>>> [(m.actor, m.surface) for m in ctx.mentions]
[('kataib_hezbollah', 'Kataib Hezbollah'), ('iran', 'Iran'), ('united_states', 'US')]
"""

from __future__ import annotations

import bisect
import re

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
    """Compile every alias into one regex; return (pattern, ci_lookup, cs_lookup)."""
    df = _actor_table()
    ci: dict[str, tuple[str, bool, str]] = {}
    cs: dict[str, tuple[str, bool, str]] = {}
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
    atom_lists = [phrase_atoms(alias, True) for (_a, _f, _v, alias) in ci.values()]
    atom_lists += [phrase_atoms(alias, False) for alias in cs]
    atom_lists += [phrase_atoms(alias, True) for (_c, _p, _r, alias) in ambiguous.values()]
    atom_lists += [phrase_atoms(alias, False) for alias in amb_cs]
    body = trie_regex(atom_lists)
    # No word character may touch a match; a final "." of U.S. must not swallow "U.S.-backed".
    pattern = re.compile(rf"(?<![\w.])(?:{body})(?![\w])(?!\.\w)")
    return pattern, ci, cs, ambiguous, amb_cs


def reload_lexicons() -> None:
    """Forget compiled lexicons so edited CSV files are read again (notebooks call this)."""
    from .lexicon import reload
    reload()


def _lookup(surface: str):
    """(kind, entry) for a matched surface; memoised per surface (names repeat a lot)."""
    memo = _lookup_memo()
    hit = memo.get(surface)
    if hit is None:
        hit = memo[surface] = _lookup_uncached(surface)
    return hit


@cached
def _lookup_memo() -> dict:
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
def _raw_mentions(ctx: DocContext) -> list[Mention]:
    pattern = _alias_index()[0]
    text = ctx.text
    found: list[Mention] = []
    last_actor_before: list[tuple[int, str]] = []
    pending: list[tuple[Mention, list[str]]] = []
    for m in pattern.finditer(text):
        surface = m.group(0)
        kind, entry = _lookup(surface)
        if kind is None:
            continue
        sent = ctx.sentence_of(m.start())
        if kind == "actor":
            actor, pejorative, via, _alias = entry
            mention = Mention(m.start(), m.end(), actor, surface, sent, pejorative, via)
            found.append(mention)
            last_actor_before.append((m.start(), actor))
        else:
            candidates, pejorative, rule, _alias = entry
            mention = Mention(m.start(), m.end(), "", surface, sent, pejorative, "unresolved")
            found.append(mention)
            pending.append((mention, candidates, rule))
    for mention, candidates, rule in pending:
        if rule == "title":
            titled = _TITLE_BEFORE.search(text, max(0, mention.start - 40), mention.start)
            mention.actor = candidates[0] if titled and len(candidates) == 1 else ""
        else:
            mention.actor = _resolve_ambiguous(mention.start, candidates, found)
        mention.via = "context" if mention.actor else "unresolved"
    return found


# Titles that make a bare surname a person (ambiguous_aliases.csv, rule "title").
_TITLE_BEFORE = re.compile(
    r"\b(?:Gen\.|General|Maj\.\s*Gen\.|Major\s+General|Brig\.\s*Gen\.|Brigadier\s+General|Commander|"
    r"Minister|Defen[cs]e\s+Secretary|Secretary|President|Sheikh|Sayyed|Sayyid|Ayatollah|Col\.|Colonel)\s+$")


def _resolve_ambiguous(offset: int, candidates: list[str], found: list[Mention]) -> str:
    """The candidate named nearest before ``offset`` (an actor or one of its descendants
    counts for the candidate); "" when none or when the nearest is a tie."""
    for m in sorted((f for f in found if f.start < offset and f.via not in {"unresolved", "context"}),
                    key=lambda f: -f.start):
        hits = [c for c in candidates if c in ancestors(m.actor)]
        if len(hits) == 1:
            return hits[0]
    return ""


@cached
def _coref_index():
    df = read_lexicon("coref_nouns")
    noun_info = {}
    nouns = []
    for r in df.to_dict("records"):
        for noun in split_values(r["noun"]):
            noun_info[noun.lower()] = (set(split_values(r["types"])), r["prefer"], int(r["window"] or 2))
            nouns.append(noun)
    alt = "|".join(phrase_regex(n) for n in sorted(nouns, key=lambda s: (-len(s), s)))
    pattern = re.compile(
        rf"\b(?:the|this|that|these|those)\s+(?:(?:[\w]+-(?:backed|aligned|allied|linked)|Iraqi|"
        rf"Shiite|Shia|armed|pro-Iran(?:ian)?|Iranian|Lebanese|Yemeni|powerful|main|same)\s+)*"
        rf"(?P<noun>{alt})\b(?!\s+(?:of|in)\s+[A-Z])", re.IGNORECASE)
    they = re.compile(r"(?:^|(?<=[.!?]\s))They\b")
    return pattern, noun_info, they


def _coref_mentions(ctx: DocContext, found: list[Mention]) -> list[Mention]:
    pattern, noun_info, _they = _coref_index()
    info = actor_info()
    taken = [(f.start, f.end) for f in found]
    out: list[Mention] = []
    named = [f for f in found if f.actor]
    starts = [t[0] for t in taken]

    def overlaps(a, b):
        i = bisect.bisect_left(starts, b)
        return any(taken[j][1] > a for j in range(max(0, i - 3), i))

    by_sent: dict[int, list] = {}
    for f in named:
        by_sent.setdefault(f.sent, []).append(f)
    first_seen: dict[str, int] = {}

    def first_under(bloc: str) -> int:
        """Offset of the first mention of an actor that rolls up to ``bloc`` (or no offset)."""
        if bloc not in first_seen:
            first_seen[bloc] = next((f.start for f in named if bloc in ancestors(f.actor)),
                                    len(ctx.text) + 1)
        return first_seen[bloc]
    for m in pattern.finditer(ctx.text):
        a, b = m.span("noun")
        if overlaps(m.start(), m.end()):
            continue
        types, prefer, window = noun_info[m.group("noun").lower()]
        sent = ctx.sentence_of(a)
        before = [f for s in range(max(0, sent - window + 1), sent + 1) for f in by_sent.get(s, ())
                  if f.start < m.start()]
        actor = ""
        if prefer and first_under(prefer) < m.start():
            actor = prefer
        else:
            for s in range(sent, sent - window, -1):
                cands = {f.actor for f in before if f.sent == s and info.get(f.actor, {}).get("type") in types}
                if len(cands) == 1:
                    actor = cands.pop()
                    break
                if cands:
                    break
        if actor:
            out.append(Mention(a, b, actor, ctx.text[a:b], sent, False, "coref"))
    for i, (s_start, _s_end) in enumerate(ctx.spans):
        if i == 0 or not ctx.text.startswith("They ", s_start):
            continue
        prev = [f for f in named if f.sent == i - 1
                and info.get(f.actor, {}).get("type") in {"armed_group", "umbrella_group"}]
        if prev:
            out.append(Mention(s_start, s_start + 4, prev[0].actor, "They", i, False, "coref"))
    return out


def find_mentions(ctx: DocContext) -> list[Mention]:
    """Actor mentions of a document (aliases, resolved ambiguous names, coreference)."""
    found = _raw_mentions(ctx)
    found += _coref_mentions(ctx, found)
    return sorted(found, key=lambda m: (m.start, m.end, m.actor))


def mention_rows(ctx: DocContext) -> list[tuple]:
    """Rows of the ``mentions`` table for a document whose mentions are set."""
    info = actor_info()
    return [(ctx.doc_id, m.sent, m.actor, m.surface, m.start, m.end, bool(m.pejorative),
             info.get(m.actor, {}).get("bloc", ""), m.via) for m in ctx.mentions]


# --------------------------------------------------------------------------- quotes
@cached
def _speech_index():
    df = read_lexicon("speech_verbs")
    forms = {}
    for r in df.to_dict("records"):
        for f in split_values(r["forms"]):
            forms[f.lower()] = (r["kind"], r.get("reported", "1") == "1")
    return forms, phrase_pattern(sorted(forms))


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
    seg = ctx.text[start:end]
    cited = ""
    cm = _CITING.search(seg)
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
        head_end = comma
    ms = [m for m in ctx.mentions_between(start, head_end) if m.actor]
    if not ms:
        return "", cited
    non_adj = [m for m in ms if m.via != "adjective"] or ms
    pick = non_adj[0] if prefer_first else non_adj[-1]
    return pick.actor, cited


_CONJUNCT = re.compile(r",?\s+(?:and|but|while|whereas)\s+|;\s*")
_LEADING_ADVERBIAL = re.compile(
    r"^\s*(?:in|on|at|after|before|during|since|meanwhile|earlier|later|separately|last|this|"
    r"yesterday|today|also|however|overnight)\b[^,]{0,60},\s*", re.IGNORECASE)


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


def _attribute(ctx: DocContext, q_open: int, q_close: int):
    """Speaker and cited source of a quotation; "" when not found."""
    text = ctx.text
    _forms, verb_re = _speech_index()
    s_first = ctx.sentence_of(q_open)
    s_last = ctx.sentence_of(max(q_open, q_close - 1))
    last_end = ctx.spans[s_last][1]
    first_start = ctx.spans[s_first][0]
    # 1. after the quote: '"...," X said' or '"...," said X' or '"...," X quoted Y as saying'
    after_end = min(last_end, q_close + ATTRIBUTION_WINDOW)
    nxt_quote = text.find('"', q_close, after_end)
    if nxt_quote != -1:
        after_end = nxt_quote
    after = text[q_close:after_end]
    m = re.match(r"\s*,?\s*", after)
    base = q_close + m.end()
    vm = verb_re.search(text, base, after_end)
    if vm:
        qa = _QUOTED_AS.search(text, vm.start(), after_end)
        if vm.start() > base:  # X said
            speaker, cited = _np_speaker(ctx, base, vm.start())
            if len(text[base:vm.start()].split()) <= SPEAKER_NP_MAX_WORDS and (speaker or _pronoun(text[base:vm.start()])):
                if qa:
                    cited = _np_speaker(ctx, qa.start("cited"), qa.end("cited"))[0] or cited
                cm = _CITING.match(text, vm.end(), after_end)
                if cm and not cited:  # '"...," IRNA said, citing Al-Mayadeen.'
                    cited = _np_speaker(ctx, cm.end(), _np_end(text, cm.end(), after_end))[0]
                return speaker or _pronoun_speaker(ctx, q_open), cited
        else:  # said X
            np_end = _np_end(text, vm.end(), after_end)
            speaker, cited = _np_speaker(ctx, vm.end(), np_end, prefer_first=False)
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
        if re.fullmatch(r"\s*(?:that\s*)?[:,]?\s*(?:\w+\s+){0,6}?", tail) or re.fullmatch(r"\s*(?:that)?\s*[:,]?\s*", tail):
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


_CLAUSE_WORDS = re.compile(
    r"\b(?:if|when|after|while|because|that|to|is|are|was|were|has|have|had|will|would|could|"
    r"should|may|might|must|can|not|and|but|do|does|did)\b", re.IGNORECASE)
_AUX_BEFORE_VERB = re.compile(r"\s(?:has|have|had|also|again|later|earlier|repeatedly|previously|"
                              r"last\s+\w+|on\s+\w+day)\s*$", re.IGNORECASE)


def _is_subject_np(np_text: str) -> bool:
    """True when the text before a speech verb looks like its subject noun phrase: short, and
    no other verb or clause in it (appositives and ", citing Y," allowed); "has warned",
    "warned last week" are fine, "is pushing the militias to threaten" is not."""
    if len(np_text.split()) > SPEAKER_NP_MAX_WORDS:
        return False
    head = re.sub(r",\s*(?:citing|quoting)\s+[^,]*,?", ",", np_text)
    head = re.sub(r",[^,]*,", ",", head)  # appositive ", the head of X,"
    head = _AUX_BEFORE_VERB.sub("", " " + head)
    return not _CLAUSE_WORDS.search(head)


def _pronoun(seg: str) -> bool:
    return seg.strip().lower() in {"he", "she", "they", "it", "the statement", "the group"}


def _pronoun_speaker(ctx: DocContext, offset: int) -> str:
    for q in reversed(ctx.quotes):
        if q.start < offset and q.speaker not in {"", "unknown"}:
            return q.speaker
    return ""


def _np_end(text: str, start: int, limit: int) -> int:
    m = re.compile(r"[,.;:!?\"]|\s(?:that|who|which|on|in|at|as|after|before)\s").search(text, start, limit)
    return m.start() if m else limit


_FINAL_VERB = re.compile(r"(?:said|says|reported|added|warned|claimed|stated|noted|wrote|told\s+\w+)\s*\.?$",
                         re.IGNORECASE)
_REPORTED_START = re.compile(r"^(?P<np>[^\"]{2,160}?)\s+(?P<verb>\w+)\b")
_SENT_FINAL_ATTR = re.compile(r",\s*(?P<np>[^,\"]{2,80}?)\s+(?P<verb>said|says|reported|added|warned|claimed|stated|noted|wrote|told\s+\w+)\s*\.?$", re.IGNORECASE)


def _reported_speaker(ctx: DocContext, i: int):
    """Speaker of reported speech in sentence ``i`` without quotation marks, or ("", "")."""
    text = ctx.text
    a, b = ctx.spans[i]
    forms, verb_re = _speech_index()
    sentence = text[a:b]
    am = _ACCORDING.match(sentence)
    if am:
        speaker, cited = _np_speaker(ctx, a + am.end(), _np_end(text, a + am.end(), b))
        if speaker:
            return speaker, cited
    fm = _SENT_FINAL_ATTR.search(sentence) if _FINAL_VERB.search(sentence, max(0, len(sentence) - 40)) else None
    if fm and _is_subject_np(fm.group("np")):
        speaker, cited = _np_speaker(ctx, a + fm.start("np"), a + fm.end("np"))
        if speaker:
            return speaker, cited
    # subject + speech verb at the start of the sentence: "IRNA, citing X, said ..."
    start = a
    lead = _LEADING_ADVERBIAL.match(text, a, b)
    if lead:
        start = lead.end()
    vm = verb_re.search(text, start, min(b, start + 200))
    if vm and vm.start() > start and _is_subject_np(text[start:vm.start()]):
        _kind, reported = forms.get(re.sub(r"\s+", " ", vm.group(0).lower()), ("", False))
        if reported:
            speaker, cited = _np_speaker(ctx, start, vm.start())
            if speaker:
                qa = _QUOTED_AS.search(text, vm.start(), b)
                if qa:
                    cited = _np_speaker(ctx, qa.start("cited"), qa.end("cited"))[0] or cited
                return speaker, cited
    return "", ""


def find_quotes(ctx: DocContext) -> list[tuple]:
    """Quotations of a document with their speakers; also sets ``ctx.quotes`` and the
    per-sentence ``ctx.speakers`` / ``ctx.cited``. Returns ``quotes`` table rows."""
    text = ctx.text
    from .clean import paragraphs
    para_spans = paragraphs(text)
    quotes: list[Quote] = []
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
        speaker, cited = _attribute(ctx, q_open, q_close)
        para = ctx.paragraphs[sent] if ctx.paragraphs else 0
        if not speaker:
            reported = _reported_speaker(ctx, sent)
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
            speaker, cited = _reported_speaker(ctx, i)
            if speaker:
                ctx.speakers[i], ctx.cited[i] = speaker, cited
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
@cached
def _role_rules():
    df = read_lexicon("role_rules")
    rules = []
    slot = r"\u27e6(?P<{}>\d+)\u27e7"
    for r in df.to_dict("records"):
        pattern = r["pattern"]
        if not pattern or not r["role_a"]:
            continue
        src = (pattern.replace("{A}", slot.format("A")).replace("{B}", slot.format("B"))
               .replace("{W}", r"(?:[^\s\u27e6]+\s+){0,6}?"))
        try:
            rules.append((r["rule_id"], re.compile(src, re.IGNORECASE), r["role_a"], r["role_b"]))
        except re.error as exc:
            raise ValueError(f"role_rules.csv rule {r['rule_id']!r}: bad pattern ({exc})") from None
    # A sentence is tried against the rules only if it holds one of these word starts.
    stems = ["backed", "backing", "support", "sponsor", "fund", "financ", "arm", "proxy", "proxies",
             "client", "surrogate", "affiliat", "align", "allied", "linked", "loyal", "train",
             "equip", "bankroll", "direct", "suppl", "pressur", "press", "push", "urge", "persuad",
             "restraint", "calm", "mediat", "broker", "facilitat", "control", "ceasefire", "truce",
             "dialogue", "de-escalat", "deescalat"]
    cue_words = re.compile(r"(?<![\w])" + trie_regex(phrase_atoms(st, True) for st in stems))
    return rules, cue_words


def _masked(ctx: DocContext, i: int):
    """Sentence text with every resolved mention replaced by ⟦k⟧; returns (masked, mentions)."""
    a, b = ctx.spans[i]
    ms = [m for m in ctx.mentions_in(i) if m.actor]
    parts, pos = [], a
    kept = []
    for m in ms:
        if m.start < pos:
            continue
        parts.append(ctx.text[pos:m.start])
        parts.append(f"\u27e6{len(kept)}\u27e7")
        kept.append(m)
        pos = m.end
    parts.append(ctx.text[pos:b])
    return "".join(parts), kept


def find_roles(ctx: DocContext, events: list[tuple] = (), triggers: list[tuple] = ()) -> list[tuple]:
    """Rows of the ``roles`` table: patron/proxy and mediator from ``role_rules.csv``;
    threatener/target and attacker/target from events and triggers; speakers."""
    rules, cue_words = _role_rules()
    rows: set[tuple] = set()
    for i in range(len(ctx.spans)):
        sentence = ctx.sentence_text(i)
        if not cue_words.search(sentence) or not ctx.mentions_in(i):
            continue
        masked, ms = _masked(ctx, i)
        for rule_id, pattern, role_a, role_b in rules:
            for m in pattern.finditer(masked):
                actor_a = ms[int(m.group("A"))].actor
                actor_b = ms[int(m.group("B"))].actor if "B" in m.groupdict() and m.group("B") else ""
                if actor_a == actor_b:
                    continue
                if actor_b and bloc_of(actor_a) == bloc_of(actor_b) and role_a == "patron":
                    continue  # "Iraqi militias backed by Iraqi ..." is not a patron relation
                rows.add((ctx.doc_id, i, actor_a, role_a, actor_b, sentence, rule_id))
                if role_b and actor_b:
                    rows.add((ctx.doc_id, i, actor_b, role_b, actor_a, sentence, rule_id))
    cols = {c: k for k, c in enumerate(
        ["doc_id", "sent_id", "source_actor", "target_actor", "cameo_code", "cameo_root",
         "quad_class", "goldstein", "modality", "date", "date_precision", "text"])}
    for e in events:
        src, tgt, root, modality, sent = (e[cols["source_actor"]], e[cols["target_actor"]],
                                          str(e[cols["cameo_root"]]), e[cols["modality"]], e[cols["sent_id"]])
        if root == "13":
            pair = ("threatener", "target")
        elif root in {"18", "19", "20"} and modality == "asserted":
            pair = ("attacker", "target")
        else:
            continue
        evidence = ctx.sentence_text(sent)
        if src:
            rows.add((ctx.doc_id, sent, src, pair[0], tgt or "", evidence, f"event_{root}"))
        if tgt:
            rows.add((ctx.doc_id, sent, tgt, pair[1], src or "", evidence, f"event_{root}"))
    for t in triggers:
        sent, kind, threatener, target = t[1], t[2], t[3], t[4]
        evidence = ctx.sentence_text(sent)
        first = "attacker" if kind == "retaliation" else "threatener"
        if threatener:
            rows.add((ctx.doc_id, sent, threatener, first, target or "", evidence, f"trigger_{kind}"))
        if target:
            rows.add((ctx.doc_id, sent, target, "target", threatener or "", evidence, f"trigger_{kind}"))
    for i, speaker in enumerate(ctx.speakers):
        if speaker not in {"author", "unknown", ""}:
            rows.add((ctx.doc_id, i, speaker, "speaker", ctx.cited[i], ctx.sentence_text(i), "speech"))
    # one row per (sentence, actor, role, counterpart); the rules that found it are joined
    merged: dict[tuple, tuple] = {}
    for r in sorted(rows, key=lambda r: (r[1], r[2], r[3], r[4], r[6])):
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
