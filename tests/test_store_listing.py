"""Listing events fast: each event carries its document's ``current`` flag (migration 3), which
the write path keeps equal to ``documents.current`` whenever a newer version of an article
replaces an older one; listing reads that flag instead of joining the documents; the capped
count never says fewer events than a page lists; reads take no write lock on SQLite. On SQLite
and PostgreSQL."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from dbfixtures import KHERSON, db_url, event, failed_outcome, outcome, store  # noqa: F401
from veille.store import migrations, open_store, queries
from veille.store.queries import EventFilter

RAW = ("Trois civils ont été tués mardi à Kherson par une frappe de drone russe, "
       "a annoncé l'administration militaire régionale.\n")


def _version(raw: str, source: str = "a.txt", day: str = "2025-03-11"):
    return outcome(raw, source=source, events=[
        event(raw, "frappe de drone russe", event_type="Explosions/Remote violence", sub="Air/drone strike",
              actor1="Military Forces of Russia", place=KHERSON, day=day, fatalities=3)])


def _flags(store) -> dict[str, tuple[bool, bool]]:
    """{event id: (events.current, documents.current)}."""
    q = sa.text("SELECT e.id, e.current, d.current FROM events e JOIN documents d ON d.id = e.document_id")
    with store.engine.connect() as conn:
        return {r[0]: (bool(r[1]), bool(r[2])) for r in conn.execute(q)}


def _listed(store, **filters) -> list[str]:
    with store.reader() as conn:
        return [e["id"] for e in queries.list_events(conn, EventFilter(**filters), limit=50).items]


def _agree(store) -> None:
    flags = _flags(store)
    assert flags and all(ev == doc for ev, doc in flags.values()), flags


@pytest.mark.parametrize("one_batch", [False, True], ids=["two_writes", "one_batch"])
def test_store_events_leave_the_listing_when_a_newer_version_replaces_their_article(store, one_batch):
    old = _version(RAW)
    new = _version(RAW.replace("Trois civils", "Quatre civils"))
    if one_batch:
        store.write([old, new])
    else:
        store.write([old])
        assert _listed(store) == [f"{old.item.id}:0"]
        store.write([new])
    _agree(store)
    assert _flags(store)[f"{new.item.id}:0"] == (True, True)
    assert _listed(store) == [f"{new.item.id}:0"]
    assert sorted(_listed(store, all_versions=True)) == sorted([f"{old.item.id}:0", f"{new.item.id}:0"])


def test_store_an_older_version_retried_after_a_newer_one_stays_out_of_the_listing(store):
    old_raw = RAW
    store.write([failed_outcome(old_raw, source="a.txt")])  # version 1 failed
    new = _version(RAW.replace("Trois civils", "Quatre civils"))
    store.write([new])  # version 2, current
    retried = _version(old_raw)
    assert store.write([retried]) == ["ingested"]  # version 1 now extracted, but not the newest
    _agree(store)
    assert _flags(store)[f"{retried.item.id}:0"] == (False, False)
    assert _listed(store) == [f"{new.item.id}:0"]


def test_store_other_articles_keep_their_flag_when_one_article_changes(store):
    other = _version(RAW.replace("Kherson par", "Kherson, selon la mairie, par"), source="b.txt")
    store.write([_version(RAW), other])
    store.write([_version(RAW.replace("Trois civils", "Quatre civils"))])
    _agree(store)
    assert f"{other.item.id}:0" in _listed(store)


def test_store_migration_3_sets_the_flag_of_events_already_stored(db_url, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
    before = open_store(db_url)  # a database as migration 2 left it
    old, new = _version(RAW), _version(RAW.replace("Trois civils", "Quatre civils"))
    with before.engine.begin() as conn:
        for doc, current in ((old, False), (new, True)):
            conn.execute(sa.text(
                "INSERT INTO documents (id, source_key, version, current, raw, status, ingested_at, updated_at) "
                "VALUES (:id, 'a.txt', :v, :c, :raw, 'ok', 'now', 'now')"),
                {"id": doc.item.id, "v": 2 if current else 1, "c": current, "raw": doc.item.raw})
            conn.execute(sa.text(
                "INSERT INTO events (id, document_id, idx, event_type, modality, historical, evidence_start, "
                "evidence_end, evidence_text, data) VALUES (:id, :doc, 0, 'Battles', 'asserted', FALSE, 0, 1, "
                "'x', '{}')"), {"id": f"{doc.item.id}:0", "doc": doc.item.id})
    before.close()
    monkeypatch.undo()
    after = open_store(db_url)
    assert _flags(after) == {f"{old.item.id}:0": (False, False), f"{new.item.id}:0": (True, True)}
    after.close()


# six events, a cap of three: a page counts up to the cap or up to its own end, if further
@pytest.mark.parametrize("limit,offset,total,capped", [(2, 0, 3, True), (2, 3, 5, True), (5, 2, 6, False),
                                                       (10, 0, 6, False)])
def test_store_capped_count_never_says_fewer_events_than_the_page_reaches(store, monkeypatch, limit, offset,
                                                                          total, capped):
    days = [f"2025-03-{d:02d}" for d in range(1, 7)]
    store.write([_version(RAW.replace("mardi", f"le {d}"), source=f"{d}.txt", day=d) for d in days])
    monkeypatch.setattr(queries, "EVENT_COUNT_CAP", 3)
    with store.reader() as conn:
        page = queries.list_events(conn, EventFilter(), limit=limit, offset=offset)
    assert (page.total, page.total_capped) == (total, capped)
    assert page.total >= offset + len(page.items)


def test_store_readers_do_not_wait_for_the_writer_on_sqlite(tmp_path):
    from veille.settings import Settings

    s = open_store(f"sqlite:///{tmp_path / 'x.db'}", settings=Settings.load(store__sqlite_busy_timeout_s=0.2))
    s.write([_version(RAW)])
    with s.engine.begin() as writer:  # BEGIN IMMEDIATE: holds the write lock
        writer.execute(sa.text("UPDATE documents SET title = 'x'"))
        with s.reader() as one, s.reader() as two:  # would be "database is locked" if they took it too
            assert one.execute(sa.text("SELECT COUNT(*) FROM events")).scalar_one() == 1
            assert two.execute(sa.text("SELECT COUNT(*) FROM documents WHERE title = 'x'")).scalar_one() == 0
    s.close()


BENCH_FILTERS = {
    "none": EventFilter(),
    "type": EventFilter(event_type=["Battles"]),
    "modality_dates": EventFilter(modality=["claimed"], date_from="2024-06-01", date_to="2024-09-30"),
    "bbox": EventFilter(bbox=queries.parse_bbox("35,30,40,38")),
    "actor_type": EventFilter(actor="rebels", event_type=["Explosions/Remote violence"]),
    "country_date": EventFilter(country="SD", date_from="2024-01-01"),
}


@pytest.mark.parametrize("name", BENCH_FILTERS)
def test_store_sqlite_lists_in_index_order_and_counts_from_an_index(tmp_path, name):
    """The plan the listing indexes exist for (SQLite, which keeps no statistics, chooses it by
    rule, so an empty database shows the plan of a full one): the page reads an index in
    listing order and stops (no sort), and the count reads one index alone (no table row)."""
    s = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    seen: list[tuple[str, object]] = []
    sa.event.listen(s.engine, "before_cursor_execute", lambda _c, _cur, sql, params, *_: seen.append((sql, params)))
    with s.reader() as conn:
        queries.list_events(conn, BENCH_FILTERS[name], limit=50)
        listed = [(sql, p) for sql, p in seen if "FROM events" in sql]
        assert len(listed) == 2  # the page and its count in one statement, and the count again (empty page)
        sql, params = listed[0]
        plan = " | ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params))
    s.close()
    assert "TEMP B-TREE" not in plan, plan
    assert "USING INDEX ix_events_listing" in plan and "USING COVERING INDEX ix_events_listing" in plan, plan
