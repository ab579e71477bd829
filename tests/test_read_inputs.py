"""read: encodings, HTML, JSON Lines, folders, stdin, and one-line errors for bad inputs."""
from __future__ import annotations

import io
import json
import sys

import pytest

from veille.errors import VeilleError
from veille.stages.read import read_paths

TEXT = "Les forces armées ont repris Kidal à l'aube, a annoncé l'état-major à Bamako.\n"


def read_one(path):
    items = list(read_paths([str(path)]))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize("encoding, reported", [
    ("utf-8", "utf-8"),
    ("cp1252", "cp1252"),
    ("utf-16", "utf-16"),
    ("utf-8-sig", "utf-8-sig"),
])
def test_read_txt_encodings(tmp_path, encoding, reported):
    p = tmp_path / "a.txt"
    p.write_bytes(("« Nous tiendrons » — " + TEXT).encode(encoding))
    doc = read_one(p)
    assert doc.raw == "« Nous tiendrons » — " + TEXT
    assert doc.meta["encoding"] == reported


def test_read_latin1_bytes_cp1252_cannot_decode(tmp_path):
    p = tmp_path / "a.txt"
    # 0x81 is undefined in cp1252 but a control character in latin-1
    p.write_bytes("Élections à Kinshasa.".encode("latin-1") + b"\x81")
    doc = read_one(p)
    assert doc.meta["encoding"] == "latin-1"
    assert doc.raw.startswith("Élections à Kinshasa.")


def test_read_mixed_line_endings_as_python_reads_text(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"Ligne un.\r\nLigne deux.\rLigne trois.\n")
    assert read_one(p).raw == p.read_text(encoding="utf-8")


@pytest.mark.parametrize("content, code", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
])
def test_read_refuses_empty_and_binary(tmp_path, content, code):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    err = read_one(p)
    assert isinstance(err, VeilleError)
    assert err.code == code
    assert str(p) in err.line() and "\n" not in err.line()


def test_read_missing_path(tmp_path):
    err = read_one(tmp_path / "nope.txt")
    assert isinstance(err, VeilleError) and err.code == "not_found"


def test_read_too_large(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("x" * 2000)
    items = list(read_paths([str(p)], max_bytes=1000))
    assert items[0].code == "too_large"


def test_read_folder_goes_on_after_a_bad_file(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text(TEXT.replace("Kidal", "Gao"), encoding="utf-8")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    items = list(read_paths([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Doc", "VeilleError", "Doc"]
    assert "Gao" in items[2].raw


def test_read_jsonl_with_bad_lines(tmp_path):
    p = tmp_path / "batch.jsonl"
    good = {"text": TEXT, "url": "https://example.org/a", "title": "Kidal", "published": "2025-02-01", "outlet": "Le Témoin"}
    p.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"title": "no text"}),
                            json.dumps({"text": "Deuxième dépêche sur Goma."})]) + "\n", encoding="utf-8")
    items = list(read_paths([str(p)]))
    assert [type(i).__name__ for i in items] == ["Doc", "VeilleError", "VeilleError", "Doc"]
    assert items[0].meta["published"] == "2025-02-01" and items[0].meta["outlet"] == "Le Témoin"
    assert items[0].source == "https://example.org/a"
    assert items[1].input.endswith("batch.jsonl:2") and items[1].code == "bad_json"


def test_read_html_through_trafilatura(tmp_path):
    body = " ".join(["Les combats ont repris vendredi autour de Goma, dans l'est de la République démocratique du Congo."] * 4)
    html = f"""<!doctype html><html><head><title>Goma sous pression</title>
    <meta property="og:site_name" content="Le Veilleur"><meta name="date" content="2025-01-24"></head>
    <body><nav>Accueil | Monde | Afrique</nav><article><h1>Goma sous pression</h1><p>{body}</p>
    <p>Des milliers d'habitants ont fui vers le Rwanda voisin, selon le HCR.</p></article>
    <footer>Tous droits réservés</footer></body></html>"""
    p = tmp_path / "goma.html"
    p.write_text(html, encoding="utf-8")
    doc = read_one(p)
    assert "Les combats ont repris vendredi autour de Goma" in doc.raw
    assert "Tous droits réservés" not in doc.raw
    assert doc.meta["title"] == "Goma sous pression"
    assert doc.meta["published"] == "2025-01-24"


def test_read_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-8"))))
    items = list(read_paths(["-"]))
    assert items[0].raw == TEXT and items[0].source == "<stdin>"
