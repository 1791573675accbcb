"""Escalation triggers: what each side says would make it strike, strike back, or act by a date.

Three kinds (``kind`` column):

* ``conditional_threat`` — harm promised on a condition: "American interests will be targeted
  if the Zionist regime attacks Lebanon", "Should Israel launch a war, Hezbollah will ...",
  "unless ...", "were the US to ...", "in the event that ...", "once ...", "as soon as ...".
* ``retaliation`` — an act said to answer another: "attacked ... in response to the massacres
  in Gaza", "in retaliation for", "to avenge", "as revenge for".
* ``ultimatum`` — a demand with a deadline: "must withdraw within 48 hours or face ...", "has
  until Friday to ...", "unless US forces leave Iraq by the end of the year, the resistance
  will ...".

Lexicons read: ``trigger_cues.csv`` (condition, not_condition, retaliation, ultimatum and
consequence words) and, through ``helpers.events``, ``event_cues.csv`` (the harmful acts) and
``speech_verbs.csv`` (announcers).

Steps (``find_triggers``):

1. **Prefilter.** All trigger cues are ONE regular expression, scanned once over the document
   (through ``events.phrase_scanner``, which finds the same matches faster).
   Only sentences with a condition, retaliation or ultimatum match go further. Longest form
   wins, so a ``not_condition`` phrase ("see if", "even if", "as if", "if confirmed", "once
   again", "at the moment") swallows the condition word inside it. A sentence seen before
   with the same mentions, speaker and document date comes from ``events.sentence_memo``.
2. **Harm.** The sentence's event cues (``helpers.events.analyze_sentence``, computed once and
   shared with ``find_events``) give the harmful acts (threat, attack, coerce, mobilize,
   sanction cues that are not negated, nor the object of "stop"/"halt") with their source
   and target; ``consequence`` cues ("increase the scope", "escalate", "join the war", "our
   operations will resume", "will be treated as enemies") add harm without actors. Quotation
   marks are ignored when matching them, so 'raise the "scope and quality"' matches.
3. **Ultimatum** first: a deadline form (within N hours/days, "has until", "gave X until",
   "by the end of", "no later than", "deadline", "ultimatum") with a demand (must, demand,
   unless, "if ... not", "or face", "or else", gave/set/issued, has until) and either harm in
   the sentence, "or face"/"otherwise", or a compliance verb (leave, withdraw, release,
   accept, comply, stop, halt, disarm, restrain ...). threatener: the subject of
   gave/set/issued/demanded, else the doer of the harm, the announcer or the speaker;
   target: the addressee ("gave Washington ...", "X must ...", "X has until ...", "unless X
   ..."). An "unless" inside an ultimatum's condition is not counted again as a conditional
   threat.
4. **Conditional threat**, for each condition word ("should" only when a subject follows it:
   "Should Israel launch ...", "... US interests should Israel attack", not "should leave";
   "were" only at the head of a clause as "were X to"; "once"/"the moment" only before a
   subject):

   * the condition runs from the word to the next comma, semicolon or closing quotation mark
     (or the sentence end). If harm follows that comma, the condition came first ("If X,
     Y"); otherwise the consequence is the text before the condition word ("Y if X"), from
     the last comma before the first harm, or later, after a reporting frame that still
     leaves harm after it ("X warned on Sunday that ...", "X said ..."; not "X vowed to ...",
     where the vow belongs to the threat). A trailing ", Gallant warned." is no consequence.
   * the consequence must hold harm, and a mark of threat: will / would / shall / 'll /
     going to / must, or a threat verb (vow, warn, threaten, pledge, promise, swear), or a
     cue that is a threat by itself ("legitimate targets"). Harm inside the condition does not
     count ("in order to see if the US will pressure Israel not to hit Hezbollah" is no threat;
     "If things persist like this, Iran will be able to claim ..." names no harm).
   * harm under an indirect question ("asked whether US forces would be attacked if ...") does
     not count; nor a forecast ("would almost certainly", "likely", "expected to": an
     analyst's scenario), nor a consequence that stops something without harm ("operations
     would stop once the aggression ends": a promise).
   * a rule with no condition word: "any"/"every" + an act, then "will be met with", "would
     trigger", "will not go unanswered" ...; or the threat first, then "for/to/against any
     ..." ("would pay a heavy price for every attack on Israel"; the victim named in the
     condition, "any aggression against Iraq", is not the target).
   * threatener (who issues the threat), first found of: (a) the announcer, the subject of a
     speech or threat verb before the harm in the harm's own clause ("The Iraqi Resistance
     Coordination Council has announced that ... will be targeted if ..." → ircc, even when
     IRNA is the sentence's speaker: the actor named inside the quotation as the one who
     announces is the one who threatens, IRNA only carries it); (b) the subject of the
     harmful act ("Hezbollah will strike Haifa if ..."; "the militias vowed to ..."); (c) the
     sentence's speaker (``ctx.speakers``: "We will strike if ...," Nasrallah said →
     nasrallah).
   * target (who would be harmed): the strongest target of the harmful acts before the
     condition that is not on the threatener's own side (its object or addressee, or the
     subject of a passive or patient phrase: "American interests will be targeted" →
     united_states, "Washington would pay a price" → united_states, "warned Hezbollah that
     Beirut would be hit" → hezbollah); else the actor the condition is about, its first
     actor not after against/on/at/in and not a modifier ("if the threat of the Zionist
     regime against Lebanon turns into reality" → israel), when it is not on the
     threatener's side.
5. **Retaliation**, for each retaliation phrase: the provoking act (``condition``) is the text
   after the phrase up to the next comma or the sentence end; the answering act is the nearest
   harmful cue before the phrase (or a consequence word: "both operations came in response
   to"), else the first after the provoking act. ``threatener`` is its doer (the attacker)
   and ``target`` the one it hits ("the Islamic Resistance in Iraq attacked a vital target in
   Umm al-Rashrash ... in response to the massacres in Gaza" → iraqi_militias, israel). With
   no harmful act, nothing ("said in response to questions"). A threatened retaliation
   ("vowed revenge for ...") is a retaliation too; its act is the vow. A sentence that opens
   "In response," / "In retaliation," answers the sentence before it: that sentence is the
   ``condition``.

One row per trigger cue; ``cue``/``start``/``end`` locate the cue word in ``ctx.text``;
``condition`` and ``consequence`` are text of the sentence (quotation marks at their ends
stripped).

>>> from helpers.actors import context_for_text
>>> ctx = context_for_text("Hezbollah will strike Haifa if Israel invades Lebanon.")
>>> [(r[2], r[3], r[4], r[5]) for r in find_triggers(ctx)]
[('conditional_threat', 'hezbollah', 'israel', 'if Israel invades Lebanon')]
"""

