"""Read-only queries with filters, shared by the HTTP API and the exports.

SQLAlchemy Core, parameterised, the same on SQLite and PostgreSQL. Each ``list_*`` returns one
page (``Page``: the rows, the total that match, the limit and offset); each ``get_*`` one
object or None. Filters are plain dataclasses that the API and the CLI fill in; their values
are checked there (``parse_bbox``, ``parse_day``) so that a bad one is the caller's error, not
a database error.

By default only the current version of each article counts: an article fetched again with
changed text replaces its older version (``documents.current``).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, case, func, literal, or_, select, true
from sqlalchemy.sql import ColumnElement, Select

from ..errors import VeilleError
from .schema import (actors, cluster_members, document_actors, document_places, documents, event_clusters, events,
                     places, statements)

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- checked values ---------------------------------------------------------------------------

@dataclass(frozen=True)
class BBox:
    """west, south, east, north in degrees; west > east crosses the antimeridian."""
    west: float
    south: float
    east: float
    north: float


def parse_bbox(text: str | None, *, name: str = "bbox") -> BBox | None:
    if text is None or text == "":
        return None
    parts = text.split(",")
    try:
        w, s, e, n = (float(p) for p in parts)
    except ValueError:
        raise VeilleError("bad_parameter", f"{name} must be four numbers west,south,east,north; got {text!r}",
                          name) from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= 90 and -90 <= n <= 90):
        raise VeilleError("bad_parameter", f"{name} is out of range (longitudes -180..180, latitudes -90..90): "
                          f"{text!r}", name)
    if s > n:
        raise VeilleError("bad_parameter", f"{name}: south ({s}) is north of north ({n})", name)
    return BBox(w, s, e, n)


def parse_day(text: str | None, *, name: str) -> str | None:
    """A day YYYY-MM-DD (checked as a real date), or None."""
    if text is None or text == "":
        return None
    from datetime import date

    try:
        if not _DAY.match(text):
            raise ValueError
        date.fromisoformat(text)
    except ValueError:
        raise VeilleError("bad_parameter", f"{name} must be a date YYYY-MM-DD; got {text!r}", name) from None
    return text


def check_range(date_from: str | None, date_to: str | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise VeilleError("bad_parameter", f"date_from ({date_from}) is after date_to ({date_to})", "date_from")


# --- filters ----------------------------------------------------------------------------------

@dataclass
class EventFilter:
    event_type: list[str] = field(default_factory=list)
    sub_event_type: list[str] = field(default_factory=list)
    modality: list[str] = field(default_factory=list)
    actor: str | None = None  # part of actor1's or actor2's name
    place: str | None = None  # part of the place's name
    country: str | None = None  # ISO 3166-1 alpha-2
    bbox: BBox | None = None
    date_from: str | None = None  # events whose dates overlap [date_from, date_to]
    date_to: str | None = None
    q: str | None = None  # words in the evidence, the actors, the place, the claimant
    document_id: str | None = None
    cluster_id: str | None = None
    historical: bool | None = None  # past events told as background ("en 2016")
    has_place: bool | None = None
    all_versions: bool = False  # include the events of replaced versions of an article


@dataclass
class DocumentFilter:
    q: str | None = None  # words in the title or the text
    outlet: str | None = None
    status: str | None = None  # "ok" | "failed"
    date_from: str | None = None  # published on or after
    date_to: str | None = None
    all_versions: bool = False


@dataclass
class StatementFilter:
    speaker: str | None = None
    act: str | None = None
    kind: str | None = None
    q: str | None = None
    document_id: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    all_versions: bool = False


@dataclass
class ActorFilter:
    q: str | None = None
    kind: str | None = None
    country: str | None = None


@dataclass
class PlaceFilter:
    q: str | None = None
    kind: str | None = None
    country: str | None = None
    bbox: BBox | None = None


@dataclass
class ClusterFilter:
    event_type: list[str] = field(default_factory=list)
    actor: str | None = None
    country: str | None = None
    bbox: BBox | None = None
    date_from: str | None = None
    date_to: str | None = None
    contradiction: bool | None = None
    min_corroboration: int | None = None


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    total_capped: bool = False  # the count stopped at its cap: there are at least ``total``

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "total_capped": self.total_capped, "limit": self.limit,
                "offset": self.offset, "items": self.items}


# --- helpers ----------------------------------------------------------------------------------

def _contains(col, text: str) -> ColumnElement:
    """Case-insensitive substring match, with %, _ and the escape character taken literally."""
    return col.ilike("%" + _escape(text) + "%", escape="\\")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _any_contains(cols, text: str) -> ColumnElement:
    return or_(*(_contains(c, text) for c in cols))


def _in_bbox(lat, lon, b: BBox) -> ColumnElement:
    lon_ok = lon.between(b.west, b.east) if b.west <= b.east else or_(lon >= b.west, lon <= b.east)
    return and_(lat.isnot(None), lon.isnot(None), lat.between(b.south, b.north), lon_ok)


def _overlaps(start, end, date_from: str | None, date_to: str | None) -> list[ColumnElement]:
    out = []
    if date_from:
        out.append(func.coalesce(end, start) >= date_from)
    if date_to:
        out.append(start <= date_to)
    return out


def _current_doc_ids() -> Select:
    return select(documents.c.id).where(documents.c.current.is_(True))


def _current_events() -> ColumnElement:
    # "= true", not "IS true": PostgreSQL uses an index for the one, not always for the other
    return events.c.current == true()


def _page(conn: Connection, query: Select, *, limit: int, offset: int, order) -> Page:
    total = conn.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    rows = conn.execute(query.order_by(*order).limit(limit).offset(offset)).mappings().all()
    return Page([dict(r) for r in rows], total, limit, offset)


def _loads(value: str | None, default: Any = None) -> Any:
    return json.loads(value) if value else default


# --- events -----------------------------------------------------------------------------------

# ``current`` serves the queries (it repeats documents.current); the API does not show it
EVENT_COLUMNS = [c for c in events.c if c.name not in ("data", "current")]


def event_conditions(f: EventFilter) -> list[ColumnElement]:
    """The filter's conditions on ``events`` alone (``events.current`` repeats its document's flag,
    so that no join is needed and the listing indexes, which lead with it, serve every filter)."""
    c = events.c
    cond: list[ColumnElement] = []
    if not f.all_versions:
        cond.append(_current_events())
    if f.event_type:
        cond.append(c.event_type.in_(f.event_type))
    if f.sub_event_type:
        cond.append(c.sub_event_type.in_(f.sub_event_type))
    if f.modality:
        cond.append(c.modality.in_(f.modality))
    if f.actor:
        cond.append(_any_contains([c.actor1, c.actor2], f.actor))
    if f.place:
        cond.append(_contains(c.place_name, f.place))
    if f.country:
        cond.append(c.country_code == f.country.upper())
    if f.bbox:
        cond.append(_in_bbox(c.lat, c.lon, f.bbox))
    if f.date_from or f.date_to:
        cond.append(c.date_start.isnot(None))
        cond.extend(_overlaps(c.date_start, c.date_end, f.date_from, f.date_to))
    if f.q:
        cond.append(_any_contains([c.evidence_text, c.actor1, c.actor2, c.place_name, c.claimed_by], f.q))
    if f.document_id:
        cond.append(c.document_id == f.document_id)
    if f.cluster_id:
        cond.append(c.cluster_id == f.cluster_id)
    if f.historical is not None:
        cond.append(c.historical.is_(f.historical))
    if f.has_place is not None:
        cond.append(c.lat.isnot(None) if f.has_place else c.lat.is_(None))
    return cond


def _events_with_documents(with_data: bool) -> Select:
    cols = list(EVENT_COLUMNS) + ([events.c.data] if with_data else [])
    d = documents.c
    return (select(*cols, d.title.label("document_title"), d.published.label("document_published"),
                   d.outlet.label("document_outlet"), d.url.label("document_url"))
            .join_from(events, documents, documents.c.id == events.c.document_id))


# built once: a request adds its conditions to a copy (half the cost of building it anew)
_EVENTS = {False: _events_with_documents(False), True: _events_with_documents(True)}


def _event_query(f: EventFilter, *, with_data: bool = False) -> Select:
    return _EVENTS[with_data].where(*event_conditions(f))


# newest first, undated last (the ix_events_listing* indexes serve it)
EVENT_ORDER = (events.c.date_start.desc().nulls_last(), events.c.id)


# Counting every match of a broad filter costs more than the page itself: a page counts the
# matches up to this many, or up to its own end if that is further (a page never lists more
# events than its total says), and says so (``total_capped``). A thousand tells a reader the
# filter is broad as well as ten thousand would, and costs a tenth as much to count.
EVENT_COUNT_CAP = 1_000


def list_events(conn: Connection, f: EventFilter, *, limit: int, offset: int = 0) -> Page:
    cap = max(EVENT_COUNT_CAP, offset + limit)
    # counted without the join, from the index that serves the filter, in the same statement
    # as the page (one round trip, one snapshot; the database computes it once, not per row)
    matches = select(events.c.id).where(*event_conditions(f)).limit(cap + 1).subquery()
    counted = select(func.count()).select_from(matches).scalar_subquery()
    result = conn.execute(_event_query(f).add_columns(counted.label(_TOTAL)).order_by(*EVENT_ORDER)
                          .limit(limit).offset(offset))
    keys = [str(k) for k in result.keys()]
    rows = [dict(zip(keys, r)) for r in result]  # plain dicts, once (a mapping view a row costs more)
    total = rows[0][_TOTAL] if rows else conn.execute(select(counted)).scalar_one()
    return Page([_shape_event(r) for r in rows], min(total, cap), limit, offset, total_capped=total > cap)


def iter_events(conn: Connection, f: EventFilter, *, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every matching event with its record data, in pages (bounded memory, stable order)."""
    offset = 0
    while True:
        rows = conn.execute(_event_query(f, with_data=True).order_by(*EVENT_ORDER)
                            .limit(batch).offset(offset)).mappings().all()
        for r in rows:
            yield event_out(r)
        if len(rows) < batch:
            return
        offset += batch


