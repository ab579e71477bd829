"""veille: French news dispatches in, a sourced record of a conflict out.

    >>> import veille
    >>> record = veille.extract(text, published="2024-11-29")
    >>> record.events[0].evidence.text
"""
from __future__ import annotations

from .document import Doc
from .record import Record

__version__ = "0.1.0"
__all__ = ["extract", "Record", "Doc", "get_pipeline"]

_PIPELINES: dict[str, object] = {}


def get_pipeline(settings=None):
    """The process-wide pipeline for these settings: models and data load once per process."""
    import json

    from .pipeline import Pipeline
    from .settings import Settings

    settings = settings or Settings.load()
    key = json.dumps(settings.data, sort_keys=True, default=str)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(settings)
    return _PIPELINES[key]


def extract(text: str, *, published: str | None = None, source: str | None = None,
            title: str | None = None) -> Record:
    """The record of one article given as text.

    Args:
        text: the raw article text; every span of the record indexes it.
        published: publication date, YYYY-MM-DD; relative dates ("mercredi") resolve against it.
        source: where the text came from (a path or URL), kept in the record.
        title: the article's title, when known.
    """
    meta = {k: v for k, v in (("published", published), ("title", title)) if v}
    return get_pipeline().run(Doc(raw=text, source=source, meta=meta))
