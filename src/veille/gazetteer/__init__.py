"""The embedded gazetteer: countries, divisions, named regions and every town of 500 people or
more, in one SQLite file built from installed packages (see README.md).

    >>> from veille.gazetteer import Gazetteer
    >>> gaz = Gazetteer.open()
    >>> [m.entry.name for m in gaz.find("Alep")]
"""
from .lookup import Entry, Gazetteer, Match, norm

__all__ = ["Entry", "Gazetteer", "Match", "norm"]
