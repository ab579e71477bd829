"""The unit of work both engines share: a document to extract, and what became of it.

``extract_batch`` is the one function the local engine and the Ray engine call: the pipeline
runs a batch of documents (the parse batched through ``nlp.pipe``); when something in the batch
raises, each document runs again alone, so that one bad document fails alone and the batch
goes on.
"""
from __future__ import annotations

import json
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Doc
from ..record import Record
from ..stages.record import document_id

_STAGES_DIR = str(Path(__file__).resolve().parent.parent / "stages")


@dataclass(slots=True)
class WorkItem:
    """One article to extract: its raw text and the reader's metadata."""
    raw: str
    source: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    id: str = ""
    # the file it came from, when a changed file means a new version of the same article
    source_key: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.raw)

    @classmethod
    def of(cls, doc: Doc) -> "WorkItem":
        return cls(raw=doc.raw, source=doc.source, meta=dict(doc.meta))

    def doc(self) -> Doc:
        """A fresh Doc: stages change the Doc they run on, so a retry needs a new one."""
        return Doc(raw=self.raw, source=self.source, meta=dict(self.meta))

    def to_json(self) -> str:
        return json.dumps({"raw": self.raw, "source": self.source, "meta": self.meta, "id": self.id,
                           "source_key": self.source_key},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, s: str) -> "WorkItem":
        return cls(**json.loads(s))


@dataclass(slots=True)
class Outcome:
    """The record of a WorkItem, or why it failed (and in which stage, when known)."""
    item: WorkItem
    record: Record | None = None
    error: str | None = None
    stage: str | None = None

    @property
    def ok(self) -> bool:
        return self.record is not None

    def to_json(self) -> str:
        return json.dumps({"item": json.loads(self.item.to_json()),
                           "record": self.record.to_dict() if self.record else None,
                           "error": self.error, "stage": self.stage}, ensure_ascii=False)

    @classmethod
    def from_json(cls, s: str) -> "Outcome":
        d = json.loads(s)
        rec = Record.from_dict(d["record"]) if d["record"] else None
        return cls(item=WorkItem(**d["item"]), record=rec, error=d["error"], stage=d["stage"])


def extract_batch(pipeline, items: list[WorkItem]) -> list[Outcome]:
    """Outcomes for the items, in order: batched, and one by one where the batch raised."""
    try:
        records = list(pipeline.run_many([i.doc() for i in items], batch_size=max(1, len(items))))
        return [Outcome(item, rec) for item, rec in zip(items, records, strict=True)]
    except Exception:  # noqa: BLE001 - isolate the bad document below
        return [extract_one(pipeline, item) for item in items]


def extract_one(pipeline, item: WorkItem) -> Outcome:
    try:
        return Outcome(item, pipeline.run(item.doc()))
    except Exception as exc:  # noqa: BLE001 - a document's failure is data, not a crash
        return Outcome(item, None, error=f"{type(exc).__name__}: {exc}"[:2000], stage=stage_of(exc))


def stage_of(exc: BaseException) -> str | None:
    """The stage that raised: the one ``Pipeline._call`` was running, else the innermost
    frame in a stage module (the parse runs outside ``_call``)."""
    called = in_module = None
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        code = frame.f_code
        if code.co_name == "_call" and isinstance(frame.f_locals.get("name"), str):
            called = frame.f_locals["name"]
        elif code.co_filename.startswith(_STAGES_DIR):
            in_module = Path(code.co_filename).stem
    return called or in_module
