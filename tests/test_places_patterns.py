"""The places stage on the patterns of French news copy: elisions, divisions against towns,
countries before hamlets, ambiguous names by context, sites, and what is no place."""
from __future__ import annotations

import re
from time import perf_counter

import pytest

from veille.document import Doc


def _places(record):
    return {(p.name, p.country_code, p.kind) for p in record.places}


def _staged(pipeline, text):
    """The Doc after the places stage, with its notes."""
    doc = Doc(raw=text, source="test")
    for name in ("repair", "language"):
        pipeline.stages[name](doc)
    pipeline.stages["parse"].pipe([doc])
    return pipeline.stages["places"](doc)


@pytest.mark.parametrize("text, expected", [
    ("Les rebelles contrôlent plusieurs quartiers d’Alep depuis mardi.", ("Aleppo", "SY", "city")),
    ("Les rebelles contrôlent plusieurs quartiers d'Alep depuis mardi.", ("Aleppo", "SY", "city")),
    ("Le ministre a rencontré l’ambassadeur de l’Iran vendredi.", ("Iran", "IR", "country")),
    ("Les sanctions contre l'Iran restent en vigueur.", ("Iran", "IR", "country")),
    ("Des négociations se tiendront au Caire la semaine prochaine.", ("Cairo", "EG", "city")),
])
def test_elided_and_contracted_names(extract, text, expected):
    assert expected in _places(extract(text))


def test_a_division_and_its_city_are_two_places(extract):
    rec = extract("Les combats ont repris dans la province d'Alep. À Alep, les habitants fuient "
                  "vers le nord-ouest de la Syrie.")
    got = _places(rec)
    assert ("Aleppo", "SY", "city") in got
    assert ("Aleppo", "SY", "admin1") in got
    assert ("Syria", "SY", "country") in got
    by_kind = {p.kind: [m.text for m in p.mentions] for p in rec.places if p.name == "Aleppo"}
    assert by_kind["admin1"] == ["Alep"] and by_kind["city"] == ["Alep"]


@pytest.mark.parametrize("cue", ["la région de", "l'oblast de", "la province de"])
def test_a_division_word_names_the_division(extract, cue):
    rec = extract(f"Des drones ont été abattus au-dessus de {cue} Kharkiv, selon l'armée ukrainienne.")
    assert ("Kharkiv", "UA", "admin1") in _places(rec)


@pytest.mark.parametrize("text, expected", [
    ("Des feux de forêt ravagent le nord du Québec depuis juin.", ("Quebec", "CA", "admin1")),
    ("Le sommet se tiendra à Québec au mois de juin.", ("Québec", "CA", "city")),
    ("Les incendies se poursuivent en Californie, selon les pompiers.", ("California", "US", "admin1")),
    ("La police a arrêté deux suspects en Catalogne.", ("Catalonia", "ES", "admin1")),
])
def test_en_and_au_name_a_region_a_names_a_town(extract, text, expected):
    assert expected in _places(extract(text))


def test_a_listed_name_takes_the_cue_of_the_list(extract):
    rec = extract("Les insurgés tiennent des territoires dans les régions d'Alep, Hama et Lattaquié.")
    assert {("Aleppo", "SY", "admin1"), ("Hama", "SY", "admin1"), ("Latakia", "SY", "admin1")} <= _places(rec)


def test_countries_come_before_hamlets(extract):
    rec = extract("Israël a de nouveau frappé le Liban dans la nuit de samedi.")
    assert {p.country_code for p in rec.places} == {"IL", "LB"}
    assert all(p.kind == "country" for p in rec.places)


