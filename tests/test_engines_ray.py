"""`--engine ray` runs the same pipeline code on Ray Data (a local Ray with two CPUs here) and
stores the same records as `--engine local`."""
from __future__ import annotations

import pytest

from veille.ingest import ingest
from veille.settings import Settings
from veille.store import open_store

ray = pytest.importorskip("ray", reason="the ray extra is not installed")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray Data's own settings

DISPATCHES = (
    "Des frappes russes ont touché Soumy dans la nuit de mardi à mercredi, faisant quatre morts, a annoncé "
    "le gouverneur régional.\nAvec AFP\n",
    "Au moins vingt civils ont été tués lundi dans un bombardement des Forces de soutien rapide sur un "
    "marché d'El-Fasher, selon un groupe de médecins soudanais.\n",
    "L'armée israélienne a mené jeudi une frappe aérienne sur Khan Younès, tuant sept personnes, d'après "
    "la Défense civile de Gaza.\n",
    "Les rebelles du M23 ont pris samedi le contrôle de la localité de Masisi, a déclaré un porte-parole "
    "de l'armée congolaise, qui a démenti toute retraite de ses troupes.\n",
    "Des manifestants ont défilé dimanche à Bamako pour réclamer le départ des troupes étrangères, selon "
    "des témoins.\n",
)


@pytest.mark.slow
def test_engines_ray_gives_the_same_records_as_local(pipeline, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(DISPATCHES):
        (folder / f"d{i}.txt").write_text(text, encoding="utf-8")
    settings = Settings.load()
    records = {}
    for engine in ("local", "ray"):
        with open_store(f"sqlite:///{tmp_path / engine}.db") as store:
            summary = ingest([str(folder)], store=store, settings=settings, engine=engine, workers=1,
                             batch_size=2, published="2025-03-14")
            assert (summary.ingested, summary.failed) == (len(DISPATCHES), 0), engine
            records[engine] = {d["id"]: store.record(d["id"]).to_dict() for d in store.documents()}
            counts = store.counts()
            records[engine + "_counts"] = (counts["events"], counts["clusters"])
    assert not ray.is_initialized()  # the engine shut down the Ray it started
    assert records["ray"] == records["local"]
    assert records["ray_counts"] == records["local_counts"]
