"""The page's own files keep the promises the browser test cannot see all of: no outside URL
(nothing fetched from a CDN at run time), no HTML built from strings, no inline script or style
(the Content-Security-Policy would refuse them anyway); the base map ships with the package."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parent.parent / "src" / "veille" / "web"
FILES = sorted(p for p in WEB.iterdir() if p.suffix in (".html", ".js", ".css"))
SVG_NS = "http://www.w3.org/2000/svg"  # a namespace name, never fetched


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_web_files_name_no_outside_url(path):
    text = path.read_text("utf-8").replace(SVG_NS, "")
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", text), path.name


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".js"], ids=lambda p: p.name)
def test_web_scripts_never_build_html_from_strings(path):
    text = path.read_text("utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in text, f"{path.name} uses {sink}"


def test_web_page_has_no_inline_script_or_style():
    html = (WEB / "index.html").read_text("utf-8")
    assert re.findall(r"<script\b[^>]*>", html) == ['<script type="module" src="/static/main.js">']
    assert "<style" not in html and " style=" not in html and not re.search(r"\son[a-z]+=", html)


def test_web_basemap_comes_from_the_installed_package():
    from veille.api.page import world_geojson

    fc = json.loads(world_geojson())
    codes = {f["properties"]["iso_a2"] for f in fc["features"]}
    assert {"SD", "SS", "UA", "CD", "ML", "SY", "LB", "IL"} <= codes
    assert len(fc["features"]) > 150
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in fc["features"])


def test_web_tile_layer_is_off_by_default_and_widens_the_policy_only_when_set():
    from veille.api.app import content_security_policy
    from veille.api.page import tile_origin
    from veille.errors import VeilleError
    from veille.settings import Settings

    default = Settings.load()
    assert tile_origin(default) == ""
    assert "img-src 'self' data:;" in content_security_policy(default)
    online = Settings.load(serve__tile_url="https://tiles.example.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://tiles.example.org;" in content_security_policy(online)
    with pytest.raises(VeilleError, match="tile_url"):
        tile_origin(Settings.load(serve__tile_url="javascript:alert(1)"))