@pytest.mark.parametrize("text, cc", [
    ("Au Liban, des manifestants ont bloqué les routes de Tripoli et de Beyrouth.", "LB"),
    ("En Libye, des milices s'affrontent à Tripoli et à Misrata depuis lundi.", "LY"),
    ("Les pompiers sont intervenus à Saint-Denis, en Seine-Saint-Denis, près de Paris.", "FR"),
    ("Le cyclone a touché Saint-Denis, chef-lieu de La Réunion, lundi matin.", "RE"),
    ("Des combats ont éclaté à Homs, dans le centre de la Syrie.", "SY"),
    ("La route côtière entre Misrata et Homs, en Libye, a été coupée.", "LY"),
])
def test_ambiguous_towns_resolve_by_context(extract, text, cc):
    rec = extract(text)
    towns = [p for p in rec.places if p.kind == "city" and p.name in ("Tripoli", "Saint-Denis", "Homs", "Al Khums")]
    assert towns and all(p.country_code == cc for p in towns), _places(rec)


@pytest.mark.parametrize("text, absent", [
    ("Selon des informations circulant sur Telegram, le président serait à Moscou.", "Telegram"),
    ("Avec des informations d’Al Jazeera, Reuters et de l’Agence France-Presse.", "France"),
    ("Le président François Hollande a accéléré le retrait des troupes.", "Holland"),
    ("La correspondante de France 24 a été agressée samedi.", "France"),
    ("Plusieurs milliers de Libyens ont manifesté samedi.", "Libya"),
    ("Le porte-parole du Kremlin a refusé de commenter.", "Kremlin"),
    ("Le Hamas a revendiqué l'attaque dans un communiqué.", "Hamm"),
    ("Le ministre de la Défense s'est exprimé devant les députés.", "La Defense"),
    ("Jordan Bardella a réagi lundi. Selon Paris Match, Jordan était absent du meeting.", "Jordan"),
])
def test_what_is_not_a_place(extract, text, absent):
    names = {p.name for p in extract(text).places}
    assert not any(absent in n for n in names), names


def test_a_compass_point_joined_to_a_country_names_the_country(extract):
    rec = extract("Les jihadistes contrôlent toujours une partie du Nord-Mali, selon l'armée.")
    assert ("Mali", "ML", "country") in _places(rec)


def test_a_body_named_after_a_place_names_it(extract):
    rec = extract("Selon le ministère de la Santé de Gaza, le bilan s'élève à 40 morts.")
    assert ("Gaza", "PS", "city") in _places(rec)


def test_a_small_town_listed_with_a_place_of_its_country_is_kept(extract):
    rec = extract("L'armée israélienne a frappé Naqoura et Kfar Kila, dans le sud du Liban.")
    assert ("Kfar Kila", "LB", "city") in _places(rec)


def test_a_place_the_gazetteer_lacks_is_kept_with_a_cue(extract):
    rec = extract("Au Soudan, la ville de Zabrakat, à l'ouest de Khartoum, est encerclée.")
    town = [p for p in rec.places if p.name == "Zabrakat"]
    assert town and town[0].kind == "city" and town[0].country_code == "SD"
    assert town[0].geonameid is None and town[0].lat is None


def test_a_small_foreign_namesake_gives_way_to_the_article_country(extract):
    """The gazetteer knows a Houla in Syria only; the article speaks of the one in Lebanon."""
    rec = extract("Une frappe a visé une maison du village de Houla, dans le sud du Liban, ont indiqué "
                  "des sources libanaises. Les blessés ont été conduits à Tyr.")
    houla = [p for p in rec.places if p.mentions[0].text == "Houla"]
    assert houla and houla[0].country_code == "LB" and houla[0].geonameid is None


def test_an_unknown_village_takes_the_country_of_the_places_near_it(extract):
    rec = extract("Les sources militaires libanaises font état de deux morts dans le village de Zarbiyé. "
                  "Les blessés ont été transportés à Tyr. Le Hezbollah a tiré des roquettes vers Israël, "
                  "a confirmé l'armée israélienne.")
    village = [p for p in rec.places if p.name == "Zarbiyé"]
    assert village and village[0].country_code == "LB"


