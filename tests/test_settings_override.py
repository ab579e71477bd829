"""Settings: the defaults file, then a user file that overrides only what it sets."""
from __future__ import annotations

import pytest

from veille.errors import VeilleError
from veille.settings import Settings


def test_settings_defaults_load():
    s = Settings.load()
    assert s.get("parse.models.fr") == "fr_core_news_md"
    assert s.get("read.max_bytes") > 0


def test_settings_user_file_overrides_only_what_it_sets(tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text("[read]\nmax_bytes = 1234\n[parse]\nbatch_size = 2\n", encoding="utf-8")
    s = Settings.load(user)
    assert s.get("read.max_bytes") == 1234
    assert s.get("parse.batch_size") == 2
    assert s.get("parse.models.fr") == "fr_core_news_md"  # untouched sibling kept
    assert s.get("language.supported") == ["fr"]


def test_settings_env_file(tmp_path, monkeypatch):
    user = tmp_path / "env.toml"
    user.write_text("[language]\nmin_letters = 5\n", encoding="utf-8")
    monkeypatch.setenv("VEILLE_SETTINGS", str(user))
    assert Settings.load().get("language.min_letters") == 5


@pytest.mark.parametrize("content", ["[read\nmax_bytes=", "max_bytes = = 3"])
def test_settings_bad_file_is_a_clear_error(tmp_path, content):
    user = tmp_path / "bad.toml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(VeilleError) as exc:
        Settings.load(user)
    assert "not valid TOML" in str(exc.value) and str(user) in str(exc.value)


# --- strict settings: every key declared in defaults.toml, of its default's type --------------

def _load(tmp_path, content):
    user = tmp_path / "mine.toml"
    user.write_text(content, encoding="utf-8")
    return user, lambda: Settings.load(user)


@pytest.mark.parametrize("content, named", [
    ("[raed]\nmax_bytes = 5\n", "unknown setting 'raed' (did you mean 'read'?)"),
    ("[read]\nmax_byte = 5\n", "unknown setting 'read.max_byte' (did you mean 'read.max_bytes'?)"),
    ("[parse]\nbatch = 5\n", "unknown setting 'parse.batch'"),
    ("[read]\nmax_bytes = \"abc\"\n", "setting 'read.max_bytes' must be an integer (default 10000000), not 'abc'"),
    ("[read]\nmax_bytes = true\n", "setting 'read.max_bytes' must be an integer"),
    ("[watch]\ntimeout_s = \"20\"\n", "setting 'watch.timeout_s' must be a number"),
    ("[language]\nsupported = \"fr\"\n", "setting 'language.supported' must be a list"),
    ("read = 3\n", "setting 'read' must be a table"),
])
def test_settings_unknown_key_or_wrong_type_is_an_error_naming_it(tmp_path, content, named):
    user, load = _load(tmp_path, content)
    with pytest.raises(VeilleError) as exc:
        load()
    assert exc.value.code == "settings"
    assert str(user) in str(exc.value) and named in str(exc.value)


def test_settings_open_tables_take_any_key_and_numbers_widen(tmp_path):
    _, load = _load(tmp_path, "[parse.models]\nen = \"en_core_web_sm\"\n[ingest.ray_runtime_env]\n"
                              "env_vars = { PYTHONPATH = \"/srv\" }\n[watch]\ntimeout_s = 5\n")
    s = load()
    assert s.get("parse.models") == {"fr": "fr_core_news_md", "en": "en_core_web_sm"}
    assert s.get("ingest.ray_runtime_env") == {"env_vars": {"PYTHONPATH": "/srv"}}
    assert s.get("watch.timeout_s") == 5


def test_settings_override_keyword_must_be_declared():
    assert Settings.load(parse__batch_size=3).get("parse.batch_size") == 3
    with pytest.raises(VeilleError, match="unknown setting 'parse.batch_sise'"):
        Settings.load(parse__batch_sise=3)


def test_cli_unknown_setting_is_one_line_and_exit_2(tmp_path, capsys):
    from veille.cli import main

    user, _ = _load(tmp_path, "[read]\nmax_byts = 5\n")
    art = tmp_path / "a.txt"
    art.write_text("Texte.\n", encoding="utf-8")
    assert main(["--settings", str(user), "extract", str(art)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "unknown setting 'read.max_byts'" in err


def test_every_setting_in_defaults_has_its_help():
    """Each setting of defaults.toml has a comment above it (one comment may cover the run of
    settings under it): that comment is the setting's help."""
    from importlib import resources

    lines = resources.files("veille").joinpath("defaults.toml").read_text("utf-8").splitlines()
    bare = []
    for n, line in enumerate(lines):
        if not line or line.startswith(("#", "[", " ")) or "=" not in line:
            continue
        k = n - 1
        while k >= 0 and lines[k] and not lines[k].startswith("#"):  # settings and headers above
            k -= 1
        if k < 0 or not lines[k].startswith("#"):
            bare.append(line.split("=")[0].strip())
    assert not bare, f"settings with no comment in defaults.toml: {bare}"


def test_an_undeclared_setting_asked_for_is_an_error_not_none():
    from veille.errors import VeilleError

    with pytest.raises(VeilleError, match="read.max_byte"):
        Settings.load().get("read.max_byte")


def test_no_caller_passes_a_default_to_a_declared_setting():
    """Defaults live in defaults.toml only: a call ``get("read.max_bytes", 10)`` would repeat one,
    and two such copies had already drifted from the file."""
    import ast
    import tomllib
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src" / "veille"
    declared = {f"{section}.{key}" for section, table in tomllib.loads((src / "defaults.toml").read_text("utf-8")).items()
                for key in table}
    found = []
    for path in src.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and len(node.args) >= 2 and isinstance(node.args[0], ast.Constant) \
                    and node.args[0].value in declared:
                found.append(f"{path.relative_to(src)}:{node.lineno}: {node.args[0].value}")
    assert len(declared) > 30 and not found, found
