"""Roles are data: the role patterns of lexicons/fr/frames.yaml decide who is actor1 and actor2.

A pattern taken out of the frames takes its role out of the events; a mistyped pattern is an
error naming it when the lexicon loads; every test and reader a pattern may name is code that
exists."""
from __future__ import annotations

from dataclasses import replace

import pytest

from veille.events import frames, roles
from veille.events.lexicon import EventLexicon, _grammar, _lists
from veille import lexicons

PUBLISHED = "2024-03-15"


def _lists_of_fr():
    data = lexicons.data("fr", "events.yaml")
    return _lists(data, _grammar(data["grammar"]))


def _events(pipeline, text):
    from veille.document import Doc

    doc = Doc(raw=text + "\n", source="test", meta={"published": PUBLISHED})
    return pipeline.run(doc).events


@pytest.fixture()
def role_frames(pipeline):
    """The events stage's frames, put back after the test."""
    lex = pipeline.stages["events"].kits["fr"].lex
    saved = lex.role_frames
    yield lex
    lex.role_frames = saved


def _without(groups, case_word):
    """The groups less every pattern whose preposition list holds ``case_word``."""
    return tuple(tuple(p for p in g if not (p.cases and case_word in p.cases)) for g in groups)


@pytest.mark.parametrize("text, actor2", [
    ("Les soldats ont lancé jeudi une offensive contre les rebelles du M23 près de Goma.", "M23"),
    ("Une attaque contre les casques bleus a fait deux morts dimanche près de Beni.", "casques bleus|peacekeep"),
    ("Les frappes contre les jihadistes se sont poursuivies mardi dans le centre du Mali.", "jihad"),
])
def test_the_contre_pattern_gives_actor2_and_without_it_none(pipeline, role_frames, text, actor2):
    def second(evs):
        return [e.actor2 or "" for e in evs]

    with_pattern = second(_events(pipeline, text))
    assert any(any(a.lower() in got.lower() for a in actor2.split("|")) for got in with_pattern), with_pattern
    role_frames.role_frames = replace(role_frames.role_frames, noun=_without(role_frames.role_frames.noun, "contre"),
                                      verb=_without(role_frames.role_frames.verb, "contre"))
    without = second(_events(pipeline, text))
    assert without and not any(any(a.lower() in got.lower() for a in actor2.split("|")) for got in without), without


@pytest.mark.parametrize("text", [
    "Des affrontements entre l'armée et les rebelles ont éclaté lundi à Bunia.",
    "Des heurts ont éclaté samedi entre manifestants et policiers à Conakry.",
    "De violents combats ont eu lieu mardi entre les rebelles touaregs et l'armée malienne près de Kidal.",
])
def test_the_entre_pattern_gives_both_sides(pipeline, role_frames, text):
    evs = _events(pipeline, text)
    assert any(e.actor1 and e.actor2 for e in evs), [(e.actor1, e.actor2) for e in evs]
    lex = role_frames
    lex.role_frames = replace(lex.role_frames, noun=_without(lex.role_frames.noun, "entre"),
                              host=tuple(replace(h, groups=_without(h.groups, "entre")) for h in lex.role_frames.host))
    assert not any(e.actor2 for e in _events(pipeline, text))


def test_every_test_and_reader_a_pattern_may_name_is_code():
    assert set(roles.DEPENDENT_TESTS) == set(frames.DEPENDENT_TESTS)
    assert set(roles.OWNER_TESTS) == set(frames.OWNER_TESTS)
    assert set(roles.HOST_READERS) == set(frames.READERS)


def test_the_french_frames_load_and_name_every_kind():
    lex = EventLexicon("fr")
    rf = lex.role_frames
    assert rf.noun and rf.verb and rf.host
    assert {h.reader for h in rf.host if h.reader} == set(frames.READERS)
    # a list name is read as its words, with both apostrophes for the grammar's
    assert "de" in rf.noun[-1][-1].cases and "d’" in rf.noun[-1][-1].cases
    assert lex.verbs["investir"][0].objects == lex.place_nouns


@pytest.mark.parametrize("pattern, message", [
    ({"deps": ["nmod"], "case": "against_preps", "fill": ["actor3"]}, "actor3"),
    ({"deps": ["nmod"], "case": "against_preps", "fil": ["actor2"]}, "fil"),
    ({"deps": ["nmod"], "is": ["armed"], "fill": ["actor2"]}, "armed"),
    ({"deps": ["nmod"], "when": ["raining"], "fill": ["actor2"]}, "raining"),
    ({"deps": ["nmod"], "case": "agaisnt_preps", "fill": ["actor2"]}, "agaisnt_preps"),
    ({"deps": ["nmod"], "case": [True], "fill": ["actor2"]}, "True"),
])
def test_a_mistyped_pattern_is_an_error_naming_it(pattern, message):
    with pytest.raises(ValueError, match=message):
        frames.pattern(pattern, _lists_of_fr(), "frames.yaml: test")


def test_an_unknown_reader_is_an_error():
    with pytest.raises(ValueError, match="guess"):
        frames.role_frames({"host": [{"lemma": ["opposer"], "reader": "guess"}]}, _lists_of_fr())


def test_one_group_of_patterns_may_be_written_without_the_outer_list():
    one = frames.groups([{"deps": ["obl*"], "case": ["avec"], "fill": ["actor2"]}], _lists_of_fr(), "x")
    assert len(one) == 1 and one[0][0].has_dep("obl:mod") and not one[0][0].has_dep("nmod")
