"""Exports of the stored events: ACLED-style CSV, GeoJSON, JSON Lines and Parquet.

    with open_store(url) as store:
        n = export(store, "acled-csv", "events.csv", EventFilter(country="SD"))

Every format holds the same events (the current version of each article, filtered as the API
filters) and streams them page by page, so a large database does not have to fit in memory.

The CSV follows ACLED's column layout (the columns of ACLED's own export, in ACLED's order) so
that tools made for ACLED read it; veille's own columns follow, prefixed ``veille_``: the event
and document ids to come back to the evidence, the modality (asserted, claimed, reported,
denied, future), who claims it, the words that state it, and the fatalities as the text gives
them (empty when it gives none). ACLED's conventions kept here: ``fatalities`` is 0 when the text
gives no figure; ``time_precision`` 1 a day, 2 a week, 3 a month or more; ``geo_precision`` 1 a
town or a site, 2 a region or a province, 3 a country; ``source`` the outlet, then the wire
services the article credits ("Radio-Canada; AFP; Reuters"); ``admin1`` the province or state of
the place (``gazetteer.admin1``). Columns veille cannot fill (admin2, admin3, region,
source_scale...) stay empty. The Parquet file has the same columns with the types a CSV reader
infers from them (numbers as numbers).
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from .errors import VeilleError
from .store.queries import EventFilter, iter_events
from .taxonomy import EventType, Inter, Modality, disorder_type

FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")
MEDIA_TYPES = {"acled-csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
               "jsonl": "application/x-ndjson", "parquet": "application/vnd.apache.parquet"}
SUFFIXES = {"acled-csv": ".csv", "geojson": ".geojson", "jsonl": ".jsonl", "parquet": ".parquet"}

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
    "timestamp",
)
VEILLE_COLUMNS = ("veille_event_id", "veille_document_id", "veille_cluster_id", "veille_modality",
                  "veille_claimed_by", "veille_fatalities", "veille_evidence", "veille_document_url",
                  "veille_document_title")
CSV_COLUMNS = ACLED_COLUMNS + VEILLE_COLUMNS

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"site": 1, "city": 1, "admin1": 2, "region": 2, "country": 3}
# ACLED's actor-type codes, for the actor kinds veille can vouch for (1 state forces, 2 rebel
# groups); the other kinds (persons, media, unnamed groups) have no safe code.
INTER = {**dict.fromkeys(("military", "government", "state", "ministry", "police"), Inter.STATE_FORCES.value),
         "armed_group": Inter.REBEL_GROUPS.value}


def export(store, fmt: str, out: str | Path | IO[bytes], f: EventFilter | None = None) -> int:
    """Write the events matching ``f`` in format ``fmt`` to a path, '-' (stdout) or a binary
    file; return how many were written."""
    if fmt not in FORMATS:
        raise VeilleError("bad_parameter", f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}", fmt)
    f = f or EventFilter()
    with _binary_out(out) as sink, store.engine.connect() as conn:
        return WRITERS[fmt](_with_credits(conn, iter_events(conn, f)), sink, kinds=_actor_kinds(conn))


@contextmanager
def _binary_out(out) -> Iterator[IO[bytes]]:
    if out == "-" or out is None:
        yield sys.stdout.buffer
        sys.stdout.flush()
    elif isinstance(out, (str, Path)):
        try:
            with open(out, "wb") as fh:
                yield fh
        except OSError as exc:
            raise VeilleError("write", f"cannot write the export: {exc.strerror}", str(out)) from None
    else:
        yield out


def _with_credits(conn, rows: Iterable[dict]) -> Iterator[dict]:
    """Each event with ``document_credits``: the wire services its article credits (read once a
    document from its stored record)."""
    from sqlalchemy import select

    from .store.schema import documents

    known: dict[str, list[str]] = {}
    for e in rows:
        doc = e["document_id"]
        if doc not in known:
            record = conn.execute(select(documents.c.record).where(documents.c.id == doc)).scalar()
            credits = ((json.loads(record) if record else {}).get("document") or {}).get("credits") or {}
            if len(known) >= 10_000:  # bounded memory on a large export
                known.clear()
            known[doc] = list(credits.get("sources") or [])
        e["document_credits"] = known[doc]
        yield e


def _actor_kinds(conn) -> dict[str, str]:
    from sqlalchemy import select

    from .store.schema import actors

    return {k: kind for k, kind in conn.execute(select(actors.c.key, actors.c.kind)) if kind}


# --- ACLED rows -------------------------------------------------------------------------------

@lru_cache(maxsize=512)
def _country(cc: str | None) -> tuple[str, str]:
    """(ACLED-style country name, ISO 3166-1 numeric) for an alpha-2 code."""
    if not cc:
        return "", ""
    import pycountry

    c = pycountry.countries.get(alpha_2=cc.upper())
    if c is None:
        return "", ""
    return getattr(c, "common_name", None) or c.name, str(int(c.numeric))


@lru_cache(maxsize=512)
def _alpha3(cc: str | None) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_2=cc.upper()) if cc else None
    return c.alpha_3 if c else "XXX"


def acled_row(e: dict[str, Any], *, kinds: dict[str, str] | None = None) -> dict[str, Any]:
    """One event in ACLED's columns (and veille's, after them)."""
    kinds = kinds or {}
    country, iso = _country(e.get("country_code"))
    day = e.get("date_start") or ""
    inter1 = INTER.get(kinds.get(e.get("actor1_key") or "", ""), "")
    inter2 = INTER.get(kinds.get(e.get("actor2_key") or "", ""), "") if e.get("actor2") else ""
    kind = e.get("place_kind")
    place = e.get("place_name") or ""
    fatalities = e.get("fatalities")
    return {
        # ACLED's ids are the country's code and a number; ours keep the document and index
        "event_id_cnty": f"{_alpha3(e.get('country_code'))}-{e['id']}",
        "event_date": day, "year": day[:4], "time_precision": TIME_PRECISION.get(e.get("date_precision") or "", ""),
        "disorder_type": disorder_type(e["event_type"], e.get("sub_event_type")),
        "event_type": e["event_type"], "sub_event_type": e.get("sub_event_type") or "",
        "actor1": e.get("actor1") or "", "assoc_actor_1": e.get("assoc_actor1") or "", "inter1": inter1,
        "actor2": e.get("actor2") or "", "assoc_actor_2": "", "inter2": inter2,
        "interaction": _interaction(inter1, inter2, has_actor2=bool(e.get("actor2"))),
        "civilian_targeting": "Civilian targeting" if e["event_type"] == EventType.VIOLENCE_AGAINST_CIVILIANS else "",
        "iso": iso, "region": "", "country": country,
        "admin1": _admin1(e), "admin2": "", "admin3": "",
        "location": place,
        "latitude": e.get("lat") if e.get("lat") is not None else "",
        "longitude": e.get("lon") if e.get("lon") is not None else "",
        "geo_precision": GEO_PRECISION.get(kind or "", "") if place else "",
        "source": _source(e),
        "source_scale": "", "notes": _notes(e),
        "fatalities": fatalities or 0, "tags": "",
        "timestamp": _timestamp(e.get("document_published")),
        "veille_event_id": e["id"], "veille_document_id": e["document_id"],
        "veille_cluster_id": e.get("cluster_id") or "", "veille_modality": e.get("modality") or "",
        "veille_claimed_by": e.get("claimed_by") or "",
        "veille_fatalities": "" if fatalities is None else fatalities,  # unknown is not zero
        "veille_evidence": e["evidence"]["text"],
        "veille_document_url": e.get("document_url") or "", "veille_document_title": e.get("document_title") or "",
    }


def _admin1(e: dict[str, Any]) -> str:
    """The place itself when it is a division, else the division its point lies in."""
    from .gazetteer.admin1 import admin1

    if e.get("place_kind") == "admin1":
        return e.get("place_name") or ""
    if e.get("place_kind") in ("city", "site"):
        return admin1(e.get("country_code"), e.get("lat"), e.get("lon"))
    return ""


def _source(e: dict[str, Any]) -> str:
    """The outlet (or its site), then the wire services the article credits, each once."""
    names = [e.get("document_outlet") or _host(e.get("document_url"))] + list(e.get("document_credits") or [])
    seen: dict[str, str] = {}
    for name in names:
        if name and name.strip().casefold() not in seen:
            seen[name.strip().casefold()] = name.strip()
    return "; ".join(seen.values())


def _interaction(inter1, inter2, *, has_actor2: bool) -> str:
    if inter1 == "":
        return ""
    if not has_actor2:
        return f"{inter1}0"
    if inter2 == "":
        return ""
    a, b = sorted((inter1, inter2))
    return f"{a}{b}"


def _notes(e: dict[str, Any]) -> str:
    """The evidence, with who claims it when the outlet does not state it itself."""
    text = " ".join(e["evidence"]["text"].split())
    modality = e.get("modality")
    if modality == Modality.CLAIMED and e.get("claimed_by"):
        return f"[claimed by {e['claimed_by']}] {text}"
    if modality and modality != Modality.ASSERTED:
        return f"[{modality}] {text}"
    return text


def _host(url: str | None) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc.removeprefix("www.") if url else ""


def _timestamp(day: str | None) -> str:
    try:
        return str(int(datetime.fromisoformat(day).timestamp())) if day else ""
    except ValueError:
        return ""


# --- writers ----------------------------------------------------------------------------------

# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...), DDE):
# OWASP's list. An article's title, outlet or words can start with any of them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_safe(value: Any) -> Any:
    """A cell a spreadsheet shows as text, never runs: one that starts like a formula (after
    any spaces, which some spreadsheets trim) gets a leading single quote, as OWASP advises.
    Numbers stay numbers, a negative longitude or timestamp too, whether given as a number or
    as its text: a plain number is no formula. Only the CSV needs this; Parquet and JSON are
    read as typed data, and keep the text as it is."""
    if not isinstance(value, str) or _PLAIN_NUMBER.fullmatch(value.strip()):
        return value
    if value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_acled_csv(rows: Iterable[dict], out: IO[bytes], *, kinds=None) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    w = csv.DictWriter(text, fieldnames=CSV_COLUMNS)
    w.writeheader()
    n = 0
    for e in rows:
        w.writerow({k: csv_safe(v) for k, v in acled_row(e, kinds=kinds).items()})
        n += 1
    text.flush()
    text.detach()
    return n


def feature(e: dict[str, Any]) -> dict[str, Any]:
    """An event as a GeoJSON Feature (geometry null where it has no coordinates)."""
    geom = ({"type": "Point", "coordinates": [e["lon"], e["lat"]]}
            if e.get("lat") is not None and e.get("lon") is not None else None)
    props = {k: v for k, v in e.items() if k not in ("lat", "lon")}
    return {"type": "Feature", "id": e["id"], "geometry": geom, "properties": props}


def iter_geojson(rows: Iterable[dict]) -> Iterator[str]:
    """A FeatureCollection, in pieces: the features are written as they come."""
    yield '{"type":"FeatureCollection","features":['
    for i, e in enumerate(rows):
        yield ("," if i else "") + "\n" + json.dumps(feature(e), ensure_ascii=False)
    yield "\n]}\n"


def write_geojson(rows: Iterable[dict], out: IO[bytes], *, kinds=None) -> int:
    n = 0

    def counted():
        nonlocal n
        for e in rows:
            n += 1
            yield e

    for piece in iter_geojson(counted()):
        out.write(piece.encode("utf-8"))
    return n


def write_jsonl(rows: Iterable[dict], out: IO[bytes], *, kinds=None) -> int:
    n = 0
    for e in rows:
        out.write((json.dumps(e, ensure_ascii=False) + "\n").encode("utf-8"))
        n += 1
    return n


def parquet_schema():
    import pyarrow as pa

    # the columns a CSV reader reads as numbers are numbers here too (ACLED's iso and
    # interaction are numeric codes)
    types = {"latitude": pa.float64(), "longitude": pa.float64(), "fatalities": pa.int64(), "year": pa.int32(),
             "time_precision": pa.int8(), "geo_precision": pa.int8(), "inter1": pa.int8(), "inter2": pa.int8(),
             "interaction": pa.int16(), "iso": pa.int16(), "timestamp": pa.int64(),
             "veille_fatalities": pa.int64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in CSV_COLUMNS])


def write_parquet(rows: Iterable[dict], out: IO[bytes], *, kinds=None, batch: int = 5000) -> int:
    """The CSV's columns, typed (numbers as numbers, empty as null), in row groups of ``batch``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    numeric = {f.name for f in schema if not pa.types.is_string(f.type)}
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        chunk: list[dict] = []
        for e in rows:
            row = acled_row(e, kinds=kinds)
            chunk.append({k: (None if (k in numeric and row[k] == "") else
                              int(row[k]) if k in numeric and schema.field(k).type != pa.float64() else row[k])
                          for k in CSV_COLUMNS})
            if len(chunk) >= batch:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


WRITERS = {"acled-csv": write_acled_csv, "geojson": write_geojson, "jsonl": write_jsonl, "parquet": write_parquet}
