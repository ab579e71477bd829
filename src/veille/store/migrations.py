"""Numbered schema migrations, plain SQL that SQLite and PostgreSQL both accept, applied at open.

The ``schema_version`` table holds one row per applied migration. ``migrate`` applies the
missing ones in order, each in its own transaction under a lock (PostgreSQL: an advisory lock;
SQLite: ``BEGIN IMMEDIATE``), so two processes opening a new database at once do not race.

To change the schema: append a migration (never edit an applied one) and change
``schema.py`` to match; ``tests/test_store_schema.py`` checks that the two agree.

Where the two dialects cannot share one statement (an index's NULLS LAST, which PostgreSQL
needs to serve an ORDER BY ... DESC NULLS LAST and SQLite does not accept, since there NULL
sorts lowest anyway), a step is a ``PerDialect`` pair.

Portability rules kept here: TEXT for strings, dates (ISO ``YYYY-MM-DD``, which sort as text)
and JSON; DOUBLE PRECISION for coordinates; BOOLEAN; no auto-increment ids (ids are derived
from the document id, so re-ingesting writes the same keys).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Connection, Engine, text

# Any constant: the key of the PostgreSQL advisory lock held while migrating.
PG_LOCK_KEY = 0x7665696C6C65  # "veille"


@dataclass(frozen=True)
class PerDialect:
    """One step written for each dialect."""
    sqlite: str
    postgresql: str

    def for_dialect(self, name: str) -> str:
        return self.postgresql if name == "postgresql" else self.sqlite


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str | PerDialect, ...]


V1 = (
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        source_key TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        current BOOLEAN NOT NULL DEFAULT FALSE,
        source TEXT, url TEXT, outlet TEXT, language TEXT, published TEXT, title TEXT,
        clean_text TEXT,
        raw TEXT NOT NULL,
        meta TEXT,
        record TEXT,
        status TEXT NOT NULL,
        error TEXT,
        stage TEXT,
        veille_version TEXT,
        ingested_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX ix_documents_source_key ON documents (source_key, version)",
    "CREATE INDEX ix_documents_status ON documents (status)",
    "CREATE INDEX ix_documents_published ON documents (published)",
    """CREATE TABLE places (
        key TEXT PRIMARY KEY,
        geonameid BIGINT,
        name TEXT NOT NULL,
        kind TEXT,
        country_code TEXT,
        lat DOUBLE PRECISION,
        lon DOUBLE PRECISION
    )""",
    "CREATE INDEX ix_places_country ON places (country_code)",
    """CREATE TABLE document_places (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        place_key TEXT NOT NULL REFERENCES places (key),
        mentions TEXT NOT NULL,
        PRIMARY KEY (document_id, idx)
    )""",
    "CREATE INDEX ix_document_places_place ON document_places (place_key)",
    """CREATE TABLE actors (
        key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT,
        country_code TEXT,
        provisional BOOLEAN NOT NULL DEFAULT FALSE
    )""",
    """CREATE TABLE document_actors (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        actor_key TEXT NOT NULL REFERENCES actors (key),
        role TEXT,
        mentions TEXT NOT NULL,
        PRIMARY KEY (document_id, local_id)
    )""",
    "CREATE INDEX ix_document_actors_actor ON document_actors (actor_key)",
    """CREATE TABLE statements (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        speaker TEXT,
        speaker_key TEXT,
        cue TEXT,
        kind TEXT,
        act TEXT,
        date_start TEXT, date_end TEXT,
        content_start INTEGER, content_end INTEGER, content_text TEXT,
        evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, evidence_text TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (document_id, idx)
    )""",
    "CREATE INDEX ix_statements_speaker ON statements (speaker_key)",
    "CREATE INDEX ix_statements_act ON statements (act)",
    """CREATE TABLE events (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        event_type TEXT NOT NULL,
        sub_event_type TEXT,
        plover TEXT,
        actor1 TEXT, actor2 TEXT,
        actor1_key TEXT, actor2_key TEXT,
        place_key TEXT, place_name TEXT, place_kind TEXT, country_code TEXT,
        lat DOUBLE PRECISION, lon DOUBLE PRECISION,
        date_start TEXT, date_end TEXT, date_precision TEXT,
        fatalities INTEGER,
        modality TEXT NOT NULL,
        claimed_by TEXT,
        historical BOOLEAN NOT NULL DEFAULT FALSE,
        evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, evidence_text TEXT NOT NULL,
        data TEXT NOT NULL,
        cluster_id TEXT
    )""",
    "CREATE INDEX ix_events_document ON events (document_id)",
    "CREATE INDEX ix_events_type ON events (event_type, sub_event_type)",
    "CREATE INDEX ix_events_date ON events (date_start, date_end)",
    "CREATE INDEX ix_events_latlon ON events (lat, lon)",
    "CREATE INDEX ix_events_modality ON events (modality)",
    "CREATE INDEX ix_events_actor1 ON events (actor1_key)",
    "CREATE INDEX ix_events_actor2 ON events (actor2_key)",
    "CREATE INDEX ix_events_country ON events (country_code)",
    "CREATE INDEX ix_events_cluster ON events (cluster_id)",
    """CREATE TABLE failures (
        id TEXT PRIMARY KEY,
        document_id TEXT,
        input TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        stage TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        first_at TEXT NOT NULL,
        last_at TEXT NOT NULL,
        resolved_at TEXT
    )""",
    "CREATE INDEX ix_failures_open ON failures (resolved_at)",
    """CREATE TABLE event_clusters (
        id TEXT PRIMARY KEY,
        event_type TEXT NOT NULL,
        sub_event_type TEXT,
        place_key TEXT, place_name TEXT, place_kind TEXT, country_code TEXT,
        lat DOUBLE PRECISION, lon DOUBLE PRECISION,
        date_start TEXT, date_end TEXT,
        actor1 TEXT, actor2 TEXT,
        actor_keys TEXT NOT NULL,
        n_events INTEGER NOT NULL,
        n_documents INTEGER NOT NULL,
        corroboration INTEGER NOT NULL,
        sources TEXT NOT NULL,
        modalities TEXT NOT NULL,
        fatalities_min INTEGER, fatalities_max INTEGER,
        contradiction BOOLEAN NOT NULL DEFAULT FALSE,
        contradiction_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX ix_clusters_type_date ON event_clusters (event_type, date_start, date_end)",
    "CREATE INDEX ix_clusters_place ON event_clusters (place_key)",
    "CREATE INDEX ix_clusters_corroboration ON event_clusters (corroboration)",
    "CREATE INDEX ix_clusters_contradiction ON event_clusters (contradiction)",
    """CREATE TABLE cluster_members (
        event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
        cluster_id TEXT NOT NULL REFERENCES event_clusters (id) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        source_identity TEXT NOT NULL,
        modality TEXT NOT NULL,
        sub_event_type TEXT,
        actor1_key TEXT,
        date_start TEXT, date_end TEXT,
        score DOUBLE PRECISION NOT NULL
    )""",
    "CREATE INDEX ix_cluster_members_cluster ON cluster_members (cluster_id)",
    "CREATE INDEX ix_cluster_members_document ON cluster_members (document_id)",
)

