"""The closed vocabularies of the record, in one place: ACLED event types and sub-types, PLOVER
types, modalities, statement kinds (``shared/spec/record.md``).

Each is an ``enum.StrEnum``: a member *is* its string (``EventType.BATTLES == "Battles"``,
``json.dumps`` writes ``"Battles"``), so the record's JSON, the database rows and the CSV are the
same whether code holds a member or a plain string. No other module spells these strings; the
lexicons name them in YAML and ``tests/test_taxonomy.py`` checks every name they use against
this module.

    from veille.taxonomy import EventType, SubEventType, allowed_sub_types
    assert SubEventType.ARMED_CLASH in allowed_sub_types(EventType.BATTLES)
"""
from __future__ import annotations

from enum import IntEnum, StrEnum
from types import MappingProxyType


class EventType(StrEnum):
    """ACLED event types."""
    BATTLES = "Battles"
    EXPLOSIONS_REMOTE_VIOLENCE = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


class SubEventType(StrEnum):
    """ACLED sub-event types (each belongs to one event type: ``SUB_EVENT_TYPES``)."""
    # Battles
    ARMED_CLASH = "Armed clash"
    GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
    # Explosions/Remote violence
    CHEMICAL_WEAPON = "Chemical weapon"
    AIR_DRONE_STRIKE = "Air/drone strike"
    SUICIDE_BOMB = "Suicide bomb"
    SHELLING_ARTILLERY_MISSILE_ATTACK = "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE_LANDMINE_IED = "Remote explosive/landmine/IED"
    GRENADE = "Grenade"
    # Violence against civilians
    SEXUAL_VIOLENCE = "Sexual violence"
    ATTACK = "Attack"
    ABDUCTION_FORCED_DISAPPEARANCE = "Abduction/forced disappearance"
    # Protests
    PEACEFUL_PROTEST = "Peaceful protest"
    PROTEST_WITH_INTERVENTION = "Protest with intervention"
    EXCESSIVE_FORCE_AGAINST_PROTESTERS = "Excessive force against protesters"
    # Riots
    VIOLENT_DEMONSTRATION = "Violent demonstration"
    MOB_VIOLENCE = "Mob violence"
    # Strategic developments
    AGREEMENT = "Agreement"
    ARRESTS = "Arrests"
    CHANGE_TO_GROUP_ACTIVITY = "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
    HEADQUARTERS_OR_BASE_ESTABLISHED = "Headquarters or base established"
    LOOTING_PROPERTY_DESTRUCTION = "Looting/property destruction"
    NON_VIOLENT_TRANSFER_OF_TERRITORY = "Non-violent transfer of territory"
    OTHER = "Other"


_S = SubEventType
SUB_EVENT_TYPES: MappingProxyType[EventType, tuple[SubEventType, ...]] = MappingProxyType({
    EventType.BATTLES: (_S.ARMED_CLASH, _S.GOVERNMENT_REGAINS_TERRITORY, _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY),
    EventType.EXPLOSIONS_REMOTE_VIOLENCE: (_S.CHEMICAL_WEAPON, _S.AIR_DRONE_STRIKE, _S.SUICIDE_BOMB,
                                          _S.SHELLING_ARTILLERY_MISSILE_ATTACK, _S.REMOTE_EXPLOSIVE_LANDMINE_IED,
                                          _S.GRENADE),
    EventType.VIOLENCE_AGAINST_CIVILIANS: (_S.SEXUAL_VIOLENCE, _S.ATTACK, _S.ABDUCTION_FORCED_DISAPPEARANCE),
    EventType.PROTESTS: (_S.PEACEFUL_PROTEST, _S.PROTEST_WITH_INTERVENTION, _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS),
    EventType.RIOTS: (_S.VIOLENT_DEMONSTRATION, _S.MOB_VIOLENCE),
    EventType.STRATEGIC_DEVELOPMENTS: (_S.AGREEMENT, _S.ARRESTS, _S.CHANGE_TO_GROUP_ACTIVITY, _S.DISRUPTED_WEAPONS_USE,
                                       _S.HEADQUARTERS_OR_BASE_ESTABLISHED, _S.LOOTING_PROPERTY_DESTRUCTION,
                                       _S.NON_VIOLENT_TRANSFER_OF_TERRITORY, _S.OTHER),
})
# the event type each sub-type belongs to
EVENT_TYPE_OF: MappingProxyType[SubEventType, EventType] = MappingProxyType(
    {sub: t for t, subs in SUB_EVENT_TYPES.items() for sub in subs})
del _S


def allowed_sub_types(event_type: str) -> tuple[SubEventType, ...]:
    """The sub-types ACLED allows under ``event_type`` (none for an unknown type)."""
    return SUB_EVENT_TYPES.get(event_type, ())  # type: ignore[call-overload]


class DisorderType(StrEnum):
    """ACLED's disorder types (the ``disorder_type`` column), from an event's type and sub-type."""
    POLITICAL_VIOLENCE = "Political violence"
    DEMONSTRATIONS = "Demonstrations"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


