"""Event clusters: the mentions, across documents, of one real event.

An event joins the best-matching cluster of the same ACLED event type whose dates lie within
``cluster_window_days`` of its own, when the match scores at least ``cluster_min_score``;
otherwise it founds a new cluster. The score adds up evidence and can veto:

    place    same place 3; within cluster_place_km 2; one is the other's country/region 1;
             two different places that are neither: no match. Unknown place: 0.
    actors   a shared actor 2; two known and disjoint actor sets -2; unknown: 0.
    dates    overlapping days 1.
    subtype  the same 1; a conflicting pair (taken / retaken) 1; otherwise different -1.

A cluster keeps a summary of its members (most specific place, date range, commonest actors,
sources, modalities, fatalities range), a corroboration count (distinct sources that report
it without denying it) and a contradiction flag with its reason: one source reports what
another denies, or sources disagree on who took a place.

Assignment is greedy and runs inside the document's write transaction, so a crash never
leaves an ingested document unclustered. Events dated only vaguely (a month, a year) found
their own cluster: too coarse to tell one event from another.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, insert, select, update

from .schema import cluster_members, event_clusters, events

# ACLED sub-event types that cannot both be true of one event: who ended up holding the place.
CONFLICTING_SUBTYPES = (
    frozenset({"Non-state actor overtakes territory", "Government regains territory"}),
    frozenset({"Non-violent transfer of territory", "Government regains territory"}),
)
TERRITORY_SUBTYPES = frozenset().union(*CONFLICTING_SUBTYPES)
# the more precise a place, the better it stands for the cluster
PLACE_RANK = {"site": 0, "city": 1, "admin1": 2, "region": 3, "country": 4}
COARSE_KINDS = frozenset({"country", "admin1", "region"})
REPORTING = frozenset({"asserted", "claimed", "reported"})

# Built once: SQLAlchemy then finds each compiled statement in its cache without rebuilding
# and re-coercing the expression for every event (most of a small write's cost).
_c = event_clusters.c
_CANDIDATES = select(event_clusters).where(and_(
    _c.event_type.in_(bindparam("types", expanding=True)), _c.date_start.is_not(None),
    _c.date_start <= bindparam("last"), _c.date_end >= bindparam("first"))).order_by(_c.date_start, _c.date_end)
_ONE_QUERY_DAYS = 31  # a document's events within a month of each other: one candidate query
_INSERT_CLUSTER = insert(event_clusters)
_INSERT_MEMBERS = insert(cluster_members)
_MEMBERS_OF = (select(events, cluster_members.c.source_identity, cluster_members.c.date_start.label("m_start"),
                      cluster_members.c.date_end.label("m_end"))
               .join(cluster_members, cluster_members.c.event_id == events.c.id)
               .where(cluster_members.c.cluster_id == bindparam("cid")))
_DELETE_CLUSTER = delete(event_clusters).where(_c.id == bindparam("cid"))
_UPDATE_CLUSTER = update(event_clusters).where(_c.id == bindparam("cid"))


@dataclass(frozen=True)
class ClusterParams:
    window_days: int = 2
    place_km: float = 30.0
    min_score: float = 3.0
    max_event_days: int = 7  # an event dated more loosely than this founds its own cluster

    @classmethod
    def from_settings(cls, settings) -> "ClusterParams":
        get = settings.get
        return cls(window_days=int(get("store.cluster_window_days", cls.window_days)),
                   place_km=float(get("store.cluster_place_km", cls.place_km)),
                   min_score=float(get("store.cluster_min_score", cls.min_score)),
                   max_event_days=int(get("store.cluster_max_event_days", cls.max_event_days)))


@dataclass
class Placement:
    """Where a document's events go: a member row per event, and the clusters whose summary must
    be computed again once the events and members are written."""
    members: list[dict[str, Any]]
    stale: list[str]


def choose(conn: Connection, rows: Iterable[dict[str, Any]], *, document_id: str, source_identity: str,
           published: str | None, params: ClusterParams, now: str) -> Placement:
    """Pick (or found) a cluster for each event row (as it will be written to ``events``).

    A cluster this document founds is summarised from its first event when founded; only the
    clusters the document joins need their summary computed again (``attach``), once, after all
    its events are placed (a later event of the same document matches against the summary as it
    was before)."""
    rows = list(rows)
    pad = timedelta(days=params.window_days)
    spans = [_dates(ev, published) for ev in rows]
    # the days a cluster must touch to be joined; None: the event founds its own
    windows = [(span[0] - pad, span[1] + pad) if span and (span[1] - span[0]).days <= params.max_event_days
               else None for span in spans]
    # every cluster any of the events could join, read once; the ones the document founds join it
    pool = _candidates(conn, [(ev["event_type"], w) for ev, w in zip(rows, windows) if w])
    members: list[dict[str, Any]] = []
    founded: list[dict[str, Any]] = []
    joined: dict[str, None] = {}
    for ev, span, window in zip(rows, spans, windows):
        best: tuple[float, dict] | None = None
        if window:
            for cl in _within(pool, ev["event_type"], window):
                score = match_score(ev, span, cl, params)
                if score is not None and score >= params.min_score and (best is None or score > best[0]):
                    best = (score, cl)
        member = {"event_id": ev["id"], "document_id": document_id, "source_identity": source_identity,
                  "modality": ev["modality"], "sub_event_type": ev["sub_event_type"],
                  "actor1_key": ev["actor1_key"], "date_start": span[0].isoformat() if span else None,
                  "date_end": span[1].isoformat() if span else None, "score": best[0] if best else 0.0}
        if best:
            member["cluster_id"] = best[1]["id"]
            joined[best[1]["id"]] = None
        else:
            cluster = _found(ev, member, now)
            founded.append(cluster)
            pool.append(cluster)
            member["cluster_id"] = cluster["id"]
        members.append(member)
    if founded:
        conn.execute(_INSERT_CLUSTER, founded)
    return Placement(members, list(joined))


def attach(conn: Connection, placement: Placement, *, now: str) -> None:
    """Write the member rows (their events already written) and refresh the joined clusters."""
    if placement.members:
        conn.execute(_INSERT_MEMBERS, placement.members)
    for cid in placement.stale:
        refresh(conn, cid, now=now)


def detach_document(conn: Connection, document_id: str, *, now: str) -> None:
    """Take a document's events out of their clusters (a newer version replaces it)."""
    cids = conn.execute(select(cluster_members.c.cluster_id).distinct()
                        .where(cluster_members.c.document_id == document_id)).scalars().all()
    conn.execute(delete(cluster_members).where(cluster_members.c.document_id == document_id))
    conn.execute(update(events).where(events.c.document_id == document_id).values(cluster_id=None))
    for cid in cids:
        refresh(conn, cid, now=now)


