"""places: every place the article names, resolved against the embedded gazetteer.

Recognition works on the clean text and the parse:
  - runs of capitalised words ("Saint-Denis", "Deir ez-Zor", "Le Caire") are matched against
    the gazetteer, longest first; the parser's place entities add names the gazetteer lacks;
  - the words before a name say what it is: "province d'Alep" (a division), "la ville de Gao"
    (a town), "à Jalo" (a place), "l'aéroport d'Alep" / "la place Tahrir" (a site);
  - what is not a place is left out: names inside a person's or an organisation's name
    ("François Hollande", "Agence France-Presse"), media and seats of power ("France 24",
    "Kremlin"), demonyms ("Libyens"), a capitalised word that only starts a sentence.
Resolution (``veille.gazetteer.resolve``) picks the entry the article means. The result: one
``Place`` per distinct place with all its mentions, and ``doc.place_mentions``.
The French words live in ``lexicons/fr/places.yaml``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..text import Fold, fold
from .. import lexicons
from ..document import Doc
from ..gazetteer.lookup import ALTERNATE, Entry, Gazetteer, Match, norm
from ..gazetteer.described import DescribedCities
from ..gazetteer.resolve import Mention, Resolver
from ..record import Place
from ..settings import Settings

NAME = "places"
NEEDS = ("raw", "offsets", "clean_text", "language", "parsed")
SETS = ("places", "place_mentions", "sites")

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_WINDOW = 60        # characters of left context the cue patterns look at
_SENTENCE_ENDS = frozenset(".!?:;«»\"“”—–-()[]\n")  # what may stand before a sentence's first word
# lower-case words after a run, and the capitalised word that may close the name ("République
# démocratique du Congo": the longer name must win over "Congo" alone)
_TAIL = re.compile(r"(?:\s[a-zà-ÿ]+){1,3}(?:\s[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:-[^\W\d_]+)*)?")
_MAX_RUN = 8        # words in one capitalised run
# a capitalised name of one or more words ("Sandy", "Madrid Arena", "Charles-de-Gaulle")
_NAME = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:-[^\W\d_]+)*(?:\s+[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:-[^\W\d_]+)*)*"
_NEAR_CHARS = 400   # places this close in the text lend their country to an unknown place


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]")
                    for w in sorted(words, key=len, reverse=True))


class _EndCue:
    """A cue pattern anchored at the end of the left context (``...$``), searched only when
    that context ends with a word the pattern can end with.

    ``re.search`` tries such a pattern at every position of the window, each time through a
    long alternation; most mentions have no cue, and their last word says so at once. ``last``
    holds the possible last words (lower case, "’" as "'"); ``tails``, when given, the possible
    endings instead ("de", "d'"...). Either way the pattern itself decides: the look is only a
    condition every match meets.
    """

    __slots__ = ("pattern", "last", "tails")

    def __init__(self, pattern: re.Pattern, *, last: frozenset[str] = frozenset(), tails: tuple[str, ...] = ()):
        self.pattern, self.last, self.tails = pattern, last, tails

    def search(self, left: str) -> re.Match | None:
        stripped = _fold(left.rstrip())
        if self.tails:
            if not stripped.endswith(self.tails):
                return None
        else:
            words = stripped.rsplit(None, 1)
            if not words or words[-1] not in self.last:
                return None
        return self.pattern.search(left)


def _last_words(words) -> frozenset[str]:
    return frozenset(_fold(w.split()[-1]) for w in words if w.split())


def _fold(text: str) -> str:
    """What a case-blind pattern of the lexicon sees (``veille.text.Fold.CASE``)."""
    return fold(text, Fold.CASE)


def _forms(words, *, after_word: str = "", after_apostrophe: str = "") -> str:
    """An alternation of words as a person writes them, in the order written: the words of a
    phrase parted by any space, "'" matching either apostrophe, each followed by ``after_word``
    (or by ``after_apostrophe`` when it ends in an apostrophe)."""
    out = []
    for w in words:
        body = r"\s+".join(re.escape(p) for p in w.split()).replace("'", "['’]")
        out.append(body + (after_apostrophe if w.endswith(("'", "’")) else after_word))
    return "|".join(out) or r"(?!x)x"


@dataclass(frozen=True)
class Lexicon:
    """The compiled cues of one language."""
    described: DescribedCities
    division_cue: _EndCue
    city_cue: _EndCue
    site_cue: re.Pattern
    locative: _EndCue
    article: re.Pattern
    area: _EndCue
    person_cue: _EndCue
    list_gap: re.Pattern
    connectors: frozenset[str]
    contractions: dict[str, str]
    not_places: frozenset[str]
    demonym: re.Pattern
    strong_locatives: frozenset[str]
    spellings: tuple[tuple[str, str], ...]
    not_sites: tuple[str, ...]
    demonyms: dict[str, str]       # "libanaise" -> LB (the actors' demonyms.yaml)
    site_heads: frozenset[str]     # the one-word site words ("place", "aéroport")
    institution: re.Pattern        # "ministère nigérien de la Défense": group "name" is no place
    institution_names: re.Pattern  # "Garde nationale", "Croissant-Rouge"
    storm: re.Pattern              # "l'ouragan Sandy": group "name" is a storm's, here and anywhere
    thing: re.Pattern              # "l'opération Barkhane": group "name" is no place here
    count: re.Pattern              # "deux Länder": a common noun in the plural follows
    unaccented: dict[str, str]     # "A" at a sentence's start is "à"
    within: re.Pattern             # ", dans le", ", près de": the place after is where the one before lies
    last_de: re.Pattern            # the last "de" (with its article) before a name
    ends_in_de: re.Pattern         # a cue that ends in "de": what follows is of a place
    head_de: re.Pattern            # "ville de ": a lower-case head and its "de" before a run
    apposition: re.Pattern         # between a place and its country: ", dans le centre du", " au", " ("
    compass: re.Pattern            # "nord Kivu": a compass point before a name
    name_articles: frozenset[str]  # "la Mecque", "le Caire": the name may carry its article

    @classmethod
    def load(cls, lang: str) -> "Lexicon":
        rec = lexicons.data(lang, "places.yaml").get("recognition") or {}
        de_forms = list(rec.get("genitive_forms", []))
        space, spaces = r"\s*", r"\s+"
        de = "(?:" + _forms(de_forms, after_word=spaces, after_apostrophe=space) + ")"
        # the possible endings of ``de``, spaces stripped ("la", "'", "de", "du", "des")
        de_tails = tuple(dict.fromkeys("'" if f.endswith(("'", "’")) else f.split()[-1] for f in de_forms))
        de_words = _forms([f for f in de_forms if " " not in f])
        de_articles = _forms([f.split()[-1] for f in de_forms if " " in f])
        appos_articles = _forms(rec.get("apposition_articles", []))
        adj = r"(?:\s+[^\W\d_]+(?:-[^\W\d_]+)*){0,2}?"
        return cls(
            division_cue=_EndCue(re.compile(
                rf"\b(?:{_alternation(rec.get('division_words', []))})s?{adj}\s+{de}$", re.I), tails=de_tails),
            city_cue=_EndCue(re.compile(
                rf"\b(?:{_alternation(rec.get('city_words', []))})s?{adj}\s+{de}$", re.I), tails=de_tails),
            site_cue=re.compile(
                rf"\b(?P<site>(?:{_alternation(rec.get('site_words', []))}))(?:{adj})\s+(?:{de})?$", re.I),
            locative=_EndCue(re.compile(rf"(?:^|\s)({_alternation(rec.get('locatives', []))})\s*$", re.I),
                             last=_last_words(rec.get("locatives", []))),
            article=re.compile(rf"(?:^|\s)(?:{_forms(rec.get('article_words', []))})\s*$", re.I),
            area=_EndCue(re.compile(rf"(?:^|\s)(?:{_alternation(rec.get('area_words', []))})\s*$", re.I),
                         last=_last_words(rec.get("area_words", []))),
            person_cue=_EndCue(re.compile(rf"(?:^|\s)(?:{_alternation(rec.get('person_titles', []))})\s+$", re.I),
                               last=_last_words(rec.get("person_titles", []))),
            list_gap=re.compile(rf"^\s*(?:,|{_forms(rec.get('list_links', []))})\s*"
                                rf"(?:(?:{_forms(rec.get('list_preps', []))})\s*)?$", re.I),
            connectors=frozenset(c.lower().rstrip("'’-") for c in rec.get("connectors", [])),
            contractions={k.lower(): v for k, v in (rec.get("contractions") or {}).items()},
            not_places=frozenset(norm(n) for n in rec.get("not_places", [])),
            demonyms=_demonyms(lang),
            site_heads=frozenset(w.lower() for w in rec.get("site_words", []) if " " not in w),
            not_sites=tuple(w.lower() for w in rec.get("not_site_phrases", [])),
            spellings=tuple((norm(a), norm(b)) for a, b in rec.get("spellings", [])),
            strong_locatives=frozenset(w.lower() for w in rec.get("strong_locatives", [])),
            institution=re.compile(
                rf"\b(?:{_alternation(rec.get('institution_heads', []))}){adj}\s+{de}"
                r"(?P<name>[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:-[^\W\d_]+)*)", re.I),
            institution_names=re.compile(rf"\b(?:{_alternation(rec.get('institution_names', []))})\b"),
            storm=re.compile(rf"\b(?i:{_alternation(rec.get('storm_words', []))})\s+(?P<name>{_NAME})"),
            thing=re.compile(rf"\b(?i:{_alternation(rec.get('thing_words', []))})\s+(?P<name>{_NAME})"),
            count=re.compile(rf"(?:^|\s)(?:{_alternation(rec.get('count_words', []))}|\d+)\s+$", re.I),
            unaccented={str(k): str(v) for k, v in (rec.get("unaccented_capitals") or {}).items()},
            within=re.compile(rf"^\s*,\s*(?:{_alternation(rec.get('within_links', []))})\s*$", re.I),
            last_de=re.compile(rf".*\s(?:{de_words})(?:\s+(?:{de_articles}))?\s*(?=[^\W\d_])", re.S),
            ends_in_de=re.compile(rf"\s(?:{de_words})(?:\s+(?:{de_articles}))?\s*$", re.I),
            head_de=re.compile(r"(?:^|\s)([a-zà-ÿ]+\s+(?:" + _forms(de_forms, after_word=spaces) + "))$"),
            apposition=re.compile(
                rf"^[\s,(]*(?:(?:{_forms(rec.get('apposition_preps', []))})\s+(?:{appos_articles})\s*[^\W\d_]+"
                rf"(?:[- ][^\W\d_]+)?\s+)?(?:{_forms(rec.get('apposition_links', []))})?\s*$"
                rf"|^[\s,(]*(?:{_forms(rec.get('apposition_alone', []))})\s+(?:{appos_articles})\s*$", re.I),
            compass=re.compile(rf"^(?:{_forms(rec.get('compass_words', []))}) (.+)$"),
            name_articles=frozenset(w.lower().rstrip("'’") for w in rec.get("name_articles", [])),
            demonym=re.compile(rf"(?:{'|'.join(sorted(map(re.escape, rec.get('demonym_endings', [])), key=len, reverse=True))})$"),
            described=DescribedCities.load(rec),
        )


def _demonyms(lang: str) -> dict[str, str]:
    """Country adjectives ("syrien", "libanaises") -> ISO code, from the shared
    ``demonyms.yaml`` of the language (kept by the actors stage); none where it is absent."""
    out: dict[str, str] = {}
    for c in (lexicons.data(lang, "demonyms.yaml") or {}).get("countries") or []:
        for adj in c.get("adjectives") or []:
            out.setdefault(norm(adj), str(c.get("code", "")).upper())
    return {k: v for k, v in out.items() if k and v}


@dataclass(slots=True)
class Word:
    start: int
    end: int
    text: str
    capitalised: bool  # its first letter is a capital


def _words(text: str) -> list[Word]:
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        out.append(Word(m.start(), m.end(), w, w[:1].isupper()))
    return out


@dataclass(slots=True)
class Site:
    start: int          # the site word ("aéroport")
    end: int            # end of the name
    name: str
    anchor: Mention | None  # the place the site is named after or lies in
    country: str | None = None  # the country named right after it ("..., au Mali")
    of_place: bool = False  # "l'aéroport de Goma": named after a place with "de", no name of its own


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.settings = settings
        self.gaz = Gazetteer.open(settings=settings)
        self.resolver = Resolver(self.gaz)
        self._lexicons: dict[str, Lexicon] = {}

    def lexicon(self, lang: str) -> Lexicon | None:
        if lang not in self._lexicons:
            if not lexicons.exists(lang, "places.yaml"):
                return None
            self._lexicons[lang] = Lexicon.load(lang)
        return self._lexicons[lang]

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lexicon(doc.language or "")
        if doc.parsed is None or lex is None:
            return doc
        finder = _Finder(doc, lex, self.gaz)
        mentions, sites = finder.run()
        focus = self.resolver.resolve(mentions, finder.hints)
        _keep_unresolved(mentions, finder, focus)
        _names_of_sites(sites)
        _one_sense(mentions)
        mentions += lex.described.mentions(doc.clean_text, self.gaz, _country_weights(mentions, finder.hints), mentions)
        doc.places, doc.place_mentions, doc.sites = _assemble(doc, mentions, sites, finder.hints)
        return doc


class _Finder:
    """The place mentions and sites of one document."""

    def __init__(self, doc: Doc, lex: Lexicon, gaz: Gazetteer) -> None:
        self.doc, self.lex, self.gaz = doc, lex, gaz
        self.text = doc.clean_text
        self.parsed = doc.parsed
        # token index by character offset, without building a Token per word (costly)
        self.token_at = {idx: i for i, idx in enumerate(self.parsed.to_array("IDX").tolist())}
        self.words = _words(self.text)
        self.ents = [_strip(e) for e in self.parsed.ents]
        self.ents = [e for e in self.ents if e is not None]
        # a person's or a body's name of several words hides the places in it ("François
        # Hollande", "Agence France-Presse"), unless the whole name is a place ("Khan Younès")
        self.blocked = [self._hidden(s, e, label) for s, e, label, n in self.ents
                        if label in ("PER", "ORG") and " " in self.text[s:e] and not gaz.lookup(norm(self.text[s:e]))]
        self.blocked += self._institutions()
        self.person_words = [(s, e) for s, e, label, n in self.ents if label == "PER" and " " in self.text[s:e]]
        # the words of the persons' names: "Jordan" after "Jordan Bardella" is him again
        self.person_keys = {norm(w) for s, e in self.person_words for w in self.text[s:e].split()}
        # the countries the article names by their adjectives ("des sources libanaises")
        self.hints = Counter(cc for w in self.words if (cc := lex.demonyms.get(norm(w.text))))
        # the names of things ("l'opération Barkhane") and of storms ("l'ouragan Sandy"): no
        # place there; a storm's name is no place anywhere in the article
        self.things = [m.span("name") for m in lex.thing.finditer(self.text)]
        storms = [m.span("name") for m in lex.storm.finditer(self.text)]
        self.things += storms
        self.storm_keys = {norm(self.text[a:b]) for a, b in storms}

    def _institutions(self) -> list[tuple[int, int]]:
        """The words of a body's name that are namesakes of places: the portfolio after
        "ministère de la" ("Défense", unless the gazetteer has it as a country or a division),
        and the listed names ("Garde nationale", "Conseil de sécurité")."""
        spans = [m.span() for m in self.lex.institution_names.finditer(self.text)]
        for m in self.lex.institution.finditer(self.text):
            name = m.group("name")
            if name[:1].isupper() and not any(x.entry.kind in ("country", "admin1", "region")
                                              for x in self.gaz.lookup(norm(name))):
                spans.append(m.span("name"))
        return spans

    def run(self) -> tuple[list[Mention], list[Site]]:
        mentions: list[Mention] = []
        sites: list[Site] = []
        lone: list[Word] = []
        covered = 0  # the end of the last name found: a name that ran on past its run
        for run in self._runs():
            run = [w for w in run if w.start >= covered]
            if not run:
                continue
            found = self._match_run(run)
            covered = max([covered] + [m.end for m in found])
            mentions.extend(found)
            if not found and len(run) == 1:
                lone.append(run[0])
            site = self._site(run, found)
            if site is not None:
                sites.append(site)
        mentions.extend(self._said_again(lone, mentions))
        mentions.extend(self._unmatched_entities(mentions))
        mentions.sort(key=lambda m: m.start)
        self._describe(mentions)
        for site in sites:
            site.country = self._apposed_country(site.end, mentions)
        return mentions, sites

    def _said_again(self, words: list[Word], found: list[Mention]) -> list[Mention]:
        """A name found elsewhere in the article only through its French spelling ("à
        el-Facher"), said again where nothing marks it as a place ("El-Facher, capitale du
        Darfour-Nord"), is the same place."""
        known = {m.key: m.matches for m in found if m.matches}
        return [Mention(w.start, w.end, w.text, norm(w.text), known[norm(w.text)])
                for w in words if norm(w.text) in known]

    # --- runs of capitalised words -----------------------------------------------------------
    def _runs(self) -> list[list[Word]]:
        runs, cur = [], []
        words = self.words
        for i, w in enumerate(words):
            # a word in capitals past four letters is a byline or a shout ("RAMI AL SAYED"), not a name
            shout = w.text.isupper() and len(w.text) > 4
            name_like = (w.capitalised and not shout and not self._sentence_word(w)
                         or "-" in w.text and _particle_name(w, self.lex))
            connector = (w.text in self.lex.connectors and cur
                         and i + 1 < len(words) and words[i + 1].capitalised
                         and self._joined(w, words[i + 1]))
            if cur and not self._joined(cur[-1], w):
                runs.append(cur)
                cur = []
            if name_like and not self._is_blocked(w.start, w.end):
                cur.append(w)
            elif connector:
                cur.append(w)
            elif cur:
                runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        return [self._trim(r) for r in runs if self._trim(r)]

    def _hidden(self, start: int, end: int, label: str) -> tuple[int, int]:
        """The part of a name that hides places: all of a person's; a body's up to its last
        "de" ("le ministère de la Santé de Gaza", "l'université de Kharkiv" name a place)."""
        if label == "ORG":
            tail = self.lex.last_de.search(self.text, start, end)
            if tail is not None:
                return start, tail.end()
        return start, end

    def _joined(self, a: Word, b: Word) -> bool:
        gap = self.text[a.end:b.start]
        return gap == " " or (gap in ("'", "’") and a.text.lower() in ("d", "l"))

    def _trim(self, run: list[Word]) -> list[Word]:
        while run and run[-1].text in self.lex.connectors:
            run = run[:-1]
        while run and not run[0].capitalised and not _particle_name(run[0], self.lex):
            run = run[1:]
        return run[:_MAX_RUN]

    def _sentence_word(self, w: Word) -> bool:
        """A capitalised word that is only capitalised because it starts a sentence."""
        before = self.text[max(0, w.start - 3):w.start].rstrip()
        if before and before[-1] not in _SENTENCE_ENDS:
            return False  # inside a sentence: capitalised for a reason
        if "-" in w.text and any(part[:1].isupper() for part in w.text.split("-")[1:]):
            return False  # "El-Facher", "Port-Soudan": a compound of names
        i = self.token_at.get(w.start)
        if i is None:
            return False
        tok = self.parsed[i]
        return (tok.is_stop or tok.pos_ not in ("PROPN", "NOUN", "X")) and tok.ent_type_ != "LOC"

    def _is_blocked(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.blocked)

    def _match_run(self, run: list[Word]) -> list[Mention]:
        """Gazetteer names in the run, longest first, left to right."""
        out: list[Mention] = []
        if norm(self.text[run[0].start:run[-1].end]) in self.lex.not_places:
            return out
        lo = self._headed(run, out)
        tail = self._tailed(run, lo)
        self._greedy(run, lo, tail[0] if tail else len(run), out)
        if tail:
            out.append(tail[1])
        return out

    def _greedy(self, run: list[Word], i: int, n: int, out: list[Mention]) -> None:
        while i < n:
            hit = None
            for j in range(n - 1, i - 1, -1):
                if run[i].text in self.lex.connectors or run[j].text in self.lex.connectors:
                    continue
                hit = self._lookup(run[i].start, run[j].end)
                if hit:
                    break
            if not hit:
                i += 1
                continue
            start, end, key, matches, with_article = hit
            m = Mention(start, end, self.text[start:end], key, matches, single_word=(i == j))
            if with_article:
                m.notes.append("article")
            m.partial = _partial(run, i, j, self.lex)
            out.append(m)
            i = j + 1

    def _tailed(self, run: list[Word], lo: int) -> tuple[int, Mention] | None:
        """A name that ends in lower-case words ("Arabie saoudite", "République dominicaine",
        "Émirats arabes unis"): the run's end and up to three words after it, when the
        gazetteer has them together as a country, a division or a region."""
        tail = _TAIL.match(self.text, run[-1].end)
        if tail is None:
            return None
        ends = [run[-1].end + m.end() for m in re.finditer(r"\s[^\W\d_]+(?:-[^\W\d_]+)*", tail.group())]
        for end in reversed(ends):
            for k in range(lo, len(run)):
                if run[k].text in self.lex.connectors:
                    continue
                key = norm(self.text[run[k].start:end])
                matches = tuple(m for m in self.gaz.lookup(key) if m.entry.kind != "city")
                if matches and key not in self.lex.not_places:
                    return k, Mention(run[k].start, end, self.text[run[k].start:end], key, matches,
                                      single_word=False)
        return None

    def _headed(self, run: list[Word], out: list[Mention]) -> int:
        """A name led by a lower-case word ("bande de Gaza", "plateau du Golan"): the run and
        the words before it, when the gazetteer has them together. Returns where to go on."""
        left = self.text[max(0, run[0].start - 30):run[0].start]
        head = self.lex.head_de.search(left)
        if head is None:
            return 0
        start = run[0].start - (len(left) - head.start(1))
        for j in range(len(run) - 1, -1, -1):
            if run[j].text in self.lex.connectors:
                continue
            key = norm(self.text[start:run[j].end])
            matches = tuple(m for m in self.gaz.lookup(key) if m.entry.kind != "city")
            if matches and key not in self.lex.not_places:
                m = Mention(start, run[j].end, self.text[start:run[j].end], key, matches, single_word=False)
                m.notes.append("headed")  # the lower-case head is part of the name: a strong cue
                out.append(m)
                return j + 1
        return 0

    def _lookup(self, start: int, end: int):
        key = norm(self.text[start:end])
        if not key or key in self.lex.not_places:
            return None
        with_article = self._with_article(start, key)
        matches = with_article or self._find(key)
        if not matches:
            # "Nord-Mali": a compass point joined to a country or a region names that place
            compass = self.lex.compass.match(key)
            if compass:
                matches = tuple(m for m in self.gaz.lookup(compass.group(1)) if m.entry.kind != "city")
        if not matches and self._said_as_place(start, end):
            # "El-Facher", "Omdourman": French spellings of names the gazetteer has in English
            matches = self._variants(key)
        return (start, end, key, matches, bool(with_article)) if matches else None

    def _with_article(self, start: int, key: str):
        """"au Caire" -> "le Caire", "la Mecque": the name may carry its article."""
        art = re.search(r"(?:^|\s)(\w+)(?:\s|['’])$", self.text[max(0, start - 5):start])
        if not art:
            return ()
        word = art.group(1).lower()
        article = self.lex.contractions.get(word, word if word in self.lex.name_articles else None)
        found = self.gaz.lookup(f"{article} {key}") if article else ()
        if not found:
            return ()
        # the bare name may still be a country ("la Réunion" is not a hamlet "La Réunion")
        return tuple(m for m in self._find(key) if m.entry.kind == "country") + found

    def _find(self, key: str):
        """The entries of a name; "La Réunion", "Les Comores": a country also without its article."""
        matches = self.gaz.lookup(key)
        head, _, rest = key.partition(" ")
        if rest and head in self.lex.name_articles:
            extra = tuple(m for m in self.gaz.lookup(rest) if m.entry.kind in ("country", "admin1", "region"))
            matches = extra + matches
        return matches

    def _variants(self, key: str):
        for variant in _spellings(key, self.lex.spellings):
            found = self.gaz.lookup(variant)
            if found:
                return tuple(Match(m.entry, min(m.quality, ALTERNATE)) for m in found)
        return ()

    def _said_as_place(self, start: int, end: int) -> bool:
        if any(s <= start and end <= e and label in ("LOC", "GPE") for s, e, label, _ in self.ents):
            return True
        left = self._unaccent(self.text[max(0, start - _WINDOW):start])
        return bool(self.lex.locative.search(left) or self.lex.city_cue.search(left)
                    or self.lex.division_cue.search(left))

    # --- parser entities the gazetteer does not know ------------------------------------------
    def _unmatched_entities(self, found: list[Mention]) -> list[Mention]:
        out = []
        for s, e, label, _ in self.ents:
            if label not in ("LOC", "GPE") or any(m.start < e and s < m.end for m in found):
                continue
            text = self.text[s:e]
            if not text[:1].isupper() or "\n" in text:
                continue
            key = norm(text)
            if not key or key in self.lex.not_places:
                continue
            out.append(Mention(s, e, text, key, (), single_word=" " not in text.strip()))
        return out

    # --- the words around a mention ------------------------------------------------------------
    def _describe(self, mentions: list[Mention]) -> None:
        prev: Mention | None = None
        for m in mentions:
            left = self._unaccent(self.text[max(0, m.start - _WINDOW):m.start])
            cue = self.lex.division_cue.search(left)
            if cue:
                m.hint = "division"
            else:
                cue = self.lex.city_cue.search(left)
                m.hint = "city" if cue else None
            if cue:  # "la ville syrienne de X": the cue names the country
                m.country_hint = next((self.lex.demonyms[k] for k in map(norm, cue.group().split())
                                       if k in self.lex.demonyms), None)
            loc = self.lex.locative.search(left)
            m.locative = loc.group(1).lower() if loc else None
            m.article = bool(self.lex.article.search(left)) and "article" not in m.notes
            m.area = "article" not in m.notes and bool(self.lex.area.search(left))
            m.ner = self._label(m.start, m.end)
            if "headed" in m.notes:
                m.hint = "region"
            m.proper = self._proper(m)
            if self.lex.person_cue.search(left) or self._person(m):
                m.partial = True
            if m.single_word and m.key in self.person_keys and not m.locative and not m.hint:
                m.partial = True
            if re.match(r"\s+\d", self.text[m.end:m.end + 3]):  # "France 24": a name, not a place
                m.partial = True
            if self._thing(m) or self.lex.count.search(left[-25:]) and not _names_country(m):
                m.partial = True  # "l'ouragan Sandy", "Sandy a fait 39 morts", "deux Länder"
            m.country_hint = m.country_hint or self._apposed_country(m.end, mentions)
            if prev is not None and self.lex.list_gap.match(self.text[prev.end:m.start]):
                # "les régions d'Alep, Hama et Lattaquié", "à Jalo et Ojla"
                m.hint = m.hint or prev.hint
                m.locative = m.locative or prev.locative
                m.siblings.append(prev)
                prev.siblings.append(m)
            prev = m
        for i, m in enumerate(mentions):
            # "A Breezy Point, dans le Queens": the place the name lies in
            n = next((n for n in mentions[i + 1:] if n.start >= m.end), None)
            if n is not None and n.start - m.end <= _WINDOW and self.lex.within.match(self.text[m.end:n.start]):
                m.within = n

    def _thing(self, m: Mention) -> bool:
        """Inside the name of a thing or a storm, or the name of a storm said again."""
        return m.key in self.storm_keys or any(a <= m.start and m.end <= b for a, b in self.things)

    def _unaccent(self, left: str) -> str:
        """The left context with a sentence's first word written without its accent in
        capitals made right ("A Lyon" -> "à Lyon")."""
        last = re.search(r"(\S+)\s*$", left)
        if last is None or last.group(1) not in self.lex.unaccented:
            return left
        before = left[:last.start()].rstrip()
        if before and before[-1] not in _SENTENCE_ENDS:
            return left
        return left[:last.start()] + self.lex.unaccented[last.group(1)] + left[last.end(1):]

    def _apposed_country(self, end: int, mentions: list[Mention]) -> str | None:
        """The country set right after a name: "Houla, dans le sud du Liban", "Boulikessi au
        Mali", "Tripoli (Liban)"."""
        for n in mentions:
            if n.start >= end:
                if n.start - end > _WINDOW or not self.lex.apposition.match(self.text[end:n.start]):
                    return None
                country = next((x.entry.country_code for x in n.matches if x.entry.kind == "country"), None)
                if country is None:
                    # "Rafah, dans le sud de la bande de Gaza": a region of one country sets it too
                    areas = {x.entry.country_code for x in n.matches if x.entry.kind in ("admin1", "region")}
                    country = areas.pop() if len(areas) == 1 and len(n.matches) == 1 else None
                return country
        return None

    def _label(self, start: int, end: int) -> str | None:
        best = None
        for s, e, label, _ in self.ents:
            if s <= start and end <= e:
                if label in ("LOC", "GPE") and (s, e) == (start, end):
                    return label
                best = best or label
        return best

    def _person(self, m: Mention) -> bool:
        """Inside a longer person's name as the parser reads it ("Hama" in "Hama Amani")."""
        return any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in self.person_words)

    def _proper(self, m: Mention) -> bool:
        toks = [t for t in self.parsed.char_span(m.start, m.end, alignment_mode="expand") or ()
                if t.text[:1].isupper()]
        if not toks:
            return False
        if m.single_word and self.lex.demonym.search(m.text.lower()) and not _names_country(m):
            return False
        return all(t.pos_ in ("PROPN", "X") for t in toks) or m.ner in ("LOC", "GPE")

    # --- sites -------------------------------------------------------------------------------------
    def _site(self, run: list[Word], found: list[Mention]) -> Site | None:
        if len(run) > 1 and run[0].text.lower() in self.lex.site_heads and all(m.partial for m in found):
            # "Place Bellecour", "Mont Hermon": the site word capitalised, inside the run
            start, end = run[0].start, run[-1].end
            if self._is_blocked(run[1].start, end) or norm(self.text[run[1].start:end]) in self.lex.not_places:
                return None
            return Site(start, end, self.text[start:end], None)
        start = run[0].start
        left = self.text[max(0, start - _WINDOW):start]
        cue = self.lex.site_cue.search(left)
        if cue is None:
            return None
        site_start = max(0, start - _WINDOW) + cue.start("site")
        if "\n" in self.text[site_start:start]:
            return None  # a title's last words are no site word of the next line's first name
        of_place = bool(self.lex.ends_in_de.search(cue.group()))
        if self.text[site_start - 1:site_start].isalpha():
            return None
        before = self.text[max(0, site_start - 12):site_start + len(cue.group("site"))].lower()
        if any(before.endswith(idiom) for idiom in self.lex.not_sites):
            return None  # "à la place de X", "sur la base de X": no site
        if any(s <= start and run[-1].end <= e for s, e in self.person_words):
            return None  # "la rue de Jean Moulin" names a person, not a site in a town
        if norm(self.text[start:run[-1].end]) in self.lex.not_places:
            return None  # "la plus grande centrale nucléaire d'Europe"
        between = self.text[site_start + len(cue.group("site")):start]
        if not of_place and re.search(r"\b[A-ZÀ-ÖØ-Þ]", between):
            return None  # "place Tahrir au Caire": "Caire" is no site's name, "Tahrir" was one
        if not of_place and between.strip():
            # "le stade couvert appelé Madrid Arena": a site's name is a clean name, the words
            # between the site word and it are no part of it
            site_start = start
        # the name runs to the first place found after its first word ("place Tahrir du Caire");
        # a place that is only the first word of a longer name ("Madrid Arena") is no end
        first = found[0] if found else None
        if first is not None and first.start == start and not first.partial:
            return Site(site_start, first.end, self.text[site_start:first.end], first, of_place=of_place)
        end = run[-1].end
        if first is not None and first.start > start:
            end = _end_before(run, first.start, self.lex)
        anchor = first
        return Site(site_start, end, self.text[site_start:end], anchor, of_place=of_place)


