"""Code a completed draft as a record Event: its ACLED type and sub-type (changed by who acts and
who is hit), PLOVER type, ACLED's generic actor names ("Civilians (Iraq)", "Protesters
(Syria)"), modality and who claims it.
"""
from __future__ import annotations

from ..record import Event
from ..taxonomy import EventType, SubEventType
from .context import EventContext
from .draft import Draft
from .syntax import SUBJECTS, case_of, first_child
from .when import Dated


def _type(ctx: EventContext, d: Draft) -> tuple[str, str | None, str | None]:
    fam = ctx.lex.family(d.family)
    etype, sub = fam.event_type, fam.sub_event_type
    a = ctx.args
    if fam.by_civilians and a.is_protester(d.actor1) and not a.is_armed(d.actor1):
        etype, sub = fam.by_civilians
    elif fam.on_protesters and a.is_protester(d.actor2) and d.actor2 is not None \
            and d.actor2.head.lemma_.lower() in ctx.lex.grammar.protester_patients:
        etype, sub = fam.on_protesters
    elif fam.on_civilians and a.is_civilian(d.actor2 or (a.arg(d.patient) if d.patient is not None else None)):
        etype, sub = fam.on_civilians
    side = a.side(d.actor1)
    if fam.by_state and side == "state":
        etype, sub = fam.by_state
    elif fam.by_nonstate and side == "nonstate":
        etype, sub = fam.by_nonstate
    if fam.armed and d.noun is not None:
        quals = {w for c in d.noun.children if c.dep_ in ("amod", "nmod", "appos") for w in (c.lower_, c.lemma_.lower())}
        has_target = any(case_of(c) in ctx.lex.grammar.against_preps for c in list(d.noun.children) + list(d.host.children))
        if quals & ctx.lex.armed_qualifiers or has_target or a.is_armed(d.actor2):
            etype, sub = fam.armed
    return etype, sub, fam.plover


def _crowd_name(ctx: EventContext, a, word: str, d: Draft) -> str | None:
    """A crowd with no name of its own ("plusieurs centaines de personnes", "des manifestants",
    or no one named) is coded as ACLED does: "Protesters (Syria)", "Rioters (Libya)"."""
    if a is not None and (a.actor_id and a.actor_kind not in (None, "group", "civilians")
                          or a.head.lemma_.lower() not in ctx.lex.crowd_nouns):
        return None
    country = _country_name(ctx, d.place)
    return f"{word} ({country})" if country else None


def _generic_name(ctx: EventContext, d: Draft, word: str) -> str | None:
    """ACLED's generic actor for people with no name of their own: "Civilians (Iraq)"."""
    country = _country_name(ctx, d.place)
    return f"{word} ({country})" if country else None


def _country_name(ctx: EventContext, place: int | None) -> str | None:
    """The name of the event place's country, as the places stage found it in the article, or as
    the demonyms lexicon names it when the article names a town but not its country."""
    if place is None:
        return None
    p = ctx.doc.places[place]
    if p.kind == "country":
        return p.name
    named = next((q.name for q in ctx.doc.places if q.kind == "country" and q.country_code == p.country_code
                  and p.country_code), None)
    return named or ctx.lex.country_names.get(p.country_code or "")


def to_event(ctx: EventContext, d: Draft) -> Event:
    doc = ctx.doc
    etype, sub, plover = _type(ctx, d)
    m = ctx.modality(d)
    a1, a2 = d.actor1, d.actor2
    place = doc.places[d.place].ref() if d.place is not None else None
    dated = d.dated or Dated(None)
    claimed = m.modality == "claimed"
    claimed_by = m.claimed_by if claimed else None
    if m.modality == "asserted" and d.host is not d.trigger and d.host.lemma_.lower() in ctx.lex.claiming_hosts:
        who = ctx.args.arg(first_child(d.host, *SUBJECTS))  # "le Hezbollah a revendiqué des tirs"
        if who is not None:
            claimed, claimed_by = True, who.name
    name1, name2 = (a1.name if a1 else None), (a2.name if a2 else None)
    if a2 is not None and a2.actor_id is None and ctx.args.is_civilian(a2) and a2.head.pos_ != "PROPN":
        name2 = _generic_name(ctx, d, "Civilians") or name2  # "32 personnes" -> "Civilians (Iraq)"
    if etype == EventType.PROTESTS and sub == SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS:
        name2 = _crowd_name(ctx, a2, "Protesters", d) or name2
    elif etype in (EventType.PROTESTS, EventType.RIOTS):
        name1 = _crowd_name(ctx, a1, "Protesters" if etype == EventType.PROTESTS else "Rioters", d) or name1
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