def match_score(ev: dict, span: tuple[date, date], cl: dict, params: ClusterParams) -> float | None:
    """How well an event fits a cluster; None when something rules it out."""
    place = _place_score(ev, cl, params)
    if place is None:
        return None
    score = place + _actor_score(ev, cl) + _subtype_score(ev["sub_event_type"], cl["sub_event_type"])
    lo, hi = date.fromisoformat(cl["date_start"]), date.fromisoformat(cl["date_end"])
    if span[0] <= hi and span[1] >= lo:
        score += 1
    return score


def refresh(conn: Connection, cid: str, *, now: str) -> None:
    """Recompute a cluster's summary from its members; drop it when none is left."""
    members = conn.execute(_MEMBERS_OF, {"cid": cid}).mappings().all()
    if not members:
        conn.execute(_DELETE_CLUSTER, {"cid": cid})
        return
    conn.execute(_UPDATE_CLUSTER, {**summary(members), "updated_at": now, "cid": cid})


def summary(members: list) -> dict[str, Any]:
    place = min((m for m in members if m["place_key"]),
                key=lambda m: (PLACE_RANK.get(m["place_kind"], 5), -_count(members, "place_key", m["place_key"])),
                default=None)
    starts = [m["m_start"] for m in members if m["m_start"]]
    ends = [m["m_end"] for m in members if m["m_end"]]
    fatalities = [m["fatalities"] for m in members if m["fatalities"] is not None]
    modalities = Counter(m["modality"] for m in members)
    sources = sorted({m["source_identity"] for m in members})
    reporting = {m["source_identity"] for m in members if m["modality"] != "denied"}
    reasons = contradictions(members)
    return {
        "sub_event_type": _commonest(m["sub_event_type"] for m in members),
        "place_key": place["place_key"] if place else None,
        "place_name": place["place_name"] if place else None,
        "place_kind": place["place_kind"] if place else None,
        "country_code": place["country_code"] if place else _commonest(m["country_code"] for m in members),
        "lat": place["lat"] if place else None,
        "lon": place["lon"] if place else None,
        "date_start": min(starts) if starts else None,
        "date_end": max(ends) if ends else None,
        "actor1": _commonest(m["actor1"] for m in members),
        "actor2": _commonest(m["actor2"] for m in members),
        "actor_keys": json.dumps(sorted({k for m in members for k in (m["actor1_key"], m["actor2_key"]) if k}),
                                 ensure_ascii=False),
        "n_events": len(members),
        "n_documents": len({m["document_id"] for m in members}),
        "corroboration": len(reporting),
        "sources": json.dumps(sources, ensure_ascii=False),
        "modalities": json.dumps(dict(sorted(modalities.items()))),
        "fatalities_min": min(fatalities) if fatalities else None,
        "fatalities_max": max(fatalities) if fatalities else None,
        "contradiction": bool(reasons),
        "contradiction_reason": "; ".join(reasons) or None,
    }