# the API lists events newest first: an index in that order lets a page stop after its rows
V2 = (
    "CREATE INDEX ix_events_order ON events (date_start DESC, id)",
)


def _listing_index(name: str, lead: str, covered: str) -> PerDialect:
    """An index in the API's listing order (current version first, then newest first, undated
    last), after the filter column ``lead``, carrying the ``covered`` columns so that counting
    the matches reads the index alone, not the table."""
    head = f"CREATE INDEX {name} ON events (current, {lead}"
    return PerDialect(f"{head}date_start DESC, id, {covered})",
                      f"{head}date_start DESC NULLS LAST, id, {covered})")


# Listing events joined every event to its document to keep the current versions only, and
# then sorted all the matches: a ``current`` flag on the events themselves (kept by the write
# path) and composite indexes (current, filter, date_start DESC, id) let a page read its rows
# in order and stop, and the capped count and the timeline read one index alone. They replace
# the single-column ones.
V3 = (
    "ALTER TABLE events ADD COLUMN current BOOLEAN NOT NULL DEFAULT FALSE",
    "UPDATE events SET current = TRUE WHERE document_id IN (SELECT id FROM documents WHERE current = TRUE)",
    "DROP INDEX ix_events_order",
    "DROP INDEX ix_events_date",
    "DROP INDEX ix_events_type",
    "DROP INDEX ix_events_modality",
    "DROP INDEX ix_events_country",
    _listing_index("ix_events_listing", "", "date_end, date_precision, lat, lon, actor1, actor2"),
    _listing_index("ix_events_listing_type", "event_type, ",
                   "date_end, date_precision, sub_event_type, actor1, actor2"),
    _listing_index("ix_events_listing_modality", "modality, ", "date_end, date_precision"),
    _listing_index("ix_events_listing_country", "country_code, ", "date_end, date_precision"),
)

