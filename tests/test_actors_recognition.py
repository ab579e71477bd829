"""Actors: nationality from adjectives, ministries, generic groups, canonical names, countries and
capitals that act, roles from appositions, merged mentions, pronouns, provisional actors; and the
contract with the events stage (``doc.actor_mentions``).

Cases: tests/data/actors_cases.yaml (dispatches the team wrote, two or more per pattern).
"""
from __future__ import annotations

import re
import unicodedata

import pytest
import yaml

from conftest import data_path

CASES = yaml.safe_load(data_path("actors_cases.yaml").read_text("utf-8"))


def words(s: str | None) -> set[str]:
    s = unicodedata.normalize("NFKD", (s or "").replace("’", "'")).encode("ascii", "ignore").decode().lower()
    return set(re.findall(r"[a-z0-9]+", s)) - {"le", "la", "les", "l", "de", "des", "d", "du", "the", "of"}


def actor_by_mention(rec, text: str):
    for a in rec.actors:
        if any(m.text == text for m in a.mentions):
            return a
    return None


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_actor_case(extract, case):
    rec = extract(case["text"])
    listing = "\n".join(f"  {a.name!r} {a.kind} {a.country_code} role={a.role!r} {[m.text for m in a.mentions]}"
                        for a in rec.actors)
    for want in case.get("expect", []):
        a = actor_by_mention(rec, want["mention"])
        assert a is not None, f"no actor mentioned as {want['mention']!r}:\n{listing}"
        assert words(want["name"]) <= words(a.name), f"{a.name!r} lacks {want['name']!r}"
        if "kind" in want:
            assert a.kind == want["kind"], f"{a.name!r}: kind {a.kind!r}, want {want['kind']!r}"
        if "country" in want:
            assert a.country_code == want["country"], f"{a.name!r}: country {a.country_code!r}"
        if "role" in want:
            assert words(want["role"]) <= words(a.role), f"{a.name!r}: role {a.role!r} lacks {want['role']!r}"
        for other in want.get("also", []):
            assert any(m.text == other for m in a.mentions), f"{a.name!r} not mentioned as {other!r}:\n{listing}"
    for text in case.get("absent", []):
        assert actor_by_mention(rec, text) is None, f"{text!r} should not be an actor:\n{listing}"


@pytest.mark.parametrize("case", CASES[:10], ids=[c["id"] for c in CASES[:10]])
def test_actor_mentions_are_raw_spans(extract, case):
    raw = case["text"]
    for a in extract(raw).actors:
        assert a.mentions, a
        for m in a.mentions:
            assert raw[m.start:m.end] == m.text


def test_actor_mentions_note_for_the_events_stage(pipeline):
    """Sorted, non-overlapping clean-text ranges, each naming an actor of the document."""
    from veille.document import Doc

    text = ("Le porte-parole de l'armée israélienne, Daniel Hagar, a affirmé que les forces israéliennes "
            "avaient frappé des positions du Hezbollah. Il a ajouté que l'opération continuait.")
    doc = Doc(raw=text, source="test", meta={})
    for name in ("repair", "language"):
        pipeline.stages[name](doc)
    pipeline.stages["parse"].pipe([doc])
    for name in ("places", "actors", "statements"):
        pipeline.stages[name](doc)
    notes = doc.actor_mentions
    ids = {a.id for a in doc.actors}
    assert notes == sorted(notes)
    assert all(aid in ids for _, _, aid in notes)
    assert all(e1 <= s2 for (_, e1, _), (s2, _, _) in zip(notes, notes[1:]))
    by_text = {doc.clean_text[s:e]: aid for s, e, aid in notes}
    hagar = by_text["Daniel Hagar"]
    assert by_text["Il"] == hagar
    assert by_text["forces israéliennes"] != hagar
