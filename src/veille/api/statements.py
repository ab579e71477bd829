"""Statements: who says what, with the words that carry it."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from ..store import queries
from .params import Conn, Pages, not_found, statement_filter

router = APIRouter(prefix="/api/statements", tags=["statements"])


@router.get("", summary="Statements, filtered, a page at a time")
def list_statements(conn: Conn, page: Pages,
                    f: Annotated[queries.StatementFilter, Depends(statement_filter)]) -> dict:
    return queries.list_statements(conn, f, limit=page.limit, offset=page.offset).to_dict()


@router.get("/{document_id}/{idx}", summary="One statement: a document's statement by its index")
def get_statement(conn: Conn, document_id: str, idx: Annotated[int, Path(ge=0, le=1_000_000)]) -> dict:
    s = queries.get_statement(conn, document_id, idx)
    if s is None:
        raise not_found("statement", f"{document_id}/{idx}")
    return s
