"""One pass over the spaCy tokens: plain lists the stages read many times.

Reading a spaCy attribute builds a Python object each time; the stages look at each token many
times, so its attributes are read once here, for any language. The parse stage builds it once
per document (``doc.tokens``); the stages after it read it instead of the parse.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .text import Fold, fold

# hash -> string, kept across documents: the vocabulary's hashes are stable. Each table is
# emptied when it grows past CACHE_LIMIT (a long run meets ever new words).
CACHE_LIMIT = 500_000
_STRINGS: dict[int, str] = {}
_NORMED: dict[int, str] = {}  # text or lemma hash -> its lookup key
_LOWER: dict[int, str] = {}  # lemma hash -> the lemma in lower case


@dataclass(slots=True)
class TokenView:
    doc: object  # the spaCy Doc
    text: list[str] = field(default_factory=list)
    # the lexicons' lookup key (lower case, no accents, one apostrophe: speech.lexmatch.norm)
    key: list[str] = field(default_factory=list)  # of the text
    lemma: list[str] = field(default_factory=list)  # of the lemma
    lemma_lower: list[str] = field(default_factory=list)  # the lemma in lower case only, accents kept
    pos: list[str] = field(default_factory=list)  # coarse part of speech ("VERB"; "X" for none)
    dep: list[str] = field(default_factory=list)
    head: list[int] = field(default_factory=list)
    start: list[int] = field(default_factory=list)  # clean-text offsets
    end: list[int] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)  # sentence number of each token
    sent_bounds: list[tuple[int, int]] = field(default_factory=list)  # token range of each sentence
    ent: list[str] = field(default_factory=list)  # entity label or ""
    ent_start: list[bool] = field(default_factory=list)
    children: list[list[int]] = field(default_factory=list)
    n: int = 0
    _morph_hash: list[int] = field(default_factory=list)
    _morph: dict[int, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, sdoc) -> "TokenView":
        """Every attribute in one bulk read (``Doc.to_array``): no Token object is built."""
        import numpy as np
        from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, MORPH, ORTH, POS, SENT_START
        from spacy.parts_of_speech import NAMES as POS_NAMES

        tv = cls(doc=sdoc)
        n = len(sdoc)
        tv.n = n
        if n == 0:
            return tv
        arr = sdoc.to_array([ORTH, LEMMA, POS, DEP, HEAD, ENT_TYPE, ENT_IOB, IDX, MORPH, SENT_START])
        cols = [c.tolist() for c in arr.T]
        heads = (np.arange(n, dtype=np.int64) + arr[:, 4].astype(np.int64)).tolist()
        strings = sdoc.vocab.strings
        table = _cache(_STRINGS)
        table[0] = ""
        for h in {*cols[0], *cols[1], *cols[3], *cols[5]}.difference(table):
            table[h] = strings[h]
        get = table.__getitem__
        normed = _cache(_NORMED)
        for h in {*cols[0], *cols[1]}.difference(normed):
            normed[h] = fold(table[h], Fold.ACCENTS)  # each distinct word once
        lower = _cache(_LOWER)
        for h in set(cols[1]).difference(lower):
            lower[h] = table[h].lower()
        tv.text = list(map(get, cols[0]))
        tv.key = list(map(normed.__getitem__, cols[0]))
        tv.lemma = list(map(normed.__getitem__, cols[1]))
        tv.lemma_lower = list(map(lower.__getitem__, cols[1]))
        pos_names = {p: POS_NAMES.get(p, "X") for p in set(cols[2])}
        tv.pos = list(map(pos_names.__getitem__, cols[2]))
        tv.dep = list(map(get, cols[3]))
        tv.head = heads
        tv.ent = list(map(get, cols[5]))
        tv.ent_start = [iob == 3 for iob in cols[6]]
        tv.start = cols[7]
        tv.end = [i + len(t) for i, t in zip(cols[7], tv.text)]
        tv._morph_hash = cols[8]
        children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(heads):
            if h != i:
                children[h].append(i)
        tv.children = children
        starts = [i for i, flag in enumerate(cols[9]) if flag == 1 or i == 0]
        for s_no, lo in enumerate(starts):
            hi = starts[s_no + 1] if s_no + 1 < len(starts) else n
            tv.sent_bounds.append((lo, hi))
            tv.sent.extend([s_no] * (hi - lo))
        return tv

    def __len__(self) -> int:
        return self.n

    def morph(self, i: int, feat: str) -> str | None:
        """One morphological feature ("Number", "Gender", "VerbForm"...) of token ``i``."""
        h = self._morph_hash[i]
        m = self._morph.get(h)
        if m is None:
            text = self.doc.vocab.strings[h] if h else ""
            m = dict(kv.split("=", 1) for kv in text.split("|") if "=" in kv)
            self._morph[h] = m
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

    def child(self, i: int, deps: tuple[str, ...], *, after: int | None = None,
              before: int | None = None) -> int | None:
        for c in self.children[i]:
            if self.dep[c].startswith(deps) and (after is None or c > after) and (before is None or c < before):
                return c
        return None

    def negated(self, i: int, particles) -> bool:
        """The verb (or its auxiliary) carries a negation: "n'a pas confirmé" (``particles``: the
        lexicon's "ne", which alone negates nothing)."""
        for c in self.children[i]:
            if self.morph(c, "Polarity") == "Neg" and self.key[c] not in particles:
                return True
        return False


def _cache(table: dict[int, str]) -> dict[int, str]:
    """``table``, emptied first when it has grown past CACHE_LIMIT."""
    if len(table) > CACHE_LIMIT:
        table.clear()
    return table
