"""Event clusters: the mentions, across documents, of one real event.

Two events are *linked* when they are of the same ACLED event type, both dated to within
``max_event_days``, their days lie within ``cluster_window_days`` of each other, and their pair
scores at least ``cluster_min_score``. The score adds up evidence and can veto:

    place    same place 3; within cluster_place_km 2; one is the other's country/region 1;
             two different places that are neither: no link. Unknown place: 0.
    actors   a shared actor 2; two known and disjoint actor sets -2; unknown: 0.
    dates    overlapping days 1.
    subtype  the same 1; a conflicting pair (taken / retaken) 1; otherwise different -1.

A cluster is a connected component of that graph over the current events: an event that links
to any member belongs with all of them (a telling that matches a second one, which matches a
third, puts all three together). The score is symmetric and a component does not depend on the
order its events arrived in, so the same corpus gives the same clusters whatever the order of
writing (Ray's, a process pool's or a re-run's). A cluster's id derives from its smallest event
id, so that it is the same for the same members too. A new event merges the clusters it links
to; a document taken out (a newer version replaces it) splits what its events held together.

A cluster keeps a summary of its members (most specific place, date range, commonest actors,
sources, modalities, fatalities range), a corroboration count (distinct sources that report
it without denying it) and a contradiction flag with its reason: one source reports what
another denies, or sources disagree on who took a place. One source never contradicts itself.

Clusters change inside the document's write transaction, so a crash never leaves an ingested
document unclustered. Events dated only vaguely (a month, a year) stay alone: too coarse to tell
one event from another.
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

from ..taxonomy import REPORTING, Modality, SubEventType
from .schema import cluster_members, documents, event_clusters, events

# ACLED sub-event types that cannot both be true of one event: who ended up holding the place.
CONFLICTING_SUBTYPES = (
    frozenset({SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY, SubEventType.GOVERNMENT_REGAINS_TERRITORY}),
    frozenset({SubEventType.NON_VIOLENT_TRANSFER_OF_TERRITORY, SubEventType.GOVERNMENT_REGAINS_TERRITORY}),
)
TERRITORY_SUBTYPES = frozenset().union(*CONFLICTING_SUBTYPES)
# the more precise a place, the better it stands for the cluster
PLACE_RANK = {"site": 0, "city": 1, "admin1": 2, "region": 3, "country": 4}
COARSE_KINDS = frozenset({"country", "admin1", "region"})

# Built once: SQLAlchemy then finds each compiled statement in its cache without rebuilding
# and re-coercing the expression for every event (most of a small write's cost).
_c = event_clusters.c
_m = cluster_members.c
_CANDIDATES = select(_c.id).where(and_(
    _c.event_type.in_(bindparam("types", expanding=True)), _c.date_start.is_not(None),
    _c.date_start <= bindparam("last"), _c.date_end >= bindparam("first")))
_ONE_QUERY_DAYS = 31  # a document's events within a month of each other: one candidate query
_IN_CHUNK = 500  # ids a statement binds at most (old SQLite builds allow 999 variables)
_INSERT_CLUSTER = insert(event_clusters)
_INSERT_MEMBERS = insert(cluster_members)
_MEMBER_COLUMNS = (events, _m.cluster_id.label("member_of"), _m.source_identity, _m.score,
                   _m.date_start.label("m_start"), _m.date_end.label("m_end"))
_MEMBERS_OF_MANY = (select(*_MEMBER_COLUMNS).join(cluster_members, _m.event_id == events.c.id)
                    .where(_m.cluster_id.in_(bindparam("cids", expanding=True))))
_CREATED_AT = select(_c.id, _c.created_at).where(_c.id.in_(bindparam("cids", expanding=True)))
_DELETE_CLUSTERS = delete(event_clusters).where(_c.id.in_(bindparam("cids", expanding=True)))
_UPDATE_CLUSTER = update(event_clusters).where(_c.id == bindparam("cid"))
_MOVE_MEMBERS = update(cluster_members).where(_m.event_id.in_(bindparam("ids", expanding=True))).values(
    cluster_id=bindparam("target"))
_MOVE_EVENTS = update(events).where(events.c.id.in_(bindparam("ids", expanding=True))).values(
    cluster_id=bindparam("target"))


@dataclass(frozen=True)
class ClusterParams:
    window_days: int = 2
    place_km: float = 30.0
    min_score: float = 3.0
    max_event_days: int = 7  # an event dated more loosely than this stays alone

    @classmethod
    def from_settings(cls, settings) -> "ClusterParams":
        get = settings.get
        return cls(window_days=int(get("store.cluster_window_days")),
                   place_km=float(get("store.cluster_place_km")),
                   min_score=float(get("store.cluster_min_score")),
                   max_event_days=int(get("store.cluster_max_event_days")))


@dataclass
class Placement:
    """Where a document's events go: a member row per event (its cluster already written or
    updated by ``choose``), written by ``attach`` once the events themselves are."""
    members: list[dict[str, Any]]


def choose(conn: Connection, rows: Iterable[dict[str, Any]], *, document_id: str, source_identity: str,
           published: str | None, params: ClusterParams, now: str) -> Placement:
    """Place each event row (as it will be written to ``events``) in its cluster: the clusters it
    links to, merged, with the document's other events it links to; or a cluster of its own.

    The clusters' rows are written here (the events will name them); the member rows are
    written by ``attach`` after the events."""
    newcomers = [_newcomer(ev, document_id, source_identity, _dates(ev, published)) for ev in rows]
    linkable = [n for n in newcomers if _linkable(n, params)]
    known = _members_of(conn, _candidates(conn, [(n["event_type"], _window(n, params)) for n in linkable]))
    groups = _UnionFind()
    best: dict[str, float] = {}
    for n in linkable:
        groups.add(n["id"])
        for other in known + newcomers:
            if other is n or other["event_type"] != n["event_type"] or not _linkable(other, params):
                continue
            score = pair_score(n, other, params)
            if score is not None and score >= params.min_score:
                groups.union(n["id"], other["id"])
                best[n["id"]] = max(best.get(n["id"], 0.0), score)
    for m in known:  # a known cluster stays whole: its members are already linked among them
        groups.union(m["id"], m["member_of"])
    _regroup(conn, groups.components(newcomers + known, key=lambda m: m["id"]), now=now)
    members = [{"event_id": n["id"], "cluster_id": n["cluster_id"], "document_id": document_id,
                "source_identity": source_identity, "modality": n["modality"], "sub_event_type": n["sub_event_type"],
                "actor1_key": n["actor1_key"], "date_start": n["m_start"], "date_end": n["m_end"],
                "score": best.get(n["id"], 0.0)} for n in newcomers]
    return Placement(members)


def attach(conn: Connection, placement: Placement, *, now: str) -> None:
    """Write the member rows (their events and clusters already written)."""
    if placement.members:
        conn.execute(_INSERT_MEMBERS, placement.members)


def detach_document(conn: Connection, document_id: str, *, now: str, params: "ClusterParams | None" = None) -> None:
    """Take a document's events out of their clusters (a newer version replaces it): what is
    left of each cluster is split into the components its remaining links still hold together."""
    params = params or ClusterParams()
    cids = conn.execute(select(_m.cluster_id).distinct().where(_m.document_id == document_id)).scalars().all()
    conn.execute(delete(cluster_members).where(_m.document_id == document_id))
    conn.execute(update(events).where(events.c.document_id == document_id).values(cluster_id=None))
    if not cids:
        return
    left = _members_of(conn, sorted(cids))
    groups = _UnionFind()
    for m in left:
        groups.add(m["id"])
    # a sweep in date order: an event is compared only with those that start within its window
    # (a long chained cluster would otherwise cost the square of its size)
    dated = sorted((m for m in left if _linkable(m, params)), key=lambda m: (m["m_start"], m["id"]))
    for i, a in enumerate(dated):
        reach = _window(a, params)[1].isoformat()
        for b in dated[i + 1:]:
            if b["m_start"] > reach:
                break
            if a["event_type"] == b["event_type"]:
                score = pair_score(a, b, params)
                if score is not None and score >= params.min_score:
                    groups.union(a["id"], b["id"])
    emptied = set(cids) - {m["member_of"] for m in left}
    if emptied:
        conn.execute(_DELETE_CLUSTERS, {"cids": sorted(emptied)})
    _regroup(conn, groups.components(left, key=lambda m: m["id"]), now=now)


def pair_score(a: dict, b: dict, params: ClusterParams) -> float | None:
    """How well two events (of one type, both linkable) tell the same thing; None when
    something rules it out (another place, days too far apart). Symmetric."""
    a_span, b_span = _span(a), _span(b)
    pad = timedelta(days=params.window_days)
    if a_span[0] - pad > b_span[1] or a_span[1] + pad < b_span[0]:
        return None
    place = _place_score(a, b, params)
    if place is None:
        return None
    score = place + _actor_score(a, b) + _subtype_score(a["sub_event_type"], b["sub_event_type"])
    if a_span[0] <= b_span[1] and a_span[1] >= b_span[0]:
        score += 1
    return score


def cluster_id_for(event_ids: Iterable[str]) -> str:
    """A cluster's id: from its smallest event id, so that the same members give the same id."""
    return "c" + hashlib.sha256(min(event_ids).encode("utf-8")).hexdigest()[:23]


