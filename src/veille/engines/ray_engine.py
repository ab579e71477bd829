"""The Ray engine: the same pipeline code on a Ray cluster (or a local Ray), through Ray Data.

    ray.data.from_items(items).map_batches(Extractor, compute=ActorPoolStrategy(size=N), batch_size=B)

``Extractor`` is a callable class: each Ray actor builds the pipeline once in ``__init__`` and
then extracts batches with ``extract_batch``, exactly as the local engine does. Items and
outcomes cross the cluster as JSON strings (one column each), so nested metadata keeps its
exact shape. The driver reads the outcomes back batch by batch and writes them to the store,
one transaction per batch, as the local engine does.

Needs the ``ray`` extra: ``pip install 'veille[ray]'``.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator

from ..errors import VeilleError
from ..settings import Settings
from .work import Outcome, WorkItem, extract_batch


class Extractor:
    """One per Ray actor: the pipeline loads once, then batches of documents go through it."""

    def __init__(self, settings_data: dict) -> None:
        from .. import get_pipeline

        self.pipeline = get_pipeline(Settings(settings_data))

    def __call__(self, batch: dict) -> dict:
        import numpy as np

        items = [WorkItem.from_json(s) for s in batch["item"]]
        outcomes = extract_batch(self.pipeline, items)
        return {"outcome": np.array([o.to_json() for o in outcomes], dtype=object)}


class RayEngine:
    name = "ray"

    def __init__(self, settings: Settings, *, workers: int | None = None, batch_size: int = 16,
                 address: str | None = None) -> None:
        try:
            import ray  # noqa: F401
            import ray.data  # noqa: F401
        except ImportError:
            raise VeilleError("engine", "the ray engine needs Ray Data: pip install 'veille[ray]'") from None
        self.settings = settings
        self.workers = workers or max(1, os.cpu_count() or 1)
        self.batch_size = max(1, batch_size)
        self.address = address or settings.get("ingest.ray_address") or None
        self._started = False

    def run(self, batches: Iterable[list[WorkItem]]) -> Iterator[list[Outcome]]:
        import ray

        items = [item for batch in batches for item in batch]
        if not items:
            return
        self._connect()
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False  # veille draws its own
        logging.getLogger("ray.data").setLevel(logging.WARNING)  # no per-dataset chatter on stderr
        ds = ray.data.from_items([{"item": i.to_json()} for i in items])
        ds = ds.map_batches(Extractor, fn_constructor_kwargs={"settings_data": self.settings.data},
                            compute=ray.data.ActorPoolStrategy(size=self.workers),
                            batch_size=self.batch_size, batch_format="numpy", num_cpus=1)
        for batch in ds.iter_batches(batch_size=self.batch_size, batch_format="numpy"):
            yield [Outcome.from_json(s) for s in batch["outcome"]]

    def _connect(self) -> None:
        import ray

        if ray.is_initialized():
            return
        if self.address:  # an existing cluster: "auto", "ray://head:10001", ...
            ray.init(address=self.address, logging_level=logging.WARNING, log_to_driver=False)
        else:  # a Ray of our own on this machine, for as long as the ingest runs
            ray.init(num_cpus=max(self.workers, os.cpu_count() or 1), include_dashboard=False,
                     logging_level=logging.WARNING, log_to_driver=False)
        self._started = True

    def close(self) -> None:
        if self._started:
            import ray

            ray.shutdown()
            self._started = False
