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


def shown(name: object) -> str:
    """A name (a file, a URL, a JSON Lines line) as a message prints it: as it is when every
    character of it prints, else quoted with its control characters escaped, the way Python
    writes a string (``'two\\nlines.txt'``). A newline in a file name would otherwise forge a
    second line of output, and an escape code would reach the terminal."""
    text = str(name)
    return text if text.isprintable() else repr(text)


def one_line(message: str) -> str:
    """A message with its unprintable characters escaped (no quotes added): one line, whatever
    text an exception or an input put into it."""
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


@dataclass
class VeilleError(Exception):
    code: str  # "empty", "binary", "not_found", "too_large", "bad_json", "settings", ...
    message: str
    input: str | None = None

    def __str__(self) -> str:
        message = one_line(self.message)
        return f"{shown(self.input)}: {message}" if self.input else message

    def line(self) -> str:
        return f"veille: error: {self}"

    def to_json(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "input": self.input}}
