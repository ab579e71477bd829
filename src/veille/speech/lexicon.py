"""The language data of the actors and statements stages, loaded once per language.

Files (``lexicons/<lang>/``): ``actors.yaml`` (canonical actors), ``demonyms.yaml`` (countries,
their adjectives and capitals), ``actor_heads.yaml`` (nouns that make a phrase an actor, and the
words that shape its name), ``cues.yaml`` (reporting cues), ``statement_dates.yaml`` (day and
month names). Phrases are tokenised with the language's spaCy tokenizer, the one that splits the
articles, so that a phrase is matched token by token.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import lexicons
from .lexmatch import PhraseTrie, norm


@dataclass(frozen=True, slots=True)
class Canonical:
    name: str
    kind: str
    country: str | None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """An alias two actors share; the article's words choose (see ``resolve``)."""
    choices: tuple[tuple[Canonical, frozenset[str]], ...]

    def resolve(self, words: set[str]) -> Canonical:
        for actor, context in self.choices:
            if context and context & words:
                return actor
        return self.choices[-1][0]


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    adj: str


@dataclass(frozen=True, slots=True)
class Head:
    """A noun that names a group (``role`` False) or a person by function (``role`` True)."""
    key: str
    en: str | None
    plural: str | None
    kind: str
    one: str | None = None  # English for one member of the group ("un habitant" -> resident)
    role: bool = False
    needs_modifier: bool = False
    to: bool = False  # "ambassadeur ... au Liban": the country where the post is held


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    act: str | None
    frame: str  # "clause" | "object"
    needs: str | None = None
    channel: bool = False
    words: tuple[str, ...] = ()  # the lemmas after the verb, for phrases ("faire état de")
    source_after: bool = False  # "a-t-on appris de sources locales": the source follows "de"
    not_objects: frozenset[str] = frozenset()  # "accuser de lourdes pertes": no speech
    attribute: bool = False  # "trouvant le procédé choquant": an object and its adjective are a view


