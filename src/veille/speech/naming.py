"""A noun phrase around an actor head, as a name: "les forces russes" -> Russian forces (RU).

The phrase is read from the parse: the head's adjectives and its "de ..." complements. Each word
is either known (a nationality, a modifier, a portfolio, an owner actor, a country) or not; with
every word known the name is English, otherwise it keeps the French words, since an unknown word
may carry the meaning ("gouvernement tibétain en exil").
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .lexicon import Country, Head, Lexicon
from ..tokenview import TokenView

MAX_NAME_TOKENS = 12


@dataclass(slots=True)
class Phrase:
    """What a head's noun phrase says."""
    head: Head
    first: int  # token range of the head word(s)
    last: int
    name: str  # English when every word is known, else the French words
    english: bool
    kind: str
    country: Country | None
    span: tuple[int, int]  # token range of the mention
    extent: tuple[int, int]  # token range of the whole noun phrase, appositions and clauses aside
    root: int  # the word of the head that the parse makes the phrase's head ("ministre" in
    #            "Premier ministre")
    owner: str | None = None  # "porte-parole du Kremlin": Kremlin
    code: str | None = None  # the country code, the owner's when the phrase names none
    french: str = ""  # the phrase's own French words, without the article
    owner_from: int | None = None  # first token of a "de ..." owner that is a phrase of its own
    plural: bool = False
    tokens: list[int] = field(default_factory=list)  # the tokens of the French name


# (token index) -> (name, country code) of the actor a token already stands for, if any
OwnerLookup = Callable[[int], "tuple[str, str | None] | None"]


def describe(tv: TokenView, first: int, last: int, head: Head, lex: Lexicon,
             owner_at: OwnerLookup, depth: int = 0) -> Phrase | None:
    """The phrase of the head word(s) ``tv[first:last]``, or None when it names no actor."""
    h = first
    for k in range(first, last):  # the word of a multi-word head that the parse makes its head
        if not first <= tv.head[k] < last or tv.head[k] == k:
            h = k
            break
    countries: list[Country] = []
    mods: list[str] = []
    pps: list[str] = []
    owner: tuple[str, str | None] | None = None
    to_country: Country | None = None
    places: list[str] = []
    owner_from: int | None = None
    known = True
    keep: list[int] = list(range(first, last))
    children = [c for k in range(first, last) for c in tv.children[k] if not first <= c < last]
    for c in sorted(children):
        dep = tv.dep[c]
        if dep in ("amod", "nmod") and c > h and (tv.pos[c] in ("ADJ", "NOUN", "VERB") or tv.key[c] in lex.adjectives) \
                and not _case(tv, c) and tv.lemma[c] not in lex.quantities:
            res = _adjective(tv, c, lex)  # "forces russes", "rebelles syriens" (parsed as noun)
        elif dep == "amod":
            res = _adjective(tv, c, lex)
        elif dep == "nmod" and c > h:
            res = _complement(tv, c, head, lex, owner_at, depth)
        else:
            continue
        for what, value, toks in res or ():
            keep.extend(toks)
            if what == "country":
                countries.append(value)
            elif what == "mod":
                mods.append(value)
            elif what == "pp":
                pps.append(value)
            elif what == "owner":
                owner = value
            elif what == "nested":  # "le chef de l'armée soudanaise": the army is an actor too
                owner = value
                owner_from = min(toks) if toks else None
            elif what == "to":
                to_country = value
            elif what == "of":
                places.append(value)
            elif what == "unknown":
                known = False
            # "neutral" words stay out of both names
    if head.needs_modifier and not (countries or mods or pps or owner):
        return None
    plural = tv.morph(h, "Number") == "Plur"
    keep = sorted(set(keep))
    span = (min(keep), max(keep) + 1)
    french = _french(tv, keep)
    country = countries[0] if countries else None
    code = country.code if country else (owner[1] if owner else None)
    if known and head.en and not _proper(tv, first, keep):
        name = _english(head, plural, countries, mods, pps, owner[0] if owner else None, to_country)
        if places:  # "le gouverneur de Deraa" -> governor of Deraa
            name += " of " + " and ".join(places)
        english = True
    else:
        name, english = french, False
    if len(keep) > MAX_NAME_TOKENS:
        name = _french(tv, [i for i in keep if i < last + 6])
    return Phrase(head, first, last, name, english, head.kind, country, span, np_extent(tv, h), h,
                  owner[0] if owner else None, code, french, owner_from, plural, keep)


# heads whose "de + post" tells where they are posted (actor kinds)
POSTED_KINDS = frozenset({"military", "police", "armed_group"})

NP_STOP = ("appos", "acl", "acl:relcl", "punct", "conj", "cc", "parataxis", "advcl", "dep", "nsubj", "obj")


