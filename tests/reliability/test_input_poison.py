"""Input that must never stop a batch (issue 17, items 1-4, 6, 7, 9), at the reader, the API and
the command line: a lone surrogate or a NUL in an article, a read without bound (a named pipe, a
device behind a link, an endless stdin), invalid UTF-8 in a UTF-8 file, a date that is no day,
and file names that would forge a line of output. Each case failed before its fix.
The same poisons through one `veille ingest` batch: test_ingest_poison_batch.py."""
from __future__ import annotations

import io
import json
import os
import sys
import threading
from pathlib import Path

import pytest

from veille.engines.work import WorkItem
from veille.errors import VeilleError, shown
from veille.ingest import count_inputs
from veille.stages.read import read_paths, read_stdin

TEXT = "Des hommes armés ont attaqué mardi un poste de police près de Djibo, a indiqué une source locale.\n"


def read_all(*paths, **limits) -> list:
    return list(read_paths([str(p) for p in paths], **limits))


def within(seconds: float, fn):
    """fn() run in a thread; fails (instead of hanging the suite) when it has not returned in time."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(fn()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still reading after {seconds} s: the read is not bounded"
    return result[0]


def jsonl(tmp_path: Path, *objects) -> Path:
    # json.dumps writes a lone surrogate as the escape "\ud800", as a real feed would carry it
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(json.dumps(o) for o in objects) + "\n", encoding="utf-8")
    return p


# --- 1, 2: a lone surrogate or a NUL in a JSON Lines article ---------------------------------------

@pytest.mark.parametrize("field, value, reason", [
    ("text", "Frappe\ud800 sur Goma. " + TEXT, 'field "text" holds a lone surrogate (U+D800) at character 6'),
    ("title", "Goma \udfff", 'field "title" holds a lone surrogate (U+DFFF) at character 5'),
    ("text", "Frappe sur Goma.\x00 " + TEXT, 'field "text" holds a NUL character (U+0000) at character 16'),
    ("title", "Goma\x00", 'field "title" holds a NUL character (U+0000) at character 4'),
    ("outlet", "Le\x00Veilleur", 'field "outlet" holds a NUL character (U+0000) at character 2'),
])
def test_poison_jsonl_surrogate_or_nul_is_one_line_and_the_next_line_is_read(tmp_path, field, value, reason):
    article = {"text": TEXT, field: value} if field != "text" else {"text": value}
    feed = jsonl(tmp_path, article, {"text": TEXT.replace("Djibo", "Dori")})
    bad, good = read_all(feed)
    assert isinstance(bad, VeilleError) and bad.line() == f"veille: error: {feed}:1: {reason}: not valid Unicode" \
        if "surrogate" in reason else bad.line() == f"veille: error: {feed}:1: {reason}"
    assert good.raw == TEXT.replace("Djibo", "Dori")
    # every article the reader yields has an id: its text encodes to UTF-8 (it raised before)
    assert WorkItem.of(good).id


def test_poison_nul_deep_in_a_text_file_is_refused_before_the_store(tmp_path):
    # the binary check reads the first 8 KiB: a NUL after them reached PostgreSQL before
    p = tmp_path / "long.txt"
    p.write_text(TEXT * 200 + "fin\x00.\n", encoding="utf-8")
    (err,) = read_all(p)
    assert err.line() == f"veille: error: {p}: field \"text\" holds a NUL character (U+0000) at character " \
                         f"{len(TEXT) * 200 + 3}"


# --- 4: the byte limit bounds the read itself ------------------------------------------------------

def test_poison_fifo_named_on_the_command_line_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody ever writes to it: opening it would wait for ever
    (err,) = within(10, lambda: read_all(fifo))
    assert err.line() == f"veille: error: {fifo}: not a regular file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("name", ["zero.txt", "zero.jsonl"])
def test_poison_device_behind_a_link_is_refused_without_reading(tmp_path, name):
    link = tmp_path / name
    link.symlink_to("/dev/zero")
    (err,) = within(10, lambda: read_all(link))
    assert err.line() == f"veille: error: {link}: not a regular file"
    # ingest counts the lines of a .jsonl for its progress bar: it must not read the device either
    assert within(10, lambda: count_inputs([link], max_bytes=10_000)) == 1


class Endless(io.RawIOBase):
    """What `yes` writes: "y\\n" for ever. Counts what was read from it."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        n = len(b)
        b[:n] = (b"y\n" * (n // 2 + 1))[:n]
        self.given += n
        return n


def test_poison_endless_stdin_is_refused_after_the_limit(monkeypatch):
    endless = Endless()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(endless)))
    (err,) = within(20, lambda: list(read_stdin(max_bytes=100_000)))
    assert err.line() == "veille: error: <stdin>: more than 100000 bytes, over the limit (read.max_bytes)"
    assert endless.given <= 100_001 + io.DEFAULT_BUFFER_SIZE  # the read stopped at the limit


def test_poison_file_that_grows_past_its_size_is_cut_at_the_limit(tmp_path, monkeypatch):
    # the size is checked before the read; a file written meanwhile is still read only max_bytes + 1
    p = tmp_path / "growing.txt"
    p.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(Path, "stat", lambda self, **kw: os.stat_result((0o100644, 0, 0, 1, 0, 0, 10, 0, 0, 0)))
    (err,) = read_all(p, max_bytes=50)
    assert err.line() == f"veille: error: {p}: more than 50 bytes, over the limit (read.max_bytes)"


