"""The working document that flows through the stages; each stage fills only its own part.

The repaired text (``clean_text``) is built from pieces of the raw text. ``OffsetMap`` keeps, for
each piece, where it came from, so that any span of the clean text maps back to the raw text.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Any

from .record import Actor, Event, Place, Span, Statement
from .tokenview import TokenView


class OffsetMap:
    """Clean-text offsets to raw-text offsets.

    The clean text is a concatenation of segments; a segment is either a run of raw characters
    copied verbatim or one character standing for a raw character (a newline turned into a
    space when a broken line is re-joined). Both map one clean character to one raw character.
    """

    __slots__ = ("_clean_starts", "_raw_starts", "_lengths", "_length")

    def __init__(self) -> None:
        self._clean_starts: list[int] = []
        self._raw_starts: list[int] = []
        self._lengths: list[int] = []
        self._length = 0

    def add(self, raw_start: int, length: int) -> None:
        """Append ``length`` clean characters that come from ``raw[raw_start:raw_start+length]``."""
        if length <= 0:
            return
        if self._lengths and self._raw_starts[-1] + self._lengths[-1] == raw_start:
            self._lengths[-1] += length  # contiguous with the previous segment
        else:
            self._clean_starts.append(self._length)
            self._raw_starts.append(raw_start)
            self._lengths.append(length)
        self._length += length

    def __len__(self) -> int:
        return self._length

    def to_raw(self, pos: int) -> int:
        """The raw offset of clean character ``pos``."""
        i = bisect_right(self._clean_starts, pos) - 1
        return self._raw_starts[i] + (pos - self._clean_starts[i])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A clean span [start, end) as a raw span: from the first character to the last."""
        if end <= start:
            raw = self.to_raw(start) if start < self._length else self.to_raw(self._length - 1) + 1
            return raw, raw
        return self.to_raw(start), self.to_raw(end - 1) + 1


@dataclass(slots=True)
class Block:
    """A block of the repaired text: a title, a heading or a paragraph, in clean offsets.

    ``quote`` marks the traces the scraper left when it stripped quotation marks:
    ``"end"``: the block ended with a lone "." line, a closing quote mark was lost;
    ``"whole"``: the next block is an attribution ("a déclaré X, ..."), this block is the quote;
    ``"attribution"``: this block is that attribution line.
    """
    kind: str
    start: int
    end: int
    quote: str | None = None


def _start(span: Span) -> int:
    return span.start


@dataclass(slots=True)
class Doc:
    raw: str
    source: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # title, published, url, outlet, encoding
    # repair
    clean_text: str = ""
    offsets: OffsetMap | None = None
    blocks: list[Block] = field(default_factory=list)
    credits: dict[str, list[str]] = field(default_factory=lambda: {"photos": [], "sources": []})
    removed: list[dict[str, Any]] = field(default_factory=list)
    # language
    language: str | None = None
    # parse
    parsed: Any = None  # spacy.tokens.Doc over clean_text
    tokens: TokenView | None = None  # the parse as plain per-token lists, read once (veille.tokenview)
    # extraction stages
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # what a stage leaves for a later one, in clean-text offsets (declared in the stages' SETS
    # and NEEDS, checked by veille.pipeline.check):
    place_mentions: list[tuple[int, int, int]] = field(default_factory=list)  # places: (start, end, place index)
    sites: list[dict[str, Any]] = field(default_factory=list)  # places: named sites no gazetteer holds
    actor_mentions: list[tuple[int, int, str]] = field(default_factory=list)  # actors: (start, end, actor id)
    quotes: list[Any] = field(default_factory=list)  # actors: quotations (speech.quotes)
    actor_book: Any = None  # actors: the book that finds or adds a speaker's actor (speech.actorbook)
    statement_content: list[tuple[int, int, int]] = field(default_factory=list)  # statements: what each says
    statement_cues: list[tuple[int, int, int]] = field(default_factory=list)  # statements: each cue's words
    speaker_actors: list[Actor] = field(default_factory=list)  # statements: speakers the actors stage did not know
    speaker_mentions: list[tuple[int, int, str]] = field(default_factory=list)  # statements: (start, end, actor id)

    def all_actors(self) -> list[Actor]:
        """The document's actors: the actors stage's, each with the speaker mentions the
        statements stage found of it, then the speakers that stage added; in order of first
        mention, as one actor book would list them (mention starts never repeat: mentions do
        not overlap). The actors stage's list and actors are left as they are."""
        spoken: dict[str, list[Span]] = {}
        for start, end, aid in self.speaker_mentions:
            spoken.setdefault(aid, []).append(self.raw_span(start, end))
        out = [a if a.id not in spoken else replace(a, mentions=sorted(a.mentions + spoken[a.id], key=_start))
               for a in self.actors]
        out += self.speaker_actors  # their own mentions hold their speaker mentions already
        out.sort(key=lambda a: a.mentions[0].start)
        return out

    def all_actor_mentions(self) -> list[tuple[int, int, str]]:
        """(clean_start, clean_end, actor id) of the actors stage's and the statements stage's
        mentions together, sorted by start: the ids are those of ``all_actors``."""
        return sorted(self.actor_mentions + self.speaker_mentions)

    def raw_span(self, start: int, end: int) -> Span:
        """A span of the clean text, as a Span of the raw text."""
        if self.offsets is None:
            return Span.of(self.raw, start, end)
        rs, re_ = self.offsets.span(start, end)
        return Span.of(self.raw, rs, re_)

    def span_of(self, item: Any) -> Span:
        """A spaCy Token or Span as a raw Span."""
        if hasattr(item, "start_char"):
            return self.raw_span(item.start_char, item.end_char)
        return self.raw_span(item.idx, item.idx + len(item.text))