_TOTAL = "matches_counted"  # the page query's extra column: the capped count
_EVIDENCE = ("evidence_start", "evidence_end", "evidence_text")


def event_out(row) -> dict[str, Any]:
    """An event row as the API shows it: spans as objects, the record's own fields unpacked."""
    return _shape_event(dict(row))


def _shape_event(r: dict[str, Any]) -> dict[str, Any]:
    """``event_out`` on a dict of its own, changed in place."""
    data = _loads(r.pop("data", None))
    r.pop(_TOTAL, None)
    start, end, text = (r.pop(k) for k in _EVIDENCE)
    r["evidence"] = {"start": start, "end": end, "text": text}
    r["historical"] = bool(r["historical"])
    if data is not None:
        r["statement"] = data.get("statement")
        r["date_text"] = (data.get("date") or {}).get("text")
        r["trigger"] = data.get("trigger")
    return r


def get_event(conn: Connection, event_id: str) -> dict[str, Any] | None:
    row = conn.execute(_event_query(EventFilter(all_versions=True), with_data=True)
                       .where(events.c.id == event_id)).mappings().first()
    return event_out(row) if row else None


def timeline(conn: Connection, f: EventFilter) -> dict[str, Any]:
    """Events a day (by their first day), for events dated to a day or a week; the others counted
    apart, since a month or a year cannot stand on one day. One pass over the matches, grouped
    by first day and precision, sorted out here (a few hundred groups, not the events)."""
    c = events.c
    groups = conn.execute(select(c.date_start, c.date_precision, func.count()).where(*event_conditions(f))
                          .group_by(c.date_start, c.date_precision)).all()
    days: dict[str, int] = {}
    coarse = undated = 0
    for start, precision, n in groups:
        if start is None:
            undated += n
        elif precision in ("day", "week"):
            days[start] = days.get(start, 0) + n
        elif precision is not None:  # a month, a season, a year
            coarse += n
    return {"days": [{"date": d, "count": days[d]} for d in sorted(days)], "coarse": coarse, "undated": undated}


