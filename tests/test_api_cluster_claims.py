"""An event's detail puts the competing claims of its cluster side by side (who claims what, with
which fatalities and modality, in which document of which outlet), and its "other sources" are
other documents, never its own article telling the event a second time; one outlet never
contradicts itself. On SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from dbfixtures import KHERSON, db_url, event, outcome  # noqa: F401

STRIKE = {"event_type": "Explosions/Remote violence", "sub": "Air/drone strike", "place": KHERSON,
          "actor1": "Military Forces of Russia", "day": "2025-03-11"}
# wire copy written for these tests
TWICE = ("Une frappe de drone russe a tué trois civils mardi à Kherson, a affirmé le gouverneur.\n"
         "L'attaque de drone de mardi contre Kherson a visé un quartier résidentiel.\n")
OTHER = "Kherson a été frappée mardi par un drone, deux morts selon l'armée ukrainienne.\n"
SAME_OUTLET_DENIES = "Le gouverneur dément finalement toute frappe de drone mardi sur Kherson.\n"
RIVAL_DENIES = "Moscou dément toute frappe de drone mardi sur Kherson.\n"


def _claimed(ev, by: str):
    ev.claimed_by = by
    return ev


def _documents():
    twice = outcome(TWICE, source="twice.txt", outlet="Agence A", events=[
        _claimed(event(TWICE, "Une frappe de drone russe", fatalities=3, modality="claimed", **STRIKE), "gouverneur"),
        event(TWICE, "L'attaque de drone", **STRIKE)])
    other = outcome(OTHER, source="other.txt", outlet="Agence B", events=[
        _claimed(event(OTHER, "frappée", fatalities=2, modality="reported", **STRIKE), "armée ukrainienne")])
    denial = outcome(SAME_OUTLET_DENIES, source="denial.txt", outlet="Agence A", events=[
        event(SAME_OUTLET_DENIES, "frappe de drone", modality="denied", **STRIKE)])
    return twice, other, denial


@pytest.fixture
def client(db_url):  # noqa: F811
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.store import open_store

    with open_store(db_url) as store:
        docs = _documents()
        store.write(list(docs))
    with TestClient(create_app(db_url, allowed_hosts=["testserver"])) as c:
        yield c, docs


def _get(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text
    return r.json()


def test_api_event_other_sources_are_other_documents_never_its_own(client):
    c, (twice, other, denial) = client
    data = _get(c, f"/api/events/{twice.item.id}:0")
    assert data["cluster"]["n_events"] == 4  # its own second telling is in the cluster ...
    listed = {s["document_id"]: s for s in data["other_sources"]}
    assert set(listed) == {other.item.id, denial.item.id}  # ... but not among its other sources
    assert listed[other.item.id]["outlet"] == "Agence B" and not listed[other.item.id]["same_source"]
    assert listed[denial.item.id]["same_source"]  # Agence A again: not an independent source
    assert listed[other.item.id]["event_ids"] == [f"{other.item.id}:0"]


def test_api_event_detail_puts_the_clusters_claims_side_by_side(client):
    c, (twice, other, denial) = client
    data = _get(c, f"/api/events/{twice.item.id}:0")
    claims = {cl["event_id"]: cl for cl in data["claims"]}
    assert set(claims) == {f"{twice.item.id}:0", f"{twice.item.id}:1", f"{other.item.id}:0", f"{denial.item.id}:0"}
    mine, theirs = claims[f"{twice.item.id}:0"], claims[f"{other.item.id}:0"]
    assert (mine["claimed_by"], mine["fatalities"], mine["modality"], mine["outlet"], mine["source"]) == \
        ("gouverneur", 3, "claimed", "Agence A", "outlet:agence a")
    assert (theirs["claimed_by"], theirs["fatalities"], theirs["modality"], theirs["outlet"]) == \
        ("armée ukrainienne", 2, "reported", "Agence B")
    assert theirs["title"] == OTHER.split("\n")[0]
    assert mine["this_event"] and not theirs["this_event"]
    assert claims[f"{twice.item.id}:1"]["same_document"] and not theirs["same_document"]
    # the cluster's own answer has the same claims
    cluster = _get(c, f"/api/clusters/{data['event']['cluster_id']}")
    assert {cl["event_id"] for cl in cluster["claims"]} == set(claims)


def test_api_one_outlet_never_contradicts_itself(db_url):  # noqa: F811
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.store import open_store

    twice, _, denial = _documents()
    with open_store(db_url) as store:
        store.write([twice, denial])  # Agence A reports it, then denies it in another article
    with TestClient(create_app(db_url, allowed_hosts=["testserver"])) as c:
        cluster = _get(c, f"/api/events/{twice.item.id}:0")["cluster"]
        assert cluster["n_documents"] == 2 and not cluster["contradiction"]
        with open_store(db_url) as store:
            store.write([outcome(RIVAL_DENIES, source="rival.txt", outlet="Agence Z", events=[
                event(RIVAL_DENIES, "frappe de drone", modality="denied", **STRIKE)])])
        cluster = _get(c, f"/api/events/{twice.item.id}:0")["cluster"]
        assert cluster["contradiction"] and "outlet:agence z" in cluster["contradiction_reason"]
