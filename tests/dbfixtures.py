"""Database fixtures for the store, ingest and engine tests: every such test runs on SQLite and
on PostgreSQL. PostgreSQL cases skip unless $VEILLE_TEST_POSTGRES_URL names a server (.ci/run
starts one and sets it); each test gets a schema of its own there, dropped afterwards."""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import pytest

PG_ENV = "VEILLE_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


def _pg_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"${PG_ENV} is not set: no PostgreSQL server to test against")
    return url


@contextmanager
def pg_schema_url():
    """A URL to a schema of its own on the PostgreSQL server of $VEILLE_TEST_POSTGRES_URL, dropped
    at the end of the ``with`` (skips where the variable is not set)."""
    import sqlalchemy as sa

    base = _pg_url()
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """A URL to an empty database: a SQLite file, or a fresh schema on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'veille.db'}"
        return
    with pg_schema_url() as url:
        yield url


@pytest.fixture
def store(db_url):
    from veille.store import open_store

    s = open_store(db_url)
    yield s
    s.close()


# --- records built by hand, so the store tests need no model and no extraction stage -----------

KHERSON = {"name": "Kherson", "geonameid": 706448, "country_code": "UA", "lat": 46.65581, "lon": 32.6178,
           "kind": "city"}
KHARKIV = {"name": "Kharkiv", "geonameid": 706483, "country_code": "UA", "lat": 49.98081, "lon": 36.25272,
           "kind": "city"}
UKRAINE = {"name": "Ukraine", "geonameid": 690791, "country_code": "UA", "lat": 49.0, "lon": 32.0,
           "kind": "country"}
BARA = {"name": "Bara", "geonameid": 378493, "country_code": "SD", "lat": 13.7, "lon": 30.36667, "kind": "city"}


def span(raw: str, phrase: str):
    from veille.record import Span

    start = raw.index(phrase)
    return Span.of(raw, start, start + len(phrase))


def event(raw: str, phrase: str, *, event_type: str, sub: str | None = None, actor1: str | None = None,
          actor2: str | None = None, place: dict | None = None, day: str | None = None, modality="asserted",
          fatalities: int | None = None, historical: bool = False):
    from veille.record import DateValue, Event

    return Event(event_type=event_type, sub_event_type=sub, plover=None, actor1=actor1, actor2=actor2,
                 evidence=span(raw, phrase), place=place, date=DateValue(day, day, "day") if day else None,
                 fatalities=fatalities, modality=modality, historical=historical)


def outcome(raw: str, *, events=(), actors=(), places=(), source="test.txt", published="2025-03-12",
            outlet: str | None = None, url: str | None = None, source_key: str | None = None):
    """The Outcome an engine would hand the store for ``raw``, with these facts."""
    from veille.engines.work import Outcome, WorkItem
    from veille.record import Actor, DocumentInfo, Place, Record

    meta = {k: v for k, v in (("published", published), ("outlet", outlet), ("url", url)) if v}
    item = WorkItem(raw=raw, source=source, meta=meta, source_key=source_key or source)
    acts = [Actor(f"a{i}", name, kind, mentions=[span(raw, mention)] if mention else [])
            for i, (name, kind, mention) in enumerate(actors)]
    plcs = [Place(p["name"], p["geonameid"], p["kind"], p["country_code"], p["lat"], p["lon"],
                  mentions=[span(raw, mention)]) for p, mention in places]
    info = DocumentInfo(id=item.id, source=source, language="fr", published=published, title=raw.split("\n")[0],
                        clean_text=raw, credits={"photos": [], "sources": []}, outlet=outlet, url=url)
    return Outcome(item, Record(document=info, places=plcs, actors=acts, events=list(events)))


def failed_outcome(raw: str, *, error="ValueError: boom", stage="events", source="bad.txt"):
    from veille.engines.work import Outcome, WorkItem

    return Outcome(WorkItem(raw=raw, source=source, meta={}, source_key=source), None, error=error, stage=stage)