from __future__ import annotations

import re
from bisect import bisect_right

from . import events as ev
from .lexicon import cached, phrase_pattern, read_lexicon, split_values

_key = ev._key  # lookup key of a cue form: lowercase letters and digits only

KINDS = ("conditional_threat", "retaliation", "ultimatum")

# A mark of threat in the consequence: a future or obligation modal or a threat verb.
_THREAT_MARK = re.compile(
    r"\b(?:will|would|shall|going\s+to|must|vow(?:s|ed|ing)?|warn(?:s|ed|ing)?|"
    r"threat(?:en|ens|ened|ening|s)?|pledg(?:e|es|ed|ing)|promis(?:e|es|ed|ing)|swore|swear(?:s)?|"
    r"vows?)\b|'ll\b", re.IGNORECASE)
# Harm under an indirect question is no threat ("asked whether US forces would be attacked").
_INDIRECT = re.compile(r"\b(?:whether|ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?)\b", re.IGNORECASE)
# A consequence hedged by likelihood is a forecast, not a threat: "the Houthis would almost
# certainly resume attacks, ISW assessed", "Hezbollah is likely to respond" (threats are stated
# as certain: "will strike", "would pay a price").
_FORECAST = re.compile(r"\b(?:likely|unlikely|probably|almost\s+certainly|possibly|perhaps|"
                       r"expected\s+to|may\s+well|might)\b", re.IGNORECASE)
# Verbs that end an activity: a consequence that stops something is a promise, not a threat
# ("will not stop" is the opposite; "end" is left out: "we will end its existence").
_STOP_VERB = re.compile(r"(?<!not )(?<!never )(?<!n't )\b(?:stop|halt|cease|suspend|pause)(?:s|ped|ed|ing)?\b",
                        re.IGNORECASE)
# The condition ends at a comma, semicolon, colon or closing quotation mark.
_COND_END = re.compile(r"""[,;:]|"(?=[\s,.;:!?]|$)|\s+-\s+""")
_STRIP = " \t\n\"'.,;:!?-"
# ", Nasrallah said." at the end of a consequence is attribution, not consequence.
_TRAILING_ATTRIBUTION = re.compile(
    r"""["']?\s*,?\s*["']?\s*(?:[^,;"]{1,80}?\s+)?(?:said|says|warned|added|stated|announced|"""
    r"""reported|told\s+\w+|quoted\s+[^,]{1,60})\s*\.?\s*$""", re.IGNORECASE)
# One of these (lowercase) is in every match of ``_TRAILING_ATTRIBUTION``.
_ATTRIBUTION_VERBS = ("said", "says", "warned", "added", "stated", "announced", "reported", "told",
                      "quoted")


