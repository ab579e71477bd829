"""veille watch against a small news site on 127.0.0.1 (tests/watch_server.py): RSS 2.0, Atom and
RSS 1.0 feeds, a broken feed, an HTML page posing as a feed, a feed that answers 500, a slow one,
a server that is down, the same article under two URLs and an article updated between rounds.
Each new article is stored once; across rounds, and across a restart, nothing unchanged is fetched
again (counted by the server); the failing feeds are reported and the others ingested."""
from __future__ import annotations

import socket

import pytest
from sqlalchemy import select

from dbfixtures import db_url  # noqa: F401 - fixture
from watch_server import NewsSite, atom, page, rss1, rss2

from veille.engines import make_engine
from veille.settings import Settings
from veille.store import open_store
from veille.store.schema import documents
from veille.watch import Source, Watcher, list_sources

TEXTS = {
    "a1": ("Des tirs d'artillerie frappent Korvane",
           ["Des tirs d'artillerie ont frappé mardi la ville de Korvane, dans le nord du pays, a indiqué le "
            "gouverneur régional Anselme Dravik. Trois civils ont été tués et une dizaine blessés.",
            "Selon les autorités locales, les obus sont tombés sur le marché central en fin de matinée, "
            "alors que les habitants faisaient leurs courses. Plusieurs échoppes ont pris feu.",
            "Le gouverneur a appelé la population à rester dans les abris jusqu'à nouvel ordre."]),
    "a2": ("Manifestation des enseignants à Velmor",
           ["Plusieurs centaines d'enseignants ont manifesté jeudi à Velmor pour réclamer le paiement de "
            "leurs salaires, en retard de trois mois, a rapporté le syndicat des professeurs.",
            "Le cortège a traversé le centre-ville dans le calme avant de se disperser devant le ministère. "
            "Aucun incident n'a été signalé par la police municipale.",
            "La porte-parole du syndicat, Odile Marchetti, a promis de nouvelles actions la semaine prochaine."]),
    "b1": ("Accord de cessez-le-feu signé à Dunmara",
           ["Les représentants du gouvernement et du Front de libération de l'Est ont signé samedi à Dunmara "
            "un accord de cessez-le-feu, a annoncé le médiateur Baptiste Orlan.",
            "L'accord prévoit l'arrêt des combats dès dimanche matin et l'échange de prisonniers dans un délai "
            "de deux semaines. Une commission conjointe en surveillera l'application.",
            "Les deux parties se retrouveront le mois prochain pour discuter du retour des déplacés."]),
    "b2": ("Une frappe de drone vise un dépôt près de Tessaly",
           ["Une frappe de drone a visé dimanche un dépôt de carburant près de Tessaly, a affirmé l'armée, "
            "sans faire de victime selon un premier bilan.",
            "Les pompiers ont lutté pendant plusieurs heures contre l'incendie qui a suivi l'explosion. "
            "Une épaisse fumée noire était visible depuis les villages voisins.",
            "Le ministère de la Défense a dénoncé une attaque contre les infrastructures civiles."]),
    "c1": ("Des enlèvements signalés autour de Karesh",
           ["Des hommes armés ont enlevé vendredi quatre agriculteurs dans un village proche de Karesh, ont "
            "rapporté des habitants joints par téléphone.",
            "Les ravisseurs, arrivés à moto, ont emmené les victimes vers la forêt voisine. Aucune "
            "revendication n'a été reçue jusqu'ici.",
            "Le préfet Lucien Hardouin a annoncé l'envoi de renforts de gendarmerie dans la zone."]),
    "d1": ("Arrestations après des pillages à Morvanne",
           ["La police a arrêté lundi une vingtaine de personnes soupçonnées d'avoir pillé des commerces à "
            "Morvanne pendant le week-end, a indiqué le commissaire Étienne Valcourt.",
            "Les pillages avaient éclaté après la coupure d'électricité qui a privé la ville de courant pendant "
            "deux jours. Plusieurs magasins ont été vidés.",
            "Les personnes arrêtées seront présentées à un juge mercredi."]),
}
B2_UPDATE = ["Mise à jour : le bilan de la frappe de drone près de Tessaly s'est alourdi, deux gardiens du "
             "dépôt ayant été retrouvés morts dans les décombres lundi, a annoncé l'armée."]
