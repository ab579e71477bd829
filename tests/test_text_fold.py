"""One way to fold text (veille.text): the gazetteer's keys, the speech lexicons' keys and the
case-blind patterns of the places and dates lexicons are levels of the same fold, so a lexicon
entry is written as a person writes the word whichever stage reads it."""
from __future__ import annotations

import pytest

from veille.events.dates import _fold as dates_fold
from veille.gazetteer.lookup import norm as gazetteer_key
from veille.speech.lexmatch import norm as speech_key
from veille.stages.places import _fold as places_fold
from veille.text import Fold, fold


@pytest.mark.parametrize("text, case, accents, key", [
    ("Saint-Denis", "saint-denis", "saint-denis", "saint denis"),
    ("L’armée", "l'armée", "l'armee", "l armee"),
    ("Diyarbakır", "diyarbakir", "diyarbakir", "diyarbakir"),
    ("İstanbul", "istanbul", "istanbul", "istanbul"),
    ("Ḩamāh", "ḩamāh", "hamah", "hamah"),
    ("aujourd`hui", "aujourd'hui", "aujourd'hui", "aujourd hui"),
])
def test_the_levels(text, case, accents, key):
    assert (fold(text, Fold.CASE), fold(text, Fold.ACCENTS), fold(text, Fold.KEY)) == (case, accents, key)


@pytest.mark.parametrize("text", ["Lattaquié", "d’Alep", "Ålesund", "ſ long", "KÖLN", "A.B. c"])
def test_every_stage_folds_through_it(text):
    assert gazetteer_key(text) == fold(text, Fold.KEY)
    assert speech_key(text) == fold(text, Fold.ACCENTS)
    assert places_fold(text) == dates_fold(text) == fold(text, Fold.CASE)
