"""One settings object: the packaged defaults file, overridden by what a user file sets."""
from __future__ import annotations

import copy
import difflib
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import VeilleError

ENV_FILE = "VEILLE_SETTINGS"

# Tables whose keys are the user's own (a language code, a Ray runtime_env field): any key goes.
OPEN_TABLES = frozenset({"parse.models", "ingest.ray_runtime_env"})


def _kind(value: Any) -> str:
    return {bool: "true or false", int: "an integer", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _fits(value: Any, default: Any) -> bool:
    """A user value of the default's type; an integer where the default is a float is a number too."""
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def check(user: dict[str, Any], defaults: dict[str, Any], where: str, *, types: bool = True,
          prefix: str = "") -> None:
    """A VeilleError naming the first key of ``user`` that ``defaults`` does not declare (with the
    closest declared one), or, when ``types``, whose value is not of its default's type."""
    for key, value in user.items():
        dotted = f"{prefix}{key}"
        if key not in defaults:
            close = difflib.get_close_matches(key, list(defaults), n=1)
            hint = f" (did you mean '{prefix}{close[0]}'?)" if close else ""
            raise VeilleError("settings", f"{where}: unknown setting '{dotted}'{hint}")
        default = defaults[key]
        if types and not _fits(value, default):
            raise VeilleError("settings", f"{where}: setting '{dotted}' must be {_kind(default)} "
                                          f"(default {default!r}), not {value!r}")
        if isinstance(default, dict) and isinstance(value, dict) and dotted not in OPEN_TABLES:
            check(value, default, where, types=types, prefix=f"{dotted}.")


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


@dataclass(frozen=True)
class Settings:
    data: dict[str, Any]

    def get(self, dotted: str) -> Any:
        """The value of a declared setting; its default lives in defaults.toml only, so a caller
        passes none, and a name that defaults.toml does not declare is an error, not a silent None."""
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                raise VeilleError("settings", f"no setting '{dotted}' is declared in defaults.toml")
            node = node[part]
        return node

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, **overrides: Any) -> "Settings":
        """Defaults, then the user file (``path`` or $VEILLE_SETTINGS), then keyword overrides
        given as dotted names with '__' (``parse__batch_size=8``). Every key of the user file must
        be declared in defaults.toml, its value of the default's type (a VeilleError naming the
        key otherwise); an override's key must be declared too."""
        defaults = tomllib.loads(resources.files("veille").joinpath("defaults.toml").read_text("utf-8"))
        user_path = path or os.environ.get(ENV_FILE)
        data = defaults
        if user_path:
            p = Path(user_path)
            try:
                user = tomllib.loads(p.read_text("utf-8"))
            except FileNotFoundError:
                raise VeilleError("settings", f"{p}: settings file not found") from None
            except tomllib.TOMLDecodeError as exc:
                raise VeilleError("settings", f"{p}: not valid TOML ({exc})") from None
            check(user, defaults, str(p))
            data = _merge(data, user)
        for key, value in overrides.items():
            node = data
            *parents, last = key.split("__")
            nested: Any = {last: value}
            for part in reversed(parents):
                nested = {part: nested}
            check(nested, defaults, "settings", types=False)
            for part in parents:
                node = node.setdefault(part, {})
            node[last] = value
        return cls(data)
