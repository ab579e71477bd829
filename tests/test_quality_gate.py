"""The quality gate: the shared scorer over the dev set must stay at or above the pinned floors
in tests/quality_floors.json. Records are made in this process (the model loads once), then
scored by ../shared/eval/score.py exactly as the before-stop check scores them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def scores(extract, tmp_path_factory):
    from conftest import SHARED

    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared is not beside the repository")
    out = tmp_path_factory.mktemp("records")
    for gold_path in sorted((SHARED / "eval" / "gold").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        raw = (SHARED / gold["document"]).read_text(encoding="utf-8")
        rec = extract(raw, published=gold.get("published"))
        target = out / (gold["document"] + ".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rec.to_json(), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(SHARED / "eval" / "gold"),
                          "--corpus", str(SHARED), "--records", str(out)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    last = run.stdout.strip().splitlines()[-1]
    assert last.startswith("score: ")
    print(run.stdout)
    return {k: float(v) if v.replace(".", "", 1).isdigit() else v
            for k, v in (kv.split("=") for kv in last[len("score: "):].split())}


@pytest.mark.parametrize("metric", ["places_f1", "statements_f1", "events_f1", "attrs", "credits", "boilerplate"])
def test_quality_floor(scores, metric):
    assert scores[metric] >= FLOORS[metric], f"{metric}={scores[metric]} fell below its floor {FLOORS[metric]}"


@pytest.mark.parametrize("metric, ceiling", [("anachronisms", "max_anachronisms"), ("bad_spans", "max_bad_spans"),
                                             ("failed", "max_failed")])
def test_quality_ceiling(scores, metric, ceiling):
    assert scores[metric] <= FLOORS[ceiling], f"{metric}={scores[metric]} over its ceiling {FLOORS[ceiling]}"
