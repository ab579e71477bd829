"""Storage: SQLite or PostgreSQL behind one small interface (see ``db.Store``).

    schema.py      the tables (SQLAlchemy Core)
    migrations.py  numbered SQL migrations, applied at open
    write.py       the one write path: one document's whole record in one transaction
    clusters.py    event clusters across documents, corroboration and contradictions
    db.py          Store: open, write, read
"""
from __future__ import annotations

from .db import ENV_DB, Store, open_store, resolve_url

__all__ = ["ENV_DB", "Store", "open_store", "resolve_url"]
