"""Towns the text describes instead of naming: "la capitale", "la deuxième ville du pays".

In an article about one country, these phrases name a town as surely as its name does; the
places stage adds them as mentions of that town (the country's capital, or its n-th town by
population in the gazetteer). The words are the ``recognition`` section of ``places.yaml``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .lookup import Gazetteer, norm
from .resolve import Mention


# a name right before, with a comma: "Berlin, la capitale ...": the name says which town
_NAMED_BEFORE = re.compile(r"[A-ZÀ-Ý][\w'-]+\s*,\s*$")


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


@dataclass(frozen=True)
class DescribedCities:
    capital: re.Pattern | None
    ranked: re.Pattern | None
    ordinals: dict[str, int]
    not_after: re.Pattern
    demonym: re.Pattern  # "la capitale allemande": another country's

    @classmethod
    def load(cls, rec: dict) -> "DescribedCities":
        ordinals = {norm(k): int(v) for k, v in (rec.get("ranked_ordinals") or {}).items()}
        caps, nouns = rec.get("capital_phrases") or [], rec.get("ranked_nouns") or []
        capital = re.compile(rf"\b(?:{_alternation(caps)})\b", re.I) if caps else None
        ranked = re.compile(rf"\b(?P<ord>{_alternation(rec.get('ranked_ordinals') or {})})\s+(?:{_alternation(nouns)})\b",
                            re.I) if ordinals and nouns else None
        after = rec.get("described_not_after") or []
        # a name, a comma and a name, or one of the listed words right after the phrase
        not_after = re.compile(rf"^\s*(?:,\s*)?(?:[A-ZÀ-Ý]|(?:{_alternation(after)})(?:\b|(?<=')))" if after
                               else r"^\s*(?:,\s*)?[A-ZÀ-Ý]")
        endings = rec.get("demonym_endings") or []
        demonym = re.compile(rf"^\s*[a-zà-ÿ]+(?:{_alternation(endings)})\b" if endings else r"(?!x)x")
        return cls(capital, ranked, ordinals, not_after, demonym)

    def mentions(self, text: str, gaz: Gazetteer, focus: Counter, taken: list[Mention]) -> list[Mention]:
        """Mentions of the towns described in ``text``, in the article's main country."""
        if not focus:
            return []
        cc, weight = focus.most_common(1)[0]
        if weight <= 0 or len(focus) > 1 and focus.most_common(2)[1][1] == weight:
            return []  # no one country the article is about
        found: list[tuple[int, int, object]] = []
        for m in self.capital.finditer(text) if self.capital else ():
            found.append((m.start(), m.end(), lambda: gaz.capital(cc)))
        for m in self.ranked.finditer(text) if self.ranked else ():
            rank = self.ordinals.get(norm(m.group("ord")))
            found.append((m.start(), m.end(), lambda r=rank: (gaz.largest_cities(cc, r) or [None] * r)[r - 1]
                          if r else None))
        out = []
        for start, end, entry_of in found:
            after, before = text[end:end + 40], text[max(0, start - 40):start]
            if self.not_after.match(after) or self.demonym.match(after) or _NAMED_BEFORE.search(before) \
                    or any(t.start < end and start < t.end for t in taken):
                continue  # "la capitale économique", "la capitale allemande", "Berlin, la capitale"
            entry = entry_of()
            if entry is not None:
                out.append(Mention(start, end, text[start:end], norm(text[start:end]), entry=entry, accepted=True,
                                   proper=False))
        return out
