"""repair: scraped text -> clean text, with an offset map back to the raw text.

- page furniture (boilerplate lines) leaves the body;
- photo credits and sourcing lines move into ``credits``;
- lines broken in mid-sentence are re-joined; headings stay blocks of their own;
- the traces of stripped quotation marks are marked on the blocks (see ``Block.quote``).

The clean text is the blocks joined by "\\n"; every clean character maps to one raw character.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import lexicons
from ..document import Block, Doc, OffsetMap
from ..settings import Settings

NAME = "repair"
NEEDS = ("raw", "meta.title")
SETS = ("clean_text", "offsets", "blocks", "credits", "removed", "meta.title")

LONE_PUNCT = re.compile(r"^[.!?…]+$")


@dataclass
class Line:
    start: int  # raw offsets of the stripped line
    end: int
    text: str
    kind: str = "text"  # text | blank | boilerplate | photo | sources | punct
    blank_before: bool = False


@dataclass
class _Block:
    kind: str
    pieces: list[tuple[int, int]] = field(default_factory=list)  # raw (start, end) runs
    joins: list[int] = field(default_factory=list)  # raw position standing for the space before piece i
    quote: str | None = None
    text: str = ""


class Rules:
    """The repair lexicons of all language folders, compiled once."""

    def __init__(self, langs: list[str]) -> None:
        pats = [p for lang in langs for p in lexicons.lines(lang, "boilerplate.txt")]
        self.boilerplate = re.compile("|".join(f"(?:{p})" for p in pats), re.I) if pats else None
        credits = [lexicons.data(lang, "credits.yaml") for lang in langs]
        self.photo_line = [re.compile(p, re.I) for c in credits for p in c.get("photo_line", [])]
        self.photo_tail = [re.compile(p, re.I) for c in credits for p in c.get("photo_tail", [])]
        self.sources_line = [re.compile(p, re.I) for c in credits for p in c.get("sources_line", [])]
        first = next((c for c in credits if c), {})
        self.list_sep = re.compile(first.get("list_separators", r"\s*,\s*"))
        self.name_prefix = re.compile(first.get("name_prefixes", r"^$"), re.I)
        rep = next((d for d in (lexicons.data(lang, "repair.yaml") for lang in langs) if d), {})
        self.sentence_end = set(rep.get("sentence_end", ".!?"))
        self.open_words = {w.lower() for w in rep.get("open_words", [])}
        self.attribution = re.compile(rep["attribution_line"]) if rep.get("attribution_line") else None
        self.heading_max_words = int(rep.get("heading_max_words", 12))


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        langs = list(dict.fromkeys(list(settings.get("language.supported")) + ["fr", "en"]))
        self.rules = Rules(langs)

    def __call__(self, doc: Doc) -> Doc:
        repair(doc, self.rules)
        return doc


def repair(doc: Doc, rules: Rules) -> None:
    lines = _split_lines(doc.raw)
    for line in lines:
        _classify(line, rules, doc)
    title_line = _title(lines, rules)
    blocks = _build_blocks(lines, rules, title_line)
    doc.clean_text, doc.offsets, doc.blocks = _assemble(blocks, doc.raw)
    if title_line is not None and not doc.meta.get("title"):
        doc.meta["title"] = title_line.text


def _split_lines(raw: str) -> list[Line]:
    out, pos = [], 0
    blank = False
    for chunk in raw.split("\n"):
        lead = len(chunk) - len(chunk.lstrip())
        text = chunk.strip()
        start = pos + lead
        line = Line(start, start + len(text), text, "text" if text else "blank", blank_before=blank)
        blank = not text
        out.append(line)
        pos += len(chunk) + 1
    return out


def _classify(line: Line, rules: Rules, doc: Doc) -> None:
    if line.kind == "blank":
        return
    text = line.text
    if LONE_PUNCT.match(text):
        line.kind = "punct"
    elif len(text) <= 160 and rules.boilerplate is not None and rules.boilerplate.fullmatch(text):
        line.kind = "boilerplate"
    elif len(text) <= 160 and _photo(text, rules, doc):
        line.kind = "photo"
    elif len(text) <= 240 and _sources(text, rules, doc):
        line.kind = "sources"
    else:
        _photo_tail(line, rules, doc)
        return
    if line.kind != "punct":
        doc.removed.append({"kind": line.kind, "start": line.start, "end": line.end, "text": line.text})


def _photo(text: str, rules: Rules, doc: Doc) -> bool:
    for pat in rules.photo_line:
        m = pat.fullmatch(text)
        if m:
            _add_photo_credit(m.group("credit"), doc)
            return True
    return False


def _photo_tail(line: Line, rules: Rules, doc: Doc) -> None:
    for pat in rules.photo_tail:
        m = pat.search(line.text)
        if m and m.start() > 0:
            _add_photo_credit(m.group("credit"), doc)
            cut = line.start + m.start()
            doc.removed.append({"kind": "photo", "start": cut, "end": line.end, "text": line.text[m.start():]})
            line.end = cut
            line.text = line.text[: m.start()]
            return


def _add_photo_credit(credit: str, doc: Doc) -> None:
    parts = [p.strip(" .;") for p in re.split(r"\s*/\s*", credit.strip()) if p.strip(" .;")]
    if not parts:
        return
    # "AGENCY / NAME": the last part is the photographer, the others the agencies
    doc.credits.setdefault("photos", []).append(parts[-1])
    for agency in parts[:-1]:
        agencies = doc.credits.setdefault("photo_agencies", [])
        if agency not in agencies:
            agencies.append(agency)


def _sources(text: str, rules: Rules, doc: Doc) -> bool:
    for pat in rules.sources_line:
        m = pat.fullmatch(text)
        if m:
            names = [rules.name_prefix.sub("", n).strip(" .()") for n in rules.list_sep.split(m.group("list"))]
            names = [n for n in names if n]
            if not names or not all(n[:1].isupper() for n in names):
                continue  # "Avec des informations inquiétantes..." is prose, not a sourcing line
            sources = doc.credits.setdefault("sources", [])
            sources.extend(n for n in names if n not in sources)
            return True
    return False


def _ends_sentence(text: str, rules: Rules) -> bool:
    return bool(text) and text[-1] in rules.sentence_end


def _ends_open(text: str, rules: Rules) -> bool:
    """The line cannot end a sentence: it ends on a comma, hyphen, apostrophe or a function word."""
    if text[-1] in ",-–’'(«“":
        return True
    last = re.split(r"[\s’']", text)[-1].lower()
    return last in rules.open_words


def _is_attribution(text: str, rules: Rules) -> bool:
    return rules.attribution is not None and rules.attribution.match(text) is not None


def _title(lines: list[Line], rules: Rules) -> Line | None:
    """The first text line is a title when a blank line follows it and it ends no sentence."""
    texts = [i for i, ln in enumerate(lines) if ln.kind == "text"]
    if not texts:
        return None
    i = texts[0]
    line = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if (nxt is not None and nxt.kind == "blank" and not _ends_sentence(line.text, rules)
            and not _ends_open(line.text, rules) and len(line.text.split()) <= 25):
        return line
    return None


def _build_blocks(lines: list[Line], rules: Rules, title: Line | None) -> list[_Block]:
    blocks: list[_Block] = []
    cur: _Block | None = None
    for idx, line in enumerate(lines):
        if line.kind in ("blank", "boilerplate", "photo", "sources"):
            if line.kind != "blank":
                cur = None  # never join across a removed line
            continue
        if line.kind == "punct":
            if cur is not None and not _ends_sentence(cur.text, rules):
                cur.pieces.append((line.start, line.end))
                cur.joins.append(-1)  # glued without a space
                cur.text += line.text
                cur.quote = "end"
            continue
        if line is title:
            blocks.append(_Block("title", [(line.start, line.end)], [-1], text=line.text))
            cur = None
            continue
        text = line.text
        if cur is not None and _is_attribution(text, rules) and _ends_sentence(cur.text, rules):
            cur.quote = cur.quote or "whole"
            cur = _Block("paragraph", [(line.start, line.end)], [-1], quote="attribution", text=text)
            blocks.append(cur)
            continue
        if cur is not None and _continues(cur.text, text, rules, gap=line.blank_before):
            cur.pieces.append((line.start, line.end))
            cur.joins.append(cur.pieces[-2][1])  # the raw whitespace after the previous piece
            cur.text += " " + text
            continue
        kind = "heading" if _is_heading(text, lines, idx, rules) else "paragraph"
        cur = _Block(kind, [(line.start, line.end)], [-1], text=text)
        blocks.append(cur)
        if kind == "heading":
            cur = None
    return blocks


def _continues(prev: str, cur: str, rules: Rules, *, gap: bool) -> bool:
    """Does ``cur`` continue the sentence that ``prev`` left open?"""
    if _ends_sentence(prev, rules):
        return False
    starts_lower = cur[:1].islower() or cur[:1] in "(,;:"
    if gap:
        return starts_lower and _ends_open(prev, rules)
    return starts_lower or _ends_open(prev, rules)


def _is_heading(text: str, lines: list[Line], idx: int, rules: Rules) -> bool:
    if _ends_sentence(text, rules) or text.endswith((",", ";", ":")) or len(text.split()) > rules.heading_max_words:
        return False
    if _ends_open(text, rules) or not text[:1].isupper():
        return False
    nxt = next((ln for ln in lines[idx + 1:] if ln.kind == "text"), None)
    return nxt is None or nxt.text[:1].isupper() or nxt.text[:1] in "«“\"-–—"


def _assemble(blocks: list[_Block], raw: str) -> tuple[str, OffsetMap, list[Block]]:
    offsets = OffsetMap()
    parts: list[str] = []
    out_blocks: list[Block] = []
    pos = 0
    for n, b in enumerate(blocks):
        if n:
            # the block separator stands for the raw character after the previous block
            sep_at = blocks[n - 1].pieces[-1][1]
            offsets.add(min(sep_at, len(raw) - 1), 1)
            parts.append("\n")
            pos += 1
        start = pos
        for (s, e), join in zip(b.pieces, b.joins):
            if join >= 0:
                offsets.add(join, 1)
                parts.append(" ")
                pos += 1
            offsets.add(s, e - s)
            parts.append(raw[s:e])
            pos += e - s
        out_blocks.append(Block(b.kind, start, pos, b.quote))
    return "".join(parts), offsets, out_blocks
