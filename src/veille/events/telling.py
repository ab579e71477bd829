"""Tellings: one event told several times is one event.

In a sentence, a noun and a verb, or a verb and its participle, tell one event ("une frappe a
tué 18 personnes", "ont attaqué X, tuant 4 soldats"). In the next sentence, a follow-up goes on
with it ("Les combats ont duré plusieurs heures", "Au moins 20 civils ont péri"). In the
article, a title or a caption repeats the lead. Each is kept once, with the other spans as
mentions. Plain functions over the document's ``EventContext``.
"""
from __future__ import annotations

from bisect import bisect_right

from ..taxonomy import EventType
from .arguments import Arg
from .context import EventContext
from .draft import FACTUAL, REMOTE, SPECIFIC, Draft
from .syntax import SUBJECTS, first_child, participle_like
from .triggers import has_own_arguments, near_nouns, objects


# families of harm told with no doer, and the crowd violence a harm may be part of
UNNAMED_HARM = frozenset({"kill", "wound"})
CROWD_VIOLENCE = frozenset({"riot", "mob"})


def _kind(ctx: EventContext, family: str) -> str:
    if family in ctx.lex.violent:
        return "violent"
    family = ctx.lex.same_kind.get(family, family)
    f = ctx.lex.family(family)
    return f.event_type if f.event_type != EventType.STRATEGIC_DEVELOPMENTS else f"SD/{family}"

def _specificity(family: str) -> int:
    return 3 if family in REMOTE else 2 if family in SPECIFIC else 1

def _same_telling(ctx: EventContext, h: Draft, v: Draft) -> bool:
    """Two verbs of the sentence that tell one event: a participle that goes on with it
    ("ont lancé une offensive ..., déclenchant la bataille"; "ont attaqué X, tuant 5
    soldats"), or a second verb sharing its subject ("ont incendié ... et pillé ...";
    "ont tué les habitants et incendié les maisons")."""
    if h.family == "disrupted" and v.family in REMOTE and v.trigger.dep_ in ("acl", "amod") \
            and v.trigger.head.i in {o.i for o in objects(ctx, h.trigger) + near_nouns(h.trigger)}:
        h.actor2 = h.actor2 or v.actor1  # "a intercepté un missile tiré par les Houthis"
        return True
    if h.family in ctx.lex.violent and v.family in ("destruction", "looting") and v.trigger.dep_ == "conj" \
            and v.trigger.head.i == h.trigger.i and first_child(v.trigger, *SUBJECTS) is None:
        return True
    if _kind(ctx, h.family) != _kind(ctx, v.family):
        return False
    t = v.trigger
    anchors = {x.i for x in ctx.clause_of(h.host)}
    if h.trigger.dep_ == "xcomp":
        anchors.add(h.trigger.head.i)  # "s'est fait exploser ..., tuant"
    if t.dep_ in ("advcl", "acl", "obl", "obl:mod", "amod", "advmod") and t.head.i in anchors and participle_like(t, ctx.lex.grammar):
        return True
    if t.dep_ == "acl" and t.head.i in anchors and t.head.i != h.trigger.i:
        return True  # "tués dans une embuscade tendue par des jihadistes"
    return t.dep_ == "conj" and t.head.i == h.trigger.i and first_child(t, *SUBJECTS) is None

def merge_sentence(ctx: EventContext, found: list[Draft]) -> list[Draft]:
    verbal: list[Draft] = []
    for v in (d for d in found if d.verbal):
        head = next((h for h in verbal if _same_telling(ctx, h, v)), None)
        if head is not None:
            _absorb(ctx, head, v)
        else:
            verbal.append(v)
    # a participle going on with an event told by a noun ("des raids ont visé X, tuant six civils")
    for n in (d for d in found if not d.verbal and d.host != d.trigger):
        for v in list(verbal):
            if _kind(ctx, v.family) == _kind(ctx, n.family) and participle_like(v.trigger, ctx.lex.grammar) \
                    and v.trigger.head.i in {x.i for x in ctx.clause_of(n.host)}:
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
            target = next((v for v in out if v is not n and _kind(ctx, v.family) == _kind(ctx, n.family)
                           and _in_clause(ctx, n.trigger, v)), None)
        if target is None:
            harm = _harm_during(ctx, out, n)
            if harm is not None:
                _absorb(ctx, harm, n, keep_family=True)
            elif not n.only_part:
                out.append(n)
        elif n.only_part:
            _absorb(ctx, target, n, keep_family=True)
        else:
            _absorb(ctx, target, n)
    out.sort(key=lambda d: d.trigger.i)
    return out

