"""`veille doctor`: versions, and what the model and the gazetteer cost to load (seconds and
memory), as the README says; a model that does not load is one line on stderr and exit 1."""
from __future__ import annotations


def _report(capsys, argv) -> tuple[int, dict[str, str], str]:
    from veille.cli import main

    code = main(argv)
    out = capsys.readouterr()
    pairs = dict(line.split("=", 1) for line in out.out.splitlines())
    return code, pairs, out.err


def test_doctor_reports_the_models_load_time_and_memory(capsys):
    code, got, err = _report(capsys, ["doctor"])
    assert code == 0 and err == ""
    assert got["model_fr"] == "fr_core_news_md" and got["spacy"].startswith("3.")
    assert 0 < float(got["model_fr_load_s"]) < 600
    # the md model's vectors alone are 20,000 x 300 floats (23 MB); it takes well over that
    assert 50 < float(got["model_fr_rss_mb"]) < 2000
    assert "parser" in got["model_fr_pipes"].split(",") and "veille_line_sentences" in got["model_fr_pipes"]
    assert float(got["gazetteer_load_s"]) >= 0 and "gazetteer_rss_mb" in got and int(got["gazetteer_places"]) > 0
    assert float(got["peak_rss_mb"]) >= float(got["model_fr_rss_mb"])


def test_doctor_says_in_one_line_that_a_model_does_not_load(tmp_path, capsys):
    user = tmp_path / "user.toml"
    user.write_text('[parse.models]\nfr = "no_such_model_xyz"\n', encoding="utf-8")
    code, got, err = _report(capsys, ["--settings", str(user), "doctor"])
    assert code == 1
    [line] = err.splitlines()
    assert line.startswith("veille: error: no_such_model_xyz: cannot load the model: ")
    assert got["model_fr"] == "no_such_model_xyz" and "model_fr_load_s" not in got
    assert "veille" in got and "gazetteer_places" in got  # the rest of the report is still there
