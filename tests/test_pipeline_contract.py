"""The stage contract: every stage's NEEDS set by read or an earlier stage, checked when a
Pipeline is built; the declarations true to what each stage reads and writes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from veille import pipeline as pl
from veille.errors import VeilleError
from veille.stages import actors, dateline, events, language, parse, places, read, record, repair, statements

SRC = Path(pl.__file__).resolve().parent


def test_the_default_pipeline_passes_its_check():
    infos = pl.check()
    assert [i.name for i in infos] == ["read", *(m.NAME for m in pl.STAGES), "record"]


def test_a_pipeline_with_a_stage_removed_is_rejected_naming_the_stage_and_the_key():
    stages = [m for m in pl.STAGES if m is not actors]
    with pytest.raises(VeilleError) as exc:
        pl.Pipeline(stages=stages)  # refused before any stage is built
    msg = str(exc.value)
    assert "'statements'" in msg and "'actor_book'" in msg and "set by no stage" in msg


def test_a_pipeline_with_a_stage_moved_is_rejected_naming_who_must_come_first():
    stages = [dateline, repair, language, parse, places, actors, events, statements]  # events first
    with pytest.raises(VeilleError) as exc:
        pl.Pipeline(stages=stages)
    assert str(exc.value) == ("stage 'events' needs what no earlier stage sets: 'statements' (set by "
                              "'statements', which must come before it); 'speaker_actors' (set by "
                              "'statements', which must come before it); 'speaker_mentions' (set by "
                              "'statements', which must come before it); 'statement_content' (set by "
                              "'statements', which must come before it); 'statement_cues' (set by "
                              "'statements', which must come before it)")
    stages = [dateline, language, repair, parse, places, actors, statements, events]  # language before repair
    with pytest.raises(VeilleError, match=r"stage 'language' needs .*'clean_text' \(set by 'repair', which must "
                                          r"come before it\)"):
        pl.check(stages)


def test_the_last_stage_removed_is_caught_by_the_record():
    with pytest.raises(VeilleError, match=r"stage 'record' needs .*'events'"):
        pl.check([m for m in pl.STAGES if m is not events])


def test_a_declared_key_must_name_a_doc_field():
    class Fake:
        NAME, NEEDS, SETS = "fake", ("clean_txt",), ()
    with pytest.raises(VeilleError, match="'clean_txt'.*no Doc field"):
        pl.check([*pl.STAGES, Fake])


def test_a_stage_twice_is_rejected():
    with pytest.raises(VeilleError, match="'places' appears twice"):
        pl.check([*pl.STAGES, places])


# --- the declarations against the code -------------------------------------------------------

_DOC_USE = re.compile(r"\b(?:self\.)?doc\.(notes|meta)(?:\.get\(|\[)\s*\"(\w+)\"|\b(?:self\.)?doc\.(\w+)")
_METHODS = {"raw_span": ("raw", "offsets"), "span_of": ("raw", "offsets"),
            "all_actors": ("actors", "speaker_actors", "speaker_mentions", "raw", "offsets"),
            "all_actor_mentions": ("actor_mentions", "speaker_mentions")}
_SPACY = {"char_span", "vocab"}  # a spaCy Doc named doc in the parts


def _used(paths: list[Path]) -> set[str]:
    keys: set[str] = set()
    for path in paths:
        for m in _DOC_USE.finditer(path.read_text("utf-8")):
            if m.group(1):
                keys.add(f"{m.group(1)}.{m.group(2)}")
            elif m.group(3) in _METHODS:
                keys.update(_METHODS[m.group(3)])
            elif m.group(3) not in _SPACY and m.group(3) not in ("notes", "meta"):
                keys.add(m.group(3))
    return keys


@pytest.mark.parametrize("module, parts", [
    (read, []), (dateline, []), (repair, []), (language, []), (parse, []), (places, []),
    (actors, []), (statements, []), (events, ["events"]), (record, []),
])
def test_each_stage_declares_every_doc_key_it_uses(module, parts):
    paths = [Path(module.__file__)] + [p for d in parts for p in sorted((SRC / d).glob("*.py"))]
    undeclared = _used(paths) - set(module.NEEDS) - set(module.SETS)
    assert not undeclared, f"{module.NAME} uses {sorted(undeclared)} without declaring them"


def test_the_speech_parts_use_only_what_actors_and_statements_declare():
    declared = set(actors.NEEDS) | set(actors.SETS) | set(statements.NEEDS) | set(statements.SETS)
    undeclared = _used(sorted((SRC / "speech").glob("*.py"))) - declared
    assert not undeclared, f"speech/ uses {sorted(undeclared)}, declared by neither actors nor statements"


# the Doc fields a stage leaves for a later one
HANDOFF = {"tokens", "place_mentions", "sites", "actor_mentions", "quotes", "actor_book",
           "statement_content", "statement_cues", "speaker_actors", "speaker_mentions"}


def test_the_handoff_fields_are_typed_doc_fields():
    assert HANDOFF <= pl._DOC_FIELDS and "notes" not in pl._DOC_FIELDS


def test_every_handoff_a_stage_sets_is_needed_by_a_later_one_or_said_to_be_for_none():
    infos = pl.check()
    set_notes = {k for i in infos for k in i.sets if k in HANDOFF}
    needed = {k for i in infos for k in i.needs}
    assert set_notes - needed <= {"sites"}  # sites: kept for analysts, read by no stage yet


def test_the_statements_stage_called_without_the_actors_stage_says_so(pipeline):
    """No quiet fallback: a statements stage called on a document the actors stage never saw
    refuses it in one line instead of building the actors itself."""
    from veille.document import Doc
    from veille.errors import VeilleError

    doc = Doc(raw="Le ministre a déclaré que la ville était calme.\n")
    for name in ("repair", "language", "parse"):
        pipeline.stages[name](doc)
    with pytest.raises(VeilleError, match="actors"):
        pipeline.stages["statements"](doc)
