"""A batch of documents written in one call stores exactly what the same documents written one
call each store: the batch gathers entities, links and statements and writes them once per
table, and reads each document's candidate clusters once, but the result must not depend on it.
On SQLite and PostgreSQL."""
from __future__ import annotations

import sqlalchemy as sa

from dbfixtures import BARA, KHARKIV, KHERSON, UKRAINE, db_url, event, failed_outcome, outcome, store  # noqa: F401

# wire copy written for these tests
RAW_1 = ("Une frappe de drone russe a tué deux civils mardi à Kherson, a indiqué le gouverneur.\n"
         "Les forces ukrainiennes ont repris un village près de Kharkiv, selon l'état-major.\n")
RAW_2 = ("Kherson a de nouveau été visée mardi par une frappe de drone, qui a fait deux morts.\n"
         "Moscou dément avoir repris le village, repris selon Kiev par ses forces.\n")
RAW_3 = ("Les Forces de soutien rapide ont pris le contrôle de Bara, a rapporté un témoin.\n"
         "La ville de Bara est tombée lundi aux mains des paramilitaires.\n")
RAW_4 = "Une frappe de drone a touché Kherson mardi, a affirmé l'armée ukrainienne dans un communiqué.\n"
STRIKE = {"event_type": "Explosions/Remote violence", "sub": "Air/drone strike", "place": KHERSON,
          "actor1": "Military Forces of Russia", "day": "2025-03-11"}
RETAKE = {"event_type": "Battles", "sub": "Government regains territory", "place": KHARKIV,
          "actor1": "Military Forces of Ukraine", "day": "2025-03-11"}
TABLES = {"documents": "id", "events": "id", "event_clusters": "id", "cluster_members": "event_id",
          "actors": "key", "places": "key", "document_places": "document_id, idx",
          "document_actors": "document_id, local_id", "statements": "document_id, idx", "failures": "id"}
STAMPS = {"ingested_at", "updated_at", "created_at", "first_at", "last_at", "resolved_at"}


def _outcomes():
    first = outcome(RAW_1, source="a.txt", outlet="AFP", events=[
        event(RAW_1, "frappe de drone russe", fatalities=2, **STRIKE),
        event(RAW_1, "ont repris un village", **RETAKE)],
        actors=[("Military Forces of Russia", "military", "russe"),
                ("Military Forces of Ukraine", "military", "forces ukrainiennes")],
        places=[(KHERSON, "Kherson"), (KHARKIV, "Kharkiv")])
    first.record.actors[1].provisional = True  # a later document of the batch knows it properly
    second = outcome(RAW_2, source="b.txt", outlet="Reuters", events=[
        event(RAW_2, "frappe de drone", fatalities=2, **STRIKE),
        event(RAW_2, "avoir repris le village", modality="denied", **{**RETAKE, "place": UKRAINE})],
        actors=[("Military Forces of Ukraine", "military", "ses forces")], places=[(KHERSON, "Kherson")])
    taken = {"event_type": "Battles", "sub": "Non-state actor overtakes territory",
             "actor1": "Rapid Support Forces", "place": BARA, "day": "2025-03-10"}
    third = outcome(RAW_3, source="c.txt", outlet="AP", events=[  # one event, told twice
        event(RAW_3, "ont pris le contrôle de Bara", **taken), event(RAW_3, "est tombée", **taken)],
        actors=[("Rapid Support Forces", "rebel", "Forces de soutien rapide")], places=[(BARA, "Bara")])
    newer = outcome(RAW_4, source="a.txt", outlet="AFP", events=[event(RAW_4, "frappe de drone", **STRIKE)])
    broken = failed_outcome("Une dépêche illisible.\n", source="d.txt")
    return [first, second, broken, third, second, newer]  # the same document twice, a new version of a.txt


def _dump(store) -> dict[str, list[dict]]:
    with store.engine.connect() as conn:
        return {t: [{k: v for k, v in r.items() if k not in STAMPS}
                    for r in conn.execute(sa.text(f"SELECT * FROM {t} ORDER BY {order}")).mappings()]
                for t, order in TABLES.items()}


def _empty(store) -> None:
    with store.engine.begin() as conn:
        for t in ("cluster_members", "event_clusters", "events", "statements", "document_actors",
                  "document_places", "actors", "places", "failures", "documents"):
            conn.execute(sa.text(f"DELETE FROM {t}"))


def test_store_batch_stores_what_one_document_a_call_stores(store):
    alone = [store.write([o])[0] for o in _outcomes()]
    expected = _dump(store)
    _empty(store)
    assert store.write(_outcomes()) == alone == ["ingested", "ingested", "failed", "ingested", "unchanged",
                                                 "ingested"]
    assert _dump(store) == expected
    # what the comparison rests on: clusters were joined, one by a second event of the document
    # that founded it, an actor upgraded, a version replaced
    assert any(m["score"] > 0 for m in expected["cluster_members"])
    assert any(c["n_events"] == 2 and c["n_documents"] == 1 for c in expected["event_clusters"])
    assert not any(a["provisional"] for a in expected["actors"])
    assert [d["current"] for d in expected["documents"] if d["source"] == "a.txt"].count(True) == 1


def test_store_batch_upgrades_a_provisional_actor_named_earlier_in_the_batch(store):
    first, second = _outcomes()[:2]
    store.write([first, second])
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT key, provisional FROM actors ORDER BY key")).all()
    assert [(k, bool(p)) for k, p in rows] == [("military forces of russia", False),
                                              ("military forces of ukraine", False)]
