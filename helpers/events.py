"""Events: reported actions, CAMEO-coded, with who did what to whom, how sure, and when.

Lexicon read: ``event_cues.csv`` (cue words and phrases → CAMEO code, root, quad class,
Goldstein value, category; see its comment lines). ``speech_verbs.csv`` (by way of the
announcer rule) names the verbs whose subject announces a threat.

Steps (``find_events``):

1. **Scan once.** Every cue form of the lexicon is compiled into ONE regular expression
   (``helpers.lexicon.phrase_pattern``, a prefix tree, longest form first, so "drone attack"
   wins over "attack" and "will be targeted" over "targeted"), compiled once per process. It
   runs once over the whole document, through ``phrase_scanner``/``scan_spans``: the same
   tree, entered only after a non-word character and with plain letters instead of classes
   (on the lowercase copy of an ASCII text), which finds exactly the same matches several
   times faster. Matches are mapped to sentences as ``ctx.sentence_of`` does. Sentences
   without a cue cost nothing more. The words around a cue are read from the sentence's word
   list (set lookups, no regex per rule), and a sentence seen before with the same mentions,
   speaker and document date is taken from a memo (``sentence_memo``, ``MEMO_SIZE``
   sentences; 0 turns it off): wire copy repeats.
2. **Clauses.** A sentence with cues is cut into clauses at ``;`` ``:`` spaced dashes, ", and"
   / ", but" / ", while", and before subordinators (if, unless, after, before, when, while,
   because, whether, once, ...) and retaliation phrases ("in response to"). A clause opened by
   a subordinator ends at its first comma ("If Israel attacks, Hezbollah will strike" is two
   clauses). Each clause keeps its opener.
3. **Keep real actions.** A cue is dropped when it sits inside an actor name ("Popular
   Mobilization Forces"; a capitalised cue after a capitalised word outside a Title Case
   headline: "the Popular Mobilization"), is the second half of a hyphenated modifier
   ("Iran-backed"), refers back ("those attacks"; "the attack(s)" with no actor at all),
   describes a standing relation ("militias backed by Iran", "which is backed by Iran"), or
   fails its row's ``requires`` test: *harm* (a vow, warning,
   claim or denial names a harmful act after it), *object* (a verb such as "reduced" or
   "halted" takes a harmful object within ``OBJECT_WINDOW`` words; that object is then part
   of the de-escalation, not an attack of its own) or *launch* (a weapon noun needs a
   launching verb within ``LAUNCH_WINDOW`` words, "with"/"by" before it, or another attack
   cue in its clause) or *actor* (a verb such as "shot down" counts only when its object
   names an actor: "downed an American drone", not "shot down two rockets").
4. **Modality** (PLOVER context), from the words before the cue in its clause, first rule
   that fires wins:

   * ``hypothetical``: the clause is a condition (if, unless, should X, were X to, in case,
     in the event that, once, as soon as, whether, even if); a modal of possibility (could,
     might, may, can, "would have"); a verb of wanting, asking or averting within
     ``GOVERNOR_WINDOW`` words (want, urge, call for, demand, avoid, prevent, deter, head
     off, fear, "possible", "potential"); or no particular act ("any attack", checked after
     negation: "did not carry out any attacks" is negated).
   * ``negated``: not / never / no / without / n't / refused to with only auxiliaries,
     determiners, adverbs and "carry out"-type verbs between ("did not attack", "no attacks",
     "have not carried out any attacks"), or a denial cue earlier in the clause ("denied
     carrying out the attack").
   * ``future``: will / would / shall / going to / plans to / vowed to / threatened to ...
     before it, or a threat cue earlier in the clause (the act a threat threatens).
   * ``asserted``: everything else.

   A threat (root 13) is itself asserted when someone threatened: future markers and
   conditions do not touch it (PLOVER: a conditional threat is a THREATEN event). The act it
   threatens gets ``future`` or ``hypothetical``, so no count of attacks includes an attack
   that did not happen; phrases that are threats by themselves ("will be targeted", "will
   retaliate") make only the threat event. A threat whose clause names an attack is coded 138
   (threaten with military force) instead of 130.
5. **Actors.** Source (who acts) and target:

   * passive cues ("X was attacked", "will be targeted", "came under fire") and rows marked
     ``subject=patient`` ("Washington will pay a price"): the subject is the target; the
     source is the agent after "by" ("was struck by X"), else, for verbal events, the
     announcer or speaker, else "" ("two rockets launched at the base were shot down" has no
     named attacker).
   * otherwise the source is the subject: the nearest actor mention before the cue in its
     clause, skipping mentions inside a prepositional phrase ("in Iraq", "by Iran", "the head
     of Asaib Ahl al-Haq"), inside a relative clause (", which arms the Zionists,") and
     modifiers ("Iranian-backed" militias: the militias act). "X and Y <cue>": X is the
     source, and Y the counterpart for talks, cooperation and truces. A cue used as a noun
     has no clause subject unless a light verb makes it the subject's own act ("carried out
     100 attacks", "launched a drone attack", "stepped up their threats"): "Jordan condemned
     the drone attack" and "since the killing" take only an owner right before the noun
     ("the Hamas attack", "Israel's deadly strike"), "by X" ("attacks by X", "a drone
     launched by X"), or "the threat of X" for threats, deployments and withdrawals. A verb
     after a relative pronoun ("the attack that killed") has no named source. Else the
     speaker for "we"/"our"; else, for verbal events (threats, demands, accusations,
     claims ...), the announcer (the subject of a speech verb before the cue: "The IRCC has
     announced that ...") or the sentence's speaker. A trailing attribution (", Gallant
     warned.") is the frame of the sentence: its verbal cue joins the action it reports.
   * the target is the first actor after the cue in its clause (before a trailing
     attribution) that is a direct object (verbs only) or follows against / on / at /
     toward / targeting / into / to / with / for ("US forces", "American interests" →
     united_states; "warned Hezbollah that ..." → hezbollah, but in "warned that Washington
     would ..." Washington belongs to the reported clause); else a place
     (``actors.find_places``) in that position gives its territory's actor ("a drone attack
     on Eilat", "a vital target in Umm al-Rashrash", "the port of Hodeidah"); a place right
     after "in" ("fighting in Gaza") is the weakest choice. A threat with no target of its
     own takes the target of the act it threatens.
6. **One event per action.** Cues of the same category in the same clause of a sentence are one
   action ("a drone attack ... killed three", "attacked ... with drones"): one event, coded
   with the most specific code among them (longest code; "1952" over "190"), the first cue's
   offsets and modality, the first source found and the strongest target. Casualties and the
   "when" clause that follows them are one attack ("three soldiers were killed when a drone
   struck the base").
   A claim of responsibility is attached to the claimed act: the attack event of the same
   sentence takes the claimant as source when it has none, and no claim event is made; a
   claim with no act in its sentence stays a 015 event.
7. **Date.** ``helpers.dates`` finds the date expressions of the sentence; an event takes the
   most specific date of its own clause, else of a clause that holds no other event ("On
   Monday, the militias attacked"), else none: ``date`` "" and ``date_precision`` "unknown".
   The publication date is never used as a default: a sentence without a date expression does
   not say when the act happened ("Since October 7 ..." → 2023-10-07/2024-07-01 range, "in
   January" → 2024-01, "on Monday" → the Monday on or before the document date).

Negated and hypothetical events keep their codes and Goldstein values; ``modality`` tells a
consumer to leave them out of counts.

>>> from helpers.actors import context_for_text
>>> ctx = context_for_text("Kataib Hezbollah attacked US forces in Syria on Monday.", date="2024-07-01")
>>> [(e[2], e[3], e[4], e[8], e[9]) for e in find_events(ctx)]
[('kataib_hezbollah', 'united_states', '190', 'asserted', '2024-07-01')]
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import accumulate, pairwise

from .dates import PRECISIONS, find_date_expressions, resolve_date
from .lexicon import (
    cached,
    phrase_atoms,
    phrase_pattern,
    phrase_regex,
    read_lexicon,
    split_values,
    trie_regex,
)


def _lower_atoms(phrase: str) -> list[str]:
    """``phrase_atoms(phrase)`` for matching the lowercase copy of an ASCII text: every ASCII
    letter is a plain lowercase letter instead of a class such as ``[aA]``.

    >>> _lower_atoms("Kata'ib al-Haq")[:6]
    ['k', 'a', 't', 'a', "['’‘]?", 'i']
    """
    atoms: list[str] = []
    for c in phrase.strip():
        if c.isspace():
            if not atoms or atoms[-1] != r"\s+":
                atoms.append(r"\s+")
        elif c.isascii() and c.isalpha():
            atoms.append(c.lower())
        else:
            atoms.append(phrase_atoms(c)[0])
    return atoms


def _wordset(words: str) -> frozenset:
    """A set of the whitespace-separated words of ``words`` (long word lists stay readable)."""
    return frozenset(words.split())


# --------------------------------------------------------------------------- constants
# Categories whose cues are harmful acts: a vow/warning/claim needs one of these after it, a
# conditional sentence needs one in its consequence to be a threat.
HARM_CATEGORIES = frozenset({"threat", "attack", "coerce", "mobilize", "sanction"})
# Verbal acts: with no subject in the clause, the announcer or the speaker is their source.
VERBAL_CATEGORIES = frozenset({"threat", "demand", "accuse", "reject", "claim", "deny",
                               "statement"})
# Categories whose noun takes its doer after "of" ("the threat of X", "deployment of US troops");
# for the others "of X" is the one acted on ("the killing of X").
OF_AGENT_CATEGORIES = frozenset({"threat", "mobilize", "deescalation", "consult", "cooperate"})
# A threat whose clause names an attack is a threat of military force: 130 → 138.
THREAT_UPGRADE = {"130": "138"}
# Bombing done by a state's forces ("Israeli jets bombed", "the US bombed") is military force
# from the air (195 employ aerial weapons), not the non-military bombing of 183 (a car bomb,
# a bombing in a market): actors.csv types whose bombing is recoded.
STATE_BOMBING = {"183": "195"}
STATE_TYPES = frozenset({"state", "security_organ"})
# "reduced attacks", "halted its drone strikes", "scaled back the number of attacks on": the
# object of a de-escalation verb sits within a few words of it.
OBJECT_WINDOW = 5
# "launched two drones", "fired more than 200 rockets", "rockets were fired": launching verb
# within this many words.
LAUNCH_WINDOW = 5
# How far after a cue (in words) its object may be ("attacked a vital target in X": 5).
OBJECT_MAX_WORDS = 10
# How far after a cue its "by X" agent may be ("was struck on Monday by X": 3).
BY_WINDOW = 4
# Governors of wanting, asking, averting reach this many words ahead ("urged Israel to halt ...").
GOVERNOR_WINDOW = 6

# A line whose words are mostly capitalised is a Title Case headline: there a capital does not
# mark a name ("Baghdad Condemns US Strikes").
TITLE_CASE_SHARE = 0.6

# Modality in the order it is decided (the first that fires wins).
MODALITIES = ("hypothetical", "negated", "future", "asserted")

_PREPOSITIONS = _wordset("""in on at by from with of for to into onto against toward towards near
inside across between among amid amidst over under after before since during through throughout
within without via about around behind beyond upon along despite including like than outside off
per""")
# After these a mention is still the target: "attacks on US forces", "talks with Iran".
_TARGET_PREPS = _wordset("against on at toward towards targeting into onto upon to with for")
# "fighting in Gaza", "a strike inside Iran": the place is the territory hit (weakest target).
_IN_PREPS = frozenset({"in", "inside", "within", "across", "throughout"})
# Words between a preposition and its noun: "in the northern Iraqi city of", "on two US bases".
_NP_FILLER = _wordset("""the a an its their his her our this that these those all some several
two three four five six seven eight nine ten dozens northern southern eastern western central
occupied neighbouring neighboring nearby key major vital strategic military""")
_CONDITION_OPENERS = frozenset({"if", "unless", "should", "were", "in case", "in the event",
                                "once", "as soon as", "whether", "even if", "lest"})
_RETALIATION_OPENERS = frozenset({
    "in response to", "in retaliation", "in revenge", "as revenge", "to avenge", "in reprisal",
    "in reaction to", "revenge for", "retaliation for", "reprisal for", "payback for",
    "responding to", "avenging"})
# Openers that start a subordinate clause, which ends at its first comma.
_SUBORDINATORS = _CONDITION_OPENERS | frozenset({
    "while", "whereas", "although", "though", "because", "after", "before", "when", "whenever",
    "where", "until", "even though", "so that", "in response to", "in retaliation",
    "in revenge", "as revenge", "to avenge", "in reprisal", "in reaction to", "revenge for",
    "retaliation for", "reprisal for", "payback for", "responding to", "avenging"})

_OPENER_ALT = (r"even\s+if|even\s+though|so\s+that|as\s+soon\s+as|in\s+case|in\s+the\s+event|"
               r"in\s+response\s+to|in\s+retaliation|in\s+revenge|as\s+revenge|to\s+avenge|"
               r"in\s+reprisal|in\s+reaction\s+to|(?:revenge|retaliation|reprisal|payback)\s+for|"
               r"responding\s+to|avenging|while|whereas|although|though|because|after|"
               r"before|whenever|when|where|if|unless|until|once|whether|lest|but")
_OPENER_WORDS = ("even if", "even though", "so that", "as soon as", "in case", "in the event",
                 "in response to", "in retaliation", "in revenge", "as revenge", "to avenge",
                 "in reprisal", "in reaction to", "revenge for", "retaliation for", "reprisal for",
                 "payback for", "responding to", "avenging", "while", "whereas", "although",
                 "though", "because", "after", "before", "whenever", "when", "where", "if",
                 "unless", "until", "once", "whether", "lest", "but")
# The same alternation as a prefix tree (helpers.lexicon.trie_regex): tried at every space.
# Each word comes twice, with its first letter as a plain lowercase and a plain capital letter
# (not a class [aA]): the engine then rules out most words by their first character at once.
_OPENER_TRIE = trie_regex(
    [re.escape(case(w[0]))] + phrase_atoms(w)[1:] for w in _OPENER_WORDS
    for case in (str.lower, str.upper))
# Clause boundaries: ";" ":", a spaced dash, ", and/but/while ...", ", should/were", or a space
# before an opener. Written as one character class ([;:,] or a space) followed by what may come
# after that character (a lookbehind picks the branch), so the regex engine skips straight to
# the next candidate character instead of trying every alternative at every position; it
# matches exactly what the plain alternation
# ``[;:]\s*|\s-\s+|,\s+(?=and|but ...)|,\s+(?=should|were)|\s["']?(?=opener)`` matches.
_BOUNDARY = re.compile(
    r"""[;:,\s](?:(?<=[;:])\s*|(?<=\s)-\s+"""
    r"""|(?<=,)\s+(?=(?:[Aa]nd|[Bb]ut|[Ww]hile|[Ww]hereas|[Aa]lthough|[Tt]hough|[Yy]et|[Ss]o|[Tt]hen)\b)"""
    r"""|(?<=,)\s+(?=(?:[Ss]hould|[Ww]ere)\s)"""
    rf"""|(?<=\s)["']?(?={_OPENER_TRIE}\b))""")
# The same boundaries in two scans, merged by ``_boundaries`` (faster than ``_BOUNDARY``, which
# stops at every space): the rare punctuation ones, each matched from its ";" ":" "," or "-"
# (a spaced dash "\s-\s+" starts one character before the match of its branch here) ...
_BOUNDARY_PUNCT = re.compile(
    r"""[;:,-](?:(?<=[;:])\s*"""
    r"""|(?<=,)\s+(?=(?:[Aa]nd|[Bb]ut|[Ww]hile|[Ww]hereas|[Aa]lthough|[Tt]hough|[Yy]et|[Ss]o|[Tt]hen)\b)"""
    r"""|(?<=,)\s+(?=(?:[Ss]hould|[Ww]ere)\s)"""
    r"""|(?<=\s-)\s+)""")
# ... and a space before an opener: on any text, and on the lowercase copy of ASCII text, where
# a space is one of these ASCII characters and every letter of an opener a plain lowercase one.
_BOUNDARY_OPENER = re.compile(rf"""\s["']?(?={_OPENER_TRIE}\b)""")
_BOUNDARY_OPENER_ASCII = re.compile(
    r"""[\t\n\x0b\x0c\r\x1c-\x1f ]["']?(?="""
    + trie_regex(_lower_atoms(w) for w in _OPENER_WORDS) + r"""\b)""")
_OPENER = re.compile(rf"""[\s"'(]*(?P<op>{_OPENER_ALT}|should|were)\b""", re.IGNORECASE)
# An ASCII character at the start of a clause that is none of these cannot begin ``_OPENER``.
_OPENER_START = frozenset(' \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"\'(') | frozenset(
    c for w in _OPENER_WORDS + ("should", "were") for c in (w[0].lower(), w[0].upper()))
_WS = re.compile(r"\s+")

_WORD = re.compile(r"[\w'-]+")
_WORD_SPLIT = re.compile(r"([\w'-]+)")
_WORD_SPLIT_ASCII = re.compile(r"([0-9A-Za-z_'-]+)")  # the same on ASCII text, a little faster
_INVERTED_WERE = re.compile(r"\W*were\s+(?:\S+\s+){1,5}?to\s", re.IGNORECASE)
_AND_GAP = re.compile(r"\s+and\s+(?:the\s+)?", re.IGNORECASE)
_NONSPACE = re.compile(r"\S+")

# ---- words that decide modality, read backwards from the cue over its clause's words ----
_NEG_WORDS = _wordset("not never no without nor neither")
# "refused to withdraw", "declined to attack"
_NEG_TO = _wordset("refuse refuses refused refusing decline declines declined declining")
_FUTURE_WORDS = _wordset("will shall would")
# "going to", "plans to", "vowed to", "threatened to", "is to", "ready to" + the act
_FUTURE_TO = _wordset("""going plan plans planned planning intend intends intended intending set
about poised ready preparing prepare prepares prepared vow vows vowed vowing pledge pledges pledged
pledging promise promises promised promising threaten threatens threatened threatening threat
threats swore sworn aim aims aimed is are""")
_MODAL_WORDS = _wordset("could might can cannot")  # and lowercase "may" (not the month)
# Words that may stand between a marker and the cue ("will soon launch new attacks", "did not
# carry out any attacks"); adverbs in -ly and numbers also pass.
_FILLER_WORDS = _wordset("""be been being have has had to also yet ever soon again then now still
keep keeps continue start begin resume carry carried carrying out conduct conducted conducting
launch launched launching stage staged mount mounted fire fired firing step up the a an any more
new further fresh major massive large larger wider big bigger heavy heavier deadly direct
retaliatory coordinated joint military ground air naval drone missile rocket full-scale
large-scale all-out single such another other its their his her our own first one two three four
five several many multiple dozens of""")
# Maximum number of words read back from a cue for a modality marker.
MARKER_REACH = 8
#: Words that turn a negator just before them into an affirmation: "will not hesitate to
#: strike" threatens the strike, "did not hesitate to strike" reports it, "did not rule out
#: strikes" makes them possible, "wouldn't shy away from" (a staple of IRGC and Hezbollah
#: statements). Stance reads the same list.
NEGATION_CANCELLERS = _wordset("""hesitate hesitates hesitated hesitating hesitation rule rules
ruled ruling shy refrain refrains""")
# Every word that ``_marker`` does anything with (a marker, a verb before "to", a filler word);
# any other word ends its reading at once unless it ends like these or is a number.
_MARKER_WORDS = (_NEG_WORDS | _NEG_TO | _FUTURE_WORDS | _FUTURE_TO | _MODAL_WORDS | _FILLER_WORDS
                 | {"have", "may", "able", "of"})
_MARKER_ENDINGS = ("n't", "'ll", "ly")
# Verbs of wanting, asking, averting: the act after them has not happened.
_GOVERNOR_WORDS = _wordset("""avoid avoids avoided avoiding avert averts averted prevent prevents
prevented preventing deter deters deterred deterring forestall want wants wanted hope hopes hoped
seek seeks sought urge urges urged urging demand demands demanded demanding ask asks asked order
orders ordered risk risks fear fears feared possible potential likely would-be""")
_GOVERNOR_PAIRS = frozenset({("head", "off"), ("stave", "off"), ("call", "on"), ("call", "for"),
                             ("calls", "on"), ("calls", "for"), ("called", "on"), ("called", "for"),
                             ("calling", "on"), ("calling", "for"), ("possibility", "of"),
                             ("prospect", "of"), ("danger", "of"), ("plan", "for"),
                             ("plans", "for")})
_GOVERNOR_PAIR_FIRST = frozenset(a for a, _b in _GOVERNOR_PAIRS)
_BE_WORDS = _wordset("is are was were be been being get gets got gotten")
_BE_SKIP = _wordset("not also never all again just since each both reportedly repeatedly")
_RELATIVE_WORDS = frozenset({"that", "which", "who"})
# Words ending in "-ing" that are nouns, not participles: a mention after them can still be a
# subject ("On Monday morning Hezbollah fired"); after a participle it is an object ("a drone
# struck a car carrying Kataib Hezbollah members").
_ING_NOUNS = _wordset("""saying adding noting stressing claiming insisting declaring announcing
explaining arguing asserting confirming acknowledging reporting morning mornings evening evenings building buildings spring thing things
nothing something anything everything ceiling king wing string sibling meeting meetings briefing
briefings hearing warning warnings ruling wedding funeral offering ending beginning setting
gathering uprising bombing bombings shooting shootings killing killings fighting shelling""")
# "<role noun> of/in/for X": a person who speaks or acts for X ("the commander of the IRGC
# Aerospace Force said", "a source in the Iraqi resistance", "a spokesman for Kataib
# Hezbollah"), so X can be the subject.
# "a site used by X", "a base run by X": X owns what was hit.
_OWNED_BY = re.compile(r"\b(?:used|operated|run|controlled|manned|held|owned|occupied)\s+by\s+(?:the\s+)?$",
                       re.IGNORECASE)
# Past-tense auxiliaries: "until the ceasefire was declared" reports a real end.
_PAST_WORDS = _wordset("was were had did")
_TO_AFTER = re.compile(r"\s+to\s", re.IGNORECASE)
_AFFILIATION_PREPS = frozenset({"of", "in", "for", "from", "at"})
_AFFILIATION_NOUNS = _wordset("""commander commanders spokesman spokesmen spokesperson
spokeswoman leader leaders head chief official officials source sources member members
secretary-general minister ministers adviser advisor envoy representative representatives
deputy officer officers general founder director president""")
# After a reporting verb ("said", "told"), the next word that keeps the reporter as the subject
# of what follows: "denied carrying out", "claimed responsibility for", "said to have".
_REPORT_SAME_SUBJECT = _wordset("to responsibility credit having")
# Pronouns and possessives by which a reported clause refers back to its reporter ("X said it
# had attacked", "X said its fighters attacked").
_BACK_REFERENCE = _wordset("it they he she we its their his her our")
# A possessive right after an act ("struck its positions", "attacked their base in Syria"):
# the possessor, named earlier in the sentence, is the target.
_POSSESSIVE_OBJECT = re.compile(
    r"\s+(?:(?:on|at|against|in|into|toward|towards|upon)\s+)?(?:its|their)\s+\w", re.IGNORECASE)
# Categories of acts done to something an actor owns (a base, a ship, positions, assets).
_OWNED_TARGET_CATEGORIES = frozenset({"attack", "coerce", "sanction"})
_POSSESSIVE_WORDS = frozenset({"its", "their", "his", "her", "our"})
_WITH_WORDS = frozenset({"with", "by", "using"})
_FIRST_PERSON_WORDS = frozenset({"we", "We", "our", "Our", "us"})
_PRONOUN_WORDS = frozenset({"it", "they", "he", "she"})
# A cue used as a noun: after these determiners, numbers and adjectives.
_DET_WORDS = _wordset("""the a an its their his her our this these those any no some several many
more than least dozens hundreds new fresh further latest recent major deadly large-scale direct
first second last heavy retaliatory coordinated joint renewed alleged suspected apparent daily
repeated multiple one two three four five six seven eight nine ten""")
_DET_OF = _wordset("barrage salvo wave series volley number string swarm dozens hundreds")
# Verbs whose object noun is the subject's own act: "carried out 100 attacks", "stepped up
# their threats", "launched a drone attack", "announced a ceasefire", "avoid any strike".
_LIGHT_WORD = re.compile(
    r"(?:conduct|launch|mount|stag|accept|fir|execut|perform|resum|continu|intensif|escalat|issu|"
    r"mak|made|deliver|sen[dt]|impos|level|announc|declar|sign|hold|held|keep|kept|maintain|"
    r"order|approv|authori[sz]|plan|threaten|vow|expand|began|begin|start|undert|renew|lead|led|"
    r"suspend|halt|reduc|avoid|seek|sought|want|prepar)\w*", re.IGNORECASE)
_LIGHT_PAIRS = frozenset({("carry", "out"), ("carried", "out"), ("carries", "out"),
                          ("carrying", "out"), ("step", "up"), ("steps", "up"), ("stepped", "up"),
                          ("stepping", "up"), ("agreed", "to"), ("agree", "to"), ("agrees", "to")})
_PARTICIPLE = re.compile(
    r"(?:\w+ed|struck|hit|shot|fought|hurt|sent|met|held|withdrawn|frozen|taken|undertaken)\b",
    re.IGNORECASE)
_BY_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)
# "Iranian-backed militias", "Iran backed militias": the name modifies the group that acts.
_MOD_PARTICIPLES = (r"(?:backed|aligned|allied|affiliated|linked|sponsored|funded|supported|"
                    r"controlled|led|made|built|supplied|trained|armed|based|run|financed|"
                    r"inspired|leaning|friendly|held)")
