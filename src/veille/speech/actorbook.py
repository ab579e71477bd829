"""The actors of one document: their mentions, how later mentions merge, and what a token is.

Mentions are token ranges that do not overlap; each points to one actor. Recognisers run in
order of trust and a token taken by one is not read again:

    1. canonical actors (lexicon aliases: "HTS", "Kremlin", "Vladimir Poutine")
    2. persons from the parser's PER entities ("Abbas Araqchi", later "Araqchi")
    3. phrases around actor heads ("les forces russes", "le ministre iranien des Affaires
       étrangères, Abbas Araqchi" -> the person, with the role)
    4. organisations from the parser's ORG entities (kept as provisional actors)
    5. countries and capitals where they act ("la Russie a exhorté", "Moscou a dénoncé")
    6. subject pronouns ("il", "elle", "ils") -> the last fitting subject
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..record import Actor
from .lexicon import Ambiguous, Canonical, Country, Lexicon
from .lexmatch import norm
from .naming import Phrase, describe
from .quotes import QuoteIndex
from ..tokenview import TokenView

AGENT_DEPS = ("nsubj", "obl:agent")
MAIN_VERB_DEPS = ("ROOT", "conj", "parataxis", "advcl")
PRONOUN_LOOKBACK_SENTENCES = 3


@dataclass(slots=True)
class Mention:
    lo: int  # token range
    hi: int
    actor: Actor
    head: int  # the token the parse makes the head of the mention
    source: str  # lexicon | person | phrase | org | country | pronoun | speaker


class ActorBook:
    def __init__(self, doc, tv: TokenView, lex: Lexicon, quotes: QuoteIndex) -> None:
        self.doc = doc
        self.tv = tv
        self.lex = lex
        self.quotes = quotes
        self.actors: list[Actor] = []
        self.mentions: list[Mention] = []
        self._by_key: dict[str, Actor] = {}
        self._meta: dict[str, dict] = {}  # actor id -> head key, gender, number
        self._taken: list[Mention | None] = [None] * len(tv)
        self._by_sent: dict[int, list[Mention]] = {}  # main-clause subjects, by sentence
        self._words: set[str] | None = None
        self._published: set[str] = set()  # ids of the actors ``publish`` gave the actors stage

    # ----------------------------------------------------------------- registry
    def actor(self, key: str, make) -> Actor:
        a = self._by_key.get(key)
        if a is None:
            a = make(f"a{len(self.actors) + 1}")
            self.actors.append(a)
            self._by_key[key] = a
            self._meta[a.id] = {}
        return a

    def add_mention(self, lo: int, hi: int, actor: Actor, source: str, head: int | None = None) -> Mention | None:
        if lo >= hi or any(self._taken[i] is not None for i in range(lo, hi)):
            return None
        m = Mention(lo, hi, actor, head if head is not None else self._head(lo, hi), source)
        self.mentions.append(m)
        for i in range(lo, hi):
            self._taken[i] = m
        actor.mentions.append(self.doc.raw_span(self.tv.start[lo], self.tv.end[hi - 1]))
        return m

    def mention_at(self, i: int) -> Mention | None:
        return self._taken[i] if 0 <= i < len(self._taken) else None

    def actor_at(self, i: int) -> Actor | None:
        m = self.mention_at(i)
        return m.actor if m is not None else None

    def taken(self, i: int) -> bool:
        return self._taken[i] is not None

    def _head(self, lo: int, hi: int) -> int:
        for i in range(lo, hi):
            if not lo <= self.tv.head[i] < hi or self.tv.head[i] == i:
                return i
        return lo

    def words(self) -> set[str]:
        if self._words is None:
            self._words = set(self.tv.key)
        return self._words

    # ----------------------------------------------------------------- 1. lexicon
    def find_canonical(self) -> None:
        tv, trie = self.tv, self.lex.actors
        i = 0
        while i < tv.n:
            m = trie.match_at(tv.key, tv.text, i) if tv.key[i] in trie.root else None
            if m is None:
                i += 1
                continue
            end, entry = m
            canon = entry.value
            if isinstance(canon, Ambiguous):
                canon = canon.resolve(self.words())
            # "le Kremlin": the article is not the name; "Le Monde": it is
            lo = i + 1 if tv.key[i] in self.lex.definite_articles and entry.tokens[0].islower() else i
            self.add_mention(lo, end, self.canonical(canon), "lexicon")
            i = end

    def canonical(self, canon: Canonical) -> Actor:
        a = self.actor("canon:" + canon.name,
                       lambda id_: Actor(id_, canon.name, canon.kind, canon.country, canon.role))
        self._meta[a.id].setdefault("head", "canon:" + canon.name)
        return a

    def state(self, country: Country) -> Actor:
        return self.actor("canon:" + country.name, lambda id_: Actor(id_, country.name, "state", country.code))

    def capital(self, country: Country, written: str) -> Actor:
        """"Moscou a dénoncé": the government that sits there, named with the capital as written."""
        name = f"{country.adj} government ({written})"
        return self.actor("capital:" + country.code, lambda id_: Actor(id_, name, "government", country.code))

    # ----------------------------------------------------------------- 2. persons
    def find_persons(self) -> None:
        tv = self.tv
        spans = []
        i = 0
        while i < tv.n:
            if tv.ent_start[i] and tv.ent[i] == "PER":
                j = i + 1
                while j < len(tv) and tv.ent[j] == "PER" and not tv.ent_start[j]:
                    j += 1
                spans.append(self._clean_name(i, j))
                i = j
            else:
                i += 1
        spans = [s for s in spans if s is not None and not any(self.taken(k) for k in range(*s))]
        # full names first, so that a lone surname finds the person named in full
        full: dict[str, Actor] = {}
        for lo, hi in spans:
            if hi - lo >= 2:
                name = self._text(lo, hi)
                a = self.actor("per:" + norm(name), lambda id_, n=name: Actor(id_, n, "person", provisional=True))
                for k in range(lo, hi):
                    full.setdefault(tv.key[k], a)
        for lo, hi in spans:
            name = self._text(lo, hi)
            if hi - lo >= 2:
                a = self._by_key["per:" + norm(name)]
            else:
                a = full.get(tv.key[lo]) or self._known_surname(tv.key[lo]) or self.actor(
                    "per:" + norm(name), lambda id_, n=name: Actor(id_, n, "person", provisional=True))
            self.add_mention(lo, hi, a, "person")

    def _known_surname(self, key: str) -> Actor | None:
        """A lone surname that a canonical person or an earlier person carries."""
        for a in reversed(self.actors):
            if a.kind == "person" and key in {norm(w) for w in a.name.split()}:
                return a
        return None

    def _clean_name(self, lo: int, hi: int) -> tuple[int, int] | None:
        tv = self.tv
        while lo < hi and (tv.key[lo] in self.lex.titles or tv.is_punct(lo) or tv.pos[lo] in ("DET", "ADP")):
            lo += 1
        while hi > lo and (tv.is_punct(hi - 1) and tv.text[hi - 1] != "." or tv.pos[hi - 1] in ("ADP", "DET")):
            hi -= 1
        if lo >= hi or not any(tv.text[k][:1].isupper() for k in range(lo, hi)):
            return None
        if hi - lo == 1 and tv.pos[lo] in ("VERB", "ADJ", "ADV", "AUX"):
            return None  # "Interrogé sur ..." read as a name
        if self.lex.countries.match_at(tv.key, tv.text, lo, stop=hi) is not None:
            return None  # a place the parser took for a person
        return lo, hi

    def _text(self, lo: int, hi: int) -> str:
        return self.doc.clean_text[self.tv.start[lo]:self.tv.end[hi - 1]]

    # ----------------------------------------------------------------- 2b. names after a kind
    def find_named_after_kinds(self) -> None:
        """"l'ONG Save the Children", "la chaîne Al-Hadath", "le journal Haaretz": capitalised
        words right after a container noun name an organisation, whatever the parser's entities."""
        tv, lex = self.tv, self.lex
        for i in range(tv.n - 1):
            if tv.key[i] not in lex.containers or self.taken(i) or self.taken(i + 1):
                continue
            j = i + 1
            k = j
            while k < tv.n and k < j + 6 and not self.taken(k) and (
                    tv.text[k][:1].isupper() or (k > j and tv.key[k] in lex.name_particles and k + 1 < tv.n
                                                 and tv.text[k + 1][:1].isupper())):
                k += 1
            if k == j or tv.pos[j] in ("VERB", "AUX") or self.lex.countries.match_at(tv.key, tv.text, j, stop=k):
                continue
            head = lex.head_of(tv.lemma[i], tv.key[i])
            kind = head.kind if head is not None and not head.role else "organization"
            name = self._text(j, k)
            a = self.actor("org:" + norm(name), lambda id_, n=name, kd=kind: Actor(id_, n, kd, provisional=True))
            self.add_mention(j, k, a, "org")

    # ----------------------------------------------------------------- 3. phrases
    def find_phrases(self) -> None:
        tv, lex = self.tv, self.lex
        i = 0
        while i < tv.n:
            if self.taken(i) or tv.pos[i] not in ("NOUN", "PROPN", "ADJ", "VERB"):
                i += 1
                continue
            first, last, head = i, i + 1, None
            m = lex.multi_heads.match_at(tv.key, tv.text, i) if tv.key[i] in lex.multi_heads.root or \
                tv.lemma[i] in lex.multi_heads.root else None
            if m is not None:
                last, head = m[0], m[1].value
            else:
                head = lex.head_of(tv.lemma[i], tv.key[i])
                if head is not None and tv.pos[i] == "VERB":
                    head = None  # "les témoins" yes, "témoigne" no
            if head is None or self._counts_a_group(i):
                i += 1
                continue
            phrase = describe(tv, first, last, head, lex, self._owner_name)
            if phrase is not None:
                self._register_phrase(phrase)
            i = last

    def _counts_a_group(self, i: int) -> bool:
        """"un groupe de médecins": the count is left to the group it counts."""
        tv = self.tv
        if tv.lemma[i] not in self.lex.quantities:
            return False
        return any(tv.dep[c] == "nmod" and c > i and c - i <= 3 and self.lex.head_of(tv.lemma[c], tv.key[c])
                   for c in tv.children[i])

    def _owner_name(self, i: int) -> tuple[str, str | None] | None:
        """The actor a complement names: the one at its noun, or the one a container noun
        introduces ("de la chaîne de télévision France 24" -> France 24)."""
        a = self.actor_at(i)
        if a is None and self.tv.key[i] in self.lex.containers:
            a = self._named_under(i)
        return (a.name, a.country_code) if a is not None else None

    def _named_under(self, i: int) -> Actor | None:
        lo, hi = self.tv.subtree(i)
        for k in range(i + 1, min(hi, i + 8)):
            m = self.mention_at(k)
            if m is not None and m.source in ("lexicon", "org", "person"):
                return m.actor
            if self.tv.is_punct(k):
                break
        return None

    def _register_phrase(self, p: Phrase) -> None:
        tv = self.tv
        lo, hi = p.span
        named = self._named_next_to(p, *p.extent)
        if p.owner_from is not None and p.owner_from > p.first:
            hi = min(hi, p.owner_from)  # the owner phrase gets its own mention, its own actor
        # a token taken already (a person, a canonical actor inside) ends the mention there
        for k in range(p.first, hi):
            if self.taken(k):
                hi = k
                break
        for k in range(p.first - 1, lo - 1, -1):
            if self.taken(k):
                lo = k + 1
                break
        while lo < p.first and (tv.is_punct(lo) or tv.pos[lo] in ("PRON", "DET", "ADP", "CCONJ")):
            lo += 1
        while hi > p.last and (tv.is_punct(hi - 1) or tv.pos[hi - 1] in ("PRON", "DET", "ADP", "CCONJ")):
            hi -= 1
        head = p.root
        q = tv.head[p.first]
        if q < p.first and tv.lemma[q] in self.lex.quantities and p.first - q <= 3 and \
                not any(self.taken(k) for k in range(q, p.first)):
            lo, head = q, q  # "des centaines d'habitants": the count stands for the group
        bare = p.country is None and p.english and p.name == (
            (p.head.plural or p.head.en) if p.plural else (p.head.one or p.head.en))
        if bare and not p.plural and not p.head.one and (p.head.en or "").endswith("s") and not p.head.role:
            return  # "la force", "une source": a singular bare noun here is not the group
        if p.head.role and not p.plural:
            person = named if named is not None and named.kind == "person" else None
            if person is not None:
                self._meta[person.id]["named"] = True
                if not person.role:
                    person.role = p.name
                if person.country_code is None and p.code is not None:
                    person.country_code = p.code
                self.add_mention(lo, hi, person, "phrase", head=head)
                return
        elif named is not None and tv.key[p.first] in self.lex.containers:
            self.add_mention(lo, hi, named, "phrase", head=head)
            return
        a = self._phrase_actor(p, bare)
        self.add_mention(lo, hi, a, "phrase", head=head)

    def _phrase_actor(self, p: Phrase, bare: bool) -> Actor:
        head_key = "head:" + p.head.key
        if bare:  # "l'armée" after "l'armée syrienne": the same army
            for a in reversed(self.actors):
                if self._meta[a.id].get("head") == head_key:
                    return a
        kind = "person" if p.head.role and not p.plural else p.kind
        if p.head.role and p.plural:
            kind = "group"
        key = ("en:" if p.english else "fr:") + norm(p.name)
        code = p.code
        a = self.actor(key, lambda id_: Actor(id_, self._display(p), kind, code, provisional=not p.english))
        self._meta[a.id].setdefault("head", head_key)
        if bare:
            return a
        # an earlier bare mention of the same head ("les rebelles ... les rebelles syriens")
        # stays its own actor: the article may well mean another group
        return a

    @staticmethod
    def _display(p: Phrase) -> str:
        """An English name keeps the article's own words beside it: "Turkish Foreign Ministry
        (ministère turc des Affaires étrangères)": the reader sees what the source wrote, and a
        translation of a generic phrase is never the only trace of it."""
        if p.english and p.french and norm(p.french) != norm(p.name):
            return f"{p.name} ({p.french})"
        return p.name

    def _named_next_to(self, p: Phrase, lo: int, hi: int) -> Actor | None:
        """The named actor (person, organisation) the phrase stands in apposition to."""
        tv = self.tv
        h = p.root
        for c in tv.children[h]:
            if tv.dep[c] in ("appos", "flat:name", "flat", "nmod") and c >= p.last:
                m = self.mention_at(c)
                if m is not None and m.source in ("person", "lexicon", "org") and not self._has_case(c):
                    return m.actor
        hd = tv.head[h]
        if tv.dep[h] == "appos" and hd != h:
            m = self.mention_at(hd)
            if m is not None and m.source in ("person", "lexicon", "org"):
                return m.actor
        # adjacency: "ROLE, Name" / "ROLE, le général Name" / "ROLE Name" (the name depends on
        # the role) / "Name, ROLE"
        j = hi
        comma = j < len(tv) and tv.text[j] == ","
        if comma:
            j += 1
            while j < len(tv) and j < hi + 4 and self.mention_at(j) is None and (
                    tv.pos[j] == "DET" or tv.key[j] in self.lex.titles or self._role_word(j)):
                j += 1
        m = self.mention_at(j) if j < len(tv) else None
        # the parser often hangs "Le président ukrainien | Volodymyr Zelensky" as two subjects of the
        # verb: a name right after the role, in the same relation to the same head, is its name too
        split = m is not None and not comma and tv.head[m.head] == tv.head[h] and tv.dep[m.head] == tv.dep[h]
        if m is not None and m.lo == j and self._named(m) and (comma or tv.head[m.head] == h or split):
            return m.actor
        if comma and m is None:
            found = self._unlabelled_name(j)
            if found is not None:
                return found
        j = lo - 1
        while j >= 0 and tv.pos[j] == "DET":
            j -= 1
        if j >= 0 and tv.text[j] == ",":
            j -= 1
            m = self.mention_at(j) if j >= 0 else None
            if m is not None and m.source in ("person",) and m.hi == j + 1:
                return m.actor
        return None

    def _unlabelled_name(self, j: int) -> Actor | None:
        """"Le gouverneur de Kharkiv, Oleh Sinegoubov, a ...": capitalised words in apposition
        to a role are a person's name even where the parser's entities missed it."""
        tv = self.tv
        k = j
        while k < len(tv) and k < j + 5 and self.mention_at(k) is None and (
                tv.text[k][:1].isupper() and tv.pos[k] in ("PROPN", "NOUN", "ADJ", "X")
                or tv.key[k] in self.lex.name_links and k > j):
            k += 1
        if k - j < 2 or (k < len(tv) and tv.text[k] not in (",", ")", ".") and tv.pos[k] not in ("VERB", "AUX")):
            return None
        if self.lex.countries.match_at(tv.key, tv.text, j, stop=k) is not None:
            return None
        name = self._text(j, k)
        a = self.actor("per:" + norm(name), lambda id_: Actor(id_, name, "person", provisional=True))
        if self.add_mention(j, k, a, "person") is None:
            return None
        return a

    def _role_word(self, j: int) -> bool:
        h = self.lex.head_of(self.tv.lemma[j], self.tv.key[j])
        return h is not None and h.role

    def _named(self, m: Mention) -> bool:
        """A mention of an actor the text names (not one only described by a role)."""
        if m.source in ("person", "lexicon", "org"):
            return True
        return m.source == "phrase" and self._meta.get(m.actor.id, {}).get("named", False)

    def _has_case(self, i: int) -> bool:
        return any(self.tv.dep[c] == "case" for c in self.tv.children[i])

    # ----------------------------------------------------------------- 4. organisations
    def find_organisations(self) -> None:
        tv = self.tv
        i = 0
        while i < tv.n:
            if not (tv.ent_start[i] and tv.ent[i] == "ORG"):
                i += 1
                continue
            j = i + 1
            while j < len(tv) and tv.ent[j] == "ORG" and not tv.ent_start[j]:
                j += 1
            span = self._clean_name(i, j)
            if span is not None and not any(self.taken(k) for k in range(*span)) and \
                    any(tv.pos[k] == "PROPN" or tv.text[k].isupper() for k in range(*span)):
                name = self._text(*span)
                a = self.actor("org:" + norm(name), lambda id_, n=name: Actor(id_, n, "organization", provisional=True))
                self.add_mention(span[0], span[1], a, "org")
            i = j

    # ----------------------------------------------------------------- 5. countries
    def find_countries(self) -> None:
        tv, trie = self.tv, self.lex.countries
        i = 0
        while i < tv.n:
            if self.taken(i) or tv.key[i] not in trie.root:
                i += 1
                continue
            m = trie.match_at(tv.key, tv.text, i)
            if m is None:
                i += 1
                continue
            end = m[0]
            if self._acts(self._head(i, end)):
                country, is_capital = m[1].value
                actor = self.capital(country, self._text(i, end)) if is_capital else self.state(country)
                self.add_mention(i, end, actor, "country")
            i = end

    def _acts(self, h: int) -> bool:
        """The token is the subject (or the agent) of a verb: the country acts."""
        tv = self.tv
        dep = tv.dep[h]
        if dep == "conj":
            dep = tv.dep[tv.head[h]]
        if dep == "ROOT":  # "Washington | a condamné": the parser split the subject off
            _, hi = tv.sentence_of(h)
            return hi < len(tv) and tv.pos[hi] in ("AUX", "VERB") and tv.morph(hi, "VerbForm") == "Fin"
        return dep.startswith(AGENT_DEPS) and not dep.startswith("nsubj:pass")

    # ----------------------------------------------------------------- 6. descriptions
    def resolve_descriptions(self) -> None:
        """"Amnesty International a publié un rapport. L'ONG accuse ...": a bare generic head
        after an anaphoric determiner is the nearest named actor of its kind before it."""
        for m in sorted(self.mentions, key=lambda m: m.lo):
            head = self._bare_description(m)
            if head is None:
                continue
            named = self._described_actor(m, head)
            if named is not None:
                self._repoint(m, named)

    def _bare_description(self, m: Mention):
        tv = self.tv
        meta = self._meta.get(m.actor.id, {})
        key = meta.get("head", "")
        if m.source != "phrase" or m.hi - m.lo != 1 or meta.get("named") or not key.startswith("head:"):
            return None
        if m.lo == 0 or tv.key[m.lo - 1] not in self.lex.anaphoric_determiners or \
                norm(key[len("head:"):]) not in self.lex.containers or \
                tv.morph(m.head, "Number") == "Plur":
            return None
        return self.lex.heads.get(norm(key[len("head:"):]))

    def _described_actor(self, m: Mention, head) -> Actor | None:
        return self.described_before(m.lo, head, m.actor.kind, exclude=m.actor)

    def described_at(self, i: int) -> Actor | None:
        """The named actor a bare description at token ``i`` ("l'organisation") refers to."""
        tv = self.tv
        head = self.lex.heads.get(tv.key[i]) or self.lex.heads.get(norm(tv.lemma[i]))
        if head is None or i == 0 or tv.key[i - 1] not in self.lex.anaphoric_determiners or \
                head.key not in self.lex.containers and norm(head.key) not in self.lex.containers or \
                tv.morph(i, "Number") == "Plur" or any(tv.dep[c] in ("amod", "nmod", "appos") for c in tv.children[i]):
            return None
        kind = "person" if head.role else (head.kind or "group")
        return self.described_before(i, head, kind)

    def described_before(self, lo: int, head, kind: str, exclude: Actor | None = None) -> Actor | None:
        tv = self.tv
        for c in sorted((c for c in self.mentions if c.hi <= lo), key=lambda c: -c.lo):
            if tv.sent[lo] - tv.sent[c.lo] > PRONOUN_LOOKBACK_SENTENCES:
                return None
            a = c.actor
            if a is exclude or not (c.source in ("lexicon", "person", "org") or self._named(c)):
                continue
            if head.role:
                if a.kind == "person" and a.role and head.en and head.en.lower() in a.role.lower():
                    return a
            elif (a.kind == kind or kind == "group" and a.kind not in ("person", "state")) \
                    and (c.source != "phrase" or tv.morph(c.head, "Number") != "Plur"):
                return a
        return None

    def _repoint(self, m: Mention, actor: Actor) -> None:
        span = self.doc.raw_span(self.tv.start[m.lo], self.tv.end[m.hi - 1])
        old = m.actor
        old.mentions = [x for x in old.mentions if (x.start, x.end) != (span.start, span.end)]
        m.actor = actor
        actor.mentions.append(span)

    # ----------------------------------------------------------------- 7. pronouns
    def resolve_pronouns(self) -> None:
        tv, lex = self.tv, self.lex
        by_sent: dict[int, list[Mention]] = {}  # main-clause subjects of each sentence
        ms = sorted(self.mentions, key=lambda m: m.lo)
        self._inner_by_sent: dict[int, list[Mention]] = {}  # subjects of subordinate clauses
        for m in ms:
            if self._main_subject(m):
                by_sent.setdefault(tv.sent[m.head], []).append(m)
            elif self._inner_subject(m):
                self._inner_by_sent.setdefault(tv.sent[m.head], []).append(m)
        for s_no, (lo, hi) in enumerate(tv.sent_bounds):
            topic = self._topic(lo, hi, ms)
            if topic is not None:
                cands = by_sent.setdefault(s_no, [])
                if topic not in cands:
                    cands.insert(0, topic)
        for i in range(tv.n):
            key = tv.key[i].lstrip("-")
            if key not in lex.subject_pronouns or self.taken(i) or key in lex.indefinite_pronouns:
                continue
            if not (tv.dep[i].startswith(("nsubj", "expl:subj")) or tv.text[i].startswith("-")):
                continue
            if tv.lemma[tv.head[i]] in lex.impersonal_verbs or any(
                    tv.key[c] == "y" for c in tv.children[tv.head[i]]):
                continue  # "il s'agit", "il faut", "il y a": no one
            a = self.antecedent(i, by_sent)
            if a is not None:
                m = self.add_mention(i, i + 1, a, "pronoun", head=i)
                if m is not None and self._main_subject(m):
                    by_sent.setdefault(tv.sent[i], []).append(m)
        self._by_sent = by_sent

    def antecedent_for(self, i: int, number: str | None, gender: str | None) -> Actor | None:
        """The subject a pronoun of another case stands for ("selon lui")."""
        tv = self.tv
        s, left = tv.sent[i], PRONOUN_LOOKBACK_SENTENCES + 1
        while s >= 0 and left > 0:
            for m in self._by_sent.get(s, ()):
                if m.lo < i and self.fits(m, number, gender) and self.quotes.at(tv.start[m.lo]) is None:
                    return m.actor
            lo, hi = tv.sent_bounds[s]
            if not all(tv.is_punct(k) or tv.is_space(k) or self.quotes.at(tv.start[k]) is not None
                       for k in range(lo, hi)):
                left -= 1  # a sentence all inside a quotation (or a lone mark) is not counted
            s -= 1
        return None

    def _topic(self, lo: int, hi: int, ms: list[Mention]) -> Mention | None:
        """The sentence's first actor, when it stands before the main verb and depends on it
        without a preposition: the subject, even where the parse missed it."""
        tv = self.tv
        root = next((k for k in range(lo, hi) if tv.dep[k] == "ROOT"), None)
        if root is None:
            return None
        if tv.pos[root] not in ("VERB", "AUX"):  # the parse missed the verb: the root is the subject
            m = self.mention_at(root)
            return m if m is not None and m.source != "pronoun" and self.quotes.at(tv.start[root]) is None else None
        for m in ms:
            if m.lo < lo or m.source == "pronoun":
                continue
            if m.lo >= root:
                return None
            h = m.head
            if tv.head[h] == root and not self._has_case(h) and not tv.dep[h].startswith("obj") \
                    and self.quotes.at(tv.start[h]) is None:
                return m
            return None
        return None

    def _main_subject(self, m: Mention) -> bool:
        tv = self.tv
        h = m.head
        dep = tv.dep[h]
        if dep == "appos":  # "Le ministre ..., Abbas Araqchi, a déclaré": the name is the appos
            h = tv.head[h]
            dep = tv.dep[h]
        if not dep.startswith("nsubj"):
            return False
        if self.quotes.at(tv.start[h]) is not None:
            return False  # a subject inside a quotation is the quoted speaker's world
        return tv.dep[tv.head[h]] in MAIN_VERB_DEPS

    def antecedent(self, i: int, by_sent: dict[int, list[Mention]]) -> Actor | None:
        """The subject a pronoun stands for: the current sentence's subjects before it, then
        each earlier sentence's, the sentence's topic first."""
        tv = self.tv
        number, gender = self.lex.subject_pronouns[tv.key[i].lstrip("-")]
        sent = tv.sent[i]
        for s in range(sent, max(-1, sent - PRONOUN_LOOKBACK_SENTENCES - 1), -1):
            for m in by_sent.get(s, ()):
                if m.lo >= i or m.head == i:
                    continue
                if self.fits(m, number, gender):
                    return m.actor
        # no main subject fits: the nearest subject of a subordinate clause, in this sentence or
        # the one before ("..., l'armée s'est octroyé le pouvoir. Elle a cependant promis ...")
        for s in range(sent, max(-1, sent - 2), -1):
            for m in reversed(self._inner_by_sent.get(s, ())):
                if m.lo < i and m.head != i and self.fits(m, number, gender):
                    return m.actor
        if number == "Sing":  # no subject fits: the nearest person named just before ("... par X.")
            for m in sorted(self.mentions, key=lambda m: -m.lo):
                if m.lo >= i or m.source == "pronoun" or self.quotes.at(tv.start[m.head]) is not None:
                    continue
                if sent - tv.sent[m.lo] > 1:
                    break
                if m.actor.kind == "person" and m.source in ("person", "lexicon"):
                    return m.actor
        return None

    def _inner_subject(self, m: Mention) -> bool:
        """The mention is the subject of a subordinate clause, outside any quotation."""
        tv = self.tv
        return m.source != "pronoun" and tv.dep[m.head] == "nsubj" and self.quotes.at(tv.start[m.head]) is None

    def fits(self, m: Mention, number: str | None, gender: str | None) -> bool:
        tv = self.tv
        a = m.actor
        if m.source == "pronoun":
            n, g = self.lex.subject_pronouns.get(tv.key[m.head].lstrip("-"), (None, None))
        elif a.kind == "person" and m.source in ("person", "lexicon"):
            n, g = "Sing", None
        else:
            n, g = tv.morph(m.head, "Number"), tv.morph(m.head, "Gender")
            if a.kind == "state":
                n = "Sing"
            if self._coordinated(m.head):
                n = "Plur"
        if number and n and number != n:
            return False
        if gender and g and gender != g and not (number == "Plur" and gender == "Masc"):
            return False
        return True

    def _coordinated(self, h: int) -> bool:
        return any(self.tv.dep[c] == "conj" for c in self.tv.children[h])

    # ----------------------------------------------------------------- later stages
    def ensure(self, i: int, lo: int, hi: int, name: str, kind: str = "group") -> Actor:
        """The actor at token ``i``, or a provisional one named ``name`` for tokens [lo, hi)."""
        a = self.actor_at(i)
        if a is not None:
            return a
        m = self.lex.countries.match_at(self.tv.key, self.tv.text, lo, stop=hi)
        if m is not None and m[0] == hi:
            country, is_capital = m[1].value
            a = self.capital(country, self._text(lo, hi)) if is_capital else self.state(country)
        else:
            a = self.actor("fr:" + norm(name), lambda id_: Actor(id_, name, kind, provisional=True))
        self.add_mention(lo, hi, a, "speaker", head=i)
        return a

    def notes(self, source: str | None = None) -> list[tuple[int, int, str]]:
        """(clean_start, clean_end, actor_id) of every mention (of ``source`` only, when given),
        sorted by start."""
        tv = self.tv
        out = [(tv.start[m.lo], tv.end[m.hi - 1], m.actor.id) for m in self.mentions
               if source is None or m.source == source]
        out.sort()
        return out

    def finish(self) -> list[Actor]:
        """Actors in order of first mention, each with its mentions in text order."""
        for a in self.actors:
            a.mentions.sort(key=lambda s: s.start)
        used = [a for a in self.actors if a.mentions]
        used.sort(key=lambda a: a.mentions[0].start)
        return used

    def publish(self) -> list[Actor]:
        """The actors stage's actors (``finish``), as copies: a speaker the statements stage
        later finds adds its mention to the book's actor, never to the list already published."""
        used = self.finish()
        self._published = {a.id for a in used}
        return [replace(a, mentions=list(a.mentions)) for a in used]

    def added(self) -> list[Actor]:
        """The actors with a mention that ``publish`` did not give: speakers found since
        (``ensure``), in order of first mention."""
        return [a for a in self.finish() if a.id not in self._published]
