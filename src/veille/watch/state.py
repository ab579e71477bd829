"""What ``veille watch`` remembers between rounds and restarts, in the store's database: each
source's validators and health, each feed entry seen, each page fetched (with its canonical URL
and content hash, so that a syndicated copy is stored once), and a log of fetches.

Every write is its own short transaction: a round killed at any moment leaves what it had
recorded, and the next round fetches only what was not recorded yet.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..store.schema import watch_entries, watch_fetches, watch_pages, watch_sources
from .feeds import Entry
from .fetch import FetchResult
from .sources import Source

INGESTED, UNCHANGED, DUPLICATE, FAILED = "ingested", "unchanged", "duplicate", "failed"
# fetched, but the pipeline failed on its text: stored as a failed document, which
# `veille ingest --retry-failed` runs again; fetching the page again would not help
NOT_EXTRACTED = "not_extracted"


@dataclass(frozen=True, slots=True)
class SeenEntry:
    updated: str | None
    status: str
    attempts: int


@dataclass(frozen=True, slots=True)
class SeenPage:
    url: str
    canonical_url: str | None
    content_hash: str | None
    document_id: str | None
    etag: str | None
    last_modified: str | None
    status: str


class WatchState:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- sources ----------------------------------------------------------------------------

    def sync_sources(self, sources: list[Source], *, now: str) -> None:
        """Add the sources not known yet; keep the outlet and language the file gives now."""
        with self.engine.begin() as conn:
            known = set(conn.execute(select(watch_sources.c.url)).scalars())
            for s in sources:
                if s.url in known:
                    conn.execute(update(watch_sources).where(watch_sources.c.url == s.url)
                                 .values(outlet=s.outlet, language=s.language))
                else:
                    conn.execute(insert(watch_sources).values(
                        url=s.url, outlet=s.outlet, language=s.language, consecutive_errors=0, entries=0,
                        articles=0, added_at=now))

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """The feed's ETag and Last-Modified from its last good fetch."""
        with self.engine.connect() as conn:
            row = conn.execute(select(watch_sources.c.etag, watch_sources.c.last_modified)
                               .where(watch_sources.c.url == url)).first()
        return (row.etag, row.last_modified) if row else (None, None)

    def feed_ok(self, url: str, *, new_entries: int, now: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(watch_sources).where(watch_sources.c.url == url).values(
                last_attempt_at=now, last_success_at=now, consecutive_errors=0,
                entries=watch_sources.c.entries + new_entries))

    def save_validators(self, url: str, *, etag: str | None, last_modified: str | None) -> None:
        """The feed's ETag and Last-Modified, for the next round's conditional request."""
        with self.engine.begin() as conn:
            conn.execute(update(watch_sources).where(watch_sources.c.url == url)
                         .values(etag=etag, last_modified=last_modified))

    def feed_failed(self, url: str, reason: str, *, now: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(watch_sources).where(watch_sources.c.url == url).values(
                last_attempt_at=now, last_error=reason, last_error_at=now,
                consecutive_errors=watch_sources.c.consecutive_errors + 1))

    def add_articles(self, counts: dict[str, int]) -> None:
        with self.engine.begin() as conn:
            for url, n in counts.items():
                if n:
                    conn.execute(update(watch_sources).where(watch_sources.c.url == url)
                                 .values(articles=watch_sources.c.articles + n))

    # --- entries and pages ------------------------------------------------------------------

    def seen_entries(self, source_url: str) -> dict[str, SeenEntry]:
        c = watch_entries.c
        with self.engine.connect() as conn:
            rows = conn.execute(select(c.entry_id, c.updated, c.status, c.attempts)
                                .where(c.source_url == source_url)).all()
        return {r.entry_id: SeenEntry(r.updated, r.status, r.attempts) for r in rows}

    def entries_to_retry(self, source_url: str, *, max_attempts: int) -> list[tuple[Entry, SeenEntry]]:
        """The source's entries whose page failed fewer than ``max_attempts`` times."""
        c = watch_entries.c
        q = select(c.entry_id, c.url, c.updated, c.status, c.attempts).where(
            and_(c.source_url == source_url, c.status == FAILED, c.attempts < max_attempts))
        with self.engine.connect() as conn:
            rows = conn.execute(q.order_by(c.first_seen_at)).all()
        return [(Entry(entry_id=r.entry_id, url=r.url, updated=r.updated, published=None, title=None),
                 SeenEntry(r.updated, r.status, r.attempts)) for r in rows]

    def save_entry(self, source_url: str, entry_id: str, *, url: str, updated: str | None, status: str,
                   error: str | None, document_id: str | None, tried: bool, now: str) -> None:
        c = watch_entries.c
        where = and_(c.source_url == source_url, c.entry_id == entry_id)
        values = {"url": url, "updated": updated, "status": status, "error": error, "last_seen_at": now}
        if document_id:
            values["document_id"] = document_id
        with self.engine.begin() as conn:
            attempts = (c.attempts + 1 if status == FAILED else 0) if tried else c.attempts
            hit = conn.execute(update(watch_entries).where(where).values(**values, attempts=attempts))
            if hit.rowcount == 0:
                conn.execute(insert(watch_entries).values(
                    source_url=source_url, entry_id=entry_id, first_seen_at=now, document_id=document_id,
                    attempts=1 if status == FAILED else 0, **{k: v for k, v in values.items() if k != "document_id"}))

    def page(self, url: str) -> SeenPage | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(watch_pages).where(watch_pages.c.url == url)).mappings().first()
        return SeenPage(**{k: row[k] for k in SeenPage.__slots__}) if row else None

    def duplicate_of(self, *, url: str, canonical_url: str | None, content_hash: str) -> SeenPage | None:
        """An other page already stored as this one: the same canonical URL, or the same text."""
        c = watch_pages.c
        same = c.content_hash == content_hash
        if canonical_url:
            same = same | (c.url == canonical_url) | (c.canonical_url == canonical_url)
        q = (select(watch_pages).where(and_(c.url != url, c.document_id.is_not(None), same))
             .order_by(c.fetched_at).limit(1))
        with self.engine.connect() as conn:
            row = conn.execute(q).mappings().first()
        return SeenPage(**{k: row[k] for k in SeenPage.__slots__}) if row else None

    def save_page(self, page: SeenPage, *, error: str | None, now: str) -> None:
        values = {k: getattr(page, k) for k in SeenPage.__slots__}
        values.update(error=error, fetched_at=now)
        with self.engine.begin() as conn:
            stmt = _insert(conn, watch_pages).values(**values)
            conn.execute(stmt.on_conflict_do_update(index_elements=["url"],
                                                    set_={k: v for k, v in values.items() if k != "url"}))

    # --- the fetch log ------------------------------------------------------------------------

    def log_fetch(self, result: FetchResult, *, kind: str, outcome: str, reason: str | None, now: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(watch_fetches).values(
                id=uuid.uuid4().hex, at=now, url=result.url, kind=kind, http_status=result.status, outcome=outcome,
                reason=reason, seconds=round(result.seconds, 3)))

    def prune_log(self, *, before: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(watch_fetches).where(watch_fetches.c.at < before))


def _insert(conn: Connection, table):
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


def list_sources(conn: Connection) -> list[dict[str, Any]]:
    """Every source with its health and what it brought, for ``veille sources`` and the API."""
    c = watch_sources.c
    pending = (select(watch_entries.c.source_url, func.count().label("n"))
               .where(watch_entries.c.status.in_((FAILED, NOT_EXTRACTED))).group_by(watch_entries.c.source_url).subquery())
    q = (select(c.url, c.outlet, c.language, c.last_attempt_at, c.last_success_at, c.last_error, c.last_error_at,
                c.consecutive_errors, c.entries, c.articles, c.added_at,
                func.coalesce(pending.c.n, 0).label("failed_entries"))
         .select_from(watch_sources.outerjoin(pending, pending.c.source_url == c.url))
         .order_by(c.added_at, c.url))
    out = []
    for r in conn.execute(q).mappings():
        row = dict(r)
        # an error older than the last success is history, not the source's state
        row["ok"] = row["last_error_at"] is None or (row["last_success_at"] or "") > row["last_error_at"]
        out.append(row)
    return out
