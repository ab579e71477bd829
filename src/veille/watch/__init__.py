"""``veille watch``: follow RSS/Atom feeds and ingest each new article as ``veille ingest`` does.

    from veille.watch import watch
    reports = watch("feeds.txt", store=open_store(url), settings=settings, once=True)

Small modules: ``sources`` (the sources file), ``fetch`` (polite HTTP: conditional requests,
per-host rate and concurrency, timeouts, retries with backoff), ``feeds`` (feed -> entries),
``article`` (page -> article body and metadata), ``state`` (what was seen, in the database),
``round`` (one round), ``loop`` (rounds until stopped).
"""
from __future__ import annotations

from .loop import stop_on_signals, watch
from .round import RoundReport, SourceReport, Watcher
from .sources import Source, parse_every, parse_sources, read_sources
from .state import list_sources

__all__ = ["RoundReport", "Source", "SourceReport", "Watcher", "list_sources", "parse_every", "parse_sources",
           "read_sources", "stop_on_signals", "watch"]
