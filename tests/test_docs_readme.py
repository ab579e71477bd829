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
