"""What the browser tests share: an app served by uvicorn in a thread on 127.0.0.1, and Debian's
headless Chromium driven by Playwright. ``playwright_or_skip()`` skips the calling module where
the playwright package or /usr/bin/chromium (`apt-get install chromium`) is absent."""
from __future__ import annotations

import shutil
import socket
import threading
import time
from contextlib import contextmanager

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]


def playwright_or_skip():
    """Playwright's sync API, or a skip of the whole calling module."""
    api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)", allow_module_level=True)
    return api


def launch(playwright):
    """Headless Chromium, with nothing of its own that calls out."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


@contextmanager
def chromium(api):
    """A headless Chromium for the length of the ``with`` (``api``: playwright_or_skip())."""
    with api.sync_playwright() as p:
        b = launch(p)
        try:
            yield b
        finally:
            b.close()


@contextmanager
def serving(app):
    """``app`` served by uvicorn in a thread on a free port of 127.0.0.1; yields its base URL."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()
