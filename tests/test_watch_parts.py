"""The parts of veille watch, each alone: the sources file, durations, one spelling per URL, the
per-host gate, polite fetching (retries, backoff, conditional requests, limits, User-Agent), the
four feed formats and the ways a feed is broken, and a page's article."""
from __future__ import annotations

import re
import threading
import time
from email.utils import formatdate

import pytest

from watch_server import NewsSite, atom, page, rss1, rss2

from veille.errors import VeilleError
from veille.watch.article import NoArticle, content_hash, extract_article
from veille.watch.feeds import NotAFeed, parse_feed
from veille.watch.fetch import Fetcher, HostGate, _retry_after
from veille.watch.sources import Source, parse_every, parse_sources, read_sources
from veille.watch.urls import normalise


def test_watch_sources_file_gives_url_outlet_and_language():
    text = ("# suivis\n\nhttps://exemple.test/rss.xml | Le Héraut du Sud | FR\n"
            "https://exemple.test/atom.xml\n  https://exemple.test/rss.xml | autre nom  \n"
            "http://exemple.test/rdf | | en\n")
    assert parse_sources(text) == [Source("https://exemple.test/rss.xml", "Le Héraut du Sud", "fr"),
                                   Source("https://exemple.test/atom.xml"),
                                   Source("http://exemple.test/rdf", None, "en")]


@pytest.mark.parametrize("line, reason", [
    ("exemple.test/rss.xml", "not an http(s) URL"),
    ("ftp://exemple.test/rss.xml", "not an http(s) URL"),
    ("https://exemple.test/rss.xml | Le Héraut | français", "not a two-letter language code"),
    ("https://exemple.test/a | b | fr | d", "URL [| outlet [| language]]"),
])
def test_watch_sources_bad_line_is_named_with_its_line(line, reason):
    with pytest.raises(VeilleError, match=re.escape(reason)) as exc:
        parse_sources(f"# flux\n{line}\n", name="flux.txt")
    assert exc.value.input == "flux.txt:2"


def test_watch_sources_file_missing_or_empty(tmp_path):
    with pytest.raises(VeilleError, match="no such sources file"):
        read_sources(tmp_path / "absent.txt")
    (tmp_path / "vide.txt").write_text("# rien\n", "utf-8")
    with pytest.raises(VeilleError, match="lists no feed"):
        read_sources(tmp_path / "vide.txt")


@pytest.mark.parametrize("text, seconds", [("90", 90), ("30s", 30), ("10m", 600), ("2h", 7200), ("1d", 86400),
                                           ("1.5m", 90)])
def test_watch_every_reads_durations(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "10 minutes", "0s", "-5m"])
def test_watch_every_refuses_what_is_no_duration(text):
    with pytest.raises(VeilleError):
        parse_every(text)


def test_watch_urls_have_one_spelling():
    a = "https://Exemple.TEST:443/monde/article.html?id=7&utm_source=rss&xtor=RSS-1#haut"
    assert normalise(a) == "https://exemple.test/monde/article.html?id=7"
    assert normalise("../b.html?utm_medium=x", base="http://exemple.test/a/c/flux.xml") == "http://exemple.test/a/b.html"
    assert normalise("http://exemple.test") == "http://exemple.test/"
    assert normalise("http://exemple.test:8080/x") == "http://exemple.test:8080/x"


class FakeClock:
    def __init__(self) -> None:
        self.t = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.t

    def sleep(self, s: float) -> None:
        self.slept.append(round(s, 6))


