"""parse: spaCy over the clean text, batched; a sentence starts at each line break.

The repair stage has already re-joined lines broken mid-sentence, so each remaining line break
ends a heading, a caption or a paragraph. The stock parser merges those into one sentence; a
small component placed before the parser marks a sentence start after every newline.
"""
from __future__ import annotations

from ..document import Doc
from ..settings import Settings

NAME = "parse"
NEEDS = ("clean_text", "language")
SETS = ("parsed",)

LINE_SENTENCES = "veille_line_sentences"


def _register() -> None:
    from spacy.language import Language

    if LINE_SENTENCES in Language.factories:
        return

    @Language.component(LINE_SENTENCES)
    def line_sentences(doc):
        for i, tok in enumerate(doc[1:], start=1):
            prev = doc[i - 1]
            if "\n" in prev.text or "\n" in prev.whitespace_:
                tok.is_sent_start = True
            elif _goes_on(prev, tok):
                tok.is_sent_start = False
        return doc


# What may end a sentence; after anything else, a comma or a small letter goes on with it.
SENTENCE_END = {".", "!", "?", "…", "»", "”", '"', ":", ";"}


def _goes_on(prev, tok) -> bool:
    """The stock parser sometimes starts a sentence inside one ("À Idleb | , dans le nord-ouest
    du pays, des manifestants ..."): a comma, a closing bracket or a word in small letters after
    a word that cannot end a sentence is still the same sentence."""
    if prev.text[-1:] in SENTENCE_END:
        return False
    return tok.text in (",", ";", ")") or (tok.is_alpha and tok.text[:1].islower())


def load_model(name: str):
    """The spaCy model, installed as a package (no download at run time)."""
    import spacy

    _register()
    nlp = spacy.load(name)
    nlp.add_pipe(LINE_SENTENCES, before="parser")
    return nlp


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.models = dict(settings.get("parse.models", {"fr": "fr_core_news_md"}))
        self.batch_size = int(settings.get("parse.batch_size", 16))
        self._nlp: dict[str, object] = {}

    def nlp(self, lang: str):
        if lang not in self._nlp:
            self._nlp[lang] = load_model(self.models[lang])
        return self._nlp[lang]

    def __call__(self, doc: Doc) -> Doc:
        self.pipe([doc])
        return doc

    def pipe(self, docs: list[Doc]) -> None:
        """Parse the docs whose language has a model, each language in one nlp.pipe batch."""
        by_lang: dict[str, list[Doc]] = {}
        for d in docs:
            if d.language in self.models and d.clean_text:
                by_lang.setdefault(d.language, []).append(d)
        for lang, group in by_lang.items():
            texts = (d.clean_text for d in group)
            for d, parsed in zip(group, self.nlp(lang).pipe(texts, batch_size=self.batch_size)):
                d.parsed = parsed
