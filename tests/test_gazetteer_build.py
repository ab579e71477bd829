"""The gazetteer build: from installed packages only, deterministic, written atomically."""
from __future__ import annotations

import sqlite3

import pytest

from veille.gazetteer import Gazetteer, build
from veille.gazetteer.lookup import _read_key, ensure_built


def _rows(path, table):
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
    finally:
        con.close()


def test_a_stale_index_is_rebuilt_and_the_rebuild_is_deterministic(tmp_path):
    """An index built from other sources is replaced on open; the new one has the same rows as
    the index in use (same sources, same rows)."""
    current = Gazetteer.open().path
    stale = tmp_path / "gazetteer.sqlite"
    con = sqlite3.connect(stale)
    con.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
                      "INSERT INTO meta VALUES ('source_key', 'old');")
    con.close()
    ensure_built(stale)
    assert _read_key(stale) == build.source_key()
    for table in ("places", "names"):
        assert _rows(stale, table) == _rows(current, table)
    assert not list(tmp_path.glob("*.tmp"))


def test_a_failed_build_leaves_the_previous_index_untouched(tmp_path):
    target = tmp_path / "gazetteer.sqlite"
    target.write_bytes(b"previous index")
    bad = build.Row(None, None, "city", "XX", 0.0, 0.0, 0)  # a place without a name
    with pytest.raises(sqlite3.IntegrityError):
        build.write([bad], target, started=0.0)
    assert target.read_bytes() == b"previous index"
    assert not list(tmp_path.glob("*.tmp"))


def test_the_source_key_follows_the_team_aliases(monkeypatch):
    key = build.source_key()
    build.source_key.cache_clear()
    try:
        monkeypatch.setattr(build, "_yaml_places", lambda: {"countries": {"SY": ["Syrie", "Sham"]}})
        assert build.source_key() != key
    finally:
        build.source_key.cache_clear()


def test_inverted_country_names_are_put_back_in_reading_order():
    import gettext

    import pycountry

    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    names = set(build._country_names(pycountry.countries.get(alpha_2="RU"), {"fr": fr}))
    assert "Fédération de Russie" in names
    names = set(build._country_names(pycountry.countries.get(alpha_2="IR"), {"fr": fr}))
    assert "République islamique d'Iran" in names


def test_division_names_split_official_english_and_local():
    official, english, other = build._division_names(
        {"name": "Wales [Cymru GB-CYM]", "localOtherName": "Cymru (cym), Land of Song (eng), Wales (eng)"})
    assert official == ["Wales", "Cymru"]
    assert english == ["Wales"]          # "Land of Song" is a motto, not a name to match
    assert "Land of Song" in other