def np_extent(tv: TokenView, h: int) -> tuple[int, int]:
    """The noun phrase under ``h`` without its appositions, clauses and coordinated phrases."""
    lo, hi = h, h + 1
    stack = [h]
    while stack:
        j = stack.pop()
        for c in tv.children[j]:
            glued = tv.text[c] == "-" and c + 1 < tv.n and tv.end[c] == tv.start[c + 1] and tv.start[c] == tv.end[c - 1]
            if (tv.dep[c] in NP_STOP and not glued) or tv.is_space(c):
                continue
            lo, hi = min(lo, c), max(hi, c + 1)
            stack.append(c)
    return lo, hi


def _proper(tv: TokenView, first: int, keep: list[int]) -> bool:
    """A capitalised head inside a sentence is a proper name ("l'Agence nationale
    d'information", "l'Armée syrienne libre"): it keeps its French words."""
    s_lo, _ = tv.sentence_of(first)
    return first > s_lo and tv.text[first][:1].isupper() and tv.key[first - 1] not in ("«", '"', "“") \
        and not tv.text[first].isupper()


def _case(tv: TokenView, i: int) -> str | None:
    for c in tv.children[i]:
        if tv.dep[c] in ("case", "fixed") and c < i:
            return tv.key[c]
    return None


def _adjective(tv: TokenView, i: int, lex: Lexicon) -> list[tuple]:
    """An adjective of the head (and the ones coordinated with it: "médias occidentaux et
    iraniens"): a nationality, a known modifier, a neutral word, or unknown."""
    out = [_one_adjective(tv, i, lex)]
    for c in tv.children[i]:
        if tv.dep[c] == "conj" and tv.pos[c] in ("ADJ", "NOUN") and c > i:
            out.append(_one_adjective(tv, c, lex))
    return out


def _one_adjective(tv: TokenView, i: int, lex: Lexicon) -> tuple:
    if tv.key[i] in lex.weekdays or tv.key[i] in lex.months:
        return ("neutral", None, [])  # "trois journalistes lundi": the day the parser hung on them
    country = lex.adjectives.get(tv.key[i])
    if country is not None:
        return ("country", country, [i])
    mod = lex.lookup_adjective(lex.modifiers, tv.lemma[i], tv.key[i])
    if mod is not None:
        return ("mod", mod, [i])
    if lex.lookup_adjective(lex.neutral_map, tv.lemma[i], tv.key[i]) is not None:
        return ("neutral", None, [])
    return ("unknown", None, [i])


def _complement(tv: TokenView, n: int, head: Head, lex: Lexicon, owner_at: OwnerLookup, depth: int):
    """A "de ..." (or "au ...") complement of the head; its own nationality adjective and its
    own "de ..." are read apart ("ministère de la Santé du Hamas": Health, then Hamas)."""
    out = []
    inner = []
    outer_de = _case(tv, n) in lex.partitives
    if outer_de and head.kind in POSTED_KINDS and tv.lemma[n] in lex.posts and tv.pos[n] == "NOUN":
        return [("neutral", None, [])]  # "les soldats de la base de Tessalit": where they are posted
    for c in tv.children[n]:
        if outer_de and c > n and tv.dep[c] == "nmod" and _case(tv, c) in lex.partitives:
            inner.append(c)
        elif c > n and tv.dep[c] in ("amod", "nmod") and tv.key[c] in lex.adjectives and not _case(tv, c):
            out.append(("country", lex.adjectives[tv.key[c]], [c]))
    skip = set()
    for c in inner:
        lo, hi = _pp_span(tv, c, lex)
        skip.update(range(lo, hi))
    skip.update(t for _, _, toks in out for t in toks)
    main = _one_complement(tv, n, head, lex, owner_at, depth, skip)
    if main[0] in ("owner", "nested"):  # the owner's nationality is the owner's, not the head's
        out = [("neutral", None, toks) for _, _, toks in out]
    out.insert(0, main)
    for c in inner:
        out.append(_one_complement(tv, c, head, lex, owner_at, depth, set()))
    return out


