"""Who says what: the helpers of the actors and statements stages.

    lexmatch    token normalisation and a phrase trie over tokens (longest match)
    lexicon     the language data of both stages, loaded once per language
    naming      a noun phrase as an actor: English or French name, kind, country, role
    actorbook   the actors of one document: mentions, merging, pronouns, the token index
    quotes      quotation spans, typed or left as traces of stripped marks
    dates       the date a statement was made ("a déclaré vendredi")
    attribution the statements of one document: cues, speakers, content, source chains
"""
