"""The page as an analyst meets it, in headless Chromium, over a database of real extractions:
the sample dispatches (examples/), the seed (../shared/seeds/) and dispatches of two years,
2012 and 2025 (tests/data/web_two_years.jsonl, two outlets telling the same 2012 clash at
Idlib with different tolls). Names on the map, a timeline over the whole span, a map that
follows the filters, clusters whose counts show, a list that comes back to its head, the
competing claims of a cluster side by side, an 800 px window and the keyboard.

Slow (the spaCy model extracts the articles); skips where Chromium or playwright is absent."""
from __future__ import annotations

import json

import pytest

from browser import chromium, playwright_or_skip, serving
from conftest import ROOT, SHARED, data_path

sync_api = playwright_or_skip()
pytestmark = pytest.mark.slow
expect = sync_api.expect


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from veille.api import create_app
    from veille.cli import main

    url = f"sqlite:///{tmp_path_factory.mktemp('analyst') / 'veille.db'}"
    assert main(["ingest", str(ROOT / "examples"), "--db", url, "--published", "2025-03-14"]) == 0
    if (SHARED / "seeds").is_dir():
        assert main(["ingest", str(SHARED / "seeds"), "--db", url, "--published", "2024-11-30"]) == 0
    assert main(["ingest", str(data_path("web_two_years.jsonl")), "--db", url]) == 0
    with serving(create_app(url)) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium(sync_api) as b:
        yield b


class Page:
    """A page with its console errors and script errors collected."""

    def __init__(self, browser, base: str, width: int = 1400) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.base = base
        self.page.goto(base + "/")
        self.page.wait_for_selector("body[data-ready=true]")

    def api(self, path: str) -> dict:
        return json.loads(self.page.request.get(self.base + path).text())

    def bounds(self) -> list[float]:
        return [float(v) for v in self.page.get_attribute("#map", "data-bounds").split(",")]

    def labels(self, cls: str) -> list[str]:
        return self.page.eval_on_selector_all(f"#map text.{cls}", "els => els.map(e => e.textContent)")

    def filter_dates(self, start: str, end: str) -> None:
        self.page.fill("#f-from", start)
        self.page.fill("#f-to", end)
        self.page.dispatch_event("#f-to", "change")


@pytest.fixture
def page(browser, server):
    p = Page(browser, server)
    yield p
    assert p.errors == []  # no console error, whatever the test did
    p.context.close()


def _inside(bounds, lon, lat) -> bool:
    west, south, east, north = bounds
    return west <= lon <= east and south <= lat <= north


def _settled(page: Page, before: list[float]) -> list[float]:
    """The map's bounds once a refresh has refitted it (they change, then hold)."""
    expect(page.page.locator("#map")).not_to_have_attribute("data-bounds", ",".join(f"{v:.4f}" for v in before))
    page.page.wait_for_timeout(150)
    return page.bounds()


def test_web_map_names_countries_at_every_zoom_and_places_zoomed_in(page):
    p = page.page
    countries = page.labels("country-label")
    assert len(countries) >= 10 and "Sudan" in countries  # the whole data: Mali to Ukraine
    # zoomed on Syria by the two events of February 2025 (Aleppo and Idlib, 60 km apart)
    page.filter_dates("2025-02-01", "2025-02-10")
    expect(p.locator(".event-item")).to_have_count(2)
    expect(p.locator("#map text.place-label")).to_have_count(2)
    assert set(page.labels("place-label")) == {"Aleppo", "Idlib"}  # told apart, no click
    assert "Syria" in page.labels("country-label")  # names at this zoom too
    # zoomed out to the whole world: the countries are still named, fewer, none over another
    for _ in range(6):
        p.click("#zoom-out")
    p.wait_for_timeout(200)
    assert 5 <= len(page.labels("country-label")) < len(countries) + 50
    boxes = p.eval_on_selector_all("#map .labels text", "els => els.map(e => { const b = e.getBBox(); "
                                   "return [b.x, b.y, b.x + b.width, b.y + b.height]; })")
    clashes = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1]
    assert clashes == []


def test_web_timeline_opens_on_the_whole_span_of_the_data(page):
    p = page.page
    events = page.api("/api/events?limit=500")["items"]
    days = sorted(e["date_start"] for e in events if e["date_start"] and e["date_precision"] in ("day", "week"))
    assert days[0].startswith("2012") and days[-1].startswith("2025")
    domain = p.get_attribute("#timeline", "data-from"), p.get_attribute("#timeline", "data-to")
    assert domain[0] <= days[0] and domain[1] >= days[-1]
    # every day with events has its bar inside the axis, and the axis is marked in years
    ticks = p.eval_on_selector_all("#timeline text.tick", "els => els.map(e => e.textContent)")
    years = [t for t in ticks if len(t) == 4 and t.isdigit()]
    assert len(years) >= 4 and "2025" in years
    bars = p.locator("#timeline rect.bar")
    assert bars.count() >= 3
    first = bars.nth(0).get_attribute("data-date")
    assert first <= days[0]
    # brushing still works: across the first bar (2012) keeps the 2012 events only
    box = bars.nth(0).bounding_box()
    y = box["y"] + box["height"] / 2
    p.mouse.move(box["x"] - 4, y)
    p.mouse.down()
    p.mouse.move(box["x"] + box["width"] + 4, y, steps=4)
    p.mouse.up()
    expect(p.locator("#f-from")).not_to_have_value("")
    p.wait_for_timeout(300)
    dates = p.eval_on_selector_all(".event-item .ev-date", "els => els.map(e => e.textContent)")
    assert dates and all(d.startswith("2012") for d in dates)


