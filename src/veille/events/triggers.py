"""Triggers: the words of a sentence that tell an event.

A verb of the predicate lexicon whose conditions hold ("fermer" + aéroport, "s'emparer"), a
support verb with an event noun ("lancer une offensive"), or an event noun the text presents as
an event: the subject of "avoir lieu", "éclater", "faire N morts", or a noun with an actor, a
place or a date of its own ("l'attaque de l'armée contre les rebelles à Idlib"). Goals,
requests, hypotheses, habits and figures of speech tell none.

Plain functions over the document's ``EventContext`` (its lexicon, arguments and dates):
``verbal`` and ``nominal`` give a sentence's drafts; ``subjectish``, ``actorish`` and ``means``
say what a noun may be, for the roles.
"""
from __future__ import annotations

from .context import EventContext
from .draft import ARG_DEPS, NOMINAL, Draft
from .lexicon import Sense
from .syntax import (EVIDENCE_PRUNE, case_of, collect, first_child, forms, is_passive, is_passive_participle,
                     is_reflexive, participle_like, subject)


def _verb_lemma(ctx: EventContext, tok) -> str | None:
    pos = tok.pos_
    if pos == "VERB":
        return tok.lemma_.lower()
    if pos not in ("NOUN", "ADJ"):  # asked of every word: leave the others at once
        return None
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if low.endswith("ant") and tok.pos_ in ("NOUN", "ADJ") and (
            case_of(tok) in ctx.lex.grammar.gerund_preps or tok.dep_ in ("advcl", "acl")):
        # a gerund the tagger took for a noun ("en bombardant")
        stem = low[:-3]
        for guess in (stem + "er", stem + "ir", stem + "re", stem[:-1] + "er" if stem.endswith("ge") else ""):
            if guess in ctx.lex.verbs:
                return guess
    if tok.pos_ == "ADJ" and (tok.dep_ in ("acl", "amod", "xcomp", "conj")
                              or any(c.dep_ == "aux:tense" for c in tok.children)):
        # a participle tagged as an adjective ("tués"): its verb
        for guess in (lemma, lemma + "r", lemma[:-1] + "re", lemma[:-1] + "ir"):
            if guess in ctx.lex.verbs:
                return guess
    return None

def verbal(ctx: EventContext, tok, sent) -> Draft | None:
    lemma = _verb_lemma(ctx, tok)
    if lemma is None:
        return None
    senses = ctx.lex.verb_senses(lemma)
    mod = ctx.kit.modality
    if not senses or mod.is_goal(tok) or mod.is_habitual(tok, ctx.sentence_text(sent)) or mod.is_hypothesis(tok):
        return None
    for sense in senses:
        d = _apply(ctx, tok, sense, sent)
        if d is not None:
            return d
    return None

def objects(ctx: EventContext, tok) -> list:
    """Direct objects, passive subject, or the noun a participle modifies (asked for once per
    sense of the verb and again for its roles: read once per word, a fresh list each time)."""
    got = ctx.objects_of.get(tok.i)
    if got is None:
        got = ctx.objects_of[tok.i] = _read_objects(ctx, tok)
    return list(got)

def _read_objects(ctx: EventContext, tok) -> list:
    out = [c for c in tok.children if c.dep_ == "obj" and c.lower_ not in ctx.lex.grammar.reflexive_pronouns]
    if not out:  # "a repris jeudi plusieurs villages": the parser hangs the object on the day
        for c in tok.children:
            if c.dep_ in ("obl:mod", "obj", "obl") and c.lemma_.lower() in ctx.lex.grammar.time_words:
                out += [n for n in c.children if n.dep_ in ("nmod", "obj", "appos", "nummod")
                        and n.pos_ in ("NOUN", "PROPN", "NUM")
                        and not any(x.dep_ == "case" and x.lower_ not in ctx.lex.partitives for x in n.children)]
    if not out:  # an object labelled as an oblique with no preposition ("a attaqué le bilan")
        out = [c for c in tok.children if c.dep_ in ("obl:mod", "obl", "dep") and c.i > tok.i
               and (c.pos_ == "NOUN" or c.pos_ == "PROPN" and ctx.args.is_place(c))  # "a repris Tombouctou"
               and not any(x.dep_ == "case" for x in c.children)]
    out = [o for o in out if o.lemma_.lower() not in ctx.lex.grammar.time_words]
    if not is_reflexive(tok, ctx.lex.grammar):
        out += [c for c in tok.children if c.dep_ == "nsubj:pass"]
        if is_passive(tok, ctx.lex.grammar) and not any(c.dep_ == "nsubj:pass" for c in tok.children):
            inherited = subject(tok)  # "doit être combattue": the subject of "doit"
            if inherited is not None and inherited.i != tok.i:
                out.append(inherited)
    if tok.head.pos_ in NOMINAL and (
            (tok.dep_ == "acl" and is_passive_participle(tok)) or (tok.pos_ == "ADJ" and tok.dep_ in ("acl", "amod"))
            or (tok.dep_ == "amod" and participle_like(tok, ctx.lex.grammar) and tok.i < tok.head.i)):
        out.append(tok.head)  # "les manifestations dispersées", "deux civils tués", "blessant cinq enfants"
    return [o for o in out if o.lemma_.lower() not in ctx.lex.grammar.time_words]

