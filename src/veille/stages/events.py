"""events: who did what to whom, where, when, how many died, and who says so.

For each sentence of the parse:
  1. triggers: verbs of the predicate lexicon whose conditions hold ("fermer" + aéroport), support
     verbs with an event noun ("lancer une offensive"), and event nouns that the text presents
     as events (subject of "avoir lieu", "éclater", "faire N morts"; or with an actor, a place or a
     date of their own: "l'attaque de l'armée contre les rebelles à Idlib");
  2. arguments from the dependency parse: actor1 (subject, passive agent, "de X" of the noun),
     actor2 (object, passive subject, "contre X"), mapped to the actors stage's actors;
  3. a noun and a verb telling the same event in one sentence become one event;
then each event gets its type (ACLED / PLOVER, refined by who acts and who is hit), place,
date, death toll and modality, and the same event told twice in the article (a title or a
caption repeating the lead) is kept once with both spans.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from .. import lexicons
from ..document import Doc
from ..events.arguments import Arg, DocArguments
from ..events.dates import DateFinder
from ..events.fatalities import FatalityCounter
from ..events.lexicon import EventLexicon, Sense
from ..events.modality import ModalityReader, StatementLookup
from ..events.numbers import NumberReader
from ..events.syntax import (EVIDENCE_PRUNE, PLACE_PRUNE, REFLEXIVE, SUBJECTS, case_of, collect, first_child,
                             is_passive, is_passive_participle, is_reflexive, orphan_subject, participle_like,
                             subject, tense)
from ..events.when import DocDates, Dated
from ..events.where import DocPlaces
from ..record import Event, Span
from ..settings import Settings

NAME = "events"
NEEDS = ("parsed", "places", "actors", "statements")
SETS = ("events",)

NOMINAL = ("NOUN", "PROPN")
FACTUAL = frozenset({"asserted", "claimed", "reported"})
# What is gained in a territorial advance ("des gains territoriaux", "du terrain").
TERRITORY_WORDS = frozenset({"gain", "gains", "terrain", "avancée", "percée", "progression", "territoire"})
# Words of time the parser takes for the head of the object that follows them ("a repris jeudi
# plusieurs villages"): a noun hung on one of them with no preposition is the verb's object.
TIME_WORDS = frozenset({"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "nuit", "matin",
                        "soir", "aube", "journée", "soirée", "matinée", "après-midi", "semaine", "week-end", "hier",
                        "aujourd'hui", "veille"})
ARG_DEPS = ("obj", "iobj", "obl", "obl:arg", "obl:mod", "nsubj:pass", "xcomp")
DE = frozenset({"de", "d'", "du", "des"})
REMOTE = frozenset({"air_strike", "shelling", "explosive", "suicide_bomb", "grenade", "chemical"})
SPECIFIC = frozenset({"massacre", "assassination", "abduction", "sexual_violence", "civilian_attack", "capture",
                      "recapture", "mob", "offensive", "siege"})
ARMED_QUALIFIERS = frozenset({"armé", "armée", "armées", "armés", "militaire", "militaires", "offensive",
                              "terrestre", "aérienne", "aérien", "antiterroriste", "d'envergure"})


@dataclass(eq=False)
class Draft:
    """An event being read: its words, then its attributes."""
    trigger: object  # spaCy Token: the verb, or the event noun
    host: object  # the verb whose clause states it (the trigger, or the verb governing the noun)
    family: str
    verbal: bool
    sent: object
    noun: object = None  # the event noun of a support verb, or the noun trigger itself
    sense: Sense | None = None
    title: bool = False
    actor1: Arg | None = None
    actor2: Arg | None = None
    patient: object = None  # who a killing verb hits (for the death toll)
    lethal: bool = False
    only_part: bool = False  # a noun in "lors de ...": it joins the clause's event or nothing
    sentence_toll: int | None = None  # the dead counted in its sentence, when it tells no other violence
    parts: list["Draft"] = field(default_factory=list)
    # filled when the event is built
    place: int | None = None
    place_from: str = "far"  # "clause": the event's own words name it; "near", "far": guessed
    dated: Dated | None = None
    fatalities: int | None = None
    evidence: tuple[int, int] | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


class Kit:
    """One language's readers, built once."""

    def __init__(self, lang: str) -> None:
        self.lex = EventLexicon(lang)
        self.numbers = NumberReader(lang)
        self.dates = DateFinder(lang)
        self.modality = ModalityReader(lang)
        self.fatal = FatalityCounter(self.lex, self.numbers)
        self.lang = lang


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.settings = settings
        langs = list((settings.get("parse.models") or {"fr": None}).keys())
        self.kits = {lang: Kit(lang) for lang in langs if lexicons.exists(lang, "events.yaml")}
        self.max_evidence = int(settings.get("events.max_evidence_chars", 300))

    def __call__(self, doc: Doc) -> Doc:
        kit = self.kits.get(doc.language or "")
        if doc.parsed is None or kit is None:
            return doc
        doc.events = _DocRun(kit, doc, max_evidence=self.max_evidence).run()
        return doc


def _published(doc: Doc) -> date | None:
    p = doc.meta.get("published")
    try:
        return date.fromisoformat(str(p)[:10]) if p else None
    except ValueError:
        return None


