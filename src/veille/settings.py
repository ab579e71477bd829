"""One settings object: the packaged defaults file, overridden by what a user file sets."""
from __future__ import annotations

import copy
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import VeilleError

ENV_FILE = "VEILLE_SETTINGS"


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

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, **overrides: Any) -> "Settings":
        """Defaults, then the user file (``path`` or $VEILLE_SETTINGS), then keyword overrides
        given as dotted names with '__' (``parse__batch_size=8``)."""
        defaults = tomllib.loads(resources.files("veille").joinpath("defaults.toml").read_text("utf-8"))
        user_path = path or os.environ.get(ENV_FILE)
        data = defaults
        if user_path:
            p = Path(user_path)
            try:
                data = _merge(data, tomllib.loads(p.read_text("utf-8")))
            except FileNotFoundError:
                raise VeilleError("settings", f"{p}: settings file not found") from None
            except tomllib.TOMLDecodeError as exc:
                raise VeilleError("settings", f"{p}: not valid TOML ({exc})") from None
        for key, value in overrides.items():
            node = data
            *parents, last = key.split("__")
            for part in parents:
                node = node.setdefault(part, {})
            node[last] = value
        return cls(data)