def _true_object(ctx: EventContext, c) -> bool:
    """A real direct object ("manifester son soutien"), not a day or a place the parser took
    for one ("ont manifesté lundi à Goma", "à Tel-Aviv")."""
    if c.dep_ != "obj" or c.lower_ in ctx.lex.grammar.reflexive_pronouns or c.pos_ not in ("NOUN", "PRON"):
        return False
    return c.lemma_.lower() not in ctx.lex.grammar.time_words and c.lower_ not in ctx.lex.grammar.time_words and not ctx.args.is_place(c)

def _arg_nouns(ctx: EventContext, tok) -> list:
    out = []
    for c in tok.children:
        if c.dep_ in ARG_DEPS and c.lower_ not in ctx.lex.grammar.reflexive_pronouns:
            out.append(c)
            for n in c.children:
                if n.dep_ in ("nmod", "conj"):
                    out.append(n)
                    out.append(ctx.args.semantic_head(n))  # "des dizaines de roquettes"
    if tok.dep_ in ("acl", "amod") and tok.head.pos_ in NOMINAL:
        out.append(tok.head)
    return out

def near_nouns(tok) -> list:
    """Nouns just after the verb in its clause: a fallback where the parser hung the object
    elsewhere ("a abattu dans la nuit 25 des 28 drones")."""
    return [t for t in collect(tok, EVIDENCE_PRUNE) if t.pos_ == "NOUN" and 0 < t.i - tok.i <= 8]

def _apply(ctx: EventContext, tok, sense: Sense, sent) -> Draft | None:
    refl = is_reflexive(tok, ctx.lex.grammar)
    if sense.reflexive is True and not refl or sense.reflexive is False and refl:
        return None
    if sense.no_participle and tok.dep_ in ("acl", "amod"):
        return None
    if sense.no_infinitive and _de_infinitive(tok):
        return None
    if sense.objects and tok.dep_ in ("acl", "amod") and tok.head.pos_ == "NOUN" \
            and not any(c.dep_ == "obj" for c in tok.children) and not forms([tok.head]) & sense.objects:
        return None  # a participle describing a noun names what was done to it: "des photos prises"
    objs = objects(ctx, tok)
    if sense.place_object and not any(ctx.args.is_place(o) or o.lemma_.lower() in ctx.lex.place_nouns
                                      for o in objs):
        return None
    if sense.no_object and any(_true_object(ctx, c) for c in tok.children):
        return None
    if sense.needs_object and not objs:
        return None
    if sense.not_objects and forms(objs) & sense.not_objects:
        return None
    if sense.not_args and forms(_arg_nouns(ctx, tok)) & sense.not_args:
        return None
    if sense.objects and not forms(_arg_nouns(ctx, tok)) & sense.objects \
            and not forms(near_nouns(tok)) & sense.objects:
        return None
    if sense.arg_cases and not any(c.dep_.startswith("obl") and case_of(c) in sense.arg_cases for c in tok.children):
        return None
    if sense.subjects:
        who = [x for x in (subject(tok), first_child(tok, "obl:agent")) if x is not None]
        if not forms(ctx.args.semantic_head(x) for x in who) & sense.subjects:
            return None
    family = sense.family
    if sense.modifiers:
        mod = next((sense.modifiers[c.lemma_.lower()] for c in tok.children
                    if c.lemma_.lower() in sense.modifiers), None)
        if mod is None and sense.requires_modifier:
            return None
        family = mod or family
    noun = None
    if sense.light:
        noun = _event_noun(ctx, tok, objs)
        if noun is None or background(ctx, noun):
            return None
        entry = ctx.lex.noun(noun.lemma_.lower())
        family = _noun_family(ctx, noun, entry)
    if family is None:
        return None
    if noun is not None and (_figurative(ctx, noun) or _idiom(noun, entry)):
        return None
    if ctx.lex.family(family).place_target and noun is None and not _takes_a_place(ctx, tok, objs):
        return None
    return Draft(tok, tok, family, True, sent, noun=noun, sense=sense,
                 lethal=ctx.lex.family(family).lethal)

