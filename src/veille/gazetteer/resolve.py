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
KM_DISTRICT = 30.0      # a district of a city lies this close to its centre ("le Queens")
KM_IN_TOWN = 60.0       # "X, dans le Queens": X lies this close to the place it is said to be in
KM_IN_DIVISION = 1000.0  # "X, au Texas": ... or within this distance of a division's point
_BIG_CITY = 1_000_000
_QUALITY_PENALTY = {PRIMARY: 0.0, ALTERNATE: 0.5, BORROWED: 2.0}


@dataclass(slots=True)
class Mention:
    """One place-like span of the text (clean offsets) and what the words around it say."""
    start: int
    end: int
    text: str
    key: str                          # the normalised name looked up
    matches: tuple[Match, ...] = ()
    hint: str | None = None           # "division" | "city" | "region": a cue word in or before the name
    ner: str | None = None            # the parser's entity label over the span, if any
    locative: str | None = None       # the locative preposition before it ("à", "vers", "en")
    proper: bool = True               # tagged as a proper noun
    article: bool = False             # after a bare article ("la", "l'"): no town reads so
    area: bool = False                # after "en", "au", an article: a country or region's way
    partial: bool = False             # inside a longer capitalised name ("Radio France")
    single_word: bool = True
    siblings: list["Mention"] = field(default_factory=list)  # the other names of its list ("X, Y et Z")
    country_hint: str | None = None   # the country the cue names ("la ville syrienne de X")
    within: "Mention | None" = None   # the place it is said to lie in ("X, dans le Queens")
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
        self._hints: Counter = Counter()
        self.fuzzy_min_len = fuzzy_min_len
        self.fuzzy_min_population = fuzzy_min_population

    def resolve(self, mentions: list[Mention], hints: Counter | None = None) -> Counter:
        """Set each mention's entry and whether it is kept; returns the article's focus:
        weight by country code. ``hints``: countries the article names otherwise (by their
        adjectives, "libanais"), a weaker clue than a place name."""
        self._hints = hints or Counter()
        countries = [m for m in mentions if self._country(m)]
        for m in countries:
            m.entry = self._country(m)
            m.accepted = not m.partial
        focus = Counter(m.entry.country_code for m in countries if m.accepted)
        rest = [m for m in mentions if m.entry is None]
        groups = _groups(rest)
        # first pass: the name alone, without the article's countries or neighbours; the
        # readings it is sure of (and would keep) anchor the second pass
        for ms in groups.values():
            self._choose(ms, Counter(), anchors=[])
        sure = {key: ms[0].entry for key, ms in groups.items()
                if ms[0].entry is not None and ms[0].score_margin >= 1.0 and self._accept(ms[0], focus)}
        named = set(focus)
        for e in sure.values():
            # a sure town brings its country in only where the article names none, or when it
            # is a city (a village of another country may be a namesake of one the gazetteer lacks)
            if not named or e.country_code in named or e.kind == "city" and e.population >= 100_000:
                focus[e.country_code] += 0.5
        group_of = {id(m): key for key, ms in groups.items() for m in ms}
        known = {id(m): m.entry.country_code for m in mentions if m.entry is not None
                 and (m.entry.kind == "country" or group_of.get(id(m)) in sure)}
        for key, ms in groups.items():
            # a name's own first reading is no neighbour of its other readings
            self._choose(ms, focus, anchors=[e for k, e in sure.items() if k != key], known=known)
            for m in ms:
                m.accepted = self._accept(m, focus)
        # "Naqoura et Kfar Kila": a name listed with a kept place of the same country is a place
        for m in rest:
            if not m.accepted and m.entry is not None and not m.partial and any(
                    s.accepted and s.entry is not None and s.entry.country_code == m.entry.country_code
                    for s in m.siblings):
                m.accepted = m.entry.kind != "city" or m.entry.population >= 1000
        self._districts(rest)
        self._fuzzy(rest, focus, mentions)
        self._foreign_namesakes(rest, focus)
        self._within(rest)
        return focus

    def _districts(self, mentions: list[Mention]) -> None:
        """"dans le Queens", "le Bronx": a name after an article is no town, unless it is a
        district of a big city the article names (a town of its own close to that city's centre)."""
        big = [m.entry for m in mentions if m.accepted and m.entry is not None and m.entry.kind == "city"
               and m.entry.population >= _BIG_CITY]
        if not big:
            return
        for m in mentions:
            if m.accepted or m.partial or not m.article or not (m.proper or m.ner in ("LOC", "GPE")):
                continue
            near = [x.entry for x in m.matches if x.entry.kind == "city" and x.entry.population >= 10_000
                    and any(b.id != x.entry.id and km(x.entry, b) <= KM_DISTRICT for b in big)]
            if near:
                m.entry, m.accepted = max(near, key=lambda e: e.population), True
                m.notes.append("district")

    def _within(self, mentions: list[Mention]) -> None:
        """"A Breezy Point, dans le Queens", "Hauteville, en Savoie": a name set in a place the
        article names is the namesake that lies there; when the gazetteer has none there, the
        name is kept, unresolved, in that place's country (never a namesake far away)."""
        for m in mentions:
            w = m.within
            if w is None or m.partial or not w.accepted or w.entry is None or w.entry.kind == "country":
                continue
            if m.entry is not None and m.entry.kind != "city":
                continue  # "le Texas, aux États-Unis": a division is no town of the place after it
            if not (m.proper or m.ner in ("LOC", "GPE")):
                continue
            radius = KM_IN_TOWN if w.entry.kind == "city" else KM_IN_DIVISION
            there = [x.entry for x in m.matches if x.entry.kind == "city" and x.entry.country_code == w.entry.country_code
                     and km(x.entry, w.entry) <= radius]
            if there:
                m.entry, m.accepted = max(there, key=lambda e: e.population), True
            elif m.accepted or m.locative or m.hint or m.ner in ("LOC", "GPE"):
                m.entry, m.accepted = None, True
                m.notes.append("unresolved")
            else:
                continue
            m.country_hint = w.entry.country_code

    def _foreign_namesakes(self, mentions: list[Mention], focus: Counter) -> None:
        """"le village de Houla, dans le sud du Liban": when the only town of that name the
        gazetteer knows is a small one in a country the article does not name, the article
        means another, unknown to the gazetteer: keep the name, unresolved, in the article's
        country."""
        if not focus:
            return
        for m in mentions:
            e = m.entry
            if not m.accepted or e is None or e.kind != "city" or e.population >= 100_000:
                continue
            if e.country_code in focus or e.country_code in self._hints or e.country_code == m.country_hint \
                    or "spelling" in m.notes:
                continue
            m.entry = None
            m.notes.append("unresolved")

    # --- choosing ------------------------------------------------------------------------------
    def _country(self, m: Mention) -> Entry | None:
        for match in m.matches:
            if match.entry.kind == "country" and match.quality >= ALTERNATE:
                return match.entry
        return None

    def _choose(self, ms: list[Mention], focus: Counter, anchors: list[Entry],
                known: dict[int, str] | None = None) -> None:
        m = ms[0]
        if not m.matches:
            return
        # one sense per discourse: the country one mention is set in ("Rafah, dans la bande de
        # Gaza") holds for every mention of the name
        hint = next((x.country_hint for x in ms if x.country_hint), None)
        top = max(focus.values(), default=0) or 1
        # the countries of the names listed with this one ("Rafah et Khan Younès")
        beside = {known[id(s)] for x in ms for s in x.siblings if known and id(s) in known}
        scored = sorted(((self._score(match, m, focus, top, anchors, hint) + (2.0 if match.entry.country_code in beside else 0.0),
                          match.entry.id, match.entry)
                         for match in m.matches), key=lambda t: (-t[0], t[1]))
        best = scored[0]
        margin = best[0] - scored[1][0] if len(scored) > 1 else 10.0
        for x in ms:
            x.entry, x.score_margin = best[2], margin

    def _score(self, match: Match, m: Mention, focus: Counter, top: float, anchors: list[Entry],
               hint: str | None = None) -> float:
        e = match.entry
        big_town = any(x.entry.kind == "city" and x.entry.population >= 100_000 for x in m.matches)
        if e.kind == "city":
            s = math.log10(e.population + 10)
        elif e.kind == "admin1":
            s = 4.5
        else:  # a named region (4.0) or a second-level division (3.0)
            s = 4.0 if e.code is None else 3.0
        if not (m.hint == "division" and match.quality == BORROWED):
            s -= _QUALITY_PENALTY[match.quality]  # a borrowed name is meant for "province d'X"
        elif any(x.quality == PRIMARY and x.entry.kind in ("admin1", "region") for x in m.matches):
            s -= 3.0  # "l'État de Washington" is the state so named, not the district whose seat it is
        if match.quality == ALTERNATE and e.kind == "city" and e.population < 100_000 and any(
                x.quality == PRIMARY and x.entry.kind != "city" and x.entry.country_code == e.country_code
                and x.entry.seat != e.id for x in m.matches):
            # "Maine": a town known so only by an alternate name yields to the state of that
            # name (not to the division it is the seat of: "Tombouctou" is the town)
            s -= 1.5
        if e.kind != "city" and m.hint != "division" and (e.seat is not None or big_town):
            s -= 1.5  # bare "Tombouctou" is the town; the region is "la région de Tombouctou"
        if m.hint == "division":
            s += 2.5 if e.kind in ("admin1", "region") else -1.0
        elif m.hint == "city":
            s += 2.0 if e.kind == "city" else -1.0
        elif m.area:  # "au Québec" is the province, "à Québec" the city
            s += 2.0 if e.kind != "city" else -1.0
        s += 3.0 * focus.get(e.country_code, 0) / top
        if self._hints:
            s += 1.5 * self._hints.get(e.country_code, 0) / max(self._hints.values())
        hint = hint or m.country_hint
        if hint is not None:
            s += 3.0 if e.country_code == hint else 0.0
        near = min((km(e, a) for a in anchors if a.id != e.id), default=math.inf)
        s += 2.0 if near <= KM_NEAR else 1.0 if near <= KM_REGION else 0.0
        return s

    # --- keeping ---------------------------------------------------------------------------------
    def _accept(self, m: Mention, focus: Counter) -> bool:
        e = m.entry
        if e is None or m.partial:
            return False
        in_focus = e.country_code in focus
        if m.hint is not None:
            # "la ville de Konna" in an article on Mali: a hamlet of the same name abroad is not it
            return in_focus or not focus or e.kind != "city" or e.population >= 10_000
        said = m.ner in ("LOC", "GPE")
        if m.ner in ("PER", "ORG", "MISC"):
            # the parser reads a person or a body: only a big place, or one said as a place
            if e.population >= 500_000:
                return True
            if not m.locative:
                return False
            return e.population >= 100_000 or in_focus and (e.population >= 10_000 or e.kind != "city")
        if e.kind in ("admin1", "region"):
            # a division of a country the article does not name needs a cue ("Sud-Est" is no
            # Haitian department in an article on Lebanon)
            # ("au Texas", "en Floride": said as a place, after an area's preposition, by its own name)
            return in_focus or (said and m.proper and not focus) or e.country_code == m.country_hint \
                or said and m.proper and m.area and any(x.entry.id == e.id and x.quality == PRIMARY
                                                        for x in m.matches)
        # a town: no article before it, then its size and the article's countries
        if m.article or not (m.proper or said):
            return False
        if e.population >= 100_000:
            return True
        if in_focus and e.population >= 1000 and (said or m.locative):
            return True
        if said and e.population >= 1000 and self._hints.get(e.country_code):
            return True  # "l'armée malienne a repris Tombouctou": the article's adjectives name the country
        return said and bool(m.locative) and e.population >= 20_000

    def _fuzzy(self, mentions: list[Mention], focus: Counter, everything: list[Mention] | None = None) -> None:
        """A name the gazetteer lacks, said as a place, one letter away from a sizeable town of
        the article's countries ("Benghazii"), is that town; from seven letters on, also a town
        of a neighbouring country (within reach of the places the article names)."""
        anchors = [m.entry for m in (everything or mentions) if m.accepted and m.entry is not None
                   and m.entry.lat is not None]
        for m in mentions:
            if m.matches or not (m.ner in ("LOC", "GPE") and (m.locative or m.hint)) or len(m.key) < self.fuzzy_min_len:
                continue
            best = None
            for name, e in self.gaz.near_names(m.key, min_population=self.fuzzy_min_population):
                near = len(m.key) >= 7 and any(km(e, a) <= KM_REGION for a in anchors)
                if e.kind == "city" and (e.country_code in focus or near) and _one_edit(m.key, name):
                    if best is None or e.population > best.population:
                        best = e
            if best is not None:
                m.entry, m.accepted = best, True
                m.notes.append("spelling")


def _key(m: Mention) -> tuple[str, str]:
    return (m.key, "division" if m.hint == "division" else "")


def _groups(mentions: list[Mention]) -> dict[tuple[str, str, str], list[Mention]]:
    """One reading per name and kind of cue: "Alep" everywhere is one city, "province d'Alep"
    the governorate; and per country the text sets the name in, where it sets it in several
    ("Rafah, en Égypte" ... "Rafah, dans la bande de Gaza"): a mention with no country of its
    own goes with the last one set before it (else the first)."""
    by_name: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        by_name[_key(m)].append(m)
    out: dict[tuple[str, str, str], list[Mention]] = defaultdict(list)
    for (key, div), ms in by_name.items():
        said = [m.country_hint for m in ms if m.country_hint]
        current = said[0] if len(set(said)) > 1 else ""
        for m in ms:
            if current and m.country_hint:
                current = m.country_hint
            out[(key, div, current)].append(m)
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
