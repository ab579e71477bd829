"""Ingest: read many articles, extract them (local process pool or Ray), store their records.

    from veille.ingest import ingest
    summary = ingest(["dispatches/"], store=open_store(url), settings=settings)

Idempotent: a document's id is the hash of its raw text, and a document already stored is
"unchanged" and not extracted again; a changed article from the same URL or file is a new
version. Resumable: each batch is written in one transaction, so a run killed at any moment
leaves whole documents behind and the next run does the rest. A document that fails is stored
with its reason and the batch goes on; ``retry_failed=True`` runs the failed ones again.
"""
from __future__ import annotations

import glob
import re
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sqlalchemy.exc import OperationalError

from .engines import make_engine
from .engines.work import WorkItem
from .errors import VeilleError
from .settings import Settings
from .stages.read import folder_files, path_name, read_file, read_limits, read_paths
from .store import Store
from .store.write import FAILED, INGESTED, UNCHANGED

_GLOB = re.compile(r"[*?\[]")
_JSONL_LINE = re.compile(r"^(.*):\d+$")
_STDERR = object()  # Progress's default stream: sys.stderr as it is when the bar is made


@dataclass
class Summary:
    ingested: int = 0
    unchanged: int = 0
    failed: int = 0
    failed_before: int = 0  # failed in an earlier run and left alone (retry_failed runs them)
    errors: list[VeilleError] = field(default_factory=list)  # this run's failures
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.ingested / self.seconds if self.seconds > 0 else 0.0
        text = (f"{self.ingested} ingested, {self.unchanged} unchanged, {self.failed} failed "
                f"in {self.seconds:.1f} s ({rate:.1f} documents/s)")
        if self.failed_before:
            text += f"; {self.failed_before} failed before (veille ingest --retry-failed runs them again)"
        return text


def ingest(paths: Iterable[str], *, store: Store, settings: Settings, engine: str | None = None,
           workers: int | None = None, batch_size: int | None = None, published: str | None = None,
           retry_failed: bool = False, progress: "Progress | None" = None) -> Summary:
    """Ingest the articles under ``paths`` (files, folders, globs, .jsonl, '-' for stdin).

    Should the database fail (locked past its busy timeout, the server gone), this raises one
    VeilleError("db") saying how far it got: every batch before is stored whole, and the same
    call run again does the rest."""
    started = time.perf_counter()
    summary = Summary()
    with _database_errors(store, summary):
        retry_items: list[WorkItem] = []
        targets: list[str | Path | VeilleError] = []
        if retry_failed:
            retry_items = store.failed_items()
            inputs = [i for i in store.open_read_failures() if _retry_target(i)]
            store.resolve_read_failures(inputs)  # reading them again re-opens those that still fail
            targets += expand(dict.fromkeys(_retry_target(i) for i in inputs))
        targets += expand(paths)
        progress = progress or Progress(None)  # no bar unless the caller asks for one
        expected = count_inputs(targets, max_bytes=read_limits(settings)["max_bytes"])
        progress.start(None if expected is None else len(retry_items) + expected)
        items = _items(retry_items, targets, limits=read_limits(settings), published=published)
        _run(items, store=store, settings=settings, summary=summary, engine=engine, workers=workers,
             batch_size=batch_size, retry_failed=retry_failed, progress=progress)
    summary.seconds = time.perf_counter() - started
    return summary


def ingest_items(items: Iterable[WorkItem | VeilleError], *, store: Store, settings: Settings,
                 retry_failed: bool = False) -> Summary:
    """Ingest articles already read (the API's POST): the same path as ``ingest``, in this
    process, with the errors of their reading recorded the same way."""
    started = time.perf_counter()
    summary = Summary()
    with _database_errors(store, summary):
        _run(iter(items), store=store, settings=settings, summary=summary, engine="local", workers=1,
             batch_size=None, retry_failed=retry_failed, progress=Progress(None))
    summary.seconds = time.perf_counter() - started
    return summary


def _run(items: Iterator[WorkItem | VeilleError], *, store: Store, settings: Settings, summary: Summary,
         engine: str | None, workers: int | None, batch_size: int | None, retry_failed: bool,
         progress: "Progress") -> None:
    size = int(batch_size or settings.get("ingest.batch_size"))
    engine_name = engine or settings.get("ingest.engine")
    workers = workers or int(settings.get("ingest.workers")) or None
    batches = _new_work(items, store=store, summary=summary, size=size, retry_failed=retry_failed,
                        progress=progress)
    eng = make_engine(engine_name, settings=settings, workers=workers, batch_size=size)
    try:
        for outcomes in eng.run(batches):
            for o, result in zip(outcomes, store.write(outcomes), strict=True):
                _count(summary, o, result)
            progress.advance(len(outcomes))
    finally:
        eng.close()
        progress.close()


@contextmanager
def _database_errors(store: Store, summary: Summary):
    """A database that fails mid-run (locked, the server gone) is one clear error that says
    what was stored before it and that a re-run resumes."""
    try:
        yield
    except (VeilleError, OperationalError) as exc:
        if isinstance(exc, VeilleError) and exc.code != "db":
            raise
        reason = exc.message if isinstance(exc, VeilleError) else f"the database failed: {_first_line(exc)}"
        raise VeilleError("db", f"{reason} ({summary.ingested} documents stored before it, whole; "
                                f"run the same command again to resume)", store.display_url) from None


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return (text.splitlines() or [type(exc).__name__])[0][:300]


