"""The date of a statement from the words of its attribution ("a déclaré vendredi").

A weekday is the one on or before publication; "hier" is the day before; "le 4 juillet" is that
day in the publication's year (the year before when that day would come after publication);
"la semaine dernière" is the week before publication's week.
"""
from __future__ import annotations

from datetime import date, timedelta

from ..record import DateValue
from .lexicon import Lexicon
from ..tokenview import TokenView


def published_date(published: str | None) -> date | None:
    try:
        return date.fromisoformat(str(published)[:10]) if published else None
    except ValueError:
        return None


def date_near(tv: TokenView, tokens: list[int], lex: Lexicon, published: date | None) -> DateValue | None:
    """The first date the given tokens spell, resolved against the publication date."""
    if published is None:
        return None
    for i in tokens:
        d = _date_at(tv, i, lex, published)
        if d is not None:
            return d
    return None


def _date_at(tv: TokenView, i: int, lex: Lexicon, pub: date) -> DateValue | None:
    key = tv.key[i]
    if key in lex.weekdays:
        day = _day_of_month(tv, i, lex, pub)
        if day is not None:
            return day
        back = (pub.weekday() - lex.weekdays[key]) % 7
        d = pub - timedelta(days=back)
        return DateValue(d.isoformat(), d.isoformat(), "day", tv.text[i])
    if key in lex.relative_days:
        d = pub + timedelta(days=lex.relative_days[key])
        return DateValue(d.isoformat(), d.isoformat(), "day", tv.text[i])
    if tv.lemma[i] == "semaine":
        for j in range(i + 1, min(len(tv), i + 3)):
            if tv.key[j] in lex.relative_weeks:
                monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=lex.relative_weeks[tv.key[j]])
                return DateValue(monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week",
                                 f"{tv.text[i]} {tv.text[j]}")
    if tv.pos[i] == "NUM" or tv.key[i] in ("1er",):
        return _day_of_month(tv, i - 1, lex, pub)
    return None


def _day_of_month(tv: TokenView, i: int, lex: Lexicon, pub: date) -> DateValue | None:
    """"(vendredi) 4 juillet (2024)": a number then a month name after token ``i``."""
    j = i + 1
    if j + 1 >= len(tv) or not (tv.text[j].isdigit() or tv.key[j] == "1er") or tv.key[j + 1] not in lex.months:
        return None
    day = 1 if tv.key[j] == "1er" else int(tv.text[j])
    month = lex.months[tv.key[j + 1]]
    year = pub.year
    if j + 2 < len(tv) and tv.text[j + 2].isdigit() and len(tv.text[j + 2]) == 4:
        year = int(tv.text[j + 2])
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    if d > pub and not (j + 2 < len(tv) and tv.text[j + 2].isdigit()):
        d = date(year - 1, month, day)
    return DateValue(d.isoformat(), d.isoformat(), "day", " ".join(tv.text[i + 1:j + 2]).strip())