def _figurative(ctx: EventContext, noun) -> bool:
    """"une offensive diplomatique", "une attaque informatique"."""
    return any(c.dep_ in ("amod", "nmod") and (c.lower_ in ctx.lex.figurative or c.lemma_.lower() in ctx.lex.figurative)
               for c in noun.children)

def _taken_thing(ctx: EventContext, noun, entry) -> bool:
    """"des photos prises au même endroit": a participle the tagger read as a noun ("prises"),
    describing what was taken; a territory event only when that is a place."""
    head = noun.head
    if noun.dep_ != "acl" or head.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "det" for c in noun.children):
        return False
    return ctx.lex.family(entry.family).place_target and not (
        ctx.args.is_place(head) or forms([head]) & ctx.lex.place_nouns)

def _compared_to(ctx: EventContext, noun) -> bool:
    """"dépassent les rassemblements contre la guerre en Irak": the yardstick, not news."""
    return noun.dep_ == "obj" and noun.head.lemma_.lower() in ctx.lex.comparison_hosts

def _generic(ctx: EventContext, noun) -> bool:
    """"toute attaque contre des Casques bleus", "chaque bombardement": a kind, not an event."""
    return any(c.dep_ == "det" and c.lemma_.lower() in ctx.lex.generic_determiners for c in noun.children)

def _classifier(ctx: EventContext, noun) -> bool:
    """"un véhicule de combat", "un hélicoptère d'attaque": the noun, with no article of its
    own, only says what kind of vehicle or unit its head is."""
    head = noun.head
    return noun.dep_ == "nmod" and head.pos_ == "NOUN" and head.lemma_.lower() in ctx.lex.classifier_heads \
        and not any(c.dep_ == "det" for c in noun.children)

def _idiom(noun, entry) -> bool:
    """A locution the event noun is only part of ("une prise de bec", "prise de conscience"):
    a complement listed in the noun's ``not_args`` (an ``acl`` too: "prise de pouvoir", its
    noun read as the verb "pouvoir")."""
    return bool(entry is not None and entry.not_args and any(
        c.dep_ in ("nmod", "amod", "fixed", "compound", "acl")
        and (c.lemma_.lower() in entry.not_args or c.lower_ in entry.not_args)
        for c in noun.children))


def _de_infinitive(tok) -> bool:
    """"arrêter de faire du journalisme": the verb governs an infinitive, so it means to stop
    doing, not to arrest."""
    return any(c.dep_ in ("xcomp", "ccomp", "advcl", "obl", "obl:arg") and "Inf" in c.morph.get("VerbForm")
               for c in tok.children if c.i > tok.i)

def _takes_a_place(ctx: EventContext, tok, objs) -> bool:
    """What is taken or held is a place: "le contrôle de la ville", "Kidal", "plusieurs
    quartiers" (not "le contrôle de son concurrent", "le classement mondial")."""
    targets = []
    for o in list(objs) + [c for c in tok.children if c.dep_ in ("obl:arg", "obl")]:
        if o.lemma_.lower() in ctx.lex.grammar.control_nouns:
            targets += [n for n in o.children if n.dep_ == "nmod"]
        else:
            targets.append(o)
    for t in targets:
        t = ctx.args.semantic_head(t)
        forms = {t.lemma_.lower(), t.lower_}
        if ctx.args.is_place(t) or forms & ctx.lex.place_nouns or forms & ctx.lex.armed_nouns \
                or forms & ctx.lex.grammar.territory_words:
            return True
        if t.pos_ == "PROPN" and not ctx.args.actor_on(t):
            return True  # a name the places stage does not know, and no actor
    return not targets  # "ont pris le contrôle" with the place elsewhere: let it be

