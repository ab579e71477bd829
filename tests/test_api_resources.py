"""The HTTP API over a small database (records written through the store's write path), on
SQLite and PostgreSQL: every resource, its filters, pagination, GeoJSON, and one JSON error
shape with a 422 for every bad parameter."""
from __future__ import annotations

import pytest

from serve_fixtures import ARMY_BARA, BAMAKO_TEXT, KHERSON_TEXT, build_db, fresh_database


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(request, tmp_path_factory):
    """One database and one app for the whole module (the tests only read), on each backend."""
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.settings import Settings

    with fresh_database(request.param, tmp_path_factory.mktemp("api")) as url:
        ids = build_db(url)
        app = create_app(url, settings=Settings.load(serve__page_size=4, serve__max_page_size=5),
                         allowed_hosts=["testserver"])
        with TestClient(app) as client:
            yield client, ids


def _items(client, path, **params):
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def _event_ids(client, **params):
    return {e["id"] for e in _items(client, "/api/events", limit=5, **params)["items"]}


# --- resources --------------------------------------------------------------------------------

@pytest.mark.parametrize("path, total", [
    ("/api/documents", 5), ("/api/events", 7), ("/api/statements", 1), ("/api/actors", 3), ("/api/places", 4),
])
def test_api_each_resource_lists_what_the_database_holds(served, path, total):
    client, _ = served
    page = _items(client, path)
    assert page["total"] == total
    assert len(page["items"]) == min(total, 4)  # serve.page_size
    assert (page["limit"], page["offset"]) == (4, 0)


def test_api_documents_detail_has_raw_text_and_record(served):
    client, ids = served
    doc = _items(client, f"/api/documents/{ids.kherson}")
    assert doc["raw"] == KHERSON_TEXT
    assert [e["event_type"] for e in doc["record"]["events"]] == ["Explosions/Remote violence", "Battles"]
    listed = {d["id"]: d for d in _items(client, "/api/documents")["items"]}
    assert "raw" not in next(iter(listed.values()))


def test_api_event_detail_carries_the_evidence_the_claim_and_the_other_sources(served):
    client, ids = served
    data = _items(client, f"/api/events/{ids.event('army_bara')}")
    ev, doc = data["event"], data["document"]
    assert doc["raw"][ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]
    assert (ev["modality"], ev["claimed_by"]) == ("claimed", "Sudanese Armed Forces")
    st = data["statement"]
    assert st["speaker"] == "Sudanese Armed Forces"
    assert ARMY_BARA[st["content"]["start"]:st["content"]["end"]] == st["content"]["text"]
    members = {m["id"] for m in data["cluster"]["members"]}
    assert members == {ids.event("army_bara"), ids.event("wire_bara")}
    assert data["cluster"]["n_documents"] == 2


def test_api_statement_actor_place_and_cluster_details(served):
    client, ids = served
    st = _items(client, f"/api/statements/{ids.army_bara}/0")
    assert st["cue"] == "affirmer" and st["evidence"]["text"].startswith("L'armée soudanaise a affirmé")
    actor = _items(client, "/api/actors/sudanese armed forces")
    assert (actor["name"], actor["n_documents"], actor["n_events"]) == ("Sudanese Armed Forces", 2, 2)
    place = _items(client, "/api/places/706448")
    assert (place["name"], place["n_events"]) == ("Kherson", 2)
    cluster_id = _items(client, f"/api/events/{ids.event('wire_bara')}")["event"]["cluster_id"]
    cluster = _items(client, f"/api/clusters/{cluster_id}")
    assert cluster["corroboration"] == 2 and len(cluster["members"]) == 2
    assert sorted(cluster["sources"]) == ["outlet:agence a", "outlet:journal b"]


@pytest.mark.parametrize("path", ["/api/events/nope:0", "/api/documents/nope", "/api/actors/nobody",
                                  "/api/places/0", "/api/clusters/nope", "/api/statements/nope/0"])
def test_api_unknown_ids_are_404_in_the_error_shape(served, path):
    client, _ = served
    r = client.get(path)
    assert r.status_code == 404
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "input"}
    assert body["error"]["code"] == "not_found"


# --- filters ----------------------------------------------------------------------------------

