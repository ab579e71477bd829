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
from dataclasses import replace
from datetime import date, timedelta

from .. import lexicons
from ..document import Doc
from ..events.arguments import DocArguments
from ..events.dates import DateFinder
from ..events.draft import REMOTE, Draft
from ..events.fatalities import FatalityCounter
from ..events.fit import misfit
from ..events.lexicon import EventLexicon
from ..events.modality import ModalityReader, StatementLookup
from ..events.numbers import NumberReader
from ..events.roles import Roles
from ..events.syntax import EVIDENCE_PRUNE, PLACE_PRUNE, SUBJECTS, case_of, collect, first_child, participle_like, tense
from ..events.telling import Tellings
from ..events.triggers import Triggers
from ..events.when import DocDates, Dated
from ..events.where import DocPlaces
from ..record import DateValue, Event
from ..settings import Settings
from ..taxonomy import EventType, SubEventType

NAME = "events"
NEEDS = ("raw", "offsets", "clean_text", "blocks", "meta.published", "language", "parsed", "places",
         "actors", "statements", "place_mentions", "actor_mentions", "speaker_actors", "speaker_mentions",
         "statement_content", "statement_cues", "warnings")
SETS = ("events", "warnings")


class Kit:
    """One language's readers, built once."""

    def __init__(self, lang: str) -> None:
        self.lex = EventLexicon(lang)
        self.numbers = NumberReader(lang)
        self.dates = DateFinder(lang)
        self.modality = ModalityReader(lang, self.lex.grammar)
        self.fatal = FatalityCounter(self.lex, self.numbers)
        self.lang = lang


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.settings = settings
        langs = list((settings.get("parse.models") or {"fr": None}).keys())
        self.kits = {lang: Kit(lang) for lang in langs if lexicons.exists(lang, "events.yaml")}
        self.max_evidence = int(settings.get("events.max_evidence_chars"))

    def __call__(self, doc: Doc) -> Doc:
        kit = self.kits.get(doc.language or "")
        if doc.parsed is None or kit is None:
            return doc
        doc.events = _DocRun(kit, doc, max_evidence=self.max_evidence).run()
        return doc


# the parts of speech a trigger may have (see Triggers._verb_lemma and the nouns of _sentence)
_TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ"})
_LOWER: dict[int, str] = {}  # lemma hash -> lower-case lemma, kept across documents


def _pos_and_lemmas(parsed) -> tuple[list[str], list[str]]:
    """Each token's coarse part of speech and lower-case lemma, read in bulk (no Token built)."""
    from spacy.attrs import LEMMA, POS
    from spacy.parts_of_speech import NAMES

    if not len(parsed):
        return [], []
    arr = parsed.to_array([POS, LEMMA]).tolist()
    if len(_LOWER) > 200_000:
        _LOWER.clear()
    strings = parsed.vocab.strings
    lemmas = []
    for _, h in arr:
        low = _LOWER.get(h)
        if low is None:
            low = _LOWER[h] = strings[h].lower()
        lemmas.append(low)
    return [NAMES.get(p, "X") for p, _ in arr], lemmas

def _day_earlier(dated: Dated | None) -> Dated | None:
    """The day before a dated day (a vaguer date stays as it is)."""
    v = dated.value if dated else None
    if v is None or v.precision != "day":
        return dated
    day = (date.fromisoformat(v.start[:10]) - timedelta(days=1)).isoformat()
    return Dated(DateValue(day, day, "day", v.text), dated.historical, dated.background)


def _fold_opening(text: str) -> str:
    """A sentence's first words as the anchored-day phrases are written: lower case, one
    apostrophe, no leading dash or space."""
    return text.lstrip(" -–—\n").lower().replace("’", "'")


def _published(doc: Doc) -> date | None:
    p = doc.meta.get("published")
    try:
        return date.fromisoformat(str(p)[:10]) if p else None
    except ValueError:
        return None


