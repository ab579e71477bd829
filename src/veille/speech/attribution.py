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

from dataclasses import dataclass, field

from ..record import Actor, DateValue, Statement
from .actorbook import ActorBook
from .dates import date_near, published_date
from .lexicon import Cue, Lexicon
from .lexmatch import norm
from .naming import np_extent
from .quotes import Quote, QuoteIndex
from .tokens import Tokens

COMPLEMENT_WINDOW = 20  # tokens after a cue where its "que", colon or infinitive may stand
QUOTE_CLOSERS = ("»", "”", '"')
SKIP_BEFORE_SPEAKER = ("ADV", "PUNCT", "SPACE", "DET", "ADP", "AUX", "SCONJ", "CCONJ")


@dataclass(slots=True)
class Draft:
    lemma: str
    cue_lo: int  # token range of the cue words (auxiliary included)
    cue_hi: int
    kind: str = "indirect"
    speaker: Actor | None = None
    speaker_lo: int = -1  # token range of the speaker's words, when written
    speaker_hi: int = -1
    speaker_name: str | None = None  # when several actors speak together
    content: tuple[int, int] | None = None  # clean-text characters
    act: str | None = None
    date: DateValue | None = None
    channel: bool = False
    responds: bool = False  # "..., ce que X dément": X answers the clause, it does not relay it
    # what it says is another statement ("des sources affirment que l'armée a affirmé ...") or
    # that statement's clause ("..., ce que X dément"): the record gives it no content of its own,
    # so that two statements never stand over the same words; its evidence is its attribution
    says_statement: bool = False
    attribution: tuple[int, int] | None = None  # clean characters of "X affirme que", "ce que X dément"
    source_chain: list[str] = field(default_factory=list)
    dropped: bool = False


