"""The one write path: a document's whole record in one transaction, idempotent by id, a changed
article from the same source a new version, failures recorded with their reason, places and
actors shared between documents. On SQLite and PostgreSQL."""
from __future__ import annotations

import json

import sqlalchemy as sa

from dbfixtures import KHERSON, db_url, event, failed_outcome, outcome, store  # noqa: F401
from veille.record import Record

RAW_A = ("Trois civils ont été tués mardi à Kherson par une frappe de drone russe, "
         "a annoncé l'administration militaire régionale.\n")
RAW_B = ("A Kherson, une frappe de drone attribuée aux forces russes a fait trois morts mardi, "
         "selon le parquet régional.\n")


def _strike(raw: str, phrase: str, day="2025-03-11"):
    return event(raw, phrase, event_type="Explosions/Remote violence", sub="Air/drone strike",
                 actor1="Military Forces of Russia", place=KHERSON, day=day, fatalities=3)


def _count(store, table: str, where: str = "") -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT COUNT(*) FROM {table} {where}")).scalar_one()


def _doc_a():
    return outcome(RAW_A, source="a.txt", events=[_strike(RAW_A, "frappe de drone russe")],
                   actors=[("Military Forces of Russia", "military", "russe")], places=[(KHERSON, "Kherson")])


def test_store_write_is_idempotent_by_document_id(store):
    assert store.write([_doc_a()]) == ["ingested"]
    assert store.write([_doc_a()]) == ["unchanged"]
    assert store.write_one(_doc_a()) == ["unchanged"][0]
    assert _count(store, "documents") == 1
    assert _count(store, "events") == 1
    assert _count(store, "document_places") == 1
    assert _count(store, "cluster_members") == 1


def test_store_write_keeps_the_whole_record(store):
    o = _doc_a()
    store.write([o])
    assert store.record(o.item.id).to_dict() == o.record.to_dict()
    with store.engine.connect() as conn:
        ev = conn.execute(sa.text("SELECT * FROM events")).mappings().one()
        doc = conn.execute(sa.text("SELECT * FROM documents")).mappings().one()
    assert RAW_A[ev["evidence_start"]:ev["evidence_end"]] == ev["evidence_text"] == "frappe de drone russe"
    assert (ev["event_type"], ev["place_name"], ev["date_start"], ev["fatalities"]) == \
        ("Explosions/Remote violence", "Kherson", "2025-03-11", 3)
    assert ev["actor1_key"] == "military forces of russia"
    assert json.loads(ev["data"])["evidence"]["text"] == "frappe de drone russe"
    assert doc["raw"] == RAW_A and doc["status"] == "ok" and doc["current"] and doc["version"] == 1
    assert Record.from_dict(json.loads(doc["record"])).document.id == o.item.id


def test_store_places_and_actors_are_shared_entities(store):
    b = outcome(RAW_B, source="b.txt", events=[_strike(RAW_B, "frappe de drone")],
                actors=[("Military Forces of Russia", "military", "forces russes")], places=[(KHERSON, "Kherson")])
    assert store.write([_doc_a(), b]) == ["ingested", "ingested"]
    assert _count(store, "places") == 1
    assert _count(store, "actors") == 1
    assert _count(store, "document_places") == 2
    assert _count(store, "document_actors") == 2


def test_store_provisional_actor_is_upgraded_by_a_document_that_knows_it(store):
    raw1, raw2 = "Le groupe Wagner est cité.\n", "Wagner a recruté.\n"
    from veille.engines.work import Outcome

    first = outcome(raw1, source="1.txt", actors=[("Wagner", "group", "Wagner")])
    first.record.actors[0].provisional = True
    second = outcome(raw2, source="2.txt", actors=[("Wagner", "armed_group", "Wagner")])
    store.write([first])
    store.write([Outcome(second.item, second.record)])
    with store.engine.connect() as conn:
        row = conn.execute(sa.text("SELECT kind, provisional FROM actors")).one()
    assert row.kind == "armed_group" and not row.provisional


def test_store_changed_article_from_the_same_source_is_a_new_version(store):
    first = _doc_a()
    changed_raw = RAW_A.replace("Trois civils", "Quatre civils")
    second = outcome(changed_raw, source="a.txt", events=[_strike(changed_raw, "frappe de drone russe")])
    store.write([first])
    store.write([second])
    docs = {d["id"]: d for d in store.documents()}
    assert docs[first.item.id]["version"] == 1 and not docs[first.item.id]["current"]
    assert docs[second.item.id]["version"] == 2 and docs[second.item.id]["current"]
    # the old version's events leave their clusters: one source, counted once
    clusters = store.clusters()
    assert len(clusters) == 1 and clusters[0]["events"] == [f"{second.item.id}:0"]
    assert clusters[0]["corroboration"] == 1


