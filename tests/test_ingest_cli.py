"""`veille ingest`: files, folders, globs, JSON Lines and stdin into the database; a summary at
the end; failures recorded with their reason and run again by --retry-failed; a progress bar
on a terminal only; the database from --db or $VEILLE_DB."""
from __future__ import annotations

import io
import json
import re
import time

import pytest

from conftest import data_path
from dbfixtures import db_url  # noqa: F401 - fixture
from veille.cli import main
from veille.ingest import Progress
from veille.store import open_store

GOMA = ("Des affrontements ont éclaté jeudi à Goma entre l'armée congolaise et les rebelles du M23, "
        "a indiqué un responsable local.\n")
DJIBO = ("Des hommes armés ont attaqué mardi un convoi de ravitaillement près de Djibo, dans le nord du "
         "Burkina Faso, tuant au moins douze civils, selon des sources locales.\n")
MARKER = "XYZZY-PANNE"


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "goma.txt").write_text(GOMA, encoding="utf-8")
    (d / "djibo.txt").write_text(DJIBO, encoding="utf-8")
    return d


def _summary(out: str) -> str:
    return out.strip().splitlines()[-1]


def test_ingest_cli_stores_once_and_says_so(pipeline, folder, db_url, capsys):
    (folder / "photo.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    assert main(["ingest", str(folder), "--db", db_url, "--published", "2025-01-24"]) == 1
    out, err = capsys.readouterr()
    assert _summary(out).startswith("2 ingested, 0 unchanged, 1 failed")
    assert f"veille: error: {folder / 'photo.txt'}: binary data, not text" in err.splitlines()
    assert "\r" not in err  # no progress bar: stderr is not a terminal
    assert main(["ingest", str(folder / "goma.txt"), str(folder / "djibo.txt"), "--db", db_url]) == 0
    assert _summary(capsys.readouterr().out).startswith("0 ingested, 2 unchanged, 0 failed")
    with open_store(db_url) as store:
        docs = store.documents()
        assert len(docs) == 2 and {d["published"] for d in docs} == {"2025-01-24"}
        assert [f["input"] for f in store.failures()] == [str(folder / "photo.txt")]


def test_ingest_cli_globs_jsonl_and_stdin(pipeline, folder, db_url, tmp_path, capsys, monkeypatch):
    lines = [{"text": GOMA, "url": "https://example.org/goma", "outlet": "Exemple"}, {"title": "sans texte"}]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(DJIBO.encode("utf-8"))))
    assert main(["ingest", str(tmp_path / "*.jsonl"), "-", "--db", db_url]) == 1
    out, err = capsys.readouterr()
    assert _summary(out).startswith("2 ingested, 0 unchanged, 1 failed")
    assert f"{feed}:2" in err
    with open_store(db_url) as store:
        by_url = {d["url"]: d for d in store.documents()}
    assert by_url["https://example.org/goma"]["source_key"] == "https://example.org/goma"
    assert by_url[None]["source"] == "<stdin>" and by_url[None]["source_key"] is None


def test_ingest_cli_changed_file_is_a_new_version(pipeline, folder, db_url, capsys):
    assert main(["ingest", str(folder / "goma.txt"), "--db", db_url]) == 0
    (folder / "goma.txt").write_text(GOMA.replace("jeudi", "vendredi"), encoding="utf-8")
    assert main(["ingest", str(folder / "goma.txt"), "--db", db_url]) == 0
    with open_store(db_url) as store:
        docs = sorted(store.documents(), key=lambda d: d["version"])
    assert [(d["version"], d["current"]) for d in docs] == [(1, False), (2, True)]
    assert docs[0]["source_key"] == docs[1]["source_key"] == str((folder / "goma.txt").resolve())


