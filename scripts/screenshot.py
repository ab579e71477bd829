"""Rebuild docs/screenshot.png, the picture of the web page in the README.

    .venv/bin/python scripts/screenshot.py [OUT.png]

Ingests the sample dispatches (examples/) into a throwaway SQLite database, serves it on a free
port of 127.0.0.1, opens the page in Debian's headless Chromium (Playwright), clicks the first
event of the list so that its evidence shows, and saves a full-page screenshot.
"""
from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def serve(url: str):
    import uvicorn

    from veille.api import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(url), log_level="warning"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{sock.getsockname()[1]}/"


def main(out: Path) -> int:
    from playwright.sync_api import sync_playwright

    from veille.cli import main as veille

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/veille.db"
        if veille(["ingest", str(ROOT / "examples"), "--db", url, "--published", "2025-03-14"]) != 0:
            return 1
        server, base = serve(url)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(base)
            page.wait_for_selector("#event-list li")
            page.click("#event-list li")
            page.wait_for_selector("#detail:not([hidden])")
            page.wait_for_timeout(300)
            page.screenshot(path=str(out), full_page=True)
            browser.close()
        server.should_exit = True
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png"))
