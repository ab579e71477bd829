"""The sources file: the feeds to follow, one a line.

    # comments and blank lines are ignored
    https://example.org/rss.xml
    https://example.org/atom.xml | Le Journal du Nord
    https://example.org/fr.rdf   | La Gazette des Collines | fr

A line is the feed's URL, then optionally ``|`` and the outlet's name (what the articles are
credited to; else the site's own name), then ``|`` and the language of its articles (ISO 639-1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import VeilleError

_LANGUAGE = re.compile(r"^[a-z]{2}$")
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    outlet: str | None = None
    language: str | None = None


def read_sources(path: str | Path) -> list[Source]:
    """The sources of a file, in order, each URL once; a bad line raises naming FILE:LINE."""
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except FileNotFoundError:
        raise VeilleError("not_found", "no such sources file", str(p)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise VeilleError("unreadable", f"cannot read the sources file ({exc})", str(p)) from None
    sources = parse_sources(text, name=str(p))
    if not sources:
        raise VeilleError("empty", "the sources file lists no feed", str(p))
    return sources


def parse_sources(text: str, *, name: str = "<sources>") -> list[Source]:
    out: dict[str, Source] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        source = _parse_line(line, where=f"{name}:{n}")
        out.setdefault(source.url, source)
    return list(out.values())


def _parse_line(line: str, *, where: str) -> Source:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) > 3:
        raise VeilleError("bad_source", "a line is URL [| outlet [| language]]", where)
    url = parts[0]
    split = urlsplit(url)
    if split.scheme not in ("http", "https") or not split.netloc or " " in url:
        raise VeilleError("bad_source", f"not an http(s) URL: {url!r}", where)
    outlet = parts[1] if len(parts) > 1 and parts[1] else None
    language = parts[2].lower() if len(parts) > 2 and parts[2] else None
    if language is not None and not _LANGUAGE.match(language):
        raise VeilleError("bad_source", f"not a two-letter language code: {parts[2]!r}", where)
    return Source(url=url, outlet=outlet, language=language)


def parse_every(value: str | int | float) -> float:
    """Seconds in '90', '30s', '10m', '2h', '1d'; at least one second."""
    if isinstance(value, (int, float)):
        seconds = float(value)
    else:
        m = _EVERY.match(value)
        if not m:
            raise VeilleError("bad_parameter", f"not a duration (like 30s, 10m, 2h): {value!r}", "--every")
        seconds = float(m.group(1)) * _UNITS[m.group(2)]
    if seconds < 1:
        raise VeilleError("bad_parameter", f"under one second: {value!r}", "--every")
    return seconds
