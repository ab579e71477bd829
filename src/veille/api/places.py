"""Places: one per gazetteer entry, with how often they appear."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from ..store import queries
from .params import Conn, Pages, not_found, place_filter

router = APIRouter(prefix="/api/places", tags=["places"])


@router.get("", summary="Places, most often named first")
def list_places(conn: Conn, page: Pages, f: Annotated[queries.PlaceFilter, Depends(place_filter)]) -> dict:
    return queries.list_places(conn, f, limit=page.limit, offset=page.offset).to_dict()


@router.get("/{key}", summary="One place by its key (its GeoNames id, where it has one)")
def get_place(conn: Conn, key: str) -> dict:
    place = queries.get_place(conn, key)
    if place is None:
        raise not_found("place", key)
    return place
