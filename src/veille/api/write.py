"""The write endpoints: post an article, run a failed document's extraction again.

Both need the token of the ``serve.write_token`` setting, sent as ``Authorization: Bearer
TOKEN``: without it (or with another) the answer is a 401; with no token set, writes are off and
the answer is a 403. Read endpoints stay open. A posted article goes through the same path as
``veille ingest`` (read limits, extraction, the store's one write path), one write at a time.
A body over ``serve.max_request_bytes`` is a 413, counted as it arrives (a missing or lying
Content-Length changes nothing).
"""
from __future__ import annotations

import hmac
import json
import threading

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ..errors import VeilleError
from .errors import error_response

router = APIRouter(prefix="/api/documents", tags=["write"])

_ONE_WRITER = threading.Lock()  # the pipeline and the store's write path, one request at a time
WHERE = "<POST /api/documents>"  # how a posted article is named when it has no url


@router.post("", status_code=201, summary="Ingest one article (needs the write token)",
             responses={200: {"description": "already stored: unchanged"}, 401: {}, 403: {}, 413: {}, 422: {}},
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                 "type": "object", "required": ["text"], "properties": {
                     k: {"type": "string"} for k in ("text", "url", "title", "published", "outlet")}}}}}})
async def post_document(request: Request) -> JSONResponse:
    if (denied := _denied(request)) is not None:
        return denied
    body = await _body(request)
    if isinstance(body, JSONResponse):
        return body
    try:
        obj = json.loads(body)
    except (ValueError, RecursionError):
        return error_response(VeilleError("bad_json", "the body is not JSON", WHERE), 422)
    from ..stages.read import FieldError, article_from_json, read_limits

    settings = request.app.state.settings
    doc = article_from_json(obj, WHERE, max_chars=read_limits(settings)["max_chars"])
    if isinstance(doc, FieldError) and doc.code != "too_large":
        # a bad field (a lone surrogate, a NUL, a date that is no day) is a 422 naming the field,
        # as a bad query parameter is
        return error_response(VeilleError(doc.code, doc.message, doc.field), 422)
    if isinstance(doc, VeilleError):
        return error_response(doc, 413 if doc.code == "too_large" else 422)
    from ..engines.work import WorkItem

    return await run_in_threadpool(_ingest, request, WorkItem.of(doc), False)


@router.post("/{document_id}/reextract", summary="Run a failed document's extraction again (needs the write token)",
             responses={401: {}, 403: {}, 404: {}, 409: {}})
async def reextract(request: Request, document_id: str) -> JSONResponse:
    if (denied := _denied(request)) is not None:
        return denied
    store = request.app.state.store
    status = (await run_in_threadpool(store.statuses, [document_id])).get(document_id)
    if status is None:
        return error_response(VeilleError("not_found", "no such document", document_id), 404)
    if status == "ok":
        # a record is made once per text: the id is the text's hash, a changed text a new version
        return error_response(VeilleError("conflict", "already extracted; only a failed document runs again",
                                          document_id), 409)
    items = [i for i in await run_in_threadpool(store.failed_items) if i.id == document_id]
    if not items:  # another request ran it again in the meantime
        return error_response(VeilleError("conflict", "already extracted", document_id), 409)
    return await run_in_threadpool(_ingest, request, items[0], True)


def _ingest(request: Request, item, retry: bool) -> JSONResponse:
    from ..ingest import ingest_items

    with _ONE_WRITER:
        summary = ingest_items([item], store=request.app.state.store, settings=request.app.state.settings,
                               retry_failed=retry)
    if summary.errors:
        err = summary.errors[0]
        return error_response(VeilleError(err.code, f"{err.message} (stored as failed; POST "
                                                    f"/api/documents/{item.id}/reextract runs it again)", item.id),
                              422)
    result = "ingested" if summary.ingested else "unchanged"
    return JSONResponse({"id": item.id, "result": result, "href": f"/api/documents/{item.id}"},
                        status_code=201 if summary.ingested else 200)


def _denied(request: Request) -> JSONResponse | None:
    token = str(request.app.state.settings.get("serve.write_token") or "")
    if not token:
        return error_response(VeilleError("forbidden", "writes are off: set serve.write_token to allow them",
                                          request.url.path), 403)
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        response = error_response(VeilleError("unauthorized", "this endpoint needs the write token "
                                                              "(Authorization: Bearer TOKEN)", request.url.path), 401)
        response.headers["WWW-Authenticate"] = "Bearer"
        return response
    return None


async def _body(request: Request) -> bytes | JSONResponse:
    """The request body, or a 413 as soon as it passes serve.max_request_bytes."""
    limit = int(request.app.state.settings.get("serve.max_request_bytes"))
    too_large = error_response(VeilleError("too_large", f"the request body is over {limit} bytes "
                                                        f"(serve.max_request_bytes)", request.url.path), 413)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return too_large
        chunks.append(chunk)
    return b"".join(chunks)