def _end_before(run: list[Word], pos: int, lex: Lexicon) -> int:
    words = [w for w in run if w.end <= pos]
    while words and words[-1].text in lex.connectors:
        words.pop()
    return words[-1].end if words else run[0].end


def _spellings(key: str, rules: tuple[tuple[str, str], ...]) -> list[str]:
    """The name rewritten by each combination of the spelling rules ("ch" -> "sh", "ou" -> "u")."""
    out = {key}
    for a, b in rules:
        out |= {v.replace(a, b) for v in out if a in v}
    out.discard(key)
    return sorted(out, key=lambda v: (len(v), v))


def _particle_name(w: Word, lex: Lexicon) -> bool:
    """"ez-Zor", "al-Bab": a lower-case Arabic article joined to a capitalised name."""
    head, _, rest = w.text.partition("-")
    return bool(rest) and head.lower() in lex.connectors and rest[:1].isupper()


def _partial(run: list[Word], i: int, j: int, lex: Lexicon) -> bool:
    """The match is a piece of a longer capitalised name: a capitalised word stands right next
    to it with no connector between ("Radio France", "Hama Amani")."""
    before = i > 0 and run[i - 1].capitalised and run[i - 1].text not in lex.connectors
    after = j + 1 < len(run) and run[j + 1].capitalised and run[j + 1].text not in lex.connectors
    return before or after


