"""Language knowledge lives in data files, one folder per language (``lexicons/fr/``).

Stages call these loaders in their initialise step, never at import.
Text files: one entry per line; ``#`` starts a comment line; blank lines are skipped.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def path(lang: str, name: str) -> Path:
    return Path(str(resources.files("veille.lexicons").joinpath(lang, name)))


def exists(lang: str, name: str) -> bool:
    return path(lang, name).is_file()


def lines(lang: str, name: str) -> list[str]:
    """Entries of a one-per-line file; an absent file is an empty lexicon."""
    p = path(lang, name)
    if not p.is_file():
        return []
    out = []
    for line in p.read_text("utf-8").splitlines():
        s = line.strip()
        if s and not s.startswith("#"):
            out.append(s)
    return out


def data(lang: str, name: str) -> Any:
    """A YAML lexicon; an absent file is ``{}``. Parsed once per process: treat it as read-only."""
    return _parsed(str(path(lang, name)))


@lru_cache(maxsize=None)
def _parsed(p: str) -> Any:
    # YAML parsing is slow (tens of ms for a large lexicon): a stage that asks again per document
    # must not pay it again
    f = Path(p)
    if not f.is_file():
        return {}
    return yaml.safe_load(f.read_text("utf-8")) or {}
