"""Event clusters across documents: the same strike told by two dispatches is one cluster
corroborated by two sources; other places, other days and other kinds of event stay apart; a
place one side says it took and the other says it retook (and denies losing) is flagged as a
contradiction. The dispatches are in tests/data/store_*.txt; their events are written by hand
here so that the clustering is tested apart from the extraction."""
from __future__ import annotations

import pytest

from conftest import data_path
from dbfixtures import BARA, KHARKIV, KHERSON, UKRAINE, db_url, event, outcome, store  # noqa: F401

STRIKE = {"event_type": "Explosions/Remote violence", "sub": "Air/drone strike"}
RUSSIA = "Military Forces of Russia"
RSF, SAF = "Rapid Support Forces", "Military Forces of Sudan"


def _text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


def _kherson_a(**over):
    raw = _text("store_kherson_a.txt")
    ev = event(raw, "frappe de drone russe", **{**STRIKE, "actor1": RUSSIA, "place": KHERSON,
                                                 "day": "2025-03-11", "fatalities": 3, **over})
    return outcome(raw, source="kherson_a.txt", outlet="Agence A", events=[ev])


def _kherson_b(**over):
    raw = _text("store_kherson_b.txt")
    ev = event(raw, "Une attaque de drone russe", **{**STRIKE, "actor1": RUSSIA, "place": KHERSON,
                                                      "day": "2025-03-11", "fatalities": 3,
                                                      "modality": "reported", **over})
    return outcome(raw, source="kherson_b.txt", outlet="Agence B", events=[ev])


def _member_sets(store) -> list[set[str]]:
    return sorted((set(c["events"]) for c in store.clusters()), key=len, reverse=True)


def test_store_clusters_group_the_same_strike_from_two_dispatches(store):
    a, b = _kherson_a(), _kherson_b()
    store.write([a])
    store.write([b])
    (cluster,) = store.clusters()
    assert set(cluster["events"]) == {f"{a.item.id}:0", f"{b.item.id}:0"}
    assert cluster["corroboration"] == 2 and cluster["n_documents"] == 2
    assert cluster["sources"] == ["outlet:agence a", "outlet:agence b"]
    assert (cluster["place_name"], cluster["date_start"], cluster["date_end"]) == ("Kherson", "2025-03-11", "2025-03-11")
    assert cluster["modalities"] == {"asserted": 1, "reported": 1}
    assert not cluster["contradiction"]


def test_store_clusters_join_an_undated_report_on_its_publication_day(store):
    store.write([_kherson_a(day="2025-03-12")])
    store.write([_kherson_b(day=None)])  # published 2025-03-12, the event undated
    assert len(store.clusters()) == 1


@pytest.mark.parametrize("change", [
    {"place": KHARKIV},                      # another city, 400 km away
    {"day": "2025-03-20"},                   # nine days later
    {"event_type": "Battles", "sub": "Armed clash"},  # another kind of event
])
def test_store_clusters_keep_other_events_apart(store, change):
    store.write([_kherson_a()])
    store.write([_kherson_b(**change)])
    assert len(store.clusters()) == 2


def test_store_clusters_a_country_level_report_joins_the_city_cluster(store):
    store.write([_kherson_a()])
    store.write([_kherson_b(place=UKRAINE)])
    (cluster,) = store.clusters()
    assert cluster["place_name"] == "Kherson"  # the most precise place stands for the cluster


def test_store_clusters_same_source_twice_is_not_corroboration(store):
    a = _kherson_a()
    raw2 = a.item.raw + "\nMise à jour : le bilan reste de trois morts.\n"
    again = outcome(raw2, source="kherson_a_update.txt", outlet="Agence A",
                    events=[event(raw2, "frappe de drone russe", **STRIKE, actor1=RUSSIA, place=KHERSON,
                                  day="2025-03-11")])
    store.write([a])
    store.write([again])
    (cluster,) = store.clusters()
    assert cluster["n_documents"] == 2 and cluster["corroboration"] == 1


def _bara():
    rsf_raw, army_raw = _text("store_bara_rsf.txt"), _text("store_bara_army.txt")
    taken = event(rsf_raw, "avoir pris le contrôle de la ville de Bara", event_type="Battles",
                  sub="Non-state actor overtakes territory", actor1=RSF, actor2=SAF, place=BARA,
                  day="2025-03-15", modality="claimed")
    retaken = event(army_raw, "avoir repris la ville de Bara", event_type="Battles",
                    sub="Government regains territory", actor1=SAF, actor2=RSF, place=BARA, day="2025-03-15",
                    modality="claimed")
    denied = event(army_raw, "a démenti toute reprise de la ville par l'armée", event_type="Battles",
                   sub="Government regains territory", actor1=SAF, actor2=RSF, place=BARA, day="2025-03-15",
                   modality="denied")
    return (outcome(rsf_raw, source="bara_rsf.txt", published="2025-03-15", events=[taken]),
            outcome(army_raw, source="bara_army.txt", published="2025-03-15", events=[retaken, denied]))


def test_store_clusters_flag_taken_against_retaken_and_denied(store):
    rsf, army = _bara()
    store.write([rsf, army])
    (cluster,) = store.clusters()
    assert cluster["n_events"] == 3 and cluster["n_documents"] == 2
    assert cluster["contradiction"]
    reason = cluster["contradiction_reason"]
    assert "Government regains territory vs Non-state actor overtakes territory" in reason
    assert "denied by" in reason
    assert cluster["corroboration"] == 2  # the denial does not corroborate


def test_store_clusters_agreeing_sources_raise_no_flag(store):
    store.write([_kherson_a(), _kherson_b()])
    assert not store.clusters()[0]["contradiction"]


def test_store_clusters_are_separate_for_separate_conflicts(store):
    store.write([_kherson_a(), _kherson_b(), *_bara()])
    sizes = sorted(len(s) for s in _member_sets(store))
    assert sizes == [2, 3]


def test_store_clusters_follow_the_current_version(store):
    a = _kherson_a()
    store.write([a, _kherson_b()])
    corrected_raw = a.item.raw.replace("Trois civils", "Quatre civils")
    corrected = outcome(corrected_raw, source="kherson_a.txt", outlet="Agence A",
                        events=[event(corrected_raw, "frappe de drone russe", **STRIKE, actor1=RUSSIA,
                                      place=KHERSON, day="2025-03-11", fatalities=4)])
    store.write([corrected])
    (cluster,) = store.clusters()
    assert f"{a.item.id}:0" not in cluster["events"] and f"{corrected.item.id}:0" in cluster["events"]
    assert (cluster["fatalities_min"], cluster["fatalities_max"]) == (3, 4)
    assert cluster["corroboration"] == 2
