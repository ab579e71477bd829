"""What is said: the content span of a cue, forward ("a déclaré que Y") or before it ("Y, a déclaré
X"), through quotations, stripped quotation blocks and the clause a "ce que" answers; its kind."""
from __future__ import annotations

from .draft import COMPLEMENT_WINDOW, QUOTE_CLOSERS, Draft
from .lexicon import Cue
from .quotes import Quote


class ContentMixin:
    """Methods of ``attribution.Finder``; they read its token lists, lexicon, actor book,
    quotations and drafts."""

    def _forward_content(self, d: Draft, i: int, hi: int, cue: Cue) -> bool:
        tv = self.tv
        s_lo, s_hi = self.sentence(i)
        comp, start, quote = self._complement(i, hi, cue)
        if comp is None:
            return False
        if quote is not None:  # "X a déclaré : « ... »"
            d.content, d.kind = self._trim(*quote.inner), "direct"
            return True
        if start >= s_hi:
            return False
        end_tok = self._content_end(start, s_hi)
        if tv.dep[i] in ("acl", "acl:relcl", "advcl") and tv.head[i] > i:  # the clause hangs on a later verb
            end_tok = min(end_tok, max(start + 1, tv.subtree(i)[1]))
        if end_tok <= start:
            return False
        c0, c1 = tv.start[start], tv.end[end_tok - 1]
        c1 = self._extend_to_quote(c0, c1)
        c1, stripped = self._extend_to_stripped_block(i, c1, end_tok, s_hi)
        d.content = self._trim(c0, c1)
        # "avait déclaré avoir repris la ville" before a lost closing mark: an infinitive the cue
        # governs is reported speech, whatever the scraper stripped
        d.kind = "direct" if stripped and comp != "inf" else self._kind(*d.content)
        return d.content[1] > d.content[0]

    def _complement(self, i: int, hi: int, cue: Cue) -> tuple[str | None, int, Quote | None]:
        """What follows the cue: a que-clause, a colon or quotation, an infinitive, an object."""
        tv = self.tv
        s_lo, s_hi = self.sentence(i)
        k = hi
        while k < s_hi and k < hi + COMPLEMENT_WINDOW:
            if tv.key[k] in self.lex.complementizers and (tv.pos[k] == "SCONJ" or tv.dep[k] == "mark") \
                    and (k - hi < 4 or self._under(k, i, steps=5)) and not (
                    k > 0 and tv.key[k - 1] in self.lex.non_report_marks):  # not "afin qu'il ..."
                return "that", k + 1, None  # a that-clause
            if tv.text[k] == ":":
                q = self.quotes.starting_after(tv.end[k], self.text)
                return "colon", k + 1, q
            if k == hi and tv.pos[k] in ("ADJ", "VERB") and tv.dep[k] == "xcomp" and tv.head[k] == i and \
                    any(tv.key[c] in self.lex.reflexive_clitics for c in tv.children[i]):
                return "stance", k, None  # "s'est dite très préoccupée": the stance is what is said
            if k == hi and tv.pos[k] == "ADV" and k + 1 < s_hi and tv.dep[k + 1] == "xcomp" and \
                    tv.head[k + 1] == i and any(tv.key[c] in self.lex.reflexive_clitics for c in tv.children[i]):
                return "stance", k, None
            if tv.text[k] in ("«", "“") and k == hi:
                q = self.quotes.at(tv.start[k])
                q = q if q is not None and q.start == tv.start[k] else None
                after = tv.token_at(q.end) if q is not None and q.end < len(self.text) else s_hi
                while after < s_hi and tv.start[after] < (q.end if q else 0):
                    after += 1
                while after < s_hi and (self._is_date_word(after) or tv.pos[after] == "ADV"):
                    after += 1  # "s'est dit « prudemment optimiste » dimanche soir, ..."
                if q is None or after >= s_hi or tv.is_punct(after):
                    return "quote", k, q  # "a déclaré « ... »": the quotation is all it says
                return "object", k, None  # "a jugé « inacceptable » le silence de ...": and more
            if tv.morph(k, "VerbForm") == "Inf" and self._under(k, i) and not self._marked(k):
                if cue.needs and not self._has_prep(hi, k + 1, cue.needs, i):
                    return None, 0, None
                objs = [tv.subtree(c)[0] for c in tv.children[i] if hi <= c < k and not self._is_date_word(c)
                        and tv.dep[c] not in ("advmod", "punct", "aux:tense", "expl:comp", "nsubj", "cc")
                        and not any(tv.dep[g] == "case" for g in tv.children[c])]  # not "dans un communiqué"
                first = max(hi, tv.subtree(k)[0])  # "ne viser que", not "viser que"
                while first < k and tv.dep[first] == "mark":
                    first += 1
                first = self._negation_before(first, hi)
                return "inf", min([first] + [o for o in objs if o >= hi]), None  # "a exhorté Damas à ..."
            if tv.pos[k] == "VERB" and tv.morph(k, "VerbForm") == "Fin" and not self._under(k, i):
                break
            if k in self.cue_positions and k != i:
                break  # "..., affirmant que ...": the next cue's complement is not this one's
            if tv.text[k] in (".", ";", "?", "!"):
                break
            k += 1
        if cue.attribute:  # "trouvant le procédé absolument choquant": the object and what it is said to be
            for c in tv.children[i]:
                if c < hi or tv.dep[c] != "obj":
                    continue
                after = tv.subtree(c)[1]  # or the adjective right after the object, wherever the parse hung it
                while after < s_hi and (tv.is_punct(after) and tv.text[after] != "," or tv.pos[after] == "ADV"):
                    after += 1
                if any(tv.dep[x] == "xcomp" and tv.pos[x] == "ADJ" and x > c for x in tv.children[i] + tv.children[c]) \
                        or after < s_hi and tv.pos[after] == "ADJ":
                    return "object", max(hi, tv.subtree(c)[0]), None
        if cue.frame != "object":
            return None, 0, None
        if cue.needs and not self._has_prep(hi, min(s_hi, hi + COMPLEMENT_WINDOW), cue.needs, i):
            return None, 0, None
        starts = [max(hi, tv.subtree(c)[0]) for c in tv.children[i]
                  if c >= hi and (tv.dep[c] in ("obj", "xcomp", "ccomp", "obl:arg", "iobj", "advcl")
                                  or cue.needs and self._needed_phrase(c, cue.needs))]
        if not starts:  # the parse hung the object elsewhere: the first word that can begin one
            k = hi
            while k < min(s_hi, hi + 6) and (self._is_date_word(k) or tv.pos[k] in ("ADV", "PUNCT", "SPACE")):
                k += 1
            if k < s_hi and (tv.pos[k] in ("DET", "NOUN", "PROPN", "NUM", "PRON", "ADJ")
                             or cue.words and tv.pos[k] == "ADP"):  # "brandir la menace d'une grève"
                starts = [k]
        while starts and self._is_date_word(min(starts)):  # "a dénoncé vendredi une provocation"
            starts = [s + 1 if s == min(starts) else s for s in starts]
        if not starts:
            return None, 0, None
        return "object", min(starts), None

    def _needed_phrase(self, c: int, prep: str) -> bool:
        """A complement opened by the cue's needed preposition: "s'insurger contre la fermeture"."""
        tv = self.tv
        return tv.dep[c].startswith("obl") and any(
            tv.dep[g] == "case" and tv.key[g] in self._prep_forms(prep) for g in tv.children[c])

    def _negation_before(self, first: int, floor: int) -> int:
        """"a avoué n'avoir reçu", "a affirmé ne pas avoir participé": the negation before an
        infinitive is part of what is said, wherever the parse hung it."""
        tv = self.tv
        k = first
        while k > floor and tv.key[k - 1] in self.lex.negation_words:
            k -= 1
        return k - 1 if k > floor and tv.key[k - 1] in self.lex.negation_particles else first

    def _content_end(self, start: int, s_hi: int) -> int:
        """The content runs to the sentence end, short of a trailing attribution."""
        tv = self.tv
        end = s_hi
        for k in range(start + 1, s_hi):
            if k in self.boundaries:
                end = k
                break
        while end > start and (tv.is_punct(end - 1) and tv.text[end - 1] not in QUOTE_CLOSERS + (")", "]")):
            end -= 1
        return end

    def _extend_to_quote(self, c0: int, c1: int) -> int:
        """A quotation opened in the content runs on to its closing mark (several sentences)."""
        for q in self.quotes.within(c0, c1):
            if q.start >= c0 and q.end > c1 and self.text[q.start + 1:c1].strip():
                return q.end  # (an opening mark the parse left at the content's end opens nothing)
        return c1

    def _extend_to_stripped_block(self, i: int, c1: int, end_tok: int, s_hi: int) -> tuple[int, bool]:
        """In a block that ends a stripped quotation, the speech runs to the block's end."""
        blk = self._block(i)
        if blk is None or blk.quote != "end":
            return c1, False
        for k in range(end_tok, len(self.tv)):  # another cue later in the block takes the rest
            if self.tv.start[k] >= blk.end:
                break
            if k in self.boundaries:
                return c1, False
        end = blk.end
        while end > c1 and self.text[end - 1] in " \n.":
            end -= 1
        return max(c1, end), True

    def _inverted_content(self, d: Draft, i: int, hi: int, subj: int) -> bool:
        tv = self.tv
        lo = self._first_of(i)
        s_lo, s_hi = self.sentence(i)
        # "comme le précise X, son titre : « ... »": the quotation after the speaker
        after = d.speaker_hi if d.speaker_hi > 0 else subj + 1
        for k in range(after, min(s_hi, after + 12)):
            if tv.pos[k] in ("VERB", "AUX"):
                break
            if tv.text[k] == ":":
                q = self.quotes.starting_after(tv.end[k], self.text)
                if q is not None:
                    d.content, d.kind = self._trim(*q.inner), "direct"
                    return True
                break
        q = self.quotes.ending_before(tv.start[lo], self.text)
        if q is not None:  # "« ... », a déclaré X"
            d.content, d.kind = self._trim(*q.inner), "direct"
            return True
        if self._stripped_block_before(d, i):
            return True
        if lo <= s_lo:
            return False
        start = s_lo
        while start < lo and tv.is_punct(start):
            start += 1
        end = lo
        while end > start and (tv.is_punct(end - 1) or tv.key[end - 1] in self.lex.trailing_adverbs) \
                and tv.text[end - 1] not in QUOTE_CLOSERS:
            end -= 1
        if end <= start:
            return False
        d.content = self._trim(tv.start[start], tv.end[end - 1])
        d.kind = self._kind(*d.content)
        d.channel = True  # "X a appelé à ..., indique l'agence APS": if it carries a statement
        return True

    def _clause_before(self, d: Draft, ce: int) -> bool:
        """The content is the clause before ", ce que ...": what the cue denies or confirms."""
        tv = self.tv
        s_lo, _ = self.sentence(ce)
        end = ce
        while end > s_lo and tv.is_punct(end - 1):
            end -= 1
        start = s_lo
        while start < end and tv.is_punct(start):
            start += 1
        if end <= start:
            return False
        d.content = self._trim(tv.start[start], tv.end[end - 1])
        d.kind = self._kind(*d.content)
        return d.content[1] > d.content[0]

    def _stripped_block_before(self, d: Draft, i: int) -> bool:
        """An attribution line ("a déclaré vendredi X, ...") whose block before is a quotation
        the scraper stripped of its marks: the quotation is that block, or its end when the
        block opens with the writer's own words that carry a statement of their own."""
        blk = self._block(i)
        if blk is None or self.sentence(i)[0] != self._first_sentence(blk):
            return False
        prev = self._previous_block(blk)
        if prev is None:
            return False
        if blk.quote != "attribution" and not (  # the line itself bears the trace: "selon un élu ..."
                self.text[blk.start:blk.start + 1].islower() and self.text[prev.start:prev.end].rstrip().endswith(".")):
            return False
        start = prev.start
        told = [x.content[1] for x in self.drafts if x.content and prev.start <= x.content[0] < prev.end]
        if told:  # "Le Hezbollah a affirmé avoir tiré ... L'ennemi paiera le prix": after it
            k = self.tv.token_at(max(told))
            nxt = self.sentence(k)[1]
            if nxt >= self.tv.n or self.tv.start[nxt] >= prev.end:
                return False
            start = self.tv.start[nxt]
        d.content, d.kind = self._trim(start, prev.end), "direct"
        return d.content[1] > d.content[0]

    def _trim(self, c0: int, c1: int) -> tuple[int, int]:
        """Without the spaces, dashes and quotation marks at its edges; a quotation opened inside
        keeps its closing mark ("un « massacre »")."""
        t = self.text
        while c0 < c1 and t[c0] in " \n\t«“\"-—–:,\u00a0\u202f":
            c0 += 1
        while c1 > c0 and t[c1 - 1] in " \n\t»”\",;:\u00a0\u202f":
            c1 -= 1
        seg = t[c0:c1]
        for opener, closer in (("«", "»"), ("“", "”")):
            if seg.count(closer) > seg.count(opener):  # "« inacceptable » le silence": keep its opening
                j = c0
                while j > 0 and t[j - 1] in " \u00a0\u202f":
                    j -= 1
                if j > 0 and t[j - 1] == opener:
                    c0 = j - 1
                    seg = t[c0:c1]
            if seg.count(opener) > seg.count(closer):
                j = c1
                while j < len(t) and t[j] in " \u00a0\u202f":
                    j += 1
                if j < len(t) and t[j] == closer:
                    c1 = j + 1
        return c0, c1

    def _kind(self, c0: int, c1: int) -> str:
        qs = [q for q in self.quotes.within(c0 - 2, c1 + 2) if q.end > c0 and q.start < c1]
        if not qs:
            return "indirect"
        for q in qs:
            a, b = q.inner
            if a <= c0 + 2 and b >= c1 - 2:
                return "direct"
        return "mixed"
