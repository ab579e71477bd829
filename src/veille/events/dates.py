"""Dates in French news copy, read on a sentence and resolved against the publication date.

Why not a general date parser: in news copy the same words mean different things by position
and tense. "jusqu'à samedi" bounds a curfew (it is not when the curfew began), "samedi matin" is
a day, "en mars 2020" is a month (no day should be filled in), and a bare weekday is the last
such day on or before publication unless the verb is in the future. So expressions are found
with patterns built from ``lexicons/fr/dates.yaml``, each with its role (``at``, ``since``,
``bound``) and precision, and resolved only once the event's tense is known.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..text import Fold, fold
from .. import lexicons
from ..record import DateValue


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression found in text, not yet resolved (it may need the publication date)."""
    start: int  # character offsets in the text given to ``find``
    end: int
    kind: str  # ymd | ym | y | weekday | relday | period | ago
    role: str  # at | since | bound
    text: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    year2: int | None = None
    weekday: int | None = None
    offset: int = 0
    unit: str | None = None
    direction: int = 0  # -1 "dernier", +1 "prochain", 0 unsaid

    @property
    def relative(self) -> bool:
        return self.kind in ("weekday", "relday", "period", "ago") or self.year is None


_DIGIT = re.compile(r"\d")


def _fold(text: str) -> str:
    """What a case-blind pattern of the lexicon sees (``veille.text.Fold.CASE``)."""
    return fold(text, Fold.CASE)
def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _phrases(phrases) -> str:
    """An alternation of phrases whose words may be parted by any space ("il y a")."""
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=len, reverse=True))


def _words_before(words) -> str:
    """An alternation of words as a person writes them: "'" matches either apostrophe."""
    return "|".join(r"\b" + re.escape(w).replace("'", "['’]") for w in sorted(words, key=len, reverse=True))


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