FILTERS = [
    ({"event_type": "Battles"}, {"army_bara:0", "wire_bara:0", "kherson:1"}),
    ({"event_type": ["Protests", "Strategic developments"]}, {"kinshasa:0", "bamako:0", "bamako:1"}),
    ({"sub_event_type": "Air/drone strike"}, {"kherson:0"}),
    ({"modality": "claimed"}, {"army_bara:0"}),
    ({"modality": ["reported", "future"]}, {"wire_bara:0", "bamako:1"}),
    ({"actor": "russia"}, {"kherson:0", "kherson:1"}),
    ({"actor": "RAPID support"}, {"army_bara:0", "wire_bara:0"}),
    ({"place": "kins"}, {"kinshasa:0"}),
    ({"country": "sd"}, {"army_bara:0", "wire_bara:0"}),
    ({"bbox": "20,0,40,20"}, {"army_bara:0", "wire_bara:0"}),  # Sudan
    ({"bbox": "-20,-10,20,15"}, {"kinshasa:0", "bamako:0"}),
    ({"bbox": "170,-90,20,90"}, {"kinshasa:0", "bamako:0"}),  # crosses the antimeridian: 170E..180..20E
    ({"date_from": "2025-03-10", "date_to": "2025-03-11"}, {"kinshasa:0", "kherson:0"}),
    ({"date_to": "2024-12-31"}, {"kherson:1"}),
    ({"q": "tuées"}, {"kherson:0"}),
    ({"q": "%"}, set()),  # a wildcard is taken literally
    ({"q": "' OR 1=1 --"}, set()),
    ({"historical": "true"}, {"kherson:1"}),
    ({"has_place": "false"}, {"bamako:1"}),
    ({"event_type": "Battles", "country": "UA"}, {"kherson:1"}),
]


@pytest.mark.parametrize("params, expected", FILTERS, ids=[str(p) for p, _ in FILTERS])
def test_api_event_filters(served, params, expected):
    client, ids = served
    want = {ids.event(*e.split(":")[:1], int(e.split(":")[1])) for e in expected}
    assert _event_ids(client, **params) == want


def test_api_event_filters_by_document_and_cluster(served):
    client, ids = served
    assert _event_ids(client, document_id=ids.kherson) == {ids.event("kherson", 0), ids.event("kherson", 1)}
    cluster_id = _items(client, f"/api/events/{ids.event('army_bara')}")["event"]["cluster_id"]
    assert _event_ids(client, cluster_id=cluster_id) == {ids.event("army_bara"), ids.event("wire_bara")}


@pytest.mark.parametrize("path, params, total", [
    ("/api/documents", {"q": "Kinshasa"}, 1),
    ("/api/documents", {"outlet": "journal"}, 2),
    ("/api/documents", {"date_from": "2025-03-11"}, 2),
    ("/api/statements", {"speaker": "armed"}, 1),
    ("/api/statements", {"speaker": "nobody"}, 0),
    ("/api/actors", {"kind": "military"}, 2),
    ("/api/actors", {"q": "rapid"}, 1),
    ("/api/places", {"country": "CD"}, 1),
    ("/api/places", {"bbox": "-20,-10,20,15"}, 2),
    ("/api/clusters", {"event_type": "Battles"}, 2),
    ("/api/clusters", {"min_corroboration": 2}, 1),
    ("/api/clusters", {"contradiction": "true"}, 0),
])
def test_api_other_resources_filter(served, path, params, total):
    client, _ = served
    assert _items(client, path, **params)["total"] == total


# --- pagination -------------------------------------------------------------------------------

def test_api_pages_cover_every_event_once_in_a_stable_order(served):
    client, _ = served
    seen = []
    for offset in range(0, 8, 3):
        page = _items(client, "/api/events", limit=3, offset=offset)
        assert page["total"] == 7
        seen += [e["id"] for e in page["items"]]
    assert len(seen) == len(set(seen)) == 7
    dates = [e["date_start"] for e in _items(client, "/api/events", limit=5)["items"]]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_api_limit_above_the_settings_maximum_is_422(served):
    client, _ = served
    r = client.get("/api/events", params={"limit": 6})
    assert r.status_code == 422
    assert r.json()["error"]["input"] == "limit" and "at most 5" in r.json()["error"]["message"]


# --- GeoJSON, timeline, facets -----------------------------------------------------------------

