"""The API under hostile use, on SQLite and PostgreSQL: hostile text comes back as JSON data,
verbatim, never as markup; read endpoints are open and every write needs the token (401 without
it, 403 with writes off); request bodies, articles and pages are capped; quotes and SQL in every
filter are plain values; the server binds to 127.0.0.1 unless told otherwise."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from hostile import ACTOR1, ACTOR2, JS_URL, OUTLET, PAYLOADS, SQLISH, TITLE, build_hostile_db
from serve_fixtures import fresh_database

TOKEN = "t0ken-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SRC = Path(__file__).resolve().parents[2] / "src" / "veille"
LISTS = ("/api/documents", "/api/events", "/api/statements", "/api/actors", "/api/places", "/api/clusters")


def _settings(**over):
    from veille.settings import Settings

    return Settings.load(serve__write_token=TOKEN, serve__max_request_bytes=4096, serve__max_page_size=5,
                         read__max_chars=2000, **over)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(request, tmp_path_factory):
    from fastapi.testclient import TestClient

    from veille.api import create_app

    with fresh_database(request.param, tmp_path_factory.mktemp("api-sec")) as url:
        ids, hostile = build_hostile_db(url)
        with TestClient(create_app(url, settings=_settings(), allowed_hosts=["testserver"])) as client:
            yield client, ids, hostile


def _total(client, path="/api/documents", **params) -> int:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()["total"]


# --- hostile text is data ---------------------------------------------------------------------

def test_api_hostile_text_comes_back_verbatim_as_json(served):
    client, _, hostile = served
    r = client.get(f"/api/documents/{hostile}")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    doc = r.json()
    assert doc["title"] == TITLE and doc["url"] == JS_URL and doc["outlet"] == OUTLET
    for payload in PAYLOADS + (SQLISH,):
        assert payload in doc["raw"]
    (ev,) = client.get("/api/events", params={"document_id": hostile}).json()["items"]
    assert (ev["actor1"], ev["actor2"]) == (ACTOR1, ACTOR2)
    policy = r.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert r.headers["x-content-type-options"] == "nosniff"


# --- reads open, writes need the token --------------------------------------------------------

@pytest.mark.parametrize("path", LISTS + ("/api/events.geojson", "/api/events/facets", "/api/config"))
def test_api_read_endpoints_need_no_token(served, path):
    assert served[0].get(path).status_code == 200


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}, {"Authorization": "Bearer "}])
def test_api_writes_without_the_token_are_401_and_write_nothing(served, headers):
    client, ids, _ = served
    before = _total(client)
    for path, body in (("/api/documents", {"text": "Des combats ont éclaté lundi à Goma, selon des habitants."}),
                       (f"/api/documents/{ids.kherson}/reextract", None)):
        r = client.post(path, json=body, headers=headers)
        assert r.status_code == 401, (path, r.text)
        assert r.json()["error"]["code"] == "unauthorized" and r.headers["www-authenticate"] == "Bearer"
    assert _total(client) == before


def test_api_writes_are_off_without_a_token_in_the_settings(tmp_path):
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.settings import Settings

    url = f"sqlite:///{tmp_path / 'veille.db'}"
    with TestClient(create_app(url, settings=Settings.load(), allowed_hosts=["testserver"])) as client:
        for headers in ({}, {"Authorization": "Bearer "}, AUTH):
            r = client.post("/api/documents", json={"text": "Un texte."}, headers=headers)
            assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
            assert "serve.write_token" in r.json()["error"]["message"]


def test_api_post_with_the_token_ingests_through_the_ingest_path(served, pipeline):
    client, _, _ = served
    text = f"Des frappes ont touché lundi Kharkiv, faisant trois morts, a annoncé le gouverneur. {TITLE}"
    before = _total(client)
    r = client.post("/api/documents", json={"text": text, "published": "2025-03-10", "outlet": OUTLET},
                    headers=AUTH)
    assert r.status_code == 201, r.text
    doc_id = r.json()["id"]
    doc = client.get(r.json()["href"]).json()
    assert doc["raw"] == text and doc["outlet"] == OUTLET and doc["status"] == "ok"
    assert doc["record"]["document"]["published"] == "2025-03-10"
    again = client.post("/api/documents", json={"text": text}, headers=AUTH)
    assert (again.status_code, again.json()["result"], again.json()["id"]) == (200, "unchanged", doc_id)
    assert _total(client) == before + 1
    # an ok document is not extracted again; an unknown one is a 404
    assert client.post(f"/api/documents/{doc_id}/reextract", headers=AUTH).status_code == 409
    assert client.post("/api/documents/nope/reextract", headers=AUTH).status_code == 404


def test_api_post_that_fails_extraction_is_recorded_and_runs_again(served, pipeline, monkeypatch):
    from veille import get_pipeline

    client = served[0]
    app_pipeline = get_pipeline(client.app.state.settings)  # the one the app's writes run
    original = app_pipeline.stages["statements"]

    def broken(doc):
        if "XYZZY" in doc.raw:
            raise RuntimeError("statements broke on this one")
        return original(doc)

    monkeypatch.setitem(app_pipeline.stages, "statements", broken)
    text = "XYZZY. Des combats ont éclaté jeudi à Goma, a indiqué un responsable local."
    r = client.post("/api/documents", json={"text": text}, headers=AUTH)
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["code"] == "extract" and "statements: RuntimeError: statements broke on this one" in err["message"]
    doc_id = err["input"]
    assert client.get(f"/api/documents/{doc_id}").json()["status"] == "failed"  # recorded, not dropped
    assert client.post(f"/api/documents/{doc_id}/reextract", headers=AUTH).status_code == 422  # still broken
    monkeypatch.setitem(app_pipeline.stages, "statements", original)  # the bug is fixed
    r = client.post(f"/api/documents/{doc_id}/reextract", headers=AUTH)
    assert (r.status_code, r.json()["result"]) == (201, "ingested")
    assert client.get(f"/api/documents/{doc_id}").json()["status"] == "ok"


@pytest.mark.parametrize("body, status, code", [
    (b"{not json", 422, "bad_json"),
    (b'{"title": "no text"}', 422, "bad_json"),
    (b'{"text": "   "}', 422, "bad_json"),
    (b"[" * 3000, 422, "bad_json"),
])
def test_api_post_of_a_bad_article_is_one_json_error(served, body, status, code):
    client = served[0]
    r = client.post("/api/documents", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == status and r.json()["error"]["code"] == code


# --- limits -----------------------------------------------------------------------------------

def test_api_request_body_over_the_cap_is_413(served):
    client = served[0]
    big = b'{"text": "' + b"a" * 5000 + b'"}'
    r = client.post("/api/documents", content=big, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413 and "serve.max_request_bytes" in r.json()["error"]["message"]
    # no Content-Length (chunked): counted as it arrives
    r = client.post("/api/documents", content=iter([b'{"text": "', b"a" * 3000, b"a" * 3000, b'"}']),
                    headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    # the token is checked before the body is read
    assert client.post("/api/documents", content=big).status_code == 401


def test_api_article_over_the_size_limit_is_413(served):
    r = served[0].post("/api/documents", json={"text": "mot " * 800}, headers=AUTH)  # 3,200 characters > 2,000
    assert r.status_code == 413 and "read.max_chars" in r.json()["error"]["message"]


@pytest.mark.parametrize("path", LISTS)
def test_api_every_list_caps_its_page_size(served, path):
    client = served[0]
    assert len(client.get(path, params={"limit": 5}).json()["items"]) <= 5
    for bad in ({"limit": 6}, {"limit": 0}, {"limit": -1}, {"offset": -1}, {"limit": "10; DROP TABLE events"}):
        r = client.get(path, params=bad)
        assert r.status_code == 422 and r.json()["error"]["input"] in ("limit", "offset"), (bad, r.text)


# --- SQL is parameterised ---------------------------------------------------------------------

INJECTIONS = ["' OR '1'='1", "'; DROP TABLE documents; --", "\" OR 1=1 --", "%' UNION SELECT id, raw FROM documents --",
              "\\'; DELETE FROM events; --", "Robert'); DROP TABLE events;--", "%", "_", "' || pg_sleep(5) || '"]
FILTERS = [("/api/events", "q"), ("/api/events", "actor"), ("/api/events", "place"), ("/api/events", "document_id"),
           ("/api/events", "cluster_id"), ("/api/documents", "q"), ("/api/documents", "outlet"),
           ("/api/statements", "speaker"), ("/api/statements", "q"), ("/api/statements", "act"),
           ("/api/actors", "q"), ("/api/actors", "kind"), ("/api/places", "q"), ("/api/clusters", "actor"),
           ("/api/events.geojson", "actor"), ("/api/events/timeline", "q"), ("/api/export/jsonl", "q")]


@pytest.mark.parametrize("path, param", FILTERS)
def test_api_quotes_and_sql_in_filters_are_plain_values(served, path, param):
    client = served[0]
    before = {p: _total(client, p) for p in ("/api/documents", "/api/events")}
    for value in INJECTIONS:
        r = client.get(path, params={param: value})
        assert r.status_code in (200, 422), (value, r.status_code, r.text)
        if r.status_code == 200 and path in LISTS:
            total = r.json()["total"]
            # a filter that matches nothing, or what the plain words match (never the whole table for a quote)
            assert total == 0 or value in ("%", "_") or param == "q", (value, total)
    assert {p: _total(client, p) for p in before} == before


def test_api_quotes_in_a_filter_find_the_text_that_holds_them(served):
    client, _, hostile = served
    r = client.get("/api/documents", params={"q": "Robert'); DROP TABLE"})
    assert [d["id"] for d in r.json()["items"]] == [hostile]


@pytest.mark.parametrize("path", ["/api/documents/{}", "/api/events/{}", "/api/actors/{}", "/api/places/{}",
                                  "/api/clusters/{}", "/api/statements/{}/0"])
def test_api_quotes_and_sql_in_ids_are_404(served, path):
    client = served[0]
    for value in INJECTIONS[:6]:
        r = client.get(path.format(value))
        assert r.status_code in (404, 422), (value, r.text)
    assert _total(client, "/api/events") > 0


def _constant(node: ast.AST) -> bool:
    """A literal, or a module constant by its name (SCHEMA): SQL the code wrote, not a value."""
    return isinstance(node, ast.Constant) or (isinstance(node, ast.Name) and node.id.isupper())


def _sql_built_from_strings(tree: ast.AST) -> list[int]:
    """Lines where text()/execute()/exec_driver_sql() get SQL built by f-string, % or +."""
    hits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in ("text", "execute", "exec_driver_sql", "executescript"):
            continue
        arg = node.args[0]
        built = isinstance(arg, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in arg.values)
        built |= (isinstance(arg, ast.BinOp) and isinstance(arg.op, (ast.Mod, ast.Add))
                  and not all(_constant(x) for x in (arg.left, arg.right)))
        built |= (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format")
        if built:
            hits.append(node.lineno)
    return hits


def test_api_no_sql_is_built_from_strings_in_the_code():
    found = {}
    for f in sorted(SRC.rglob("*.py")):
        if lines := _sql_built_from_strings(ast.parse(f.read_text("utf-8"))):
            found[str(f.relative_to(SRC))] = lines
    assert found == {}, f"SQL built by string formatting (use bound parameters): {found}"


# --- where it listens -------------------------------------------------------------------------

def test_api_serve_binds_to_127_0_0_1_by_default(tmp_path, monkeypatch):
    import uvicorn

    from veille.cli import main
    from veille.settings import Settings

    assert Settings.load().get("serve.host") == "127.0.0.1" and Settings.load().get("serve.write_token") == ""
    from veille.store import open_store

    url = f"sqlite:///{tmp_path / 'veille.db'}"
    open_store(url).close()  # serve opens a database, never creates one
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    monkeypatch.setattr("veille.cli.check_can_listen", lambda *_: None)  # 8000 may be taken on this machine
    assert main(["serve", "--db", url]) == 0
    assert seen["host"] == "127.0.0.1"
