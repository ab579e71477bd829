"""Quotations in the clean text: « », “ ”, "...", and blocks whose marks the scraper stripped.

A quotation is a clean-text character range [start, end) that includes its marks. An opening «
without its closing mark runs to the end of its block (French copy often closes a quotation
only at the end of the paragraph, or the scraper lost the mark).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

PAIRS = {"«": "»", "“": "”", "„": "”"}
STRAIGHT = '"'


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # the opening mark
    end: int  # after the closing mark (or the block end)
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words, without the marks and the spaces next to them."""
        return self.start + 1, self.end - 1 if self.closed else self.end


def find_quotes(text: str, blocks) -> list[Quote]:
    """Every quotation, block by block, in order."""
    out: list[Quote] = []
    for b in blocks or [_Whole(len(text))]:
        out.extend(_block_quotes(text, b.start, b.end))
    return out


class _Whole:
    def __init__(self, n: int) -> None:
        self.start, self.end = 0, n


MARKS = re.compile('[«»“”„"]')


def _block_quotes(text: str, start: int, end: int) -> list[Quote]:
    out: list[Quote] = []
    open_at: int | None = None
    closer = ""
    depth = 0
    for m in MARKS.finditer(text, start, end):  # only the marks, not every character
        i = m.start()
        ch = text[i]
        if open_at is None:
            if ch in PAIRS:
                open_at, closer, depth = i, PAIRS[ch], 1
            elif ch == STRAIGHT:
                open_at, closer, depth = i, STRAIGHT, 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                out.append(Quote(open_at, i + 1, True))
                open_at = None
        elif closer != STRAIGHT and ch in PAIRS and PAIRS[ch] == closer:
            depth += 1  # « ... « ... » ... »: a quotation inside a quotation
    if open_at is not None and end - open_at > 2:
        out.append(Quote(open_at, end, False))
    return out


class QuoteIndex:
    """Which quotation holds a position, which one ends just before a position."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self._starts = [q.start for q in quotes]

    def at(self, pos: int) -> Quote | None:
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end:
            return self.quotes[i]
        return None

    def ending_before(self, pos: int, text: str, *, gap: str = " ,\u00a0\u202f\t") -> Quote | None:
        """The quotation whose closing mark comes right before ``pos``, across spaces and commas."""
        j = pos
        while j > 0 and text[j - 1] in gap:
            j -= 1
        i = bisect_right(self._starts, j - 1) - 1
        if i >= 0 and self.quotes[i].closed and self.quotes[i].end == j:
            return self.quotes[i]
        return None

    def starting_after(self, pos: int, text: str, *, gap: str = " :\u00a0\u202f\t\n") -> Quote | None:
        """The quotation that opens right after ``pos``, across spaces, a colon and a line break
        ("Il a déclaré :" closing a paragraph, the quotation opening the next)."""
        j = pos
        while j < len(text) and text[j] in gap:
            j += 1
        i = bisect_right(self._starts, j) - 1
        if i >= 0 and self.quotes[i].start == j:
            return self.quotes[i]
        return None

    def within(self, start: int, end: int) -> list[Quote]:
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self.quotes) and self.quotes[i].start < end:
            out.append(self.quotes[i])
            i += 1
        return out
