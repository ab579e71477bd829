"""Ingest: a folder of 1,000 generated dispatches ingested twice leaves every count unchanged,
on SQLite and PostgreSQL."""
from __future__ import annotations

import itertools

from dbfixtures import db_url  # noqa: F401 - fixture
from veille.ingest import ingest
from veille.settings import Settings
from veille.store import open_store

TOWNS = ["Goma", "Bukavu", "Djibo", "Gao", "Kidal", "Kharkiv", "Kherson", "Nyala", "Tyr", "Rafah"]
ACTORS = ["les rebelles", "l'armée", "des hommes armés", "les paramilitaires", "des manifestants"]
VERBS = ["ont attaqué un poste de police", "ont pris le contrôle d'un quartier", "ont manifesté",
         "ont bombardé un marché", "ont incendié des maisons"]
DAYS = ["lundi", "mardi", "mercredi", "jeudi"]


def dispatches(n: int):
    combos = itertools.product(TOWNS, ACTORS, VERBS, DAYS, range(1, 10))
    for i, (town, actor, verb, day, k) in zip(range(n), combos):
        yield (f"Dépêche {i}. Selon des sources locales, {actor} {verb} {day} à {town}, "
               f"faisant {k + 1} morts.\n")


def test_ingest_thousand_articles_twice_changes_nothing(pipeline, tmp_path, db_url):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(dispatches(1000)):
        (folder / f"d{i:04d}.txt").write_text(text, encoding="utf-8")
    settings = Settings.load()
    with open_store(db_url) as store:
        first = ingest([str(folder)], store=store, settings=settings, published="2025-02-06")
        counts = store.counts()
        second = ingest([str(folder)], store=store, settings=settings, published="2025-02-06")
        assert store.counts() == counts
    assert (first.ingested, first.failed) == (1000, 0)
    assert (second.ingested, second.unchanged, second.failed) == (0, 1000, 0)
    assert counts["documents"] == counts["ok"] == 1000
    assert counts["events"] >= 1000