def _one_complement(tv: TokenView, n: int, head: Head, lex: Lexicon, owner_at: OwnerLookup, depth: int,
                    skip: set[int]):
    case = _case(tv, n)
    if case is None:
        return ("neutral", None, [])
    lo, hi = _pp_span(tv, n, lex)
    toks = [i for i in range(lo, hi) if i not in skip]
    words = [i for i in toks if i != n and tv.dep[i] in ("case", "det", "fixed") and i < n]
    core = [i for i in toks if i not in words]
    key = " ".join(tv.key[i] for i in core)
    if lex.lookup_adjective(lex.neutral_map, tv.lemma[n], tv.key[n]) is not None:
        return ("neutral", None, [])  # "sous couvert d'anonymat"
    country = _country_at(tv, n, lex)
    if case in lex.partitives:
        owner = owner_at(n)
        if owner is not None:  # "porte-parole du Kremlin", "journalistes de France 24"
            return ("owner", owner, toks)
        if country is not None:
            return ("country", country, toks)
        if key in lex.pp_modifiers:
            return ("pp", lex.pp_modifiers[key], toks)
        full_key = " ".join(tv.key[i] for i in toks[1:]) if len(toks) > 1 else key
        if full_key in lex.pp_modifiers:  # "de l'ordre", "de l'air"
            return ("pp", lex.pp_modifiers[full_key], toks)
        sub = _nested_head(tv, n, lex, owner_at, depth)
        if sub is not None:
            return ("nested", sub, toks)
        if (tv.pos[n] == "PROPN" or tv.ent[n] == "LOC") and all(tv.text[i][:1].isupper() or tv.is_punct(i)
                                                                  for i in core):
            return ("of", " ".join(tv.text[i] for i in core), toks)  # "gouverneur de Deraa"
        return ("unknown", None, toks)
    if case in lex.country_preps and head.to and country is not None:
        return ("to", country, toks)
    if tv.pos[n] in ("PROPN", "NUM") or tv.ent[n] or country is not None or tv.key[n] in lex.months:
        return ("neutral", None, [])  # "les rebelles à Idlib", "en mars 2020": where, when
    # "en exil" belongs to the name; "contre les exactions des groupes armés" is a clause's worth
    return ("unknown", None, toks if len(core) <= 2 else [])


PP_KEEP = ("det", "case", "amod", "flat", "flat:name", "nummod", "fixed", "compound", "advmod")


def _pp_span(tv: TokenView, n: int, lex: Lexicon, depth: int = 0) -> tuple[int, int]:
    """The complement's tokens: its noun, article, adjectives, and one "de ..." inside it;
    cut at punctuation, clauses, coordination and other prepositions."""
    lo, hi = n, n + 1
    stack = [n]
    while stack:
        j = stack.pop()
        for c in tv.children[j]:
            if tv.is_space(c):
                continue
            if tv.dep[c] in PP_KEEP:
                lo, hi = min(lo, c), max(hi, c + 1)
                stack.append(c)
            elif tv.dep[c] == "nmod" and depth == 0 and c > j and _case(tv, c) in lex.partitives:
                sub_lo, sub_hi = _pp_span(tv, c, lex, depth + 1)
                lo, hi = min(lo, sub_lo), max(hi, sub_hi)
    # a punctuation mark inside means the parse ran across a clause: keep the part before it
    for i in range(n, hi):
        if tv.is_punct(i) and tv.text[i] not in ("-", "'", "’"):
            hi = i
            break
    return lo, hi


def _country_at(tv: TokenView, n: int, lex: Lexicon):
    """A country named at token ``n`` (or starting at the first token of its name)."""
    lo = n
    while lo > 0 and tv.dep[lo - 1] in ("flat:name", "compound") and tv.head[lo - 1] == n:
        lo -= 1
    for start in (n, lo):
        m = lex.countries.match_at(tv.key, tv.text, start, stop=min(len(tv), start + 6))
        if m is not None and m[0] > n:
            return m[1].value[0]
    return None


def _nested_head(tv: TokenView, n: int, lex: Lexicon, owner_at: OwnerLookup,
                 depth: int) -> tuple[str, str | None] | None:
    """"porte-parole de l'armée syrienne": the complement is itself an actor phrase."""
    if depth > 1:
        return None
    h = lex.head_of(tv.lemma[n], tv.key[n])
    if h is None:
        return None
    sub = describe(tv, n, n + 1, h, lex, owner_at, depth + 1)
    return (sub.name, sub.code) if sub is not None else None


def _english(head: Head, plural: bool, countries, mods, pps, owner, to_country) -> str:
    en = (head.plural or head.en) if plural else (head.one or head.en)
    parts: list[str] = []
    if owner:
        parts.append(owner)
    if countries:
        parts.append(" and ".join(dict.fromkeys(c.adj for c in countries)))
    parts.extend(mods)
    parts.extend(pps)
    parts.append(en or "")
    name = " ".join(p for p in parts if p)
    if to_country is not None:
        name += f" to {to_country.name}"
    return name


def _french(tv: TokenView, keep: list[int]) -> str:
    """The French words of the phrase, without a leading article."""
    out: list[str] = []
    prev = None
    for i in keep:
        if prev is not None and i != prev + 1:
            out.append(" ")
        elif prev is not None:
            out.append(" " if tv.start[i] > tv.end[prev] else "")
        out.append(tv.text[i])
        prev = i
    return "".join(out).strip(" ,;:")