def _harm_during(ctx: EventContext, drafts: list[Draft], n: Draft) -> Draft | None:
    """"Six policiers ont été tués au cours des émeutes de mercredi": a killing or a wounding no
    one is named to have done, told with the riot or fight in its clause, is that event."""
    return next((v for v in drafts if v.verbal and _harm_in(ctx, v, n) and _in_clause(ctx, n.trigger, v)), None)


def _harm_in(ctx: EventContext, harm: Draft, event: Draft) -> bool:
    """A killing or wounding no one is named to have done, and violence it may be part of."""
    return harm.family in UNNAMED_HARM and harm.actor1 is None and (
        event.family in ctx.lex.violent or event.family in CROWD_VIOLENCE)


def _in_clause(ctx: EventContext, tok, d: Draft) -> bool:
    return any(t.i == tok.i for t in ctx.clause_of(d.host))

def _absorb(ctx: EventContext, into: Draft, part: Draft, *, keep_family: bool = False) -> None:
    into.parts.append(part)
    if keep_family:
        # "six policiers ont été tués au cours des émeutes", "tués lors d'un bombardement": harm
        # no one is named to have done is the riot, the strike or the fight it happened in
        if _harm_in(ctx, into, part):
            into.family = part.family
    elif _kind(ctx, into.family) == _kind(ctx, part.family) or into.host == part.host or part.host == into.trigger:
        if _specificity(part.family) > _specificity(into.family):
            into.family = part.family
    into.actor1 = into.actor1 or part.actor1
    into.actor2 = into.actor2 or part.actor2
    into.patient = into.patient or part.patient
    into.lethal = into.lethal or part.lethal

def news_sentence(ctx: EventContext, sent) -> bool:
    """No date of its own, no "depuis", no past background: a toll that may go with the
    event told just before ("Au moins 20 civils ont péri"), not a war's total."""
    if any(x.role == "since" or ctx.when.is_old(ctx.when.resolve(x)) for _, _, x in ctx.when.exprs(sent)):
        return False
    text = ctx.sentence_text(sent)
    return not any(w in text.lower() for w in ctx.lex.grammar.since_words) and not (ctx.when.cues and ctx.when.cues.search(text))

def follow_ups(ctx: EventContext, drafts: list[Draft], tolls) -> list[Draft]:
    """A sentence that goes on about the event just told is part of it: "Les combats ont
    duré plusieurs heures", "L'attaque n'a pas été revendiquée" (an event noun with a definite
    article and nothing of its own), "Au moins 20 civils ont péri" (a toll with no event),
    "Trois civils ont été tués" (a killing with no one named to have done it)."""
    drafts.sort(key=lambda d: d.trigger.i)
    kept: list[Draft] = []
    for d in drafts:
        prev = _antecedent(ctx, kept, d)
        if prev is not None and _narrows(ctx, prev, d):
            prev.parts.append(d)  # "L'attaque a eu lieu dans la ville de Quetta": where it was
            prev.mentions.append(d.evidence)
            prev.place, prev.place_from = d.place, d.place_from
            if d.fatalities is not None and prev.fatalities is None:
                prev.fatalities = d.fatalities
            continue
        if prev is not None and d.place_from == "clause" and prev.place is not None and d.place != prev.place \
                and not _places_nest(ctx, prev.place, d.place):
            prev = None  # told somewhere else: another event
        if prev is not None and (_anaphoric(ctx, d) or _bare_killing(ctx, d, prev)):
            prev.parts.append(d)  # only its span and its toll: the actors are the first telling's
            prev.mentions.append(d.evidence)
            if prev.actor1 is None and d.actor1 is not None and d.host.lemma_.lower() in ctx.lex.always_hosts:
                prev.actor1 = d.actor1  # "L'attaque a été revendiquée par le JNIM": who did it
            if d.fatalities is not None and prev.fatalities is None:
                prev.fatalities = d.fatalities
            continue
        kept.append(d)
    for sent, n in tolls:
        prev = _antecedent(ctx, kept, None, sent=sent)
        if prev is not None and prev.fatalities is None:
            prev.fatalities = n
    return kept

def _narrows(ctx: EventContext, prev: Draft, d: Draft) -> bool:
    """"Un kamikaze s'est fait exploser au Pakistan. L'attaque a eu lieu dans la ville de Quetta.":
    the event noun told again with a definite article, by a verb of occurrence, with no one of
    its own, only names a place inside the one the event was told at."""
    if d.verbal or d.noun is None or d.actor1 is not None or d.actor2 is not None or d.host is d.trigger:
        return False
    host = d.host.lemma_.lower()
    if host not in ctx.lex.occurrence_verbs and host not in ctx.lex.grammar.take_place_verbs \
            or d.place is None or d.place_from != "clause":
        return False
    if not _refers_back(ctx, d):
        return False
    if prev.noun is not None and "Plur" in prev.noun.morph.get("Number"):
        return False  # "Deux attentats ... La première attaque a eu lieu à Tikrit": one of them
    return prev.place is None or _places_nest(ctx, d.place, prev.place)


