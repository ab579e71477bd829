"""Which gazetteer entry each place mention means, and whether it is a place at all.

Language-independent: the recognition stage describes each mention (the words around it, the
parser's label) in a ``Mention``; this module weighs the candidates against the article's
geography and decides.

How a name is resolved:
  1. a name that names a country is that country ("Liban" is not the hamlet Libáň);
  2. the article's focus: the countries it names, then the countries of the towns it names
     without doubt; each candidate gains from its country's share of that focus;
  3. a candidate gains from lying near the other places of the article;
  4. a prior from what it is: a division, a named region, or a town weighted by its population;
     a word before the name ("province d'Alep", "ville de Gao") favours the matching kind;
  5. every mention of one name with the same kind of cue takes the same reading.
A mention is kept only on evidence: a country; a cue word; the parser's place label; a town big
enough or inside the article's countries. A place the gazetteer lacks is kept, unresolved, only
with a cue word ("la ville de X", "à X").
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .lookup import ALTERNATE, BORROWED, PRIMARY, Entry, Gazetteer, Match

KM_NEAR, KM_REGION = 150.0, 600.0
_QUALITY_PENALTY = {PRIMARY: 0.0, ALTERNATE: 0.5, BORROWED: 2.0}


@dataclass(slots=True)
class Mention:
    """One place-like span of the text (clean offsets) and what the words around it say."""
    start: int
    end: int
    text: str
    key: str                          # the normalised name looked up
    matches: tuple[Match, ...] = ()
    hint: str | None = None           # "division" | "city": a cue word before the name
    ner: str | None = None            # the parser's entity label over the span, if any
    locative: str | None = None       # the locative preposition before it ("à", "vers", "en")
    proper: bool = True               # tagged as a proper noun
    article: bool = False             # after a bare article ("la", "l'"): no town reads so
    partial: bool = False             # inside a longer capitalised name ("Radio France")
    single_word: bool = True
    entry: Entry | None = None
    accepted: bool = False
    score_margin: float = 0.0
    notes: list[str] = field(default_factory=list)


def km(a: Entry, b: Entry) -> float:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return math.inf
    p = math.pi / 180
    h = (math.sin((b.lat - a.lat) * p / 2) ** 2
         + math.cos(a.lat * p) * math.cos(b.lat * p) * math.sin((b.lon - a.lon) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


class Resolver:
    def __init__(self, gazetteer: Gazetteer, *, fuzzy_min_len: int = 6, fuzzy_min_population: int = 20000):
        self.gaz = gazetteer
        self.fuzzy_min_len = fuzzy_min_len
        self.fuzzy_min_population = fuzzy_min_population

    def resolve(self, mentions: list[Mention]) -> None:
        countries = [m for m in mentions if self._country(m)]
        for m in countries:
            m.entry = self._country(m)
            m.accepted = not m.partial
        focus = Counter(m.entry.country_code for m in countries if m.accepted)
        rest = [m for m in mentions if m.entry is None]
        groups = _groups(rest)
        # first pass: without neighbours; the readings it is sure of anchor the second
        for ms in groups.values():
            self._choose(ms, focus, anchors=[])
        sure = {key: ms[0].entry for key, ms in groups.items()
                if ms[0].entry is not None and ms[0].score_margin >= 1.0 and self._strong(ms[0])}
        for e in sure.values():
            focus[e.country_code] += 0.5
        for key, ms in groups.items():
            # a name's own first reading is no neighbour of its other readings
            self._choose(ms, focus, anchors=[e for k, e in sure.items() if k != key])
            for m in ms:
                m.accepted = self._accept(m, focus)
        self._fuzzy(rest, focus)

    # --- choosing ------------------------------------------------------------------------------
    def _country(self, m: Mention) -> Entry | None:
        for match in m.matches:
            if match.entry.kind == "country" and match.quality >= ALTERNATE:
                return match.entry
        return None

    def _choose(self, ms: list[Mention], focus: Counter, anchors: list[Entry]) -> None:
        m = ms[0]
        if not m.matches:
            return
        top = max(focus.values(), default=0) or 1
        scored = sorted(((self._score(match, m, focus, top, anchors), match.entry.id, match.entry)
                         for match in m.matches), key=lambda t: (-t[0], t[1]))
        best = scored[0]
        margin = best[0] - scored[1][0] if len(scored) > 1 else 10.0
        for x in ms:
            x.entry, x.score_margin = best[2], margin

    def _score(self, match: Match, m: Mention, focus: Counter, top: float, anchors: list[Entry]) -> float:
        e = match.entry
        if e.kind == "city":
            s = math.log10(e.population + 10)
        elif e.kind == "admin1":
            s = 4.5
        else:  # a named region (4.0) or a second-level division (3.0)
            s = 4.0 if e.code is None else 3.0
        s -= _QUALITY_PENALTY[match.quality]
        if m.hint == "division":
            s += 4.0 if e.kind in ("admin1", "region") else -2.0
        elif m.hint == "city":
            s += 2.0 if e.kind == "city" else -1.0
        s += 3.0 * focus.get(e.country_code, 0) / top
        near = min((km(e, a) for a in anchors if a.id != e.id), default=math.inf)
        s += 2.0 if near <= KM_NEAR else 1.0 if near <= KM_REGION else 0.0
        return s

    # --- keeping ---------------------------------------------------------------------------------
    @staticmethod
    def _strong(m: Mention) -> bool:
        return m.hint is not None or m.ner in ("LOC", "GPE")

    def _accept(self, m: Mention, focus: Counter) -> bool:
        e = m.entry
        if e is None or m.partial or m.ner == "PER":
            return False
        in_focus = e.country_code in focus
        if m.hint is not None:
            return True
        if e.kind in ("admin1", "region"):
            return in_focus or (m.ner in ("LOC", "GPE") and m.proper)
        # a town: the article's article rule, then size and focus
        if m.article:
            return False
        if not m.proper and m.ner not in ("LOC", "GPE"):
            return False
        if e.population >= 100_000:
            return True
        if in_focus and e.population >= 1000 and (m.ner in ("LOC", "GPE") or m.locative):
            return True
        return m.ner in ("LOC", "GPE") and m.locative and e.population >= 20_000

    def _fuzzy(self, mentions: list[Mention], focus: Counter) -> None:
        """A name the gazetteer lacks, said as a place, one letter away from a sizeable town of
        the article's countries ("Benghazii"), is that town."""
        for m in mentions:
            if m.matches or not (m.ner in ("LOC", "GPE") and (m.locative or m.hint)) or len(m.key) < self.fuzzy_min_len:
                continue
            best = None
            for name, e in self.gaz.near_names(m.key, min_population=self.fuzzy_min_population):
                if e.kind == "city" and e.country_code in focus and _one_edit(m.key, name):
                    if best is None or e.population > best.population:
                        best = e
            if best is not None:
                m.entry, m.accepted = best, True
                m.notes.append("spelling")


def _groups(mentions: list[Mention]) -> dict[tuple[str, str], list[Mention]]:
    """One reading per name and kind of cue: "Alep" everywhere is one city, "province d'Alep"
    the governorate."""
    out: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        out[(m.key, "division" if m.hint == "division" else "")].append(m)
    # the group's cue evidence is shared: a name once said "ville de X" is a town everywhere
    for ms in out.values():
        hints = {m.hint for m in ms if m.hint}
        if len(hints) == 1:
            h = hints.pop()
            for m in ms:
                m.hint = m.hint or (h if h == "city" else None)
    return out


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one inserted, deleted or replaced character."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]
