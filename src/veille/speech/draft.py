"""A statement in the making, and the constants the statement finder's parts share."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..record import Actor, DateValue

COMPLEMENT_WINDOW = 20  # tokens after a cue where its "que", colon or infinitive may stand
QUOTE_CLOSERS = ("»", "”", '"')
SKIP_BEFORE_SPEAKER = ("ADV", "PUNCT", "SPACE", "DET", "ADP", "AUX", "SCONJ", "CCONJ")


@dataclass(slots=True)
class Draft:
    lemma: str
    cue_lo: int  # token range of the cue words (auxiliary included)
    cue_hi: int
    kind: str = "indirect"
    speaker: Actor | None = None
    speaker_lo: int = -1  # token range of the speaker's words, when written
    speaker_hi: int = -1
    speaker_name: str | None = None  # when several actors speak together
    content: tuple[int, int] | None = None  # clean-text characters
    act: str | None = None
    date: DateValue | None = None
    channel: bool = False
    responds: bool = False  # "..., ce que X dément": X answers the clause, it does not relay it
    # what it says is another statement ("des sources affirment que l'armée a affirmé ...") or
    # that statement's clause ("..., ce que X dément"): the record gives it no content of its own,
    # so that two statements never stand over the same words; its evidence is its attribution
    says_statement: bool = False
    attribution: tuple[int, int] | None = None  # clean characters of "X affirme que", "ce que X dément"
    source_chain: list[str] = field(default_factory=list)
    dropped: bool = False