def _strip_attribution(text: str) -> str:
    """``text`` without a trailing attribution (``_TRAILING_ATTRIBUTION``). The regex is tried
    only when one of its verbs is in the text (on ASCII text, whose lowercase copy shows every
    letter that case-insensitive matching can meet; other text always tries it)."""
    if text.isascii():
        low = text.lower()
        if not any(v in low for v in _ATTRIBUTION_VERBS):
            return text
    return _TRAILING_ATTRIBUTION.sub("", text)


# Victims of a condition ("against Lebanon") are not the actor the threat is aimed at.
_VICTIM_PREPS = frozenset({"against", "on", "at", "toward", "towards", "in", "into", "to"})
_NUMBER = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
           r"twenty-four|forty-eight|seventy-two|a\s+few|several)")
_DEADLINE = re.compile(
    rf"\bwithin\s+(?:the\s+next\s+)?{_NUMBER}\s+(?:hours?|days?|weeks?|months?)\b"
    r"|\b(?:has|have|had|given|giving|gave|give|gives)\s+(?:[\w'-]+\s+){0,3}?until\b"
    r"|\b(?:by|before)\s+the\s+end\s+of\b|\bno\s+later\s+than\b|\bdeadlines?\b|\bultimatums?\b",
    re.IGNORECASE)
# Every match of ``_DEADLINE`` holds one of these (lowercase): without one, an ASCII sentence
# has no deadline, found with ``str`` methods instead of a regex tried at every position.
_DEADLINE_WORDS = ("within", "until", "end", "later", "deadline", "ultimatum")
_DEMAND = re.compile(
    r"\b(?:must|demand(?:s|ed|ing)?|ha(?:s|ve)\s+to|unless|or\s+face|or\s+else|or\s+risk|ultimatums?|"
    r"if\b[^,;]{1,60}?\b(?:not|fails?\s+to|failed\s+to)|"
    r"(?:gave|give|given|gives|giving|set|sets|issued|issues)\b(?:\s+[\w'-]+){0,3}?\s+(?:until|deadline|ultimatum)|"
    r"(?:has|have|had)\s+until|ordered)\b", re.IGNORECASE)
_COMPLY = re.compile(
    r"\b(?:leave|leaves|withdraw|withdraws|release|releases|accept|accepts|comply|complies|stop|"
    r"stops|halt|halts|disarm|surrender|hand\s+over|pull\s+out|evacuate|expel|cease|restrain|"
    r"rein\s+in)\b",
    re.IGNORECASE)
_GIVER = re.compile(r"\b(?:gave|give|given|gives|giving|set|sets|issued|issues|demanded|demands)\b",
                    re.IGNORECASE)
_ADDRESSEE_VERB = re.compile(r"\b(?:must|ha(?:s|ve)\s+to|needs?\s+to|has\s+until|have\s+until|had\s+until)\b",
                             re.IGNORECASE)
# A demand that an alternative ("or face ...") turns into an ultimatum without a deadline.
_DEMAND_MODAL = re.compile(r"\b(?:must|demand(?:s|ed|ing)?|ha(?:s|ve)\s+to|needs?\s+to)\b",
                           re.IGNORECASE)
_OR_CONSEQUENCE = re.compile(r"\bor\s+(?:face|else|risk)\b|\botherwise\b", re.IGNORECASE)
_CLAUSE_PUNCT = re.compile(r"[,;:]\s*")
_THAT_AFTER = re.compile(r"(?:\s+[\w'-]+){0,6}?\s+that\b", re.IGNORECASE)
_TO_AFTER = re.compile(r"\s+to\b", re.IGNORECASE)
# After an inverted "should" comes its subject ("should Israel launch", "should the enemy"),
# after a modal "should" a verb ("should leave", "should be").
_SUBJECT_AFTER = re.compile(
    r"\s+(?:the|a|an|this|these|any|it|they|he|she|we|you|[A-Z])(?!\w*\s+(?:be|have|not)\b)")


_SPACES = re.compile(r"\s+")
# "should be/have/not/also": a modal "should", not an inverted condition.
_MODAL_SHOULD = re.compile(r"\s+(?:be|have|not|also)\b")
# "were X to ...": an inverted condition.
_INVERTED_WERE = re.compile(r"\s+(?:[\w'-]+\s+){1,5}?to\s")
# "once"/"the moment" as a conjunction: a subject follows.
_CONJUNCTION_SUBJECT = re.compile(r"\s+(?:the|a|an|it|they|he|she|we|you|[A-Z])")
# A following "if"/"unless" or quotation mark closes a consequence.
_CONSEQUENCE_STOP = re.compile(r'"|;|\s(?:if|unless)\b')
# The condition of an ultimatum: "unless ...", "if ... not / fails to".
_UNLESS = re.compile(r"\bunless\b|\bif\b(?=[^,;]{1,60}?\b(?:not|fails?\s+to|failed\s+to)\b)",
                     re.IGNORECASE)


