"""Complete a draft event: its type refined by its words, its evidence, place, date and death
toll; then the drafts that are no news of an event are left out (threatened, a bare modifier,
arguments of the wrong class, background), and one event is made per place of a list.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ..record import DateValue
from ..taxonomy import EventType
from .context import EventContext
from .draft import REMOTE, Draft
from .fit import misfit
from .roles import national_actor
from .syntax import EVIDENCE_PRUNE, PLACE_PRUNE, SUBJECTS, collect, first_child, participle_like, subject, tense
from .when import Dated


def _clause(ctx: EventContext, d: Draft) -> list:
    # the cached clauses are shared: copied before growing
    toks = list(ctx.clause_of(d.host))
    for p in d.parts:
        if p.verbal and p.trigger.dep_ == "conj" and p.trigger.head.i == d.trigger.i:
            toks = sorted(set(toks) | set(ctx.clause_of(p.trigger)), key=lambda t: t.i)
    if d.host != d.trigger and not any(t.i == d.trigger.i for t in toks):
        toks = sorted(set(toks) | set(ctx.clause_of(d.trigger)), key=lambda t: t.i)
    return toks


def complete(ctx: EventContext, d: Draft) -> None:
    clause = _clause(ctx, d)
    national_actor(ctx, d, clause)
    _refine_family(ctx, d, clause)
    if d.family in ("restriction", "disruption", "capture") and _goal(ctx, d.host, ctx.lex.protest_goals):
        d.family = "protest"  # "ont bloqué les routes pour protester contre la vie chère"
    if d.family in ("attack", "kill", "wound", "armed_clash") and _goal(ctx, d.host, ctx.lex.dispersal_goals):
        d.family = "protest_repressed"  # "ont tiré à balles réelles pour les disperser"
    d.evidence = _evidence(ctx, d, clause)
    block = ctx.block_at(d.trigger.idx)
    block_start = block.start if block else 0
    place_toks = _place_words(ctx, d.host)
    for p in d.parts:
        place_toks += _place_words(ctx, p.trigger)
    subj = first_child(d.host, *SUBJECTS)
    subj_toks = list(subj.subtree) if subj is not None else []
    d.place, d.place_from = ctx.places.choose(place_toks, subj_toks, d.sent, block_start, _companions(ctx, d.host))
    verb = d.host if d.host.pos_ in ("VERB", "AUX") else (d.host.head if d.host.head.pos_ in ("VERB", "AUX") else d.host)
    d.dated = ctx.when.date_of(d.trigger, d.host, d.sent, block_start, tense(verb, ctx.lex.grammar))
    if d.day_before is not None:  # "au lendemain d'un attentat": the day before the clause's event
        v = d.day_before
        d.dated = _day_earlier(ctx.when.date_of(v, v, d.sent, block_start, tense(v, ctx.lex.grammar)))
    d.fatalities = _fatalities(ctx, d, clause)


def _place_words(ctx: EventContext, tok) -> list:
    """The words of ``tok``'s clause where its place may be named (a list of one's own)."""
    if PLACE_PRUNE == EVIDENCE_PRUNE:  # the same words as the clause's: cached
        return list(ctx.clause_of(tok))
    return collect(tok, PLACE_PRUNE)


def _companions(ctx: EventContext, host) -> list:
    """Adverbial clauses about the same participant ("alors qu'elle se trouvait à X")."""
    out = []
    for c in host.children:
        if c.dep_ == "advcl" and any(x.dep_ in SUBJECTS and x.lower_ in ctx.lex.grammar.personal_pronouns
                                     for x in c.children):
            out.extend(collect(c, PLACE_PRUNE))
    return out


def _refine_family(ctx: EventContext, d: Draft, clause) -> None:
    """An attack by shells or a drone is remote violence; a strike by drone an air strike."""
    if d.family in ("attack", "kill", "wound", "armed_clash"):
        for t in clause:
            # the lemmatizer errs ("obus" -> "obu"): the form too
            fam = ctx.lex.instruments.get(t.lemma_.lower()) or ctx.lex.instruments.get(t.lower_)
            if fam and t.pos_ == "NOUN" and t.dep_ in ("obl:agent", "obl", "obl:mod", "nmod", "obl:arg", "nsubj"):
                d.family = fam
                break
    if d.family in REMOTE and d.family not in ("suicide_bomb", "chemical"):
        # who set it off counts too: "un kamikaze a fait détoner sa charge" (the subject hangs on
        # "faire", out of the trigger's clause)
        doer = subject(d.trigger) if d.verbal else None
        if doer is not None and doer.i not in {x.i for x in clause}:
            clause = list(clause) + [doer]
        for t in clause:
            fam = ctx.lex.remote_modifiers.get(t.lemma_.lower()) or ctx.lex.remote_modifiers.get(t.lower_)
            if fam in ("suicide_bomb", "chemical") or (fam and d.family == "explosive" and fam != "shelling"):
                d.family = fam
                break
            if fam and d.trigger.lemma_.lower() in ctx.lex.grammar.strike_triggers:
                d.family = fam
                break


def _fatalities(ctx: EventContext, d: Draft, clause) -> int | None:
    counts = []
    if d.lethal and d.patient is not None and d.noun is None and d.patient.lemma_.lower() not in ctx.lex.nouns:
        # (not "a mené 300 frappes": a light verb's object is the event, not its victims)
        counts.append(ctx.kit.fatal.people_hit(d.patient))
    counts.append(ctx.kit.fatal.in_clause(clause))
    for c in d.host.children:  # "..., faisant des dizaines de morts"
        if c.dep_ in ("advcl", "acl") and participle_like(c, ctx.lex.grammar):
            counts.append(ctx.kit.fatal.in_clause(collect(c, EVIDENCE_PRUNE)))
    for p in d.parts:
        if p.lethal and p.patient is not None:
            counts.append(ctx.kit.fatal.people_hit(p.patient))
    counts = [c for c in counts if c is not None]
    if not counts and d.sentence_toll is not None:
        return d.sentence_toll
    return max(counts) if counts else None


def _evidence(ctx: EventContext, d: Draft, clause) -> tuple[int, int]:
    """The clause around the trigger, trimmed to ``max_evidence`` characters."""
    toks = [t for t in clause]
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].dep_ in ("cc",)
                    or toks[0].lower_ in ctx.lex.grammar.leading_conjunctions):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    if not toks:
        toks = [d.trigger]
    trig = d.trigger.idx
    while len(toks) > 1 and toks[-1].idx + len(toks[-1].text) - toks[0].idx > ctx.max_evidence:
        # drop the word farthest from the trigger
        if abs(toks[0].idx - trig) > abs(toks[-1].idx - trig):
            toks.pop(0)
        else:
            toks.pop()
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _goal(ctx: EventContext, host, lemmas) -> bool:
    """A purpose clause ("pour les disperser", "afin de la réprimer") whose verb is one of ``lemmas``."""
    return any(c.dep_ in ("advcl", "xcomp", "obl", "acl") and c.lemma_.lower() in lemmas
               and any(x.lower_ in ctx.lex.grammar.purpose_markers for x in c.children) for c in host.children)


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


def anchored_days(ctx: EventContext, drafts: list[Draft]) -> None:
    """"La veille, ...", "Le lendemain, ...": an event in a sentence that opens with a day
    told from the event before it, and that names no date of its own, takes that event's
    day, moved by the offset."""
    anchored = ctx.kit.dates.anchored_days
    last: tuple[int, str] | None = None  # (sentence start, day) of the last event dated to a day
    for d in drafts:  # in text order
        v = d.dated.value if d.dated else None
        opening = _fold_opening(ctx.text[d.sent.start_char:d.sent.start_char + 30])
        offset = next((n for words, n in anchored.items() if opening.startswith(words)), None)
        own = v is not None and v.text and v.text in ctx.text[d.sent.start_char:d.sent.end_char]
        if offset is not None and last is not None and last[0] < d.sent.start and not own:
            day = (date.fromisoformat(last[1]) + timedelta(days=offset)).isoformat()
            d.dated = Dated(DateValue(day, day, "day", None), False, False)
            v = d.dated.value
        if v is not None and v.precision == "day" and not (d.dated and d.dated.historical):
            last = (d.sent.start, v.start[:10])


def threatened(ctx: EventContext, d: Draft) -> bool:
    """Violence threatened, promised or announced ("menace d'attaquer", "va attaquer",
    "a affirmé qu'il poursuivrait ses attaques") has not happened: ACLED codes no event.
    A hedged past ("aurait attaqué", "l'attaque aurait fait") is still one."""
    if d.family not in ctx.lex.violent:
        return False
    if ctx.modality(d).modality == "future":
        return True
    verb = d.host if d.host.pos_ in ("VERB", "AUX") else d.trigger.head
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("aux:tense", "aux:pass") for c in verb.children):
        return False
    if "Cnd" in verb.morph.get("Mood") or "Fut" in verb.morph.get("Tense"):
        return True
    # the tagger often reads "poursuivrait", "attaqueront" as imperfect or present: the ending
    return "Fin" in verb.morph.get("VerbForm") and verb.lower_.endswith(ctx.lex.future_endings)


def bare_modifier(ctx: EventContext, d: Draft) -> bool:
    """"l'opération Serval lancée le 11 janvier": a participle that describes a noun, with no
    one named to act, tells no strategic development of its own (ACLED codes no launch)."""
    t = d.trigger
    return d.verbal and d.actor1 is None and t.dep_ in ("acl", "amod") and t.head.pos_ in ("NOUN", "PROPN") \
        and ctx.lex.family(d.family).event_type == EventType.STRATEGIC_DEVELOPMENTS and not d.parts \
        and not any(c.dep_.startswith("aux") for c in t.children)  # "avoir abattu" hung on a noun: a verb


def misfit_draft(ctx: EventContext, d: Draft) -> bool:
    """Arguments of the wrong class (an accident, a reactor "arrested", a debate): no event."""
    return misfit(d, ctx.lex, ctx.args, _clause(ctx, d), ctx.title_words()) is not None


def one_a_place(ctx: EventContext, d: Draft) -> list[Draft]:
    """"Des frappes ont visé Idlib et Alep": one event a place, as ACLED codes them (the toll
    stays with the first, the text giving no split)."""
    if d.place is None or d.place_from != "clause":
        return [d]
    others = ctx.places.coordinated(d.place, _clause(ctx, d))
    return [d] + [replace(d, place=p, fatalities=None, mentions=[], parts=[]) for p in others]
