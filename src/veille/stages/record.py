"""record: the Doc, as the document record (``veille.record.Record``)."""
from __future__ import annotations

import hashlib

from ..document import Doc
from ..record import DocumentInfo, Record

NAME = "record"
NEEDS = ("raw", "clean_text", "credits", "language", "places", "actors", "statements", "events")
SETS = ()


def document_id(raw: str) -> str:
    """Stable id: the hash of the raw text, so re-ingesting the same text is idempotent."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def build(doc: Doc) -> Record:
    credits = {"photos": list(doc.credits.get("photos", [])), "sources": list(doc.credits.get("sources", []))}
    if doc.credits.get("photo_agencies"):
        credits["photo_agencies"] = list(doc.credits["photo_agencies"])
    info = DocumentInfo(
        id=document_id(doc.raw),
        source=doc.source,
        language=doc.language,
        published=doc.meta.get("published"),
        title=doc.meta.get("title"),
        clean_text=doc.clean_text,
        credits=credits,
        encoding=doc.meta.get("encoding"),
        outlet=doc.meta.get("outlet"),
        url=doc.meta.get("url"),
        warnings=list(doc.warnings),
        removed=list(doc.removed),
    )
    return Record(document=info, places=doc.places, actors=doc.actors,
                  statements=doc.statements, events=doc.events)
