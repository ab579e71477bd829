"""The local engine: the pipeline in this process, or in a pool of worker processes.

Each worker process builds the pipeline once (its initializer), then extracts whole batches;
the parent process only reads inputs and writes to the store. Batches come back in the order
they were sent, with at most two per worker in flight, so memory stays bounded.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..settings import Settings
from .work import Outcome, WorkItem, extract_batch

_PIPELINE = None  # the worker process's pipeline


class LocalEngine:
    name = "local"

    def __init__(self, settings: Settings, *, workers: int = 1) -> None:
        self.settings = settings
        self.workers = max(1, workers)

    def run(self, batches: Iterable[list[WorkItem]]) -> Iterator[list[Outcome]]:
        if self.workers == 1:
            from .. import get_pipeline

            pipeline = get_pipeline(self.settings)
            for batch in batches:
                yield extract_batch(pipeline, batch)
            return
        yield from self._run_pool(batches)

    def _run_pool(self, batches: Iterable[list[WorkItem]]) -> Iterator[list[Outcome]]:
        pool = self._pool()
        pending: deque[tuple[list[WorkItem], Future]] = deque()
        try:
            for batch in batches:
                pending.append((batch, pool.submit(_extract, batch)))
                while len(pending) >= 2 * self.workers:
                    outcomes, pool = self._collect(pending, pool)
                    yield outcomes
            while pending:
                outcomes, pool = self._collect(pending, pool)
                yield outcomes
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _collect(self, pending: deque, pool: ProcessPoolExecutor) -> tuple[list[Outcome], ProcessPoolExecutor]:
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
            return outcomes, self._pool()

    def _pool(self) -> ProcessPoolExecutor:
        # spawn: a clean interpreter per worker, nothing of the parent's (database sockets) shared
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(self.settings.data,))

    def close(self) -> None:
        pass


def _init_worker(settings_data: dict) -> None:
    global _PIPELINE
    from .. import get_pipeline

    _PIPELINE = get_pipeline(Settings(settings_data))


def _extract(items: list[WorkItem]) -> list[Outcome]:
    return extract_batch(_PIPELINE, items)
