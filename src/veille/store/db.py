"""The store: a database behind one small interface, SQLite (embedded) or PostgreSQL (server).

    store = open_store("sqlite:///data/veille.db")   # or postgresql://user:pw@host/db
    store.write(outcomes)        # a batch of documents, one transaction
    store.statuses(ids)          # which documents are already there, ok or failed

The URL comes from ``--db``, else ``$VEILLE_DB``, else the ``store.url`` setting, else a SQLite
file in the user's data directory. Migrations run at open.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, and_, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from ..engines.work import Outcome, WorkItem
from ..errors import VeilleError
from ..record import Record
from . import migrations
from .clusters import ClusterParams
from .schema import cluster_members, documents, event_clusters, events, failures
from .write import FAILED, lock_writers, record_failure, resolve_failure, write_outcome, write_outcomes

ENV_DB = "VEILLE_DB"
READ_ONLY = "veille_read_only"  # execution option of Store.reader's connections
# Connections kept open. SQLAlchemy's default keeps 5 and opens any more for one use only, and
# the API's thread pool runs more requests than that at once: each extra request then paid for
# a new connection (on PostgreSQL, a new server process). 16 covers the API's usual concurrency.
POOL = {"pool_size": 16, "max_overflow": 16}


def resolve_url(url: str | None = None, *, settings=None) -> str:
    """``--db``, else $VEILLE_DB, else the store.url setting, else a SQLite file in the user's
    data directory. A bare path means a SQLite file."""
    url = url or os.environ.get(ENV_DB) or (settings.get("store.url") if settings else None)
    if not url:
        from platformdirs import user_data_dir

        url = str(Path(user_data_dir("veille", appauthor=False)) / "veille.db")
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def open_store(url: str | None = None, *, settings=None, create: bool = True) -> "Store":
    """The store at ``url``. ``create=False`` (the commands that only read: export, sources,
    serve) refuses a SQLite file that does not exist rather than make an empty one."""
    return Store(resolve_url(url, settings=settings), settings=settings, create=create)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Store:
    def __init__(self, url: str, *, settings=None, create: bool = True) -> None:
        self.url = url
        self.params = ClusterParams.from_settings(settings) if settings else ClusterParams()
        busy = float(settings.get("store.sqlite_busy_timeout_s")) if settings else 60.0
        self.engine = _engine(url, busy_timeout_s=busy, create=create)
        try:
            _check_sqlite_file(self.engine)
            migrations.migrate(self.engine)
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise VeilleError("db", f"cannot open the database: {_short(exc)}", self.display_url) from None
        except VeilleError:
            self.engine.dispose()
            raise

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def reader(self) -> Connection:
        """A connection for reads only. On SQLite its transactions are deferred (a snapshot that
        takes no lock), not ``BEGIN IMMEDIATE`` like the writers': readers never wait for one
        another, and with WAL they do not wait for the writer either."""
        return self.engine.connect().execution_options(**{READ_ONLY: True})

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the write path -------------------------------------------------------------------

    def write(self, outcomes: list[Outcome]) -> list[str]:
        """Write a batch of documents in one transaction; return each one's result
        ("ingested", "unchanged" or "failed"). Should the batch's transaction fail, each
        document is written alone, and one that still cannot be written is recorded as failed."""
        stamp = now()
        try:
            with self.engine.begin() as conn:
                lock_writers(conn)
                return write_outcomes(conn, outcomes, now=stamp, params=self.params)
        except OperationalError as exc:  # the database itself is unavailable: stop, resume later
            raise VeilleError("db", f"cannot write: {_short(exc)}", self.display_url) from None
        except SQLAlchemyError:  # one document's data broke a rule: find it, store the others
            return [self._write_alone(o) for o in outcomes]

    def write_one(self, outcome: Outcome) -> str:
        """Write one document in its own transaction."""
        return self.write([outcome])[0]

    def _write_alone(self, o: Outcome) -> str:
        try:
            with self.engine.begin() as conn:
                lock_writers(conn)
                return write_outcome(conn, o, now=now(), params=self.params)
        except SQLAlchemyError as exc:
            failed = Outcome(o.item, None, error=f"store: {_short(exc)}", stage="store")
            with self.engine.begin() as conn:
                lock_writers(conn)
                return write_outcome(conn, failed, now=now(), params=self.params)

    def record_read_failure(self, err: VeilleError) -> None:
        """An input that could not be read: no document, only the failure, keyed by the input."""
        with self.engine.begin() as conn:
            record_failure(conn, fid=f"read:{err.input}", document_id=None, input=err.input or "?",
                           code=err.code, message=err.message, stage="read", now=now())

    def resolve_read_failures(self, inputs: Iterable[str]) -> None:
        with self.engine.begin() as conn:
            for inp in inputs:
                resolve_failure(conn, f"read:{inp}", now=now())

    # --- reads ----------------------------------------------------------------------------

    def statuses(self, ids: Iterable[str]) -> dict[str, str]:
        """{document id: "ok" | "failed"} for those of ``ids`` already stored."""
        ids = list(dict.fromkeys(ids))
        out: dict[str, str] = {}
        with self.reader() as conn:
            for i in range(0, len(ids), 500):
                q = select(documents.c.id, documents.c.status).where(documents.c.id.in_(ids[i:i + 500]))
                out.update({r.id: r.status for r in conn.execute(q)})
        return out

    def failed_items(self) -> list[WorkItem]:
        """The documents whose extraction failed, as work to run again."""
        c = documents.c
        with self.reader() as conn:
            rows = conn.execute(select(c.id, c.raw, c.source, c.meta, c.source_key)
                                .where(c.status == FAILED).order_by(c.ingested_at, c.id)).all()
        return [WorkItem(raw=r.raw, source=r.source, meta=json.loads(r.meta or "{}"), id=r.id,
                         source_key=r.source_key) for r in rows]

    def open_read_failures(self) -> list[str]:
        """The inputs that could not be read and are not resolved yet."""
        c = failures.c
        with self.reader() as conn:
            return list(conn.execute(select(c.input).where(and_(c.document_id.is_(None), c.resolved_at.is_(None)))
                                     .order_by(c.first_at)).scalars())

    def failures(self, *, open_only: bool = True) -> list[dict[str, Any]]:
        q = select(failures).order_by(failures.c.first_at)
        if open_only:
            q = q.where(failures.c.resolved_at.is_(None))
        with self.reader() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def record(self, doc_id: str) -> Record | None:
        with self.reader() as conn:
            data = conn.execute(select(documents.c.record).where(documents.c.id == doc_id)).scalar()
        return Record.from_dict(json.loads(data)) if data else None

    def documents(self) -> list[dict[str, Any]]:
        cols = [c for c in documents.c if c.name not in ("raw", "clean_text", "record")]
        with self.reader() as conn:
            return [dict(r) for r in conn.execute(select(*cols).order_by(documents.c.ingested_at, documents.c.id))
                    .mappings()]

    def clusters(self) -> list[dict[str, Any]]:
        """Every event cluster with its members' event ids, most corroborated first."""
        with self.reader() as conn:
            rows = [dict(r) for r in conn.execute(select(event_clusters).order_by(
                event_clusters.c.corroboration.desc(), event_clusters.c.id)).mappings()]
            members = conn.execute(select(cluster_members.c.cluster_id, cluster_members.c.event_id)
                                   .order_by(cluster_members.c.event_id)).all()
        by_cluster: dict[str, list[str]] = {}
        for m in members:
            by_cluster.setdefault(m.cluster_id, []).append(m.event_id)
        for r in rows:
            r["events"] = by_cluster.get(r["id"], [])
            for k in ("sources", "actor_keys", "modalities"):
                r[k] = json.loads(r[k])
        return rows

    def counts(self) -> dict[str, int]:
        with self.reader() as conn:
            by_status = dict(conn.execute(select(documents.c.status, func.count())
                                          .group_by(documents.c.status)).all())
            return {"documents": sum(by_status.values()), "ok": by_status.get("ok", 0),
                    "failed": by_status.get("failed", 0),
                    "events": conn.execute(select(func.count()).select_from(events)).scalar_one(),
                    "clusters": conn.execute(select(func.count()).select_from(event_clusters)).scalar_one(),
                    "open_failures": conn.execute(select(func.count()).select_from(failures)
                                                  .where(failures.c.resolved_at.is_(None))).scalar_one()}


