"""One event told twice in an article (a title or a caption repeating the lead, a sentence
going on about it) is one event with several spans; two events stay two."""
from __future__ import annotations

PUB = "2024-03-15"


def test_title_repeats_the_lead(extract):
    raw = ("Mali : l'armée reprend le contrôle de Kidal\n\n"
           "L'armée malienne a repris mardi le contrôle de Kidal, bastion des rebelles touareg.\n")
    rec = extract(raw, published=PUB)
    assert len(rec.events) == 1
    e = rec.events[0]
    assert "repris mardi" in e.evidence.text  # the body tells it, the title is a mention
    assert len(e.mentions) == 1 and raw[e.mentions[0].start:e.mentions[0].end] == e.mentions[0].text


def test_caption_repeats_a_paragraph(extract):
    raw = ("Kiev affirme avoir repoussé l'assaut.\n\n"
           "Les forces russes ont bombardé mercredi la ville de Kharkiv, a indiqué le maire.\n"
           "Le maire a appelé les habitants à rester dans les abris.\n"
           "Les forces russes ont bombardé mercredi la ville de Kharkiv.\n")
    rec = extract(raw, published=PUB)
    strikes = [e for e in rec.events if e.event_type == "Explosions/Remote violence"]
    assert len(strikes) == 1 and len(strikes[0].mentions) == 1


def test_follow_up_sentences_join_the_event(extract):
    rec = extract("Les combattants de l'État islamique ont attaqué à l'aube un camp militaire près de Palmyre. "
                  "Les combats ont duré plusieurs heures.\n", published=PUB)
    assert len(rec.events) == 1 and rec.events[0].mentions


def test_distinct_events_stay_distinct(extract):
    rec = extract("Les autorités syriennes ont fermé l'aéroport d'Alep. L'armée a fermé la route principale "
                  "menant à Hama. Les rebelles ont occupé plusieurs quartiers d'Alep.\n", published=PUB)
    assert len(rec.events) == 3


def test_noun_and_verb_of_one_event(extract):
    rec = extract("Une frappe aérienne israélienne a tué au moins 18 personnes dans le camp de Nousseirat.\n",
                  published=PUB)
    (e,) = rec.events
    assert e.event_type == "Explosions/Remote violence" and e.fatalities == 18
