"""The ordered stages, what each needs and what it sets.

    read -> dateline -> repair -> language -> parse -> places -> actors -> statements -> events -> record

``read`` turns an input into Docs and ``record`` turns a Doc into a Record; the stages between
work on one Doc and write only their own part of it. ``Pipeline`` builds each stage once (its
data and models load there) and runs documents through them, batching the parse.

The stage contract: each stage module declares ``NAME``, ``NEEDS`` and ``SETS``, keys naming what
it reads and writes: a ``Doc`` field (``"clean_text"``), a metadata key (``"meta.published"``) or
a note one stage leaves for a later one (``"actor_mentions"``). ``check`` (run when a
``Pipeline`` is built, in the spirit of spaCy's ``analyze_pipes``) refuses a stage list where a
stage needs a key that neither ``read`` nor an earlier stage sets, so a stage removed or moved is
an error at construction, not worse records.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from time import perf_counter
from types import ModuleType

from .document import Doc
from .errors import VeilleError
from .record import Record
from .settings import Settings
from .stages import actors, dateline, events, language, parse, places, read, record, repair, statements


@dataclass(frozen=True)
class StageInfo:
    name: str
    needs: tuple[str, ...]
    sets: tuple[str, ...]


# The stage modules in order; each defines NAME, NEEDS, SETS and a class built from settings.
STAGES = (dateline, repair, language, parse, places, actors, statements, events)

_DOC_FIELDS = frozenset(f.name for f in fields(Doc))


def describe(stages: Sequence[ModuleType] = STAGES) -> list[StageInfo]:
    """Every stage's contract, ``read`` first and ``record`` last."""
    return [StageInfo(m.NAME, tuple(m.NEEDS), tuple(m.SETS)) for m in (read, *stages, record)]


def _known(key: str) -> bool:
    head, dot, rest = key.partition(".")
    if head == "meta":
        return bool(dot and rest)
    return not dot and key in _DOC_FIELDS


def check(stages: Sequence[ModuleType] = STAGES) -> list[StageInfo]:
    """The contracts of ``read``, ``stages`` and ``record``; a VeilleError naming the stage and the
    key when a stage needs what no earlier stage sets, a key is no Doc field, or a name repeats."""
    infos = describe(stages)
    seen: set[str] = set()
    available: dict[str, str] = {}  # key -> the first stage that sets it
    for info in infos:
        if info.name in seen:
            raise VeilleError("pipeline", f"stage '{info.name}' appears twice in the pipeline")
        seen.add(info.name)
        for key in (*info.needs, *info.sets):
            if not _known(key):
                raise VeilleError("pipeline", f"stage '{info.name}' declares '{key}', which is no Doc "
                                              f"field (nor meta.KEY)")
        missing = [k for k in info.needs if k not in available]
        if missing:
            later = {k: i.name for i in reversed(infos) for k in i.sets if k in missing}
            why = "; ".join(f"'{k}'" + (f" (set by '{later[k]}', which must come before it)" if k in later
                                        else " (set by no stage)") for k in missing)
            raise VeilleError("pipeline", f"stage '{info.name}' needs what no earlier stage sets: {why}")
        for key in info.sets:
            available.setdefault(key, info.name)
    return infos


class Pipeline:
    """Every stage built once from settings; ``run`` and ``run_many`` call them in order.

    ``stages`` (the stage modules between ``read`` and ``record``, in order; ``STAGES`` when not
    given) is checked first: see ``check``. A stage with a ``pipe`` method (the parse) runs on the
    whole batch; a stage that needs ``parsed`` or ``tokens`` is skipped for a document that has no
    parse (a language with no pipeline gets its document fields only)."""

    def __init__(self, settings: Settings | None = None, *, stages: Sequence[ModuleType] | None = None) -> None:
        self.modules = tuple(STAGES if stages is None else stages)
        self.contract = check(self.modules)
        self.settings = settings or Settings.load()
        self.stages = {m.NAME: m.Stage(settings=self.settings) for m in self.modules}
        self.timings: dict[str, float] = {m.NAME: 0.0 for m in self.modules}
        # runs of per-document stages, cut at each batched one: [(batched, names)]
        self._plan: list[tuple[bool, list[str]]] = []
        for m in self.modules:
            batched = hasattr(m.Stage, "pipe")
            if batched or not self._plan or self._plan[-1][0]:
                self._plan.append((batched, []))
            self._plan[-1][1].append(m.NAME)
        # the parse sets both; a document it did not parse (no model for its language) has neither
        self._on_parse = {m.NAME for m in self.modules if {"parsed", "tokens"} & set(m.NEEDS)}

    def _call(self, name: str, doc: Doc) -> Doc:
        t = perf_counter()
        doc = self.stages[name](doc)
        self.timings[name] += perf_counter() - t
        return doc

    def run(self, doc: Doc) -> Record:
        return next(iter(self.run_many([doc])))

    def run_many(self, docs: Iterable[Doc], *, batch_size: int | None = None) -> Iterator[Record]:
        """Records for the docs, in order; the parse runs on batches through ``nlp.pipe``."""
        size = batch_size or int(self.settings.get("parse.batch_size"))
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Doc]) -> Iterator[Record]:
        last = len(self._plan) - 1
        for n, (batched, names) in enumerate(self._plan):
            if batched:
                t = perf_counter()
                self.stages[names[0]].pipe(batch)
                self.timings[names[0]] += perf_counter() - t
                continue
            for doc in batch:
                for name in names:
                    if doc.parsed is not None or name not in self._on_parse:
                        self._call(name, doc)
                if n == last:  # records leave as soon as their document is done
                    yield record.build(doc)
        if not self._plan or self._plan[-1][0]:
            for doc in batch:
                yield record.build(doc)
