"""events: who did what to whom, where, when, how many died, and who says so."""
from __future__ import annotations

from ..document import Doc
from ..settings import Settings

NAME = "events"
NEEDS = ("parsed", "places", "actors", "statements")
SETS = ("events",)


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        # filled by its own issue; the shape of the pipeline is final
        return doc
