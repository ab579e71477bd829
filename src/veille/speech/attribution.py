"""Who says what in one document: reporting cues, their speakers and what they say.

Patterns of French news copy it reads (each has tests in ``tests/test_statements_*.py``):

    forward        "X a déclaré (vendredi) que Y", "X affirme avoir Y", "X a exhorté Z à Y",
                   "X a déclaré : « Y »"
    inverted       "« Y », a déclaré X", "Y, a indiqué X.", "Y, a-t-il ajouté"
    stripped       a block that is a quotation whose marks the scraper removed, attributed by the
                   next block ("a déclaré vendredi X, ...") or closed by a lone "." line
    participial    "..., ajoutant que Y" (the speaker of the governing clause)
    according to   "Selon X, Y", "Y, selon X", "d'après X", "de source militaire"
    nested         "des sources affirment que l'armée a affirmé Y": the army's statement with
                   source chain ["sources"], and the sources' statement; a channel ("ont rapporté
                   les médias", "selon X") that only passes on a statement becomes its source chain
    pronouns       "Il a ajouté que Y" -> the subject the actors stage found; "a-t-il ajouté" -> the
                   last speaker
    quotations     "X ... : « Y »" with any verb, "X met « Y »" (a quotation inside the clause),
                   "Y —X, role" (a quotation signed with a dash)
"""
from __future__ import annotations

from ..record import Statement
from .according import AccordingMixin
from .actorbook import ActorBook
from .clauses import ClauseMixin
from .content import ContentMixin
from .dates import date_near, published_date
from .naming import np_extent
from .draft import Draft
from .lexicon import Cue, Lexicon
from .lexmatch import norm
from .quotes import QuoteIndex
from .quoted import QuotedMixin
from .speakers import SpeakerMixin
from ..tokenview import TokenView


