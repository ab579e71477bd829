"""The query parameters the routers share: paging (limit/offset, the largest page from the
settings) and the filters, checked here so that a bad value is a 422 that names it.

The checks are ``async def``: they only read the query string, and FastAPI runs a plain ``def``
dependency in its thread pool, one hop (and, under load, one wait) per dependency per request."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy import Connection

from ..errors import VeilleError
from ..store import Store
from ..store.queries import (ActorFilter, ClusterFilter, DocumentFilter, EventFilter, PlaceFilter, StatementFilter,
                             check_range, parse_bbox)
# FastAPI checks a query value against these enums: a value they lack is a 422 that names it
from ..taxonomy import EventType, Modality, Plover, StatementKind, SubEventType


def connection(request: Request) -> Iterator[Connection]:
    """A read connection to the store for one request."""
    with request.app.state.store.reader() as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]


async def store(request: Request) -> Store:
    """The store itself, for an endpoint that opens its read connection (``Store.reader``) in its
    own thread-pool call rather than in one more for a ``Conn`` dependency."""
    return request.app.state.store


Reads = Annotated[Store, Depends(store)]


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


async def paging(
    request: Request,
    limit: Annotated[int | None, Query(ge=1, description="items a page (at most serve.max_page_size)")] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")] = 0,
) -> Paging:
    settings = request.app.state.settings
    largest = int(settings.get("serve.max_page_size"))
    if limit is None:
        limit = min(int(settings.get("serve.page_size")), largest)
    if limit > largest:
        raise VeilleError("bad_parameter", f"limit: at most {largest} items a page (got {limit})", "limit")
    return Paging(limit, offset)


Pages = Annotated[Paging, Depends(paging)]

_DAY_FROM = "on or after this day (YYYY-MM-DD)"
_DAY_TO = "on or before this day (YYYY-MM-DD)"
_BBOX = "west,south,east,north in degrees (west > east crosses the antimeridian)"


def _days(date_from: date | None, date_to: date | None) -> tuple[str | None, str | None]:
    a = date_from.isoformat() if date_from else None
    b = date_to.isoformat() if date_to else None
    check_range(a, b)
    return a, b


def _country(cc: str | None) -> str | None:
    if cc is None or cc == "":
        return None
    if len(cc) != 2 or not cc.isalpha():
        raise VeilleError("bad_parameter", f"country must be an ISO 3166-1 alpha-2 code such as SD; got {cc!r}",
                          "country")
    return cc.upper()


async def event_filter(
    event_type: Annotated[list[EventType], Query(description="ACLED event type (repeat for several)")] = [],  # noqa: B006
    sub_event_type: Annotated[list[SubEventType], Query(description="ACLED sub-event type (repeat)")] = [],  # noqa: B006
    modality: Annotated[list[Modality], Query(description="asserted, claimed, reported, denied, future")] = [],  # noqa: B006
    actor: Annotated[str | None, Query(max_length=200, description="part of actor 1's or actor 2's name")] = None,
    place: Annotated[str | None, Query(max_length=200, description="part of the place's name")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code of the place's country")] = None,
    bbox: Annotated[str | None, Query(description=_BBOX)] = None,
    date_from: Annotated[date | None, Query(description="events that end " + _DAY_FROM)] = None,
    date_to: Annotated[date | None, Query(description="events that start " + _DAY_TO)] = None,
    q: Annotated[str | None, Query(max_length=200, description="words in the evidence, actors, place, claimant")] = None,
    document_id: Annotated[str | None, Query(max_length=100)] = None,
    cluster_id: Annotated[str | None, Query(max_length=100)] = None,
    historical: Annotated[bool | None, Query(description="past events told as background")] = None,
    has_place: Annotated[bool | None, Query(description="only events with (true) or without (false) coordinates")] = None,
    all_versions: Annotated[bool, Query(description="include replaced versions of an article")] = False,
) -> EventFilter:
    a, b = _days(date_from, date_to)
    return EventFilter(event_type=[t.value for t in event_type], sub_event_type=[t.value for t in sub_event_type],
                       modality=[m.value for m in modality], actor=actor or None, place=place or None,
                       country=_country(country), bbox=parse_bbox(bbox), date_from=a, date_to=b, q=q or None,
                       document_id=document_id, cluster_id=cluster_id, historical=historical, has_place=has_place,
                       all_versions=all_versions)


Events = Annotated[EventFilter, Depends(event_filter)]


class Status(str, Enum):
    ok = "ok"
    failed = "failed"


async def document_filter(
    q: Annotated[str | None, Query(max_length=200, description="words in the title or the text")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[Status | None, Query(description="ok or failed")] = None,
    date_from: Annotated[date | None, Query(description="published " + _DAY_FROM)] = None,
    date_to: Annotated[date | None, Query(description="published " + _DAY_TO)] = None,
    all_versions: bool = False,
) -> DocumentFilter:
    a, b = _days(date_from, date_to)
    return DocumentFilter(q=q or None, outlet=outlet or None, status=status.value if status else None,
                          date_from=a, date_to=b, all_versions=all_versions)


async def statement_filter(
    speaker: Annotated[str | None, Query(max_length=200, description="part of the speaker's name")] = None,
    act: Annotated[str | None, Query(max_length=40, description="PLOVER verbal act (ACCUSE, REJECT, ...)")] = None,
    kind: Annotated[StatementKind | None, Query(description="direct, indirect, mixed, according_to")] = None,
    q: Annotated[str | None, Query(max_length=200, description="words in the statement or the speaker")] = None,
    document_id: Annotated[str | None, Query(max_length=100)] = None,
    date_from: Annotated[date | None, Query(description="statements dated " + _DAY_FROM)] = None,
    date_to: Annotated[date | None, Query(description="statements dated " + _DAY_TO)] = None,
    all_versions: bool = False,
) -> StatementFilter:
    a, b = _days(date_from, date_to)
    return StatementFilter(speaker=speaker or None, act=_act(act), kind=kind.value if kind else None, q=q or None,
                           document_id=document_id, date_from=a, date_to=b, all_versions=all_versions)


def _act(act: str | None) -> str | None:
    """A PLOVER type, in any case ("accuse" is ACCUSE); another word is a 422 naming it."""
    if not act:
        return None
    if act.upper() not in Plover.__members__:
        raise VeilleError("bad_parameter", f"act must be a PLOVER type such as ACCUSE or REJECT; got {act!r}", "act")
    return Plover[act.upper()].value


async def actor_filter(
    q: Annotated[str | None, Query(max_length=200, description="part of the name")] = None,
    kind: Annotated[str | None, Query(max_length=40, description="state, military, armed_group, person, ...")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2")] = None,
) -> ActorFilter:
    return ActorFilter(q=q or None, kind=kind or None, country=_country(country))


async def place_filter(
    q: Annotated[str | None, Query(max_length=200, description="part of the name")] = None,
    kind: Annotated[str | None, Query(pattern="^(country|admin1|city|site|region)$")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2")] = None,
    bbox: Annotated[str | None, Query(description=_BBOX)] = None,
) -> PlaceFilter:
    return PlaceFilter(q=q or None, kind=kind, country=_country(country), bbox=parse_bbox(bbox))


async def cluster_filter(
    event_type: Annotated[list[EventType], Query(description="ACLED event type (repeat for several)")] = [],  # noqa: B006
    actor: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2")] = None,
    bbox: Annotated[str | None, Query(description=_BBOX)] = None,
    date_from: Annotated[date | None, Query(description=_DAY_FROM)] = None,
    date_to: Annotated[date | None, Query(description=_DAY_TO)] = None,
    contradiction: Annotated[bool | None, Query(description="sources disagree (one denies what another reports)")] = None,
    min_corroboration: Annotated[int | None, Query(ge=0, le=100_000, description="at least this many sources")] = None,
) -> ClusterFilter:
    a, b = _days(date_from, date_to)
    return ClusterFilter(event_type=[t.value for t in event_type], actor=actor or None, country=_country(country),
                         bbox=parse_bbox(bbox), date_from=a, date_to=b, contradiction=contradiction,
                         min_corroboration=min_corroboration)


def not_found(what: str, ident: str) -> VeilleError:
    return VeilleError("not_found", f"no {what} with this id", ident)
