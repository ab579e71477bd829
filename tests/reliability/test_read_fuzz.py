"""A bounded fuzz run of the readers (hypothesis): whatever bytes a file holds, whatever its
suffix, reading never raises, and yields either articles whose text is the decoded input (within
the limits) or one-line errors naming the input. A few seconds; every run of the suite does it."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.document import Doc
from veille.errors import VeilleError
from veille.stages.read import article_from_json, decode, read_file

SUFFIXES = [".txt", ".md", ".jsonl", ".html", ".htm", ".text"]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])

# bytes that look like what readers meet: text in several encodings, BOMs, markup, JSON, noise
pieces = st.one_of(
    st.binary(max_size=64),
    st.text(max_size=80).map(lambda t: t.encode("utf-8")),
    st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=80).map(lambda t: t.encode("latin-1")),
    st.text(max_size=40).map(lambda t: t.encode("utf-16")),
    st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\r\n", b"\r", b"\n", b"\x00", b"<html>",
                     b"<!doctype html><html><body><p>", b"</p></body></html>", b'{"text": "', b'"}\n', b"{",
                     "« Goma » — l'armée a dit.".encode("cp1252"), b"<script>alert(1)</script>"]),
)
contents = st.lists(pieces, max_size=12).map(b"".join)


def _check(items, name: str, max_chars: int) -> None:
    for item in items:
        assert isinstance(item, (Doc, VeilleError))
        if isinstance(item, VeilleError):
            line = item.line()
            assert "\n" not in line and item.input and item.input.startswith(name), line
            assert item.code and item.message
        else:
            assert item.raw.strip() and len(item.raw) <= max_chars
            assert "\r" not in item.raw  # newlines read as Python reads text


@FUZZ
@given(data=contents, suffix=st.sampled_from(SUFFIXES), max_chars=st.sampled_from([50, 200_000]))
def test_read_fuzz_any_bytes_any_suffix(tmp_path, data, suffix, max_chars):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    _check(list(read_file(path, max_bytes=4096, max_chars=max_chars)), str(path), max_chars)


@FUZZ
@given(data=contents)
def test_read_fuzz_plain_text_is_the_decoded_bytes(tmp_path, data):
    path = tmp_path / "fuzz.txt"
    path.write_bytes(data)
    items = list(read_file(path))
    assert len(items) == 1
    if isinstance(items[0], Doc) and items[0].meta.get("format") != "html":
        text, encoding = decode(data)
        assert items[0].raw == text and items[0].meta["encoding"] == encoding


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=4), max_leaves=12)


@FUZZ
@given(obj=st.one_of(json_values, st.fixed_dictionaries({"text": st.text(max_size=60)},
                                                        optional={k: json_values for k in
                                                                  ("url", "title", "published", "outlet")})))
def test_read_fuzz_json_articles(obj):
    item = article_from_json(json.loads(json.dumps(obj)), "feed.jsonl:7", max_chars=40)
    _check([item], "feed.jsonl:7" if isinstance(item, VeilleError) else "", 40)
    if isinstance(item, Doc):
        assert item.raw == obj["text"].replace("\r\n", "\n").replace("\r", "\n")
        assert all(isinstance(v, str) for v in item.meta.values())