ARTICLES = ["a1", "a2", "b1", "b2", "c1"]  # what round one should store


def _article(site: NewsSite, key: str, *, day: str, extra: list[str] = ()) -> None:
    title, paragraphs = TEXTS[key]
    site.put(f"/articles/{key}.html", page(title, list(paragraphs) + list(extra), day=day))


def _atom(site: NewsSite, *, b2_updated: str) -> None:
    site.put("/atom.xml", atom("La Gazette de l'Est", [
        ("urn:gazette:b1", site.url("/articles/b1.html"), TEXTS["b1"][0], "2025-03-01T10:00:00Z"),
        ("urn:gazette:b2", site.url("/articles/b2.html"), TEXTS["b2"][0], b2_updated),
    ]), "application/atom+xml", last_modified=False)  # ETag only


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again: nothing listens there


@pytest.fixture
def site():
    s = NewsSite().start()
    for key, day in (("a1", "2025-03-04"), ("a2", "2025-03-06"), ("b1", "2025-03-01"), ("b2", "2025-03-02"),
                     ("c1", "2025-02-28")):
        _article(s, key, day=day)
    # the same article as a1, syndicated under another URL with another site's frame around it
    s.put("/reprises/korvane-artillerie.html",
          page(*TEXTS["a1"], day="2025-03-04", site="L'Écho du Plateau"))
    s.put("/rss.xml", rss2("Le Courrier des Collines", [
        ("courrier-1", s.url("/articles/a1.html"), TEXTS["a1"][0], "Tue, 04 Mar 2025 08:30:00 +0100"),
        ("courrier-2", s.url("/articles/a2.html"), TEXTS["a2"][0], "Thu, 06 Mar 2025 08:30:00 +0100"),
    ]), "application/rss+xml")
    _atom(s, b2_updated="2025-03-02T10:00:00Z")
    s.put("/rdf.xml", rss1("L'Écho du Plateau", [
        (s.url("/articles/c1.html"), TEXTS["c1"][0]),
        (s.url("/reprises/korvane-artillerie.html"), TEXTS["a1"][0]),
        (s.url("/articles/a1.html?utm_source=rdf&utm_medium=flux"), TEXTS["a1"][0]),  # a1 again, tracked
    ]), "application/rdf+xml", etag=False)  # Last-Modified only
    s.put("/broken.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>Cassé</title>'
                         '<item><title>Une dépêche</ti', "application/rss+xml")
    s.put("/accueil.xml", page("Bienvenue", ["Ceci est la page d'accueil, pas un flux."], day="2025-03-01"))
    s.put("/panne.xml", "", "application/rss+xml", status=500)
    s.put("/lent.xml", rss2("Lent", []), "application/rss+xml", delay=3.0)
    yield s
    s.stop()


def _sources(site: NewsSite, down: str) -> list[Source]:
    return [Source(site.url("/rss.xml"), "Le Courrier des Collines", "fr"),
            Source(site.url("/atom.xml"), "La Gazette de l'Est"),
            Source(site.url("/rdf.xml")),
            Source(site.url("/broken.xml")), Source(site.url("/accueil.xml")), Source(site.url("/panne.xml")),
            Source(site.url("/lent.xml")), Source(down)]


SETTINGS = Settings.load(watch__timeout_s=0.5, watch__retries=1, watch__backoff_s=0.05, watch__per_host_rate=0,
                         watch__concurrency=4)


def _round(url: str, sources: list[Source]):
    """One round by a fresh watcher over a freshly opened store: as a restarted process would."""
    engine = make_engine("local", settings=Settings.load())  # the session's pipeline, loaded once
    with open_store(url) as store, Watcher(store, SETTINGS, engine=engine) as watcher:
        return watcher.round(sources)


def _documents(url: str) -> list[dict]:
    with open_store(url) as store, store.engine.connect() as conn:
        c = documents.c
        return [dict(r) for r in conn.execute(select(c.id, c.url, c.title, c.outlet, c.published, c.version, c.current,
                                                     c.status, c.raw)).mappings()]


