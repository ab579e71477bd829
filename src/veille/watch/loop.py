"""``veille watch``: rounds until stopped (SIGINT or SIGTERM end it cleanly, between two
fetches), or one round with ``once`` (for cron). The sources file is read again at each round,
so that a feed added to it is followed from the next round on."""
from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from ..settings import Settings
from ..store import Store
from .round import RoundReport, Watcher
from .sources import parse_every, read_sources


def watch(sources_path: str | Path, *, store: Store, settings: Settings, every: str | float | None = None,
          once: bool = False, stop: threading.Event | None = None,
          on_round: Callable[[RoundReport], None] | None = None, engine=None) -> list[RoundReport]:
    """Run rounds over the feeds listed in ``sources_path``; return their reports (with
    ``on_round`` called after each). Stops when ``stop`` is set; the wait between two rounds
    is ``every`` (else the watch.every setting)."""
    interval = parse_every(every if every is not None else settings.get("watch.every"))
    stop = stop or threading.Event()
    reports: list[RoundReport] = []
    with Watcher(store, settings, stop=stop, engine=engine) as watcher:
        while not stop.is_set():
            report = watcher.round(read_sources(sources_path))
            reports.append(report)
            if on_round:
                on_round(report)
            if once or stop.wait(interval):
                break
    return reports


@contextmanager
def stop_on_signals(stop: threading.Event):
    """SIGINT and SIGTERM set ``stop`` instead of killing the process mid-write; the handlers
    before are put back on the way out."""
    def handler(_signum, _frame) -> None:
        stop.set()

    saved = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)
