"""veille bench: speed and memory, measured in one run on the same texts.

Prints one ``name=value`` a line so scripts can read them:
- ``parse_s`` the bare spaCy pipeline (``nlp.pipe``, same batch size) over the raw texts;
- ``end_to_end_s`` veille from raw text to record over the same texts;
- ``end_to_end_vs_parse`` = parse_s / end_to_end_s (1.0 would mean veille adds nothing), and
  the same in CPU seconds of this process (``*_cpu``), steadier on a machine shared with other work;
- ``stage_share_<name>`` each stage's share of the end-to-end time;
- ``docs_per_s_<n>w`` and ``words_per_s_<n>w`` with 1 and 2 worker processes, and ``speedup_2w``;
  ``worker_cpu_share_<n>w``: the share of that wall time the workers were on a CPU (well under
  1.0 means other work held the cores, and the speed-up says nothing about veille), and
  ``docs_per_cpu_s_<n>w`` the documents per CPU second of a worker (equal for 1 and 2 workers
  when they do not slow each other down: then 2 workers on 2 free cores give about 2x);
- ``worker_peak_rss_mb``, ``gazetteer_load_s``, ``gazetteer_rss_mb``;
- ``largest_article_chars``, ``largest_article_s`` and ``largest_article_peak_rss_mb``: one article
  as long as ``read.max_chars`` allows (the texts joined), in a fresh worker: the most memory one
  document may take (under 1 GB, the issue-17 bound).
"""
from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .settings import Settings

DEFAULT_DIRS = ("examples", "tests/data")


def corpus(paths: list[str] | None, *, copies: int) -> list[str]:
    """The texts: the given folders/files, else the team's dispatches, repeated ``copies`` times."""
    from .stages.read import read_paths

    roots = paths or [d for d in DEFAULT_DIRS if Path(d).is_dir()]
    texts = [item.raw for item in read_paths(roots) if hasattr(item, "raw")]
    if not texts:
        raise SystemExit("veille bench: no texts found (give a folder of articles)")
    # vary each copy slightly so no cache can serve a repeat
    return [f"{t}\n" + " " * (i % 7) for i in range(copies) for t in texts]


def _rss_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM first: ``ru_maxrss`` keeps, across
    exec, the peak of the process that forked it, so a worker started by a large parent (a
    test session at 1.3 GB) would report the parent's peak as its own."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _docs(texts: list[str]):
    from .document import Doc

    return (Doc(raw=t, source=f"bench-{i}") for i, t in enumerate(texts))


def _store_batches(pipeline, texts: list[str], store, batch: int) -> float:
    """Run texts to records and write them, a batch a transaction; returns the store's seconds."""
    from .engines.work import Outcome, WorkItem

    docs = list(_docs(texts))
    items = [WorkItem(raw=d.raw, source=d.source) for d in docs]
    spent, pending = 0.0, []
    for item, rec in zip(items, pipeline.run_many(docs, batch_size=batch)):
        pending.append(Outcome(item=item, record=rec))
        if len(pending) >= batch or item is items[-1]:
            t = time.perf_counter()
            store.write(pending)
            spent += time.perf_counter() - t
            pending = []
    return spent