class _DocRun(Triggers, Roles, Tellings):
    """The events of one document; its parts read triggers, roles and repeated tellings."""

    def __init__(self, kit: Kit, doc: Doc, *, max_evidence: int) -> None:
        self.k = kit
        self.lex = kit.lex
        self.doc = doc
        self.parsed = doc.parsed
        # the parsed text (spaCy keeps it verbatim); not ``parsed.text``, which joins every token
        self.text = doc.clean_text or doc.parsed.text
        self.args = DocArguments(kit.lex, doc)
        self.places = DocPlaces(doc, kit.lex)
        self.statements = StatementLookup(doc)
        self.when = DocDates(kit.dates, doc, _published(doc), kit.lang)
        self._clauses: dict[int, list] = {}  # token index -> its clause (EVIDENCE_PRUNE)
        self._mods: dict[int, object] = {}  # token index -> its modality
        self._objects_of: dict[int, list] = {}  # token index -> its objects (Triggers._objects)
        self._sent_toks: dict[int, list] = {}  # sentence start -> its words that may be triggers
        self._pos, self._lemma = _pos_and_lemmas(doc.parsed)
        self.blocks = sorted(doc.blocks, key=lambda b: b.start)
        self.block_starts = [b.start for b in self.blocks]
        self.max_evidence = max_evidence
        self._title: frozenset[str] | None = None

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
                n = self.k.fatal.in_clause(self._death_words(sent))
                if n is not None and self._news_sentence(sent):
                    tolls.append((sent, n))
        done = []
        for d in drafts:
            try:
                self._complete(d)
                done.append(d)
            except Exception as exc:
                self.doc.warnings.append(f"events: event at {d.trigger.idx} skipped ({type(exc).__name__}: {exc})")
        self._anchored_days(done)
        drafts = [d for d in done if not (d.dated and d.dated.background) and not self._threatened(d)
                  and not self._bare_modifier(d) and not self._misfit(d)]
        drafts = self._follow_ups(drafts, tolls)
        drafts = self._dedupe(drafts)
        drafts = [x for d in drafts for x in self._one_a_place(d)]
        events = []
        for d in drafts:
            try:
                events.append(self._event(d))
            except Exception as exc:
                self.doc.warnings.append(f"events: event at {d.trigger.idx} skipped ({type(exc).__name__}: {exc})")
        return events

    def _one_a_place(self, d: Draft) -> list[Draft]:
        """"Des frappes ont visé Idlib et Alep": one event a place, as ACLED codes them (the toll
        stays with the first, the text giving no split)."""
        if d.place is None or d.place_from != "clause":
            return [d]
        others = self.places.coordinated(d.place, self._clause(d))
        return [d] + [replace(d, place=p, fatalities=None, mentions=[], parts=[]) for p in others]

    def _misfit(self, d: Draft) -> bool:
        """Arguments of the wrong class (an accident, a reactor "arrested", a debate): no event."""
        return misfit(d, self.lex, self.args, self._clause(d), self._title_words()) is not None

    def _title_words(self) -> frozenset[str]:
        """The lemmas and forms of the article's title (read once)."""
        if self._title is None:
            words: set[str] = set()
            for b in self.blocks:
                if b.kind == "title":
                    for t in self.parsed.char_span(b.start, b.end, alignment_mode="expand") or ():
                        words.add(t.lemma_.lower())
                        words.add(t.lower_)
            self._title = frozenset(words)
        return self._title

    def _anchored_days(self, drafts: list[Draft]) -> None:
        """"La veille, ...", "Le lendemain, ...": an event in a sentence that opens with a day
        told from the event before it, and that names no date of its own, takes that event's
        day, moved by the offset."""
        anchored = self.k.dates.anchored_days
        last: tuple[int, str] | None = None  # (sentence start, day) of the last event dated to a day
        for d in drafts:  # in text order
            v = d.dated.value if d.dated else None
            opening = _fold_opening(self.text[d.sent.start_char:d.sent.start_char + 30])
            offset = next((n for words, n in anchored.items() if opening.startswith(words)), None)
            own = v is not None and v.text and v.text in self.text[d.sent.start_char:d.sent.end_char]
            if offset is not None and last is not None and last[0] < d.sent.start and not own:
                day = (date.fromisoformat(last[1]) + timedelta(days=offset)).isoformat()
                d.dated = Dated(DateValue(day, day, "day", None), False, False)
                v = d.dated.value
            if v is not None and v.precision == "day" and not (d.dated and d.dated.historical):
                last = (d.sent.start, v.start[:10])

    def _tokens(self, sent) -> list:
        """The sentence's tokens that may start an event (a verb, a noun, an adjective taken for a
        participle): building a spaCy Token costs, and most words are none of these."""
        got = self._sent_toks.get(sent.start)
        if got is None:
            pos, parsed = self._pos, self.parsed
            got = self._sent_toks[sent.start] = [parsed[i] for i in range(sent.start, sent.end) if pos[i] in _TRIGGER_POS]
        return got

    def _death_words(self, sent) -> list:
        """The sentence's tokens that ``FatalityCounter.in_clause`` can count on (it passes over
        every other word), so that it need not see them all."""
        lex, lemma, parsed = self.lex, self._lemma, self.parsed
        return [parsed[i] for i in range(sent.start, sent.end)
                if lemma[i] in lex.death_nouns or lemma[i] in lex.death_verbs or lemma[i] in lex.grammar.death_adjectives
                or lemma[i] in lex.death_locutions]

    def _text(self, sent) -> str:
        """``sent.text`` without joining its tokens again (the same characters of the doc)."""
        return self.text[sent.start_char:sent.end_char]

    def _block(self, pos: int):
        i = bisect_right(self.block_starts, pos) - 1
        return self.blocks[i] if i >= 0 else None

    def _sentence(self, sent) -> list[Draft]:
        block = self._block(sent.start_char)
        title = bool(block and block.kind in ("title", "heading"))
        found: list[Draft] = []
        absorbed: set[int] = set()
        toks = self._tokens(sent)
        for tok in toks:
            d = self._verbal(tok, sent)
            if d is not None:
                d.title = title
                found.append(d)
                if d.noun is not None:
                    absorbed.add(d.noun.i)
        for tok in toks:
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
            toks = [t for t in self._death_words(sent) if not (t.pos_ == "NOUN" and self._background(t))]
            violent[0].sentence_toll = self.k.fatal.in_clause(toks)
        return merged

    def _clause(self, d: Draft) -> list:
        # the cached clauses are shared: copied before growing
        toks = list(self._clause_of(d.host))
        for p in d.parts:
            if p.verbal and p.trigger.dep_ == "conj" and p.trigger.head.i == d.trigger.i:
                toks = sorted(set(toks) | set(self._clause_of(p.trigger)), key=lambda t: t.i)
        if d.host != d.trigger and not any(t.i == d.trigger.i for t in toks):
            toks = sorted(set(toks) | set(self._clause_of(d.trigger)), key=lambda t: t.i)
        return toks

    def _complete(self, d: Draft) -> None:
        clause = self._clause(d)
        self._national_actor(d, clause)
        self._refine_family(d, clause)
        if d.family in ("restriction", "disruption", "capture") and self._protest_goal(d.host):
            d.family = "protest"  # "ont bloqué les routes pour protester contre la vie chère"
        if d.family in ("attack", "kill", "wound", "armed_clash") and self._goal(d.host, self.lex.dispersal_goals):
            d.family = "protest_repressed"  # "ont tiré à balles réelles pour les disperser"
        d.evidence = self._evidence(d, clause)
        block = self._block(d.trigger.idx)
        block_start = block.start if block else 0
        place_toks = self._place_words(d.host)
        for p in d.parts:
            place_toks += self._place_words(p.trigger)
        subj = first_child(d.host, *SUBJECTS)
        subj_toks = list(subj.subtree) if subj is not None else []
        d.place, d.place_from = self.places.choose(place_toks, subj_toks, d.sent, block_start, self._companions(d.host))
        verb = d.host if d.host.pos_ in ("VERB", "AUX") else (d.host.head if d.host.head.pos_ in ("VERB", "AUX") else d.host)
        d.dated = self.when.date_of(d.trigger, d.host, d.sent, block_start, tense(verb, self.lex.grammar))
        if d.day_before is not None:  # "au lendemain d'un attentat": the day before the clause's event
            v = d.day_before
            d.dated = _day_earlier(self.when.date_of(v, v, d.sent, block_start, tense(v, self.lex.grammar)))
        d.fatalities = self._fatalities(d, clause)

    def _place_words(self, tok) -> list:
        """The words of ``tok``'s clause where its place may be named (a list of one's own)."""
        if PLACE_PRUNE == EVIDENCE_PRUNE:  # the same words as the clause's: cached
            return list(self._clause_of(tok))
        return collect(tok, PLACE_PRUNE)

    def _threatened(self, d: Draft) -> bool:
        """Violence threatened, promised or announced ("menace d'attaquer", "va attaquer",
        "a affirmé qu'il poursuivrait ses attaques") has not happened: ACLED codes no event.
        A hedged past ("aurait attaqué", "l'attaque aurait fait") is still one."""
        if d.family not in self.lex.violent:
            return False
        if self._mod(d).modality == "future":
            return True
        verb = d.host if d.host.pos_ in ("VERB", "AUX") else d.trigger.head
        if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("aux:tense", "aux:pass") for c in verb.children):
            return False
        if "Cnd" in verb.morph.get("Mood") or "Fut" in verb.morph.get("Tense"):
            return True
        # the tagger often reads "poursuivrait", "attaqueront" as imperfect or present: the ending
        return "Fin" in verb.morph.get("VerbForm") and verb.lower_.endswith(self.lex.future_endings)

    def _bare_modifier(self, d: Draft) -> bool:
        """"l'opération Serval lancée le 11 janvier": a participle that describes a noun, with no
        one named to act, tells no strategic development of its own (ACLED codes no launch)."""
        t = d.trigger
        return d.verbal and d.actor1 is None and t.dep_ in ("acl", "amod") and t.head.pos_ in ("NOUN", "PROPN") \
            and self.lex.family(d.family).event_type == EventType.STRATEGIC_DEVELOPMENTS and not d.parts \
            and not any(c.dep_.startswith("aux") for c in t.children)  # "avoir abattu" hung on a noun: a verb

    def _goal(self, host, lemmas) -> bool:
        """A purpose clause ("pour les disperser", "afin de la réprimer") whose verb is one of ``lemmas``."""
        return any(c.dep_ in ("advcl", "xcomp", "obl", "acl") and c.lemma_.lower() in lemmas
                   and any(x.lower_ in self.lex.grammar.purpose_markers for x in c.children) for c in host.children)

    def _protest_goal(self, host) -> bool:
        return any(c.dep_ in ("advcl", "xcomp", "obl", "acl") and c.lemma_.lower() in self.lex.protest_goals
                   and any(x.lower_ in self.lex.grammar.purpose_markers for x in c.children) for c in host.children)

    def _companions(self, host) -> list:
        """Adverbial clauses about the same participant ("alors qu'elle se trouvait à X")."""
        out = []
        for c in host.children:
            if c.dep_ == "advcl" and any(x.dep_ in SUBJECTS and x.lower_ in self.lex.grammar.personal_pronouns
                                         for x in c.children):
                out.extend(collect(c, PLACE_PRUNE))
        return out

    def _refine_family(self, d: Draft, clause) -> None:
        """An attack by shells or a drone is remote violence; a strike by drone an air strike."""
        if d.family in ("attack", "kill", "wound", "armed_clash"):
            for t in clause:
                # the lemmatizer errs ("obus" -> "obu"): the form too
                fam = self.lex.instruments.get(t.lemma_.lower()) or self.lex.instruments.get(t.lower_)
                if fam and t.pos_ == "NOUN" and t.dep_ in ("obl:agent", "obl", "obl:mod", "nmod", "obl:arg", "nsubj"):
                    d.family = fam
                    break
        if d.family in REMOTE and d.family not in ("suicide_bomb", "chemical"):
            for t in clause:
                fam = self.lex.remote_modifiers.get(t.lemma_.lower()) or self.lex.remote_modifiers.get(t.lower_)
                if fam in ("suicide_bomb", "chemical") or (fam and d.family == "explosive" and fam != "shelling"):
                    d.family = fam
                    break
                if fam and d.trigger.lemma_.lower() in self.lex.grammar.strike_triggers:
                    d.family = fam
                    break

    def _fatalities(self, d: Draft, clause) -> int | None:
        counts = []
        if d.lethal and d.patient is not None and d.noun is None and d.patient.lemma_.lower() not in self.lex.nouns:
            # (not "a mené 300 frappes": a light verb's object is the event, not its victims)
            counts.append(self.k.fatal.people_hit(d.patient))
        counts.append(self.k.fatal.in_clause(clause))
        for c in d.host.children:  # "..., faisant des dizaines de morts"
            if c.dep_ in ("advcl", "acl") and participle_like(c, self.lex.grammar):
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
                        or toks[0].lower_ in self.lex.grammar.leading_conjunctions):
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

    def _mod(self, d: Draft):
        tok = d.host if d.host.pos_ in ("VERB", "AUX") else d.trigger
        return self._mod_of(tok, d.sent)

    def _mod_of(self, tok, sent):
        """The modality of a verb; a verb coordinated with no auxiliary of its own shares its
        first verb's ("l'armée aurait fermé la frontière et installé une base": both reported)."""
        if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and tok.head.i < tok.i \
                and not any(c.dep_.startswith("aux") or c.dep_ in ("nsubj", "nsubj:pass") for c in tok.children):
            return self._mod_of(tok.head, sent)
        got = self._mods.get(tok.i)
        if got is None:
            got = self._mods[tok.i] = self.k.modality.read(tok, statement_of=self.statements, sentence_text=self._text(sent))
        return got

    def _type(self, d: Draft) -> tuple[str, str | None, str | None]:
        fam = self.lex.family(d.family)
        etype, sub = fam.event_type, fam.sub_event_type
        a = self.args
        if fam.by_civilians and a.is_protester(d.actor1) and not a.is_armed(d.actor1):
            etype, sub = fam.by_civilians
        elif fam.on_protesters and a.is_protester(d.actor2) and d.actor2 is not None \
                and d.actor2.head.lemma_.lower() in self.lex.grammar.protester_patients:
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
            has_target = any(case_of(c) in self.lex.grammar.against_preps for c in list(d.noun.children) + list(d.host.children))
            if quals & self.lex.armed_qualifiers or has_target or a.is_armed(d.actor2):
                etype, sub = fam.armed
        return etype, sub, fam.plover

    def _crowd_name(self, a, word: str, d: Draft) -> str | None:
        """A crowd with no name of its own ("plusieurs centaines de personnes", "des manifestants",
        or no one named) is coded as ACLED does: "Protesters (Syria)", "Rioters (Libya)"."""
        if a is not None and (a.actor_id and a.actor_kind not in (None, "group", "civilians")
                              or a.head.lemma_.lower() not in self.lex.crowd_nouns):
            return None
        country = self._country_name(d.place)
        return f"{word} ({country})" if country else None

    def _generic_name(self, d: Draft, word: str) -> str | None:
        """ACLED's generic actor for people with no name of their own: "Civilians (Iraq)"."""
        country = self._country_name(d.place)
        return f"{word} ({country})" if country else None

    def _country_name(self, place: int | None) -> str | None:
        """The name of the event place's country, as the places stage found it in the article."""
        if place is None:
            return None
        p = self.doc.places[place]
        if p.kind == "country":
            return p.name
        return next((q.name for q in self.doc.places if q.kind == "country" and q.country_code == p.country_code
                     and p.country_code), None)

    def _event(self, d: Draft) -> Event:
        doc = self.doc
        etype, sub, plover = self._type(d)
        m = self._mod(d)
        a1, a2 = d.actor1, d.actor2
        place = doc.places[d.place].ref() if d.place is not None else None
        dated = d.dated or Dated(None)
        claimed = m.modality == "claimed"
        claimed_by = m.claimed_by if claimed else None
        if m.modality == "asserted" and d.host is not d.trigger and d.host.lemma_.lower() in self.lex.claiming_hosts:
            who = self.args.arg(first_child(d.host, *SUBJECTS))  # "le Hezbollah a revendiqué des tirs"
            if who is not None:
                claimed, claimed_by = True, who.name
        name1, name2 = (a1.name if a1 else None), (a2.name if a2 else None)
        if a2 is not None and a2.actor_id is None and self.args.is_civilian(a2) and a2.head.pos_ != "PROPN":
            name2 = self._generic_name(d, "Civilians") or name2  # "32 personnes" -> "Civilians (Iraq)"
        if etype == EventType.PROTESTS and sub == SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS:
            name2 = self._crowd_name(a2, "Protesters", d) or name2
        elif etype in (EventType.PROTESTS, EventType.RIOTS):
            name1 = self._crowd_name(a1, "Protesters" if etype == EventType.PROTESTS else "Rioters", d) or name1
        return Event(
            event_type=etype, sub_event_type=sub, plover=plover,
            actor1=name1, actor2=name2,
            evidence=doc.raw_span(*d.evidence),
            actor1_id=a1.actor_id if a1 else None, actor2_id=a2.actor_id if a2 else None,
            place=place, date=dated.value, fatalities=d.fatalities, modality="claimed" if claimed else m.modality,
            claimed_by=claimed_by, statement=m.statement,
            trigger=doc.span_of(d.trigger), historical=dated.historical,
            mentions=[doc.raw_span(s, e) for s, e in d.mentions],
            assoc_actor1=d.assoc1.name if d.assoc1 is not None and (a1 is None or d.assoc1.name != a1.name) else None,
        )

