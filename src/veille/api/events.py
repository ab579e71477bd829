"""Events: who did what to whom, where, when; as JSON pages, as GeoJSON, counted by day, and one
by one with the evidence behind it (the article, the statement that claims it, the other
sources that report it)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ..export import feature
from ..store import queries
from .params import Conn, Events, Pages, not_found

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("", summary="Events, filtered, a page at a time")
def list_events(conn: Conn, f: Events, page: Pages) -> dict:
    return queries.list_events(conn, f, limit=page.limit, offset=page.offset).to_dict()


@router.get(".geojson", summary="Events as a GeoJSON FeatureCollection",
            response_class=JSONResponse, responses={200: {"content": {"application/geo+json": {}}}})
def events_geojson(request: Request, conn: Conn, f: Events,
                   limit: Annotated[int | None, Query(ge=1, description="features (at most serve.max_map_events)")] = None,
                   offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> JSONResponse:
    from ..errors import VeilleError

    largest = int(request.app.state.settings.get("serve.max_map_events", 10000))
    limit = largest if limit is None else limit
    if limit > largest:
        raise VeilleError("bad_parameter", f"limit: at most {largest} features (got {limit})", "limit")
    page = queries.list_events(conn, f, limit=limit, offset=offset)
    body = {"type": "FeatureCollection", "features": [feature(e) for e in page.items],
            "total": page.total, "limit": page.limit, "offset": page.offset}
    return JSONResponse(body, media_type="application/geo+json")


@router.get("/timeline", summary="Events a day, for the same filters")
def events_timeline(conn: Conn, f: Events) -> dict:
    return queries.timeline(conn, f)


@router.get("/facets", summary="What there is to filter on, with counts")
def events_facets(conn: Conn) -> dict:
    return queries.facets(conn)


@router.get("/{event_id}", summary="One event with its evidence: the article, the claim, the other sources")
def get_event(conn: Conn, event_id: str) -> dict:
    event = queries.get_event(conn, event_id)
    if event is None:
        raise not_found("event", event_id)
    doc = queries.get_document(conn, event["document_id"]) or {}
    statement = (queries.get_statement(conn, event["document_id"], event["statement"])
                 if event.get("statement") is not None else None)
    cluster = queries.get_cluster(conn, event["cluster_id"]) if event.get("cluster_id") else None
    return {
        "event": event,
        "document": {k: doc.get(k) for k in ("id", "title", "url", "outlet", "source", "published", "language",
                                              "raw")},
        "statement": statement,
        "cluster": cluster,
    }
