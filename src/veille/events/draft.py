"""An event being read, and the tags and families the events stage shares among its parts."""
from __future__ import annotations

from dataclasses import dataclass, field

from .arguments import Arg
from .lexicon import Sense
from .when import Dated

NOMINAL = ("NOUN", "PROPN")
FACTUAL = frozenset({"asserted", "claimed", "reported"})
ARG_DEPS = ("obj", "iobj", "obl", "obl:arg", "obl:mod", "nsubj:pass", "xcomp")
REMOTE = frozenset({"air_strike", "shelling", "explosive", "suicide_bomb", "grenade", "chemical"})
SPECIFIC = frozenset({"massacre", "assassination", "abduction", "sexual_violence", "civilian_attack", "capture",
                      "recapture", "mob", "offensive", "siege"})


@dataclass(eq=False)
class Draft:
    """An event being read: its words, then its attributes."""
    trigger: object  # spaCy Token: the verb, or the event noun
    host: object  # the verb whose clause states it (the trigger, or the verb governing the noun)
    family: str
    verbal: bool
    sent: object
    noun: object = None  # the event noun of a support verb, or the noun trigger itself
    sense: Sense | None = None
    title: bool = False
    actor1: Arg | None = None
    actor2: Arg | None = None
    assoc1: Arg | None = None  # an actor coordinated with actor1 (ACLED's assoc_actor_1)
    patient: object = None  # who a killing verb hits (for the death toll)
    lethal: bool = False
    only_part: bool = False  # a noun in "lors de ...": it joins the clause's event or nothing
    sentence_toll: int | None = None  # the dead counted in its sentence, when it tells no other violence
    day_before: object = None  # "au lendemain d'un attentat": the verb whose day this event came before
    parts: list["Draft"] = field(default_factory=list)
    # filled when the event is built
    place: int | None = None
    place_from: str = "far"  # "clause": the event's own words name it; "near", "far": guessed
    dated: Dated | None = None
    fatalities: int | None = None
    evidence: tuple[int, int] | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
