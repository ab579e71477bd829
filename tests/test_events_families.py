"""Each family of events (territory, violence, remote violence, restrictions, arrests,
protests, agreements) read from dispatches the team wrote; and sentences that tell none."""
from __future__ import annotations

import unicodedata

import pytest
import yaml

from conftest import data_path

DATA = yaml.safe_load(data_path("events_families.yaml").read_text("utf-8"))
PUBLISHED = DATA["published"]
CASES = [(family, case) for family, cases in DATA.items() if family not in ("published", "none") for case in cases]


def _fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    return s.replace("’", "'")


def _fits(event, expect: dict) -> list[str]:
    """The expectations this event fails (empty when it fits)."""
    wrong = []
    if event.event_type != expect["type"]:
        wrong.append(f"type {event.event_type}")
    if "sub" in expect and event.sub_event_type != expect["sub"]:
        wrong.append(f"sub {event.sub_event_type}")
    for role in ("actor1", "actor2"):
        if role in expect:
            got = getattr(event, role)
            if not got or not any(_fold(alt) in _fold(got) for alt in expect[role].split("|")):
                wrong.append(f"{role} {got!r}")
    if "fatalities" in expect and event.fatalities != expect["fatalities"]:
        wrong.append(f"fatalities {event.fatalities}")
    if "modality" in expect and event.modality != expect["modality"]:
        wrong.append(f"modality {event.modality}")
    return wrong


@pytest.mark.parametrize("family,case", CASES, ids=[f"{f}-{i}" for i, (f, _) in enumerate(CASES)])
def test_family(extract, family, case):
    rec = extract(case["text"] + "\n", published=PUBLISHED)
    assert rec.events, f"no event in: {case['text']}"
    misses = {i: _fits(e, case["expect"]) for i, e in enumerate(rec.events)}
    assert any(not m for m in misses.values()), f"{case['text']}\n{misses}"


@pytest.mark.parametrize("text", DATA["none"])
def test_no_event(extract, text):
    rec = extract(text + "\n", published=PUBLISHED)
    assert rec.events == [], [(e.event_type, e.evidence.text) for e in rec.events]


def test_every_family_has_three_examples():
    for family, cases in DATA.items():
        if family not in ("published", "none"):
            assert len(cases) >= 3, family


@pytest.mark.parametrize("family,case", CASES[:8], ids=[f"span-{i}" for i in range(8)])
def test_spans_are_raw_text(extract, family, case):
    raw = "Titre de la dépêche\n\n" + case["text"] + "\n"
    rec = extract(raw, published=PUBLISHED)
    for e in rec.events:
        for span in [e.evidence, e.trigger, *e.mentions]:
            if span is not None:
                assert raw[span.start:span.end] == span.text
        assert len(e.evidence.text) <= 600
