"""Exports: ACLED's CSV column layout, GeoJSON, JSON Lines and Parquet, the same events in each,
through the library, the command line and the API."""
from __future__ import annotations

import csv
import io
import json

import pytest

from serve_fixtures import BAMAKO_TEXT, build_db, fresh_database
from veille.export import ACLED_COLUMNS, CSV_COLUMNS, export

# ACLED's own export, in its order: what tools made for ACLED read by name and position
ACLED_LAYOUT = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                "fatalities", "tags", "timestamp"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request, tmp_path_factory):
    from veille.store import open_store

    with fresh_database(request.param, tmp_path_factory.mktemp("export")) as url:
        ids = build_db(url)
        with open_store(url) as store:
            yield url, store, ids


def _csv_rows(data: bytes) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8")))
    return reader.fieldnames, list(reader)


def _export(store, fmt, f=None) -> bytes:
    buf = io.BytesIO()
    export(store, fmt, buf, f)
    return buf.getvalue()


def test_export_acled_csv_has_acleds_columns_in_acleds_order(db):
    _, store, _ = db
    header, rows = _csv_rows(_export(store, "acled-csv"))
    assert header[:len(ACLED_LAYOUT)] == ACLED_LAYOUT == list(ACLED_COLUMNS)
    assert all(c.startswith("veille_") for c in header[len(ACLED_LAYOUT):])
    assert len(rows) == 7


def test_export_acled_csv_values_follow_acleds_conventions(db):
    _, store, ids = db
    _, rows = _csv_rows(_export(store, "acled-csv"))
    by_id = {r["veille_event_id"]: r for r in rows}
    strike = by_id[ids.event("kherson", 0)]
    assert strike["event_id_cnty"].startswith("UKR-")
    assert (strike["event_date"], strike["year"], strike["time_precision"]) == ("2025-03-11", "2025", "1")
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert strike["disorder_type"] == "Political violence"
    assert (strike["country"], strike["iso"], strike["location"]) == ("Ukraine", "804", "Kherson")
    assert (float(strike["latitude"]), float(strike["longitude"])) == (46.65581, 32.6178)
    assert (strike["geo_precision"], strike["fatalities"], strike["source"]) == ("1", "2", "Agence A")
    assert strike["inter1"] == "1" and strike["interaction"] == "10"  # state forces acting alone
    assert strike["notes"].startswith("Deux personnes ont été tuées mardi à Kherson")
    claim = by_id[ids.event("army_bara")]
    assert claim["notes"].startswith("[claimed by Sudanese Armed Forces]")
    assert (claim["veille_modality"], claim["veille_claimed_by"]) == ("claimed", "Sudanese Armed Forces")
    assert claim["interaction"] == "12" and claim["fatalities"] == "0"  # no figure: ACLED writes 0
    past = by_id[ids.event("kherson", 1)]
    assert (past["event_date"], past["time_precision"]) == ("2022-03-01", "3")
    talks = by_id[ids.event("bamako", 1)]
    assert (talks["event_date"], talks["latitude"], talks["location"], talks["geo_precision"]) == ("", "", "", "")
    arrests = by_id[ids.event("bamako", 0)]
    assert arrests["veille_evidence"] in BAMAKO_TEXT
    assert "<script>" in arrests["veille_document_title"]  # data, kept as it is: a CSV is not HTML