# ``veille watch``: the feeds it follows, the entries and pages it has seen (so that a restart
# fetches nothing twice and a syndicated copy is stored once), and a log of its fetches.
V4 = (
    """CREATE TABLE watch_sources (
        url TEXT PRIMARY KEY,
        outlet TEXT,
        language TEXT,
        etag TEXT,
        last_modified TEXT,
        last_attempt_at TEXT,
        last_success_at TEXT,
        last_error TEXT,
        last_error_at TEXT,
        consecutive_errors INTEGER NOT NULL DEFAULT 0,
        entries INTEGER NOT NULL DEFAULT 0,
        articles INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL
    )""",
    """CREATE TABLE watch_entries (
        source_url TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        url TEXT,
        updated TEXT,
        status TEXT NOT NULL,
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        document_id TEXT,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        PRIMARY KEY (source_url, entry_id)
    )""",
    "CREATE INDEX ix_watch_entries_url ON watch_entries (url)",
    """CREATE TABLE watch_pages (
        url TEXT PRIMARY KEY,
        canonical_url TEXT,
        content_hash TEXT,
        document_id TEXT,
        etag TEXT,
        last_modified TEXT,
        status TEXT NOT NULL,
        error TEXT,
        fetched_at TEXT NOT NULL
    )""",
    "CREATE INDEX ix_watch_pages_canonical ON watch_pages (canonical_url)",
    "CREATE INDEX ix_watch_pages_hash ON watch_pages (content_hash)",
    """CREATE TABLE watch_fetches (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        url TEXT NOT NULL,
        kind TEXT NOT NULL,
        http_status INTEGER,
        outcome TEXT NOT NULL,
        reason TEXT,
        seconds DOUBLE PRECISION
    )""",
    "CREATE INDEX ix_watch_fetches_at ON watch_fetches (at)",
)

# An actor acting with actor1 (ACLED's assoc_actor_1: "les jihadistes et les factions pro-turques").
V5: tuple[str, ...] = (
    "ALTER TABLE events ADD COLUMN assoc_actor1 TEXT",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, entities, statements, events, failures, clusters", V1),
    Migration(2, "events in listing order", V2),
    Migration(3, "events: current flag and listing indexes", V3),
    Migration(4, "watched feeds, their entries and pages, the fetch log", V4),
    Migration(5, "events: the associated actor of actor1", V5),
)

LATEST = MIGRATIONS[-1].version

_VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)"""


def current_version(conn: Connection) -> int:
    return int(conn.execute(text("SELECT COALESCE(MAX(version), 0) FROM schema_version")).scalar_one())


def migrate(engine: Engine) -> list[int]:
    """Apply the missing migrations; return the versions applied now."""
    applied: list[int] = []
    for migration in MIGRATIONS:
        with engine.begin() as conn:
            _lock(conn)
            conn.execute(text(_VERSION_TABLE))
            if current_version(conn) >= migration.version:
                continue
            for statement in migration.statements:
                if isinstance(statement, PerDialect):
                    statement = statement.for_dialect(conn.dialect.name)
                conn.execute(text(statement))
            conn.execute(text("INSERT INTO schema_version (version, name, applied_at) VALUES (:v, :n, :t)"),
                         {"v": migration.version, "n": migration.name,
                          "t": datetime.now(timezone.utc).isoformat(timespec="seconds")})
            applied.append(migration.version)
    return applied


def _lock(conn: Connection) -> None:
    """Serialise migrations between processes (SQLite's BEGIN IMMEDIATE already does)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
