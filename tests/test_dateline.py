"""An article's own date and title (issue 16 items 4 and 9, issue 15 item 11): when the caller
gives no date, the published date comes from the article's head (its dateline, a wire dateline, a
site's "Publié le" stamp); a date given with the article or by --published wins; the title is the
article's own words, never a file path. Dispatches invented for the tests."""
from __future__ import annotations

import json
from datetime import date

import pytest

from veille.document import Doc
from veille.settings import Settings
from veille.stages import dateline
from veille.stages.dateline import Datelines, iso_day
from veille.stages.record import TITLE_CHARS, first_line_title

TODAY = date(2025, 6, 1)
BODY = "Des hommes armés ont attaqué un poste de police près de Djibo, a indiqué une source locale."


@pytest.fixture(scope="module")
def datelines():
    return Datelines()


def found(datelines, text: str):
    f = datelines.find(text, today=TODAY)
    return None if f is None else (f.day, f.form, f.year_assumed)


@pytest.mark.parametrize("text, day", [
    (f"Burkina : un poste attaqué\n\n4 juillet 2012. - {BODY}", "2012-07-04"),
    (f"Titre\n\n1er novembre 2012. - {BODY}", "2012-11-01"),
    (f"Titre\n\nLundi 17 août 2015 — {BODY}", "2015-08-17"),
    (f"30 décembre 2019, - {BODY}", "2019-12-30"),
])
def test_dateline_opening_a_line(datelines, text, day):
    assert found(datelines, text) == (day, "dateline", False)


@pytest.mark.parametrize("text, day, assumed", [
    (f"PARIS, 12 mars (AFP) - {BODY}", "2025-03-12", True),
    (f"Bamako, 3 avril 2021 (Reuters) — {BODY}", "2021-04-03", False),
    (f"Titre\n\nKIEV, le 30 décembre (AFP/Reuters) - {BODY}", "2024-12-30", True),  # after today in 2025
    (f"Ouagadougou, 4 mai - {BODY}", "2025-05-04", True),
])
def test_dateline_of_a_wire_dispatch(datelines, text, day, assumed):
    assert found(datelines, text) == (day, "wire dateline", assumed)


@pytest.mark.parametrize("text, day", [
    (f"Titre\nPar Awa Traoré\nPublié le 3 mars 2024 à 10h12\n{BODY}", "2024-03-03"),
    (f"Publié le 03/03/2024 à 10h12, mis à jour le 04/03/2024\n{BODY}", "2024-03-03"),
    (f"Titre\nPublié le : mercredi 5 février 2025\n{BODY}", "2025-02-05"),
    (f"Mis en ligne le 5 janvier 2023\n{BODY}", "2023-01-05"),
])
def test_dateline_of_a_site_stamp(datelines, text, day):
    assert found(datelines, text) == (day, "published stamp", False)


@pytest.mark.parametrize("text", [
    BODY,
    f"L'ONG a publié le 3 mars 2024 un rapport. {BODY}",  # inside a sentence: not the article's date
    f"31 février 2012. - {BODY}",  # no such day
    f"Titre\n\n{BODY}\n" + "x " * 2000 + "\n4 juillet 2012. - plus bas",  # too deep to be the head
])
def test_dateline_none_where_the_head_gives_no_date(datelines, text):
    assert found(datelines, text) is None


def test_dateline_stage_fills_only_a_missing_date():
    stage = dateline.Stage(settings=Settings.load())
    text = f"Titre\n\n4 juillet 2012. - {BODY}"
    doc = stage(Doc(raw=text, meta={}), today=TODAY)
    assert (doc.meta["published"], doc.meta["published_from"]) == ("2012-07-04", "dateline")
    given = stage(Doc(raw=text, meta={"published": "2012-07-05"}), today=TODAY)
    assert given.meta == {"published": "2012-07-05"}  # the caller's date wins


@pytest.mark.parametrize("value, day", [
    ("2025-03-14", "2025-03-14"), ("2025-03-14T10:00:00Z", "2025-03-14"), ("2024-02-29", "2024-02-29"),
    ("2025-13-45", None), ("2025-02-29", None), ("not a date", None), ("14/03/2025", None), (None, None),
])
def test_dateline_iso_day(value, day):
    assert iso_day(value) == day


# --- through the command line --------------------------------------------------------------------

def _extract(capsys, *args) -> list[dict]:
    from veille.cli import main

    assert main(["extract", *args, "--format", "jsonl"]) == 0
    return [json.loads(line)["document"] for line in capsys.readouterr().out.splitlines()]


def test_dateline_a_folder_of_different_days_is_dated_right(tmp_path, capsys, pipeline):
    (tmp_path / "a.txt").write_text(f"Mali : combats à Kidal\n\n4 juillet 2012. - {BODY}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"BAMAKO, 3 avril 2021 (AFP) - {BODY}\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": f"4 juillet 2012. - {BODY}", "published": "2012-07-06"})
                                      + "\n", encoding="utf-8")
    docs = _extract(capsys, str(tmp_path))
    assert [d["published"] for d in docs] == ["2012-07-04", "2021-04-03", "2012-07-06"]  # the JSONL field wins
    # --published wins over the dateline, not over a date given with the article
    docs = _extract(capsys, str(tmp_path), "--published", "2020-01-01")
    assert [d["published"] for d in docs] == ["2020-01-01", "2020-01-01", "2012-07-06"]


# --- the title is the article's, never a path ------------------------------------------------------

@pytest.mark.parametrize("raw, title", [
    ("Mali : combats à Kidal\n\n4 juillet 2012. - " + BODY, "Mali : combats à Kidal"),  # the title line
    (BODY + "\nLa suite du texte.", BODY),  # no title line: the first line
    ("# Djibo : un poste attaqué\n" + BODY, "Djibo : un poste attaqué"),  # a Markdown heading
])
def test_dateline_title_is_the_articles_own_words(tmp_path, capsys, pipeline, raw, title):
    p = tmp_path / "article.txt"
    p.write_text(raw, encoding="utf-8")
    (doc,) = _extract(capsys, str(p), "--published", "2025-03-14")
    assert doc["title"] == title and str(tmp_path) not in doc["title"]


def test_dateline_long_first_line_is_cut_at_a_word():
    line = "mot " * 100
    title = first_line_title(Doc(raw=line))
    assert title.endswith("mot…") and len(title) <= TITLE_CHARS + 1
