"""The document record: typed results inside the code, plain dicts only at the JSON edge.

Field names follow ``shared/spec/record.md`` (the scorer reads them). Every span indexes the
**raw** text: ``raw[span.start:span.end] == span.text``.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

from .taxonomy import Modality, check_event, check_statement


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, raw: str, start: int, end: int) -> "Span":
        return cls(start, end, raw[start:end])


@dataclass(frozen=True, slots=True)
class DateValue:
    """A normalised date: a day, or a range with its precision (week, month, year)."""
    start: str
    end: str
    precision: str  # "day" | "week" | "month" | "year"
    text: str | None = None  # the words it was read from


@dataclass(slots=True)
class Place:
    name: str
    geonameid: int | None
    kind: str  # "country" | "admin1" | "city" | "site" | "region"
    country_code: str | None
    lat: float | None
    lon: float | None
    mentions: list[Span] = field(default_factory=list)
    population: int | None = None

    def ref(self) -> dict[str, Any]:
        """The short form an event carries."""
        return {"name": self.name, "geonameid": self.geonameid, "country_code": self.country_code,
                "lat": self.lat, "lon": self.lon, "kind": self.kind}


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: str  # state, government, military, ministry, armed_group, person, media, organization, group
    country_code: str | None = None
    role: str | None = None
    mentions: list[Span] = field(default_factory=list)
    provisional: bool = False  # not in the actor list: kept from the parser's entities


@dataclass(slots=True)
class Statement:
    speaker: str
    speaker_actor: str | None
    cue: str
    kind: str  # a taxonomy.StatementKind: "direct" | "indirect" | "mixed" | "according_to"
    content: Span | None
    evidence: Span
    act: str | None = None  # a taxonomy.Plover verbal act
    date: DateValue | None = None
    source_chain: list[str] = field(default_factory=list)
    cue_span: Span | None = None

    def __post_init__(self) -> None:
        check_statement(self.kind, self.act)


@dataclass(slots=True)
class Event:
    """Its type, sub-type, PLOVER type and modality are checked against ``taxonomy`` when it is
    built: a value ACLED, PLOVER or the spec does not know is a ``ValueError`` naming it."""
    event_type: str  # a taxonomy.EventType
    sub_event_type: str | None  # one of taxonomy.SUB_EVENT_TYPES[event_type]
    plover: str | None  # a taxonomy.Plover
    actor1: str | None
    actor2: str | None
    evidence: Span
    actor1_id: str | None = None
    actor2_id: str | None = None
    place: dict[str, Any] | None = None
    date: DateValue | None = None
    fatalities: int | None = None
    modality: str = Modality.ASSERTED.value  # a taxonomy.Modality: asserted | claimed | reported | denied | future
    claimed_by: str | None = None
    statement: int | None = None
    trigger: Span | None = None
    historical: bool = False
    mentions: list[Span] = field(default_factory=list)  # the same event told again
    assoc_actor1: str | None = None  # an actor acting with actor1 (ACLED's assoc_actor_1)

    def __post_init__(self) -> None:
        check_event(self.event_type, self.sub_event_type, self.plover, self.modality)


@dataclass(slots=True)
class DocumentInfo:
    id: str
    source: str | None
    language: str | None
    published: str | None
    title: str | None
    clean_text: str
    credits: dict[str, list[str]]
    encoding: str | None = None
    outlet: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)  # boilerplate/credit lines taken out


@dataclass(slots=True)
class Record:
    document: DocumentInfo
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    def to_json(self, *, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Record":
        return cls(
            document=DocumentInfo(**d["document"]),
            places=[Place(**{**p, "mentions": _spans(p.get("mentions"))}) for p in d.get("places", [])],
            actors=[Actor(**{**a, "mentions": _spans(a.get("mentions"))}) for a in d.get("actors", [])],
            statements=[_statement(s) for s in d.get("statements", [])],
            events=[_event(e) for e in d.get("events", [])],
        )


def _plain(x: Any) -> Any:
    if dataclasses.is_dataclass(x):
        return {f.name: _plain(getattr(x, f.name)) for f in dataclasses.fields(x)}
    if isinstance(x, list):
        return [_plain(i) for i in x]
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    return x


def _span(d: dict | None) -> Span | None:
    return Span(d["start"], d["end"], d["text"]) if d else None


def _spans(items: list | None) -> list[Span]:
    return [Span(s["start"], s["end"], s["text"]) for s in items or []]


def _date(d: dict | None) -> DateValue | None:
    return DateValue(**d) if d else None


def _statement(s: dict) -> Statement:
    return Statement(**{**s, "content": _span(s.get("content")), "evidence": _span(s["evidence"]),
                        "cue_span": _span(s.get("cue_span")), "date": _date(s.get("date"))})


def _event(e: dict) -> Event:
    return Event(**{**e, "evidence": _span(e["evidence"]), "trigger": _span(e.get("trigger")),
                    "date": _date(e.get("date")), "mentions": _spans(e.get("mentions"))})
