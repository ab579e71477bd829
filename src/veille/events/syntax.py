"""Small readings of the spaCy dependency parse (Universal Dependencies labels, French model).

Clauses are collected by walking a head's subtree and leaving out the dependents that start
another clause; which ones are left out depends on what the clause is for (the words that state
an event, where it happened, when).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

VERBAL = ("VERB", "AUX")
SUBJECTS = ("nsubj", "nsubj:pass", "csubj")

# Dependents that start another clause: left out of the words stating an event.
EVIDENCE_PRUNE = frozenset({"acl:relcl", "advcl", "ccomp", "csubj", "parataxis", "dislocated", "vocative",
                            "reparandum", "list", "orphan"})
# For dates, an adverbial clause of the verb ("alors qu'elle se trouvait vendredi") dates it;
# a participle on a noun ("la citadelle, endommagée en 2012") does not.
DATE_PRUNE = (EVIDENCE_PRUNE - {"advcl"}) | {"acl"}
# For places, a participle on a noun still places it ("la route menant à Alep").
PLACE_PRUNE = EVIDENCE_PRUNE
# A noun phrase: without its relative clauses and participles.
NP_PRUNE = EVIDENCE_PRUNE | {"acl"}


def children(tok, *deps: str) -> Iterator:
    for c in tok.children:
        if c.dep_ in deps:
            yield c


def first_child(tok, *deps: str):
    return next(children(tok, *deps), None)


def forms(toks) -> set[str]:
    """Each word's lower-case lemma and form: the lemmatizer errs, a lexicon word may match either."""
    out = set()
    for t in toks:
        out.add(t.lemma_.lower())
        out.add(t.lower_)
    return out


def is_verbal(tok) -> bool:
    return tok.pos_ in VERBAL


def is_reflexive(tok, g) -> bool:
    """``g``: the language's ``Grammar`` (events.yaml), as for every reading below that takes one."""
    return any(c.lower_ in g.reflexive_pronouns for c in tok.children if c.i < tok.i)


def has_passive_aux(tok, g) -> bool:
    return any(c.dep_ == "aux:pass" for c in tok.children) and not is_reflexive(tok, g) \
        and tok.lemma_.lower() not in g.etre_verbs


def is_passive_participle(tok) -> bool:
    """A past participle modifying a noun: "les quartiers repris par les rebelles"."""
    return (tok.dep_ == "acl" and "Part" in tok.morph.get("VerbForm") and "Past" in tok.morph.get("Tense"))


def is_passive(tok, g) -> bool:
    if is_reflexive(tok, g) or tok.lemma_.lower() in g.etre_verbs:
        return False
    # a "nsubj:pass" with no passive auxiliary is trusted only with the verb's passive voice
    # ("le candidat a attaqué le bilan" is sometimes labelled so)
    # ... and never with "avoir" alone: "des hommes armés ont attaqué la ville" is active
    return has_passive_aux(tok, g) or is_passive_participle(tok) or (
        any(c.dep_ == "nsubj:pass" for c in tok.children) and "Pass" in tok.morph.get("Voice")
        and not any(c.dep_ == "aux:tense" and c.lemma_ in g.perfect_auxiliaries for c in tok.children))


def case_of(tok) -> str | None:
    """The preposition of a nominal dependent ("contre" in "contre les rebelles")."""
    for c in tok.children:
        if c.dep_ in ("case", "mark") and c.i < tok.i:
            return c.lower_.replace("’", "'")
    return None


def collect(tok, prune: frozenset[str], *, skip: Iterable = ()) -> list:
    """The head and its dependents, recursively, leaving out pruned relations, verbs joined by
    a conjunction (another predicate), and the subtrees of ``skip``."""
    skip_ids = {t.i for t in skip}
    out = []
    stack = [tok]
    at_head = True  # the first token popped is ``tok`` itself
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            d = c.dep_  # read once: each read of a spaCy attribute costs a lookup
            if d in prune or (skip_ids and c.i in skip_ids):
                continue
            if (d == "conj" or d == "xcomp" and at_head) and c.pos_ in VERBAL:
                continue
            stack.append(c)
        at_head = False
    out.sort(key=_index)
    return out


