"""statements: who says what: reporting cues, quotes, speakers, source chains, verbal acts.

Sets ``doc.statements`` and, in clean-text offsets, ``doc.notes["statement_content"]`` =
[(start, end, statement_index)] (what each statement says) and ``doc.notes["statement_cues"]``
= [(start, end, statement_index)] (its reporting words). The patterns it reads are listed in
``veille.speech.attribution``. It reads the token lists, quotations and actor book the actors
stage left in ``doc.notes``, and adds to ``doc.actors`` a provisional actor for a speaker the
actors stage did not know ("un haut responsable électoral").
"""
from __future__ import annotations

from ..document import Doc
from ..settings import Settings
from ..speech import lexicon
from ..speech.attribution import Finder, statements
from . import actors as actors_stage

NAME = "statements"
NEEDS = ("raw", "offsets", "clean_text", "blocks", "meta.published", "language", "parsed", "actors",
         "notes.speech_tokens", "notes.quotes", "notes.actor_book")
SETS = ("statements", "notes.statement_content", "notes.statement_cues",
        # provisional actors for speakers the actors stage did not know (issue 14: to go)
        "actors", "notes.actor_mentions")


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.settings = settings
        self._lexicons: dict[str, lexicon.Lexicon] = {}

    def lexicon(self, lang: str) -> lexicon.Lexicon:
        if lang not in self._lexicons:
            self._lexicons[lang] = lexicon.load(lang)
        return self._lexicons[lang]

    def __call__(self, doc: Doc) -> Doc:
        if doc.parsed is None or not doc.language:
            return doc
        lex = self.lexicon(doc.language)
        book = doc.notes.get("actor_book")
        if book is None:  # run without the actors stage (a test, a partial pipeline)
            book = actors_stage.build(doc, lex)
        finder = Finder(doc, doc.notes["speech_tokens"], lex, book, doc.notes["quotes"])
        pairs = statements(doc, finder)
        doc.statements = [st for st, _ in pairs]
        doc.actors = book.finish()
        doc.notes["actor_mentions"] = book.notes()
        tv = finder.tv
        doc.notes["statement_content"] = [(d.content[0], d.content[1], n) for n, (st, d) in enumerate(pairs)
                                          if st.content is not None]
        doc.notes["statement_cues"] = [(tv.start[d.cue_lo], tv.end[d.cue_hi - 1], n)
                                       for n, (_, d) in enumerate(pairs) if d.cue_hi > d.cue_lo]
        return doc