@pytest.mark.parametrize("text, cc", [
    ("Des renforts sont arrivés à Tinzabat. Des soldats ont été tués à Tinzabat, au Mali, près du Burkina.", "ML"),
    ("Les blessés ont quitté le village de Kfar Zabad, dans le sud du Liban, vers Damas.", "LB"),
    ("Les combats ont repris autour de Tripoli (Liban) dans la nuit, selon l'armée.", "LB"),
])
def test_the_country_set_after_a_name(extract, text, cc):
    rec = extract(text)
    named = [p for p in rec.places if p.kind != "country" and p.name not in ("Damascus",)]
    assert named and named[0].country_code == cc, _places(rec)


def test_the_cue_may_name_the_country(extract):
    rec = extract("Au Liban, les réfugiés affluent depuis la ville syrienne de Zabrakat, selon l'ONU.")
    town = [p for p in rec.places if p.name == "Zabrakat"]
    assert town and town[0].country_code == "SY"


def test_a_compound_compass_point_is_no_place(extract):
    rec = extract("Un drone a visé le village de Deir Zarka (Sud-Est), au Liban.")
    assert all(p.kind != "admin1" for p in rec.places), _places(rec)


def test_a_name_with_a_lower_case_article_and_said_again(extract):
    rec = extract("Des civils ont fui la ville d’el-Facher, assiégée depuis mai. El-Facher, capitale du "
                  "Darfour-Nord, reste aux mains de l'armée soudanaise.")
    fasher = [p for p in rec.places if p.name == "El Fasher"]
    assert fasher and [m.text for m in fasher[0].mentions] == ["el-Facher", "El-Facher"]
    assert ("North Darfur", "SD", "admin1") in _places(rec)


def test_a_misspelt_town_is_found_by_one_letter(extract):
    rec = extract("En Libye, des bulletins ont été volés à Benghazii samedi.")
    assert ("Benghazi", "LY", "city") in _places(rec)


def test_sites_named_after_a_town_go_to_the_notes(pipeline):
    doc = _staged(pipeline, "En Syrie, les rebelles ont fermé l’aéroport d’Alep et pris la citadelle d'Alep.")
    assert not [p for p in doc.places if p.kind == "site"]
    sites = {s["name"]: s for s in doc.sites}
    assert set(sites) == {"aéroport d’Alep", "citadelle d'Alep"}
    assert all(s["country_code"] == "SY" and s["lat"] is not None for s in sites.values())
    assert all(doc.clean_text[s["start"]:s["end"]] == name for name, s in sites.items())
    aleppo = [p for p in doc.places if p.name == "Aleppo"]
    assert len(aleppo) == 1 and [m.text for m in aleppo[0].mentions] == ["Alep", "Alep"]


@pytest.mark.parametrize("text, town, site", [
    ("Les rebelles du M23 affirment contrôler l'aéroport de Goma, dans l'est de la RDC.",
     ("Goma", "CD", "city"), "aéroport de Goma"),
    ("L'armée a repris le camp militaire de Katindo, près de Goma, selon des sources locales.",
     ("Goma", "CD", "city"), "camp militaire de Katindo"),
    ("Des tirs ont été entendus près de l'aéroport de Khartoum, dans la capitale soudanaise.",
     ("Khartoum", "SD", "city"), "aéroport de Khartoum"),
    ("Un drone a visé la base aérienne de Hmeimim, près de Lattaquié, en Syrie.",
     ("Latakia", "SY", "city"), "base aérienne de Hmeimim"),
])
def test_a_site_named_after_a_place_is_no_place(pipeline, text, town, site):
    doc = _staged(pipeline, text)
    assert town in {(p.name, p.country_code, p.kind) for p in doc.places}
    assert not [p.name for p in doc.places if p.kind == "site"]
    assert site in [s["name"] for s in doc.sites]


def test_a_site_with_a_name_of_its_own_stays_a_place(extract):
    rec = extract("Des milliers de manifestants ont occupé la place Tahrir, au Caire, vendredi.")
    assert ("place Tahrir", "EG", "site") in _places(rec)


def test_a_capitalised_site_word_starts_a_site(extract):
    rec = extract("Des centaines de manifestants se sont rassemblés sur la Place Bellecour, à Lyon.")
    assert ("Place Bellecour", "FR", "site") in _places(rec)
    assert ("Lyon", "FR", "city") in _places(rec)


