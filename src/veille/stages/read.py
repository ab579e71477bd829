"""read: files, folders, HTML, JSON Lines and stdin -> Docs holding the raw text and metadata.

The raw text of a plain-text file is its bytes decoded (UTF-8; UTF-16 or UTF-8 with a BOM;
else cp1252, else latin-1), with newlines read the way Python reads text (``\\r\\n`` and ``\\r``
become ``\\n``), so that spans agree with ``Path.read_text()``. The encoding used is reported.
An input that cannot be read yields a ``VeilleError`` naming it, and reading goes on: a file
over ``read.max_bytes`` or an article over ``read.max_chars`` characters (refused before any
stage runs: spaCy's memory grows with the text), an entry of a folder that is not a readable
file (a broken link, a folder it may not list). A ``.txt`` that is an HTML page (it starts with
``<!doctype html`` or ``<html``) is read as HTML, its article body extracted.

Reading is bounded: at most ``read.max_bytes + 1`` bytes are read from any input (a file, a
link to a device, stdin), and only regular files are opened (a named pipe or a device would
block the read or never end it). Every string the reader yields is valid Unicode that encodes
to UTF-8 and holds no NUL character: an article whose text or metadata holds a lone surrogate or
a NUL is refused in one line naming the field, so that neither the document id nor either
database meets it. A ``published`` date that is no calendar day is refused the same way.
"""
from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..document import Doc
from ..errors import VeilleError
from .dateline import iso_day

NAME = "read"
NEEDS = ()
# The Doc it makes: the raw text, where it came from, the metadata the input carried (warnings
# starts empty; later stages add to it).
SETS = ("raw", "source", "meta.title", "meta.published", "meta.url", "meta.outlet", "meta.encoding",
        "meta.invalid_bytes_replaced", "warnings")
SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson"}
JSONL_FIELDS = ("url", "title", "published", "outlet")

MAX_BYTES, MAX_CHARS = 10_000_000, 200_000  # the defaults of read.max_bytes and read.max_chars

Item = Doc | VeilleError
# A .txt that is UTF-8 but for a few bytes: decoded as UTF-8 with those bytes replaced (and the
# count reported) when its valid multi-byte characters outnumber its invalid bytes this much
UTF8_MAJORITY = 2
_UNFIT = re.compile("[\x00\ud800-\udfff]")  # a NUL, or a lone surrogate (a pair is never in a str)


@dataclass
class FieldError(VeilleError):
    """An article refused for one of its fields (``text``, ``title``, ``published``...): the API
    names the field as the error's input."""
    field: str = ""


def path_name(path: str | Path) -> str:
    """A path as text that encodes to UTF-8: the bytes of a file name that is not UTF-8 (which
    Python holds as lone surrogates) are written as ``\\xNN``, so the name can be printed and
    stored in either database."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def read_limits(settings) -> dict[str, int]:
    """The reader's limits from the settings, as keyword arguments of read_paths and read_file."""
    return {"max_bytes": int(settings.get("read.max_bytes")),
            "max_chars": int(settings.get("read.max_chars"))}


def read_paths(paths: list[str], *, max_bytes: int = MAX_BYTES, max_chars: int = MAX_CHARS) -> Iterator[Item]:
    """Docs (or errors) for each path: a file, a folder (read recursively), or '-' for stdin."""
    for p in paths:
        if p == "-":
            yield from read_stdin(max_bytes=max_bytes, max_chars=max_chars)
            continue
        path = Path(p)
        if path.is_dir():
            for f in folder_files(path):
                if isinstance(f, VeilleError):
                    yield f
                else:
                    yield from read_file(f, max_bytes=max_bytes, max_chars=max_chars)
        else:
            yield from read_file(path, max_bytes=max_bytes, max_chars=max_chars)


def folder_files(folder: Path) -> list[Path | VeilleError]:
    """The article files under ``folder``, sorted, and an error for each entry that cannot be
    read: a sub-folder it may not list, a link to nothing, a pipe named like an article. None
    is skipped silently."""
    out: list[Path | VeilleError] = []

    def unlistable(exc: OSError) -> None:
        out.append(VeilleError("unreadable", f"cannot list this folder ({exc.strerror or exc})",
                               exc.filename or str(folder)))

    for root, dirs, names in os.walk(folder, onerror=unlistable):
        dirs.sort()
        for name in names:
            f = Path(root) / name
            if f.suffix.lower() not in SUFFIXES:
                continue
            if f.is_file():
                out.append(f)
            elif f.is_symlink() and not f.exists():
                out.append(VeilleError("not_found", "a link to nothing", path_name(f)))
            else:
                out.append(VeilleError("unreadable", "not a regular file", path_name(f)))
    out.sort(key=lambda x: x.input if isinstance(x, VeilleError) else str(x))
    if not out:
        out.append(VeilleError("empty_folder", "no readable article in this folder", str(folder)))
    return out


