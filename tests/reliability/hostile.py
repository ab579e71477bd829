"""An invented article full of hostile text (script tags, event handlers, a javascript: URL,
SQL) in its text, title, actor names, outlet and URL, stored beside serve_fixtures' dispatches
through the store's one write path."""
from __future__ import annotations

from dbfixtures import event, outcome
from serve_fixtures import build_db

SCRIPT = "<script>window.__pwned = 'script'</script>"
HANDLER = "<img src=x onerror=\"window.__pwned = 'handler'\">"
JS_LINK = "<a href=\"javascript:window.__pwned = 'link'\">lire</a>"
JS_URL = "javascript:window.__pwned = 'url'"
ACTOR1 = "Brigade <img src=x onerror=\"window.__pwned = 'actor1'\">"
ACTOR2 = "Milice <script>window.__pwned = 'actor2'</script>"
OUTLET = "<b onmouseover=\"window.__pwned = 'outlet'\">Le Veilleur</b>"
TITLE = f"Goma : heurts près du port {SCRIPT}"
SQLISH = "Robert'); DROP TABLE documents;--"
TEXT = f"""{TITLE}

Des affrontements ont opposé mardi la {ACTOR1} à la {ACTOR2} près du port de Goma, selon des habitants.

Un tract signé {SQLISH} portait la mention {HANDLER} et un lien {JS_LINK} d'après un témoin.
"""
PAYLOADS = (SCRIPT, HANDLER, JS_LINK, ACTOR1, ACTOR2)
GOMA = {"name": "Goma", "geonameid": 216281, "country_code": "CD", "lat": -1.67409, "lon": 29.22845, "kind": "city"}


def hostile_outcome():
    clash = event(TEXT, "Des affrontements ont opposé mardi", event_type="Battles", sub="Armed clash",
                  actor1=ACTOR1, actor2=ACTOR2, place=GOMA, day="2025-03-11", modality="reported")
    return outcome(TEXT, source="hostile.txt", published="2025-03-12", outlet=OUTLET, url=JS_URL, events=[clash],
                   actors=[(ACTOR1, "armed_group", ACTOR1), (ACTOR2, "armed_group", ACTOR2)],
                   places=[(GOMA, "Goma")])


def build_hostile_db(url: str):
    """serve_fixtures' dispatches plus the hostile article; returns (their Ids, the hostile id)."""
    from veille.store import open_store

    ids = build_db(url)
    o = hostile_outcome()
    with open_store(url) as store:
        assert store.write([o]) == ["ingested"]
    return ids, o.item.id
