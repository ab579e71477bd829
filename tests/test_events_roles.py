"""Who plays which part: dispatches of tests/data/events_roles.yaml, each with the event that
must be among its events, roles that must stay empty included."""
from __future__ import annotations

import unicodedata

import pytest
import yaml

from conftest import data_path

DATA = yaml.safe_load(data_path("events_roles.yaml").read_text("utf-8"))


def _fold(s: str | None) -> str:
    return unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower().replace("’", "'")


def _misses(event, expect: dict) -> list[str]:
    wrong = []
    if "type" in expect and event.event_type != expect["type"]:
        wrong.append(f"type {event.event_type}")
    for role in ("actor1", "actor2"):
        if role not in expect:
            continue
        got, want = getattr(event, role), expect[role]
        if want is None and got is not None or want is not None and (
                not got or not any(_fold(alt) in _fold(got) for alt in want.split("|"))):
            wrong.append(f"{role} {got!r}")
    if "fatalities" in expect and event.fatalities != expect["fatalities"]:
        wrong.append(f"fatalities {event.fatalities}")
    return wrong


@pytest.mark.parametrize("case", DATA["cases"], ids=[c["text"][:40] for c in DATA["cases"]])
def test_roles(extract, case):
    rec = extract(case["text"] + "\n", published=DATA["published"])
    assert rec.events, f"no event in: {case['text']}"
    misses = [_misses(e, case["expect"]) for e in rec.events]
    assert any(not m for m in misses), f"{case['text']}\n{misses}"
