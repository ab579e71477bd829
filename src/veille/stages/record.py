"""record: the Doc, as the document record (``veille.record.Record``).

The record's actors are the actors stage's and the statements stage's speakers together
(``Doc.all_actors``)."""
from __future__ import annotations

import hashlib

from ..document import Doc
from ..record import DocumentInfo, Record

NAME = "record"
TITLE_CHARS = 120  # a title made from an article's first line is cut, at a word, past this
NEEDS = ("raw", "source", "clean_text", "credits", "removed", "language", "warnings", "meta.title",
         "meta.published", "meta.url", "meta.outlet", "meta.encoding", "meta.invalid_bytes_replaced",
         "places", "actors", "speaker_actors", "speaker_mentions", "offsets", "statements", "events")
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
        title=doc.meta.get("title") or first_line_title(doc),
        clean_text=doc.clean_text,
        credits=credits,
        encoding=doc.meta.get("encoding"),
        outlet=doc.meta.get("outlet"),
        url=doc.meta.get("url"),
        warnings=read_warnings(doc) + list(doc.warnings),
        removed=list(doc.removed),
    )
    return Record(document=info, places=doc.places, actors=doc.all_actors(),
                  statements=doc.statements, events=doc.events)


def first_line_title(doc: Doc) -> str | None:
    """The title of an article that came with none and whose first line the repair stage did not
    take for one (no blank line after it): its first line, cut at a word past TITLE_CHARS. A
    document's title is words of the article, never the name of the file it came in."""
    text = doc.clean_text or doc.raw
    first = next((line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip()), "")
    if not first:
        return None
    if len(first) <= TITLE_CHARS:
        return first
    cut = first[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return (cut or first[:TITLE_CHARS]) + "…"


def read_warnings(doc: Doc) -> list[str]:
    """What the reader had to change in the text, told in the record's warnings."""
    replaced = doc.meta.get("invalid_bytes_replaced")
    if not replaced:
        return []
    return [f"read: {replaced} byte(s) that were not valid UTF-8 were replaced by U+FFFD "
            f"(the rest of the file is UTF-8)"]
