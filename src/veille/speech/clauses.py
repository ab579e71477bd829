"""The clause grammar the statement finder reads: sentences (across the parser's false splits),
blocks, auxiliaries, subjects, coordination, trailing attributions, "ce que"."""
from __future__ import annotations

from .draft import QUOTE_CLOSERS
from .lexmatch import norm


class ClauseMixin:
    """Methods of ``attribution.Finder``; they read its token lists, lexicon, actor book,
    quotations and drafts."""

    def sentence(self, i: int) -> tuple[int, int]:
        """The sentence of token ``i``, across the parser's false splits."""
        return self._merged[self.tv.sent[i]]

    def _same_quote(self, a: int, b: int) -> bool:
        q = self.quotes.at(self.tv.start[a])
        return q is not None and q.start < self.tv.start[a] and q is self.quotes.at(self.tv.start[b])

    def _merge_sentences(self) -> list[tuple[int, int]]:
        """A sentence the parser ended without a final mark, before one that starts with a comma
        or a small letter in the same block, goes on into it ("Selon l'ONU | , plus de ...")."""
        tv = self.tv
        bounds = tv.sent_bounds
        groups: list[list[int]] = []
        for n, (lo, hi) in enumerate(bounds):
            if groups:
                plo, phi = bounds[groups[-1][-1]]
                last = phi - 1
                while last > plo and tv.is_space(last):
                    last -= 1
                first = lo
                nl = "\n" in self.text[tv.start[last]:tv.start[lo]] if lo < len(tv) else True
                if not nl and tv.text[last] not in (".", "!", "?", "…", "»", "”", '"', ":") and \
                        (tv.text[first] in (",", ";", ")", "-") or tv.text[first][:1].islower()
                         or tv.text[first][:1].isdigit()  # "France | 24 sont ..."
                         or self._same_quote(last, first)):  # "« ... le stade Madrid | Arena »"
                    groups[-1].append(n)
                    continue
            groups.append([n])
        out: list[tuple[int, int]] = [(0, 0)] * len(bounds)
        for g in groups:
            span = (bounds[g[0]][0], bounds[g[-1]][1])
            for n in g:
                out[n] = span
        return out

    def _coordinated_verb(self, i: int) -> int | None:
        """"a rejeté ces accusations et accusé Israël": a participle after "et" shares the
        auxiliary of a verb before it in the sentence (the parse may hang it elsewhere)."""
        tv = self.tv
        if i == 0 or tv.key[i - 1] not in self.lex.coordinators and tv.key[i - 1] != ",":
            return None
        if tv.dep[i] == "acl" and tv.pos[tv.head[i]] in ("NOUN", "PROPN") and tv.head[i] < i:
            return None  # "arrêté deux journalistes, accusés de ...": said of the noun, not a second verb
        s_lo, _ = self.sentence(i)
        for k in range(i - 2, s_lo - 1, -1):
            if tv.pos[k] == "VERB" and tv.morph(k, "VerbForm") == "Part" and self._has_aux(k):
                return k
        return None

    def _aux_before(self, i: int) -> bool:
        """"ont de leur côté menacé": an auxiliary a few words before, which the parse hung
        elsewhere."""
        tv = self.tv
        s_lo, _ = self.sentence(i)
        for k in range(i - 1, max(s_lo - 1, i - 6), -1):
            if tv.pos[k] == "AUX" and tv.lemma[k] in self.lex.finite_auxiliaries and tv.morph(k, "VerbForm") == "Fin":
                return True
            if tv.pos[k] in ("VERB", "NOUN", "PROPN") and tv.key[k] not in self.lex.aside_nouns:
                return False
        return False

    def _passive(self, i: int) -> bool:
        """A passive verb: an "être" auxiliary marks it. A passive subject under an "avoir"
        auxiliary alone is the parser's slip ("Le régime a pour sa part assuré que")."""
        tv = self.tv
        kids = tv.children[i]
        if any(tv.key[c] in self.lex.reflexive_clitics for c in kids):
            return False  # "s'est offusqué": a pronominal verb, whatever the parse says
        if any(tv.dep[c] == "aux:pass" for c in kids):
            return True
        if not any(tv.dep[c] == "nsubj:pass" for c in kids):
            return False
        return not any(tv.dep[c].startswith("aux") and tv.lemma[c] in self.lex.perfect_auxiliaries for c in kids)

    def _has_aux(self, i: int) -> bool:
        return any(self.tv.dep[c].startswith("aux") for c in self.tv.children[i])

    def _marked(self, i: int) -> bool:
        tv = self.tv
        if any(tv.dep[c] == "mark" and tv.key[c] in self.lex.non_report_marks for c in tv.children[i]):
            return True
        k = i - 1  # "afin de « retrouver »": the mark the parse hung elsewhere, right before
        while k >= 0 and i - k <= 3 and (tv.is_punct(k) or tv.key[k] in self.lex.partitives):
            k -= 1
        return k >= 0 and k < i - 1 and tv.key[k] in self.lex.non_report_marks

    def _first_of(self, i: int) -> int:
        """The verb's first word: its auxiliary ("a déclaré"), or itself."""
        lo = i
        for c in self.tv.children[i]:
            if self.tv.dep[c].startswith("aux") and c < lo and i - c <= 4:
                lo = c
        return lo

    def _gerund_start(self, i: int) -> int:
        """Where a trailing cue's words begin: its auxiliary, or "(tout) en" before a gerund."""
        tv = self.tv
        lo = self._first_of(i)
        if lo > 0 and tv.key[lo - 1] in self.lex.gerund_preps:
            lo -= 1
            if lo > 0 and tv.key[lo - 1] in self.lex.gerund_adverbs:
                lo -= 1
        return lo

    def _coordinator(self, i: int) -> int | None:
        lo = self._first_of(i)
        for c in self.tv.children[i]:
            if self.tv.dep[c] == "cc" and c < lo:
                lo = c
        k = lo - 1
        if lo < i and (self.tv.dep[lo] == "cc" or self.tv.text[k] == ","):
            return lo if self.tv.dep[lo] == "cc" else k
        return lo if lo < i else None

    def _trailing(self, i: int) -> bool:
        """A cue that attributes what comes before it: "..., a déclaré X", "..., ajoutant que",
        "..., tout en appelant à ..."."""
        tv = self.tv
        lo = self._first_of(i)
        if lo == 0:
            return False
        prev = lo - 1
        if tv.morph(i, "VerbForm") == "Part" and tv.morph(i, "Tense") == "Pres" and tv.key[prev] in self.lex.gerund_preps:
            start = self._gerund_start(i)  # the gerund "(tout) en appelant"
            return start > 0 and tv.text[start - 1] == ","
        return tv.text[prev] in (",",) + QUOTE_CLOSERS and (
            self._subject(i) is None or self._subject(i) > i
            or tv.morph(i, "VerbForm") == "Part" and tv.morph(i, "Tense") == "Pres"
            or self._comma_inverted(i, i + 1) is not None)

    def _subject(self, i: int) -> int | None:
        return self._subject_token(i)

    def _subject_token(self, i: int) -> int | None:
        """The cue's subject as the parser gave it (a date word taken for it set aside)."""
        tv = self.tv
        active_slip = not self._passive(i)  # a "passive" subject under "avoir": the subject
        for c in tv.children[i]:
            if (tv.dep[c] == "nsubj" or active_slip and tv.dep[c] == "nsubj:pass") and \
                    tv.pos[c] != "SCONJ" and tv.key[c] not in self.lex.euphonic_t:
                if any(tv.dep[g] == "case" and tv.key[g] not in self.lex.partitives for g in tv.children[c]):
                    # "Sur Twitter, Philippe Garnier a dénoncé": the parse took the framing phrase
                    return self._subject_after_frame(c, i)
                if self._is_date_word(c):
                    # "a déclaré mercredi Claire Nicolet": the parser took the day for the subject
                    named = next((a for a in tv.children[c] if tv.dep[a] == "appos"), None)
                    if named is not None:
                        return named
                    continue
                return c
            if tv.dep[c] == "expl:subj" and tv.key[c] in self.lex.subject_pronouns and \
                    tv.lemma[i] not in self.lex.impersonal_verbs:
                return c  # "il confie", parsed as an expletive "il"
        return None

    def _subject_after_frame(self, c: int, i: int) -> int | None:
        """The actor between a framing phrase taken for the subject and the verb, after a comma."""
        tv = self.tv
        comma = next((k for k in range(c + 1, i) if tv.text[k] == ","), None)
        if comma is None:
            return None
        for k in range(comma + 1, i):
            m = self.book.mention_at(k)
            if m is not None and not any(tv.dep[g] == "case" for g in tv.children[m.head]):
                return m.head if m.lo <= m.head < m.hi else k
        return None

    def _is_date_word(self, k: int) -> bool:
        key = self.tv.key[k]
        lex = self.lex
        return key in lex.weekdays or key in lex.months or key in lex.relative_days or \
            self.tv.lemma[k] in lex.date_nouns

    def _under(self, k: int, i: int, steps: int = 3) -> bool:
        """Token ``k`` hangs (within a few steps) on the cue ``i``."""
        for _ in range(steps):
            k = self.tv.head[k]
            if k == i:
                return True
        return False

    def _prep_forms(self, prep: str) -> set[str]:
        """"de" and "d'", and for "de" its contractions ("du manque", "des propos")."""
        p = norm(prep)
        forms = {p, p[:1] + "'"}
        return forms | self.lex.partitives if p in self.lex.partitives else forms

    def _has_prep(self, lo: int, hi: int, prep: str, cue: int | None = None) -> bool:
        """The cue's own complement opens with ``prep``: "appeler à", "menacer de frapper" (not
        the "de" inside its object: "menacent la ville de Djibo")."""
        tv = self.tv
        p = norm(prep)
        forms = self._prep_forms(prep)
        for k in range(lo, hi):
            if not (tv.key[k] in forms and tv.pos[k] in ("ADP", "SCONJ") or tv.key[k] in self.lex.contractions.get(p, ())):
                continue
            h = tv.head[k]
            if cue is None or h == cue or tv.head[h] == cue or (
                    tv.morph(h, "VerbForm") == "Inf" and self._under(h, cue)):
                return True
        return False

    def _ce_que(self, lo: int) -> int | None:
        """The "ce" of "ce que" / "ce qu'" governing the cue that starts at ``lo``, if any."""
        tv = self.tv
        s_lo, _ = self.sentence(lo)
        for k in range(lo - 1, max(s_lo, lo - 7), -1):
            if tv.key[k] in self.lex.complementizers:
                return k - 1 if k - 1 >= s_lo and tv.key[k - 1] in self.lex.demonstratives else None
            if tv.pos[k] in ("VERB", "PUNCT") or tv.is_space(k):
                return None
        return None

    def _blocks_of_sentences(self) -> list[int]:
        out = []
        blocks = self.doc.blocks or []
        b = 0
        for lo, _ in self.tv.sent_bounds:
            c = self.tv.start[lo] if lo < len(self.tv) else 0
            while b + 1 < len(blocks) and blocks[b].end < c:
                b += 1
            out.append(b)
        return out

    def _block(self, i: int):
        blocks = self.doc.blocks
        if not blocks:
            return None
        b = self.block_of_sent[self.tv.sent[i]]
        return blocks[b] if b < len(blocks) else None

    def _first_sentence(self, blk) -> int:
        tv = self.tv
        k = tv.token_at(blk.start)
        while k < len(tv) and tv.is_space(k):
            k += 1
        return self.sentence(min(k, len(tv) - 1))[0]

    def _previous_block(self, blk):
        blocks = self.doc.blocks
        idx = blocks.index(blk)
        return blocks[idx - 1] if idx > 0 else None

    def _in_title(self, i: int) -> bool:
        blk = self._block(i)
        return blk is not None and blk.kind in ("title", "heading")

    def _attribution_block(self, i: int) -> bool:
        blk = self._block(i)
        return blk is not None and blk.quote == "attribution"