class Finder(ClauseMixin, SpeakerMixin, ContentMixin, AccordingMixin, QuotedMixin):
    """Finds the statements of one document (see the module docstring for the patterns)."""

    def __init__(self, doc, tv: TokenView, lex: Lexicon, book: ActorBook, quotes: QuoteIndex) -> None:
        self.doc = doc
        self.text = doc.clean_text
        self.tv = tv
        self.lex = lex
        self.book = book
        self.quotes = quotes
        self.published = published_date(doc.meta.get("published"))
        self.drafts: list[Draft] = []
        self.by_cue: dict[int, Draft] = {}  # cue token -> its statement
        self.boundaries: set[int] = set()  # tokens where a trailing attribution starts
        self.cue_positions: set[int] = set()
        self.block_of_sent: list[int] = self._blocks_of_sentences()
        self._merged = self._merge_sentences()

    # ------------------------------------------------------------------ driver
    def run(self) -> list[Draft]:
        cues = self._cues()
        self.cue_positions = {i for _, i, _, _ in cues}
        cue_tokens = {i for kind, i, _, _ in cues if kind == "verb"}
        for kind, i, hi, cue in cues:
            ce = self._ce_que(self._first_of(i)) if kind == "verb" else None
            if ce is not None:  # "..., ce que le Rwanda dément": the clause before is its content
                self.boundaries.add(ce - 1 if self.tv.text[ce - 1] == "," else ce)
            elif kind == "verb" and self._trailing(i):
                self.boundaries.add(self._gerund_start(i))
            elif kind == "verb" and (self.tv.dep[i] == "conj" and self.tv.head[i] in cue_tokens
                                     or self._coordinated_verb(i) in cue_tokens):
                # "ont nié ... et accusé ...": the second cue ends what the first says
                cc = self._coordinator(i)
                if cc is not None:
                    self.boundaries.add(cc)
            elif kind == "according" and i > self.sentence(i)[0] + 1:
                self.boundaries.add(i - 1 if self.tv.text[i - 1] == "," else i)
        for kind, i, hi, cue in cues:
            if self._in_title(i):
                continue  # a headline restates the lead's statement in fewer words
            d = self._verb(i, hi, cue) if kind == "verb" else self._according(i, hi)
            if d is not None and d.content is not None:
                self.drafts.append(d)
                self.by_cue[i] = d
        self._signed_quotes()
        self._lead_in_quotes()
        self._continued_quotes()
        self._preceding_quotes()
        self._colon_quotes()
        self._embedded_quotes()
        self._nest()
        return [d for d in self.drafts if not d.dropped and not self._relay(d) and self._says_something(d)]

    @staticmethod
    def _relay(d: Draft) -> bool:
        """"Des sources locales affirment que l'armée a affirmé ...": who passes another's
        statement on, with no act of its own, is that statement's source chain, not a statement
        (a denial or an accusation of a statement is one: "ce que l'Algérie dément")."""
        return d.says_statement and d.act is None

    def _says_something(self, d: Draft) -> bool:
        """No statement with empty content, nor one whose content is its own speaker's words."""
        if d.says_statement or d.content is None:
            return True
        c0, c1 = d.content
        if not any(ch.isalnum() for ch in self.text[c0:c1]):
            return False
        if d.speaker_lo >= 0:
            s0, s1 = self.tv.start[d.speaker_lo], self.tv.end[d.speaker_hi - 1]
            if s0 <= c0 and c1 <= s1:
                return False
        return True

    def _cues(self) -> list[tuple[str, int, int, Cue | None]]:
        tv, lex = self.tv, self.lex
        out = []
        i = 0
        while i < tv.n:
            key = tv.key[i]
            if key in lex.according_to.root:
                m = lex.according_to.match_at(tv.key, tv.text, i)
                if m is not None:
                    out.append(("according", i, m[0], None))
                    i = m[0]
                    continue
            if key in lex.opinion_preps and self._opinion_source(i):
                out.append(("according", i, i + 1, None))
                i += 1
                continue
            if key in lex.source_form_preps and i + 1 < len(tv) and tv.key[i + 1] in lex.source_nouns and \
                    (i == 0 or tv.text[i - 1] == "," or tv.sent[i - 1] != tv.sent[i]):
                out.append(("according", i, i + 1, None))
                i += 2
                continue
            if tv.pos[i] == "VERB":
                cue, hi = self._verb_cue(i)
                est = lex.estimate_cue(tv.lemma[i], tv.key[i]) if lex.estimate_cues else None
                if est is not None and self._estimate(i, lex.estimate_only.get(norm(est.lemma), lex.estimate_objects)):
                    cue, hi = est, i + 1
                if cue is not None:
                    out.append(("verb", i, hi, cue))
            elif tv.pos[i] in ("ADV", "ADJ", "NOUN"):
                cue = lex.cue_by_form(tv.key[i])  # "ce que l'Algérie dément", "dément" read as an adverb;
                if cue is not None and (self._ce_que(i) is not None or self._has_aux(i)  # "s'est alarmée"
                                        or self._subject_then_colon(i)  # "X, ..., raconte : « ... »"
                                        or tv.pos[i] == "ADJ" and self._agent_after(i)):  # "Jugée « ... » par X"
                    out.append(("verb", i, i + 1, cue))
            i += 1
        return out

    def _estimate(self, i: int, objects: set[str] | frozenset[str]) -> bool:
        """"a chiffré le nombre de morts à plus de 50", "a estimé à 300 le nombre de", "porte le
        bilan à 100 morts": an estimate noun under the verb and "à" with a figure, in its clause."""
        tv = self.tv
        _, s_hi = self.sentence(i)
        end = min(s_hi, i + 16)
        noun = figure = False
        for k in range(i + 1, end):
            if tv.text[k] in (";", ".", ":") or (tv.pos[k] == "VERB" and tv.morph(k, "VerbForm") == "Fin"):
                break
            if tv.lemma[k] in objects and self._under(k, i, 4):
                noun = True
            if tv.key[k] in self.lex.estimate_preps and tv.pos[k] == "ADP" and any(
                    tv.text[j][:1].isdigit() or tv.pos[j] == "NUM" for j in range(k + 1, min(end, k + 4))):
                figure = True
        return noun and figure

    def _causative(self, i: int) -> bool:
        """"a fait remarquer que": the infinitive after a causative the parse hung on it."""
        tv = self.tv
        return any(c < i and tv.lemma[c] in self.lex.causatives for c in tv.children[i])

    def _subject_then_colon(self, i: int) -> bool:
        """A mistagged cue form with a subject, right before a colon: a verb that opens a quotation."""
        tv = self.tv
        if i + 1 >= tv.n or tv.text[i + 1] != ":":
            return False
        if any(tv.dep[c] == "nsubj" for c in tv.children[i]):
            return True
        h = tv.head[i]  # "Louis Perrin, ..., raconte :" read as an adjective of the name
        a = self.book.actor_at(h) if h < i and tv.dep[i] in ("amod", "acl") else None
        return a is not None and a.kind == "person"

    def _verb_cue(self, i: int) -> tuple[Cue | None, int]:
        tv, lex = self.tv, self.lex
        for cue in lex.cue_phrases.get(tv.lemma[i], ()):
            j, ok = i + 1, True
            for w in cue.words:
                while j < len(tv) and j < i + 4 and tv.lemma[j] != w and tv.key[j] != w and \
                        tv.pos[j] in ("ADV", "DET", "PRON"):
                    j += 1
                if j < len(tv) and (tv.lemma[j] == w or tv.key[j] == w):
                    j += 1
                else:
                    ok = False
                    break
            if ok:
                return cue, j
        cue = lex.cues.get(tv.lemma[i]) or lex.cue_by_form(tv.key[i])
        return cue, i + 1

    def _verb(self, i: int, hi: int, cue: Cue) -> Draft | None:
        tv = self.tv
        if tv.negated(i, self.lex.negation_particles):
            return None
        if self._passive(i):
            return self._passive_agent(i, hi, cue) if tv.lemma[i] in self.lex.passive_agent else None
        if norm(cue.lemma) in self.lex.passive_agent and not self._has_aux(i) and (
                tv.morph(i, "VerbForm") == "Part" and tv.morph(i, "Tense") != "Pres" or tv.pos[i] == "ADJ"):
            said = self._participle_subject(i)  # "puis démentie par X", "Qualifié de ... par X, le journal"
            if said is not None:
                return self._passive_agent(i, hi, cue, said)
        if tv.lemma[i] in self.lex.not_reflexive and any(tv.key[c] in self.lex.reflexive_clitics for c in tv.children[i]):
            return None  # "se réclamant de l'ancien président": an allegiance, not a demand
        form, tense = tv.morph(i, "VerbForm"), tv.morph(i, "Tense")
        if form in ("Inf", "Part") and self.lex.past_historic_endings and \
                tv.key[i].endswith(self.lex.past_historic_endings):
            form, tense = "Fin", "Past"  # "demanda", "déclara": a passé simple the tagger misread
        if form != "Inf" and any(tv.dep[c] == "mark" and tv.key[c] in self.lex.non_report_marks and c < i <= c + 5
                                 and not any(tv.is_punct(k) for k in range(c, i)) for c in tv.children[i]):
            return None  # "afin qu'il explique", "sans qu'elle précise": a purpose or a lack, not a report
        participial = form == "Part" and tense == "Pres"
        shared = None
        if form == "Part" and tense != "Pres" and not self._has_aux(i) and not (
                tv.dep[i] == "conj" and self._has_aux(tv.head[i])) and not self._aux_before(i):
            shared = self._coordinated_verb(i)
            if shared is None:
                return None  # "Interrogé sur ...", "les factions soutenues par": an adjective here
        if form == "Inf" and not self._causative(i) and (self._marked(i) or tv.dep[i] not in ("xcomp", "ccomp")
                              or tv.lemma[tv.head[i]] in self.lex.cues):
            return None  # "pour plaider", "sans préciser", "accuse X de soutenir": not a report
        if self.quotes.at(tv.start[i]) is not None and not self._attribution_block(i):
            inside = self.quotes.at(tv.start[i])
            if inside.closed and inside.end - inside.start > 2:
                return None  # a reporting verb inside someone's quotation is their speech
        lo = self._first_of(i)
        d = Draft(cue.lemma, lo, hi, channel=cue.channel)
        if cue.source_after:
            subj = self._subject(i) or self._inverted_subject(i, hi)
            if subj is not None and tv.key[subj].lstrip("-") not in self.lex.indefinite_pronouns:
                return None  # "X a appris la nouvelle": X learned, nobody reports
            return self._learned(d, i, hi, cue)
        subj = self._subject(i)
        if subj is not None and subj < i and not participial and form != "Inf":
            subj = self._comma_inverted(i, hi, cue) or subj  # "..., a affirmé l'OSDH"
        if subj is None and shared is not None:  # "a rejeté ... et accusé": the first verb's subject
            prev = self.by_cue.get(shared)
            if prev is not None and prev.speaker is not None:
                d.speaker, d.speaker_lo, d.speaker_hi = prev.speaker, prev.speaker_lo, prev.speaker_hi
                if not self._forward_content(d, i, hi, cue):
                    return None
                d.act = self._act(cue, d)
                return d
            subj = self._subject(shared)
        if subj is not None and self.quotes.at(tv.start[subj]) is not None and \
                self.quotes.at(tv.start[i]) is None:
            subj = None  # "« C'est un moment historique », a réagi X": the parse took the quote's noun
        inverted = False
        if subj is None and not participial and form != "Inf":
            subj = self._inverted_subject(i, hi)
            if subj is not None and not self._speaker_like(subj) and (
                    tv.dep[i] == "conj" or cue.frame == "object" or self._complement_after(subj)):
                subj = None  # "a exhorté la population à ...": the object, not the speaker
            inverted = subj is not None
        elif subj is not None and (subj > i or tv.text[subj].startswith("-")):
            inverted = True  # "a déclaré X", "a-t-elle déclaré"
        ce = self._ce_que(lo)
        if ce is not None:  # "..., ce que le Rwanda dément", "..., ce qu'a démenti Kigali"
            subj = self._subject(i) if subj is None else subj
            if subj is None:  # "ce que le Rwanda dément": the words between "que" and the verb
                subj = next((k for k in range(lo - 1, ce + 1, -1) if tv.pos[k] in ("NOUN", "PROPN")), None)
            subj = subj if subj is not None else self._inverted_subject(i, hi, anywhere=True)
            if subj is None or not self._set_speaker(d, subj, cue, clitic=tv.text[subj].startswith("-")):
                return None
            if not self._clause_before(d, ce):
                return None
            d.responds = d.says_statement = True
            ends = [tv.end[hi - 1]] + ([tv.end[d.speaker_hi - 1]] if d.speaker_hi > 0 else [])
            d.attribution = (tv.start[ce], max(ends))
        elif inverted:
            if not self._set_speaker(d, subj, cue, clitic=tv.text[subj].startswith("-")):
                return None
            if not self._inverted_content(d, i, hi, subj):
                return None
        else:
            if subj is not None:
                if not self._set_speaker(d, subj, cue):
                    return None
            elif (form == "Part" and not participial and not self._has_aux(i) and tv.dep[i] != "conj") or \
                    not self._inherit_speaker(d, i, cue):
                orphan = self._orphan_subject(i)  # the parse lost the subject: the sentence's actor
                if orphan is None or not self._set_speaker(d, orphan, cue):
                    return None
            if not self._forward_content(d, i, hi, cue):
                return None
        if cue.not_objects and self._object_noun(d) in cue.not_objects:
            return None  # "les forces ont accusé de lourdes pertes"
        if d.content is not None and cue in self.lex.estimate_cues.values() and hi < tv.n and \
                tv.key[hi] in self.lex.estimate_preps and tv.start[hi] < d.content[0]:
            d.content = self._trim(tv.start[hi], d.content[1])  # "a chiffré à plus de 200 le nombre de ...": the figure too
        d.act = self._act(cue, d)
        d.date = date_near(self.tv, self._date_tokens(i, lo, hi, d), self.lex, self.published)
        return d





    # ------------------------------------------------------------------ acts, dates
    def _agent_after(self, i: int) -> bool:
        """A cue form tagged as an adjective with "par" a few words after it, before any comma:
        a passive participle whose agent speaks ("Jugée « inacceptable » par Paris, ...")."""
        tv = self.tv
        if norm(self.lex.cue_by_form(tv.key[i]).lemma) not in self.lex.passive_agent:
            return False
        _, s_hi = self.sentence(i)
        for k in range(i + 1, min(s_hi, i + 8)):
            if tv.text[k] in (",", ";"):
                return False
            if tv.key[k] in self.lex.agent_preps and tv.pos[k] == "ADP":
                return True
        return False

    def _participle_subject(self, i: int) -> int | None:
        """What a bare passive participle is said of: the subject of the passive verb it is
        coordinated with ("a été évoquée par X, puis démentie par Y"), the noun it qualifies
        ("l'attaque, revendiquée par X,"), or the subject of the clause it opens ("Qualifié de
        « traître » par X, le journal ...")."""
        tv = self.tv
        h = tv.head[i]
        if tv.dep[i] == "conj" and self._passive(h):
            return next((c for c in tv.children[h] if tv.dep[c] == "nsubj:pass"), None)
        if tv.dep[i] == "acl" and tv.pos[h] in ("NOUN", "PROPN") and h < i:
            return h
        if tv.dep[i] == "advcl" and h > i and tv.pos[h] in ("VERB", "AUX", "ADJ"):
            return next((c for c in tv.children[h] if tv.dep[c].startswith("nsubj") and c > i), None)
        s_lo, s_hi = self.sentence(i)
        if i == s_lo:  # the parse made the fronted participle the root: the subject after its comma
            comma = next((k for k in range(i + 1, s_hi) if tv.text[k] == ","), None)
            if comma is not None:
                return next((k for k in range(comma + 1, s_hi) if tv.dep[k].startswith("nsubj")), None)
        return None

    def _passive_agent(self, i: int, hi: int, cue: Cue, subj: int | None = None) -> Draft | None:
        """"L'attaque a été revendiquée par le JNIM": the agent after "par" speaks, and what it
        says is the subject (the thing claimed, denied, confirmed), with the attribute the cue
        gives it ("Le projet a été qualifié de « dangereux » par l'ONG")."""
        tv = self.tv
        s_lo, s_hi = self.sentence(i)
        par = None
        for k in range(hi, min(s_hi, hi + 8)):
            if tv.text[k] in (",", ";") or k in self.cue_positions:
                break
            if tv.key[k] in self.lex.agent_preps and tv.pos[k] == "ADP":
                par = k
                break
        agent = tv.head[par] if par is not None and tv.head[par] > par else None  # wherever the parse hung it
        if agent is None:
            return None
        if not self._speaker_like(agent) and not (  # an agent no actor names, with its article
                cue.act in (None, "REJECT", "CONCEDE") and (tv.pos[agent] == "PROPN" or tv.pos[agent] == "NOUN"
                                                             and any(tv.dep[c] == "det" for c in tv.children[agent]))):
            return None  # ("condamné par la justice", "salué par la foule", "accusé par erreur": no speech)
        if subj is None:
            subj = next((c for c in tv.children[i] if tv.dep[c] == "nsubj:pass"), None)
        if subj is None:  # the parse may hang the subject elsewhere: the first noun of the clause
            subj = next((k for k in range(s_lo, i) if tv.pos[k] in ("NOUN", "PROPN")), None)
        if subj is None:
            return None
        d = Draft(cue.lemma, self._first_of(i), hi, channel=cue.channel)
        if not self._set_speaker(d, agent, None):
            return None
        lo, end = np_extent(tv, subj)
        attribute = par > hi and any(not tv.is_punct(k) and tv.pos[k] != "ADV" and not self._is_date_word(k)
                                     for k in range(hi, par))
        if attribute and subj < i:  # "Le projet a été qualifié de « dangereux »"
            lo, end = min(lo, i), par
        elif attribute:  # "Qualifié de « traître » par X, le journal": the participle and its attribute
            lo, end = i, par
        d.content = self._trim(tv.start[lo], tv.end[end - 1])
        if d.content[1] <= d.content[0]:
            return None
        d.kind = self._kind(*d.content)
        d.act = self._act(cue, d)
        return d

    def _act(self, cue: Cue, d: Draft) -> str | None:
        act = cue.act
        obj = self._object_noun(d)
        if obj is not None:
            if act is None:
                act = self.lex.object_acts.get(obj)
            elif act == "REQUEST" and obj in self.lex.claim_objects:
                act = None
        return act

    def _object_noun(self, d: Draft) -> str | None:
        if d.content is None:
            return None
        tv = self.tv
        k = tv.token_at(d.content[0])
        for j in range(k, min(len(tv), k + 4)):
            if tv.pos[j] == "NOUN":
                return tv.lemma[j]
        return None

    def _date_tokens(self, i: int, lo: int, hi: int, d: Draft) -> list[int]:
        tv = self.tv
        out = [c for c in tv.children[i] if tv.dep[c] in ("obl:mod", "obj", "advmod", "nmod", "obl", "xcomp")
               and c != d.speaker_lo]
        out += list(range(hi, min(len(tv), hi + 4)))
        s_lo, _ = self.sentence(i)
        out += [k for k in range(s_lo, min(lo, s_lo + 4))]  # "La semaine dernière, X a ..."
        return [k for k in out if k < len(tv) and (d.content is None or tv.start[k] < d.content[0]
                                                   or tv.start[k] >= d.content[1])]

    # ------------------------------------------------------------------ nesting
    def _nest(self) -> None:
        """A statement inside another's content is reported at second hand: the outer speaker
        joins its source chain; an outer channel ("selon X", "ont rapporté X") that says
        nothing more is dropped. Two statements of one speaker over the same words are one."""
        ds = sorted(self.drafts, key=lambda d: (self.tv.start[d.cue_lo] if d.cue_lo < len(self.tv) else 0))
        for outer in ds:
            if outer.dropped or outer.content is None or outer.responds:
                continue
            c0, c1 = outer.content
            inner = [d for d in ds if d is not outer and not d.dropped and d.cue_lo < len(self.tv)
                     and c0 <= self.tv.start[d.cue_lo] < c1]
            for d in inner:
                if d.speaker is outer.speaker:
                    if d.channel:  # "selon lui" inside his own statement
                        d.dropped = True
                    continue
                name = outer.speaker.name if outer.speaker else None
                if name and name not in d.source_chain:
                    d.source_chain.insert(0, name)
                if not outer.channel and d.speaker_lo >= 0 and self._opens_with(outer, d):
                    self._says_statement(outer)  # "des sources affirment que [l'armée a affirmé ...]"
            if inner and outer.channel and any(d.speaker is not outer.speaker for d in inner):
                outer.dropped = True
        seen: dict[tuple, Draft] = {}
        for d in ds:
            if d.dropped:
                continue
            key = (id(d.speaker), d.content)
            if key in seen:
                d.dropped = True
            else:
                seen[key] = d

    def _opens_with(self, outer: Draft, d: Draft) -> bool:
        """The outer content begins with the inner statement's speaker (or its cue)."""
        tv = self.tv
        first = tv.token_at(outer.content[0])
        while first < tv.n and (tv.pos[first] in ("DET", "PUNCT") or tv.is_space(first)):
            first += 1
        return first >= min(d.speaker_lo, d.cue_lo) - 1 and first <= min(d.speaker_lo, d.cue_lo)

    def _says_statement(self, d: Draft) -> None:
        tv = self.tv
        d.says_statement = True
        marks = [tv.start[d.cue_lo], tv.end[d.cue_hi - 1]]
        if d.speaker_lo >= 0:
            marks += [tv.start[d.speaker_lo], tv.end[d.speaker_hi - 1]]
        que = tv.token_at(d.content[0]) - 1  # "X affirme que": the complementizer too
        if 0 <= que < tv.n and tv.key[que] in self.lex.complementizers:
            marks.append(tv.end[que])
        d.attribution = (min(marks), max(marks))



