"""Whether an event's arguments are of the right class (issue 15: precision on unseen copy).

A trigger word is not enough: "deux personnes ont été blessées lors d'une bousculade" is an
accident, "les réacteurs ont été arrêtés" arrests no one, "le mémorandum signé avec la Banque
centrale" is no ACLED agreement, "les deux candidats s'affrontent" is a debate. Each test reads
its words from the ``argument_classes`` section of the events lexicon; the functions here are
plain checks over a draft and the document's arguments, and say why a draft does not hold.
"""
from __future__ import annotations

from collections.abc import Iterable

from .arguments import DocArguments
from .draft import Draft
from .lexicon import EventLexicon
from .syntax import forms


def misfit(d: Draft, lex: EventLexicon, args: DocArguments, clause: Iterable, title_words: frozenset[str]) -> str | None:
    """Why the draft ``d`` is no event of its family, or None when its arguments fit."""
    classes = lex.classes
    if d.family in classes.accident_families and _accident(d, lex, args, clause, title_words):
        return "accident"
    if d.family in classes.person_patients:
        people = _patients(d, args)
        if not people and d.actor1 is not None and d.actor1.actor_kind is None:
            people = [d.actor1.head]  # "les réacteurs ont dû être arrêtés", misparsed: what was stopped
        if people and not any(_human(t, lex, args) for t in people):
            return "patient is no person"
    if d.family in lex.violent and _peaceful(d.actor1, lex):
        return "actor does not fight"
    if d.family in classes.conflict_agreements and not _conflict_agreement(d, lex, args, clause):
        return "agreement of no conflict"
    if _unproven(d.host, classes):
        return "said to be unproven"
    return None


def _negated(tok, classes) -> bool:
    """"n'a pas fait", "aucune preuve", "rien ne prouve": the word, its determiner or its subject negates."""
    return any(c.lemma_.lower() in classes.negators or c.lower_ in classes.negators for c in tok.children
               if c.dep_ in ("advmod", "det", "nsubj"))


def _unproven(host, classes) -> bool:
    """A clause under a negated word of proof: what it tells is not asserted to have happened."""
    t = host
    for _ in range(3):
        if t.head is t or t.dep_ not in ("ccomp", "acl", "acl:relcl", "advcl", "obj", "nmod", "xcomp"):
            return False
        t = t.head
        if t.lemma_.lower() in classes.unproven_heads:
            governor = t.head if t.dep_ in ("obj", "nsubj", "nsubj:pass") else t
            return _negated(t, classes) or _negated(governor, classes)
    return False


def _accident(d: Draft, lex: EventLexicon, args: DocArguments, clause, title_words: frozenset[str]) -> bool:
    """Dead, wounded or destroyed with no one armed to do it, where the sentence or the
    article's title tells an accident or a disaster ("lors d'une bousculade", "l'ouragan")."""
    if args.is_armed(d.actor1) or args.side(d.actor1) is not None:
        return False
    clause_words = forms(clause)
    if clause_words & set(lex.instruments):  # a weapon names violence: "tués par un obus"
        return False
    accident = lex.classes.accident_words
    return bool(forms(d.sent) & accident or title_words & accident)


def _patients(d: Draft, args: DocArguments) -> list:
    """Who the event is done to: the patient, actor2, the passive subject; not the event noun a
    support verb governs ("a effectué plus de 1 000 arrestations", "des dizaines d'interpellations")."""
    out = [t for t in (d.patient, d.actor2.head if d.actor2 is not None else None) if t is not None]
    if d.verbal:
        out += [c for c in d.trigger.children if c.dep_ == "nsubj:pass"]
    if d.noun is not None:
        out = [t for t in out if t.i != d.noun.i and args.semantic_head(t).i != d.noun.i]
    return out


def _human(tok, lex: EventLexicon, args: DocArguments) -> bool:
    """A person or a group of people: a pronoun, a number, a person's name, or a noun that names
    people ("trois suspects", "des militants", "le chef du groupe")."""
    if tok.pos_ in ("PRON", "NUM") or tok.ent_type_ == "PER":
        return True
    head = args.semantic_head(tok)
    if head.lemma_.lower() in lex.classes.human_nouns or head.lower_ in lex.classes.human_nouns:
        return True
    if head.pos_ == "PROPN":
        actor = args.arg(head, resolve_pronouns=False)
        kind = actor.actor_kind if actor is not None else None
        return kind not in lex.classes.non_person_kinds and not args.is_place(head)
    return False


def _peaceful(arg, lex: EventLexicon) -> bool:
    """An actor whose head names people who compete, not fight ("les candidats", "l'équipe")."""
    return arg is not None and arg.head.lemma_.lower() in lex.classes.peaceful_heads


def _conflict_agreement(d: Draft, lex: EventLexicon, args: DocArguments, clause) -> bool:
    """ACLED codes agreements between parties to a conflict (a ceasefire, a peace deal, an
    exchange of prisoners), not a budget memorandum or a trade deal."""
    if any(args.is_armed(a) or args.side(a) == "nonstate" for a in (d.actor1, d.actor2)):
        return True
    return bool(forms(clause) & lex.classes.conflict_agreement_words)
