"""One JSON error shape for every error the API returns: ``{"error": {"code", "message", "input"}}``
(``VeilleError.to_json``). A bad parameter is a 422 naming the parameter; nothing the caller
sends should reach a 500."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import VeilleError

log = logging.getLogger("veille.api")

STATUS = {"bad_parameter": 422, "not_found": 404, "db": 503}
HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
              413: "too_large", 415: "unsupported_media_type"}


def error_response(err: VeilleError, status: int | None = None) -> JSONResponse:
    return JSONResponse(err.to_json(), status_code=status or STATUS.get(err.code, 400))


def install(app: FastAPI) -> None:
    app.add_exception_handler(VeilleError, _veille_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(SQLAlchemyError, _db_error)
    app.add_exception_handler(Exception, _internal_error)


async def _veille_error(request: Request, exc: VeilleError) -> JSONResponse:
    return error_response(exc)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    names, parts = [], []
    for e in errors:
        # ("query", "event_type", 0) -> "event_type": the parameter, not the position in it
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body", "header")
               and not isinstance(x, int)]
        name = ".".join(loc) or "request"
        names.append(name)
        got = e.get("input")
        shown = f" (got {got!r})" if isinstance(got, (str, int, float)) and len(str(got)) < 80 else ""
        parts.append(f"{name}: {e.get('msg', 'invalid')}{shown}")
    err = VeilleError("bad_parameter", "; ".join(parts) or "invalid request", names[0] if names else None)
    return error_response(err, 422)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    if exc.status_code == 404 and message == "Not Found":
        message = "no such page or resource"
    return JSONResponse(VeilleError(code, message, request.url.path).to_json(), status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


async def _db_error(request: Request, exc: SQLAlchemyError) -> JSONResponse:
    log.exception("database error on %s", request.url.path)
    first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
    return error_response(VeilleError("db", f"the database could not answer: {first}", request.url.path), 503)


async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("internal error on %s", request.url.path)
    return error_response(VeilleError("internal", f"internal error ({type(exc).__name__})", request.url.path),
                          500)


class RefuseNul:
    """ASGI middleware: a NUL character in the path or the query is a 422 before any route runs
    (PostgreSQL text cannot hold one, and no name, word or id of veille's has one)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and (b"%00" in scope.get("query_string", b"")
                                        or "\x00" in scope.get("path", "")):
            where = "path" if "\x00" in scope.get("path", "") else "query"
            err = VeilleError("bad_parameter", f"{where}: a NUL character (0x00) is not allowed", where)
            await error_response(err, 422)(scope, receive, send)
            return
        await self.app(scope, receive, send)
