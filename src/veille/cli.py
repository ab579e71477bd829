"""The command line: a thin layer over importable functions.

Exit codes: 0 all inputs processed; 1 some inputs failed (each named on stderr in one line,
the others processed), or the database failed; 2 bad usage; 3 ``serve`` could not listen;
130 interrupted (Ctrl-C). The README's table lists the same.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from . import __version__
from .errors import EXIT_CANNOT_SERVE, EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, VeilleError, shown
from .settings import ENV_FILE as ENV_SETTINGS, Settings
from .taxonomy import EVENT_TYPES, MODALITIES

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(value: str) -> str:
    from .stages.dateline import iso_day

    if not DATE.match(value) or iso_day(value) is None:  # "2025-13-45" has the shape, not a day
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {value!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="veille", description="Turn news dispatches into a sourced record of a conflict.")
    ap.add_argument("--version", action="version", version=f"veille {__version__}")
    ap.add_argument("--settings", help="a TOML file overriding the defaults (else $VEILLE_SETTINGS)")
    sub = ap.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="print the record of each article")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, .jsonl, or - for stdin")
    ex.add_argument("--published", type=_date,
                    help="publication date YYYY-MM-DD for articles that lack one (relative dates resolve against "
                         "it; without it, an article's own dateline dates it)")
    ex.add_argument("--format", choices=("json", "jsonl", "text"), default="json",
                    help="json: the record (an array for several articles); jsonl: one record a line; text: a summary to read")
    ex.set_defaults(func=cmd_extract)

    ing = sub.add_parser("ingest", help="store the records of many articles in a database")
    ing.add_argument("paths", nargs="*", metavar="PATH",
                     help="files, folders, glob patterns, .jsonl, or - for stdin")
    ing.add_argument("--published", type=_date, help="publication date YYYY-MM-DD for articles that lack one "
                                                     "(without it, an article's own dateline dates it)")
    ing.add_argument("--retry-failed", action="store_true",
                     help="run again the documents and inputs that failed before")
    ing.add_argument("--engine", choices=("local", "ray"), help="local (default) or ray (Ray actors)")
    ing.add_argument("--workers", type=_positive, help="worker processes (local) or Ray actors (ray)")
    ing.add_argument("--batch-size", type=_positive, help="documents per batch and per transaction")
    add_db_option(ing)
    ing.set_defaults(func=cmd_ingest)

    srv = sub.add_parser("serve", help="the HTTP API and the web page (map, timeline, evidence) over a database")
    add_db_option(srv)
    srv.add_argument("--host", help="address to listen on (default: the serve.host setting, 127.0.0.1)")
    srv.add_argument("--port", type=_port, help="port to listen on (default: the serve.port setting, 8000)")
    srv.add_argument("--workers", type=_positive,
                     help="server processes sharing the port (default: the serve.workers setting, 1)")
    srv.set_defaults(func=cmd_serve)

    exp = sub.add_parser("export", help="write the stored events as ACLED-style CSV, GeoJSON, JSON Lines or Parquet")
    exp.add_argument("--format", required=True, choices=("acled-csv", "geojson", "jsonl", "parquet"))
    exp.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write, or - for stdout")
    add_db_option(exp)
    exp.add_argument("--event-type", action="append", default=[], metavar="TYPE", choices=EVENT_TYPES,
                     help="only this ACLED event type (repeat for several): " + ", ".join(EVENT_TYPES))
    exp.add_argument("--country", metavar="CC", help="only events in this country (ISO 3166-1 alpha-2)")
    exp.add_argument("--date-from", type=_date, help="only events that end on or after this day")
    exp.add_argument("--date-to", type=_date, help="only events that start on or before this day")
    exp.add_argument("--modality", action="append", default=[],
                     choices=MODALITIES, help="repeat for several")
    exp.set_defaults(func=cmd_export)

    bench = sub.add_parser("bench", help="speed and memory: parse vs end-to-end, stages, workers, API latency")
    bench.add_argument("paths", nargs="*", metavar="PATH", help="articles to time (default: the team's dispatches)")
    bench.add_argument("--copies", type=int, default=40, help="times the texts are repeated (default 40)")
    bench.add_argument("--no-workers", action="store_true", help="skip the 1- and 2-process timings")
    bench.add_argument("--api-events", type=int, default=100_000,
                       help="events in the generated database for the API latency; 0 skips it (default 100000)")
    bench.add_argument("--api-postgres", metavar="URL",
                       help="also time the API on this PostgreSQL server, in a schema of its own dropped "
                            "afterwards (else $VEILLE_BENCH_POSTGRES_URL; neither: SQLite only)")
    bench.add_argument("--api-concurrency", type=_positive, default=8, metavar="N",
                       help="requests in flight at once during the API latency run (default 8)")
    bench.add_argument("--api-server-workers", type=_positive, metavar="N",
                       help="server processes answering them, as `veille serve --workers N` "
                            "(default: one a core, at most 2)")
    bench.set_defaults(func=cmd_bench)

    wat = sub.add_parser("watch", help="follow RSS/Atom feeds and ingest each new article, round after round")
    wat.add_argument("sources", metavar="SOURCES",
                     help="a file listing the feeds, one a line: URL [| outlet [| language]]")
    add_db_option(wat)
    wat.add_argument("--every", metavar="DURATION", help="time between rounds: 30s, 10m, 2h (default: watch.every, 10m)")
    wat.add_argument("--once", action="store_true", help="one round, then exit (for cron)")
    wat.set_defaults(func=cmd_watch)

    src = sub.add_parser("sources", help="the watched feeds: last success, last error, articles ingested")
    add_db_option(src)
    src.add_argument("--format", choices=("text", "json"), default="text")
    src.set_defaults(func=cmd_sources)

    doc = sub.add_parser("doctor", help="versions; the model's and the gazetteer's load time, memory and size")
    doc.set_defaults(func=cmd_doctor)
    return ap


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {value!r}")
    return int(value)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """--db for every command that touches the database."""
    parser.add_argument("--db", metavar="URL",
                        help="sqlite:///PATH or postgresql://user:pw@host/db "
                             "(else $VEILLE_DB, else a SQLite file in the user's data directory)")


def _records(args, settings: Settings) -> Iterator[tuple[object, VeilleError | None]]:
    from . import get_pipeline
    from .engines.work import WorkItem
    from .stages.read import read_limits, read_paths

    pipeline = get_pipeline(settings)
    limits = read_limits(settings)

    def docs():
        for item in read_paths(args.paths, **limits):
            if isinstance(item, VeilleError):
                print(item.line(), file=sys.stderr)
                failures.append(item)
                continue
            if args.published and not item.meta.get("published"):
                item.meta["published"] = args.published
            yield item

    failures: list[VeilleError] = []
    size = int(settings.get("parse.batch_size"))
    batch: list[WorkItem] = []
    for doc in docs():
        batch.append(WorkItem.of(doc))
        if len(batch) >= size:
            yield from _extracted(pipeline, batch)
            batch = []
    if batch:
        yield from _extracted(pipeline, batch)
    for f in failures:
        yield None, f


def _extracted(pipeline, batch) -> Iterator[tuple[object, VeilleError | None]]:
    """Records of a batch; a document a stage fails on is one line naming it and the stage, and
    the others go on (the same per-document fallback as ``veille ingest``)."""
    from .engines.work import extract_batch

    for o in extract_batch(pipeline, batch):
        if o.record is not None:
            yield o.record, None
            continue
        err = VeilleError("stage_failed", f"{o.stage or 'a stage'} failed: {o.error}", o.item.source or "-")
        print(err.line(), file=sys.stderr)
        yield None, err


def cmd_extract(args, settings: Settings) -> int:
    from .textview import render_text

    records, failed = [], 0
    for rec, err in _records(args, settings):
        if err is not None:
            failed += 1
            continue
        if args.format == "jsonl":
            print(rec.to_json(indent=None), flush=True)
        elif args.format == "text":
            print(render_text(rec), flush=True)
        else:
            records.append(rec)
    if args.format == "json" and records:
        if len(records) == 1:
            print(records[0].to_json())
        else:
            import json
            print(json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=1))
    return EXIT_SOME_FAILED if failed else EXIT_OK


def cmd_ingest(args, settings: Settings) -> int:
    from .ingest import Progress, ingest
    from .store import open_store

    if not args.paths and not args.retry_failed:
        print("veille: error: ingest needs a PATH (or --retry-failed)", file=sys.stderr)
        return EXIT_USAGE
    with open_store(args.db, settings=settings) as store:
        summary = ingest(args.paths, store=store, settings=settings, engine=args.engine, workers=args.workers,
                         batch_size=args.batch_size, published=args.published, retry_failed=args.retry_failed,
                         progress=Progress())
        for err in summary.errors:
            print(err.line(), file=sys.stderr)
        print(f"{summary.line()} into {shown(store.display_url)}")
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK


def cmd_serve(args, settings: Settings) -> int:
    import uvicorn

    from .api import create_app

    host = args.host or settings.get("serve.host")
    port = args.port or int(settings.get("serve.port"))
    app = create_app(args.db, settings=settings, host=host, create=False)  # only ingest and watch create
    workers = args.workers or int(settings.get("serve.workers"))
    try:
        check_can_listen(host, port)
    except VeilleError as exc:
        app.state.store.close()
        print(exc.line(), file=sys.stderr)
        return EXIT_CANNOT_SERVE
    print(f"veille: serving {shown(app.state.store.display_url)} on http://{host}:{port}/ (API docs at /docs)"
          + (f" with {workers} processes" if workers > 1 else ""), file=sys.stderr, flush=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return EXIT_OK
    # Several processes: each builds its own app from the environment (uvicorn imports it by name).
    from .api.app import ENV_HOST
    from .store import ENV_DB

    os.environ[ENV_DB] = app.state.store.url
    os.environ[ENV_HOST] = host  # each process's app answers to the address bound
    if getattr(args, "settings", None):
        os.environ[ENV_SETTINGS] = str(Path(args.settings).resolve())
    app.state.store.close()
    uvicorn.run("veille.api.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")
    return EXIT_OK


def check_can_listen(host: str, port: int) -> None:
    """Bind ``host:port`` as uvicorn will, and let go: a port in use is one line before the
    "serving" line, not uvicorn's log after it. (Another process may still take the port in the
    instant between; uvicorn then exits with the same code, 3.)"""
    import errno
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind((host, port))
    except socket.gaierror:
        raise VeilleError("listen", "cannot listen: no such host or address", host) from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise VeilleError("listen", f"port {port} is in use") from None
        if exc.errno == errno.EACCES:
            raise VeilleError("listen", f"port {port}: permission denied (a port under 1024 needs privileges)") \
                from None
        raise VeilleError("listen", f"cannot listen on port {port}: {exc.strerror or exc}", host) from None


def cmd_export(args, settings: Settings) -> int:
    from .export import export
    from .store import open_store
    from .store.queries import EventFilter

    if args.country and not (len(args.country) == 2 and args.country.isalpha()):
        print(f"veille: error: --country: not an ISO 3166-1 alpha-2 code: {args.country!r}", file=sys.stderr)
        return EXIT_USAGE
    if args.date_from and args.date_to and args.date_from > args.date_to:
        print("veille: error: --date-from is after --date-to", file=sys.stderr)
        return EXIT_USAGE
    f = EventFilter(event_type=args.event_type, modality=args.modality, country=args.country,
                    date_from=args.date_from, date_to=args.date_to)
    with open_store(args.db, settings=settings, create=False) as store:
        n = export(store, args.format, args.output, f)
    if args.output != "-":
        print(f"veille: wrote {n} events to {shown(args.output)} ({args.format})", file=sys.stderr)
    return EXIT_OK


def cmd_bench(args, settings: Settings) -> int:
    from . import bench

    for key, value in bench.run(args.paths or None, copies=args.copies, workers=not args.no_workers,
                                api_events=args.api_events, api_postgres=args.api_postgres,
                                api_concurrency=args.api_concurrency,
                                api_server_workers=args.api_server_workers, settings=settings):
        print(f"{key}={value:.3f}" if isinstance(value, float) else f"{key}={value}", flush=True)
    return EXIT_OK


def cmd_watch(args, settings: Settings) -> int:
    """Rounds until SIGINT/SIGTERM (or one with --once): each feed or page that fails is one
    error line on stderr, each round one summary line on stdout. --once exits 1 when something
    failed, so that cron notices."""
    import threading

    from .store import open_store
    from .watch import parse_every, read_sources, stop_on_signals, watch

    try:
        every = parse_every(args.every or settings.get("watch.every"))
    except VeilleError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_USAGE
    read_sources(args.sources)  # a bad sources file is an error before any database is opened
    failed = False

    def show(report) -> None:
        nonlocal failed
        for err in report.errors:
            print(err.line(), file=sys.stderr, flush=True)
        print(f"veille: watch: {report.line()}", flush=True)
        failed = failed or bool(report.errors)

    with open_store(args.db, settings=settings) as store, stop_on_signals(threading.Event()) as stop:
        watch(args.sources, store=store, settings=settings, every=every, once=args.once, stop=stop, on_round=show)
    if stop.is_set() and not args.once:
        print("veille: watch: stopped", file=sys.stderr, flush=True)
        return EXIT_OK
    return EXIT_SOME_FAILED if args.once and failed else EXIT_OK


def cmd_sources(args, settings: Settings) -> int:
    from .store import open_store
    from .watch import list_sources

    with open_store(args.db, settings=settings, create=False) as store, store.engine.connect() as conn:
        rows = list_sources(conn)
    if args.format == "json":
        import json
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    if not rows:
        print("no source watched yet (veille watch SOURCES adds them)")
    for r in rows:
        state = "ok" if r["ok"] else "failing"
        print(f"{shown(r['url'])}  [{state}]  outlet: {r['outlet'] or '-'}  articles: {r['articles']}  "
              f"last success: {r['last_success_at'] or 'never'}  last error: "
              + (f"{r['last_error_at']} {r['last_error']}" if r["last_error"] else "none"))
    return EXIT_OK


def cmd_doctor(args, settings: Settings) -> int:
    from .doctor import report

    broken = False
    for key, value in report(settings):
        if isinstance(value, VeilleError):
            print(value.line(), file=sys.stderr, flush=True)
            broken = True
            continue
        print(f"{key}={value}", flush=True)
    return EXIT_SOME_FAILED if broken else EXIT_OK


def _is_database_error(exc: BaseException) -> bool:
    # looked up, not imported: extract never loads SQLAlchemy, and an error of it needs it loaded
    sa_exc = sys.modules.get("sqlalchemy.exc")
    return sa_exc is not None and isinstance(exc, sa_exc.SQLAlchemyError)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.load(args.settings)
        return args.func(args, settings)
    except VeilleError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_USAGE if exc.code == "settings" else EXIT_SOME_FAILED
    except Exception as exc:
        if not _is_database_error(exc):
            raise
        # a fault of the database past the checks at open (a page damaged after them, a server
        # gone mid-query): one line, never a traceback
        first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0][:300]
        print(f"veille: error: the database failed: {first}", file=sys.stderr)
        return EXIT_SOME_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
