"""Roles: who acts (actor1) and who is acted upon (actor2), from the dependency parse.

Active verbs: subject and object; passives: the agent ("par X") and the passive subject; event
nouns: "par X", "de X" (agent or patient by noun), "contre X", "entre X et Y"; a verb hosting an
event noun: "opposer X à Y", "des heurts ont éclaté entre X et Y", "l'EI a revendiqué l'attentat".
Plain functions over the document's ``EventContext``; ``assign_roles`` fills a draft's roles.
"""
from __future__ import annotations

from .arguments import Arg
from .context import EventContext
from .draft import NOMINAL, REMOTE, Draft
from .frames import RolePattern, label_in
from .syntax import case_of, first_child, is_passive, is_passive_participle, is_reflexive, orphan_subject, subject
from .triggers import actorish, means, objects, subjectish


def assign_roles(ctx: EventContext, d: Draft) -> None:
    if d.verbal:
        _verbal_roles(ctx, d)
    else:
        _noun_roles(ctx, d, d.trigger)
        if d.host != d.trigger:
            _host_roles(ctx, d)

# families whose noun's nationality adjective names the attacker ("une frappe israélienne")
NATIONAL_FAMILIES = REMOTE | {"attack", "offensive", "armed_clash", "capture", "siege"}

def national_actor(ctx: EventContext, d: Draft, clause) -> None:
    """No actor1, and a strike noun or a weapon qualified by a nationality: "une frappe de
    missile russe", "tués dans une frappe israélienne", "l'invasion russe", "l'artillerie
    russe a pilonné" -> Russian / Israeli forces."""
    if d.actor1 is not None:
        return
    nouns = [d.noun] + [p.noun for p in d.parts] + [p.trigger for p in d.parts if not p.verbal]
    nouns += [t for t in clause if t.pos_ == "NOUN" and t.dep_ in ("nsubj", "obl", "obl:mod", "obl:agent", "obl:arg")
              and (t.head == d.host or t.head == d.trigger)]
    for noun in nouns:
        if noun is None or noun.pos_ != "NOUN":
            continue
        lemma = noun.lemma_.lower()
        fam = ctx.lex.noun(lemma)
        if (fam is None or fam.family not in NATIONAL_FAMILIES) and lemma not in ctx.lex.instruments:
            continue
        # the noun's own adjective, or its instrument's ("frappe de missile russe")
        quals = [c for c in noun.children if c.dep_ == "amod" and c.i > noun.i]
        for c in noun.children:
            if c.dep_ == "nmod" and case_of(c) in ctx.lex.grammar.de_words and c.lemma_.lower() in ctx.lex.instruments:
                quals += [x for x in c.children if x.dep_ == "amod" and x.i > c.i]
        for q in quals:
            adj = ctx.lex.nationality.get(q.lower_)
            if adj:
                d.actor1 = Arg(q, q.text, None, f"{adj} forces", "military")
                return

def _aside_subject(ctx: EventContext, tok):
    """"X a de son côté tiré ...", "X a pour sa part repris ...": the parser hangs the
    participle on the aside's noun; the subject is the noun subject before the aside."""
    head = tok.head
    if tok.dep_ != "acl" or head.lemma_.lower() not in ctx.lex.aside_nouns or head.i > tok.i or \
            not any(c.dep_ == "det" and c.lower_ in ctx.lex.aside_possessives for c in head.children):
        return None
    for i in range(head.i - 1, tok.sent.start - 1, -1):
        t = tok.doc[i]
        if t.dep_ == "nsubj" and t.pos_ in ("NOUN", "PROPN", "PRON"):
            return t
    return None

def _subject_on_aux(ctx: EventContext, tok):
    """"Le Hezbollah a pour sa part tiré": the parser hung the subject on the auxiliary."""
    for aux in tok.children:
        if aux.dep_.startswith("aux") and aux.i < tok.i:
            found = next((c for c in aux.children if c.dep_ == "nsubj"), None)
            if found is not None:
                return found
    return None