def contradictions(members: list) -> list[str]:
    """Why the members cannot all be right, in words; empty when they agree."""
    reasons = []
    denied = [m for m in members if m["modality"] == "denied"]
    told = [m for m in members if m["modality"] in REPORTING]
    if denied and told:
        reasons.append(f"denied by {_sources(denied)}, reported by {_sources(told)}")
    subtypes = {m["sub_event_type"] for m in members if m["sub_event_type"]}
    for pair in CONFLICTING_SUBTYPES:
        if pair <= subtypes:
            a, b = sorted(pair)
            reasons.append(f"{a} vs {b}")
    takers = {m["actor1"] for m in members if m["sub_event_type"] in TERRITORY_SUBTYPES and m["actor1"]}
    if len(takers) > 1:
        reasons.append("control claimed by " + " and ".join(sorted(takers)))
    return reasons


def _sources(members: list) -> str:
    return ", ".join(sorted({m["source_identity"] for m in members}))


def _candidates(conn: Connection, wanted: list[tuple[str, tuple[date, date]]]) -> list[dict]:
    """The clusters of the events' types whose days touch their windows: one query when the
    windows lie close together (the usual dispatch), else one a window (no scan of years)."""
    if not wanted:
        return []
    first, last = min(w[0] for _, w in wanted), max(w[1] for _, w in wanted)
    if (last - first).days <= _ONE_QUERY_DAYS:
        groups = [({t for t, _ in wanted}, (first, last))]
    else:
        groups = [({t}, w) for t, w in wanted]
    pool: dict[str, dict] = {}
    for types, (lo, hi) in groups:
        for r in conn.execute(_CANDIDATES, {"types": sorted(types), "last": hi.isoformat(),
                                            "first": lo.isoformat()}).mappings():
            pool.setdefault(r["id"], dict(r))
    return list(pool.values())


def _within(pool: list[dict], event_type: str, window: tuple[date, date]) -> list[dict]:
    """The clusters of ``pool`` an event of this type and window may join (as _CANDIDATES), in
    the order of their dates, the older first where those are equal (of two that score the same,
    the first is taken)."""
    lo, hi = window[0].isoformat(), window[1].isoformat()
    return sorted((cl for cl in pool if cl["event_type"] == event_type and cl["date_start"] is not None
                   and cl["date_end"] is not None and cl["date_start"] <= hi and cl["date_end"] >= lo),
                  key=lambda cl: (cl["date_start"], cl["date_end"]))


def _found(ev: dict, member: dict, now: str) -> dict[str, Any]:
    """A new cluster's row, summarised from its first event (its id derives from that event's)."""
    cid = "c" + hashlib.sha256(ev["id"].encode("utf-8")).hexdigest()[:23]
    first = {**ev, "source_identity": member["source_identity"], "m_start": member["date_start"],
             "m_end": member["date_end"]}
    return {"id": cid, "event_type": ev["event_type"], **summary([first]), "created_at": now, "updated_at": now}


def _dates(ev: dict, published: str | None) -> tuple[date, date] | None:
    """The days an event covers; an undated event of the news is taken to be of its day."""
    try:
        if ev["date_start"]:
            return date.fromisoformat(ev["date_start"]), date.fromisoformat(ev["date_end"] or ev["date_start"])
        if published and not ev["historical"]:
            day = date.fromisoformat(published[:10])
            return day, day
    except ValueError:
        pass
    return None


def _place_score(ev: dict, cl: dict, params: ClusterParams) -> float | None:
    if not ev["place_key"] or not cl["place_key"]:
        return 0.0
    if ev["place_key"] == cl["place_key"]:
        return 3.0
    if None not in (ev["lat"], ev["lon"], cl["lat"], cl["lon"]) and \
            _km(ev["lat"], ev["lon"], cl["lat"], cl["lon"]) <= params.place_km \
            and not ({ev["place_kind"], cl["place_kind"]} & COARSE_KINDS):
        return 2.0
    if ev["country_code"] and ev["country_code"] == cl["country_code"] and \
            ({ev["place_kind"], cl["place_kind"]} & COARSE_KINDS):
        return 1.0
    return None


def _actor_score(ev: dict, cl: dict) -> float:
    mine = {k for k in (ev["actor1_key"], ev["actor2_key"]) if k}
    theirs = set(json.loads(cl["actor_keys"] or "[]"))
    if not mine or not theirs:
        return 0.0
    return 2.0 if mine & theirs else -2.0


def _subtype_score(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    if a == b or frozenset({a, b}) in CONFLICTING_SUBTYPES:
        return 1.0
    return -1.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _count(members: list, key: str, value: Any) -> int:
    return sum(1 for m in members if m[key] == value)


def _commonest(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    top = max(counts.values())
    return min(v for v, n in counts.items() if n == top)
