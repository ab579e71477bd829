"""The FastAPI app: the store, one router per resource, the page, one error shape, and
security headers on every response (a strict Content-Security-Policy: scripts only from this
server, never inline, so that nothing in an article can run)."""
from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import VeilleError
from ..settings import Settings
from . import actors, clusters, documents, errors, events, exports, page, places, sources, statements, write
from .guards import CheckHost, HeadAndOptions, HostPolicy

DESCRIPTION = """The sourced record of a conflict built by veille from news dispatches.

Every event, statement, actor mention and place mention carries character spans into the raw
article text. Lists take `limit` and `offset`; every error has one shape:
`{"error": {"code": ..., "message": ..., "input": ...}}`, and a bad parameter is a 422."""


ENV_HOST = "VEILLE_SERVE_HOST"  # the address `veille serve --workers N` binds, for its processes' apps


def create_app(db: str | None = None, *, settings: Settings | None = None, store=None, host: str | None = None,
               allowed_hosts: Iterable[str] | None = None, create: bool = True) -> FastAPI:
    """The app over the store at ``db`` (``--db``, else $VEILLE_DB, else the setting), or over an
    open ``store``; ``create=False`` (``veille serve``) refuses a SQLite file that does not exist
    rather than make an empty one. It answers only requests whose Host is ``host`` (the address it is bound to;
    else the serve.host setting), a loopback name, or one of ``allowed_hosts`` (else the
    serve.allowed_hosts setting): a test client that sends another name must list it there."""
    from ..store import open_store

    settings = settings or Settings.load()
    page.tile_url(settings)  # a bad tile URL is a settings error at start, not a broken page
    hosts = HostPolicy(host or settings.get("serve.host"),
                       _allowed_hosts(settings) if allowed_hosts is None else allowed_hosts)
    owned = store is None
    store = store or open_store(db, settings=settings, create=create)

    @asynccontextmanager
    async def lifespan(_app):
        # What exists once the app is up (modules, routes, models, caches) lives as long as the
        # server: set it apart from the cyclic garbage collector, whose full passes otherwise
        # walk all of it (~30 ms, well over 100 ms on a busy machine) while every request waits.
        gc.collect()
        gc.freeze()
        yield
        if owned:
            store.close()

    app = FastAPI(title="veille", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None,
                  lifespan=lifespan)
    app.state.settings = settings
    app.state.store = store
    errors.install(app)
    for module in (documents, events, statements, actors, places, clusters, exports, sources, write, page):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=page.WEB_DIR), name="static")
    assets = page.docs_assets_dir()
    if assets is not None:
        app.mount("/docs-assets", StaticFiles(directory=assets), name="docs-assets")
    # the last added runs first: security headers on every answer, then the Host check, then
    # NUL refusal, then HEAD and OPTIONS
    app.add_middleware(HeadAndOptions, routes=app.router.routes)
    app.add_middleware(errors.RefuseNul)
    app.add_middleware(CheckHost, policy=hosts)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(settings))
    return app


def _allowed_hosts(settings: Settings) -> list[str]:
    names = settings.get("serve.allowed_hosts")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise VeilleError("settings", f"serve.allowed_hosts: a list of host names, not {names!r}")
    return names


def app_from_environment() -> FastAPI:
    """The app of one of ``veille serve --workers N``'s processes: the database from $VEILLE_DB
    and the settings from $VEILLE_SETTINGS, which the command sets before starting them."""
    return create_app(None, settings=Settings.load(), host=os.environ.get(ENV_HOST) or None, create=False)


def content_security_policy(settings: Settings) -> str:
    img = " ".join(filter(None, ["'self'", "data:", page.tile_origin(settings)]))
    return ("default-src 'self'; script-src 'self'; style-src 'self'; "
            f"img-src {img}; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'; form-action 'self'")


class SecurityHeaders:
    """ASGI middleware: the same security headers on every response, errors included."""

    def __init__(self, app, *, csp: str) -> None:
        self.app = app
        self.headers = [(b"content-security-policy", csp.encode()),
                        (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"no-referrer"),
                        (b"x-frame-options", b"DENY")]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + self.headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