def read_file(path: Path, *, max_bytes: int = MAX_BYTES, max_chars: int = MAX_CHARS) -> Iterator[Item]:
    name = path_name(path)
    try:
        data = read_bounded(path, max_bytes)
    except VeilleError as exc:
        exc.input = name
        yield exc
        return
    except FileNotFoundError:
        yield VeilleError("not_found", "a link to nothing" if path.is_symlink() else "no such file", name)
        return
    except PermissionError:
        yield VeilleError("unreadable", "permission denied", name)
        return
    except IsADirectoryError:
        yield VeilleError("unreadable", "a folder where a file was expected", name)
        return
    except OSError as exc:
        yield VeilleError("unreadable", exc.strerror or str(exc), name)
        return
    yield from _read_bytes(data, name, path.suffix.lower(), max_bytes, max_chars)


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes of a regular file (the one byte more tells a file that grew
    past the limit). Anything else is refused before it is opened: a named pipe blocks the open
    until a writer comes, a device (``/dev/zero``, even behind a link) never ends."""
    info = path.stat()  # follows links: a link to a device is the device
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, "Is a directory", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise VeilleError("unreadable", "not a regular file")
    if info.st_size > max_bytes:
        raise VeilleError("too_large", f"{info.st_size} bytes, over the limit of {max_bytes} (read.max_bytes)")
    with path.open("rb") as f:
        return f.read(max_bytes + 1)


def read_stdin(*, max_bytes: int = MAX_BYTES, max_chars: int = MAX_CHARS) -> Iterator[Item]:
    """Stdin as one article, read up to ``max_bytes + 1`` bytes: ``yes | veille extract -`` is
    refused once the limit is passed, not read until memory runs out."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    yield from _read_bytes(data, "<stdin>", ".txt", max_bytes, max_chars)


def _read_bytes(data: bytes, name: str, suffix: str, max_bytes: int, max_chars: int = MAX_CHARS) -> Iterator[Item]:
    if len(data) > max_bytes:  # a bounded read stops one byte past the limit: the true size is unknown
        yield VeilleError("too_large", f"more than {max_bytes} bytes, over the limit (read.max_bytes)", name)
        return
    try:
        text, encoding, replaced = decode_report(data)
    except VeilleError as exc:
        exc.input = name
        yield exc
        return
    if suffix in (".jsonl", ".ndjson"):
        items: Iterator[Item] = _read_jsonl(text, name, max_chars)
    elif suffix in (".html", ".htm") or _looks_like_html(text):
        items = iter([_html_doc(text, name, encoding)])
    elif not text.strip():
        items = iter([VeilleError("empty", "the file holds no text", name)])
    else:
        meta = {"encoding": encoding}
        if replaced:  # said in the metadata and as a warning of the record
            meta["invalid_bytes_replaced"] = replaced
        items = iter([Doc(raw=text, source=name, meta=meta)])
    for item in items:
        yield _too_long(item, max_chars) or _unfit(item) or item


def _too_long(item: Item, max_chars: int) -> VeilleError | None:
    if isinstance(item, Doc) and len(item.raw) > max_chars:
        return VeilleError("too_large", f"an article of {len(item.raw)} characters, over the limit of "
                                        f"{max_chars} (read.max_chars)", item.source)
    return None


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
    if _mostly_utf8(data):
        return _newlines(data.decode("utf-8", errors="replace")), "utf-8"
    try:
        return _newlines(data.decode("cp1252")), "cp1252"
    except UnicodeDecodeError:
        return _newlines(data.decode("latin-1")), "latin-1"


def decode_report(data: bytes) -> tuple[str, str, int]:
    """``decode`` and the number of bytes that were not valid in the encoding found (UTF-8 with
    a few bad bytes: each became U+FFFD)."""
    text, encoding = decode(data)
    replaced = invalid_utf8_bytes(data) if encoding == "utf-8" else 0
    return text, encoding, replaced


