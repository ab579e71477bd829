"""The one write path: a document's whole record, in the caller's transaction.

``write_outcome`` writes one document (its row, the shared places and actors it names, its
statements and events, their clusters), or records why it failed. ``Store.write`` calls it
for a batch inside one transaction and ``Store.write_one`` for one document; nothing else
writes documents. Re-writing a document already stored as ``ok`` does nothing ("unchanged"):
the id is the hash of the raw text, so ingesting twice stores once.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, and_, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from .. import __version__
from ..engines.work import Outcome, WorkItem
from ..record import Record
from . import clusters
from .clusters import ClusterParams
from .schema import actors, document_actors, document_places, documents, events, failures, places, statements

INGESTED, UNCHANGED, FAILED = "ingested", "unchanged", "failed"
_SPACES = re.compile(r"\s+")
# Any constant: the key of the PostgreSQL advisory lock a write transaction holds.
PG_WRITE_LOCK = 0x7665696C6C66


def lock_writers(conn: Connection) -> None:
    """One writer at a time, across processes: two ingests into one database must not both
    found a cluster for the same event. SQLite's BEGIN IMMEDIATE already does this."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})


def write_outcome(conn: Connection, o: Outcome, *, now: str, params: ClusterParams) -> str:
    """Write one document's outcome; return INGESTED, UNCHANGED or FAILED."""
    item = o.item
    row = conn.execute(select(documents.c.status, documents.c.version)
                       .where(documents.c.id == item.id)).first()
    if row is not None and row.status == "ok":
        return UNCHANGED
    key = source_key(item)
    values = _document_values(item, o, key, now)
    if row is None:
        version = _next_version(conn, key)
        conn.execute(insert(documents), {**values, "version": version, "current": False, "ingested_at": now})
    else:  # it failed before: this is a retry
        version = row.version
        conn.execute(update(documents).where(documents.c.id == item.id).values(**values))
    if not o.ok:
        record_failure(conn, fid=f"doc:{item.id}", document_id=item.id, input=item.source or item.id,
                       code="extract", message=o.error or "failed", stage=o.stage, now=now)
        return FAILED
    resolve_failure(conn, f"doc:{item.id}", now=now)
    _write_facts(conn, item.id, o.record)
    if _becomes_current(conn, item.id, key, version, now=now):
        rows = conn.execute(select(events).where(events.c.document_id == item.id)
                            .order_by(events.c.idx)).mappings().all()
        clusters.assign(conn, [dict(r) for r in rows], document_id=item.id,
                        source_identity=source_identity(item), published=o.record.document.published,
                        params=params, now=now)
    return INGESTED


def record_failure(conn: Connection, *, fid: str, document_id: str | None, input: str, code: str,
                   message: str, stage: str | None, now: str) -> None:
    """Open (or re-open, counting the attempt) the failure ``fid``."""
    hit = conn.execute(update(failures).where(failures.c.id == fid).values(
        code=code, message=message, stage=stage, attempts=failures.c.attempts + 1, last_at=now,
        resolved_at=None))
    if hit.rowcount == 0:
        conn.execute(insert(failures).values(id=fid, document_id=document_id, input=input, code=code,
                                             message=message, stage=stage, attempts=1, first_at=now,
                                             last_at=now))


def resolve_failure(conn: Connection, fid: str, *, now: str) -> None:
    conn.execute(update(failures).where(and_(failures.c.id == fid, failures.c.resolved_at.is_(None)))
                 .values(resolved_at=now))


def source_key(item: WorkItem) -> str | None:
    """What makes a changed article a new version of an old one: its URL, else its file."""
    return item.meta.get("url") or item.source_key


def source_identity(item: WorkItem) -> str:
    """Who reports it, for corroboration: the outlet, else the site, else the file."""
    if item.meta.get("outlet"):
        return "outlet:" + _norm(item.meta["outlet"])
    if item.meta.get("url"):
        host = urlsplit(item.meta["url"]).netloc.lower().removeprefix("www.")
        if host:
            return "site:" + host
    if source_key(item):
        return "doc:" + source_key(item)
    named = item.source and not item.source.startswith("<")  # "<stdin>" names no one
    return "doc:" + (item.source if named else item.id)


def actor_key(name: str) -> str:
    return _norm(name)


def place_key(p: dict[str, Any]) -> str:
    if p.get("geonameid"):
        return str(p["geonameid"])
    return f"{p.get('country_code') or '-'}:{p.get('kind') or '-'}:{_norm(p['name'])}"