def _places_nest(ctx: EventContext, a: int, b: int) -> bool:
    """b is a broader place around a (a country or province of the city told first): a
    follow-up may name the wider area."""
    pa, pb = ctx.doc.places[a], ctx.doc.places[b]
    broader = {"country": 5, "region": 4, "admin1": 3, "admin2": 2}
    return pa.country_code == pb.country_code and broader.get(pb.kind, 0) > broader.get(pa.kind, 0)

def _antecedent(ctx: EventContext, kept: list[Draft], d: Draft | None, *, sent=None) -> Draft | None:
    """The violent event told in the sentence just before, in the same paragraph."""
    sent = sent if sent is not None else d.sent
    block = ctx.block_at(sent.start_char)
    for k in reversed(kept):
        if k.sent.start >= sent.start or k.day_before is not None:
            continue  # not "au lendemain d'un attentat": the clause's own event is the one gone on with
        # its last telling before this sentence (a follow-up it took in counts: "L'attaque a eu lieu à X.")
        told = max([k.sent] + [p.sent for p in k.parts if p.sent.start < sent.start], key=lambda s: s.start)
        if block is None or k.title or not _adjacent(ctx, told, sent, allow_between=k is not kept[-1]):
            return None
        if d is not None and _kind(ctx, k.family) != _kind(ctx, d.family):
            return None
        if d is None and k.family not in ctx.lex.violent:
            return None
        if k.dated and k.dated.historical:
            return None
        return k
    return None

def _adjacent(ctx: EventContext, a, b, *, allow_between: bool = False) -> bool:
    """b comes right after a: in the same paragraph or the next one (many sources put each
    paragraph on a line of its own), with little between (the splitter may have cut a's
    sentence in two)."""
    ia = bisect_right(ctx.block_starts, a.start_char) - 1
    ib = bisect_right(ctx.block_starts, b.start_char) - 1
    if ia < 0 or ib < 0 or ctx.blocks[ib].kind != "paragraph":
        return False
    return ib - ia <= 1 and b.start - a.end <= 30

def _anaphoric(ctx: EventContext, d: Draft) -> bool:
    """An event noun that points back: "les combats", "cette attaque", with no actor,
    place or date of its own."""
    if d.verbal or not _refers_back(ctx, d):
        return False
    return not has_own_arguments(ctx, d.noun, d.sent)

def _refers_back(ctx: EventContext, d: Draft) -> bool:
    """"l'attentat de samedi", "cette attaque": a definite noun, the event already told."""
    if d.noun is None:
        return False
    det = {c.lower_ for c in d.noun.children if c.dep_ == "det"}
    return bool(det & ctx.lex.grammar.definite_determiners)

def _generic_attacker(ctx: EventContext, a: Arg) -> bool:
    """"les assaillants", "ces hommes armés": the attackers just told of, no one new."""
    head = a.head
    det = {c.lower_ for c in head.children if c.dep_ == "det"}
    return head.lemma_.lower() in ctx.lex.anaphoric_attackers and bool(det & ctx.lex.grammar.anaphoric_determiners)

def _bare_killing(ctx: EventContext, d: Draft, prev: Draft) -> bool:
    """"Trois civils ont été tués.": victims, no attacker, no date or place of its own."""
    if not d.verbal or not d.lethal:
        return False
    if d.actor1 is not None and not _generic_attacker(ctx, d.actor1):
        return False
    told = _told_date(d)
    return told is None or (_told_date(prev) is not None and told.start == _told_date(prev).start)

def dedupe(ctx: EventContext, drafts: list[Draft]) -> list[Draft]:
    kept: list[Draft] = []
    for d in sorted(drafts, key=lambda x: (x.title, x.trigger.i)):
        same = [k for k in kept if _same_event(ctx, k, d)]
        back = None if same else _reported_back(ctx, kept, d)
        if back is not None:
            same = [back]
        if not same:
            kept.append(d)
            continue
        best = max(same, key=lambda k: _likeness(ctx, k, d))
        best.mentions.append(d.evidence)
        if best.actor1 is None and d.actor1 is not None and not d.title:
            best.actor1 = d.actor1  # "le Mujao a revendiqué l'attentat de samedi": who did it
    kept.sort(key=lambda x: x.trigger.i)
    return kept