def _regroup(conn: Connection, components: list[list[dict]], *, now: str) -> None:
    """Make the stored clusters be ``components`` (member dicts, each with ``member_of``, the
    cluster it is in now, None for an event being placed): each component's cluster is written
    with its summary, under its id; the members whose cluster changes move to it; the clusters
    no component keeps are deleted. Sets ``cluster_id`` on each newcomer dict."""
    old_ids = {m["member_of"] for comp in components for m in comp if m["member_of"]}
    created = dict(conn.execute(_CREATED_AT, {"cids": sorted(old_ids)}).all()) if old_ids else {}
    targets = []
    for comp in components:
        target = cluster_id_for(m["id"] for m in comp)
        targets.append(target)
        for m in comp:
            m["cluster_id"] = target
        if all(m["member_of"] == target for m in comp):
            continue  # neither joined, split nor renamed: its summary stands
        row = {"event_type": comp[0]["event_type"], **summary(comp), "updated_at": now}
        if target in created:
            conn.execute(_UPDATE_CLUSTER, {**row, "cid": target})
        else:
            born = min((created[m["member_of"]] for m in comp if m["member_of"] in created), default=now)
            conn.execute(_INSERT_CLUSTER, {"id": target, **row, "created_at": born})
    for comp, target in zip(components, targets):
        moving = sorted(m["id"] for m in comp if m["member_of"] and m["member_of"] != target)
        for i in range(0, len(moving), _IN_CHUNK):
            conn.execute(_MOVE_MEMBERS, {"ids": moving[i:i + _IN_CHUNK], "target": target})
            conn.execute(_MOVE_EVENTS, {"ids": moving[i:i + _IN_CHUNK], "target": target})
    gone = sorted(old_ids - set(targets))
    if gone:
        conn.execute(_DELETE_CLUSTERS, {"cids": gone})


