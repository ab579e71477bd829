"""One token view, built by the parse stage (``doc.tokens``) and read by the stages after it."""
from __future__ import annotations

import pytest

from veille import pipeline as pl
from veille.document import Doc
from veille.errors import VeilleError
from veille.speech.lexmatch import norm
from veille.stages import actors, dateline, events, language, parse, places, repair, statements
from veille.tokenview import TokenView

TEXT = ("Les forces ukrainiennes ont abattu dix-huit drones lancés par la Russie, a déclaré l'État-major.\n"
        "Selon le gouverneur, les frappes ont visé des infrastructures énergétiques.")


@pytest.fixture(scope="module")
def parsed(pipeline) -> Doc:
    doc = Doc(raw=TEXT, source="test", meta={})
    for name in ("repair", "language"):
        pipeline.stages[name](doc)
    pipeline.stages["parse"].pipe([doc])
    return doc


def test_the_parse_stage_builds_the_view_once(parsed, pipeline):
    tv = parsed.tokens
    assert isinstance(tv, TokenView) and tv.doc is parsed.parsed and len(tv) == len(parsed.parsed) > 20
    pipeline.stages["actors"](parsed)
    pipeline.stages["statements"](parsed)
    assert parsed.tokens is tv  # the later stages read it, none builds its own
    assert parsed.actor_book.tv is tv


def test_the_columns_are_the_parse(parsed):
    tv, toks = parsed.tokens, list(parsed.parsed)
    assert tv.text == [t.text for t in toks]
    assert tv.pos == [t.pos_ for t in toks]
    assert tv.lemma_lower == [t.lemma_.lower() for t in toks]  # accents kept: "état-major", "lancer"
    assert any(lo != key for lo, key in zip(tv.lemma_lower, tv.lemma))
    assert tv.key == [norm(t.text) for t in toks] and tv.lemma == [norm(t.lemma_) for t in toks]
    assert tv.start == [t.idx for t in toks] and tv.head == [t.head.i for t in toks]


def test_an_empty_parse_gives_an_empty_view(pipeline):
    tv = TokenView.of(pipeline.stages["parse"].nlp("fr")(""))
    assert len(tv) == 0 and tv.lemma_lower == [] and tv.pos == []


def test_statements_before_the_parse_is_rejected():
    stages = [dateline, repair, language, statements, parse, places, actors, events]
    with pytest.raises(VeilleError, match=r"stage 'statements' needs .*'tokens' \(set by 'parse', which must "
                                          r"come before it\)"):
        pl.check(stages)


def test_a_document_with_no_parse_skips_the_stages_on_the_view(pipeline):
    """No model for the language: no parse, no view, and the actors and statements stages are
    skipped rather than failing."""
    assert {"places", "actors", "statements", "events"} <= pipeline._on_parse
    text = ("Der Verteidigungsminister sagte am Montag in Berlin, die Lage an der Grenze sei ruhig und die "
            "Truppen blieben in ihren Kasernen.\n")
    rec = pipeline.run(Doc(raw=text, source="test", meta={}))
    assert rec.document.language == "de" and rec.actors == [] and rec.statements == []
