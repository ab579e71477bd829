"""One way to fold text for lookups, at named levels, used by every stage.

A lexicon entry is written as a person writes the word; stages compare words and entries after
folding both at the same level, so how a word must be written in a lexicon does not depend on
which stage reads it:

- ``Fold.CASE``: lower case and one apostrophe, and the letters ``re.IGNORECASE`` also matches
  to "i" and "s" ("İ", "ı", "ſ") made those: what a case-blind pattern of a lexicon sees;
- ``Fold.ACCENTS``: that, and no accents ("Lattaquié" -> "lattaquie"): the key of the speech
  lexicons and the phrase trie;
- ``Fold.KEY``: that, and every run of punctuation or spaces one space ("Saint-Denis" ->
  "saint denis"): the key the gazetteer indexes names by.
"""
from __future__ import annotations

import enum
import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


class Fold(enum.IntEnum):
    CASE = 1
    ACCENTS = 2
    KEY = 3


def fold_uncached(text: str, level: Fold = Fold.ACCENTS) -> str:
    """``fold`` without its cache (for a pass over many distinct names, once each)."""
    low = text.lower().translate(_APOSTROPHES)
    if not low.isascii():
        low = low.replace("\u0307", "").replace("ı", "i").replace("ſ", "s")
    if level == Fold.CASE or low.isascii() and level == Fold.ACCENTS:
        return low
    s = unicodedata.normalize("NFKD", low)
    if level == Fold.ACCENTS:
        return "".join(ch for ch in s if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", s.encode("ascii", "ignore").decode()).strip()


fold = lru_cache(maxsize=200_000)(fold_uncached)
fold.__doc__ = "Fold ``text`` to ``level`` (cached: a stage folds the same words again and again)."
