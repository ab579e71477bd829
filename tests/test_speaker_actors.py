"""The statements stage writes its speakers to fields of its own: the actors stage's list stays
as that stage left it, and ``Doc.all_actors`` gives the record (and the events stage) both."""
from __future__ import annotations

import copy

import pytest

from veille import pipeline as pl
from veille.document import Doc
from veille.errors import VeilleError
from veille.stages import actors, dateline, events, language, parse, places, repair, statements

# "selon la Russie": a speaker mention of an actor the actors stage knew (Russia);
# "ce que l'Algérie dément": a speaker the actors stage did not know (Algeria)
TEXT = ("La Russie a condamné l'attaque, et selon la Russie, le bilan est lourd. Bamako accuse Alger "
        "d'héberger des chefs rebelles, ce que l'Algérie dément.")


def _through_actors(pipeline) -> Doc:
    doc = Doc(raw=TEXT, source="test", meta={"published": "2024-06-01"})
    for name in ("dateline", "repair", "language"):
        pipeline.stages[name](doc)
    pipeline.stages["parse"].pipe([doc])
    for name in ("places", "actors"):
        pipeline.stages[name](doc)
    return doc


def _said(doc: Doc, words: str) -> list[str]:
    return [aid for s, e, aid in doc.speaker_mentions if doc.clean_text[s:e] == words]


def test_the_statements_stage_leaves_the_actors_stage_list_as_it_was(pipeline):
    doc = _through_actors(pipeline)
    published, before, mentions_before = doc.actors, copy.deepcopy(doc.actors), list(doc.actor_mentions)
    pipeline.stages["statements"](doc)
    assert doc.actors is published and doc.actors == before  # not one actor's mentions grew
    assert doc.actor_mentions == mentions_before
    russia = next(a for a in before if a.name == "Russia")
    assert _said(doc, "Russie") == [russia.id]  # the case the test is for: a known actor speaks
    assert [a.name for a in doc.speaker_actors] == ["Algeria"]
    assert _said(doc, "Algérie") == [doc.speaker_actors[0].id]


def test_all_actors_is_what_one_book_gives_both_stages(pipeline):
    doc = _through_actors(pipeline)
    pipeline.stages["statements"](doc)
    merged = doc.all_actors()
    book = doc.actor_book.finish()  # the book saw every mention, the speakers' included
    assert [(a.id, a.name, [(m.start, m.end) for m in a.mentions]) for a in merged] == \
           [(a.id, a.name, [(m.start, m.end) for m in a.mentions]) for a in book]
    russia = next(a for a in merged if a.name == "Russia")
    assert len(russia.mentions) == 2 and len(next(a for a in doc.actors if a.id == russia.id).mentions) == 1
    assert doc.all_actor_mentions() == doc.actor_book.notes()
    assert {aid for _, _, aid in doc.all_actor_mentions()} <= {a.id for a in merged}


def test_the_record_holds_the_speakers(extract):
    rec = extract(TEXT, "2024-06-01")
    names = [a.name for a in rec.actors]
    assert "Algeria" in names and "Russia" in names
    speakers = {s.speaker_actor for s in rec.statements}
    assert speakers <= {a.id for a in rec.actors}


def test_statements_before_actors_is_rejected():
    stages = [dateline, repair, language, parse, places, statements, actors, events]
    with pytest.raises(VeilleError, match=r"stage 'statements' needs .*'actor_book' \(set by 'actors', which "
                                          r"must come before it\)"):
        pl.check(stages)


def test_events_and_the_record_need_the_speakers():
    for stage in (events, pl.record):
        assert {"speaker_actors", "speaker_mentions"} <= set(stage.NEEDS)
    assert not {"actors", "actor_mentions"} & set(statements.SETS)
