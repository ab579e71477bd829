"""The event frames (``lexicons/<lang>/frames.yaml``) and what the event code reads besides
(``lexicons/<lang>/events.yaml``), as lookup tables built once.

A *family* names one kind of event (``kill``, ``restriction``, ``protest``...) with its ACLED
type, sub-type and PLOVER type, and says how the type changes with who acts and who is hit.
Verbs map to senses (a family plus conditions on the verb's dependents); nouns map to a
family and the role of their "de X" complement. Both may carry role patterns of their own
(``veille.events.frames``), read before their kind's ``role_frames``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import lexicons
from . import frames as framing
from .frames import RoleFrames, RolePattern


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    event_type: str
    sub_event_type: str | None
    plover: str | None
    on_civilians: tuple[str, str] | None = None  # violence whose target is civilian
    by_state: tuple[str, str] | None = None  # territory taken by a state force
    by_nonstate: tuple[str, str] | None = None
    by_civilians: tuple[str, str] | None = None  # violence by a crowd, protesters
    armed: tuple[str, str] | None = None  # "opération" with a military qualifier
    on_protesters: tuple[str, str] | None = None  # violence on protesters
    lethal: bool = False
    object_is_actor: bool = True  # "retirer ses troupes": the object is no counterpart
    place_target: bool = False  # what is taken must be a place ("pris le contrôle de la ville", not "du concurrent")


@dataclass(frozen=True, slots=True)
class Sense:
    family: str | None  # None for a support verb ("lancer"): its event noun decides
    objects: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()
    not_args: frozenset[str] = frozenset()  # no dependent noun may be one of these ("attaquer en justice")
    subjects: frozenset[str] = frozenset()
    reflexive: bool | None = None
    no_object: bool = False
    needs_object: bool = False
    light: bool = False
    patient_subject: bool = False  # "subir une attaque": the subject is hit
    modifiers: dict[str, str] = field(default_factory=dict)
    requires_modifier: bool = False
    place_object: bool = False  # the object must be a place ("quitter le Niger")
    arg_cases: frozenset[str] = frozenset()  # needs a complement with one of these prepositions ("tirer sur")
    no_participle: bool = False  # a participle on a noun is a state ("les soldats déployés")
    no_infinitive: bool = False  # refuses a "de + infinitive" complement ("arrêter de travailler")
    roles: tuple[tuple[RolePattern, ...], ...] = ()  # role patterns read before the verb frame's


@dataclass(frozen=True, slots=True)
class NounEntry:
    family: str
    de: str | None  # "agent" | "patient" | None
    weak: bool
    modifiers: dict[str, str] = field(default_factory=dict)
    not_args: frozenset[str] = frozenset()  # a "de X" or modifier that makes it no event ("prise de bec")
    requires_modifier: bool = False  # an event only with one of its modifiers ("incident armé", "échange de tirs")
    roles: tuple[tuple[RolePattern, ...], ...] = ()  # role patterns read before the noun frame's


@dataclass(frozen=True, slots=True)
class ArgumentClasses:
    """Who may take part in an event (the ``argument_classes`` section; see ``events.fit``)."""
    accident_words: frozenset[str] = frozenset()
    accident_families: frozenset[str] = frozenset()
    person_patients: frozenset[str] = frozenset()
    human_nouns: frozenset[str] = frozenset()
    non_person_kinds: frozenset[str] = frozenset()
    peaceful_heads: frozenset[str] = frozenset()
    unproven_heads: frozenset[str] = frozenset()
    negators: frozenset[str] = frozenset()
    conflict_agreements: frozenset[str] = frozenset()
    conflict_agreement_words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Grammar:
    """The small words the event code reads (the ``grammar`` section of events.yaml), each a set
    of words as a person writes them; a word with an apostrophe matches either apostrophe
    ("s'" and "s’")."""
    territory_words: frozenset[str]  # what is gained in a territorial advance ("du terrain")
    time_words: frozenset[str]  # words of time the parser takes for an object's head ("jeudi")
    de_words: frozenset[str]  # the forms of "de" ("d'", "du", "des")
    personal_pronouns: frozenset[str]  # subject pronouns followed back to the last subject ("ils")
    relative_pronouns: frozenset[str]  # relative pronouns followed back to their noun ("qui")
    means_preps: frozenset[str]  # prepositions of a means phrase ("à l'arme blanche", "par balle")
    locative_preps: frozenset[str]  # prepositions of a locative phrase ("dans", "près de")
    dative_preps: frozenset[str]  # "à" and its contractions: a mention run on across one is two sides
    reflexive_pronouns: frozenset[str]  # "se", "s'": a pronominal verb ("s'emparer")
    etre_verbs: frozenset[str]  # verbs whose compound tenses take "être": "sont descendus" is no passive
    perfect_auxiliaries: frozenset[str]  # "avoir": a compound tense, never a passive
    future_auxiliaries: frozenset[str]  # "aller" + infinitive: the near future
    gerund_preps: frozenset[str]  # "en" before a present participle: a gerund ("en bombardant")
    control_nouns: frozenset[str]  # "prendre le contrôle de X": what is taken is X
    indefinite_articles: frozenset[str]  # "un", "une": a new event, not one told before
    take_place_verbs: frozenset[str]  # "avoir" of "avoir lieu": the event noun occurs
    take_place_objects: frozenset[str]  # "lieu" of "avoir lieu"
    place_subject_preps: frozenset[str]  # a fronted place the parser took for a subject ("En Cisjordanie, ...")
    toll_nouns: frozenset[str]  # "le bilan de l'attentat s'élève à 32 morts": the verb hosts the event
    partitive_articles: frozenset[str]  # "des", "du" the parser reads as a preposition
    event_place_preps: frozenset[str]  # prepositions of an event noun's place ("les manifestations à Alger")
    party_preps: frozenset[str]  # an event noun's parties ("par X", "entre X et Y")
    opponent_preps: frozenset[str]  # an event noun's counterpart ("contre X", "avec X")
    against_preps: frozenset[str]  # "contre": a target
    nested_place_preps: frozenset[str]  # the place of a complement ("l'attaque d'un camp près de Gao")
    impersonal_pronouns: frozenset[str]  # subject pronouns that name no actor ("on", "ce", "en")
    thing_pronouns: frozenset[str]  # pronouns that stand for no actor ("cela", "y")
    manner_nouns: frozenset[str]  # "par la force": a manner, not the forces
    target_preps: frozenset[str]  # a verb's target ("tirer sur X", "contre X")
    with_preps: frozenset[str]  # "avec": the other side of a fight
    agent_preps: frozenset[str]  # "par": the passive agent
    between_preps: frozenset[str]  # "entre X et Y": both sides
    and_words: frozenset[str]  # "et" joining two sides
    article_de_words: frozenset[str]  # forms of "de" the parser hangs on a side read as an article
    since_words: frozenset[str]  # "depuis": a toll since a start, not news of the day
    definite_determiners: frozenset[str]  # "les combats", "cette attaque": an event told before
    anaphoric_determiners: frozenset[str]  # "les assaillants", "ces hommes armés": the attackers just told of
    name_de_words: frozenset[str]  # "la ville de Gao": the back noun names its place right after
    single_determiners: frozenset[str]  # "la mort", "sa mort": one death, not a count ("les morts")
    death_adjectives: frozenset[str]  # "sont morts": a death told by an adjective after a copula
    copulas: frozenset[str]  # "être" of "sont morts"
    purpose_markers: frozenset[str]  # "pour les disperser", "afin de": a purpose clause
    leading_conjunctions: frozenset[str]  # "et", "mais": left out at the start of an event's evidence
    protester_patients: frozenset[str]  # who is hit makes violence on protesters ("les manifestants")
    strike_triggers: frozenset[str]  # triggers a remote modifier turns into its family ("frappe de drone")
    patient_nmod_nouns: frozenset[str]  # their complement is who is hit ("la prise d'otages de X", "ouvrir le feu sur")
    claim_verbs: frozenset[str]  # "l'EI a revendiqué l'attentat": the claimant did it
    oppose_verbs: frozenset[str]  # "des combats ont opposé X et Y": both sides
    patient_object_verbs: frozenset[str]  # their object is who is hit ("tuer", "viser")
    day_after_nouns: frozenset[str]  # "au lendemain d'un attentat": that event came the day before
    counted_only_nouns: frozenset[str]  # death nouns that are a toll only when counted ("des pertes", "corps")


def _grammar(d: dict) -> Grammar:
    """The section read as sets; a key missing or unknown, or a word that YAML read as no string
    (a bare ``on`` is true), is an error naming it."""
    for k, v in (d or {}).items():
        odd = [w for w in v or () if not isinstance(w, str)]
        if odd:
            raise ValueError(f"events.yaml: grammar.{k}: not words: {odd} (quote them)")
    sets = {k: frozenset(f for w in v or () for f in (str(w), str(w).replace("'", "’"), str(w).replace("’", "'")))
            for k, v in (d or {}).items()}
    fields = set(Grammar.__slots__)
    if set(sets) != fields:
        raise ValueError(f"events.yaml: grammar: unknown keys {sorted(set(sets) - fields)}, "
                         f"missing keys {sorted(fields - set(sets))}")
    return Grammar(**sets)


def _classes(d: dict, people: frozenset[str]) -> ArgumentClasses:
    """The section read as sets; nouns that name people in other sections count as people."""
    sets = {k: frozenset(v or ()) for k, v in (d or {}).items()}
    unknown = set(sets) - set(ArgumentClasses.__slots__)
    if unknown:
        raise ValueError(f"events.yaml: unknown keys in argument_classes: {sorted(unknown)}")
    sets["human_nouns"] = sets.get("human_nouns", frozenset()) | people
    return ArgumentClasses(**sets)


def _fam(name: str, d: dict) -> Family:
    def pair(k):
        v = d.get(k)
        return tuple(v) if v else None
    return Family(name, d["type"], d.get("sub"), d.get("plover"), pair("on_civilians"), pair("by_state"),
                  pair("by_nonstate"), pair("by_civilians"), pair("armed"), pair("on_protesters"),
                  bool(d.get("lethal")), d.get("object_is_actor", True) is not False, bool(d.get("place_target")))


def _sense(d, lists: framing.Lists, where: str) -> Sense:
    if isinstance(d, str):
        return Sense(family=d)
    w = lambda k: framing.words(d.get(k), lists, f"{where}.{k}")  # noqa: E731
    return Sense(
        family=d.get("family"),
        objects=w("objects"),
        not_objects=w("not_objects"),
        not_args=w("not_args"),
        subjects=w("subjects"),
        reflexive=d.get("reflexive"),
        no_object=bool(d.get("no_object")),
        needs_object=bool(d.get("needs_object")),
        light=bool(d.get("light")),
        patient_subject=bool(d.get("patient_subject")),
        modifiers=dict(d.get("modifiers") or {}),
        requires_modifier=bool(d.get("requires_modifier")),
        place_object=bool(d.get("place_object")),
        arg_cases=w("arg_cases"),
        no_participle=bool(d.get("no_participle")),
        no_infinitive=bool(d.get("no_infinitive")),
        roles=framing.groups(d.get("roles"), lists, f"{where}.roles"),
    )


def _noun(v, lists: framing.Lists, where: str) -> NounEntry:
    v = {"family": v} if isinstance(v, str) else v
    return NounEntry(v["family"], v.get("de"), bool(v.get("weak")), dict(v.get("modifiers") or {}),
                     framing.words(v.get("not_args"), lists, f"{where}.not_args"), bool(v.get("requires_modifier")),
                     framing.groups(v.get("roles"), lists, f"{where}.roles"))


def _lists(d: dict, grammar: Grammar):
    """A list of events.yaml by its name, for frames.yaml: a key of its ``grammar`` section (as
    the grammar reads it, both apostrophes) or a top-level list; an unknown name is an error."""
    def named(name: str) -> frozenset[str]:
        if name in Grammar.__slots__:
            return getattr(grammar, name)
        v = d.get(name)
        if isinstance(v, list):
            return frozenset(v)
        raise ValueError(f"frames.yaml: {name!r} names no list of events.yaml")
    return named


class EventLexicon:
    def __init__(self, lang: str = "fr") -> None:
        d = lexicons.data(lang, "events.yaml")
        f = lexicons.data(lang, "frames.yaml")
        self.grammar = _grammar(d.get("grammar"))
        lists = _lists(d, self.grammar)
        self.families = {k: _fam(k, v) for k, v in (f.get("families") or {}).items()}
        self.verbs: dict[str, list[Sense]] = {}
        for lemma, v in (f.get("verbs") or {}).items():
            where = f"frames.yaml: verbs.{lemma}"
            self.verbs[lemma] = [_sense(s, lists, where) for s in (v if isinstance(v, list) else [v])]
        self.nouns: dict[str, NounEntry] = {n: _noun(v, lists, f"frames.yaml: nouns.{n}")
                                            for n, v in (f.get("nouns") or {}).items()}
        self.role_frames: RoleFrames = framing.role_frames(f.get("role_frames"), lists)
        sets = lambda k: frozenset(d.get(k) or ())  # noqa: E731
        self.violent = sets("violent_families")
        self.place_nouns = sets("place_nouns")
        self.occurrence_verbs = sets("occurrence_verbs")
        self.agent_occurrence_verbs = sets("agent_occurrence_verbs")
        self.report_hosts = sets("report_hosts")
        self.always_hosts = sets("always_hosts")
        self.claiming_hosts = sets("claiming_hosts")
        self.object_control = sets("object_control")
        self.same_kind: dict[str, str] = dict(d.get("same_kind") or {})
        self.arresting_nouns = sets("arresting_nouns")
        self.request_heads = sets("request_heads")
        self.simultaneous_heads = sets("simultaneous_heads")
        self.attribution_verbs = sets("attribution_verbs")
        self.anaphoric_attackers = sets("anaphoric_attackers")
        self.unidentified_heads = sets("unidentified_heads")
        self.armed_unidentified_heads = sets("armed_unidentified_heads")
        self.armed_qualifiers = sets("armed_qualifiers")
        self.protest_goals = sets("protest_goals")
        self.dispersal_goals = sets("dispersal_goals")
        self.crowd_nouns = sets("crowd_nouns")
        self.figurative = sets("figurative_modifiers")
        self.generic_determiners = sets("generic_determiners")
        self.comparison_hosts = sets("comparison_hosts")
        self.partitives = sets("partitive_articles")
        self.classifier_heads = sets("classifier_heads")
        self.temporal_heads = sets("temporal_heads")
        self.blocking_heads = sets("blocking_heads")
        # a noun that refers back to a place already named -> the place kinds it may stand for
        self.back_nouns: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in (d.get("back_nouns") or {}).items()}
        self.instruments: dict[str, str | None] = dict(d.get("instruments") or {})
        self.remote_modifiers: dict[str, str] = dict(d.get("remote_modifiers") or {})
        self.death_nouns = sets("death_nouns")
        self.death_verbs = sets("death_verbs")
        self.death_locutions = {k: frozenset(v) for k, v in (d.get("death_locutions") or {}).items()}
        self.quantity_nouns = sets("quantity_nouns")
        self.series_nouns = sets("series_nouns")
        self.aside_nouns = sets("aside_nouns")
        self.aside_possessives = sets("aside_possessives")
        self.attribution_preps = tuple(w.replace("’", "'") for w in d.get("attribution_preps") or ())
        alternation = "|".join(re.escape(w).replace("'", "['’]") for w in self.attribution_preps)
        self.attribution_words = re.compile(rf"\b(?:{alternation})\s" if alternation else r"(?!x)x", re.I)
        self.future_endings = tuple(d.get("future_endings") or ())
        dates = lexicons.data(lang, "dates.yaml")
        self.months = frozenset(dates.get("months") or ())
        self.day_words = frozenset(dates.get("weekdays") or ()) | sets("day_words")
        self.armed_nouns = sets("armed_nouns")
        self.state_nouns = sets("state_nouns")
        self.nonstate_nouns = sets("nonstate_nouns")
        self.nonstate_adjectives = sets("nonstate_adjectives")
        self.state_adjectives = sets("state_adjectives")
        self.civilian_nouns = sets("civilian_nouns")
        self.protester_nouns = sets("protester_nouns")
        people = (self.civilian_nouns | self.armed_nouns | self.state_nouns | self.nonstate_nouns | self.protester_nouns
                  | self.crowd_nouns | self.unidentified_heads | self.anaphoric_attackers | self.arresting_nouns)
        self.classes = _classes(d.get("argument_classes"), people)
        dative = "|".join(sorted(re.escape(w) for w in self.grammar.dative_preps))
        self.two_sides = re.compile(rf"[,;:]|\b(?:{dative})\s" if dative else r"[,;:]")
        # nonstate adjectives that do not make a phrase armed ("kurde"), or do not set its side ("armé")
        self.unarmed_nonstate_adjectives = sets("unarmed_nonstate_adjectives")
        self.sideless_nonstate_adjectives = sets("sideless_nonstate_adjectives")
        # "une frappe israélienne": the adjective names the side that struck (the actors stage's
        # demonyms.yaml; adjective form -> English adjective)
        self.nationality: dict[str, str] = {}
        self.country_names: dict[str, str] = {}  # ISO code -> English name, for "Protesters (Egypt)"
        if lexicons.exists(lang, "demonyms.yaml"):
            for c in (lexicons.data(lang, "demonyms.yaml") or {}).get("countries") or []:
                if c.get("code") and c.get("name"):
                    self.country_names.setdefault(c["code"], c["name"])
                for form in c.get("adjectives") or ():
                    self.nationality.setdefault(form.lower(), c.get("adj") or c.get("name"))
        missing = {s.family for ss in self.verbs.values() for s in ss if s.family} | {n.family for n in self.nouns.values()}
        missing -= set(self.families)
        if missing:
            raise ValueError(f"frames.yaml: senses name unknown families: {sorted(missing)}")

    def family(self, name: str) -> Family:
        return self.families[name]

    def verb_senses(self, lemma: str) -> list[Sense]:
        return self.verbs.get(lemma, [])

    def noun(self, lemma: str) -> NounEntry | None:
        return self.nouns.get(lemma)
