"""The database failing under `veille ingest`: SQLite locked by another writer past the busy
timeout, PostgreSQL going away in the middle of a batch's transaction, a server that is not
there. Each is one clear line naming the database; what was committed before stays whole, the
batch in flight is not there at all, and running the same ingest again stores the rest with
nothing duplicated."""
from __future__ import annotations

import sqlite3
import sys

import pytest
import sqlalchemy as sa

from dbfixtures import pg_schema_url
from faults import Proxy, dispatches
from veille.cli import main
from veille.engines.work import WorkItem
from veille.errors import VeilleError
from veille.ingest import Progress, ingest
from veille.settings import Settings
from veille.store import open_store

N = 6


@pytest.fixture
def quick_settings(tmp_path):
    """A settings file as a user would write it: a writer gives up on a lock after 0.2 s."""
    path = tmp_path / "settings.toml"
    path.write_text("[store]\nsqlite_busy_timeout_s = 0.2\n", encoding="utf-8")
    return path


def _ids(url: str) -> list[str]:
    """The stored documents' ids, read without the store (whose opening takes the write lock)."""
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            return list(conn.execute(sa.text("SELECT id FROM documents")).scalars())
    finally:
        engine.dispose()


def _resumes(url: str, folder, texts: list[str], stored_before: int, settings: Settings) -> None:
    """The same ingest again stores exactly the rest, and a third run finds nothing to do."""
    with open_store(url, settings=settings) as store:
        summary = ingest([str(folder)], store=store, settings=settings, batch_size=2)
        assert (summary.ingested, summary.unchanged, summary.failed) == (N - stored_before, stored_before, 0)
        again = ingest([str(folder)], store=store, settings=settings, batch_size=2)
        assert (again.ingested, again.unchanged) == (0, N)
        counts = store.counts()
    ids = _ids(url)
    assert sorted(ids) == sorted(WorkItem(raw=t).id for t in texts) and len(ids) == len(set(ids)) == N
    assert counts["documents"] == counts["ok"] == N and counts["open_failures"] == 0


def _one_clear_line(err: VeilleError, *needles: str) -> str:
    line = err.line()
    assert err.code == "db" and "\n" not in line and line.startswith("veille: error: ")
    for needle in needles:
        assert needle in line, line
    return line


def test_ingest_sqlite_locked_mid_run_is_one_clear_error_and_resumes(pipeline, tmp_path, quick_settings):
    folder = tmp_path / "in"
    texts = dispatches(folder, N)
    db = tmp_path / "veille.db"
    url = f"sqlite:///{db}"
    settings = Settings.load(quick_settings)
    holder = sqlite3.connect(db, isolation_level=None)  # another process's writer, as SQLite sees it

    class LockAfterFirstBatch(Progress):
        def advance(self, n: int = 1) -> None:
            super().advance(n)
            if self.done == 2:
                holder.execute("BEGIN IMMEDIATE")  # held past the 0.2 s busy timeout

    try:
        with open_store(url, settings=settings) as store:
            with pytest.raises(VeilleError) as caught:
                ingest([str(folder)], store=store, settings=settings, batch_size=2,
                       progress=LockAfterFirstBatch(None))
        _one_clear_line(caught.value, str(db), "database is locked", "2 documents stored before it",
                        "run the same command again to resume")
        assert len(_ids(url)) == 2
    finally:
        holder.execute("ROLLBACK") if holder.in_transaction else None
        holder.close()
    _resumes(url, folder, texts, 2, settings)


def test_ingest_cli_sqlite_locked_prints_one_line_and_exits_1(pipeline, tmp_path, quick_settings, capsys):
    folder = tmp_path / "in"
    texts = dispatches(folder, N)
    db = tmp_path / "veille.db"
    url = f"sqlite:///{db}"
    open_store(url).close()  # the schema exists
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code = main(["--settings", str(quick_settings), "ingest", str(folder), "--db", url])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and err[0].startswith(f"veille: error: {url}: ") and "database is locked" in err[0]
    _resumes(url, folder, texts, 0, Settings.load(quick_settings))


def test_ingest_postgresql_gone_mid_transaction_is_one_clear_error_and_resumes(pipeline, tmp_path):
    folder = tmp_path / "in"
    texts = dispatches(folder, N)
    with pg_schema_url() as url:  # skips where $VEILLE_TEST_POSTGRES_URL is not set
        u = sa.engine.make_url(url)
        proxy = Proxy(u.host or "127.0.0.1", u.port or 5432)
        via_proxy = u.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        settings = Settings.load()
        with open_store(via_proxy, settings=settings) as store:
            inserts = 0

            def cut_on_third_document(conn, cursor, statement, *args):
                nonlocal inserts
                if statement.lstrip().upper().startswith("INSERT INTO DOCUMENTS"):
                    inserts += 1
                    if inserts == 3:  # the first document of the second batch: mid-transaction
                        proxy.cut()

            sa.event.listen(store.engine, "before_cursor_execute", cut_on_third_document)
            with pytest.raises(VeilleError) as caught:
                ingest([str(folder)], store=store, settings=settings, batch_size=2)
            _one_clear_line(caught.value, f"127.0.0.1:{proxy.port}", "2 documents stored before it",
                            "run the same command again to resume")
        # the first batch is whole, the second is not there at all (its transaction rolled back)
        assert len(_ids(url)) == 2
        with open_store(url) as store:
            assert store.counts()["events"] == sum(len(store.record(i).events) for i in _ids(url))
        _resumes(url, folder, texts, 2, settings)


def test_ingest_cli_database_server_not_there_is_one_line(tmp_path, capsys):
    closed = "postgresql://veille:secret@127.0.0.1:9/veille"  # port 9 (discard): nothing listens
    code = main(["ingest", str(tmp_path), "--db", closed])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1
    assert err[0].startswith("veille: error: postgresql://veille:***@127.0.0.1:9/veille: cannot open the database")
    assert "secret" not in err[0]


@pytest.mark.skipif(sys.platform != "linux", reason="Linux only")
def test_ingest_proxy_passes_bytes_until_cut():
    """The proxy the PostgreSQL case relies on: echo through it, then nothing once cut."""
    import socket

    server = socket.create_server(("127.0.0.1", 0))
    proxy = Proxy("127.0.0.1", server.getsockname()[1])
    client = socket.create_connection(("127.0.0.1", proxy.port))
    conn, _ = server.accept()
    client.sendall(b"ping")
    assert conn.recv(4) == b"ping"
    proxy.cut()
    assert client.recv(4) == b""
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", proxy.port), timeout=2)
    for s in (client, conn, server):
        s.close()