def test_watch_host_gate_spaces_the_requests_to_one_host():
    clock = FakeClock()
    gate = HostGate(rate=2.0, concurrency=5, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        gate.acquire("a.test")
        gate.release("a.test")
    gate.acquire("b.test")  # another host does not wait for the first
    gate.release("b.test")
    assert clock.slept == [0.5, 1.0]
    clock.t += 5  # long after: no wait
    gate.acquire("a.test")
    assert clock.slept == [0.5, 1.0]


def test_watch_host_gate_caps_requests_at_once():
    gate = HostGate(rate=0, concurrency=2)
    gate.acquire("a.test")
    gate.acquire("a.test")
    assert not gate._slots["a.test"].acquire(blocking=False)  # a third would wait
    gate.release("a.test")
    assert gate._slots["a.test"].acquire(blocking=False)


@pytest.fixture
def site():
    s = NewsSite().start()
    yield s
    s.stop()


def _fetcher(**kw) -> Fetcher:
    args = dict(user_agent="veille/test", timeout_s=0.5, max_bytes=10_000, retries=2, backoff_s=0.01,
                backoff_max_s=0.05, gate=HostGate(rate=0, concurrency=4))
    args.update(kw)
    return Fetcher(**args)


def test_watch_fetch_retries_a_server_error_then_reports_it(site):
    site.put("/panne.xml", "", status=503)
    site.put("/absent-pour-de-bon.xml", "", status=410)
    f = _fetcher()
    r = f.get(site.url("/panne.xml"))
    assert r.error == "HTTP 503 Service Unavailable" and r.tries == 3 and site.requests("/panne.xml") == 3
    gone = f.get(site.url("/absent-pour-de-bon.xml"))
    assert gone.error.startswith("HTTP 410") and gone.tries == 1  # trying again would not help
    f.close()


class RecordingStop(threading.Event):
    """A stop event that records the backoff waits instead of waiting."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float] = []

    def wait(self, timeout=None) -> bool:
        self.waits.append(round(timeout, 6))
        return False


def test_watch_fetch_backs_off_twice_as_long_each_try_up_to_a_cap(site):
    site.put("/panne.xml", "", status=502)
    stop = RecordingStop()
    f = _fetcher(retries=4, backoff_s=0.01, backoff_max_s=0.05, stop=stop)
    assert f.get(site.url("/panne.xml")).tries == 5
    assert stop.waits == [0.01, 0.02, 0.04, 0.05]
    f.close()


def test_watch_fetch_reads_retry_after():
    assert _retry_after("7") == 7.0
    assert _retry_after(None) == 0.0 and _retry_after("demain") == 0.0
    later = formatdate(time.time() + 120, usegmt=True)
    assert 100 < _retry_after(later) <= 120


def test_watch_fetch_asks_conditionally_and_names_itself(site):
    site.put("/rss.xml", rss2("Le Héraut", []), "application/rss+xml")
    f = _fetcher()
    first = f.get(site.url("/rss.xml"))
    assert first.status == 200 and first.etag and first.last_modified
    again = f.get(site.url("/rss.xml"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.ok and again.content == b""
    assert site.user_agents == {"veille/test"}
    f.close()


def test_watch_fetch_gives_up_on_slow_large_or_absent(site):
    site.put("/lent.xml", "x", delay=2.0)
    site.put("/gros.xml", "x" * 20_000)
    f = _fetcher(retries=0)
    assert f.get(site.url("/lent.xml")).error == "timed out (read)"
    assert "larger than 10000 bytes" in f.get(site.url("/gros.xml")).error
    assert f.get(site.url("/rien.xml")).error.startswith("HTTP 404")
    f.close()


FEEDS = {
    "rss091": ('<?xml version="1.0"?><rss version="0.91"><channel><title>Le Héraut</title><link>http://h.test/</link>'
               "<description>d</description><item><title>Une</title><link>http://h.test/une.html</link></item>"
               "</channel></rss>"),
    "rss10": rss1("L'Écho", [("http://h.test/une.html", "Une")]),
    "rss20": rss2("La Gazette", [("g-1", "http://h.test/une.html", "Une", "Tue, 04 Mar 2025 08:30:00 +0100")]),
    "atom": atom("Le Courrier", [("urn:c:1", "http://h.test/une.html", "Une", "2025-03-04T08:30:00Z")]),
}


@pytest.mark.parametrize("kind", sorted(FEEDS))
def test_watch_feeds_read_every_format(kind):
    _title, entries = parse_feed(FEEDS[kind].encode("utf-8"), url="http://h.test/flux")
    assert [e.url for e in entries] == ["http://h.test/une.html"]
    assert entries[0].title == "Une" and entries[0].entry_id
    if kind in ("rss20", "atom"):
        assert entries[0].published == "2025-03-04" and entries[0].updated


@pytest.mark.parametrize("content, reason", [
    (b"", "empty answer"),
    (b"<!doctype html><html><head><title>Accueil</title></head><body><p>Bonjour</p></body></html>", "HTML page"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</ti', "malformed feed"),
    (b'{"items": []}', "not a feed"),
])
def test_watch_feeds_say_why_they_are_not_feeds(content, reason):
    with pytest.raises(NotAFeed, match=reason):
        parse_feed(content, url="http://h.test/flux")


def test_watch_article_keeps_the_text_and_leaves_the_frame():
    html = page("Des combats près de Valdrenne", [
        "De violents combats ont opposé mardi l'armée régulière à des hommes armés près de Valdrenne, a indiqué "
        "le porte-parole militaire Hugo Castagnède lors d'un point de presse.",
        "Les affrontements ont duré plusieurs heures et ont poussé des centaines de familles à fuir vers les "
        "villages voisins, selon une organisation humanitaire locale."],
        day="2025-03-11", site="Le Messager de l'Ouest", canonical="/articles/valdrenne.html?utm_source=x")
    a = extract_article(html.encode("utf-8"), url="http://h.test/reprise/valdrenne")
    assert "De violents combats" in a.body and a.body.rstrip().endswith("humanitaire locale.")
    assert "Mentions légales" not in a.body and "Accueil" not in a.body
    assert a.title == "Des combats près de Valdrenne"
    assert a.published == "2025-03-11" and a.outlet == "Le Messager de l'Ouest"
    assert a.canonical_url == "http://h.test/articles/valdrenne.html"
    home = html.replace("/articles/valdrenne.html?utm_source=x", "http://h.test/")
    assert extract_article(home.encode("utf-8"), url="http://h.test/reprise/valdrenne").canonical_url is None
    with pytest.raises(NoArticle):
        extract_article(b"<html><body><nav><a href='/'>Accueil</a></nav></body></html>", url="http://h.test/")


def test_watch_content_hash_ignores_spacing_only():
    assert content_hash("Des tirs  ont visé\nKorvane. ") == content_hash("Des tirs ont visé Korvane.")
    assert content_hash("Des tirs ont visé Korvane.") != content_hash("Des tirs ont visé Velmor.")
