"""The taxonomy (``veille.taxonomy``): the one place ACLED's types and sub-types, PLOVER types,
modalities and statement kinds are spelled. Checked against the record spec's table, against
every name the lexicons use, and against the code (no other module spells an ACLED type); the
record refuses a value it does not know, the API answers one with a 422, the CLI with exit 2."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

from veille.taxonomy import (DISORDER, EVENT_TYPE_OF, EVENT_TYPES, MODALITIES, SUB_EVENT_TYPES, VERBAL_ACTS,
                             EventType, Modality, Plover, StatementKind, SubEventType, allowed_sub_types,
                             disorder_type)

SRC = Path(__file__).resolve().parent.parent / "src" / "veille"
LEXICONS = SRC / "lexicons"
SPEC = Path(__file__).resolve().parent.parent.parent / "shared" / "spec" / "record.md"
ACLED_NAMES = {t.value for t in EventType} | {s.value for s in SubEventType}


def _yaml(path: Path):
    return yaml.safe_load(path.read_text("utf-8")) or {}


# --- the taxonomy itself ----------------------------------------------------------------------

def test_every_sub_type_belongs_to_exactly_one_event_type():
    listed = [s for subs in SUB_EVENT_TYPES.values() for s in subs]
    assert sorted(listed) == sorted(SubEventType) and len(listed) == len(set(listed))
    assert set(SUB_EVENT_TYPES) == set(EventType) == set(DISORDER)
    for t, subs in SUB_EVENT_TYPES.items():
        assert all(EVENT_TYPE_OF[s] is t for s in subs)
    assert allowed_sub_types("Riots") == (SubEventType.VIOLENT_DEMONSTRATION, SubEventType.MOB_VIOLENCE)
    assert allowed_sub_types("Wars") == ()


@pytest.mark.skipif(not SPEC.is_file(), reason="the shared spec is absent")
def test_the_types_and_sub_types_are_the_record_specs_table():
    text = SPEC.read_text("utf-8")
    rows = re.findall(r"^\| ([A-Z][^|]+?) \| ([^|]+?) \|$", text, re.M)
    table = {t: tuple(s.strip() for s in subs.split(";")) for t, subs in rows if t != "event_type"}
    assert table == {t.value: tuple(s.value for s in subs) for t, subs in SUB_EVENT_TYPES.items()}
    for value in MODALITIES:
        assert f'"{value}"' in text
    for kind in StatementKind:
        assert f'"{kind}"' in text


def test_members_are_their_strings_so_the_json_is_unchanged():
    assert json.dumps({"t": EventType.EXPLOSIONS_REMOTE_VIOLENCE, "m": Modality.CLAIMED}) == \
        json.dumps({"t": "Explosions/Remote violence", "m": "claimed"})
    assert f"{SubEventType.AIR_DRONE_STRIKE}" == "Air/drone strike" and str(Plover.ASSAULT) == "ASSAULT"
    assert EVENT_TYPES == tuple(t.value for t in EventType) and all(type(t) is str for t in EVENT_TYPES)
    assert disorder_type("Riots", "Mob violence") == "Political violence; Demonstrations"
    assert disorder_type("Battles", "Armed clash") == "Political violence"
    assert type(disorder_type("Protests", None)) is str and disorder_type("Wars", None) == ""


# --- the lexicons name only what the taxonomy knows -------------------------------------------

def _families() -> dict[str, dict]:
    families = _yaml(LEXICONS / "fr" / "frames.yaml").get("families") or {}
    assert len(families) > 20  # the test reads the real lexicon, not an empty one
    return families


@pytest.mark.parametrize("name, family", list(_families().items()))
def test_every_event_family_names_an_acled_type_sub_type_and_plover_type(name, family):
    assert family["type"] in set(EventType), f"{name}: unknown ACLED event type {family['type']!r}"
    assert family.get("sub") in allowed_sub_types(family["type"]), \
        f"{name}: {family.get('sub')!r} is no sub-type of {family['type']!r}"
    plover = family.get("plover")
    assert plover is None or plover in set(Plover), f"{name}: unknown PLOVER type {plover!r}"
    # the re-typings by who acts or who is hit: by_state: [Strategic developments, Arrests], ...
    for key, value in family.items():
        if isinstance(value, list):
            assert len(value) == 2, f"{name}.{key}: an event type and a sub-type"
            etype, sub = value
            assert etype in set(EventType), f"{name}.{key}: unknown ACLED event type {etype!r}"
            assert sub in allowed_sub_types(etype), f"{name}.{key}: {sub!r} is no sub-type of {etype!r}"


def _values(node, where: str, key: str):
    """(where, value) for every ``key:`` value at any depth; under ``object_acts``, every value
    is an act too."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                yield where, v
            elif key == "act" and k == "object_acts" and isinstance(v, dict):
                yield from ((f"{where}.object_acts.{n}", a) for n, a in v.items())
            else:
                yield from _values(v, f"{where}.{k}", key)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _values(v, f"{where}[{i}]", key)


def test_every_cue_act_is_a_known_plover_verbal_act():
    acts = list(_values(_yaml(LEXICONS / "fr" / "cues.yaml"), "cues", "act"))
    assert sum(a is not None for _, a in acts) > 50  # the real lexicon
    bad = [(w, a) for w, a in acts if a is not None and a not in VERBAL_ACTS]
    assert not bad, f"acts PLOVER's verbal acts lack: {bad}"