class Finder:
    def __init__(self, doc, tv: Tokens, lex: Lexicon, book: ActorBook, quotes: QuoteIndex) -> None:
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

    def sentence(self, i: int) -> tuple[int, int]:
        """The sentence of token ``i``, across the parser's false splits."""
        return self._merged[self.tv.sent[i]]

    def _merge_sentences(self) -> list[tuple[int, int]]:
        """A sentence the parser ended without a final mark, before one that starts with a comma
        or a small letter in the same block, goes on into it ("Selon l'ONU | , plus de ...")."""
        tv = self.tv
        bounds = tv.sent_bounds
        groups: list[list[int]] = []
        for n, (lo, hi) in enumerate(bounds):
            if groups:
                plo, phi = bounds[groups[-1][-1]]
                last = phi - 1
                while last > plo and tv.is_space(last):
                    last -= 1
                first = lo
                nl = "\n" in self.text[tv.start[last]:tv.start[lo]] if lo < len(tv) else True
                if not nl and tv.text[last] not in (".", "!", "?", "…", "»", "”", '"', ":") and \
                        (tv.text[first] in (",", ";", ")", "-") or tv.text[first][:1].islower()
                         or tv.text[first][:1].isdigit()):  # "France | 24 sont ..."
                    groups[-1].append(n)
                    continue
            groups.append([n])
        out: list[tuple[int, int]] = [(0, 0)] * len(bounds)
        for g in groups:
            span = (bounds[g[0]][0], bounds[g[-1]][1])
            for n in g:
                out[n] = span
        return out

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
        self._continued_quotes()
        self._colon_quotes()
        self._embedded_quotes()
        self._nest()
        return [d for d in self.drafts if not d.dropped]

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
            if key == "de" and i + 1 < len(tv) and tv.key[i + 1] in lex.source_nouns and \
                    (i == 0 or tv.text[i - 1] == "," or tv.sent[i - 1] != tv.sent[i]):
                out.append(("according", i, i + 1, None))
                i += 2
                continue
            if tv.pos[i] == "VERB":
                cue, hi = self._verb_cue(i)
                if cue is not None:
                    out.append(("verb", i, hi, cue))
            elif tv.pos[i] in ("ADV", "ADJ", "NOUN"):
                cue = lex.cue_by_form(tv.key[i])  # "ce que l'Algérie dément", "dément" read as an adverb;
                if cue is not None and (self._ce_que(i) is not None or self._has_aux(i)):  # "s'est alarmée"
                    out.append(("verb", i, i + 1, cue))
            i += 1
        return out

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

    # ------------------------------------------------------------------ verbs
    def _verb(self, i: int, hi: int, cue: Cue) -> Draft | None:
        tv = self.tv
        if self._passive(i) or tv.negated(i):
            return None
        form, tense = tv.morph(i, "VerbForm"), tv.morph(i, "Tense")
        participial = form == "Part" and tense == "Pres"
        shared = None
        if form == "Part" and tense != "Pres" and not self._has_aux(i) and not (
                tv.dep[i] == "conj" and self._has_aux(tv.head[i])) and not self._aux_before(i):
            shared = self._coordinated_verb(i)
            if shared is None:
                return None  # "Interrogé sur ...", "les factions soutenues par": an adjective here
        if form == "Inf" and (self._marked(i) or tv.dep[i] not in ("xcomp", "ccomp")
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
            if subj is not None and tv.key[subj].lstrip("-") != "on":
                return None  # "X a appris la nouvelle": X learned, nobody reports
            return self._learned(d, i, hi, cue)
        subj = self._subject(i)
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
        d.act = self._act(cue, d)
        d.date = date_near(self.tv, self._date_tokens(i, lo, hi, d), self.lex, self.published)
        return d

    def _coordinated_verb(self, i: int) -> int | None:
        """"a rejeté ces accusations et accusé Israël": a participle after "et" shares the
        auxiliary of a verb before it in the sentence (the parse may hang it elsewhere)."""
        tv = self.tv
        if i == 0 or tv.key[i - 1] not in ("et", ","):
            return None
        s_lo, _ = self.sentence(i)
        for k in range(i - 2, s_lo - 1, -1):
            if tv.pos[k] == "VERB" and tv.morph(k, "VerbForm") == "Part" and self._has_aux(k):
                return k
        return None

    def _aux_before(self, i: int) -> bool:
        """"ont de leur côté menacé": an auxiliary a few words before, which the parse hung
        elsewhere."""
        tv = self.tv
        s_lo, _ = self.sentence(i)
        for k in range(i - 1, max(s_lo - 1, i - 6), -1):
            if tv.pos[k] == "AUX" and tv.lemma[k] in ("avoir", "etre") and tv.morph(k, "VerbForm") == "Fin":
                return True
            if tv.pos[k] in ("VERB", "NOUN", "PROPN") and tv.key[k] not in ("cote", "part"):
                return False
        return False

    def _learned(self, d: Draft, i: int, hi: int, cue: Cue) -> Draft | None:
        """"..., a-t-on appris de sources locales", "On a appris auprès de l'armée que ...": the
        source is the complement after "de" or "auprès de", not the subject."""
        tv = self.tv
        _, s_hi = self.sentence(i)
        src = None
        for k in range(hi, min(s_hi, hi + 3)):
            if tv.key[k] in ("de", "d'", "des", "du", "aupres") and k + 1 < s_hi:
                src = next((j for j in range(k + 1, min(s_hi, k + 4)) if tv.pos[j] in ("NOUN", "PROPN")), None)
                break
        if src is None or not (tv.key[src] in self.lex.source_nouns or self._speaker_like(src)):
            return None
        if not self._set_speaker(d, src, None):
            return None
        d.kind = "according_to"
        ok = self._forward_content(d, i, hi, cue) if self._complement(i, hi, cue)[0] == "que" else \
            self._inverted_content(d, i, hi, src)
        if not ok:
            return None
        d.kind = "according_to" if d.kind == "indirect" else d.kind
        return d

    def _passive(self, i: int) -> bool:
        return any(self.tv.dep[c] in ("aux:pass", "nsubj:pass") for c in self.tv.children[i])

    def _has_aux(self, i: int) -> bool:
        return any(self.tv.dep[c].startswith("aux") for c in self.tv.children[i])

    def _marked(self, i: int) -> bool:
        return any(self.tv.dep[c] == "mark" and self.tv.key[c] in self.lex.non_report_marks
                   for c in self.tv.children[i])

    def _first_of(self, i: int) -> int:
        """The verb's first word: its auxiliary ("a déclaré"), or itself."""
        lo = i
        for c in self.tv.children[i]:
            if self.tv.dep[c].startswith("aux") and c < lo and i - c <= 4:
                lo = c
        return lo

    def _gerund_start(self, i: int) -> int:
        """Where a trailing cue's words begin: its auxiliary, or "(tout) en" before a gerund."""
        tv = self.tv
        lo = self._first_of(i)
        if lo > 0 and tv.key[lo - 1] == "en":
            lo -= 1
            if lo > 0 and tv.key[lo - 1] == "tout":
                lo -= 1
        return lo

    def _coordinator(self, i: int) -> int | None:
        lo = self._first_of(i)
        for c in self.tv.children[i]:
            if self.tv.dep[c] == "cc" and c < lo:
                lo = c
        k = lo - 1
        if lo < i and (self.tv.dep[lo] == "cc" or self.tv.text[k] == ","):
            return lo if self.tv.dep[lo] == "cc" else k
        return lo if lo < i else None

    def _trailing(self, i: int) -> bool:
        """A cue that attributes what comes before it: "..., a déclaré X", "..., ajoutant que",
        "..., tout en appelant à ..."."""
        tv = self.tv
        lo = self._first_of(i)
        if lo == 0:
            return False
        prev = lo - 1
        if tv.morph(i, "VerbForm") == "Part" and tv.morph(i, "Tense") == "Pres" and tv.key[prev] == "en":
            start = self._gerund_start(i)  # the gerund "(tout) en appelant"
            return start > 0 and tv.text[start - 1] == ","
        return tv.text[prev] in (",",) + QUOTE_CLOSERS and (
            self._subject(i) is None or self._subject(i) > i
            or tv.morph(i, "VerbForm") == "Part" and tv.morph(i, "Tense") == "Pres")

    def _subject(self, i: int) -> int | None:
        tv = self.tv
        for c in tv.children[i]:
            if tv.dep[c] == "nsubj" and tv.pos[c] != "SCONJ" and tv.key[c] != "-t":
                if self._is_date_word(c):
                    # "a déclaré mercredi Claire Nicolet": the parser took the day for the subject
                    named = next((a for a in tv.children[c] if tv.dep[a] == "appos"), None)
                    if named is not None:
                        return named
                    continue
                return c
            if tv.dep[c] == "expl:subj" and tv.key[c] in self.lex.subject_pronouns and \
                    tv.lemma[i] not in self.lex.impersonal_verbs:
                return c  # "il confie", parsed as an expletive "il"
        return None

    def _complement_after(self, k: int) -> bool:
        """The phrase at ``k`` is followed by "à/de + infinitive" or "que": it is the object of
        a cue ("a exhorté la population à ..."), not its speaker."""
        tv = self.tv
        _, hi = np_extent(tv, k)
        for j in range(hi, min(len(tv), hi + 2)):
            if tv.key[j] in self.lex.complementizers or (tv.pos[j] in ("ADP", "SCONJ") and j + 1 < len(tv)
                                                          and tv.morph(j + 1, "VerbForm") == "Inf"):
                return True
        return False

    def _inverted_subject(self, i: int, hi: int, *, anywhere: bool = False) -> int | None:
        """"..., a déclaré (vendredi) X", "comme le précise X", "a-t-il ajouté"."""
        tv = self.tv
        lo = self._first_of(i)
        s_lo, s_hi = self.sentence(i)
        before = lo - 1
        while before >= s_lo and tv.is_space(before):
            before -= 1
        starts = before < s_lo or tv.text[before] in (",", ":", "-", "—", "–") + QUOTE_CLOSERS or \
            tv.key[before] in ("comme", "le", "l'", "ainsi")
        for k in range(lo, hi):
            if tv.text[k].startswith("-") and tv.key[k].lstrip("-") in self.lex.subject_pronouns:
                return k  # "a-t-il ajouté", "affirme-t-on"
        for c in tv.children[i]:
            if c > i and tv.text[c].startswith("-") and tv.key[c].lstrip("-") in self.lex.subject_pronouns:
                return c
        if not starts and not anywhere:
            return None
        k = hi
        while k < s_hi and k < hi + 8:
            if tv.text[k].startswith("-") and tv.key[k].lstrip("-") in self.lex.subject_pronouns:
                return k
            m = self.book.mention_at(k)
            if m is not None and not any(tv.dep[c] == "case" for c in tv.children[m.head]):
                return m.head if m.lo <= m.head < m.hi else k
            if tv.pos[k] in ("NOUN", "PROPN") and not self._is_date_word(k):
                if any(tv.dep[c] == "case" for c in tv.children[k]) and tv.head[k] == i:
                    k = np_extent(tv, k)[1]  # "a confié au Figaro X": a complement, go on
                    continue
                return k
            if tv.pos[k] == "PRON" and tv.key[k] in ("lui", "elle", "eux"):
                return None
            if tv.pos[k] not in SKIP_BEFORE_SPEAKER + ("NUM", "NOUN") or tv.key[k] in self.lex.complementizers \
                    or tv.text[k] in (":",):
                return None
            k += 1
        return None

    def _speaker_like(self, k: int) -> bool:
        """The words at ``k`` name an actor (a person, a group, an institution)."""
        if k < len(self.tv) and self.tv.text[k].startswith("-"):
            return True
        return self.book.actor_at(k) is not None or self._actor_in_phrase(k) is not None

    def _is_date_word(self, k: int) -> bool:
        key = self.tv.key[k]
        lex = self.lex
        return key in lex.weekdays or key in lex.months or key in lex.relative_days or \
            self.tv.lemma[k] in ("semaine", "matin", "soir", "mois", "an", "année", "journée", "nuit")

    # ------------------------------------------------------------------ speakers
    def _set_speaker(self, d: Draft, s: int, cue: Cue | None, *, clitic: bool = False) -> bool:
        tv, lex = self.tv, self.lex
        if tv.key[s] in lex.relative_subjects and tv.pos[s] == "PRON":
            verb = tv.head[s]
            s = tv.head[verb] if tv.dep[verb].startswith("acl") else s
            if tv.dep[s] == "appos" and self.book.actor_at(s) is None:
                s = tv.head[s]
        s = self._through_documents(s)
        for c in tv.children[s]:  # "Des habitants de Zamzam, le plus grand camp ..., ont raconté"
            if c < s and tv.dep[c] in ("nsubj", "appos") and self.book.actor_at(c) is not None and \
                    self.book.actor_at(s) is None:
                s = c
                break
        pron = tv.key[s].lstrip("-")
        actor = None
        if pron == "on":
            return False  # "a-t-on appris": the source is named elsewhere, if at all
        if pron in lex.stressed_pronouns and tv.pos[s] == "PRON" and not tv.dep[s].startswith("nsubj"):
            number, gender = lex.stressed_pronouns[pron]  # "selon lui", "d'après elle"
            actor = self._last_speaker(s) or self.book.antecedent_for(s, number, gender)
            if actor is None:
                return False
            d.speaker, d.speaker_lo, d.speaker_hi = actor, s, s + 1
            return True
        if pron in lex.subject_pronouns:
            if clitic or self.book.actor_at(s) is None:
                actor = self._last_speaker(s)
            actor = actor or self.book.actor_at(s)
            if actor is None:
                return False
            d.speaker, d.speaker_lo, d.speaker_hi = actor, s, s + 1
            return True
        actor = self.book.actor_at(s) or self._actor_in_phrase(s)
        if (actor is None or actor.kind != "person") and s + 1 < tv.n:
            m = self.book.mention_at(s + 1)  # "le capitaine Ibrahim Traoré": the name after the title
            if m is not None and m.lo == s + 1 and m.source in ("person", "lexicon") and m.actor.kind == "person":
                actor, s = m.actor, s + 1
        if actor is None and tv.pos[s] == "PRON":
            return False  # "je", "nous", "cela": no one the article names
        lo, hi = self._speaker_words(s)
        named = self._apposed_person(hi)
        if named is not None and (actor is None or actor.kind != "person"):
            actor = named  # "Le coordinateur de l'ONU pour le Soudan, Tom Fletcher, a ..."
        if actor is None and self.lex.countries.match_at(tv.key, tv.text, lo, stop=hi) is not None:
            actor = self.book.ensure(s, lo, hi, self._plain_name(lo, hi))  # a country or a capital
        if actor is None:
            strict = cue is not None and cue.frame == "object"
            if tv.pos[s] not in ("NOUN", "PROPN") or (strict and tv.pos[s] != "PROPN"):
                return False
            name = self._plain_name(lo, hi)
            if not name:
                return False
            actor = self.book.ensure(s, lo, hi, name)
        d.speaker, d.speaker_lo, d.speaker_hi = actor, lo, hi
        others = self._coordinated_actors(s, actor)
        if others:  # "Les Etats-Unis et l'Union européenne ont condamné"
            d.speaker_name = " and ".join([actor.name] + [a.name for a in others])
        return True

    def _coordinated_actors(self, s: int, actor: Actor) -> list[Actor]:
        tv = self.tv
        out = []
        for c in tv.children[s]:
            if tv.dep[c] == "conj" and c > s:
                a = self.book.actor_at(c)
                if a is not None and a is not actor and a not in out:
                    out.append(a)
        return out

    def _apposed_person(self, hi: int) -> Actor | None:
        tv = self.tv
        if hi + 1 >= len(tv) or tv.text[hi] != ",":
            return None
        m = self.book.mention_at(hi + 1)
        if m is None or m.lo != hi + 1 or m.actor.kind != "person" or m.source not in ("person", "lexicon"):
            return None
        return m.actor if m.hi < len(tv) and tv.text[m.hi] in (",", ")") else None

    def _through_documents(self, s: int) -> int:
        """"un communiqué de la police" speaks for the police."""
        tv = self.tv
        for _ in range(2):
            if tv.lemma[s] not in self.lex.documents and tv.key[s] not in self.lex.documents:
                return s
            owner = next((c for c in tv.children[s] if tv.dep[c] == "nmod" and c > s and any(
                tv.dep[g] == "case" and tv.key[g] in ("de", "d'", "du", "des") for g in tv.children[c])), None)
            if owner is None:
                return s
            s = owner
        return s

    def _actor_in_phrase(self, s: int) -> Actor | None:
        """An actor inside the speaker's words ("la chaine BFM TV" -> BFM TV)."""
        lo, hi = self._speaker_words(s)
        for k in range(lo, hi):
            a = self.book.actor_at(k)
            if a is not None:
                return a
        return None

    def _speaker_words(self, s: int) -> tuple[int, int]:
        tv = self.tv
        lo, hi = np_extent(tv, s)
        m = self.lex.countries.match_at(tv.key, tv.text, s, stop=min(tv.n, s + 6))
        if m is not None:  # "Abou Dhabi", whatever the parse made of its words
            hi = max(hi, m[0])
        while hi + 1 < tv.n and tv.text[hi] == "-" and tv.start[hi] == tv.end[hi - 1] and \
                tv.end[hi] == tv.start[hi + 1]:
            hi += 2  # "Croix-Verte": a hyphenated name the tokenizer split
        lo = max(lo, self.sentence(s)[0])
        while lo < s and (tv.pos[lo] in ("DET", "ADP", "PUNCT", "ADV") or tv.is_space(lo)):
            lo += 1
        for k in range(s + 1, hi):  # stop at a comma (what follows is another phrase) or a cue
            if tv.text[k] in (",", ":", "(", "«", "»") or k in self.cue_positions:
                hi = k
                break
        return lo, max(hi, s + 1)

    def _plain_name(self, lo: int, hi: int) -> str:
        return self.text[self.tv.start[lo]:self.tv.end[hi - 1]].strip(" ,;:")

    def _orphan_subject(self, i: int) -> int | None:
        """A cue the parse left without a subject ("Le capitaine X, arrivé au pouvoir ...,
        a exhorté"): the sentence's first actor before it, outside any preposition."""
        tv = self.tv
        s_lo, _ = self.sentence(i)
        for k in range(s_lo, self._first_of(i)):
            m = self.book.mention_at(k)
            if m is None or m.lo != k:
                continue
            h = m.head
            if any(tv.dep[c] == "case" for c in tv.children[h]) or tv.dep[h].startswith(("obj", "obl", "nsubj:pass")):
                return None
            return h
        # no actor: the noun phrase right before the verb ("..., le Cadre stratégique permanent a affirmé")
        j = self._first_of(i) - 1
        while j >= s_lo and tv.pos[j] in ("ADV",):
            j -= 1
        if j < s_lo or tv.pos[j] not in ("NOUN", "PROPN", "ADJ"):
            return None
        while tv.pos[j] == "ADJ" and tv.head[j] < j and tv.dep[j] == "amod":
            j = tv.head[j]
        if tv.pos[j] in ("NOUN", "PROPN") and not any(tv.dep[c] == "case" for c in tv.children[j]):
            return j
        return None

    def _inherit_speaker(self, d: Draft, i: int, cue: Cue) -> bool:
        """A participle ("ajoutant que"), an infinitive ("a tenu à préciser") or a coordinated
        verb ("a déclaré ... et a ajouté") speaks with the subject of the clause it hangs on."""
        tv = self.tv
        if tv.dep[i] == "acl" and tv.pos[tv.head[i]] in ("NOUN", "PROPN"):
            h = tv.head[i]
            if tv.lemma[h] in self.lex.unattributed:
                return False  # "des informations évoquant ...": no one is named
            return self._set_speaker(d, h, cue)  # "les témoignages faisant état de"
        s_lo, _ = self.sentence(i)
        if tv.morph(i, "VerbForm") == "Part":  # "..., a averti X, ajoutant que": X again
            for prev in reversed(self.drafts):
                if s_lo <= prev.cue_lo < i and prev.speaker is not None:
                    d.speaker, d.speaker_lo, d.speaker_hi = prev.speaker, prev.speaker_lo, prev.speaker_hi
                    return True
        v = tv.head[i]
        for _ in range(4):
            if v == i or tv.pos[v] not in ("VERB", "AUX", "ADJ"):
                return False
            if v in self.by_cue:
                prev = self.by_cue[v]
                d.speaker, d.speaker_lo, d.speaker_hi = prev.speaker, prev.speaker_lo, prev.speaker_hi
                d.speaker_name = prev.speaker_name
                return d.speaker is not None
            s = self._subject(v)
            if s is not None:
                return self._set_speaker(d, s, cue)
            if tv.head[v] == v:
                return False
            v = tv.head[v]
        return False

    def _last_speaker(self, pron: int) -> Actor | None:
        """The last statement's speaker before ``pron`` that fits the pronoun."""
        key = self.tv.key[pron].lstrip("-")
        number, gender = self.lex.subject_pronouns.get(key) or self.lex.stressed_pronouns[key]
        for d in reversed(self.drafts):
            if d.cue_lo < pron and d.speaker is not None:
                if self.tv.sent[pron] - self.tv.sent[d.cue_lo] > 6:
                    return None
                a = d.speaker
                if a.kind == "person" or self._fits_group(d, number, gender):
                    if number == "Plur" and a.kind == "person":
                        continue
                    return a
        return None

    def _fits_group(self, d: Draft, number: str | None, gender: str | None) -> bool:
        m = self.book.mention_at(d.speaker_lo) if d.speaker_lo >= 0 else None
        return m is None or self.book.fits(m, number, gender)

    # ------------------------------------------------------------------ content
    def _forward_content(self, d: Draft, i: int, hi: int, cue: Cue) -> bool:
        tv = self.tv
        s_lo, s_hi = self.sentence(i)
        comp, start, quote = self._complement(i, hi, cue)
        if comp is None:
            return False
        if quote is not None:  # "X a déclaré : « ... »"
            d.content, d.kind = self._trim(*quote.inner), "direct"
            return True
        if start >= s_hi:
            return False
        end_tok = self._content_end(start, s_hi)
        if tv.dep[i] in ("acl", "acl:relcl", "advcl") and tv.head[i] > i:  # the clause hangs on a later verb
            end_tok = min(end_tok, max(start + 1, tv.subtree(i)[1]))
        if end_tok <= start:
            return False
        c0, c1 = tv.start[start], tv.end[end_tok - 1]
        c1 = self._extend_to_quote(c0, c1)
        c1, stripped = self._extend_to_stripped_block(i, c1, end_tok, s_hi)
        d.content = self._trim(c0, c1)
        d.kind = "direct" if stripped else self._kind(*d.content)
        return d.content[1] > d.content[0]

    def _complement(self, i: int, hi: int, cue: Cue) -> tuple[str | None, int, Quote | None]:
        """What follows the cue: a que-clause, a colon or quotation, an infinitive, an object."""
        tv = self.tv
        s_lo, s_hi = self.sentence(i)
        k = hi
        while k < s_hi and k < hi + COMPLEMENT_WINDOW:
            if tv.key[k] in self.lex.complementizers and (tv.pos[k] == "SCONJ" or tv.dep[k] == "mark") \
                    and (k - hi < 4 or self._under(k, i, steps=5)):
                return "que", k + 1, None
            if tv.text[k] == ":":
                q = self.quotes.starting_after(tv.end[k], self.text)
                return "colon", k + 1, q
            if k == hi and tv.pos[k] in ("ADJ", "VERB") and tv.dep[k] == "xcomp" and tv.head[k] == i and \
                    any(tv.key[c] in ("se", "s'") for c in tv.children[i]):
                return "stance", k, None  # "s'est dite très préoccupée": the stance is what is said
            if k == hi and tv.pos[k] == "ADV" and k + 1 < s_hi and tv.dep[k + 1] == "xcomp" and \
                    tv.head[k + 1] == i and any(tv.key[c] in ("se", "s'") for c in tv.children[i]):
                return "stance", k, None
            if tv.text[k] in ("«", "“") and k == hi:
                q = self.quotes.at(tv.start[k])
                q = q if q is not None and q.start == tv.start[k] else None
                after = tv.token_at(q.end) if q is not None and q.end < len(self.text) else s_hi
                while after < s_hi and tv.start[after] < (q.end if q else 0):
                    after += 1
                while after < s_hi and (self._is_date_word(after) or tv.pos[after] == "ADV"):
                    after += 1  # "s'est dit « prudemment optimiste » dimanche soir, ..."
                if q is None or after >= s_hi or tv.is_punct(after):
                    return "quote", k, q  # "a déclaré « ... »": the quotation is all it says
                return "object", k, None  # "a jugé « inacceptable » le silence de ...": and more
            if tv.morph(k, "VerbForm") == "Inf" and self._under(k, i) and not self._marked(k):
                if cue.needs and not self._has_prep(hi, k + 1, cue.needs, i):
                    return None, 0, None
                objs = [tv.subtree(c)[0] for c in tv.children[i] if hi <= c < k and not self._is_date_word(c)
                        and tv.dep[c] not in ("advmod", "punct", "aux:tense", "expl:comp", "nsubj", "cc")
                        and not any(tv.dep[g] == "case" for g in tv.children[c])]  # not "dans un communiqué"
                first = max(hi, tv.subtree(k)[0])  # "ne viser que", not "viser que"
                while first < k and tv.dep[first] == "mark":
                    first += 1
                return "inf", min([first] + [o for o in objs if o >= hi]), None  # "a exhorté Damas à ..."
            if tv.pos[k] == "VERB" and tv.morph(k, "VerbForm") == "Fin" and not self._under(k, i):
                break
            if k in self.cue_positions and k != i:
                break  # "..., affirmant que ...": the next cue's complement is not this one's
            if tv.text[k] in (".", ";", "?", "!"):
                break
            k += 1
        if cue.frame != "object":
            return None, 0, None
        if cue.needs and not self._has_prep(hi, min(s_hi, hi + COMPLEMENT_WINDOW), cue.needs, i):
            return None, 0, None
        starts = [max(hi, tv.subtree(c)[0]) for c in tv.children[i]
                  if c >= hi and tv.dep[c] in ("obj", "xcomp", "ccomp", "obl:arg", "iobj", "advcl")]
        if not starts:  # the parse hung the object elsewhere: the first word that can begin one
            k = hi
            while k < min(s_hi, hi + 6) and (self._is_date_word(k) or tv.pos[k] in ("ADV", "PUNCT", "SPACE")):
                k += 1
            if k < s_hi and tv.pos[k] in ("DET", "NOUN", "PROPN", "NUM", "PRON", "ADJ"):
                starts = [k]
        while starts and self._is_date_word(min(starts)):  # "a dénoncé vendredi une provocation"
            starts = [s + 1 if s == min(starts) else s for s in starts]
        if not starts:
            return None, 0, None
        return "object", min(starts), None

    def _under(self, k: int, i: int, steps: int = 3) -> bool:
        """Token ``k`` hangs (within a few steps) on the cue ``i``."""
        for _ in range(steps):
            k = self.tv.head[k]
            if k == i:
                return True
        return False

    def _has_prep(self, lo: int, hi: int, prep: str, cue: int | None = None) -> bool:
        """The cue's own complement opens with ``prep``: "appeler à", "menacer de frapper" (not
        the "de" inside its object: "menacent la ville de Djibo")."""
        tv = self.tv
        p = norm(prep)
        forms = {p, p[:1] + "'"}  # "de" and "d'"
        for k in range(lo, hi):
            if not (tv.key[k] in forms and tv.pos[k] in ("ADP", "SCONJ") or p == "a" and tv.key[k] in ("au", "aux")):
                continue
            h = tv.head[k]
            if cue is None or h == cue or tv.head[h] == cue or (
                    tv.morph(h, "VerbForm") == "Inf" and self._under(h, cue)):
                return True
        return False

    def _content_end(self, start: int, s_hi: int) -> int:
        """The content runs to the sentence end, short of a trailing attribution."""
        tv = self.tv
        end = s_hi
        for k in range(start + 1, s_hi):
            if k in self.boundaries:
                end = k
                break
        while end > start and (tv.is_punct(end - 1) and tv.text[end - 1] not in QUOTE_CLOSERS + (")", "]")):
            end -= 1
        return end

    def _extend_to_quote(self, c0: int, c1: int) -> int:
        """A quotation opened in the content runs on to its closing mark (several sentences)."""
        for q in self.quotes.within(c0, c1):
            if q.start >= c0 and q.end > c1:
                return q.end
        return c1

    def _extend_to_stripped_block(self, i: int, c1: int, end_tok: int, s_hi: int) -> tuple[int, bool]:
        """In a block that ends a stripped quotation, the speech runs to the block's end."""
        blk = self._block(i)
        if blk is None or blk.quote != "end":
            return c1, False
        for k in range(end_tok, len(self.tv)):  # another cue later in the block takes the rest
            if self.tv.start[k] >= blk.end:
                break
            if k in self.boundaries:
                return c1, False
        end = blk.end
        while end > c1 and self.text[end - 1] in " \n.":
            end -= 1
        return max(c1, end), True

    def _inverted_content(self, d: Draft, i: int, hi: int, subj: int) -> bool:
        tv = self.tv
        lo = self._first_of(i)
        s_lo, s_hi = self.sentence(i)
        # "comme le précise X, son titre : « ... »": the quotation after the speaker
        after = d.speaker_hi if d.speaker_hi > 0 else subj + 1
        for k in range(after, min(s_hi, after + 12)):
            if tv.pos[k] in ("VERB", "AUX"):
                break
            if tv.text[k] == ":":
                q = self.quotes.starting_after(tv.end[k], self.text)
                if q is not None:
                    d.content, d.kind = self._trim(*q.inner), "direct"
                    return True
                break
        q = self.quotes.ending_before(tv.start[lo], self.text)
        if q is not None:  # "« ... », a déclaré X"
            d.content, d.kind = self._trim(*q.inner), "direct"
            return True
        if self._stripped_block_before(d, i):
            return True
        if lo <= s_lo:
            return False
        start = s_lo
        while start < lo and tv.is_punct(start):
            start += 1
        end = lo
        while end > start and (tv.is_punct(end - 1) or tv.key[end - 1] in ("comme", "ainsi")) \
                and tv.text[end - 1] not in QUOTE_CLOSERS:
            end -= 1
        if end <= start:
            return False
        for k in range(start + 1, end):  # "Y, selon X, a déclaré Z": keep what is Z's
            if k in self.boundaries and k < lo:
                pass
        d.content = self._trim(tv.start[start], tv.end[end - 1])
        d.kind = self._kind(*d.content)
        d.channel = True  # "X a appelé à ..., indique l'agence APS": if it carries a statement
        return True

    def _ce_que(self, lo: int) -> int | None:
        """The "ce" of "ce que" / "ce qu'" governing the cue that starts at ``lo``, if any."""
        tv = self.tv
        s_lo, _ = self.sentence(lo)
        for k in range(lo - 1, max(s_lo, lo - 7), -1):
            if tv.key[k] in self.lex.complementizers:
                return k - 1 if k - 1 >= s_lo and tv.key[k - 1] in ("ce", "c'") else None
            if tv.pos[k] in ("VERB", "PUNCT") or tv.is_space(k):
                return None
        return None

    def _clause_before(self, d: Draft, ce: int) -> bool:
        """The content is the clause before ", ce que ...": what the cue denies or confirms."""
        tv = self.tv
        s_lo, _ = self.sentence(ce)
        end = ce
        while end > s_lo and tv.is_punct(end - 1):
            end -= 1
        start = s_lo
        while start < end and tv.is_punct(start):
            start += 1
        if end <= start:
            return False
        d.content = self._trim(tv.start[start], tv.end[end - 1])
        d.kind = self._kind(*d.content)
        return d.content[1] > d.content[0]

    def _stripped_block_before(self, d: Draft, i: int) -> bool:
        """An attribution line ("a déclaré vendredi X, ...") whose block before is a quotation
        the scraper stripped of its marks: the quotation is that block, or its end when the
        block opens with the writer's own words that carry a statement of their own."""
        blk = self._block(i)
        if blk is None or self.sentence(i)[0] != self._first_sentence(blk):
            return False
        prev = self._previous_block(blk)
        if prev is None:
            return False
        if blk.quote != "attribution" and not (  # the line itself bears the trace: "selon un élu ..."
                self.text[blk.start:blk.start + 1].islower() and self.text[prev.start:prev.end].rstrip().endswith(".")):
            return False
        start = prev.start
        told = [x.content[1] for x in self.drafts if x.content and prev.start <= x.content[0] < prev.end]
        if told:  # "Le Hezbollah a affirmé avoir tiré ... L'ennemi paiera le prix": after it
            k = self.tv.token_at(max(told))
            nxt = self.sentence(k)[1]
            if nxt >= self.tv.n or self.tv.start[nxt] >= prev.end:
                return False
            start = self.tv.start[nxt]
        d.content, d.kind = self._trim(start, prev.end), "direct"
        return d.content[1] > d.content[0]

    def _trim(self, c0: int, c1: int) -> tuple[int, int]:
        """Without the spaces, dashes and quotation marks at its edges; a quotation opened inside
        keeps its closing mark ("un « massacre »")."""
        t = self.text
        while c0 < c1 and t[c0] in " \n\t«“\"-—–:,\u00a0\u202f":
            c0 += 1
        while c1 > c0 and t[c1 - 1] in " \n\t»”\",;:\u00a0\u202f":
            c1 -= 1
        seg = t[c0:c1]
        for opener, closer in (("«", "»"), ("“", "”")):
            if seg.count(closer) > seg.count(opener):  # "« inacceptable » le silence": keep its opening
                j = c0
                while j > 0 and t[j - 1] in " \u00a0\u202f":
                    j -= 1
                if j > 0 and t[j - 1] == opener:
                    c0 = j - 1
                    seg = t[c0:c1]
            if seg.count(opener) > seg.count(closer):
                j = c1
                while j < len(t) and t[j] in " \u00a0\u202f":
                    j += 1
                if j < len(t) and t[j] == closer:
                    c1 = j + 1
        return c0, c1

    def _kind(self, c0: int, c1: int) -> str:
        qs = [q for q in self.quotes.within(c0 - 2, c1 + 2) if q.end > c0 and q.start < c1]
        if not qs:
            return "indirect"
        for q in qs:
            a, b = q.inner
            if a <= c0 + 2 and b >= c1 - 2:
                return "direct"
        return "mixed"

    # ------------------------------------------------------------------ according to
    def _according(self, i: int, hi: int) -> Draft | None:
        tv, lex = self.tv, self.lex
        s_lo, s_hi = self.sentence(i)
        if hi >= s_hi or tv.key[hi] in lex.relative_after_according:
            return None
        source_form = tv.key[i] == "de"
        x = hi if source_form else self._according_object(i, hi, s_hi)
        if x is None:
            return None
        d = Draft("de source" if source_form else "".join(tv.text[k] + ("" if tv.text[k][-1:] in "'’" else " ")
                                                         for k in range(i, hi)).strip().lower().replace("’", "'"),
                  i, hi, kind="according_to", channel=True)
        if tv.lemma[x] in lex.unattributed and not any(tv.dep[c] == "nmod" for c in tv.children[x]):
            return None  # "selon des informations non confirmées": no one is named
        if (tv.lemma[x] in lex.documents or tv.key[x] in lex.documents) and self._through_documents(x) == x \
                and self.book.actor_at(x) is None:
            return None  # "selon le dernier bilan": a count, no one named
        if not self._set_speaker(d, x, None):
            return None
        np_end = max(d.speaker_hi, x + 1)
        sub_end = tv.subtree(x)[1]  # "selon un élu joint par téléphone": the participle too
        while np_end < s_hi and tv.text[np_end] not in (",", ".", ";", ":") and (
                tv.pos[np_end] not in ("VERB", "AUX") or np_end < sub_end):
            np_end += 1
        before = i - s_lo - sum(1 for k in range(s_lo, i) if tv.is_punct(k) or tv.pos[k] in ("ADV", "CCONJ"))
        if before <= 0:  # "Selon X, Y."
            start = np_end + 1 if np_end < s_hi and tv.text[np_end] == "," else np_end
            end = self._content_end(start, s_hi)
        else:  # "Y, selon X." / "Y, selon X, Z." / "..., sans faire de victimes selon X"
            start, end = s_lo, i
            if tv.text[i - 1] != ",":  # no comma: "selon" bears on the clause just before it
                start = next((k + 1 for k in range(i - 1, s_lo, -1) if tv.text[k] == ","), s_lo)
            else:
                tail = self._content_end(np_end, s_hi) if np_end < s_hi else np_end
                if tail > np_end + 2:
                    end = tail
        while start < end and tv.is_punct(start):
            start += 1
        if end <= start:  # "Selon l'armée." alone on the line after a stripped quotation
            return d if self._stripped_block_before(d, i) else None
        d.content = self._trim(tv.start[start], tv.end[end - 1])
        if d.content[1] <= d.content[0]:
            return None
        d.date = None
        return d

    def _according_object(self, i: int, hi: int, s_hi: int) -> int | None:
        tv = self.tv
        h = tv.head[hi - 1]
        if hi <= h < s_hi and tv.dep[hi - 1] in ("case", "fixed", "mark"):
            return h
        for k in range(hi, min(s_hi, hi + 6)):
            if tv.pos[k] in ("NOUN", "PROPN", "PRON"):
                return k
        return None

    # ------------------------------------------------------------------ quotations without cues
    def _covered(self, c0: int, c1: int) -> bool:
        return any(d.content and d.content[0] < c1 and c0 < d.content[1] for d in self.drafts)

    def _words(self, q: Quote) -> int:
        a, b = q.inner
        return len(self.text[a:b].split())

    def _signed_quotes(self) -> None:
        """"J'ai évité le pire —Sonia Dridi, journaliste": a block signed after a dash."""
        tv = self.tv
        for blk in self.doc.blocks:
            seg = self.text[blk.start:blk.end]
            for dash in self.lex.citation_dashes:
                p = seg.rfind(dash)
                if p <= 0:
                    continue
                c_dash = blk.start + p
                k = tv.token_at(c_dash + len(dash))
                while k < len(tv) and tv.start[k] < c_dash + len(dash):
                    k += 1
                if k >= len(tv) or tv.start[k] >= blk.end:
                    continue
                tail_tokens = [j for j in range(k, len(tv)) if tv.start[j] < blk.end]
                m = self.book.mention_at(k)
                if m is None or m.source not in ("person", "lexicon", "org") or len(tail_tokens) > 10:
                    continue
                content = self._trim(blk.start, c_dash)
                if len(self.text[content[0]:content[1]].split()) < self.lex.min_quote_words or \
                        self._covered(*content):
                    continue
                d = Draft("citer", k, k, kind="direct", speaker=m.actor, speaker_lo=m.lo, speaker_hi=m.hi,
                          content=content)
                self.drafts.append(d)
                break

    def _continued_quotes(self) -> None:
        """"« A », a déploré X. « B »": a quotation that makes a sentence of its own right after
        a sentence quoting X, in the same paragraph, goes on quoting X."""
        tv = self.tv
        for q in self.quotes.quotes:
            if self._words(q) < self.lex.min_quote_words or self._covered(*q.inner):
                continue
            k = tv.token_at(q.start)
            while k < tv.n and tv.is_punct(k) and tv.start[k] < q.end:
                k += 1  # the first quoted word: the parser may leave « at the end of the sentence before
            if k >= tv.n:
                continue
            s_lo, _ = self.sentence(k)
            if k != s_lo and not all(tv.is_punct(j) for j in range(s_lo, k)):
                continue
            blk = self._block(k)
            prev = [x for x in self.drafts if x.kind == "direct" and x.content and blk is not None
                    and blk.start <= x.content[0] and x.cue_lo < k
                    and self.sentence(x.cue_lo)[0] >= self._sentence_before(s_lo)]
            if not prev:
                continue
            last = prev[-1]
            d = Draft(last.lemma, last.cue_lo, last.cue_hi, kind="direct", speaker=last.speaker,
                      speaker_lo=last.speaker_lo, speaker_hi=last.speaker_hi, content=self._trim(*q.inner),
                      act=last.act, date=last.date)
            self.drafts.append(d)

    def _sentence_before(self, s_lo: int) -> int:
        """The first token of the sentence before the one starting at ``s_lo``."""
        return self.sentence(s_lo - 1)[0] if s_lo > 0 else 0

    def _colon_quotes(self) -> None:
        """"X ... : « Y »": a quotation after a colon belongs to the subject of the clause."""
        tv = self.tv
        for q in self.quotes.quotes:
            if self._words(q) < self.lex.min_quote_words or self._covered(*q.inner):
                continue
            j = q.start
            while j > 0 and self.text[j - 1] in " \u00a0\u202f":
                j -= 1
            if j == 0 or self.text[j - 1] != ":":
                continue
            colon = tv.token_at(j - 1)
            s_lo, _ = self.sentence(colon)
            verb = next((k for k in range(colon - 1, s_lo - 1, -1)
                         if tv.pos[k] == "VERB" and self._subject_or_head(k) is not None), None)
            if verb is None:
                continue
            d = Draft(self._lemma(verb), self._first_of(verb), verb + 1, kind="direct", content=self._trim(*q.inner))
            if self._set_speaker(d, self._subject_or_head(verb), None) and d.speaker is not None:
                self._accept_quote(d, verb)

    def _embedded_quotes(self) -> None:
        """"La chaîne met « tout en œuvre ... »": a quotation the clause's verb governs."""
        tv = self.tv
        for q in self.quotes.quotes:
            if not q.closed or self._words(q) < self.lex.min_quote_words or self._covered(*q.inner):
                continue
            inside = [k for k in range(tv.token_at(q.start), len(tv)) if tv.start[k] < q.end]
            if len(inside) < 8 and not any(tv.pos[k] == "VERB" for k in inside):
                continue
            k = tv.token_at(q.start) - 1
            while k >= 0 and (tv.is_punct(k) or tv.pos[k] in ("ADV",)):
                k -= 1
            if k < 0 or tv.pos[k] != "VERB" or self._subject(k) is None:
                continue
            d = Draft(self._lemma(k), self._first_of(k), k + 1, kind="mixed", content=self._trim(*q.inner))
            if self._set_speaker(d, self._subject(k), None):
                self._accept_quote(d, k)

    def _subject_or_head(self, verb: int) -> int | None:
        s = self._subject(verb)
        if s is None and self.tv.dep[verb] == "acl:relcl":
            s = self.tv.head[verb]
        return s

    def _accept_quote(self, d: Draft, verb: int) -> None:
        a = self.book.actor_at(d.speaker_lo) if d.speaker_lo >= 0 else None
        if d.speaker is None or (a is None and d.speaker.provisional and d.speaker.kind not in ("person",)):
            return
        d.date = date_near(self.tv, self._date_tokens(verb, d.cue_lo, d.cue_hi, d), self.lex, self.published)
        self.drafts.append(d)
        self.by_cue.setdefault(verb, d)

    def _lemma(self, verb: int) -> str:
        return self.tv.doc[verb].lemma_

    # ------------------------------------------------------------------ acts, dates
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

    # ------------------------------------------------------------------ blocks
    def _blocks_of_sentences(self) -> list[int]:
        out = []
        blocks = self.doc.blocks or []
        b = 0
        for lo, _ in self.tv.sent_bounds:
            c = self.tv.start[lo] if lo < len(self.tv) else 0
            while b + 1 < len(blocks) and blocks[b].end < c:
                b += 1
            out.append(b)
        return out

    def _block(self, i: int):
        blocks = self.doc.blocks
        if not blocks:
            return None
        b = self.block_of_sent[self.tv.sent[i]]
        return blocks[b] if b < len(blocks) else None

    def _first_sentence(self, blk) -> int:
        tv = self.tv
        k = tv.token_at(blk.start)
        while k < len(tv) and tv.is_space(k):
            k += 1
        return self.sentence(min(k, len(tv) - 1))[0]

    def _previous_block(self, blk):
        blocks = self.doc.blocks
        idx = blocks.index(blk)
        return blocks[idx - 1] if idx > 0 else None

    def _in_title(self, i: int) -> bool:
        blk = self._block(i)
        return blk is not None and blk.kind in ("title", "heading")

    def _attribution_block(self, i: int) -> bool:
        blk = self._block(i)
        return blk is not None and blk.quote == "attribution"


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