# --------------------------------------------------------------------------- lexicon
@cached
def trigger_lexicon():
    """(key → role, compiled pattern of every trigger cue, compiled consequence pattern).

    >>> lookup, pattern, _ = trigger_lexicon()
    >>> lookup[_key("see if")], lookup[_key("in response to")]
    ('not_condition', 'retaliation')
    """
    df = read_lexicon("trigger_cues")
    lookup, forms, consequence = {}, [], []
    for r in df.to_dict("records"):
        for form in split_values(r["cues"]):
            key = _key(form)
            if key in lookup and lookup[key] != r["role"]:
                raise ValueError(f"trigger_cues.csv: cue {form!r} is in two rows")
            lookup[key] = r["role"]
            forms.append(form)
            if r["role"] == "consequence":
                consequence.append(form)
    return lookup, phrase_pattern(forms), phrase_pattern(consequence)




@cached
def _trigger_scanner():
    """``events.phrase_scanner`` of every trigger cue (finds what ``trigger_lexicon``'s
    pattern finds, faster)."""
    return ev.phrase_scanner(f for r in read_lexicon("trigger_cues").to_dict("records")
                             for f in split_values(r["cues"]))


@cached
def _consequence_scanner():
    """``events.phrase_scanner`` of the consequence cues (``trigger_lexicon``'s third pattern)."""
    return ev.phrase_scanner(f for r in read_lexicon("trigger_cues").to_dict("records")
                             if r["role"] == "consequence" for f in split_values(r["cues"]))


# Roles whose cue makes a trigger (the others only veto or add a consequence).
_SENTENCE_ROLES = frozenset({"condition", "retaliation", "ultimatum", "any_act"})
# What follows "any attack on X ..." in a threat: "will be met with", "will trigger" ...
_MET_WITH = re.compile(
    r"\s(?:will|would|shall)\s+(?:be\s+met\s+(?:with|by)|be\s+answered\s+(?:with|by)|"
    r"be\s+responded\s+to|be\s+followed\s+by|trigger|draw|prompt|provoke|invite|bring|"
    r"lead\s+to|result\s+in|receive|face|cost|not\s+(?:go|remain|pass)\s+(?:unanswered|unpunished))\b",
    re.IGNORECASE)
# The act after "any"/"every" (up to two words between: "any Israeli aggression", "any new
# American attack"): a hostile act, or a move that one side warns the other against.
_ANY_ACT_HEAD = re.compile(
    r"(?:\s+[\w'-]+){0,2}?\s+(?:attacks?|aggressions?|acts?\s+of\s+aggression|strikes?|"
    r"assaults?|incursions?|invasions?|raids?|attempts?|moves?|mistakes?|miscalculations?|"
    r"violations?|escalation|harm|targeting|hostile\s+acts?|steps?)\b", re.IGNORECASE)
#: Characters after "any attack" within which its "will be met with" must begin.
ANY_ACT_REACH = 120




def reload_lexicon() -> None:
    """Forget the compiled cues so an edited ``trigger_cues.csv`` is read again."""
    trigger_lexicon.cache_clear()
    _trigger_scanner.cache_clear()
    _consequence_scanner.cache_clear()


# --------------------------------------------------------------------------- helpers
def _clean(text: str) -> str:
    """``text`` without the quotation marks and punctuation at its ends, each run of white space
    one space. (``str.split`` splits at exactly the characters ``\\s`` matches; where it drops
    a space at an end, ``_SPACES.sub`` would leave one that the final strip removes.)

    >>> _clean('"they will  strike\\nHaifa,"')
    'they will strike Haifa'
    """
    return " ".join(text.strip(_STRIP).split()).strip(_STRIP)


def _harm(cues, lo: int, hi: int):
    """Harmful, non-negated event cues that start inside [lo, hi), and negated de-escalations
    ("will never halt its attacks" promises the attacks go on)."""
    return [c for c in cues if lo <= c.start < hi and (
        (c.category in ev.HARM_CATEGORIES and c.modality != "negated")
        or (c.category == "deescalation" and c.modality == "negated"))]


def _consequence_words(ctx, lo: int, hi: int) -> list[tuple[int, int]]:
    """Consequence-role cues in [lo, hi), matched with quotation marks blanked out."""
    pattern = trigger_lexicon()[2]
    blank = ctx.text[lo:hi].replace('"', " ")
    return [(lo + s, lo + e) for s, e in ev.scan_spans(pattern, _consequence_scanner(), blank)]


