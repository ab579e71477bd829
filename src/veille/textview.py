"""A record as text a person reads: places, statements, events with who claims them."""
from __future__ import annotations

from .record import Record
from .taxonomy import Modality


def _date(d) -> str:
    if d is None:
        return "date unknown"
    return d.start if d.start == d.end else f"{d.start}..{d.end}"


_MODALITY = {Modality.REPORTED: "reported, unconfirmed", Modality.DENIED: "denied",
             Modality.FUTURE: "threat or plan, not done yet"}


def _who_says(e) -> str:
    """Who the event rests on: the outlet, a named claimant (and the statement), or a hedge."""
    if e.modality == Modality.CLAIMED:
        said = f"claimed by {e.claimed_by}" if e.claimed_by else "claimed"
        return said + (f" (statement {e.statement})" if e.statement is not None else "")
    return _MODALITY.get(e.modality, "asserted by the outlet")


def _event_lines(e) -> list[str]:
    who = e.actor1 or "?"
    whom = f" → {e.actor2}" if e.actor2 else ""
    where = e.place["name"] if e.place else "place unknown"
    dead = f" · {e.fatalities} killed" if e.fatalities is not None else ""
    past = " · background (historical)" if e.historical else ""
    again = f" · told {len(e.mentions) + 1} times" if e.mentions else ""
    return [f"  - {_date(e.date)} · {e.event_type} / {e.sub_event_type or '-'} · {who}{whom} · {where}{dead}{past}",
            f"      {_who_says(e)}{again}",
            f"      \"{' '.join(e.evidence.text.split())}\""]


def render_text(rec: Record) -> str:
    doc = rec.document
    out = [f"# {doc.title or doc.source or doc.id}",
           f"language {doc.language or '?'} · published {doc.published or '?'} · id {doc.id}"]
    for w in doc.warnings:
        out.append(f"! {w}")
    credits = doc.credits
    if credits.get("photos") or credits.get("sources"):
        out.append(f"credits: photos {', '.join(credits.get('photos', [])) or '-'}; sources {', '.join(credits.get('sources', [])) or '-'}")
    if rec.places:
        out.append("\nPlaces")
        for p in rec.places:
            where = f"{p.lat:.3f},{p.lon:.3f}" if p.lat is not None else "unresolved"
            out.append(f"  {p.name} ({p.kind}, {p.country_code or '?'}) {where} ×{len(p.mentions)}")
    if rec.statements:
        out.append("\nStatements")
        for i, s in enumerate(rec.statements):
            chain = f" via {' > '.join(s.source_chain)}" if s.source_chain else ""
            act = f" [{s.act}]" if s.act else ""
            said = s.content.text if s.content else s.evidence.text
            out.append(f"  [{i}] {s.speaker} ({s.cue}, {s.kind}){act}{chain}: « {' '.join(said.split())} »")
    if rec.events:
        out.append("\nEvents")
        for e in rec.events:
            out.extend(_event_lines(e))
    return "\n".join(out)
