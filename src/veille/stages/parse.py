"""parse: spaCy over the clean text, batched; a sentence starts at each line break.

The repair stage has already re-joined lines broken mid-sentence, so each remaining line break
ends a heading, a caption or a paragraph. The stock parser merges those into one sentence; a
small component placed before the parser marks a sentence start after every newline.

A long text (over ``parse.section_chars``) is parsed section by section, each cut at a line
break, and the parsed sections joined into one spaCy Doc over the same text: the parser's memory
for one text grows faster than the text, so that a 200,000-character article parsed whole went
past the 1 GB a worker may use. Since a sentence never crosses a line break, the sections change
no sentence.

Each parse is then read once into ``doc.tokens`` (``veille.tokenview.TokenView``): the actors
and statements stages read those lists instead of building spaCy Token objects again and again,
and a later stage needs no bulk read of its own (``pos``, ``lemma_lower`` are there).
"""
from __future__ import annotations

from .. import lexicons
from ..document import Doc
from ..settings import Settings
from ..tokenview import TokenView

NAME = "parse"
NEEDS = ("clean_text", "language")
SETS = ("parsed", "tokens")

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


def load_model(name: str, lang: str | None = None):
    """The spaCy model, installed as a package (no download at run time), with the language's
    hyphenated compounds kept whole."""
    import spacy

    _register()
    nlp = spacy.load(name)
    nlp.add_pipe(LINE_SENTENCES, before="parser")
    if lang is not None and lexicons.exists(lang, "tokens.yaml"):
        keep_compounds(nlp, lexicons.data(lang, "tokens.yaml").get("compounds") or {})
        set_lemmas(nlp, lexicons.data(lang, "tokens.yaml").get("lemmas") or {})
    return nlp


def keep_compounds(nlp, compounds: dict[str, str]) -> None:
    """"attentat-suicide", "état-major", "sit-in": the stock tokenizer cuts them at the hyphen,
    and the parse of the whole sentence goes wrong with them. Each form (and its capitalised
    form) becomes one token, whose lemma the attribute ruler sets (the lemmatizer keeps it)."""
    from spacy.symbols import ORTH

    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    for form, lemma in compounds.items():
        for variant in {form, form[:1].upper() + form[1:]}:
            nlp.tokenizer.add_special_case(variant, [{ORTH: variant}])
        if ruler is not None:
            ruler.add([[{"LOWER": form}]], {"LEMMA": lemma})


def set_lemmas(nlp, lemmas: dict[str, str]) -> None:
    """Words the lemmatizer gets wrong ("obus" read as the plural of "obu"): the attribute ruler
    gives them their lemma, which the lemmatizer keeps."""
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if ruler is not None:
        for form, lemma in lemmas.items():
            ruler.add([[{"LOWER": form}]], {"LEMMA": lemma})


SECTION_CHARS = 20_000  # the default of parse.section_chars


def sections(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back into it: each cut
    after the last line break of the piece, else after its last space (a text with no line
    break), else at the limit."""
    out, start = [], 0
    while len(text) - start > limit:
        piece = text[start:start + limit]
        cut = piece.rfind("\n") + 1 or piece.rfind(" ") + 1 or limit
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.models = dict(settings.get("parse.models"))
        self.batch_size = int(settings.get("parse.batch_size"))
        self.section_chars = int(settings.get("parse.section_chars"))
        self._nlp: dict[str, object] = {}

    def nlp(self, lang: str):
        if lang not in self._nlp:
            self._nlp[lang] = load_model(self.models[lang], lang)
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
            nlp = self.nlp(lang)
            short = [d for d in group if len(d.clean_text) <= self.section_chars]
            texts = (d.clean_text for d in short)
            for d, parsed in zip(short, nlp.pipe(texts, batch_size=self.batch_size)):
                d.parsed = parsed
            for d in group:
                if d.parsed is None:
                    d.parsed = self._parse_long(nlp, d.clean_text)
                d.tokens = TokenView.of(d.parsed)

    def _parse_long(self, nlp, text: str):
        """One text parsed section by section (one at a time: a batch would hold them all at
        once), joined into one Doc whose text is ``text``."""
        from spacy.tokens import Doc as SpacyDoc

        parts = [nlp(piece) for piece in sections(text, self.section_chars)]
        joined = SpacyDoc.from_docs(parts, ensure_whitespace=False)
        if joined.text != text:  # never expected: spans must index the clean text exactly
            raise ValueError("the parsed sections do not join back into the text")
        return joined
