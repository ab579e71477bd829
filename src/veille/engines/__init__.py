"""Engines run the pipeline over many documents: ``local`` (this process, or a process pool)
and ``ray`` (Ray actors). Both call ``work.extract_batch``, the same pipeline code.

    engine = make_engine("local", settings=settings, workers=4)
    for outcomes in engine.run(batches_of_work_items): ...
    engine.close()
"""
from __future__ import annotations

from ..errors import VeilleError
from ..settings import Settings
from .work import Outcome, WorkItem, extract_batch

ENGINES = ("local", "ray")

__all__ = ["ENGINES", "Outcome", "WorkItem", "extract_batch", "make_engine"]


def make_engine(name: str, *, settings: Settings, workers: int | None = None, batch_size: int = 16):
    if name == "local":
        from .local import LocalEngine

        return LocalEngine(settings, workers=workers or 1)
    if name == "ray":
        from .ray_engine import RayEngine

        return RayEngine(settings, workers=workers, batch_size=batch_size)
    raise VeilleError("engine", f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")
