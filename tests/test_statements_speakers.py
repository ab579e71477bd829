"""statements: the speaker is the person a title or a day stands next to, whatever the parser
made of the phrase."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, speaker", [
    # a day between the cue and the speaker: the parser takes the day for the subject
    ("« Nous avons perdu le contact », a déclaré mercredi Claire Nicolet, responsable d'une ONG.",
     "Claire Nicolet"),
    ("« La ville tiendra », a affirmé jeudi soir le maire de Kharkiv, Igor Terekhov.", "Igor Terekhov"),
    ("« Aucun soldat ne reculera », a assuré lundi Jean-Baptiste Mukendi devant la presse.",
     "Jean-Baptiste Mukendi"),
    # a title right before a name, without a comma: the parser makes two subjects
    ("Le président ukrainien Volodymyr Zelensky a exhorté dimanche les alliés à livrer des armes.",
     "Volodymyr Zelensky"),
    ("Le ministre malien des Affaires étrangères Abdoulaye Diop a dénoncé mardi une « agression ».",
     "Abdoulaye Diop"),
    ("Des frappes ont touché Kharkiv dans la nuit, a annoncé le gouverneur régional Oleg Synegoubov.",
     "Oleg Synegoubov"),
])
def test_statements_speaker_is_the_named_person(extract, text, speaker):
    rec = extract(text, published="2025-03-14")
    assert [s.speaker for s in rec.statements] == [speaker]
