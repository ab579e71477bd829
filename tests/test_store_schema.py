"""The schema: numbered migrations build exactly the tables schema.py describes, on SQLite and
PostgreSQL; they apply once, at open; the database URL comes from --db, $VEILLE_DB, the
settings, or a SQLite file in the user's data directory."""
from __future__ import annotations

import sqlalchemy as sa

from dbfixtures import db_url, store  # noqa: F401 - fixtures
from veille.errors import VeilleError
from veille.store import migrations, open_store, resolve_url
from veille.store.schema import metadata


def _kind(t: sa.types.TypeEngine) -> str:
    for cls, name in ((sa.Boolean, "bool"), (sa.Integer, "int"), (sa.Float, "float"), (sa.Text, "text"),
                      (sa.String, "text")):
        if isinstance(t, cls):
            return name
    if "DOUBLE" in str(t).upper() or "REAL" in str(t).upper():
        return "float"
    return str(t)


def test_store_migrations_build_what_schema_py_describes(store):
    inspector = sa.inspect(store.engine)
    assert set(inspector.get_table_names()) == set(metadata.tables)
    for table in metadata.sorted_tables:
        found = {c["name"]: c for c in inspector.get_columns(table.name)}
        assert set(found) == {c.name for c in table.columns}, table.name
        for col in table.columns:
            assert _kind(found[col.name]["type"]) == _kind(col.type), f"{table.name}.{col.name}"
            if not col.primary_key:
                assert found[col.name]["nullable"] == col.nullable, f"{table.name}.{col.name}"
        pk = inspector.get_pk_constraint(table.name)["constrained_columns"]
        assert set(pk) == {c.name for c in table.primary_key.columns}, table.name


def test_store_events_are_indexed_for_the_api_filters(store):
    indexed = {col for ix in sa.inspect(store.engine).get_indexes("events") for col in ix["column_names"]}
    assert {"event_type", "date_start", "lat", "lon", "modality", "actor1_key", "actor2_key"} <= indexed


def test_store_migrations_apply_once(db_url):
    first = open_store(db_url)
    first.close()
    again = open_store(db_url)
    with again.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT version FROM schema_version ORDER BY version")).scalars().all()
    assert rows == [m.version for m in migrations.MIGRATIONS]
    assert migrations.migrate(again.engine) == []  # nothing left to apply
    again.close()


def test_store_sqlite_ddl_is_transactional(tmp_path):
    """A migration that fails half-way leaves no table behind (SQLite commits DDL on its own
    unless the store takes control of transactions)."""
    s = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with s.engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE scratch (x INTEGER)"))
            raise RuntimeError("half-way")
    except RuntimeError:
        pass
    assert "scratch" not in sa.inspect(s.engine).get_table_names()
    s.close()


def test_store_url_comes_from_flag_then_env_then_settings_then_data_dir(tmp_path, monkeypatch):
    from veille.settings import Settings

    monkeypatch.delenv("VEILLE_DB", raising=False)
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "data"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'data' / 'veille.db'}"
    settings = Settings.load(store__url="postgresql://u@h/from_settings")
    assert resolve_url(None, settings=settings) == "postgresql://u@h/from_settings"
    monkeypatch.setenv("VEILLE_DB", "sqlite:////tmp/from_env.db")
    assert resolve_url(None, settings=settings) == "sqlite:////tmp/from_env.db"
    assert resolve_url("postgresql://u@h/flag", settings=settings) == "postgresql://u@h/flag"
    assert resolve_url(str(tmp_path / "plain.db")) == f"sqlite:///{tmp_path / 'plain.db'}"


def test_store_default_sqlite_file_is_created_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("VEILLE_DB", raising=False)
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "deep" / "data"))
    with open_store(None) as s:
        assert s.dialect == "sqlite"
    assert (tmp_path / "deep" / "data" / "veille.db").is_file()


def test_store_bad_url_is_a_clear_error():
    for url in ("mysql://u@h/db", "not a url://"):
        try:
            open_store(url)
        except VeilleError as exc:
            assert exc.code == "db"
        else:
            raise AssertionError(f"{url} was accepted")
