"""statements: who says what: reporting cues, quotes, speakers, source chains, verbal acts."""
from __future__ import annotations

from ..document import Doc
from ..settings import Settings

NAME = "statements"
NEEDS = ("parsed", "actors", "blocks")
SETS = ("statements",)


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        # filled by its own issue; the shape of the pipeline is final
        return doc