def test_web_a_filter_or_a_brush_refits_the_map_to_the_events_it_keeps(page):
    p = page.page
    whole = page.bounds()
    p.select_option("#f-type", "Protests")
    kept = page.api("/api/events.geojson?event_type=Protests")["features"]
    after = _settled(page, whole)
    assert after != whole
    points = [f["geometry"]["coordinates"] for f in kept if f["geometry"]]
    assert points and all(_inside(after, lon, lat) for lon, lat in points)
    # the dates of one 2012 clash: the map closes in on Idlib
    p.select_option("#f-type", "")
    page.filter_dates("2012-03-15", "2012-03-15")
    zoomed = _settled(page, after)
    assert zoomed[2] - zoomed[0] < 30 and _inside(zoomed, 36.63, 35.93)


def test_web_cluster_counts_are_never_hidden_by_a_mark(page):
    p = page.page
    for zoom in range(4):
        clusters = p.locator("#map g.cluster")
        assert clusters.count() >= 1 or zoom > 0
        # each count in the map's view is what the pointer finds at its centre: nothing over it
        hidden = p.eval_on_selector_all("#map g.cluster text.cluster-count", """els => els.filter(t => {
            const b = t.getBoundingClientRect(), m = document.getElementById('map').getBoundingClientRect();
            const x = b.x + b.width / 2, y = b.y + b.height / 2;
            if (x < m.left || x > m.right || y < m.top || y > m.bottom) return false;  // out of view
            const top = document.elementFromPoint(x, y);
            return !top || top.closest('g.cluster') !== t.closest('g.cluster');
        }).map(t => t.textContent)""")
        assert hidden == []
        p.click("#zoom-in")
        p.wait_for_timeout(100)


def test_web_after_a_filter_the_list_is_back_at_its_head_with_its_header(page):
    p = page.page
    pane = p.locator(".list-pane")
    pane.evaluate("el => { el.scrollTop = el.scrollHeight; }")
    assert pane.evaluate("el => el.scrollTop") > 100
    header = p.locator(".list-pane > h2")
    pane_box = pane.bounding_box()
    assert abs(header.bounding_box()["y"] - pane_box["y"]) < 3  # sticky: in view while scrolled
    p.select_option("#f-type", "Battles")
    expect(p.locator("#count")).not_to_contain_text(f"{len(page.api('/api/events?limit=500')['items'])} (")
    p.wait_for_timeout(200)
    assert pane.evaluate("el => el.scrollTop") == 0
    assert header.is_visible() and abs(header.bounding_box()["y"] - pane_box["y"]) < 3


def test_web_event_view_lists_the_competing_claims_of_its_cluster(page):
    p = page.page
    page.filter_dates("2012-03-15", "2012-03-15")
    expect(p.locator(".event-item")).to_have_count(2)
    p.locator(".event-item").first.click()
    rows = p.locator("#detail table.claims tbody tr")
    expect(rows).to_have_count(2)
    cells = [r.locator("td").all_inner_texts() for r in rows.all()]
    tolls = sorted(c[3] for c in cells)
    assert tolls == ["12", "3"]  # who says twelve, who says three, side by side
    sources = {c[0] for c in cells}
    assert "this article" in sources and ({"Le Journal du Levant", "Agence du Levant"} & sources)
    assert all(c[4] in ("asserted", "claimed", "reported", "denied", "future") for c in cells)
    assert any("Syrian" in c[1] or "Observatoire" in c[1] or "Observatory" in c[1] for c in cells)
    assert p.locator("#detail table.claims tr.this-event").count() == 1
    # the other source is the other outlet's article, never this article again
    others = p.locator("#detail .source .src-outlet").all_inner_texts()
    assert others and "this article" not in " ".join(others)


def test_web_usable_at_800px_and_with_the_keyboard(browser, server):
    page = Page(browser, server, width=800)
    p = page.page
    try:
        assert p.evaluate("document.scrollingElement.scrollWidth") <= 800  # nothing off to the side
        for sel in ("#map", "#timeline", ".list-pane"):
            box = p.locator(sel).bounding_box()
            assert box["width"] >= 600 and box["height"] >= 100, sel
        # Tab reaches the list (the first stop skips to it), Enter opens an event
        for _ in range(30):
            p.keyboard.press("Tab")
            if p.evaluate("document.activeElement.classList.contains('event-item')"):
                break
        focused = p.evaluate("document.activeElement.dataset.id")
        assert focused
        p.keyboard.press("Enter")
        expect(p.locator("#detail")).to_be_visible()
        p.wait_for_selector("#article mark.evidence")
        detail = p.locator("#detail").bounding_box()
        assert detail["width"] <= 800 and detail["x"] >= 0
        assert p.evaluate("document.scrollingElement.scrollWidth") <= 800
        p.keyboard.press("Escape")
        expect(p.locator("#detail")).to_be_hidden()
        assert page.errors == []
    finally:
        page.context.close()