def _names_country(m: Mention) -> bool:
    return any(x.entry.kind == "country" for x in m.matches)


def _strip(ent):
    """An entity's span without its leading article or preposition ("de France" -> "France")."""
    toks = list(ent)
    while toks and toks[0].pos_ in ("DET", "ADP") and toks[0].text[:1].islower():
        toks = toks[1:]
    while toks and toks[-1].is_space:
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text), ent.label_, len(toks)


def _keep_unresolved(mentions: list[Mention], finder: _Finder, focus) -> None:
    """A name the gazetteer lacks stays a place when a cue says it is one: "la ville de X",
    "le comté de X", or a one-word place entity right after "à" ("à Jalo et Ojla"). So does a
    place entity after "à" whose only namesakes lie outside the article's countries ("vers
    Tawila": the gazetteer knows a Tawila in Yemen, not the one in Darfur)."""
    for m in mentions:
        if m.accepted or m.partial or not m.proper:
            continue
        if m.entry is not None and (m.entry.kind == "country" or m.entry.country_code in focus):
            continue
        strong = m.single_word and m.locative in finder.lex.strong_locatives
        # the parser often reads an Arabic place name as a person's: "vers Tawila" is a place
        # when some place bears the name
        if m.hint is not None and m.entry is not None and m.entry.kind == "city" and m.entry.country_code not in focus:
            m.entry = None  # "la ville de Konna": a town the gazetteer lacks, not its namesake abroad
        if m.entry is None and m.hint is not None \
                or strong and (m.ner in ("LOC", "GPE") or m.ner == "PER" and m.matches):
            m.entry, m.accepted = None, True
            m.notes.append("unresolved")


