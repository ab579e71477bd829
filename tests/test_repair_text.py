"""repair: boilerplate out, credits moved, broken lines re-joined, quote traces marked."""
from __future__ import annotations

import pytest

from conftest import data_path
from veille.document import Doc
from veille.stages.repair import repair


def run_repair(text: str, rules) -> Doc:
    doc = Doc(raw=text)
    repair(doc, rules)
    return doc


@pytest.fixture(scope="module")
def gaza(repair_rules):
    return run_repair(data_path("repair_gaza.txt").read_text("utf-8"), repair_rules)


@pytest.mark.parametrize("furniture", [
    "Ouvrir en mode plein écran",
    "Lire aussi : Trêve à Gaza, les négociations reprennent au Caire",
    "Related News :",
    "Photo : AFP / BASHAR TALEB",
    "Avec des informations de l'AFP, de Reuters et d'Al-Monitor",
])
def test_repair_removes_furniture(gaza, furniture):
    assert furniture not in gaza.clean_text
    assert any(r["text"] == furniture for r in gaza.removed)


def test_repair_moves_credits(gaza):
    assert gaza.credits["photos"] == ["BASHAR TALEB"]
    assert gaza.credits["photo_agencies"] == ["AFP"]
    assert gaza.credits["sources"] == ["AFP", "Reuters", "Al-Monitor"]


def test_repair_rejoins_broken_line(gaza):
    assert "selon la Défense civile palestinienne. Les secours" in gaza.clean_text


def test_repair_keeps_title_and_heading_as_blocks(gaza):
    kinds = {gaza.clean_text[b.start:b.end]: b.kind for b in gaza.blocks}
    assert kinds["Gaza : nouvelles frappes sur Khan Younès"] == "title"
    assert kinds["Bilan humain"] == "heading"
    assert gaza.meta["title"] == "Gaza : nouvelles frappes sur Khan Younès"


def test_repair_marks_stripped_quote_end(gaza):
    block = next(b for b in gaza.blocks if "positions du Hamas" in gaza.clean_text[b.start:b.end])
    assert block.quote == "end"
    assert gaza.clean_text[block.start:block.end].endswith("Hamas. terroristes.")


def test_repair_marks_attribution_after_quote(gaza):
    quote = next(b for b in gaza.blocks if gaza.clean_text[b.start:b.end].startswith("Nous poursuivrons"))
    attribution = gaza.blocks[gaza.blocks.index(quote) + 1]
    assert quote.quote == "whole"
    assert attribution.quote == "attribution"
    assert gaza.clean_text[attribution.start:attribution.end].startswith("a déclaré jeudi soir")


@pytest.mark.parametrize("text, joined", [
    ("Les rebelles ont pris la route menant à\nHoms avant l'aube.", "menant à Homs avant"),
    ("Le convoi a été attaqué près de la frontière,\nselon l'armée.", "frontière, selon l'armée."),
    ("Les combats se poursuivent dans le\nnord du pays.", "dans le nord du pays."),
    ("Le ministre a annoncé une enquête sur les\n\nfrappes de la veille.", "sur les frappes de la veille."),
])
def test_repair_joins_lines_broken_mid_sentence(repair_rules, text, joined):
    doc = run_repair(text, repair_rules)
    assert joined in doc.clean_text


@pytest.mark.parametrize("text", [
    "Un long conflit\nLes combats ont repris en 2021.",
    "Contexte régional\nLa frontière reste fermée depuis mars.",
])
def test_repair_keeps_headings_apart(repair_rules, text):
    doc = run_repair(text, repair_rules)
    assert doc.blocks[0].kind == "heading"
    assert "\n" in doc.clean_text


@pytest.mark.parametrize("line, photos, agencies", [
    ("Photo : Getty Images / JANE DOE", ["JANE DOE"], ["Getty Images"]),
    ("Crédit photo : Reuters", ["Reuters"], []),
    ("© AFP / PIERRE MARTIN", ["PIERRE MARTIN"], ["AFP"]),
])
def test_repair_photo_credit_lines(repair_rules, line, photos, agencies):
    doc = run_repair(f"Les combats se poursuivent à Goma.\n{line}\nLa ville est encerclée.", repair_rules)
    assert doc.credits["photos"] == photos
    assert doc.credits.get("photo_agencies", []) == agencies
    assert line not in doc.clean_text
    assert "La ville est encerclée." in doc.clean_text


def test_repair_photo_credit_at_end_of_caption(repair_rules):
    doc = run_repair("Des soldats patrouillent à Gao. (Photo : AFP / PAUL DURAND)\nLe calme est revenu.", repair_rules)
    assert doc.credits["photos"] == ["PAUL DURAND"]
    assert "Des soldats patrouillent à Gao." in doc.clean_text
    assert "PAUL DURAND" not in doc.clean_text


@pytest.mark.parametrize("line, sources", [
    ("Avec AFP", ["AFP"]),
    ("Avec des informations de Reuters et de l'Associated Press", ["Reuters", "Associated Press"]),
    ("Source : Agence France-Presse", ["Agence France-Presse"]),
])
def test_repair_sources_lines(repair_rules, line, sources):
    doc = run_repair(f"Trois soldats ont été tués à Kidal.\n{line}", repair_rules)
    assert doc.credits["sources"] == sources
    assert line not in doc.clean_text


def test_repair_prose_starting_like_a_credit_stays(repair_rules):
    text = "Avec des informations encore partielles, les secours cherchent des survivants à Derna."
    doc = run_repair(text, repair_rules)
    assert doc.clean_text == text
    assert doc.credits["sources"] == []


def test_repair_clean_offsets_point_into_raw(gaza):
    raw, clean = gaza.raw, gaza.clean_text
    for i, ch in enumerate(clean):
        r = gaza.offsets.to_raw(i)
        if ch in " \n":
            assert raw[r].isspace()
        else:
            assert raw[r] == ch