def _event_noun(ctx: EventContext, tok, objs):
    cands = list(objs) + [c for c in tok.children if c.dep_ in ("obl:arg",)]
    for c in cands:
        if c.pos_ == "NOUN" and ctx.lex.noun(c.lemma_.lower()) is not None:
            return c
    for c in cands:  # "a effectué une cinquantaine de frappes", "une série de raids"
        if c.lemma_.lower() in ctx.lex.quantity_nouns or c.lemma_.lower() in ctx.lex.series_nouns:
            inner = next((n for n in c.children if n.dep_ == "nmod" and n.pos_ == "NOUN"
                          and ctx.lex.noun(n.lemma_.lower()) is not None), None)
            if inner is not None:
                return inner
    return None

def _modifier(noun, entry) -> str | None:
    """The family a modifier gives the noun: an adjective ("incident armé") or a bare "de X"
    ("échange de tirs")."""
    for c in noun.children:
        bare_de = c.dep_ == "nmod" and not any(x.dep_ == "det" for x in c.children)
        if (c.dep_ in ("amod", "advmod", "acl") or bare_de) and c.lemma_.lower() in entry.modifiers:
            return entry.modifiers[c.lemma_.lower()]
    return None

def _noun_family(ctx: EventContext, noun, entry) -> str:
    return _modifier(noun, entry) or entry.family

def nominal(ctx: EventContext, tok, sent, title: bool) -> Draft | None:
    entry = ctx.lex.noun(tok.lemma_.lower())
    if entry is None or _requested(ctx, tok) or _figurative(ctx, tok) or _idiom(tok, entry) \
            or _generic(ctx, tok) or _classifier(ctx, tok) or _taken_thing(ctx, tok, entry) \
            or entry.requires_modifier and _modifier(tok, entry) is None or _compared_to(ctx, tok):
        return None
    if background(ctx, tok):
        before = _day_before_of(ctx, tok)
        if before is not None and (has_own_arguments(ctx, tok, sent) or any(  # or a new one: "d'un attentat"
                c.dep_ == "det" and c.lower_ in ctx.lex.grammar.indefinite_articles for c in tok.children)):
            family = _noun_family(ctx, tok, entry)  # "au lendemain d'un attentat contre un poste"
            return Draft(tok, tok, family, False, sent, noun=tok, title=title, day_before=before,
                         lethal=ctx.lex.family(family).lethal)
        if not _simultaneous(ctx, tok):
            return None
        family = _noun_family(ctx, tok, entry)
        return Draft(tok, tok, family, False, sent, noun=tok, title=title, only_part=True,
                     lethal=ctx.lex.family(family).lethal)
    governor = tok.head if tok.head.pos_ in ("VERB", "AUX") else tok
    if ctx.kit.modality.is_habitual(governor, ctx.sentence_text(sent)) or ctx.kit.modality.is_hypothesis(tok):
        return None
    family = _noun_family(ctx, tok, entry)
    host = _host(ctx, tok)
    if host is not None:
        return Draft(tok, host, family, False, sent, noun=tok, title=title,
                     lethal=ctx.lex.family(family).lethal)
    if entry.weak:
        return None
    if title or has_own_arguments(ctx, tok, sent):
        return Draft(tok, tok, family, False, sent, noun=tok, title=title,
                     lethal=ctx.lex.family(family).lethal)
    if _simultaneous(ctx, tok):  # "tués au cours des émeutes": it joins the clause's event, if any
        return Draft(tok, tok, family, False, sent, noun=tok, title=title, only_part=True,
                     lethal=ctx.lex.family(family).lethal)
    return None

def background(ctx: EventContext, tok) -> bool:
    """A noun in a phrase of time ("après l'attaque", "lors des combats") or under a word
    that makes it no event ("l'anniversaire de la prise", "la menace d'une offensive")."""
    if case_of(tok) in ctx.lex.temporal_heads:
        return True
    t = tok
    for _ in range(3):
        h = t.head
        if h == t:
            return False
        if h.lemma_.lower() in ctx.lex.temporal_heads and t.dep_ in ("obl:arg", "obl", "nmod", "fixed"):
            return True
        if t.dep_ not in ("nmod", "obl", "obl:arg", "conj", "appos"):
            return False
        if h.lemma_.lower() in ctx.lex.blocking_heads and h.pos_ == "NOUN":
            return True
        t = h
    return False

