"""`--engine ray` runs the same pipeline code in Ray actors (a local Ray, two actors here) and
stores the same records and the same event clusters as `--engine local`, whatever the order of
the input; the driver reads its input lazily, a few batches ahead of the actors; the actor count
defaults to the Ray cluster's CPUs; an actor that cannot start stops the run with its error."""
from __future__ import annotations

import json
import re

import pytest

from veille.engines import ray_engine
from veille.engines.work import WorkItem
from veille.errors import VeilleError
from veille.ingest import ingest
from veille.settings import Settings
from veille.store import open_store

ray = pytest.importorskip("ray", reason="the ray extra is not installed")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray's own settings


def _dispatch(text: str, outlet: str, day: str) -> dict:
    return {"text": text, "outlet": outlet, "published": day}


# Three tellings of drone strikes on Kherson two days apart (the first links the second, the
# second the third, the first not the third), two of one bombing of El-Fasher, and others alone.
CORPUS = (
    _dispatch("Une frappe de drone russe a tué trois civils le 10 mars à Kherson, a annoncé le gouverneur "
              "régional.\n", "Agence A", "2025-03-10"),
    _dispatch("Une frappe de drone russe a tué deux civils le 12 mars à Kherson, selon les autorités locales.\n",
              "Agence B", "2025-03-12"),
    _dispatch("Une frappe de drone russe a fait trois morts le 14 mars à Kherson, a indiqué le parquet.\n",
              "Agence C", "2025-03-14"),
    _dispatch("Au moins vingt civils ont été tués le 11 mars dans un bombardement des Forces de soutien rapide "
              "sur un marché d'El-Fasher, selon un groupe de médecins soudanais.\n", "Agence A", "2025-03-11"),
    _dispatch("Les Forces de soutien rapide ont bombardé le 11 mars un marché d'El-Fasher, faisant vingt morts, "
              "selon des témoins.\n", "Agence B", "2025-03-11"),
    _dispatch("L'armée israélienne a mené jeudi une frappe aérienne sur Khan Younès, tuant sept personnes, "
              "d'après la Défense civile de Gaza.\n", "Agence C", "2025-03-13"),
    _dispatch("Les rebelles du M23 ont pris samedi le contrôle de la localité de Masisi, a déclaré un "
              "porte-parole de l'armée congolaise.\n", "Agence D", "2025-03-15"),
)
RAY_NOISE = re.compile(r"(?i)\bray\b|raylet|error|warning|traceback")


def _write_jsonl(path, dispatches) -> str:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dispatches), encoding="utf-8")
    return str(path)


def _memberships(store) -> set[frozenset[str]]:
    """Clusters as sets of event ids: an event's id is its document's text hash and its index,
    the same whatever the run, unlike a cluster id or a row number."""
    return {frozenset(c["events"]) for c in store.clusters()}


@pytest.mark.slow
def test_engines_ray_gives_the_records_and_clusters_of_local_in_any_order(pipeline, tmp_path, capfd):
    forward = _write_jsonl(tmp_path / "forward.jsonl", CORPUS)
    # another order, the middle Kherson telling last: written greedily, the first and the third
    # would each found a cluster before the one that links them arrives
    backward = _write_jsonl(tmp_path / "backward.jsonl", [CORPUS[i] for i in (2, 0, 6, 5, 4, 3, 1)])
    settings = Settings.load()
    results = {}
    for name, engine, path in (("local", "local", forward), ("local reversed", "local", backward),
                               ("ray reversed", "ray", backward)):
        capfd.readouterr()
        with open_store(f"sqlite:///{tmp_path / name.replace(' ', '_')}.db") as store:
            summary = ingest([path], store=store, settings=settings, engine=engine, workers=2 if engine == "ray" else 1,
                             batch_size=1)
            assert (summary.ingested, summary.failed) == (len(CORPUS), 0), name
            results[name] = ({d["id"]: _without_source(store.record(d["id"]).to_dict()) for d in store.documents()},
                             _memberships(store))
        if engine == "ray":  # a successful run says nothing of Ray on the terminal
            err = capfd.readouterr().err
            assert not [ln for ln in err.splitlines() if RAY_NOISE.search(ln)], err
    assert not ray.is_initialized()  # the engine shut down the Ray it started
    records, clusters = results["local"]
    assert results["ray reversed"] == results["local reversed"] == (records, clusters)
    sizes = sorted(len(c) for c in clusters)
    assert sizes[-2:] == [2, 3]  # the El-Fasher pair and the Kherson chain: what the comparison rests on


def _without_source(record: dict) -> dict:
    """A record less the line of the file it was read from (the two files hold it at other lines)."""
    record["document"].pop("source")
    return record


class _CountingBatches:
    """Batches of one short article each, counting how many the engine has taken so far."""

    def __init__(self, n: int) -> None:
        self.n, self.taken = n, 0

    def __iter__(self):
        for i in range(self.n):
            self.taken += 1
            yield [WorkItem(raw=f"Des manifestants ont défilé le {i + 1} mars à Bamako, selon des témoins.\n",
                            source=f"m{i}.txt", meta={"published": "2025-03-20"})]


@pytest.fixture
def local_ray():
    """A Ray of three CPUs, as a cluster the engine joins (more CPUs than this machine may have)."""
    ray.init(num_cpus=3, include_dashboard=False, logging_level="ERROR")
    yield
    ray.shutdown()


@pytest.mark.slow
def test_engines_ray_streams_its_input_and_sizes_itself_on_the_cluster(local_ray):
    settings = Settings.load()
    default = ray_engine.RayEngine(settings)
    default._connect()
    assert default.workers == 3  # the cluster's CPUs, not this machine's
    default.close()
    assert ray.is_initialized()  # a Ray it joined is not its own to shut down

    batches = _CountingBatches(12)
    engine = ray_engine.RayEngine(settings, workers=2, batch_size=1)
    taken_at_each_outcome, sources = [], []
    try:
        for outcomes in engine.run(batches):
            taken_at_each_outcome.append(batches.taken)
            sources += [o.item.source for o in outcomes if o.ok]
    finally:
        engine.close()
    # the first outcome came back while most of the input was still unread: at most two batches an
    # actor were read ahead of it, never the whole corpus
    assert taken_at_each_outcome[0] <= ray_engine.IN_FLIGHT_PER_ACTOR * 2
    assert max(b - i for i, b in enumerate(taken_at_each_outcome)) <= ray_engine.IN_FLIGHT_PER_ACTOR * 2
    assert sources == [f"m{i}.txt" for i in range(12)]  # in the order they were read


def test_engines_ray_an_actor_that_cannot_start_stops_the_run_with_its_error(local_ray, monkeypatch):
    class Broken:  # defined here, so Ray ships the class itself to the actors
        def __init__(self, settings_data: dict) -> None:
            raise OSError("[E050] Can't find model 'fr_core_news_md'")

        def ready(self) -> bool:
            return True

        def extract(self, items: list[str]) -> list[str]:
            return []

    monkeypatch.setattr(ray_engine, "Extractor", Broken)
    engine = ray_engine.RayEngine(Settings.load(), workers=1, batch_size=1)
    with pytest.raises(VeilleError) as caught:
        list(engine.run(_CountingBatches(3)))
    engine.close()
    assert caught.value.code == "engine"
    assert "Can't find model 'fr_core_news_md'" in caught.value.message
    assert "every node needs veille and its model installed" in caught.value.message