def test_an_idiom_with_a_site_word_is_no_site(extract):
    rec = extract("À la place de Moscou, c'est Pékin qui a envoyé une délégation à Kinshasa.")
    assert not [p for p in rec.places if p.kind == "site"]
    assert ("Moscow", "RU", "city") in _places(rec)


def test_an_island_country_is_no_site(extract):
    rec = extract("Des renforts doivent arriver de l'île Maurice voisine.")
    assert _places(rec) == {("Mauritius", "MU", "country")}


def test_place_mentions_note_indexes_the_places(pipeline):
    doc = _staged(pipeline, "À Goma, au Nord-Kivu, les rebelles du M23 avancent. Goma est encerclée, "
                            "selon Kinshasa.")
    notes = doc.place_mentions
    assert notes == sorted(notes)
    assert len(notes) == sum(len(p.mentions) for p in doc.places)
    for start, end, i in notes:
        assert doc.raw_span(start, end) in doc.places[i].mentions
    goma = [p for p in doc.places if p.name == "Goma"]
    assert len(goma) == 1 and len(goma[0].mentions) == 2


def test_a_document_without_a_parse_gets_no_places(pipeline):
    doc = pipeline.stages["places"](Doc(raw="Alep", source="test", language="xx"))
    assert doc.places == [] and doc.place_mentions == []


def test_the_stage_costs_little_next_to_the_parse(pipeline):
    text = ("Des frappes russes ont visé Kharkiv, Soumy et Odessa dans la nuit, tandis que les combats "
            "se poursuivent autour de Pokrovsk, dans la région de Donetsk, selon l'armée ukrainienne. ") * 20
    doc = Doc(raw=text, source="test")
    for name in ("repair", "language"):
        pipeline.stages[name](doc)
    t = perf_counter()
    pipeline.stages["parse"].pipe([doc])
    parse_s = perf_counter() - t
    pipeline.stages["places"](doc)  # first call warms the lookup cache
    t = perf_counter()
    pipeline.stages["places"](doc)
    assert perf_counter() - t < 0.25 * parse_s


@pytest.mark.parametrize("text, unwanted", [
    ("Niamey, 4 mars - Le ministère nigérien de la Défense a annoncé la mort de douze soldats. "
     "À Paris, le ministère français de la Défense n'a pas commenté.", "La Defense"),
    ("Le ministre de la Défense a visité Kiev. Le ministre français de la Défense l'accompagnait, "
     "a indiqué la France.", "La Defense"),
    ("Le ministère de l'Intérieur a décrété un couvre-feu à Bamako, au Mali.", None),
    ("La Défense civile de Gaza a fait état de dix morts à Khan Younès.", "La Defense"),
    ("La Garde nationale ukrainienne a repoussé un assaut près de Pokrovsk.", "Garde"),
    ("Le Conseil de sécurité de l'ONU se réunira mardi à New York sur le Soudan.", None),
])
def test_words_of_an_institution_are_no_place(extract, text, unwanted):
    rec = extract(text)
    names = {p.name for p in rec.places}
    assert unwanted not in names
    # the words of the body's name are no mention of any place
    body = [(m.start(), m.end()) for m in re.finditer(
        r"Défense civile|Garde nationale|Conseil de sécurité|de la Défense|de l'Intérieur", text)]
    assert not [s.text for p in rec.places for s in p.mentions if any(a <= s.start < b for a, b in body)]


def test_la_defense_the_district_is_still_a_place(extract):
    rec = extract("Des bureaux ont été évacués à La Défense, près de Paris, après une alerte à la bombe.")
    assert ("La Defense", "FR", "city") in _places(rec)


