"""The API's latency under a bounded load, on a generated database of many events, on SQLite and,
when a server is named, on PostgreSQL.

``figures`` does it all and yields one (name, value) pair a figure, ``api_<db>_<figure>``:
for each database, ``generate`` fills it with synthetic documents and events through bulk
inserts (the write path is measured elsewhere; here the point is a large table to query), then
``latency`` starts ``veille serve`` on 127.0.0.1 in a subprocess and sends the filtered
``/api/events`` queries of ``QUERIES`` from a second process.

The load: ``REQUESTS`` (2,000) requests, the queries in turn, from ``CONCURRENCY`` (8) clients
of one asyncio process (httpx), each sending its next request when its last one is answered; a
warm-up round (each query once) comes first and is not counted. Eight in flight against one
server process on a 2-core machine keeps the server's cores busy (it measures the latency of a
saturated server, queueing included, not of one idle request) while staying the load a handful
of people on the web page, or a script paging through results, put on it. The server runs as
``veille serve --workers N`` would (``--api-server-workers``, default 2 on a machine of two cores or
more: one process a core, as a deployment would). ``veille bench
--api-concurrency N`` changes the number in flight (4 shows the latency of a server that is busy
but not saturated). A time budget (``BUDGET_S``) stops a server that cannot keep up;
``api_<db>_requests`` says how many were sent, ``api_<db>_requests_per_s`` how fast.

PostgreSQL comes from ``--api-postgres URL`` or $VEILLE_BENCH_POSTGRES_URL: the run creates a
schema of its own there (``veille_bench_<random>``), fills it, and drops it at the end. After the
bulk load the tables are vacuumed and analysed, as autovacuum would do on a real server soon
after such a load (the planner then knows the table's size and can read the indexes alone).
"""
from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from .taxonomy import EVENT_TYPES, MODALITIES

PLACES = [("Aleppo", "SY", 36.2, 37.16), ("Goma", "CD", -1.67, 29.23), ("Kharkiv", "UA", 49.98, 36.25),
          ("El Fasher", "SD", 13.63, 25.35), ("Gao", "ML", 16.27, -0.04), ("Tyre", "LB", 33.27, 35.19),
          ("Khan Younis", "PS", 31.34, 34.31), ("Djibo", "BF", 14.1, -1.63)]
ACTORS = ["Syrian army", "rebels", "M23", "Russian forces", "Rapid Support Forces", "JNIM", "Hezbollah",
          "Israeli army", "Ukrainian army", "protesters"]

QUERIES = [
    "/api/events?limit=50",
    "/api/events?event_type=Battles&limit=50",
    "/api/events?modality=claimed&date_from=2024-06-01&date_to=2024-09-30&limit=50",
    "/api/events?bbox=35,30,40,38&limit=50",
    "/api/events?actor=rebels&event_type=Explosions/Remote%20violence&limit=50",
    "/api/events?country=SD&date_from=2024-01-01&limit=50",
]

REQUESTS = 2000
CONCURRENCY = 8
BUDGET_S = 120.0
ENV_POSTGRES = "VEILLE_BENCH_POSTGRES_URL"

# The second process: a warm-up round (each query once, one at a time, not counted), then
# ``total`` requests from ``concurrency`` clients, each sending its next when answered.
LOAD_CLIENT = r"""
import asyncio, json, sys, time
import httpx
base, paths, total, concurrency, budget = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
lat, errors = [], 0
async def worker(client, start, deadline):
    global errors
    i = start
    while i < total and time.monotonic() < deadline:
        t = time.perf_counter()
        r = await client.get(base + paths[i % len(paths)])
        lat.append((time.perf_counter() - t) * 1000)
        errors += r.status_code != 200
        i += concurrency
async def main():
    async with httpx.AsyncClient(timeout=30) as client:
        for p in paths:
            await client.get(base + p)
        t = time.perf_counter()
        deadline = time.monotonic() + budget
        await asyncio.gather(*(worker(client, k, deadline) for k in range(concurrency)))
        return time.perf_counter() - t
elapsed = asyncio.run(main())
print(json.dumps({"latencies": lat, "errors": errors, "elapsed_s": elapsed}))
"""


def figures(tmp: Path, *, events: int = 100_000, postgres_url: str | None = None,
            requests: int = REQUESTS, concurrency: int = CONCURRENCY,
            server_workers: int = 1) -> Iterator[tuple[str, float | int]]:
    """Every API figure: SQLite (a file in ``tmp``), then PostgreSQL if a server is named
    (``postgres_url``, else $VEILLE_BENCH_POSTGRES_URL)."""
    yield from _one("sqlite", f"sqlite:///{Path(tmp) / 'api.db'}", events, requests, concurrency, server_workers)
    postgres_url = postgres_url or os.environ.get(ENV_POSTGRES)
    if postgres_url:
        with throwaway_schema(postgres_url) as url:
            yield from _one("postgres", url, events, requests, concurrency, server_workers)