def _count(summary: Summary, o, result: str) -> None:
    if result == INGESTED:
        summary.ingested += 1
    elif result == UNCHANGED:
        summary.unchanged += 1
    elif result == FAILED:
        summary.failed += 1
        reason = o.error or "failed"
        if o.stage:
            reason = f"{o.stage}: {reason}"
        summary.errors.append(VeilleError("extract", reason, o.item.source or o.item.id))


def _new_work(items: Iterator[WorkItem | VeilleError], *, store: Store, summary: Summary, size: int,
              retry_failed: bool, progress: "Progress") -> Iterator[list[WorkItem]]:
    """Batches of the documents still to extract; read errors are recorded on the way, and
    documents already stored (or seen twice in this run) are counted and left out."""
    seen: set[str] = set()
    for chunk in _chunks(items, size):
        docs = []
        for item in chunk:
            if isinstance(item, VeilleError):
                store.record_read_failure(item)
                summary.failed += 1
                summary.errors.append(item)
                progress.advance(1)
            elif item.id in seen:
                summary.unchanged += 1
                progress.advance(1)
            else:
                seen.add(item.id)
                docs.append(item)
        known = store.statuses(d.id for d in docs)
        todo = []
        for d in docs:
            status = known.get(d.id)
            if status == "ok" or (status == FAILED and not retry_failed):
                summary.unchanged += status == "ok"
                summary.failed_before += status == FAILED
                progress.advance(1)
            else:
                todo.append(d)
        if todo:
            yield todo


def _items(retry: list[WorkItem], targets: list, *, limits: dict[str, int],
           published: str | None) -> Iterator[WorkItem | VeilleError]:
    yield from retry
    for target in targets:
        if isinstance(target, VeilleError):
            yield target
            continue
        jsonl = target != "-" and Path(target).suffix.lower() in (".jsonl", ".ndjson")
        reader = read_paths(["-"], **limits) if target == "-" else read_file(Path(target), **limits)
        for doc in reader:
            if isinstance(doc, VeilleError):
                yield doc
                continue
            if published and not doc.meta.get("published"):
                doc.meta["published"] = published
            item = WorkItem.of(doc)
            if target != "-" and not jsonl:  # a file: a changed file is a new version of it
                item.source_key = path_name(Path(target).resolve())
            yield item


def expand(paths: Iterable[str]) -> list[str | Path | VeilleError]:
    """Files to read, in order: folders read recursively, glob patterns expanded, '-' kept."""
    out: list[str | Path | VeilleError] = []
    for p in paths:
        if p == "-":
            out.append("-")
            continue
        path = Path(p)
        if path.is_dir():
            out += folder_files(path)
        elif not path.exists() and _GLOB.search(p):
            matches = sorted(glob.glob(p, recursive=True))
            out += expand(matches) if matches else [VeilleError("not_found", "no file matches this pattern",
                                                                path_name(p))]
        else:
            out.append(path)
    return out


def count_inputs(targets: list, *, max_bytes: int | None = None) -> int | None:
    """How many documents the targets hold (a JSON Lines file: its non-empty lines); None
    when unknowable (stdin). Only a regular file within the byte limit is opened to count its
    lines: a named pipe would block, a device (``/dev/zero`` behind a link) never end, and a file
    the reader refuses is one input."""
    total = 0
    for t in targets:
        if t == "-":
            return None
        if isinstance(t, Path) and t.suffix.lower() in (".jsonl", ".ndjson") and _countable(t, max_bytes):
            try:
                with t.open("rb") as f:
                    total += sum(1 for line in f if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def _countable(path: Path, max_bytes: int | None) -> bool:
    try:
        info = path.stat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and (max_bytes is None or info.st_size <= max_bytes)


def _retry_target(failed_input: str) -> str | None:
    """The path to read again for a failed input ('file.jsonl:12' -> 'file.jsonl'); None for stdin."""
    if failed_input.startswith("<"):
        return None
    m = _JSONL_LINE.match(failed_input)
    if m and not Path(failed_input).exists() and Path(m.group(1)).exists():
        return m.group(1)
    return failed_input


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Progress:
    """ingest's progress bar on stderr, drawn by tqdm and only on a terminal: documents done out of
    the total, documents/s and an ETA, redrawn after each document (at most every ``every_s``)."""

    # tqdm's own fields; the rate is a moving average, so the ETA follows the current pace
    WITH_TOTAL = "ingest {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt}  {rate_fmt}  ETA {remaining}"
    WITHOUT_TOTAL = "ingest {n_fmt} docs  {rate_fmt}  {elapsed}"

    def __init__(self, stream: TextIO | None | object = _STDERR, *, enabled: bool | None = None,
                 every_s: float = 0.2) -> None:
        stream = sys.stderr if stream is _STDERR else stream
        self.stream = stream
        self.enabled = bool(stream is not None and (stream.isatty() if enabled is None else enabled))
        self.every_s = every_s
        self.done = 0
        self._bar = None

    def start(self, total: int | None) -> None:
        from tqdm import tqdm

        self.close()
        self.done = 0
        self._bar = tqdm(total=total, file=self.stream, disable=not self.enabled, unit=" docs",
                         bar_format=self.WITH_TOTAL if total else self.WITHOUT_TOTAL,
                         mininterval=self.every_s, miniters=1, dynamic_ncols=True, smoothing=0.3)

    def advance(self, n: int = 1) -> None:
        if self._bar is None:
            self.start(None)
        if self.done == 0:
            # the rate counts from the first result on: the time the model took to load is not
            # a document's
            self._bar.unpause()
        self.done += n
        self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()  # draws the last state and ends the line
            self._bar = None

