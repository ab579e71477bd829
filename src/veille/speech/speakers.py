"""Who speaks: the subject of a cue, an inverted subject, a pronoun, a relative, a document's
author, the subject a participle or an infinitive inherits, the actor a phrase names."""
from __future__ import annotations

from ..record import Actor
from .draft import QUOTE_CLOSERS, SKIP_BEFORE_SPEAKER, Draft
from .lexicon import Cue
from .naming import np_extent

PRONOUN_LOOKBACK = 3  # sentences back where a description ("le rapport") finds its owner


class SpeakerMixin:
    """Methods of ``attribution.Finder``; they read its token lists, lexicon, actor book,
    quotations and drafts."""

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
            tv.key[before] in self.lex.speaker_openers
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
            if tv.pos[k] == "PRON" and tv.key[k] in self.lex.pronoun_complements:
                return None
            if tv.pos[k] not in SKIP_BEFORE_SPEAKER + ("NUM", "NOUN") or tv.key[k] in self.lex.complementizers \
                    or tv.text[k] in (":",):
                return None
            k += 1
        return None

    def _comma_inverted(self, i: int, hi: int, cue=None) -> int | None:
        """"Au moins 40 personnes, dont des enfants, ont été tuées ..., a affirmé l'OSDH": the
        parser made the clause's noun the cue's subject and the speaker its object. A cue after a
        comma, with a whole clause (a verb of its own) before it and an actor right after it,
        is a trailing attribution whose speaker is that actor."""
        tv = self.tv
        lo = self._first_of(i)
        subj = self._subject_token(i)
        if lo == 0 or tv.text[lo - 1] != "," or subj is None or subj > i:
            return None
        if not any(tv.pos[k] == "VERB" and k != i for k in range(subj + 1, lo - 1)):
            return None
        k = self._inverted_subject(i, hi)
        if k is None or k <= i or not self._under(k, i, 1) or self._complement_after(k):
            return None
        known = self.book.actor_at(k) is not None
        frame = getattr(cue, "frame", "clause")
        return k if known or frame == "clause" and self._speaker_like(k) else None

    def _speaker_like(self, k: int) -> bool:
        """The words at ``k`` name an actor (a person, a group, an institution)."""
        if k < len(self.tv) and self.tv.text[k].startswith("-"):
            return True
        return self.book.actor_at(k) is not None or self._actor_in_phrase(k) is not None

    def _role_above(self, s: int) -> int:
        """"le chef de mission de MSF pour la Syrie, qui considère ...", "le porte-parole de
        l'armée, qui a affirmé": the parser hangs the relative on the last noun; the one who
        speaks is the role whose complement that noun is."""
        tv, k = self.tv, s
        for _ in range(3):
            if tv.dep[k] != "nmod" or tv.head[k] == k:
                break
            k = tv.head[k]
            if tv.lemma[k] in self.lex.role_heads or tv.key[k] in self.lex.role_heads:
                return k
        return s

    def _set_speaker(self, d: Draft, s: int, cue: Cue | None, *, clitic: bool = False) -> bool:
        tv, lex = self.tv, self.lex
        if tv.key[s] in lex.relative_subjects and tv.pos[s] == "PRON":
            verb = tv.head[s]
            s = tv.head[verb] if tv.dep[verb].startswith("acl") else s
            s = self._role_above(s)
            if tv.dep[s] == "appos" and self.book.actor_at(s) is None:
                s = tv.head[s]
        s = self._through_documents(s)
        while s >= 2 and tv.text[s - 1] == "-" and tv.end[s - 2] == tv.start[s - 1] and \
                tv.end[s - 1] == tv.start[s] and tv.pos[s - 2] in ("PROPN", "NOUN", "ADJ"):
            s -= 2  # "le Royaume-Uni": the parse took the name's last part ("Uni") for the subject
        if self._is_document(s) and self.book.actor_at(s) is None:
            return False  # "un message disant ...": a document no one is named behind
        for c in tv.children[s]:  # "Des habitants de Zamzam, le plus grand camp ..., ont raconté"
            if c < s and tv.dep[c] in ("nsubj", "appos") and self.book.actor_at(c) is not None and \
                    self.book.actor_at(s) is None:
                s = c
                break
        pron = tv.key[s].lstrip("-")
        actor = None
        if pron in self.lex.indefinite_pronouns:
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
            if actor is None and clitic:  # "« A. » « B », a-t-il ajouté": the subject before the quotations
                number, gender = lex.subject_pronouns[pron]
                actor = self.book.antecedent_for(s, number, gender)
            if actor is None:
                return False
            d.speaker, d.speaker_lo, d.speaker_hi = actor, s, s + 1
            return True
        own = self.book.actor_at(s)
        if own is not None and own.kind == "person":
            actor = own  # "Jeanne Morel (PS) a écrit": the bracket names her party, not her
        else:
            actor = self._acronym_after(s) or own or self._actor_in_phrase(s)
        if (actor is None or actor.kind != "person") and s + 1 < tv.n:
            m = self.book.mention_at(s + 1)  # "le capitaine Ibrahim Traoré": the name after the title
            if m is not None and m.lo == s + 1 and m.source in ("person", "lexicon") and m.actor.kind == "person":
                actor, s = m.actor, s + 1
        if actor is None:
            actor = self.book.described_at(s)  # "l'organisation" after "Amnesty International"
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
        """"un communiqué de la police" speaks for the police; so does "le classement publié par
        X", "X a publié un communiqué affirmant ...", and a later "le rapport" for the report
        an earlier sentence gave an owner."""
        for _ in range(2):
            if not self._is_document(s):
                return s
            owner = self._document_owner(s)
            if owner is None:
                owner = self._earlier_document_owner(s)
            if owner is None:
                return s
            s = owner
        return s

    def _is_document(self, s: int) -> bool:
        return self.tv.lemma[s] in self.lex.documents or self.tv.key[s] in self.lex.documents

    def _document_owner(self, s: int) -> int | None:
        tv = self.tv
        for c in tv.children[s]:
            if c > s and tv.dep[c] == "nmod" and any(
                    tv.dep[g] == "case" and tv.key[g] in self.lex.partitives for g in tv.children[c]) and (
                    tv.pos[c] == "PROPN" or self.book.actor_at(c) is not None
                    or any(tv.dep[g] == "det" or tv.key[g] in self.lex.contracted_partitives for g in tv.children[c])):
                return c  # "le communiqué de la police", not "un communiqué de presse"
        for c in tv.children[s]:  # "le classement établi par RSF"
            if c > s and tv.dep[c].startswith("acl"):
                agent = next((g for g in tv.children[c] if tv.dep[g] == "obl:agent"), None)
                if agent is not None:
                    return agent
        _, s_hi = self.sentence(s)
        for k in range(s + 1, min(s_hi - 1, s + 8)):  # "le classement 2012 établi par RSF"
            if tv.text[k] in (",", ";", ":"):
                break
            if tv.key[k] in self.lex.agent_preps and tv.pos[k - 1] == "VERB" and self._speaker_like(k + 1):
                # (whatever its form: "le classement établit par X", a participle misspelt)
                return k + 1
        if tv.dep[s] == "obj" and tv.pos[tv.head[s]] == "VERB":  # "TVE a émis un communiqué"
            subj = self._subject(tv.head[s])
            if subj is not None and subj < s and self._speaker_like(subj):
                return subj
        return None

    def _earlier_document_owner(self, s: int) -> int | None:
        """"Le rapport final du BEA conclut ... Selon le rapport, ...": the same noun, earlier,
        with its owner."""
        tv = self.tv
        if s == 0 or tv.key[s - 1] not in self.lex.anaphoric_determiners:
            return None
        first = self.sentence(max(0, self.sentence(s)[0] - 1))[0]
        for _ in range(PRONOUN_LOOKBACK):
            if first == 0:
                break
            first = self.sentence(first - 1)[0]
        for k in range(s - 1, first - 1, -1):
            if tv.lemma[k] == tv.lemma[s]:
                owner = self._document_owner(k)
                if owner is not None:
                    return owner
        return None

    def _acronym_after(self, s: int) -> Actor | None:
        """"la Mission de l'ONU en RDC (Monusco)": the known name in brackets right after the
        speaker's words is who they are, before any actor inside them (the UN)."""
        tv = self.tv
        _, k = self._speaker_words(s)
        end = min(tv.n, k + 5)  # "de l'ONU en RDC (Monusco)": a short complement may come between
        while k < end and tv.text[k] != "(" and tv.pos[k] in ("ADP", "DET", "PROPN", "NOUN", "ADJ"):
            k += 1
        if k + 2 < tv.n and tv.text[k] == "(" and tv.text[k + 2] == ")":
            return self.book.actor_at(k + 1)
        return None

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

    def _clause_actor(self, v: int) -> int | None:
        """The first actor of the sentence before the verb ``v``, outside any preposition or
        bracket: the subject the parse lost ("Alors que ..., François Brottes (PS) est intervenu")."""
        tv = self.tv
        s_lo, _ = self.sentence(v)
        lo = self._first_of(v)
        for k in range(s_lo, lo):
            m = self.book.mention_at(k)
            if m is None or m.lo != k or m.hi > lo or (k > 0 and tv.text[k - 1] == "("):
                continue
            h = m.head
            if any(tv.dep[c] == "case" for c in tv.children[h]) or tv.dep[h].startswith(("obj", "obl")):
                continue
            return h
        return None

    def _inherit_speaker(self, d: Draft, i: int, cue: Cue) -> bool:
        """A participle ("ajoutant que"), an infinitive ("a tenu à préciser") or a coordinated
        verb ("a déclaré ... et a ajouté") speaks with the subject of the clause it hangs on."""
        tv = self.tv
        if tv.dep[i] == "acl" and tv.pos[tv.head[i]] in ("NOUN", "PROPN"):
            h = tv.head[i]
            v = tv.head[h]
            if i > 0 and tv.text[i - 1] == "," and any(tv.dep[c] == "case" for c in tv.children[h]) and \
                    v != h and tv.pos[v] in ("VERB", "AUX") and self._subject(v) is not None:
                # "ont manifesté devant le ministère, réclamant ...": not the noun of the place
                return self._set_speaker(d, self._subject(v), cue)
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
            if s is None and tv.morph(i, "VerbForm") == "Part" and tv.morph(i, "Tense") == "Pres":
                # "X est intervenu en demandant ...": whatever the parse made of the clause's
                # voice, its subject speaks the gerund
                s = next((c for c in tv.children[v] if tv.dep[c] == "nsubj:pass"
                          and self.book.actor_at(c) is not None), None)
                s = s if s is not None else self._clause_actor(v)
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
