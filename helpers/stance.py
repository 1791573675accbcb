"""Stance: who is hostile or conciliatory toward whom, sentence by sentence and per document.

Two scores sit side by side in the ``sentences`` table: ``stance``, the domain score computed
here from a lexicon of conflict rhetoric, and ``vader``, the VADER compound score of the same
sentence, kept as a general-purpose baseline (it reads "killed" and "war" as negative whoever
says them, and "Zionist regime" as nothing). The ``stance`` table holds one row per
(holder, target) pair that has evidence in a document.

Lexicons read: ``stance_cues.csv`` (cue forms, weight -1..+1, category, aim),
``speech_verbs.csv`` (verbs whose subject holds what follows) and ``places.csv`` (places as
targets; partisan place names). Pejorative actor names come from the ``pejorative`` flag of the
mentions found by ``helpers.actors`` (``actors.csv``).

Steps, per document (``score_document``):

1. Scan the whole cleaned text ONCE with one regex compiled (as a trie, ``trie_pattern``)
   from every cue form, and once with the place names. Drop a cue hit that lies inside an
   actor's name (a coreferent "the regime" instead aims at its actor). Only sentences with a
   cue hit or a pejorative name are looked at further; for them the words, clause
   boundaries, speech verbs and commas are found in one scan of the whole text each and
   sliced per sentence (``_DocScan``). An ASCII text is split into words once, in lower
   case, and the cue, place, verb and clause-word regexes (case-sensitive copies) are tried
   only at the words that can begin one of their phrases (``_gated_matches``): the same
   matches as scanning the text, several times faster; tests compare the two.
2. Weight: the cue's lexicon weight, times ``NEGATION_FACTOR`` when a negator ("not", "n't",
   "never", "without", "refused", ...) stands within ``NEGATION_WINDOW`` words before the cue
   (or before a target that precedes it: "doesn't want Hezbollah ... defeated"), times
   ``INTENSIFIER_FACTOR`` / ``DEINTENSIFIER_FACTOR`` for "strongly" / "somewhat" within
   ``INTENSIFIER_WINDOW`` words, capped at +-1. A cue inside an "if"/"unless" clause describes
   a hypothetical act and is skipped, except blame (an accusation is asserted even inside a
   condition). A ``violence`` cue with a future or modal marker before it ("will be
   targeted", "vowed to strike") is a threat; without one it reports an act.
3. Target (the ``aim`` column): ``object`` = the first actor after the cue within
   ``OBJECT_WINDOW`` words, in its clause, before the next comma and before the next cue ("condemned X",
   "attacks on X"; in "condemned the attack on US forces" the US belongs to "attack"). An
   actor right after "by"/"from" is the agent; after "in"/"near" it is a location, a target
   only of a violent act with an object and only when it is a named place ("attacked a
   vital target in Umm al-Rashrash"); after "between" it is a party to a conflict the holder
   stands outside of. ``subject`` = the actor right before the cue within ``SUBJECT_WINDOW``
   words or right after it ("X's crimes", "X would pay a price", "criminal X", "crimes of
   X"); ``either`` = object, else subject; a passive ("X was accused", "X will be targeted",
   "troops killed in a raid") takes the actor before it. Actors joined by "and"/"or"/"," to
   the target are targets too.
4. Holders. The *voice*: the speaker of the speech quotation the cue lies in (and the source
   it cites), else the sentence speaker (``ctx.speakers[i]``, "author" for the article's own
   words; in a sentence whose speaker comes from its quotation, the words outside the marks
   are the author's). *Embedded holders*: the subject of a speech or threat verb before the
   cue in the same voice ("The council has announced that ... will be targeted"; "According
   to IRNA, ..."), the subject of an attitude verb (``ATTITUDE_VERBS``: "Iran doesn't want
   ...", "Iran is pushing the militias to ..."), and the agent of the cue itself: the subject
   of a verb ("Washington accused Iran"), the actor written before a noun ("the Hamas
   attack", "Iranian-backed"), the actor after "by" ("backed by Iran"). Holders are the voice
   plus the embedded holders, except that the author's voice is dropped when the cue has
   another holder or a pronoun subject ("while it deters Israel": the article reports someone
   else's stance), and that a reported act of violence is held only by its agent and by
   whoever wants or orders it (by the voice only when the voice says "we"/"our").
   A holder is never its own target, nor a target it belongs to (``actors.ancestors``).
5. Pejorative names ("the Zionist regime") add ``PEJORATIVE_WEIGHT`` toward the named actor,
   partisan place names ("Umm al-Rashrash") ``PARTISAN_PLACE_WEIGHT`` toward the place's
   actor. Held by the voice, the embedded speech holders, the subject of a naming verb in the
   sentence ("what the militias call Eilat") and the subject of an earlier speech-act verb in
   the sentence ("Tehran blamed the Zionists"). A name in scare quotes in the author's voice is
   not the author's word.
6. Sentence score: the sum of the weights of every counted cue and pejorative name in the
   sentence (a reported act counts ``REPORTED_VIOLENCE_FACTOR`` of its weight, and only the
   strongest reported act of the sentence counts), clipped to
   [-1, 1]; ``None`` when the sentence has no counted evidence (no cue, no pejorative name):
   "no evidence" is not the same as "balanced" (0.0). The score is the sentence's language,
   whoever holds it; the holder → target split is in the stance table.
7. Stance rows: for each (holder, target) pair, the per-sentence sum of its evidence weights
   clipped to [-1, 1], then the MEAN over its evidence sentences (each sentence counts once,
   so one sentence that repeats a name three times does not outweigh two other sentences).
   No row for a pair without evidence.

VADER: one ``SentimentIntensityAnalyzer`` per process, made at first use (its lexicon ships in
the ``vaderSentiment`` package; nothing downloads); one ``polarity_scores`` call per sentence
(``vader_compound`` skips the call, exactly, for a sentence without a VADER lexicon word).

For notebooks: ``explain`` and ``sentence_stance`` (one typed sentence), ``stance_matrix``,
``evidence`` (drill-down), ``compare_with_vader``, ``scores_by_voice``, and three figures,
``plot_stance_matrix``, ``plot_domain_vs_vader`` and ``plot_scores_by_voice`` (matplotlib is
imported only when a figure is drawn).

What it can't see: it reads words near each other, not syntax. Long-distance negation ("does
not want to see Hezbollah crushed": the negator is 4 words before the target), irony, targets
named only by a description ("the occupation forces", "the enemy") or a pronoun, praise of an
act as hostility to its victim ("hailed the strikes on Israeli ships" is not scored against
Israel), and hypothetical acts in conditions ("if the Zionist regime attacks Lebanon") are
left out. The author of a partisan outlet writing in its own voice is "author".

>>> from helpers.document import DocContext, Mention
>>> text = "Hezbollah praised Iran. The weather was fine."
>>> ctx = DocContext("d", text, [(0, 23), (24, 45)])
>>> ctx.set_mentions([Mention(0, 9, "hezbollah", "Hezbollah", 0), Mention(18, 22, "iran", "Iran", 0)])
>>> scores, vader, rows = score_document(ctx)
>>> scores
[0.6, None]
>>> rows
[('d', 'hezbollah', 'iran', 0.6, 1, '0')]
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter, itemgetter

import pandas as pd

from .document import DocContext, Mention
from .events import NEGATION_CANCELLERS  # "will not hesitate to": no denial
from .lexicon import phrase_atoms, read_lexicon, split_values

# --------------------------------------------------------------------------- constants
#: Weight of one pejorative name ("Zionist regime", "Great Satan") toward the actor it names.
#: Moderate, like the delegitimising labels: in Iranian state media "Zionist regime" is the
#: house name for Israel, so it marks a settled hostile position rather than a new threat.
PEJORATIVE_WEIGHT = -0.5
#: Weight of a partisan place name ("Umm al-Rashrash" for Eilat; places.csv ``partisan``)
#: toward the actor whose territory it is: renaming a city denies the other side's claim, a
#: milder sign than naming the state itself pejoratively.
PARTISAN_PLACE_WEIGHT = -0.3
#: Words before a cue searched for a negator. VADER uses the three preceding tokens; in news
#: English the negator of a verb sits in its auxiliary ("did not condemn", "has not
#: attacked"), and a longer window catches negators that belong to another clause.
NEGATION_WINDOW = 3
#: A negated cue is flipped and halved: "did not condemn X" is not praise of X but tacit
#: acceptance; "doesn't want X defeated" is support, weaker than "supports X". (VADER's
#: N_SCALAR is -0.74 on a scale where single words are already weak; our cues are stronger.)
NEGATION_FACTOR = -0.5
#: Words before a cue searched for an intensifier or de-intensifier ("very strongly condemned").
INTENSIFIER_WINDOW = 2
#: "strongly condemned" = 1.3 x "condemned": VADER's booster adds 0.293 to a word valence of
#: about 1.5-2.5 on its 4-point scale, i.e. +12-20 %; a cue weight here already says "how
#: hostile", and 1.3 lets a -0.6 accusation reach -0.78 while a -0.8 threat hits the cap.
INTENSIFIER_FACTOR = 1.3
#: "somewhat", "slightly", "cautiously welcomed": hedged wording keeps 60 % of the weight.
DEINTENSIFIER_FACTOR = 0.6
#: A reported act of violence ("the militias attacked a base") is evidence of its agent's
#: hostility, but in the sentence score it is mostly narration: hand coders label flat reports
#: of attacks "neutral" (tests/fixtures/stance_labelled.csv and a held-out set written blind),
#: so it counts 25 % there, and only the strongest reported act of a sentence counts ("an
#: airstrike hit a building" is one act, not two): 0.25 x -0.8, the strongest violence
#: weight, is -0.2, inside the +-0.2 band read as neutral. A flat report alone is neutral;
#: with a threat, a blame or a pejorative name it adds to their hostility.
REPORTED_VIOLENCE_FACTOR = 0.25
#: Largest number of words between a cue and its object ("threatened to sink any ship linked
#: to Israel" = 6).
OBJECT_WINDOW = 6
#: Largest number of words between a cue and the actor it describes ("Iran doesn't want
#: Hezbollah, its most important proxy, defeated" = 4; "X is an outlaw regime" = 3).
SUBJECT_WINDOW = 5
#: Largest number of words between a verb and its subject (an appositive fits: "Qais Khazali,
#: the head of Asaib Ahl al-Haq, warned" = 7; a passive subject with a prepositional tail:
#: "all American interests in Iraq and elsewhere in the region will be targeted" = 10).
AGENT_WINDOW = 12
#: Band around 0 read as "neutral" when sentence scores are turned into labels.
NEUTRAL_BAND = 0.2

#: Verbs of wanting and causing: their subject holds the stance of the clause they govern,
#: including a violent act ("Tehran wants Hezbollah to keep firing at Israel").
ATTITUDE_VERBS = (
    "want", "wants", "wanted", "wanting", "wish", "wishes", "wished", "hope", "hopes", "hoped",
    "seek", "seeks", "sought", "seeking", "push", "pushes", "pushed", "pushing", "encourage",
    "encourages", "encouraged", "order", "orders", "ordered", "direct", "directs", "directed",
    "intend", "intends", "intended", "plan", "plans", "planned", "aim", "aims", "aimed",
    "call", "calls", "called", "describe", "describes", "described", "brand", "brands",
    "branded", "label", "labels", "labelled", "labeled", "dub", "dubs", "dubbed", "term",
    "terms", "termed",
)
#: Cue categories whose agent also holds the cues in its object: "Iran condemned the American
#: aggression" - "aggression" is Iran's framing, not the reporter's.
GOVERNING_CATEGORIES = frozenset({"blame"})
#: ... but only hostile LABELS in that object: pejorative names, delegitimising words and
#: accusation nouns ("crimes", "aggression": blame cues aimed at their subject). A threat,
#: an act of violence or support in the object stays its own agent's ("Iran condemned US
#: threats against Iraq" does not make Iran threaten Iraq).
GOVERNED_CATEGORIES = frozenset({"pejorative_naming", "delegitimising"})
#: Negators (a word ending in "n't" is one too). "refused/failed/declined to condemn" negate
#: like "did not condemn"; "not only" does not negate.
NEGATORS = frozenset([
    "not", "no", "never", "without", "neither", "nor", "none", "nothing", "nobody", "cannot",
    "refused", "refuses", "refuse", "declined", "declines", "failed", "fails"
])
INTENSIFIERS = frozenset([
    "strongly", "very", "fiercely", "severely", "harshly", "vehemently", "firmly", "deeply",
    "utterly", "totally", "completely", "extremely", "categorically", "unequivocally", "bitterly",
    "sharply", "heavily", "massive", "brutal", "brutally", "relentless", "relentlessly",
    "vigorously", "fully", "wholeheartedly", "unwavering", "fierce", "harsh", "heavy", "all-out",
    "allout", "large-scale"
])
DEINTENSIFIERS = frozenset([
    "somewhat", "slightly", "partly", "partially", "mildly", "relatively", "marginally",
    "cautiously", "tentatively", "reluctantly", "limited"
])
#: Words that make the next cue a noun: "a drone attack", "the latest strikes".
_NOMINAL_MARKERS = frozenset([
    "drone", "rocket", "missile", "air", "new", "latest", "recent", "deadly", "further", "fresh",
    "repeated", "continued", "major", "large", "daily", "nightly", "such", "no"
])
_COMPASS = frozenset([
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "occupied"
])
_PRONOUNS = frozenset(["it", "they", "he", "she"])
_AUXILIARIES = frozenset([
    "will", "would", "shall", "could", "might", "may", "must", "can", "do", "does", "did", "has",
    "have", "had", "be", "been", "being", "is", "are", "was", "were", "also", "still"
])
#: Verbs of naming: whoever calls a place or an actor by a partisan name holds that name.
_NAMING_VERBS = frozenset([
    "call", "calls", "called", "dub", "dubs", "dubbed", "term", "terms", "termed", "describe",
    "describes", "described", "brand", "brands", "branded", "label", "labels", "labelled", "labeled"
])
_BE = frozenset([
    "be", "been", "being", "is", "are", "was", "were", "am", "get", "got", "gets", "getting"
])
_FUTURE = re.compile(
    r"\b(?:will|would|shall|could|might|may|must|won'?t|going\s+to|ready\s+to|prepared\s+to|"
    r"vow(?:s|ed)?\s+to|threat(?:en|ens|ened)\s+to|pledg(?:e|es|ed)\s+to|promis(?:e|es|ed)\s+to|"
    r"plan(?:s|ned)?\s+to|determined\s+to|(?:not|[a-z]+n't)\s+rul(?:e|es|ed|ing)\s+out)(?:n't)?\b\s+(?:\S+\s+){0,2}$",
    re.IGNORECASE)
_DETERMINERS = frozenset([
    "the", "a", "an", "its", "their", "his", "her", "our", "all", "any", "every", "this", "that",
    "these", "those", "some", "both"
])
#: A mention after one of these is not the subject of the next verb.
_PREPOSITIONS = frozenset([
    "of", "in", "at", "on", "to", "for", "with", "against", "from", "by", "between", "among",
    "into", "onto", "toward", "towards", "over", "under", "about", "across", "through",
    "throughout", "within", "inside", "near", "than", "like", "citing", "quoting", "including",
    "via", "per", "upon", "after", "before", "since", "during"
])
_LOCATIVE = frozenset(["in", "inside", "near", "across", "throughout", "within", "around"])
_IRREGULAR_PARTICIPLES = frozenset([
    "struck", "hit", "shot", "slain", "beaten", "driven", "thrown", "held", "met", "told", "said",
    "overrun", "hurt", "sought"
])
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_CLAUSE_WORDS = [
    "but", "while", "whereas", "although", "though", "because", "after", "before", "since", "until",
    "unless", "if", "when", "where", "that", "as"
]
_COORD = re.compile(r"\s*(?:,\s*)?(?:and|or|&)?\s*(?:the\s+)?", re.IGNORECASE)
_ADJACENT_AFTER = re.compile(r"\s*(?:(?:of|by)\s+)?(?:the\s+)?", re.IGNORECASE)
_UNTARGETED_PLACE_KINDS = frozenset({"base", "facility", "waterway"})
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_REDUCED_PASSIVE = re.compile(r"\s+(?:in|near|during|when|while|after|outside|inside)\b",
                              re.IGNORECASE)
_KEY_DROP = re.compile(r"[\s'\u2019\u2018-]")
_CONDITION_END = re.compile(r"[,;]|\bthen\b")
_BY = re.compile(r"\s+by\s+")
_ACCORDING = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
_CUT = re.compile(r"""[,;:"()]""")
_ID = re.compile(r"[a-z][a-z0-9_]*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # words and the text between them, in turn
_WORD_SPLIT_ASCII = re.compile(r"([a-z]++(?:['-][a-z]++)*+)")  # the same on lower-case ASCII
_WORDISH = re.compile(r"\w").match
_ATTITUDE = frozenset(ATTITUDE_VERBS)
_NOT_PREV = _DETERMINERS | _COMPASS  # skipped by ``_Sentence.prev_word``
#: Words that can change a cue's weight (``modify_weight``); "...n't" words too.
_MODIFIERS = INTENSIFIERS | DEINTENSIFIERS | NEGATORS
_BEFORE_WINDOW = max(NEGATION_WINDOW, INTENSIFIER_WINDOW)
#: ``_FUTURE`` for the lower-cased text of an ASCII document (``_scan_patterns``).
_FUTURE_FAST = re.compile(_FUTURE.pattern)
_BY_FROM = frozenset({"by", "from"})
_UNSET = object()
_AUTHOR = frozenset({"author"})
_AUTHOR_UNKNOWN = frozenset({"author", "unknown"})
_CITING = frozenset({"citing", "quoting"})
_START_END = attrgetter("start", "end")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon row as it applies to a matched form."""

    weight: float
    category: str
    aim: str


@dataclass(slots=True)
class Evidence:
    """One piece of stance evidence: ``holder`` → ``target`` (target "" when none named)."""

    sent: int
    holder: str
    target: str
    weight: float
    cue: str
    category: str
    start: int
    end: int


# --------------------------------------------------------------------------- lexicons
def _key(surface: str) -> str:
    """Lookup key of a matched form: lowercase, no spaces, hyphens or apostrophes.

    >>> _key("De-escalate"), _key("pay  a price")
    ('deescalate', 'payaprice')
    """
    return _KEY_DROP.sub("", surface.lower())


@lru_cache(maxsize=1)
def _cue_index() -> tuple[re.Pattern, dict[str, Cue]]:
    """The cue regex (every form in one trie regex) and form key → ``Cue``."""
    df = read_lexicon("stance_cues")
    lookup: dict[str, Cue] = {}
    forms: list[str] = []
    for r in df.to_dict("records"):
        cue = Cue(float(r["weight"]), r["category"], r["aim"] or "object")
        for form in split_values(r["cues"]):
            lookup.setdefault(_key(form), cue)
            forms.append(form)
    return trie_pattern(forms), lookup


def _units(phrase: str) -> list[str]:
    """Regex units of a phrase, as ``helpers.lexicon.phrase_regex`` writes them (inner
    whitespace, apostrophes and hyphens flexible), letters lower-cased for the trie."""
    return phrase_atoms(phrase.lower(), ignore_case=False)


def trie_pattern(phrases) -> re.Pattern:
    """The same matches as ``helpers.lexicon.phrase_pattern(phrases)`` (case-insensitive,
    whole words, longest phrase first), compiled as a trie: shared prefixes are written once
    ("attack(?:s|ed|ing)?"), so the regex engine tries a handful of branches per position
    instead of every phrase. On this lexicon it scans about 18 times faster (a test checks
    that the matches are identical).

    >>> [m.group(0) for m in trie_pattern(["attack", "attacks", "attack on"]).finditer(
    ...     "Attacks, an attack on them, attack one")]
    ['Attacks', 'attack on', 'attack']
    """
    root: dict = {}
    for p in phrases:
        if not str(p).strip():
            continue
        node = root
        for u in _units(p):
            node = node.setdefault(u, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [u + emit(child) for u, child in sorted(node.items()) if u]
        if not alts:
            return ""
        if "" in node:  # a phrase may end here: try the longer ones first (greedy ?)
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    body = emit(root) or r"(?!x)x"
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


#: Clause boundaries inside a sentence: punctuation and subordinators. "that" is kept apart:
#: it ends a backward search (the subject of "targeted" is in the "that" clause) but not a
#: forward one ("warned that Washington would pay").
_BOUNDARY = re.compile(r"[;:()]|\s-\s|,\s+(?:and|but|or|while|whereas|although|though)\b|"
                       + trie_pattern(_CLAUSE_WORDS).pattern, re.IGNORECASE)
#: ``_BOUNDARY``'s alternatives apart, for lower-cased ASCII text (``_boundaries``).
_PUNCT_BOUND_FAST = re.compile(
    r"[;:(),](?:(?<=[;:()])|(?<=,)\s+(?:and|but|or|while|whereas|although|though)\b)")
#: " - " as the hyphen with a space on each side: a regex that begins with a literal lets the
#: engine jump from hyphen to hyphen (``_boundaries`` widens each match by one each side).
_DASH_BOUND_FAST = re.compile(r"-(?<=\s-)(?=\s)")
_CLAUSE_FAST = re.compile(trie_pattern(_CLAUSE_WORDS).pattern)


@lru_cache(maxsize=1)
def _verb_index() -> tuple[re.Pattern, frozenset]:
    """One regex for speech verbs (``speech_verbs.csv``) and attitude verbs; the set of
    attitude forms (whose subject also holds a reported act of violence)."""
    forms = []
    for r in read_lexicon("speech_verbs").to_dict("records"):
        forms += split_values(r["forms"])
    forms += list(ATTITUDE_VERBS)
    return trie_pattern(forms), frozenset(ATTITUDE_VERBS)


@lru_cache(maxsize=2)
def _scan_patterns(fast: bool) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """The cue, place, speech-verb and clause-boundary regexes. ``fast``: the same patterns
    compiled without IGNORECASE, for the lower-cased text of an ASCII document. Every letter
    in them is lower case, and lower-casing ASCII text maps A-Z to a-z and nothing else (the
    offsets stay), so they find the same matches; a test checks it."""
    pats = (_cue_index()[0], _place_index()[0], _verb_index()[0], _BOUNDARY)
    if fast:
        pats = tuple(re.compile(p.pattern) for p in pats)
    return pats


#: Scan ASCII documents in lower case with the case-sensitive regexes (``_scan_patterns``).
#: Off, every document takes the IGNORECASE path that non-ASCII ones take; the results are
#: the same (a test compares them), only slower.
_FAST_SCANS = True
_BEFORE_NO_WORD, _AFTER_NO_WORD = r"(?<![\w])", r"(?![\w])"


def _lead_pattern(pattern: re.Pattern, phrases) -> re.Pattern | None:
    r"""For a whole-word regex ``(?<![\w])(?:...)(?![\w])`` of ``phrases`` that all begin
    with a word character: the regex ``[^\w](...)(?![\w])``, which matches the character
    before the phrase instead of looking back at it. A regex that begins with a character
    class lets the engine skip to its next candidate (the next non-word character) in one
    step instead of trying every position; ``_word_matches`` turns its matches back into the
    first regex's. None when a phrase begins with another character."""
    body = pattern.pattern
    if not (body.startswith(_BEFORE_NO_WORD) and body.endswith(_AFTER_NO_WORD)):
        return None
    if not all(_WORDISH(str(p).strip()) for p in phrases if str(p).strip()):
        return None
    inner = body[len(_BEFORE_NO_WORD):-len(_AFTER_NO_WORD)]
    return re.compile(r"[^\w](" + inner + ")" + _AFTER_NO_WORD, pattern.flags)


@lru_cache(maxsize=1)
def _scan_phrases() -> tuple[list, list, list, list]:
    """The phrases of the four scans, in ``_scan_patterns`` order: cue forms, place names,
    speech and attitude verbs, clause words."""
    cue_forms = [f for c in read_lexicon("stance_cues")["cues"] for f in split_values(c)]
    place_names = list(read_lexicon("places")["place"])
    verb_forms = [f for c in read_lexicon("speech_verbs")["forms"] for f in split_values(c)]
    return cue_forms, place_names, verb_forms + list(ATTITUDE_VERBS), list(_CLAUSE_WORDS)


@lru_cache(maxsize=1)
def _lead_patterns() -> tuple:
    """``_lead_pattern`` of the fast cue, place, speech-verb and clause-word regexes."""
    cue_re, place_re, verb_re, _bound = _scan_patterns(True)
    return tuple(_lead_pattern(pattern, phrases)
                 for pattern, phrases in zip((cue_re, place_re, verb_re, _CLAUSE_FAST),
                                             _scan_phrases()))


def _word_matches(full: re.Pattern, lead: re.Pattern | None, src: str) -> list:
    """(start, end, matched text) of every match of ``full.finditer(src)``, found with its
    ``lead`` regex when there is one: a match at offset 0 has no character before it and is
    tried apart; any later match starts right after the character ``lead`` matched. (After a
    match that ends at ``e``, the next cannot start at ``e``: a phrase begins with a word
    character and ``text[e]`` is none.)"""
    if lead is None:
        return [(m.start(), m.end(), m.group()) for m in full.finditer(src)]
    first = full.match(src)
    out = [(0, first.end(), first.group())] if first else []
    out += [(m.start(1), m.end(1), m.group(1))
            for m in lead.finditer(src, first.end() if first else 0)]
    return out


#: Letters of a letter run (``_first_runs``); any other character ends one.
_ASCII_LETTERS = frozenset(string.ascii_lowercase)
#: Characters of a word (``\w``) that are no letter: a run right after one is no word start.
_WORD_NOT_LETTER = frozenset(string.digits + "_")


#: ``_first_runs``: the phrase is this run alone (its match is the run, when no word character
#: follows it).
_ALONE = "alone"


def _first_runs(phrase: str) -> dict[str, frozenset | str | None]:
    """The letter runs (a-z) that a match of ``phrase`` (``trie_pattern``) can begin with in
    lower-case ASCII text, each with the first runs of the word that must follow it (None:
    none needed, or not known; ``_ALONE``: the run is the whole phrase). The runs: the
    phrase's letters up to the first other character, and where that is an apostrophe or
    hyphen (which may match nothing) also the longer runs through it. A text letter run
    that starts a match is one of these exactly: after the phrase's run comes a character
    that is no letter (a space, an apostrophe, a hyphen, a digit, the end: no word character
    may follow a match). When a space (or a hyphen, which matches a space too) follows the
    run in the phrase, the next word of the text begins with a first run of the rest of the
    phrase. "" means a phrase that begins with no letter.

    >>> runs = _first_runs("de-escalate")
    >>> sorted(runs), sorted(runs["de"]), runs["deescalate"]
    (['de', 'deescalate'], ['escalate'], 'alone')
    >>> sorted(_first_runs("Kata'ib al-Haq")), _first_runs("u.s."), _first_runs("in a coffin")
    (['kata', 'kataib'], {'u': None}, {'in': frozenset({'a'})})
    """
    runs: dict[str, frozenset | str | None] = {}

    def add(run: str, rest: str | None) -> None:
        nexts = frozenset(_first_runs(rest)) if rest and rest[0] in _ASCII_LETTERS else None
        _merge_nexts(runs, run, nexts)

    run = ""
    text = phrase.strip().lower()
    for k, ch in enumerate(text):
        if ch in _ASCII_LETTERS:
            run += ch
        elif ch == "-":  # a hyphen or a space: the run ends; matching nothing, it goes on
            add(run, text[k + 1:])
        elif ch in "'\u2019\u2018":  # the word goes on after the apostrophe
            add(run, None)
        elif ch.isspace():
            add(run, text[k + 1:].lstrip())
            return runs
        else:  # a digit, full stop or non-ASCII letter ends every run
            add(run, None)
            return runs
    _merge_nexts(runs, run, _ALONE)
    return runs


def _merge_nexts(table: dict, key, nexts: frozenset | str | None) -> None:
    """Add ``nexts`` (the first runs a next word may have; None: any; ``_ALONE``: none,
    the phrase ends) to ``table[key]``: a run that ends one phrase and begins another
    needs the regex (None)."""
    old = table.get(key, nexts)
    if old is None or nexts is None or (old is _ALONE) != (nexts is _ALONE):
        table[key] = None
    else:
        table[key] = _ALONE if nexts is _ALONE else old | nexts


@lru_cache(maxsize=1)
def _run_index() -> dict | None:
    """First letter run → ((scan, next runs), ...): the scans (indexes in ``_scan_phrases``
    order) with a phrase that can begin with the run (``_first_runs``), and the first runs
    the next word must have for one of them to match (None: any next word; ``_ALONE``: the
    run is a whole phrase and no other phrase of the scan begins with it). None when a
    phrase begins with no letter: then ``_gated_matches`` cannot gate and the lead regexes
    scan."""
    merged: dict[tuple, frozenset | None] = {}
    for k, phrases in enumerate(_scan_phrases()):
        for phrase in phrases:
            if not str(phrase).strip():
                continue
            for run, nexts in _first_runs(str(phrase)).items():
                if not run:
                    return None
                _merge_nexts(merged, (run, k), nexts)
    index: dict[str, tuple] = {}
    for (run, k), nexts in sorted(merged.items(), key=lambda item: item[0]):
        index[run] = index.get(run, ()) + ((k, nexts),)
    return index


def _gated_matches(src: str, words: list, wstarts: list, wends: list) -> list[list]:
    """``_word_matches`` of the fast cue, place, verb and clause-word regexes on the
    lower-cased ASCII text ``src`` (four lists, ``_scan_phrases`` order), found without a
    regex scan of the text: a match starts a letter run that follows no word character and
    is a first run of one of the lexicon's phrases (``_run_index``), followed by a word
    that can go on with the phrase, so the regex is tried only there (``match`` at that
    offset; a run that is a whole phrase matches when no digit or "_" follows it), left to
    right, each scan after the end of its previous match as ``finditer`` goes. The runs are
    the words of ``_WORD_SPLIT_ASCII`` (``words``, ``wstarts``, ``wends``), and inside a
    word the parts after an apostrophe or a hyphen (tried whatever word follows).
    """
    index = _run_index()
    pats = (*_scan_patterns(True)[:3], _CLAUSE_FAST)
    if index is None:
        return [_word_matches(full, lead, src) for full, lead in zip(pats, _lead_patterns())]
    get = index.get
    found = [(wstarts[i], scans, i, w) for i, w in enumerate(words)
             if (scans := get(w)) is not None]
    if "-" in src or "'" in src:
        found += _inner_runs(src, words, wstarts, wends, get)
        found.sort()
    out: list[list] = [[], [], [], []]
    last = [0, 0, 0, 0]
    n_words, n_chars = len(words), len(src)
    for start, scans, i, run in found:
        if start and src[start - 1] in _WORD_NOT_LETTER:
            continue  # "2nd": no word start
        for k, nexts in scans:
            if start < last[k]:
                continue
            if nexts is _ALONE:
                end = start + len(run)
                if end == n_chars or src[end] not in _WORD_NOT_LETTER:
                    last[k] = end
                    out[k].append((start, end, run))
                continue
            if nexts is not None and i >= 0:
                nxt = words[i + 1] if i + 1 < n_words else ""
                if nxt not in nexts and "-" not in nxt and "'" not in nxt:
                    continue  # "in" not followed by "a coffin", "body bags", ...
            m = pats[k].match(src, start)
            if m is not None:
                end = last[k] = m.end()
                out[k].append((start, end, m.group()))
    return out


def _inner_runs(src: str, words: list, wstarts: list, wends: list, get) -> list:
    """(start, scans, -1, run) of every letter run in the index (``get``) of a word with an
    apostrophe or hyphen inside ("iranian-backed", "iran's"): all its runs, the first one
    included (the word as a whole is in no index)."""
    inner = set()
    for mark in "-'":
        at = src.find(mark)
        while at != -1:
            k = bisect_right(wstarts, at) - 1
            if k >= 0 and at < wends[k]:
                inner.add(k)
            at = src.find(mark, at + 1)
    out = []
    for k in inner:
        start = wstarts[k]
        for run in words[k].replace("'", "-").split("-"):
            scans = get(run)
            if scans is not None:
                out.append((start, scans, -1, run))
            start += len(run) + 1
    return out


#: Lexicon lookups by matched surface (cue form → ``Cue``, place name → (actor, partisan)):
#: ``_key`` is a regex substitution, and the same few hundred surfaces recur in every
#: document. Keyed by the matched words only; emptied when it reaches
#: ``_SURFACE_CACHE_SIZE`` entries (a bound on memory for odd inputs).
_CUE_BY_SURFACE: dict = {}
_PLACE_BY_SURFACE: dict = {}
_BOUND_KINDS: dict = {w: ("if" if w in ("if", "unless") else "that" if w == "that" else "stop")
                      for w in _CLAUSE_WORDS}  # matched text → kind (``_bound_kind``)
_PARTICIPLE_LIKE: dict = {}  # surface → its last word ends in -ed or is an irregular participle
_SURFACE_CACHE_SIZE = 50_000


def reload_lexicons() -> None:
    """Forget the compiled cue, verb and place lexicons so edited CSV files are read again."""
    _cue_index.cache_clear()
    _verb_index.cache_clear()
    _place_index.cache_clear()
    _same_actor.cache_clear()
    _scan_patterns.cache_clear()
    _scan_phrases.cache_clear()
    _lead_patterns.cache_clear()
    _run_index.cache_clear()
    _CUE_BY_SURFACE.clear()
    _PLACE_BY_SURFACE.clear()
    _PARTICIPLE_LIKE.clear()
    _VOICE_NAMES.clear()


def cue_table() -> pd.DataFrame:
    """The cue lexicon, one row per form (form, weight, category, aim), for notebooks.

    >>> t = cue_table()
    >>> t.loc[t.form == "condemned", ["weight", "category", "aim"]].values.tolist()
    [[-0.5, 'blame', 'object']]
    """
    rows = []
    for r in read_lexicon("stance_cues").to_dict("records"):
        for form in split_values(r["cues"]):
            rows.append((form, float(r["weight"]), r["category"], r["aim"]))
    return pd.DataFrame(rows, columns=["form", "weight", "category", "aim"])


# --------------------------------------------------------------------------- VADER
_ANALYZER = None
_PUNCTUATION = string.punctuation  # what VADER strips from token edges


def _vader():
    """The process's one VADER analyzer, created at first use (not at import)."""
    global _ANALYZER
    if _ANALYZER is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        _ANALYZER = SentimentIntensityAnalyzer()
    return _ANALYZER


def vader_compound(text: str) -> float:
    """VADER's compound score (-1..+1) of one sentence, exactly as ``polarity_scores`` gives
    it, with one shortcut: an ASCII sentence none of whose VADER tokens (whitespace split,
    edge punctuation stripped as VADER strips it) is in VADER's lexicon scores 0.0 without
    the full computation (VADER sums only lexicon words' valences, and a zero sum has compound
    0.0; emoji, the only other source, are not ASCII). A test checks equality on every
    sentence of the seed and the fixtures. About a fifth of news sentences take the shortcut.

    >>> vader_compound("We welcome the ceasefire.") > 0 > vader_compound("They killed three soldiers.")
    True
    >>> vader_compound("The delegation met officials in Beirut.")
    0.0
    """
    analyzer = _vader()
    if text.isascii():
        lexicon = analyzer.lexicon
        for token in text.split():
            word = token.strip(_PUNCTUATION)
            if len(word) <= 2:
                word = token
            if word.lower() in lexicon:
                break
        else:
            return 0.0
    return analyzer.polarity_scores(text)["compound"]


# --------------------------------------------------------------------------- small pieces
#: ``_clip(x)`` by value: rounding a float to 4 places converts it to decimal digits, the
#: slowest step of a score, and the same few sums recur.
_ROUNDED: dict = {}


def _clip(x: float) -> float:
    """Clip to [-1, 1] and round (4 places) so output is stable across platforms.

    >>> _clip(1.7), _clip(-0.33333333)
    (1.0, -0.3333)
    """
    r = _ROUNDED.get(x)
    if r is None:
        r = round(max(-1.0, min(1.0, x)), 4)
        if x and len(_ROUNDED) < _SURFACE_CACHE_SIZE:  # 0 and -0.0 are equal keys: not kept
            _ROUNDED[x] = r
    return r


def _is_negator(word: str) -> bool:
    return word in NEGATORS or word.endswith("n't")


def _negated(words: list[str]) -> bool:
    """True when the window holds a negator (an odd number of them). "not only" is none,
    nor is a negator right before a ``NEGATION_CANCELLERS`` word ("will not hesitate to").

    >>> _negated(["did", "not"]), _negated(["not", "only"]), _negated(["doesn't", "want"])
    (True, False, True)
    >>> _negated(["not", "hesitate", "to"]), _negated(["wouldn't", "hesitate", "to"])
    (False, False)
    """
    count = 0
    for k, w in enumerate(words):
        if w in NEGATORS or w.endswith("n't"):
            nxt = words[k + 1] if k + 1 < len(words) else ""
            if not (w == "not" and nxt == "only") and nxt not in NEGATION_CANCELLERS:
                count += 1
    return count % 2 == 1


def modify_weight(weight: float, before: list[str], target_before: list[str] = ()) -> float:
    """Apply negation, intensifiers and de-intensifiers to a cue weight, capped at +-1.

    ``before``: the words just before the cue; ``target_before``: the words before a target
    that precedes the cue ("doesn't want [Hezbollah] defeated").

    >>> modify_weight(-0.5, ["did", "not"])
    0.25
    >>> modify_weight(-0.5, ["he", "strongly"])
    -0.65
    >>> modify_weight(-0.8, ["very", "strongly"])
    -1.0
    >>> modify_weight(0.5, ["somewhat"])
    0.3
    >>> modify_weight(-0.6, [], ["doesn't", "want"])
    0.3
    """
    near = before[-INTENSIFIER_WINDOW:]
    w = weight
    if not INTENSIFIERS.isdisjoint(near):
        w *= INTENSIFIER_FACTOR
    elif not DEINTENSIFIERS.isdisjoint(near):
        w *= DEINTENSIFIER_FACTOR
    if (_negated(before[-NEGATION_WINDOW:]) if before else False) != (
            _negated(target_before[-NEGATION_WINDOW:]) if target_before else False):
        w *= NEGATION_FACTOR
    return _clip(w)


class _DocScan:
    """The scans of one document that its sentences share, made once per document.

    An ASCII document is scanned in lower case with the lexicon regexes compiled without
    IGNORECASE (``_scan_patterns``), and only where its words say a phrase may begin
    (``_gated_matches``): the same matches, several times faster. Words, clause boundaries,
    speech verbs and cuts are found in ONE pass over the whole text each and sliced per
    sentence (``_Sentence``); a sentence where a document-level match would not be the same
    as a scan of the sentence alone (a match across its edges) is scanned alone.
    ``cue_hits`` and ``place_hits``: (start, end, matched text) of the cue and place regexes.
    """

    __slots__ = ("bends", "bounds", "bstarts", "cue_hits", "cuts", "fast", "place_hits",
                 "quotes", "scare", "src", "text", "vends", "verbs", "vstarts", "wends", "words",
                 "wstarts")

    def __init__(self, ctx: DocContext, src: str, fast: bool):
        text = self.text = ctx.text
        self.src, self.fast = src, fast
        cue_re, place_re, verb_re, _bound_re = _scan_patterns(fast)
        # words: one split, offsets from the running sum of the pieces' lengths
        parts = (_WORD_SPLIT_ASCII if fast else _WORD_SPLIT).split(src)
        ends = list(accumulate(map(len, parts)))
        self.wstarts = wstarts = ends[0:-1:2]
        self.wends = wends = ends[1::2]
        self.words = words = parts[1::2] if fast else [w.lower() for w in parts[1::2]]
        if fast:
            self.cue_hits, self.place_hits, verbs, clauses = _gated_matches(
                src, words, wstarts, wends)
            self.bounds = bounds = _boundaries(src, fast, clauses)
        else:
            self.cue_hits = _word_matches(cue_re, None, src)
            self.place_hits = _word_matches(place_re, None, src)
            verbs = [(m.start(), m.end(), m.group().lower()) for m in verb_re.finditer(src)]
            self.bounds = bounds = _boundaries(src, fast)
        self.bstarts = list(map(_FIRST, bounds))
        self.bends = list(map(_SECOND, bounds))
        self.verbs = verbs
        self.vstarts = list(map(_FIRST, verbs))
        self.vends = list(map(_SECOND, verbs))
        self.cuts = [m.start() for m in _CUT.finditer(text)]
        self.quotes = _quotes_by_sentence(ctx)
        self.scare = [q for q in ctx.quotes if q.kind == "scare"]


def _boundaries(src: str, fast: bool, clauses: list | None = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every ``_BOUNDARY`` match in ``src``, kind as ``_bound_kind``.
    ``clauses``: the clause-word matches when already found (``_gated_matches``).

    On lower-cased ASCII (``fast``) the alternatives of ``_BOUNDARY`` are scanned apart,
    each with a regex that starts with a character class (which the regex engine skips to
    quickly), and merged as ``finditer`` would pick them: the leftmost first, none inside
    an earlier one. That is the same list, because no two alternatives can start at the same
    character (punctuation, whitespace, a comma, a letter) and the only one that can start
    inside another's match is a clause word after ", " (", but"), which the merge drops, and
    a dash that shares its space with an earlier one (" - - "), which the merge drops too.
    """
    kinds = _BOUND_KINDS
    if not fast:
        found = []
        for m in _BOUNDARY.finditer(src):
            g = m.group()
            kind = kinds.get(g)
            if kind is None:
                kind = _bound_kind(g)
                if len(kinds) < _SURFACE_CACHE_SIZE:
                    kinds[g] = kind
            found.append((m.start(), m.end(), kind))
        return found
    if clauses is None:
        clauses = _word_matches(_CLAUSE_FAST, _lead_patterns()[3], src)
    found = [(a, b, kinds[g]) for a, b, g in clauses]
    other = [(m.start(), m.end(), "stop") for m in _PUNCT_BOUND_FAST.finditer(src)]
    other += [(m.start() - 1, m.end() + 1, "stop") for m in _DASH_BOUND_FAST.finditer(src)]
    if not other:
        return found
    out = []
    end = -1
    for bound in sorted(found + other):
        if bound[0] >= end:
            out.append(bound)
            end = bound[1]
    return out


def _clean_slice(starts: list, ends: list, lo: int, hi: int):
    """Indexes (k1, k2) of the document-level matches that start inside [lo, hi), or None
    when a match runs across ``lo`` or ``hi`` (the scan of the sentence alone would differ)."""
    k1 = bisect_left(starts, lo)
    if k1 and ends[k1 - 1] > lo:
        return None
    k2 = bisect_left(starts, hi, k1)
    if k2 and ends[k2 - 1] > hi:
        return None
    return k1, k2


def _quotes_by_sentence(ctx: DocContext) -> dict:
    """Speech quotations overlapping each sentence, in document order (sentence → list)."""
    out: dict[int, list] = {}
    speech = [q for q in ctx.quotes if q.kind == "speech"]
    if not speech:
        return out
    spans = ctx.spans
    ordered = all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))
    his = [b for _a, b in spans]
    for q in speech:
        if ordered:  # the overlapping sentences are a run: hi > q.start and lo < q.end
            k1 = bisect_right(his, q.start)
            k2 = bisect_left(ctx._starts, q.end)
            ks = range(k1, k2)
        else:
            ks = range(len(spans))
        for k in ks:
            lo, hi = spans[k]
            if q.start < hi and lo < q.end:
                out.setdefault(k, []).append(q)
    return out


class _Sentence:
    """What the rules need to know about one sentence with evidence."""

    __slots__ = (
        "_subjects",
        "_verbs",
        "_voices",
        "bounds",
        "ctx",
        "cue_starts",
        "cuts",
        "doc",
        "governors",
        "hi",
        "i",
        "lo",
        "mentions",
        "mstarts",
        "objects",
        "pejoratives",
        "quotes",
        "src",
        "text",
        "wends",
        "words",
        "wstarts",
    )

    def __init__(self, ctx: DocContext, i: int, doc: _DocScan, places: list = (),
                 pejoratives: list = ()):
        self.ctx, self.i, self.doc = ctx, i, doc
        self.pejoratives = pejoratives  # pejorative names and partisan places, in order
        self.lo, self.hi = lo, hi = ctx.spans[i]
        self.text = ctx.text
        self.src = doc.src
        mentions = [m for m in ctx.mentions_in(i) if m.actor]
        if places:
            mentions += places
        if len(mentions) > 1:
            mentions.sort(key=_START_END)
        self.mentions = mentions
        self.mstarts = [m.start for m in mentions]
        self.quotes = quotes = doc.quotes.get(i, [])
        self.objects: list = []  # objects of earlier active cues: not subjects of later ones
        # (end, clause end, agents) of earlier condemning/blaming cues: their agents hold the
        # framing of what they condemn ("Iran condemned the American aggression")
        self.governors: list = []
        self.cue_starts: list = []
        self._voices: dict = {}
        self._subjects: dict = {}
        text = self.text
        # the document's scans, sliced to the sentence (word windows and gaps are bisections);
        # the verbs only when a rule asks for them (``verbs``)
        w = b = None
        if hi >= len(text) or not _WORDISH(text[hi]):
            w = _clean_slice(doc.wstarts, doc.wends, lo, hi)
            b = _clean_slice(doc.bstarts, doc.bends, lo, hi)
        if w is None or b is None:
            self._scan_alone()
            self._verbs = self._verbs_alone()
        else:
            self.wstarts = doc.wstarts[w[0]:w[1]]
            self.wends = doc.wends[w[0]:w[1]]
            self.words = doc.words[w[0]:w[1]]
            self.bounds = doc.bounds[b[0]:b[1]]
            self._verbs = None
        self.cuts = doc.cuts[bisect_left(doc.cuts, lo):bisect_left(doc.cuts, hi)]
        if quotes:
            bounds = list(self.bounds)
            for q in quotes:  # the edges of a speech quotation end a clause
                bounds += [(q.start - 1, q.start, "quote"), (q.end, q.end + 1, "stop")]
            self.bounds = sorted(bounds)

    def _scan_alone(self) -> None:
        """Words and clause boundaries of this sentence from a scan of the sentence alone."""
        src, lo, hi, fast = self.src, self.lo, self.hi, self.doc.fast
        bound_re = _scan_patterns(fast)[3]
        self.bounds = [(m.start(), m.end(), _bound_kind(m.group(0)))
                       for m in bound_re.finditer(src, lo, hi)]
        found = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(src, lo, hi)]
        self.wstarts = [x[0] for x in found]
        self.wends = [x[1] for x in found]
        self.words = [x[2] for x in found]

    def _verbs_alone(self) -> list:
        """Speech and attitude verbs of this sentence from a scan of the sentence alone."""
        verb_re = _scan_patterns(self.doc.fast)[2]
        return [(m.start(), m.end(), m.group(0).lower())
                for m in verb_re.finditer(self.src, self.lo, self.hi)]

    @property
    def verbs(self) -> list:
        """(start, end, form) of the speech and attitude verbs in the sentence: the
        document's scan sliced at first use, or a scan of the sentence alone when a match
        runs across its edges."""
        verbs = self._verbs
        if verbs is None:
            doc = self.doc
            v = _clean_slice(doc.vstarts, doc.vends, self.lo, self.hi)
            verbs = self._verbs = self._verbs_alone() if v is None else doc.verbs[v[0]:v[1]]
        return verbs

    # ---- regions and clauses
    def quote_at(self, pos: int):
        for q in self.quotes:
            if q.start <= pos < q.end:
                return q
        return None

    def back_limit(self, pos: int, stop_at_that: bool = True, stop_at_quote: bool = True) -> int:
        """Start of the clause that holds ``pos``. The opening mark of a quotation ends a
        search for a holder (another voice) but not for a target: in 'IRNA said the Zionist
        regime "will pay a heavy price"' the one who pays is named before the quote."""
        lim = self.lo
        for _a, b, kind in self.bounds:
            if b > pos:
                break
            if (kind == "that" and not stop_at_that) or (kind == "quote" and not stop_at_quote):
                continue
            lim = b
        return lim

    def fwd_limit(self, pos: int) -> int:
        for a, _b, kind in self.bounds:
            if a >= pos and kind != "that":
                return a
        return self.hi

    def in_condition(self, pos: int) -> bool:
        """True when ``pos`` lies in an if/unless clause (no comma since the "if")."""
        last = None
        for bound in self.bounds:
            if bound[1] > pos:
                break
            last = bound
        if not last or last[2] != "if":
            return False
        return not _CONDITION_END.search(self.text, last[1], pos)

    # ---- words and mentions
    def prev_word(self, pos: int) -> str:
        """The word before ``pos`` skipping determiners and compass words ("of the Zionist
        regime" → "of", "in eastern Syria" → "in")."""
        j = bisect_right(self.wends, pos)
        words = self.words
        for k in range(j - 1, (j - 5 if j > 4 else -1), -1):  # the last 4 words, nearest first
            if words[k] not in _NOT_PREV:
                return words[k]
        return ""

    def gap(self, a: int, b: int) -> int:
        """Number of words inside ``text[a:b]``."""
        n = bisect_right(self.wends, b) - bisect_left(self.wstarts, a)
        return max(0, n)

    def words_before(self, pos: int, n: int, lo: int | None = None, cut: bool = True) -> list:
        """The last ``n`` words (lower case) that end before ``pos`` and start at or after
        ``lo``, not reaching back over a comma, semicolon, colon, quotation mark or bracket
        when ``cut``."""
        first = self.lo
        lo = first if lo is None else lo
        if cut and self.cuts:
            cuts = self.cuts
            k = bisect_left(cuts, pos)
            if k and cuts[k - 1] >= lo:
                lo = cuts[k - 1] + 1
        j = bisect_right(self.wends, pos)
        i = j - n
        if lo > first:  # every word of the sentence starts at or after its start
            i = max(i, bisect_left(self.wstarts, lo))
        elif i < 0:
            i = 0
        return self.words[i:j]

    def index(self, m) -> int:
        """``self.mentions.index(m)``, looked for from the first mention that starts where
        ``m`` starts (an equal mention cannot start anywhere else)."""
        return self.mentions.index(m, bisect_left(self.mstarts, m.start))

    def coordinated(self, first, forward: bool) -> list:
        """The mention plus those joined to it by "and", "or" or a comma."""
        out = [first]
        ms = self.mentions
        k = self.index(first)
        step = 1 if forward else -1
        text = self.text
        bounds = self.bounds
        while 0 <= k + step < len(ms):
            nxt = ms[k + step]
            a, b = (out[-1].end, nxt.start) if forward else (nxt.end, out[-1].start)
            between = text[a:b]
            if (not between.strip() or not _COORD.fullmatch(between)
                    or (bounds and any(a <= x < b for x, _y, _k in bounds))):
                break
            out.append(nxt)
            k += step
        return out

    def search_after(self, start: int, window: int, category: str, limit: int | None = None,
                     stop: int | None = None):
        """(targets, agent) after ``start``: the first eligible mention and its conjuncts;
        an actor after "by"/"from" (or "of" for a threat) is the agent instead. The search
        ends at the clause end, the next comma and ``stop`` (the next cue: in "condemned the
        attack on US forces" the US is the object of "attack", not of "condemned")."""
        ms = self.mentions
        k0 = bisect_left(self.mstarts, start)
        if k0 == len(ms) or (stop is not None and ms[k0].start >= stop):
            return [], None  # no mention after ``start`` (before the next cue)
        wends, words = self.wends, self.words
        first = bisect_left(self.wstarts, start)
        if bisect_right(wends, ms[k0].start) - first > window:
            return [], None  # the nearest mention is too far: the rest are farther
        if limit is None:
            comma = self.text.find(",", start, self.hi)
            limit = self.fwd_limit(start)
            limit = min(limit, comma if comma != -1 else self.hi)
        if stop is not None and stop < limit:
            limit = stop
        agent = None
        skipped: set = set()
        for k in range(k0, len(ms)):
            m = ms[k]
            m_start = m.start
            if m_start >= limit:
                break
            j = bisect_right(wends, m_start)
            g = j - first  # gap(start, m.start), but may be negative: only compared with >= 0
            if g > window:
                break
            prev = ""  # prev_word(m.start)
            for w in range(j - 1, (j - 5 if j > 4 else -1), -1):
                if words[w] not in _NOT_PREV:
                    prev = words[w]
                    break
            if g <= 2 and (prev in _BY_FROM or (prev == "of" and category == "threat")):
                agent = agent or m  # "attacks by X", "support from X", "the threat of X"
                continue
            if prev == "between":
                skipped.update(id(c) for c in self.coordinated(m, True))
                continue
            if prev in _CITING or (skipped and id(m) in skipped):
                continue
            if prev in _LOCATIVE and (category != "violence" or m.via != "place" or g < 2):
                continue  # a named place is a target of an act with an object: "hit a base in X"
            return self.coordinated(m, True), agent
        return [], agent

    def search_before(self, end: int, window: int, skip=(), prepositional_ok: bool = False,
                      stop_at_that: bool = True, places_ok: bool = False):
        """The nearest mention before ``end`` in its clause that is not the object of a
        preposition (unless ``prepositional_ok``), within ``window`` words. With
        ``places_ok`` the search is for a target: places count and a quotation's opening
        mark does not end the clause."""
        ms = self.mentions
        if not ms:
            return None
        limit = self.back_limit(end, stop_at_that, stop_at_quote=not places_ok)
        text = self.text
        skip_starts = {x.start for x in skip} if skip else ()
        wstarts = self.wstarts
        last_word = bisect_right(self.wends, end)  # gap(m.end, end) = last_word - first word
        for k in range(bisect_right(self.mstarts, end) - 1, -1, -1):  # the rest end after ``end``
            m = ms[k]
            if m.end > end or (m.start in skip_starts and m in skip):
                continue
            if m.start < limit or last_word - bisect_left(wstarts, m.end) > window:
                break
            if m.via == "place" and not places_ok:
                continue  # a place is a target, never a speaker or an agent
            attributive = not text[m.end:end].strip(" -'s")  # "the Hamas attack"
            if not prepositional_ok and not attributive and self.prepositional(m):
                continue
            return m
        return None

    def prepositional(self, m) -> bool:
        """The mention is the object of a preposition ("in Iraq"), or a conjunct of one
        ("forces in Iraq and Syria")."""
        k = self.index(m)
        while True:
            if self.prev_word(m.start) in _PREPOSITIONS:
                return True
            if k == 0:
                return False
            prev = self.mentions[k - 1]
            between = self.text[prev.end:m.start]
            if not between.strip() or not _COORD.fullmatch(between):
                return False
            m, k = prev, k - 1

    def voice(self, pos: int) -> frozenset:
        """Speaker(s) whose words hold ``pos``: the quote's speaker and cited source, else the
        sentence speaker and cited source (``_voice_names``)."""
        q = self.quote_at(pos) if self.quotes else None
        key = id(q)
        names = self._voices.get(key)
        if names is not None:
            return names
        ctx = self.ctx
        if q is not None:
            names = _voice_names(q.speaker, q.cited)
        elif any(q.speaker == ctx.speakers[self.i] for q in self.quotes):
            # the sentence speaker came from its quotation: the words outside the marks are
            # the author's (reported speech there is caught by the embedded rule)
            names = _AUTHOR
        else:
            names = _voice_names(ctx.speakers[self.i], ctx.cited[self.i] if ctx.cited else "")
        self._voices[key] = names
        return names

    def embedded(self, pos: int, violent: bool) -> set:
        """Subjects of speech and attitude verbs that govern ``pos`` in the same voice.
        With ``violent``, only attitude verbs count (a speaker reporting an attack does not
        hold it; an actor wanting it does)."""
        out = set()
        verbs = self.verbs
        quotes = self.quotes
        if verbs and verbs[0][0] < pos:
            attitude = _ATTITUDE
            q = self.quote_at(pos) if quotes else None
            for a, b, form in verbs:
                if a >= pos:
                    break
                if quotes and self.quote_at(a) is not q:
                    continue
                is_attitude = form in attitude
                if violent and not is_attitude:
                    continue
                if is_attitude and self.fwd_limit(b) < pos:
                    continue  # an attitude verb governs its own clause only
                # the subject depends on the verb and on the objects found so far (a list
                # that only grows): kept for the sentence's later cues
                key = (a, len(self.objects))
                subj = self._subjects.get(key, _UNSET)
                if subj is _UNSET:
                    if self.is_passive(a, form):
                        subj = None  # "Israel was told ...": the subject is the addressee
                    else:
                        subj = self.search_before(a, AGENT_WINDOW, skip=self.objects)
                    self._subjects[key] = subj
                if subj is not None:
                    out.add(subj.actor)
        if not violent and (not self.doc.fast or self.src.find("according", self.lo, pos) != -1):
            q = self.quote_at(pos) if quotes else None
            for am in _ACCORDING.finditer(self.text, self.lo, pos):
                if self.quote_at(am.start()) is not q:
                    continue
                nxt = [m for m in self.mentions if m.start >= am.end() and m.via != "place"
                       and self.gap(am.end(), m.start) <= 1]
                if nxt:
                    out.add(nxt[0].actor)
        return out

    def next_cue(self, pos: int) -> int | None:
        """Start of the next cue hit after ``pos`` in this sentence, if any."""
        for c in self.cue_starts:
            if c >= pos:
                return c
        return None

    def attributive_before(self, start: int):
        """An actor written right before a cue: "the Hamas attack", "Iran's support",
        "Iranian-backed", "US strikes" (a place never)."""
        for m in reversed(self.mentions):
            if m.end > start:
                continue
            if m.via != "place" and not self.text[m.end:start].strip(" -'s\u2019"):
                return m
            return None
        return None

    def nominal(self, start: int) -> bool:
        """The cue is a noun ("the attack", "a drone strike", "those threats"): only an
        attributive actor, a possessive or a by/of phrase can be its agent, never the subject
        of the sentence ("The State Department condemned the attack")."""
        words = self.words_before(start, 1, cut=False)
        return bool(words) and (words[-1] in _DETERMINERS or words[-1] in _NOMINAL_MARKERS
                                or (words[-1] in _PREPOSITIONS and words[-1] != "to")
                                or words[-1].endswith("'s"))

    def pronoun_subject(self, start: int) -> bool:
        """A third-person pronoun is the subject right before ``start`` ("while it deters"):
        the act is someone else's, reported by the article."""
        words = [w for w in self.words_before(start, 4)
                 if w not in _AUXILIARIES and not w.endswith("ly") and not _is_negator(w)]
        return bool(words) and words[-1] in _PRONOUNS

    def naming_subjects(self, pos: int) -> set:
        """Subjects of naming verbs anywhere in the sentence, in the same voice as ``pos``
        ("Umm al-Rashrash is what the militias call Eilat"): they, not the author, chose
        the name."""
        q = self.quote_at(pos)
        out = set()
        for a, _b, form in self.verbs:
            if form in _NAMING_VERBS and self.quote_at(a) is q:
                subj = self.search_before(a, AGENT_WINDOW, stop_at_that=False)
                if subj is not None:
                    out.add(subj.actor)
        return out

    def passive_before(self, start: int) -> bool:
        """A form of "be" right before ``start`` (adverbs and negators skipped)."""
        return _be_last(self.words_before(start, 3))

    def is_passive(self, start: int, surface: str) -> bool:
        participle = _PARTICIPLE_LIKE.get(surface)
        if participle is None:
            participle = _participle_like(surface)
        if not participle:
            return False
        return self.passive_before(start)


#: ``_voice_names`` by (speaker, cited): the same few actor ids recur in every document.
_VOICE_NAMES: dict = {}


def _voice_names(speaker: str, cited: str) -> frozenset:
    """The speaker and the cited source that are actor ids ("author" included; "" and
    anything that is no id left out).

    >>> sorted(_voice_names("irna", "")), sorted(_voice_names("author", "Some Paper"))
    (['irna'], ['author'])
    """
    key = (speaker, cited)
    names = _VOICE_NAMES.get(key)
    if names is None:
        names = frozenset(n for n in key if n and _ID.fullmatch(n))
        if len(_VOICE_NAMES) < _SURFACE_CACHE_SIZE:
            _VOICE_NAMES[key] = names
    return names


def _participle_like(surface: str) -> bool:
    """The last word of ``surface`` ends in -ed or is an irregular participle (remembered
    by surface in ``_PARTICIPLE_LIKE``)."""
    found = _WORD.findall(surface.lower())
    last = found[-1] if found else ""
    participle = last.endswith("ed") or last in _IRREGULAR_PARTICIPLES
    if len(_PARTICIPLE_LIKE) < _SURFACE_CACHE_SIZE:
        _PARTICIPLE_LIKE[surface] = participle
    return participle


def _be_last(words: list) -> bool:
    """The last of ``words`` that is no adverb (-ly) or negator is a form of "be"."""
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        if not w.endswith("ly") and not (w in NEGATORS or w.endswith("n't")):
            return w in _BE
    return False


def _nominal_word(before: list, s: _Sentence, start: int) -> bool:
    """``s.nominal(start)``, from ``before`` (words that end before ``start``, the last one
    the word right before it) when it has any."""
    if before:
        w = before[-1]
        return (w in _DETERMINERS or w in _NOMINAL_MARKERS
                or (w in _PREPOSITIONS and w != "to") or w.endswith("'s"))
    return s.nominal(start)


def _bound_kind(token: str) -> str:
    t = token.strip().lower()
    if t in {"if", "unless"}:
        return "if"
    if t == "that":
        return "that"
    return "stop"


# --------------------------------------------------------------------------- the rules
def _cue_evidence(s: _Sentence, start: int, end: int, cue: Cue, override_target: str = "",
                  untargeted: bool = True):
    """Evidence items of one cue hit, and its contribution to the sentence score.

    Returns (items, contribution, agents, effective category); contribution None = not
    counted. With ``untargeted`` False a cue without a target gives no items and its holders
    are not looked for (the ``stance`` table needs only items with a target); its agents
    neither, unless the sentence has a pejorative name they may hold.
    """
    text = s.text
    src = s.src  # the text, lower-cased when ASCII (``_DocScan``)
    fast = s.doc.fast
    surface = text[start:end]
    category = cue.category
    if cue.weight == 0:
        return [], None, set(), category
    if category != "blame" and s.bounds and s.in_condition(start):
        return [], None, set(), category
    before = s.words_before(start, _BEFORE_WINDOW)
    if category == "violence":
        lo = max(s.back_limit(start, False), start - 60)
        if (_FUTURE_FAST if fast else _FUTURE).search(src[lo:start]):
            category = "threat"  # "will be targeted", "vowed to strike"
    # s.is_passive(start, surface), whose words before the cue are ``before``
    participle = _PARTICIPLE_LIKE.get(surface)
    if participle is None:
        participle = _participle_like(surface)
    ends_ed = src.endswith("ed", start, end) if fast else surface.lower().endswith("ed")
    passive = (participle and _be_last(before)) or (
        ends_ed and bool(_REDUCED_PASSIVE.match(text, end))
        and s.search_after(end, OBJECT_WINDOW, category)[0] == [])  # "troops killed in a raid"
    by_agent = None
    by_limit = min(end + 8, s.hi)
    m_by = _BY.match(text, end, by_limit) if text.find("by", end, by_limit) != -1 else None
    if m_by:
        passive = True
    # ---- targets
    targets: list = []
    agent = None
    target_first = None
    if override_target:
        targets = []
    elif passive:
        t = s.search_before(start, AGENT_WINDOW, places_ok=True)
        targets = s.coordinated(t, False) if t is not None else []
        if m_by:  # "backed by Iran": the actor right after "by" is the agent
            by_end = m_by.end()
            nxt = [m for m in s.mentions if m.start >= by_end and m.via != "place"
                   and s.gap(by_end, m.start) <= 1]
            by_agent = nxt[0] if nxt else None
    elif cue.aim == "subject":
        t_before = s.search_before(start, SUBJECT_WINDOW, places_ok=True)
        t_after, _a = s.search_after(end, 2, "subject")
        if t_after and not _ADJACENT_AFTER.fullmatch(text[end:t_after[0].start]):
            t_after = []  # after the cue only "criminal X", "crimes of X", "aggression by X"
        gap_b = s.gap(t_before.end, start) if t_before is not None else 99
        gap_a = s.gap(end, t_after[0].start) if t_after else 99
        if t_before is not None and gap_b <= gap_a:
            targets = s.coordinated(t_before, False)
        elif t_after:
            targets = t_after
    else:  # object or either
        targets, agent = s.search_after(end, OBJECT_WINDOW, category,
                                        stop=s.next_cue(end))
        if not targets and cue.aim == "either":
            t = s.search_before(start, SUBJECT_WINDOW, places_ok=True)
            targets = s.coordinated(t, False) if t is not None else []
    if targets and targets[0].end <= start:
        target_first = min(targets, key=lambda m: m.start)
    # ---- weight (negation window also before a target that precedes the cue)
    target_before = (s.words_before(target_first.start, NEGATION_WINDOW)
                     if target_first is not None else [])
    if target_first is not None:  # words between target and cue only
        before = s.words_before(start, _BEFORE_WINDOW, lo=target_first.end)
    if (_MODIFIERS.isdisjoint(before) and "n't" not in "".join(before)
            and (not target_before or (_MODIFIERS.isdisjoint(target_before)
                                       and "n't" not in "".join(target_before)))):
        weight = _clip(cue.weight)  # no negator or (de-)intensifier: as modify_weight
    else:
        weight = modify_weight(cue.weight, before, target_before)
    if (src.find("in the strongest", end, end + 40) != -1 if fast
            else "in the strongest" in text[end:end + 40].lower()):
        weight = _clip(weight * INTENSIFIER_FACTOR)
    if not (untargeted or targets or override_target or s.pejoratives):
        # no item, and no pejorative name in the sentence that the cue's agent would hold
        return [], weight * (REPORTED_VIOLENCE_FACTOR if category == "violence" else 1.0), \
            set(), category
    # ---- holders
    agents = set()
    if passive:
        if by_agent is not None:
            agents.add(by_agent.actor)
    elif cue.aim != "subject" and not override_target:
        a = agent or s.attributive_before(start)
        if a is None and not _nominal_word(before, s, start):  # a verb: its subject is the agent
            a = s.search_before(start, AGENT_WINDOW, skip=list(targets) + s.objects)
        if a is not None:
            agents.add(a.actor)
        if targets:
            s.objects += [t for t in targets if t.start > start]
        if agents and category in GOVERNING_CATEGORIES:
            s.governors.append((end, s.fwd_limit(end), frozenset(agents)))
    reported_act = category == "violence"
    if not (untargeted or targets or override_target):
        return [], weight * (REPORTED_VIOLENCE_FACTOR if reported_act else 1.0), agents, category
    voice = s.voice(start)
    embedded = s.embedded(start, reported_act)  # a new set
    embedded |= agents
    if s.governors and weight < 0 and (category in GOVERNED_CATEGORIES or (
            category == "blame" and cue.aim == "subject")):
        for g_end, g_limit, g_agents in s.governors:
            if g_end <= start < g_limit:
                embedded |= g_agents  # the condemner holds the label of what it condemns
    if reported_act:
        holders = embedded
        if (not holders and voice and voice.isdisjoint(_AUTHOR_UNKNOWN)
                and _FIRST_PERSON.search(text, s.back_limit(start), start)):
            holders = set(voice)  # '"Our fighters struck the base," the group said'

    else:
        if voice == _AUTHOR and (embedded or _in_scare(s, start)
                                    or (cue.aim != "subject" and s.pronoun_subject(start))):
            voice = set()
        holders = voice | embedded
    items = []
    if not holders:
        return items, weight * (REPORTED_VIOLENCE_FACTOR if reported_act else 1.0), agents, category
    target_ids = [override_target] if override_target else [m.actor for m in targets]
    for h in sorted(holders):
        for t in (target_ids or [""]):
            if _same_actor(h, t):
                continue
            items.append(Evidence(s.i, h, t, weight, surface, category, start, end))
    contribution = weight * (REPORTED_VIOLENCE_FACTOR if reported_act else 1.0)
    return items, contribution, agents, category


@lru_cache(maxsize=4096)
def _same_actor(holder: str, target: str) -> bool:
    """A holder is never its own target, nor a target it belongs to or that belongs to it
    (the Pentagon is not hostile to the United States).

    >>> _same_actor("us_dod", "united_states"), _same_actor("iran", "israel")
    (True, False)
    """
    if holder == target:
        return True
    if not holder or not target:
        return False
    from .actors import ancestors
    return target in ancestors(holder) or holder in ancestors(target)


def _in_scare(s: _Sentence, pos: int) -> bool:
    return any(q.start <= pos < q.end for q in s.doc.scare)


def _pejorative_evidence(s: _Sentence, m, cue_agents: list) -> list[Evidence]:
    """Evidence of a pejorative name → the mention's actor, held by the voice, the embedded
    speech holders, whoever uses a naming verb on it, and the agents of the speech-act cues
    before it in the same voice ("Tehran blamed the Zionists", "Tasnim hailed the operation
    against the usurping Zionist entity")."""
    voice = s.voice(m.start)
    q = s.quote_at(m.start)
    acting = {a for start, agents in cue_agents if start < m.start and s.quote_at(start) is q
              for a in agents}
    embedded = s.embedded(m.start, False) | s.naming_subjects(m.start) | acting
    if voice == {"author"} and (embedded or _in_scare(s, m.start)):
        voice = set()
    holders = voice | embedded
    weight = PARTISAN_PLACE_WEIGHT if m.via == "place" else PEJORATIVE_WEIGHT
    return [Evidence(s.i, h, m.actor, weight, m.surface, "pejorative_naming", m.start, m.end)
            for h in sorted(holders) if not _same_actor(h, m.actor)]


@lru_cache(maxsize=1)
def _place_index() -> tuple[re.Pattern, dict]:
    """``places.csv`` as one trie regex (the same matches as ``helpers.actors.find_places``)
    and key → (actor, partisan). Bases, facilities and waterways are kept only when their
    name is partisan: their ``actor`` is the territorial state by convention, not the force
    there, so "an attack on Ain al-Asad" is not hostility toward Iraq."""
    df = read_lexicon("places")
    lookup = {}
    for r in df.to_dict("records"):
        partisan = r.get("partisan", "0") in {"1", "true", "yes"}
        if r["actor"] and (partisan or r.get("kind", "") not in _UNTARGETED_PLACE_KINDS):
            lookup.setdefault(_key(r["place"]).replace(".", ""), (r["actor"], partisan))
    return trie_pattern(list(df["place"])), lookup


def _place_mentions(ctx: DocContext, hits: list) -> list:
    """Places named in the document (``hits``: the place regex's matches, ``_DocScan``)
    that are not inside an actor mention, as mentions of the territory's actor
    (``via="place"``; ``pejorative`` = a partisan name such as "Umm al-Rashrash"). Places are
    targets ("attacked a vital target in Umm al-Rashrash"), never holders or agents."""
    _pattern, lookup = _place_index()
    text = ctx.text
    cache = _PLACE_BY_SURFACE
    if len(cache) > _SURFACE_CACHE_SIZE:
        cache.clear()
    out = []
    for a, b, g in hits:
        try:
            entry = cache[g]
        except KeyError:
            entry = cache[g] = lookup.get(_key(g).replace(".", ""))
        if entry is None:
            continue
        i = ctx.sentence_of(a)
        if any(m.start < b and a < m.end for m in ctx.mentions_in(i)):
            continue
        out.append(Mention(a, b, entry[0], text[a:b], i, entry[1], "place"))
    return out


def document_evidence(ctx: DocContext, untargeted: bool = True) -> tuple[list, list[Evidence]]:
    """Every piece of stance evidence in a document, and the per-sentence domain scores.

    Returns (sentence scores, evidence items). Only sentences with a cue hit or a pejorative
    mention are examined. ``untargeted=False`` leaves out the items with no target (the
    ``stance`` table has no use for them; the scores are the same).
    """
    n = len(ctx.spans)
    scores: list = [None] * n
    if not n:
        return scores, []
    _cue_re, lookup = _cue_index()
    text = ctx.text
    fast = _FAST_SCANS and text.isascii()
    src = text.lower() if fast else text
    cache = _CUE_BY_SURFACE
    if len(cache) > _SURFACE_CACHE_SIZE:
        cache.clear()
    starts = ctx._starts
    hits: dict[int, list] = {}
    doc = _DocScan(ctx, src, fast)
    for a, b, g in doc.cue_hits:
        try:
            cue = cache[g]
        except KeyError:
            cue = cache[g] = lookup.get(_key(g))
        if cue is not None:
            k = bisect_right(starts, a) - 1
            hits.setdefault(max(0, k), []).append((a, b, cue))
    pej: dict[int, list] = {}
    for m in ctx.mentions:
        if m.pejorative and m.actor:
            pej.setdefault(m.sent, []).append(m)
    places = _place_mentions(ctx, doc.place_hits)
    for m in places:
        if m.pejorative:
            pej.setdefault(m.sent, []).append(m)
    by_sent: dict[int, list] = {}
    for m in places:
        by_sent.setdefault(m.sent, []).append(m)
    evidence: list[Evidence] = []
    todo = sorted(set(hits) | set(pej))
    if not todo:
        return scores, evidence
    for i in todo:
        s = _Sentence(ctx, i, doc, by_sent.get(i, ()), pej.get(i, ()))
        total, violence, counted = 0.0, 0.0, False
        cue_agents: list = []  # (start, agents) of speech-act cues: they hold later names
        all_mentions = ctx.mentions_in(i)
        sent_hits = hits.get(i, ())
        s.cue_starts = [h[0] for h in sent_hits]
        for start, end, cue in sent_hits:
            override = ""
            for m in all_mentions:  # the first mention the cue overlaps, if any
                if m.start < end and start < m.end:
                    break
            else:
                m = None
            if m is not None:
                if m.via == "coref" and not m.pejorative and m.actor:
                    override = m.actor  # "the regime" standing for a named state
                else:
                    continue  # the cue word is part of a name
            if cue.weight > 0 and start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum():
                continue  # "Iran-backed", "US-brokered": a relation named, no stance taken
            items, contribution, agents, category = _cue_evidence(s, start, end, cue, override,
                                                                 untargeted)
            if contribution is None:
                continue
            counted = True
            if category == "violence":  # a reported act: the strongest one counts, once
                if abs(contribution) > abs(violence):
                    violence = contribution
            else:
                total += contribution
            evidence += items
            if category != "violence" and agents and (
                    src.endswith("ed", start, end) if fast else src[start:end].lower().endswith("ed")):
                cue_agents.append((start, agents))  # "Tehran blamed the Zionists"
        for m in s.pejoratives:
            counted = True
            total += PARTISAN_PLACE_WEIGHT if m.via == "place" else PEJORATIVE_WEIGHT
            evidence += _pejorative_evidence(s, m, cue_agents)
        if counted:
            scores[i] = _clip(total + violence)
    return scores, evidence


def _pair_rows(evidence: list[Evidence]) -> list[tuple]:
    """(holder, target, score, n_evidence, "3|7|12") per pair: per-sentence sums clipped,
    then the mean over sentences."""
    per: dict[tuple, dict[int, float]] = {}
    for e in evidence:
        if not e.target:
            continue
        per.setdefault((e.holder, e.target), {}).setdefault(e.sent, 0.0)
        per[(e.holder, e.target)][e.sent] += e.weight
    rows = []
    for (h, t), by_sent in sorted(per.items()):
        sents = sorted(by_sent)
        score = _clip(sum(_clip(by_sent[k]) for k in sents) / len(sents))
        rows.append((h, t, score, len(sents), "|".join(str(k) for k in sents)))
    return rows


def score_document(ctx: DocContext, baseline: bool = True) -> tuple[list, list, list[tuple]]:
    """Domain score and VADER score per sentence, and the ``stance`` rows of a document.

    Returns (stance per sentence: float in [-1, 1] or None for no evidence; VADER compound
    per sentence, or None for every sentence when ``baseline`` is False; rows in
    ``TABLE_COLUMNS["stance"]`` order: doc_id, holder, target, score, n_evidence,
    evidence_sent_ids).
    """
    scores, evidence = document_evidence(ctx, untargeted=False)
    text = ctx.text
    if baseline:
        vader = [vader_compound(text[a:b]) for a, b in ctx.spans]
    else:
        vader = [None] * len(ctx.spans)
    rows = [(ctx.doc_id, *r) for r in _pair_rows(evidence)]
    return scores, vader, rows


# --------------------------------------------------------------------------- notebooks
def _context(text: str, speaker: str, date) -> DocContext:
    from .actors import context_for_text
    ctx = context_for_text(text, date=date)
    if speaker and speaker != "author":
        ctx.speakers = [speaker] * len(ctx.spans)
    return ctx


def explain(text: str, speaker: str = "author", date=None) -> pd.DataFrame:
    """Every piece of evidence the rules find in a text: sent_id, holder, target, weight,
    cue, category, start, end (offsets into the cleaned text). For notebooks and tests.

    ``speaker``: who says the text when it is not the article's own voice; quotations inside
    keep their own speakers.
    """
    _scores, evidence = document_evidence(_context(text, speaker, date))
    cols = ["sent_id", "holder", "target", "weight", "cue", "category", "start", "end"]
    return pd.DataFrame([(e.sent, e.holder, e.target, e.weight, e.cue, e.category, e.start, e.end)
                         for e in evidence], columns=cols)


def sentence_stance(text: str, speaker: str = "author", date=None) -> pd.DataFrame:
    """Holder → target stance in one sentence (or a short text): holder, target, score, cues.

    Scores are aggregated as in ``score_document``; ``cues`` lists the words that gave the
    evidence (``|``-separated). An empty table means no evidence.
    """
    _scores, evidence = document_evidence(_context(text, speaker, date))
    cues: dict[tuple, list] = {}
    for e in evidence:
        if e.target:
            cues.setdefault((e.holder, e.target), [])
            if e.cue not in cues[(e.holder, e.target)]:
                cues[(e.holder, e.target)].append(e.cue)
    rows = [(h, t, score, "|".join(cues[(h, t)])) for h, t, score, _n, _ids in _pair_rows(evidence)]
    return pd.DataFrame(rows, columns=["holder", "target", "score", "cues"])


def stance_matrix(stance_df: pd.DataFrame, weighted: bool = False) -> pd.DataFrame:
    """Holder × target pivot of the mean stance score over documents.

    ``weighted=True`` weights each document's pair score by its ``n_evidence`` (every
    evidence sentence counts once). Cells without evidence are NaN, not 0.

    >>> df = pd.DataFrame({"holder": ["irna", "irna", "author"], "target": ["israel", "israel", "iran"],
    ...                    "score": [-0.5, -1.0, 0.5], "n_evidence": [1, 3, 1]})
    >>> stance_matrix(df).loc["irna", "israel"], stance_matrix(df, weighted=True).loc["irna", "israel"]
    (np.float64(-0.75), np.float64(-0.875))
    """
    if stance_df.empty:
        return pd.DataFrame(dtype=float)
    df = stance_df[["holder", "target", "score", "n_evidence"]].copy()
    if weighted:
        df["w"] = df["score"] * df["n_evidence"]
        g = df.groupby(["holder", "target"])[["w", "n_evidence"]].sum()
        cell = g["w"] / g["n_evidence"]
    else:
        cell = df.groupby(["holder", "target"])["score"].mean()
    return cell.unstack("target").sort_index().sort_index(axis=1)


def evidence(analysis, holder: str, target: str) -> pd.DataFrame:
    """The evidence sentences behind one (holder, target) pair of an analysis, for
    drill-down: doc_id, sent_id, speaker, text, score (the sentence's domain score),
    vader, pair_score (the document-level pair score).
    """
    stance, sentences = analysis["stance"], analysis["sentences"]
    rows = stance[(stance["holder"] == holder) & (stance["target"] == target)]
    keys = []
    for r in rows.itertuples(index=False):
        for sid in str(r.evidence_sent_ids).split("|"):
            if sid:
                keys.append((r.doc_id, int(sid), r.score))
    cols = ["doc_id", "sent_id", "speaker", "text", "score", "vader", "pair_score"]
    if not keys:
        return pd.DataFrame(columns=cols)
    k = pd.DataFrame(keys, columns=["doc_id", "sent_id", "pair_score"])
    out = k.merge(sentences, on=["doc_id", "sent_id"], how="left")
    out = out.rename(columns={"stance": "score"})
    return out[cols].sort_values(["doc_id", "sent_id"], kind="mergesort").reset_index(drop=True)


def compare_with_vader(sentences_df: pd.DataFrame, n: int = 20,
                       band: float = NEUTRAL_BAND) -> pd.DataFrame:
    """Sentences where the domain score and VADER disagree most: doc_id, sent_id, speaker,
    text, stance, vader, gap (|stance - vader|, a missing stance read as 0) and
    sign_disagree (the two have opposite signs beyond ``band``).

    >>> df = pd.DataFrame({"doc_id": ["d"] * 3, "sent_id": [0, 1, 2], "speaker": ["author"] * 3,
    ...                    "text": ["a", "b", "c"], "stance": [-0.8, None, 0.5], "vader": [0.6, -0.4, 0.5]})
    >>> compare_with_vader(df)[["sent_id", "gap", "sign_disagree"]].values.tolist()
    [[0, 1.4, True], [1, 0.4, False], [2, 0.0, False]]
    """
    df = sentences_df.copy()
    stance = pd.to_numeric(df["stance"], errors="coerce")
    vader = pd.to_numeric(df["vader"], errors="coerce")
    df["stance"], df["vader"] = stance, vader
    df["gap"] = (stance.fillna(0.0) - vader.fillna(0.0)).abs().round(4)
    df["sign_disagree"] = ((stance > band) & (vader < -band)) | (
        (stance < -band) & (vader > band))
    keep = [c for c in ["doc_id", "sent_id", "speaker", "text", "stance", "vader", "gap",
                        "sign_disagree"] if c in df.columns]
    df = df.sort_values(["gap", "doc_id", "sent_id"], ascending=[False, True, True], kind="mergesort")
    return df[keep].head(n).reset_index(drop=True)


def label(score, band: float = NEUTRAL_BAND) -> str:
    """Read a score as hostile / neutral / conciliatory (None = neutral).

    >>> label(-0.5), label(0.1), label(None), label(0.6)
    ('hostile', 'neutral', 'neutral', 'conciliatory')
    """
    if score is None or pd.isna(score) or abs(score) <= band:
        return "neutral"
    return "hostile" if score < 0 else "conciliatory"


#: VADER's own reading of its compound score (Hutto & Gilbert 2014; the vaderSentiment README):
#: at least +0.05 positive, at most -0.05 negative, neutral between.
VADER_BAND = 0.05
#: The three labels, in the order tables list them.
LABELS = ("hostile", "neutral", "conciliatory")


def score_labelled(labelled: pd.DataFrame, band: float = NEUTRAL_BAND) -> pd.DataFrame:
    """Hand-labelled sentences scored two ways: the domain score in the sentence's ``speaker``
    voice (column optional; "author" when absent or empty) and VADER's compound. Returns the
    input's text, speaker and label with ``stance``, ``stance_label`` (read with ``band``),
    ``vader`` and ``vader_label`` (read with ``VADER_BAND``).

    >>> df = pd.DataFrame({"text": ["Hezbollah threatened Israel."], "label": ["hostile"]})
    >>> score_labelled(df)[["stance_label", "label"]].values.tolist()
    [['hostile', 'hostile']]
    """
    rows = []
    speakers = labelled["speaker"] if "speaker" in labelled.columns else [""] * len(labelled)
    for text, speaker, gold in zip(labelled["text"], speakers, labelled["label"]):
        speaker = speaker if isinstance(speaker, str) and speaker else "author"
        scores, _evidence = document_evidence(_context(text, speaker, None))
        found = [x for x in scores if x is not None]
        score = _clip(sum(found)) if found else None
        compound = vader_compound(text)
        rows.append((text, speaker, gold, score, label(score, band), compound,
                     label(compound, VADER_BAND)))
    return pd.DataFrame(rows, columns=["text", "speaker", "label", "stance", "stance_label",
                                       "vader", "vader_label"])


def label_agreement(scored: pd.DataFrame) -> pd.DataFrame:
    """Accuracy and per-label precision and recall of the domain labels and of VADER's against
    the hand labels of ``score_labelled`` output: one row per method (``domain``, ``vader``),
    columns ``n``, ``accuracy``, ``<label>_precision``, ``<label>_recall``.

    >>> df = pd.DataFrame({"label": ["hostile", "neutral"], "stance_label": ["hostile", "hostile"],
    ...                    "vader_label": ["neutral", "neutral"]})
    >>> label_agreement(df).loc["domain", ["accuracy", "hostile_precision", "hostile_recall"]].tolist()
    [0.5, 0.5, 1.0]
    """
    out = {}
    gold = scored["label"].tolist()
    for method, column in (("domain", "stance_label"), ("vader", "vader_label")):
        got = scored[column].tolist()
        row = {"n": len(gold), "accuracy": round(sum(a == b for a, b in zip(got, gold)) / max(1, len(gold)), 3)}
        for lab in LABELS:
            hit = sum(a == lab and b == lab for a, b in zip(got, gold))
            row[f"{lab}_precision"] = round(hit / max(1, got.count(lab)), 3)
            row[f"{lab}_recall"] = round(hit / max(1, gold.count(lab)), 3)
        out[method] = row
    return pd.DataFrame.from_dict(out, orient="index")


# --------------------------------------------------------------------------- voices, figures
#: Colour map of every stance figure: red hostile, white 0, blue conciliatory. Diverging and
#: centred at 0 (limits fixed at -1 and +1), so the same colour means the same score in every
#: figure and every corpus.
STANCE_CMAP = "RdBu"
#: Colours of the two kinds of voice in the scatter of the domain score against VADER.
VOICE_COLOURS = {"author": "#4C72B0", "reported": "#DD8452"}
#: Largest jitter (in rows) of the sentence dots in ``plot_scores_by_voice``: enough to see
#: dots with the same score, small enough that a dot stays inside its voice's row.
VOICE_JITTER = 0.18


def voice_labels(sentences: pd.DataFrame, level: str = "speaker") -> pd.Series:
    """The voice of each sentence: its ``speaker`` ("author", "unknown" or an actor id), or
    with ``level="bloc"`` the bloc the speaking actor rolls up to (``actors.bloc_of``: IRNA →
    iran, Qais Khazali → iraqi_militias); "author" and "unknown" stay as they are. A missing
    speaker is "author".

    >>> s = pd.DataFrame({"speaker": ["author", "irna", "qais_khazali", None]})
    >>> voice_labels(s).tolist(), voice_labels(s, "bloc").tolist()
    (['author', 'irna', 'qais_khazali', 'author'], ['author', 'iran', 'iraqi_militias', 'author'])
    """
    if level not in ("speaker", "bloc"):
        raise ValueError(f'level must be "speaker" or "bloc", got {level!r}')
    if "speaker" in sentences:
        voice = sentences["speaker"].fillna("").astype(str).str.strip().replace("", "author")
    else:
        voice = pd.Series("author", index=sentences.index)
    if level == "bloc":
        from .actors import bloc_of
        voice = voice.map(lambda v: v if v in ("author", "unknown") else bloc_of(v))
    return voice.rename("voice")


def scores_by_voice(sentences: pd.DataFrame, level: str = "speaker",
                    band: float = NEUTRAL_BAND) -> pd.DataFrame:
    """Sentence scores summed up by voice (``voice_labels``): voice, n_sentences, n_scored
    (sentences with stance evidence), hostile and conciliatory (scored sentences below
    ``-band`` / above ``band``), mean_stance (over scored sentences), mean_vader (over all).
    Largest voices first, ties by name.

    >>> s = pd.DataFrame({"speaker": ["author", "author", "irna"], "stance": [None, 0.5, -1.0],
    ...                   "vader": [0.0, 0.2, -0.2]})
    >>> scores_by_voice(s).values.tolist()
    [['author', 2, 1, 0, 1, 0.5, 0.1], ['irna', 1, 1, 1, 0, -1.0, -0.2]]
    """
    cols = ["voice", "n_sentences", "n_scored", "hostile", "conciliatory", "mean_stance",
            "mean_vader"]
    if sentences.empty:
        return pd.DataFrame(columns=cols)
    stance = pd.to_numeric(sentences["stance"], errors="coerce")
    vader = pd.to_numeric(sentences["vader"], errors="coerce") if "vader" in sentences else None
    df = pd.DataFrame({
        "voice": voice_labels(sentences, level).to_numpy(),
        "stance": stance.to_numpy(),
        "vader": vader.to_numpy() if vader is not None else float("nan"),
    })
    g = df.groupby("voice", sort=True)
    out = pd.DataFrame({
        "n_sentences": g.size(),
        "n_scored": g["stance"].count(),
        "hostile": g["stance"].agg(lambda x: int((x < -band).sum())),
        "conciliatory": g["stance"].agg(lambda x: int((x > band).sum())),
        "mean_stance": g["stance"].mean().round(4),
        "mean_vader": g["vader"].mean().round(4),
    }).reset_index()
    out = out.sort_values(["n_sentences", "voice"], ascending=[False, True], kind="mergesort")
    return out[cols].reset_index(drop=True)


def _stance_norm():
    from matplotlib.colors import TwoSlopeNorm
    return TwoSlopeNorm(vmin=-1.0, vcenter=0.0, vmax=1.0)


def plot_stance_matrix(matrix: pd.DataFrame, stance_df: pd.DataFrame | None = None,
                       title: str | None = None):
    """Heat map of a holder × target matrix (``stance_matrix``): rows are holders, columns
    targets, the colour the score on a diverging scale centred at 0 (red hostile, blue
    conciliatory, fixed limits -1..+1), the score written in each cell, and cells without
    evidence left grey and empty. Given the ``stance`` table, each cell also says on how many
    evidence sentences it rests (``n=``)."""
    import matplotlib.pyplot as plt
    import numpy as np

    if matrix is None or matrix.empty:
        fig, ax = plt.subplots(figsize=(5, 2))
        ax.text(0.5, 0.5, "no stance evidence", ha="center", va="center", transform=ax.transAxes)
        ax.axis("off")
        return fig
    values = matrix.to_numpy(dtype=float)
    counts = None
    if stance_df is not None and not stance_df.empty:
        counts = (stance_df.groupby(["holder", "target"])["n_evidence"].sum()
                  .unstack("target").reindex(index=matrix.index, columns=matrix.columns))
    n_rows, n_cols = values.shape
    fig, ax = plt.subplots(figsize=(max(5.0, 0.95 * n_cols + 3.2), max(2.8, 0.55 * n_rows + 1.9)))
    cmap = plt.get_cmap(STANCE_CMAP).with_extremes(bad="#EEEEEE")
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, norm=_stance_norm(), aspect="auto")
    for i in range(n_rows):
        for j in range(n_cols):
            v = values[i, j]
            if np.isnan(v):
                continue
            label = f"{v:+.2f}"
            if counts is not None and not pd.isna(counts.iat[i, j]):
                label += f"\nn={int(counts.iat[i, j])}"
            ax.text(j, i, label, ha="center", va="center", fontsize=8,
                    color="white" if abs(v) >= 0.6 else "black")
    ax.set_xticks(range(n_cols), [str(c) for c in matrix.columns], rotation=40, ha="right")
    ax.set_yticks(range(n_rows), [str(r) for r in matrix.index])
    ax.set_xticks(np.arange(-0.5, n_cols), minor=True)
    ax.set_yticks(np.arange(-0.5, n_rows), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel("target")
    ax.set_ylabel("holder")
    ax.set_title(title or "Stance of each holder toward each target (mean over documents)")
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, ticks=[-1, -0.5, 0, 0.5, 1])
    bar.set_label("hostile  ←  score  →  conciliatory")
    fig.tight_layout()
    return fig


def plot_domain_vs_vader(sentences: pd.DataFrame, n_labels: int = 5, band: float = NEUTRAL_BAND):
    """Each sentence as a point: VADER's compound score (x) against the domain stance score
    (y). Filled points have stance evidence; hollow grey points have none and sit at 0.
    Colour: the author's own sentences or a reported voice. The shaded corners are where the
    two scores have opposite signs beyond ``band`` (``compare_with_vader``'s
    ``sign_disagree``); the ``n_labels`` sentences with the largest gap carry their row number
    in ``compare_with_vader(sentences)``. The title gives Pearson's r over the scored
    sentences."""
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.patches import Rectangle

    fig, ax = plt.subplots(figsize=(7.5, 6))
    stance = pd.to_numeric(sentences.get("stance", pd.Series(dtype=float)), errors="coerce")
    vader = pd.to_numeric(sentences.get("vader", pd.Series(dtype=float)), errors="coerce")
    for x0, y0, w, h in [(-1.05, band, 1.05 - band, 1.05 - band),
                         (band, -1.05, 1.05 - band, 1.05 - band)]:
        ax.add_patch(Rectangle((x0, y0), w, h, color="#FFF2B3", zorder=0))
    ax.text(-1.0, 1.0, "conciliatory here,\nnegative to VADER", va="top", fontsize=8, color="#8A6D00")
    ax.text(1.0, -1.0, "hostile here,\npositive to VADER", ha="right", va="bottom", fontsize=8,
            color="#8A6D00")
    for v in (-band, band):
        ax.axhline(v, color="#BBBBBB", linewidth=0.8, linestyle=":")
        ax.axvline(v, color="#BBBBBB", linewidth=0.8, linestyle=":")
    ax.plot([-1, 1], [-1, 1], color="#CCCCCC", linewidth=0.8, zorder=1)
    voice = voice_labels(sentences) if len(sentences) else pd.Series(dtype=object)
    scored = stance.notna() & vader.notna()
    unscored = stance.isna() & vader.notna()
    ax.scatter(vader[unscored], np.zeros(int(unscored.sum())), facecolors="none",
               edgecolors="#999999", s=28, label="no stance evidence (drawn at 0)", zorder=2)
    for kind, colour in VOICE_COLOURS.items():
        keep = scored & ((voice == "author") if kind == "author" else (voice != "author"))
        ax.scatter(vader[keep], stance[keep], color=colour, s=36, alpha=0.85, zorder=3,
                   edgecolors="white", linewidths=0.5,
                   label="author's own words" if kind == "author" else "quoted or reported voice")
    if n_labels and len(sentences):
        top = compare_with_vader(sentences, n=n_labels, band=band)
        spots: dict[tuple, list] = {}  # sentences with the same two scores share one label
        for rank, row in top.iterrows():
            y = 0.0 if pd.isna(row["stance"]) else float(row["stance"])
            spots.setdefault((round(float(row["vader"]), 2), round(y, 2)), []).append(str(rank))
        for (x, y), ranks in spots.items():
            ax.annotate(", ".join(ranks), (x, y), xytext=(5, 4), textcoords="offset points",
                        fontsize=9, fontweight="bold", zorder=4)
    n = int(scored.sum())
    r = stance[scored].corr(vader[scored]) if n >= 3 else float("nan")
    r_text = f"r = {r:+.2f}" if not pd.isna(r) else "r undefined"
    ax.set_title(f"Domain stance against VADER ({r_text} over {n} sentences with stance evidence)",
                 fontsize=10)
    ax.set_xlabel("VADER compound (general sentiment)")
    ax.set_ylabel("domain stance score (hostile < 0 < conciliatory)")
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
    fig.tight_layout()
    return fig


def plot_scores_by_voice(sentences: pd.DataFrame, level: str = "speaker",
                         band: float = NEUTRAL_BAND):
    """One row per voice (``voice_labels``), largest at the top: each dot a sentence, its
    domain stance score on the left panel (sentences with evidence only) and its VADER score
    on the right, coloured on the stance scale; a black bar marks each voice's mean. Row
    labels give the number of sentences scored / in all, since a mean over one or two
    sentences is unstable."""
    import matplotlib.pyplot as plt
    import numpy as np

    table = scores_by_voice(sentences, level, band)
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.5 * max(len(table), 1) + 1.8), sharey=True)
    if table.empty:
        for ax in axes:
            ax.text(0.5, 0.5, "no sentences", ha="center", va="center", transform=ax.transAxes)
        return fig
    voice = voice_labels(sentences, level).to_numpy()
    rows = {v: i for i, v in enumerate(reversed(table["voice"].tolist()))}
    rng = np.random.default_rng(0)  # jitter only; the same picture on every run
    jitter = rng.uniform(-VOICE_JITTER, VOICE_JITTER, len(sentences))
    y = np.array([rows[v] for v in voice], dtype=float) + jitter
    cmap, norm = plt.get_cmap(STANCE_CMAP), _stance_norm()
    panels = [("stance", "domain stance score"), ("vader", "VADER compound")]
    for ax, (col, name) in zip(axes, panels):
        values = pd.to_numeric(sentences[col], errors="coerce").to_numpy() if col in sentences \
            else np.full(len(sentences), np.nan)
        ok = ~np.isnan(values)
        ax.axvspan(-band, band, color="#F2F2F2", zorder=0)
        ax.axvline(0, color="#999999", linewidth=0.8)
        ax.scatter(values[ok], y[ok], c=values[ok], cmap=cmap, norm=norm, s=34,
                   edgecolors="#555555", linewidths=0.4, zorder=3)
        means = table.set_index("voice")["mean_stance" if col == "stance" else "mean_vader"]
        for v, m in means.items():
            if not pd.isna(m):
                ax.plot([m, m], [rows[v] - 0.3, rows[v] + 0.3], color="black", linewidth=2, zorder=4)
        ax.set_xlim(-1.05, 1.05)
        ax.set_xlabel(f"{name}  (hostile < 0 < conciliatory)" if col == "stance"
                      else f"{name}  (negative < 0 < positive)")
        ax.set_title(name)
    labels = [f"{r.voice} ({r.n_scored}/{r.n_sentences})" for r in table.itertuples()]
    axes[0].set_yticks(range(len(table)), list(reversed(labels)))
    axes[0].set_ylim(-0.6, len(table) - 0.4)
    fig.suptitle("Sentence scores by voice (sentences with stance evidence / all; bar = mean)",
                 fontsize=10)
    fig.tight_layout()
    return fig
