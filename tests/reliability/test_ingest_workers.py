"""Worker processes of `veille ingest --workers N`: never more than the cores or the work (and
said in one line), and none left behind when the parent is killed with SIGKILL."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from faults import dispatches
from veille.engines import local
from veille.engines.local import LocalEngine
from veille.engines.work import Outcome, WorkItem
from veille.settings import Settings


def _batches(n_batches: int, size: int = 2) -> list[list[WorkItem]]:
    return [[WorkItem(raw=f"dépêche {b}-{i}", source=f"d{b}-{i}.txt", meta={}) for i in range(size)]
            for b in range(n_batches)]


def _started(monkeypatch, *, asked: int, cores: int, batches: list[list[WorkItem]]) -> tuple[int, list[str]]:
    """How many workers a run starts (1: in this process), and what it says; no model loaded."""
    lines: list[str] = []
    started = []
    engine = LocalEngine(Settings.load(), workers=asked, say=lines.append)
    monkeypatch.setattr(local, "usable_cores", lambda: cores)

    def pool(batches, workers):
        started.append(workers)
        for b in batches:
            yield [Outcome(i, None, error="stub", stage=None) for i in b]

    def in_process(settings):
        started.append(1)
        return object()  # a pipeline the stubbed extract_batch never uses

    monkeypatch.setattr(engine, "_run_pool", pool)
    monkeypatch.setattr("veille.get_pipeline", in_process)
    monkeypatch.setattr(local, "extract_batch", lambda _p, b: [Outcome(i, None, error="stub", stage=None) for i in b])
    done = [o.item for outs in engine.run(iter(batches)) for o in outs]
    assert done == [i for b in batches for i in b]  # every document, in order, whatever the cap
    return started[0] if started else 0, lines


def test_workers_are_capped_to_the_cores_and_say_so(monkeypatch):
    started, lines = _started(monkeypatch, asked=1000, cores=2, batches=_batches(10))
    assert started == 2
    assert lines == ["veille: 1000 workers asked, 2 started (2 cores usable here)"]


def test_workers_are_capped_to_the_batches_of_work(monkeypatch):
    started, lines = _started(monkeypatch, asked=8, cores=16, batches=_batches(3))
    assert started == 3
    assert lines == ["veille: 8 workers asked, 3 started (6 documents to extract, in 3 batches)"]


def test_one_batch_of_work_is_extracted_in_this_process(monkeypatch):
    started, lines = _started(monkeypatch, asked=4, cores=4, batches=_batches(1, size=3))
    assert started == 1
    assert lines == ["veille: 4 workers asked, extracting in this process (3 documents to extract, in 1 batch)"]


def test_workers_within_the_caps_say_nothing(monkeypatch):
    assert _started(monkeypatch, asked=2, cores=4, batches=_batches(5)) == (2, [])
    assert _started(monkeypatch, asked=4, cores=4, batches=[]) == (0, [])  # nothing to extract


def test_the_cap_is_said_once_per_engine(monkeypatch):
    lines: list[str] = []
    engine = LocalEngine(Settings.load(), workers=64, say=lines.append)
    monkeypatch.setattr(local, "usable_cores", lambda: 2)
    monkeypatch.setattr(engine, "_run_pool", lambda batches, workers: iter([b for b in batches]))
    for _ in range(3):  # `veille watch`: one run a round
        list(engine.run(_batches(4)))
    assert len(lines) == 1


def test_a_worker_ends_when_its_parent_is_gone():
    """The watcher itself, on a parent id that is not this process's parent: it exits."""
    code = ("import os, time\n"
            "from veille.engines.local import die_with_parent\n"
            "die_with_parent(os.getppid() + 999999, every_s=0.05)\n"
            "time.sleep(30)\n")
    started = time.monotonic()
    r = subprocess.run([sys.executable, "-c", code], timeout=20)
    assert r.returncode == 1 and time.monotonic() - started < 15


# --- SIGKILL of the parent: nothing survives it -------------------------------------------------

def _session_processes(sid: int) -> list[int]:
    """The live (not zombie) processes of session ``sid``."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
        state, session = fields[0], int(fields[3])
        if session == sid and state != "Z":
            alive.append(int(entry.name))
    return alive


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
@pytest.mark.skipif(local.usable_cores() < 2, reason="two workers need two cores (one is extracted in-process)")
def test_sigkill_of_ingest_leaves_no_worker_alive(tmp_path):
    """Kill only the parent, with SIGKILL, while its two workers extract: within seconds no
    process of its session is left: neither the workers (~600 MB each) nor the resource tracker."""
    dispatches(tmp_path / "in", 30)
    url = f"sqlite:///{tmp_path / 'veille.db'}"
    log = (tmp_path / "ingest.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "veille.cli", "ingest", str(tmp_path / "in"), "--db", url,
                             "--batch-size", "1", "--workers", "2"],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    sid = proc.pid
    try:
        deadline = time.monotonic() + 240
        while len(_session_processes(sid)) < 4:  # the parent, two workers, the resource tracker
            assert proc.poll() is None, (tmp_path / "ingest.log").read_text()
            assert time.monotonic() < deadline, "the workers did not start in time"
            time.sleep(0.1)
        _wait_for_a_stored_document(url, proc, deadline, tmp_path)  # the workers are extracting
        children = [p for p in _session_processes(sid) if p != sid]
        os.kill(proc.pid, signal.SIGKILL)  # the parent alone, as `kill -9 PID` does
        proc.wait()
        deadline = time.monotonic() + 30
        while _session_processes(sid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _session_processes(sid) == [], f"left alive: {_session_processes(sid)} (children were {children})"
    finally:
        try:
            os.killpg(sid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        log.close()


def _wait_for_a_stored_document(url, proc, deadline, tmp_path) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        while True:
            assert proc.poll() is None, (tmp_path / "ingest.log").read_text()
            assert time.monotonic() < deadline, "nothing stored in time"
            try:
                with engine.connect() as conn:
                    if conn.execute(sa.text("SELECT COUNT(*) FROM documents")).scalar_one() >= 1:
                        return
            except sa.exc.OperationalError:  # its tables are not made yet
                pass
            time.sleep(0.1)
    finally:
        engine.dispose()
