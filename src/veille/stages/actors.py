"""actors: canonical actors, roles, provisional actors from the parser's entities.

Sets ``doc.actors`` and ``doc.actor_mentions`` = [(clean_start, clean_end, actor_id)]
sorted by start; no later stage changes them (the statements stage's speakers are fields of
its own, see ``Doc.all_actors``). Reads the parse stage's token lists (``doc.tokens``); keeps
for the statements stage ``doc.quotes`` and ``doc.actor_book`` (to find or add the actor of a
speaker).
See ``veille.speech.actorbook`` for the recognisers and their order.
"""
from __future__ import annotations

from ..document import Doc
from ..settings import Settings
from ..speech import lexicon
from ..speech.actorbook import ActorBook
from ..speech.quotes import QuoteIndex, find_quotes

NAME = "actors"
NEEDS = ("raw", "offsets", "clean_text", "blocks", "language", "tokens")
SETS = ("actors", "actor_mentions", "quotes", "actor_book")


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.settings = settings
        self._lexicons: dict[str, lexicon.Lexicon] = {}

    def lexicon(self, lang: str) -> lexicon.Lexicon:
        """The language's data, loaded on its first article (one language may never come)."""
        if lang not in self._lexicons:
            self._lexicons[lang] = lexicon.load(lang)
        return self._lexicons[lang]

    def __call__(self, doc: Doc) -> Doc:
        if doc.tokens is None or not doc.language:
            return doc
        book = build(doc, self.lexicon(doc.language))
        doc.actors = book.publish()
        doc.actor_mentions = book.notes()
        return doc


def build(doc: Doc, lex: lexicon.Lexicon) -> ActorBook:
    tv = doc.tokens
    quotes = QuoteIndex(find_quotes(doc.clean_text, doc.blocks))
    book = ActorBook(doc, tv, lex, quotes)
    book.find_canonical()
    book.find_persons()
    book.find_named_after_kinds()
    book.find_phrases()
    book.find_organisations()
    book.find_countries()
    book.resolve_descriptions()
    book.resolve_pronouns()
    doc.quotes = quotes
    doc.actor_book = book
    return book
