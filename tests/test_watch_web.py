"""The watched feeds on the API (GET /api/sources) and in the page's Sources panel, with what
`veille sources` prints: the same rows, and outside text (an outlet's name, an error message)
shown as text, never run."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from browser import launch, playwright_or_skip, serving
from dbfixtures import db_url  # noqa: F401 - fixture
from watch_server import NewsSite, rss2

from veille.api import create_app
from veille.settings import Settings
from veille.store import open_store
from veille.watch import Source, Watcher, list_sources

PAYLOAD = '<img src=x onerror="window.__pwned=1;alert(1)">'
SETTINGS = Settings.load(watch__timeout_s=2.0, watch__retries=0, watch__per_host_rate=0)


def _watched_db(url: str, site: NewsSite) -> None:
    """One round over a feed with no entry (no model needed) and one that answers HTML."""
    site.put("/vide.xml", rss2("La Voix du Delta", []), "application/rss+xml")
    site.put("/page.xml", "<!doctype html><html><body><p>Accueil</p></body></html>")
    with open_store(url) as store, Watcher(store, SETTINGS) as w:
        w.round([Source(site.url("/vide.xml"), PAYLOAD, "fr"), Source(site.url("/page.xml"), "Le Phare")])


@pytest.fixture
def site():
    s = NewsSite().start()
    yield s
    s.stop()


def test_watch_api_sources_lists_each_feed_with_its_health(db_url, site):
    _watched_db(db_url, site)
    with TestClient(create_app(db_url, allowed_hosts=["testserver"])) as client:
        body = client.get("/api/sources").json()
        assert "/api/sources" in client.get("/openapi.json").json()["paths"]
    rows = {r["url"]: r for r in body["items"]}
    assert body["total"] == 2
    ok, html = rows[site.url("/vide.xml")], rows[site.url("/page.xml")]
    assert ok["ok"] and ok["outlet"] == PAYLOAD and ok["language"] == "fr" and ok["last_success_at"]
    assert not html["ok"] and html["last_error"] == "an HTML page, not a feed" and html["articles"] == 0
    with open_store(db_url) as store, store.engine.connect() as conn:
        assert list_sources(conn) == body["items"]  # what `veille sources` prints


@pytest.fixture
def served(tmp_path, site):
    sync_api()  # skips where Playwright or Chromium is absent
    url = f"sqlite:///{tmp_path / 'veille.db'}"
    _watched_db(url, site)
    with serving(create_app(url)) as base:
        yield base


def sync_api():
    return playwright_or_skip()


def test_watch_page_sources_panel_shows_each_feed_as_text(served, site):
    with sync_api().sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.set_default_timeout(10_000)
        dialogs, errors = [], []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(served + "/")
        page.wait_for_selector("body[data-ready=true]")
        sync_api().expect(page.locator("#sources .sources-count")).to_have_text("2 (1 failing)")
        page.click("#sources summary")
        rows = page.locator("#sources tbody tr")
        sync_api().expect(rows).to_have_count(2)
        texts = rows.all_inner_texts()
        assert any(PAYLOAD in t and "ok" in t for t in texts)
        assert any("Le Phare" in t and "failing" in t and "an HTML page, not a feed" in t for t in texts)
        assert page.locator("#sources img, #sources [onerror]").count() == 0
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned") is None and dialogs == [] and errors == []
        browser.close()