def test_export_geojson_is_a_feature_collection_of_the_same_events(db):
    _, store, ids = db
    fc = json.loads(_export(store, "geojson"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 7
    by_id = {f["id"]: f for f in fc["features"]}
    assert by_id[ids.event("kinshasa")]["geometry"] == {"type": "Point", "coordinates": [15.31357, -4.32758]}
    assert by_id[ids.event("bamako", 1)]["geometry"] is None
    assert by_id[ids.event("kinshasa")]["properties"]["event_type"] == "Protests"


def test_export_jsonl_has_one_event_a_line_with_its_evidence(db):
    _, store, ids = db
    lines = _export(store, "jsonl").decode("utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    assert len(events) == 7
    by_id = {e["id"]: e for e in events}
    e = by_id[ids.event("army_bara")]
    assert (e["modality"], e["statement"], e["document_outlet"]) == ("claimed", 0, "Agence A")
    assert e["evidence"]["text"] == "avoir repris la ville de Bara"


def test_export_parquet_has_the_csv_columns_typed(db):
    import pyarrow as pa
    import pyarrow.parquet as pq

    _, store, ids = db
    table = pq.read_table(io.BytesIO(_export(store, "parquet")))
    assert table.column_names == list(CSV_COLUMNS)
    assert table.num_rows == 7
    assert table.schema.field("latitude").type == pa.float64()
    assert table.schema.field("fatalities").type == pa.int64()
    rows = {r["veille_event_id"]: r for r in table.to_pylist()}
    assert rows[ids.event("kherson", 0)]["fatalities"] == 2
    assert rows[ids.event("bamako", 1)]["latitude"] is None


def test_export_filters_and_an_empty_result(db):
    from veille.store.queries import EventFilter

    _, store, ids = db
    _, rows = _csv_rows(_export(store, "acled-csv", EventFilter(event_type=["Protests"])))
    assert [r["veille_event_id"] for r in rows] == [ids.event("kinshasa")]
    import pyarrow.parquet as pq

    empty = pq.read_table(io.BytesIO(_export(store, "parquet", EventFilter(country="FR"))))
    assert empty.num_rows == 0 and empty.column_names == list(CSV_COLUMNS)
    assert json.loads(_export(store, "geojson", EventFilter(country="FR")))["features"] == []


def test_export_unknown_format_is_refused(db):
    from veille.errors import VeilleError

    _, store, _ = db
    with pytest.raises(VeilleError, match="unknown export format"):
        _export(store, "xlsx")


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "jsonl", "parquet"])
def test_export_command_writes_each_format(db, tmp_path, fmt, capsys):
    from veille.cli import main

    url, _, _ = db
    out = tmp_path / f"events.{fmt}"
    assert main(["export", "--format", fmt, "--db", url, "-o", str(out), "--event-type", "Battles"]) == 0
    assert "wrote 3 events" in capsys.readouterr().err
    data = out.read_bytes()
    if fmt == "acled-csv":
        assert len(_csv_rows(data)[1]) == 3
    elif fmt == "geojson":
        assert len(json.loads(data)["features"]) == 3
    elif fmt == "jsonl":
        assert len(data.splitlines()) == 3
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(io.BytesIO(data)).num_rows == 3


def test_export_command_rejects_bad_options(db, tmp_path, capsys):
    from veille.cli import main

    url, _, _ = db
    out = str(tmp_path / "x.csv")
    assert main(["export", "--format", "acled-csv", "--db", url, "-o", out, "--country", "Sudan"]) == 2
    assert main(["export", "--format", "acled-csv", "--db", url, "-o", out,
                 "--date-from", "2025-03-10", "--date-to", "2025-03-01"]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["export", "--format", "xml", "--db", url, "-o", out])
    assert exc.value.code == 2


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "jsonl", "parquet"])
def test_export_over_the_api(db, fmt):
    from fastapi.testclient import TestClient

    from veille.api import create_app

    url, store, ids = db
    with TestClient(create_app(store=store, allowed_hosts=["testserver"])) as client:
        r = client.get(f"/api/export/{fmt}", params={"country": "SD"})
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    assert r.content == _export(store, fmt, _sd_filter())


def _sd_filter():
    from veille.store.queries import EventFilter

    return EventFilter(country="SD")


@pytest.mark.slow
def test_export_acled_csv_of_the_seed_opens_in_pandas(shared_dir, tmp_path, capsys):
    """The real seed dispatch, extracted and stored, then exported: pandas reads the file with
    ACLED's column names in ACLED's order, one row per stored event, typed as ACLED's are."""
    pd = pytest.importorskip("pandas")
    from veille.cli import main

    seed = shared_dir / "seeds" / "000_322144a5964f7496.txt"
    url, out = f"sqlite:///{tmp_path / 'seed.db'}", tmp_path / "seed.csv"
    assert main(["ingest", str(seed), "--db", url, "--published", "2024-11-30"]) == 0
    assert main(["export", "--format", "acled-csv", "--db", url, "-o", str(out)]) == 0
    capsys.readouterr()

    frame = pd.read_csv(out)
    assert list(frame.columns[:len(ACLED_LAYOUT)]) == ACLED_LAYOUT
    from veille.store import open_store

    with open_store(url) as store:
        stored = store.counts()["events"]
    assert len(frame) == stored >= 3
    # most of the seed's events are in Syria (ACLED's country name, ISO 3166 numeric 760)
    assert (frame["country"] == "Syria").sum() > len(frame) / 2
    assert pd.api.types.is_integer_dtype(frame["iso"]) and 760 in set(frame["iso"])
    assert pd.api.types.is_float_dtype(frame["latitude"]) and pd.api.types.is_float_dtype(frame["longitude"])
    assert pd.api.types.is_integer_dtype(frame["fatalities"]) and (frame["fatalities"] >= 0).all()
    days = pd.to_datetime(frame["event_date"], format="%Y-%m-%d")
    assert (days <= pd.Timestamp("2024-11-30")).all()
    assert (frame["year"] == days.dt.year).all()
    assert set(frame["event_type"]) <= {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                        "Protests", "Riots", "Strategic developments"}
    assert frame["veille_evidence"].str.len().gt(0).all()


# --- the ACLED columns an analyst reads first: who reports it, where, how many ----------------

ALEPPO = {"name": "Alep", "geonameid": 170063, "country_code": "SY", "lat": 36.20124, "lon": 37.16117,
          "kind": "city"}
IDLIB = {"name": "Idlib", "geonameid": 169388, "country_code": "SY", "lat": 35.93062, "lon": 36.63393,
         "kind": "city"}
