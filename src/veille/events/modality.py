"""Who says an event happened, and how sure the text is: asserted, claimed, reported, denied,
future.

Read from the verb and the words that govern it: a negation or a démenti denies; a threat, a plan
or the future tense puts it in the future; a statement of the statements stage around it makes
it claimed by that statement's speaker; the conditionnel de presse ("aurait fermé") and hedges
("selon des informations non confirmées") make it reported.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .. import lexicons
from .lexicon import EventLexicon
from .syntax import SUBJECTS, first_child, tense

# Relations through which a governing verb rules its complement.
CONTROL = ("xcomp", "ccomp", "advcl", "conj", "acl", "parataxis", "obj", "obl", "obl:arg", "nsubj")


@dataclass(slots=True)
class Modality:
    modality: str = "asserted"
    claimed_by: str | None = None
    claimed_by_actor: str | None = None
    statement: int | None = None


class ModalityReader:
    def __init__(self, lang: str = "fr", grammar=None) -> None:
        # grammar: events.yaml's small words (EventLexicon.grammar), for the tense of a verb
        self.grammar = grammar if grammar is not None else EventLexicon(lang).grammar
        d = lexicons.data(lang, "modality.yaml")
        self.negation = frozenset(d.get("negation", []))
        self.restrictive = frozenset(d.get("restrictive", []))
        self.negative_determiners = frozenset(d.get("negative_determiners") or ())
        self.negative_particles = frozenset(d.get("negative_particles") or ())
        self.full_negation = frozenset(d.get("full_negation") or ())
        self.denial_verbs = frozenset(d.get("denial_verbs", []))
        self.denial_nouns = frozenset(d.get("denial_nouns", []))
        self.future_verbs = frozenset(d.get("future_verbs", []))
        self.future_adjs = frozenset(d.get("future_adjectives", []))
        self.request_verbs = frozenset(d.get("request_verbs", []))
        self.purpose = frozenset(w for w in d.get("purpose_markers", []) if " " not in w)
        self.hedge_words = frozenset(w.lower() for w in d.get("hedge_words", []))
        phrases = d.get("hedge_phrases", [])
        self.hedge_re = re.compile("|".join(re.escape(p) for p in phrases), re.I) if phrases else None
        self.reporting = frozenset(d.get("reporting_verbs", []))
        self.hypothesis = frozenset(w for w in d.get("hypothesis_markers", []) if " " not in w)
        self.anonymous = frozenset(d.get("anonymous_sources", []))
        habitual = d.get("habitual", [])
        self.habitual_re = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in habitual) + r")(?!\w)", re.I) \
            if habitual else None
        self.according = frozenset(w.replace("’", "'") for w in d.get("according_to", []))
        self._habitual_seen: dict[str, bool] = {}  # sentence text -> has a habitual phrase

    # -- goals and requests: no event ----------------------------------------------------------
    def is_goal(self, tok) -> bool:
        """An infinitive that is a goal or a request ("pour reprendre", "appellent à libérer")."""
        if "Inf" not in tok.morph.get("VerbForm"):
            return False
        if any(c.dep_ == "mark" and c.lower_ in self.purpose for c in tok.children):
            return True
        if any(c.dep_ == "case" and c.lower_ in self.purpose for c in tok.children):
            return True
        head = tok.head
        if head == tok or tok.dep_ not in ("xcomp", "ccomp", "obl", "obl:arg", "advcl", "acl"):
            return False
        if tok.dep_ == "acl" and head.dep_ in ("obj", "iobj") and head.head != head:
            head = head.head  # "a appelé l'armée à reprendre la ville"
        return head.lemma_ in self.request_verbs

    def is_hypothesis(self, tok) -> bool:
        """Inside a clause opened by "si" ("si les bombardements se poursuivent")."""
        t = tok
        for _ in range(4):
            if any(c.dep_ == "mark" and c.lower_ in self.hypothesis for c in t.children):
                return True
            if t.head == t or t.dep_ not in ("nsubj", "nsubj:pass", "obj", "obl", "obl:arg", "xcomp", "conj"):
                return False
            t = t.head
        return False

    def is_habitual(self, tok, sentence_text: str) -> bool:
        """A present-tense event in a sentence that tells what usually happens."""
        return bool(self.habitual_re and self._habitual_words(sentence_text) and tense(tok, self.grammar) == "present")

    def _habitual_words(self, sentence_text: str) -> bool:
        # asked for every candidate word of a sentence: search each sentence once
        got = self._habitual_seen.get(sentence_text)
        if got is None:
            if len(self._habitual_seen) > 4096:
                self._habitual_seen.clear()
            got = self._habitual_seen[sentence_text] = bool(self.habitual_re.search(sentence_text))
        return got

    # -- the chain of governing words ----------------------------------------------------------
    @staticmethod
    def _governors(tok, limit: int = 6):
        t = tok
        for _ in range(limit):
            if t.head == t or t.dep_ not in CONTROL:
                return
            t = t.head
            yield t

    def _negated(self, tok) -> bool:
        kids = list(tok.children)
        if any(c.lemma_.lower() in self.negative_determiners and c.dep_ == "det" for c in kids):
            return True
        neg = [c for c in kids if c.dep_ in ("advmod", "advmod:neg", "det", "cc") and c.lower_ in self.negation]
        if not neg:
            return False
        has_ne = any(c.lower_ in self.negative_particles for c in kids)
        restricted = any(c.lower_ in self.restrictive for c in kids) and not any(c.lower_ in self.full_negation for c in neg)
        return (has_ne or tok.pos_ != "VERB") and not restricted

    def read(self, tok, *, statement_of=None, sentence_text: str = "") -> Modality:
        """The modality of the event whose words hang on ``tok`` (its verb, or the verb that
        governs its noun). ``statement_of(char)`` gives the statement around a character."""
        chain = [tok]
        xchain = [tok]  # verbs reached only through control: they share the event's truth
        for g in self._governors(tok):
            chain.append(g)
        t = tok
        while t.dep_ == "xcomp" and t.head != t:
            t = t.head
            xchain.append(t)
        if any(self._negated(t) for t in xchain) or self._denied_by(chain) \
                or any(c.lemma_ in self.denial_nouns for c in tok.children):
            m = Modality("denied")
            self._claim(tok, chain, m, statement_of)
            return m
        if self._future(tok, xchain, chain):
            m = Modality("future")
            self._claim(tok, chain, m, statement_of)
            return m
        m = Modality()
        if self._claim(tok, chain, m, statement_of):
            hedged = self.hedge_re is not None and bool(self.hedge_re.search(sentence_text))
            who = (m.claimed_by or "").lower().replace("’", "'").split()
            if hedged and (not who or set(who) & self.anonymous):
                m.modality, m.claimed_by, m.claimed_by_actor = "reported", None, None
            else:
                m.modality = "claimed"
            return m
        if self._hedged(tok, xchain, sentence_text):
            m.modality = "reported"
        return m

    def _denied_by(self, chain) -> bool:
        """A denial verb governs the event ("a nié avoir attaqué"); not one merely coordinated
        with the verb that does ("ont nié X et accusé l'armée de mener des frappes")."""
        if len(chain) > 1 and chain[1].lemma_ in self.denial_verbs:
            return True
        return len(chain) > 2 and chain[2].lemma_ in self.denial_verbs and chain[1].dep_ != "conj"

    def _future(self, tok, xchain, chain) -> bool:
        if tense(tok, self.grammar) == "future":
            return True
        for t in xchain[1:]:
            if t.lemma_ in self.future_verbs or tense(t, self.grammar) == "future":
                return True
            if t.lemma_ in self.future_adjs:
                return True
        if tok.dep_ in ("xcomp", "advcl", "acl", "obl", "obl:arg") and tok.head.lemma_.lower() in self.future_adjs:
            return True
        return any(c.lemma_.lower() in self.future_adjs and c.dep_ == "amod" for c in tok.children)

    def _hedged(self, tok, xchain, sentence_text: str) -> bool:
        for t in xchain:
            if tense(t, self.grammar) == "conditional":
                return True
            if any(c.lower_ in self.hedge_words for c in t.children):
                return True
        return bool(self.hedge_re and sentence_text and self.hedge_re.search(sentence_text))

    def _claim(self, tok, chain, m: Modality, statement_of) -> bool:
        """Fill claimed_by from the statement around the event, else from a reporting verb or
        "selon X" that governs it. True when the event is someone's claim."""
        if statement_of is not None:
            found = statement_of(tok.idx)
            if found is not None:
                idx, speaker, speaker_actor = found
                m.statement, m.claimed_by, m.claimed_by_actor = idx, speaker, speaker_actor
                return True
            if statement_of.has_statements:
                return False
        for g in chain[1:]:
            if g.lemma_ in self.reporting and g.pos_ == "VERB":
                s = first_child(g, *SUBJECTS)
                if s is not None and s.pos_ != "PRON":
                    m.claimed_by = _np_text(s)
                    return True
        for t in chain:
            for c in t.children:
                if c.dep_.startswith("obl") and _case(c) in self.according:
                    text = _np_text(c)
                    if self.hedge_re and self.hedge_re.search(text):
                        return False
                    m.claimed_by = text
                    return True
        return False