def _one(name: str, url: str, events: int, requests: int, concurrency: int,
         server_workers: int) -> Iterator[tuple[str, float | int]]:
    t = time.perf_counter()
    yield f"api_{name}_db_events", generate(url, events=events)
    yield f"api_{name}_db_generate_s", time.perf_counter() - t
    for key, value in latency(url, requests=requests, concurrency=concurrency, workers=server_workers).items():
        yield f"api_{name}_{key}", value


@contextmanager
def throwaway_schema(url: str) -> Iterator[str]:
    """A URL to a new schema on the PostgreSQL server at ``url``, dropped at the end."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.schema import CreateSchema, DropSchema

    base = make_url(url)
    if base.drivername in ("postgresql", "postgres"):
        base = base.set(drivername="postgresql+psycopg")
    schema = "veille_bench_" + uuid.uuid4().hex[:10]
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))  # an identifier, quoted by the dialect, not formatted in
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))
        admin.dispose()


def generate(url: str, *, events: int = 100_000, per_document: int = 20, seed: int = 7) -> int:
    """Fill the database at ``url`` with ``events`` synthetic events; returns the count."""
    from .store import open_store
    from .store.schema import documents, events as events_table

    rnd = random.Random(seed)
    now = "2025-01-01T00:00:00+00:00"
    store = open_store(url)
    day0 = date(2024, 1, 1)
    chunk = 200 * per_document  # events a transaction
    for first in range(0, events, chunk):
        docs, rows = [], []
        for d in range(first, min(first + chunk, events), per_document):
            doc_id = f"bench{d // per_document:08d}"
            docs.append({"id": doc_id, "version": 1, "current": True, "raw": "generated", "status": "ok",
                         "ingested_at": now, "updated_at": now, "source": f"bench/{doc_id}", "language": "fr"})
            rows += [_event(rnd, doc_id, i, day0) for i in range(min(per_document, events - d))]
        with store.engine.begin() as conn:
            conn.execute(documents.insert(), docs)
            conn.execute(events_table.insert(), rows)
    _analyse(store)
    store.close()
    return events


def _event(rnd: random.Random, doc_id: str, i: int, day0: date) -> dict:
    name, cc, lat, lon = rnd.choice(PLACES)
    day = (day0 + timedelta(days=rnd.randrange(365))).isoformat()
    text = f"{rnd.choice(ACTORS)} ont attaqué des positions près de {name}"
    return {"id": f"{doc_id}:{i}", "document_id": doc_id, "idx": i,
            "event_type": rnd.choice(EVENT_TYPES), "actor1": rnd.choice(ACTORS),
            "actor2": rnd.choice(ACTORS), "place_name": name, "country_code": cc, "place_kind": "city",
            "lat": lat + rnd.uniform(-0.2, 0.2), "lon": lon + rnd.uniform(-0.2, 0.2),
            "date_start": day, "date_end": day, "date_precision": "day",
            "fatalities": rnd.choice([None, 0, 1, 3, 12]), "modality": rnd.choice(MODALITIES),
            "historical": False, "evidence_start": 0, "evidence_end": len(text),
            "evidence_text": text, "data": json.dumps({"evidence": {"text": text}}), "current": True}


def _analyse(store) -> None:
    """PostgreSQL: VACUUM ANALYZE after the bulk load, as autovacuum would soon do (SQLite keeps
    no statistics unless asked, and a veille database is never asked: it is left as it is)."""
    if store.dialect != "postgresql":
        return
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE documents")
        conn.exec_driver_sql("VACUUM ANALYZE events")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("veille serve exited before it answered")
        try:
            if httpx.get(base + "/api/events?limit=1", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError("veille serve did not answer in time")


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))] if s else float("nan")


def latency(url: str, *, requests: int = REQUESTS, concurrency: int = CONCURRENCY,
            budget_s: float = BUDGET_S, workers: int = 1) -> dict[str, float]:
    """``veille serve`` on the database at ``url`` (given by $VEILLE_DB, so that no password
    shows in the process list), under the load described above."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "veille.cli", "serve", "--port", str(port),
                               "--workers", str(workers)],
                              env={**os.environ, "VEILLE_DB": url},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_up(base, server)
        out = subprocess.run([sys.executable, "-c", LOAD_CLIENT, base, json.dumps(QUERIES), str(requests),
                              str(concurrency), str(budget_s)], capture_output=True, text=True,
                             timeout=budget_s + 60, check=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = json.loads(out.stdout)
    lat = result["latencies"]
    return {"requests": len(lat), "concurrency": concurrency, "server_workers": workers, "errors": result["errors"],
            "requests_per_s": len(lat) / result["elapsed_s"] if result["elapsed_s"] else float("nan"),
            "p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95), "p99_ms": percentile(lat, 99)}
