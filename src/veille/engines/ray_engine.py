"""The Ray engine: the same pipeline code on a Ray cluster (or a local Ray), in Ray actors.

Each actor (``Extractor``) builds the pipeline once, then extracts batches with
``extract_batch``, exactly as the local engine's worker processes do. The driver reads its
input lazily: it hands each batch to the next actor as soon as it is read, and keeps at most
two batches an actor in flight, so its memory holds a few batches whatever the size of the
corpus, and reading overlaps the actors' start (the model loading). Outcomes come back in the
order the batches went out, so the store writes the same documents in the same order as the
local engine would.

Why actors rather than a Ray Data dataset: a dataset is built from a whole list (``from_items``)
or from files read on the workers, while the driver must see each article as it is read (to
skip those already stored, record read failures in the database and read stdin). Items and
outcomes cross the cluster as JSON strings, so nested metadata keeps its exact shape.

The number of actors is, unless given, the CPUs of the whole Ray cluster
(``ray.cluster_resources()``), each actor taking one. Every node of a cluster needs veille and
its model installed, or ``ingest.ray_runtime_env`` (a Ray ``runtime_env``) saying how to get
them. An actor that cannot start (no veille, no model on its node) stops the run with its
error; an actor that dies mid-run fails its batches, which ``--retry-failed`` runs again.

Needs the ``ray`` extra: ``pip install 'veille[ray]'``.
"""
from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

from ..errors import VeilleError
from ..settings import Settings
from .work import Outcome, WorkItem, extract_batch

IN_FLIGHT_PER_ACTOR = 2  # one extracting, one waiting: an actor never idles on the driver


class Extractor:
    """One per Ray actor: the pipeline loads once, then batches of documents go through it."""

    def __init__(self, settings_data: dict) -> None:
        from .. import get_pipeline

        self.pipeline = get_pipeline(Settings(settings_data))

    def ready(self) -> bool:
        """Answers once the pipeline is loaded; raises what its loading raised."""
        return True

    def extract(self, items: list[str]) -> list[str]:
        outcomes = extract_batch(self.pipeline, [WorkItem.from_json(s) for s in items])
        return [o.to_json() for o in outcomes]


class RayEngine:
    name = "ray"

    def __init__(self, settings: Settings, *, workers: int | None = None, batch_size: int = 16,
                 address: str | None = None) -> None:
        try:
            import ray  # noqa: F401
        except ImportError:
            raise VeilleError("engine", "the ray engine needs Ray: pip install 'veille[ray]'") from None
        self.settings = settings
        self.requested_workers = workers
        self.workers: int | None = workers  # known once connected: the cluster's CPUs by default
        self.batch_size = max(1, batch_size)
        self.address = address or settings.get("ingest.ray_address") or None
        self.runtime_env: dict[str, Any] = dict(settings.get("ingest.ray_runtime_env") or {})
        self._started = False
        self._actors: list = []
        self._ready: list = []

    def run(self, batches: Iterable[list[WorkItem]]) -> Iterator[list[Outcome]]:
        batches = iter(batches)
        first = next(batches, None)
        if first is None:  # nothing to extract: no Ray started
            return
        self._connect()
        self._start_actors()
        in_flight: deque[tuple[list[WorkItem], Any]] = deque()
        for n, batch in enumerate(chain([first], batches)):
            actor = self._actors[n % len(self._actors)]
            in_flight.append((batch, actor.extract.remote([i.to_json() for i in batch])))
            while len(in_flight) >= IN_FLIGHT_PER_ACTOR * len(self._actors):
                yield self._collect(*in_flight.popleft())
        while in_flight:
            yield self._collect(*in_flight.popleft())

    def _connect(self) -> None:
        import ray

        if not ray.is_initialized():
            options: dict[str, Any] = {"logging_level": logging.ERROR, "log_to_driver": True}
            if self.runtime_env:
                options["runtime_env"] = self.runtime_env
            if self.address:  # an existing cluster: "auto", "ray://head:10001", ...
                ray.init(address=self.address, **options)
            else:  # a Ray of our own on this machine, for as long as the ingest runs
                ray.init(num_cpus=max(self.requested_workers or 0, os.cpu_count() or 1), include_dashboard=False,
                         **options)
            self._started = True
        self.workers = self.requested_workers or cluster_cpus()

    def _start_actors(self) -> None:
        """Start the actors without waiting for them: they load the model while the driver reads."""
        import ray

        remote = ray.remote(num_cpus=1)(Extractor)
        self._actors = [remote.remote(self.settings.data) for _ in range(self.workers)]
        self._ready = [a.ready.remote() for a in self._actors]

    def _collect(self, batch: list[WorkItem], ref) -> list[Outcome]:
        import ray
        from ray.exceptions import RayError

        try:
            return [Outcome.from_json(s) for s in ray.get(ref)]
        except RayError as exc:
            self._raise_if_an_actor_cannot_start()
            # an actor died mid-run (killed, out of memory): its batch fails, --retry-failed runs it again
            reason = f"Ray actor failed ({_first_line(exc)})"
            return [Outcome(item, None, error=reason, stage=None) for item in batch]

    def _raise_if_an_actor_cannot_start(self) -> None:
        """An actor whose pipeline would not load (veille or the model missing on its node)
        fails every batch: stop the run with its error rather than fail every document."""
        import ray
        from ray.exceptions import RayError

        for ready in self._ready:
            try:
                ray.get(ready)
            except RayError as exc:
                raise VeilleError("engine", f"a Ray actor could not start: {_first_line(exc)} (every node needs "
                                            "veille and its model installed, or ingest.ray_runtime_env)") from None

    def close(self) -> None:
        import ray

        for actor in self._actors:
            ray.kill(actor)
        self._actors, self._ready = [], []
        if self._started:
            ray.shutdown()
            self._started = False


def cluster_cpus() -> int:
    """The CPUs of the whole Ray cluster the driver is connected to (every node's), at least 1."""
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def _first_line(exc: BaseException) -> str:
    """The underlying error of a Ray exception, in one line: its cause when Ray wraps one."""
    cause = getattr(exc, "cause", None) or exc
    lines = [ln.strip() for ln in str(cause).splitlines() if ln.strip()]
    text = next((ln for ln in reversed(lines) if ":" in ln and not ln.startswith("File ")), lines[-1] if lines else "")
    return f"{type(cause).__name__}: {text}"[:500] if text else type(cause).__name__