def _consequence_start(sent, pos: int, first_harm: int, last_harm: int) -> int:
    """Where a consequence that ends at ``pos`` begins: after the last comma, semicolon or
    colon before the first harm, or later, after a reporting frame that still leaves harm
    after it: "X warned (on Sunday) that ...", "X said ..." (not "X vowed to ...", where the
    vow is part of the threat)."""
    text = sent.text
    start = sent.a
    for m in _CLAUSE_PUNCT.finditer(text, sent.a, first_harm):
        start = m.end()
    for _vs, ve in ev.speech_spans(text, sent.a, pos):
        tm = _THAT_AFTER.match(text, ve, pos)
        if tm:
            cut = tm.end()
        elif ve <= first_harm and not _TO_AFTER.match(text, ve, pos):
            cut = ve
        else:
            continue
        if start < cut <= last_harm:
            start = cut
    while start < pos and text[start].isspace():
        start += 1
    return min(start, pos)


def _condition_actor(sent, lo: int, hi: int, threatener: str) -> str:
    """The first actor a condition is about, not a victim after against/on/at."""
    for m in sent.mentions:
        if lo <= m.start and m.end <= hi:
            if sent.prev_word(lo, m.start) in _VICTIM_PREPS:
                continue
            if _same_side(m.actor, threatener) or sent._is_modifier(m):
                continue
            return m.actor
    return ""


def _threatener(sent, harm) -> str:
    """Announcer before the first harm, else the first harm's doer, else the speaker."""
    if not harm:
        return sent.speaker
    first = harm[0]
    announcer = sent.announcer(first.start, sent.clauses[first.clause][0])
    if announcer:
        return announcer
    doer = next((c.source for c in harm if c.source), "")
    return doer or sent.speaker


def _same_side(a: str, b: str) -> bool:
    if not (a and b):
        return False
    if a == b:
        return True
    from .actors import bloc_of  # imported here: actors is a later step
    return bloc_of(a) == bloc_of(b)


def _target(harm, threatener: str) -> str:
    """The strongest target of the harmful acts that is not on the threatener's own side."""
    for c in sorted(harm, key=lambda c: (-c.target_strength, c.start)):
        if c.target and not _same_side(c.target, threatener):
            return c.target
    return ""


# Words a retaliation's act may end in before "in response to": "both operations came",
# "its attacks were", "they were" - the act is what comes before them.
_DANGLING = frozenset({"came", "come", "comes", "were", "was", "is", "are", "be", "been",
                       "being", "and", "but", "they", "it", "which", "that"})


def _trim_dangling(text: str) -> str:
    """The act of a retaliation without the verb and conjunctions that lead to "in
    response to".

    >>> _trim_dangling("These were self-defense strikes, and they were"), _trim_dangling("its attacks were")
    ('These were self-defense strikes', 'its attacks')
    """
    words = text.rstrip(" ,;").split(" ")
    while len(words) > 1 and words[-1].lower().strip(",;") in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(" ,;")


def _row(ctx, i, kind, threatener, target, condition, consequence, cue_start, cue_end):
    if target == threatener:
        target = ""
    if kind == "retaliation":
        consequence = _trim_dangling(consequence)
    a, b = ctx.spans[i]
    return (ctx.doc_id, i, kind, threatener, target, _clean(condition), _clean(consequence),
            ctx.text[a:b], ctx.text[cue_start:cue_end], cue_start, cue_end)


# --------------------------------------------------------------------------- the three kinds
def _condition_valid(sent, s: int, e: int) -> bool:
    """Positional checks for "should", "were", "once" and "the moment"."""
    text = sent.text
    word = _SPACES.sub(" ", text[s:e].lower())
    before = text[sent.a:s].rstrip(" \"'(")
    head = not before or before[-1] in ",;:" or before.lower().endswith(" that") \
        or before.lower().endswith(" and")
    if word == "should":  # inversion: "Should Israel launch ...", "... interests should Israel attack"
        return bool(_SUBJECT_AFTER.match(text, e, sent.b)) and \
            not _MODAL_SHOULD.match(text[e:sent.b])
    if word == "were":
        return head and bool(_INVERTED_WERE.match(text[e:sent.b]))
    if word in {"once", "the moment", "the minute"}:
        return bool(_CONJUNCTION_SUBJECT.match(text[e:sent.b]))
    return True