@dataclass(slots=True)
class Lexicon:
    lang: str
    actors: PhraseTrie = field(default_factory=PhraseTrie)
    countries: PhraseTrie = field(default_factory=PhraseTrie)  # value: (Country, is_capital)
    adjectives: dict[str, Country] = field(default_factory=dict)
    multi_heads: PhraseTrie = field(default_factory=PhraseTrie)
    heads: dict[str, Head] = field(default_factory=dict)
    role_heads: dict[str, Head] = field(default_factory=dict)  # one-word roles only
    quantities: set[str] = field(default_factory=set)
    modifiers: dict[str, str] = field(default_factory=dict)
    neutral_map: dict[str, bool] = field(default_factory=dict)
    inflections: tuple[tuple[str, str], ...] = ()
    pp_modifiers: dict[str, str] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)
    anaphoric_determiners: set[str] = field(default_factory=set)
    partitives: set[str] = field(default_factory=set)
    reflexive_clitics: set[str] = field(default_factory=set)
    causatives: set[str] = field(default_factory=set)
    containers: set[str] = field(default_factory=set)
    posts: set[str] = field(default_factory=set)  # "les soldats de la base de X": where they are
    titles: set[str] = field(default_factory=set)
    plural_endings: tuple[str, ...] = ("s",)
    cues: dict[str, Cue] = field(default_factory=dict)
    cue_phrases: dict[str, list[Cue]] = field(default_factory=dict)  # first lemma -> phrases
    according_to: PhraseTrie = field(default_factory=PhraseTrie)
    source_nouns: set[str] = field(default_factory=set)
    opinion_preps: set[str] = field(default_factory=set)  # "Pour le ministre, ..."
    opinion_kinds: set[str] = field(default_factory=set)
    not_reflexive: set[str] = field(default_factory=set)  # "se réclamer de": no speech
    passive_agent: set[str] = field(default_factory=set)  # "revendiquée par X"
    estimate_cues: dict[str, Cue] = field(default_factory=dict)  # "porte le bilan à 100"
    estimate_objects: set[str] = field(default_factory=set)
    estimate_preps: set[str] = field(default_factory=set)  # "à", "au": the figure of an estimate
    estimate_only: dict[str, frozenset[str]] = field(default_factory=dict)  # "porter": only "bilan"
    negation_particles: set[str] = field(default_factory=set)
    negation_words: set[str] = field(default_factory=set)
    relative_after_according: set[str] = field(default_factory=set)
    unattributed: set[str] = field(default_factory=set)
    object_acts: dict[str, str] = field(default_factory=dict)
    claim_objects: set[str] = field(default_factory=set)
    complementizers: set[str] = field(default_factory=set)
    subject_pronouns: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    relative_subjects: set[str] = field(default_factory=set)
    stressed_pronouns: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    non_report_marks: set[str] = field(default_factory=set)
    impersonal_verbs: set[str] = field(default_factory=set)
    citation_dashes: tuple[str, ...] = ()
    verb_endings: tuple[tuple[str, str], ...] = ()
    past_historic_endings: tuple[str, ...] = ()
    min_quote_words: int = 5
    # the clause words the engine reads (cues.yaml), normalised as every key is
    source_form_preps: set[str] = field(default_factory=set)  # "de source militaire"
    source_form_cue: str = ""  # the cue a "de source X" attribution is told by
    learned_from: set[str] = field(default_factory=set)  # "a-t-on appris de / auprès de X"
    name_particles: set[str] = field(default_factory=set)  # small words inside a name ("Conseil de sécurité")
    definite_articles: set[str] = field(default_factory=set)  # "le Kremlin": the article is not the name
    speaker_openers: set[str] = field(default_factory=set)  # words a speaker phrase may follow ("comme")
    pronoun_complements: set[str] = field(default_factory=set)  # "a confié à lui": no speaker after
    contracted_partitives: set[str] = field(default_factory=set)  # "du", "des": a determiner in a preposition
    agent_preps: set[str] = field(default_factory=set)  # "par": the passive agent
    indefinite_pronouns: set[str] = field(default_factory=set)  # "on": no one named
    coordinators: set[str] = field(default_factory=set)  # "et" joining two verbs
    finite_auxiliaries: set[str] = field(default_factory=set)  # "avoir", "être" before a cue
    perfect_auxiliaries: set[str] = field(default_factory=set)  # "avoir": an active compound tense
    gerund_preps: set[str] = field(default_factory=set)  # "en disant"
    gerund_adverbs: set[str] = field(default_factory=set)  # "tout en disant"
    contractions: dict[str, set[str]] = field(default_factory=dict)  # "à" -> "au", "aux"
    demonstratives: set[str] = field(default_factory=set)  # "ce que X dément"
    trailing_adverbs: set[str] = field(default_factory=set)  # "comme", "ainsi" left out at a content's end
    country_preps: set[str] = field(default_factory=set)  # "ambassadeur au Mali": the country served
    date_nouns: set[str] = field(default_factory=set)  # "la semaine dernière", "ce matin"
    aside_nouns: set[str] = field(default_factory=set)  # "ont de leur côté menacé": no verb between
    euphonic_t: set[str] = field(default_factory=set)  # the "-t" of "a-t-on appris": no subject
    name_links: set[str] = field(default_factory=set)  # "Ahmed al Charaa", "Iyad ag Ghaly": a name goes on
    quote_cue: str = ""  # the cue of a quotation with no reporting verb
    weekdays: dict[str, int] = field(default_factory=dict)
    months: dict[str, int] = field(default_factory=dict)
    relative_days: dict[str, int] = field(default_factory=dict)
    relative_weeks: dict[str, int] = field(default_factory=dict)
    date_determiners: set[str] = field(default_factory=set)
    _memo: dict = field(default_factory=dict)  # inflected spellings already looked up

    def cue_by_form(self, text_key: str) -> Cue | None:
        """A cue from its written form when the parser's lemma is wrong ("indique" left as is):
        the verb endings of ``cues.yaml`` turned back into infinitives."""
        memo_key = ("cue", text_key)
        if memo_key in self._memo:
            return self._memo[memo_key]
        found = None
        for end, repl in self.verb_endings:
            if text_key.endswith(end) and len(text_key) > len(end) + 2:
                found = self.cues.get(text_key[: len(text_key) - len(end)] + repl)
                if found is not None:
                    break
        if len(self._memo) < 100_000:
            self._memo[memo_key] = found
        return found

    def estimate_cue(self, lemma_key: str, text_key: str) -> Cue | None:
        """A verb that gives a figure as someone's estimate, by lemma or by written form."""
        if lemma_key in self.estimate_cues:
            return self.estimate_cues[lemma_key]
        for end, repl in self.verb_endings:
            if text_key.endswith(end) and len(text_key) > len(end) + 2:
                found = self.estimate_cues.get(text_key[: len(text_key) - len(end)] + repl)
                if found is not None:
                    return found
        return None

    def lookup_adjective(self, table: dict, lemma_key: str, text_key: str):
        """An adjective's entry by lemma, by spelling, then by spelling with its gender and
        number endings taken off ("armées" -> "armé", "régulières" -> "régulier")."""
        for k in (lemma_key, text_key):
            if k in table:
                return table[k]
        memo_key = (id(table), text_key)
        if memo_key in self._memo:
            return self._memo[memo_key]
        found = None
        for end, repl in self.inflections:
            if text_key.endswith(end) and len(text_key) > len(end) + 2:
                k = text_key[: len(text_key) - len(end)] + repl
                if k in table:
                    found = table[k]
                    break
        if len(self._memo) < 100_000:
            self._memo[memo_key] = found
        return found

    def head_of(self, lemma_key: str, text_key: str) -> Head | None:
        """The one-word head a token stands for, by lemma, then by its plural-free spelling."""
        memo_key = ("head", lemma_key, text_key)
        if memo_key in self._memo:
            return self._memo[memo_key]
        h = self._head_of(lemma_key, text_key)
        if len(self._memo) < 100_000:
            self._memo[memo_key] = h
        return h

    def _head_of(self, lemma_key: str, text_key: str) -> Head | None:
        h = self.heads.get(lemma_key) or self.heads.get(text_key)
        if h is None:
            for end in self.plural_endings:
                if text_key.endswith(end) and len(text_key) > len(end) + 2:
                    h = self.heads.get(text_key[: -len(end)])
                    if h:
                        break
        if h is None:  # "représentante", "présidentes": the role's feminine and plural forms
            h = self.lookup_adjective(self.role_heads, lemma_key, text_key)
        return h