def test_ingest_cli_failed_document_is_recorded_and_retried(pipeline, folder, db_url, capsys, monkeypatch):
    from veille import get_pipeline
    from veille.settings import Settings

    assert get_pipeline(Settings.load()) is pipeline  # the CLI runs the pipeline patched here
    original = pipeline.stages["statements"]
    calls = []

    def broken(doc):
        calls.append(doc.source)
        if MARKER in doc.raw:
            raise RuntimeError("statements broke on this one")
        return original(doc)

    (folder / "panne.txt").write_text(f"{MARKER}\n{GOMA}", encoding="utf-8")
    monkeypatch.setitem(pipeline.stages, "statements", broken)
    code = main(["ingest", str(folder), "--db", db_url])
    out, err = capsys.readouterr()
    assert str(folder / "panne.txt") in calls, (calls, out, err)
    assert code == 1
    assert _summary(out).startswith("2 ingested, 0 unchanged, 1 failed")  # the batch went on
    assert "panne.txt: statements: RuntimeError: statements broke on this one" in err
    with open_store(db_url) as store:
        (failure,) = store.failures()
    assert (failure["stage"], failure["input"]) == ("statements", str(folder / "panne.txt"))

    assert main(["ingest", str(folder), "--db", db_url]) == 0  # left alone without --retry-failed
    assert "1 failed before" in capsys.readouterr().out

    monkeypatch.setitem(pipeline.stages, "statements", original)  # the bug is fixed
    assert main(["ingest", "--retry-failed", "--db", db_url]) == 0
    assert _summary(capsys.readouterr().out).startswith("1 ingested, 0 unchanged, 0 failed")
    with open_store(db_url) as store:
        assert store.failures() == [] and store.counts()["ok"] == 3


def test_ingest_cli_retry_rereads_an_input_that_could_not_be_read(pipeline, tmp_path, db_url, capsys):
    path = tmp_path / "later.txt"
    path.write_bytes(b"")
    assert main(["ingest", str(path), "--db", db_url]) == 1
    path.write_text(DJIBO, encoding="utf-8")  # the file arrives complete
    assert main(["ingest", "--retry-failed", "--db", db_url]) == 0
    assert _summary(capsys.readouterr().out).startswith("1 ingested")
    with open_store(db_url) as store:
        assert store.failures() == [] and store.counts()["ok"] == 1


def test_ingest_cli_needs_a_path_or_retry(db_url, capsys):
    assert main(["ingest", "--db", db_url]) == 2
    assert "needs a PATH" in capsys.readouterr().err


def test_ingest_cli_db_from_environment(pipeline, folder, tmp_path, monkeypatch, capsys):
    target = tmp_path / "env.db"
    monkeypatch.setenv("VEILLE_DB", f"sqlite:///{target}")
    assert main(["ingest", str(folder / "goma.txt")]) == 0
    assert capsys.readouterr().out.strip().endswith(f"into sqlite:///{target}")
    assert target.is_file()


def test_ingest_progress_bar_shows_rate_and_eta_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    term, pipe = Terminal(), io.StringIO()
    for stream in (term, pipe):
        bar = Progress(stream, every_s=0)
        bar.start(10)
        bar.advance(1)  # the first result: the model has loaded, the rate counts from here
        bar.advance(3)
        bar.close()
    assert pipe.getvalue() == ""  # not a terminal: no bar at all
    last = term.getvalue().split("\r")[-1]
    assert "4/10" in last and "docs/s" in last and "ETA" in last and "|" in last


def test_ingest_progress_bar_moves_after_each_document():
    """A frame after every document, and the ETA follows the pace: documents that come slower
    push it back."""
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    term = Terminal()
    bar = Progress(term, every_s=0)
    bar.start(200)
    for pause in (0, 0.02, 0.02, 0.02, 0.3, 0.3, 0.3):
        time.sleep(pause)
        bar.advance(1)
    bar.close()
    frames = [f for f in term.getvalue().split("\r") if f.strip()]
    done = [re.search(r"(\d+)/200", f).group(1) for f in frames]
    assert {str(n) for n in range(1, 8)} <= set(done)
    etas = [re.search(r"ETA (\S+)", f).group(1) for f in frames if "/200" in f]
    assert len(set(etas)) >= 2, etas
    assert etas[-1] != etas[2]  # slower documents, a later end


def test_ingest_clusters_two_dispatches_through_the_pipeline(pipeline, db_url, capsys):
    """End to end: the two Kherson dispatches, extracted by the pipeline, meet in one cluster
    (skips while the events stage finds no event of a common type in both)."""
    paths = [str(data_path("store_kherson_a.txt")), str(data_path("store_kherson_b.txt"))]
    assert main(["ingest", *paths, "--db", db_url, "--published", "2025-03-12"]) == 0
    with open_store(db_url) as store:
        docs = [d["id"] for d in store.documents()]
        types = [{e.event_type for e in store.record(d).events} for d in docs]
        if not (types[0] & types[1]):
            pytest.skip("the events stage finds no event of one type in both dispatches yet")
        shared = [c for c in store.clusters() if len({e.split(":")[0] for e in c["events"]}) == 2]
    assert shared and shared[0]["corroboration"] == 2