def _names_of_sites(sites: list[Site]) -> None:
    """"le mont Blanc", "la tour Montparnasse": a site with a name of its own whose name is a
    town's elsewhere is the site, never that town ("Le Blanc" in the Indre). A country or a
    division so named stays ("l'île Maurice" is Mauritius)."""
    for s in sites:
        a = s.anchor
        if s.of_place or a is None or a.end != s.end or not a.accepted:
            continue
        if a.entry is None or a.entry.kind == "city":
            a.accepted = False


def _one_sense(mentions: list[Mention]) -> None:
    """One sense per discourse: the kept mentions of one name (and kind of cue) read the same
    entry throughout the article, that of its first resolved mention, unless the text sets
    them in different countries ("Rafah, en Égypte" ... "Rafah, dans la bande de Gaza")."""
    groups: dict[tuple[str, bool], list[Mention]] = {}
    for m in mentions:
        if m.accepted:
            groups.setdefault((m.key, m.hint == "division"), []).append(m)
    for ms in groups.values():
        readings = {m.entry.id if m.entry is not None else None for m in ms}
        if len(readings) < 2 or len({m.country_hint for m in ms if m.country_hint}) > 1:
            continue
        first = next((m.entry for m in ms if m.entry is not None), None)
        for m in ms:
            m.entry = first


