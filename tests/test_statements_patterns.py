"""Statements: each pattern of French news copy on dispatches the team wrote (two or more each),
then whole dispatches that mix them with actions told in reporting-like words.

The cases live in tests/data/statements_patterns.yaml and statements_dispatches.yaml; each says
which statements the dispatch must yield (speaker, a piece of the content, kind, cue, act, date,
source chain) and how many.
"""
from __future__ import annotations

import re
import unicodedata

import pytest
import yaml

from conftest import data_path

CASES = yaml.safe_load(data_path("statements_patterns.yaml").read_text("utf-8")) + \
    yaml.safe_load(data_path("statements_dispatches.yaml").read_text("utf-8"))


def words(s: str) -> set[str]:
    s = unicodedata.normalize("NFKD", s.replace("’", "'")).encode("ascii", "ignore").decode().lower()
    return set(re.findall(r"[a-z0-9]+", s)) - {"le", "la", "les", "l", "de", "des", "d", "du", "the", "of"}


def fold(s: str) -> str:
    return " ".join(s.replace("’", "'").split())


def matches(st, want: dict) -> bool:
    if not words(want["speaker"]) <= words(st.speaker):
        return False
    if "evidence" in want:  # a statement whose content is another statement: its attribution
        return st.content is None and fold(want["evidence"]) in fold(st.evidence.text)
    return st.content is not None and fold(want["content"]) in fold(st.content.text)


def shown(st) -> str:
    return repr(st.content.text) if st.content is not None else f"(evidence {st.evidence.text!r})"


def check(st, want: dict) -> list[str]:
    errors = []
    if st.content is None:
        return errors
    for bad in [want["not_in_content"]] if want.get("not_in_content") else []:
        if fold(bad) in fold(st.content.text):
            errors.append(f"content holds {bad!r}: {st.content.text!r}")
    for key in ("kind", "cue", "act"):
        if key in want and getattr(st, key) != want[key]:
            errors.append(f"{key}={getattr(st, key)!r}, want {want[key]!r}")
    if "date" in want:
        got = st.date.start if st.date else None
        if got != str(want["date"]):
            errors.append(f"date={got!r}, want {want['date']!r}")
    if "chain" in want:
        chain = [words(c) for c in st.source_chain]
        for c in want["chain"]:
            if not any(words(c) <= got for got in chain):
                errors.append(f"source chain {st.source_chain!r} lacks {c!r}")
    return errors


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_statement_pattern(extract, case):
    rec = extract(case["text"], published=str(case["published"]))
    got = rec.statements
    listing = "\n".join(f"  {s.speaker!r} [{s.kind}/{s.cue}] {shown(s)}" for s in got)
    for want in case.get("expect", []):
        found = [s for s in got if matches(s, want)]
        assert found, f"no statement by {want['speaker']!r} saying {want.get('content', want.get('evidence'))!r}; " \
                      f"got:\n{listing}"
        errors = check(found[0], want)
        assert not errors, f"{want['speaker']!r}: " + "; ".join(errors)
    if "count" in case:
        assert len(got) == case["count"], f"{len(got)} statements, want {case['count']}:\n{listing}"


@pytest.mark.parametrize("case", [c for c in CASES if c.get("expect")][:12], ids=lambda c: c["id"])
def test_statement_spans_index_the_raw_text(extract, case):
    """Content, evidence and cue spans are raw-text spans; the content lies inside the evidence."""
    raw = case["text"]
    for st in extract(raw, published=str(case["published"])).statements:
        for span in (st.content, st.evidence, st.cue_span):
            if span is not None:
                assert raw[span.start:span.end] == span.text
        if st.content is not None:
            assert st.evidence.start <= st.content.start and st.content.end <= st.evidence.end
            assert st.content.text != raw.strip(), "the content is the attributed words, not the sentence"


def test_no_two_statements_over_the_same_words(extract):
    """A statement whose words are another statement keeps only its attribution as evidence (a
    denial of it); one that only passes it on is its source chain, no statement of its own."""
    text = ("Des sources locales affirment que l'armée soudanaise a affirmé avoir repris le pont de Shambat. "
            "Khartoum accuse Abou Dhabi d'armer les paramilitaires, ce que les Emirats démentent.")
    got = extract(text, published="2024-07-30").statements
    contents = [(s.content.start, s.content.end) for s in got if s.content is not None]
    for i, (a0, a1) in enumerate(contents):
        for b0, b1 in contents[i + 1:]:
            assert a1 <= b0 or b1 <= a0, f"two statements over {text[a0:a1]!r} and {text[b0:b1]!r}"
    outer = [s for s in got if s.content is None]
    assert {s.cue for s in outer} == {"démentir"}
    relayed = next(s for s in got if s.content is not None and "repris le pont" in s.content.text)
    assert relayed.source_chain
