"""The README keeps up with the code: every stage, every CLI command and the two set-up commands."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from veille.cli import build_parser
from veille.pipeline import describe

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
CI = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text("utf-8")


@pytest.mark.parametrize("stage", [s.name for s in describe()] + ["read", "record"])
def test_docs_readme_names_every_stage(stage):
    assert f"| `{stage}` |" in README


def _commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


@pytest.mark.parametrize("command", _commands())
def test_docs_readme_documents_every_command(command):
    assert f"`veille {command}" in README


def test_docs_ci_runs_the_readme_test_command():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    test_cmd = next(b for b in blocks if "pytest" in b)
    assert test_cmd.strip() in CI


def test_docs_every_lexicon_file_is_described():
    lex = Path(__file__).resolve().parent.parent / "src" / "veille" / "lexicons"
    table = (lex / "README.md").read_text("utf-8")
    for f in lex.glob("*/*"):
        if f.suffix in (".txt", ".yaml", ".yml", ".csv"):
            assert f"`{f.name}`" in table, f"{f.relative_to(lex)} is not described in lexicons/README.md"


# --- the sample output is the real output ----------------------------------------------------

ELIDED = "…"  # the README's mark for what the sample leaves out


def _shown_in(shown, real, where="record") -> list[str]:
    """Where the README's sample differs from the real record: every field the sample shows has
    the real value; a list shows some of the real items (each must match one of them); '…'
    stands for what is left out."""
    if shown == ELIDED:
        return []
    if isinstance(shown, dict):
        if not isinstance(real, dict):
            return [f"{where}: not an object in the real record"]
        out = []
        for key, value in shown.items():
            if key == ELIDED:
                continue
            if key not in real:
                out.append(f"{where}.{key}: absent from the real record")
            else:
                out.extend(_shown_in(value, real[key], f"{where}.{key}"))
        return out
    if isinstance(shown, list):
        if not isinstance(real, list):
            return [f"{where}: not a list in the real record"]
        return [f"{where}[{i}]: matches none of the {len(real)} real items"
                for i, item in enumerate(shown) if all(_shown_in(item, r) for r in real)]
    return [] if shown == real else [f"{where}: README {shown!r}, real {real!r}"]


@pytest.mark.slow
def test_docs_readme_sample_record_is_the_real_output(pipeline, capsys):
    import json

    from veille.cli import main

    # the sample names its article, and is run with the date of the README's first command
    article, block = re.search(r"The record of `(examples/[^`]+)`, shortened.*?```json\n(.*?)\n```", README,
                               re.S).groups()
    published = re.search(r"veille extract examples/ --published (\S+)", README).group(1)
    sample = json.loads(block)
    root = Path(__file__).resolve().parent.parent
    assert main(["extract", str(root / article), "--published", published]) == 0
    real = json.loads(capsys.readouterr().out)
    assert _shown_in(sample, real) == []
