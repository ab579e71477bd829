"""The CLI through its entry point: output formats, exit codes, one-line errors."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from veille.cli import main

DISPATCH = ("Des affrontements ont éclaté jeudi à Goma entre l'armée congolaise et les rebelles du M23, "
            "a indiqué un responsable local.\nAvec AFP\n")


@pytest.fixture
def dispatch(tmp_path):
    p = tmp_path / "goma.txt"
    p.write_text(DISPATCH, encoding="utf-8")
    return p


def test_cli_extract_json_is_one_record(pipeline, dispatch, capsys):
    assert main(["extract", str(dispatch), "--published", "2025-01-24"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["document"]["published"] == "2025-01-24"
    assert rec["document"]["credits"]["sources"] == ["AFP"]
    assert "Avec AFP" not in rec["document"]["clean_text"]
    for key in ("places", "actors", "statements", "events"):
        assert isinstance(rec[key], list)


def test_cli_extract_batch_goes_on_after_bad_files(pipeline, dispatch, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 50)
    code = main(["extract", str(empty), str(dispatch), str(binary), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 1
    assert len(out.strip().splitlines()) == 1
    assert json.loads(out)["document"]["source"] == str(dispatch)
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"veille: error: {empty}: ") and "empty" in lines[0]
    assert lines[1].startswith(f"veille: error: {binary}: ") and "binary" in lines[1]


def test_cli_extract_text_format(pipeline, dispatch, capsys):
    assert main(["extract", str(dispatch), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# ") and "language fr" in out and "sources AFP" in out


def test_cli_bad_date_is_usage_error(dispatch, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(dispatch), "--published", "29/11/2024"])
    assert exc.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_cli_missing_settings_file(dispatch, tmp_path, capsys):
    code = main(["--settings", str(tmp_path / "none.toml"), "extract", str(dispatch)])
    assert code == 2
    assert capsys.readouterr().err.startswith("veille: error: ")


def test_cli_language_without_pipeline_gets_warning(pipeline, tmp_path, capsys):
    p = tmp_path / "en.txt"
    p.write_text("Heavy fighting broke out on Thursday in the city of Goma between the army and the rebels, "
                 "a local official said, adding that hundreds of families had fled.", encoding="utf-8")
    assert main(["extract", str(p)]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["document"]["language"] == "en"
    assert rec["document"]["warnings"] and "no pipeline" in rec["document"]["warnings"][0]
    assert rec["events"] == [] and rec["statements"] == []


@pytest.mark.skipif(shutil.which("veille") is None and not (sys.prefix and shutil.which("veille", path=f"{sys.prefix}/bin")),
                    reason="the veille script is not installed")
def test_cli_console_script_runs(dispatch):
    exe = shutil.which("veille", path=f"{sys.prefix}/bin") or shutil.which("veille")
    out = subprocess.run([exe, "extract", str(dispatch), "--format", "jsonl"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["document"]["language"] == "fr"


def test_cli_extract_a_stage_failing_on_one_document_names_it_and_goes_on(pipeline, dispatch, tmp_path,
                                                                          monkeypatch, capsys):
    """A document a stage raises on is one line naming the file and the stage; the others are
    printed and the exit code is 1."""
    bad = tmp_path / "bad.txt"
    bad.write_text("Un texte qui fait échouer l'étape des événements à Goma, dit un témoin.\n", encoding="utf-8")
    events = pipeline.stages["events"]

    class Failing:
        def __call__(self, doc):
            if "échouer" in doc.raw:
                raise RuntimeError("boom")
            return events(doc)

    monkeypatch.setitem(pipeline.stages, "events", Failing())
    assert main(["extract", str(dispatch), str(bad), "--format", "jsonl"]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1 and "Goma" in json.loads(out)["document"]["clean_text"]
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "events failed" in lines[0] and "boom" in lines[0]