class _DocRun:
    """The events of one document."""

    def __init__(self, kit: Kit, doc: Doc, *, max_evidence: int) -> None:
        self.k = kit
        self.lex = kit.lex
        self.doc = doc
        self.parsed = doc.parsed
        self.args = DocArguments(kit.lex, doc)
        self.places = DocPlaces(doc)
        self.statements = StatementLookup(doc)
        self.when = DocDates(kit.dates, doc, _published(doc), kit.lang)
        self._clauses: dict[int, list] = {}  # token index -> its clause (EVIDENCE_PRUNE)
        self._mods: dict[int, object] = {}  # token index -> its modality
        self.blocks = sorted(doc.blocks, key=lambda b: b.start)
        self.block_starts = [b.start for b in self.blocks]
        self.max_evidence = max_evidence

    # -- the whole document --------------------------------------------------------------------
    def run(self) -> list[Event]:
        drafts: list[Draft] = []
        tolls: list[tuple[object, int]] = []  # sentences with a death toll and no event
        for sent in self.parsed.sents:
            try:
                found = self._sentence(sent)
            except Exception as exc:  # one odd parse must not cost the article its events
                self.doc.warnings.append(f"events: sentence at {sent.start_char} skipped ({type(exc).__name__}: {exc})")
                continue
            drafts.extend(found)
            if not found:
                n = self.k.fatal.in_clause(list(sent))
                if n is not None and self._news_sentence(sent):
                    tolls.append((sent, n))
        done = []
        for d in drafts:
            try:
                self._complete(d)
                done.append(d)
            except Exception as exc:
                self.doc.warnings.append(f"events: event at {d.trigger.idx} skipped ({type(exc).__name__}: {exc})")
        drafts = [d for d in done if not (d.dated and d.dated.background)]
        drafts = self._follow_ups(drafts, tolls)
        drafts = self._dedupe(drafts)
        events = []
        for d in drafts:
            try:
                events.append(self._event(d))
            except Exception as exc:
                self.doc.warnings.append(f"events: event at {d.trigger.idx} skipped ({type(exc).__name__}: {exc})")
        return events

    def _news_sentence(self, sent) -> bool:
        """No date of its own, no "depuis", no past background: a toll that may go with the
        event told just before ("Au moins 20 civils ont péri"), not a war's total."""
        if any(x.role == "since" or self.when.is_old(self.when.resolve(x)) for _, _, x in self.when.exprs(sent)):
            return False
        low = sent.text.lower()
        return "depuis" not in low and not (self.when.cues and self.when.cues.search(sent.text))

    # -- the next sentences about the same event ------------------------------------------------
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
            if k.sent.start >= sent.start:
                continue
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
        if not det & {"le", "la", "les", "l'", "l’", "ce", "cet", "cette", "ces"}:
            return False
        return not self._has_own_arguments(d.noun, d.sent)

    def _generic_attacker(self, a: Arg) -> bool:
        """"les assaillants", "ces hommes armés": the attackers just told of, no one new."""
        head = a.head
        det = {c.lower_ for c in head.children if c.dep_ == "det"}
        return head.lemma_.lower() in self.lex.anaphoric_attackers and bool(det & {"les", "le", "l'", "l’", "ces", "ce", "cet"})

    def _bare_killing(self, d: Draft, prev: Draft) -> bool:
        """"Trois civils ont été tués.": victims, no attacker, no date or place of its own."""
        if not d.verbal or not d.lethal:
            return False
        if d.actor1 is not None and not self._generic_attacker(d.actor1):
            return False
        told = self._told_date(d)
        return told is None or (self._told_date(prev) is not None and told.start == self._told_date(prev).start)

    def _block(self, pos: int):
        i = bisect_right(self.block_starts, pos) - 1
        return self.blocks[i] if i >= 0 else None

    # -- triggers ------------------------------------------------------------------------------
    def _sentence(self, sent) -> list[Draft]:
        block = self._block(sent.start_char)
        title = bool(block and block.kind in ("title", "heading"))
        found: list[Draft] = []
        absorbed: set[int] = set()
        for tok in sent:
            d = self._verbal(tok, sent)
            if d is not None:
                d.title = title
                found.append(d)
                if d.noun is not None:
                    absorbed.add(d.noun.i)
        for tok in sent:
            if tok.pos_ == "NOUN" and tok.i not in absorbed:
                d = self._nominal(tok, sent, title)
                if d is not None:
                    found.append(d)
        for d in found:
            self._roles(d)
        merged = self._merge_sentence(found)
        violent = [d for d in merged if d.family in self.lex.violent]
        if len(violent) == 1:  # "l'armée a annoncé la mort de trois soldats dans une attaque"
            # not a death told as the cause of it ("en représailles à la mort de ...")
            toks = [t for t in sent if not (t.pos_ == "NOUN" and self._background(t))]
            violent[0].sentence_toll = self.k.fatal.in_clause(toks)
        return merged

    def _verb_lemma(self, tok) -> str | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            return lemma
        low = tok.lower_
        if low.endswith("ant") and tok.pos_ in ("NOUN", "ADJ") and (
                case_of(tok) == "en" or tok.dep_ in ("advcl", "acl")):
            # a gerund the tagger took for a noun ("en bombardant")
            stem = low[:-3]
            for guess in (stem + "er", stem + "ir", stem + "re", stem[:-1] + "er" if stem.endswith("ge") else ""):
                if guess in self.lex.verbs:
                    return guess
        if tok.pos_ == "ADJ" and tok.dep_ in ("acl", "amod", "xcomp", "conj"):
            # a participle tagged as an adjective ("tués"): its verb
            for guess in (lemma, lemma + "r", lemma[:-1] + "re", lemma[:-1] + "ir"):
                if guess in self.lex.verbs:
                    return guess
        return None

    def _verbal(self, tok, sent) -> Draft | None:
        lemma = self._verb_lemma(tok)
        if lemma is None:
            return None
        senses = self.lex.verb_senses(lemma)
        mod = self.k.modality
        if not senses or mod.is_goal(tok) or mod.is_habitual(tok, sent.text) or mod.is_hypothesis(tok):
            return None
        for sense in senses:
            d = self._apply(tok, sense, sent)
            if d is not None:
                return d
        return None

    def _objects(self, tok) -> list:
        """Direct objects, passive subject, or the noun a participle modifies."""
        out = [c for c in tok.children if c.dep_ == "obj" and c.lower_ not in REFLEXIVE]
        if not out:  # "a repris jeudi plusieurs villages": the parser hangs the object on the day
            for c in tok.children:
                if c.dep_ in ("obl:mod", "obj", "obl") and c.lemma_.lower() in TIME_WORDS:
                    out += [n for n in c.children if n.dep_ in ("nmod", "obj", "appos", "nummod")
                            and n.pos_ in ("NOUN", "PROPN", "NUM") and not any(x.dep_ == "case" for x in n.children)]
        if not out:  # an object labelled as an oblique with no preposition ("a attaqué le bilan")
            out = [c for c in tok.children if c.dep_ in ("obl:mod", "obl") and c.pos_ == "NOUN" and c.i > tok.i
                   and not any(x.dep_ == "case" for x in c.children)]
        out = [o for o in out if o.lemma_.lower() not in TIME_WORDS]
        if not is_reflexive(tok):
            out += [c for c in tok.children if c.dep_ == "nsubj:pass"]
            if is_passive(tok) and not any(c.dep_ == "nsubj:pass" for c in tok.children):
                inherited = subject(tok)  # "doit être combattue": the subject of "doit"
                if inherited is not None and inherited.i != tok.i:
                    out.append(inherited)
        if tok.head.pos_ in NOMINAL and (
                (tok.dep_ == "acl" and is_passive_participle(tok)) or (tok.pos_ == "ADJ" and tok.dep_ in ("acl", "amod"))
                or (tok.dep_ == "amod" and participle_like(tok) and tok.i < tok.head.i)):
            out.append(tok.head)  # "les manifestations dispersées", "deux civils tués", "blessant cinq enfants"
        return out

    def _arg_nouns(self, tok) -> list:
        out = []
        for c in tok.children:
            if c.dep_ in ARG_DEPS and c.lower_ not in REFLEXIVE:
                out.append(c)
                for n in c.children:
                    if n.dep_ in ("nmod", "conj"):
                        out.append(n)
                        out.append(self.args.semantic_head(n))  # "des dizaines de roquettes"
        if tok.dep_ in ("acl", "amod") and tok.head.pos_ in NOMINAL:
            out.append(tok.head)
        return out

    @staticmethod
    def _near_nouns(tok) -> list:
        """Nouns just after the verb in its clause: a fallback where the parser hung the object
        elsewhere ("a abattu dans la nuit 25 des 28 drones")."""
        return [t for t in collect(tok, EVIDENCE_PRUNE) if t.pos_ == "NOUN" and 0 < t.i - tok.i <= 8]

    @staticmethod
    def _lemmas(toks) -> set[str]:
        out = set()
        for t in toks:
            out.add(t.lemma_.lower())
            out.add(t.lower_)
        return out

    def _apply(self, tok, sense: Sense, sent) -> Draft | None:
        refl = is_reflexive(tok)
        if sense.reflexive is True and not refl or sense.reflexive is False and refl:
            return None
        if sense.no_participle and tok.dep_ in ("acl", "amod"):
            return None
        objs = self._objects(tok)
        if sense.place_object and not any(self.args.is_place(o) or o.lemma_.lower() in self.lex.place_nouns
                                          for o in objs):
            return None
        if sense.no_object and any(c.dep_ == "obj" and c.lower_ not in REFLEXIVE for c in tok.children):
            return None
        if sense.needs_object and not objs:
            return None
        if sense.not_objects and self._lemmas(objs) & sense.not_objects:
            return None
        if sense.not_args and self._lemmas(self._arg_nouns(tok)) & sense.not_args:
            return None
        if sense.objects and not self._lemmas(self._arg_nouns(tok)) & sense.objects \
                and not self._lemmas(self._near_nouns(tok)) & sense.objects:
            return None
        if sense.arg_cases and not any(c.dep_.startswith("obl") and case_of(c) in sense.arg_cases for c in tok.children):
            return None
        if sense.subjects:
            who = [x for x in (subject(tok), first_child(tok, "obl:agent")) if x is not None]
            if not self._lemmas(self.args.semantic_head(x) for x in who) & sense.subjects:
                return None
        family = sense.family
        if sense.modifiers:
            mod = next((sense.modifiers[c.lemma_.lower()] for c in tok.children
                        if c.lemma_.lower() in sense.modifiers), None)
            if mod is None and sense.requires_modifier:
                return None
            family = mod or family
        noun = None
        if sense.light:
            noun = self._event_noun(tok, objs)
            if noun is None or self._background(noun):
                return None
            entry = self.lex.noun(noun.lemma_.lower())
            family = self._noun_family(noun, entry)
        if family is None:
            return None
        if noun is not None and self._figurative(noun):
            return None
        if self.lex.family(family).place_target and not self._takes_a_place(tok, objs):
            return None
        return Draft(tok, tok, family, True, sent, noun=noun, sense=sense,
                     lethal=self.lex.family(family).lethal)

    def _figurative(self, noun) -> bool:
        """"une offensive diplomatique", "une attaque informatique"."""
        return any(c.dep_ in ("amod", "nmod") and (c.lower_ in self.lex.figurative or c.lemma_.lower() in self.lex.figurative)
                   for c in noun.children)

    def _takes_a_place(self, tok, objs) -> bool:
        """What is taken or held is a place: "le contrôle de la ville", "Kidal", "plusieurs
        quartiers" (not "le contrôle de son concurrent", "le classement mondial")."""
        targets = []
        for o in list(objs) + [c for c in tok.children if c.dep_ in ("obl:arg", "obl")]:
            if o.lemma_.lower() in ("contrôle", "possession", "assaut"):
                targets += [n for n in o.children if n.dep_ == "nmod"]
            else:
                targets.append(o)
        for t in targets:
            t = self.args.semantic_head(t)
            forms = {t.lemma_.lower(), t.lower_}
            if self.args.is_place(t) or forms & self.lex.place_nouns or forms & self.lex.armed_nouns \
                    or forms & TERRITORY_WORDS:
                return True
            if t.pos_ == "PROPN" and not self.args.actor_on(t):
                return True  # a name the places stage does not know, and no actor
        return not targets  # "ont pris le contrôle" with the place elsewhere: let it be

    def _event_noun(self, tok, objs):
        cands = list(objs) + [c for c in tok.children if c.dep_ in ("obl:arg",)]
        for c in cands:
            if c.pos_ == "NOUN" and self.lex.noun(c.lemma_.lower()) is not None:
                return c
        return None

    def _noun_family(self, noun, entry) -> str:
        for c in noun.children:
            if c.dep_ in ("amod", "advmod") and c.lemma_.lower() in entry.modifiers:
                return entry.modifiers[c.lemma_.lower()]
        return entry.family

    def _nominal(self, tok, sent, title: bool) -> Draft | None:
        entry = self.lex.noun(tok.lemma_.lower())
        if entry is None or self._requested(tok) or self._figurative(tok):
            return None
        if self._background(tok):
            if not self._simultaneous(tok):
                return None
            family = self._noun_family(tok, entry)
            return Draft(tok, tok, family, False, sent, noun=tok, title=title, only_part=True,
                         lethal=self.lex.family(family).lethal)
        governor = tok.head if tok.head.pos_ in ("VERB", "AUX") else tok
        if self.k.modality.is_habitual(governor, sent.text) or self.k.modality.is_hypothesis(tok):
            return None
        family = self._noun_family(tok, entry)
        host = self._host(tok)
        if host is not None:
            return Draft(tok, host, family, False, sent, noun=tok, title=title,
                         lethal=self.lex.family(family).lethal)
        if entry.weak:
            return None
        if title or self._has_own_arguments(tok, sent):
            return Draft(tok, tok, family, False, sent, noun=tok, title=title,
                         lethal=self.lex.family(family).lethal)
        return None

    def _background(self, tok) -> bool:
        """A noun in a phrase of time ("après l'attaque", "lors des combats") or under a word
        that makes it no event ("l'anniversaire de la prise", "la menace d'une offensive")."""
        if case_of(tok) in self.lex.temporal_heads:
            return True
        t = tok
        for _ in range(3):
            h = t.head
            if h == t:
                return False
            if h.lemma_.lower() in self.lex.temporal_heads and t.dep_ in ("obl:arg", "obl", "nmod", "fixed"):
                return True
            if t.dep_ not in ("nmod", "obl", "obl:arg", "conj", "appos"):
                return False
            if h.lemma_.lower() in self.lex.blocking_heads and h.pos_ == "NOUN":
                return True
            t = h
        return False

    def _simultaneous(self, tok) -> bool:
        """"lors d'une attaque", "pendant les combats": the same time as the clause."""
        if case_of(tok) in self.lex.simultaneous_heads:
            return True
        h = tok.head
        return h.lemma_.lower() in self.lex.simultaneous_heads or any(
            c.lower_ in self.lex.simultaneous_heads for c in tok.children if c.dep_ in ("case", "advmod", "fixed"))

    def _requested(self, tok) -> bool:
        """A noun asked for, feared or planned: "a exigé le retrait des troupes"."""
        h = tok.head
        return tok.dep_ in ("obj", "obl", "obl:arg", "nsubj:pass") and h.lemma_.lower() in self.lex.request_heads

    def _host(self, tok):
        """The verb (or death noun) whose clause tells this noun's event, if the noun is its
        subject ("des combats ont éclaté", "l'attaque a fait 12 morts") or its cause ("morts
        dans un attentat")."""
        h = tok.head
        if h == tok:
            return None
        lemma = h.lemma_.lower()
        if tok.dep_ in ("nsubj", "nsubj:pass") and h.pos_ in ("VERB", "AUX", "ADJ"):
            if lemma in self.lex.occurrence_verbs:
                return h
            if lemma == "avoir" and any(c.dep_ == "obj" and c.lemma_ == "lieu" for c in h.children):
                return h
        if tok.dep_ in ("obl", "obl:mod", "obl:arg", "nmod") and (
                lemma in self.lex.death_verbs or (h.pos_ == "NOUN" and lemma in self.lex.death_nouns)
                or (lemma in self.lex.death_locutions and any(
                    c.dep_ == "obj" and c.lemma_.lower() in self.lex.death_locutions[lemma] for c in h.children))):
            return h  # "ont perdu la vie dans l'explosion d'une mine"
        if tok.dep_ == "nmod" and lemma == "bilan" and h.head.pos_ in ("VERB", "AUX") and h.dep_ in ("nsubj", "obj"):
            return h.head  # "le bilan de l'attentat s'élève à 32 morts"
        if tok.dep_ in ("obj", "nsubj:pass") and lemma in self.lex.always_hosts:
            return h
        if tok.dep_ == "obj" and lemma in self.lex.report_hosts and h.pos_ == "VERB":
            # "a confirmé ces incidents à Ajdabiya": the place or date may hang on the verb
            if self._has_own_arguments(tok, tok.sent) or self._has_own_arguments(h, tok.sent, own=False):
                return h
        return None

    def _has_own_arguments(self, tok, sent, *, own: bool = True) -> bool:
        """An event noun with its own actor, target, place or date ("l'attaque de l'armée",
        "les affrontements entre X et Y", "les manifestations à Alger", "l'attentat de mardi").
        With ``own=False``, only a place counts (the arguments of a verb reporting the noun)."""
        for c in tok.children:
            if c.dep_ not in ("nmod", "obl", "obl:arg", "obl:mod", "acl"):
                continue
            case = case_of(c)
            if not own:
                if case in ("à", "au", "aux", "dans", "en", "près", "sur", "vers") and self.args.is_place(c):
                    return True
                continue
            if case in ("par", "entre"):
                return True
            if case == "contre" and self._actorish(c):
                return True
            if case in DE and (self._actorish(c) or self.args.is_place(c)):
                return True
            if case in ("à", "au", "aux", "dans", "en", "près", "sur", "vers") and self.args.is_place(c):
                return True
            if case == "contre" and c.lemma_.lower() in self.lex.place_nouns:
                return True  # "une attaque contre leur base"
            if case in DE | {"contre"} and any(x.dep_ == "nmod" and self.args.is_place(x) and
                                               case_of(x) in ("à", "au", "aux", "dans", "en", "près", "de", "d'")
                                               for x in c.children):
                return True  # "l'attaque d'un camp près de Gao"
        sub = list(tok.subtree)
        s, e = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        return any(s <= a < e for a, _, x in self.when.exprs(sent) if x.role == "at")

    def _subjectish(self, tok) -> bool:
        """A subject that can be an actor: any noun but a place, an instrument, a thing."""
        if tok.pos_ == "PRON":
            if tok.lower_ in ("ce", "cela", "ça", "en", "y", "on", "c'", "c’"):
                return False
            antecedent = self.args.antecedent(tok)  # "des hélicoptères qui ont bombardé": a thing
            return antecedent is None or antecedent.pos_ == "PRON" or self._subjectish(antecedent)
        if self.args.actor_on(tok) or self.args.actor_on(self.args.semantic_head(tok)):
            return True
        if self.args.is_place(tok):
            return False
        head = self.args.semantic_head(tok)
        forms = {head.lemma_.lower(), head.lower_}  # the lemmatizer errs ("obus" -> "obu")
        if forms & self.lex.instruments.keys() or forms & self.lex.nouns.keys() or \
                (forms & self.lex.place_nouns and not forms & self.lex.armed_nouns):
            return False
        return tok.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")

    @staticmethod
    def _means(tok) -> bool:
        """"par la force": a manner, not the forces."""
        return tok.lemma_.lower() == "force" and "Sing" in tok.morph.get("Number") and not any(
            c.dep_ in ("amod", "nmod") for c in tok.children)

    def _actorish(self, tok) -> bool:
        """A noun that can be an actor: not a place, an instrument or an abstraction."""
        if tok.pos_ == "PRON":
            return tok.lower_ not in ("ce", "cela", "ça", "en", "y")
        if self.args.actor_on(tok):
            return True
        if self.args.is_place(tok):
            return False
        forms = {tok.lemma_.lower(), tok.lower_}
        if forms & self.lex.instruments.keys() or (forms & self.lex.place_nouns and not forms & self.lex.armed_nouns):
            return False
        if tok.pos_ == "PROPN":
            return True
        head = self.args.semantic_head(tok)
        hl = head.lemma_.lower()
        if hl in self.lex.armed_nouns or hl in self.lex.civilian_nouns or hl in self.lex.nonstate_nouns \
                or hl in self.lex.state_nouns or hl in self.lex.protester_nouns:
            return True
        return self.args._actor_in(tok.idx, tok.idx + len(tok.text), tok.idx) is not None

    # -- arguments -----------------------------------------------------------------------------
    def _roles(self, d: Draft) -> None:
        if d.verbal:
            self._verbal_roles(d)
        else:
            self._noun_roles(d, d.trigger)
            if d.host != d.trigger:
                self._host_roles(d)

    def _verbal_roles(self, d: Draft) -> None:
        tok = d.trigger
        arg = self.args.arg
        subj = subject(tok)
        if subj is None and not is_passive(tok):
            subj = orphan_subject(tok)
        agent = first_child(tok, "obl:agent")
        if agent is not None and (not self._subjectish(agent) or self._means(agent)):
            agent = None
        objs = [o for o in self._objects(tok) if o.dep_ == "obj"]
        passive = is_passive(tok) and not is_reflexive(tok)
        if tok.pos_ == "ADJ" and tok.dep_ in ("acl", "amod") and tok.head.pos_ in NOMINAL:
            passive = True  # a participle tagged as an adjective: "deux civils tués"
            subj = tok.head
        if passive:
            patient = tok.head if (tok.dep_ == "acl" and is_passive_participle(tok)) else subj
            d.patient = patient
            d.actor2 = arg(patient) if patient is not None and self._subjectish(patient) \
                and self.lex.family(d.family).object_is_actor else None
            d.actor1 = arg(agent) if agent is not None else None
        else:
            d.actor1 = arg(subj) if subj is not None and self._subjectish(subj) else None
            obj = objs[0] if objs else None
            d.patient = obj
            if obj is not None and self.lex.family(d.family).object_is_actor and self._subjectish(obj):
                d.actor2 = arg(obj)
        if d.sense is not None and d.sense.patient_subject:
            d.actor2, d.actor1 = d.actor1, None
        # targets and counterparts by preposition; patients under an idiom noun ("en otage X")
        for c in tok.children:
            if not c.dep_.startswith("obl"):
                continue
            case = case_of(c)
            if d.actor2 is None and case in ("contre", "sur") and self._actorish(c):
                d.actor2 = arg(c)
            elif d.actor2 is None and case in ("à", "au", "aux") and self._actorish(c) and \
                    d.family in ("transfer", "recapture", "capture", "withdrawal", "release"):
                d.actor2 = arg(c)
            for n in c.children:
                if n.dep_ == "nmod" and d.patient is None and c.lemma_.lower() in ("otage", "otages", "assaut", "feu"):
                    d.patient = n
                    if d.actor2 is None and self._actorish(n):
                        d.actor2 = arg(n)
        if d.noun is not None:
            self._noun_roles(d, d.noun)
        if d.actor2 is None and d.family in ("transfer", "release"):
            # "transférer le contrôle de X, [long apposition], aux forces afghanes": the parser
            # often hangs the receiver on the last noun before it
            for t in tok.subtree:
                if t.i > tok.i and t.pos_ in NOMINAL and case_of(t) in ("à", "au", "aux") and self._actorish(t):
                    d.actor2 = arg(t)
                    break
        if d.actor1 is None and d.family == "arrest":
            force = next((t for t in d.sent if t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.arresting_nouns
                          and t.i != tok.i), None)
            if force is not None:
                d.actor1 = arg(force)

    def _noun_roles(self, d: Draft, noun) -> None:
        entry = self.lex.noun(noun.lemma_.lower())
        arg = self.args.arg
        deps = [c for c in noun.children if c.dep_ in ("nmod", "obl", "obl:arg", "nmod:poss")]
        for c in deps:  # the agent "par X" first: "l'attaque d'un poste par des talibans"
            for inner in [c] + [x for x in c.children if x.dep_ == "nmod"]:
                if case_of(inner) == "par" and d.actor1 is None and self._subjectish(inner) and not self._means(inner):
                    d.actor1 = arg(inner)
        for c in noun.children:  # "une attaque attribuée aux ADF", "revendiquée par l'EI"
            if c.dep_ == "acl" and c.lemma_.lower() in self.lex.attribution_verbs and d.actor1 is None:
                for x in c.children:
                    if x.dep_.startswith("obl") and case_of(x) in ("à", "au", "aux", "par") and self._subjectish(x):
                        d.actor1 = arg(x)
                        break
        for c in deps:
            case = case_of(c)
            if case == "par":
                continue
            if case == "contre" and d.actor2 is None and self._actorish(c):
                d.actor2 = arg(c)
            elif case == "entre" and self._actorish(c):
                d.actor1 = d.actor1 or arg(c)
                other = next((x for x in c.children if x.dep_ == "conj"), None)
                if other is not None and d.actor2 is None:
                    d.actor2 = arg(other)
            elif case in DE and entry is not None and self._actorish(c):
                if c.lemma_.lower() in self.lex.place_nouns:
                    continue  # "l'attaque d'un poste de police": the target, a place
                if entry.de == "agent" and d.actor1 is None:
                    d.actor1 = arg(c)
                elif entry.de == "patient":
                    d.patient = d.patient or c
                    if d.actor2 is None:
                        d.actor2 = arg(c)

    def _host_roles(self, d: Draft) -> None:
        h = d.host
        arg = self.args.arg
        for c in h.children:  # "des heurts ont éclaté entre manifestants et policiers"
            if c.dep_.startswith("obl") and case_of(c) == "entre" and d.actor1 is None and self._actorish(c):
                d.actor1 = arg(c)
                other = next((x for x in c.children if x.dep_ == "conj"), None)
                if other is not None and d.actor2 is None:
                    d.actor2 = arg(other)
        if h.lemma_.lower() == "revendiquer":  # "l'EI a revendiqué l'attentat": the claimant did it
            s = first_child(h, "nsubj")
            if s is not None and d.actor1 is None and self._subjectish(s):
                d.actor1 = arg(s)
            return
        if h.lemma_.lower() == "opposer":
            obj = first_child(h, "obj")
            other = next((c for c in h.children if c.dep_.startswith("obl") and case_of(c) in ("à", "au", "aux")), None)
            inner = None
            if other is None and obj is not None:  # "opposent l'armée aux rebelles", hung on the object
                inner = other = next((c for c in obj.children if c.dep_ == "nmod" and case_of(c) in ("à", "au", "aux")), None)
            if obj is not None and d.actor1 is None and self._actorish(obj):
                d.actor1 = arg(obj, cut=inner)
            if other is not None and d.actor2 is None and self._actorish(other):
                d.actor2 = arg(other)
            return
        obj = first_child(h, "obj")
        if obj is not None and d.actor2 is None and h.lemma_.lower() in ("tuer", "blesser", "viser", "cibler", "frapper", "toucher"):
            d.patient = d.patient or obj
            if self._actorish(obj):
                d.actor2 = arg(obj)

    # -- one event told twice in a sentence ----------------------------------------------------
    def _kind(self, family: str) -> str:
        if family in self.lex.violent:
            return "violent"
        family = self.lex.same_kind.get(family, family)
        f = self.lex.family(family)
        return f.event_type if f.event_type != "Strategic developments" else f"SD/{family}"

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
        if t.dep_ in ("advcl", "acl", "obl", "obl:mod", "amod") and t.head.i in anchors and participle_like(t):
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
                if self._kind(v.family) == self._kind(n.family) and participle_like(v.trigger) \
                        and v.trigger.head.i in {x.i for x in self._clause_of(n.host)}:
                    verbal.remove(v)
                    n.parts.append(v)
                    n.actor2 = n.actor2 or v.actor2
                    n.patient = n.patient or v.patient
                    n.lethal = n.lethal or v.lethal
        out = list(verbal)
        for n in (d for d in found if not d.verbal):
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

    # -- attributes ----------------------------------------------------------------------------
    def _clause(self, d: Draft) -> list:
        toks = collect(d.host, EVIDENCE_PRUNE)
        for p in d.parts:
            if p.verbal and p.trigger.dep_ == "conj" and p.trigger.head.i == d.trigger.i:
                toks = sorted(set(toks) | set(collect(p.trigger, EVIDENCE_PRUNE)), key=lambda t: t.i)
        if d.host != d.trigger and not any(t.i == d.trigger.i for t in toks):
            toks = sorted(set(toks) | set(collect(d.trigger, EVIDENCE_PRUNE)), key=lambda t: t.i)
        return toks

    def _complete(self, d: Draft) -> None:
        clause = self._clause(d)
        self._refine_family(d, clause)
        if d.family in ("restriction", "disruption", "capture") and self._protest_goal(d.host):
            d.family = "protest"  # "ont bloqué les routes pour protester contre la vie chère"
        d.evidence = self._evidence(d, clause)
        block = self._block(d.trigger.idx)
        block_start = block.start if block else 0
        place_toks = collect(d.host, PLACE_PRUNE)
        for p in d.parts:
            place_toks += collect(p.trigger, PLACE_PRUNE)
        subj = first_child(d.host, *SUBJECTS)
        subj_toks = list(subj.subtree) if subj is not None else []
        d.place, d.place_from = self.places.choose(place_toks, subj_toks, d.sent, block_start, self._companions(d.host))
        verb = d.host if d.host.pos_ in ("VERB", "AUX") else (d.host.head if d.host.head.pos_ in ("VERB", "AUX") else d.host)
        d.dated = self.when.date_of(d.trigger, d.host, d.sent, block_start, tense(verb))
        d.fatalities = self._fatalities(d, clause)

    def _protest_goal(self, host) -> bool:
        return any(c.dep_ in ("advcl", "xcomp", "obl", "acl") and c.lemma_.lower() in self.lex.protest_goals
                   and any(x.lower_ in ("pour", "afin") for x in c.children) for c in host.children)

    @staticmethod
    def _companions(host) -> list:
        """Adverbial clauses about the same participant ("alors qu'elle se trouvait à X")."""
        out = []
        for c in host.children:
            if c.dep_ == "advcl" and any(x.dep_ in SUBJECTS and x.lower_ in ("il", "elle", "ils", "elles")
                                         for x in c.children):
                out.extend(collect(c, PLACE_PRUNE))
        return out

    def _refine_family(self, d: Draft, clause) -> None:
        """An attack by shells or a drone is remote violence; a strike by drone an air strike."""
        if d.family in ("attack", "kill", "wound", "armed_clash"):
            for t in clause:
                fam = self.lex.instruments.get(t.lemma_.lower())
                if fam and t.pos_ == "NOUN" and t.dep_ in ("obl:agent", "obl", "obl:mod", "nmod", "obl:arg", "nsubj"):
                    d.family = fam
                    break
        if d.family in REMOTE and d.family not in ("suicide_bomb", "chemical"):
            for t in clause:
                fam = self.lex.remote_modifiers.get(t.lemma_.lower()) or self.lex.remote_modifiers.get(t.lower_)
                if fam in ("suicide_bomb", "chemical") or (fam and d.family == "explosive" and fam != "shelling"):
                    d.family = fam
                    break
                if fam and d.trigger.lemma_.lower() in ("bombardement", "bombarder", "frappe", "raid", "attaque"):
                    d.family = fam
                    break

    def _fatalities(self, d: Draft, clause) -> int | None:
        counts = []
        if d.lethal and d.patient is not None:
            counts.append(self.k.fatal.people_hit(d.patient))
        counts.append(self.k.fatal.in_clause(clause))
        for c in d.host.children:  # "..., faisant des dizaines de morts"
            if c.dep_ in ("advcl", "acl") and participle_like(c):
                counts.append(self.k.fatal.in_clause(collect(c, EVIDENCE_PRUNE)))
        for p in d.parts:
            if p.lethal and p.patient is not None:
                counts.append(self.k.fatal.people_hit(p.patient))
        counts = [c for c in counts if c is not None]
        if not counts and d.sentence_toll is not None:
            return d.sentence_toll
        return max(counts) if counts else None

    def _evidence(self, d: Draft, clause) -> tuple[int, int]:
        """The clause around the trigger, trimmed to ``max_evidence`` characters."""
        toks = [t for t in clause]
        while toks and (toks[0].is_punct or toks[0].is_space or toks[0].dep_ in ("cc",)
                        or toks[0].lower_ in ("et", "mais", "puis")):
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].is_space):
            toks.pop()
        if not toks:
            toks = [d.trigger]
        trig = d.trigger.idx
        while len(toks) > 1 and toks[-1].idx + len(toks[-1].text) - toks[0].idx > self.max_evidence:
            # drop the word farthest from the trigger
            if abs(toks[0].idx - trig) > abs(toks[-1].idx - trig):
                toks.pop(0)
            else:
                toks.pop()
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)

    # -- the same event told twice in the article ----------------------------------------------
    def _dedupe(self, drafts: list[Draft]) -> list[Draft]:
        kept: list[Draft] = []
        for d in sorted(drafts, key=lambda x: (x.title, x.trigger.i)):
            same = [k for k in kept if self._same_event(k, d)]
            if not same:
                kept.append(d)
                continue
            best = max(same, key=lambda k: self._likeness(k, d))
            best.mentions.append(d.evidence)
        kept.sort(key=lambda x: x.trigger.i)
        return kept

    def _likeness(self, a: Draft, b: Draft) -> tuple:
        """How alike two tellings are: for a title, the body event it most likely sums up."""
        return (a.fatalities is not None and a.fatalities == b.fatalities,
                self._compatible(a.actor1, b.actor1) and self._compatible(a.actor2, b.actor2),
                a.trigger.lemma_ == b.trigger.lemma_ or self._key_noun(a) == self._key_noun(b),
                a.family == b.family,
                a.place is not None and a.place == b.place,
                -a.trigger.i)

    def _same_event(self, a: Draft, b: Draft) -> bool:
        if not (a.title or b.title) and a.trigger.lemma_ != b.trigger.lemma_:
            return False  # the cheap test first: this runs over all pairs
        if self._kind(a.family) != self._kind(b.family):
            return False
        if (a.title or b.title) and self._compatible(a.actor1, b.actor1) is False and a.fatalities != b.fatalities:
            return False
        if not (a.title or b.title) and (not self._compatible(a.actor1, b.actor1) or not self._compatible(a.actor2, b.actor2)):
            return False
        if b.title or a.title:
            body = a if b.title else b
            return not (body.dated and body.dated.historical) and self._same_country(a.place, b.place)
        if a.place is not None and b.place is not None and a.place != b.place:
            return False
        if a.trigger.lemma_ != b.trigger.lemma_:
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

    @staticmethod
    def _key_noun(d: Draft) -> str | None:
        t = d.noun or first_child(d.trigger, "obj")
        return t.lemma_.lower() if t is not None else None

    @staticmethod
    def _compatible(x: Arg | None, y: Arg | None) -> bool:
        if x is None or y is None:
            return True
        if x.actor_id and y.actor_id and x.actor_id == y.actor_id:
            return True
        nx, ny = x.name.lower(), y.name.lower()
        return nx in ny or ny in nx or x.head.lemma_ == y.head.lemma_

    # -- the record ----------------------------------------------------------------------------
    def _mod(self, d: Draft):
        tok = d.host if d.host.pos_ in ("VERB", "AUX") else d.trigger
        got = self._mods.get(tok.i)
        if got is None:
            got = self._mods[tok.i] = self.k.modality.read(tok, statement_of=self.statements, sentence_text=d.sent.text)
        return got

    def _type(self, d: Draft) -> tuple[str, str | None, str | None]:
        fam = self.lex.family(d.family)
        etype, sub = fam.event_type, fam.sub_event_type
        a = self.args
        if fam.by_civilians and a.is_protester(d.actor1) and not a.is_armed(d.actor1):
            etype, sub = fam.by_civilians
        elif fam.on_protesters and a.is_protester(d.actor2) and d.actor2 is not None \
                and d.actor2.head.lemma_.lower() in ("manifestant", "protestataire", "foule", "émeutier"):
            etype, sub = fam.on_protesters
        elif fam.on_civilians and a.is_civilian(d.actor2 or (a.arg(d.patient) if d.patient is not None else None)):
            etype, sub = fam.on_civilians
        side = a.side(d.actor1)
        if fam.by_state and side == "state":
            etype, sub = fam.by_state
        elif fam.by_nonstate and side == "nonstate":
            etype, sub = fam.by_nonstate
        if fam.armed and d.noun is not None:
            quals = {c.lower_ for c in d.noun.children if c.dep_ in ("amod", "nmod", "appos")}
            has_target = any(case_of(c) == "contre" for c in list(d.noun.children) + list(d.host.children))
            if quals & ARMED_QUALIFIERS or has_target or a.is_armed(d.actor2):
                etype, sub = fam.armed
        return etype, sub, fam.plover

    def _event(self, d: Draft) -> Event:
        doc = self.doc
        etype, sub, plover = self._type(d)
        m = self._mod(d)
        a1, a2 = d.actor1, d.actor2
        place = doc.places[d.place].ref() if d.place is not None else None
        dated = d.dated or Dated(None)
        claimed = m.modality == "claimed"
        return Event(
            event_type=etype, sub_event_type=sub, plover=plover,
            actor1=a1.name if a1 else None, actor2=a2.name if a2 else None,
            evidence=doc.raw_span(*d.evidence),
            actor1_id=a1.actor_id if a1 else None, actor2_id=a2.actor_id if a2 else None,
            place=place, date=dated.value, fatalities=d.fatalities, modality=m.modality,
            claimed_by=m.claimed_by if claimed else None, statement=m.statement,
            trigger=doc.span_of(d.trigger), historical=dated.historical,
            mentions=[doc.raw_span(s, e) for s, e in d.mentions],
        )


__all__ = ["Stage", "NAME", "NEEDS", "SETS", "Span"]
