"""The speed shortcuts of the extraction stages give what the long way gives.

Each shortcut skips work when a cheap look shows it cannot find anything: a date pattern when
the text lacks the words it needs, an end-anchored place cue when the left context does not end
with a word it can end with, a word that cannot be a trigger. These tests run both ways on the
team's dispatches and the shared dev set and on pieces of them, and compare.
"""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, SHARED


def _texts() -> list[str]:
    paths = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "tests" / "eval" / "articles").glob("*.txt"))
    paths += sorted((SHARED / "corpus").rglob("*.txt")) if SHARED.is_dir() else []
    return [p.read_text("utf-8") for p in paths]


TEXTS = _texts()
# pieces a cue or a date may hide in: every line of every text, and odd edges
PIECES = [line for t in TEXTS for line in t.splitlines() if line.strip()] + [
    "", " ", "il y a trois jours", "Il  y\ta deux semaines", "IL Y A 2 ANS", "en mars", "le 1er janvier 2020",
    "la semaine dernière", "AUJOURD'HUI", "aujourd’hui", "entre 2011 et 2013", "les années 1990", "vendredi soir",
    # letters a case-blind pattern reads as "i" and "s" where str.lower() does not
    "ſamedi soir", "ıl y a 3 jours", "cette ſemaine", "DEMAİN",
]


@pytest.fixture(scope="module")
def finder():
    from veille.events.dates import DateFinder

    return DateFinder("fr")


@pytest.mark.parametrize("piece", PIECES[:400] + TEXTS)
def test_dates_find_shortcut_same_as_full_scan(finder, piece):
    assert _outcome(finder.find, piece) == _outcome(finder.find, piece, look_first=False)


def _outcome(fn, *args, **kwargs):
    """The result, or the kind of error: the shortcut must not hide nor add a failure either
    (a weekday spelled with a long s, "ſamedi", is found by the pattern but not in the table)."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - compared, not swallowed
        return type(exc).__name__


@pytest.fixture(scope="module")
def places_lexicon():
    from veille.stages.places import Lexicon

    return Lexicon.load("fr")


def _lefts() -> list[str]:
    """Left contexts of every capitalised word of the texts, as the places stage cuts them."""
    from veille.stages.places import _WINDOW

    out = []
    for t in TEXTS:
        for m in re.finditer(r"[A-ZÀ-ÖØ-Þ]", t):
            out.append(t[max(0, m.start() - _WINDOW):m.start()])
    out += ["dans la province de ", "la ville d’", "près d'", "Près  D’ ", "au ", "le président ", "M. ",
            "le Premier ministre ", "non loin de ", "dans la région de la ", "x\u00a0de ", "de\u00a0",
            "dans la provınce de ", "le PRÉSİDENT ", "la vılle de ", "ſur "]
    return out


@pytest.mark.parametrize("cue", ["division_cue", "city_cue", "locative", "area", "person_cue"])
def test_places_end_cue_shortcut_same_as_search(places_lexicon, cue):
    end_cue = getattr(places_lexicon, cue)
    lefts = _lefts()
    assert len(lefts) > 100
    differ = [left for left in lefts if _span(end_cue.search(left)) != _span(end_cue.pattern.search(left))]
    assert not differ, differ[:5]


def _span(m):
    return None if m is None else (m.span(), m.groups())


def test_events_trigger_sieve_keeps_every_trigger(pipeline):
    """Only verbs, nouns and adjectives become trigger candidates: no draft of the full scan
    has another part of speech. A sentence's death toll counted on its death words alone is
    the toll counted on all its words."""
    from veille.document import Doc
    from veille.events.context import TRIGGER_POS, EventContext
    from veille.events.triggers import verbal

    stage = pipeline.stages["events"]
    kit = stage.kits["fr"]
    checked = 0
    for text in TEXTS[:12]:
        doc = Doc(raw=text, source="test", meta={"published": "2024-11-29"})
        for name in ("repair", "language"):
            pipeline.stages[name](doc)
        pipeline.stages["parse"].pipe([doc])
        for name in ("places", "actors", "statements"):
            pipeline.stages[name](doc)
        ctx = EventContext(kit, doc, stage.max_evidence)
        for sent in doc.parsed.sents:
            assert kit.fatal.in_clause(list(sent)) == kit.fatal.in_clause(ctx.death_words(sent))
            for tok in sent:  # the long way: every word
                d = verbal(ctx, tok, sent)
                if d is not None:
                    checked += 1
                    assert tok.pos_ in TRIGGER_POS, (tok.text, tok.pos_)
                    assert tok in ctx.trigger_words(sent)
    assert checked > 10
