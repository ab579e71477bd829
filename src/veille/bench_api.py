"""The API's latency under a bounded load, on a generated database of many events.

``generate`` fills a SQLite database with synthetic documents and events through bulk inserts
(the write path is measured elsewhere; here the point is a large table to query). ``latency``
starts ``veille serve`` on 127.0.0.1 in a subprocess and sends a bounded number of filtered
``/api/events`` queries from a second process, then returns the p50/p95/p99 in milliseconds.
"""
from __future__ import annotations

import json
import random
import socket
import subprocess
import sys
import time
from datetime import date, timedelta

from .api.params import EVENT_TYPES, MODALITIES

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
    deadline = time.monotonic() + budget
    async with httpx.AsyncClient(timeout=30) as client:
        await asyncio.gather(*(worker(client, k, deadline) for k in range(concurrency)))
asyncio.run(main())
print(json.dumps({"latencies": lat, "errors": errors}))
"""


def generate(url: str, *, events: int = 100_000, per_document: int = 20, seed: int = 7) -> int:
    """Fill the database at ``url`` with ``events`` synthetic events; returns the count."""
    from .store import open_store
    from .store.schema import documents, events as events_table

    rnd = random.Random(seed)
    now = "2025-01-01T00:00:00+00:00"
    store = open_store(url)
    day0 = date(2024, 1, 1)
    with store.engine.begin() as conn:
        for d in range(0, events, per_document):
            doc_id = f"bench{d // per_document:08d}"
            conn.execute(documents.insert(), [{"id": doc_id, "version": 1, "current": True, "raw": "generated",
                                               "status": "ok", "ingested_at": now, "updated_at": now,
                                               "source": f"bench/{doc_id}", "language": "fr"}])
            rows = []
            for i in range(min(per_document, events - d)):
                name, cc, lat, lon = rnd.choice(PLACES)
                day = (day0 + timedelta(days=rnd.randrange(365))).isoformat()
                text = f"{rnd.choice(ACTORS)} ont attaqué des positions près de {name}"
                rows.append({"id": f"{doc_id}:{i}", "document_id": doc_id, "idx": i,
                             "event_type": rnd.choice(EVENT_TYPES), "actor1": rnd.choice(ACTORS),
                             "actor2": rnd.choice(ACTORS), "place_name": name, "country_code": cc, "place_kind": "city",
                             "lat": lat + rnd.uniform(-0.2, 0.2), "lon": lon + rnd.uniform(-0.2, 0.2),
                             "date_start": day, "date_end": day, "date_precision": "day",
                             "fatalities": rnd.choice([None, 0, 1, 3, 12]), "modality": rnd.choice(MODALITIES),
                             "historical": False, "evidence_start": 0, "evidence_end": len(text),
                             "evidence_text": text, "data": json.dumps({"evidence": {"text": text}})})
            conn.execute(events_table.insert(), rows)
    store.close()
    return events


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


def latency(url: str, *, requests: int = 2000, concurrency: int = 8, budget_s: float = 120) -> dict[str, float]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "veille.cli", "serve", "--db", url, "--port", str(port)],
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
    return {"api_requests": len(lat), "api_errors": result["errors"], "api_p50_ms": percentile(lat, 50),
            "api_p95_ms": percentile(lat, 95), "api_p99_ms": percentile(lat, 99)}