class DateFinder:
    def __init__(self, lang: str = "fr") -> None:
        d = lexicons.data(lang, "dates.yaml")
        self.weekdays: dict[str, int] = d.get("weekdays", {})
        self.months: dict[str, int] = d.get("months", {})
        self.reldays: dict[str, int] = d.get("relative_days", {})
        # "La veille, ...": days told from the event before, not from the publication
        self.anchored_days: dict[str, int] = {_fold(k): int(v) for k, v in (d.get("anchored_days") or {}).items()}
        self.periods: dict[str, list] = d.get("relative_periods", {})
        self.ago_units: dict[str, str] = d.get("ago_units", {})
        self.forward = set(d.get("forward_words", []))
        self.backward = set(d.get("backward_words", []))
        self.firsts = frozenset(w.lower() for w in d.get("first_of_month") or ())
        # what every "il y a N jours" starts with
        ago = _phrases(d.get("ago_openers") or ()) or r"(?!x)x"
        self.re_ago_open = re.compile(ago, re.I)
        articles = "|".join(re.escape(a).replace("'", "['’]") + (r"\s*" if a.endswith("'") else r"\s+")
                            for a in d.get("bound_articles") or ())
        articles = rf"(?:{articles})?" if articles else ""
        self.temporal_openers = frozenset(d.get("temporal_openers") or ())
        self.relative_clause_pronouns = frozenset(d.get("relative_clause_pronouns") or ())
        wd, mo = _alt(self.weekdays), _alt(self.months)
        firsts = _alt(self.firsts) or r"(?!x)x"
        parts = _alt(d.get("day_parts", []))
        mods = _alt(self.forward | self.backward)
        b = r"(?<![\w’'-])"  # a word start
        e = r"(?![\w-])"
        self.re_ymd = re.compile(
            rf"{b}(?:(?P<wd>{wd})\s+)?(?P<d>{firsts}|[0-3]?\d)\s+(?P<m>{mo})(?:\s+(?P<y>1[5-9]\d\d|20\d\d))?{e}", re.I)
        self.re_ym = re.compile(
            rf"{b}(?P<m>{mo})(?:\s+(?P<y>1[5-9]\d\d|20\d\d)|\s+(?P<mod>{mods}))?{e}", re.I)
        opens, links = _alt(d.get("year_range_open") or ()), _alt(d.get("year_range_link") or ())
        self.re_range = re.compile(
            rf"{b}(?:{opens})\s+(?P<y1>1[5-9]\d\d|20\d\d)\s+(?:{links})\s+(?P<y2>1[5-9]\d\d|20\d\d){e}", re.I)
        self.re_decade = re.compile(rf"{b}(?:{_alt(d.get('decade_words') or ())})\s+(?P<y>1[5-9]\d0|20\d0){e}", re.I)
        self.re_year = re.compile(r"(?<![\d.,\w])(?P<y>1[5-9]\d\d|20\d\d)(?![\d\w]|[.,]\d)")
        self.re_weekday = re.compile(
            rf"{b}(?P<wd>{wd})(?:\s+(?:(?P<part>{parts})|(?P<mod>{mods})))*{e}", re.I)
        self.re_relday = re.compile(rf"{b}(?:{_alt(self.reldays)}){e}", re.I)
        self.re_period = re.compile(rf"{b}(?:{_alt(self.periods)}){e}", re.I)
        self.re_ago = re.compile(
            rf"{b}(?:{ago})\s+(?P<n>\d+|\w+)\s+(?P<u>{_alt(self.ago_units)}){e}", re.I)
        self.re_bound = re.compile(rf"(?:{_alt(d.get('bound_before', []))})\s*{articles}$", re.I)
        self.re_since = re.compile(rf"(?:{_alt(d.get('since_before', []))})\s*{articles}$", re.I)
        year_words = _alt(d.get("year_before", []))
        self.re_year_before = re.compile(rf"(?:^|[\s(])(?:{year_words})\s*$", re.I)
        self.re_year_after_ok = re.compile(
            rf"^\s*(?:$|[^\w\s]|(?:{_alt(d.get('year_after') or ()) or '(?!x)x'})\b)", re.I)
        # a cheap first look: a text with none of these words or digits has no date
        keys = list(self.weekdays) + list(self.months) + list(d.get("quick_look") or ())
        self.re_any = re.compile(r"\d|" + _alt(keys), re.I)
        # words that make a sentence about the past ("à l'époque"): read by DocDates, built here once
        cues = d.get("historical_cues", [])
        self.re_historical = re.compile("|".join(re.escape(c) for c in cues), re.I) if cues else None
        self._month_keys = tuple({k.lower() for k in self.months})
        self._weekday_keys = tuple({k.lower() for k in self.weekdays})
        self._period_keys = tuple({k.lower() for k in self.periods})
        self._relday_keys = tuple({k.lower() for k in self.reldays})
        self._small: dict[str, int] = {k.lower(): int(v) for k, v in (d.get("ago_counts") or {}).items()}
        self.re_month_alone = re.compile(rf"(?:{_words_before(d.get('month_alone_after') or ()) or '(?!x)x'})\s*$")

    # -- finding -----------------------------------------------------------------------------
    def find(self, text: str, *, look_first: bool = True) -> list[DateExpr]:
        """Every date expression in the text, longest first where they overlap, in text order.

        ``look_first=False`` tries every pattern whatever words the text has: the same result,
        slower (the tests compare the two)."""
        found: list[DateExpr] = []
        taken: list[tuple[int, int]] = []
        # each pattern below is tried only where the words it needs occur (a cheap look first)
        low = _fold(text)
        digits = _DIGIT.search(text) is not None
        has = low.__contains__
        months = any(map(has, self._month_keys))
        weekdays = any(map(has, self._weekday_keys))
        periods = any(map(has, self._period_keys))
        reldays = any(map(has, self._relday_keys))
        ago = self.re_ago_open.search(text) is not None
        if not look_first:
            digits = months = weekdays = periods = reldays = ago = True
        if not (digits or months or weekdays or periods or reldays or ago) or not self.re_any.search(text):
            return found

        def free(s: int, e: int) -> bool:
            return all(e <= a or s >= b for a, b in taken)

        def add(x: DateExpr) -> None:
            if free(x.start, x.end):
                found.append(x)
                taken.append((x.start, x.end))

        for m in self.re_ymd.finditer(text) if digits and months else ():
            day = 1 if m["d"].lower() in self.firsts else int(m["d"])
            if 1 <= day <= 31:
                add(self._expr(text, m, "ymd", day=day, month=self.months[_fold(m["m"])],
                               year=int(m["y"]) if m["y"] else None,
                               weekday=self.weekdays[_fold(m["wd"])] if m["wd"] else None))
        for m in self.re_range.finditer(text) if digits else ():
            add(self._expr(text, m, "y", year=int(m["y1"]), year2=int(m["y2"])))
        for m in self.re_decade.finditer(text) if digits else ():
            add(self._expr(text, m, "y", year=int(m["y"]), year2=int(m["y"]) + 9))
        for m in self.re_ym.finditer(text) if months else ():
            if not (m["y"] or m["mod"]) and not self._month_alone_ok(text, m):
                continue
            add(self._expr(text, m, "ym", month=self.months[_fold(m["m"])],
                           year=int(m["y"]) if m["y"] else None, direction=self._dir(m["mod"])))
        for m in self.re_period.finditer(text) if periods else ():
            unit, off = self.periods[m[0].lower().replace("’", "'")] if m[0].lower() in self.periods else self._period(m[0])
            add(self._expr(text, m, "period", unit=unit, offset=int(off)))
        for m in self.re_relday.finditer(text) if reldays else ():
            add(self._expr(text, m, "relday", offset=self._relday(m[0])))
        for m in self.re_ago.finditer(text) if ago else ():
            n = int(m["n"]) if m["n"].isdigit() else self._small.get(m["n"].lower())
            if n:
                add(self._expr(text, m, "ago", offset=n, unit=self.ago_units[_fold(m["u"])]))
        for m in self.re_weekday.finditer(text) if weekdays else ():
            add(self._expr(text, m, "weekday", weekday=self.weekdays[_fold(m["wd"])], direction=self._dir(m["mod"])))
        for m in self.re_year.finditer(text) if digits else ():
            before, after = text[max(0, m.start() - 20):m.start()], text[m.end():m.end() + 20]
            if self.re_year_before.search(before) or self.re_year_after_ok.match(after):
                add(self._expr(text, m, "y", year=int(m["y"])))
        found.sort(key=lambda x: x.start)
        return found

    def _period(self, words: str):
        key = words.lower().replace("’", "'")
        for k, v in self.periods.items():
            if k.lower() == key:
                return v
        return ("day", 0)

    def _relday(self, words: str) -> int:
        key = words.lower().replace("’", "'")
        for k, v in self.reldays.items():
            if k.lower().replace("’", "'") == key:
                return int(v)
        return 0

    def _dir(self, mod: str | None) -> int:
        if not mod:
            return 0
        return 1 if mod.lower() in self.forward else -1

    def _month_alone_ok(self, text: str, m: re.Match) -> bool:
        """A month name alone is a date after "en", "depuis", "début", "fin", "mi-", "mois de"."""
        before = text[max(0, m.start() - 16):m.start()].lower()
        return bool(self.re_month_alone.search(before))

    def _expr(self, text: str, m: re.Match, kind: str, **kw) -> DateExpr:
        before = text[max(0, m.start() - 24):m.start()]
        role = "at"
        if self.re_bound.search(before):
            role = "bound"
        elif self.re_since.search(before):
            role = "since"
        return DateExpr(m.start(), m.end(), kind, role, m[0], **kw)

    # -- resolving ---------------------------------------------------------------------------
    def resolve(self, x: DateExpr, published: date | None, *, future: bool = False) -> DateValue | None:
        """The expression as a date range; relative ones need the publication date."""
        try:
            return self._resolve(x, published, future)
        except ValueError:  # 31 février and the like
            return None

    def _resolve(self, x: DateExpr, pub: date | None, future: bool) -> DateValue | None:
        fwd = x.direction > 0 or (x.direction == 0 and future)
        if x.kind == "ymd":
            year = x.year or self._year_for(x.month, x.day, pub, fwd)
            if year is None:
                return None
            d = date(year, x.month, x.day)
            return DateValue(d.isoformat(), d.isoformat(), "day", x.text)
        if x.kind == "ym":
            year = x.year
            if year is None:
                if pub is None:
                    return None
                year = pub.year
                if not fwd and (x.month > pub.month or (x.direction < 0 and x.month == pub.month)):
                    year -= 1
                elif fwd and x.month < pub.month:
                    year += 1
            return DateValue(date(year, x.month, 1).isoformat(), _month_end(year, x.month).isoformat(), "month", x.text)
        if x.kind == "y":
            y2 = x.year2 or x.year
            return DateValue(date(x.year, 1, 1).isoformat(), date(y2, 12, 31).isoformat(), "year", x.text)
        if pub is None:
            return None
        if x.kind == "weekday":
            delta = (pub.weekday() - x.weekday) % 7
            if fwd:
                d = pub + timedelta(days=(x.weekday - pub.weekday()) % 7 or (7 if x.direction > 0 else 0))
            else:
                d = pub - timedelta(days=delta or (7 if x.direction < 0 else 0))
            return DateValue(d.isoformat(), d.isoformat(), "day", x.text)
        if x.kind == "relday":
            d = pub + timedelta(days=x.offset)
            return DateValue(d.isoformat(), d.isoformat(), "day", x.text)
        if x.kind == "period":
            return self._period_value(x, pub)
        if x.kind == "ago":
            return self._ago_value(x, pub)
        return None

    @staticmethod
    def _year_for(month: int, day: int, pub: date | None, fwd: bool) -> int | None:
        """A day and month without a year: the year that puts it on or before publication
        (after it, for an event in the future)."""
        if pub is None:
            return None
        d = date(pub.year, month, day) if not (month == 2 and day == 29) else date(pub.year, 2, 28)
        if not fwd and d > pub + timedelta(days=1):
            return pub.year - 1
        if fwd and d < pub - timedelta(days=1):
            return pub.year + 1
        return pub.year

    @staticmethod
    def _period_value(x: DateExpr, pub: date) -> DateValue:
        if x.unit == "week":
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=x.offset)
            end = pub if x.offset == 0 else monday + timedelta(days=6)
            return DateValue(monday.isoformat(), end.isoformat(), "week", x.text)
        if x.unit == "weekend":
            sat = pub - timedelta(days=(pub.weekday() - 5) % 7)
            end = min(sat + timedelta(days=1), pub) if sat <= pub else sat
            return DateValue(sat.isoformat(), end.isoformat(), "week", x.text)
        if x.unit == "days":
            start = pub + timedelta(days=x.offset)
            return DateValue(start.isoformat(), pub.isoformat(), "week", x.text)
        if x.unit == "month":
            y, m = _shift_month(pub.year, pub.month, x.offset)
            end = pub if x.offset == 0 else _month_end(y, m)
            return DateValue(date(y, m, 1).isoformat(), end.isoformat(), "month", x.text)
        if x.unit == "year":
            y = pub.year + x.offset
            end = pub if x.offset == 0 else date(y, 12, 31)
            return DateValue(date(y, 1, 1).isoformat(), end.isoformat(), "year", x.text)
        return DateValue(pub.isoformat(), pub.isoformat(), "day", x.text)

    @staticmethod
    def _ago_value(x: DateExpr, pub: date) -> DateValue:
        n = x.offset
        if x.unit == "day":
            d = pub - timedelta(days=n)
            return DateValue(d.isoformat(), d.isoformat(), "day", x.text)
        if x.unit == "week":
            d = pub - timedelta(weeks=n)
            return DateValue((d - timedelta(days=d.weekday())).isoformat(), (d + timedelta(days=6 - d.weekday())).isoformat(), "week", x.text)
        if x.unit == "month":
            y, m = _shift_month(pub.year, pub.month, -n)
            return DateValue(date(y, m, 1).isoformat(), _month_end(y, m).isoformat(), "month", x.text)
        y = pub.year - n
        return DateValue(date(y, 1, 1).isoformat(), date(y, 12, 31).isoformat(), "year", x.text)
