"""``dotterel serve``: the web page and REST API (see ``serve``), run with uvicorn."""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .cli_options import settings_from_args
from .errors import WEB_INSTALL_HINT as INSTALL_HINT
from .serve_pool import ServeLimits

log = logging.getLogger("dotterel")


def register(sub: Any, add_settings: Callable[..., None]) -> None:
    serve = sub.add_parser("serve", help="web page and REST API: read an article, explore a corpus")
    serve.add_argument("--db", metavar="FILE.duckdb",
                       help="corpus database to explore, opened read-only "
                            "(made by: dotterel code INPUT --db FILE.duckdb)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--max-body", type=int, default=1_000_000, metavar="BYTES",
                       help="largest request body accepted; larger ones get 413 (default 1000000)")
    add_limits(serve)
    add_settings(serve, batch=False)
    serve.set_defaults(func=cmd_serve)


def add_limits(serve: argparse.ArgumentParser) -> None:
    """The coding workers' options; their defaults are ServeLimits' (docs/guarantees.md)."""
    d = ServeLimits()
    group = serve.add_argument_group("coding workers", "how many requests are coded at once, "
                                     "how many may wait and for how long")
    group.add_argument("--workers", type=int, default=d.workers, metavar="N",
                       help="worker processes for any text (default: the cores, env "
                            "DOTTEREL_WORKERS); 0 codes in the server process, one at a time")
    group.add_argument("--short-chars", type=int, default=d.short_chars, metavar="N",
                       help=f"texts up to N characters may use one more worker kept for them "
                            f"(default {d.short_chars}; 0: none)")
    group.add_argument("--queue", type=int, default=d.queue, metavar="N",
                       help=f"requests that may wait per lane; more get 503 E022 (default {d.queue})")
    group.add_argument("--timeout", type=float, default=d.timeout, metavar="SECONDS",
                       help=f"longest wait for a worker (503 E022) and longest coding (504 E023) "
                            f"(default {d.timeout:g})")
    group.add_argument("--recycle-after", type=int, default=d.recycle_after, metavar="N",
                       help=f"replace a worker after N requests (default {d.recycle_after})")
    group.add_argument("--worker-max-rss", type=float, default=None, metavar="MB",
                       help="replace a worker whose memory is over MB after a request "
                            "(default: 115%% of its size once warmed up)")
    group.add_argument("--page-max-chars", type=int, default=d.page_max_chars, metavar="N",
                       help=f"longest text the page codes, E021 above (default {d.page_max_chars:,}); "
                            "/api/code takes up to --max-chars")


def limits_from_args(args: argparse.Namespace) -> ServeLimits:
    return ServeLimits(workers=max(0, args.workers), short_chars=max(0, args.short_chars),
                       queue=max(0, args.queue), timeout=args.timeout,
                       recycle_after=max(1, args.recycle_after),
                       worker_max_rss_mb=args.worker_max_rss, page_max_chars=args.page_max_chars)


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from .serve import create_app
    except ImportError as exc:
        print(f"dotterel: {INSTALL_HINT} (missing: {exc.name or 'a web package'})", file=sys.stderr)
        return 2
    if args.db and not Path(args.db).exists():
        print(f"dotterel: no corpus database at '{args.db}' "
              f"(create one with: dotterel code INPUT --db {args.db})", file=sys.stderr)
        return 2
    try:
        app = create_app(args.db, settings_from_args(args), max_body=args.max_body,
                         limits=limits_from_args(args))
    except Exception as exc:  # a lock held by a running writer, a file that is not a database
        print(f"dotterel: cannot open corpus '{args.db}': {exc}", file=sys.stderr)
        return 2
    if args.db:
        log.info("serving corpus %s (read-only)", args.db)
    log.info("open http://%s:%d/ (API docs at /docs); Ctrl-C stops", args.host, args.port)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning" if args.quiet else "info")
    return 0