SYRIA_TEXT = ("Des frappes aériennes ont tué douze civils lundi à Alep, selon l'OSDH. "
              "Des combats ont opposé mardi l'armée syrienne aux rebelles près d'Idlib.\n")


@pytest.fixture(scope="module")
def syria(tmp_path_factory):
    """One wire-credited dispatch from an outlet: a strike with a toll at Aleppo, a clash with
    none at Idlib."""
    from dbfixtures import event, outcome
    from veille.store import open_store

    strike = event(SYRIA_TEXT, "Des frappes aériennes ont tué douze civils lundi à Alep",
                   event_type="Explosions/Remote violence", sub="Air/drone strike", place=ALEPPO,
                   day="2025-03-10", fatalities=12)
    clash = event(SYRIA_TEXT, "Des combats ont opposé mardi l'armée syrienne aux rebelles près d'Idlib",
                  event_type="Battles", sub="Armed clash", place=IDLIB, day="2025-03-11")
    out = outcome(SYRIA_TEXT, source="syrie.txt", published="2025-03-12", outlet="Radio-Canada",
                  events=[strike, clash], places=[(ALEPPO, "Alep"), (IDLIB, "Idlib")])
    out.record.document.credits = {"photos": [], "sources": ["AFP", "Reuters", "afp"]}
    url = f"sqlite:///{tmp_path_factory.mktemp('syria') / 'veille.db'}"
    with open_store(url) as store:
        assert store.write([out]) == ["ingested"]
        yield store


def test_export_acled_source_names_the_outlet_and_the_credited_wires(syria):
    _, rows = _csv_rows(_export(syria, "acled-csv"))
    assert {r["source"] for r in rows} == {"Radio-Canada; AFP; Reuters"}


def test_export_acled_admin1_is_the_division_of_each_resolved_city(syria):
    _, rows = _csv_rows(_export(syria, "acled-csv"))
    by_place = {r["location"]: r for r in rows}
    assert (by_place["Alep"]["admin1"], by_place["Idlib"]["admin1"]) == ("Aleppo", "Idlib")


def test_export_fatalities_acled_zero_when_unknown_veille_keeps_unknown(syria):
    import pyarrow.parquet as pq

    _, rows = _csv_rows(_export(syria, "acled-csv"))
    by_place = {r["location"]: r for r in rows}
    assert (by_place["Alep"]["fatalities"], by_place["Alep"]["veille_fatalities"]) == ("12", "12")
    assert (by_place["Idlib"]["fatalities"], by_place["Idlib"]["veille_fatalities"]) == ("0", "")
    table = {r["location"]: r for r in pq.read_table(io.BytesIO(_export(syria, "parquet"))).to_pylist()}
    assert (table["Idlib"]["fatalities"], table["Idlib"]["veille_fatalities"]) == (0, None)


def test_export_csv_and_parquet_columns_have_the_same_types(db):
    """What pandas reads from the CSV and from the Parquet file: a number column in one is a
    number column in the other (columns empty in every row of the CSV say nothing and are left)."""
    pd = pytest.importorskip("pandas")

    _, store, _ = db
    from_csv = pd.read_csv(io.BytesIO(_export(store, "acled-csv")))
    from_parquet = pd.read_parquet(io.BytesIO(_export(store, "parquet")))
    assert list(from_csv.columns) == list(from_parquet.columns)
    differ = [c for c in from_csv.columns if from_csv[c].notna().any()
              and pd.api.types.is_numeric_dtype(from_csv[c]) != pd.api.types.is_numeric_dtype(from_parquet[c])]
    assert differ == []
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pq.read_schema(io.BytesIO(_export(store, "parquet")))
    for c in ("iso", "interaction", "year", "fatalities", "veille_fatalities"):
        assert pa.types.is_integer(schema.field(c).type), c


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_export_acled_csv_names_the_associated_actor(backend, extract, tmp_path):
    """Two actors coordinated as the subject ("les rebelles du M23 et des soldats rwandais"):
    actor1 and ACLED's assoc_actor_1, stored (migration 5) and exported."""
    from veille.engines.work import Outcome, WorkItem
    from veille.store import open_store

    text = "Les rebelles du M23 et des soldats rwandais ont attaqué Sake lundi, selon l'armée congolaise.\n"
    rec = extract(text, published="2024-03-15")
    with fresh_database(backend, tmp_path) as url, open_store(url) as store:
        item = WorkItem(raw=text, source="sake.txt", meta={"published": "2024-03-15"}, source_key="sake.txt")
        rec.document.id = item.id
        assert store.write([Outcome(item, record=rec)]) == ["ingested"]
        _, rows = _csv_rows(_export(store, "acled-csv"))
    assert [(r["actor1"], r["assoc_actor_1"]) for r in rows] == [("M23 rebels (rebelles du M23)",
                                                                   "Rwandan soldiers (soldats rwandais)")]
