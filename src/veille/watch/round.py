"""One round of watching: fetch every feed, fetch each new (or updated) entry's page, extract
its article, and ingest the new articles through the same engine and write path as
``veille ingest``.

What is fetched, and what is not:
- a feed: always, conditionally (If-None-Match / If-Modified-Since from its last good fetch);
- an entry seen before with the same ``updated`` stamp: not at all;
- an entry whose stamp changed: its page, conditionally; a changed text is a new version of
  the document (same URL), an unchanged one is left alone;
- an entry whose link is a page already fetched (the same link in two feeds): not again;
- a page whose text (or canonical URL) is an article already stored under another URL: fetched
  (nothing else tells), but stored once: it is recorded as a duplicate of that document;
- a page that failed: again next round, up to ``watch.max_page_attempts`` rounds.
A feed that fails (down, slow, HTTP error, HTML, malformed) is recorded with its reason and
tried again next round; the other feeds go on.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TypeVar

from ..engines import make_engine
from ..engines.work import WorkItem
from ..errors import VeilleError
from ..settings import Settings
from ..store import Store
from ..store.db import now as stamp
from ..store.write import FAILED as WRITE_FAILED, INGESTED as WRITE_INGESTED
from .article import NoArticle, extract_article
from .feeds import Entry, NotAFeed, parse_feed
from .fetch import Fetcher, FetchResult
from .sources import Source
from .state import DUPLICATE, FAILED, INGESTED, NOT_EXTRACTED, UNCHANGED, SeenEntry, SeenPage, WatchState
from .urls import host, normalise

log = logging.getLogger("veille.watch")
T = TypeVar("T")
R = TypeVar("R")


@dataclass
class SourceReport:
    url: str
    outcome: str = "ok"  # ok | not_modified | error | skipped (stopped before it)
    reason: str | None = None
    entries: int = 0  # in the feed now
    new: int = 0  # entries not seen before
    ingested: int = 0


@dataclass
class RoundReport:
    sources: list[SourceReport] = field(default_factory=list)
    pages: int = 0  # pages fetched (whatever came back)
    ingested: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: int = 0  # pages that failed (fetch, no article, extraction)
    errors: list[VeilleError] = field(default_factory=list)  # every feed and page that failed, with why
    seconds: float = 0.0
    stopped: bool = False

    def line(self) -> str:
        feeds = len(self.sources)
        down = sum(s.outcome == "error" for s in self.sources)
        same = sum(s.outcome == "not_modified" for s in self.sources)
        return (f"{feeds} feeds ({down} failed, {same} not modified), {self.pages} pages fetched: "
                f"{self.ingested} ingested, {self.unchanged} unchanged, {self.duplicates} duplicates, "
                f"{self.failed} failed in {self.seconds:.1f} s" + (" (stopped)" if self.stopped else ""))


@dataclass
class _Wanted:
    """An entry of a feed that calls for its page."""
    source: Source
    entry: Entry
    seen: SeenEntry | None


@dataclass
class _PageJob:
    url: str
    wanted: list[_Wanted]
    before: SeenPage | None  # the page as fetched before, when it was
    result: FetchResult | None = None


class Watcher:
    """Rounds over a list of sources, sharing one HTTP client and one extraction engine."""

    def __init__(self, store: Store, settings: Settings, *, fetcher: Fetcher | None = None, engine=None,
                 stop: threading.Event | None = None) -> None:
        self.store, self.settings = store, settings
        self.stop = stop or threading.Event()
        self.fetcher = fetcher or Fetcher.from_settings(settings, stop=self.stop)
        self.state = WatchState(store.engine)
        self._engine = engine
        self._own_engine = engine is None
        self.concurrency = max(1, int(settings.get("watch.concurrency")))
        self.max_attempts = int(settings.get("watch.max_page_attempts"))
        self.log_days = float(settings.get("watch.fetch_log_days"))
        self.min_chars = int(settings.get("watch.min_article_chars"))

    def close(self) -> None:
        self.fetcher.close()
        if self._engine is not None and self._own_engine:
            self._engine.close()

    def __enter__(self) -> "Watcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- a round ----------------------------------------------------------------------------

    def round(self, sources: list[Source]) -> RoundReport:
        started = time.perf_counter()
        report = RoundReport()
        self.state.sync_sources(sources, now=stamp())
        jobs: dict[str, _PageJob] = {}
        fetched = self._map(self._fetch_feed, sources)
        for source, result in zip(sources, fetched):
            report.sources.append(self._read_feed(source, result, jobs, report))
        pending = list(jobs.values())
        step = max(16, 4 * self.concurrency)  # pages held in memory at once; each chunk is stored before the next
        for k in range(0, len(pending), step):
            chunk = pending[k:k + step]
            for job, result in zip(chunk, self._map(self._fetch_page, chunk)):
                job.result = result
            self._finish_pages([j for j in chunk if j.result is not None], report)
            if self.stop.is_set():
                break
        report.stopped = self.stop.is_set()
        if not report.stopped:
            # only now that every entry is recorded: a round cut short (killed, stopped) leaves
            # the old validators, so that the next round reads the feeds whole again
            for source, out, result in zip(sources, report.sources, fetched):
                if out.outcome == "ok":
                    self.state.save_validators(source.url, etag=result.etag, last_modified=result.last_modified)
        cutoff = datetime.now(timezone.utc) - timedelta(days=self.log_days)
        self.state.prune_log(before=cutoff.isoformat(timespec="milliseconds"))
        report.seconds = time.perf_counter() - started
        return report

    def _map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R | None]:
        """fn over the items on a pool of threads (the per-host gate keeps it polite); an item
        not started before a stop gets None."""
        items = list(items)
        if not items:
            return []
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(items)),
                                thread_name_prefix="veille-watch") as pool:
            return list(pool.map(lambda x: None if self.stop.is_set() else fn(x), items))

    # --- feeds ------------------------------------------------------------------------------

    def _fetch_feed(self, source: Source) -> FetchResult:
        etag, modified = self.state.validators(source.url)
        return self.fetcher.get(source.url, etag=etag, last_modified=modified)

    def _read_feed(self, source: Source, result: FetchResult | None, jobs: dict[str, _PageJob],
                   report: RoundReport) -> SourceReport:
        out = SourceReport(url=source.url)
        now = stamp()
        if result is None:
            out.outcome = "skipped"
            return out
        reason = result.error
        entries: list[Entry] = []
        if reason is None and not result.not_modified:
            try:
                _title, entries = parse_feed(result.content, url=result.final_url, content_type=result.content_type)
            except NotAFeed as exc:
                reason = str(exc)
        if reason is not None:
            self.state.log_fetch(result, kind="feed", outcome="error", reason=reason, now=now)
            self.state.feed_failed(source.url, reason, now=now)
            report.errors.append(VeilleError("feed", reason, source.url))
            log.info("feed %s: %s", source.url, reason)  # the report carries it to the caller
            out.outcome, out.reason = "error", reason
            return out
        seen = self.state.seen_entries(source.url)
        out.entries = len(entries)
        out.new = sum(1 for e in dict.fromkeys(e.entry_id for e in entries) if e not in seen)
        self.state.log_fetch(result, kind="feed", outcome="not_modified" if result.not_modified else "ok",
                             reason=None, now=now)
        self.state.feed_ok(source.url, new_entries=out.new, now=now)
        out.outcome = "not_modified" if result.not_modified else "ok"
        for entry in entries:
            self._plan(source, entry, seen.get(entry.entry_id), jobs)
        # entries whose page failed are tried again even when the feed is unchanged or has dropped them
        listed = {e.entry_id for e in entries}
        for entry, before in self.state.entries_to_retry(source.url, max_attempts=self.max_attempts):
            if entry.entry_id not in listed:
                self._plan(source, entry, before, jobs)
        return out

    def _plan(self, source: Source, entry: Entry, seen: SeenEntry | None, jobs: dict[str, _PageJob]) -> None:
        """Add the entry to the page jobs if its page is to be fetched; record it otherwise."""
        if seen is not None:
            retry = seen.status == FAILED and seen.attempts < self.max_attempts
            if not retry and seen.updated == entry.updated:
                return  # seen, and not changed since
        wanted = _Wanted(source, entry, seen)
        if entry.url in jobs:
            jobs[entry.url].wanted.append(wanted)
            return
        before = self.state.page(entry.url)
        changed = seen is not None and seen.updated != entry.updated
        if before is not None and before.status != FAILED and not changed:
            # the same page through another feed or entry: already fetched, nothing to do
            status = DUPLICATE if before.document_id else before.status
            self.state.save_entry(source.url, entry.entry_id, url=entry.url, updated=entry.updated, status=status,
                                  error=None, document_id=before.document_id, tried=False, now=stamp())
            return
        jobs[entry.url] = _PageJob(entry.url, [wanted], before)

    # --- pages ------------------------------------------------------------------------------

    def _fetch_page(self, job: _PageJob) -> FetchResult:
        usable = job.before is not None and job.before.status != FAILED
        return self.fetcher.get(job.url, etag=job.before.etag if usable else None,
                                last_modified=job.before.last_modified if usable else None)

    def _finish_pages(self, jobs: list[_PageJob], report: RoundReport) -> None:
        """Extract the fetched pages, ingest the new articles in batches, record every entry."""
        to_ingest: list[tuple[_PageJob, WorkItem, str, str | None]] = []
        twins: list[tuple[_PageJob, WorkItem, str, str | None]] = []  # the same text twice in this round
        firsts: set[str] = set()
        for job in jobs:
            report.pages += 1
            decided = self._decide(job, report)
            if decided is not None:
                item = decided[0]
                (twins if item.id in firsts else to_ingest).append((job, *decided))
                firsts.add(item.id)
        if to_ingest:
            results = self._ingest([item for _, item, _, _ in to_ingest])
            for (job, item, digest, canonical), (result, error) in zip(to_ingest, results, strict=True):
                status = {WRITE_INGESTED: INGESTED, WRITE_FAILED: NOT_EXTRACTED}.get(result, UNCHANGED)
                self._record(job, report, status=status, error=error, document_id=item.id, content_hash=digest,
                             canonical=canonical)
        for job, item, digest, canonical in twins:
            self._record(job, report, status=DUPLICATE, error=None, document_id=item.id, content_hash=digest,
                         canonical=canonical)

    def _decide(self, job: _PageJob, report: RoundReport) -> tuple[WorkItem, str, str | None] | None:
        """What to do with a fetched page: a WorkItem to ingest (with its hash and canonical URL),
        or None once it is recorded (failed, not modified, unchanged, duplicate)."""
        result = job.result
        before = job.before
        if result.error is not None:
            self._record(job, report, status=FAILED, error=result.error)
            return None
        if result.not_modified and before is not None:
            self._record(job, report, status=UNCHANGED, error=None, document_id=before.document_id,
                         content_hash=before.content_hash, canonical=before.canonical_url)
            return None
        try:
            article = extract_article(result.content, url=result.final_url, min_chars=self.min_chars)
        except NoArticle as exc:
            self._record(job, report, status=FAILED, error=str(exc))
            return None
        digest, canonical = article.content_hash, article.canonical_url
        if canonical is None and normalise(result.final_url) != job.url:
            canonical = normalise(result.final_url)  # the link redirected: where it led is the page's address
        if before is not None and before.content_hash == digest and before.document_id:
            self._record(job, report, status=UNCHANGED, error=None, document_id=before.document_id,
                         content_hash=digest, canonical=canonical)
            return None
        twin = self.state.duplicate_of(url=job.url, content_hash=digest,
                                       canonical_url=canonical if canonical != job.url else None)
        if twin is not None:
            self._record(job, report, status=DUPLICATE, error=None, document_id=twin.document_id,
                         content_hash=digest, canonical=canonical)
            return None
        return self._work_item(job, article), digest, canonical

    def _work_item(self, job: _PageJob, article) -> WorkItem:
        first = job.wanted[0]
        meta = {"url": job.url, "format": "html", "feed": first.source.url,
                "title": article.title or first.entry.title,
                "published": article.published or first.entry.published,
                "outlet": first.source.outlet or article.outlet or host(job.url),
                "language": first.source.language}
        # the page's address is the source key: a changed text at the same URL is a new version
        return WorkItem(raw=article.body, source=job.url, meta={k: v for k, v in meta.items() if v},
                        source_key=job.url)

    def _ingest(self, items: list[WorkItem]) -> list[tuple[str, str | None]]:
        """(result, error) for each item (no two with one text), in order: stored through the
        engine and ``Store.write`` as ``veille ingest`` stores; a text already stored is
        "unchanged" without extraction."""
        known = self.store.statuses(i.id for i in items)
        out: dict[str, tuple[str, str | None]] = {i.id: (UNCHANGED, None) for i in items if known.get(i.id) == "ok"}
        todo = [i for i in items if i.id not in out]
        if todo:
            size = max(1, int(self.settings.get("ingest.batch_size")))
            batches = [todo[k:k + size] for k in range(0, len(todo), size)]
            for outcomes in self._extraction_engine().run(batches):
                for o, result in zip(outcomes, self.store.write(outcomes), strict=True):
                    error = None if o.ok else (f"{o.stage}: {o.error}" if o.stage else o.error)
                    out[o.item.id] = (result, error)
        return [out[i.id] for i in items]

    def _extraction_engine(self):
        if self._engine is None:
            self._engine = make_engine(self.settings.get("ingest.engine"), settings=self.settings,
                                       workers=int(self.settings.get("ingest.workers")) or None,
                                       batch_size=int(self.settings.get("ingest.batch_size")))
        return self._engine

    def _record(self, job: _PageJob, report: RoundReport, *, status: str, error: str | None,
                document_id: str | None = None, content_hash: str | None = None, canonical: str | None = None) -> None:
        result, now = job.result, stamp()
        outcome = "error" if result.error else "not_modified" if result.not_modified else "ok"
        self.state.log_fetch(result, kind="page", outcome=outcome, reason=error, now=now)
        if status != FAILED or job.before is None:  # a failed fetch keeps what the page was
            etag, modified = (result.etag, result.last_modified) if not result.not_modified else (
                job.before.etag, job.before.last_modified)
            self.state.save_page(SeenPage(url=job.url, canonical_url=canonical, content_hash=content_hash,
                                          document_id=document_id, etag=etag, last_modified=modified,
                                          status=status), error=error, now=now)
        for w in job.wanted:
            self.state.save_entry(w.source.url, w.entry.entry_id, url=job.url, updated=w.entry.updated,
                                  status=status, error=error, document_id=document_id, tried=True, now=now)
        if status == INGESTED:  # credited to the first feed that brought it
            report.ingested += 1
            credited = job.wanted[0].source.url
            self.state.add_articles({credited: 1})
            for s in report.sources:
                s.ingested += s.url == credited
        elif status == DUPLICATE:
            report.duplicates += 1
        elif status == UNCHANGED:
            report.unchanged += 1
        else:
            report.failed += 1
            report.errors.append(VeilleError("page", error or "failed", job.url))
            log.info("page %s: %s", job.url, error)
