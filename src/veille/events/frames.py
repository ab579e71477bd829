"""Roles as dependency patterns: the ``role_frames`` of ``lexicons/<lang>/frames.yaml``, and the
``roles`` a trigger entry of that file may carry, read into ``RolePattern``s.

A pattern matches one dependent of the trigger (or of the verb hosting an event noun) and says
which role it fills: "the ``nmod`` whose preposition is one of ``against_preps`` and that can be an
actor is actor2". Patterns come in groups; within a group each dependent, in text order, takes
the first pattern it matches (as an ``if ... elif`` would), and a role is filled only while it is
empty. Words are written as a person writes them; a name with an underscore (``agent_preps``,
``place_nouns``) stands for that list of ``events.yaml`` (its ``grammar`` section first). The
matcher that applies them is ``veille.events.roles.apply_groups``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

ROLES = ("actor1", "actor2", "patient")
# what a pattern may ask of the dependent (``is``) and of the word it hangs on (``when``); the
# tests themselves are code, in ``veille.events.roles`` (what can be an actor is not a word list)
DEPENDENT_TESTS = ("actor", "subject", "not_means", "not_civilian")
OWNER_TESTS = ("fight_in",)
# what a host frame may name for what the parse cannot say as a pattern (``veille.events.roles``)
READERS = ("claimant", "opposed")
_KEYS = {"deps", "case", "lemma", "not_lemma", "under", "nested", "is", "when", "families", "de",
         "only_if_empty", "fill", "fill_first", "conj", "skip"}


def label_in(dep: str, labels: tuple[str, ...]) -> bool:
    """``dep`` is one of ``labels``; "obl*" stands for every label that starts with "obl"."""
    return any(dep == x or x.endswith("*") and dep.startswith(x[:-1]) for x in labels)


@dataclass(frozen=True, slots=True)
class Under:
    """The dependent the pattern's words hang under ("attribuée aux ADF": the ``acl``)."""
    deps: tuple[str, ...]
    lemmas: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class RolePattern:
    deps: tuple[str, ...]  # dependency labels; "obl*" is every label that starts with "obl"
    cases: frozenset[str] | None = None  # its preposition ("case" dependent) is one of these
    lemmas: frozenset[str] | None = None  # its lemma is one of these
    not_lemmas: frozenset[str] = frozenset()
    under: Under | None = None  # the words are the children of a dependent matching this
    nested: tuple[str, ...] = ()  # also the dependent's own children with these labels
    tests: tuple[str, ...] = ()  # DEPENDENT_TESTS, all must hold
    when: tuple[str, ...] = ()  # OWNER_TESTS, all must hold
    families: frozenset[str] | None = None  # the trigger's family is one of these
    de: str | None = None  # the noun entry's "de X" role is this ("agent", "patient")
    only_if_empty: tuple[str, ...] = ()  # these roles must still be empty
    fill: tuple[str, ...] = ()  # each filled, if empty
    fill_first: tuple[str, ...] = ()  # the first empty one filled
    conj: str | None = None  # the dependent's coordinated noun fills this ("entre X et Y")
    skip: bool = False  # matched, nothing filled: the dependent is left to another reading

    def has_dep(self, dep: str) -> bool:
        return label_in(dep, self.deps)


@dataclass(frozen=True, slots=True)
class HostFrame:
    """What the verb hosting an event noun gives ("des heurts ont éclaté entre X et Y"): for the
    host lemmas listed (all when none), groups of patterns, or a named reader for what the
    parse cannot say as a pattern ("ont opposé dimanche soldats et rebelles"); ``last``: no
    frame after it is read."""
    lemmas: frozenset[str] | None
    groups: tuple[tuple[RolePattern, ...], ...] = ()
    reader: str | None = None
    last: bool = False


@dataclass(frozen=True, slots=True)
class RoleFrames:
    noun: tuple[tuple[RolePattern, ...], ...]  # an event noun's complements
    verb: tuple[tuple[RolePattern, ...], ...]  # a trigger verb's obliques
    host: tuple[HostFrame, ...]


Lists = Callable[[str], frozenset[str]]  # a list name -> its words


def words(v, lists: Lists, where: str) -> frozenset[str]:
    """A list of words, or names of lists (with an underscore), as one set."""
    items = [v] if isinstance(v, str) else list(v or ())
    out: set[str] = set()
    for w in items:
        if not isinstance(w, str):
            raise ValueError(f"{where}: not a word: {w!r} (quote it)")
        out |= lists(w) if "_" in w else {w}
    return frozenset(out)


def pattern(d: dict, lists: Lists, where: str) -> RolePattern:
    unknown = set(d) - _KEYS
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    tests, when = tuple(d.get("is") or ()), tuple(d.get("when") or ())
    bad = [t for t in tests if t not in DEPENDENT_TESTS] + [t for t in when if t not in OWNER_TESTS]
    roles = list(d.get("fill") or ()) + list(d.get("fill_first") or ()) + list(d.get("only_if_empty") or ())
    roles += [d["conj"]] if d.get("conj") else []
    bad += [r for r in roles if r not in ROLES]
    if bad:
        raise ValueError(f"{where}: unknown tests or roles {bad}")
    under = d.get("under")
    return RolePattern(
        deps=tuple(d.get("deps") or ()),
        cases=words(d["case"], lists, where) if "case" in d else None,
        lemmas=words(d["lemma"], lists, where) if "lemma" in d else None,
        not_lemmas=words(d.get("not_lemma"), lists, where),
        under=Under(tuple(under.get("deps") or ()), words(under["lemma"], lists, where) if "lemma" in under else None)
        if under else None,
        nested=tuple(d.get("nested") or ()), tests=tests, when=when,
        families=frozenset(d["families"]) if "families" in d else None, de=d.get("de"),
        only_if_empty=tuple(d.get("only_if_empty") or ()), fill=tuple(d.get("fill") or ()),
        fill_first=tuple(d.get("fill_first") or ()), conj=d.get("conj"), skip=bool(d.get("skip")))


def groups(v, lists: Lists, where: str) -> tuple[tuple[RolePattern, ...], ...]:
    """A list of groups, each a list of patterns (a single pattern list is one group)."""
    v = list(v or ())
    if v and isinstance(v[0], dict):
        v = [v]
    return tuple(tuple(pattern(p, lists, f"{where}[{i}][{j}]") for j, p in enumerate(g)) for i, g in enumerate(v))


def role_frames(d: dict, lists: Lists) -> RoleFrames:
    d = d or {}
    hosts = []
    for i, h in enumerate(d.get("host") or ()):
        where = f"frames.yaml: role_frames.host[{i}]"
        if h.get("reader") and h["reader"] not in READERS:
            raise ValueError(f"{where}: unknown reader {h['reader']!r} (known: {sorted(READERS)})")
        hosts.append(HostFrame(words(h["lemma"], lists, where) if "lemma" in h else None,
                               groups(h.get("groups"), lists, where), h.get("reader"), bool(h.get("last"))))
    return RoleFrames(groups(d.get("noun"), lists, "frames.yaml: role_frames.noun"),
                      groups(d.get("verb"), lists, "frames.yaml: role_frames.verb"), tuple(hosts))
