"""Corpus subcommands over a DuckDB corpus (see ``store``): export, stats, sql, search, reindex,
diff.

``dotterel code INPUT... --db corpus.duckdb`` (in ``cli``) fills the database; these read it.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import json
import logging
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

log = logging.getLogger("dotterel")

TABLE_FORMATS = ("table", "csv", "json")
CELL_WIDTH = 60


def register(sub: Any, add_settings: Callable[[argparse.ArgumentParser], None]) -> None:
    from .store import DEFAULT_WINDOW_DAYS, EXPORT_FORMATS, PERIODS

    def db_option(parser: argparse.ArgumentParser, *, inherited: bool = False,
                  required: bool = True) -> None:
        parser.add_argument("--db", metavar="FILE.duckdb", required=required and not inherited,
                            default=argparse.SUPPRESS if inherited else None,
                            help="the corpus database (made by: dotterel code INPUT --db FILE)")

    def format_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--format", default="table", choices=TABLE_FORMATS,
                            help="aligned table (default), csv, or json (an array of objects)")

    export = sub.add_parser("export", help="write a corpus database as plover, jsonl, csv or parquet")
    db_option(export)
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS,
                        help="plover: one PLOVER event per line; jsonl: full article records; "
                             "csv/parquet: one flat row per event")
    export.add_argument("--dedup", action="store_true",
                        help="canonical events (one per cluster of reports) instead of every report")
    export.add_argument("--window-days", type=int, default=None,
                        help=f"with --dedup: reports this many days apart are one event (default: "
                             f"as last built, initially {DEFAULT_WINDOW_DAYS})")
    export.add_argument("-o", "--output", help="write here instead of stdout (required for parquet)")
    export.set_defaults(func=cmd_export)

    stats = sub.add_parser("stats", help="event counts from a corpus database: dyads, quad, actors")
    db_option(stats, required=False)  # before or after the kind
    kinds = stats.add_subparsers(dest="stats_kind", metavar="{dyads,quad,actors}")
    dyads = kinds.add_parser("dyads", help="counts and Goldstein sums per source/target pair per period")
    quad = kinds.add_parser("quad", help="QuadClass counts per period")
    actors = kinds.add_parser("actors", help="top actors by articles naming them")
    for parser in (dyads, quad, actors):
        db_option(parser, inherited=True)
        format_option(parser)
        parser.add_argument("--all", action="store_true",
                            help="count every event, also negated, hypothetical and future ones")
    for parser in (dyads, actors):
        parser.add_argument("--generic", action="store_true",
                            help="keep generic groups (people, a man, residents: data/generic_actors.yaml)")
    dyads.add_argument("--by-country", action="store_true",
                       help="roll actors up to their country (TUR, TUR-GOV and Erdogan as TUR)")
    dyads.add_argument("--by", default="month", choices=(*PERIODS, "all"),
                       help="period, or all: one row per pair, the most frequent first (default month)")
    dyads.add_argument("--any-date", action="store_true",
                       help="count events of any date; without --from/--to the default is the "
                            "corpus's publication window, so 'the 1945 Yalta talks' stay out")
    quad.add_argument("--by", default="month", choices=PERIODS, help="period (default month)")
    for parser in (dyads, quad):
        parser.add_argument("--dedup", action="store_true", help="count canonical events, not reports")
        parser.add_argument("--from", dest="start", metavar="DATE", help="first event date (YYYY-MM-DD)")
        parser.add_argument("--to", dest="end", metavar="DATE", help="last event date (YYYY-MM-DD)")
    dyads.add_argument("--limit", type=int, default=None, help="print at most this many rows")
    actors.add_argument("--limit", type=int, default=20, help="how many actors (default 20)")
    stats.set_defaults(func=cmd_stats, stats_parser=stats)

    sql = sub.add_parser("sql", help="run one SQL query on a corpus database (read-only)")
    db_option(sql)
    sql.add_argument("query", help="the SQL; ? placeholders take --param values in order")
    sql.add_argument("-p", "--param", action="append", default=[], help="a value for the next ?")
    format_option(sql)
    sql.set_defaults(func=cmd_sql)

    search = sub.add_parser("search", help="full-text search over articles and quotes")
    db_option(search)
    search.add_argument("words", nargs="+", help="words that must all occur")
    search.add_argument("--in", dest="what", default="all", choices=("all", "articles", "quotes"))
    search.add_argument("--limit", type=int, default=20, help="how many hits (default 20)")
    format_option(search)
    search.set_defaults(func=cmd_search)

    reindex = sub.add_parser("reindex", help="rebuild canonical events and the search index")
    db_option(reindex)
    reindex.add_argument("--window-days", type=int, default=None,
                         help=f"de-duplication window in days (default: as last built, initially "
                              f"{DEFAULT_WINDOW_DAYS})")
    reindex.add_argument("--all", action="store_true",
                         help="cluster every event, not only facts (modalities kept apart)")
    reindex.set_defaults(func=cmd_reindex)

    compare = sub.add_parser("diff", help="what changed between two corpus databases: events by "
                                          "type x country x month, articles, coder versions")
    compare.add_argument("old", metavar="OLD.duckdb")
    compare.add_argument("new", metavar="NEW.duckdb")
    compare.add_argument("--format", default="table", choices=TABLE_FORMATS,
                         help="table: a summary and the changed cells (default); csv: every cell; "
                              "json: everything")
    compare.add_argument("--all", action="store_true",
                         help="count every event, also negated, hypothetical and future ones")
    compare.add_argument("--limit", type=int, default=50, help="changed cells in the table (default 50)")
    compare.set_defaults(func=cmd_diff)


class _UsageError(Exception):
    """Printed as 'dotterel: MESSAGE' with exit status 2."""


def _usage_errors(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except _UsageError as exc:
            return _usage(str(exc))
    run.__name__, run.__doc__ = command.__name__, command.__doc__
    return run


def _open(db: str | None, *, read_only: bool = True) -> Any:
    from .store import Corpus

    if not db:
        raise _UsageError("--db FILE.duckdb is required")
    try:
        return Corpus(db, read_only=read_only)
    except FileNotFoundError as exc:
        raise _UsageError(str(exc)) from None
    except Exception as exc:  # a lock held by a running writer, a file that is not a database
        raise _UsageError(f"cannot open '{db}': {exc}") from None


def _usage(message: str) -> int:
    print(f"dotterel: {message}", file=sys.stderr)
    return 2


@_usage_errors
def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "parquet" and not args.output:
        return _usage("parquet export needs -o FILE.parquet")
    corpus = _open(args.db)
    try:
        if args.dedup and _dedup_stale(corpus, args.window_days):
            corpus.close()
            corpus = _open(args.db, read_only=False)
            corpus.ensure_dedup(window_days=args.window_days)
        if args.format == "parquet":
            n = corpus.export("parquet", path=args.output, dedup=args.dedup)
        elif args.output:
            n = corpus.export(args.format, path=args.output, dedup=args.dedup)
        else:
            n = corpus.export(args.format, out=sys.stdout, dedup=args.dedup)
    finally:
        corpus.close()
    log.info("exported %d %s", n, "record(s)" if args.format == "jsonl" and not args.dedup else "row(s)")
    return 0


def _dedup_stale(corpus: Any, window_days: int | None) -> bool:
    try:
        corpus.ensure_dedup(window_days=window_days)
        return False
    except PermissionError:
        return True


@_usage_errors
def cmd_stats(args: argparse.Namespace) -> int:
    import duckdb

    if not args.stats_kind:
        args.stats_parser.print_help(sys.stderr)
        return 2
    corpus = _open(args.db)
    try:
        facts = not args.all
        if args.stats_kind == "actors":
            query, params = corpus._q_top_actors(limit=args.limit, facts_only=facts, generic=args.generic)
            label = None
        else:
            build = corpus._q_quad_series
            if args.stats_kind == "dyads":
                build = functools.partial(corpus._q_dyads, generic=args.generic, by_country=args.by_country)
            start, end = args.start, args.end
            if args.stats_kind == "dyads" and start is None and end is None and not args.any_date:
                start, end = corpus.publication_window()
            try:
                query, params = build(by=args.by, facts_only=facts, dedup=args.dedup,
                                      start=start, end=end)
            except PermissionError as exc:
                return _usage(str(exc))
            label = None if args.by == "all" else _period_label(args.by)
            if args.stats_kind == "dyads" and args.limit is not None:
                query, params = f"SELECT * FROM ({query}) LIMIT ?", [*params, args.limit]
        try:
            cursor = corpus._execute(query, params)
        except duckdb.ConversionException as exc:  # a --from/--to that is not a date
            return _usage(str(exc))
        print_result(cursor, args.format, sys.stdout, convert={"period": label} if label else None)
    finally:
        corpus.close()
    return 0


def _period_label(by: str) -> Callable[[Any], str]:
    pattern = {"year": "%Y", "month": "%Y-%m"}.get(by, "%Y-%m-%d")
    return lambda d: d.strftime(pattern) if isinstance(d, (dt.date, dt.datetime)) else d


@_usage_errors
def cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    corpus = _open(args.db)
    try:
        # read-only database, and no files outside it: no COPY TO, ATTACH or read_csv
        corpus.con.execute("SET enable_external_access = false")
        corpus.con.execute("SET lock_configuration = true")
        try:
            cursor = corpus._execute(args.query, args.param)
            print_result(cursor, args.format, sys.stdout)
        except duckdb.Error as exc:
            return _usage(f"sql: {exc}")
    finally:
        corpus.close()
    return 0


@_usage_errors
def cmd_search(args: argparse.Namespace) -> int:
    corpus = _open(args.db)
    try:
        query, params = corpus._q_search(" ".join(args.words), limit=args.limit, what=args.what)
        log.info("search: %s", "BM25 full-text index" if corpus.search_backend == "fts"
                 else "substring scan (no current full-text index)")
        print_result(corpus._execute(query, params), args.format, sys.stdout)
    except ValueError as exc:
        return _usage(str(exc))
    finally:
        corpus.close()
    return 0


@_usage_errors
def cmd_reindex(args: argparse.Namespace) -> int:
    corpus = _open(args.db, read_only=False)
    try:
        corpus.reindex(window_days=args.window_days, facts_only=not args.all)
        clusters, reports = corpus.con.execute(
            "SELECT count(*), coalesce(sum(n_reports), 0) FROM canonical_events").fetchone()
        log.info("%d canonical event(s) from %d report(s); search: %s", clusters, reports,
                 corpus.search_backend)
    finally:
        corpus.close()
    return 0


@_usage_errors
def cmd_diff(args: argparse.Namespace) -> int:
    """Exit status 0 when the two corpora have the same counts and articles, 1 when not."""
    from .store.diff import diff, diff_text

    try:
        result = diff(args.old, args.new, facts_only=not args.all)
    except FileNotFoundError as exc:
        raise _UsageError(str(exc)) from None
    except Exception as exc:  # a lock held by a writer, a file that is not a database
        raise _UsageError(f"cannot compare '{args.old}' and '{args.new}': {exc}") from None
    if args.format == "json":
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=["event_type", "country", "month", "old", "new", "change"])
        writer.writeheader()
        writer.writerows(c.to_dict() for c in result.cells)
    else:
        sys.stdout.write(diff_text(result, limit=args.limit))
    return 0 if result.same else 1


def print_result(cursor: Any, fmt: str, out: IO[str],
                 convert: dict[str, Callable[[Any], Any] | None] | None = None) -> int:
    """Print a DuckDB result as an aligned table, CSV or a JSON array; streams; returns rows."""
    if cursor.description is None:
        return 0
    columns = [d[0] for d in cursor.description]
    fixers = [(convert or {}).get(c) for c in columns]

    def chunks() -> Iterable[list[tuple[Any, ...]]]:
        while rows := cursor.fetchmany(1000):
            yield [tuple(f(v) if f and v is not None else v for f, v in zip(fixers, row))
                   for row in rows]

    n = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for rows in chunks():
            writer.writerows([[";".join(map(str, v)) if isinstance(v, list) else v for v in row]
                              for row in rows])
            n += len(rows)
    elif fmt == "json":
        out.write("[")
        for rows in chunks():
            for row in rows:
                out.write(("\n" if n == 0 else ",\n")
                          + json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=_json))
                n += 1
        out.write("\n]\n" if n else "]\n")
    else:
        widths: list[int] | None = None
        numeric: list[bool] = []
        for rows in chunks():
            cells = [[_cell(v) for v in row] for row in rows]
            if widths is None:  # the first thousand rows set the layout
                widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
                numeric = [all(isinstance(row[i], (int, float)) and not isinstance(row[i], bool)
                               for row in rows if row[i] is not None) for i in range(len(columns))]
                out.write(_line(columns, widths, numeric) + "\n")
            for row in cells:
                out.write(_line(row, widths, numeric) + "\n")
            n += len(rows)
        if widths is None:
            out.write("  ".join(columns) + "\n(no rows)\n")
    out.flush()
    return n


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "nan" if value != value else f"{value:.3f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        value = ";".join(map(str, value))
    text = " ".join(str(value).split())
    return text if len(text) <= CELL_WIDTH else text[:CELL_WIDTH - 1] + "…"


def _line(cells: Sequence[str], widths: Sequence[int], numeric: Sequence[bool]) -> str:
    return "  ".join(c.rjust(w) if num else c.ljust(w)
                     for c, w, num in zip(cells, widths, numeric)).rstrip()


def _json(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)
