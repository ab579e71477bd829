"""A small database for the API, export and browser tests: dispatches written by the team (invented
wire copy), their records built by hand and written through the store's one write path, so that
these tests need neither the spaCy model nor the extraction stages.

    ids = build_db(url)     # -> Ids: the document and event ids the tests look for
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from dbfixtures import BARA, KHERSON, event, outcome, span

KINSHASA = {"name": "Kinshasa", "geonameid": 2314302, "country_code": "CD", "lat": -4.32758, "lon": 15.31357,
            "kind": "city"}
BAMAKO = {"name": "Bamako", "geonameid": 2460596, "country_code": "ML", "lat": 12.65, "lon": -8.0,
          "kind": "city"}
SAF, RSF = "Sudanese Armed Forces", "Rapid Support Forces"
RUSSIA = "Military Forces of Russia"

ARMY_BARA = """Soudan : l'armée affirme avoir repris Bara aux paramilitaires

L'armée soudanaise a affirmé dimanche avoir repris la ville de Bara, dans le Kordofan-Nord, après deux jours de combats contre les Forces de soutien rapide (FSR).

Les FSR n'ont pas réagi dans l'immédiat. Des habitants joints par téléphone ont fait état de tirs nourris dans la nuit.
"""

WIRE_BARA = """Kordofan-Nord : de violents combats rapportés à Bara

De violents combats ont opposé samedi et dimanche l'armée soudanaise aux Forces de soutien rapide à Bara, selon des sources locales.

Un porte-parole des FSR a démenti dimanche soir que l'armée contrôle la ville.
"""

KHERSON_TEXT = """Ukraine : deux morts dans une frappe de drone à Kherson

Deux personnes ont été tuées mardi à Kherson par une frappe de drone russe qui a touché un marché couvert, a annoncé l'administration militaire régionale.

En mars 2022, la ville était tombée aux mains des forces russes avant d'être reprise en novembre.
"""

KINSHASA_TEXT = """RDC : manifestation devant le siège de la Monusco à Kinshasa

Plusieurs centaines de personnes ont manifesté lundi dans le calme devant le siège de la mission de l'ONU à Kinshasa pour réclamer la fin des violences dans l'Est.

Le cortège s'est dispersé en fin de matinée.
"""

# An article whose text carries HTML: the page must show it as text and run none of it.
PAYLOAD_SCRIPT = "<script>window.__pwned = 'script';</script>"
PAYLOAD_IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
BAMAKO_TEXT = f"""Mali : arrestations à Bamako après des tracts {PAYLOAD_SCRIPT}

Les forces de sécurité ont arrêté jeudi à Bamako une dizaine de militants accusés d'avoir diffusé des tracts, a indiqué une source judiciaire.

Un des tracts saisis portait la mention {PAYLOAD_IMG} selon un avocat de la défense.

