"""How many died in an event: counts of the dead tied to the event's own words.

Read from (1) the people a killing verb hits ("a tué 200 rebelles", "six civils ont été tués",
"X a été abattu" -> 1); (2) nouns that count the dead in the event's clause ("faisant 12 morts",
"plus d'un demi-million de morts"); (3) verbs whose subject dies ("30 personnes sont mortes dans
les bombardements"). Wounded, displaced or deployed people are never counted.
"""
from __future__ import annotations

from .lexicon import EventLexicon
from .numbers import NumberReader, split_words

class FatalityCounter:
    def __init__(self, lex: EventLexicon, numbers: NumberReader) -> None:
        self.lex = lex
        self.numbers = numbers

    def quantity(self, head) -> int | None:
        """The number stated before a noun ("au moins 30" morts, "des dizaines de" morts)."""
        q = head
        while q.head != q and q.dep_ == "nmod" and q.head.lemma_.lower() in self.lex.quantity_nouns:
            q = q.head  # "demi-million de morts", "des dizaines de milliers de morts": climb to the first quantity
        words: list[str] = []
        last = q.i if q.lemma_.lower() in self.lex.quantity_nouns else q.i - 1
        chain = q
        while True:  # "des centaines de milliers de": the quantity nouns run on
            nxt = next((c for c in chain.children if c.dep_ == "nmod" and c.lemma_.lower() in self.lex.quantity_nouns), None)
            if nxt is None:
                break
            chain = last_tok = nxt
            last = last_tok.i
        for t in q.subtree:
            if t.i > last:
                break
            if t.dep_ in ("acl:relcl", "acl", "appos"):
                continue
            words.append(t.text)
        if not words:
            return None
        return self.numbers.read(split_words(" ".join(words)))

    def people_hit(self, tok) -> int | None:
        """Victims of a killing verb: a count, or 1 for one named or definite person."""
        total = 0
        found = False
        for t in [tok] + [c for c in tok.children if c.dep_ == "conj"]:
            n = self.quantity(t)
            if n is None and t.pos_ in ("PROPN", "PRON") and "Plur" not in t.morph.get("Number"):
                n = 1
            if n is None and t.pos_ == "NOUN" and "Sing" in t.morph.get("Number"):
                if any(c.dep_ == "det" and c.lower_ in self.lex.grammar.single_determiners for c in t.children):
                    n = 1
            if n is not None:
                total += n
                found = True
        return total if found else None

    def in_clause(self, tokens) -> int | None:
        """The largest count of dead stated in these tokens."""
        best = None
        for t in tokens:
            n = None
            lemma = t.lemma_.lower()
            if t.pos_ == "NOUN" and lemma in self.lex.death_nouns:
                if lemma in self.lex.grammar.counted_only_nouns and not any(c.dep_ == "nummod" for c in t.children) \
                        and not self._counted(t):
                    continue
                n = self.quantity(t)
                if n is None and "Sing" in t.morph.get("Number"):
                    # "la mort de trois soldats": the dead are the complement
                    whose = next((c for c in t.children if c.dep_ == "nmod" and c.i > t.i and
                                  any(x.lower_ in self.lex.grammar.de_words for x in c.children)), None)
                    if whose is not None:
                        n = self.people_hit(whose)
            elif lemma in self.lex.death_verbs or (t.pos_ in ("ADJ", "VERB") and lemma in self.lex.grammar.death_adjectives
                                                   and any(c.lemma_ in self.lex.grammar.copulas for c in t.children)):
                n = self._subject_count(t)
            elif lemma in self.lex.death_locutions and any(
                    c.dep_ == "obj" and c.lemma_.lower() in self.lex.death_locutions[lemma] for c in t.children):
                n = self._subject_count(t)
            if n is not None and (best is None or n > best):
                best = n
        return best

    def _counted(self, t) -> bool:
        return t.dep_ == "nmod" and t.head.lemma_.lower() in self.lex.quantity_nouns

    def _subject_count(self, verb) -> int | None:
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubj:pass") and not any(x.dep_ == "case" and x.i < c.i for x in c.children):
                return self.people_hit(c)
        # no subject in the parse: the counted noun just before the verb ("..., au moins
        # quarante civils ont péri", when the parser hung the civilians elsewhere)
        doc = verb.doc
        for i in range(verb.i - 1, max(verb.sent.start, verb.i - 6) - 1, -1):
            t = doc[i]
            if t.pos_ in ("NOUN", "PROPN") and "Plur" in t.morph.get("Number"):
                return self.quantity(t)
        return None
