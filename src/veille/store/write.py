"""The one write path: a document's whole record, in the caller's transaction.

``write_outcomes`` writes a batch of documents (each one's row, the shared places and actors
it names, its statements and events, their clusters), or records why one failed; ``Store.write``
calls it inside one transaction, and ``write_outcome`` is the batch of one that ``Store`` falls
back to when a batch breaks a rule. Nothing else writes documents. A batch stores exactly what
its documents written one at a time would (``tests/test_store_batch.py``), in far fewer
statements: ~4 a document plus ~6 a batch, each built once so SQLAlchemy's compiled cache
serves it. Re-writing a document already stored as ``ok`` does nothing ("unchanged"): the id is
the hash of the raw text, so ingesting twice stores once.
"""
from __future__ import annotations

import json
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, and_, bindparam, insert, select, text, update
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

# Built once, so that SQLAlchemy serves each from its compiled cache without rebuilding and
# re-coercing the expression per document (most of a small document's write cost).
_d = documents.c
_PG_LOCK = text("SELECT pg_advisory_xact_lock(:k)")
_STATUSES = select(_d.id, _d.status, _d.version).where(_d.id.in_(bindparam("ids", expanding=True)))
_SIBLINGS = select(_d.id, _d.version, _d.status, _d.current).where(
    and_(_d.source_key == bindparam("key"), _d.id != bindparam("doc_id")))
_INSERT_DOCUMENT = insert(documents)
_UPDATE_DOCUMENT = update(documents).where(_d.id == bindparam("doc_id"))
_NOT_CURRENT = update(documents).where(_d.id == bindparam("doc_id")).values(
    current=False, updated_at=bindparam("now"))
# events.current repeats documents.current so that listing events needs no join: the two change together
_EVENTS_NOT_CURRENT = update(events).where(events.c.document_id == bindparam("doc_id")).values(current=False)
_RESOLVE_MANY = update(failures).where(and_(failures.c.id.in_(bindparam("ids", expanding=True)),
                                            failures.c.resolved_at.is_(None))).values(resolved_at=bindparam("now"))
_INSERT_DOCUMENT_PLACES = insert(document_places)
_INSERT_DOCUMENT_ACTORS = insert(document_actors)
_INSERT_STATEMENTS = insert(statements)
_INSERT_EVENTS = insert(events)
_UPSERT_ACTORS: dict[str, Any] = {}
_IN_CHUNK = 500  # ids a statement binds at most (old SQLite builds allow 999 variables)
_INSERT_NEW: dict[tuple[str, str], Any] = {}


def lock_writers(conn: Connection) -> None:
    """One writer at a time, across processes: two ingests into one database must not both
    found a cluster for the same event. SQLite's BEGIN IMMEDIATE already does this."""
    if conn.dialect.name == "postgresql":
        conn.execute(_PG_LOCK, {"k": PG_WRITE_LOCK})


def write_outcome(conn: Connection, o: Outcome, *, now: str, params: ClusterParams) -> str:
    """Write one document's outcome; return INGESTED, UNCHANGED or FAILED."""
    return write_outcomes(conn, [o], now=now, params=params)[0]


def write_outcomes(conn: Connection, outcomes: list[Outcome], *, now: str, params: ClusterParams) -> list[str]:
    """Write a batch of documents in the caller's transaction, in order; return each one's result.

    What no later document of the batch reads back (the shared places and actors, the links to
    them, the statements, the resolved failures) is gathered and written once for the whole
    batch, one statement per table; the rest goes document by document, since versions and
    clusters depend on the documents before."""
    known = _statuses(conn, [o.item.id for o in outcomes])
    batch = _Batch()
    results = [_write_one(conn, o, known, batch, now=now, params=params) for o in outcomes]
    batch.flush(conn, now=now)
    return results


class _Batch:
    """The rows a batch writes at its end."""

    def __init__(self) -> None:
        self.actors: dict[str, dict[str, Any]] = {}
        self.places: dict[str, dict[str, Any]] = {}
        self.document_places: list[dict[str, Any]] = []
        self.document_actors: list[dict[str, Any]] = []
        self.statements: list[dict[str, Any]] = []
        self.resolved: list[str] = []

    def add_actors(self, rows: dict[str, dict[str, Any]]) -> None:
        """As if each document's actors were upserted in turn: the first row of a key stays,
        unless it is provisional and a later one is not (the first such one wins)."""
        for key, row in rows.items():
            had = self.actors.get(key)
            if had is None or (had["provisional"] and not row["provisional"]):
                self.actors[key] = row

    def flush(self, conn: Connection, *, now: str) -> None:
        if self.actors:
            conn.execute(_upsert_actors_stmt(conn.dialect.name), list(self.actors.values()))
        if self.places:
            conn.execute(_insert_new_stmt(conn.dialect.name, "places"), list(self.places.values()))
        for stmt, rows in ((_INSERT_DOCUMENT_PLACES, self.document_places),
                           (_INSERT_DOCUMENT_ACTORS, self.document_actors), (_INSERT_STATEMENTS, self.statements)):
            if rows:
                conn.execute(stmt, rows)
        for i in range(0, len(self.resolved), _IN_CHUNK):
            conn.execute(_RESOLVE_MANY, {"ids": self.resolved[i:i + _IN_CHUNK], "now": now})