# --- 6: a UTF-8 file with a few invalid bytes -----------------------------------------------------

def test_poison_mostly_utf8_text_is_decoded_as_utf8_with_replacement(tmp_path):
    text = "Élections à Kinshasa : l'opposition dénonce des fraudes « très graves » à Goma.\n"
    p = tmp_path / "cut.txt"
    p.write_bytes(text.encode("utf-8").replace(b"Kinshasa", b"Kin\xffshasa"))
    (doc,) = read_all(p)
    # before: the whole article read as cp1252 mojibake ("Ã‰lections")
    assert doc.raw == text.replace("Kinshasa", "Kin\ufffdshasa")
    assert doc.meta["encoding"] == "utf-8" and doc.meta["invalid_bytes_replaced"] == 1


def test_poison_cp1252_text_stays_cp1252(tmp_path):
    # nearly every non-ASCII byte invalid as UTF-8: a legacy encoding, not a damaged UTF-8 file
    text = "Élections à Kinshasa : l'opposition dénonce des fraudes.\n"
    p = tmp_path / "old.txt"
    p.write_bytes(text.encode("cp1252"))
    (doc,) = read_all(p)
    assert doc.raw == text and doc.meta["encoding"] == "cp1252" and "invalid_bytes_replaced" not in doc.meta


# --- 7: a published date that is no day ----------------------------------------------------------

@pytest.mark.parametrize("value", ["not a date", "2025-13-45", "2025-02-30", "14/03/2025", 20250314])
def test_poison_jsonl_published_that_is_no_day_is_refused(tmp_path, value):
    feed = jsonl(tmp_path, {"text": TEXT, "published": value})
    (err,) = read_all(feed)
    assert err.line() == f"veille: error: {feed}:1: field \"published\" is not a date YYYY-MM-DD: {value!r}"


def test_poison_jsonl_published_with_a_time_keeps_its_day(tmp_path):
    feed = jsonl(tmp_path, {"text": TEXT, "published": "2025-03-14T22:10:00+01:00"})
    (doc,) = read_all(feed)
    assert doc.meta["published"] == "2025-03-14"


def test_poison_cli_published_that_is_no_day_is_a_usage_error(capsys):
    from veille.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["extract", "-", "--published", "2025-13-45"])
    assert stop.value.code == 2
    assert "not a date YYYY-MM-DD: '2025-13-45'" in capsys.readouterr().err


# --- 9: names that would forge a line or reach the terminal ----------------------------------------

@pytest.mark.parametrize("name, shown_as", [
    ("plain é.txt", "plain é.txt"),
    ("a\nveille: ok: nothing failed.txt", "'a\\nveille: ok: nothing failed.txt'"),
    ("red\x1b[31m.txt", "'red\\x1b[31m.txt'"),
    ("bell\x07\r.txt", "'bell\\x07\\r.txt'"),
])
def test_poison_names_are_escaped_in_messages(name, shown_as):
    assert shown(name) == shown_as
    line = VeilleError("empty", "the file is empty\x1b[2K", name).line()
    assert line == f"veille: error: {shown_as}: the file is empty\\x1b[2K"
    assert line.isprintable()  # one line, no escape code


def test_poison_file_named_with_a_newline_is_one_line(tmp_path):
    p = tmp_path / "vide\nveille: ok: nothing failed.txt"
    p.write_bytes(b"")
    (err,) = read_all(tmp_path)
    assert err.line() == f"veille: error: {shown(str(p))}: the file is empty"
    assert len(err.line().splitlines()) == 1


def test_poison_file_name_that_is_not_utf8_is_named_and_stored_as_utf8(tmp_path):
    p = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))  # a latin-1 name on a UTF-8 system
    p.write_text(TEXT, encoding="utf-8")
    (doc,) = read_all(p)
    assert doc.source.endswith("caf\\xe9.txt")
    doc.source.encode("utf-8")  # printable and storable: no lone surrogate left in it


# --- 3: the same through POST /api/documents -----------------------------------------------------

@pytest.fixture(scope="module")
def writer(tmp_path_factory):
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.settings import Settings

    url = f"sqlite:///{tmp_path_factory.mktemp('poison-api') / 'veille.db'}"
    with TestClient(create_app(url, settings=Settings.load(serve__write_token="tok"), allowed_hosts=["testserver"]),
                    raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("body, field, code", [
    ('{"text": "Frappe \\ud800 sur Goma."}', "text", "bad_text"),
    ('{"text": "Frappe sur Goma.", "title": "Goma \\udfff"}', "title", "bad_text"),
    ('{"text": "Frappe sur\\u0000 Goma."}', "text", "bad_text"),
    ('{"text": "Frappe sur Goma.", "title": "Go\\u0000ma"}', "title", "bad_text"),
    ('{"text": "Frappe sur Goma.", "published": "not a date"}', "published", "bad_date"),
    ('{"text": "Frappe sur Goma.", "published": "2025-13-45"}', "published", "bad_date"),
])
def test_poison_api_post_is_a_422_naming_the_field(writer, body, field, code):
    r = writer.post("/api/documents", content=body.encode("utf-8"),
                    headers={"Authorization": "Bearer tok", "Content-Type": "application/json"})
    assert r.status_code == 422, r.text  # before: 500 (surrogate), 503 on PostgreSQL (NUL), 201 (date)
    err = r.json()["error"]
    assert (err["code"], err["input"]) == (code, field) and f'field "{field}"' in err["message"]
    assert writer.get("/api/documents").json()["total"] == 0  # nothing stored
