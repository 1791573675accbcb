"""The per-document working state that every analysis step reads and adds to.

``DocContext`` holds one document's cleaned text, its sentence spans and what earlier steps
found (mentions, quotes, speakers). Steps run in one direction: clean → mentions → quotes
and speakers → roles, events, triggers → stance. Each step is a function of the context that
returns rows for its table; none edits what an earlier step found, except that
``actors.find_quotes`` fills the per-sentence ``speakers`` and ``cited`` lists.

Offsets are always into ``ctx.text`` (the cleaned document), never into a sentence.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class Mention:
    """One actor mention. ``via`` says how it was found: alias, abbreviation, adjective,
    pejorative, context (an ambiguous name resolved by context) or coref (a pronoun or
    "the group" taking the actor just named)."""

    start: int
    end: int
    actor: str
    surface: str
    sent: int
    pejorative: bool = False
    via: str = "alias"


@dataclass(slots=True)
class Quote:
    """A quotation: ``start``/``end`` cover the quoted words without the marks."""

    start: int
    end: int
    sent: int
    speaker: str
    cited: str = ""
    kind: str = "speech"  # speech or scare


@dataclass
class DocContext:
    doc_id: str
    text: str
    spans: list
    date: dt.date | None = None
    source: str = ""
    paragraphs: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    speakers: list = field(default_factory=list)
    cited: list = field(default_factory=list)
    _starts: list = field(default_factory=list, repr=False)
    _by_sentence: dict | None = field(default=None, repr=False)
    _mention_starts: list = field(default_factory=list, repr=False)

    def __post_init__(self):
        self._starts = [a for a, _b in self.spans]
        if not self.speakers:
            self.speakers = ["author"] * len(self.spans)
            self.cited = [""] * len(self.spans)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence that contains ``offset`` (the previous one in a gap)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def sentence_text(self, i: int) -> str:
        a, b = self.spans[i]
        return self.text[a:b]

    def mentions_in(self, i: int) -> list:
        """Mentions inside sentence ``i``, in order."""
        if self._by_sentence is None:
            by: dict[int, list] = {}
            for m in self.mentions:
                by.setdefault(m.sent, []).append(m)
            self._by_sentence = by
        return self._by_sentence.get(i, [])

    def set_mentions(self, mentions: list) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end, m.actor))
        self._by_sentence = None
        self._mention_starts = [m.start for m in self.mentions]

    def mentions_between(self, start: int, end: int) -> list:
        """Mentions lying inside text[start:end], found by bisection."""
        starts = self._mention_starts
        if len(starts) != len(self.mentions):
            starts = self._mention_starts = [m.start for m in self.mentions]
        i = bisect.bisect_left(starts, start)
        out = []
        while i < len(starts) and starts[i] < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out
