"""One pass over the spaCy tokens: plain lists the two stages read many times.

Reading a spaCy attribute builds a Python object each time; the stages look at each token many
times, so its attributes are read once here. Built by the actors stage and kept in
``doc.notes["speech_tokens"]`` for the statements stage.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .lexmatch import norm


@dataclass(slots=True)
class Tokens:
    doc: object  # the spaCy Doc
    text: list[str] = field(default_factory=list)
    key: list[str] = field(default_factory=list)  # normalised text
    lemma: list[str] = field(default_factory=list)  # normalised lemma
    pos: list[str] = field(default_factory=list)
    dep: list[str] = field(default_factory=list)
    head: list[int] = field(default_factory=list)
    start: list[int] = field(default_factory=list)  # clean-text offsets
    end: list[int] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)  # sentence number of each token
    sent_bounds: list[tuple[int, int]] = field(default_factory=list)  # token range of each sentence
    ent: list[str] = field(default_factory=list)  # entity label or ""
    ent_start: list[bool] = field(default_factory=list)
    children: list[list[int]] = field(default_factory=list)
    _morph: dict[int, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, sdoc) -> "Tokens":
        tv = cls(doc=sdoc)
        n = len(sdoc)
        tv.children = [[] for _ in range(n)]
        for s_no, sent in enumerate(sdoc.sents):
            tv.sent_bounds.append((sent.start, sent.end))
            tv.sent.extend([s_no] * (sent.end - sent.start))
        for t in sdoc:
            text = t.text
            tv.text.append(text)
            tv.key.append(norm(text))
            tv.lemma.append(norm(t.lemma_))
            tv.pos.append(t.pos_)
            tv.dep.append(t.dep_)
            h = t.head.i
            tv.head.append(h)
            if h != t.i:
                tv.children[h].append(t.i)
            tv.start.append(t.idx)
            tv.end.append(t.idx + len(text))
            tv.ent.append(t.ent_type_)
            tv.ent_start.append(t.ent_iob_ == "B")
        return tv

    def __len__(self) -> int:
        return len(self.text)

    def morph(self, i: int, feat: str) -> str | None:
        m = self._morph.get(i)
        if m is None:
            m = self.doc[i].morph.to_dict()
            self._morph[i] = m
        return m.get(feat)

    def is_space(self, i: int) -> bool:
        return self.pos[i] == "SPACE" or not self.text[i].strip()

    def is_punct(self, i: int) -> bool:
        return self.pos[i] in ("PUNCT", "SPACE") or not self.text[i].strip()

    def sentence_of(self, i: int) -> tuple[int, int]:
        return self.sent_bounds[self.sent[i]]

    def token_at(self, char: int) -> int:
        """The token that holds clean-text offset ``char`` (the one before it in a gap)."""
        return max(0, bisect_right(self.start, char) - 1)

    def subtree(self, i: int) -> tuple[int, int]:
        """The token range [lo, hi) the parse puts under token ``i``."""
        lo = hi = i
        stack = [i]
        while stack:
            j = stack.pop()
            lo = min(lo, j)
            hi = max(hi, j)
            stack.extend(self.children[j])
        return lo, hi + 1

    def has_child(self, i: int, deps: tuple[str, ...]) -> bool:
        return any(self.dep[c].startswith(deps) for c in self.children[i])

    def child(self, i: int, deps: tuple[str, ...], *, after: int | None = None,
              before: int | None = None) -> int | None:
        for c in self.children[i]:
            if self.dep[c].startswith(deps) and (after is None or c > after) and (before is None or c < before):
                return c
        return None

    def negated(self, i: int) -> bool:
        """The verb (or its auxiliary) carries a negation: "n'a pas confirmé"."""
        for c in self.children[i]:
            if self.doc[c].morph.get("Polarity") == ["Neg"] and self.key[c] not in ("ne", "n'"):
                return True
        return False
