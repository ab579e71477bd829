"""What the events code of one document reads: its parse, lexicon, actors, places and dates.

The event code is plain functions over an ``EventContext``: find the triggers of a sentence
(``triggers``), give each its roles (``roles``), merge the tellings of one event (``telling``),
complete and code each event (``complete``, ``coding``). The context holds no decisions, only what
they read, and the caches of what they read again and again (a clause, the objects of a verb, a
modality), so that a function's inputs are its arguments and the context, nothing else.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..document import Block, Doc
from .arguments import DocArguments
from .dates import DateFinder
from .fatalities import FatalityCounter
from .lexicon import EventLexicon
from .modality import ModalityReader, StatementLookup
from .numbers import NumberReader
from .syntax import EVIDENCE_PRUNE, collect
from .when import DocDates
from .where import DocPlaces

# the parts of speech a trigger may have (see triggers._verb_lemma and the nouns of a sentence)
TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ"})


class Kit:
    """One language's readers, built once (the stage's initialise step)."""

    def __init__(self, lang: str) -> None:
        self.lex = EventLexicon(lang)
        self.numbers = NumberReader(lang)
        self.dates = DateFinder(lang)
        self.modality = ModalityReader(lang, self.lex.grammar)
        self.fatal = FatalityCounter(self.lex, self.numbers)
        self.lang = lang


@dataclass(eq=False)
class EventContext:
    kit: Kit
    doc: Doc
    max_evidence: int
    lex: EventLexicon = field(init=False)
    parsed: Any = field(init=False)  # the spaCy Doc
    text: str = field(init=False)  # the parsed text, verbatim
    args: DocArguments = field(init=False)  # the actors stage's actors, looked up by token
    places: DocPlaces = field(init=False)  # the places stage's places, looked up by token
    statements: StatementLookup = field(init=False)  # the statements stage's statements, by offset
    when: DocDates = field(init=False)  # the dates the text gives, by sentence
    pos: list[str] = field(init=False)  # coarse part of speech of each token (doc.tokens)
    lemma: list[str] = field(init=False)  # lower-case lemma of each token (doc.tokens)
    blocks: list[Block] = field(init=False)
    block_starts: list[int] = field(init=False)
    # caches, by token index or sentence start
    clauses: dict[int, list] = field(default_factory=dict)  # token -> its clause (EVIDENCE_PRUNE)
    mods: dict[int, Any] = field(default_factory=dict)  # token -> its modality
    objects_of: dict[int, list] = field(default_factory=dict)  # token -> its objects (triggers.objects)
    sent_toks: dict[int, list] = field(default_factory=dict)  # sentence start -> its possible triggers
    title_cache: frozenset[str] | None = None

    def __post_init__(self) -> None:
        doc, kit = self.doc, self.kit
        self.lex = kit.lex
        self.parsed = doc.parsed
        # the parsed text (spaCy keeps it verbatim); not ``parsed.text``, which joins every token
        self.text = doc.clean_text or doc.parsed.text
        self.args = DocArguments(kit.lex, doc)
        self.places = DocPlaces(doc, kit.lex)
        self.statements = StatementLookup(doc)
        self.when = DocDates(kit.dates, doc, _published(doc), kit.lang)
        # the parse stage's token view: read in bulk once, no spaCy Token built
        self.pos, self.lemma = doc.tokens.pos, doc.tokens.lemma_lower
        self.blocks = sorted(doc.blocks, key=lambda b: b.start)
        self.block_starts = [b.start for b in self.blocks]

    def sentence_text(self, sent) -> str:
        """``sent.text`` without joining its tokens again (the same characters of the doc)."""
        return self.text[sent.start_char:sent.end_char]

    def block_at(self, pos: int) -> Block | None:
        i = bisect_right(self.block_starts, pos) - 1
        return self.blocks[i] if i >= 0 else None

    def clause_of(self, tok) -> list:
        """The words of the clause headed by ``tok`` (cached: asked for again and again)."""
        got = self.clauses.get(tok.i)
        if got is None:
            got = self.clauses[tok.i] = collect(tok, EVIDENCE_PRUNE)
        return got

    def trigger_words(self, sent) -> list:
        """The sentence's tokens that may start an event (a verb, a noun, an adjective taken for
        a participle): building a spaCy Token costs, and most words are none of these."""
        got = self.sent_toks.get(sent.start)
        if got is None:
            pos, parsed = self.pos, self.parsed
            got = self.sent_toks[sent.start] = [parsed[i] for i in range(sent.start, sent.end) if pos[i] in TRIGGER_POS]
        return got

    def death_words(self, sent) -> list:
        """The sentence's tokens that ``FatalityCounter.in_clause`` can count on (it passes over
        every other word), so that it need not see them all."""
        lex, lemma, parsed = self.lex, self.lemma, self.parsed
        return [parsed[i] for i in range(sent.start, sent.end)
                if lemma[i] in lex.death_nouns or lemma[i] in lex.death_verbs or lemma[i] in lex.grammar.death_adjectives
                or lemma[i] in lex.death_locutions]

    def title_words(self) -> frozenset[str]:
        """The lemmas and forms of the article's title (read once)."""
        if self.title_cache is None:
            words: set[str] = set()
            for b in self.blocks:
                if b.kind == "title":
                    for t in self.parsed.char_span(b.start, b.end, alignment_mode="expand") or ():
                        words.add(t.lemma_.lower())
                        words.add(t.lower_)
            self.title_cache = frozenset(words)
        return self.title_cache

    def modality(self, d):
        """The modality of a draft's verb (or of its noun, told with no verb)."""
        tok = d.host if d.host.pos_ in ("VERB", "AUX") else d.trigger
        return self.modality_of(tok, d.sent)

    def modality_of(self, tok, sent):
        """The modality of a verb; a verb coordinated with no auxiliary of its own shares its
        first verb's ("l'armée aurait fermé la frontière et installé une base": both reported)."""
        if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and tok.head.i < tok.i \
                and not any(c.dep_.startswith("aux") or c.dep_ in ("nsubj", "nsubj:pass") for c in tok.children):
            return self.modality_of(tok.head, sent)
        got = self.mods.get(tok.i)
        if got is None:
            got = self.mods[tok.i] = self.kit.modality.read(tok, statement_of=self.statements,
                                                              sentence_text=self.sentence_text(sent))
        return got


def _published(doc: Doc) -> date | None:
    p = doc.meta.get("published")
    try:
        return date.fromisoformat(str(p)[:10]) if p else None
    except ValueError:
        return None