def _reported_back(ctx: EventContext, kept: list[Draft], d: Draft) -> Draft | None:
    """"L'attentat a été revendiqué par l'EI", "l'ONU a condamné l'attaque": a definite event
    noun that a claim or a report takes, with no place of its own, is the event of its kind
    told just before (the day that clause gives is the claim's, not the attack's)."""
    if d.verbal or d.title or not _refers_back(ctx, d) or d.host is d.trigger or d.place_from == "clause":
        return None
    if d.host.lemma_.lower() not in ctx.lex.report_hosts or has_own_arguments(ctx, d.noun, d.sent):
        return None
    earlier = [k for k in kept if k.trigger.i < d.trigger.i and not k.title
               and _kind(ctx, k.family) == _kind(ctx, d.family)]
    return earlier[-1] if earlier else None

def _likeness(ctx: EventContext, a: Draft, b: Draft) -> tuple:
    """How alike two tellings are: for a title, the body event it most likely sums up."""
    return (a.fatalities is not None and a.fatalities == b.fatalities,
            _compatible(a.actor1, b.actor1) and _compatible(a.actor2, b.actor2),
            a.trigger.lemma_ == b.trigger.lemma_ or _key_noun(ctx, a) == _key_noun(ctx, b),
            a.family == b.family,
            a.place is not None and a.place == b.place,
            -a.trigger.i)

def _same_event(ctx: EventContext, a: Draft, b: Draft) -> bool:
    if not (a.title or b.title) and _head_word(ctx, a.trigger.lemma_) != _head_word(ctx, b.trigger.lemma_):
        return False  # the cheap test first: this runs over all pairs
    if _kind(ctx, a.family) != _kind(ctx, b.family):
        return False
    if (a.title or b.title) and _compatible(a.actor1, b.actor1) is False and a.fatalities != b.fatalities:
        return False
    if not (a.title or b.title) and (not _compatible(a.actor1, b.actor1) or not _compatible(a.actor2, b.actor2)):
        return False
    if b.title or a.title:
        body = a if b.title else b
        if body.day_before is not None:
            return False  # a title sums up the news, not what came the day before
        return not (body.dated and body.dated.historical) and _same_country(ctx, a.place, b.place)
    if a.place is not None and b.place is not None and a.place != b.place \
            and not (_refers_back(ctx, b) and b.place_from != "clause" and _places_nest(ctx, a.place, b.place)):
        return False
    if _head_word(ctx, a.trigger.lemma_) != _head_word(ctx, b.trigger.lemma_):
        return False
    ka, kb = _key_noun(ctx, a), _key_noun(ctx, b)
    if ka != kb:
        return False
    da, db = _told_date(a), _told_date(b)
    if da is not None and db is not None and da.start != db.start:
        return False
    if a.fatalities is not None and b.fatalities is not None and a.fatalities != b.fatalities:
        return False
    # told as fact or as someone's word, it is the same event; denied or to come, it is not
    ma, mb = ctx.modality(a).modality, ctx.modality(b).modality
    return ma == mb or (ma in FACTUAL and mb in FACTUAL)

def _same_country(ctx: EventContext, x: int | None, y: int | None) -> bool:
    """A title names places loosely ("Gaza" for a camp in Gaza): same country is enough."""
    if x is None or y is None or x == y:
        return True
    return (ctx.doc.places[x].country_code or "") == (ctx.doc.places[y].country_code or "")

def _told_date(d: Draft):
    """The date the text gives (not the publication date put in for want of one)."""
    v = d.dated.value if d.dated else None
    return v if v is not None and v.text else None

def _key_noun(ctx: EventContext, d: Draft) -> str | None:
    t = d.noun or first_child(d.trigger, "obj")
    return _head_word(ctx, t.lemma_.lower()) if t is not None else None

def _head_word(ctx: EventContext, lemma: str) -> str:
    """A hyphenated compound is told again by its head when that is an event noun itself
    ("l'attentat-suicide" ... "l'attentat de samedi"); "cessez-le-feu" stays whole."""
    head = lemma.split("-", 1)[0]
    return head if head != lemma and ctx.lex.noun(head) is not None else lemma

def _compatible(x: Arg | None, y: Arg | None) -> bool:
    if x is None or y is None:
        return True
    if x.actor_id and y.actor_id and x.actor_id == y.actor_id:
        return True
    nx, ny = x.name.lower(), y.name.lower()
    return nx in ny or ny in nx or x.head.lemma_ == y.head.lemma_
