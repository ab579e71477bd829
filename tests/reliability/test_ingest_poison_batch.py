"""Every poison of issue 17 (items 1, 2, 4, 6, 7, 9) in one `veille ingest` batch beside good
articles, on SQLite and on PostgreSQL: every good document is stored, every bad input is named in
one line of stderr and recorded as a failure, the exit code is 1. Before the fixes the first lone
surrogate killed the whole run (and PostgreSQL refused the batch holding a NUL)."""
from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from dbfixtures import db_url  # noqa: F401 - the fixture, on SQLite and PostgreSQL
from test_input_poison import Endless

from veille.cli import main
from veille.engines.work import WorkItem
from veille.errors import shown

BODY = "Des hommes armés ont attaqué mardi un poste de police près de {town}, tuant quatre agents, " \
       "selon une source sécuritaire.\n"


def good(town: str, head: str = "") -> str:
    return head + BODY.format(town=town)


@pytest.fixture
def poisoned(tmp_path):
    """The inputs: a folder of good and bad files, and bad inputs to name on the command line; the
    good texts, and each bad input with the reason its line must give."""
    root = tmp_path / "in"
    root.mkdir()
    goods: dict[str, str] = {}
    bad: dict[str, str] = {}  # the input -> its reason

    def write(name: str, content: bytes | str) -> Path:
        p = Path(os.fsdecode(os.fsencode(root) + b"/" + (name if isinstance(name, bytes) else name.encode())))
        p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return p

    goods["dated"] = good("Djibo", "Burkina : attaque à Djibo\n\n4 juillet 2012. - ")
    write("a_dated.txt", goods["dated"])
    goods["wire"] = good("Dori", "OUAGADOUGOU, 3 avril 2021 (AFP) - ")
    write("b_wire.txt", goods["wire"])
    # 6: a UTF-8 file with one broken byte: stored as UTF-8 with that byte replaced
    damaged = write("c_damaged.txt", good("Kaya").encode("utf-8").replace(b"Kaya", b"Ka\xffya"))
    goods["damaged"] = good("Ka\ufffdya")
    # 9: names that would forge a line or colour the terminal, and one that is not UTF-8
    forged = write("d_vide\nveille: ok: nothing failed.txt", b"")
    bad[str(forged)] = "the file is empty"
    goods["escape"] = good("Gorom")
    write("e_\x1b[31mrouge.txt", goods["escape"])
    goods["latin-1 name"] = good("Arbinda")
    write(b"f_caf\xe9.txt", goods["latin-1 name"])
    # 2: a NUL deep in a text file, past the binary check's first 8 KiB
    nul = write("g_nul.txt", good("Fada") * 100 + "\x00")
    bad[str(nul)] = f'field "text" holds a NUL character (U+0000) at character {len(good("Fada")) * 100}'
    # 1, 2, 7: a JSON Lines feed with a lone surrogate, NULs and dates that are no day among good lines
    goods["jsonl"] = good("Tougan")
    goods["jsonl timed"] = good("Gaoua")
    lines = [{"text": "Frappe \ud800 " + good("Léo")}, {"text": goods["jsonl"], "published": "2025-03-14"},
             {"text": good("Po"), "title": "Po\x00"}, {"text": good("Bobo"), "published": "2025-13-45"},
             {"text": good("Pô") + "\x00"}, {"text": good("Yako"), "published": "not a date"},
             {"text": goods["jsonl timed"], "published": "2025-03-14T08:00:00Z"}]
    feed = write("h_feed.jsonl", "\n".join(json.dumps(o) for o in lines) + "\n")
    bad[f"{feed}:1"] = 'field "text" holds a lone surrogate (U+D800) at character 7: not valid Unicode'
    bad[f"{feed}:3"] = 'field "title" holds a NUL character (U+0000) at character 2'
    bad[f"{feed}:4"] = "field \"published\" is not a date YYYY-MM-DD: '2025-13-45'"
    bad[f"{feed}:5"] = f'field "text" holds a NUL character (U+0000) at character {len(good("Pô"))}'
    bad[f"{feed}:6"] = "field \"published\" is not a date YYYY-MM-DD: 'not a date'"
    # 4: named on the command line, outside the folder: a FIFO, /dev/zero behind a link, endless stdin
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    bad[str(fifo)] = "not a regular file"
    zero = tmp_path / "zero.jsonl"
    zero.symlink_to("/dev/zero")
    bad[str(zero)] = "not a regular file"
    bad["<stdin>"] = "more than 10000000 bytes, over the limit (read.max_bytes)"
    return {"root": root, "fifo": fifo, "zero": zero, "goods": goods, "bad": bad, "damaged": damaged}


def test_poison_batch_stores_every_good_document_and_names_every_bad_one(poisoned, db_url, capsys,  # noqa: F811
                                                                         monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))  # `yes | veille ingest -`
    code = main(["ingest", str(poisoned["root"]), str(poisoned["fifo"]), str(poisoned["zero"]), "-",
                 "--db", db_url])
    out, err = capsys.readouterr()
    assert code == 1, err
    lines = err.splitlines()
    # one line per bad input, in one shape, nothing forged, no escape code on the terminal
    assert all(line.startswith("veille: error: ") and line.isprintable() for line in lines), lines
    expected = [f"veille: error: {shown(name)}: {reason}" for name, reason in poisoned["bad"].items()]
    assert sorted(lines) == sorted(expected)
    goods = poisoned["goods"]
    assert out.splitlines()[-1].startswith(f"{len(goods)} ingested, 0 unchanged, {len(poisoned['bad'])} failed")

    engine = sa.create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(sa.text("SELECT id, status, published, source, meta, record "
                                                          "FROM documents"))}
            failed = set(conn.execute(sa.text("SELECT input FROM failures WHERE resolved_at IS NULL")).scalars())
    finally:
        engine.dispose()
    stored = {case: rows.get(WorkItem(raw=text).id) for case, text in goods.items()}
    assert all(r is not None and r.status == "ok" for r in stored.values()), stored
    # the dates: the article's own dateline, the JSON field (its day only)
    assert stored["dated"].published == "2012-07-04" and stored["wire"].published == "2021-04-03"
    assert stored["jsonl"].published == "2025-03-14" and stored["jsonl timed"].published == "2025-03-14"
    # the damaged UTF-8 file: read as UTF-8, the replacement said in its metadata and record
    meta, record = json.loads(stored["damaged"].meta), json.loads(stored["damaged"].record)
    assert (meta["encoding"], meta["invalid_bytes_replaced"]) == ("utf-8", 1)
    assert any("not valid UTF-8" in w for w in record["document"]["warnings"])
    assert stored["latin-1 name"].source.endswith("f_caf\\xe9.txt")
    # every bad input is recorded, so that --retry-failed can run it again
    assert set(poisoned["bad"]) <= failed, set(poisoned["bad"]) - failed