def test_every_plover_and_act_value_in_any_lexicon_is_known():
    """Any YAML lexicon, present or to come (frames, other languages)."""
    files = sorted(LEXICONS.glob("*/**/*.yaml"))
    assert files
    for f in files:
        data = _yaml(f)
        for where, p in _values(data, f.name, "plover"):
            assert p is None or p in set(Plover), f"{where}: unknown PLOVER type {p!r}"
        for where, a in _values(data, f.name, "act"):
            assert a is None or a in VERBAL_ACTS, f"{where}: unknown PLOVER verbal act {a!r}"


# --- no other module spells an ACLED type -----------------------------------------------------

def test_no_module_but_the_taxonomy_spells_an_acled_type_or_sub_type():
    found = []
    for f in sorted(SRC.rglob("*.py")):
        if f.name == "taxonomy.py" and f.parent == SRC:
            continue
        for node in ast.walk(ast.parse(f.read_text("utf-8"), str(f))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ACLED_NAMES:
                found.append(f"{f.relative_to(SRC)}:{node.lineno}: {node.value!r}")
    assert not found, "use veille.taxonomy's enums instead:\n" + "\n".join(found)


# --- the record, the API, the CLI refuse what the taxonomy does not know ----------------------

def _event(**kw):
    from veille.record import Event, Span

    fields = {"event_type": "Battles", "sub_event_type": "Armed clash", "plover": "ASSAULT", "actor1": None,
              "actor2": None, "evidence": Span(0, 5, "Hello")} | kw
    return Event(**fields)


@pytest.mark.parametrize("bad, named", [
    ({"event_type": "Wars"}, "Wars"),
    ({"sub_event_type": "Attack"}, "Attack"),  # a sub-type, but of Violence against civilians
    ({"plover": "FIGHT"}, "FIGHT"),
    ({"modality": "maybe"}, "maybe"),
])
def test_the_record_refuses_an_event_the_taxonomy_does_not_know(bad, named):
    with pytest.raises(ValueError, match=re.escape(repr(named))):
        _event(**bad)


def test_the_record_keeps_known_values_as_given():
    from veille.record import Record, Span, Statement

    e = _event(event_type=EventType.PROTESTS, sub_event_type=None, plover=None, modality=Modality.FUTURE)
    assert e.modality == "future" and _event().modality == "asserted" and type(_event().modality) is str
    s = Statement("X", None, "selon", "according_to", None, Span(0, 5, "Hello"), act="ACCUSE")
    with pytest.raises(ValueError, match="'shouted'"):
        Statement("X", None, "dire", "shouted", None, Span(0, 5, "Hello"))
    with pytest.raises(ValueError, match="'BLAME'"):
        Statement("X", None, "dire", "direct", None, Span(0, 5, "Hello"), act="BLAME")
    d = {"document": {"id": "x", "source": None, "language": "fr", "published": None, "title": None,
                      "clean_text": "", "credits": {}},
         "events": [json.loads(json.dumps(_plain(e)))], "statements": [json.loads(json.dumps(_plain(s)))]}
    again = Record.from_dict(d)
    assert again.events[0].event_type == "Protests" and again.statements[0].kind == "according_to"


def _plain(x):
    from veille.record import _plain

    return _plain(x)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('taxo') / 'veille.db'}"
    with open_store(url):
        pass
    with TestClient(create_app(url, allowed_hosts=["testserver"])) as c:
        yield c


@pytest.mark.parametrize("path, param, value", [
    ("/api/events", "event_type", "Wars"),
    ("/api/events", "event_type", "battles"),
    ("/api/events", "sub_event_type", "Air strike"),
    ("/api/events", "modality", "maybe"),
    ("/api/events.geojson", "event_type", "Wars"),
    ("/api/events/timeline", "event_type", "Wars"),
    ("/api/clusters", "event_type", "Wars"),
    ("/api/statements", "kind", "shouted"),
    ("/api/statements", "act", "BLAME"),
])
def test_the_api_answers_an_unknown_value_with_a_422_naming_it(client, path, param, value):
    r = client.get(path, params={param: value})
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["code"] == "bad_parameter" and err["input"] == param
    assert param in err["message"] and repr(value) in err["message"]


def test_the_api_accepts_every_known_value(client):
    for t in EventType:
        assert client.get("/api/events", params={"event_type": t.value}).status_code == 200
        assert client.get("/api/clusters", params={"event_type": t.value}).status_code == 200
    for s in SubEventType:
        assert client.get("/api/events", params={"sub_event_type": s.value}).status_code == 200
    for m in Modality:
        assert client.get("/api/events", params={"modality": m.value}).status_code == 200
    for k in StatementKind:
        assert client.get("/api/statements", params={"kind": k.value}).status_code == 200
    assert client.get("/api/statements", params={"act": "accuse"}).status_code == 200


@pytest.mark.parametrize("option, value", [("--event-type", "Wars"), ("--modality", "maybe")])
def test_the_cli_export_refuses_an_unknown_filter_value(tmp_path, capsys, option, value):
    from veille.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["export", "--format", "jsonl", "--db", f"sqlite:///{tmp_path / 'x.db'}", "-o", "-", option, value])
    assert stop.value.code == 2
    assert repr(value) in capsys.readouterr().err
