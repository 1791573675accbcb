"""Clean a document and split it into paragraphs, sentences and tokens, keeping offsets.

Every span returned here is a pair of character offsets into the *cleaned* text, so
``clean[start:end]`` gives back the words. All later tables keep these offsets.

Steps:

1. ``normalize``: line breaks to ``\\n``; Unicode NFKC; one form of quotation marks
   (``"`` and ``'``), of dashes (``-``) and of spaces; invisible characters removed (zero-width
   joiners, which Persian needs, are kept); spaces collapsed; at most one blank line.
2. ``paragraphs``: blocks separated by a blank line.
3. ``sentence_spans``: inside a paragraph, a line without end punctuation (a headline, a
   heading such as "Iran's true intentions", a caption, a dateline) is a sentence of its own,
   unless the paragraph is hard-wrapped prose. Each line (or wrapped block) is split by NLTK's
   Punkt with this domain's abbreviations (``DOMAIN_ABBREVIATIONS``), so "U.S. Central
   Command" stays whole, and a closing quotation mark stays with its sentence. A segment whose
   every candidate boundary is a plain word followed by end punctuation is split directly (the
   result Punkt gives for such segments, checked by a test); the others are split as Punkt
   splits them, by Punkt's own steps with a quick answer for the common contexts ("U.S."
   before a lowercase word, "Oct." before a day) and Punkt's answer for the rest.
   A quotation ending in "?" or "!" followed by a lowercase attribution ("... ?" he asked) is
   not split.
4. ``tokens``: words (with inner hyphens and apostrophes) and punctuation marks.

>>> text = normalize("The U.S. Central Command said: “We struck.” Iran’s reply came.")
>>> [text[a:b] for a, b in sentence_spans(text)]
['The U.S. Central Command said: "We struck."', "Iran's reply came."]
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

import regex
from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

if TYPE_CHECKING:
    import pandas as pd

# Abbreviations Punkt must not split after (lowercase, without the final period). NLTK's
# Punkt has no trained model here (no nltk_data), so this list is its whole knowledge of
# abbreviations: titles and ranks common in news, months, and "U.S."-style initialisms.
DOMAIN_ABBREVIATIONS = frozenset(["u.s", "u.n", "u.k", "u.s.a", "e.u", "gen", "lt", "sen", "mr", "mrs", "ms", "dr", "no", "col", "maj", "capt", "sgt", "rep", "gov", "pres", "st", "brig", "adm", "cmdr", "cdr", "lt.col", "prof", "rev", "jr", "sr", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "vs", "approx", "a.m", "p.m", "mt", "ft", "sq", "est", "dept", "govt", "min"])

_QUOTE_MAP = {c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02"}
_QUOTE_MAP.update({c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u2039\u203a\uff07`\u00b4"})
_DASH_MAP = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
_SPACE_MAP = {c: " " for c in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
              "\u2007\u2008\u2009\u200a\u202f\u205f\u3000\x0b\x0c"}
_DROP = {c: None for c in "\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"}
_TRANSLATE = str.maketrans({**_QUOTE_MAP, **_DASH_MAP, **_SPACE_MAP, **_DROP})
# ``normalize`` also drops control characters (not tab, line feed, vertical tab, form feed
# and carriage return, which are mapped above or kept) in the same pass.
_CONTROL = {c: None for c in [*range(0x09), *range(0x0e, 0x20), *range(0x7f, 0xa0)]}
_TRANSLATE_DROP_CONTROL = {**_TRANSLATE, **_CONTROL}

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_END_PUNCT = re.compile(r"""[.!?:;]["')\]]*$|\.\.\.$""")
# A "sentence" longer than this (a list, a table, text without punctuation) is cut at the last
# space before the limit: every later step, and VADER, costs more than linearly in sentence
# length. News sentences are rarely over 400 characters; 600 leaves room for long ones.
MAX_SENTENCE_CHARS = 600
# A paragraph counts as hard-wrapped prose when it has at least three lines and most of them
# are "full" and end without punctuation. A line is full when it is at least WRAP_MIN_LINE
# characters long, or, in a paragraph whose longest line is shorter (text wrapped at 40-55
# columns), at least WRAP_FULL_RATIO of that longest line and WRAP_FLOOR characters: a
# wrapped line rarely falls far short of the wrap width, while headings, bylines and list
# items are short lines of uneven length. A paragraph that opens with a list marker, or has
# two lines that do, is a list, not wrapped prose.
WRAP_MIN_LINE = 50
WRAP_FULL_RATIO = 0.6
WRAP_FLOOR = 30
_LIST_ITEM = re.compile(r"\s*(?:[-*\u2022\u25aa\u25cf]|\d{1,3}[.)])\s")

