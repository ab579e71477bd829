"""parse: a sentence starts at each line break of the repaired text."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, first_sentences", [
    ("Un long conflit\nLes combats ont repris en 2021 dans la région.",
     ["Un long conflit", "Les combats ont repris en 2021 dans la région."]),
    ("Des soldats patrouillent à Gao\nLe calme est revenu dans la ville après trois jours de combats.",
     ["Des soldats patrouillent à Gao", "Le calme est revenu dans la ville après trois jours de combats."]),
])
def test_parse_sentence_starts_at_line_breaks(extract, pipeline, text, first_sentences):
    from veille.document import Doc

    doc = Doc(raw=text)
    for name in ("repair", "language"):
        pipeline.stages[name](doc)
    pipeline.stages["parse"](doc)
    sents = [s.text.strip() for s in doc.parsed.sents]
    assert sents[: len(first_sentences)] == first_sentences


def test_parse_keeps_sentences_within_a_line(pipeline):
    from veille.document import Doc

    doc = Doc(raw="Les rebelles ont pris Goma. L'armée a reculé vers Sake.")
    for name in ("repair", "language", "parse"):
        pipeline.stages[name](doc)
    assert len(list(doc.parsed.sents)) == 2


@pytest.mark.parametrize("text", [
    "À Idleb, dans le nord-ouest du pays, des milliers de manifestants sont descendus dans la rue vendredi.",
    "À Kramatorsk, dans l'est du pays, deux civils ont été tués mardi dans une frappe, selon le gouverneur.",
    "Dans la nuit de lundi à mardi, des drones ont visé Odessa, a indiqué l'armée de l'air.",
])
def test_parse_a_comma_or_a_small_letter_goes_on_with_the_sentence(pipeline, text):
    """A sentence never starts at a comma, or at a word in small letters after a word that cannot
    end one (the stock parser sometimes splits "À Idleb | , dans ...")."""
    from veille.document import Doc

    doc = Doc(raw=text)
    for name in ("repair", "language", "parse"):
        pipeline.stages[name](doc)
    assert [s.text.strip() for s in doc.parsed.sents] == [text]
