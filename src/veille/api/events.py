"""Events: who did what to whom, where, when; as JSON pages, as GeoJSON, counted by day, and one
by one with the evidence behind it (the article, the statement that claims it, the other
sources that report it).

Each endpoint is a plain ``def``, which FastAPI runs in its thread pool, off the event loop, and
opens its read connection itself (``Store.reader``): one thread-pool call a request."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ..export import feature
from ..store import clusters, queries
from .params import Events, Pages, Reads, not_found

router = APIRouter(prefix="/api/events", tags=["events"])


def _plain(body: dict) -> JSONResponse:
    """The body as JSON, written straight from its dicts of plain values. Handing FastAPI a dict
    makes pydantic infer and check the type of every value (the column names are SQLAlchemy's
    ``str`` subclass, which sends it down its slow path): about half of a page's time."""
    return JSONResponse(body)


@router.get("", summary="Events, filtered, a page at a time", response_model=dict)
def list_events(store: Reads, f: Events, page: Pages) -> JSONResponse:
    with store.reader() as conn:
        return _plain(queries.list_events(conn, f, limit=page.limit, offset=page.offset).to_dict())


@router.get(".geojson", summary="Events as a GeoJSON FeatureCollection",
            response_class=JSONResponse, responses={200: {"content": {"application/geo+json": {}}}})
def events_geojson(request: Request, store: Reads, f: Events,
                   limit: Annotated[int | None, Query(ge=1, description="features (at most serve.max_map_events)")] = None,
                   offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> JSONResponse:
    from ..errors import VeilleError

    largest = int(request.app.state.settings.get("serve.max_map_events"))
    limit = largest if limit is None else limit
    if limit > largest:
        raise VeilleError("bad_parameter", f"limit: at most {largest} features (got {limit})", "limit")
    with store.reader() as conn:
        page = queries.list_events(conn, f, limit=limit, offset=offset)
    body = {"type": "FeatureCollection", "features": [feature(e) for e in page.items],
            "total": page.total, "limit": page.limit, "offset": page.offset}
    return JSONResponse(body, media_type="application/geo+json")


@router.get("/timeline", summary="Events a day, for the same filters", response_model=dict)
def events_timeline(store: Reads, f: Events) -> JSONResponse:
    with store.reader() as conn:
        return _plain(queries.timeline(conn, f))


@router.get("/facets", summary="What there is to filter on, with counts", response_model=dict)
def events_facets(store: Reads) -> JSONResponse:
    with store.reader() as conn:
        return _plain(queries.facets(conn))


@router.get("/{event_id}", summary="One event with its evidence: the article, the claim, the other sources",
            description=(
                "`event`, `document` (with its raw text), `statement` (the one that carries the event) and "
                "`cluster` (the cluster's summary and `members`), and:\n\n"
                "- `claims`: the competing claims of its cluster side by side, one per member event (this "
                "event's own included, `this_event` true): `event_id`, `document_id`, `title`, `outlet`, "
                "`url`, `published`, `source` (the source identity), `claimed_by`, `modality`, `fatalities`, "
                "`event_type`, `sub_event_type`, `actor1`, `actor2`, `place_name`, `date_start`, `date_end`, "
                "`same_document`, `this_event`; empty when it has no cluster.\n"
                "- `other_sources`: the other documents that report it, one per document, never this "
                "event's own document: `document_id`, `title`, `outlet`, `url`, `published`, `source`, "
                "`same_source` (the same outlet, site or file as this event's: not independent) and "
                "`event_ids`."))
def get_event(store: Reads, event_id: str) -> dict:
    with store.reader() as conn:
        return _evidence(conn, event_id)


def _evidence(conn, event_id: str) -> dict:
    event = queries.get_event(conn, event_id)
    if event is None:
        raise not_found("event", event_id)
    doc = queries.get_document(conn, event["document_id"]) or {}
    statement = (queries.get_statement(conn, event["document_id"], event["statement"])
                 if event.get("statement") is not None else None)
    cluster = queries.get_cluster(conn, event["cluster_id"]) if event.get("cluster_id") else None
    side_by_side = clusters.claims(conn, event["cluster_id"]) if cluster else []
    for claim in side_by_side:
        claim["same_document"] = claim["document_id"] == event["document_id"]
        claim["this_event"] = claim["event_id"] == event["id"]
    return {
        "event": event,
        "document": {k: doc.get(k) for k in ("id", "title", "url", "outlet", "source", "published", "language",
                                              "raw")},
        "statement": statement,
        "cluster": cluster,
        "claims": side_by_side,
        "other_sources": clusters.other_sources(side_by_side, event),
    }