_PUNKT_PARAMS = PunktParameters()
_PUNKT_PARAMS.abbrev_types = set(DOMAIN_ABBREVIATIONS)
PUNKT = PunktSentenceTokenizer(_PUNKT_PARAMS)

# Candidate boundary: end punctuation (group 1), optional closing quotes/brackets, whitespace
# or the end, and the first character of the next token (2). "[.!?][.!?]*" rather than
# "[.!?]+": a pattern that opens with a character set lets ``re`` skip ahead to the next
# mark instead of trying every position (twice as fast).
_CANDIDATE = re.compile(r"""([.!?][.!?]*)["')\]]*(?=\s|$)(?=\s*(\S?))""")
_OPENERS = "\"'([{"
# Punkt's own patterns and constants (compiled with ``regex``, the engine NLTK uses), for
# ``_punkt_equivalent_spans``.
_PUNKT_VARS = PunktLanguageVars()
_PERIOD_CONTEXT = regex.compile(_PUNKT_VARS.period_context_re().pattern,
                                _PUNKT_VARS.period_context_re().flags)
_REALIGN = regex.compile(_PUNKT_VARS.re_boundary_realignment.pattern,
                         _PUNKT_VARS.re_boundary_realignment.flags)
_CLOSERS = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")  # what _REALIGN can start with
# Punkt's word-before search counts string.whitespace (" \t\n\r\x0b\x0c") as spaces
_OTHER_WHITESPACE = re.compile(r"[\t\r\x0b\x0c]")
_PUNKT_PUNCTUATION = PunktSentenceTokenizer.PUNCTUATION
_SENT_END_INSIDE = re.compile(r"[.!?](?=.)", re.DOTALL)
_PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]$")
_QUOTE_END_LOWER = re.compile(r"""[?!]["']$""")
_TOKEN = re.compile(r"\w+(?:['-]\w+)*|[^\w\s]", re.UNICODE)


def normalize(text: str) -> str:
    """Normalise a document's text (see the module steps).

    >>> normalize("Kata\u2019ib\u00a0Hezbollah \u2014 \u201cno\u201d\\r\\n\\n\\n\\nnext\u2026")
    'Kata\\'ib Hezbollah - "no"\\n\\nnext...'
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE_DROP_CONTROL)
    # str.replace in a loop: a C scan, where a regex such as " {2,}" costs more than all
    # the steps above together on text that has nothing to replace
    while "  " in text:
        text = text.replace("  ", " ")
    text = text.replace(" \n", "\n").replace("\n ", "\n")  # single spaces now
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs (blocks separated by a blank line).

    >>> paragraphs("One.\\n\\nTwo. Three.")
    [(0, 4), (6, 17)]
    """
    spans, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _hard_wrapped(lines: list[str]) -> bool:
    """True when a paragraph's lines (three or more) read as prose wrapped at a fixed width:
    at least 60 % of the lines before the last are full and end without punctuation, and the
    paragraph is not a list (its first line, or two of its lines, open with a list marker).

    >>> _hard_wrapped(["Kataib Hezbollah said on Monday that its fighters", "would keep up attacks on",
    ...                "American bases in Iraq and Syria until the war", "in Gaza ends."])
    True
    >>> _hard_wrapped(["Iran's true intentions", "By a staff writer", "Baghdad"])
    False
    >>> _hard_wrapped(["- Kataib Hezbollah claimed the drone attack on Tower 22",
    ...                "- the Islamic Resistance in Iraq claimed three more attacks",
    ...                "- the Pentagon blamed Iran-backed militias"])
    False
    """
    items = [bool(_LIST_ITEM.match(ln)) for ln in lines]
    if items[0] or sum(items) >= 2:  # a list (one wrapped line may open with "28. ")
        return False
    body = lines[:-1]
    widest = max(len(ln) for ln in lines)
    full = min(WRAP_MIN_LINE, max(WRAP_FLOOR, WRAP_FULL_RATIO * widest))
    wrapped = sum(1 for ln in body if len(ln) >= full and not _END_PUNCT.search(ln))
    return wrapped >= max(2, 0.6 * len(body))