def _conditional(ctx, i, sent, cues, s, e, taken):
    text = sent.text
    end_m = _COND_END.search(text, e, sent.b)
    cond_end = end_m.start() if end_m else sent.b
    # condition first: "If X, Y"
    after_lo = end_m.end() if end_m else sent.b
    after_hi = max(after_lo, sent.attribution_start)  # ", Gallant warned." is no consequence
    harm_after = _harm(cues, after_lo, after_hi)
    words_after = _consequence_words(ctx, after_lo, after_hi)
    cond_first = bool(end_m) and text[end_m.start()] == "," and (harm_after or words_after)
    if cond_first:
        all_harm = []
        cons_lo = after_lo
        # a following "if"/"unless" or quote closes this consequence
        stop = _CONSEQUENCE_STOP.search(text[cons_lo:sent.b])
        cons_hi = cons_lo + stop.start() if stop else sent.b
        harm = _harm(cues, cons_lo, cons_hi)
        words = _consequence_words(ctx, cons_lo, cons_hi)
        consequence = _strip_attribution(text[cons_lo:cons_hi])
    else:
        harm = _harm(cues, sent.a, s)
        words = _consequence_words(ctx, sent.a, s)
        if not harm and not words:
            return None
        first = min([c.start for c in harm] + [w[0] for w in words])
        last = max([c.start for c in harm] + [w[0] for w in words])
        cons_lo, cons_hi = _consequence_start(sent, s, first, last), s
        all_harm = harm  # "warned Hezbollah that ...": the warning names the target
        harm = [c for c in harm if c.start >= cons_lo] or harm
        consequence = text[cons_lo:cons_hi]
    if not harm and not words:
        return None
    if taken and any(a <= s < b for a, b in taken):
        return None
    cons_text = text[cons_lo:cons_hi]
    marked = _THREAT_MARK.search(cons_text) or any(
        c.category == "threat" and c.row.subject == "patient" for c in harm)
    if not marked:
        return None
    first_harm = min([c.start for c in harm] + [w[0] for w in words])
    if _INDIRECT.search(text, cons_lo, first_harm) or _FORECAST.search(cons_text):
        return None
    if not harm and (_STOP_VERB.search(cons_text) or any(
            c.category == "deescalation" and c.modality != "negated" and cons_lo <= c.start < cons_hi
            for c in cues)):
        return None  # "operations would stop once the aggression ends": a promise, not a threat
    threatener = _threatener(sent, all_harm or harm)
    if not threatener or threatener == sent.speaker:
        doer = next((sent.subject_before(w0, cons_lo) for w0, _w1 in words
                     if sent.subject_before(w0, cons_lo)), "")
        threatener = (sent.announcer(first_harm) or doer or threatener) if not harm else (threatener or doer)
    target = _target(all_harm or harm, threatener) or _condition_actor(sent, s, cond_end, threatener)
    return _row(ctx, i, "conditional_threat", threatener, target, text[s:cond_end], consequence, s, e)


def _any_act(ctx, i, sent, cues, s, e, taken):
    """A conditional threat without a condition word: "Any attack on Iran will be met with a
    crushing response", "any aggression against Lebanon would trigger a regional war". The
    condition is the "any ..." phrase, the consequence what follows "will be met with" (it
    must name a harm). The threatener is who announces it (the speaker); the target an actor
    the condition names as the one who would act ("any Israeli attack"), not its object."""
    text = sent.text
    head = _ANY_ACT_HEAD.match(text, e)
    if head is None:
        return None
    e = head.end()
    hi = max(e, min(sent.b, sent.attribution_start))
    m = _MET_WITH.search(text, e, min(hi, e + ANY_ACT_REACH))
    if taken and any(a <= s < b for a, b in taken):
        return None
    if m is None:
        return _threat_for_any_act(ctx, i, sent, cues, s, e, hi)
    if _COND_END.search(text, e, m.start()) and text.find(";", e, m.start()) != -1:
        return None
    cons_lo, cons_hi = m.start() + 1, hi
    if not (_harm(cues, cons_lo, cons_hi) or _consequence_words(ctx, cons_lo, cons_hi)):
        return None
    threatener = sent.announcer(s) or sent.speaker or ""
    objects = _OBJECT_OF_ACT.search(text, e, m.start())
    obj_from = objects.start() if objects else m.start()
    target = next((x.actor for x in sent.mentions
                   if s <= x.start < obj_from and x.actor != threatener), "")
    return _row(ctx, i, "conditional_threat", threatener, target, text[s:m.start()],
                _strip_attribution(text[cons_lo:cons_hi]), s, e)


def _threat_for_any_act(ctx, i, sent, cues, s, e, hi):
    """The rule stated the other way round: a threat, then the acts it answers ("they would
    pay a heavy price for every attack on Israel", "the factions will respond to any
    aggression against Iraq"). "any"/"every" must follow for/to/against right after a
    threatened harm in its clause; the condition runs from "any" to the next comma."""
    text = sent.text
    if sent.word_before(s) not in _ANSWERS_TO:
        return None
    clause = sent.clause_of(s)
    harm = [c for c in _harm(cues, sent.clauses[clause][0], s)
            if c.category == "threat" or c.modality == "future"]
    if not harm:
        return None
    end_m = _COND_END.search(text, e, hi)
    cond_end = end_m.start() if end_m else hi
    first = min(c.start for c in harm)
    cons_lo = _consequence_start(sent, s, first, max(c.start for c in harm))
    threatener = _threatener(sent, harm) or sent.speaker or ""
    # the one who would act ("any Israeli attack"), else the threat's target, unless that is
    # the victim named in the condition ("any aggression against Iraq")
    target = _condition_actor(sent, s, cond_end, threatener) or _target(
        [c for c in harm if not (s <= _target_offset(sent, c) < cond_end)], threatener)
    consequence = text[cons_lo:s].rstrip()  # "... a heavy price for": drop the "for/to/against"
    consequence = consequence[:consequence.rfind(" ")] if " " in consequence else consequence
    but = consequence.rfind(" but ")
    if but != -1:
        consequence = consequence[but + 5:]  # "remain committed to the truce but will respond"
    return _row(ctx, i, "conditional_threat", threatener, target, text[s:cond_end].rstrip(" ,"),
                consequence, s, e)


