"""Polite HTTP: conditional requests, a rate and a concurrency cap per host, timeouts, retries
with backoff, a size limit and a User-Agent naming veille.

    fetcher = Fetcher.from_settings(settings)
    result = fetcher.get(url, etag=..., last_modified=...)   # FetchResult, never raises
    fetcher.close()

``get`` is safe to call from many threads at once: the per-host gate makes the threads of one
host wait their turn, so that a site sees at most ``per_host_rate`` requests a second and
``per_host_concurrency`` at once, however many feeds and articles it holds.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

from .. import __version__
from ..settings import Settings
from .urls import host as host_of

RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(slots=True)
class FetchResult:
    url: str  # the URL asked for
    final_url: str  # where redirects led
    status: int | None  # None: no answer (network error, timeout)
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None  # why it failed, in words
    seconds: float = 0.0
    tries: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and (200 <= self.status < 300 or self.status == 304)


class HostGate:
    """Per host: at most ``concurrency`` requests at once, starting at least ``1/rate`` s apart.
    ``clock`` and ``sleep`` are injectable so that tests can check the waits without waiting."""

    def __init__(self, rate: float, concurrency: int, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.concurrency = max(1, concurrency)
        self.clock, self.sleep = clock, sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next: dict[str, float] = {}

    def acquire(self, host: str) -> None:
        with self._lock:
            slots = self._slots.setdefault(host, threading.BoundedSemaphore(self.concurrency))
        slots.acquire()
        with self._lock:  # book the next start time under the lock: two threads never share one
            now = self.clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.interval
        if start > now:
            self.sleep(start - now)

    def release(self, host: str) -> None:
        self._slots[host].release()


class Fetcher:
    def __init__(self, *, user_agent: str, timeout_s: float, max_bytes: int, retries: int, backoff_s: float,
                 backoff_max_s: float, gate: HostGate, max_seconds: float | None = None,
                 stop: threading.Event | None = None, transport: httpx.BaseTransport | None = None) -> None:
        self.max_bytes, self.retries = max_bytes, max(0, retries)
        # a server that sends a byte now and then never trips the read timeout: a whole answer
        # must also arrive within max_seconds
        self.max_seconds = max_seconds or 3 * timeout_s
        self.backoff_s, self.backoff_max_s = backoff_s, backoff_max_s
        self.gate = gate
        self.stop = stop or threading.Event()
        self.client = httpx.Client(headers={"User-Agent": user_agent}, timeout=httpx.Timeout(timeout_s),
                                   follow_redirects=True, transport=transport)

    @classmethod
    def from_settings(cls, settings: Settings, *, stop: threading.Event | None = None) -> "Fetcher":
        s = lambda key: settings.get(f"watch.{key}")  # noqa: E731
        gate = HostGate(float(s("per_host_rate")), int(s("per_host_concurrency")))
        return cls(user_agent=str(s("user_agent")).replace("{version}", __version__),
                   timeout_s=float(s("timeout_s")), max_bytes=int(s("max_bytes")),
                   retries=int(s("retries")), backoff_s=float(s("backoff_s")),
                   backoff_max_s=float(s("backoff_max_s")), max_seconds=float(s("max_seconds")),
                   gate=gate, stop=stop)

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url``, conditionally when a validator is known; retried on a network error, a
        timeout, a 429 or a 5xx, waiting longer each time."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        tries = 0
        while True:
            tries += 1
            result, wait = self._try(url, headers)
            if wait is None or tries > self.retries or self.stop.is_set():
                break
            if self.stop.wait(min(wait if wait > 0 else self.backoff_s * 2 ** (tries - 1), self.backoff_max_s)):
                break
        result.seconds, result.tries = time.monotonic() - started, tries
        return result

    def _try(self, url: str, headers: dict[str, str]) -> tuple[FetchResult, float | None]:
        """One request; and None when it is final, else how long to wait before the next try
        (0: the usual backoff)."""
        host = host_of(url)
        self.gate.acquire(host)
        try:
            return self._request(url, headers)
        finally:
            self.gate.release(host)

    def _request(self, url: str, headers: dict[str, str]) -> tuple[FetchResult, float | None]:
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                result = FetchResult(url=url, final_url=str(r.url), status=r.status_code,
                                     content_type=r.headers.get("content-type", ""),
                                     etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified"))
                if r.status_code in RETRY_STATUS:
                    result.error = f"HTTP {r.status_code} {r.reason_phrase}".strip()
                    return result, _retry_after(r.headers.get("retry-after"))
                if r.status_code == 304:
                    return result, None
                if r.status_code >= 400:
                    result.error = f"HTTP {r.status_code} {r.reason_phrase}".strip()
                    return result, None
                content, result.error = self._read(r)
                if result.error is None:
                    result.content = content
                    return result, None
                return result, 0.0 if result.error.startswith("timed out") else None
        except httpx.TimeoutException as exc:
            return FetchResult(url=url, final_url=url, status=None, error=f"timed out ({_kind(exc)})"), 0.0
        except httpx.TransportError as exc:
            return FetchResult(url=url, final_url=url, status=None, error=f"network error: {_reason(exc)}"), 0.0
        except httpx.HTTPError as exc:  # a bad URL, too many redirects: trying again would not help
            return FetchResult(url=url, final_url=url, status=None, error=f"request failed: {_reason(exc)}"), None

    def _read(self, r: httpx.Response) -> tuple[bytes, str | None]:
        """The body, or why it was given up: too large, too slow."""
        deadline = time.monotonic() + self.max_seconds
        chunks, size = [], 0
        for chunk in r.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                return b"", f"larger than {self.max_bytes} bytes (watch.max_bytes)"
            if time.monotonic() > deadline:
                return b"", f"timed out (the whole answer took over {self.max_seconds:g} s, watch.max_seconds)"
            chunks.append(chunk)
        return b"".join(chunks), None


def _retry_after(value: str | None) -> float:
    """Seconds a Retry-After header asks for (a number or an HTTP date); 0 when absent."""
    if not value:
        return 0.0
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return 0.0


def _kind(exc: httpx.TimeoutException) -> str:
    return {httpx.ConnectTimeout: "connect", httpx.ReadTimeout: "read", httpx.WriteTimeout: "write",
            httpx.PoolTimeout: "pool"}.get(type(exc), type(exc).__name__)


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