def _statuses(conn: Connection, ids: list[str]) -> dict[str, Any]:
    """{id: (status, version)} of those already stored."""
    out: dict[str, Any] = {}
    unique = list(dict.fromkeys(ids))
    for i in range(0, len(unique), _IN_CHUNK):
        out.update({r.id: r for r in conn.execute(_STATUSES, {"ids": unique[i:i + _IN_CHUNK]})})
    return out


def _write_one(conn: Connection, o: Outcome, known: dict[str, Any], batch: _Batch, *, now: str,
               params: ClusterParams) -> str:
    item = o.item
    row = known.get(item.id)
    if row is not None and row.status == "ok":
        return UNCHANGED
    key = source_key(item)
    plain = o.record.to_dict() if o.record else None
    values = _document_values(item, o, key, now, plain)
    siblings = _siblings(conn, key, item.id)
    version = row.version if row is not None else 1 + max((s.version for s in siblings), default=0)
    current = o.ok and _becomes_current(conn, siblings, version, now=now, params=params)
    if row is None:
        conn.execute(_INSERT_DOCUMENT, {**values, "version": version, "current": current, "ingested_at": now})
    else:  # it failed before: this is a retry
        changed = {k: v for k, v in values.items() if k != "id"}
        conn.execute(_UPDATE_DOCUMENT, {**changed, **({"current": True} if current else {}), "doc_id": item.id})
    known[item.id] = _Known(values["status"], version)
    if not o.ok:
        record_failure(conn, fid=f"doc:{item.id}", document_id=item.id, input=item.source or item.id,
                       code="extract", message=o.error or "failed", stage=o.stage, now=now)
        return FAILED
    batch.resolved.append(f"doc:{item.id}")
    rows = _gather_facts(batch, item.id, o.record, plain)
    for ev in rows:
        ev["current"] = current
    if current and rows:
        placement = clusters.choose(conn, rows, document_id=item.id, source_identity=source_identity(item),
                                    published=o.record.document.published, params=params, now=now)
        for ev, member in zip(rows, placement.members):
            ev["cluster_id"] = member["cluster_id"]
        conn.execute(_INSERT_EVENTS, rows)
        clusters.attach(conn, placement, now=now)
    elif rows:
        conn.execute(_INSERT_EVENTS, rows)
    return INGESTED


class _Known:
    """A document the batch has just written, as ``_statuses`` reads one."""

    def __init__(self, status: str, version: int) -> None:
        self.status, self.version = status, version


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
    conn.execute(_RESOLVE_MANY, {"ids": [fid], "now": now})


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


def _document_values(item: WorkItem, o: Outcome, key: str | None, now: str,
                     plain: dict[str, Any] | None) -> dict[str, Any]:
    info = o.record.document if o.record else None
    meta = item.meta
    return {
        "id": item.id, "source_key": key, "source": item.source, "url": meta.get("url"),
        "outlet": meta.get("outlet"), "language": info.language if info else None,
        "published": info.published if info else meta.get("published"),
        "title": info.title if info else meta.get("title"), "clean_text": info.clean_text if info else None,
        "raw": item.raw, "meta": json.dumps(meta, ensure_ascii=False),
        "record": json.dumps(plain, ensure_ascii=False) if plain is not None else None,  # = Record.to_json
        "status": "ok" if o.ok else "failed", "error": o.error, "stage": o.stage,
        "veille_version": __version__, "updated_at": now,
    }


def _siblings(conn: Connection, key: str | None, doc_id: str) -> list[Any]:
    """The other versions of this document's source: (id, version, status, current)."""
    if key is None:
        return []
    return conn.execute(_SIBLINGS, {"key": key, "doc_id": doc_id}).all()


def _becomes_current(conn: Connection, siblings: list[Any], version: int, *, now: str,
                     params: ClusterParams) -> bool:
    """This becomes the current version of its source unless a newer good one exists; the
    older versions leave their clusters."""
    if any(s.status == "ok" and s.version > version for s in siblings):
        return False
    for old in siblings:
        if old.current:
            clusters.detach_document(conn, old.id, now=now, params=params)
            conn.execute(_NOT_CURRENT, {"doc_id": old.id, "now": now})
            conn.execute(_EVENTS_NOT_CURRENT, {"doc_id": old.id})
    return True


