"""Token normalisation and a phrase trie over tokens.

Lexicon phrases are tokenised by the same tokenizer as the article, so a phrase is a sequence of
tokens; matching walks a trie from each token and keeps the longest phrase. Keys are normalised
(lowercase, no accents, one apostrophe) so "Etat islamique" finds "État islamique".
"""
from __future__ import annotations

from dataclasses import dataclass

from ..text import Fold, fold
from typing import Any, Iterable, Sequence

_END = "\0"  # trie key of the values that end at a node


def norm(text: str) -> str:
    """Lowercase, without accents, with one kind of apostrophe: the key of every lookup."""
    return fold(text, Fold.ACCENTS)


def is_capitalised(text: str) -> bool:
    return text[:1].isupper()


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True, slots=True)
class Entry:
    """One phrase of a trie: its tokens as written (for case checks) and what it stands for."""
    tokens: tuple[str, ...]
    value: Any

    def case_ok(self, texts: Sequence[str], start: int) -> bool:
        """An acronym must be written in capitals, a capitalised word must stay capitalised
        ("Le Monde" is the newspaper, "le monde" is not)."""
        for want, got in zip(self.tokens, texts[start:start + len(self.tokens)]):
            if is_acronym(want) and len(want) <= 5:
                if got != want and norm(got) != norm(want) or not is_acronym(got):
                    return False
            elif is_capitalised(want) and not is_capitalised(got):
                return False
        return True


class PhraseTrie:
    """Phrases as token sequences; ``match_at`` finds the longest phrase starting at a token."""

    def __init__(self, *, fold_plural: Iterable[str] = ()) -> None:
        self.root: dict[str, Any] = {}
        self.size = 0
        self.fold_plural = tuple(fold_plural)  # also try each token without these endings

    def add(self, tokens: Sequence[str], value: Any) -> None:
        if not tokens:
            return
        node = self.root
        for tok in tokens:
            node = node.setdefault(norm(tok), {})
        node.setdefault(_END, []).append(Entry(tuple(tokens), value))
        self.size += 1

    def _step(self, node: dict, key: str) -> dict | None:
        nxt = node.get(key)
        if nxt is None and self.fold_plural:
            for end in self.fold_plural:
                if key.endswith(end) and len(key) > len(end) + 2:
                    nxt = node.get(key[: -len(end)])
                    if nxt is not None:
                        break
        return nxt

    def match_at(self, keys: Sequence[str], texts: Sequence[str], start: int,
                 stop: int | None = None) -> tuple[int, Entry] | None:
        """The longest phrase over ``keys[start:]`` (normalised tokens): (end, entry) or None."""
        stop = len(keys) if stop is None else stop
        node = self.root
        best = None
        i = start
        while i < stop:
            node = self._step(node, keys[i])
            if node is None:
                break
            i += 1
            for entry in node.get(_END, ()):
                if entry.case_ok(texts, start):
                    best = (i, entry)
                    break
        return best
