"""`veille serve`: the command builds the app over --db and hands it to uvicorn on --host and
--port, else on the serve.* settings."""
from __future__ import annotations

import socket

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
    monkeypatch.setattr("veille.cli.check_can_listen", lambda *_: None)  # 8000 may be taken on this machine
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
    monkeypatch.setenv("VEILLE_SERVE_HOST", "")
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    monkeypatch.setattr("veille.cli.check_can_listen", lambda *_: None)
    assert main(["--settings", str(user), "serve", "--db", url, "--workers", "2"]) == 0
    assert seen["app"] == "veille.api.app:app_from_environment" and seen["factory"] and seen["workers"] == 2

    from fastapi.testclient import TestClient

    app = app_from_environment()  # what each worker process builds
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:  # the address the command bound
        page = client.get("/api/documents").json()
        everything = client.get("/api/documents", params={"limit": 5}).json()
    app.state.store.close()
    assert page["limit"] == 3  # the user's settings file
    assert ids.kherson in {d["id"] for d in everything["items"]}  # the database given by --db


def test_api_serve_on_a_busy_port_is_one_line_and_exit_3(tmp_path, monkeypatch, capsys):
    """Exactly one line, before anything else is printed (no "serving ..." first), and the exit
    code the README gives for it."""
    import uvicorn

    from veille.cli import main

    url = f"sqlite:///{tmp_path / 'veille.db'}"
    build_db(url)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: pytest.fail("uvicorn must not start"))
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        code = main(["serve", "--db", url, "--port", str(port)])
    out = capsys.readouterr()
    assert code == 3
    assert out.err.splitlines() == [f"veille: error: port {port} is in use"] and out.out == ""


def test_api_serve_on_an_address_not_of_this_machine_is_one_line(tmp_path, monkeypatch, capsys):
    import uvicorn

    from veille.cli import main

    url = f"sqlite:///{tmp_path / 'veille.db'}"
    build_db(url)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: pytest.fail("uvicorn must not start"))
    code = main(["serve", "--db", url, "--host", "192.0.2.1", "--port", "8123"])  # TEST-NET-1: never local
    [line] = capsys.readouterr().err.splitlines()
    assert code == 3 and line.startswith("veille: error: 192.0.2.1: cannot listen on port 8123: ")


def test_readme_exit_code_table_lists_every_code_the_cli_returns():
    """Each EXIT_* the code defines is a row of the README's table, and no row names another."""
    import re

    from conftest import ROOT
    from veille import errors

    codes = {v for k, v in vars(errors).items() if k.startswith("EXIT_")}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| exit code | when |"):].split("\n\n")[0]
    rows = {int(m) for m in re.findall(r"^\| (\d+) \|", table, flags=re.M)}
    assert rows == codes