def _verbal_roles(ctx: EventContext, d: Draft) -> None:
    tok = d.trigger
    arg = ctx.args.arg
    subj = subject(tok)
    aside = _aside_subject(ctx, tok)
    if aside is not None:  # "Le Hamas a de son côté tiré des roquettes"
        subj = aside
    elif subj is None:
        subj = _subject_on_aux(ctx, tok)
    if tok.dep_ in ("xcomp", "acl") and tok.head.lemma_.lower() in ctx.lex.object_control:
        subj = first_child(tok.head, "obj") or subj  # "accusé l'armée de mener des frappes"
    passive_voice = is_passive(tok, ctx.lex.grammar)
    if subj is None and not passive_voice:
        subj = orphan_subject(tok)
    agent = first_child(tok, "obl:agent")
    if agent is not None and (not subjectish(ctx, agent) or means(ctx, agent)):
        agent = None
    if agent is None and passive_voice:
        agent = _stray_agent(ctx, tok)
    all_objs = objects(ctx, tok)  # read once: the patient below may come from them too
    # the object, or the one the parser hung on the day before it ("ont tué jeudi cinq civils")
    objs = [o for o in all_objs if o.dep_ == "obj" or o.head.i != tok.i
            and o.head.lemma_.lower() in ctx.lex.grammar.time_words]
    passive = passive_voice and not is_reflexive(tok, ctx.lex.grammar)
    if tok.pos_ == "ADJ" and tok.dep_ in ("acl", "amod") and tok.head.pos_ in NOMINAL \
            and tok.head.lemma_.lower() not in ctx.lex.grammar.time_words:
        passive = True  # a participle tagged as an adjective: "deux civils tués"
        subj = tok.head
    if aside is not None:
        passive = False
    if passive:
        patient = tok.head if (tok.dep_ == "acl" and is_passive_participle(tok)) else subj
        d.patient = patient
        d.actor2 = arg(patient) if patient is not None and subjectish(ctx, patient) \
            and ctx.lex.family(d.family).object_is_actor else None
        d.actor1 = arg(agent) if agent is not None else None
    else:
        partner = _partner(ctx, subj)
        d.actor1 = arg(subj, cut=partner) if subj is not None and subjectish(ctx, subj) else None
        if d.actor1 is not None and partner is not None:
            d.assoc1 = arg(partner)  # "les jihadistes et les factions soutenues par la Turquie"
        obj = objs[0] if objs else None
        d.patient = obj
        if obj is not None and ctx.lex.family(d.family).object_is_actor and subjectish(ctx, obj) \
                and not ctx.args.is_town(obj):  # "a attaqué Maïduguri": where, not whom
            d.actor2 = arg(obj)
    if d.actor1 is None:  # "des avions de l'OTAN ont bombardé": the weapon's owner acts
        d.actor1 = _owner_of_means(ctx, agent if passive else subj)
    if d.patient is None and d.lethal:  # "avoir « neutralisé » une quinzaine de terroristes" (an oblique)
        d.patient = next((o for o in all_objs if o.dep_ in ("obl", "obl:mod", "dep")
                          and not ctx.args.is_place(o)), None)
    if d.sense is not None and d.sense.patient_subject:
        d.actor2, d.actor1 = d.actor1, None
    # targets and counterparts by preposition, patients under an idiom noun ("en otage X"):
    # the sense's own patterns, then the verb frame's (frames.yaml)
    own = d.sense.roles if d.sense is not None else ()
    apply_groups(ctx, d, tok, own + ctx.lex.role_frames.verb, family=d.family)
    if d.noun is not None:
        _noun_roles(ctx, d, d.noun)
    if d.actor2 is None and d.family in ("transfer", "release"):
        # "transférer le contrôle de X, [long apposition], aux forces afghanes": the parser
        # often hangs the receiver on the last noun before it
        for t in tok.subtree:
            if t.i > tok.i and t.pos_ in NOMINAL and case_of(t) in ctx.lex.grammar.dative_preps and actorish(ctx, t):
                d.actor2 = arg(t)
                break
    if d.actor1 is None and d.family == "arrest":
        force = next((t for t in d.sent if t.pos_ == "NOUN" and t.lemma_.lower() in ctx.lex.arresting_nouns
                      and t.i != tok.i), None)
        if force is not None:
            d.actor1 = arg(force)

def _fight_in(ctx: EventContext, tok) -> bool:
    """The verb has a fight noun among its obliques ("dans une fusillade", "lors de combats")."""
    for c in tok.children:
        entry = ctx.lex.noun(c.lemma_.lower()) if c.dep_.startswith("obl") else None
        if entry is not None and entry.family in ("armed_clash", "attack"):
            return True
    return False

def _owner_of_means(ctx: EventContext, tok):
    """"des avions de l'OTAN", "l'artillerie de l'armée": the actor whose weapon it is."""
    if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    head = ctx.args.semantic_head(tok)
    if head.lemma_.lower() not in ctx.lex.instruments and head.lower_ not in ctx.lex.instruments:
        return None
    owner = next((c for c in head.children if c.dep_ == "nmod" and case_of(c) in ctx.lex.grammar.de_words and actorish(ctx, c)), None)
    return ctx.args.arg(owner) if owner is not None else None