# --- the places of the record ------------------------------------------------------------------
def _assemble(doc: Doc, mentions: list[Mention], sites: list[Site], hints: Counter):
    focus = _country_weights(mentions, hints)
    places: list[Place] = []
    index: dict[object, int] = {}
    notes: list[tuple[int, int, int]] = []

    def add(key, make, start, end):
        if key not in index:
            index[key] = len(places)
            places.append(make())
        i = index[key]
        places[i].mentions.append(doc.raw_span(start, end))
        notes.append((start, end, i))

    said_in: dict[str, str] = {}  # an unresolved name's country, from any of its mentions
    for m in mentions:
        if m.accepted and m.entry is None and m.country_hint:
            said_in.setdefault(m.key, m.country_hint)
    for m in mentions:
        if not m.accepted:
            continue
        if m.entry is not None:
            add(("entry", m.entry.id), lambda e=m.entry: _place(e), m.start, m.end)
        else:
            kind = "region" if m.hint == "division" else "city"
            cc = said_in.get(m.key) or _country_near(m, mentions, focus)
            add(("name", m.key), lambda m=m, k=kind, cc=cc: Place(m.text, None, k, cc, None, None), m.start, m.end)
    # a site named after a place ("l'aéroport de Goma", "le camp militaire de Katindo") is no
    # place of the record (annotators do not list it; the town keeps its own mention): kept
    # for analysts in the notes. A site with a name of its own ("la place Tahrir") is a place.
    found_sites = _sites([s for s in sites if s.of_place], mentions, focus)
    for s in sites:
        if s.of_place:
            continue
        anchor = s.anchor.entry if s.anchor is not None and s.anchor.accepted else None
        if anchor is not None and anchor.kind != "city" and s.anchor.end == s.end:
            continue  # "l'île Maurice": the place itself
        named = s.anchor.entry if s.anchor is not None else None  # kept or not, the text's name
        cc = named.country_code if named is not None else s.country or _country_near(s, mentions, focus)
        lat, lon = (anchor.lat, anchor.lon) if anchor is not None and anchor.kind != "country" else (None, None)
        add(("site", norm(s.name)), lambda s=s, cc=cc, lat=lat, lon=lon: Place(s.name, None, "site", cc, lat, lon),
            s.start, s.end)
    order = sorted(range(len(places)), key=lambda i: places[i].mentions[0].start)
    remap = {old: new for new, old in enumerate(order)}
    places = [places[i] for i in order]
    notes = sorted((s, e, remap[i]) for s, e, i in notes)
    return places, notes, found_sites


