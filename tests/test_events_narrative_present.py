"""A narrative present in a paragraph set in a year long past tells history, not news: its events
take the paragraph's date and are historical; a present in a paragraph of this week stays news.
The sentences are the team's own."""
from __future__ import annotations

import pytest

PUBLISHED = "2024-03-15"
HISTORY = [
    ("Le 12 mars 1998, la police serbe encercle le village de Prekaz. Les policiers ouvrent le feu sur les maisons.",
     "1998-03-12"),
    ("La journée du 5 juillet 1962 fut sanglante. À Oran, des hommes armés attaquent le cortège et tuent des dizaines "
     "de personnes.", "1962-07-05"),
    ("Le 2 août 1990, l'armée irakienne envahit le Koweït. Les troupes prennent le contrôle de la capitale en quelques "
     "heures.", "1990-08-02"),
]


@pytest.mark.parametrize("text,day", HISTORY)
def test_narrative_present_is_history(extract, text, day):
    rec = extract(text + "\n", published=PUBLISHED)
    assert len(rec.events) >= 1
    for e in rec.events:
        assert e.historical and e.date is not None and e.date.start == day, (e.evidence.text, e.date)


def test_present_in_a_news_paragraph_stays_news(extract):
    rec = extract("Lundi, la police a encerclé le village. Les policiers ouvrent le feu sur les maisons.\n",
                  published=PUBLISHED)
    assert rec.events and not any(e.historical for e in rec.events)