def _gather_facts(batch: _Batch, doc_id: str, rec: Record, plain: dict[str, Any]) -> list[dict[str, Any]]:
    """Add the document's shared entities, links and statements to the batch; return its event rows."""
    keys = {a.id: actor_key(a.name) for a in rec.actors}
    mine: dict[str, dict[str, Any]] = {}
    for a in rec.actors:
        mine.setdefault(keys[a.id], {"key": keys[a.id], "name": a.name, "kind": a.kind,
                                     "country_code": a.country_code, "provisional": a.provisional})
    batch.add_actors(mine)
    event_places = [e.place for e in rec.events if e.place and e.place.get("name")]
    for p in [p.ref() for p in rec.places] + event_places:
        row = _place_row(p)
        batch.places.setdefault(row["key"], row)
    batch.document_places += [
        {"document_id": doc_id, "idx": i, "place_key": place_key(p.ref()), "mentions": _json(d["mentions"])}
        for i, (p, d) in enumerate(zip(rec.places, plain["places"]))]
    batch.document_actors += [
        {"document_id": doc_id, "local_id": a.id, "actor_key": keys[a.id], "role": a.role,
         "mentions": _json(d["mentions"])} for a, d in zip(rec.actors, plain["actors"])]
    batch.statements += [_statement_row(doc_id, i, s, keys, d)
                         for i, (s, d) in enumerate(zip(rec.statements, plain["statements"]))]
    return [_event_row(doc_id, i, e, keys, d) for i, (e, d) in enumerate(zip(rec.events, plain["events"]))]


def _upsert_actors_stmt(dialect: str):
    """One row per canonical name; an actor first seen as provisional is upgraded when a
    document knows it properly."""
    if dialect not in _UPSERT_ACTORS:
        stmt = _dialect_insert(dialect, actors)
        _UPSERT_ACTORS[dialect] = stmt.on_conflict_do_update(
            index_elements=["key"],
            set_={"name": stmt.excluded.name, "kind": stmt.excluded.kind,
                  "country_code": stmt.excluded.country_code, "provisional": stmt.excluded.provisional},
            where=and_(actors.c.provisional.is_(True), stmt.excluded.provisional.is_(False)))
    return _UPSERT_ACTORS[dialect]


def _insert_new_stmt(dialect: str, table_name: str):
    """INSERT that leaves a row already there (by key) as it is."""
    if (dialect, table_name) not in _INSERT_NEW:
        table = {"places": places}[table_name]
        _INSERT_NEW[dialect, table_name] = _dialect_insert(dialect, table).on_conflict_do_nothing(
            index_elements=["key"])
    return _INSERT_NEW[dialect, table_name]


def _dialect_insert(dialect: str, table):
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def _place_row(p: dict[str, Any]) -> dict[str, Any]:
    return {"key": place_key(p), "geonameid": p.get("geonameid"), "name": p["name"], "kind": p.get("kind"),
            "country_code": p.get("country_code"), "lat": p.get("lat"), "lon": p.get("lon")}


def _statement_row(doc_id: str, i: int, s, keys: dict[str, str], plain: dict[str, Any]) -> dict[str, Any]:
    speaker_key = keys.get(s.speaker_actor) if s.speaker_actor else None
    return {
        "document_id": doc_id, "idx": i, "speaker": s.speaker,
        "speaker_key": speaker_key or (actor_key(s.speaker) if s.speaker else None),
        "cue": s.cue, "kind": s.kind, "act": s.act,
        "date_start": s.date.start if s.date else None, "date_end": s.date.end if s.date else None,
        **_span_cols("content", s.content), **_span_cols("evidence", s.evidence),
        "data": _json(plain),
    }


def _event_row(doc_id: str, i: int, e, keys: dict[str, str], plain: dict[str, Any]) -> dict[str, Any]:
    p = e.place or {}
    return {
        "id": f"{doc_id}:{i}", "document_id": doc_id, "idx": i,
        "event_type": e.event_type, "sub_event_type": e.sub_event_type, "plover": e.plover,
        "actor1": e.actor1, "actor2": e.actor2, "assoc_actor1": e.assoc_actor1,
        "actor1_key": _actor_ref(e.actor1_id, e.actor1, keys), "actor2_key": _actor_ref(e.actor2_id, e.actor2, keys),
        "place_key": place_key(p) if p.get("name") else None, "place_name": p.get("name"),
        "place_kind": p.get("kind"), "country_code": p.get("country_code"), "lat": p.get("lat"), "lon": p.get("lon"),
        "date_start": e.date.start if e.date else None, "date_end": e.date.end if e.date else None,
        "date_precision": e.date.precision if e.date else None,
        "fatalities": e.fatalities, "modality": e.modality, "claimed_by": e.claimed_by,
        "historical": bool(e.historical), **_span_cols("evidence", e.evidence), "data": _json(plain),
        "cluster_id": None, "current": False,  # _write_one sets the document's own flag
    }


def _actor_ref(actor_id: str | None, name: str | None, keys: dict[str, str]) -> str | None:
    if actor_id and actor_id in keys:
        return keys[actor_id]
    return actor_key(name) if name else None


def _span_cols(prefix: str, span) -> dict[str, Any]:
    return {f"{prefix}_start": span.start if span else None, f"{prefix}_end": span.end if span else None,
            f"{prefix}_text": span.text if span else None}


def _json(plain: Any) -> str:
    """A part of the record, as its ``Record.to_dict`` form: the same JSON as the whole record holds."""
    return json.dumps(plain, ensure_ascii=False)
