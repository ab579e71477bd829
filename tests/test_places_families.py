"""The place families of issue 15 on sentences the team wrote (tests/data/places_families.yaml):
storms' and programmes' names, counts, US and Canadian states, districts of big cities, places
set in another ("X, dans le Queens"), spelling slips, and landmarks. Each case must hold whole."""
from __future__ import annotations

import math

import pytest
import yaml

from conftest import data_path
from veille.gazetteer import norm

FAMILIES = yaml.safe_load(data_path("places_families.yaml").read_text("utf-8"))
CASES = [pytest.param(case, id=f"{family}-{i}") for family, cases in FAMILIES.items()
         for i, case in enumerate(cases)]


def _km(lat1, lon1, lat2, lon2):
    p = math.pi / 180
    h = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def test_each_family_has_three_cases():
    assert all(len(cases) >= 3 for cases in FAMILIES.values())


@pytest.mark.parametrize("case", CASES)
def test_place_family(extract, case):
    text = case["text"]
    rec = extract(text)
    by_words = {m.text: p for p in rec.places for m in p.mentions}
    problems = []
    for words, name, cc, kind in case.get("places", []):
        p = by_words.get(words)
        if p is None:
            problems.append(f"{words!r} not found")
            continue
        if name == "=":
            ok = norm(p.name) == norm(words) and p.geonameid is None and p.lat is None
        else:
            ok = norm(p.name) == norm(name)
        if not ok or p.country_code != cc or p.kind != kind:
            problems.append(f"{words!r}: got {p.name} / {p.country_code} / {p.kind} / {p.geonameid}")
    for words in case.get("not", []):
        start = text.index(words)
        while start >= 0:
            hit = [p.name for p in rec.places if p.kind != "site" for m in p.mentions
                   if m.start < start + len(words) and start < m.end]
            if hit:
                problems.append(f"{words!r} taken for {hit}")
            start = text.find(words, start + 1)
    for words, lat, lon in case.get("near", []):
        p = by_words.get(words)
        if p is None or p.lat is None or _km(p.lat, p.lon, lat, lon) > 100:
            problems.append(f"{words!r} not near ({lat}, {lon}): {p and (p.lat, p.lon)}")
    if case.get("only"):
        wanted = {w for w, *_ in case["places"]}
        extra = [(p.name, [m.text for m in p.mentions]) for p in rec.places
                 if not any(m.text in wanted for m in p.mentions)]
        if extra:
            problems.append(f"extra places: {extra}")
    assert not problems, "\n".join(problems)
