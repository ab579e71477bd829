"""Where an event happened: a place of the places stage, chosen near the event's words.

Order of search: the place mentions inside the event's clause (the most specific kind wins:
a city over its country); a noun that points back ("dans la ville", "la province") to the last
place of that kind; the rest of the sentence; the sentences before it in the paragraph; the
title; the place the article names most.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}

class DocPlaces:
    """The place mentions of one document, indexed by clean offset."""

    def __init__(self, doc, lex) -> None:
        self.doc = doc
        self.lex = lex  # EventLexicon: back nouns, the "de" that names a place
        self.places = doc.places
        ms = sorted(m for m in doc.place_mentions if 0 <= m[2] < len(doc.places))
        self.mentions = ms
        self.starts = [m[0] for m in ms]
        counts = Counter(m[2] for m in ms)
        ranked = sorted(counts, key=lambda i: (-counts[i], self._rank(i) == RANK["country"], ms[0][0]))
        self.main = ranked[0] if ranked else None
        title = next((b for b in doc.blocks if b.kind == "title"), None)
        self.title_places = [m[2] for m in ms if title and title.start <= m[0] < title.end]
        self.source_regions = _source_regions(doc)

    def _rank(self, idx: int) -> int:
        return RANK.get(self.places[idx].kind, 3)

    def in_range(self, start: int, end: int) -> list[tuple[int, int, int]]:
        i = bisect_left(self.starts, start)
        j = bisect_right(self.starts, end - 1)
        return [m for m in self.mentions[i:j] if m[1] <= end]

    def in_tokens(self, tokens) -> list[tuple[int, int, int]]:
        """Mentions that lie inside these tokens (not necessarily contiguous)."""
        if not tokens or not self.mentions:
            return []
        spans = {t.idx: t.idx + len(t.text) for t in tokens}
        starts = sorted(spans)
        out = []
        for m in self.in_range(starts[0], spans[starts[-1]]):
            k = bisect_right(starts, m[0]) - 1
            if k >= 0 and starts[k] <= m[0] < spans[starts[k]]:
                out.append(m)
        return out

    def coordinated(self, chosen: int, clause_tokens) -> list[int]:
        """Other places of the same rank that the clause coordinates with the chosen one ("à
        Idlib et à Alep", "les villes d'Idlib et d'Alep"): ACLED codes one event a place."""
        mentions = self.in_tokens(clause_tokens)
        own = [m for m in mentions if m[2] == chosen]
        if not own or self.places[chosen].kind != "city":  # towns; a list of regions is one wide area
            return []
        roots = {m: self._root(m) for m in mentions}
        anchor = roots[own[0]]
        out: list[int] = []
        for m in mentions:
            other, root = m[2], roots[m]
            if other == chosen or other in out or root is None or anchor is None \
                    or self._rank(other) != self._rank(chosen):
                continue
            if root.dep_ == "conj" and root.head.i == anchor.i or anchor.dep_ == "conj" and anchor.head.i == root.i:
                out.append(other)
        return out

    def _root(self, m):
        span = self.doc.parsed.char_span(m[0], m[1], alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def most_specific(self, mentions) -> int | None:
        if not mentions:
            return None
        return min(mentions, key=lambda m: (self._rank(m[2]), m[0]))[2]

    def before(self, pos: int, kinds: tuple[str, ...] | None = None, *, floor: int = 0) -> int | None:
        """The last place mentioned before ``pos`` (and after ``floor``), of these kinds."""
        i = bisect_left(self.starts, pos) - 1
        while i >= 0 and self.mentions[i][0] >= floor:
            idx = self.mentions[i][2]
            if kinds is None or self.places[idx].kind in kinds:
                return idx
            i -= 1
        return None

    def choose(self, clause_tokens, subject_tokens, sent, block_start: int, companion_tokens=()) -> tuple[int | None, str]:
        """The index in doc.places of the event's place (or None), and where it was found:
        "clause" (the event's own words), "near" (the sentence, the paragraph) or "far" (the
        title, the article). ``companion_tokens``: a clause about the same participant
        ("alors qu'elle se trouvait place Tahrir")."""
        inside = [m for m in self.in_tokens(clause_tokens) if not self._said_by_source(m)]
        subj_ids = {t.i for t in subject_tokens}
        outside_subject = [m for m in inside if not self._in_tokens(m, subject_tokens, subj_ids)]
        if outside_subject:
            return self.most_specific(outside_subject), "clause"
        companion = self.in_tokens(list(companion_tokens))
        if companion:
            return self.most_specific(companion), "clause"
        first = clause_tokens[0].idx if clause_tokens else sent.start_char
        in_sent = self.in_range(sent.start_char, sent.end_char)
        for t in clause_tokens:
            kinds = self.lex.back_nouns.get(t.lemma_.lower()) if t.pos_ == "NOUN" else None
            if kinds:
                found = self._named_after(t) or self.before(t.idx, kinds)
                if found is not None:
                    return self._finer_in_sentence(found, in_sent, t.idx), "clause"
        clause_ids = {t.i for t in clause_tokens}
        rest = [m for m in in_sent if not self._inside_subtree_of_clause(m, clause_ids) and not self._said_by_source(m)]
        if rest:
            return self.most_specific(rest), "near"
        prev = self.before(first, None, floor=block_start)
        if prev is not None:
            return prev, "near"
        if self.title_places:
            return min(self.title_places, key=self._rank), "far"
        if self.main is not None:
            return self.main, "far"
        # a place only in the subject ("les factions soutenues par la Turquie") is the actor's
        return (self.most_specific(inside), "far") if inside else (None, "far")

    def _said_by_source(self, m) -> bool:
        return any(a <= m[0] < b for a, b in self.source_regions)

    def _named_after(self, noun) -> int | None:
        """"la ville de Gao": the back noun names its place right after it."""
        nxt = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
        if nxt is None or nxt.lower_ not in self.lex.grammar.name_de_words:
            return None
        hit = self.in_range(nxt.idx + len(nxt.text), nxt.idx + len(nxt.text) + 60)
        first = hit[0] if hit else None
        gap = self.doc.clean_text[nxt.idx + len(nxt.text):first[0]] if first else ""
        return first[2] if first and not gap.strip() else None

    def _finer_in_sentence(self, found: int, in_sent, pos: int) -> int:
        """"À Idleb, dans le nord-ouest du pays, ...": a back noun for a wider place ("pays")
        leaves the event at a finer place of that country the sentence named before it."""
        wide = self.places[found]
        finer = [m for m in in_sent if m[0] < pos and self._rank(m[2]) < self._rank(found)
                 and self.places[m[2]].country_code == wide.country_code]
        return self.most_specific(finer) if finer else found

    def _in_tokens(self, m, tokens, ids) -> bool:
        return any(t.idx <= m[0] < t.idx + len(t.text) for t in tokens)

    def _inside_subtree_of_clause(self, m, clause_ids) -> bool:
        """A place inside a clause hanging off the event's words (a subordinate clause of its
        own) is not the event's place; one elsewhere in the sentence may be."""
        tok = self.doc.parsed.char_span(m[0], m[1], alignment_mode="expand")
        if tok is None or not len(tok):
            return False
        t = tok.root
        while t.head != t:
            if t.i in clause_ids:
                return True
            t = t.head
        return t.i in clause_ids


def _source_regions(doc) -> list[tuple[int, int]]:
    """Where a sentence says who speaks, not what happened: the part of a statement's sentence
    on its cue's side of what it says ("..., selon un porte-parole joint à Benghazi", "a indiqué
    à Benghazi un porte-parole"). A place there is the source's, not the event's."""
    content = {n: (s, e) for s, e, n in doc.statement_content}
    out = []
    for cs, ce, n in doc.statement_cues:
        if n not in content or doc.parsed is None:
            continue
        s0, s1 = content[n]
        span = doc.parsed.char_span(cs, ce, alignment_mode="expand")
        if span is None or not len(span):
            continue
        sent = span.sent
        if cs >= s1:
            out.append((s1, sent.end_char))
        elif ce <= s0:
            out.append((sent.start_char, s0))
    return out
