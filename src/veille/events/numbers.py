"""French quantities in words or digits: "200", "2 000", "deux cents", "une douzaine",
"des dizaines" (a lower bound: 20), "plus d'un demi-million" (500 000).

``NumberReader.read(words)`` reads the quantity a run of words states, or None. The words
come from the tokens before a counted noun ("au moins 30" of "au moins 30 morts"), so a range
or a floor gives its lower bound and an upper bound alone ("moins de 10") gives nothing.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from .. import lexicons

_DIGITS = re.compile(r"^\d+(?:,\d+)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+$")  # 2.500, 12 000 in one token
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


def split_words(text: str) -> list[str]:
    """Lower-cased words, hyphenated numbers split ("quatre-vingt-dix" -> 3 words)."""
    text = text.lower().translate(_APOSTROPHES)
    out: list[str] = []
    for w in re.findall(r"\d+(?:[.,\u202f\u00a0]\d+)*|[^\W\d_]+'?", text):
        out.extend(p for p in w.split("-") if p)
    return out


class NumberReader:
    def __init__(self, lang: str = "fr") -> None:
        d = lexicons.data(lang, "numbers.yaml")
        self.units: dict[str, int] = d.get("units", {})
        self.multipliers: dict[str, int] = d.get("multipliers", {})
        self.fractions: dict[str, float] = d.get("fractions", {})
        self.approximate: dict[str, int] = d.get("approximate", {})
        self.factor = int(d.get("vague_plural_factor", 2))
        self.vague = set(d.get("vague_determiners", []))
        self.upper = [tuple(split_words(p)) for p in d.get("upper_bound_words", [])]
        self.range_links = frozenset(d.get("range_links") or ())
        self.and_words = frozenset(d.get("and_words") or ())
        self.and_units = frozenset(d.get("and_units") or ())
        self.of_links = frozenset(d.get("of_links") or ())
        self.floor_openers = frozenset(d.get("floor_openers") or ())

    # -- words -------------------------------------------------------------------------------
    def _approx(self, w: str) -> int | None:
        """'dizaine'/'dizaines' -> 10; plural forms end in s/x."""
        if w in self.approximate:
            return self.approximate[w]
        if w[-1:] in "sx" and w[:-1] in self.approximate:
            return self.approximate[w[:-1]]
        return None

    def is_number_word(self, w: str) -> bool:
        return bool(_DIGITS.match(w) or _GROUPED.match(w) or w in self.units or w in self.multipliers
                    or w in self.fractions or self._approx(w) is not None)

    # -- reading -----------------------------------------------------------------------------
    def read_text(self, text: str) -> int | None:
        return self.read(split_words(text))

    def read(self, words: Iterable[str]) -> int | None:
        """The last quantity stated in the words (the one nearest the counted noun)."""
        words = list(words)
        start = self._run_start(words)
        if start is None:
            return None
        # a range ("entre 20 et 30", "20 à 30", "deux ou trois") gives its lower bound
        if start >= 2 and words[start - 1] in self.range_links and self._run_start(words[:start - 1]) is not None:
            words = words[:start - 1]
            start = self._run_start(words)
        if self._upper_bound_before(words, start):
            return None
        vague = start > 0 and words[start - 1] in self.vague
        return self._value(words[start:], vague)

    def _run_start(self, words: list[str]) -> int | None:
        """Where the run of number words that ends the list starts; None if it ends otherwise."""
        start = None
        for i in range(len(words) - 1, -1, -1):
            w = words[i]
            if self.is_number_word(w):
                start = i
                continue
            # "vingt et un" composes; "de" links "centaines de milliers"; others end the run
            if start is not None and ((w in self.and_words and words[i + 1] in self.and_units)
                                      or (w in self.of_links and self._approx_or_mult(words[i + 1]))):
                continue
            if start is not None or w not in self.of_links:
                break
        return start

    def _approx_or_mult(self, w: str) -> bool:
        return w in self.multipliers or self._approx(w) is not None

    def _upper_bound_before(self, words: list[str], start: int) -> bool:
        for pat in self.upper:
            n = len(pat)
            if tuple(words[max(0, start - n):start]) == pat:
                before = words[start - n - 1] if start - n - 1 >= 0 else ""
                if before not in self.floor_openers:  # "au moins" is a floor
                    return True
        return False

    def _value(self, words: list[str], vague: bool) -> int | None:
        total = 0.0
        current = 0.0
        seen = False
        prev = ""
        i = 0
        while i < len(words):
            w = words[i]
            if w in self.and_words or w in self.of_links:
                i += 1
                continue
            if _GROUPED.match(w):
                current = float(re.sub(r"[^\d]", "", w))
            elif _DIGITS.match(w):
                value = float(w.replace(",", "."))
                # "2 000": a run of three-digit groups continues the number
                while i + 1 < len(words) and re.fullmatch(r"\d{3}", words[i + 1]) and "," not in w:
                    value = value * 1000 + float(words[i + 1])
                    i += 1
                current = value
            elif w in self.units:
                v = self.units[w]
                if v == 20 and prev == "quatre":
                    current += 80 - 4  # quatre-vingt(s)
                else:
                    current += v
            elif w in self.fractions:
                current = self.fractions[w] * (current if current and current != 1 else 1)
            elif w in self.multipliers:
                m = self.multipliers[w]
                if m == 100:
                    current = (current or 1) * 100
                else:
                    total += (current or 1) * m
                    current = 0
            else:
                a = self._approx(w)
                if a is None:
                    break
                plural = w[-1:] in "sx"
                if current or total:
                    base = (total + current) or 1
                    if a >= 1000:  # "des centaines de milliers": a multiplier here
                        total, current = base * a, 0
                    else:
                        total, current = 0, base * a
                else:
                    current = a * (self.factor if plural and vague else 1)
            seen = True
            prev = w
            i += 1
        if not seen:
            return None
        return int(round(total + current))
