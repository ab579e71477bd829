"""When an event happened: its own date, else the date of the words that govern it, else the
date the paragraph has set, else (for news told in the present or passé composé) the
publication date. A sentence about a year long past makes the event historical: it gets that
date, and an event told as background with no date at all is not given today's.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta

from ..record import DateValue
from .dates import DateExpr, DateFinder
from .syntax import DATE_PRUNE, collect

# An event noun's own relative clause dates it.
_NOUN_DATE_PRUNE = DATE_PRUNE - {"acl:relcl"}
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(slots=True)
class Dated:
    value: DateValue | None
    historical: bool = False
    background: bool = False  # told as past background, with no date to give it: leave it out


class DocDates:
    def __init__(self, finder: DateFinder, doc, published: date | None, lang: str = "fr") -> None:
        self.finder = finder
        self.doc = doc
        self.pub = published
        self._by_sent: dict[int, list[tuple[int, int, DateExpr]]] = {}
        # read block by block: the parser may cut a dateline ("5 juillet 2012. -") into pieces
        found: list[tuple[int, int, DateExpr]] = []
        text = doc.clean_text
        spans = [(b.start, b.end) for b in doc.blocks] or [(0, len(text))]
        for bs, be in spans:
            found.extend((bs + x.start, bs + x.end, x) for x in finder.find(text[bs:be]))
        found.sort(key=lambda f: f[0])
        self.all = found
        self.starts = [f[0] for f in found]
        self.cues = finder.re_historical  # compiled once per language, not per document

    def exprs(self, sent) -> list[tuple[int, int, DateExpr]]:
        """Date expressions of a sentence, with clean-text offsets."""
        got = self._by_sent.get(sent.start)
        if got is None:
            i = bisect_left(self.starts, sent.start_char)
            j = bisect_left(self.starts, sent.end_char)
            got = self.all[i:j]
            self._by_sent[sent.start] = got
        return got

    def resolve(self, x: DateExpr, *, future: bool = False) -> DateValue | None:
        return self.finder.resolve(x, self.pub, future=future)

    def is_old(self, v: DateValue | None) -> bool:
        if v is None or self.pub is None:
            return False
        return date.fromisoformat(v.end) < self.pub - timedelta(days=365)

    @staticmethod
    def _within(tokens, s: int, e: int) -> bool:
        return any(t.idx <= s < t.idx + len(t.text) for t in tokens)

    def _best(self, found, trigger, future: bool) -> DateValue | None:
        scored = []
        for s, e, x in found:
            v = self.resolve(x, future=future)
            if v is None:
                continue
            scored.append(((x.role != "at", PRECISION_RANK.get(v.precision, 4), abs(s - trigger.idx)), v))
        return min(scored, key=lambda p: p[0])[1] if scored else None

    def date_of(self, trigger, host, sent, block_start: int, verb_tense: str) -> Dated:
        future = verb_tense == "future"
        exprs = [x for x in self.exprs(sent) if x[2].role != "bound"]
        found = self._clause_dates(trigger, host, exprs) if exprs else []  # no date in the sentence: none to look for
        v = self._best(found, trigger, future)
        if v is not None:
            if verb_tense == "present" and all(x[2].role == "since" for x in found):
                # "occupe la ville depuis 2019": a state that goes on, not an event
                return Dated(v, self.is_old(v), background=True)
            return Dated(v, self.is_old(v))
        # 3. a sentence about the past: its old date, unless that date only tells the history
        #    of something the event touches ("la citadelle, endommagée en 2012")
        old = [(s, e, x) for s, e, x in exprs if self.is_old(self.resolve(x)) and self._frames(host, s, e)]
        v = self._best(old, trigger, future)
        if v is not None:
            return Dated(v, True)
        if self.cues and verb_tense != "present":
            for m in self.cues.finditer(self.doc.clean_text[sent.start_char:sent.end_char]):  # sent.text, not re-joined
                if self._frames(host, sent.start_char + m.start(), sent.start_char + m.end()):
                    return Dated(None, True, background=True)
        # 4. the date the paragraph has set, for a verb in a past tense
        if verb_tense in ("past", "conditional"):
            v = self._context(sent, block_start)
            if v is not None:
                return Dated(v, self.is_old(v))
        if verb_tense == "present":  # a narrative present in a paragraph set in a year long past
            v = self._context(sent, block_start)
            if v is not None and self.is_old(v):
                return Dated(v, True)
        if future or self.pub is None:
            return Dated(None)
        # 5. news: the publication date
        p = self.pub.isoformat()
        return Dated(DateValue(p, p, "day", None))

    def _clause_dates(self, trigger, host, exprs) -> list[tuple[int, int, DateExpr]]:
        """Steps 1 and 2 of ``date_of``: the dates of the clause, else of the words governing it."""
        # 1. the clause's own date
        own = collect(host, DATE_PRUNE, skip=self._relative_like(host))
        if trigger != host or trigger.pos_ == "NOUN":
            # an event noun's own relative clause dates it ("la guerre, qui a éclaté en 2011")
            own = own + collect(trigger, _NOUN_DATE_PRUNE)
        found = [x for x in exprs if self._within(own, x[0], x[1])]
        if not found:  # verbs joined by "et" share their date ("ont incendié ... et pillé ... mardi")
            conj = [c for c in host.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
            if host.dep_ == "conj":
                conj.append(host.head)
            for c in conj:
                scope = collect(c, DATE_PRUNE)
                found = [x for x in exprs if self._within(scope, x[0], x[1])]
                if found:
                    break
        # 2. the words that govern it ("a déclaré vendredi avoir tué")
        if not found:
            child = host
            g = host.head
            while not found and g != child:
                scope = collect(g, DATE_PRUNE, skip=[child])
                found = [x for x in exprs if self._within(scope, x[0], x[1])]
                child, g = g, g.head
        return found

    def _relative_like(self, host) -> list:
        """Adverbial clauses that date another thing: relative clauses in disguise ("..., qui
        doit entrer en vigueur jeudi") and participles with no conjunction ("la citadelle,
        endommagée lors des combats de 2012"). A clause opened by "alors que", "quand",
        "lorsque" dates the event and stays."""
        out = []
        for c in host.children:
            if c.dep_ != "advcl":
                continue
            relative = any(x.dep_ in ("nsubj", "obj") and x.lower_ in self.finder.relative_clause_pronouns
                           for x in c.children)
            bare_participle = "Part" in c.morph.get("VerbForm") and not any(x.dep_ == "mark" for x in c.children)
            if relative or bare_participle:
                out.append(c)
        return out

    def _frames(self, host, s: int, e: int) -> bool:
        """True when a date at [s, e) may frame the clause of ``host``: it lies outside the
        clause, or in a temporal phrase of it ("lors de la guerre qui a éclaté en 2011")."""
        span = host.doc.char_span(s, e, alignment_mode="expand")
        if span is None or not len(span):
            return False
        t = span.root
        path = []
        while t != host and t.head != t:
            path.append(t)
            t = t.head
        if t != host:
            return True  # not under the clause's head
        if not path:
            return True
        first = path[-1]  # the host's dependent the date hangs under
        if not first.dep_.startswith("obl") and first.dep_ not in ("advmod", "advcl"):
            return False
        words = {c.lower_ for c in first.children if c.i < first.i} | {first.lower_}
        return bool(words & self.finder.temporal_openers) or first == span.root

    def _context(self, sent, block_start: int) -> DateValue | None:
        """The last date set before this sentence in its paragraph."""
        i = bisect_left(self.starts, sent.start_char) - 1
        while i >= 0 and self.all[i][0] >= block_start:
            if self.all[i][2].role == "at":
                return self.resolve(self.all[i][2])
            i -= 1
        return None
