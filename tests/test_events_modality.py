"""Modality: what the outlet asserts, what someone claims, what is only reported, denied or
still to come; and who claims it."""
from __future__ import annotations

import pytest

PUB = "2024-03-15"


def _events(extract, text):
    rec = extract(text + "\n", published=PUB)
    assert rec.events, text
    return rec


@pytest.mark.parametrize("text", [
    "L'armée a repris mardi le contrôle de la ville de Kidal.",
    "Des milliers de personnes ont manifesté samedi à Tbilissi.",
    "La police a arrêté trois militants à Dakar.",
])
def test_asserted(extract, text):
    assert {e.modality for e in _events(extract, text).events} == {"asserted"}


@pytest.mark.parametrize("text,who", [
    ("Les rebelles affirment avoir pris le contrôle de l'aéroport de Goma.", "rebel"),
    ("Le ministère russe de la Défense a déclaré avoir abattu trois avions ukrainiens.", "defen"),
    ("Selon l'armée, les jihadistes ont attaqué un convoi près de Gao.", "arm"),
    ("Le porte-parole de la police a indiqué que six suspects avaient été arrêtés à Lyon.", "porte-parole|spokes"),
])
def test_claimed(extract, text, who):
    rec = _events(extract, text)
    e = rec.events[0]
    assert e.modality == "claimed"
    assert e.claimed_by and any(w in e.claimed_by.lower() for w in who.split("|")), e.claimed_by


def test_claimed_points_to_the_statement(extract):
    rec = _events(extract, "Le ministère de la Défense a affirmé jeudi que ses forces avaient repris la ville de Koupiansk.")
    e = rec.events[0]
    if rec.statements:  # the statements stage is there: the event names its statement
        assert e.statement is not None and 0 <= e.statement < len(rec.statements)
        assert rec.statements[e.statement].content.start <= e.trigger.start < rec.statements[e.statement].content.end


@pytest.mark.parametrize("text", [
    "L'armée aurait fermé les sorties de la ville.",
    "Des mercenaires auraient été tués dans une embuscade au nord de Kidal.",
    "Selon des informations non confirmées, les rebelles ont pris le contrôle de la ville.",
])
def test_reported(extract, text):
    assert _events(extract, text).events[0].modality == "reported"


@pytest.mark.parametrize("text", [
    "Le ministère de la Défense a démenti avoir bombardé un hôpital à Gaza.",
    "L'armée affirme que ses soldats n'ont pas tiré sur la foule.",
    "Les rebelles nient avoir enlevé les deux humanitaires.",
])
def test_denied(extract, text):
    assert _events(extract, text).events[0].modality == "denied"


@pytest.mark.parametrize("text", [
    "L'OTAN prévoit de retirer ses troupes d'Afghanistan en 2014.",
    "Les deux camps signeront un accord de paix samedi à Doha.",
])
def test_future(extract, text):
    assert _events(extract, text).events[0].modality == "future"


@pytest.mark.parametrize("text", [
    # violence threatened, promised or announced has not happened: ACLED codes no event
    "Le Hamas menace d'exécuter des otages.",
    "L'armée va lancer une offensive contre les rebelles dans le Nord-Kivu.",
    "Le groupe a affirmé qu'il poursuivrait ses attaques contre les forces tchadiennes.",
    "Les insurgés attaqueront Syrte dans les prochains jours, selon un commandant.",
    "Boko Haram a menacé d'attaquer les écoles de l'État de Borno.",
])
def test_threatened_violence_is_no_event(extract, text):
    assert [(e.event_type, e.trigger.text) for e in extract(text + "\n", published=PUB).events] == []


@pytest.mark.parametrize("text", [
    "Selon des témoins, l'attaque aurait fait une vingtaine de morts à Gao.",
    "Des soldats auraient tué trois civils mardi près de Mopti.",
])
def test_hedged_past_violence_is_an_event(extract, text):
    assert _events(extract, text).events


def test_restriction_is_no_negation(extract):
    rec = _events(extract, "Les otages n'ont été libérés qu'en janvier 1981.")
    assert rec.events[0].modality != "denied"
