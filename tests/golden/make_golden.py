"""Writes the golden records: what veille extracts today from the team's dispatches (examples/,
tests/eval/articles/) and from the shared dev set, as a projection of the record that holds its
facts and spans but no article text (the dev set's text stays out of the repository).
tests/test_golden_records.py fails when a record changes; run this script after a change whose
new records you have read and mean (say why in the commit message):

    .venv/bin/python tests/golden/make_golden.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"


def sets() -> dict[str, list[tuple[str, Path, str | None]]]:
    """name -> [(key, path, published)]: the articles of each golden set."""
    out = {"examples": [(p.name, p, "2025-03-14") for p in sorted((ROOT / "examples").glob("*.txt"))],
           "team": []}
    for g in sorted((ROOT / "tests" / "eval" / "gold").glob("*.gold.json")):
        gold = json.loads(g.read_text("utf-8"))
        out["team"].append((gold["document"], ROOT / "tests" / "eval" / gold["document"], gold.get("published")))
    if (SHARED / "eval" / "gold").is_dir():
        out["dev"] = []
        for g in sorted((SHARED / "eval" / "gold").glob("*.gold.json")):
            gold = json.loads(g.read_text("utf-8"))
            out["dev"].append((gold["document"], SHARED / gold["document"], gold.get("published")))
    return out


def _span(s) -> list[int] | None:
    return [s.start, s.end] if s is not None else None


def projection(rec) -> dict:
    """The facts of a record and where they stand, without the article's words."""
    return {
        "places": sorted([p.name, p.kind, p.country_code, p.geonameid, len(p.mentions)] for p in rec.places),
        "statements": [[st.speaker, st.cue, st.kind, st.act, _span(st.content), _span(st.evidence)]
                       for st in rec.statements],
        "events": [[e.event_type, e.sub_event_type, e.actor1, e.assoc_actor1, e.actor2,
                    (e.place or {}).get("name"), e.date.start if e.date else None, e.fatalities, e.modality,
                    e.claimed_by, e.historical, _span(e.evidence), len(e.mentions)] for e in rec.events],
    }


def build(extract) -> dict[str, dict]:
    return {name: {key: projection(extract(path.read_text("utf-8"), published=published))
                   for key, path, published in items} for name, items in sets().items()}


def main() -> None:
    from veille import extract

    for name, records in build(extract).items():
        (HERE / f"{name}.json").write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"wrote {name}.json ({len(records)} records)", file=sys.stderr)


if __name__ == "__main__":
    main()