def _partner(ctx: EventContext, tok):
    """A second actor coordinated with the first ("les jihadistes et les factions pro-turques
    ont attaqué"): ACLED's associated actor. Only an actor-like noun phrase; a place or a
    number in the coordination is no partner."""
    if tok is None:
        return None
    heads = [tok] + [c for c in tok.children if c.dep_ == "nmod"]  # "les rebelles du M23 et des soldats rwandais"
    conj = next((c for h in heads for c in h.children if c.dep_ == "conj" and c.pos_ in NOMINAL and c.i > tok.i),
                None)
    if conj is None or ctx.args.is_place(conj) or not actorish(ctx, conj):
        return None
    return conj

def _claim_agent(ctx: EventContext, h):
    """The "par X" of a passive claim, however the parser hung it: as the agent, as an
    oblique ("revendiqué mardi par l'EI"), or on the day before it."""
    agent = first_child(h, "obl:agent")
    if agent is not None:
        return agent
    agent = next((c for c in h.children if c.dep_.startswith("obl") and case_of(c) in ctx.lex.grammar.agent_preps),
                 None)
    return agent if agent is not None else _stray_agent(ctx, h)

def _stray_agent(ctx: EventContext, tok):
    """"reprise aux groupes islamistes le 26 janvier par les forces françaises": the agent
    the parser hung on the oblique before it."""
    for c in tok.children:
        if not (c.dep_.startswith("obl") or c.dep_ in ("obj", "xcomp")) or case_of(c) in ctx.lex.grammar.agent_preps:
            continue  # ("attaqué jeudi par des rebelles": the day read as an xcomp)
        for n in c.children:
            if n.dep_ in ("nmod", "obl:agent") and n.i > c.i and case_of(n) in ctx.lex.grammar.agent_preps and subjectish(ctx, n) \
                    and not means(ctx, n):
                return n
    return None

def _noun_roles(ctx: EventContext, d: Draft, noun) -> None:
    """An event noun's complements, read by its own patterns, then the noun frame's."""
    entry = ctx.lex.noun(noun.lemma_.lower())
    own = entry.roles if entry is not None else ()
    apply_groups(ctx, d, noun, own + ctx.lex.role_frames.noun,
                 family=entry.family if entry is not None else None, de=entry.de if entry is not None else None)


def apply_groups(ctx: EventContext, d: Draft, owner, groups, *, family: str | None, de: str | None = None) -> None:
    """Fill ``d``'s roles from ``owner``'s dependents by the patterns of ``groups`` (frames.yaml):
    within a group, each dependent in text order takes the first pattern it matches."""
    children = None  # (token, label), read once: reading a spaCy attribute builds an object
    for group in groups:
        live = [p for p in group if (p.families is None or family in p.families) and (p.de is None or p.de == de)]
        if not live:
            continue
        if children is None:
            children = [(c, c.dep_) for c in owner.children]
        for child, dep in children:
            for p in live:
                if _apply_pattern(ctx, d, owner, child, dep, p):
                    break


def _apply_pattern(ctx: EventContext, d: Draft, owner, child, dep: str, p: RolePattern) -> bool:
    """Whether ``p`` matched (one of) the words ``child`` offers it; those it matched fill its roles."""
    if p.under is not None:
        u = p.under
        if not label_in(dep, u.deps) or u.lemmas is not None and child.lemma_.lower() not in u.lemmas:
            return False
        words = [n for n in child.children if p.has_dep(n.dep_)]
    elif not p.has_dep(dep):
        return False
    else:
        words = [child] + [n for n in child.children if n.dep_ in p.nested] if p.nested else [child]
    if any(getattr(d, r) is not None for r in p.only_if_empty):
        return False
    matched = False
    for w in words:
        if _matches(ctx, w, p) and all(OWNER_TESTS[x](ctx, owner) for x in p.when):
            matched = True
            if not p.skip:
                _fill(ctx, d, w, p)
    return matched


def _matches(ctx: EventContext, tok, p: RolePattern) -> bool:
    if p.cases is not None and case_of(tok) not in p.cases:
        return False
    lemma = tok.lemma_.lower()
    if p.lemmas is not None and lemma not in p.lemmas or lemma in p.not_lemmas:
        return False
    return all(DEPENDENT_TESTS[x](ctx, tok) for x in p.tests)


def _fill(ctx: EventContext, d: Draft, tok, p: RolePattern) -> None:
    for role in p.fill:
        _set(ctx, d, role, tok)
    empty = next((r for r in p.fill_first if getattr(d, r) is None), None)
    if empty is not None:
        _set(ctx, d, empty, tok)
    if p.conj is not None:
        other = next((x for x in tok.children if x.dep_ == "conj"), None)
        if other is not None:
            _set(ctx, d, p.conj, other)


def _set(ctx: EventContext, d: Draft, role: str, tok) -> None:
    """Fill a role if it is empty: the patient is the word, an actor its argument."""
    if getattr(d, role) is None:
        setattr(d, role, tok if role == "patient" else ctx.args.arg(tok))