def _target_offset(sent, cue) -> int:
    """Offset of the first mention of ``cue.target`` after the cue (-1 when none)."""
    return next((m.start for m in sent.mentions if m.actor == cue.target and m.start >= cue.end), -1)


# The word before "any"/"every" when the threat comes first: "a price for every attack".
_ANSWERS_TO = frozenset({"for", "to", "against"})
# Where the object of "any attack" begins ("on Iran", "against Lebanon").
_OBJECT_OF_ACT = re.compile(r"\b(?:on|against|targeting|upon|into|in)\b", re.IGNORECASE)


def _retaliation(ctx, i, sent, cues, s, e):
    text = sent.text
    end_m = _COND_END.search(text, e, sent.b)
    cond_end = end_m.start() if end_m else sent.b
    before = _harm(cues, sent.a, s)
    after = _harm(cues, cond_end, sent.b)
    words = _consequence_words(ctx, sent.a, s)  # "both operations came in response to"
    if before or words:
        group = [c for c in before if c.clause == before[-1].clause] if before else []
        starts = [c.start for c in group] + [w[0] for w in words]
        cons_lo = _consequence_start(sent, s, min(starts), max(starts))
        consequence = text[cons_lo:s]
    elif after:
        group = [c for c in after if c.clause == after[0].clause]
        consequence = _strip_attribution(text[(end_m.end() if end_m else cond_end):sent.b])
    else:
        return None
    condition = text[e:cond_end]
    if not condition.strip(_STRIP) and i > 0:
        # "In response, IDF jets struck ...": it answers what the sentence before reports
        condition = _clean(text[ctx.spans[i - 1][0]:ctx.spans[i - 1][1]])
    doer = next((c.source for c in group if c.source), "")
    if not group:  # a consequence word: its subject, else the speaker
        w0 = words[-1][0]
        doer = sent.subject_before(w0, sent.clauses[sent.clause_of(w0)][0]) or sent.speaker
        return _row(ctx, i, "retaliation", doer, "", condition, consequence, s, e)
    target = max(group, key=lambda c: (c.target_strength, -c.start)).target
    return _row(ctx, i, "retaliation", doer, target, condition, consequence, s, e)


def _deadline(text: str, a: int, b: int):
    """``_DEADLINE.search(text, a, b)``, skipped on ASCII text without any of its words.

    >>> t = "Leave within 48 hours."
    >>> _deadline(t, 0, len(t)).group(0), _deadline("Leave now.", 0, 10)
    ('within 48 hours', None)
    """
    part = text[a:b]
    if part.isascii():
        low = part.lower()
        for w in _DEADLINE_WORDS:
            if w in low:
                break
        else:
            return None
    return _DEADLINE.search(text, a, b)


