"""Bad inputs in one `veille ingest` batch: each one gets one line on stderr naming it and the
reason (or a documented degradation: see RELIABILITY.md), and the rest of the batch is stored.

One batch holds every case, so that "the rest of the batch is processed" is checked with all of
them at once; each case then has its own test reading what that run left behind."""
from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path
from unittest import mock

import pytest
import sqlalchemy as sa

from veille.cli import main
from veille.engines.work import WorkItem

# invented dispatches
GOOD = ("Des hommes armés ont attaqué mardi un poste de police près de Djibo, dans le nord du Burkina Faso, "
        "tuant quatre agents, selon une source sécuritaire.\n")
ACCENTED = ("Élections à Kinshasa : l'opposition dénonce des fraudes, a déclaré à l'AFP un porte-parole "
            "« très inquiet » — la commission électorale n'a pas réagi.\n")
ENGLISH = ("Heavy fighting broke out on Tuesday near the northern town of Djibo, where gunmen attacked a "
           "police post and killed four officers, a security source said.\n")
HTML_BODY = ("Les combats ont repris vendredi autour de Goma, dans l'est de la République démocratique du "
             "Congo, selon des sources locales jointes par téléphone. ") * 3
HTML_PAGE = f"""<!doctype html><html><head><title>Goma sous pression</title></head>
<body><nav>Accueil | Monde | Afrique</nav><article><h1>Goma sous pression</h1><p>{HTML_BODY}</p>
<p>Des milliers d'habitants ont fui vers le Rwanda voisin, selon le HCR.</p></article>
<footer>Tous droits réservés</footer></body></html>"""
MIXED = (b"Kharkiv : trois morts dans une frappe.\r\nLe gouverneur l'a annonc\xc3\xa9 lundi.\r"
         b"Les secours sont sur place.\n")
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