def _timed(fn) -> tuple[float, float]:
    """Wall and CPU seconds (this process) of ``fn()``."""
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def time_parse_and_pipeline(texts: list[str], settings: Settings, db_dir: Path, *, rounds: int = 3) -> dict[str, float]:
    """The bare parse and veille end to end, alternated ``rounds`` times, the best round of each kept.

    The bare parse is the very ``nlp`` veille uses (same components, same batch size) over the
    same raw texts. Wall time is what a user waits; CPU time of this process is printed too
    (``*_cpu``): on a machine other work is loading, it is the steadier of the two (the parse
    runs on one thread, so the two agree on a quiet machine).
    """
    from . import get_pipeline
    from .store import open_store

    pipeline = get_pipeline(settings)
    batch = int(settings.get("parse.batch_size"))
    list(pipeline.run_many(_docs(texts[:4])))  # warm-up: every model and lexicon loads here
    nlp = pipeline.stages["parse"].nlp("fr")

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=batch):
            pass

    inf = float("inf")
    parse_s = parse_cpu = e2e_s = e2e_cpu = inf
    timings, store_s = dict(pipeline.timings), 0.0
    for _ in range(rounds):  # alternate, keep the best of each: the machine's noise hits both alike
        wall, cpu = _timed(bare)
        parse_s, parse_cpu = min(parse_s, wall), min(parse_cpu, cpu)
        for k in pipeline.timings:
            pipeline.timings[k] = 0.0
        store = open_store(f"sqlite:///{db_dir / f'bench-{time.monotonic_ns()}.db'}")
        spent: list[float] = []
        wall, cpu = _timed(lambda: spent.append(_store_batches(pipeline, texts, store, batch)))
        store.close()
        e2e_cpu = min(e2e_cpu, cpu)
        if wall < e2e_s:  # the stage shares of the fastest round
            e2e_s, timings, store_s = wall, dict(pipeline.timings), spent[0]
    out = {"parse_s": parse_s, "end_to_end_s": e2e_s, "end_to_end_vs_parse": parse_s / e2e_s,
           "parse_cpu_s": parse_cpu, "end_to_end_cpu_s": e2e_cpu, "end_to_end_vs_parse_cpu": parse_cpu / e2e_cpu,
           "stage_share_store": store_s / e2e_s}
    staged = sum(timings.values()) + store_s
    for name, secs in timings.items():
        out[f"stage_share_{name}"] = secs / e2e_s
    out["stage_share_record_and_glue"] = max(0.0, e2e_s - staged) / e2e_s
    out["veille_stages_vs_parse"] = (staged - timings["parse"]) / max(timings["parse"], 1e-9)
    return out


_WORKER_PIPELINE = None  # the pipeline of a worker process, built by its initializer


def _worker_init(settings_data: dict) -> None:
    global _WORKER_PIPELINE
    from . import get_pipeline

    _WORKER_PIPELINE = get_pipeline(Settings(settings_data))
    # one document through every stage: models, lexicons and the gazetteer load here
    list(_WORKER_PIPELINE.run_many(_docs(["Les rebelles ont pris la ville de Goma, a affirmé l'armée."])))


def _worker_ready(_: int) -> int:
    """A task that holds its worker a moment, so that each worker takes one: returns its pid."""
    import os

    time.sleep(0.2)
    return os.getpid()


def _worker_run(texts: list[str]) -> tuple[int, float, float]:
    c = time.process_time()
    n = sum(1 for _ in _WORKER_PIPELINE.run_many(_docs(texts)))
    return n, _rss_mb(), time.process_time() - c


def time_workers(texts: list[str], workers: int, settings: Settings | None = None) -> tuple[float, float, float]:
    """Seconds to process ``texts`` with ``workers`` processes, the peak RSS of a worker, and
    the share of that time the workers spent on a CPU (under 1.0: other work held the cores).

    The workers start as ``veille ingest`` starts them (spawned, each loading the model in its
    initializer), and the clock starts only once every worker has loaded: a worker takes a
    task only after its initializer, and each must answer one. The texts go out in
    ``workers * 4`` equal strided chunks (the same mix of articles in each); only a count and
    two figures come back, so no record is pickled.
    """
    import multiprocessing

    settings = settings or Settings.load()
    n_chunks = workers * 4
    chunks = [texts[i::n_chunks] for i in range(n_chunks)]
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init,
                             initargs=(settings.data,)) as pool:
        seen: set[int] = set()
        deadline = time.monotonic() + 600
        while len(seen) < workers and time.monotonic() < deadline:  # until every worker has answered
            seen.update(pool.map(_worker_ready, range(workers)))
        t = time.perf_counter()
        results = list(pool.map(_worker_run, chunks))
        secs = time.perf_counter() - t
    if sum(r[0] for r in results) != len(texts):
        raise RuntimeError("veille bench: the workers lost documents")
    cpu_share = sum(r[2] for r in results) / (secs * workers)
    return secs, max(r[1] for r in results), cpu_share


