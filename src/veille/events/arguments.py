"""Who acts and who is acted upon: noun phrases of the parse, as actors of the actors stage.

An argument is read from the dependency parse (subject, object, passive agent, "contre X",
"de X" of an event noun) and mapped to an actor through ``Doc.all_actor_mentions``; when no
actor covers it, the noun phrase's own words stand in. Pronouns are followed back: a relative
"qui" to its noun, "ils"/"elle" to the last subject of the paragraph.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .lexicon import EventLexicon
from .syntax import SUBJECTS, np_bounds, span_chars

STATE_KINDS = frozenset({"state", "government", "military", "ministry", "police"})
ARMED_KINDS = frozenset({"military", "armed_group", "police"})
CIVILIAN_KINDS = frozenset({"person", "media", "civilians", "group"})


def _attribution(tok, lex: EventLexicon) -> bool:
    """A phrase that says who says or who does: "selon X", "d'après X", "par X"."""
    words = " ".join(c.lower_.replace("’", "'") for c in tok.children if c.dep_ in ("case", "fixed") and c.i < tok.i)
    words = words.replace("' ", "'")  # "d' après" -> "d'après"
    return any(words == p or words.startswith(p + " ") for p in lex.attribution_preps)


def _holds_a_clause(words, head) -> bool:
    """Words with a finite verb of their own that is not inside a relative clause on the head
    ("les hommes qui ont attaqué" is a phrase; "Le Secrétaire général déplore ..." is a clause)."""
    for t in words:
        if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") and t.dep_ not in ("acl:relcl", "acl"):
            if not any(a.dep_ == "acl:relcl" for a in t.ancestors if a.i != head.i) and t.head.i != head.i:
                return True
    return False


def _a_date(tok, lex: EventLexicon) -> bool:
    """"le 26 janvier", "mardi", "en novembre" hung on a noun: when, not who."""
    low = tok.lower_
    return low in lex.months or low in lex.day_words or (
        tok.pos_ == "NUM" and any(c.lower_ in lex.months for c in tok.children))


@dataclass(slots=True)
class Arg:
    """An argument of an event: the head token, the words, and the actor when one is known."""
    head: object  # spaCy Token (the semantic head: "personnes" in "milliers de personnes")
    text: str
    actor_id: str | None = None
    actor_name: str | None = None
    actor_kind: str | None = None

    @property
    def name(self) -> str:
        return self.actor_name or self.text


class DocArguments:
    """Arguments for one document: the actor mentions indexed by clean offset."""

    def __init__(self, lex: EventLexicon, doc) -> None:
        self.lex = lex
        self.doc = doc
        self.parsed = doc.parsed
        mentions = doc.all_actor_mentions()  # the statements stage's speakers too
        self.m_starts = [m[0] for m in mentions]
        self.mentions = mentions
        self.actors = {a.id: a for a in doc.all_actors()}
        self.place_spans = sorted((s, e) for s, e, _ in doc.place_mentions)
        self.p_starts = [s for s, _ in self.place_spans]
        places = doc.places or []
        self._town_starts = {s for s, _, i in doc.place_mentions
                             if 0 <= i < len(places) and places[i].kind not in ("country", "region")}

    # -- places among noun phrases ---------------------------------------------------------------
    def is_place(self, tok) -> bool:
        """The token lies in a place mention of the places stage ("Alep" in "l'attaque d'Alep")."""
        i = bisect_left(self.p_starts, tok.idx + 1) - 1
        while i >= 0:
            s, e = self.place_spans[i]
            if s <= tok.idx < e:
                return True
            if e < tok.idx - 200:
                break
            i -= 1
        return False

    def is_town(self, tok) -> bool:
        """The token starts a mention of a town or a division (not a country, which may act)."""
        return tok.idx in self._town_starts

    def is_means_phrase(self, tok) -> bool:
        """"à l'arme blanche", "par balle": how, not who."""
        case = next((c.lower_ for c in tok.children if c.dep_ == "case" and c.i < tok.i), None)
        return case in self.lex.grammar.means_preps and tok.lemma_.lower() in self.lex.instruments

    def is_place_phrase(self, tok) -> bool:
        """A locative phrase: "dans la ville de X", "à Alep", "près de Gao"."""
        case = next((c.lower_ for c in tok.children if c.dep_ == "case" and c.i < tok.i), None)
        if case not in self.lex.grammar.locative_preps:
            return False
        return self.is_place(tok) or tok.lemma_.lower() in self.lex.place_nouns

    # -- actors ----------------------------------------------------------------------------------
    def _actor_in(self, start: int, end: int, head_char: int, *, covering_only: bool = False):
        """The actor mention covering the head, else the first one inside [start, end)."""
        i = bisect_left(self.m_starts, start)
        best = None
        # mentions that start before the phrase may still cover its head
        j = i - 1
        while j >= 0 and j >= i - 8:
            s, e, aid = self.mentions[j]
            if s <= head_char < e:
                return aid
            j -= 1
        while i < len(self.mentions) and self.mentions[i][0] < end:
            s, e, aid = self.mentions[i]
            if s <= head_char < e:
                return aid
            if best is None and e <= end and not covering_only:
                best = aid
            i += 1
        return best

    def _runs_in_from_before(self, mention_start: int, start: int) -> bool:
        """A mention that starts before the phrase across a comma or an attribution is
        another's words; one the parser merely split ("Boko | Haram") is this phrase's name."""
        if mention_start >= start:
            return False
        between = self.doc.clean_text[mention_start:start]
        # "des manifestants aux forces israéliennes": a mention run on across "à" is two sides
        return bool(self.lex.two_sides.search(between) or self.lex.attribution_words.search(between + " "))

    def _mention_of(self, tok, aid: str) -> tuple[int, int] | None:
        """The span of the mention of ``aid`` that covers ``tok``."""
        i = bisect_left(self.m_starts, tok.idx + 1) - 1
        while i >= 0:
            s, e, a = self.mentions[i]
            if a == aid and s <= tok.idx < e:
                return s, e
            if e < tok.idx - 200:
                break
            i -= 1
        return None

    def actor_on(self, tok) -> str | None:
        """The actor whose mention covers this token."""
        return self._actor_in(tok.idx, tok.idx + len(tok.text), tok.idx, covering_only=True)

    def semantic_head(self, tok):
        """'personnes' for 'milliers de personnes'; the noun itself otherwise."""
        for _ in range(3):  # "des centaines de milliers de Tutsis"
            if tok.lemma_.lower() not in self.lex.quantity_nouns:
                break
            nxt = next((c for c in tok.children if c.dep_ in ("nmod", "amod") and c.pos_ in ("NOUN", "PROPN", "ADJ")
                        and c.i > tok.i), None)
            if nxt is None:
                break
            tok = nxt
        return tok

    def arg(self, tok, *, resolve_pronouns: bool = True, cut=None) -> Arg | None:
        """The argument headed by ``tok``; ``cut``: a dependent whose words are another
        argument's ("l'armée aux rebelles": the rebels are not the army)."""
        if tok is None:
            return None
        if tok.pos_ == "PRON":
            if not resolve_pronouns:
                return None
            tok = self.antecedent(tok)
            if tok is None:
                return None
        head = self.semantic_head(tok)
        start_i, end_i = np_bounds(tok)
        attributed = None  # where the words were cut off another's: a mention running past it is not this one
        if cut is not None and start_i <= cut.i < end_i:
            end_i = min(end_i, cut.left_edge.i)
            attributed = self.parsed[end_i].idx
        # "un prêtre dans l'État de Kaduna": a place after the head is where, not who
        for c in head.children:
            if c.i > head.i and c.dep_ in ("nmod", "obl") and start_i <= c.i < end_i and (
                    self.is_place_phrase(c) or self.is_means_phrase(c)):
                end_i = min(end_i, c.left_edge.i)
            elif c.i > head.i and c.dep_ in ("dep", "advmod") and start_i <= c.i < end_i and any(
                    self.is_place(x) for x in c.children):  # "des villageois près de Djugu"
                end_i = min(end_i, c.left_edge.i)
        # "70 personnes selon le ministère", "aux groupes islamistes ... par les forces françaises":
        # a source or an agent the parser hung on the noun is not its words
        for t in self.parsed[head.i + 1:end_i]:
            if t.dep_ in ("nmod", "obl", "obl:mod", "obl:agent") and t.head.i >= start_i and (
                    _attribution(t, self.lex) or _a_date(t, self.lex)):  # "aux groupes islamistes le 26 janvier par ..."
                end_i = min(end_i, t.left_edge.i)
                attributed = t.idx
                break
        # an appositive proper name is the better name ("la correspondante ..., Sonia Dridi")
        for c in tok.children if "Plur" not in tok.morph.get("Number") else ():
            if c.dep_ == "appos" and c.pos_ == "PROPN":
                a0, a1 = np_bounds(c)
                start_i, end_i, head = a0, a1, c
                break
        while start_i < end_i - 1 and (self.parsed[start_i].is_punct or self.parsed[start_i].is_space
                                        or self.parsed[start_i].dep_ == "cc"
                                        or (self.parsed[start_i].dep_ == "case" and self.parsed[start_i].head == tok)):
            start_i += 1
        s, e = span_chars(self.parsed, start_i, end_i)
        text = self.doc.clean_text[s:e].strip(" \n-–—,;:")
        aid = self.actor_on(head) or self.actor_on(tok)
        if aid is None and _holds_a_clause(self.parsed[start_i:end_i], head):
            return None  # a misparse took a clause for the phrase ("Le Secrétaire général déplore ..."): no name
        if aid is None:  # "les combattants de l'EI": the group named in the head's complement
            for c in head.children:
                if c.dep_ == "nmod" and c.i > head.i and any(x.dep_ == "case" and x.lower_.replace("’", "'") in self.lex.grammar.de_words for x in c.children):
                    aid = self.actor_on(c)
                    if aid:
                        break
        actor = self.actors.get(aid) if aid else None
        span = self._mention_of(head, aid) if actor is not None else None
        if actor is not None and (self.lex.attribution_words.search(actor.name) or (span is not None and (
                self._runs_in_from_before(span[0], s) or (attributed is not None and span[1] > attributed)))):
            # a mention that ran on into "selon ...", "par ..." or another's words ("l'armée
            # malienne à des islamistes"): its name is not this actor's
            actor = aid = None
        if actor is None:
            unnamed = self._unidentified(head, text)
            if unnamed:
                return Arg(head, text, None, unnamed, "armed_group")
        return Arg(head, text, aid, actor.name if actor else None, actor.kind if actor else None)

    def _unidentified(self, head, text: str) -> str | None:
        """"des hommes armés" with no actor of their own: an unidentified armed group (the French
        words kept, so the name still says who the text says)."""
        forms = {head.lemma_.lower(), head.lower_}
        if forms & self.lex.armed_unidentified_heads:  # "un kamikaze", "des assaillants"
            return f"Unidentified armed group ({text})"
        if not forms & self.lex.unidentified_heads:
            return None
        adj = next((c for c in head.children if c.dep_ in ("amod", "acl") and
                    (c.lower_ in self.lex.armed_qualifiers or c.lemma_.lower() in self.lex.armed_qualifiers)), None)
        if adj is None:
            return None
        words = text if adj.text in text else f"{text} {adj.text}"
        return f"Unidentified armed group ({words})"

    def antecedent(self, pron):
        low = pron.lower_
        if low in self.lex.grammar.relative_pronouns:
            rel = pron.head
            if rel.dep_ == "acl:relcl" and rel.head.pos_ in ("NOUN", "PROPN"):
                return rel.head
            return None
        if low in self.lex.grammar.personal_pronouns:
            return self._last_subject_before(pron)
        return None

    def _last_subject_before(self, pron):
        """The last subject noun before this sentence, in the two sentences before it."""
        sent = pron.sent
        doc = self.parsed
        k = sent.start - 1
        seen = 0
        while k >= 0 and seen < 2:
            prev = doc[k].sent
            for t in reversed(prev):
                if t.dep_ in SUBJECTS and t.pos_ in ("NOUN", "PROPN") and self._may_act(t) and self._agrees(pron, t) \
                        and not self._killed(t):
                    return t
            k = prev.start - 1
            seen += 1
        return None

    def _killed(self, tok) -> bool:
        """"six policiers ont été tués. « Ils ont bombardé ... »": the dead of the sentence before
        are not who acts next."""
        verb, lemma = tok.head, tok.head.lemma_.lower()
        if tok.dep_ == "nsubj:pass" and any(s.family and self.lex.family(s.family).lethal
                                            for s in self.lex.verb_senses(lemma)):
            return True  # "ont été tués"
        if lemma in self.lex.death_verbs and verb.pos_ in ("VERB", "AUX"):
            return True  # "ont péri"
        # "sont morts": a death noun or adjective after a copula
        return (lemma in self.lex.death_nouns or lemma in self.lex.grammar.death_adjectives) and any(
            c.dep_ == "cop" for c in verb.children)

    def _agrees(self, pron, tok) -> bool:
        """"Ils" stands for many: not for one person named before ("Jean Ping a parlé. « Ils ont
        bombardé ... »"); a group named in the singular ("l'armée", "le M23") may still be it.
        "Il" stands for one: not for "les rebelles"."""
        plural = "Plur" in pron.morph.get("Number")
        number = tok.morph.get("Number")
        if plural and "Sing" in number:
            actor = self.actors.get(self.actor_on(tok) or "")
            return actor is not None and actor.kind != "person"
        return plural or "Plur" not in number

    def _may_act(self, tok) -> bool:
        """"il", "ils" stand for people or an actor, not for "la déclaration suivante": a proper
        name, a known actor, or a noun that names people."""
        if tok.pos_ == "PROPN" or self.actor_on(tok):
            return True
        head = self.semantic_head(tok)
        return head.lemma_.lower() in self.lex.classes.human_nouns or head.lower_ in self.lex.classes.human_nouns

    # -- who is who ------------------------------------------------------------------------------
    def _lemmas(self, arg: Arg) -> tuple[str, set[str]]:
        head = arg.head
        adjs = {c.lemma_.lower() for c in head.children if c.dep_ in ("amod", "nmod", "compound")}
        adjs |= {c.lower_ for c in head.children if c.dep_ == "amod"}
        return head.lemma_.lower(), adjs

    def is_armed(self, arg: Arg | None) -> bool:
        if arg is None:
            return False
        if arg.actor_kind in ARMED_KINDS:
            return True
        lemma, adjs = self._lemmas(arg)
        return lemma in self.lex.armed_nouns or bool(adjs & self.lex.nonstate_adjectives - self.lex.unarmed_nonstate_adjectives)

    def is_civilian(self, arg: Arg | None) -> bool:
        if arg is None:
            return False
        if arg.actor_kind in ARMED_KINDS or arg.actor_kind in ("state", "government", "ministry"):
            return False
        lemma, adjs = self._lemmas(arg)
        if lemma in self.lex.armed_nouns or adjs & self.lex.nonstate_adjectives:
            return False
        if arg.actor_kind in CIVILIAN_KINDS:
            return True
        if lemma in self.lex.civilian_nouns:
            return True
        return arg.head.pos_ == "PROPN" and arg.actor_kind is None and not self.is_place(arg.head)

    def is_protester(self, arg: Arg | None) -> bool:
        if arg is None or arg.actor_kind in ARMED_KINDS:
            return False
        lemma, _ = self._lemmas(arg)
        return lemma in self.lex.protester_nouns

    def side(self, arg: Arg | None) -> str | None:
        """'state' | 'nonstate' | None: which side of a territorial change the actor is on."""
        if arg is None:
            return None
        if arg.actor_kind in STATE_KINDS:
            return "state"
        if arg.actor_kind == "armed_group":
            return "nonstate"
        lemma, adjs = self._lemmas(arg)
        if adjs & self.lex.nonstate_adjectives - self.lex.sideless_nonstate_adjectives or lemma in self.lex.nonstate_nouns:
            return "nonstate"
        if lemma in self.lex.state_nouns:
            return "state"
        return None
