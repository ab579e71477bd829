"""Sources: the feeds ``veille watch`` follows, each with its last success, its last error and
the articles it brought (``veille sources`` prints the same)."""
from __future__ import annotations

from fastapi import APIRouter

from ..watch.state import list_sources
from .params import Conn

router = APIRouter(prefix="/api/sources", tags=["sources"])


@router.get("", summary="The watched feeds: last success, last error, articles ingested")
def get_sources(conn: Conn) -> dict:
    items = list_sources(conn)
    return {"total": len(items), "items": items}
