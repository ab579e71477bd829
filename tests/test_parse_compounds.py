"""Hyphenated compounds of news copy (lexicons/fr/tokens.yaml) stay one token with their lemma,
so that the sentence around them parses: "Un attentat-suicide a tué ..." has "tué" as its root
and the attack as its subject, and the event is a suicide bombing. The sentences are the team's."""
from __future__ import annotations

import pytest

from veille import lexicons

COMPOUNDS = lexicons.data("fr", "tokens.yaml")["compounds"]


@pytest.fixture(scope="module")
def nlp(pipeline):
    return pipeline.stages["parse"].nlp("fr")


@pytest.mark.parametrize("form", sorted(COMPOUNDS))
def test_compound_is_one_token(nlp, form):
    for variant in (form, form[:1].upper() + form[1:]):
        doc = nlp(f"Selon la radio, le {variant} de samedi a marqué les esprits.")
        tokens = [t for t in doc if t.text == variant]
        assert len(tokens) == 1, [t.text for t in doc]
        assert tokens[0].lemma_ == COMPOUNDS[form]


@pytest.mark.parametrize("text", [
    "Un attentat-suicide a tué mardi des dizaines de fidèles dans une mosquée de Kunduz.",
    "Deux attentats-suicides ont frappé Kaboul jeudi, tuant douze personnes.",
    "Une opération-suicide contre un poste de l'armée a fait six morts lundi près de Mopti.",
])
def test_suicide_bombing_sentences_parse_whole(extract, text):
    rec = extract(text + "\n", published="2024-03-15")
    assert [e.sub_event_type for e in rec.events] == ["Suicide bomb"], [(e.event_type, e.sub_event_type) for e in rec.events]


LEMMAS = lexicons.data("fr", "tokens.yaml").get("lemmas") or {}


@pytest.mark.parametrize("form", sorted(LEMMAS))
@pytest.mark.parametrize("frame", [
    "Des {} de mortier sont tombés mardi sur le camp.",
    "Un {} a frappé l'école du quartier.",
    "Les tirs d'{} ont repris dans la nuit.",
])
def test_a_word_the_lemmatizer_gets_wrong_gets_its_lemma(nlp, form, frame):
    doc = nlp(frame.format(form))
    assert [t.lemma_ for t in doc if t.lower_ == form] == [LEMMAS[form]]
