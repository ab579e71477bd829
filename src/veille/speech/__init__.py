"""Who says what: the parts of the actors and statements stages.

    lexmatch    token normalisation and a phrase trie over tokens (longest match)
    lexicon     the language data of both stages, loaded once per language
    naming      a noun phrase as an actor: English or French name, kind, country, role
    actorbook   the actors of one document: mentions, merging, roles, pronouns, the token index
    quotes      quotation spans, typed or left as traces of stripped marks
    dates       the date a statement was made ("a déclaré vendredi")
    draft       a statement in the making
    attribution the statements of one document: the finder's driver, cues, verbs, acts, nesting;
                its parts: clauses (grammar), speakers, content, according (selon, de source),
                quoted (quotations without a reporting verb)

Both stages read the token lists the parse stage built (``veille.tokenview.TokenView``).
"""
