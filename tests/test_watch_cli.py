"""`veille watch` and `veille sources` on the command line: one round with --once (exit 1 when a
feed failed, for cron), the sources listed with their last success, last error and articles, a
clean stop on SIGTERM between rounds, a bad sources file named with its line."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from watch_server import NewsSite, rss2

from veille.cli import main

SRC = Path(__file__).resolve().parent.parent / "src"


@pytest.fixture
def site():
    s = NewsSite().start()
    s.put("/vide.xml", rss2("La Voix du Delta", []), "application/rss+xml")  # no entry: no model needed
    s.put("/panne.xml", "", status=503)
    yield s
    s.stop()


@pytest.fixture
def files(tmp_path, site):
    sources = tmp_path / "flux.txt"
    sources.write_text(f"# les flux suivis\n{site.url('/vide.xml')} | La Voix du Delta | fr\n\n"
                       f"{site.url('/panne.xml')}\n", "utf-8")
    settings = tmp_path / "veille.toml"
    settings.write_text("[watch]\ntimeout_s = 2.0\nretries = 1\nbackoff_s = 0.01\nper_host_rate = 0\n", "utf-8")
    return sources, settings, f"sqlite:///{tmp_path / 'veille.db'}"


def test_watch_cli_once_reports_the_failing_feed_and_sources_lists_both(files, site, capsys):
    sources, settings, db = files
    code = main(["--settings", str(settings), "watch", str(sources), "--once", "--db", db])
    out, err = capsys.readouterr()
    assert code == 1  # a feed failed: cron hears of it
    assert f"veille: error: {site.url('/panne.xml')}: HTTP 503" in err
    assert "2 feeds (1 failed, 0 not modified)" in out
    assert site.count("/panne.xml", 503) == 2  # tried again once (watch.retries = 1)

    assert main(["sources", "--db", db, "--format", "json"]) == 0
    rows = {r["url"]: r for r in json.loads(capsys.readouterr().out)}
    good, bad = rows[site.url("/vide.xml")], rows[site.url("/panne.xml")]
    assert good["ok"] and good["outlet"] == "La Voix du Delta" and good["last_success_at"] and not good["last_error"]
    assert not bad["ok"] and "503" in bad["last_error"] and bad["last_success_at"] is None

    assert main(["sources", "--db", db]) == 0
    text = capsys.readouterr().out
    assert "[failing]" in text and "HTTP 503" in text and "La Voix du Delta" in text


def test_watch_cli_bad_sources_line_is_named(tmp_path, capsys):
    sources = tmp_path / "flux.txt"
    sources.write_text("https://exemple.test/flux.xml | Le Héraut\nftp://exemple.test/flux.xml\n", "utf-8")
    assert main(["watch", str(sources), "--once", "--db", f"sqlite:///{tmp_path / 'v.db'}"]) == 1
    assert f"{sources}:2: not an http(s) URL" in capsys.readouterr().err
    assert not (tmp_path / "v.db").exists()  # refused before any database was opened


def test_watch_cli_bad_every_is_a_usage_error(files, capsys):
    sources, _, db = files
    assert main(["watch", str(sources), "--every", "soon", "--db", db]) == 2
    assert "--every" in capsys.readouterr().err


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_watch_cli_stops_cleanly_on_a_signal(files, site, sig):
    sources, settings, db = files
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, "-m", "veille.cli", "--settings", str(settings), "watch", str(sources),
                             "--every", "1h", "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        first = proc.stdout.readline()  # the first round's summary: it now waits an hour
        assert "2 feeds (1 failed" in first
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "veille: watch: stopped" in err
