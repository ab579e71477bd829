"""Exports over HTTP: the same files as ``veille export``, for the same event filters."""
from __future__ import annotations

import tempfile
from enum import Enum

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from .. import export as exporting
from .params import Events

router = APIRouter(prefix="/api/export", tags=["exports"])

ExportFormat = Enum("ExportFormat", {f.replace("-", "_"): f for f in exporting.FORMATS}, type=str)
SPOOL_BYTES = 8 * 1024 * 1024  # kept in memory below this size, spooled to a temporary file above


@router.get("/{fmt}", summary="Download the filtered events: acled-csv, geojson, jsonl or parquet")
def export_events(request: Request, fmt: ExportFormat, f: Events) -> StreamingResponse:
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    exporting.export(request.app.state.store, fmt.value, spool, f)
    spool.seek(0)

    def chunks():
        with spool:
            while block := spool.read(256 * 1024):
                yield block

    name = "veille-events" + exporting.SUFFIXES[fmt.value]
    return StreamingResponse(chunks(), media_type=exporting.MEDIA_TYPES[fmt.value],
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})