def _sources_rows(url: str) -> dict[str, dict]:
    with open_store(url) as store, store.engine.connect() as conn:
        return {r["url"]: r for r in list_sources(conn)}


def test_watch_rounds_store_each_article_once_and_fetch_nothing_twice(site, db_url):
    down = f"http://127.0.0.1:{_free_port()}/flux.xml"
    sources = _sources(site, down)

    first = _round(db_url, sources)

    docs = _documents(db_url)
    stored = {d["url"].rsplit("/", 1)[-1].removesuffix(".html"): d for d in docs}
    assert sorted(stored) == sorted(ARTICLES)  # the syndicated copy of a1 is not stored again
    assert all(d["status"] == "ok" and d["version"] == 1 and d["current"] for d in docs)
    assert stored["a1"]["outlet"] == "Le Courrier des Collines"  # the name the sources file gives
    assert stored["c1"]["outlet"] == "Le Courrier des Collines"  # none given: the site's own name
    assert stored["a1"]["published"] == "2025-03-04"
    assert stored["b1"]["title"] == TEXTS["b1"][0]
    assert "Korvane" in stored["a1"]["raw"] and "tous droits réservés" not in stored["a1"]["raw"]
    assert (first.ingested, first.duplicates) == (5, 1)

    failing = {e.input: e.message for e in first.errors}
    assert set(failing) == {site.url(p) for p in ("/broken.xml", "/accueil.xml", "/panne.xml", "/lent.xml")} | {down}
    assert "malformed" in failing[site.url("/broken.xml")]
    assert "HTML" in failing[site.url("/accueil.xml")]
    assert "500" in failing[site.url("/panne.xml")]
    assert "timed out" in failing[site.url("/lent.xml")]
    assert "network error" in failing[down]

    # round two: b2 changed (its page, and its <updated> in the Atom feed); nothing else did
    _article(site, "b2", day="2025-03-02", extra=B2_UPDATE)
    _atom(site, b2_updated="2025-03-03T07:00:00Z")
    second = _round(db_url, sources)
    assert (second.ingested, second.duplicates, second.pages) == (1, 0, 1)

    versions = [d for d in _documents(db_url) if d["url"].endswith("/b2.html")]
    assert sorted((d["version"], d["current"]) for d in versions) == [(1, False), (2, True)]
    assert "deux gardiens" in next(d["raw"] for d in versions if d["current"])

    # round three, as after a restart: the broken feed is fixed and brings one new article
    _article(site, "d1", day="2025-03-10")
    site.put("/broken.xml", rss2("Réparé", [("repare-1", site.url("/articles/d1.html"), TEXTS["d1"][0],
                                             "Mon, 10 Mar 2025 09:00:00 +0100")]), "application/rss+xml")
    third = _round(db_url, sources)
    assert third.ingested == 1 and site.url("/broken.xml") not in {e.input for e in third.errors}

    # counted on the server: each page was sent in full once, b2 twice (it changed); the
    # unchanged feeds were answered 304 after their first fetch; a1 reached under a tracking
    # URL was not fetched again
    for key in ARTICLES + ["d1"]:
        assert site.count(f"/articles/{key}.html") == (2 if key == "b2" else 1), key
        assert site.requests(f"/articles/{key}.html") == site.count(f"/articles/{key}.html"), key
    assert site.requests("/reprises/korvane-artillerie.html") == 1
    for feed in ("/rss.xml", "/rdf.xml"):
        assert (site.count(feed), site.count(feed, 304)) == (1, 2), feed
    assert (site.count("/atom.xml"), site.count("/atom.xml", 304)) == (2, 1)
    assert len(_documents(db_url)) == 7  # a1 a2 b1 b2 (twice) c1 d1

    rows = _sources_rows(db_url)
    assert rows[site.url("/rss.xml")]["articles"] == 2
    assert rows[site.url("/atom.xml")]["articles"] == 3  # b2's new version counts
    assert rows[site.url("/rdf.xml")]["articles"] == 1
    assert rows[site.url("/broken.xml")]["ok"] and rows[site.url("/broken.xml")]["articles"] == 1
    for url in (site.url("/panne.xml"), site.url("/lent.xml"), down):
        assert not rows[url]["ok"] and rows[url]["last_error"] and rows[url]["last_success_at"] is None
        assert rows[url]["consecutive_errors"] == 3
    assert rows[site.url("/rss.xml")]["last_error"] is None
    assert all(ua.startswith("veille/") for ua in site.user_agents)