def _line_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a paragraph into segments: lines without end punctuation stand alone unless the
    paragraph is hard-wrapped prose."""
    if text.find("\n", start, end) < 0:
        return [(start, end)]
    block = text[start:end]
    lines, pos = [], start
    for line in block.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    if len(lines) >= 3 and _hard_wrapped([text[a:b] for a, b in lines]):
        return [(start, end)]
    segments: list[tuple[int, int]] = []
    seg_start = lines[0][0]
    for i, (a, b) in enumerate(lines):
        last = i == len(lines) - 1
        line = text[a:b]
        nxt = text[lines[i + 1][0]:lines[i + 1][1]] if not last else ""
        continues = bool(nxt[:1].islower()) and not _END_PUNCT.search(line)
        if last or not continues:
            if text[seg_start:b].strip():
                segments.append((seg_start, b))
            if not last:
                seg_start = lines[i + 1][0]
    return segments


_NUMBER = re.compile(r"-?[.,]?\d[\d,.-]*$")
_INITIAL = re.compile(r"[^\W\d]$")


def _decide(word: str, punct: str, nxt: str):
    """What untrained Punkt decides at a candidate boundary, where that is certain:
    True (split), False (no split) or None (ask Punkt). ``word`` is the text before the
    end punctuation, ``nxt`` the first character of the next token.

    With no trained parameters Punkt splits after "?" and "!" and after a plain word and "."
    (even before a lowercase word); before a capitalised word it does not split after a
    listed abbreviation or an initial, and does split after a number. Other cases go to
    Punkt (a test checks that the two agree on random sequences of such tokens).

    >>> _decide("attacks", ".", "T"), _decide("U.S", ".", "C"), _decide("U.S", ".", "t")
    (True, False, None)
    """
    if "." not in punct:
        return True
    if len(punct) > 1 or not word or word[0] in _OPENERS:
        return None
    low = word.lower()
    plain = word.isalpha() and word.isascii() and len(word) > 1 or _PLAIN_WORD.match(word)
    if plain and low not in DOMAIN_ABBREVIATIONS:
        return True
    if not nxt.isupper():
        return None  # Punkt's choices before lowercase, digits and quotes have quirks
    if low in DOMAIN_ABBREVIATIONS or _INITIAL.match(word):
        return False  # "U.S. Central Command", "John F. Kennedy"
    if _NUMBER.match(word):
        return True
    return None


def _punkt_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of the segment ``text[start:end]`` (offsets into ``text``).

    A segment where ``_decide`` settles every candidate boundary is cut at the boundaries it
    splits; any other segment is split as Punkt splits it (``_punkt_equivalent_spans``).

    >>> t = "Iran warned. The U.S. Central Command replied."
    >>> [t[a:b] for a, b in _punkt_spans(t, 0, len(t))]
    ['Iran warned.', 'The U.S. Central Command replied.']
    """
    spans = []
    prev = start
    multiline = text.find("\n", start, end) >= 0
    for m in _CANDIDATE.finditer(text, start, end):
        punct_start = m.start()
        word_start = max(start, text.rfind(" ", start, punct_start) + 1)
        if multiline:
            word_start = max(word_start, text.rfind("\n", start, punct_start) + 1)
        punct, nxt = m.group(1, 2)
        decision = _decide(text[word_start:punct_start], punct, nxt)
        if decision is None:
            return [(start + a, start + b) for a, b in _punkt_equivalent_spans(text[start:end])]
        if decision:
            spans.append((prev, m.end()))
            prev = m.start(2)
    if prev < end and (spans or not text[start:end].isspace()):
        spans.append((prev, end))
    return spans


def _punkt_equivalent_spans(segment: str) -> list[tuple[int, int]]:
    """``PUNKT.span_tokenize(segment)``, computed faster.

    The same steps as NLTK's ``PunktSentenceTokenizer`` (``_match_potential_end_contexts``,
    ``_slices_from_text``, ``_realign_boundaries``, with its own regular expressions); only
    the question "does this context hold a sentence break?" is answered by
    ``_context_breaks`` where the answer is certain, and by Punkt itself otherwise.

    >>> s = "The U.S. troops left on Oct. 18. They came back."
    >>> _punkt_equivalent_spans(s) == list(PUNKT.span_tokenize(s))
    True
    """
    slices = []
    last_break = 0
    for match, word_start, word_end in _potential_end_contexts(segment):
        after_tok, next_tok = match.groups()
        breaks = _context_breaks(segment[word_start:word_end], match.group(), after_tok, next_tok)
        if breaks is None:
            context = segment[word_start:word_end] + match.group() + after_tok
            breaks = PUNKT.text_contains_sentbreak(context)
        if breaks:
            slices.append((last_break, match.end()))
            last_break = match.start("next_tok") if next_tok else match.end()
    slices.append((last_break, len(segment.rstrip())))
    return _realign_boundaries(segment, slices)


