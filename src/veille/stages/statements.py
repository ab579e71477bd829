"""statements: who says what: reporting cues, quotes, speakers, source chains, verbal acts.

Sets ``doc.statements`` and, in clean-text offsets, ``doc.statement_content`` =
[(start, end, statement_index)] (what each statement says) and ``doc.statement_cues``
= [(start, end, statement_index)] (its reporting words). The patterns it reads are listed in
``veille.speech.attribution``. It reads the parse stage's token lists (``doc.tokens``) and the
quotations and actor book the actors stage left on the document. A speaker the actors stage did not know ("un haut responsable
électoral") gets a provisional actor in ``doc.speaker_actors``, and each speaker mention the
stage adds is in ``doc.speaker_mentions`` = [(start, end, actor_id)]; the actors stage's
``actors`` and ``actor_mentions`` stay as that stage left them (``Doc.all_actors`` merges both).
"""
from __future__ import annotations

from ..document import Doc
from ..errors import VeilleError
from ..settings import Settings
from ..speech import lexicon
from ..speech.attribution import Finder, statements

NAME = "statements"
NEEDS = ("raw", "offsets", "clean_text", "blocks", "meta.published", "language", "tokens", "actors",
         "quotes", "actor_book")
SETS = ("statements", "statement_content", "statement_cues", "speaker_actors", "speaker_mentions")


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.settings = settings
        self._lexicons: dict[str, lexicon.Lexicon] = {}

    def lexicon(self, lang: str) -> lexicon.Lexicon:
        if lang not in self._lexicons:
            self._lexicons[lang] = lexicon.load(lang)
        return self._lexicons[lang]

    def __call__(self, doc: Doc) -> Doc:
        if doc.tokens is None or not doc.language:
            return doc
        lex = self.lexicon(doc.language)
        book = doc.actor_book
        if book is None:  # Pipeline.check refuses such a pipeline; a hand-made call gets one line
            raise VeilleError("pipeline", "the statements stage needs the actors stage's actor book: run actors first")
        finder = Finder(doc, doc.tokens, lex, book, doc.quotes)
        pairs = statements(doc, finder)
        doc.statements = [st for st, _ in pairs]
        doc.speaker_actors = book.added()
        doc.speaker_mentions = book.notes("speaker")  # the only mentions the book adds after the actors stage
        tv = finder.tv
        doc.statement_content = [(d.content[0], d.content[1], n) for n, (st, d) in enumerate(pairs)
                                          if st.content is not None]
        doc.statement_cues = [(tv.start[d.cue_lo], tv.end[d.cue_hi - 1], n)
                                       for n, (_, d) in enumerate(pairs) if d.cue_hi > d.cue_lo]
        return doc
