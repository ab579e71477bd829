"""Documents: the articles, their metadata, and each one's raw text and whole record."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from ..store import queries
from .params import Conn, Pages, document_filter, not_found

router = APIRouter(prefix="/api/documents", tags=["documents"])


@router.get("", summary="Documents, filtered, a page at a time")
def list_documents(conn: Conn, page: Pages,
                   f: Annotated[queries.DocumentFilter, Depends(document_filter)]) -> dict:
    return queries.list_documents(conn, f, limit=page.limit, offset=page.offset).to_dict()


@router.get("/{document_id}", summary="One document: metadata, raw text, clean text and its record")
def get_document(conn: Conn, document_id: str) -> dict:
    doc = queries.get_document(conn, document_id)
    if doc is None:
        raise not_found("document", document_id)
    return doc