def test_watch_rounds_retry_a_failed_page_though_its_feed_is_unchanged(db_url):
    site = NewsSite().start()
    try:
        site.put("/rss.xml", rss2("Le Courrier des Collines", [
            ("courrier-1", site.url("/articles/a1.html"), TEXTS["a1"][0], "Tue, 04 Mar 2025 08:30:00 +0100")]),
            "application/rss+xml")
        site.put("/articles/a1.html", "", status=500)
        sources = [Source(site.url("/rss.xml"))]
        first = _round(db_url, sources)
        assert first.failed == 1 and "HTTP 500" in first.errors[0].message and _documents(db_url) == []

        _article(site, "a1", day="2025-03-04")  # the page is back; the feed has not changed
        second = _round(db_url, sources)
        assert site.count("/rss.xml", 304) == 1
        assert second.ingested == 1 and [d["title"] for d in _documents(db_url)] == [TEXTS["a1"][0]]
        third = _round(db_url, sources)
        assert third.pages == 0 and site.count("/articles/a1.html") == 1
    finally:
        site.stop()


def test_watch_rounds_a_round_cut_short_is_done_again_next_time(db_url, monkeypatch):
    """Killed after reading the feed but before its pages were recorded: the feed's validators
    are not kept, so the next round reads it whole and fetches the pages."""
    site = NewsSite().start()
    try:
        site.put("/atom.xml", atom("La Gazette de l'Est", [
            ("urn:gazette:b1", site.url("/articles/b1.html"), TEXTS["b1"][0], "2025-03-01T10:00:00Z")]),
            "application/atom+xml")
        _article(site, "b1", day="2025-03-01")
        sources = [Source(site.url("/atom.xml"))]
        with monkeypatch.context() as m:
            def killed(self, jobs, report):
                raise KeyboardInterrupt
            m.setattr(Watcher, "_finish_pages", killed)
            with pytest.raises(KeyboardInterrupt):
                _round(db_url, sources)
        again = _round(db_url, sources)
        assert site.count("/atom.xml") == 2 and site.count("/atom.xml", 304) == 0
        assert again.ingested == 1 and len(_documents(db_url)) == 1
    finally:
        site.stop()


class FailingEngine:
    """An engine whose pipeline fails on every text, as a stage that raises would."""

    def run(self, batches):
        from veille.engines.work import Outcome

        for batch in batches:
            yield [Outcome(item, None, error="ValueError: une erreur", stage="events") for item in batch]

    def close(self) -> None:
        pass


def test_watch_rounds_a_text_the_pipeline_fails_on_is_stored_failed_and_not_fetched_again(db_url):
    site = NewsSite().start()
    try:
        site.put("/rss.xml", rss2("Le Courrier des Collines", [
            ("courrier-2", site.url("/articles/a2.html"), TEXTS["a2"][0], "Thu, 06 Mar 2025 08:30:00 +0100")]),
            "application/rss+xml")
        _article(site, "a2", day="2025-03-06")
        sources = [Source(site.url("/rss.xml"))]
        for _ in range(2):
            with open_store(db_url) as store, Watcher(store, SETTINGS, engine=FailingEngine()) as watcher:
                report = watcher.round(sources)
        docs = _documents(db_url)
        assert [d["status"] for d in docs] == ["failed"]  # recorded with its reason, for --retry-failed
        assert report.pages == 0 and site.count("/articles/a2.html") == 1
        with open_store(db_url) as store:
            [failure] = store.failures()
        assert (failure["message"], failure["stage"]) == ("ValueError: une erreur", "events")
        assert _sources_rows(db_url)[site.url("/rss.xml")]["failed_entries"] == 1
    finally:
        site.stop()
