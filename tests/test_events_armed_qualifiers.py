"""events.yaml's armed_qualifiers is the one list of the words that make a noun armed: it once
had 4 words while the code held 12, and "opération militaire" / "antiterroriste" need the
longer list to be a clash, not a strategic development."""
import pytest

PUBLISHED = "2024-03-10"


@pytest.mark.parametrize("text", [
    "L'armée malienne a lancé une opération militaire dans la région de Gao.",
    "L'armée a mené une opération antiterroriste près de Mopti mardi.",
])
def test_an_armed_operation_is_a_clash(extract, text):
    rec = extract(text + "\n", published=PUBLISHED)
    assert [(e.event_type, e.sub_event_type) for e in rec.events] == [("Battles", "Armed clash")]