DISORDER: MappingProxyType[EventType, DisorderType] = MappingProxyType({
    EventType.BATTLES: DisorderType.POLITICAL_VIOLENCE,
    EventType.EXPLOSIONS_REMOTE_VIOLENCE: DisorderType.POLITICAL_VIOLENCE,
    EventType.VIOLENCE_AGAINST_CIVILIANS: DisorderType.POLITICAL_VIOLENCE,
    EventType.PROTESTS: DisorderType.DEMONSTRATIONS,
    EventType.RIOTS: DisorderType.DEMONSTRATIONS,
    EventType.STRATEGIC_DEVELOPMENTS: DisorderType.STRATEGIC_DEVELOPMENTS,
})
# the sub-types ACLED counts as both: violence at a demonstration
_BOTH = f"{DisorderType.POLITICAL_VIOLENCE}; {DisorderType.DEMONSTRATIONS}"
DISORDER_BY_SUB: MappingProxyType[SubEventType, str] = MappingProxyType({
    SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS: _BOTH,
    SubEventType.MOB_VIOLENCE: _BOTH,
})


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    """ACLED's ``disorder_type`` of an event, as a plain string ("" for an unknown type)."""
    found = DISORDER_BY_SUB.get(sub_event_type or "")  # type: ignore[call-overload]
    return str(found or DISORDER.get(event_type or "", ""))  # type: ignore[call-overload]


class Inter(IntEnum):
    """ACLED's actor-type codes (``inter1``, ``inter2``; ``interaction`` pairs them)."""
    STATE_FORCES = 1
    REBEL_GROUPS = 2
    POLITICAL_MILITIAS = 3
    IDENTITY_MILITIAS = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_OTHER_FORCES = 8


class Plover(StrEnum):
    """PLOVER's event types (the event ontology's sixteen). Events carry a material one (ASSAULT,
    COERCE, MOBILIZE, ...), statements a verbal act (``VERBAL_ACTS``)."""
    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


# the acts a statement may carry (a reporting cue's ``act`` in the cue lexicon)
VERBAL_ACTS = frozenset({Plover.AGREE, Plover.CONSULT, Plover.SUPPORT, Plover.CONCEDE, Plover.REQUEST,
                         Plover.ACCUSE, Plover.REJECT, Plover.THREATEN})


class Modality(StrEnum):
    """Who an event rests on: the outlet states it, someone claims it, it is hedged, denied or
    still to come."""
    ASSERTED = "asserted"
    CLAIMED = "claimed"
    REPORTED = "reported"
    DENIED = "denied"
    FUTURE = "future"


# the modalities that tell an event as having happened
REPORTING = frozenset({Modality.ASSERTED, Modality.CLAIMED, Modality.REPORTED})


class StatementKind(StrEnum):
    """How a statement is given: quoted, paraphrased, both, or through "selon X"."""
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"
    ACCORDING_TO = "according_to"


# plain-string tuples, in the record spec's order (for choices, random data, SQL parameters)
EVENT_TYPES: tuple[str, ...] = tuple(t.value for t in EventType)
SUB_EVENT_TYPE_NAMES: tuple[str, ...] = tuple(s.value for s in SubEventType)
MODALITIES: tuple[str, ...] = tuple(m.value for m in Modality)
STATEMENT_KINDS: tuple[str, ...] = tuple(k.value for k in StatementKind)


_KNOWN_TYPES = frozenset(EventType)
_KNOWN_PLOVER = frozenset(Plover)
_KNOWN_MODALITIES = frozenset(Modality)
_KNOWN_KINDS = frozenset(StatementKind)


def check_event(event_type: str, sub_event_type: str | None, plover: str | None, modality: str) -> None:
    """Raise ``ValueError`` naming the first value of an event that the taxonomy does not know."""
    if event_type not in _KNOWN_TYPES:
        raise ValueError(f"unknown ACLED event type {event_type!r}")
    if sub_event_type is not None and sub_event_type not in SUB_EVENT_TYPES[EventType(event_type)]:
        raise ValueError(f"{sub_event_type!r} is not an ACLED sub-event type of {event_type!r}")
    if plover is not None and plover not in _KNOWN_PLOVER:
        raise ValueError(f"unknown PLOVER type {plover!r}")
    if modality not in _KNOWN_MODALITIES:
        raise ValueError(f"unknown modality {modality!r}")


def check_statement(kind: str, act: str | None) -> None:
    """Raise ``ValueError`` naming a statement kind or act that the taxonomy does not know (any
    PLOVER type passes here; the cue lexicon's test holds its acts to ``VERBAL_ACTS``)."""
    if kind not in _KNOWN_KINDS:
        raise ValueError(f"unknown statement kind {kind!r}")
    if act is not None and act not in _KNOWN_PLOVER:
        raise ValueError(f"unknown PLOVER type {act!r}")