def invalid_utf8_bytes(data: bytes) -> int:
    """How many bytes of ``data`` are not part of a valid UTF-8 character."""
    count, start = 0, 0
    while True:
        try:
            data[start:].decode("utf-8")
            return count
        except UnicodeDecodeError as exc:
            count += exc.end - exc.start
            start += exc.end


def _mostly_utf8(data: bytes) -> bool:
    """A file most of whose non-ASCII text is valid UTF-8 (a few bytes broken by a bad copy or a
    cut), rather than a legacy 8-bit encoding, where nearly every non-ASCII byte is invalid."""
    bad = invalid_utf8_bytes(data)
    text = data.decode("utf-8", errors="replace")
    multibyte = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    return multibyte >= UTF8_MAJORITY * bad


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

    try:
        body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
        meta = trafilatura.extract_metadata(html) if body and body.strip() else None
    except Exception as exc:  # a page the HTML parser chokes on is this input's error, not the batch's
        return VeilleError("no_article", f"HTML that could not be parsed ({type(exc).__name__})", name)
    if not body or not body.strip():
        return VeilleError("no_article", "HTML with no article body found", name)
    info = {"encoding": encoding, "format": "html"}
    if meta is not None:
        info.update({"title": meta.title, "published": iso_day(meta.date), "outlet": meta.sitename,
                     "url": meta.url})
    return Doc(raw=body, source=name, meta={k: v for k, v in info.items() if v})


def _read_jsonl(text: str, name: str, max_chars: int = MAX_CHARS) -> Iterator[Item]:
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield VeilleError("bad_json", f"invalid JSON ({exc.msg})", where)
            continue
        except RecursionError:  # '[[[[...' deeper than the parser's stack
            yield VeilleError("bad_json", "invalid JSON (nested too deeply)", where)
            continue
        yield article_from_json(obj, where, max_chars=max_chars)


def article_from_json(obj, where: str, *, max_chars: int = MAX_CHARS) -> Item:
    """One article given as JSON (a line of a .jsonl file, a POST to the API): a non-empty
    ``text`` and the optional url, title, published and outlet; its source is its url, else
    ``where``. An error names ``where`` (and, for a bad field, the field)."""
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
        return VeilleError("bad_json", "a line needs a non-empty string field \"text\"", where)
    fields = {k: obj[k] for k in ("text", *JSONL_FIELDS) if isinstance(obj.get(k), str) and obj[k]}
    if (bad := unfit_strings(fields, where)) is not None:
        return bad
    if len(obj["text"]) > max_chars:
        return FieldError("too_large", f"an article of {len(obj['text'])} characters, over the limit of "
                                       f"{max_chars} (read.max_chars)", where, field="text")
    if obj.get("published") not in (None, ""):
        day = iso_day(obj["published"]) if isinstance(obj["published"], str) else None
        if day is None:
            return FieldError("bad_date", f"field \"published\" is not a date YYYY-MM-DD: "
                                          f"{_excerpt(obj['published'])}", where, field="published")
        fields["published"] = day
    meta = {k: fields[k] for k in JSONL_FIELDS if k in fields}
    return Doc(raw=_newlines(obj["text"]), source=fields.get("url") or where, meta={"encoding": "utf-8", **meta})


def unfit_strings(fields: dict[str, str], where: str) -> FieldError | None:
    """The first field holding what no article may: a lone surrogate (no valid Unicode: it cannot
    be encoded as UTF-8, so neither hashed into an id nor stored) or a NUL character (PostgreSQL
    refuses it in text, SQLite would keep it: refused before the store, the same on both)."""
    for key, value in fields.items():
        if (m := _UNFIT.search(value)) is None:
            continue
        c, i = m.group(), m.start()
        if c == "\x00":
            return FieldError("bad_text", f"field \"{key}\" holds a NUL character (U+0000) at character {i}",
                              where, field=key)
        return FieldError("bad_text", f"field \"{key}\" holds a lone surrogate (U+{ord(c):04X}) at "
                                      f"character {i}: not valid Unicode", where, field=key)
    return None


def _unfit(item: Item) -> VeilleError | None:
    """The same check for an article read from a file (a NUL deep in a text file, past the part
    the binary test looks at; a title from an HTML page)."""
    if not isinstance(item, Doc):
        return None
    fields = {"text": item.raw, **{k: v for k, v in item.meta.items() if isinstance(v, str)}}
    return unfit_strings(fields, item.source or "-")


def _excerpt(value, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."
