"""dateline: the publication date an article gives itself, for an article that came without one.

A date given with the article (a JSON Lines ``published`` field, an HTML page's metadata, the API's
field, ``--published``) always wins: this stage only fills ``meta.published`` when it is empty, and
says so (``meta.published_from``). It reads the head of the raw text for the forms news copy puts
there:

- a dateline that opens a line: ``4 juillet 2012. - Le ...`` (Wikinews), ``Lundi 4 juillet 2012 -``;
- a wire dateline: ``PARIS, 12 mars (AFP) - ...``, ``Bamako, 3 avril 2021 (Reuters) —``; with no
  year, the year is the latest one that does not put the day after today (``published_from`` then
  says the year was assumed);
- a site's stamp on a line of its own: ``Publié le 3 mars 2024 à 10h12``, ``Publié le 03/03/2024``.

The words (month and weekday names, "Publié le", the wire agencies) come from the language
lexicons (``dates.yaml``, ``datelines.yaml``), loaded when the stage is built.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .. import lexicons
from ..document import Doc
from ..settings import Settings

NAME = "dateline"
NEEDS = ("raw", "meta.published")
SETS = ("meta.published", "meta.published_from")

HEAD_CHARS = 3000  # a dateline or a site's stamp sits at the head of the article, never deep in it
_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_DASH = r"[-–—]"


def iso_day(value: object) -> str | None:
    """``YYYY-MM-DD`` when ``value`` starts with a real calendar day written that way (a time
    after it, ``2025-03-14T10:00:00Z``, is dropped); None for anything else ("not a date",
    "2025-13-45")."""
    if not isinstance(value, str) or (m := _ISO_DAY.match(value)) is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class Found:
    day: str  # YYYY-MM-DD
    form: str  # "dateline", "wire dateline", "published stamp"
    year_assumed: bool = False


class Datelines:
    """The dateline patterns of the lexicons' languages, compiled once."""

    def __init__(self, languages: tuple[str, ...] | None = None) -> None:
        languages = languages if languages is not None else lexicon_languages()
        months: dict[str, int] = {}
        weekdays: list[str] = []
        stamps: list[str] = []
        agencies: list[str] = []
        firsts: list[str] = []
        articles: list[str] = []
        for lang in languages:
            dates = lexicons.data(lang, "dates.yaml")
            words = lexicons.data(lang, "datelines.yaml")
            months.update({k.lower(): int(v) for k, v in (dates.get("months") or {}).items()})
            weekdays += [w.lower() for w in (dates.get("weekdays") or {})]
            stamps += [s.lower() for s in words.get("published_stamps") or []]
            agencies += list(words.get("wire_agencies") or [])
            firsts += [s.lower() for s in words.get("first_of_month") or []]
            articles += [s.lower() for s in words.get("wire_date_articles") or []]
        self.months = months
        day = r"(?P<day>" + (_alternation(firsts) + "|" if firsts else "") + r"[0-3]?\d)"
        month = r"(?P<month>" + _alternation(months) + r")"
        weekday = r"(?:(?:" + _alternation(weekdays) + r")\s+)?" if weekdays else ""
        dated = rf"{weekday}{day}\s+{month}"
        agency = r"\((?:" + _alternation(agencies) + r")(?:\s*/\s*[^)\n]{1,20})?\)" if agencies else r"\(\w+\)"
        self._firsts = set(firsts)
        # "4 juillet 2012. - ": the day opens a line and a dash follows it
        self._opening = re.compile(rf"^[ \t]*{dated}\s+(?P<year>\d{{4}})\s*[.,]?\s*{_DASH}", re.I | re.M)
        # "PARIS, 12 mars (AFP) - ": a place in words, a comma, the day, an agency or a dash
        article = rf"(?:(?:{_alternation(articles)})\s+)?" if articles else ""
        self._wire = re.compile(rf"^[ \t]*[^\W\d_][^,\n]{{0,60}},\s+{article}{dated}(?:\s+(?P<year>\d{{4}}))?"
                                rf"\s*(?:{agency}\s*{_DASH}|{_DASH})", re.I | re.M)
        stamp = _alternation(stamps) if stamps else r"(?!)"
        self._stamp = re.compile(rf"^[ \t]*(?:{stamp})\s*:?\s*(?:{dated}\s+(?P<year>\d{{4}})"
                                 rf"|(?P<nday>\d{{1,2}})[/.](?P<nmonth>\d{{1,2}})[/.](?P<nyear>\d{{4}}))",
                                 re.I | re.M)

    def find(self, text: str, *, today: date | None = None) -> Found | None:
        """The article's own date, from the first form found at its head; None when none is."""
        head = text[:HEAD_CHARS]
        today = today or date.today()
        for form, pattern in (("dateline", self._opening), ("published stamp", self._stamp),
                              ("wire dateline", self._wire)):
            for m in pattern.finditer(head):
                found = self._day(m, form, today)
                if found is not None:
                    return found
        return None

    def _day(self, m: re.Match, form: str, today: date) -> Found | None:
        groups = m.groupdict()
        if groups.get("nday"):
            return _found(int(groups["nyear"]), int(groups["nmonth"]), int(groups["nday"]), form)
        day_word = groups["day"].lower()
        day = 1 if day_word in self._firsts else int(day_word)
        month = self.months[groups["month"].lower()]
        if groups.get("year"):
            return _found(int(groups["year"]), month, day, form)
        for year in (today.year, today.year - 1):  # no year: the latest that is not after today
            found = _found(year, month, day, form, year_assumed=True)
            if found is not None and found.day <= today.isoformat():
                return found
        return None


def _found(year: int, month: int, day: int, form: str, *, year_assumed: bool = False) -> Found | None:
    try:
        return Found(date(year, month, day).isoformat(), form, year_assumed)
    except ValueError:  # "31 février"
        return None


def _alternation(words) -> str:
    # longest first, so that "mars" does not stop short of a longer word sharing its start
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def lexicon_languages() -> tuple[str, ...]:
    """The languages whose lexicon folder has dateline words (the article's language is not
    known yet when this stage runs: every such language's forms are tried)."""
    root = lexicons.path("fr", "").parent
    return tuple(sorted(d.name for d in root.iterdir() if (d / "datelines.yaml").is_file()))


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.datelines = Datelines()  # the lexicons are read here, once, not at import

    def __call__(self, doc: Doc, *, today: date | None = None) -> Doc:
        if doc.meta.get("published"):
            return doc
        found = self.datelines.find(doc.raw, today=today)
        if found is not None:
            doc.meta["published"] = found.day
            doc.meta["published_from"] = found.form + (" (year assumed)" if found.year_assumed else "")
        return doc