def _case(tok) -> str | None:
    for c in tok.children:
        if c.dep_ in ("case",) and c.i < tok.i:
            return c.lower_.replace("’", "'")
    return None


def _np_text(tok) -> str:
    toks = [t for t in tok.subtree if t.dep_ != "case" or t.head != tok]
    toks = [t for t in toks if not (t.dep_ == "case" and t.head == tok)]
    if not toks:
        return tok.text
    doc = tok.doc
    s, e = toks[0].i, toks[-1].i + 1
    return doc[s:e].text.strip(" ,.")


class StatementLookup:
    """The innermost statement content around a clean-text offset (statements stage notes)."""

    def __init__(self, doc) -> None:
        spans = sorted(doc.statement_content)
        self.spans = spans
        self.starts = [s for s, _, _ in spans]
        self.statements = doc.statements
        self.has_statements = bool(spans)

    def __call__(self, pos: int):
        k = bisect_right(self.starts, pos)
        best = None
        for s, e, idx in self.spans[max(0, k - 40):k]:
            if s <= pos < e and 0 <= idx < len(self.statements):
                if best is None or e - s < best[1] - best[0]:
                    best = (s, e, idx)
        if best is None:
            return None
        st = self.statements[best[2]]
        return best[2], st.speaker, st.speaker_actor
