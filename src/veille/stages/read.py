"""read: files, folders, HTML, JSON Lines and stdin -> Docs holding the raw text and metadata.

The raw text of a plain-text file is its bytes decoded (UTF-8; UTF-16 or UTF-8 with a BOM;
else cp1252, else latin-1), with newlines read the way Python reads text (``\\r\\n`` and ``\\r``
become ``\\n``), so that spans agree with ``Path.read_text()``. The encoding used is reported.
An input that cannot be read yields a ``VeilleError`` naming it, and reading goes on.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from ..document import Doc
from ..errors import VeilleError

NAME = "read"
SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson"}
JSONL_FIELDS = ("url", "title", "published", "outlet")

Item = Doc | VeilleError


def read_paths(paths: list[str], *, max_bytes: int = 10_000_000) -> Iterator[Item]:
    """Docs (or errors) for each path: a file, a folder (read recursively), or '-' for stdin."""
    for p in paths:
        if p == "-":
            yield from _read_bytes(sys.stdin.buffer.read(), "<stdin>", ".txt", max_bytes)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not files:
                yield VeilleError("empty_folder", "no readable article in this folder", str(path))
            for f in files:
                yield from read_file(f, max_bytes=max_bytes)
        else:
            yield from read_file(path, max_bytes=max_bytes)


def read_file(path: Path, *, max_bytes: int = 10_000_000) -> Iterator[Item]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield VeilleError("too_large", f"{size} bytes, over the limit of {max_bytes} (read.max_bytes)", name)
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield VeilleError("not_found", "no such file", name)
        return
    except PermissionError:
        yield VeilleError("unreadable", "permission denied", name)
        return
    except OSError as exc:
        yield VeilleError("unreadable", exc.strerror or str(exc), name)
        return
    yield from _read_bytes(data, name, path.suffix.lower(), max_bytes)


def _read_bytes(data: bytes, name: str, suffix: str, max_bytes: int) -> Iterator[Item]:
    if len(data) > max_bytes:
        yield VeilleError("too_large", f"{len(data)} bytes, over the limit of {max_bytes} (read.max_bytes)", name)
        return
    try:
        text, encoding = decode(data)
    except VeilleError as exc:
        exc.input = name
        yield exc
        return
    if suffix in (".jsonl", ".ndjson"):
        yield from _read_jsonl(text, name)
    elif suffix in (".html", ".htm") or (suffix != ".txt" and _looks_like_html(text)):
        yield _html_doc(text, name, encoding)
    elif not text.strip():
        yield VeilleError("empty", "the file holds no text", name)
    else:
        yield Doc(raw=text, source=name, meta={"encoding": encoding})


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with; binary or empty data raises VeilleError."""
    if not data.strip():
        raise VeilleError("empty", "the file is empty")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _newlines(data.decode(enc, errors="replace")), enc
    if b"\x00" in data[:8192] or _control_share(data[:8192]) > 0.05:
        raise VeilleError("binary", "binary data, not text")
    try:
        return _newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return _newlines(data.decode("cp1252")), "cp1252"
    except UnicodeDecodeError:
        return _newlines(data.decode("latin-1")), "latin-1"


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    bad = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(data)


def _looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


def _html_doc(html: str, name: str, encoding: str) -> Item:
    import trafilatura  # only HTML inputs pay for it

    body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not body or not body.strip():
        return VeilleError("no_article", "HTML with no article body found", name)
    meta = trafilatura.extract_metadata(html)
    info = {"encoding": encoding, "format": "html"}
    if meta is not None:
        info.update({"title": meta.title, "published": meta.date, "outlet": meta.sitename, "url": meta.url})
    return Doc(raw=body, source=name, meta={k: v for k, v in info.items() if v})


def _read_jsonl(text: str, name: str) -> Iterator[Item]:
    seen = False
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield VeilleError("bad_json", f"invalid JSON ({exc.msg})", where)
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            yield VeilleError("bad_json", "a line needs a non-empty string field \"text\"", where)
            continue
        seen = True
        meta = {k: obj[k] for k in JSONL_FIELDS if isinstance(obj.get(k), str) and obj[k]}
        yield Doc(raw=_newlines(obj["text"]), source=obj.get("url") or where, meta={"encoding": "utf-8", **meta})
    if not seen and not text.strip():
        yield VeilleError("empty", "the file holds no text", name)
