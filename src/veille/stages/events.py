"""events: who did what to whom, where, when, how many died, and who says so.

For each sentence of the parse:
  1. triggers (``veille.events.triggers``): verbs of the predicate lexicon whose conditions hold
     ("fermer" + aéroport), support verbs with an event noun ("lancer une offensive"), and event
     nouns that the text presents as events (subject of "avoir lieu", "éclater", "faire N
     morts"; or with an actor, a place or a date of their own: "l'attaque de l'armée contre les
     rebelles à Idlib");
  2. roles from the dependency parse (``veille.events.roles``): actor1 (subject, passive agent,
     "de X" of the noun), actor2 (object, passive subject, "contre X"), mapped to the actors
     stage's actors;
  3. a noun and a verb telling the same event in one sentence become one event
     (``veille.events.telling``);
then each event is completed (``veille.events.complete``: place, date, death toll; drafts that
are no news left out), the same event told twice in the article (a title or a caption repeating
the lead) is kept once with both spans, and each is coded (``veille.events.coding``: ACLED /
PLOVER type refined by who acts and who is hit, modality). Every step is a plain function over
the document's ``EventContext``.
"""
from __future__ import annotations

from .. import lexicons
from ..document import Doc
from ..events.complete import anchored_days, bare_modifier, complete, misfit_draft, one_a_place, threatened
from ..events.coding import to_event
from ..events.context import EventContext, Kit
from ..events.draft import Draft
from ..events.roles import assign_roles
from ..events.telling import dedupe, follow_ups, merge_sentence, news_sentence
from ..events.triggers import background, nominal, verbal
from ..record import Event
from ..settings import Settings

NAME = "events"
NEEDS = ("raw", "offsets", "clean_text", "blocks", "meta.published", "language", "parsed", "tokens", "places",
         "actors", "statements", "place_mentions", "actor_mentions", "speaker_actors", "speaker_mentions",
         "statement_content", "statement_cues", "warnings")
SETS = ("events", "warnings")


class Stage:
    def __init__(self, *, settings: Settings) -> None:
        self.settings = settings
        langs = list((settings.get("parse.models") or {"fr": None}).keys())
        self.kits = {lang: Kit(lang) for lang in langs if lexicons.exists(lang, "events.yaml")}
        self.max_evidence = int(settings.get("events.max_evidence_chars"))

    def __call__(self, doc: Doc) -> Doc:
        kit = self.kits.get(doc.language or "")
        if doc.parsed is None or kit is None:
            return doc
        doc.events = extract(EventContext(kit, doc, self.max_evidence))
        return doc


def extract(ctx: EventContext) -> list[Event]:
    drafts: list[Draft] = []
    tolls: list[tuple[object, int]] = []  # sentences with a death toll and no event
    for sent in ctx.parsed.sents:
        try:
            found = sentence_drafts(ctx, sent)
        except Exception as exc:  # one odd parse must not cost the article its events
            ctx.doc.warnings.append(f"events: sentence at {sent.start_char} skipped ({type(exc).__name__}: {exc})")
            continue
        drafts.extend(found)
        if not found:
            n = ctx.kit.fatal.in_clause(ctx.death_words(sent))
            if n is not None and news_sentence(ctx, sent):
                tolls.append((sent, n))
    done = []
    for d in drafts:
        try:
            complete(ctx, d)
            done.append(d)
        except Exception as exc:
            ctx.doc.warnings.append(f"events: event at {d.trigger.idx} skipped ({type(exc).__name__}: {exc})")
    anchored_days(ctx, done)
    drafts = [d for d in done if not (d.dated and d.dated.background) and not threatened(ctx, d)
              and not bare_modifier(ctx, d) and not misfit_draft(ctx, d)]
    drafts = follow_ups(ctx, drafts, tolls)
    drafts = dedupe(ctx, drafts)
    drafts = [x for d in drafts for x in one_a_place(ctx, d)]
    events = []
    for d in drafts:
        try:
            events.append(to_event(ctx, d))
        except Exception as exc:
            ctx.doc.warnings.append(f"events: event at {d.trigger.idx} skipped ({type(exc).__name__}: {exc})")
    return events


def sentence_drafts(ctx: EventContext, sent) -> list[Draft]:
    block = ctx.block_at(sent.start_char)
    title = bool(block and block.kind in ("title", "heading"))
    found: list[Draft] = []
    absorbed: set[int] = set()
    toks = ctx.trigger_words(sent)
    for tok in toks:
        d = verbal(ctx, tok, sent)
        if d is not None:
            d.title = title
            found.append(d)
            if d.noun is not None:
                absorbed.add(d.noun.i)
    for tok in toks:
        if tok.pos_ == "NOUN" and tok.i not in absorbed:
            d = nominal(ctx, tok, sent, title)
            if d is not None:
                found.append(d)
    for d in found:
        assign_roles(ctx, d)
    merged = merge_sentence(ctx, found)
    violent = [d for d in merged if d.family in ctx.lex.violent]
    if len(violent) == 1:  # "l'armée a annoncé la mort de trois soldats dans une attaque"
        # not a death told as the cause of it ("en représailles à la mort de ...")
        toks = [t for t in ctx.death_words(sent) if not (t.pos_ == "NOUN" and background(ctx, t))]
        violent[0].sentence_toll = ctx.kit.fatal.in_clause(toks)
    return merged
