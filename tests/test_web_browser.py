"""The web page in a real browser (headless Chromium through Playwright) against `veille serve`'s
app on 127.0.0.1: it loads with no outside request, shows the events, filters them, shows the
evidence of the one clicked, and shows HTML inside an article as text without running any of it.

Waiting uses Playwright's locator assertions: `page.wait_for_function` with a string needs eval,
which the page's Content-Security-Policy rightly refuses.

Skips where /usr/bin/chromium (Debian's `chromium` package) or the playwright package is absent.
"""
from __future__ import annotations

import re

import pytest

from browser import chromium, playwright_or_skip, serving
from serve_fixtures import PAYLOAD_IMG, PAYLOAD_SCRIPT, build_db

sync_api = playwright_or_skip()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app over a small SQLite database, served by uvicorn in a thread on a free port."""
    from veille.api import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'veille.db'}"
    ids = build_db(url)
    with serving(create_app(url)) as base:
        yield base, ids


@pytest.fixture(scope="module")
def browser():
    with chromium(sync_api) as b:
        yield b


class Watched:
    """A page and what it did: every request it made, dialogs, script errors."""

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def outside(self) -> list[str]:
        return [u for u in self.requests if not (u.startswith(self.base + "/") or u.startswith("data:"))]


@pytest.fixture
def page(browser, server):
    base, _ = server
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    watched = Watched(page, base)
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready=true]")
    yield watched
    context.close()


def _listed(page) -> list[str]:
    return page.eval_on_selector_all(".event-item", "els => els.map(e => e.dataset.id)")


def test_web_page_loads_with_no_outside_request_and_shows_the_events(page, server):
    _, ids = server
    p = page.page
    assert len(_listed(p)) == 7
    assert p.locator("#map path.country").count() > 150  # the offline base map
    assert p.locator("#map g.event").count() + p.locator("#map g.cluster").count() >= 4
    assert p.locator("#timeline rect.bar").count() == 5
    assert page.outside() == []
    assert page.errors == []


def test_web_filtering_by_type_changes_the_list(page, server):
    _, ids = server
    p = page.page
    p.select_option("#f-type", "Protests")
    sync_api.expect(p.locator(".event-item")).to_have_count(1)
    assert _listed(p) == [ids.event("kinshasa")]
    assert "Peaceful protest" in p.inner_text(".event-item")
    p.select_option("#f-type", "Battles")
    sync_api.expect(p.locator(".event-item")).to_have_count(3)
    assert set(_listed(p)) == {ids.event("army_bara"), ids.event("wire_bara"), ids.event("kherson", 1)}


def test_web_clicking_an_event_shows_its_evidence_its_claimant_and_other_sources(page, server):
    _, ids = server
    p = page.page
    p.click(f".event-item[data-id='{ids.event('army_bara')}']")
    mark = p.wait_for_selector("#article mark.evidence")
    assert mark.inner_text() == "avoir repris la ville de Bara"
    sentence = "".join(p.eval_on_selector_all("#article mark.sentence", "els => els.map(e => e.textContent)"))
    assert sentence == ("L'armée soudanaise a affirmé dimanche avoir repris la ville de Bara, dans le Kordofan-Nord, "
                        "après deux jours de combats contre les Forces de soutien rapide (FSR).")
    assert "Sudanese Armed Forces" in p.inner_text("#detail .claim")
    sources = p.inner_text("#detail .sources")
    assert "Journal B" in sources and "De violents combats" in sources
    # the other source is one click away
    p.click(f"#detail .source[data-id='{ids.event('wire_bara')}']")
    sync_api.expect(p.locator("#article mark.evidence")).to_have_text(re.compile("^De violents combats"))


def test_web_clicking_a_map_symbol_opens_its_evidence(page, server):
    _, ids = server
    p = page.page
    p.click(f"#map g.event[data-id='{ids.event('kinshasa')}']")
    assert p.wait_for_selector("#article mark.evidence").inner_text().startswith("Plusieurs centaines")


def test_web_article_html_is_shown_as_text_and_never_runs(page, server):
    _, ids = server
    p = page.page
    p.click(f".event-item[data-id='{ids.event('bamako')}']")
    p.wait_for_selector("#article mark.evidence")
    text = p.text_content("#article")
    assert PAYLOAD_SCRIPT in text and PAYLOAD_IMG in text
    assert PAYLOAD_SCRIPT in p.text_content("#detail .doc-title")
    assert p.locator("#detail script, #detail img, #detail [onerror]").count() == 0
    p.wait_for_timeout(300)  # time for an injected handler to have fired, had there been one
    assert p.evaluate("window.__pwned") is None
    assert page.dialogs == [] and page.errors == []


def test_web_brushing_the_timeline_filters_the_list(page, server):
    _, ids = server
    p = page.page
    bars = p.locator("#timeline rect.bar")
    first, second = bars.nth(0).bounding_box(), bars.nth(1).bounding_box()  # 2025-03-08 and 03-09
    y = first["y"] + first["height"] / 2
    p.mouse.move(first["x"] + 1, y)
    p.mouse.down()
    p.mouse.move(second["x"] + second["width"] - 1, y, steps=5)
    p.mouse.up()
    sync_api.expect(p.locator(".event-item")).to_have_count(2)
    assert set(_listed(p)) == {ids.event("army_bara"), ids.event("wire_bara")}
    assert (p.input_value("#f-from"), p.input_value("#f-to")) == ("2025-03-08", "2025-03-09")
