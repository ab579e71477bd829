"""`veille serve`: the command builds the app over --db and hands it to uvicorn on --host and
--port, else on the serve.* settings."""
from __future__ import annotations

import pytest

from serve_fixtures import build_db


@pytest.mark.parametrize("argv, host, port", [
    ([], "127.0.0.1", 8000),
    (["--host", "0.0.0.0", "--port", "8123"], "0.0.0.0", 8123),
])
def test_api_serve_command_runs_uvicorn_on_the_host_and_port(tmp_path, monkeypatch, argv, host, port):
    import uvicorn

    from veille.cli import main

    url = f"sqlite:///{tmp_path / 'veille.db'}"
    build_db(url)
    seen = {}

    def run(app, **kw):
        seen.update(kw, app=app)

    monkeypatch.setattr(uvicorn, "run", run)
    assert main(["serve", "--db", url, *argv]) == 0
    assert (seen["host"], seen["port"]) == (host, port)
    assert seen["app"].state.store.url == url


def test_api_serve_command_refuses_a_bad_port(capsys):
    from veille.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["serve", "--port", "99999"])
    assert exc.value.code == 2 and "port" in capsys.readouterr().err


def test_api_serve_several_workers_build_their_app_from_the_environment(tmp_path, monkeypatch):
    """`--workers 2`: uvicorn imports the app factory by name in each process; the factory finds
    the database and the settings file in the environment the command set."""
    import uvicorn

    from veille.api.app import app_from_environment
    from veille.cli import main

    url = f"sqlite:///{tmp_path / 'veille.db'}"
    ids = build_db(url)
    user = tmp_path / "user.toml"
    user.write_text("[serve]\npage_size = 3\n", encoding="utf-8")
    # the command sets both for its worker processes: set here first, so that the test restores them
    monkeypatch.setenv("VEILLE_DB", "")
    monkeypatch.setenv("VEILLE_SETTINGS", "")
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    assert main(["--settings", str(user), "serve", "--db", url, "--workers", "2"]) == 0
    assert seen["app"] == "veille.api.app:app_from_environment" and seen["factory"] and seen["workers"] == 2

    from fastapi.testclient import TestClient

    app = app_from_environment()  # what each worker process builds
    with TestClient(app) as client:
        page = client.get("/api/documents").json()
        everything = client.get("/api/documents", params={"limit": 5}).json()
    app.state.store.close()
    assert page["limit"] == 3  # the user's settings file
    assert ids.kherson in {d["id"] for d in everything["items"]}  # the database given by --db