def _sites(sites: list[Site], mentions: list[Mention], focus: Counter) -> list[dict]:
    """The sites the text builds ("l'aéroport de Goma", "le camp militaire de Katindo"), for
    analysts only: annotators list no such site, so none is a place of the record; the town
    it is named after keeps its own mention. Clean offsets, like the other notes."""
    out = []
    for s in sites:
        anchor = s.anchor.entry if s.anchor is not None and s.anchor.accepted else None
        if anchor is not None and anchor.kind != "city" and s.anchor.end == s.end:
            continue  # "l'île Maurice", "la région du Darfour": the place itself
        named = s.anchor.entry if s.anchor is not None else None  # kept or not, the text's name
        cc = named.country_code if named is not None else s.country or _country_near(s, mentions, focus)
        lat, lon = (anchor.lat, anchor.lon) if anchor is not None and anchor.kind != "country" else (None, None)
        out.append({"name": s.name, "start": s.start, "end": s.end, "country_code": cc or None,
                    "lat": lat, "lon": lon, "anchor": anchor.name if anchor is not None else None})
    return out


def _place(e: Entry) -> Place:
    return Place(e.name, e.geonameid, e.kind, e.country_code or None, e.lat, e.lon, population=e.population or None)


def _country_weights(mentions: list[Mention], hints: Counter) -> Counter:
    """How much the article speaks of each country: the countries it names, the places it
    names, the adjectives it uses ("libanais")."""
    weight: Counter = Counter({cc: 0.25 * n for cc, n in hints.items()})
    for m in mentions:
        if m.accepted and m.entry is not None and m.entry.country_code:
            weight[m.entry.country_code] += 1.0 if m.entry.kind == "country" else 0.5
    return weight


def _top(weight: Counter) -> str | None:
    return max(sorted(weight), key=lambda cc: weight[cc]) if weight else None


def _country_near(m: Mention | Site, mentions: list[Mention], weight: Counter) -> str | None:
    """The country of a place the gazetteer lacks: the article's, leaning to the places named
    near it ("le village de Maifadoun", a sentence before "la ville de Nabatieh")."""
    local = Counter(weight)
    for x in mentions:
        if x.accepted and x.entry is not None and x.entry.country_code and x.entry.kind != "country" \
                and abs(x.start - m.start) <= _NEAR_CHARS:
            local[x.entry.country_code] += 2.0
    return _top(local)
