"""Property tests: for any text, repair and the record builder never raise, and every span of
every record round-trips into the raw text (raw[start:end] == text)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.document import Doc
from veille.stages.repair import repair

FRAGMENTS = [
    "Les rebelles ont pris le contrôle de Goma.", "a déclaré vendredi le porte-parole,", ".",
    "Photo : AFP / JEAN DUPONT", "Avec AFP et Reuters", "Ouvrir en mode plein écran", "Related News :",
    "« Nous ne reculerons pas »", "selon l'armée", "Un long conflit", "", "   ", "Kharkiv", "menant à",
    "l’aéroport d’Alep", "200 morts", "\t", "Lire aussi : la trêve", "nord du pays.", "(Photo : AP / X Y)",
]


def spans_in(x):
    """Every dict that looks like a span, anywhere in the record."""
    stack = [x]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if {"start", "end", "text"} <= item.keys() and isinstance(item["start"], int):
                yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=25).map("\n".join),
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_repair_any_text_maps_back_to_raw(repair_rules, text):
    doc = Doc(raw=text)
    repair(doc, repair_rules)
    assert len(doc.clean_text) == len(doc.offsets)
    for i, ch in enumerate(doc.clean_text):
        r = doc.offsets.to_raw(i)
        assert 0 <= r < len(text)
        assert raw_char_ok(text[r], ch)
    for b in doc.blocks:
        span = doc.raw_span(b.start, b.end)
        assert text[span.start:span.end] == span.text
    for removed in doc.removed:
        assert text[removed["start"]:removed["end"]] == removed["text"]


def raw_char_ok(raw_ch: str, clean_ch: str) -> bool:
    # a clean character is its raw character, or a space/newline standing for raw whitespace
    return raw_ch == clean_ch or (clean_ch in " \n" and raw_ch.isspace())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts)
def test_record_spans_round_trip(extract, text):
    rec = extract(text, published="2025-01-24").to_dict()
    for span in spans_in(rec):
        assert text[span["start"]:span["end"]] == span["text"]
