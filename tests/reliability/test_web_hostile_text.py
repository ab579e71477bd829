"""The page in a real browser (headless Chromium through Playwright) over an article whose text,
title, actor names, outlet and URL carry script tags, event handlers and javascript: URLs: all of
it is shown as text, none of it runs, no element or link comes of it. Skips where
/usr/bin/chromium or the playwright package is absent (tests/browser.py)."""
from __future__ import annotations


import pytest

from browser import launch, playwright_or_skip, serving
from hostile import ACTOR1, ACTOR2, HANDLER, JS_LINK, JS_URL, OUTLET, SCRIPT, TITLE, build_hostile_db

sync_api = playwright_or_skip()


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory):
    from veille.api import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('web-hostile') / 'veille.db'}"
    _, hostile = build_hostile_db(url)
    with serving(create_app(url)) as base, sync_api.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        page.set_default_timeout(10_000)
        seen = {"dialogs": [], "errors": []}
        page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: seen["errors"].append(str(e)))
        page.goto(base + "/")
        page.wait_for_selector("body[data-ready=true]")
        yield page, base, hostile, seen
        browser.close()


def _nothing_ran(page, seen, base) -> None:
    page.wait_for_timeout(300)  # time for an injected handler to have fired, had there been one
    assert page.evaluate("window.__pwned") is None
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert page.locator("[onerror], [onload], [onmouseover], a[href^='javascript:' i]").count() == 0
    sources = page.eval_on_selector_all("script", "els => els.map(e => e.src)")
    assert all(s.startswith(base + "/static/") for s in sources), sources  # the page's own scripts only


def test_web_hostile_actor_names_in_the_list_are_text(hostile_page):
    page, base, hostile, seen = hostile_page
    item = page.locator(f".event-item[data-id='{hostile}:0']")
    sync_api.expect(item).to_have_count(1)
    text = item.text_content()
    assert ACTOR1 in text and ACTOR2 in text
    _nothing_ran(page, seen, base)


def test_web_hostile_article_title_outlet_and_url_are_text(hostile_page):
    page, base, hostile, seen = hostile_page
    page.click(f".event-item[data-id='{hostile}:0']")
    page.wait_for_selector("#article mark.evidence")
    article = page.text_content("#article")
    for payload in (SCRIPT, HANDLER, JS_LINK):
        assert payload in article
    detail = page.text_content("#detail")
    assert TITLE in page.text_content("#detail .doc-title")
    assert ACTOR1 in detail and ACTOR2 in detail and OUTLET in detail and JS_URL in detail
    hrefs = page.locator("#detail a").evaluate_all("els => els.map(e => e.href)")
    assert all(h.startswith(("http:", "https:")) for h in hrefs), hrefs  # the javascript: URL is no link
    # what a person would do: hover the outlet, click the URL
    page.get_by_text(JS_URL).first.click()
    page.get_by_text(OUTLET).first.hover()
    _nothing_ran(page, seen, base)
