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