class _UnionFind:
    """Connected components over hashable keys (event ids and cluster ids)."""

    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def add(self, x: Any) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: Any) -> Any:
        self.add(x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def components(self, items: list[dict], key) -> list[list[dict]]:
        """``items`` grouped by component, each group and the groups in the order of their keys."""
        out: dict[Any, list[dict]] = {}
        for it in sorted(items, key=key):
            out.setdefault(self.find(key(it)), []).append(it)
        return list(out.values())


def summary(members: list) -> dict[str, Any]:
    place = min((m for m in members if m["place_key"]),
                key=lambda m: (PLACE_RANK.get(m["place_kind"], 5), -_count(members, "place_key", m["place_key"]),
                               m["place_key"]),
                default=None)
    starts = [m["m_start"] for m in members if m["m_start"]]
    ends = [m["m_end"] for m in members if m["m_end"]]
    fatalities = [m["fatalities"] for m in members if m["fatalities"] is not None]
    modalities = Counter(m["modality"] for m in members)
    sources = sorted({m["source_identity"] for m in members})
    reporting = {m["source_identity"] for m in members if m["modality"] != Modality.DENIED}
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
    """Why the members cannot all be right, in words; empty when they agree. Only two different
    sources can contradict each other: an outlet that reports a thing and, in another sentence
    or another article, denies it, or names two takers, is one side of a story, not a dispute."""
    reasons = []
    denied = [m for m in members if m["modality"] == Modality.DENIED]
    told = [m for m in members if m["modality"] in REPORTING]
    if _between_sources(denied, told):
        reasons.append(f"denied by {_sources(denied)}, reported by {_sources(told)}")
    for pair in CONFLICTING_SUBTYPES:
        a, b = sorted(pair)
        if _between_sources([m for m in members if m["sub_event_type"] == a],
                            [m for m in members if m["sub_event_type"] == b]):
            reasons.append(f"{a} vs {b}")
    takers: dict[str, set[str]] = {}
    for m in members:
        if m["sub_event_type"] in TERRITORY_SUBTYPES and m["actor1"]:
            takers.setdefault(m["actor1"], set()).add(m["source_identity"])
    if len(takers) > 1 and len(set().union(*takers.values())) > 1:
        reasons.append("control claimed by " + " and ".join(sorted(takers)))
    return reasons


def _between_sources(one: list, other: list) -> bool:
    """Some member of ``one`` and some member of ``other`` come from different sources."""
    return any(a["source_identity"] != b["source_identity"] for a in one for b in other)


def _sources(members: list) -> str:
    return ", ".join(sorted({m["source_identity"] for m in members}))


def _newcomer(ev: dict, document_id: str, source_identity: str, span: tuple[date, date] | None) -> dict:
    """An event row being written, in the shape of a stored member (``member_of`` None)."""
    return {**ev, "document_id": document_id, "source_identity": source_identity, "member_of": None,
            "m_start": span[0].isoformat() if span else None, "m_end": span[1].isoformat() if span else None}


def _linkable(m: dict, params: ClusterParams) -> bool:
    """Dated, and to within ``max_event_days``: an event dated to a month or a year stays alone."""
    if not m["m_start"] or not m["m_end"]:
        return False
    start, end = _span(m)
    return (end - start).days <= params.max_event_days


def _span(m: dict) -> tuple[date, date]:
    return date.fromisoformat(m["m_start"]), date.fromisoformat(m["m_end"])


def _window(m: dict, params: ClusterParams) -> tuple[date, date]:
    start, end = _span(m)
    pad = timedelta(days=params.window_days)
    return start - pad, end + pad


def _candidates(conn: Connection, wanted: list[tuple[str, tuple[date, date]]]) -> list[str]:
    """The ids of the clusters of the events' types whose days touch their windows (a member
    an event can link to lies in one of them): one query when the windows lie close together
    (the usual dispatch), else one a window (no scan of years)."""
    if not wanted:
        return []
    first, last = min(w[0] for _, w in wanted), max(w[1] for _, w in wanted)
    if (last - first).days <= _ONE_QUERY_DAYS:
        groups = [({t for t, _ in wanted}, (first, last))]
    else:
        groups = [({t}, w) for t, w in wanted]
    found: set[str] = set()
    for types, (lo, hi) in groups:
        found.update(conn.execute(_CANDIDATES, {"types": sorted(types), "last": hi.isoformat(),
                                                "first": lo.isoformat()}).scalars())
    return sorted(found)


def _members_of(conn: Connection, cids: list[str]) -> list[dict]:
    """Every member of these clusters: its event's columns, the cluster (``member_of``), its
    source and the days it was clustered on."""
    out: list[dict] = []
    for i in range(0, len(cids), _IN_CHUNK):
        out += [dict(r) for r in conn.execute(_MEMBERS_OF_MANY, {"cids": cids[i:i + _IN_CHUNK]}).mappings()]
    return out


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


def _place_score(a: dict, b: dict, params: ClusterParams) -> float | None:
    if not a["place_key"] or not b["place_key"]:
        return 0.0
    if a["place_key"] == b["place_key"]:
        return 3.0
    if None not in (a["lat"], a["lon"], b["lat"], b["lon"]) and \
            _km(a["lat"], a["lon"], b["lat"], b["lon"]) <= params.place_km \
            and not ({a["place_kind"], b["place_kind"]} & COARSE_KINDS):
        return 2.0
    if a["country_code"] and a["country_code"] == b["country_code"] and \
            ({a["place_kind"], b["place_kind"]} & COARSE_KINDS):
        return 1.0
    return None


def _actor_score(a: dict, b: dict) -> float:
    mine = {k for k in (a["actor1_key"], a["actor2_key"]) if k}
    theirs = {k for k in (b["actor1_key"], b["actor2_key"]) if k}
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


# --- reading: the competing claims of a cluster, side by side ------------------------------------

_CLAIMS = (select(events.c.id.label("event_id"), events.c.document_id, documents.c.title, documents.c.outlet,
                  documents.c.url, documents.c.published, _m.source_identity.label("source"), events.c.claimed_by,
                  events.c.modality, events.c.fatalities, events.c.event_type, events.c.sub_event_type,
                  events.c.actor1, events.c.actor2, events.c.place_name, events.c.date_start, events.c.date_end)
           .select_from(cluster_members.join(events, events.c.id == _m.event_id)
                        .join(documents, documents.c.id == events.c.document_id))
           .where(_m.cluster_id == bindparam("cid"))
           .order_by(_m.source_identity, events.c.document_id, events.c.idx))


def claims(conn: Connection, cluster_id: str) -> list[dict[str, Any]]:
    """What each member event of a cluster says and who says it, one row an event, by source:
    ``event_id``, ``document_id``, ``title``, ``outlet``, ``url``, ``published`` (its document),
    ``source`` (the source identity corroboration counts), ``claimed_by`` (who the article says
    claims it), ``modality``, ``fatalities``, ``event_type``, ``sub_event_type``, ``actor1``,
    ``actor2``, ``place_name``, ``date_start``, ``date_end``."""
    return [dict(r) for r in conn.execute(_CLAIMS, {"cid": cluster_id}).mappings()]


def other_sources(claims_of_cluster: list[dict[str, Any]], event: dict[str, Any]) -> list[dict[str, Any]]:
    """The other documents of an event's cluster, one entry a document, never the event's own
    document (a second telling in the same article is not another source): ``document_id``,
    ``title``, ``outlet``, ``url``, ``published``, ``source``, ``same_source`` (the same outlet,
    site or file as the event's, so not an independent one) and ``event_ids`` (its events in
    the cluster)."""
    mine = next((c["source"] for c in claims_of_cluster if c["event_id"] == event["id"]), None)
    out: dict[str, dict[str, Any]] = {}
    for c in claims_of_cluster:
        if c["document_id"] == event["document_id"]:
            continue
        doc = out.setdefault(c["document_id"], {
            "document_id": c["document_id"], "title": c["title"], "outlet": c["outlet"], "url": c["url"],
            "published": c["published"], "source": c["source"], "same_source": c["source"] == mine,
            "event_ids": []})
        doc["event_ids"].append(c["event_id"])
    return list(out.values())
