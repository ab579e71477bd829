"""Tellings: one event told several times is one event.

In a sentence, a noun and a verb, or a verb and its participle, tell one event ("une frappe a
tué 18 personnes", "ont attaqué X, tuant 4 soldats"). In the next sentence, a follow-up goes on
with it ("Les combats ont duré plusieurs heures", "Au moins 20 civils ont péri"). In the
article, a title or a caption repeats the lead. Each is kept once, with the other spans as
mentions. Part of the events stage's per-document reader (``_DocRun``).
"""
from __future__ import annotations

from bisect import bisect_right

from ..taxonomy import EventType
from .arguments import Arg
from .draft import FACTUAL, REMOTE, SPECIFIC, Draft
from .syntax import EVIDENCE_PRUNE, SUBJECTS, collect, first_child, participle_like


class Tellings:
    """Keeps each event once across its tellings (part of ``_DocRun``)."""

    def _kind(self, family: str) -> str:
        if family in self.lex.violent:
            return "violent"
        family = self.lex.same_kind.get(family, family)
        f = self.lex.family(family)
        return f.event_type if f.event_type != EventType.STRATEGIC_DEVELOPMENTS else f"SD/{family}"

    @staticmethod
    def _specificity(family: str) -> int:
        return 3 if family in REMOTE else 2 if family in SPECIFIC else 1

    def _same_telling(self, h: Draft, v: Draft) -> bool:
        """Two verbs of the sentence that tell one event: a participle that goes on with it
        ("ont lancé une offensive ..., déclenchant la bataille"; "ont attaqué X, tuant 5
        soldats"), or a second verb sharing its subject ("ont incendié ... et pillé ...";
        "ont tué les habitants et incendié les maisons")."""
        if h.family == "disrupted" and v.family in REMOTE and v.trigger.dep_ in ("acl", "amod") \
                and v.trigger.head.i in {o.i for o in self._objects(h.trigger) + self._near_nouns(h.trigger)}:
            h.actor2 = h.actor2 or v.actor1  # "a intercepté un missile tiré par les Houthis"
            return True
        if h.family in self.lex.violent and v.family in ("destruction", "looting") and v.trigger.dep_ == "conj" \
                and v.trigger.head.i == h.trigger.i and first_child(v.trigger, *SUBJECTS) is None:
            return True
        if self._kind(h.family) != self._kind(v.family):
            return False
        t = v.trigger
        anchors = {x.i for x in self._clause_of(h.host)}
        if h.trigger.dep_ == "xcomp":
            anchors.add(h.trigger.head.i)  # "s'est fait exploser ..., tuant"
        if t.dep_ in ("advcl", "acl", "obl", "obl:mod", "amod", "advmod") and t.head.i in anchors and participle_like(t, self.lex.grammar):
            return True
        if t.dep_ == "acl" and t.head.i in anchors and t.head.i != h.trigger.i:
            return True  # "tués dans une embuscade tendue par des jihadistes"
        return t.dep_ == "conj" and t.head.i == h.trigger.i and first_child(t, *SUBJECTS) is None

    def _merge_sentence(self, found: list[Draft]) -> list[Draft]:
        verbal: list[Draft] = []
        for v in (d for d in found if d.verbal):
            head = next((h for h in verbal if self._same_telling(h, v)), None)
            if head is not None:
                self._absorb(head, v)
            else:
                verbal.append(v)
        # a participle going on with an event told by a noun ("des raids ont visé X, tuant six civils")
        for n in (d for d in found if not d.verbal and d.host != d.trigger):
            for v in list(verbal):
                if self._kind(v.family) == self._kind(n.family) and participle_like(v.trigger, self.lex.grammar) \
                        and v.trigger.head.i in {x.i for x in self._clause_of(n.host)}:
                    verbal.remove(v)
                    n.parts.append(v)
                    n.actor2 = n.actor2 or v.actor2
                    n.patient = n.patient or v.patient
                    n.lethal = n.lethal or v.lethal
        out = list(verbal)
        for n in (d for d in found if not d.verbal):
            if n.day_before is not None:  # "au lendemain d'un attentat": another event, the day before
                out.append(n)
                continue
            # a noun hosted by an event verb, or inside its clause, is that event told again
            target = next((v for v in verbal if n.host == v.trigger), None)
            if target is None:
                target = next((v for v in out if v is not n and self._kind(v.family) == self._kind(n.family)
                               and self._in_clause(n.trigger, v)), None)
            if target is None:
                if not n.only_part:
                    out.append(n)
            elif n.only_part:
                self._absorb(target, n, keep_family=True)
            else:
                self._absorb(target, n)
        out.sort(key=lambda d: d.trigger.i)
        return out

    def _in_clause(self, tok, d: Draft) -> bool:
        return any(t.i == tok.i for t in self._clause_of(d.host))

    def _clause_of(self, tok) -> list:
        """The words of the clause headed by ``tok`` (cached: asked for again and again)."""
        got = self._clauses.get(tok.i)
        if got is None:
            got = self._clauses[tok.i] = collect(tok, EVIDENCE_PRUNE)
        return got

    def _absorb(self, into: Draft, part: Draft, *, keep_family: bool = False) -> None:
        into.parts.append(part)
        if keep_family:
            pass
        elif self._kind(into.family) == self._kind(part.family) or into.host == part.host or part.host == into.trigger:
            if self._specificity(part.family) > self._specificity(into.family):
                into.family = part.family
        into.actor1 = into.actor1 or part.actor1
        into.actor2 = into.actor2 or part.actor2
        into.patient = into.patient or part.patient
        into.lethal = into.lethal or part.lethal

    def _news_sentence(self, sent) -> bool:
        """No date of its own, no "depuis", no past background: a toll that may go with the
        event told just before ("Au moins 20 civils ont péri"), not a war's total."""
        if any(x.role == "since" or self.when.is_old(self.when.resolve(x)) for _, _, x in self.when.exprs(sent)):
            return False
        text = self._text(sent)
        return not any(w in text.lower() for w in self.lex.grammar.since_words) and not (self.when.cues and self.when.cues.search(text))

    def _follow_ups(self, drafts: list[Draft], tolls) -> list[Draft]:
        """A sentence that goes on about the event just told is part of it: "Les combats ont
        duré plusieurs heures", "L'attaque n'a pas été revendiquée" (an event noun with a definite
        article and nothing of its own), "Au moins 20 civils ont péri" (a toll with no event),
        "Trois civils ont été tués" (a killing with no one named to have done it)."""
        drafts.sort(key=lambda d: d.trigger.i)
        kept: list[Draft] = []
        for d in drafts:
            prev = self._antecedent(kept, d)
            if prev is not None and d.place_from == "clause" and prev.place is not None and d.place != prev.place \
                    and not self._places_nest(prev.place, d.place):
                prev = None  # told somewhere else: another event
            if prev is not None and (self._anaphoric(d) or self._bare_killing(d, prev)):
                prev.parts.append(d)  # only its span and its toll: the actors are the first telling's
                prev.mentions.append(d.evidence)
                if prev.actor1 is None and d.actor1 is not None and d.host.lemma_.lower() in self.lex.always_hosts:
                    prev.actor1 = d.actor1  # "L'attaque a été revendiquée par le JNIM": who did it
                if d.fatalities is not None and prev.fatalities is None:
                    prev.fatalities = d.fatalities
                continue
            kept.append(d)
        for sent, n in tolls:
            prev = self._antecedent(kept, None, sent=sent)
            if prev is not None and prev.fatalities is None:
                prev.fatalities = n
        return kept

    def _places_nest(self, a: int, b: int) -> bool:
        """b is a broader place around a (a country or province of the city told first): a
        follow-up may name the wider area."""
        pa, pb = self.doc.places[a], self.doc.places[b]
        broader = {"country": 5, "region": 4, "admin1": 3, "admin2": 2}
        return pa.country_code == pb.country_code and broader.get(pb.kind, 0) > broader.get(pa.kind, 0)

    def _antecedent(self, kept: list[Draft], d: Draft | None, *, sent=None) -> Draft | None:
        """The violent event told in the sentence just before, in the same paragraph."""
        sent = sent if sent is not None else d.sent
        block = self._block(sent.start_char)
        for k in reversed(kept):
            if k.sent.start >= sent.start or k.day_before is not None:
                continue  # not "au lendemain d'un attentat": the clause's own event is the one gone on with
            if block is None or k.title or not self._adjacent(k.sent, sent, allow_between=k is not kept[-1]):
                return None
            if d is not None and self._kind(k.family) != self._kind(d.family):
                return None
            if d is None and k.family not in self.lex.violent:
                return None
            if k.dated and k.dated.historical:
                return None
            return k
        return None

    def _adjacent(self, a, b, *, allow_between: bool = False) -> bool:
        """b comes right after a: in the same paragraph or the next one (many sources put each
        paragraph on a line of its own), with little between (the splitter may have cut a's
        sentence in two)."""
        ia = bisect_right(self.block_starts, a.start_char) - 1
        ib = bisect_right(self.block_starts, b.start_char) - 1
        if ia < 0 or ib < 0 or self.blocks[ib].kind != "paragraph":
            return False
        return ib - ia <= 1 and b.start - a.end <= 30

    def _anaphoric(self, d: Draft) -> bool:
        """An event noun that points back: "les combats", "cette attaque", with no actor,
        place or date of its own."""
        if d.verbal or d.noun is None:
            return False
        det = {c.lower_ for c in d.noun.children if c.dep_ == "det"}
        if not det & self.lex.grammar.definite_determiners:
            return False
        return not self._has_own_arguments(d.noun, d.sent)

    def _refers_back(self, d: Draft) -> bool:
        """"l'attentat de samedi", "cette attaque": a definite noun, the event already told."""
        if d.noun is None:
            return False
        det = {c.lower_ for c in d.noun.children if c.dep_ == "det"}
        return bool(det & self.lex.grammar.definite_determiners)

    def _generic_attacker(self, a: Arg) -> bool:
        """"les assaillants", "ces hommes armés": the attackers just told of, no one new."""
        head = a.head
        det = {c.lower_ for c in head.children if c.dep_ == "det"}
        return head.lemma_.lower() in self.lex.anaphoric_attackers and bool(det & self.lex.grammar.anaphoric_determiners)

    def _bare_killing(self, d: Draft, prev: Draft) -> bool:
        """"Trois civils ont été tués.": victims, no attacker, no date or place of its own."""
        if not d.verbal or not d.lethal:
            return False
        if d.actor1 is not None and not self._generic_attacker(d.actor1):
            return False
        told = self._told_date(d)
        return told is None or (self._told_date(prev) is not None and told.start == self._told_date(prev).start)

    def _dedupe(self, drafts: list[Draft]) -> list[Draft]:
        kept: list[Draft] = []
        for d in sorted(drafts, key=lambda x: (x.title, x.trigger.i)):
            same = [k for k in kept if self._same_event(k, d)]
            back = None if same else self._reported_back(kept, d)
            if back is not None:
                same = [back]
            if not same:
                kept.append(d)
                continue
            best = max(same, key=lambda k: self._likeness(k, d))
            best.mentions.append(d.evidence)
            if best.actor1 is None and d.actor1 is not None and not d.title:
                best.actor1 = d.actor1  # "le Mujao a revendiqué l'attentat de samedi": who did it
        kept.sort(key=lambda x: x.trigger.i)
        return kept

    def _reported_back(self, kept: list[Draft], d: Draft) -> Draft | None:
        """"L'attentat a été revendiqué par l'EI", "l'ONU a condamné l'attaque": a definite event
        noun that a claim or a report takes, with no place of its own, is the event of its kind
        told just before (the day that clause gives is the claim's, not the attack's)."""
        if d.verbal or d.title or not self._refers_back(d) or d.host is d.trigger or d.place_from == "clause":
            return None
        if d.host.lemma_.lower() not in self.lex.report_hosts or self._has_own_arguments(d.noun, d.sent):
            return None
        earlier = [k for k in kept if k.trigger.i < d.trigger.i and not k.title
                   and self._kind(k.family) == self._kind(d.family)]
        return earlier[-1] if earlier else None

    def _likeness(self, a: Draft, b: Draft) -> tuple:
        """How alike two tellings are: for a title, the body event it most likely sums up."""
        return (a.fatalities is not None and a.fatalities == b.fatalities,
                self._compatible(a.actor1, b.actor1) and self._compatible(a.actor2, b.actor2),
                a.trigger.lemma_ == b.trigger.lemma_ or self._key_noun(a) == self._key_noun(b),
                a.family == b.family,
                a.place is not None and a.place == b.place,
                -a.trigger.i)

    def _same_event(self, a: Draft, b: Draft) -> bool:
        if not (a.title or b.title) and self._head_word(a.trigger.lemma_) != self._head_word(b.trigger.lemma_):
            return False  # the cheap test first: this runs over all pairs
        if self._kind(a.family) != self._kind(b.family):
            return False
        if (a.title or b.title) and self._compatible(a.actor1, b.actor1) is False and a.fatalities != b.fatalities:
            return False
        if not (a.title or b.title) and (not self._compatible(a.actor1, b.actor1) or not self._compatible(a.actor2, b.actor2)):
            return False
        if b.title or a.title:
            body = a if b.title else b
            if body.day_before is not None:
                return False  # a title sums up the news, not what came the day before
            return not (body.dated and body.dated.historical) and self._same_country(a.place, b.place)
        if a.place is not None and b.place is not None and a.place != b.place \
                and not (self._refers_back(b) and b.place_from != "clause" and self._places_nest(a.place, b.place)):
            return False
        if self._head_word(a.trigger.lemma_) != self._head_word(b.trigger.lemma_):
            return False
        ka, kb = self._key_noun(a), self._key_noun(b)
        if ka != kb:
            return False
        da, db = self._told_date(a), self._told_date(b)
        if da is not None and db is not None and da.start != db.start:
            return False
        if a.fatalities is not None and b.fatalities is not None and a.fatalities != b.fatalities:
            return False
        # told as fact or as someone's word, it is the same event; denied or to come, it is not
        ma, mb = self._mod(a).modality, self._mod(b).modality
        return ma == mb or (ma in FACTUAL and mb in FACTUAL)

    def _same_country(self, x: int | None, y: int | None) -> bool:
        """A title names places loosely ("Gaza" for a camp in Gaza): same country is enough."""
        if x is None or y is None or x == y:
            return True
        return (self.doc.places[x].country_code or "") == (self.doc.places[y].country_code or "")

    @staticmethod
    def _told_date(d: Draft):
        """The date the text gives (not the publication date put in for want of one)."""
        v = d.dated.value if d.dated else None
        return v if v is not None and v.text else None

    def _key_noun(self, d: Draft) -> str | None:
        t = d.noun or first_child(d.trigger, "obj")
        return self._head_word(t.lemma_.lower()) if t is not None else None

    def _head_word(self, lemma: str) -> str:
        """A hyphenated compound is told again by its head when that is an event noun itself
        ("l'attentat-suicide" ... "l'attentat de samedi"); "cessez-le-feu" stays whole."""
        head = lemma.split("-", 1)[0]
        return head if head != lemma and self.lex.noun(head) is not None else lemma

    @staticmethod
    def _compatible(x: Arg | None, y: Arg | None) -> bool:
        if x is None or y is None:
            return True
        if x.actor_id and y.actor_id and x.actor_id == y.actor_id:
            return True
        nx, ny = x.name.lower(), y.name.lower()
        return nx in ny or ny in nx or x.head.lemma_ == y.head.lemma_
