"""language: which language the article is written in (lingua, built for a short list)."""
from __future__ import annotations

from ..document import Doc
from ..settings import Settings

NAME = "language"
NEEDS = ("clean_text", "warnings")
SETS = ("language", "warnings")

SAMPLE_CHARS = 3000  # the start of the article is enough to tell its language


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.codes = [c.lower() for c in settings.get("language.detect")]
        self.supported = set(settings.get("language.supported"))
        self.min_letters = int(settings.get("language.min_letters"))
        self.default = settings.get("language.default")
        self._detector = None  # built on first use: tests that never detect never pay for it

    def _build(self):
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        isos = [getattr(IsoCode639_1, c.upper()) for c in self.codes]
        return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).with_low_accuracy_mode().build()

    def detect(self, text: str) -> str:
        sample = text[:SAMPLE_CHARS]
        if sum(map(str.isalpha, sample)) < self.min_letters:
            return self.default
        if self._detector is None:
            self._detector = self._build()
        lang = self._detector.detect_language_of(sample)
        return lang.iso_code_639_1.name.lower() if lang is not None else self.default

    def __call__(self, doc: Doc) -> Doc:
        doc.language = self.detect(doc.clean_text)
        if doc.language not in self.supported:
            doc.warnings.append(f"language '{doc.language}' has no pipeline yet: only the document "
                                f"fields are filled (supported: {', '.join(sorted(self.supported))})")
        return doc
