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