# the tests a pattern's ``is`` and ``when`` name (veille.events.frames lists the names)
DEPENDENT_TESTS = {
    "actor": actorish,
    "subject": subjectish,
    "not_means": lambda ctx, tok: not means(ctx, tok),
    "not_civilian": lambda ctx, tok: not ctx.args.is_civilian(ctx.args.arg(tok)),
}
OWNER_TESTS = {"fight_in": lambda ctx, tok: _fight_in(ctx, tok)}


def _opposed(ctx: EventContext, h):
    """The first side of "opposer": the object, not the day the parser took for it ("ont
    opposé dimanche soldats maliens et ..."), nor the day the side was hung on ("ont
    opposé jeudi miliciens anti-balaka et ...")."""
    for c in h.children:
        if c.dep_ != "obj":
            continue
        if c.lemma_.lower() not in ctx.lex.grammar.time_words and c.lower_ not in ctx.lex.grammar.time_words:
            return c
        hung = next((x for x in c.children if x.pos_ in NOMINAL and x.i > c.i
                     and x.dep_ in ("amod", "nmod", "appos", "obj")
                     and not any(k.dep_ == "case" and k.lower_ not in ctx.lex.grammar.article_de_words for k in x.children)),
                    None)  # "ont opposé lundi des manifestants": "des" is an article, read as "de"
        if hung is not None:
            return hung
    return None

def _pair_after(ctx: EventContext, h):
    """"opposé samedi rebelles touareg et soldats nigériens": the first noun after the verb
    (days and articles skipped) and the first noun after the "et" that follows it, with
    nothing but modifiers between (no preposition, no comma)."""
    first = None
    for t in h.doc[h.i + 1:h.sent.end]:
        low = t.lower_
        if first is None:
            if t.pos_ in ("DET", "ADV") or low in ctx.lex.grammar.time_words or t.lemma_.lower() in ctx.lex.grammar.time_words:
                continue
            if t.pos_ not in ("NOUN", "PROPN", "ADJ"):
                return None
            first = t
        elif low in ctx.lex.grammar.and_words:
            nxt = next((x for x in h.doc[t.i + 1:h.sent.end] if x.pos_ != "DET"), None)
            if nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ"):
                return None
            return first, nxt
        elif t.pos_ not in ("NOUN", "PROPN", "ADJ") or t.is_punct:
            return None
    return None

def _host_roles(ctx: EventContext, d: Draft) -> None:
    """The roles the verb hosting an event noun gives, by the host frames of frames.yaml."""
    h = d.host
    lemma = h.lemma_.lower()
    for frame in ctx.lex.role_frames.host:
        if frame.lemmas is not None and lemma not in frame.lemmas:
            continue
        apply_groups(ctx, d, h, frame.groups, family=d.family)
        if frame.reader is not None:
            HOST_READERS[frame.reader](ctx, d)
        if frame.last:
            return


def _claimant(ctx: EventContext, d: Draft) -> None:
    """"l'EI a revendiqué l'attentat", "l'attentat a été revendiqué par l'EI": the claimant did it."""
    h = d.host
    s = first_child(h, "nsubj") or _claim_agent(ctx, h)
    if s is not None and d.actor1 is None and subjectish(ctx, s):
        d.actor1 = ctx.args.arg(s)


def _opposition(ctx: EventContext, d: Draft) -> None:
    """"des combats ont opposé l'armée aux rebelles": both sides, however the parser hung them."""
    h = d.host
    arg = ctx.args.arg
    obj = _opposed(ctx, h)
    other = next((c for c in h.children if c.dep_.startswith("obl") and case_of(c) in ctx.lex.grammar.dative_preps
                  and actorish(ctx, c)), None)  # not "à Conakry", "au lendemain"
    inner = None
    pair = _pair_after(ctx, h) if other is None else None
    if pair is not None:  # "ont opposé dimanche soldats maliens et combattants islamistes"
        obj, other = pair  # read off the words: the parser often hangs them on the day
        inner = other
    if other is None and obj is not None:  # "opposent l'armée aux rebelles", hung on the object
        inner = other = next((c for c in obj.children if c.dep_ == "nmod" and case_of(c) in ctx.lex.grammar.dative_preps), None)
    if other is None and obj is not None:  # "ont opposé soldats maliens et combattants islamistes"
        inner = other = next((c for c in obj.subtree if c.dep_ == "conj" and c.pos_ in NOMINAL
                              and c.head.i >= obj.i), None)
    if obj is not None and d.actor1 is None and actorish(ctx, obj):
        d.actor1 = arg(obj, cut=inner)
    if other is not None and d.actor2 is None and actorish(ctx, other):
        d.actor2 = arg(other)


# what a host frame's ``reader`` names (veille.events.frames.READERS)
HOST_READERS = {"claimant": _claimant, "opposed": _opposition}