def _norm(s: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", s)).strip().casefold()


def _document_values(item: WorkItem, o: Outcome, key: str | None, now: str) -> dict[str, Any]:
    info = o.record.document if o.record else None
    meta = item.meta
    return {
        "id": item.id, "source_key": key, "source": item.source, "url": meta.get("url"),
        "outlet": meta.get("outlet"), "language": info.language if info else None,
        "published": info.published if info else meta.get("published"),
        "title": info.title if info else meta.get("title"), "clean_text": info.clean_text if info else None,
        "raw": item.raw, "meta": json.dumps(meta, ensure_ascii=False),
        "record": o.record.to_json(indent=None) if o.record else None,
        "status": "ok" if o.ok else "failed", "error": o.error, "stage": o.stage,
        "veille_version": __version__, "updated_at": now,
    }


def _next_version(conn: Connection, key: str | None) -> int:
    if key is None:
        return 1
    top = conn.execute(select(func.max(documents.c.version)).where(documents.c.source_key == key)).scalar()
    return (top or 0) + 1


def _becomes_current(conn: Connection, doc_id: str, key: str | None, version: int, *, now: str) -> bool:
    """Make this the current version of its source unless a newer good one exists; the older
    versions leave their clusters."""
    if key is not None:
        c = documents.c
        newer = conn.execute(select(c.id).where(and_(c.source_key == key, c.status == "ok",
                                                     c.version > version, c.id != doc_id))).first()
        if newer is not None:
            return False
        older = conn.execute(select(c.id).where(and_(c.source_key == key, c.current.is_(True),
                                                     c.id != doc_id))).scalars().all()
        for old in older:
            clusters.detach_document(conn, old, now=now)
            conn.execute(update(documents).where(c.id == old).values(current=False, updated_at=now))
    conn.execute(update(documents).where(documents.c.id == doc_id).values(current=True))
    return True


def _write_facts(conn: Connection, doc_id: str, rec: Record) -> None:
    keys = {a.id: actor_key(a.name) for a in rec.actors}
    _upsert_actors(conn, rec)
    event_places = [e.place for e in rec.events if e.place and e.place.get("name")]
    _upsert(conn, places, [_place_row(p.ref()) for p in rec.places] + [_place_row(p) for p in event_places])
    _insert(conn, document_places, [
        {"document_id": doc_id, "idx": i, "place_key": place_key(p.ref()), "mentions": _json(p.mentions)}
        for i, p in enumerate(rec.places)])
    _insert(conn, document_actors, [
        {"document_id": doc_id, "local_id": a.id, "actor_key": keys[a.id], "role": a.role,
         "mentions": _json(a.mentions)} for a in rec.actors])
    _insert(conn, statements, [_statement_row(doc_id, i, s, keys) for i, s in enumerate(rec.statements)])
    _insert(conn, events, [_event_row(doc_id, i, e, keys) for i, e in enumerate(rec.events)])


def _upsert_actors(conn: Connection, rec: Record) -> None:
    """One row per canonical name; an actor first seen as provisional is upgraded when a
    document knows it properly."""
    rows = {}
    for a in rec.actors:
        rows.setdefault(actor_key(a.name), {"key": actor_key(a.name), "name": a.name, "kind": a.kind,
                                            "country_code": a.country_code, "provisional": a.provisional})
    if not rows:
        return
    stmt = _dialect_insert(conn, actors)
    stmt = stmt.on_conflict_do_update(
        index_elements=["key"],
        set_={"name": stmt.excluded.name, "kind": stmt.excluded.kind,
              "country_code": stmt.excluded.country_code, "provisional": stmt.excluded.provisional},
        where=and_(actors.c.provisional.is_(True), stmt.excluded.provisional.is_(False)))
    conn.execute(stmt, list(rows.values()))


def _upsert(conn: Connection, table, rows: list[dict]) -> None:
    unique = {r["key"]: r for r in rows}
    if unique:
        conn.execute(_dialect_insert(conn, table).on_conflict_do_nothing(index_elements=["key"]),
                     list(unique.values()))


def _dialect_insert(conn: Connection, table):
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


def _insert(conn: Connection, table, rows: list[dict]) -> None:
    if rows:
        conn.execute(insert(table), rows)


def _place_row(p: dict[str, Any]) -> dict[str, Any]:
    return {"key": place_key(p), "geonameid": p.get("geonameid"), "name": p["name"], "kind": p.get("kind"),
            "country_code": p.get("country_code"), "lat": p.get("lat"), "lon": p.get("lon")}


def _statement_row(doc_id: str, i: int, s, keys: dict[str, str]) -> dict[str, Any]:
    speaker_key = keys.get(s.speaker_actor) if s.speaker_actor else None
    return {
        "document_id": doc_id, "idx": i, "speaker": s.speaker,
        "speaker_key": speaker_key or (actor_key(s.speaker) if s.speaker else None),
        "cue": s.cue, "kind": s.kind, "act": s.act,
        "date_start": s.date.start if s.date else None, "date_end": s.date.end if s.date else None,
        **_span_cols("content", s.content), **_span_cols("evidence", s.evidence),
        "data": _json(s),
    }


def _event_row(doc_id: str, i: int, e, keys: dict[str, str]) -> dict[str, Any]:
    p = e.place or {}
    return {
        "id": f"{doc_id}:{i}", "document_id": doc_id, "idx": i,
        "event_type": e.event_type, "sub_event_type": e.sub_event_type, "plover": e.plover,
        "actor1": e.actor1, "actor2": e.actor2,
        "actor1_key": _actor_ref(e.actor1_id, e.actor1, keys), "actor2_key": _actor_ref(e.actor2_id, e.actor2, keys),
        "place_key": place_key(p) if p.get("name") else None, "place_name": p.get("name"),
        "place_kind": p.get("kind"), "country_code": p.get("country_code"), "lat": p.get("lat"), "lon": p.get("lon"),
        "date_start": e.date.start if e.date else None, "date_end": e.date.end if e.date else None,
        "date_precision": e.date.precision if e.date else None,
        "fatalities": e.fatalities, "modality": e.modality, "claimed_by": e.claimed_by,
        "historical": bool(e.historical), **_span_cols("evidence", e.evidence), "data": _json(e),
    }


def _actor_ref(actor_id: str | None, name: str | None, keys: dict[str, str]) -> str | None:
    if actor_id and actor_id in keys:
        return keys[actor_id]
    return actor_key(name) if name else None


def _span_cols(prefix: str, span) -> dict[str, Any]:
    return {f"{prefix}_start": span.start if span else None, f"{prefix}_end": span.end if span else None,
            f"{prefix}_text": span.text if span else None}


def _json(x: Any) -> str:
    plain = [asdict(i) for i in x] if isinstance(x, list) else asdict(x)
    return json.dumps(plain, ensure_ascii=False)