def facets(conn: Connection, *, top_actors: int = 100) -> dict[str, Any]:
    """What there is to filter on: event types, sub-types, modalities, countries, actors."""
    c = events.c
    current = _current_events()

    def counts(col):
        q = select(col, func.count()).where(current, col.isnot(None)).group_by(col).order_by(func.count().desc(), col)
        return [{"value": v, "count": n} for v, n in conn.execute(q)]

    names = select(c.actor1.label("name")).where(current, c.actor1.isnot(None)).union_all(
        select(c.actor2.label("name")).where(current, c.actor2.isnot(None))).subquery()
    actor_rows = conn.execute(select(names.c.name, func.count()).group_by(names.c.name)
                              .order_by(func.count().desc(), names.c.name).limit(top_actors))
    return {"event_type": counts(c.event_type), "sub_event_type": counts(c.sub_event_type),
            "modality": counts(c.modality), "country": counts(c.country_code),
            "actor": [{"value": v, "count": n} for v, n in actor_rows]}


# --- documents --------------------------------------------------------------------------------

DOCUMENT_LIST_COLUMNS = [c for c in documents.c if c.name not in ("raw", "clean_text", "record", "meta")]


def _document_conditions(f: DocumentFilter) -> list[ColumnElement]:
    c = documents.c
    cond: list[ColumnElement] = []
    if not f.all_versions:
        cond.append(or_(c.current.is_(True), c.status == "failed"))
    if f.q:
        cond.append(_any_contains([c.title, c.clean_text], f.q))
    if f.outlet:
        cond.append(_contains(c.outlet, f.outlet))
    if f.status:
        cond.append(c.status == f.status)
    if f.date_from:
        cond.append(c.published >= f.date_from)
    if f.date_to:
        cond.append(c.published <= f.date_to)
    return cond


