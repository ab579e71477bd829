"""The web page, its static files, the base map and the page's settings.

The base map is Natural Earth's 1:110m country outlines as shipped by the ``countryinfo``
package (its GeoJSON comes from johan/world.geo.json, drawn from Natural Earth): installed from
the package registry at set-up, served from here, never fetched at run time. An online tile
layer is drawn under it only when the ``serve.tile_url`` setting names one.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

router = APIRouter(tags=["page"])

WEB_DIR = Path(str(resources.files("veille").joinpath("web")))


@router.get("/", include_in_schema=False)
def index() -> FileResponse:
    return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})


@router.get("/api/basemap", summary="Country outlines (Natural Earth 1:110m) as GeoJSON")
def basemap() -> Response:
    return Response(world_geojson(), media_type="application/geo+json",
                    headers={"Cache-Control": "public, max-age=86400"})


@router.get("/api/config", summary="The page's settings: page sizes and the optional tile layer")
def config(request: Request) -> dict:
    s = request.app.state.settings
    return {"page_size": int(s.get("serve.page_size")),
            "max_page_size": int(s.get("serve.max_page_size")),
            "max_map_events": int(s.get("serve.max_map_events")),
            "tile_url": tile_url(s) or None,
            "tile_attribution": s.get("serve.tile_attribution") or ""}


@router.get("/docs", include_in_schema=False)
def docs() -> HTMLResponse:
    return HTMLResponse(DOCS_HTML)


DOCS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>veille API</title>
<link rel="stylesheet" href="/docs-assets/swagger-ui.css"><link rel="icon" href="data:,"></head>
<body><div id="swagger-ui"></div>
<script src="/docs-assets/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script></body></html>
"""


def docs_assets_dir() -> Path | None:
    """Swagger UI's files, from the fastapi-offline package (no CDN)."""
    try:
        return Path(str(resources.files("fastapi_offline").joinpath("static")))
    except ModuleNotFoundError:
        return None


def tile_url(settings) -> str:
    url = (settings.get("serve.tile_url") or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or not all(k in url for k in ("{z}", "{x}", "{y}")):
        from ..errors import VeilleError

        raise VeilleError("settings", "serve.tile_url must be an http(s) URL with {z}, {x} and {y}", url)
    return url


def tile_origin(settings) -> str:
    url = tile_url(settings)
    if not url:
        return ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@lru_cache(maxsize=1)
def world_geojson() -> bytes:
    """Every country outline countryinfo ships, as one FeatureCollection (coordinates rounded
    to 0.01 degree: 1 km, finer than the 1:110m data)."""
    import countryinfo

    features = []
    for country in countryinfo.all_countries():
        info = country.info()
        geo = info.get("geoJSON") or {}
        iso = (info.get("ISO") or {}).get("alpha2")
        for f in geo.get("features") or []:
            geom = f.get("geometry")
            if not geom or geom.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            coords = _round(geom["coordinates"])
            polygons = [coords] if geom["type"] == "Polygon" else coords
            lon, lat, area = label_point(polygons)
            features.append({"type": "Feature",
                             "properties": {"name": info.get("name"), "iso_a2": iso,
                                            "label": [round(lon, 2), round(lat, 2)], "area": round(area, 2)},
                             "geometry": {"type": geom["type"], "coordinates": coords}})
    body = {"type": "FeatureCollection", "features": features,
            "source": "Natural Earth 1:110m admin-0 outlines, via the countryinfo package"}
    return json.dumps(body, separators=(",", ":")).encode("utf-8")


def _ring_area(ring) -> float:
    """Twice the signed area of a ring, in square degrees (the shoelace formula)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))


def label_point(polygons) -> tuple[float, float, float]:
    """Where a country's name goes: inside its largest polygon (the mainland, not an island or
    an overseas part), at the middle of the widest stretch of land along the latitude of that
    polygon's centre; with the area of all its land (square degrees), which ranks the labels.
    The centre alone can fall outside a crescent or a coast (Chile, Croatia, Indonesia's isles)."""
    areas = [abs(_ring_area(p[0])) / 2 for p in polygons]
    outer = polygons[max(range(len(polygons)), key=areas.__getitem__)][0]
    lat = (min(y for _, y in outer) + max(y for _, y in outer)) / 2
    crossings = sorted(x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
                       for (x0, y0), (x1, y1) in zip(outer, outer[1:] + outer[:1])
                       if (y0 <= lat < y1) or (y1 <= lat < y0))
    stretches = list(zip(crossings[::2], crossings[1::2]))
    if not stretches:
        xs = [x for x, _ in outer]
        return (min(xs) + max(xs)) / 2, lat, sum(areas)
    west, east = max(stretches, key=lambda s: s[1] - s[0])
    return (west + east) / 2, lat, sum(areas)


def _round(coords):
    if coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], 2), round(coords[1], 2)]
    return [_round(c) for c in coords]