def _day_before_of(ctx: EventContext, tok):
    """"au lendemain d'un attentat": the event came the day before the clause's; the verb of
    that clause (None when the noun is under no "lendemain")."""
    h = tok.head
    if h.lemma_.lower() not in ctx.lex.grammar.day_after_nouns or tok.dep_ not in ("nmod", "obl", "obl:arg"):
        return None
    verb = h.head
    return verb if verb.pos_ in ("VERB", "AUX") and verb != h else None

def _simultaneous(ctx: EventContext, tok) -> bool:
    """"lors d'une attaque", "pendant les combats": the same time as the clause."""
    if case_of(tok) in ctx.lex.simultaneous_heads:
        return True
    h = tok.head
    return h.lemma_.lower() in ctx.lex.simultaneous_heads or any(
        c.lower_ in ctx.lex.simultaneous_heads for c in tok.children if c.dep_ in ("case", "advmod", "fixed"))

def _requested(ctx: EventContext, tok) -> bool:
    """A noun asked for, feared or planned: "a exigé le retrait des troupes"."""
    h = tok.head
    return tok.dep_ in ("obj", "obl", "obl:arg", "nsubj:pass") and h.lemma_.lower() in ctx.lex.request_heads

def _host(ctx: EventContext, tok):
    """The verb (or death noun) whose clause tells this noun's event, if the noun is its
    subject ("des combats ont éclaté", "l'attaque a fait 12 morts") or its cause ("morts
    dans un attentat")."""
    h = tok.head
    if h == tok:
        return None
    lemma = h.lemma_.lower()
    if tok.dep_ in ("nsubj", "nsubj:pass") and h.pos_ in ("VERB", "AUX", "ADJ"):
        if lemma in ctx.lex.occurrence_verbs:
            return h
        if lemma in ctx.lex.grammar.take_place_verbs and any(c.dep_ == "obj" and c.lemma_ in ctx.lex.grammar.take_place_objects
                                                  for c in h.children):
            return h
    if lemma in ctx.lex.agent_occurrence_verbs and h.pos_ in ("VERB", "ADJ") and (tok.dep_ == "obl:agent" or (
            tok.dep_.startswith("obl") and case_of(tok) in ctx.lex.grammar.agent_preps)):
        return h  # "le marché a été visé par des tirs de roquettes", "touché mardi par quatre missiles"
    if tok.dep_ in ("obl", "obl:mod", "obl:arg", "nmod") and (
            lemma in ctx.lex.death_verbs or (h.pos_ == "NOUN" and lemma in ctx.lex.death_nouns)
            or (lemma in ctx.lex.death_locutions and any(
                c.dep_ == "obj" and c.lemma_.lower() in ctx.lex.death_locutions[lemma] for c in h.children))):
        return h  # "ont perdu la vie dans l'explosion d'une mine"
    if tok.dep_ == "nmod" and h.dep_ in ("nsubj", "nsubj:pass") and case_of(h) in ctx.lex.grammar.place_subject_preps \
            and not case_of(tok) and h.head.lemma_.lower() in ctx.lex.occurrence_verbs:
        return h.head  # "En Cisjordanie, des heurts ont opposé ...": the parser took the place for the subject
    if tok.dep_ == "nmod" and lemma in ctx.lex.grammar.toll_nouns and h.head.pos_ in ("VERB", "AUX") and h.dep_ in ("nsubj", "obj"):
        return h.head  # "le bilan de l'attentat s'élève à 32 morts"
    if lemma in ctx.lex.always_hosts and (tok.dep_ in ("obj", "nsubj:pass") or (
            tok.dep_ == "obl:arg" and case_of(tok) in ctx.lex.grammar.partitive_articles)):  # "a revendiqué mardi des tirs": "des" read as a preposition
        return h
    if tok.dep_ == "obj" and lemma in ctx.lex.report_hosts and h.pos_ == "VERB":
        # "a confirmé ces incidents à Ajdabiya": the place or date may hang on the verb
        if has_own_arguments(ctx, tok, tok.sent) or has_own_arguments(ctx, h, tok.sent, own=False):
            return h
    return None

