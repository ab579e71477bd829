"""Fixtures shared by every test: the pipeline (built once per session), the shared dev set."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def pipeline():
    """The full pipeline with the spaCy model: loaded once for the whole test session."""
    from veille import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def extract(pipeline):
    """extract(text, published=None) -> Record, through the shared pipeline."""
    from veille.document import Doc

    def run(text: str, published: str | None = None, **meta):
        m = {"published": published, **meta} if published else dict(meta)
        return pipeline.run(Doc(raw=text, source="test", meta=m))

    return run


@pytest.fixture(scope="session")
def repair_rules():
    from veille.settings import Settings
    from veille.stages import repair

    return repair.Stage(settings=Settings.load()).rules


@pytest.fixture
def shared_dir():
    """../shared beside the repository; tests that need it skip where it is absent."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared is not beside the repository")
    return SHARED


def data_path(name: str) -> Path:
    return DATA / name
