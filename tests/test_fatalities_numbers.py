"""French quantities ("deux cents", "une douzaine", "des dizaines", "plus d'un demi-million")
and death tolls tied to the event they belong to (not the wounded, not troops deployed)."""
from __future__ import annotations

import pytest

from veille.events.numbers import NumberReader


@pytest.fixture(scope="module")
def reader():
    return NumberReader("fr")


@pytest.mark.parametrize("text,value", [
    ("200", 200), ("2 000", 2000), ("12 000", 12000), ("2.500", 2500), ("1,5 million", 1_500_000),
    ("deux cents", 200), ("deux cent cinquante", 250), ("trois mille deux cents", 3200),
    ("vingt et un", 21), ("soixante-dix", 70), ("quatre-vingts", 80), ("quatre-vingt-dix-sept", 97),
    ("deux millions", 2_000_000), ("un", 1), ("une", 1), ("six", 6),
    ("une douzaine de", 12), ("une vingtaine de", 20), ("une centaine de", 100), ("un millier de", 1000),
    ("au moins 30", 30), ("plus de 200", 200), ("environ 2 000", 2000), ("près de quarante", 40),
    ("plus d'un demi-million de", 500_000),
])
def test_values(reader, text, value):
    assert reader.read_text(text) == value


@pytest.mark.parametrize("text,value", [
    # a vague plural gives a lower bound: two of the unit
    ("des dizaines de", 20), ("des centaines de", 200), ("plusieurs centaines de", 200),
    ("des milliers de", 2000), ("quelques dizaines de", 20), ("des centaines de milliers de", 200_000),
    # a range gives its lower bound
    ("entre 20 et 30", 20), ("20 à 30", 20), ("entre vingt et trente", 20), ("deux ou trois", 2),
])
def test_lower_bounds(reader, text, value):
    assert reader.read_text(text) == value


@pytest.mark.parametrize("text", ["moins de 10", "les", "à peine une poignée de", ""])
def test_no_lower_bound(reader, text):
    assert reader.read_text(text) is None


@pytest.mark.parametrize("text,dead", [
    ("Les forces russes ont déclaré avoir tué 200 rebelles près de Bakhmout.", 200),
    ("Deux cents personnes ont été tuées dans le bombardement du marché de Douma.", 200),
    ("Une douzaine de soldats ont été tués lundi dans une embuscade près de Ménaka.", 12),
    ("Des affrontements entre milices ont fait des dizaines de morts à Tripoli.", 20),
    ("La guerre civile, qui a éclaté en 2014, a fait des dizaines de milliers de morts au Yémen.", 20_000),
    ("Les combats ont fait des centaines de milliers de morts au Darfour depuis 2003.", 200_000),
    ("Les massacres de 1994 ont fait plus d'un demi-million de morts au Rwanda.", 500_000),
    ("Un kamikaze s'est fait exploser dans une mosquée de Peshawar, tuant 59 fidèles.", 59),
    ("L'attaque de la caserne a fait 7 morts et 25 blessés, selon l'armée nigérienne.", 7),
    ("Un policier a été abattu dimanche à Ouagadougou.", 1),
    ("Au moins vingt civils ont été tués et une trentaine blessés dans des frappes sur Gaza.", 20),
])
def test_tolls(extract, text, dead):
    rec = extract(text + "\n", published="2024-03-15")
    assert any(e.fatalities == dead for e in rec.events), [(e.event_type, e.fatalities) for e in rec.events]


@pytest.mark.parametrize("text", [
    "Trente soldats ont été blessés dans une attaque près de Djibo.",
    "L'armée a déployé 2 000 soldats supplémentaires dans la région de Tillabéri.",
    "Des centaines de manifestants ont défilé samedi à Dakar.",
    "Les rebelles ont attaqué une base de l'armée près de Goma.",
])
def test_no_toll(extract, text):
    rec = extract(text + "\n", published="2024-03-15")
    assert all(e.fatalities is None for e in rec.events)


def test_toll_in_the_next_sentence(extract):
    rec = extract("Mardi, l'armée birmane a mené des frappes aériennes contre plusieurs villages de la région "
                  "de Sagaing. Au moins 20 civils, dont des enfants, ont péri, selon des habitants.\n",
                  published="2024-03-15")
    (e,) = rec.events
    assert e.event_type == "Explosions/Remote violence" and e.fatalities == 20
