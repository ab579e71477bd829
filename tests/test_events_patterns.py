"""Patterns of French copy beyond the dev set: protests with a purpose clause, quoted participles
after a reporting verb, attempts and breakthroughs, nationality adjectives naming the striker,
unnamed gunmen, historical wars dated in the past, and remote weapons as the means of killing."""
from __future__ import annotations

import unicodedata

import pytest
import yaml

from conftest import data_path

DATA = yaml.safe_load(data_path("events_patterns.yaml").read_text("utf-8"))
PUBLISHED = DATA["published"]


def _fold(s) -> str:
    s = unicodedata.normalize("NFKD", str(s or "")).encode("ascii", "ignore").decode().lower()
    return s.replace("’", "'")


def _has(got, alts: str) -> bool:
    """Words of ``got``; "^words$": exactly these words (an actor that must not run on)."""
    return bool(got) and any(_fold(got) == _fold(a[1:-1]) if a.startswith("^") and a.endswith("$")
                             else _fold(a) in _fold(got) for a in alts.split("|"))


def _wrong(e, x: dict) -> list[str]:
    out = []
    if e.event_type not in x["type"].split("|"):
        out.append(f"type {e.event_type}")
    if "sub" in x and e.sub_event_type != x["sub"]:
        out.append(f"sub {e.sub_event_type}")
    for role in ("actor1", "actor2", "claimed_by"):
        if role in x and x[role] is None:  # "actor2: null": no one, the object is a place
            if getattr(e, role) is not None:
                out.append(f"{role} {getattr(e, role)!r}")
        elif role in x and not _has(getattr(e, role), x[role]):
            out.append(f"{role} {getattr(e, role)!r}")
    if "fatalities" in x and e.fatalities != x["fatalities"]:
        out.append(f"fatalities {e.fatalities}")
    if "modality" in x and e.modality != x["modality"]:
        out.append(f"modality {e.modality}")
    if "place" in x and not (e.place and _has(e.place.get("name") if isinstance(e.place, dict) else e.place.name, x["place"])):
        out.append(f"place {e.place}")
    if "date" in x and not (e.date and str(e.date.start).startswith(x["date"])):
        out.append(f"date {e.date}")
    if "historical" in x and bool(e.historical) != x["historical"]:
        out.append(f"historical {e.historical}")
    return out


@pytest.mark.parametrize("case", DATA["cases"], ids=lambda c: c["text"][:50])
def test_pattern_gives_the_event(extract, case):
    rec = extract(case["text"], PUBLISHED)
    assert rec.events, "no event"
    fits = [_wrong(e, case["expect"]) for e in rec.events]
    assert any(not f for f in fits), fits


@pytest.mark.parametrize("text", DATA["none"], ids=lambda t: t[:50])
def test_no_event(extract, text):
    rec = extract(text, PUBLISHED)
    assert [(e.event_type, e.trigger.text) for e in rec.events] == []