# The first word after a mention, after a dash if one follows: ``_MODIFIER_AFTER`` needs it to
# be one of ``_MOD_PARTICIPLES``.
_WORD_AFTER = re.compile(r"\s*(?:-\s*)?(\w+)")
_MOD_WORDS = frozenset(_MOD_PARTICIPLES[3:-1].split("|"))
def _modifier_after(text: str, pos: int, end: int) -> bool:
    """``_MODIFIER_AFTER`` matches at ``pos`` (up to ``end``): "-backed", " backed militias".
    Both of its branches need the word after ``pos`` (after a dash, if one comes first) to
    be one of its participles; on ASCII text that is a set look-up, and only then is the
    pattern tried.

    >>> t = "Iran-backed militias and Iran said"
    >>> _modifier_after(t, 4, len(t)), _modifier_after(t, 29, len(t))
    (True, False)
    """
    word = _WORD_AFTER.match(text, pos, end)
    if word is None or (word[1].isascii() and word[1].lower() not in _MOD_WORDS):
        return False
    return bool(_MODIFIER_AFTER.match(text, pos, end))


_MODIFIER_AFTER = re.compile(
    rf"\s*-\s*{_MOD_PARTICIPLES}\b|\s+{_MOD_PARTICIPLES}\s+(?:[\w-]+\s+)?"
    r"(?:militias?|groups?|forces|fighters|factions?|proxies|units?|rebels|gunmen|movements?)\b",
    re.IGNORECASE)
