"""Dates read in French news copy and resolved against the publication date (no model needed),
and the dates the events stage gives: own date, governing verb's, paragraph's, historical."""
from __future__ import annotations

from datetime import date

import pytest

from veille.events.dates import DateFinder

PUB = date(2024, 11, 29)  # a Friday


@pytest.fixture(scope="module")
def finder():
    return DateFinder("fr")


def _one(finder, text, *, future=False, pub=PUB):
    found = finder.find(text)
    assert found, text
    x = found[0]
    return x, finder.resolve(x, pub, future=future)


@pytest.mark.parametrize("text,start,end,precision", [
    ("ont lancé mercredi une offensive", "2024-11-27", "2024-11-27", "day"),
    ("l'attaque de vendredi", "2024-11-29", "2024-11-29", "day"),  # the day itself
    ("samedi matin, les rebelles", "2024-11-23", "2024-11-23", "day"),
    ("dimanche soir à Goma", "2024-11-24", "2024-11-24", "day"),
    ("hier, l'armée a", "2024-11-28", "2024-11-28", "day"),
    ("avant-hier à Kidal", "2024-11-27", "2024-11-27", "day"),
    ("aujourd'hui à Bamako", "2024-11-29", "2024-11-29", "day"),
    ("le 4 juillet", "2024-07-04", "2024-07-04", "day"),
    ("le 30 décembre", "2023-12-30", "2023-12-30", "day"),  # after publication: last year
    ("ce mercredi 4 juillet 2012", "2012-07-04", "2012-07-04", "day"),
    ("le 1er mars 2022", "2022-03-01", "2022-03-01", "day"),
    ("en mars 2020", "2020-03-01", "2020-03-31", "month"),  # no day filled in
    ("depuis mars 2020", "2020-03-01", "2020-03-31", "month"),
    ("en juin dernier", "2024-06-01", "2024-06-30", "month"),
    ("en 2016", "2016-01-01", "2016-12-31", "year"),
    ("au début du conflit entre 2012 et 2013", "2012-01-01", "2013-12-31", "year"),
    ("dans les années 1990", "1990-01-01", "1999-12-31", "year"),
    ("cette semaine", "2024-11-25", "2024-11-29", "week"),
    ("la semaine dernière", "2024-11-18", "2024-11-24", "week"),
    ("le mois dernier", "2024-10-01", "2024-10-31", "month"),
    ("l'an dernier", "2023-01-01", "2023-12-31", "year"),
    ("il y a trois jours", "2024-11-26", "2024-11-26", "day"),
    ("il y a deux ans", "2022-01-01", "2022-12-31", "year"),
])
def test_resolved(finder, text, start, end, precision):
    _, v = _one(finder, text)
    assert (v.start, v.end, v.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["un couvre-feu jusqu'à samedi matin", "jusqu’au 15 décembre", "d'ici mardi"])
def test_bounds_are_not_event_dates(finder, text):
    x, _ = _one(finder, text)
    assert x.role == "bound"


@pytest.mark.parametrize("text", ["depuis 2011", "dès mars 2020", "à partir de lundi"])
def test_starts_of_states(finder, text):
    x, _ = _one(finder, text)
    assert x.role == "since"


@pytest.mark.parametrize("text", [
    "sa famille a quitté la ville",       # "sa" is no Saturday
    "2000 soldats ont été déployés",      # a quantity, not a year
    "Mars est la planète rouge",          # a month name alone is no date
    "la mairie a mis en place un plan",   # "mai" inside "mairie"
])
def test_no_false_dates(finder, text):
    assert finder.find(text) == []


def test_future_tense_points_forward(finder):
    _, v = _one(finder, "signeront samedi", future=True)
    assert v.start == "2024-11-30"
    _, v = _one(finder, "samedi prochain")
    assert v.start == "2024-11-30"


def test_events_get_dates(extract):
    rec = extract("Les rebelles ont lancé mercredi une offensive contre l'armée près d'Alep.\n"
                  "Des combats ont éclaté hier soir à Idleb.\n", published="2024-11-29")
    dates = sorted(e.date.start for e in rec.events)
    assert dates == ["2024-11-27", "2024-11-28"]
    assert all(e.date.precision == "day" and not e.historical for e in rec.events)


@pytest.mark.parametrize("text,year", [
    ("Le régime syrien avait repris la partie orientale d'Alep aux insurgés en 2016.", "2016"),
    ("En 2014, l'État islamique s'était emparé de Mossoul.", "2014"),
    ("Lors de la guerre qui a éclaté en 2011, des centaines de civils avaient été tués à Homs.", "2011"),
    ("Le 4 novembre 1979, des étudiants avaient pris d'assaut l'ambassade des États-Unis à Téhéran.", "1979"),
])
def test_historical_events_keep_their_own_date(extract, text, year):
    rec = extract(text + "\n", published="2024-11-29")
    assert rec.events, text
    for e in rec.events:
        assert e.historical, (e.evidence.text, e.date)
        assert e.date is not None and e.date.start.startswith(year)


def test_background_without_date_is_not_news(extract):
    rec = extract("Au début du conflit, les rebelles avaient attaqué plusieurs casernes.\n", published="2024-11-29")
    for e in rec.events:
        assert e.date is None or e.date.start < "2023-11-29"


def test_date_of_the_reporting_verb_and_the_paragraph(extract):
    rec = extract("L'armée a annoncé mardi avoir repris le contrôle de Kidal. "
                  "Elle a ensuite installé des postes de contrôle à l'entrée de la ville.\n", published="2024-11-29")
    assert [e.date.start for e in rec.events] == ["2024-11-26", "2024-11-26"]


def test_bound_is_not_the_curfew_date(extract):
    rec = extract("Les rebelles ont imposé un couvre-feu dans la ville jusqu'à samedi matin.\n", published="2024-11-29")
    (e,) = rec.events
    assert e.date.start == "2024-11-29"  # the news, not the end of the curfew


@pytest.mark.parametrize("text", [
    "Le ſamedi 3 mars, l'armée a bombardé Homs.",   # a long s, as old typesetting and some OCR give
    "Le samedı 3 marſ, l'armée a bombardé Homs.",   # a dotless i
])
def test_dates_letters_a_case_blind_pattern_folds_do_not_break_the_stage(extract, text):
    """Letters that re.IGNORECASE matches to "s" and "i" ("ſ", "ı") read as those letters."""
    rec = extract(text, published="2012-03-05")
    assert [e.date.start for e in rec.events] == ["2012-03-03"]
