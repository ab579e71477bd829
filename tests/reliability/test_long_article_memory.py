"""Memory per document is bounded (issue 17, item 5): the parser's memory for one text grows
faster than the text (measured on a Wikinews dispatch repeated: +69 MB at 25,000 characters,
+165 MB at 50,000, +353 MB at 100,000, 1.23 GB in all at 198,000), so a long article is parsed in
sections of ``parse.section_chars`` cut at line breaks and joined into one parsed document (+56 MB
at 100,000, +77 MB at 200,000). The longest article the reader accepts stays under 1 GB."""
from __future__ import annotations

from pathlib import Path

import pytest

from veille.stages.parse import sections

DATA = Path(__file__).resolve().parents[1] / "data"
DISPATCH = (DATA / "store_kherson_a.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, limit", [
    ("ligne un\nligne deux\nligne trois\n", 12),
    ("un long paragraphe sans saut de ligne du tout", 10),
    ("motsansespaceniligne" * 5, 7),
    (DISPATCH * 3, 2000),
])
def test_long_article_sections_join_back_within_the_limit(text, limit):
    parts = sections(text, limit)
    assert "".join(parts) == text
    assert all(0 < len(p) <= limit for p in parts)
    if "\n" in text[:limit]:
        assert all(p.endswith("\n") for p in parts[:-1])  # cut at line breaks where there are some


def test_long_article_parsed_in_sections_keeps_every_span_and_the_same_facts(pipeline, monkeypatch):
    from veille.document import Doc

    text = "\n".join([DISPATCH.strip()] * 4) + "\n"
    whole = pipeline.run(Doc(raw=text, meta={"published": "2025-03-14"}))
    monkeypatch.setattr(pipeline.stages["parse"], "section_chars", len(DISPATCH) + 10)
    cut = pipeline.run(Doc(raw=text, meta={"published": "2025-03-14"}))
    assert cut.document.clean_text == whole.document.clean_text
    spans = [m for p in cut.places for m in p.mentions] + [e.evidence for e in cut.events]
    assert spans and all(text[s.start:s.end] == s.text for s in spans)
    assert sorted(p.name for p in cut.places) == sorted(p.name for p in whole.places)
    assert [e.event_type for e in cut.events] == [e.event_type for e in whole.events]


def test_long_article_longest_accepted_stays_under_1_gb(shared_dir):
    """The longest article read.max_chars lets through, in a fresh worker (veille bench's own
    measure): 1.23 GB before, about 600 MB now (the model and gazetteer take ~515 MB)."""
    from veille import bench
    from veille.gazetteer import Gazetteer

    Gazetteer.open()  # built here first if it must be (a fresh machine), so the worker measured only opens it
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared_dir / "corpus" / "wikinews-fr").glob("*.txt"))]
    chars, _, rss_mb = bench.largest_article(texts)
    assert chars > 190_000
    assert rss_mb < 1000, f"peak RSS {rss_mb:.0f} MB on a {chars}-character article"


def test_a_workers_peak_is_its_own_not_its_parents():
    """A worker's peak memory is its own: ``ru_maxrss`` after fork and exec keeps the parent's
    peak (a long test session's 1.3 GB read as the worker's), /proc's VmHWM does not."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from veille import bench

    ballast = b"x" * (400 * 1024 * 1024)  # the parent holds 400 MB, touched
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        child_mb = pool.submit(bench._rss_mb).result()
    assert len(ballast) and bench._rss_mb() > 400
    assert child_mb < 200, f"a fresh worker reported {child_mb:.0f} MB"
