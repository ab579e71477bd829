"""Event clusters across documents: the same strike told by two dispatches is one cluster
corroborated by two sources; other places, other days and other kinds of event stay apart; a
place one side says it took and the other says it retook (and denies losing) is flagged as a
contradiction. The dispatches are in tests/data/store_*.txt; their events are written by hand
here so that the clustering is tested apart from the extraction."""
from __future__ import annotations

import itertools
import random

import pytest

from conftest import data_path
from veille.store import clusters
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


# --- order: the same events give the same clusters whatever the order they are written in -------

def _telling(tag: str, day: str, *, place=KHERSON, outlet: str | None = None, source: str | None = None,
             modality: str = "asserted", sub: str = "Air/drone strike", actor1: str = RUSSIA):
    """A one-event dispatch about a drone strike, told by ``outlet`` (the tag keeps texts apart)."""
    source = source or f"{tag}.txt"
    raw = f"Une frappe de drone a touché {place['name']} ({tag}, {source}).\n"
    ev = event(raw, "Une frappe de drone", event_type=STRIKE["event_type"], sub=sub, actor1=actor1, place=place,
               day=day, modality=modality)
    return outcome(raw, source=source, outlet=outlet or f"Agence {tag}", published=day, events=[ev])


def _chain(days=("2025-03-10", "2025-03-12", "2025-03-14")):
    """Three tellings: the first links the second (two days apart) and the second the third, but
    the first and the third lie four days apart, beyond the two-day window."""
    return [_telling(tag, day) for tag, day in zip("ABC", days)]


def _clusters_by_members(store) -> dict[frozenset[str], dict]:
    """Each cluster keyed by its members' event ids, with what it says (no timestamps)."""
    return {frozenset(c["events"]): {k: v for k, v in c.items() if k not in ("created_at", "updated_at")}
            for c in store.clusters()}


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_store_clusters_a_chain_of_three_tellings_is_one_cluster_in_every_order(store, order):
    tellings = _chain()
    for i in order:
        store.write([tellings[i]])
    (cluster,) = store.clusters()
    assert set(cluster["events"]) == {f"{t.item.id}:0" for t in tellings}
    assert (cluster["date_start"], cluster["date_end"]) == ("2025-03-10", "2025-03-14")
    assert cluster["id"] == clusters.cluster_id_for(cluster["events"])  # the id follows the members


def corpus():
    """A chain, two dispatches and a country-level report of one strike, two tellings in another
    city, a war of claims over Bara: what arrival order would change if it mattered."""
    return [*_chain(("2025-03-01", "2025-03-03", "2025-03-05")), _kherson_a(), _kherson_b(),
            _telling("U", "2025-03-11", place=UKRAINE), _telling("K", "2025-03-20", place=KHARKIV),
            _telling("L", "2025-03-21", place=KHARKIV), *_bara()]


@pytest.mark.parametrize("order", ["forward", "reversed", "shuffled", "one batch, shuffled"])
def test_store_clusters_do_not_depend_on_the_order_of_writing(tmp_path, order):
    from veille.store import open_store

    docs = corpus()
    indices = list(range(len(docs)))
    if order == "reversed":
        indices.reverse()
    elif "shuffled" in order:
        random.Random(17).shuffle(indices)
    with open_store(f"sqlite:///{tmp_path / 'forward.db'}") as s:
        for o in corpus():
            s.write([o])
        expected = _clusters_by_members(s)
    with open_store(f"sqlite:///{tmp_path / 'other.db'}") as s:
        if "batch" in order:
            s.write([docs[i] for i in indices])
        else:
            for i in indices:
                s.write([docs[i]])
        got = _clusters_by_members(s)
    assert sorted(len(k) for k in expected) == [2, 3, 3, 3]  # what the comparison rests on
    assert got == expected


def test_store_clusters_split_when_the_telling_that_linked_them_is_replaced(store, tmp_path):
    """A new version of the middle telling, now about another city, leaves the first and the
    third apart: as if the new version had come first."""
    a, b, c = _chain()
    store.write([a, b, c])
    moved = _telling("B", "2025-03-12", place=KHARKIV, source="B.txt")  # same file, new text
    store.write([moved])
    got = _clusters_by_members(store)
    assert sorted(map(sorted, got)) == sorted([[f"{a.item.id}:0"], [f"{moved.item.id}:0"], [f"{c.item.id}:0"]])
    from veille.store import open_store

    with open_store(f"sqlite:///{tmp_path / 'fresh.db'}") as fresh:
        fresh.write([moved, c, a])
        assert _clusters_by_members(fresh) == got


def test_store_clusters_one_source_never_contradicts_itself(store):
    """An outlet that reports a strike and, in a later article, denies it, is not a dispute
    between sources; another outlet's denial is."""
    store.write([_telling("A", "2025-03-10", source="a1.txt"),
                 _telling("A", "2025-03-10", source="a2.txt", modality="denied")])
    (cluster,) = store.clusters()
    assert cluster["n_documents"] == 2 and not cluster["contradiction"]
    store.write([_telling("Z", "2025-03-10", modality="denied")])
    (cluster,) = store.clusters()
    assert cluster["contradiction"] and "denied by outlet:agence a, outlet:agence z" in cluster["contradiction_reason"]
