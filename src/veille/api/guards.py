"""ASGI middleware the whole app shares: the Host header checked against DNS rebinding, and the
HTTP methods every resource answers (HEAD as GET without a body, OPTIONS with what is allowed).

DNS rebinding: a page on another origin makes its own name resolve to 127.0.0.1, then reads the
local API as if it were its own origin. The browser still sends that name in the Host header,
so a server that answers only to its own names (the address it is bound to, the loopback names,
and names the user configures in ``serve.allowed_hosts``) gives such a page nothing.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.routing import Match, Mount

from ..errors import VeilleError
from .errors import error_response

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
WILDCARD_BINDS = ("0.0.0.0", "::", "")
ANY_HOST = "*"
PROBED_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def host_of(header: str) -> str:
    """The name in a Host header, lower-cased, without its port or an IPv6 address's brackets."""
    header = header.strip().lower()
    if header.startswith("["):  # [::1]:8000
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class HostPolicy:
    """Which Host headers the server answers to."""

    def __init__(self, bind_host: str | None, names: Iterable[str] = ()) -> None:
        bind = host_of(bind_host or "127.0.0.1")
        names = [host_of(n) for n in names]
        self.any = ANY_HOST in names  # the user's choice: a proxy in front checks the Host itself
        # Bound to every interface, the server is reached by any of the machine's addresses:
        # accept an address given as such. A rebinding page always sends a *name*, never an IP.
        self.any_ip = bind in WILDCARD_BINDS
        self.names = set(LOOPBACK_NAMES) | set(names) | ({bind} if bind not in WILDCARD_BINDS else set())

    def allows(self, header: str | None) -> bool:
        if self.any or header is None:  # no Host at all: not a browser (every browser sends one)
            return True
        name = host_of(header)
        return name in self.names or (self.any_ip and _is_ip(name))


class CheckHost:
    """A request whose Host is not one of the server's names is a 400 in the API's error shape,
    before any route runs."""

    def __init__(self, app, *, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            header = _header(scope, b"host")
            if not self.policy.allows(header):
                shown = header if len(header) <= 100 else header[:100] + "..."
                err = VeilleError("bad_host", f"this server does not answer to the host {shown!r} "
                                              "(its own addresses, localhost, or serve.allowed_hosts)", "Host")
                await error_response(err, 400)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class HeadAndOptions:
    """HEAD answers as GET does, headers and all, without the body (HTTP requires HEAD wherever
    GET is allowed; FastAPI's routes answer only the methods they name). OPTIONS answers 204
    with ``Allow``: the methods of every route at that path."""

    def __init__(self, app, *, routes) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            await self._options(scope, receive, send)
            return
        await self.app(dict(scope, method="GET"), receive, _without_body(send))

    async def _options(self, scope, receive, send) -> None:
        methods = self.allowed(scope)
        if not methods:  # no such resource: the app's own 404
            await self.app(scope, receive, send)
            return
        allow = ", ".join(sorted(methods | {"HEAD", "OPTIONS"} if "GET" in methods else methods | {"OPTIONS"}))
        await send({"type": "http.response.start", "status": 204,
                    "headers": [(b"allow", allow.encode()), (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})

    def allowed(self, scope) -> set[str]:
        """The methods some route at this path answers, asked of the router itself (FastAPI's
        included routers match lazily); a mounted folder of files answers GET alone."""
        methods: set[str] = set()
        for method in PROBED_METHODS:
            probe = dict(scope, method=method)
            for route in self.routes:
                if route.matches(probe)[0] == Match.FULL:
                    methods |= {"GET"} if isinstance(route, Mount) else {method}
                    break
        return methods


def _without_body(send):
    async def send_head(message) -> None:
        if message["type"] == "http.response.body":
            if message.get("more_body", False):
                return  # a streamed body (an export): its pieces are dropped as they come
            message = {"type": "http.response.body", "body": b"", "more_body": False}
        await send(message)

    return send_head


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None