def statements(doc, finder: Finder) -> list[tuple[Statement, Draft]]:
    """The drafts as record statements, in text order, each with its draft."""
    out = []
    tv = finder.tv
    drafts = sorted(finder.run(), key=lambda d: (d.attribution or d.content)[0])
    for d in drafts:
        c0, c1 = d.attribution if d.says_statement and d.attribution else d.content
        marks = [c0, c1]
        if d.speaker_lo >= 0:
            marks += [tv.start[d.speaker_lo], tv.end[d.speaker_hi - 1]]
        if d.cue_hi > d.cue_lo:
            marks += [tv.start[d.cue_lo], tv.end[d.cue_hi - 1]]
        cue_span = doc.raw_span(tv.start[d.cue_lo], tv.end[d.cue_hi - 1]) if d.cue_hi > d.cue_lo else None
        out.append((Statement(
            speaker=d.speaker_name or (d.speaker.name if d.speaker else ""),
            speaker_actor=d.speaker.id if d.speaker else None,
            cue=d.lemma,
            kind=d.kind,
            content=None if d.says_statement else doc.raw_span(c0, c1),
            evidence=doc.raw_span(min(marks), max(marks)),
            act=d.act,
            date=d.date,
            source_chain=list(d.source_chain),
            cue_span=cue_span,
        ), d))
    return out