@pytest.mark.parametrize("text, wanted, unwanted", [
    ("Des combats ont éclaté dans l'est de la République démocratique du Congo, près de Goma.",
     "CD", "CG"),
    ("Le président de la Guinée-Bissau a dissous le Parlement, a annoncé Conakry.", "GW", None),
    ("Des réfugiés du Soudan du Sud ont traversé la frontière vers l'Ouganda.", "SS", "SD"),
    ("La Papouasie-Nouvelle-Guinée a été frappée par un séisme de magnitude 7.", "PG", "GN"),
    ("La Corée du Nord a tiré un missile balistique, selon la Corée du Sud.", "KP", None),
    ("La République du Congo et la République démocratique du Congo ont rouvert leur frontière.",
     "CD", None),
])
def test_the_longer_country_name_wins(extract, text, wanted, unwanted):
    rec = extract(text)
    countries = [p.country_code for p in rec.places if p.kind == "country"]
    assert wanted in countries
    assert unwanted not in countries
    assert len(countries) == len(set(countries))
    # no mention lies inside another
    spans = sorted((s.start, s.end) for p in rec.places for s in p.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize("text, name, cc", [
    ("Gaza : frappe meurtrière sur une école à Rafah\n\nUne frappe a touché une école à Rafah, dans le "
     "sud de la bande de Gaza, tuant huit personnes. L'Égypte a protesté. Le point de passage de Rafah "
     "reste fermé, a indiqué Le Caire.", "Rafaḩ", "PS"),
    ("Des tirs ont visé Tripoli, dans le nord du Liban. Les habitants de Tripoli ont manifesté, "
     "tandis qu'en Libye le calme régnait.", "Tripoli", "LB"),
])
def test_one_sense_per_article(extract, name, text, cc):
    rec = extract(text)
    same = [p for p in rec.places if p.name == name]
    assert len(same) == 1 and same[0].country_code == cc
    assert len(same[0].mentions) == text.count(same[0].mentions[0].text)


def test_a_name_set_in_two_countries_keeps_two_senses(extract):
    rec = extract("Des camions attendent à Rafah, en Égypte, depuis lundi. Une frappe a touché Rafah, "
                  "dans la bande de Gaza. Rafah est en ruines, selon l'ONU.")
    rafah = {p.country_code: len(p.mentions) for p in rec.places if p.name == "Rafaḩ"}
    assert rafah == {"EG": 1, "PS": 2}


@pytest.mark.parametrize("text", [
    "Soudan : les paramilitaires affirment tenir l'aéroport de Nyala\nLes combats se poursuivent au Darfour.",
    "Liban : frappe près du port de Tyr et de la citadelle de Saïda\nDes habitants ont fui vers Beyrouth.",
])
def test_a_site_stops_at_the_end_of_its_line(pipeline, text):
    doc = _staged(pipeline, text)
    assert all("\n" not in s["name"] for s in doc.sites)
    assert all("\n" not in s.text for p in doc.places for s in p.mentions)


@pytest.mark.parametrize("text, expected", [
    ("L'armée malienne a repris Tombouctou.", ("Timbuktu", "ML", "city")),
    ("Les soldats syriens ont repris Palmyre après trois jours de combats.", ("Tadmur", "SY", "city")),
])
def test_a_town_said_as_a_place_in_a_country_the_adjectives_name_is_kept(extract, text, expected):
    """No country is named, but "malienne" says which: a town the parser reads as a place, in
    that country, is kept without a locative cue."""
    assert expected in _places(extract(text))


@pytest.mark.parametrize("text, name, cc", [
    ("Mali : combats dans le centre\n\nLes soldats maliens patrouillent à Mopti. Les jihadistes ont attaqué la ville de Konna.",
     "Konna", "ML"),
    ("Nigeria : attaque dans le nord-est\n\nL'armée nigériane est déployée à Maiduguri. Boko Haram a attaqué la ville de Baga.",
     "Baga", "NG"),
])
def test_a_town_the_gazetteer_lacks_is_not_a_hamlet_abroad(extract, text, name, cc):
    """"la ville de Konna" in an article on Mali: the gazetteer's Conna in Ireland (a spelling
    variant, 526 people) is not it; the town stays, unresolved, in the article's country."""
    rec = extract(text)
    got = [p for p in rec.places if p.name == name]
    assert got and got[0].country_code == cc and got[0].lat is None
