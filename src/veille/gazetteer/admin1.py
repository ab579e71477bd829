"""The first-level division (ACLED's ``admin1``: a state, a province, a governorate) of a point.

From the offline data of the ``countrystatecity-countries`` package (installed from the package
registry, never fetched at run time): some 150,000 cities, each filed under its division. The
division of a point is that of the nearest of those cities in the same country, within
``MAX_KM``; a point further from all of them has none (better empty than a guess).

    admin1("SY", 36.20, 37.16)  # 'Aleppo'
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path

MAX_KM = 60.0


def _country_dir(cc: str) -> Path | None:
    try:
        root = Path(str(resources.files("countrystatecity_countries"))) / "data" / "by-country"
    except ModuleNotFoundError:
        return None
    folder = root / cc.upper()
    return folder if folder.is_dir() else None


@lru_cache(maxsize=64)
def _towns(cc: str) -> tuple[tuple[float, float, str], ...]:
    """(lat, lon, division name) of every city of the country the package lists."""
    folder = _country_dir(cc)
    if folder is None:
        return ()
    names = {s["state_code"]: s["name"] for s in json.loads((folder / "states.json").read_text("utf-8"))}
    out = []
    for file in sorted(folder.glob("states/*/cities.json")):
        for c in json.loads(file.read_text("utf-8")):
            name = names.get(c.get("state_code"))
            if name and c.get("latitude") and c.get("longitude"):
                out.append((float(c["latitude"]), float(c["longitude"]), name))
    return tuple(out)


def admin1(cc: str | None, lat: float | None, lon: float | None) -> str:
    """The division's name, or '' where the country, the point or a close city is missing."""
    if not cc or lat is None or lon is None:
        return ""
    best, best_km = "", MAX_KM
    shrink = math.cos(math.radians(lat))  # a degree of longitude is shorter away from the equator
    for tlat, tlon, name in _towns(cc.upper()):
        km = 111.2 * math.hypot(tlat - lat, (tlon - lon) * shrink)
        if km < best_km:
            best, best_km = name, km
    return best
