"""The ordered stages, what each needs and what it sets.

    read -> dateline -> repair -> language -> parse -> places -> actors -> statements -> events -> record

``read`` turns an input into Docs and ``record`` turns a Doc into a Record; the stages between
work on one Doc and write only their own part of it. ``Pipeline`` builds each stage once (its
data and models load there) and runs documents through them, batching the parse.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from time import perf_counter

from .document import Doc
from .record import Record
from .settings import Settings
from .stages import actors, dateline, events, language, parse, places, record, repair, statements


@dataclass(frozen=True)
class StageInfo:
    name: str
    needs: tuple[str, ...]
    sets: tuple[str, ...]


# The stage modules in order; each defines NEEDS, SETS and a class built from settings.
STAGES = (dateline, repair, language, parse, places, actors, statements, events)


def describe() -> list[StageInfo]:
    return [StageInfo(m.NAME, m.NEEDS, m.SETS) for m in STAGES]


class Pipeline:
    """Every stage built once from settings; ``run`` and ``run_many`` call them in order."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        self.stages = {m.NAME: m.Stage(settings=self.settings) for m in STAGES}
        self.timings: dict[str, float] = {m.NAME: 0.0 for m in STAGES}

    def _call(self, name: str, doc: Doc) -> Doc:
        t = perf_counter()
        doc = self.stages[name](doc)
        self.timings[name] += perf_counter() - t
        return doc

    def run(self, doc: Doc) -> Record:
        return next(iter(self.run_many([doc])))

    def run_many(self, docs: Iterable[Doc], *, batch_size: int | None = None) -> Iterator[Record]:
        """Records for the docs, in order; the parse runs on batches through ``nlp.pipe``."""
        size = batch_size or int(self.settings.get("parse.batch_size", 16))
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Doc]) -> Iterator[Record]:
        for doc in batch:
            self._call("dateline", doc)  # only where the caller gave no date: theirs wins
            self._call("repair", doc)
            self._call("language", doc)
        t = perf_counter()
        self.stages["parse"].pipe(batch)
        self.timings["parse"] += perf_counter() - t
        for doc in batch:
            if doc.parsed is not None:  # a language with no pipeline gets its document fields only
                for name in ("places", "actors", "statements", "events"):
                    self._call(name, doc)
            yield record.build(doc)
