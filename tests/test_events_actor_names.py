"""The names of an event's actors (tests/data/events_actor_names.yaml, the team's sentences):
ACLED's generic "Civilians (Country)" for unnamed people hit, and pronouns that stand for people,
not for a document."""
from __future__ import annotations

import unicodedata

import pytest
import yaml

from conftest import data_path

DATA = yaml.safe_load(data_path("events_actor_names.yaml").read_text("utf-8"))


def _fold(s: str | None) -> str:
    return unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()


@pytest.mark.parametrize("case", DATA["cases"], ids=[f"case-{i}" for i in range(len(DATA["cases"]))])
def test_actor_names(extract, case):
    rec = extract(case["text"] + "\n", published=DATA["published"])
    assert rec.events, case["text"]
    if "places" in case:
        assert sorted((e.place or {}).get("name") for e in rec.events) == case["places"], \
            [(e.event_type, e.place) for e in rec.events]
    if "count" in case:
        assert len(rec.events) == case["count"], [(e.event_type, e.actor1, e.evidence.text) for e in rec.events]
    if "every_modality" in case:
        assert {e.modality for e in rec.events} == {case["every_modality"]}, [(e.modality, e.evidence.text) for e in rec.events]
    if "type" in case:
        assert case["type"] in [e.event_type for e in rec.events], [e.event_type for e in rec.events]
    for role in ("actor1", "actor2", "assoc_actor1"):
        names = [getattr(e, role) for e in rec.events]
        if role in case:
            assert any(_fold(n).startswith(_fold(case[role])) for n in names), names
        if f"not_{role}" in case:
            assert not any(_fold(case[f"not_{role}"]) in _fold(n) for n in names), names
