"""Errors with one shape: a code, a message, the input they concern.

On the CLI an error is one line on stderr (``veille: error: INPUT: message``) and an exit code;
in the API it is ``{"error": {"code": ..., "message": ..., "input": ...}}``.
"""
from __future__ import annotations

from dataclasses import dataclass

# exit codes of the CLI
EXIT_OK = 0
EXIT_SOME_FAILED = 1  # some inputs failed, the others were processed
EXIT_USAGE = 2
EXIT_CANNOT_SERVE = 3  # veille serve could not listen (the port in use...): uvicorn's own code for it
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it


@dataclass
class VeilleError(Exception):
    code: str  # "empty", "binary", "not_found", "too_large", "bad_json", "settings", ...
    message: str
    input: str | None = None

    def __str__(self) -> str:
        return f"{self.input}: {self.message}" if self.input else self.message

    def line(self) -> str:
        return f"veille: error: {self}"

    def to_json(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "input": self.input}}