@lru_cache(maxsize=None)
def load(lang: str) -> Lexicon:
    """Every file of the language, tokenised by the language's spaCy tokenizer; loaded once per
    process and shared by the stages that read it (they only read it)."""
    import spacy

    tok = spacy.blank(lang).tokenizer
    split = lambda s: [t.text for t in tok(s)]  # noqa: E731 - a local shorthand
    lex = Lexicon(lang=lang)
    _load_actors(lex, lexicons.data(lang, "actors.yaml"), split)
    _load_countries(lex, lexicons.data(lang, "demonyms.yaml"), split)
    _load_heads(lex, lexicons.data(lang, "actor_heads.yaml"), split)
    _load_cues(lex, lexicons.data(lang, "cues.yaml"), split)
    _load_dates(lex, lexicons.data(lang, "statement_dates.yaml"))
    return lex


def _load_actors(lex: Lexicon, data: dict[str, Any], split) -> None:
    by_name: dict[str, Canonical] = {}
    for a in data.get("actors", []):
        actor = Canonical(a["name"], a["kind"], a.get("country"), a.get("role"))
        by_name[actor.name] = actor
        for alias in dict.fromkeys([a["name"], *a.get("aliases", [])]):
            lex.actors.add(split(alias), actor)
    for alias, choices in (data.get("ambiguous") or {}).items():
        opts = tuple((by_name[c["actor"]], frozenset(norm(w) for w in c.get("context", [])))
                     for c in choices)
        lex.actors.add(split(alias), Ambiguous(opts))


