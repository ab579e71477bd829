"""A small news site on 127.0.0.1 for the watch tests: feeds and article pages written here (in
French, invented names), served with ETag and Last-Modified, answering conditional requests with
304, and counting every request it gets, so that a test can say what was fetched and how often.

    site = NewsSite(); site.start()
    site.put("/rss.xml", body, "application/rss+xml")     # or put(..., status=500, delay=2.0)
    site.count("/articles/a1.html")                       # full answers (200) for that path
    site.stop()
"""
from __future__ import annotations

import hashlib
import threading
from collections import Counter
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit
from xml.sax.saxutils import escape


@dataclass
class Resource:
    body: bytes
    content_type: str
    status: int = 200
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = None


class NewsSite:
    def __init__(self) -> None:
        self.resources: dict[str, Resource] = {}
        self.answers: Counter[tuple[str, int]] = Counter()  # (path, status) -> times
        self.user_agents: set[str] = set()
        self._clock = 1_741_000_000  # Last-Modified stamps, a minute apart per change
        self._closing = threading.Event()
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site._answer(self)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda *a: None  # a client that gave up (the slow feed) is no error
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "NewsSite":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._closing.set()
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", *, status: int = 200,
            delay: float = 0.0, etag: bool = True, last_modified: bool = True) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self._clock += 60
            self.resources[path] = Resource(
                data, content_type, status, delay,
                etag=f'"{hashlib.sha1(data).hexdigest()[:16]}"' if etag else None,
                last_modified=formatdate(self._clock, usegmt=True) if last_modified else None)

    def count(self, path: str, status: int = 200) -> int:
        with self._lock:
            return self.answers[path, status]

    def requests(self, path: str) -> int:
        with self._lock:
            return sum(n for (p, _), n in self.answers.items() if p == path)

    def _answer(self, h: BaseHTTPRequestHandler) -> None:
        path = urlsplit(h.path).path
        res = self.resources.get(path)
        self.user_agents.add(h.headers.get("User-Agent", ""))
        if res is not None and res.delay and self._closing.wait(res.delay):
            return
        if res is None:
            status, body, headers = 404, b"not here", {"Content-Type": "text/plain"}
        elif res.status != 200:
            status, body, headers = res.status, b"server trouble", {"Content-Type": "text/plain"}
        else:
            headers = {"Content-Type": res.content_type}
            if res.etag:
                headers["ETag"] = res.etag
            if res.last_modified:
                headers["Last-Modified"] = res.last_modified
            fresh = ((res.etag and h.headers.get("If-None-Match") == res.etag) or
                     (res.last_modified and not h.headers.get("If-None-Match")
                      and h.headers.get("If-Modified-Since") == res.last_modified))
            status, body = (304, b"") if fresh else (200, res.body)
        with self._lock:
            self.answers[path, status] += 1
        try:
            h.send_response(status)
            for k, v in headers.items():
                h.send_header(k, v)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            if status != 304:
                h.wfile.write(body)
        except OSError:
            pass  # the client gave up


# --- the site's content -------------------------------------------------------------------------

def page(title: str, paragraphs: list[str], *, day: str, site: str = "Le Courrier des Collines",
         canonical: str | None = None, extra: str = "") -> str:
    """An article page with a menu and a footer around the text, as news sites have."""
    paras = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{title} | {site}</title>{link}
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{day}T08:30:00+01:00">
</head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/region">Région</a></nav>
<main><article><h1>{title}</h1>
<p class="date">Publié le <time datetime="{day}">{day}</time></p>
{paras}
{extra}
</article></main>
<footer><p>{site} — tous droits réservés. Mentions légales. Nous contacter.</p></footer>
</body></html>"""


def rss2(title: str, items: list[tuple[str, str, str, str]]) -> str:
    """items: (guid, link, title, RFC 822 date)."""
    body = "\n".join(f"<item><title>{t}</title><link>{link}</link><guid isPermaLink=\"false\">{g}</guid>"
                     f"<pubDate>{d}</pubDate></item>" for g, link, t, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://127.0.0.1/</link><description>Les dépêches</description>\n{body}\n</channel></rss>")


def atom(title: str, entries: list[tuple[str, str, str, str]]) -> str:
    """entries: (id, link, title, updated ISO 8601)."""
    body = "\n".join(f'<entry><id>{i}</id><title>{t}</title><link rel="alternate" href="{link}"/>'
                     f"<updated>{u}</updated></entry>" for i, link, t, u in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{title}</title><id>urn:veille-test:{title}</id><updated>2025-03-04T09:00:00Z</updated>\n"
            f"{body}\n</feed>")


def rss1(title: str, items: list[tuple[str, str]]) -> str:
    """items: (link, title); RSS 1.0 (RDF) has no guid: the link is the entry's id."""
    items = [(escape(link, {'"': "&quot;"}), t) for link, t in items]
    seq = "".join(f'<rdf:li rdf:resource="{link}"/>' for link, _ in items)
    body = "\n".join(f'<item rdf:about="{link}"><title>{t}</title><link>{link}</link></item>' for link, t in items)
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
            f'<channel rdf:about="http://127.0.0.1/rdf"><title>{title}</title><link>http://127.0.0.1/</link>'
            f"<description>Brèves</description><items><rdf:Seq>{seq}</rdf:Seq></items></channel>\n{body}\n</rdf:RDF>")
