"""The golden records (tests/golden/): the records of the team's dispatches and of the dev set,
as a projection of facts and spans, must not change unless someone means them to (rebuild with
tests/golden/make_golden.py, and say why in the commit message). A refactor proves here that it
changed nothing; a fix shows exactly which records it changed."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "golden"
sys.path.insert(0, str(HERE))
import make_golden  # noqa: E402

SETS = make_golden.sets()


@pytest.mark.parametrize("name", sorted(SETS))
def test_records_match_their_golden_projection(extract, name):
    path = HERE / f"{name}.json"
    assert path.is_file(), f"{path.name} is missing: run tests/golden/make_golden.py"
    golden = json.loads(path.read_text("utf-8"))
    assert sorted(golden) == sorted(key for key, _, _ in SETS[name])
    changed = []
    for key, article, published in SETS[name]:
        now = json.loads(json.dumps(make_golden.projection(extract(article.read_text("utf-8"), published=published))))
        if now != golden[key]:
            changed.append(key)
    assert not changed, f"records changed: {changed} (if meant, rebuild with tests/golden/make_golden.py)"


def test_the_golden_sets_hold_facts():
    golden = json.loads((HERE / "examples.json").read_text("utf-8"))
    assert sum(len(r["events"]) for r in golden.values()) >= 3