def _load_countries(lex: Lexicon, data: dict[str, Any], split) -> None:
    for c in data.get("countries", []):
        country = Country(c["code"], c["name"], c["adj"])
        for name in c.get("names", []):
            lex.countries.add(split(name), (country, False))
        for cap in c.get("capitals", []):
            lex.countries.add(split(cap), (country, True))
        for adj in c.get("adjectives", []):
            lex.adjectives.setdefault(norm(adj), country)


def _load_heads(lex: Lexicon, data: dict[str, Any], split) -> None:
    lex.plural_endings = tuple(data.get("plural_endings", ["s"]))
    lex.multi_heads = PhraseTrie(fold_plural=lex.plural_endings)
    for section, is_role in (("groups", False), ("roles", True)):
        for key, v in (data.get(section) or {}).items():
            head = Head(key, v.get("en"), v.get("plural"), v.get("kind", "person" if is_role else "group"),
                        one=v.get("one"), role=is_role, needs_modifier=bool(v.get("needs_modifier")), to=bool(v.get("to")))
            words = split(key)
            if len(words) > 1:
                lex.multi_heads.add(words, head)
            else:
                lex.heads[norm(key)] = head
                if is_role:
                    lex.role_heads[norm(key)] = head
    lex.modifiers = {norm(k): v for k, v in (data.get("modifiers") or {}).items()}
    lex.neutral_map = {norm(w): True for w in data.get("neutral", [])}
    lex.inflections = tuple((norm(e), norm(r or "")) for e, r in data.get("inflections", []))
    lex.pp_modifiers = {" ".join(norm(t) for t in split(k)): v for k, v in (data.get("pp_modifiers") or {}).items()}
    lex.documents = {norm(w) for w in data.get("documents", [])}
    lex.containers = {norm(w) for w in data.get("containers", [])}
    lex.posts = {norm(w) for w in data.get("posts", [])}
    lex.titles = {norm(w) for w in data.get("titles", [])}
    lex.quantities = {norm(w) for w in data.get("quantities", [])}
    lex.anaphoric_determiners = {norm(w) for w in data.get("anaphoric_determiners", [])}