class Batch:
    """What one `veille ingest` run over every bad input left: exit code, stderr, the database."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.inputs: dict[str, Path] = {}
        self.good_texts: dict[str, str] = {}

    def file(self, name: str, content: bytes | str, *, case: str, good: str | None = None) -> Path:
        p = self.root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        self.inputs[case] = p
        if good is not None:
            self.good_texts[case] = good
        return p

    def lines_naming(self, path: Path | str) -> list[str]:
        return [line for line in self.err.splitlines() if f" {path}:" in line or line.endswith(f" {path}")]

    def stored(self, raw: str) -> dict | None:
        doc_id = WorkItem(raw=raw).id
        with self.engine.connect() as conn:
            row = conn.execute(sa.text("SELECT raw, status, language, meta, record FROM documents WHERE id = :i"),
                               {"i": doc_id}).mappings().first()
        return dict(row) if row else None


@pytest.fixture(scope="module")
def batch(tmp_path_factory, pipeline):
    root = tmp_path_factory.mktemp("bad-inputs")
    b = Batch(root / "in")
    b.file("a_good.txt", GOOD, case="good", good=GOOD)
    b.file("empty.txt", b"", case="empty")
    b.file("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, case="binary")
    huge = b.file("huge.txt", b"", case="50 MB file")
    with huge.open("r+b") as f:  # 50 MB on disk at no cost: a sparse file
        f.truncate(50 * 1024 * 1024)
    b.file("one_line.txt", ("mot " * (5 * 1024 * 1024 // 4)).encode("ascii"), case="5 MB line")
    b.file("cp1252.txt", ACCENTED.replace("—", "–").encode("cp1252"), case="cp1252",
           good=ACCENTED.replace("—", "–"))
    latin1 = ACCENTED.replace("—", "-").replace("« ", '"').replace(" »", '"')
    b.file("latin1.txt", latin1.encode("latin-1"), case="latin-1", good=latin1)
    # 0x81 is no cp1252 character: only latin-1 reads this file
    b.file("latin1_only.txt", latin1.replace("Kinshasa", "Bunia").encode("latin-1") + b"\x81\n",
           case="latin-1 only", good=latin1.replace("Kinshasa", "Bunia") + "\x81\n")
    b.file("utf16.txt", ACCENTED.replace("Kinshasa", "Goma").encode("utf-16"), case="UTF-16",
           good=ACCENTED.replace("Kinshasa", "Goma"))
    b.file("mixed.txt", MIXED, case="mixed line endings", good=MIXED.decode("utf-8").replace("\r\n", "\n")
           .replace("\r", "\n"))
    b.file("page.txt", HTML_PAGE, case="HTML as .txt")
    lines = [json.dumps({"text": GOOD.replace("Djibo", "Dori"), "url": "https://example.org/dori"}), "{pas du json",
             json.dumps({"title": "sans texte"}), "[" * 100_000, json.dumps({"text": GOOD.replace("Djibo", "Kaya")})]
    b.file("feed.jsonl", "\n".join(lines) + "\n", case="invalid JSONL lines",
           good=GOOD.replace("Djibo", "Dori"))
    b.good_texts["jsonl second"] = GOOD.replace("Djibo", "Kaya")
    b.file("english.txt", ENGLISH, case="unsupported language", good=ENGLISH)
    # a folder with files that cannot be read
    locked = b.file("locked/secret.txt", GOOD.replace("Djibo", "Gorom"), case="unreadable file")
    b.file("locked/fine.txt", GOOD.replace("Djibo", "Arbinda"), case="readable beside", good=GOOD.replace(
        "Djibo", "Arbinda"))
    sub = b.root / "locked" / "closed"
    sub.mkdir()
    (sub / "inside.txt").write_text(GOOD, encoding="utf-8")
    b.inputs["unlistable folder"] = sub
    (b.root / "locked" / "dangling.txt").symlink_to(b.root / "locked" / "gone.txt")
    b.inputs["broken link"] = b.root / "locked" / "dangling.txt"
    os.mkfifo(b.root / "locked" / "pipe.txt")
    b.inputs["named pipe"] = b.root / "locked" / "pipe.txt"
    missing = b.root / "nope" / "absent.txt"
    b.inputs["missing path"] = missing

    url = f"sqlite:///{root / 'veille.db'}"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        if AS_ROOT:
            # root reads whatever the mode says: make the two refusals the kernel would give a user
            stack.enter_context(_refused_as_root(locked, sub))
        else:
            locked.chmod(0)
            sub.chmod(0)
            stack.callback(sub.chmod, 0o755)
            stack.callback(locked.chmod, 0o644)
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        b.code = main(["ingest", str(b.root), str(missing), "--db", url, "--published", "2025-03-14"])
    b.out, b.err = out.getvalue(), err.getvalue()
    b.engine = sa.create_engine(url)
    yield b
    b.engine.dispose()


@contextlib.contextmanager
def _refused_as_root(locked: Path, sub: Path):
    real_open, real_scandir = Path.open, os.scandir

    def open_(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def scandir(path="."):
        if Path(path) == sub:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    with mock.patch.object(Path, "open", open_), mock.patch("os.scandir", scandir):
        yield


def test_ingest_bad_inputs_the_rest_of_the_batch_is_stored(batch):
    assert batch.code == 1  # some inputs failed, the others were processed
    summary = batch.out.strip().splitlines()[-1]
    for raw in batch.good_texts.values():
        row = batch.stored(raw)
        assert row is not None and row["status"] == "ok", raw[:40]
    stored = len(batch.good_texts) + 1  # + the HTML page, checked below
    assert summary.startswith(f"{stored} ingested, 0 unchanged, ")
    # every error is one line of one shape
    for line in batch.err.splitlines():
        assert line.startswith("veille: error: "), line


@pytest.mark.parametrize("case, reason", [
    ("empty", "the file is empty"),
    ("binary", "binary data, not text"),
    ("50 MB file", "52428800 bytes, over the limit of 10000000 (read.max_bytes)"),
    ("5 MB line", "an article of 5242880 characters, over the limit of 200000 (read.max_chars)"),
    ("missing path", "no such file"),
    ("unreadable file", "permission denied"),
    ("broken link", "a link to nothing"),
    ("named pipe", "not a regular file"),
])
def test_ingest_bad_input_is_one_line_naming_it_and_why(batch, case, reason):
    path = batch.inputs[case]
    assert batch.lines_naming(path) == [f"veille: error: {path}: {reason}"]


def test_ingest_unlistable_folder_is_named(batch):
    (line,) = batch.lines_naming(batch.inputs["unlistable folder"])
    assert line.startswith(f"veille: error: {batch.inputs['unlistable folder']}: cannot list this folder")


def test_ingest_bad_inputs_are_recorded_as_failures(batch):
    with batch.engine.connect() as conn:
        inputs = set(conn.execute(sa.text("SELECT input FROM failures WHERE resolved_at IS NULL")).scalars())
    for case in ("empty", "binary", "50 MB file", "5 MB line", "missing path", "unreadable file", "broken link",
                 "named pipe", "unlistable folder"):
        assert str(batch.inputs[case]) in inputs, case


@pytest.mark.parametrize("case, encoding", [("cp1252", "cp1252"), ("UTF-16", "utf-16")])
def test_ingest_legacy_encodings_are_decoded_and_reported(batch, case, encoding):
    row = batch.stored(batch.good_texts[case])
    assert json.loads(row["meta"])["encoding"] == encoding
    assert "Élections" in row["raw"] or "Goma" in row["raw"]


def test_ingest_latin1_text_reads_the_same_as_latin1(batch):
    # cp1252 is tried first and agrees with latin-1 on every printable character; only a file with
    # a byte cp1252 lacks (0x81, 0x8d, 0x8f, 0x90, 0x9d) is reported as latin-1
    for case, encoding in (("latin-1", "cp1252"), ("latin-1 only", "latin-1")):
        data = batch.inputs[case].read_bytes()
        row = batch.stored(data.decode("latin-1"))
        assert row is not None and row["raw"] == batch.good_texts[case], case
        assert json.loads(row["meta"])["encoding"] == encoding


def test_ingest_mixed_line_endings_spans_point_into_the_stored_text(batch):
    raw = batch.good_texts["mixed line endings"]
    row = batch.stored(raw)
    assert row["raw"] == batch.inputs["mixed line endings"].read_text(encoding="utf-8")
    record = json.loads(row["record"])
    spans = [m for p in record["places"] for m in p["mentions"]] + [e["evidence"] for e in record["events"]]
    assert spans, "the dispatch names Kharkiv and a strike"
    for s in spans:
        assert raw[s["start"]:s["end"]] == s["text"]


def test_ingest_html_in_a_txt_is_read_as_html(batch):
    # documented degradation: the page's article body is the raw text, not the markup
    lines = batch.lines_naming(batch.inputs["HTML as .txt"])
    assert lines == []
    with batch.engine.connect() as conn:
        raw, meta = conn.execute(sa.text("SELECT raw, meta FROM documents WHERE source = :s"),
                                 {"s": str(batch.inputs["HTML as .txt"])}).one()
    assert "Les combats ont repris vendredi autour de Goma" in raw
    assert "<" not in raw and "Tous droits réservés" not in raw
    assert json.loads(meta)["format"] == "html"


def test_ingest_invalid_jsonl_lines_are_named_by_line_and_the_others_stored(batch):
    feed = batch.inputs["invalid JSONL lines"]
    errors = [line for line in batch.err.splitlines() if f" {feed}:" in line]
    assert errors == [f"veille: error: {feed}:2: invalid JSON (Expecting property name enclosed in double quotes)",
                      f"veille: error: {feed}:3: a line needs a non-empty string field \"text\"",
                      f"veille: error: {feed}:4: invalid JSON (nested too deeply)"]
    assert batch.stored(batch.good_texts["jsonl second"])["status"] == "ok"


def test_ingest_unsupported_language_is_stored_with_a_warning(batch):
    # documented degradation: the document fields are filled, no facts are extracted
    row = batch.stored(ENGLISH)
    record = json.loads(row["record"])
    assert row["language"] == "en" and row["status"] == "ok"
    assert any("has no pipeline" in w for w in record["document"]["warnings"])
    assert record["events"] == [] and record["statements"] == []
    assert batch.lines_naming(batch.inputs["unsupported language"]) == []


def test_extract_refuses_the_same_inputs_in_one_line_each(batch, capsys):
    cases = ("empty", "binary", "50 MB file", "5 MB line")
    paths = [str(batch.inputs[c]) for c in cases]
    assert main(["extract", *paths, str(batch.inputs["good"]), "--format", "jsonl"]) == 1
    out, err = capsys.readouterr()
    assert len(out.strip().splitlines()) == 1 and json.loads(out)["document"]["source"] == str(batch.inputs["good"])
    assert [line.split(": ")[2] for line in err.strip().splitlines()] == paths
