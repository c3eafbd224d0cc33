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
    add_settings(serve, batch=False)
    serve.set_defaults(func=cmd_serve)


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
        app = create_app(args.db, settings_from_args(args), max_body=args.max_body)
    except Exception as exc:  # a lock held by a running writer, a file that is not a database
        print(f"dotterel: cannot open corpus '{args.db}': {exc}", file=sys.stderr)
        return 2
    if args.db:
        log.info("serving corpus %s (read-only)", args.db)
    log.info("open http://%s:%d/ (API docs at /docs); Ctrl-C stops", args.host, args.port)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning" if args.quiet else "info")
    return 0