def test_api_events_geojson(served):
    client, ids = served
    r = client.get("/api/events.geojson", params={"event_type": "Strategic developments"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and fc["total"] == 2
    by_id = {f["id"]: f for f in fc["features"]}
    arrests = by_id[ids.event("bamako", 0)]
    assert arrests["geometry"] == {"type": "Point", "coordinates": [-8.0, 12.65]}
    assert arrests["properties"]["evidence"]["text"] in BAMAKO_TEXT
    assert by_id[ids.event("bamako", 1)]["geometry"] is None  # no place: still listed, not on the map


def test_api_timeline_counts_events_a_day(served):
    client, _ = served
    t = _items(client, "/api/events/timeline")
    assert {d["date"]: d["count"] for d in t["days"]} == {
        "2025-03-08": 1, "2025-03-09": 1, "2025-03-10": 1, "2025-03-11": 1, "2025-03-13": 1}
    assert (t["coarse"], t["undated"]) == (1, 1)
    assert _items(client, "/api/events/timeline", event_type="Protests")["days"] == [{"date": "2025-03-10", "count": 1}]


def test_api_facets_count_what_can_be_filtered(served):
    client, _ = served
    f = _items(client, "/api/events/facets")
    assert {x["value"]: x["count"] for x in f["event_type"]}["Battles"] == 3
    assert {x["value"] for x in f["modality"]} == {"asserted", "claimed", "reported", "future"}
    assert f["actor"][0] == {"value": "Sudanese Armed Forces", "count": 2} or f["actor"][0]["count"] >= 2


# --- errors -----------------------------------------------------------------------------------

BAD = [
    ("/api/events", {"limit": 0}, "limit"),
    ("/api/events", {"limit": "ten"}, "limit"),
    ("/api/events", {"offset": -1}, "offset"),
    ("/api/events", {"bbox": "1,2,3"}, "bbox"),
    ("/api/events", {"bbox": "a,b,c,d"}, "bbox"),
    ("/api/events", {"bbox": "0,10,10,0"}, "bbox"),
    ("/api/events", {"bbox": "0,0,200,10"}, "bbox"),
    ("/api/events", {"date_from": "2025-02-30"}, "date_from"),
    ("/api/events", {"date_to": "yesterday"}, "date_to"),
    ("/api/events", {"date_from": "2025-03-10", "date_to": "2025-03-01"}, "date_from"),
    ("/api/events", {"event_type": "Wars"}, "event_type"),
    ("/api/events", {"modality": "maybe"}, "modality"),
    ("/api/events", {"country": "Sudan"}, "country"),
    ("/api/events", {"historical": "perhaps"}, "historical"),
    ("/api/events", {"q": "x" * 300}, "q"),
    ("/api/events.geojson", {"limit": 10**9}, "limit"),
    ("/api/events/timeline", {"bbox": "nope"}, "bbox"),
    ("/api/documents", {"status": "lost"}, "status"),
    ("/api/statements", {"kind": "shouted"}, "kind"),
    ("/api/places", {"kind": "planet"}, "kind"),
    ("/api/clusters", {"min_corroboration": -1}, "min_corroboration"),
    ("/api/clusters", {"contradiction": "both"}, "contradiction"),
    ("/api/statements/abc/x", {}, "idx"),
    ("/api/export/xml", {}, "fmt"),
]


@pytest.mark.parametrize("path, params, name", BAD, ids=[f"{p}?{q}" for p, q, _ in BAD])
def test_api_bad_parameters_are_422_in_one_json_shape(served, path, params, name):
    client, _ = served
    r = client.get(path, params=params)
    assert r.status_code == 422, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "input"}
    assert body["error"]["code"] == "bad_parameter"
    assert body["error"]["input"] == name
    assert name in body["error"]["message"]


def test_api_unknown_route_and_method_use_the_error_shape(served):
    client, _ = served
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = client.post("/api/events")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"


def test_api_an_internal_failure_is_500_in_the_error_shape(served, monkeypatch):
    from fastapi.testclient import TestClient

    from veille.store import queries

    client, _ = served

    def boom(*a, **k):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(queries, "facets", boom)
    with TestClient(client.app, raise_server_exceptions=False) as c:
        r = c.get("/api/events/facets")
    assert r.status_code == 500
    assert r.json() == {"error": {"code": "internal", "message": "internal error (RuntimeError)",
                                  "input": "/api/events/facets"}}


# --- page, headers, docs ----------------------------------------------------------------------

def test_api_every_response_carries_a_strict_content_security_policy(served):
    client, _ = served
    for path in ("/", "/api/events", "/api/nothing", "/static/main.js"):
        csp = client.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_api_docs_are_served_from_local_files(served):
    client, _ = served
    html = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in html and "http" not in html.replace("http-equiv", "")
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for resource in ("documents", "events", "statements", "actors", "places", "clusters", "export"):
        assert any(p.startswith(f"/api/{resource}") for p in paths), resource
