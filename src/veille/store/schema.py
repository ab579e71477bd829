"""The tables, as SQLAlchemy Core objects for queries and writes.

The database itself is built by the numbered SQL migrations in ``migrations.py``; these objects
describe the same columns (``tests/test_store_schema.py`` checks that they agree) so that the
code reads and writes through Core on SQLite and PostgreSQL alike.

JSON is kept as TEXT (``*.data``, ``documents.record``, ``*.mentions``): one portable shape.
Shared entities: one ``places`` row per geonameid (or per name where there is none), one
``actors`` row per canonical name; ``document_places`` and ``document_actors`` link them to
documents with the mentions' spans.
"""
from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Float, Integer, MetaData, Table, Text

metadata = MetaData()


def _spans(prefix: str, *, nullable: bool) -> list[Column]:
    return [Column(f"{prefix}_start", Integer, nullable=nullable),
            Column(f"{prefix}_end", Integer, nullable=nullable),
            Column(f"{prefix}_text", Text, nullable=nullable)]


schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("applied_at", Text, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", Text, primary_key=True),
    Column("source_key", Text),  # url, else source path: what makes a changed article a new version
    Column("version", Integer, nullable=False),
    Column("current", Boolean, nullable=False),  # the newest good version of its source_key
    Column("source", Text), Column("url", Text), Column("outlet", Text), Column("language", Text),
    Column("published", Text), Column("title", Text),
    Column("clean_text", Text),
    Column("raw", Text, nullable=False),
    Column("meta", Text),  # the reader's metadata, JSON: enough to run the document again
    Column("record", Text),  # the whole record, JSON
    Column("status", Text, nullable=False),  # "ok" | "failed"
    Column("error", Text),
    Column("stage", Text),
    Column("veille_version", Text),
    Column("ingested_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)

places = Table(
    "places", metadata,
    Column("key", Text, primary_key=True),
    Column("geonameid", BigInteger),
    Column("name", Text, nullable=False),
    Column("kind", Text),
    Column("country_code", Text),
    Column("lat", Float), Column("lon", Float),
)

document_places = Table(
    "document_places", metadata,
    Column("document_id", Text, primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("place_key", Text, nullable=False),
    Column("mentions", Text, nullable=False),
)

actors = Table(
    "actors", metadata,
    Column("key", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", Text),
    Column("country_code", Text),
    Column("provisional", Boolean, nullable=False),
)

document_actors = Table(
    "document_actors", metadata,
    Column("document_id", Text, primary_key=True),
    Column("local_id", Text, primary_key=True),
    Column("actor_key", Text, nullable=False),
    Column("role", Text),
    Column("mentions", Text, nullable=False),
)

statements = Table(
    "statements", metadata,
    Column("document_id", Text, primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("speaker", Text), Column("speaker_key", Text),
    Column("cue", Text), Column("kind", Text), Column("act", Text),
    Column("date_start", Text), Column("date_end", Text),
    *_spans("content", nullable=True),
    *_spans("evidence", nullable=False),
    Column("data", Text, nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", Text, primary_key=True),  # "<document id>:<index>"
    Column("document_id", Text, nullable=False),
    Column("idx", Integer, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text), Column("plover", Text),
    Column("actor1", Text), Column("actor2", Text),
    Column("actor1_key", Text), Column("actor2_key", Text),
    Column("place_key", Text), Column("place_name", Text), Column("place_kind", Text),
    Column("country_code", Text),
    Column("lat", Float), Column("lon", Float),
    Column("date_start", Text), Column("date_end", Text), Column("date_precision", Text),
    Column("fatalities", Integer),
    Column("modality", Text, nullable=False),
    Column("claimed_by", Text),
    Column("historical", Boolean, nullable=False),
    *_spans("evidence", nullable=False),
    Column("data", Text, nullable=False),
    Column("cluster_id", Text),
    Column("current", Boolean, nullable=False),  # its document is the current version (= documents.current)
    Column("assoc_actor1", Text),  # an actor acting with actor1 (ACLED's assoc_actor_1; migration 5)
)

failures = Table(
    "failures", metadata,
    Column("id", Text, primary_key=True),
    Column("document_id", Text),  # null when the input could not even be read
    Column("input", Text, nullable=False),
    Column("code", Text, nullable=False),
    Column("message", Text, nullable=False),
    Column("stage", Text),
    Column("attempts", Integer, nullable=False),
    Column("first_at", Text, nullable=False),
    Column("last_at", Text, nullable=False),
    Column("resolved_at", Text),
)

event_clusters = Table(
    "event_clusters", metadata,
    Column("id", Text, primary_key=True),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text),
    Column("place_key", Text), Column("place_name", Text), Column("place_kind", Text),
    Column("country_code", Text),
    Column("lat", Float), Column("lon", Float),
    Column("date_start", Text), Column("date_end", Text),
    Column("actor1", Text), Column("actor2", Text),
    Column("actor_keys", Text, nullable=False),  # JSON list of every member's actor keys
    Column("n_events", Integer, nullable=False),
    Column("n_documents", Integer, nullable=False),
    Column("corroboration", Integer, nullable=False),  # distinct sources that do not deny it
    Column("sources", Text, nullable=False),  # JSON list of source identities
    Column("modalities", Text, nullable=False),  # JSON {modality: count}
    Column("fatalities_min", Integer), Column("fatalities_max", Integer),
    Column("contradiction", Boolean, nullable=False),
    Column("contradiction_reason", Text),
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)

cluster_members = Table(
    "cluster_members", metadata,
    Column("event_id", Text, primary_key=True),
    Column("cluster_id", Text, nullable=False),
    Column("document_id", Text, nullable=False),
    Column("source_identity", Text, nullable=False),
    Column("modality", Text, nullable=False),
    Column("sub_event_type", Text),
    Column("actor1_key", Text),
    Column("date_start", Text), Column("date_end", Text),  # the dates it was clustered on
    Column("score", Float, nullable=False),  # how well it matched its cluster (0: it founded it)
)

# --- veille watch (migration 4) ---------------------------------------------------------------

watch_sources = Table(
    "watch_sources", metadata,
    Column("url", Text, primary_key=True),  # the feed's URL, as the sources file gives it
    Column("outlet", Text), Column("language", Text),
    Column("etag", Text), Column("last_modified", Text),  # for the next conditional request
    Column("last_attempt_at", Text), Column("last_success_at", Text),
    Column("last_error", Text), Column("last_error_at", Text),
    Column("consecutive_errors", Integer, nullable=False),
    Column("entries", Integer, nullable=False),  # entries seen in the feed, ever
    Column("articles", Integer, nullable=False),  # documents ingested from it (new versions count)
    Column("added_at", Text, nullable=False),
)

watch_entries = Table(
    "watch_entries", metadata,
    Column("source_url", Text, primary_key=True),
    Column("entry_id", Text, primary_key=True),  # the entry's id (guid), else its link
    Column("url", Text),  # its link, normalised
    Column("updated", Text),  # its updated stamp as the feed gave it: a change means fetch again
    Column("status", Text, nullable=False),  # ingested | unchanged | duplicate | failed | not_extracted
    Column("error", Text),
    Column("attempts", Integer, nullable=False),  # failed fetches in a row: tried again up to a limit
    Column("document_id", Text),
    Column("first_seen_at", Text, nullable=False),
    Column("last_seen_at", Text, nullable=False),
)

watch_pages = Table(
    "watch_pages", metadata,
    Column("url", Text, primary_key=True),  # the page's URL, normalised
    Column("canonical_url", Text),  # what the page says it is (<link rel=canonical>), normalised
    Column("content_hash", Text),  # of its article body, whitespace folded: the same text under two URLs
    Column("document_id", Text),
    Column("etag", Text), Column("last_modified", Text),
    Column("status", Text, nullable=False),  # as its entries'
    Column("error", Text),
    Column("fetched_at", Text, nullable=False),
)

watch_fetches = Table(
    "watch_fetches", metadata,
    Column("id", Text, primary_key=True),
    Column("at", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("kind", Text, nullable=False),  # feed | page
    Column("http_status", Integer),  # none when no answer came back
    Column("outcome", Text, nullable=False),  # ok | not_modified | error
    Column("reason", Text),
    Column("seconds", Float),
)
