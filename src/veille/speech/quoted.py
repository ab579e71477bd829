"""Quotations without a reporting verb: signed with a dash, going on from the sentence before,
after a colon, or governed by the clause's verb."""
from __future__ import annotations

from .dates import date_near
from .draft import Draft
from .quotes import Quote


class QuotedMixin:
    """Methods of ``attribution.Finder``; they read its token lists, lexicon, actor book,
    quotations and drafts."""

    def _covered(self, c0: int, c1: int) -> bool:
        return any(d.content and d.content[0] < c1 and c0 < d.content[1] for d in self.drafts)

    def _words(self, q: Quote) -> int:
        a, b = q.inner
        return len(self.text[a:b].split())

    def _signed_quotes(self) -> None:
        """"J'ai évité le pire —Sonia Dridi, journaliste": a block signed after a dash."""
        tv = self.tv
        for blk in self.doc.blocks:
            seg = self.text[blk.start:blk.end]
            for dash in self.lex.citation_dashes:
                p = seg.rfind(dash)
                if p <= 0:
                    continue
                c_dash = blk.start + p
                k = tv.token_at(c_dash + len(dash))
                while k < len(tv) and tv.start[k] < c_dash + len(dash):
                    k += 1
                if k >= len(tv) or tv.start[k] >= blk.end:
                    continue
                tail_tokens = [j for j in range(k, len(tv)) if tv.start[j] < blk.end]
                m = self.book.mention_at(k)
                if m is None or m.source not in ("person", "lexicon", "org") or len(tail_tokens) > 10:
                    continue
                content = self._trim(blk.start, c_dash)
                if len(self.text[content[0]:content[1]].split()) < self.lex.min_quote_words or \
                        self._covered(*content):
                    continue
                d = Draft(self.lex.quote_cue, k, k, kind="direct", speaker=m.actor, speaker_lo=m.lo, speaker_hi=m.hi,
                          content=content)
                self.drafts.append(d)
                break

    def _continued_quotes(self) -> None:
        """"« A », a déploré X. « B »": a quotation that makes a sentence of its own right after
        a sentence quoting X, in the same paragraph, goes on quoting X."""
        tv = self.tv
        for q in self.quotes.quotes:
            if self._words(q) < self.lex.min_quote_words or self._covered(*q.inner):
                continue
            k = tv.token_at(q.start)
            while k < tv.n and tv.is_punct(k) and tv.start[k] < q.end:
                k += 1  # the first quoted word: the parser may leave « at the end of the sentence before
            if k >= tv.n:
                continue
            s_lo, _ = self.sentence(k)
            if k != s_lo and not all(tv.is_punct(j) for j in range(s_lo, k)):
                continue
            blk = self._block(k)
            prev = [x for x in self.drafts if x.kind == "direct" and x.content and blk is not None
                    and blk.start <= x.content[0] and x.cue_lo < k
                    and self.sentence(x.cue_lo)[0] >= self._sentence_before(s_lo)]
            if not prev:
                continue
            last = prev[-1]
            d = Draft(last.lemma, last.cue_lo, last.cue_hi, kind="direct", speaker=last.speaker,
                      speaker_lo=last.speaker_lo, speaker_hi=last.speaker_hi, content=self._trim(*q.inner),
                      act=last.act, date=last.date)
            self.drafts.append(d)

    def _unattributed_quotes(self):
        """Each closed quotation long enough to be speech that no statement covers yet, with
        the index of its first word."""
        tv = self.tv
        for q in self.quotes.quotes:
            if not q.closed or self._words(q) < self.lex.min_quote_words or self._covered(*q.inner):
                continue
            k = tv.token_at(q.start)
            while k < tv.n and tv.is_punct(k) and tv.start[k] < q.end:
                k += 1
            if k < tv.n:
                yield q, k

    def _preceding_quotes(self) -> None:
        """"« A. » « B », a-t-il ajouté.": a quotation that makes a sentence (or a paragraph) of
        its own, right before a quotation whose speaker a trailing cue names, is the same
        speaker's; so is one right before "Selon lui, ..." (a stressed pronoun)."""
        tv, text = self.tv, self.text
        for q, k in self._unattributed_quotes():
            s_lo, _ = self.sentence(k)
            if not all(tv.is_punct(j) or tv.is_space(j) for j in range(s_lo, k)) and \
                    text[tv.start[s_lo]:q.start].strip() not in ("", "«"):
                continue  # words before the quotation: a clause of its own
            nxt = q.end
            while nxt < len(text) and text[nxt] in " \n\t\u00a0\u202f":
                nxt += 1
            if nxt >= len(text) or "\n\n\n" in text[q.end:nxt]:
                continue
            after = next((d for d in self.drafts if d.content and d.kind in ("direct", "according_to")
                          and d.speaker is not None and self._opens_at(d, nxt)), None)
            if after is None:
                continue
            d = Draft(after.lemma, after.cue_lo, after.cue_hi, kind="direct", speaker=after.speaker,
                      speaker_lo=after.speaker_lo, speaker_hi=after.speaker_hi, speaker_name=after.speaker_name,
                      content=self._trim(*q.inner), date=after.date)
            self.drafts.append(d)

    def _opens_at(self, d: Draft, pos: int) -> bool:
        """The statement's words begin at ``pos``: its quotation, with the cue after it
        ("« B », a-t-il ajouté"), or "Selon lui," with a stressed pronoun."""
        tv = self.tv
        if d.kind == "direct":
            q = self.quotes.at(d.content[0])
            return q is not None and q.start == pos and tv.start[d.cue_lo] >= q.end
        return tv.start[d.cue_lo] == pos and d.speaker_lo >= 0 and \
            tv.key[d.speaker_lo] in self.lex.stressed_pronouns

    def _lead_in_quotes(self) -> None:
        """"X a pris la parole. « A »": a quotation that makes a whole sentence, with no
        speaker of its own, right after a sentence (same paragraph) whose subject is a person,
        quotes that person."""
        tv = self.tv
        for q, k in self._unattributed_quotes():
            s_lo, s_hi = self.sentence(k)
            if s_lo == 0 or not all(tv.is_punct(j) for j in range(s_lo, k)):
                continue
            if any(tv.start[j] >= q.end and not tv.is_punct(j) and not tv.is_space(j) for j in range(k, s_hi)):
                continue  # words after the quotation: an attribution of its own, or a clause
            p_lo, p_hi = self.sentence(s_lo - 1)
            while p_lo > 0 and all(tv.is_punct(j) or tv.is_space(j) for j in range(p_lo, p_hi)):
                p_lo, p_hi = self.sentence(p_lo - 1)  # "«" left alone by the parser
            blk = self._block(k)
            if blk is None or tv.start[p_lo] < blk.start:
                continue
            root = next((j for j in range(p_lo, p_hi) if tv.dep[j] == "ROOT" and tv.pos[j] in ("VERB", "AUX")), None)
            subj = self._subject(root) if root is not None else None
            if subj is None or self.quotes.at(tv.start[subj]) is not None:
                continue
            d = Draft(self._lemma(root), self._first_of(root), root + 1, kind="direct",
                      content=self._trim(*q.inner))
            if self._set_speaker(d, subj, None) and d.speaker is not None and d.speaker.kind == "person":
                d.date = date_near(tv, self._date_tokens(root, d.cue_lo, d.cue_hi, d), self.lex, self.published)
                self.drafts.append(d)

    def _sentence_before(self, s_lo: int) -> int:
        """The first token of the sentence before the one starting at ``s_lo``."""
        return self.sentence(s_lo - 1)[0] if s_lo > 0 else 0

    def _colon_quotes(self) -> None:
        """"X ... : « Y »": a quotation after a colon belongs to the subject of the clause."""
        tv = self.tv
        for q in self.quotes.quotes:
            if self._words(q) < self.lex.min_quote_words or self._covered(*q.inner):
                continue
            j = q.start
            while j > 0 and self.text[j - 1] in " \u00a0\u202f":
                j -= 1
            if j == 0 or self.text[j - 1] != ":":
                continue
            colon = tv.token_at(j - 1)
            s_lo, _ = self.sentence(colon)
            verb = next((k for k in range(colon - 1, s_lo - 1, -1)
                         if tv.pos[k] == "VERB" and self._subject_or_head(k) is not None), None)
            if verb is None:
                continue
            d = Draft(self._lemma(verb), self._first_of(verb), verb + 1, kind="direct", content=self._trim(*q.inner))
            if self._set_speaker(d, self._subject_or_head(verb), None) and d.speaker is not None:
                self._accept_quote(d, verb)

    def _embedded_quotes(self) -> None:
        """"La chaîne met « tout en œuvre ... »": a quotation the clause's verb governs."""
        tv = self.tv
        for q in self.quotes.quotes:
            if not q.closed or self._words(q) < self.lex.min_quote_words or self._covered(*q.inner):
                continue
            inside = [k for k in range(tv.token_at(q.start), len(tv)) if tv.start[k] < q.end]
            if not any(tv.pos[k] == "VERB" for k in inside):
                continue  # "limogea « de haut en bas toute l'équipe »": quoted words, not speech
            k = tv.token_at(q.start) - 1
            while k >= 0 and (tv.is_punct(k) or tv.pos[k] in ("ADV",)):
                k -= 1
            if k < 0 or tv.pos[k] != "VERB" or self._subject(k) is None:
                continue
            if self.quotes.at(tv.start[k]) is not None or self.sentence(k) != self.sentence(inside[0]):
                continue  # the verb closes another quotation: « ... ne vous intéressent pas ! ». « ... »
            d = Draft(self._lemma(k), self._first_of(k), k + 1, kind="mixed", content=self._trim(*q.inner))
            if self._set_speaker(d, self._subject(k), None):
                self._accept_quote(d, k)

    def _subject_or_head(self, verb: int) -> int | None:
        s = self._subject(verb)
        if s is None and self.tv.dep[verb] == "acl:relcl":
            s = self.tv.head[verb]
        return s

    def _accept_quote(self, d: Draft, verb: int) -> None:
        a = self.book.actor_at(d.speaker_lo) if d.speaker_lo >= 0 else None
        if d.speaker is None or (a is None and d.speaker.provisional and d.speaker.kind not in ("person",)):
            return
        d.date = date_near(self.tv, self._date_tokens(verb, d.cue_lo, d.cue_hi, d), self.lex, self.published)
        self.drafts.append(d)
        self.by_cue.setdefault(verb, d)

    def _lemma(self, verb: int) -> str:
        return self.tv.doc[verb].lemma_
