"""actors: canonical actors, roles, provisional actors from the parser's entities."""
from __future__ import annotations

from ..document import Doc
from ..settings import Settings

NAME = "actors"
NEEDS = ("parsed", "places")
SETS = ("actors",)


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        # filled by its own issue; the shape of the pipeline is final
        return doc
