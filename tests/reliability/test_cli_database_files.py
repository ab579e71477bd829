"""A SQLite database that is not there, or is damaged: the commands that only read it (export,
sources, serve) never create one, and none of them ends in a traceback or a false success."""
from __future__ import annotations

import sqlite3

import pytest

from serve_fixtures import build_db

READERS = (["export", "--format", "jsonl", "-o", "OUT"], ["sources"], ["serve"])


def _run(argv, tmp_path, monkeypatch, capsys):
    import uvicorn

    from veille.cli import main

    def never(*_a, **_kw):
        raise AssertionError("the server must not start")

    monkeypatch.setattr(uvicorn, "run", never)
    argv = [str(tmp_path / "out.jsonl") if a == "OUT" else a for a in argv]
    code = main(argv)
    return code, capsys.readouterr()


@pytest.mark.parametrize("argv", READERS, ids=lambda a: a[0])
def test_cli_reading_commands_refuse_a_database_that_does_not_exist(argv, tmp_path, monkeypatch, capsys):
    path = tmp_path / "no" / "such" / "veille.db"
    code, out = _run([*argv, "--db", f"sqlite:///{path}"], tmp_path, monkeypatch, capsys)
    assert code == 1
    assert out.err.splitlines() == [f"veille: error: sqlite:///{path}: no such database "
                                    "(veille ingest or veille watch creates one)"]
    assert not (tmp_path / "no").exists()  # neither the file nor its folders
    assert not (tmp_path / "out.jsonl").exists()


def test_cli_reading_commands_refuse_a_missing_database_given_as_a_bare_path(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("VEILLE_DB", str(tmp_path / "absent.db"))
    code, out = _run(["sources"], tmp_path, monkeypatch, capsys)
    assert code == 1 and "no such database" in out.err and len(out.err.splitlines()) == 1
    assert not (tmp_path / "absent.db").exists()


def test_cli_ingest_still_creates_its_database(tmp_path):
    from veille.store import open_store

    path = tmp_path / "new" / "veille.db"
    with open_store(f"sqlite:///{path}"):
        pass
    assert path.is_file()


def _damaged_db(tmp_path):
    """A database whose schema reads fine but whose events table's first page is garbage: what
    a disk error or a half-copied file leaves. (Opening it without a check works; reading the
    events fails, and writing documents may never touch the page.)"""
    url = f"sqlite:///{tmp_path / 'veille.db'}"
    build_db(url)
    with sqlite3.connect(tmp_path / "veille.db") as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(tmp_path / "veille.db", "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xde\xad\xbe\xef" * 8)
    return url


@pytest.mark.parametrize("argv", [*READERS, ["ingest", "DISPATCH"]], ids=lambda a: a[0])
def test_cli_a_damaged_database_is_one_line_and_exit_1(argv, tmp_path, monkeypatch, capsys):
    url = _damaged_db(tmp_path)
    dispatch = tmp_path / "depeche.txt"
    dispatch.write_text("Des frappes ont touché Kharkiv dans la nuit de lundi.\n", encoding="utf-8")
    argv = [str(dispatch) if a == "DISPATCH" else a for a in argv]
    code, out = _run([*argv, "--db", url], tmp_path, monkeypatch, capsys)
    assert code == 1
    [line] = out.err.splitlines()
    assert line.startswith(f"veille: error: {url}: the database file is damaged (")
    assert "Traceback" not in out.err and "ingested" not in out.out


def test_cli_a_database_fault_after_open_is_one_line(tmp_path, monkeypatch, capsys):
    """Damage the check at open cannot see (a page spoilt while the command runs) is still one
    line and exit 1, never a traceback."""
    from sqlalchemy.exc import DatabaseError

    import veille.export

    url = f"sqlite:///{tmp_path / 'veille.db'}"
    build_db(url)

    def broken(*_a, **_kw):
        raise DatabaseError("SELECT ...", {}, Exception("database disk image is malformed"))

    monkeypatch.setattr(veille.export, "export", broken)
    code, out = _run(["export", "--format", "jsonl", "-o", "OUT", "--db", url], tmp_path, monkeypatch, capsys)
    assert code == 1
    assert out.err.splitlines() == ["veille: error: the database failed: database disk image is malformed"]