Des pourparlers de paix ont été évoqués le mois dernier sans date précise.
"""


@dataclass(frozen=True)
class Ids:
    army_bara: str
    wire_bara: str
    kherson: str
    kinshasa: str
    bamako: str

    def event(self, doc: str, idx: int = 0) -> str:
        return f"{getattr(self, doc)}:{idx}"


def outcomes():
    from veille.record import DateValue, Statement

    army_claim = event(ARMY_BARA, "avoir repris la ville de Bara", event_type="Battles",
                       sub="Government regains territory", actor1=SAF, actor2=RSF, place=BARA, day="2025-03-09",
                       modality="claimed")
    army_claim.claimed_by = SAF
    army_claim.statement = 0
    army = outcome(ARMY_BARA, source="army_bara.txt", published="2025-03-09", outlet="Agence A",
                   url="https://agence-a.example/soudan-bara", events=[army_claim],
                   actors=[(SAF, "military", "L'armée soudanaise"), (RSF, "armed_group", "Forces de soutien rapide")],
                   places=[(BARA, "Bara")])
    army.record.statements.append(Statement(
        speaker=SAF, speaker_actor="a0", cue="affirmer", kind="indirect",
        content=span(ARMY_BARA, "avoir repris la ville de Bara, dans le Kordofan-Nord"),
        evidence=span(ARMY_BARA, "L'armée soudanaise a affirmé dimanche avoir repris la ville de Bara, dans le "
                                 "Kordofan-Nord"),
        date=DateValue("2025-03-09", "2025-03-09", "day")))

    clash = event(WIRE_BARA, "De violents combats ont opposé samedi et dimanche l'armée soudanaise aux Forces de "
                             "soutien rapide à Bara", event_type="Battles", sub="Armed clash", actor1=SAF, actor2=RSF,
                  place=BARA, day="2025-03-08", modality="reported")
    wire = outcome(WIRE_BARA, source="wire_bara.txt", published="2025-03-09", outlet="Journal B", events=[clash],
                   actors=[(SAF, "military", "l'armée soudanaise"), (RSF, "armed_group", "Forces de soutien rapide")],
                   places=[(BARA, "Bara")])

    strike = event(KHERSON_TEXT, "Deux personnes ont été tuées mardi à Kherson par une frappe de drone russe",
                   event_type="Explosions/Remote violence", sub="Air/drone strike", actor1=RUSSIA, place=KHERSON,
                   day="2025-03-11", fatalities=2)
    fell = event(KHERSON_TEXT, "la ville était tombée aux mains des forces russes", event_type="Battles",
                 sub="Non-state actor overtakes territory", actor1=RUSSIA, place=KHERSON, historical=True)
    fell.date = DateValue("2022-03-01", "2022-03-31", "month", "En mars 2022")
    kherson = outcome(KHERSON_TEXT, source="kherson.txt", published="2025-03-11", outlet="Agence A",
                      events=[strike, fell], actors=[(RUSSIA, "military", "russe")], places=[(KHERSON, "Kherson")])

    protest = event(KINSHASA_TEXT, "Plusieurs centaines de personnes ont manifesté lundi dans le calme",
                    event_type="Protests", sub="Peaceful protest", actor1="Protesters (Democratic Republic of Congo)",
                    place=KINSHASA, day="2025-03-10")
    kinshasa = outcome(KINSHASA_TEXT, source="kinshasa.txt", published="2025-03-10", outlet="Journal B",
                       events=[protest], places=[(KINSHASA, "Kinshasa")])

    arrests = event(BAMAKO_TEXT, "Les forces de sécurité ont arrêté jeudi à Bamako une dizaine de militants",
                    event_type="Strategic developments", sub="Arrests", actor1="Police Forces of Mali", place=BAMAKO,
                    day="2025-03-13")
    talks = event(BAMAKO_TEXT, "Des pourparlers de paix ont été évoqués", event_type="Strategic developments",
                  sub="Agreement", modality="future")
    bamako = outcome(BAMAKO_TEXT, source="bamako.txt", published="2025-03-14", outlet="Le Courrier",
                     events=[arrests, talks], places=[(BAMAKO, "Bamako")])
    return {"army_bara": army, "wire_bara": wire, "kherson": kherson, "kinshasa": kinshasa, "bamako": bamako}


def build_db(url: str) -> Ids:
    """Write the dispatches' records into the database at ``url``; return their ids."""
    from veille.store import open_store

    outs = outcomes()
    with open_store(url) as store:
        results = store.write(list(outs.values()))
    assert results == ["ingested"] * len(outs), results
    return Ids(**{name: o.item.id for name, o in outs.items()})


@contextmanager
def fresh_database(backend: str, tmp_dir):
    """A URL to an empty database that lives as long as the ``with``: a SQLite file in
    ``tmp_dir``, or a schema of its own on the PostgreSQL server of $VEILLE_TEST_POSTGRES_URL
    (skipped where it is not set). For fixtures wider than one test (dbfixtures.db_url is per test)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_dir / 'veille.db'}"
        return
    from dbfixtures import pg_schema_url

    with pg_schema_url() as url:
        yield url
