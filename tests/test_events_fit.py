"""The argument-class gate (veille.events.fit): accidents, things "arrested", debates, trade
deals, idioms and online restrictions tell no event, while the same words with the right
arguments still do. The sentences are the team's own (tests/data/events_fit.yaml)."""
from __future__ import annotations

import pytest
import yaml

from conftest import data_path

DATA = yaml.safe_load(data_path("events_fit.yaml").read_text("utf-8"))
PUBLISHED = DATA.pop("published")
NONE = [(fam, text) for fam, cases in DATA.items() for text in cases["none"]]
KEEP = [(fam, case) for fam, cases in DATA.items() for case in cases["keep"]]


@pytest.mark.parametrize("family,text", NONE, ids=[f"{f}-none-{i}" for i, (f, _) in enumerate(NONE)])
def test_no_event(extract, family, text):
    rec = extract(text + "\n", published=PUBLISHED)
    assert rec.events == [], [(e.event_type, e.evidence.text) for e in rec.events]


@pytest.mark.parametrize("family,case", KEEP, ids=[f"{f}-keep-{i}" for i, (f, _) in enumerate(KEEP)])
def test_still_an_event(extract, family, case):
    rec = extract(case["text"] + "\n", published=PUBLISHED)
    types = [e.event_type for e in rec.events]
    assert set(types) & set(case["type"].split("|")), f"{case['text']}\n{types}"


def test_every_family_has_three_of_each():
    for family, cases in DATA.items():
        assert len(cases["none"]) >= 3 and len(cases["keep"]) >= 3, family
