"""Ingest and serve at once, on SQLite and PostgreSQL: while `ingest` writes batch after batch,
readers of the API never see half a document. Every document the API lists has, that instant,
every event and statement its record holds, and nothing else has any.

The writer waits, after each batch it commits, for the reader to finish one more pass, so the
reads are sure to fall between and during the writes however fast the machine is."""
from __future__ import annotations

import threading

import pytest

from faults import dispatches
from serve_fixtures import fresh_database
from veille.ingest import Progress, ingest
from veille.settings import Settings
from veille.store import open_store

N = 16


def _check(client) -> set[str]:
    """One pass of a reader: every listed document is whole. Returns the ids listed."""
    every = client.get("/api/events", params={"limit": 500}).json()["items"]  # before the list: see below
    listed = client.get("/api/documents", params={"limit": 500}).json()["items"]
    ids = {d["id"] for d in listed}
    for doc_id in ids:
        record = client.get(f"/api/documents/{doc_id}").json()["record"]
        events = client.get("/api/events", params={"document_id": doc_id, "limit": 500}).json()
        statements = client.get("/api/statements", params={"document_id": doc_id, "limit": 500}).json()
        assert events["total"] == len(record["events"]), doc_id
        assert statements["total"] == len(record["statements"]), doc_id
    # an event read a moment before the list belongs to a document the list shows: no event is
    # ever visible before its document
    assert {e["document_id"] for e in every} <= ids
    return ids


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_api_readers_never_see_half_a_document_during_ingest(pipeline, backend, tmp_path):
    from fastapi.testclient import TestClient

    from veille.api import create_app

    folder = tmp_path / "in"
    dispatches(folder, N)
    with fresh_database(backend, tmp_path) as url:
        open_store(url).close()  # the schema, before the app opens it
        passes = threading.Semaphore(0)
        failures: list[BaseException] = []
        finished = threading.Event()

        class WaitForAReader(Progress):
            def advance(self, n: int = 1) -> None:
                super().advance(n)
                passes.acquire(timeout=30)  # one more reader pass after this commit

        def writer() -> None:
            try:
                with open_store(url) as store:
                    summary = ingest([str(folder)], store=store, settings=Settings.load(), batch_size=2,
                                     progress=WaitForAReader(None))
                assert (summary.ingested, summary.failed) == (N, 0)
            except BaseException as exc:  # noqa: BLE001 - reported by the test below
                failures.append(exc)
            finally:
                finished.set()

        sizes = []
        with TestClient(create_app(url, allowed_hosts=["testserver"])) as client:
            thread = threading.Thread(target=writer)
            thread.start()
            try:
                while not finished.is_set():
                    sizes.append(len(_check(client)))
                    passes.release()
            finally:
                passes.release(N)  # a reader that failed holds the writer back no longer
                finished.wait(120)
                thread.join(timeout=10)
            final = _check(client)
    assert failures == []
    assert len(final) == N
    assert len(set(sizes)) > 2, f"the reads did not fall between the writes: {sizes}"
    assert sizes == sorted(sizes)  # documents appear, whole, and stay