def _worker_run_one(text: str) -> tuple[float, float]:
    t = time.perf_counter()
    _WORKER_PIPELINE.run(next(_docs([text])))
    return time.perf_counter() - t, _rss_mb()


def longest_article(texts: list[str], chars: int) -> str:
    """The texts joined into one article of ``chars`` characters at most, cut at a line."""
    out, size, i = [], 0, 0
    while size < chars and texts:
        piece = texts[i % len(texts)].strip() + "\n\n"
        out.append(piece)
        size += len(piece)
        i += 1
    joined = "".join(out)[:chars]
    return joined[:joined.rfind("\n") + 1] or joined


def largest_article(texts: list[str], settings: Settings | None = None) -> tuple[int, float, float]:
    """The longest article the reader accepts (``read.max_chars``), made of ``texts``, run in a
    fresh worker as ``veille ingest`` starts one: its length, seconds and the worker's peak RSS."""
    import multiprocessing

    from .stages.read import read_limits

    settings = settings or Settings.load()
    text = longest_article(texts, read_limits(settings)["max_chars"])
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_worker_init,
                             initargs=(settings.data,)) as pool:
        secs, rss = pool.submit(_worker_run_one, text).result()
    return len(text), secs, rss


def gazetteer_figures() -> Iterator[tuple[str, float]]:
    try:
        from .gazetteer.lookup import Gazetteer
    except ImportError:
        return
    before = _rss_mb()
    t = time.perf_counter()
    Gazetteer.open()
    yield "gazetteer_load_s", time.perf_counter() - t
    yield "gazetteer_rss_mb", _rss_mb() - before


def run(paths: list[str] | None = None, *, copies: int = 40, workers: bool = True, api_events: int = 100_000,
        api_postgres: str | None = None, api_concurrency: int = 8, api_server_workers: int | None = None,
        settings: Settings | None = None) -> Iterator[tuple[str, float | int | str]]:
    """Every figure, in order, as (name, value).

    Args:
        paths: folders or files of articles; default: the team's dispatches.
        copies: how many times the texts are repeated.
        workers: also time 1 and 2 worker processes.
        api_events: events in the generated database for the API latency (0: skip it).
        api_postgres: a PostgreSQL server to time the API on as well (else $VEILLE_BENCH_POSTGRES_URL).
        api_concurrency: API requests in flight at once.
        api_server_workers: server processes answering them (default: one a core, at most 2).
    """
    import os
    import tempfile

    settings = settings or Settings.load()
    yield from gazetteer_figures()
    texts = corpus(paths, copies=copies)
    words = sum(len(t.split()) for t in texts)
    yield "documents", len(texts)
    yield "words", words
    with tempfile.TemporaryDirectory(prefix="veille-bench-") as tmp:
        yield from time_parse_and_pipeline(texts, settings, Path(tmp)).items()
        if api_events:
            from . import bench_api

            yield from bench_api.figures(Path(tmp), events=api_events, postgres_url=api_postgres,
                                         concurrency=api_concurrency,
                                         server_workers=api_server_workers or min(2, os.cpu_count() or 1))
    if workers:
        one, rss, busy = time_workers(texts, 1, settings)
        yield "docs_per_s_1w", len(texts) / one
        yield "words_per_s_1w", words / one
        yield "worker_peak_rss_mb", rss
        yield "worker_cpu_share_1w", busy
        yield "docs_per_cpu_s_1w", len(texts) / (one * busy)
        if (os.cpu_count() or 1) >= 2:
            two, _, busy = time_workers(texts, 2, settings)
            yield "docs_per_s_2w", len(texts) / two
            yield "words_per_s_2w", words / two
            yield "worker_cpu_share_2w", busy
            yield "docs_per_cpu_s_2w", len(texts) / (two * 2 * busy)
            yield "speedup_2w", one / two
        chars, secs, rss = largest_article(texts, settings)
        yield "largest_article_chars", chars
        yield "largest_article_s", secs
        yield "largest_article_peak_rss_mb", rss