def has_own_arguments(ctx: EventContext, tok, sent, *, own: bool = True) -> bool:
    """An event noun with its own actor, target, place or date ("l'attaque de l'armée",
    "les affrontements entre X et Y", "les manifestations à Alger", "l'attentat de mardi").
    With ``own=False``, only a place counts (the arguments of a verb reporting the noun)."""
    for c in tok.children:
        if c.dep_ not in ("nmod", "obl", "obl:arg", "obl:mod", "acl"):
            continue
        case = case_of(c)
        if not own:
            if case in ctx.lex.grammar.event_place_preps and ctx.args.is_place(c):
                return True
            continue
        if case in ctx.lex.grammar.party_preps:
            return True
        if case in ctx.lex.grammar.opponent_preps and actorish(ctx, c):  # "une fusillade avec des hommes armés"
            return True
        if case in ctx.lex.grammar.de_words and (actorish(ctx, c) or ctx.args.is_place(c)):
            return True
        if case in ctx.lex.grammar.event_place_preps and ctx.args.is_place(c):
            return True
        if case in ctx.lex.grammar.against_preps and c.lemma_.lower() in ctx.lex.place_nouns:
            return True  # "une attaque contre leur base"
        if case in ctx.lex.grammar.de_words | ctx.lex.grammar.against_preps and any(x.dep_ == "nmod" and ctx.args.is_place(x) and
                                           case_of(x) in ctx.lex.grammar.nested_place_preps
                                           for x in c.children):
            return True  # "l'attaque d'un camp près de Gao"
    sub = list(tok.subtree)
    s, e = sub[0].idx, sub[-1].idx + len(sub[-1].text)
    return any(s <= a < e for a, _, x in ctx.when.exprs(sent) if x.role == "at")

def subjectish(ctx: EventContext, tok) -> bool:
    """A subject that can be an actor: any noun but a place, an instrument, a thing."""
    if tok.pos_ == "PRON":
        if tok.lower_ in ctx.lex.grammar.impersonal_pronouns:
            return False
        antecedent = ctx.args.antecedent(tok)  # "des hélicoptères qui ont bombardé": a thing
        return antecedent is None or antecedent.pos_ == "PRON" or subjectish(ctx, antecedent)
    if ctx.args.actor_on(tok) or ctx.args.actor_on(ctx.args.semantic_head(tok)):
        return True
    if ctx.args.is_place(tok) or tok.lemma_.lower() in ctx.lex.grammar.time_words:  # "vendredi": a parse slip
        return False
    head = ctx.args.semantic_head(tok)
    forms = {head.lemma_.lower(), head.lower_}  # the lemmatizer errs ("obus" -> "obu")
    if forms & ctx.lex.instruments.keys() or forms & ctx.lex.nouns.keys() or \
            (forms & ctx.lex.place_nouns and not forms & ctx.lex.armed_nouns):
        return False
    return tok.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")

def means(ctx: EventContext, tok) -> bool:
    """"par la force": a manner, not the forces."""
    return tok.lemma_.lower() in ctx.lex.grammar.manner_nouns and "Sing" in tok.morph.get("Number") and not any(
        c.dep_ in ("amod", "nmod") for c in tok.children)

def actorish(ctx: EventContext, tok) -> bool:
    """A noun that can be an actor: not a place, an instrument or an abstraction."""
    if tok.pos_ == "PRON":
        return tok.lower_ not in ctx.lex.grammar.thing_pronouns
    if ctx.args.actor_on(tok):
        return True
    if ctx.args.is_place(tok):
        return False
    forms = {tok.lemma_.lower(), tok.lower_}
    if forms & ctx.lex.instruments.keys() or (forms & ctx.lex.place_nouns and not forms & ctx.lex.armed_nouns):
        return False
    if tok.pos_ == "PROPN":
        return True
    head = ctx.args.semantic_head(tok)
    hl = head.lemma_.lower()
    if hl in ctx.lex.armed_nouns or hl in ctx.lex.civilian_nouns or hl in ctx.lex.nonstate_nouns \
            or hl in ctx.lex.state_nouns or hl in ctx.lex.protester_nouns:
        return True
    return ctx.args._actor_in(tok.idx, tok.idx + len(tok.text), tok.idx) is not None
