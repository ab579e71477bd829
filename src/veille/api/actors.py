"""Actors: states, forces, groups, persons... one per canonical name, with how often they appear."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from ..store import queries
from .params import Conn, Pages, actor_filter, not_found

router = APIRouter(prefix="/api/actors", tags=["actors"])


@router.get("", summary="Actors, most often named first")
def list_actors(conn: Conn, page: Pages, f: Annotated[queries.ActorFilter, Depends(actor_filter)]) -> dict:
    return queries.list_actors(conn, f, limit=page.limit, offset=page.offset).to_dict()


@router.get("/{key}", summary="One actor by its key (its name, case-folded)")
def get_actor(conn: Conn, key: str) -> dict:
    actor = queries.get_actor(conn, key)
    if actor is None:
        raise not_found("actor", key)
    return actor
