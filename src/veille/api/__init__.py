"""The HTTP API and the web page, served by one FastAPI app (``veille serve``).

    app.py        create_app: the store, the routers, the error shape, security headers, docs
    params.py     the query parameters every router shares: paging and filters
    errors.py     one JSON error shape for every error: {"error": {"code", "message", "input"}}
    documents.py, events.py, statements.py, actors.py, places.py, clusters.py, exports.py
                  one router per resource
    page.py       the web page, its static files, its base map (Natural Earth outlines) and settings
    write.py      the write endpoints (POST an article, run a failed one again), behind serve.write_token
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
