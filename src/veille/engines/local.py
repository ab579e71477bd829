"""The local engine: the pipeline in this process, or in a pool of worker processes.

Each worker process builds the pipeline once (its initializer), then extracts whole batches;
the parent process only reads inputs and writes to the store. Batches come back in the order
they were sent, with at most two per worker in flight, so memory stays bounded.

Workers are capped: no more than the cores this process may run on, nor than the batches there
are to extract (each worker loads the model, ~600 MB, before its first document: a worker with
nothing to do, or one that only takes turns on a busy core, costs that for nothing). A cap is
said in one line on stderr. Each worker dies with the process that started it, even when that
one is killed with SIGKILL and can clean nothing up.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from ..settings import Settings
from .work import Outcome, WorkItem, extract_batch

_PIPELINE = None  # the worker process's pipeline
PARENT_CHECK_S = 0.5  # how often a worker looks whether its parent is still there


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity: taskset, a container's cpuset)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class LocalEngine:
    name = "local"

    def __init__(self, settings: Settings, *, workers: int = 1, say: Callable[[str], None] = _say) -> None:
        self.settings = settings
        self.workers = max(1, workers)  # as asked; each run starts at most this many
        self.say = say
        self._said: set[str] = set()  # a cap is said once, not every round of `veille watch`

    def run(self, batches: Iterable[list[WorkItem]]) -> Iterator[list[Outcome]]:
        batches = iter(batches)
        ahead: list[list[WorkItem]] = []
        workers = 1
        if self.workers > 1:
            # look ahead as many batches as could run at once, to see whether there are fewer
            at_once = min(self.workers, usable_cores())
            ahead = list(islice(batches, at_once))
            workers = self._capped(ahead, more=len(ahead) == at_once)
        batches = chain(ahead, batches)
        if workers == 1:
            from .. import get_pipeline

            pipeline = None
            for batch in batches:
                pipeline = pipeline or get_pipeline(self.settings)  # at the first batch: none, no model
                yield extract_batch(pipeline, batch)
            return
        yield from self._run_pool(batches, workers)

    def _capped(self, ahead: list[list[WorkItem]], *, more: bool) -> int:
        """The workers to start for this run, and the line that says why, when fewer than asked."""
        if not ahead:  # nothing to extract (all stored already): no worker, nothing to say
            return 1
        cores = usable_cores()
        workers = min(self.workers, cores)
        reason = f"{cores} core{'s' * (cores > 1)} usable here"
        if not more:  # fewer batches than workers: the rest would load the model for nothing
            docs = sum(len(b) for b in ahead)
            workers = max(1, len(ahead))
            reason = (f"{docs} document{'s' * (docs != 1)} to extract, in {len(ahead)} "
                      f"batch{'es' * (len(ahead) != 1)}")
        if workers < self.workers:
            line = (f"veille: {self.workers} workers asked, {workers} started ({reason})"
                    if workers > 1 else f"veille: {self.workers} workers asked, extracting in this process ({reason})")
            if line not in self._said:
                self._said.add(line)
                self.say(line)
        return workers

    def _run_pool(self, batches: Iterable[list[WorkItem]], workers: int) -> Iterator[list[Outcome]]:
        pool = self._pool(workers)
        pending: deque[tuple[list[WorkItem], Future]] = deque()
        try:
            for batch in batches:
                pending.append((batch, pool.submit(_extract, batch)))
                while len(pending) >= 2 * workers:
                    outcomes, pool = self._collect(pending, pool, workers)
                    yield outcomes
            while pending:
                outcomes, pool = self._collect(pending, pool, workers)
                yield outcomes
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _collect(self, pending: deque, pool: ProcessPoolExecutor, workers: int
                 ) -> tuple[list[Outcome], ProcessPoolExecutor]:
        batch, future = pending.popleft()
        try:
            return future.result(), pool
        except BrokenProcessPool as exc:
            # A worker died (killed, out of memory): which document did it cannot be known, so
            # the batches in flight fail (--retry-failed runs them again) and a new pool goes on.
            lost = [batch] + [b for b, _ in pending]
            pending.clear()
            pool.shutdown(wait=False, cancel_futures=True)
            reason = f"worker process died ({exc.__class__.__name__})"
            outcomes = [Outcome(i, None, error=reason, stage=None) for b in lost for i in b]
            return outcomes, self._pool(workers)

    def _pool(self, workers: int) -> ProcessPoolExecutor:
        # spawn: a clean interpreter per worker, nothing of the parent's (database sockets) shared
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(self.settings.data, os.getpid()))

    def close(self) -> None:
        pass


def _init_worker(settings_data: dict, parent_pid: int) -> None:
    global _PIPELINE
    die_with_parent(parent_pid)  # first: loading the model takes seconds
    from .. import get_pipeline

    _PIPELINE = get_pipeline(Settings(settings_data))


def die_with_parent(parent_pid: int, *, every_s: float = PARENT_CHECK_S) -> threading.Thread:
    """End this process soon after ``parent_pid`` ends, however it ends.

    A parent killed with SIGKILL cannot stop its pool; the workers would wait on their queue for
    ever (each holding its ~600 MB model), and the resource tracker with them, since it stays
    while they hold its pipe. When its parent ends a process is handed to another (init, or a
    subreaper): its parent id changes, which a thread notices. (Linux's PR_SET_PDEATHSIG
    would be immediate, but it follows the *thread* that started the worker, not the process,
    and it is Linux only.)"""
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(every_s)
        os._exit(1)  # nothing to flush: the parent that would read our results is gone

    thread = threading.Thread(target=watch, name="veille-parent-watch", daemon=True)
    thread.start()
    return thread


def _extract(items: list[WorkItem]) -> list[Outcome]:
    return extract_batch(_PIPELINE, items)