def _potential_end_contexts(segment: str):
    """Punkt's candidate boundaries: each match of its period-context pattern with the span
    of the word before it (a match whose word overlaps the next one's is dropped, as Punkt
    drops it)."""
    previous = None
    previous_start = previous_stop = 0
    other_spaces = bool(_OTHER_WHITESPACE.search(segment))
    for match in _PERIOD_CONTEXT.finditer(segment):
        space = max(segment.rfind(" ", previous_stop, match.start()),
                    segment.rfind("\n", previous_stop, match.start()))
        if other_spaces:
            space = max(space, *(segment.rfind(c, previous_stop, match.start()) for c in "\t\r\x0b\x0c"))
        word_start = space + 1 if space > previous_stop else previous_start
        if previous is not None and previous_stop <= word_start:
            yield previous, previous_start, previous_stop
        previous, previous_start, previous_stop = match, word_start, match.start()
    if previous is not None:
        yield previous, previous_start, previous_stop


def _context_breaks(word: str, mark: str, after_tok: str, next_tok: str | None):
    """Whether untrained Punkt finds a sentence break in the context ``word + mark +
    after_tok`` (``PUNKT.text_contains_sentbreak``), where that is certain; None otherwise.

    Punkt breaks where a token marked as a break is followed by another token. "?" and "!"
    are such tokens, and so is ``word.`` for a plain word. After a listed abbreviation there
    is no break; after an initial, none before punctuation, a lowercase or a capitalised
    word; after a number, none before punctuation or a lowercase word. Those three answers
    need a next token with no "." "?" "!" before its last character (else it may hold a
    break of its own).

    >>> _context_breaks("U.S", ".", " troops", "troops"), _context_breaks("Oct", ".", " 18,", "18,")
    (False, False)
    >>> _context_breaks("U.S", ".", ' troops."', 'troops."') is None
    True
    """
    if mark != ".":
        return True
    if not word.isascii():
        return None
    if word.lower() in DOMAIN_ABBREVIATIONS:
        kind = "abbreviation"
    elif word.isalpha():
        if len(word) > 1:
            return True
        kind = "initial"
    elif word.isdigit():
        kind = "number"
    else:
        return None
    if next_tok is None:  # one punctuation mark, the last token of the context
        first, punctuation_next = after_tok, after_tok in _PUNKT_PUNCTUATION
    elif _SENT_END_INSIDE.search(next_tok):
        return None
    else:
        first = next_tok[0]
        punctuation_next = first in ",;:" or next_tok in _PUNKT_PUNCTUATION
    if kind == "abbreviation" or punctuation_next:
        return False
    if kind == "initial":
        return not (first.islower() or first.isupper())
    return not first.islower()