def _engine(url: str, *, busy_timeout_s: float, create: bool = True) -> Engine:
    try:
        u = make_url(url)
    except ArgumentError:
        raise VeilleError("db", "not a database URL (sqlite:///PATH or postgresql://...)", url) from None
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")  # psycopg 3, not SQLAlchemy's default psycopg2
    if u.get_backend_name() == "postgresql":
        return create_engine(u, pool_pre_ping=True, **POOL)
    if u.get_backend_name() != "sqlite":
        raise VeilleError("db", f"unsupported database {u.get_backend_name()!r}: use sqlite:/// or postgresql://",
                          url)
    in_file = bool(u.database) and u.database != ":memory:"
    if in_file and not create and not Path(u.database).is_file():
        # sqlite3 would make an empty file (and we its folders): a typo in --db would then
        # export nothing, or serve an empty map, and say all went well
        raise VeilleError("db", "no such database (veille ingest or veille watch creates one)",
                          u.render_as_string(hide_password=True))
    if in_file:
        Path(u.database).parent.mkdir(parents=True, exist_ok=True)
    # (a database in memory lives in its one connection: SQLAlchemy's own pool for it stays)
    engine = create_engine(u, connect_args={"timeout": busy_timeout_s}, **(POOL if in_file else {}))
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _check_sqlite_file(engine: Engine) -> None:
    """A damaged SQLite file is refused at open, in one line. Without this check a damaged page
    surfaces only when a query happens to read it: an export ends in a traceback, and an ingest
    that never reads the page reports success. ``PRAGMA quick_check`` reads every page once
    (it skips only the index-content checks of ``integrity_check``): about 0.7 s for a 280 MB
    file in the page cache, paid once per open."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return
    with engine.connect() as conn:
        problems = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        # each problem may span lines ("*** in database main ***\nPage 23: ..."): one line here
        lines = [ln.strip() for p in problems for ln in str(p).splitlines()]
        detail = "; ".join(ln for ln in lines if ln and not ln.startswith("***"))[:200]
        raise VeilleError("db", f"the database file is damaged ({detail}); "
                                f"restore it from a copy, or ingest again into a new file",
                          make_url(str(engine.url)).render_as_string(hide_password=True))


def _sqlite_connect(dbapi_conn, _record) -> None:
    # Python's sqlite3 opens transactions lazily and commits DDL on its own; take control so
    # a transaction is exactly what SQLAlchemy's begin()/commit() say (SQLAlchemy's recipe).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cur.execute("PRAGMA synchronous=NORMAL")  # a killed process loses nothing committed
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn) -> None:
    # a writer takes the write lock at the start: no deadlock upgrading a read lock between two
    # writers; a reader (Store.reader) must not, or every read would queue behind every other
    if conn.get_execution_options().get(READ_ONLY):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _short(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