def _ultimatum(ctx, i, sent, cues):
    text = sent.text
    dl = _deadline(text, sent.a, sent.b)
    if not dl:
        # no deadline: a demand with its alternative is an ultimatum too ("Washington must
        # withdraw its forces or face the consequences"); the alternative stands for the cue
        # and an actor and a harm after the alternative ("Students must register or else
        # lose their place" is none)
        orm = _OR_CONSEQUENCE.search(text, sent.a, sent.b)
        if orm is None or not sent.mentions or not _DEMAND_MODAL.search(text, sent.a, orm.start()):
            return None
        if not (_harm(cues, orm.start(), sent.b) or _consequence_words(ctx, orm.end(), sent.b)):
            return None
        dl = orm
    dm = _DEMAND.search(text, sent.a, sent.b)
    if not dm:
        return None
    harm = _harm(cues, sent.a, sent.b)
    if not harm and not _consequence_words(ctx, sent.a, sent.b) and not _COMPLY.search(text, sent.a, sent.b) \
            and not _OR_CONSEQUENCE.search(text, sent.a, sent.b):
        return None
    unless = _UNLESS.search(text[sent.a:sent.b])
    giver = _GIVER.search(text, sent.a, sent.b)
    addressee = _ADDRESSEE_VERB.search(text, sent.a, sent.b)
    target = threatener = ""
    if unless:
        u0 = sent.a + unless.start()
        end_m = _COND_END.search(text, u0, sent.b)
        c_end = end_m.start() if end_m else sent.b
        condition = text[u0:c_end]
        target = next((m.actor for m in sent.mentions if u0 <= m.start < c_end), "")
        if end_m and text[end_m.start()] == ",":
            consequence = _strip_attribution(text[end_m.end():sent.b])
        else:
            starts = [c.start for c in harm if c.start < u0] or [u0]
            consequence = text[_consequence_start(sent, u0, min(starts), max(starts)):u0]
        taken = (u0, c_end)
    else:
        lo = min(dm.start(), dl.start())
        orm = _OR_CONSEQUENCE.search(text, lo, sent.b)
        if orm:
            c_end = orm.start()
        else:
            end_m = _COND_END.search(text, max(dm.end(), dl.end()), sent.b)
            c_end = end_m.start() if end_m else sent.b
        condition = text[lo:c_end]
        consequence = _strip_attribution(text[orm.start():sent.b]) if orm else ""
        taken = (lo, c_end)
    if giver:
        k = sent.clause_of(giver.start())
        threatener = sent.subject_before(giver.start(), sent.clauses[k][0], adjacent_ok=False)
        if not target:
            nxt = [m for m in sent.mentions if giver.end() <= m.start
                   and sent.n_words(giver.end(), m.start) <= 2]
            target = nxt[0].actor if nxt else ""
    if not target and addressee:
        k = sent.clause_of(addressee.start())
        target = sent.subject_before(addressee.start(), sent.clauses[k][0], adjacent_ok=False)
    if not threatener:
        doers = [c.source for c in harm if c.source and c.source != target]
        threatener = sent.announcer(dl.start()) or (doers[0] if doers else "") or sent.speaker
    if not target:
        target = _target(harm, threatener)
    return _row(ctx, i, "ultimatum", threatener, target, condition, consequence,
                dl.start(), dl.end()), taken


def find_triggers(ctx) -> list[tuple]:
    """Rows of the ``triggers`` table for one document (columns: ``TABLE_COLUMNS["triggers"]``).

    A sentence seen before with the same actors, speaker and document date is taken from
    ``helpers.events.sentence_memo`` (see ``events.MEMO_SIZE``).
    """
    lookup, pattern, _cons = trigger_lexicon()
    text = ctx.text
    starts = [a for a, _b in ctx.spans]
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    for s, e in ev.scan_spans(pattern, _trigger_scanner(), text):
        role = lookup.get(_key(text[s:e]))
        if role in _SENTENCE_ROLES:
            i = max(0, bisect_right(starts, s) - 1)  # the sentence, as ctx.sentence_of(s)
            by_sentence.setdefault(i, []).append((s, e, role))
    memo = ev.sentence_memo() if ev.MEMO_SIZE > 0 else None
    rows = []
    for i, matches in sorted(by_sentence.items()):
        a, b = ctx.spans[i]
        if memo is None:  # memo off: nothing to look up or store
            found = _sentence_triggers(ctx, i, matches)
        else:
            found = ev.memoised(memo, ("triggers",) + ev.sentence_signature(ctx, i),
                                lambda i=i, matches=matches: _sentence_triggers(ctx, i, matches))
        sentence = ctx.text[a:b]
        rows.extend((ctx.doc_id, i) + r[:5] + (sentence, r[5], a + r[6], a + r[7]) for r in found)
    return rows


def _sentence_triggers(ctx, i: int, matches) -> tuple:
    """Trigger rows of sentence ``i`` without doc_id/sent_id/text, offsets relative to it."""
    sent, cues = ev.analyze_sentence(ctx, i)
    taken = []
    out = []
    if any(role == "ultimatum" for _s, _e, role in matches):
        found = _ultimatum(ctx, i, sent, cues)
        if found:
            out.append(found[0])
            taken.append(found[1])
    for s, e, role in matches:
        if role == "condition" and _condition_valid(sent, s, e):
            row = _conditional(ctx, i, sent, cues, s, e, taken)
        elif role == "retaliation":
            row = _retaliation(ctx, i, sent, cues, s, e)
        else:
            row = None
        if row:
            out.append(row)
    # a conditional threat names a party: "If the talks fail, the ministry will act" is none
    out = [r for r in out if r[2] != "conditional_threat" or r[3] or r[4]]
    if not out:  # "any attack ... will be met with" only when no other trigger covers it
        for s, e, role in matches:
            row = _any_act(ctx, i, sent, cues, s, e, taken) if role == "any_act" else None
            if row and (row[3] or row[4]):
                out.append(row)
                break
    a = sent.a
    return tuple(r[2:7] + (r[8], r[9] - a, r[10] - a) for r in out)
