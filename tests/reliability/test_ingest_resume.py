"""Ingest is idempotent and resumable: a `veille ingest` killed with SIGKILL in the middle of a
run leaves whole documents behind, and the next run stores the rest, with nothing duplicated
and nothing lost. The killed run uses two worker processes, so the records the pool made are
also checked against the in-process pipeline's."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from dbfixtures import db_url  # noqa: F401 - fixture
from veille.engines.work import WorkItem
from veille.ingest import ingest
from veille.settings import Settings
from veille.stages.read import read_file
from veille.store import open_store

# invented wire copy, varied so that the documents differ (and their ids with them)
TEMPLATES = (
    "Des frappes russes ont touché {city} dans la nuit de {day}, faisant {n} morts et plusieurs blessés, "
    "a annoncé le gouverneur régional sur Telegram.\nLes secours fouillaient encore les décombres jeudi matin.\n",
    "Au moins {n} civils ont été tués {day} dans un bombardement des Forces de soutien rapide sur un marché de "
    "{city}, selon un groupe de médecins soudanais.\nLes paramilitaires n'ont pas réagi.\n",
    "L'armée israélienne a mené {day} une frappe aérienne sur {city}, tuant {n} personnes, d'après la "
    "Défense civile locale.\nL'armée affirme avoir visé un commandant du Hamas.\n",
    "Des combattants jihadistes ont attaqué {day} un poste militaire près de {city}, tuant {n} soldats, "
    "a indiqué une source sécuritaire à l'AFP.\nL'attaque n'a pas été revendiquée.\n",
    "Les rebelles du M23 ont pris {day} le contrôle de {city} après de violents combats avec l'armée "
    "congolaise, qui a fait état de {n} morts dans ses rangs.\nKinshasa dénonce une agression rwandaise.\n",
)
CITIES = ("Kharkiv", "El-Fasher", "Khan Younès", "Djibo", "Goma", "Soumy")
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi")
N_DOCS = 30


def _write_dispatches(folder):
    folder.mkdir()
    texts = []
    for i in range(N_DOCS):
        text = TEMPLATES[i % len(TEMPLATES)].format(city=CITIES[i % len(CITIES)], day=DAYS[i % len(DAYS)], n=i + 2)
        (folder / f"depeche_{i:02d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def _count(url: str, table: str = "documents") -> int:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
    except sa.exc.OperationalError:  # the killed run has not made its tables yet
        return 0
    except sa.exc.ProgrammingError:
        return 0
    finally:
        engine.dispose()


def _ingest_until_killed(folder, url, tmp_path) -> int:
    """Start `veille ingest` in its own process group, SIGKILL it (workers included) once a
    few documents are committed; return how many were."""
    log = (tmp_path / "killed.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "veille.cli", "ingest", str(folder), "--db", url,
                             "--batch-size", "1", "--workers", "2"],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 240
    try:
        while _count(url) < 3:
            assert proc.poll() is None, (tmp_path / "killed.log").read_text()
            assert time.monotonic() < deadline, "ingest stored nothing in time"
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        log.close()
    assert proc.returncode == -signal.SIGKILL
    return _count(url)


@pytest.mark.slow
def test_ingest_resumes_after_sigkill_with_nothing_duplicated_or_lost(pipeline, db_url, tmp_path):
    folder = tmp_path / "depeches"
    texts = _write_dispatches(folder)
    stored = _ingest_until_killed(folder, db_url, tmp_path)
    assert 0 < stored < N_DOCS, "the run was not killed mid-way"

    with open_store(db_url) as store:
        summary = ingest([str(folder)], store=store, settings=Settings.load())
        assert (summary.ingested, summary.unchanged, summary.failed) == (N_DOCS - stored, stored, 0)
        assert {d["id"] for d in store.documents()} == {WorkItem(raw=t).id for t in texts}
        records = {d["id"]: store.record(d["id"]) for d in store.documents()}
        counts = store.counts()
        again = ingest([str(folder)], store=store, settings=Settings.load())
    assert (again.ingested, again.unchanged) == (0, N_DOCS)
    assert counts["documents"] == counts["ok"] == N_DOCS and counts["open_failures"] == 0
    assert counts["events"] == _count(db_url, "cluster_members") == sum(len(r.events) for r in records.values())
    assert _count(db_url, "document_places") == sum(len(r.places) for r in records.values())
    assert _count(db_url, "statements") == sum(len(r.statements) for r in records.values())
    # what the worker processes stored is what this process's pipeline makes of the same text
    for path in sorted(folder.iterdir()):
        (doc,) = read_file(path)
        assert records[WorkItem.of(doc).id].to_dict() == pipeline.run(doc).to_dict()
