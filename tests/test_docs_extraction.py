"""docs/extraction.md is checked against the code: every dotted `veille.…` name it gives can be
imported, every `lexicons/<lang>/<file>#key` is a key of that lexicon, every path exists, and its
stage list is the pipeline's, in order."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from veille import lexicons, pipeline

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "extraction.md").read_text("utf-8")
CODE = set(re.findall(r"`([^`\s]+)`", DOC))


def _resolve(dotted: str):
    """The object a dotted name denotes: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(dotted)


@pytest.mark.parametrize("name", sorted(n for n in CODE if n.startswith("veille.")))
def test_named_code_exists(name):
    assert _resolve(name) is not None


@pytest.mark.parametrize("ref", sorted(n for n in CODE if re.match(r"lexicons/\w+/[\w.]+#\w+$", n)))
def test_named_lexicon_keys_exist(ref):
    path, key = ref.split("#")
    _, lang, name = path.split("/")
    assert key in lexicons.data(lang, name), ref


@pytest.mark.parametrize("path", sorted(n for n in CODE if n.startswith(("src/", "tests/", "docs/")) and "<" not in n))
def test_named_paths_exist(path):
    assert (ROOT / path).exists(), path


def test_the_stage_line_is_the_pipelines():
    line = next(ln for ln in DOC.splitlines() if ln.startswith("read -> "))
    assert line.split(" -> ") == [s.name for s in pipeline.describe()]
    table = re.findall(r"^\| `(\w+)` \| `veille\.stages\.(\w+)` \|", DOC, re.M)
    assert [a for a, _ in table] == line.split(" -> ")
    assert all(a == b for a, b in table)


def test_the_doc_names_enough_to_be_checked():
    assert len([n for n in CODE if n.startswith("veille.")]) >= 15