def _load_cues(lex: Lexicon, data: dict[str, Any], split) -> None:
    lex.reflexive_clitics = {norm(w) for w in data.get("reflexive_clitics", [])}
    # pronominal verbs: the parser's lemma has no "se"
    pronominal = tuple(c if c.endswith("'") else c + " " for c in sorted(lex.reflexive_clitics))
    for lemma, v in (data.get("verbs") or {}).items():
        cue = Cue(lemma, v.get("act"), v.get("frame", "clause"), v.get("needs"), bool(v.get("channel")),
                  source_after=bool(v.get("source_after")),
                  not_objects=frozenset(norm(w) for w in v.get("not_objects", [])),
                  attribute=bool(v.get("attribute")))
        key = norm(lemma)
        clitic = next((c for c in pronominal if key.startswith(c)), None)
        if clitic is not None:
            key = key[len(clitic):]
            lex.cues.setdefault(key, cue)
        else:
            lex.cues[key] = cue
    for p in data.get("phrases", []):
        words = [norm(w) for w in p["words"]]
        cue = Cue(" ".join(p["words"]), p.get("act"), p.get("frame", "clause"), p.get("needs"),
                  bool(p.get("channel")), tuple(words[1:]))
        lex.cue_phrases.setdefault(words[0], []).append(cue)
    for seq in data.get("according_to", []):
        lex.according_to.add(seq, " ".join(seq))
    lex.source_nouns = {norm(w) for w in data.get("source_nouns", [])}
    lex.opinion_preps = {norm(w) for w in data.get("opinion_preps", [])}
    lex.opinion_kinds = set(data.get("opinion_kinds", []))
    lex.not_reflexive = {norm(w) for w in data.get("not_reflexive", [])}
    lex.passive_agent = {norm(w) for w in data.get("passive_agent", [])}
    est = data.get("estimates") or {}
    verbs = est.get("verbs") or {}
    lex.estimate_cues = {norm(w): Cue(w, None, "object") for w in verbs}
    lex.estimate_objects = {norm(w) for w in est.get("objects", [])}
    lex.estimate_preps = {norm(w) for w in est.get("figure_preps", [])}
    lex.estimate_only = {norm(w): frozenset(norm(o) for o in objs) for w, objs in verbs.items() if objs}
    lex.negation_particles = {norm(w) for w in data.get("negation_particles", [])}
    lex.negation_words = {norm(w) for w in data.get("negation_words", [])}
    lex.relative_after_according = {norm(w) for w in data.get("relative_after_according", [])}
    lex.unattributed = {norm(w) for w in data.get("unattributed", [])}
    lex.object_acts = {norm(k): v for k, v in (data.get("object_acts") or {}).items()}
    lex.claim_objects = {norm(w) for w in data.get("claim_objects", [])}
    lex.complementizers = {norm(w) for w in data.get("complementizers", [])}
    lex.partitives = {norm(w) for w in data.get("partitives", [])}
    lex.causatives = {norm(w) for w in data.get("causatives", [])}
    lex.subject_pronouns = {norm(k): (v.get("number"), v.get("gender"))
                            for k, v in (data.get("subject_pronouns") or {}).items()}
    lex.relative_subjects = {norm(w) for w in data.get("relative_subjects", [])}
    lex.stressed_pronouns = {norm(k): (v.get("number"), v.get("gender"))
                             for k, v in (data.get("stressed_pronouns") or {}).items()}
    lex.non_report_marks = {norm(w) for w in data.get("non_report_marks", [])}
    lex.impersonal_verbs = {norm(w) for w in data.get("impersonal_verbs", [])}
    lex.citation_dashes = tuple(data.get("citation_dashes", []))
    lex.verb_endings = tuple((norm(e), norm(r)) for e, r in data.get("verb_endings", []))
    lex.past_historic_endings = tuple(norm(e) for e in data.get("past_historic_endings", []))
    lex.min_quote_words = int(data.get("min_quote_words", 5))
    words = lambda k: {norm(w) for w in data.get(k) or ()}  # noqa: E731
    lex.source_form_preps = words("source_form_preps")
    lex.source_form_cue = str(data.get("source_form_cue") or "")
    lex.learned_from = words("learned_from")
    lex.name_particles = words("name_particles")
    lex.definite_articles = words("definite_articles")
    lex.speaker_openers = words("speaker_openers")
    lex.pronoun_complements = words("pronoun_complements")
    lex.contracted_partitives = words("contracted_partitives")
    lex.agent_preps = words("agent_preps")
    lex.indefinite_pronouns = words("indefinite_pronouns")
    lex.coordinators = words("coordinators")
    lex.finite_auxiliaries = words("finite_auxiliaries")
    lex.perfect_auxiliaries = words("perfect_auxiliaries")
    lex.gerund_preps = words("gerund_preps")
    lex.gerund_adverbs = words("gerund_adverbs")
    lex.contractions = {norm(k): {norm(w) for w in v} for k, v in (data.get("contractions") or {}).items()}
    lex.demonstratives = words("demonstratives")
    lex.trailing_adverbs = words("trailing_adverbs")
    lex.country_preps = words("country_preps")
    lex.aside_nouns = words("aside_nouns")
    lex.euphonic_t = words("euphonic_t")
    lex.name_links = words("name_links")
    lex.quote_cue = str(data.get("quote_cue") or "")


def _load_dates(lex: Lexicon, data: dict[str, Any]) -> None:
    lex.weekdays = {norm(k): int(v) for k, v in (data.get("weekdays") or {}).items()}
    lex.months = {norm(k): int(v) for k, v in (data.get("months") or {}).items()}
    lex.relative_days = {norm(k): int(v) for k, v in (data.get("relative_days") or {}).items()}
    lex.relative_weeks = {norm(k): int(v) for k, v in (data.get("relative_weeks") or {}).items()}
    lex.date_determiners = {norm(w) for w in data.get("determiners", [])}
    lex.date_nouns = {norm(w) for w in data.get("date_nouns", [])}