def test_store_failure_is_recorded_and_a_retry_replaces_it(store):
    bad = failed_outcome(RAW_B, source="b.txt")
    assert store.write([bad]) == ["failed"]
    assert store.statuses([bad.item.id]) == {bad.item.id: "failed"}
    (f,) = store.failures()
    assert (f["document_id"], f["stage"], f["message"], f["attempts"]) == (bad.item.id, "events", "ValueError: boom", 1)
    assert [i.raw for i in store.failed_items()] == [RAW_B]
    store.write([bad])  # failed again: one more attempt, still one failure
    assert store.failures()[0]["attempts"] == 2
    good = outcome(RAW_B, source="b.txt", events=[_strike(RAW_B, "frappe de drone")])
    assert store.write([good]) == ["ingested"]
    assert store.failures() == [] and store.failed_items() == []
    assert store.statuses([bad.item.id]) == {bad.item.id: "ok"}
    assert _count(store, "documents") == 1 and _count(store, "events") == 1


def test_store_batch_goes_on_when_one_document_cannot_be_written(store):
    """A document whose write breaks a constraint fails alone (recorded with the store's
    reason); the batch's other documents are written."""
    broken = _doc_a()
    broken.record.events[0].event_type = None  # events.event_type is NOT NULL
    good = outcome(RAW_B, source="b.txt", events=[_strike(RAW_B, "frappe de drone")])
    assert store.write([broken, good]) == ["failed", "ingested"]
    (f,) = store.failures()
    assert f["stage"] == "store" and f["message"].startswith("store: ")
    assert _count(store, "events") == 1  # nothing of the broken document's record was left behind
    assert _count(store, "documents", "WHERE status = 'ok'") == 1


def test_store_read_failure_is_recorded_by_input(store):
    from veille.errors import VeilleError

    store.record_read_failure(VeilleError("binary", "binary data, not text", "photo.txt"))
    store.record_read_failure(VeilleError("binary", "binary data, not text", "photo.txt"))
    (f,) = store.failures()
    assert (f["input"], f["code"], f["attempts"], f["document_id"]) == ("photo.txt", "binary", 2, None)
    assert store.open_read_failures() == ["photo.txt"]
    store.resolve_read_failures(["photo.txt"])
    assert store.open_read_failures() == []


def test_store_two_writers_at_once_store_each_document_once(db_url):
    """Two ingests writing the same documents into one database at the same time (two stores,
    as two processes would have): each document is ingested by one and unchanged for the other."""
    import threading

    from veille.store import open_store

    docs = [outcome(f"Dépêche {i} : une frappe de drone a touché Kherson.\n", source=f"{i}.txt",
                    events=[_strike(f"Dépêche {i} : une frappe de drone a touché Kherson.\n", "frappe de drone")])
            for i in range(12)]
    stores = [open_store(db_url), open_store(db_url)]
    results: list[list[str]] = [[], []]

    def run(k: int) -> None:
        for i in range(0, len(docs), 3):
            results[k] += stores[k].write(docs[i:i + 3])

    threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i in range(len(docs)):
        assert sorted((results[0][i], results[1][i])) == ["ingested", "unchanged"]
    counts = stores[0].counts()
    assert (counts["documents"], counts["events"], counts["open_failures"]) == (12, 12, 0)
    assert len(stores[0].clusters()) == 1  # one strike, one cluster, whoever wrote first
    for s in stores:
        s.close()



def test_store_unavailable_database_stops_with_one_clear_error(tmp_path):
    """A database that cannot be written (here: locked by another writer past the timeout)
    stops the run with one error; the documents are not recorded as failed, a re-run resumes."""
    import sqlite3

    import pytest

    from veille.errors import VeilleError
    from veille.settings import Settings
    from veille.store import open_store

    path = tmp_path / "veille.db"
    s = open_store(f"sqlite:///{path}", settings=Settings.load(store__sqlite_busy_timeout_s=0.2))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    with pytest.raises(VeilleError) as exc:
        s.write([_doc_a()])
    assert exc.value.code == "db" and "locked" in exc.value.message
    other.execute("ROLLBACK")
    assert s.counts()["documents"] == 0 and s.failures() == []
    assert s.write([_doc_a()]) == ["ingested"]
    other.close()
    s.close()
