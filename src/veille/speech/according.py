"""Attribution by preposition ("selon X", "d'après X", "de source militaire") and by
"a-t-on appris de X"."""
from __future__ import annotations

from .draft import Draft
from .lexicon import Cue
from .quotes import PAIRS


class AccordingMixin:
    """Methods of ``attribution.Finder``; they read its token lists, lexicon, actor book,
    quotations and drafts."""

    def _according(self, i: int, hi: int) -> Draft | None:
        tv, lex = self.tv, self.lex
        s_lo, s_hi = self.sentence(i)
        if hi >= s_hi or tv.key[hi] in lex.relative_after_according:
            return None
        source_form = tv.key[i] in lex.source_form_preps
        x = hi if source_form else self._according_object(i, hi, s_hi)
        if x is None:
            return None
        d = Draft(lex.source_form_cue if source_form else "".join(tv.text[k] + ("" if tv.text[k][-1:] in "'’" else " ")
                                                         for k in range(i, hi)).strip().lower().replace("’", "'"),
                  i, hi, kind="according_to", channel=True)
        if tv.lemma[x] in lex.unattributed and not any(tv.dep[c] == "nmod" for c in tv.children[x]):
            return None  # "selon des informations non confirmées": no one is named
        if (tv.lemma[x] in lex.documents or tv.key[x] in lex.documents) and self._through_documents(x) == x \
                and self.book.actor_at(x) is None:
            return None  # "selon le dernier bilan": a count, no one named
        if not self._set_speaker(d, x, None):
            return None
        np_end = max(d.speaker_hi, x + 1)
        sub_end = tv.subtree(x)[1]  # "selon un élu joint par téléphone": the participle too
        while np_end < s_hi and tv.text[np_end] not in (",", ".", ";", ":") and (
                tv.pos[np_end] not in ("VERB", "AUX") or np_end < sub_end):
            np_end += 1
        for k in range(i - 1, s_lo, -1):  # "« A. » Selon elle, B": the parse kept the quotation in the sentence
            if tv.text[k] in (".", "!", "?") or tv.text[k] in ("»", "”") and tv.text[k - 1] in (".", "!", "?"):
                s_lo = k + 1
                break
        before = i - s_lo - sum(1 for k in range(s_lo, i) if tv.is_punct(k) or tv.pos[k] in ("ADV", "CCONJ"))
        if before <= 0:  # "Selon X, Y."
            start = np_end + 1 if np_end < s_hi and tv.text[np_end] == "," else np_end
            end = self._content_end(start, s_hi)
        else:  # "Y, selon X." / "Y, selon X, Z." / "..., sans faire de victimes selon X"
            start, end = s_lo, i
            if tv.text[i - 1] != ",":  # no comma: "selon" bears on the clause just before it
                start = next((k + 1 for k in range(i - 1, s_lo, -1) if tv.text[k] == ","), s_lo)
            else:
                tail = self._content_end(np_end, s_hi) if np_end < s_hi else np_end
                if tail > np_end + 2:
                    end = tail
        if before <= 0:
            end = _quotation_end(tv, start, end)
        while start < end and tv.is_punct(start):
            start += 1
        if end <= start:  # "Selon l'armée." alone on the line after a stripped quotation
            return d if self._stripped_block_before(d, i) else None
        d.content = self._trim(tv.start[start], tv.end[end - 1])
        if d.content[1] <= d.content[0]:
            return None
        d.date = None
        return d

    def _opinion_source(self, i: int) -> bool:
        """"Pour le porte-parole du gouvernement, la situation est ...": the preposition opens
        the sentence, an actor who speaks follows, then a comma before any verb."""
        tv = self.tv
        s_lo, s_hi = self.sentence(i)
        if any(not (tv.is_punct(k) or tv.is_space(k)) for k in range(s_lo, i)):
            return False
        x = self._according_object(i, i + 1, s_hi)
        actor = None if x is None else (self.book.actor_at(x) or self._actor_in_phrase(x))
        if actor is None or actor.kind not in self.lex.opinion_kinds:
            return False
        for k in range(x + 1, min(s_hi, x + 12)):
            if tv.text[k] == ",":
                return True
            if tv.pos[k] in ("VERB", "AUX"):
                return False
        return False

    def _according_object(self, i: int, hi: int, s_hi: int) -> int | None:
        tv = self.tv
        h = tv.head[hi - 1]
        if hi <= h < s_hi and tv.dep[hi - 1] in ("case", "fixed", "mark"):
            return h
        for k in range(hi, min(s_hi, hi + 6)):
            if tv.pos[k] in ("NOUN", "PROPN", "PRON"):
                return k
        return None

    def _learned(self, d: Draft, i: int, hi: int, cue: Cue) -> Draft | None:
        """"..., a-t-on appris de sources locales", "On a appris auprès de l'armée que ...": the
        source is the complement after "de" or "auprès de", not the subject."""
        tv = self.tv
        _, s_hi = self.sentence(i)
        src = None
        for k in range(hi, min(s_hi, hi + 3)):
            if tv.key[k] in self.lex.learned_from and k + 1 < s_hi:
                src = next((j for j in range(k + 1, min(s_hi, k + 4)) if tv.pos[j] in ("NOUN", "PROPN")), None)
                break
        if src is None or not (tv.key[src] in self.lex.source_nouns or self._speaker_like(src)):
            return None
        if not self._set_speaker(d, src, None):
            return None
        d.kind = "according_to"
        ok = self._forward_content(d, i, hi, cue) if self._complement(i, hi, cue)[0] == "that" else \
            self._inverted_content(d, i, hi, src)
        if not ok:
            return None
        d.kind = "according_to" if d.kind == "indirect" else d.kind
        return d


def _quotation_end(tv, start: int, end: int) -> int:
    """"Selon X, « Q » faisant deux morts": what X says is the quotation, not the words the
    writer goes on with after it."""
    closer = PAIRS.get(tv.text[start]) if start < end else None
    if closer is None:
        return end
    close = next((k for k in range(start + 1, end) if tv.text[k] == closer), None)
    return close + 1 if close is not None and close < end - 1 else end