# "Yemen's Houthi rebels", "Iran's Quds Force": a possessor right before another actor.
_POSSESSIVE_GAP = re.compile(r"(?:'s|'|\u2019s|\u2019)\s+")
# "Iran's proxies", "Tehran's allies": the possessor is not the one who acts or is hit.
_PROXY_POSSESSIVE = re.compile(
    r"(?:'s|'|\u2019s|\u2019)\s+(?:[\w-]+\s+)?(?:proxies|proxy|allies|ally|partners|clients|affiliates|"
    r"surrogates|militias|agents)\b", re.IGNORECASE)
_LAUNCH = re.compile(
    r"(?:launch(?:ed|es|ing)?|fir(?:e|ed|es|ing)|sen[dt]|sends|sending|shot|shoot(?:s|ing)?|"
    r"hurl(?:ed|s|ing)?|lobb(?:ed|ing)|flew|fly|flying|dispatch(?:ed|es)?)", re.IGNORECASE)
# Harm words that satisfy requires=harm for vows, warnings, claims and denials.
_HARM_WORDS = re.compile(
    r"\b(?:revenge|retaliation|vengeance|response|escalat\w*|operations|consequences|price|"
    r"punish\w*|avenge|scope)\b", re.IGNORECASE)
# Harm words that may be the object of a de-escalation verb ("reduce tensions").
_OBJECT_HARM = re.compile(
    r"\b(?:tensions?|escalation|hostilities|violence|fire|fighting|operations|attacks?|strikes?|"
    r"threats?|raids?|sanctions|blockade|siege|mobilization|mobilisation)\b", re.IGNORECASE)
# The owner right before a noun cue: "the Hamas attack", "Israel's deadly strike".
_OWNER_GAP = re.compile(r"(?:'s|')?\s*|(?:'s|')(?:\s+[a-z][\w-]*){1,2}\s+")
# A trailing attribution: ", Gallant warned." / '," IRNA said.' / ", according to IRNA."
# (Nothing after its leading comma admits a comma: ``_Sentence.attribution_start`` relies on it.)
_ATTRIBUTION = re.compile(
    r""",["']?\s+(?:(?:[^,;"]{1,80}?\s+)?(?:said|says|warned|warns|told\s+[\w-]+|added|reported|"""
    r"""stated|announced|claimed|noted)(?:\s+[\w-]+){0,3}|according\s+to\s+[^,;"]{1,60})"""
    r"""\s*[.!?]?["']?\s*$""", re.IGNORECASE)
# One of these (lowercase) is in every match of ``_ATTRIBUTION``.
_ATTRIBUTION_WORDS = ("said", "says", "warn", "told", "added", "reported", "stated", "announced",
                      "claimed", "noted", "according")
# A relative clause set off by commas: its actors are not the main clause's subject.
_ASIDE = re.compile(r",\s+(?:which|who|whose|where)\b[^,]*,", re.IGNORECASE)
# Words for casualties: "three soldiers were killed when a drone struck" is one attack.
_CASUALTY = re.compile(r"(?:kill|wound|injur)\w*", re.IGNORECASE)
# "warned (last week) that ...": a reported clause follows a verbal cue.
_THAT_CLAUSE = re.compile(r"(?:\s+[\w'-]+){0,6}?\s+that\b", re.IGNORECASE)
_ANAPHOR_DEMONSTRATIVE = frozenset({"these", "those", "such"})
# "in support of X", "in solidarity with X": the phrase gives a purpose, not an act of support.
_STANCE_PHRASE_CATEGORIES = frozenset({"support", "aid", "cooperate"})
_OF_WITH = re.compile(r"\s+(?:of|with)\b", re.IGNORECASE)
# "the threat posed by X", "threats posed to shipping": a danger described.
_POSED_BY = re.compile(r"\s+(?:posed|presented)\s+(?:by|to)\b", re.IGNORECASE)
# Categories where "X and Y <cue>" makes Y the counterpart ("Iran and Saudi Arabia agreed").
SYMMETRIC_CATEGORIES = frozenset({"consult", "cooperate", "deescalation"})


# --------------------------------------------------------------------------- lexicon
@dataclass(frozen=True, slots=True)
class CueRow:
    """One row of ``event_cues.csv``."""

    code: str
    root: str
    quad: int
    goldstein: float
    category: str
    requires: str
    subject: str
    index: int


_NON_KEY = re.compile(r"[\W_]+")
_KEYS: dict[str, str] = {}


def _key(surface: str) -> str:
    """Lookup key of a cue form or match: lowercase letters and digits only (memoised: the
    same surfaces recur in every document)."""
    key = _KEYS.get(surface)
    if key is None:
        key = _NON_KEY.sub("", surface.lower())
        if len(_KEYS) < 100_000:
            _KEYS[surface] = key
    return key


_TOKEN = re.compile(r"\w+")


def first_tokens(forms) -> frozenset:
    """Lowercase first word of every form, in every spelling ``phrase_regex`` accepts ("de-
    escalate" can start with "de" or "deescalate"): a text without any of them holds no form.

    >>> sorted(first_tokens(["de-escalate", "drone attack"]))
    ['de', 'deescalate', 'drone']
    """
    out = set()
    for form in forms:
        for variant in (form, form.replace("-", ""), form.replace("'", ""),
                        form.replace("-", "").replace("'", "")):
            m = _TOKEN.search(variant)
            if m:
                out.add(m.group(0).lower())
    return frozenset(out)


@cached
def cue_lexicon():
    """(rows, key → row, compiled pattern, code → row) from ``event_cues.csv``.

    Raises ``ValueError`` when a form is in two rows (the match could not say which row).

    >>> rows, lookup, pattern, by_code = cue_lexicon()
    >>> lookup[_key("drone attack")].code, by_code["138"].goldstein
    ('1952', -7.0)
    """
    df = read_lexicon("event_cues")
    rows, lookup, forms, by_code = [], {}, [], {}
    for k, r in enumerate(df.to_dict("records")):
        row = CueRow(r["cameo_code"], r["cameo_root"], int(r["quad_class"]), float(r["goldstein"]),
                     r["category"], r.get("requires", ""), r.get("subject", "") or "agent", k)
        rows.append(row)
        by_code.setdefault(row.code, row)
        for form in split_values(r["cues"]):
            key = _key(form)
            if key in lookup and lookup[key] is not row:
                raise ValueError(f"event_cues.csv: cue {form!r} is in two rows")
            lookup[key] = row
            forms.append(form)
    return rows, lookup, phrase_pattern(forms), by_code


_WORD_CHAR = re.compile(r"\w")


def phrase_scanner(forms) -> tuple[re.Pattern, re.Pattern] | None:
    r"""Two faster regexes that find what ``phrase_pattern(forms)`` finds (use them through
    ``scan_spans``), or None when the forms do not allow it (a form that does not start with
    a word character).

    ``phrase_pattern`` gives ``(?<![\w])(?:tree)(?![\w])``: the engine enters the tree at every
    character, and every step of the tree is a choice among classes such as ``[aA]``, which
    the engine tries one by one. Both scanners turn the lookbehind into a consumed non-word
    character, so the engine stops only at non-word characters (a match starting at the
    scan's first position, with no character before it to consume, is left to the original
    pattern: ``scan_spans``), and both keep the same tree (same forms, same order at every
    node, so the same match at every position), with plain letters where they can:

    * for any text: the first step is a choice among plain letters ("a" and "A" as two
      branches with the same subtree), which the engine rules out at once;
    * for ASCII text, matched against its lowercase copy (same length, same offsets, and an
      ASCII character fits ``[xX]`` exactly when its lowercase is ``x``): every ASCII letter
      of every form is a plain lowercase letter.

    >>> forms = ["drone attack", "attack", "de-escalate", "Kata'ib Hezbollah"]
    >>> fast, slow = phrase_scanner(forms), phrase_pattern(forms)
    >>> for t in ["Attack! A drone  attack, de escalate; counterattack KATAIB hezbollah",
    ...           "Drone attack near Zürich; de-escalate"]:
    ...     print(scan_spans(slow, fast, t) == [m.span() for m in slow.finditer(t)])
    True
    True
    """
    any_text, ascii_lower = [], []
    for p in sorted(set(forms)):
        p_strip = p.strip()
        if not p_strip:
            continue
        ch = p_strip[0]
        if not _WORD_CHAR.match(ch):
            return None
        atoms = phrase_atoms(p)
        low, up = ch.lower(), ch.upper()
        if low != up and len(low) == len(up) == 1:  # phrase_atoms made the class [lowUP]
            any_text.append([re.escape(low)] + atoms[1:])
            any_text.append([re.escape(up)] + atoms[1:])
        else:
            any_text.append(atoms)
        ascii_lower.append(_lower_atoms(p))
    return (re.compile(rf"\W(?:{trie_regex(any_text)})(?![\w])"),
            re.compile(rf"[^0-9a-z_](?:{trie_regex(ascii_lower)})(?![\w])"))