def _index(tok) -> int:
    return tok.i


def subject(tok, *, depth: int = 0):
    """The subject of a verb, following control ("affirment avoir pris": les rebelles), verbs
    joined by a conjunction ("ont fermé ... et installé"), gerunds and participles."""
    if depth > 6:
        return None
    s = next((c for c in tok.children if c.dep_ in SUBJECTS and not has_case(c)), None)
    if s is not None:
        return s
    head = tok.head
    if head == tok:
        return None
    if (tok.dep_ == "xcomp" or tok.dep_ == "obj" and tok.pos_ == "VERB") and is_verbal(head):
        return subject(head, depth=depth + 1)  # "a fait détoner sa charge": the infinitive read as an object
    if tok.dep_ == "conj" and is_verbal(head):
        return subject(head, depth=depth + 1)
    if tok.dep_ == "advcl" and ("Part" in tok.morph.get("VerbForm") or "Ger" in tok.morph.get("VerbForm")):
        s = subject(head, depth=depth + 1)
        if s is not None and s.dep_ == "nsubj:pass":
            # "cinq hôpitaux ont été bombardés, tuant 50 civils": what was hit killed no one; the
            # participle goes on with the event, whose doer is the passive's agent, if named
            return next((c for c in head.children if c.dep_ == "obl:agent"), None)
        return s
    if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON") and not is_passive_participle(tok):
        return head
    return None


def has_case(tok) -> bool:
    """A noun behind a preposition ("selon un responsable") is no subject, whatever the label."""
    return any(c.dep_ == "case" and c.i < tok.i for c in tok.children)


def participle_like(tok, g) -> bool:
    """A present participle or a gerund ("tuant", "en bombardant"), even mistagged as a noun."""
    if "Part" in tok.morph.get("VerbForm") and "Pres" in tok.morph.get("Tense"):
        return True
    return tok.lower_.endswith("ant") and case_of(tok) in g.gerund_preps


def orphan_subject(tok):
    """The subject the sentence splitter cut off: a sentence that starts with the verb's
    auxiliary, after a "sentence" of a lone noun phrase in the same line."""
    sent = tok.sent
    first = sent[0]
    if first.pos_ not in VERBAL or sent.start == 0:
        return None
    prev = tok.doc[sent.start - 1].sent
    if "\n" in prev.text or any(t.pos_ in VERBAL for t in prev):
        return None
    root = prev.root
    return root if root.pos_ in ("NOUN", "PROPN", "PRON") else None


def np_bounds(tok) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``tok``: its subtree without
    relative clauses, cut at the first comma after the head."""
    toks = collect(tok, NP_PRUNE)
    start = toks[0].i
    end = tok.i + 1
    for t in toks:
        if t.i <= tok.i:
            continue
        if t.is_punct and t.text in ",;:()«»\"":
            break
        end = t.i + 1
    while end - 1 > start and tok.doc[end - 1].is_punct:
        end -= 1
    return start, end


def span_chars(doc, start_i: int, end_i: int) -> tuple[int, int]:
    """Clean-text character range of tokens [start_i, end_i)."""
    return doc[start_i].idx, doc[end_i - 1].idx + len(doc[end_i - 1].text)


def tense(tok, g) -> str:
    """'future' | 'present' | 'past' | 'conditional' | 'infinitive' for a verb with its auxiliaries."""
    auxes = [c for c in tok.children if c.dep_ in ("aux:tense", "aux:pass", "aux")]
    morphs = [tok.morph] + [a.morph for a in auxes]
    if any("Fut" in m.get("Tense") for m in morphs) or any(a.lemma_ in g.future_auxiliaries for a in auxes):
        return "future"
    if any("Cnd" in m.get("Mood") for m in morphs):
        return "conditional"
    if "Inf" in tok.morph.get("VerbForm") and not auxes:
        return "infinitive"
    if any(a.dep_ == "aux:tense" for a in auxes) or "Past" in tok.morph.get("Tense") or "Imp" in tok.morph.get("Tense"):
        return "past"
    return "present"
