"""HTTP as clients expect it: HEAD wherever GET is allowed, OPTIONS naming every method of a
resource; and the Host header checked, so that a page on another origin cannot read the local
API through DNS rebinding."""
from __future__ import annotations

import pytest

from serve_fixtures import build_db

GETS = ["/", "/api/events", "/api/events.geojson", "/api/documents", "/api/export/acled-csv",
        "/api/events/timeline", "/static/main.js", "/openapi.json"]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('methods') / 'veille.db'}"
    build_db(url)
    return url


def _client(url, **kw):
    from fastapi.testclient import TestClient

    from veille.api import create_app

    return TestClient(create_app(url, **kw))


@pytest.fixture(scope="module")
def client(db_path):
    with _client(db_path, allowed_hosts=["testserver"]) as c:
        yield c


@pytest.mark.parametrize("path", GETS)
def test_api_head_answers_as_get_without_a_body(client, path):
    got, head = client.get(path), client.head(path)
    assert got.status_code == 200 and head.status_code == 200
    assert head.content == b""
    for name in ("content-type", "content-length", "content-security-policy"):
        assert head.headers.get(name) == got.headers.get(name), name


def test_api_head_of_a_missing_resource_is_its_404(client):
    r = client.head("/api/events/no-such-event")
    assert r.status_code == 404 and r.content == b""


@pytest.mark.parametrize("path, allow", [
    ("/api/documents", "GET, HEAD, OPTIONS, POST"),
    ("/api/events", "GET, HEAD, OPTIONS"),
    ("/api/documents/abc/reextract", "OPTIONS, POST"),
    ("/static/main.js", "GET, HEAD, OPTIONS"),
])
def test_api_options_lists_every_method_of_the_resource(client, path, allow):
    r = client.options(path)
    assert r.status_code == 204 and r.headers["allow"] == allow and r.content == b""
    assert "content-security-policy" in r.headers


def test_api_options_of_nothing_is_a_404_in_the_error_shape(client):
    r = client.options("/api/no-such-thing")
    assert r.status_code == 404 and set(r.json()["error"]) == {"code", "message", "input"}


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "localhost:8000", "[::1]:8000",
                                  "LOCALHOST"])
def test_api_answers_its_own_names(db_path, host):
    with _client(db_path) as c:
        assert c.get("/api/events", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.test", "evil.test:8000", "127.0.0.1.evil.test", "testserver",
                                  "192.168.1.10", "localhost.evil.test"])
def test_api_refuses_another_host_in_the_error_shape(db_path, host):
    with _client(db_path) as c:
        for method in ("GET", "HEAD", "OPTIONS", "POST"):
            r = c.request(method, "/api/documents", headers={"host": host})
            assert r.status_code == 400, (method, host)
            if method != "HEAD":
                assert r.json()["error"]["code"] == "bad_host" and r.json()["error"]["input"] == "Host"
            assert "content-security-policy" in r.headers


def test_api_host_names_come_from_the_bind_address_and_the_settings(db_path):
    from veille.settings import Settings

    settings = Settings.load(serve__allowed_hosts=["veille.example.org"])
    with _client(db_path, settings=settings, host="10.1.2.3") as c:
        assert c.get("/api/events", headers={"host": "veille.example.org"}).status_code == 200
        assert c.get("/api/events", headers={"host": "10.1.2.3:8000"}).status_code == 200
        assert c.get("/api/events", headers={"host": "10.9.9.9"}).status_code == 400
    # bound to every interface: any address of the machine, but still no foreign name
    with _client(db_path, host="0.0.0.0") as c:
        assert c.get("/api/events", headers={"host": "192.168.1.10:8000"}).status_code == 200
        assert c.get("/api/events", headers={"host": "evil.test"}).status_code == 400


def test_api_allowed_hosts_must_be_a_list_of_names(db_path):
    from veille.errors import VeilleError
    from veille.settings import Settings

    with pytest.raises(VeilleError) as exc:
        _client(db_path, settings=Settings.load(serve__allowed_hosts="veille.example.org"))
    assert exc.value.code == "settings" and "serve.allowed_hosts" in exc.value.message


def test_api_serve_workers_answer_to_the_address_bound(db_path, monkeypatch):
    """`veille serve --host 10.1.2.3 --workers 2`: each process builds its app from the
    environment, and answers to that address."""
    import uvicorn
    from fastapi.testclient import TestClient

    from veille.api.app import app_from_environment
    from veille.cli import main

    for name in ("VEILLE_DB", "VEILLE_SETTINGS", "VEILLE_SERVE_HOST"):
        monkeypatch.setenv(name, "")  # the command sets them: restored after the test
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: None)
    monkeypatch.setattr("veille.cli.check_can_listen", lambda *_: None)
    assert main(["serve", "--db", db_path, "--host", "10.1.2.3", "--workers", "2"]) == 0
    with TestClient(app_from_environment(), base_url="http://10.1.2.3:8000") as c:
        assert c.get("/api/events").status_code == 200
        assert c.get("/api/events", headers={"host": "evil.test"}).status_code == 400
