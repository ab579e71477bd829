"""A feed's bytes -> its entries (RSS 0.9x/1.0/2.0, Atom: feedparser), or why it is not a feed."""
from __future__ import annotations

import calendar
import time
from dataclasses import dataclass
from xml.sax import SAXException

import feedparser

from .urls import normalise

# feedparser's warnings that leave a feed readable (a wrong declared encoding, a text/plain type)
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


class NotAFeed(Exception):
    """The bytes are no feed: HTML, malformed XML, nothing at all."""


@dataclass(frozen=True, slots=True)
class Entry:
    entry_id: str  # its id (guid), else its link
    url: str  # its link, normalised
    updated: str | None  # as the feed gave it: a new value means the article changed
    published: str | None  # YYYY-MM-DD, when the feed says
    title: str | None


def parse_feed(content: bytes, *, url: str, content_type: str = "") -> tuple[str | None, list[Entry]]:
    """The feed's title and entries; raises NotAFeed with the reason."""
    if not content.strip():
        raise NotAFeed("empty answer")
    parsed = feedparser.parse(content, response_headers={"content-type": content_type} if content_type else None)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version"):
        if _looks_like_html(content):
            raise NotAFeed("an HTML page, not a feed")
        raise NotAFeed(f"not a feed ({_describe(problem) if problem else 'no RSS or Atom root element'})")
    if problem is not None and not isinstance(problem, _HARMLESS):
        # feedparser's loose parser salvages part of a broken feed; what it drops cannot be
        # known, so the feed fails and is read whole next round, once fixed
        raise NotAFeed(f"malformed feed ({_describe(problem)})")
    entries = []
    for e in parsed.entries:
        link = e.get("link") or _alternate(e)
        if not link:
            continue  # an entry with no page to fetch
        try:
            link = normalise(link, base=url)
        except ValueError:
            continue
        # dict.get: feedparser's own get maps a missing "updated" to "published", with a warning
        updated = dict.get(e, "updated") or dict.get(e, "published")
        entries.append(Entry(entry_id=(e.get("id") or link).strip(), url=link, updated=updated,
                             published=_day(dict.get(e, "published_parsed") or dict.get(e, "updated_parsed")),
                             title=e.get("title")))
    return parsed.feed.get("title"), entries


def _alternate(e) -> str | None:
    for link in e.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def _day(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(parsed)))


def _looks_like_html(content: bytes) -> bool:
    head = content[:2000].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SAXException):
        line = getattr(exc, "getLineNumber", lambda: None)()
        return f"{exc.getMessage()}" + (f" at line {line}" if line else "")
    return str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