def list_documents(conn: Connection, f: DocumentFilter, *, limit: int, offset: int = 0) -> Page:
    n_events = (select(func.count()).where(events.c.document_id == documents.c.id)
                .correlate(documents).scalar_subquery())
    n_statements = (select(func.count()).where(statements.c.document_id == documents.c.id)
                    .correlate(documents).scalar_subquery())
    q = select(*DOCUMENT_LIST_COLUMNS, n_events.label("n_events"), n_statements.label("n_statements")) \
        .where(*_document_conditions(f))
    order = (case((documents.c.published.is_(None), 1), else_=0), documents.c.published.desc(), documents.c.id)
    return _page(conn, q, limit=limit, offset=offset, order=order)


def get_document(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
    if row is None:
        return None
    out = dict(row)
    out["meta"] = _loads(out["meta"], {})
    out["record"] = _loads(out["record"])
    return out


# --- statements -------------------------------------------------------------------------------

def statement_out(row) -> dict[str, Any]:
    r = dict(row)
    data = _loads(r.pop("data", None), {})
    out = {k: v for k, v in r.items() if not (k.startswith("content_") or k.startswith("evidence_"))}
    out["content"] = ({"start": r["content_start"], "end": r["content_end"], "text": r["content_text"]}
                      if r.get("content_start") is not None else None)
    out["evidence"] = {"start": r["evidence_start"], "end": r["evidence_end"], "text": r["evidence_text"]}
    out["source_chain"] = data.get("source_chain", [])
    out["cue_span"] = data.get("cue_span")
    return out


def _statement_query(f: StatementFilter) -> Select:
    s = statements.c
    cond: list[ColumnElement] = []
    if not f.all_versions:
        cond.append(s.document_id.in_(_current_doc_ids()))
    if f.speaker:
        cond.append(_contains(s.speaker, f.speaker))
    if f.act:
        cond.append(s.act == f.act)
    if f.kind:
        cond.append(s.kind == f.kind)
    if f.q:
        cond.append(_any_contains([s.evidence_text, s.speaker], f.q))
    if f.document_id:
        cond.append(s.document_id == f.document_id)
    if f.date_from or f.date_to:
        cond.append(s.date_start.isnot(None))
        cond.extend(_overlaps(s.date_start, s.date_end, f.date_from, f.date_to))
    d = documents.c
    return (select(statements, d.title.label("document_title"), d.published.label("document_published"),
                   d.outlet.label("document_outlet"))
            .join_from(statements, documents, d.id == s.document_id).where(*cond))


def list_statements(conn: Connection, f: StatementFilter, *, limit: int, offset: int = 0) -> Page:
    s = statements.c
    order = (case((documents.c.published.is_(None), 1), else_=0), documents.c.published.desc(), s.document_id,
             s.idx)
    page = _page(conn, _statement_query(f), limit=limit, offset=offset, order=order)
    page.items = [statement_out(r) for r in page.items]
    return page


def get_statement(conn: Connection, document_id: str, idx: int) -> dict[str, Any] | None:
    s = statements.c
    row = conn.execute(_statement_query(StatementFilter(all_versions=True))
                       .where(s.document_id == document_id, s.idx == idx)).mappings().first()
    return statement_out(row) if row else None


# --- actors -----------------------------------------------------------------------------------

def _actor_query(f: ActorFilter) -> Select:
    a = actors.c
    current = _current_doc_ids()
    n_docs = (select(func.count(func.distinct(document_actors.c.document_id)))
              .where(document_actors.c.actor_key == a.key, document_actors.c.document_id.in_(current))
              .correlate(actors).scalar_subquery())
    n_events = (select(func.count()).where(or_(events.c.actor1_key == a.key, events.c.actor2_key == a.key),
                                           events.c.document_id.in_(current))
                .correlate(actors).scalar_subquery())
    cond: list[ColumnElement] = []
    if f.q:
        cond.append(_contains(a.name, f.q))
    if f.kind:
        cond.append(a.kind == f.kind)
    if f.country:
        cond.append(a.country_code == f.country.upper())
    return select(actors, n_docs.label("n_documents"), n_events.label("n_events")).where(*cond)


def list_actors(conn: Connection, f: ActorFilter, *, limit: int, offset: int = 0) -> Page:
    q = _actor_query(f).subquery()
    inner = select(q)
    return _page(conn, inner, limit=limit, offset=offset, order=(q.c.n_documents.desc(), q.c.name, q.c.key))


def get_actor(conn: Connection, key: str) -> dict[str, Any] | None:
    row = conn.execute(_actor_query(ActorFilter()).where(actors.c.key == key)).mappings().first()
    if row is None:
        return None
    out = dict(row)
    da = document_actors.c
    roles = conn.execute(select(da.role).where(da.actor_key == key, da.role.isnot(None)).distinct()
                         .order_by(da.role)).scalars().all()
    out["roles"] = list(roles)
    return out


# --- places -----------------------------------------------------------------------------------

def _place_query(f: PlaceFilter) -> Select:
    p = places.c
    current = _current_doc_ids()
    n_docs = (select(func.count(func.distinct(document_places.c.document_id)))
              .where(document_places.c.place_key == p.key, document_places.c.document_id.in_(current))
              .correlate(places).scalar_subquery())
    n_events = (select(func.count()).where(events.c.place_key == p.key, events.c.document_id.in_(current))
                .correlate(places).scalar_subquery())
    cond: list[ColumnElement] = []
    if f.q:
        cond.append(_contains(p.name, f.q))
    if f.kind:
        cond.append(p.kind == f.kind)
    if f.country:
        cond.append(p.country_code == f.country.upper())
    if f.bbox:
        cond.append(_in_bbox(p.lat, p.lon, f.bbox))
    return select(places, n_docs.label("n_documents"), n_events.label("n_events")).where(*cond)


def list_places(conn: Connection, f: PlaceFilter, *, limit: int, offset: int = 0) -> Page:
    q = _place_query(f).subquery()
    return _page(conn, select(q), limit=limit, offset=offset, order=(q.c.n_documents.desc(), q.c.name, q.c.key))


def get_place(conn: Connection, key: str) -> dict[str, Any] | None:
    row = conn.execute(_place_query(PlaceFilter()).where(places.c.key == key)).mappings().first()
    return dict(row) if row else None


# --- event clusters ---------------------------------------------------------------------------

def cluster_out(row) -> dict[str, Any]:
    out = dict(row)
    for k, default in (("sources", []), ("actor_keys", []), ("modalities", {})):
        out[k] = _loads(out.get(k), default)
    out["contradiction"] = bool(out.get("contradiction"))
    return out


def list_clusters(conn: Connection, f: ClusterFilter, *, limit: int, offset: int = 0) -> Page:
    c = event_clusters.c
    cond: list[ColumnElement] = []
    if f.event_type:
        cond.append(c.event_type.in_(f.event_type))
    if f.actor:
        cond.append(_any_contains([c.actor1, c.actor2], f.actor))
    if f.country:
        cond.append(c.country_code == f.country.upper())
    if f.bbox:
        cond.append(_in_bbox(c.lat, c.lon, f.bbox))
    if f.date_from or f.date_to:
        cond.append(c.date_start.isnot(None))
        cond.extend(_overlaps(c.date_start, c.date_end, f.date_from, f.date_to))
    if f.contradiction is not None:
        cond.append(c.contradiction.is_(f.contradiction))
    if f.min_corroboration is not None:
        cond.append(c.corroboration >= f.min_corroboration)
    q = select(event_clusters).where(*cond)
    page = _page(conn, q, limit=limit, offset=offset, order=(c.corroboration.desc(), c.date_start.desc(), c.id))
    page.items = [cluster_out(r) for r in page.items]
    return page


def get_cluster(conn: Connection, cluster_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(event_clusters).where(event_clusters.c.id == cluster_id)).mappings().first()
    if row is None:
        return None
    out = cluster_out(row)
    out["members"] = cluster_members_of(conn, cluster_id)
    return out


def cluster_members_of(conn: Connection, cluster_id: str) -> list[dict[str, Any]]:
    """The events of a cluster, each with the document and the source that tells it."""
    m = cluster_members.c
    q = (_event_query(EventFilter(all_versions=True))
         .add_columns(m.source_identity, m.score)
         .join(cluster_members, m.event_id == events.c.id)
         .where(m.cluster_id == cluster_id)
         .order_by(m.score.asc(), events.c.id))
    return [event_out(r) for r in conn.execute(q).mappings()]


def counts(conn: Connection) -> dict[str, int]:
    current = _current_doc_ids()
    one = literal(1)
    return {
        "documents": conn.execute(select(func.count()).select_from(documents)
                                  .where(documents.c.current.is_(True))).scalar_one(),
        "events": conn.execute(select(func.count(one)).where(_current_events())).scalar_one(),
        "statements": conn.execute(select(func.count(one))
                                   .where(statements.c.document_id.in_(current))).scalar_one(),
        "clusters": conn.execute(select(func.count(one)).select_from(event_clusters).where(true())).scalar_one(),
    }