def scan_spans(pattern: re.Pattern, scanner, text: str, pos: int = 0,
               endpos: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every match of ``pattern`` (a ``phrase_pattern``) in ``text[pos:endpos]``,
    exactly as ``pattern.finditer`` gives them, found with its ``phrase_scanner``.

    A match cannot start right where the one before it ended (a match ends before a non-word
    character and starts with a word character), so every match but one at ``pos`` follows a
    non-word character that the scanner consumes.
    """
    if endpos is None:
        endpos = len(text)
    if scanner is None:
        return [m.span() for m in pattern.finditer(text, pos, endpos)]
    out = []
    m = pattern.match(text, pos, endpos)
    if m is not None:
        out.append(m.span())
        pos = m.end()
    part = text if pos == 0 and endpos == len(text) else text[pos:endpos]
    if part.isascii():
        for m in scanner[1].finditer(part.lower()):
            s, e = m.span()
            out.append((pos + s + 1, pos + e))
    else:
        for m in scanner[0].finditer(text, pos, endpos):
            s, e = m.span()
            out.append((s + 1, e))
    return out


@cached
def cue_scanner():
    """``phrase_scanner`` of the cue forms of ``event_cues.csv`` (see ``cue_lexicon``)."""
    return phrase_scanner(f for r in read_lexicon("event_cues").to_dict("records")
                          for f in split_values(r["cues"]))


@cached
def _place_first_words() -> frozenset:
    """First words of the place names of ``places.csv``: a sentence needs one of them before
    the (slower) place scan of ``actors.find_places`` is worth running."""
    return first_tokens(read_lexicon("places")["place"])


@cached
def place_scanner() -> tuple[re.Pattern, dict, object, re.Pattern | None] | None:
    """(pattern, key → (canonical, actor, partisan), key function, pattern for lowercase ASCII
    text) that finds exactly what ``actors.find_places`` finds, several times faster
    (``sentence_places``), or None when the place names do not allow it.

    ``find_places`` tries one case-insensitive alternative per place name (longest name
    first) at every word start. Here the same alternatives, in the same order, are grouped
    by their first letter behind a lookahead for that letter: at any position only one
    group can match (two different ASCII letters never match the same character, even
    case-insensitively), so the engine tries a few names instead of all of them, and the
    first that fits is the same one.

    On ASCII text a faster pattern runs on the text's lowercase copy (same offsets): the same
    groups in the same order, each opened by its plain lowercase first letter instead of a
    lookahead, with plain lowercase letters and no IGNORECASE, so the engine rules out every
    group but one by the first character alone. An ASCII character matches a letter of an
    ASCII name case-insensitively exactly when its lowercase is that letter's lowercase, so
    both patterns find the same places (None when a place name is not ASCII).
    """
    from .actors import _key as place_key  # the key find_places looks its matches up by
    df = read_lexicon("places")
    lookup = {}
    for r in df.to_dict("records"):
        lookup[place_key(r["place"])] = (r["canonical"] or r["place"], r["actor"],
                                         r.get("partisan", "0") in {"1", "true", "yes"})
    groups: dict[str, list[str]] = {}
    lower_groups: dict[str, list[str]] = {}
    for place in sorted(df["place"], key=lambda s: (-len(s), s)):
        first = place.strip()[:1]
        if not (first.isascii() and first.isalpha()):
            return None
        groups.setdefault(first.lower(), []).append(f"(?:{phrase_regex(place)})")
        # the name without its first letter, which opens its group
        lower_groups.setdefault(first.lower(), []).append(
            "(?:" + "".join(phrase_atoms(place.lower(), ignore_case=False)[1:]) + ")")
    body = "|".join(f"(?={c})(?:{'|'.join(alts)})" for c, alts in sorted(groups.items()))
    ascii_lower = None
    if all(place.isascii() for place in df["place"]):
        lower_body = "|".join(f"{c}(?:{'|'.join(alts)})"
                              for c, alts in sorted(lower_groups.items()))
        ascii_lower = re.compile(rf"(?<![\w])(?:{lower_body})(?![\w])")
    return (re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE), lookup, place_key,
            ascii_lower)


def sentence_places(text: str) -> list[tuple[int, int, str, str, bool]]:
    """``actors.find_places(text)``: (start, end, canonical name, territory actor, partisan).

    >>> [p[2:] for p in sentence_places("Drones hit Umm al-Rashrash and Erbil.")]
    [('Eilat', 'israel', True), ('Erbil', 'iraq', False)]
    """
    scanner = place_scanner()
    if scanner is None:
        from .actors import find_places
        return find_places(text)
    pattern, lookup, place_key, ascii_lower = scanner
    out = []
    if ascii_lower is not None and text.isascii():
        for m in ascii_lower.finditer(text.lower()):
            s, e = m.span()
            surface = text[s:e]
            canonical, actor, partisan = lookup.get(place_key(surface), (surface, "", False))
            out.append((s, e, canonical, actor, partisan))
        return out
    for m in pattern.finditer(text):
        surface = m.group(0)
        canonical, actor, partisan = lookup.get(place_key(surface), (surface, "", False))
        out.append((m.start(), m.end(), canonical, actor, partisan))
    return out


def _speech_forms() -> list[str]:
    df = read_lexicon("speech_verbs")
    return [f for r in df.to_dict("records") if r.get("kind") in {"say", "threat"}
            for f in split_values(r["forms"])]


@cached
def _say_forms() -> frozenset:
    """Lowercase forms of the reporting verbs (kinds say and report of ``speech_verbs.csv``):
    after them a new clause may have its own subject."""
    df = read_lexicon("speech_verbs")
    return frozenset(f.lower() for r in df.to_dict("records") if r.get("kind") in {"say", "report"}
                     for f in split_values(r["forms"]))


@cached
def _speech_pattern():
    """Speech verbs of kind say/threat (``speech_verbs.csv``): their subject announces."""
    return phrase_pattern(_speech_forms())


@cached
def _speech_scanner():
    """``phrase_scanner`` of the speech verbs of ``_speech_pattern``."""
    return phrase_scanner(_speech_forms())


def speech_spans(text: str, pos: int, endpos: int) -> list[tuple[int, int]]:
    """(start, end) of the speech verbs (``_speech_pattern``) in ``text[pos:endpos]``."""
    return scan_spans(_speech_pattern(), _speech_scanner(), text, pos, endpos)


def reload_lexicon() -> None:
    """Forget the compiled cues so an edited ``event_cues.csv`` is read again (also done by
    ``helpers.lexicon.reload`` and ``use_lexicons``)."""
    cue_lexicon.cache_clear()
    cue_scanner.cache_clear()
    _speech_pattern.cache_clear()
    _speech_scanner.cache_clear()
    _say_forms.cache_clear()
    _place_first_words.cache_clear()
    place_scanner.cache_clear()


# --------------------------------------------------------------------------- word tests
def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _prev_word(text: str, lo: int, pos: int) -> str:
    """The word before ``pos`` (not before ``lo``), skipping noun-phrase filler words.

    >>> t = "drones hit a base in the northern city"
    >>> _prev_word(t, 0, t.index("city"))
    'in'
    """
    words = _WORD.findall(text, max(lo, pos - 60), pos)
    for w in reversed(words[-4:]):
        lw = w.lower()
        if lw in _NP_FILLER:
            continue
        return lw
    return ""


def _marker(lw: list[str], orig: list[str]) -> str:
    """Modality marked by the words before a cue (lowercase ``lw``, original ``orig``), read
    backwards over filler words: "negated", "future", "hypothetical" or "".

    >>> _marker("the militias did not carry out any".split(), [])
    'negated'
    >>> _marker("hezbollah will soon launch new".split(), [])
    'future'
    >>> _marker("iran could".split(), [])
    'hypothetical'
    >>> _marker("iran said it".split(), [])
    ''
    >>> _marker("the irgc will not hesitate to".split(), []), _marker("it did not hesitate to".split(), [])
    ('future', '')
    >>> _marker("hezbollah did not rule out".split(), [])
    'hypothetical'
    """
    n = len(lw)
    for j in range(n - 1, max(-1, n - 1 - MARKER_REACH), -1):
        w = lw[j]
        if w in NEGATION_CANCELLERS and j > 0 and (lw[j - 1] in _NEG_WORDS or lw[j - 1].endswith("n't")):
            neg, before = lw[j - 1], (lw[j - 2] if j > 1 else "")
            if w.startswith("rul"):
                return "hypothetical"  # "did not rule out strikes": a possibility
            if neg in {"won't", "wouldn't"} or before in _FUTURE_WORDS or before.endswith("'ll"):
                return "future"  # "will not hesitate to strike": a threat
            return ""  # "did not hesitate to strike": it struck
        if w not in _MARKER_WORDS and not w.endswith(_MARKER_ENDINGS) and not w.isdigit():
            return ""  # no rule below can fire on it, and it is no filler word
        nxt = lw[j + 1] if j + 1 < n else ""
        if w in _NEG_WORDS or w.endswith("n't"):
            return "negated"
        if w == "have" and j > 0 and lw[j - 1] == "would":
            return "hypothetical"  # "would have attacked"
        if w in _MODAL_WORDS or (w == "may" and j < len(orig) and orig[j] == "may"):
            return "hypothetical"
        if w in _FUTURE_WORDS or w.endswith("'ll"):
            return "future"
        if nxt == "to":
            if w in _NEG_TO:
                return "negated"
            if w in _FUTURE_TO:
                return "future"
            if w == "able":
                return "hypothetical"
        if w == "of" and j > 0 and lw[j - 1] == "capable":
            return "hypothetical"
        if w in _FILLER_WORDS or w.isdigit() or (w.endswith("ly") and w != "only"):
            continue
        return ""
    return ""


def _governed(lw: list[str]) -> bool:
    """A verb of wanting, asking or averting within ``GOVERNOR_WINDOW`` words before."""
    tail = lw[-(GOVERNOR_WINDOW + 1):]
    if not _GOVERNOR_WORDS.isdisjoint(tail):
        return True
    if _GOVERNOR_PAIR_FIRST.isdisjoint(tail):
        return False
    return any(pair in _GOVERNOR_PAIRS for pair in pairwise(tail))


def _be_index(lw: list[str]) -> int:
    """Index of a be-form ending the words (skipping adverbs/"not"), or -1: passive marker."""
    for j in range(len(lw) - 1, max(-1, len(lw) - 5), -1):
        w = lw[j]
        if w in _BE_WORDS:
            return j
        if w in _BE_SKIP or (w.endswith("ly") and w != "only"):
            continue
        return -1
    return -1


#: Words remembered per word test (a vocabulary, not text: bounded all the same).
WORD_MEMO_SIZE = 100_000


def _word_test(pattern: re.Pattern):
    """A function telling whether ``pattern`` fits a whole word, memoised by word (as
    ``_key``): the same few hundred words come back in every sentence.

    >>> is_ed = _word_test(re.compile(r"\\w+ed"))
    >>> is_ed("fired"), is_ed("fire")
    (True, False)
    """
    memo: dict[str, bool] = {}

    def test(word: str) -> bool:
        found = memo.get(word)
        if found is None:
            found = bool(pattern.fullmatch(word))
            if len(memo) < WORD_MEMO_SIZE:
                memo[word] = found
        return found
    return test


_is_light = _word_test(_LIGHT_WORD)


def _noun_frame(lw: list[str], cue_text: str) -> str:
    """How a cue is used, from the words before it in its clause: "light" (noun object of a
    light verb: "carried out 100 attacks"), "np" (object of another verb: "condemned the
    attack"), "pp" (in a prepositional phrase: "after the killing", "called for restraint") or
    "" (a verb, or a bare noun subject).

    >>> _noun_frame("they carried out more than 100".split(), "attacks")
    'light'
    >>> _noun_frame("jordan condemned the".split(), "drone attack")
    'np'
    >>> _noun_frame("qatar called for".split(), "restraint")
    'pp'
    >>> _noun_frame("hezbollah".split(), "attacked")
    ''
    """
    j = len(lw)
    saw = False
    while j > 0:
        w = lw[j - 1]
        if w in _DET_WORDS or w.isdigit():
            j -= 1
            saw = True
        elif w == "of" and j >= 2 and lw[j - 2] in _DET_OF:
            j -= 2
            saw = True
        else:
            break
    if j > 0 and lw[j - 1] == "at" and saw and lw[j] == "least":
        j -= 1
    if saw:
        if j > 0 and (_is_light(lw[j - 1]) or (j > 1 and (lw[j - 2], lw[j - 1]) in _LIGHT_PAIRS)):
            return "light"
        last = lw[j - 1] if j > 0 else ""
        return "pp" if last in _PREPOSITIONS and last != "to" else "np"
    last = lw[-1] if lw else ""
    if last in _PREPOSITIONS and last != "to" and not cue_text.lower().endswith("ing"):
        return "pp"
    return ""


# --------------------------------------------------------------------------- sentence analysis
@dataclass(slots=True)
class Cue:
    """One cue match in a sentence and what the rules decided about it."""

    start: int
    end: int
    text: str
    row: CueRow
    clause: int
    code: str = ""
    goldstein: float = 0.0
    quad: int = 0
    modality: str = "asserted"
    source: str = ""
    target: str = ""
    target_strength: int = 0
    passive: bool = False
    consumed: bool = False
    launched_before: bool = False
    lw: list = field(default_factory=list)  # lowercase words of the clause before the cue
    orig: list = field(default_factory=list)  # the same words as written
    category: str = ""  # the row's category (a field: it is read very often)


def _boundaries(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of every ``_BOUNDARY`` match in ``text[start:end]``, as its ``finditer``
    gives them, from the two faster scans ``_BOUNDARY_PUNCT`` and ``_BOUNDARY_OPENER``.

    Both lists are merged by start (a punctuation boundary first where both start at one
    space: the dash comes before the opener in ``_BOUNDARY``), keeping a match only when it
    starts at or after the end of the last one kept, as ``finditer`` does. That is exact
    because what a boundary matches after its first character is white space (or one
    quotation mark before an opener), where no other boundary can start.
    """
    found = []
    for m in _BOUNDARY_PUNCT.finditer(text, start, end):
        s, e = m.span()
        if text[s] == "-":
            s -= 1  # "\s-\s+" starts at the space before the dash
            if s < start:
                continue
        found.append((s, 0, e))
    part = text[start:end]
    if part.isascii():
        found.extend((start + m.start(), 1, start + m.end())
                     for m in _BOUNDARY_OPENER_ASCII.finditer(part.lower()))
    else:
        found.extend((m.start(), 1, m.end()) for m in _BOUNDARY_OPENER.finditer(text, start, end))
    if not found:
        return []
    if len(found) > 1:
        found.sort()
    out, last = [], start
    for s, _rank, e in found:
        if s >= last:
            out.append((s, e))
            last = e
    return out


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Clauses of ``text[start:end]`` as (start, end, opener); offsets into ``text``.

    >>> t = "If Israel attacks Lebanon, Hezbollah will strike Haifa."
    >>> [(t[a:b], op) for a, b, op in split_clauses(t, 0, len(t))]
    [('If Israel attacks Lebanon,', 'if'), ('Hezbollah will strike Haifa.', '')]
    >>> t = "The militias reduced attacks after a drone attack killed three."
    >>> [t[a:b] for a, b, _ in split_clauses(t, 0, len(t))]
    ['The militias reduced attacks', 'after a drone attack killed three.']
    """
    pieces, pos = [], start
    for m_start, m_end in _boundaries(text, start, end):
        if m_start > pos:
            keep = m_start + (1 if text[m_start] in ",;:" else 0)  # punctuation stays left
            pieces.append((pos, keep))
            pos = m_end
    pieces.append((pos, end))
    out: list[tuple[int, int, str]] = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        seg_start = a
        while seg_start < b:
            c = text[seg_start]
            if c.isascii() and c not in _OPENER_START:
                om = None  # no opener can start here (the regex would say the same, slower)
            else:
                om = _OPENER.match(text, seg_start, b)
            opener = _WS.sub(" ", om.group("op").lower()) if om else ""
            if opener == "were" and not _INVERTED_WERE.match(text, seg_start, b):
                opener = ""
            if opener == "should" and seg_start != start and text[seg_start - 2:seg_start - 1] != ",":
                opener = ""
            if opener == "but":
                opener = ""
            comma = text.find(",", seg_start, b) if opener in _SUBORDINATORS else -1
            if comma != -1 and text[comma + 1:b].strip():
                out.append((seg_start, comma + 1, opener))
                seg_start = comma + 1
                while seg_start < b and text[seg_start].isspace():
                    seg_start += 1
            else:
                out.append((seg_start, b, opener))
                break
    return out


_NO_SPEAKER = frozenset({"author", "unknown", ""})


def split_words(text: str, a: int = 0, b: int | None = None) -> tuple[list, list, list]:
    """(words, start offsets, lowercase words) of the ``_WORD`` words of ``text[a:b]``, from one
    split: words sit at odd positions of the split, and a running sum of the piece lengths
    gives each one's start (an offset into ``text``).

    >>> split_words("Iran's drones hit Erbil.", 7)
    (['drones', 'hit', 'Erbil'], [7, 14, 18], ['drones', 'hit', 'erbil'])
    """
    part = text[a:b]
    parts = (_WORD_SPLIT_ASCII if part.isascii() else _WORD_SPLIT).split(part)
    words = parts[1::2]
    return words, list(accumulate(map(len, parts), initial=a))[1:-1:2], list(map(str.lower, words))


class _DocumentWords:
    """The words of a whole document, split once (``split_words``) and shared by its sentences.

    A sentence's words are the document's words that start inside it, unless a word runs
    across one of its ends (sentences that touch with no space between them): that sentence
    is split on its own, so every sentence gets exactly what ``split_words`` gives it.
    """

    __slots__ = ("lower", "starts", "text", "words")

    def __init__(self, text: str):
        self.text = text
        self.words, self.starts, self.lower = split_words(text)

    @classmethod
    def of(cls, ctx) -> _DocumentWords:
        """The words of ``ctx.text``, made once per document and kept on the context."""
        found = ctx.__dict__.get("_event_words")
        if found is None or found.text is not ctx.text:
            found = ctx.__dict__["_event_words"] = cls(ctx.text)
        return found

    def sentence(self, a: int, b: int) -> tuple[list, list, list]:
        """``split_words(text, a, b)``: (words, starts, lowercase words) of ``text[a:b]``."""
        starts, words = self.starts, self.words
        j0, j1 = bisect_left(starts, a), bisect_left(starts, b)
        if (j0 > 0 and starts[j0 - 1] + len(words[j0 - 1]) > a) or \
                (j1 > j0 and starts[j1 - 1] + len(words[j1 - 1]) > b):
            return split_words(self.text, a, b)  # a word crosses an end of the sentence
        return words[j0:j1], starts[j0:j1], self.lower[j0:j1]


def _holds_any(text: str, words) -> bool:
    """One of ``words`` is in ``text`` (a plain loop: cheaper than ``any`` over a generator)."""
    for w in words:
        if w in text:
            return True
    return False


class _Sentence:
    """Per-sentence working state: clauses, words, mentions, places, speaker.

    (No ``__getattr__`` here: a class with its own ``__getattr__`` makes every attribute read
    of its instances slow.)
    """

    __slots__ = ("_asides", "_attr", "_modifiers", "_place_words", "_places", "_title", "a",
                 "all_mentions", "b", "clause_starts", "clauses", "ctx", "i", "lower", "mentions",
                 "speaker", "starts", "text", "words")

    def __init__(self, ctx, i: int):
        self.ctx = ctx
        self.i = i
        self.a, self.b = a, b = ctx.spans[i]
        self.text = text = ctx.text
        self.clauses = clauses = split_clauses(text, a, b)
        self.clause_starts = [c[0] for c in clauses]
        self.words, self.starts, self.lower = _DocumentWords.of(ctx).sentence(a, b)
        self.all_mentions = all_mentions = ctx.mentions_in(i)
        self.mentions = [m for m in all_mentions if m.actor]
        speaker = ctx.speakers[i] if i < len(ctx.speakers) else "author"
        self.speaker = "" if speaker in _NO_SPEAKER else speaker
        self._places = None
        self._place_words = None
        self._attr = None
        self._title = None
        self._asides = None
        self._modifiers: dict[int, bool] = {}

    @property
    def title_case(self) -> bool:
        """A headline in Title Case, where capitals do not mark names."""
        if self._title is None:
            words = self.words
            caps = sum(1 for w in words if w[:1].isupper())
            self._title = len(words) > 2 and caps >= TITLE_CASE_SHARE * len(words)
        return self._title

    @property
    def attribution_start(self) -> int:
        """Offset of a trailing attribution (", Gallant warned."), else the sentence end."""
        if self._attr is None:
            # no part of the pattern after its leading comma admits a comma, so it can only
            # match at the sentence's last comma: one anchored match instead of a search
            comma = self.text.rfind(",", self.a, self.b)
            m = None
            if comma >= 0:
                rest = self.text[comma:self.b]
                # the pattern needs one of its verbs: without one (checked on ASCII text, where
                # lowercase letters are all that case-insensitive matching can meet), no match
                if not rest.isascii() or _holds_any(rest.lower(), _ATTRIBUTION_WORDS):
                    m = _ATTRIBUTION.match(self.text, comma, self.b)
            self._attr = m.start() if m else self.b
        return self._attr

    def clause_of(self, offset: int) -> int:
        """Index of the clause that holds ``offset`` (the one before, in a gap between
        clauses; 0 before the first). Clauses are sorted, non-empty and do not overlap."""
        return max(0, bisect_right(self.clause_starts, offset) - 1)

    def n_words(self, lo: int, hi: int) -> int:
        """Number of words starting in [lo, hi)."""
        starts = self.starts
        return bisect_left(starts, hi) - bisect_left(starts, lo)

    def words_between(self, lo: int, hi: int) -> tuple[list[str], list[str]]:
        """(original, lowercase) words starting in [lo, hi)."""
        starts = self.starts
        i, j = bisect_left(starts, lo), bisect_left(starts, hi)
        return self.words[i:j], self.lower[i:j]

    def word_before(self, pos: int) -> str:
        """The word right before ``pos`` in the sentence, lowercase ("" at its start)."""
        j = bisect_left(self.starts, pos) - 1
        return self.lower[j] if j >= 0 else ""

    def prev_word(self, lo: int, pos: int) -> str:
        """The word before ``pos`` (not before ``lo``), skipping noun-phrase filler words
        ("in the northern city" → "in"), lowercase; "" when none."""
        starts = self.starts
        j = bisect_left(starts, pos) - 1
        lower = self.lower
        for _ in range(4):
            if j < 0 or starts[j] < lo:
                return ""
            w = lower[j]
            if w not in _NP_FILLER:
                return w
            j -= 1
        return ""

    def places_in(self, lo: int, hi: int) -> list:
        """Places (start, end, canonical, actor) in [lo, hi), outside actor mentions. The
        place scan runs once per sentence, and only when [lo, hi) holds, outside every
        mention, a capitalised word that can start a place name (places are proper names)."""
        if self._places is None:
            first = _place_first_words()
            pw = self._place_words
            if pw is None:  # offsets of capitalised words that can start a place name
                lower = self.lower
                pw = self._place_words = [] if first.isdisjoint(lower) else [
                    s for s, w, low in zip(self.starts, self.words, lower)
                    if low in first and w[:1].isupper()]
            k = bisect_left(pw, lo)
            if k == len(pw) or pw[k] >= hi:
                return []
            tokens = _TOKEN.findall(self._outside_mentions(lo, hi))
            if first.isdisjoint(map(str.lower, tokens)) or not any(
                    w[:1].isupper() and w.lower() in first for w in tokens):
                return []
            a = self.a
            mentions = self.mentions
            self._places = [(a + s, a + e, canon, actor)
                            for s, e, canon, actor, _p in sentence_places(self.text[a:self.b]) if actor
                            and not any(m.start < a + e and a + s < m.end for m in mentions)]
        return [p for p in self._places if lo <= p[0] and p[1] <= hi]

    def _outside_mentions(self, lo: int, hi: int) -> str:
        parts, pos = [], lo
        for m in self.all_mentions:
            if m.end <= pos or m.start >= hi:
                continue
            parts.append(self.text[pos:max(pos, m.start)])
            pos = max(pos, m.end)
        parts.append(self.text[pos:hi])
        return "".join(parts)

    # ---------------------------------------------------------------- actors
    def _is_modifier(self, m) -> bool:
        """The mention modifies a group named after it ("Iranian-backed militias") or owns one
        ("Iran's proxies", "Yemen's Houthi rebels"): it is not who acts or is hit; memoised
        per mention, as every cue of the sentence asks."""
        found = self._modifiers.get(m.start)
        if found is None:
            end = min(self.b, m.end + 40)
            text = self.text
            found = _modifier_after(text, m.end, end)
            if not found and text[m.end:m.end + 1] in "'\u2019":
                found = bool(_PROXY_POSSESSIVE.match(text, m.end, end)) or any(
                    _POSSESSIVE_GAP.fullmatch(text, m.end, o.start)
                    for o in self.mentions if o.actor and m.end < o.start <= m.end + 4)
            self._modifiers[m.start] = found
        return found

    def subject_mention(self, pos: int, lo: int, adjacent_ok: bool = True):
        """Nearest actor mention before ``pos`` (not before ``lo``) that can be a subject;
        mentions inside a relative clause (", which arms the Zionists,") are skipped."""
        asides = self._asides
        if asides is None:
            asides = self._asides = [(r.start(), r.end())
                                     for r in _ASIDE.finditer(self.text, self.a, self.b)]
        text = self.text
        mentions = self.mentions
        skip_to = len(mentions)
        for k in range(len(mentions) - 1, -1, -1):
            if k >= skip_to:
                continue  # a member of a list of places already skipped
            m = mentions[k]
            if m.end > pos:
                continue
            start = m.start
            if start < lo:
                break
            if self._is_modifier(m):
                continue
            if asides and any(x <= start < y for x, y in asides):
                continue
            if adjacent_ok and _OWNER_GAP.fullmatch(text, m.end, pos) and (
                    "'" in text[m.end:pos] or self.word_before(start) in _DET_WORDS):
                return m  # owner of a noun cue: "the Hamas attack", "Iran's strikes"
            prev = self.prev_word(lo, start)
            if prev in _AFFILIATION_PREPS and self.affiliated(lo, start):
                return m  # "the commander of the IRGC said", "a source in the resistance"
            if prev in _PREPOSITIONS or (prev.endswith("ing") and len(prev) > 4
                                          and prev not in _ING_NOUNS
                                          and self.word_before(start) != "that"
                                          and not _TO_AFTER.match(text, m.end)):
                continue  # "attacks on X", "a car carrying X members": X is no subject
                # (but "pushing X to threaten": X does the infinitive)
            # "US forces in Iraq, Syria and Jordan": a conjunct of a place after "in" (the gap
            # before this mention must hold "and"/"or"; earlier ones may be commas)
            first = k
            if k and _AND_GAP.fullmatch(text, mentions[k - 1].end, start):
                first = k - 1
                while first and _CONJUNCT_GAP.fullmatch(text, mentions[first - 1].end,
                                                        mentions[first].start):
                    first -= 1
            if first < k and self.prev_word(lo, mentions[first].start) in _PREPOSITIONS:
                skip_to = first
                continue
            return m
        return None

    def only_before(self, clause: int) -> bool:
        """The word before clause ``clause`` is "only" ("will stop only when ...")."""
        return self.word_before(self.clauses[clause][0]) == "only"

    def affiliated(self, lo: int, pos: int) -> bool:
        """The mention at ``pos`` follows "<role noun> of/in/for" ("the commander of", "a
        source in", "a spokesman for"): the person speaks or acts for it."""
        starts, lower = self.starts, self.lower
        j = bisect_left(starts, pos) - 1
        while j >= 0 and starts[j] >= lo and lower[j] in _NP_FILLER:
            j -= 1  # back over "the", "northern", ...
        if not (j >= 1 and starts[j - 1] >= lo and lower[j - 1] in _AFFILIATION_NOUNS):
            return False
        k = j - 2  # an appositive (", the head of X,") describes a person named before it
        while k >= 0 and starts[k] >= lo and lower[k] in _NP_FILLER:
            k -= 1
        head = starts[k + 1]
        return not self.text[max(lo, head - 3):head].rstrip().endswith(",")

    def reported_between(self, lo: int, hi: int) -> bool:
        """A reporting verb in [lo, hi) opens a clause with a subject of its own: "The
        Pentagon said militias attacked" (the Pentagon did not attack), but not "X said it
        attacked", "X said its fighters attacked", "X denied carrying out", "X claimed
        responsibility for"."""
        if hi <= lo:
            return False
        say = _say_forms()
        text = self.text
        for vs, ve in speech_spans(text, lo, hi):
            if ve > hi or text[vs:ve].lower() not in say:
                continue
            _orig, after = self.words_between(ve, hi)
            first = after[0] if after else _words(text[hi:hi + 30].lower())[:1]
            first = first if isinstance(first, str) else (first[0] if first else "")
            if first in _REPORT_SAME_SUBJECT or first.endswith("ing"):
                continue  # "denied carrying out", "claimed responsibility for"
            if _BACK_REFERENCE.isdisjoint(after):
                return True
        return False

    def possessor_before(self, pos: int, exclude: str, plural: bool) -> str:
        """The actor that "its" (``plural`` False) or "their" (True) after ``pos`` refers to:
        the nearest actor named before ``pos`` in the sentence other than ``exclude`` (the
        doer) that agrees in number ("its" never refers to "American forces"; "their" prefers
        them but may refer to a group: "Hezbollah ... their positions"), else the speaker."""
        fallback = ""
        for m in reversed(self.mentions):
            if m.end > pos or m.actor == exclude or self._is_modifier(m):
                continue
            head = _words(self.text[m.end:m.end + 16].lower())[:1]
            many = _plural_name(self.text[m.start:m.end]) or bool(head and head[0] in _PLURAL_HEADS)
            if many == plural:
                return m.actor
            if plural and not fallback:
                fallback = m.actor
        if fallback:
            return fallback
        speaker = self.speaker
        return speaker if speaker and speaker != exclude else ""

    def subject_before(self, pos: int, lo: int, adjacent_ok: bool = True) -> str:
        """Actor id of ``subject_mention`` ("" when none)."""
        m = self.subject_mention(pos, lo, adjacent_ok)
        return m.actor if m else ""

    def owner_before(self, pos: int, lo: int) -> str:
        """The actor named right before a noun cue ("the Hamas attack"), else ""."""
        for m in reversed(self.mentions):
            if m.end > pos:
                continue
            if m.start >= lo and _OWNER_GAP.fullmatch(self.text, m.end, pos) and not self._is_modifier(m):
                return m.actor
            break
        return ""

    def first_conjunct(self, m):
        """The mention X of "X and <m>" ("Iran and Saudi Arabia agreed"), else None."""
        start = m.start
        text = self.text
        for p in self.mentions:
            if p.end <= start and _AND_GAP.fullmatch(text, p.end, start):
                return p
        return None

    def agent_after(self, pos: int, hi: int) -> str:
        """The actor after "by" following ``pos`` ("was struck by X", "attacks by X"), at most
        ``BY_WINDOW`` words on and not past another participle ("a ceasefire brokered by X":
        X brokered, it did not cease fire)."""
        for m in self.mentions:
            if not (pos <= m.start < hi):
                continue
            _orig, between = self.words_between(pos, m.start)
            if len(between) > BY_WINDOW + 1:
                break
            if between and between[-1] == "by" or self.prev_word(pos, m.start) == "by":
                if self._is_modifier(m):
                    continue
                for w in between[:-1]:
                    if w.endswith("ed") and not _is_launch(w):
                        return ""  # "a ceasefire brokered by X" (but "a drone launched by X")
                return m.actor
        return ""

    def object_after(self, cue: Cue, hi: int, noun: bool = False) -> tuple[str, int, str]:
        """(target, strength, of_agent) after a cue: strength 3 an actor, 2 a place, 1 a place
        right after "in"; ``of_agent`` is X of "the threat of X" for ``OF_AGENT_CATEGORIES``.
        A ``noun`` cue has no direct object: only actors after a preposition count ("the
        threats tell us" has no target, "attacks on US forces" has)."""
        pos = cue.end
        best_actor, best_strength = "", 0
        of_agent = ""
        category = cue.category
        mentions = self.mentions
        if category in VERBAL_CATEGORIES:
            that = _THAT_CLAUSE.match(self.text, pos, hi)
            if that:
                that_end = that.end()
                for m in mentions:
                    if pos <= m.start < that_end:
                        break
                else:
                    return "", 0, ""  # "warned that X would ...": X belongs to the reported clause
        starts = self.starts
        first_word = bisect_left(starts, pos)  # words from here on start at or after pos
        for m in mentions:
            if not (pos <= m.start and m.end <= hi):
                continue
            if bisect_left(starts, m.start) - first_word > OBJECT_MAX_WORDS:
                break
            if self._is_modifier(m):
                continue
            prev = self.prev_word(pos, m.start)
            if prev == "by" and _OWNED_BY.search(self.text, max(pos, m.start - 40), m.start):
                return m.actor, 3, of_agent  # "a facility used by the IRGC": its owner is hit
            if prev == "of" and not of_agent and category in OF_AGENT_CATEGORIES:
                of_agent = m.actor
                continue
            if noun and prev not in _PREPOSITIONS:
                continue
            if prev in _TARGET_PREPS or prev not in _PREPOSITIONS or prev == "of":
                return m.actor, 3, of_agent
            if not best_actor and prev in _IN_PREPS:
                best_actor, best_strength = m.actor, 1
        places = self.places_in(pos, hi)
        if places:
            k = first_word
            direct = k < len(starts) and starts[k] < hi and \
                self.lower[k] not in _PREPOSITIONS and not noun
            for s, _e, _canon, actor in places:
                if bisect_left(starts, s) - first_word > OBJECT_MAX_WORDS:
                    continue
                prev = self.prev_word(pos, s)
                if prev in _TARGET_PREPS and prev not in {"with", "for"} or (prev not in _PREPOSITIONS and not noun):
                    return actor, 2, of_agent
                if (prev in _IN_PREPS or prev == "of") and best_strength < 2:
                    best_actor, best_strength = actor, (2 if direct else 1)  # "a target in X", "the port of X"
        return best_actor, best_strength, of_agent

    def place_before(self, pos: int, lo: int) -> str:
        for s, _e, _canon, actor in reversed(self.places_in(lo, pos)):
            if self.prev_word(lo, s) not in _PREPOSITIONS:
                return actor
        return ""

    def announcer(self, pos: int, lo: int | None = None) -> str:
        """Subject of the last speech verb (say/threat kinds) before ``pos`` (and not before
        ``lo``, default the sentence start): "The IRCC has announced that ...", "Khazali
        warned that ..."."""
        last = None
        for vs, ve in speech_spans(self.text, self.a if lo is None else lo, pos):
            if ve <= pos:
                last = vs
        if last is None:
            return ""
        k = self.clause_of(last)
        return self.subject_before(last, self.clauses[k][0], adjacent_ok=False)


def _dropped(sent: _Sentence, start: int, end: int, surface: str, category: str,
             lw: list[str], orig: list[str]) -> bool:
    """True for cues that report no new action (see step 3 of the module docstring)."""
    for m in sent.all_mentions:
        if m.start < end and start < m.end:
            return True  # inside an actor name ("Popular Mobilization Forces")
    text = sent.text
    if start - 2 >= sent.a and text[start - 1] == "-" and text[start - 2].isalnum():
        return True  # "Iran-backed", "counter-attack"
    if lw and lw[-1] in _ANAPHOR_DEMONSTRATIVE:
        return True  # "those attacks" refers back
    if lw and lw[-1] == "in" and category in _STANCE_PHRASE_CATEGORIES and (
            _OF_WITH.match(text, end) or surface.lower().endswith((" of", " with"))):
        return True  # "in support of Gaza", "in solidarity with Lebanon": a purpose, no act
    if category == "threat" and _POSED_BY.match(text, end):
        return True  # "the threat posed by ISIS": a danger described, no threat made
    if len(orig) > 1 and surface[:1].isupper() and orig[-1][:1].isupper() and not sent.title_case:
        return True  # a word of a name: "the Popular Mobilization", "Operation True Promise"
    if (category == "support" or category == "aid") and surface.lower().endswith("ed") \
            and _BY_AFTER.match(text, end):
        j = _be_index(lw)
        if j < 0:
            return True
        for w in lw[max(0, j - 2):j]:
            if w in _RELATIVE_WORDS:
                return True  # "militias backed by Iran", "which is backed by Iran": a relation
    return False


def _harm_word_in(text: str, lo: int, hi: int) -> bool:
    return bool(_HARM_WORDS.search(text, lo, hi)) if hi > lo else False


def _has_harm_after(cues: list[Cue], k: int, sent: _Sentence) -> bool:
    """requires=harm: a harmful act after the cue in its clause (or before it, for a passive
    "the attack was claimed by X" or a trailing ", the spokesman warned.")."""
    cue = cues[k]
    _a, hi, _op = sent.clauses[cue.clause]
    if _HARM_WORDS.search(cue.text):
        return True  # "vowed revenge", "vowed retaliation"
    if _PARTICIPLE.match(cue.text) and _be_index(cue.lw) >= 0 and any(
            o.clause == cue.clause and o.end <= cue.start and o.category in HARM_CATEGORIES
            for o in cues):
        return True
    if cue.start >= sent.attribution_start:
        if any(o.category in HARM_CATEGORIES and o.row.requires != "harm" and o.end <= cue.start
               for o in cues):
            return True
        return _harm_word_in(sent.text, sent.a, cue.start)
    for other in cues[k + 1:]:
        if other.clause != cue.clause:
            break
        if other.category in HARM_CATEGORIES and other.row.requires != "harm":
            return True
    nxt = cue.clause + 1  # "vows to avenge ...": the vowed act opens the next clause
    if nxt < len(sent.clauses) and sent.clauses[nxt][2] in _RETALIATION_OPENERS:
        hi = sent.clauses[nxt][1]
    return _harm_word_in(sent.text, cue.end, hi)


def _object_of(cues: list[Cue], k: int, sent: _Sentence) -> int | None | bool:
    """For a requires=object verb: index of the harmful cue it takes as object, True when the
    object is a harm word that is no cue ("tensions"), None when it has no harmful object."""
    cue = cues[k]
    _a, hi, _op = sent.clauses[cue.clause]
    window_end = cue.end
    for n, wm in enumerate(_NONSPACE.finditer(sent.text, cue.end, hi)):
        window_end = wm.end()
        if n + 1 >= OBJECT_WINDOW:
            break
    for j in range(k + 1, len(cues)):
        other = cues[j]
        if other.clause != cue.clause or other.start >= window_end:
            break
        if any(cue.end <= m.start and m.end <= other.start for m in sent.mentions):
            return None  # "stop Israel from attacking": someone else's act
        if other.category in HARM_CATEGORIES:
            return j
    om = _OBJECT_HARM.search(sent.text, cue.end, window_end)
    if om and not any(cue.end <= m.start and m.end <= om.start() for m in sent.mentions):
        return True
    return None


# Plural nouns a name modifies ("US forces", "Israeli jets"): the phrase takes "their".
_PLURAL_HEADS = _wordset("""forces troops soldiers militias militiamen fighters jets warplanes
aircraft drones officials factions groups units gunmen commanders leaders ships warships navies
personnel""")
_SINGULAR_S = _wordset("united states us emirates hamas isis daesh jaysh al-abbas abbas")


def _plural_name(surface: str) -> bool:
    """A name that takes "their", not "its": its last word is a plural noun ("American
    forces", "the Houthis", "militias"), not a singular name ending in s ("United States").

    >>> _plural_name("US forces"), _plural_name("the United States"), _plural_name("Hezbollah")
    (True, False, False)
    """
    words = surface.lower().split()
    if not words or not words[-1].endswith("s") or words[-1].endswith("ss"):
        return False
    return " ".join(words[-2:]) not in _SINGULAR_S and words[-1] not in _SINGULAR_S


_THREATEN_VERB = re.compile(r"threaten(?:s|ed|ing)?$", re.IGNORECASE)


def _act_threatens(cues: list[Cue], k: int, sent: _Sentence) -> bool:
    """The subject of "threaten" at ``cues[k]`` is an act named just before it in its clause,
    with no actor in between ("Houthi attacks on shipping threaten the economy")."""
    cue = cues[k]
    for j in range(k - 1, -1, -1):
        other = cues[j]
        if other.clause != cue.clause:
            return False
        if other.category == "attack":
            if sent.n_words(other.end, cue.start) > 6:
                return False
            return not any(other.end <= m.start and m.end <= cue.start and not sent._is_modifier(m)
                           for m in sent.mentions)
    return False


def _actor_object(cue: Cue, sent: _Sentence) -> bool:
    """requires=actor: the verb's object names an actor ("shot down an American drone"), not
    only a weapon or a place ("shot down two rockets fired from Lebanon")."""
    hi = sent.clauses[cue.clause][1]
    return sent.object_after(cue, hi)[1] >= 3


_is_launch = _word_test(_LAUNCH)  # ``_LAUNCH`` fits the whole word


def _launch_ok(cues: list[Cue], k: int, sent: _Sentence) -> bool:
    """requires=launch: a launching verb near the weapon noun, "with"/"by" before it, or
    another attack cue in its clause."""
    cue = cues[k]
    if any(_is_launch(w) for w in cue.lw[-LAUNCH_WINDOW:]):
        cue.launched_before = True  # "X launched two drones": X is the launcher
        return True
    right = sent.words_between(cue.end, sent.b)[0]
    if any(_is_launch(w) for w in right[:LAUNCH_WINDOW]):
        return True
    if any(w in _WITH_WORDS for w in cue.lw[-3:]):
        return True
    # another attack cue after it ("two rockets hit Haifa"); one before it has the weapon as
    # its object ("jets struck a Hezbollah rocket launcher": the launcher was hit, not fired)
    return any(o is not cue and o.clause == cue.clause and o.category == "attack"
               and o.row.requires != "launch" and o.start > cue.start for o in cues)


def _modality(sent: _Sentence, cue: Cue, cues: list[Cue]) -> str:
    """The PLOVER context of a cue (step 4 of the module docstring)."""
    clause = cue.clause
    lw = cue.lw
    is_threat = cue.category == "threat"
    opener = sent.clauses[clause][2]
    if opener == "whether" or (not is_threat and (opener in _CONDITION_OPENERS or "if" in lw
                                                  or "unless" in lw)):
        return "hypothetical"  # (asked) "whether the militias would strike": no threat made
    if not is_threat and (opener == "until" or (opener == "when" and sent.only_before(clause))) \
            and _PAST_WORDS.isdisjoint(lw):
        return "hypothetical"  # "until a ceasefire is reached", "only when the aggression stops"
    if lw and (lw[0] == "no" or "nobody" in lw) and not is_threat:
        return "negated"  # "No group has claimed responsibility"
    marker = _marker(lw, cue.orig)
    if marker == "hypothetical" or _governed(lw):
        return "hypothetical"
    # cues earlier in the same clause: a denial negates, a threat makes the act future
    deny = threat = False
    start = cue.start
    for o in cues:
        if o.clause == clause and o.end <= start:
            if o.category == "deny":
                deny = True
            elif o.category == "threat":
                threat = True
    if marker == "negated" or deny:
        return "negated"
    if "any" in lw[-3:] or "every" in lw[-3:]:
        return "hypothetical"  # "any attack", "every attack": no particular act
    if not is_threat and (marker == "future" or threat):
        return "future"
    return "asserted"


def _roles(sent: _Sentence, cue: Cue) -> None:
    """Fill ``cue.source``, ``cue.target`` and ``cue.target_strength`` (step 5)."""
    lo, hi, _op = sent.clauses[cue.clause]
    attribution = sent.attribution_start
    if cue.start < attribution < hi:
        hi = attribution
    cat = cue.category
    lw = cue.lw
    row = cue.row
    be = _be_index(lw) >= 0
    passive = row.subject == "patient" or (_surface_info(cue.text)[1] and (
        be or bool(_BY_AFTER.match(sent.text, cue.end))))
    cue.passive = passive
    if passive:
        target = sent.subject_before(cue.start, lo)
        strength = 3 if target else 0
        if not target:
            target = sent.place_before(cue.start, lo)
            strength = 2 if target else 0
        source = sent.agent_after(cue.end, hi)
    else:
        if row.requires == "launch":  # weapon noun: its launcher, if the verb came first
            frame = "light" if cue.launched_before else "pp"
        else:
            frame = _noun_frame(lw, cue.text)
        partner = ""
        if lw and lw[-1] in _RELATIVE_WORDS and not be:
            source = ""  # "the drone attack that killed": the antecedent noun acts
        elif (frame == "np" or frame == "pp") and _POSSESSIVE_WORDS.isdisjoint(lw[-3:]):
            source = sent.owner_before(cue.start, lo)
        else:
            if cue.start >= attribution:
                lo = max(lo, attribution)  # ", the envoy warned": the subject is in the tail
            m = sent.subject_mention(cue.start, lo)
            if m is not None and sent.reported_between(m.end, cue.start):
                m = None  # "The Pentagon said militias attacked": not the Pentagon
            if m:
                source = m.actor
                first = sent.first_conjunct(m)
                if first is not None and first.actor != source:
                    source, partner = first.actor, source
            else:
                source = ""
        target, strength, of_agent = sent.object_after(cue, hi, noun=bool(frame))
        source = source or of_agent
        if strength < 3 and cat in _OWNED_TARGET_CATEGORIES and _POSSESSIVE_OBJECT.match(sent.text, cue.end):
            owner = sent.possessor_before(cue.start, source,
                                          plural=" their " in sent.text[cue.end:cue.end + 24].lower() + " ")
            if owner:
                target, strength = owner, 3  # "struck its positions", "attacked their base"
        if not target and partner and cat in SYMMETRIC_CATEGORIES:
            target, strength = partner, 3
        if not source:
            source = sent.agent_after(cue.end, hi)
            if source and source == target:
                target, strength = "", 0
    if not source:
        if sent.speaker and not _FIRST_PERSON_WORDS.isdisjoint(cue.orig):
            source = sent.speaker  # "we will strike," Nasrallah said
        if not source and cat in VERBAL_CATEGORIES and _PRONOUN_WORDS.isdisjoint(lw):
            source = sent.announcer(cue.start) or sent.speaker
    if source and source == target:
        target, strength = "", 0
    cue.source, cue.target, cue.target_strength = source, target, strength


_SURFACES: dict[str, tuple] = {}


def _surface_info(surface: str) -> tuple:
    """Facts about a cue's words that do not depend on its sentence, memoised by the words
    (as ``_key``): (lookup key, participle form ("struck", "attacked"), casualty word)."""
    info = _SURFACES.get(surface)
    if info is None:
        info = (_key(surface), bool(_PARTICIPLE.match(surface)), bool(_CASUALTY.match(surface)))
        if len(_SURFACES) < 100_000:
            _SURFACES[surface] = info
    return info


def sentence_cues(ctx, i: int, matches=None) -> list[Cue]:
    """Cues of sentence ``i`` that report actions (see ``analyze_sentence``)."""
    return analyze_sentence(ctx, i, matches)[1]


def analyze_sentence(ctx, i: int, matches=None):
    """Analyse the cues of sentence ``i``: ``(sentence state, cues)``, every cue that reports an
    action with its modality, source and target, before the one-event-per-action merge.
    ``matches`` are (start, end) pairs of cue matches found by the caller's document scan;
    None scans the sentence. Objects taken by a de-escalation verb ("attacks" in "reduced
    attacks") are left out. The result is kept on the context (``ctx._event_analysis``, keyed
    by sentence and the identity of its mention and speaker lists), so ``triggers`` reuses
    what ``find_events`` worked out.
    """
    cache = ctx.__dict__.setdefault("_event_analysis", {})
    key = (i, id(ctx.mentions), id(ctx.speakers))
    found = cache.get(key)
    if found is not None:
        return found
    _rows, lookup, pattern, by_code = cue_lexicon()
    a, b = ctx.spans[i]
    if matches is None:
        matches = scan_spans(pattern, cue_scanner(), ctx.text, a, b)
    sent = _Sentence(ctx, i)
    if not matches:
        cache[key] = found = (sent, [])
        return found
    text = ctx.text
    clause_starts, starts, words, lower = sent.clause_starts, sent.starts, sent.words, sent.lower
    surfaces = _SURFACES
    cues = []
    for s, e in matches:
        surface = text[s:e]
        info = surfaces.get(surface) or _surface_info(surface)
        row = lookup.get(info[0])
        if row is None:
            continue
        k = max(bisect_right(clause_starts, s) - 1, 0)  # sent.clause_of(s)
        # the words of the clause before the cue (sent.words_between(clause start, s))
        w0, w1 = bisect_left(starts, clause_starts[k]), bisect_left(starts, s)
        orig, lw = words[w0:w1], lower[w0:w1]
        category = row.category
        if _dropped(sent, s, e, surface, category, lw, orig):
            continue
        cues.append(Cue(s, e, surface, row, k, row.code, row.goldstein, row.quad, "asserted",
                        "", "", 0, False, False, False, lw, orig, category))
    kept: list[Cue] = []
    consumed = False
    for k, cue in enumerate(cues):
        req = cue.row.requires
        if cue.category == "threat" and _THREATEN_VERB.match(cue.text) and _act_threatens(cues, k, sent):
            continue  # "the attacks threaten global shipping": a danger, not a threat made
        if req:
            if req == "harm" and not _has_harm_after(cues, k, sent):
                continue
            if req == "launch" and not _launch_ok(cues, k, sent):
                continue
            if req == "actor" and not _actor_object(cue, sent):
                continue
            if req == "object":
                obj = _object_of(cues, k, sent)
                if obj is None:
                    continue
                if obj is not True:
                    cues[obj].consumed = consumed = True
        kept.append(cue)
    if consumed:
        kept = [c for c in kept if not c.consumed]
    for cue in kept:
        cue.modality = _modality(sent, cue, kept)
        _roles(sent, cue)
    _settle(sent, kept, by_code)
    # "the attack(s)" with no actor refers back to an act already reported
    out = [c for c in kept if not (c.lw and c.lw[-1] == "the" and not c.source and not c.target)]
    cache[key] = found = (sent, out)
    return found


def _settle(sent: _Sentence, kept: list[Cue], by_code: dict) -> None:
    """Rules between cues of one sentence, after each cue has its own modality and actors."""
    if not kept:
        return
    categories = {cue.category for cue in kept}
    for cue in kept:
        if cue.code in STATE_BOMBING and cue.source and _actor_type(cue.source) in STATE_TYPES:
            up = by_code.get(STATE_BOMBING[cue.code])
            if up is not None:
                cue.code, cue.goldstein, cue.quad = up.code, up.goldstein, up.quad
    # a denied act takes the denier as its would-be source; a denial has no target of its own
    if "deny" in categories:
        for cue in kept:
            if cue.category == "deny":
                cue.target, cue.target_strength = "", 0
                for o in kept:
                    if o.clause == cue.clause and o.start > cue.start and o.modality == "negated" \
                            and not o.source:
                        o.source = cue.source
    # a verbal cue in a trailing attribution (", Gallant warned.") joins the action it reports
    attribution = sent.attribution_start
    if kept[-1].start >= attribution and not VERBAL_CATEGORIES.isdisjoint(categories):
        for cue in kept:
            if cue.start >= attribution and cue.category in VERBAL_CATEGORIES:
                same = [o for o in kept if o is not cue and o.category == cue.category
                        and o.start < attribution]
                if same:
                    cue.clause = same[-1].clause
                    for o in same:
                        if not o.source:
                            o.source = cue.source
    if "threat" not in categories:
        return
    for cue in kept:
        if cue.category != "threat":
            continue
        if cue.start >= attribution:
            scope = [o for o in kept if o.end <= cue.start]
        else:
            scope = [o for o in kept if o.clause == cue.clause and o.start > cue.start]
        # a threat with no target takes the strongest target of the harm it announces
        if not cue.target:
            aimed = [o for o in scope if o.category in HARM_CATEGORIES and o.target
                     and o.target != cue.source]
            if aimed:
                best = max(aimed, key=lambda o: (o.target_strength, -o.start))
                cue.target, cue.target_strength = best.target, best.target_strength
        # threat of military force: the threatened act is an attack
        if cue.code in THREAT_UPGRADE and any(o.category == "attack" for o in scope):
            up = by_code.get(THREAT_UPGRADE[cue.code])
            if up is not None:
                cue.code, cue.goldstein, cue.quad = up.code, up.goldstein, up.quad


def _actor_type(actor_id: str) -> str:
    """The ``type`` column of ``actors.csv`` for an actor id ("" when unknown)."""
    from .actors import actor_info
    return actor_info().get(actor_id, {}).get("type", "")


def _specificity(code: str) -> tuple[int, int]:
    return len(code), 0 if code.endswith("0") else 1


def merge_cues(cues: list[Cue], clauses=()) -> list[list[Cue]]:
    """Group cues into actions: same category and clause → one action (step 6). A clause
    opened by "when" that follows casualties ("three soldiers were killed when a drone struck
    the base") reports the same attack and joins that clause."""
    if len(cues) == 1:
        return [[cues[0]]]
    casualty_clauses = {c.clause for c in cues if c.category == "attack" and _surface_info(c.text)[2]}
    groups: dict[tuple[str, int], list[Cue]] = {}
    for cue in cues:
        k = cue.clause
        if casualty_clauses and cue.category == "attack" and k - 1 in casualty_clauses and clauses \
                and clauses[k][2] == "when":
            k -= 1
        group = groups.get((cue.category, k))
        if group is None:
            groups[(cue.category, k)] = [cue]
        else:
            group.append(cue)
    if len(groups) == 1:
        return list(groups.values())
    return sorted(groups.values(), key=lambda g: g[0].start)


def _best_date(resolved) -> tuple[str, str]:
    """The most specific of resolved dates ``(iso, precision)`` (day > week > month > range);
    ties go to the first."""
    top, rank = ("", "unknown"), len(PRECISIONS)
    for iso, precision in resolved:
        r = PRECISIONS.index(precision) if precision in PRECISIONS else len(PRECISIONS)
        if precision != "unknown" and r < rank:
            top, rank = (iso, precision), r
    return top


# A weekday named without "last"/"past"/"previous"/"next": it resolves to the latest such day
# up to the document date, which is right for reported acts and wrong for threatened ones.
_BARE_WEEKDAY = re.compile(r"^(?!.*\b(?:last|past|previous|next|this)\b).*\b(?:Mon|Tues|Wednes|Thurs|"
                           r"Fri|Satur|Sun)day\b", re.IGNORECASE)


# Between two coordinated mentions: "Iraq and Syria", "Iraq, Syria and Jordan".
_AND_GAP = re.compile(r"\s*,?\s*(?:and|or)\s+(?:the\s+)?", re.IGNORECASE)
_CONJUNCT_GAP = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|\s(?:and|or)\s+)(?:the\s+)?", re.IGNORECASE)
_THREAT_VERB = re.compile(r"(?:warn|threat|vow|pledg|swear|swore|promis)", re.IGNORECASE)


def _next_week_if_past(iso: str, doc_date) -> str:
    """A future act on a bare weekday is the next such day: "will strike on Thursday" in a
    document of Monday 1 July 2024 is Thursday 4 July, not 27 June.

    >>> import datetime as dt
    >>> _next_week_if_past("2024-06-27", dt.date(2024, 7, 1)), _next_week_if_past("2024-07-01", dt.date(2024, 7, 1))
    ('2024-07-04', '2024-07-01')
    """
    day = dt.date.fromisoformat(iso)
    doc = doc_date if isinstance(doc_date, dt.date) else dt.date.fromisoformat(str(doc_date))
    return (day + dt.timedelta(days=7)).isoformat() if day < doc else iso


def _date_for(exprs, event_clauses: set, clause: int) -> tuple[str, str]:
    """(iso, precision) for an event in ``clause`` (step 7) from the sentence's resolved date
    expressions ``(clause, iso, precision)``: its own clause's date, else a date in a clause
    with no event of its own, else ("", "unknown")."""
    own = _best_date((iso, p) for k, iso, p in exprs if k == clause)
    if own[0]:
        return own
    return _best_date((iso, p) for k, iso, p in exprs if k not in event_clauses)


# Sentences remembered by ``sentence_memo`` (about 1 KB each): wire copy and boilerplate repeat
# across documents, and a repeated sentence with the same actors, speaker and document date
# has the same events. 0 turns the memo off (every sentence is analysed; the benchmark does so).
MEMO_SIZE = 20_000


@cached
def sentence_memo() -> OrderedDict:
    """Per-process memo: sentence signature → its rows with sentence-relative offsets. Cleared
    with the lexicons (``helpers.lexicon.reload``), so edited cues take effect."""
    return OrderedDict()


def sentence_signature(ctx, i: int) -> tuple:
    """Everything a sentence's events and triggers depend on: its text, the document date,
    its speaker and its resolved mentions (offsets relative to the sentence)."""
    a, b = ctx.spans[i]
    speaker = ctx.speakers[i] if i < len(ctx.speakers) else "author"
    return (ctx.text[a:b], str(ctx.date), speaker,
            tuple((m.start - a, m.end - a, m.actor) for m in ctx.mentions_in(i)))


def memoised(memo: OrderedDict, key, compute):
    """``memo[key]``, computing and storing it (least recently used dropped past MEMO_SIZE)."""
    found = memo.get(key)
    if found is None:
        found = compute()
        memo[key] = found
        if len(memo) > MEMO_SIZE:
            memo.popitem(last=False)
    else:
        memo.move_to_end(key)
    return found


def matches_by_sentence(ctx, pattern, fast=None) -> dict[int, list[tuple[int, int]]]:
    """(start, end) of every match of ``pattern`` (with its ``phrase_scanner`` ``fast``) in
    ``ctx.text``, by sentence index (the sentence whose span starts last at or before the
    match, as ``ctx.sentence_of``), in order."""
    starts = [a for a, _b in ctx.spans]
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for s, e in scan_spans(pattern, fast, ctx.text):
        i = max(0, bisect_right(starts, s) - 1)
        found = by_sentence.get(i)
        if found is None:
            by_sentence[i] = [(s, e)]
        else:
            found.append((s, e))
    return by_sentence


def find_events(ctx) -> list[tuple]:
    """Rows of the ``events`` table for one document (columns: ``TABLE_COLUMNS["events"]``).

    ``start``/``end`` are the cue's offsets in ``ctx.text``; ``text`` is the sentence.
    """
    _rows, _lookup, pattern, _by_code = cue_lexicon()
    by_sentence = matches_by_sentence(ctx, pattern, cue_scanner())
    memo = sentence_memo() if MEMO_SIZE > 0 else None
    rows = []
    doc_id, text, spans = ctx.doc_id, ctx.text, ctx.spans
    for i, matches in sorted(by_sentence.items()):
        if memo is None:  # memo off: nothing to look up or store
            found = _sentence_events(ctx, i, matches)
        else:
            found = memoised(memo, ("events",) + sentence_signature(ctx, i),
                             lambda i=i, matches=matches: _sentence_events(ctx, i, matches))
        if found:
            a, b = spans[i]
            sentence = text[a:b]
            rows.extend((doc_id, i) + r[:9] + (sentence, r[9], a + r[10], a + r[11]) for r in found)
    return rows


def _sentence_events(ctx, i: int, matches) -> tuple:
    """Event rows of sentence ``i`` without doc_id/sent_id/text, offsets relative to it."""
    sent, cues = analyze_sentence(ctx, i, matches)
    if not cues:
        return ()
    rows = []
    actions, claims = [], []
    for group in merge_cues(cues, sent.clauses):
        head = group[0]
        if len(group) == 1:
            best = tgt = head
            source = head.source
        else:
            best = max(group, key=lambda c: (_specificity(c.code), -c.start))
            source = next((c.source for c in group if c.source), "")
            tgt = max(group, key=lambda c: (c.target_strength, -c.start))
        target = tgt.target if tgt.target != source else ""
        (claims if head.category == "claim" else actions).append([head, best, source, target])
    for claim in claims:
        attacks = [act for act in actions if act[0].category == "attack"]
        if attacks and claim[0].modality == "asserted":
            for act in attacks:  # the claimant is the source of the claimed act
                if not act[2] and claim[2]:
                    act[2] = claim[2]
                    if act[3] == claim[2]:
                        act[3] = ""
        else:
            actions.append(claim)
    a = sent.a
    found_dates = find_date_expressions(ctx.text[a:sent.b])
    exprs = [(sent.clause_of(a + s),) + resolve_date(surface, ctx.date)
             for s, _e, surface in found_dates]
    bare_weekdays = {iso: a + s0 for (_k, iso, p), (s0, _e, surface) in zip(exprs, found_dates)
                     if p == "day" and _BARE_WEEKDAY.search(surface)} if exprs else {}
    event_clauses = {act[0].clause for act in actions} if exprs else ()
    if claims:
        actions.sort(key=lambda act: act[0].start)
    for head, best, source, target in actions:
        date, precision = _date_for(exprs, event_clauses, head.clause) if exprs else ("", "unknown")
        if (date in bare_weekdays and ctx.date is not None and bare_weekdays[date] > head.start
                and (head.modality == "future" or (best.row.root == "13"
                                                   and not _THREAT_VERB.match(head.text)))):
            # the day after a future act, or after an act coded as the threat it makes ("will
            # strike Haifa on Thursday"); not a threat verb's own day ("warned on Sunday")
            date = _next_week_if_past(date, ctx.date)
        row = best.row
        rows.append((source, target, best.code, best.code[:2], best.quad, best.goldstein,
                     head.modality, date, precision, head.text, head.start - a,
                     head.end - a))
    return tuple(rows)
