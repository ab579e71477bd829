"""One spelling per URL, so that the same page reached by two links is fetched once."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say how a reader arrived, not which page it is.
_TRACKING = ("utm_", "xtor", "fbclid", "gclid", "mc_cid", "mc_eid", "at_medium", "at_campaign")


def normalise(url: str, base: str | None = None) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters."""
    from urllib.parse import urljoin

    if base:
        url = urljoin(base, url)
    s = urlsplit(url.strip())
    host = (s.hostname or "").lower()
    port = s.port if s.port and not ((s.scheme == "http" and s.port == 80) or
                                     (s.scheme == "https" and s.port == 443)) else None
    netloc = host + (f":{port}" if port else "")
    query = [(k, v) for k, v in parse_qsl(s.query, keep_blank_values=True)
             if not k.lower().startswith(_TRACKING)]
    return urlunsplit((s.scheme.lower(), netloc, s.path or "/", urlencode(query), ""))


def host(url: str) -> str:
    s = urlsplit(url)
    return (s.hostname or "").lower() + (f":{s.port}" if s.port else "")