def _realign_boundaries(segment: str, slices: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Punkt's ``_realign_boundaries``: closing quotes or brackets at the start of a slice
    move to the end of the slice before."""
    out = []
    realign = 0
    for i, (start, stop) in enumerate(slices):
        start += realign
        if i + 1 == len(slices):
            if start < stop:
                out.append((start, stop))
            break
        next_start, next_stop = slices[i + 1]
        m = None
        if next_start < next_stop and segment[next_start] in _CLOSERS:
            m = _REALIGN.match(segment[next_start:next_stop])
        if m:
            out.append((start, next_start + len(m.group(0).rstrip())))
            realign = m.end()
        else:
            realign = 0
            if start < stop:
                out.append((start, stop))
    return out


def _merge_quote_attributions(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join ``"...?" he asked`` pieces: a quote ending in ? or ! followed by lowercase."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and text[a:a + 1].islower() and _QUOTE_END_LOWER.search(text, *out[-1]):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


_LIST_NUMBER = re.compile(r"\s*\(?\d{1,3}[.)]\s*")


def _merge_list_numbers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a piece that is only a list number ("1." or "2)") to the item it opens, when
    the item follows on the same line.

    >>> t = "1. Kataib Hezbollah claimed it. 2. Nujaba denied it."
    >>> [t[a:b] for a, b in _merge_list_numbers(t, [(0, 2), (3, 31), (32, 34), (35, 52)])]
    ['1. Kataib Hezbollah claimed it.', '2. Nujaba denied it.']
    """
    out: list[tuple[int, int]] = []
    pending = None
    for a, b in spans:
        if pending is not None and "\n" not in text[pending[1]:a]:
            a = pending[0]
        elif pending is not None:
            out.append(pending)
        pending = None
        if _LIST_NUMBER.fullmatch(text, a, b):
            pending = (a, b)
        else:
            out.append((a, b))
    if pending is not None:
        out.append(pending)
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a cleaned text (see the module steps).

    >>> t = "Iran's true intentions\\n\\nIran wants calm. The U.S. Central Command disagrees."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ["Iran's true intentions", 'Iran wants calm.', 'The U.S. Central Command disagrees.']
    """
    spans: list[tuple[int, int]] = []
    # a segment that joins lines (wrapped prose) is split with its line breaks read as
    # spaces ("on Jan.\n28." is one date); same length, so offsets are unchanged
    flat = text.replace("\n", " ")
    for p_start, p_end in paragraphs(text):
        for s_start, s_end in _line_segments(text, p_start, p_end):
            spans.extend(_punkt_spans(flat, s_start, s_end))
    spans = _merge_list_numbers(text, _merge_quote_attributions(text, spans))
    # strip surrounding whitespace so every span slices exactly the sentence
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b - a > MAX_SENTENCE_CHARS:
            out.extend(_cut_long(text, a, b))
        elif a < b:
            out.append((a, b))
    return out


def _cut_long(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut an over-long span into pieces of at most MAX_SENTENCE_CHARS at whitespace.

    >>> t = "word " * 300
    >>> max(b - a for a, b in _cut_long(t, 0, len(t) - 1)) <= MAX_SENTENCE_CHARS
    True
    """
    pieces = []
    while b - a > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", a + 1, a + MAX_SENTENCE_CHARS)
        if cut <= a:
            cut = a + MAX_SENTENCE_CHARS  # no space at all: cut anyway
        end = cut
        while end > a and text[end - 1].isspace():
            end -= 1
        if end > a:
            pieces.append((a, end))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if a < b:
        pieces.append((a, b))
    return pieces


def paragraph_index(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """For each span, the number of the paragraph it starts in (0-based)."""
    paras = paragraphs(text)
    out, j = [], 0
    for a, _b in spans:
        while j + 1 < len(paras) and paras[j + 1][0] <= a:
            j += 1
        out.append(j)
    return out


def tokens(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens with offsets.

    >>> tokens("Kata'ib Hezbollah's drones.")
    [(0, 7, "Kata'ib"), (8, 19, "Hezbollah's"), (20, 26, 'drones'), (26, 27, '.')]
    """
    return [(m.start() + offset, m.end() + offset, m.group(0)) for m in _TOKEN.finditer(text)]


def word_count(text: str) -> int:
    """Number of word tokens (for rates per 1,000 words).

    >>> word_count("Two rockets, one drone.")
    4
    """
    return sum(1 for m in _TOKEN.finditer(text) if m.group(0)[0].isalnum() or m.group(0)[0] == "_")


def normalization_report(raw: str) -> pd.DataFrame:
    """What ``normalize`` changes in a text: one row per changed character with its count.

    >>> normalization_report("\u201cHi\u201d \u2014 ok")[["char", "becomes", "count"]].values.tolist()
    [['\u2014', '-', 1], ['\u201c', '"', 1], ['\u201d', '"', 1]]
    """
    import collections

    import pandas as pd

    counts: collections.Counter = collections.Counter()
    for ch in raw:
        if ch in "\n ":
            continue
        new = unicodedata.normalize("NFKC", ch).translate(_TRANSLATE)
        if new != ch:
            counts[(ch, new)] += 1
    rows = [(ch, unicodedata.name(ch, hex(ord(ch))), new, n) for (ch, new), n in counts.items()]
    rows.sort(key=lambda r: (-r[3], r[0]))
    return pd.DataFrame(rows, columns=["char", "name", "becomes", "count"])


def split_text(text: str) -> list[str]:
    """Normalise a text and return its sentences as strings (for notebooks and quick checks).

    >>> split_text("Iran warned. The U.S. Central Command replied.")
    ['Iran warned.', 'The U.S. Central Command replied.']
    """
    clean = normalize(text)
    return [clean[a:b] for a, b in sentence_spans(clean)]
