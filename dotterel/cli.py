"""The command line: each command parses arguments and calls the Python API."""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from . import __version__
from .cli_options import add_input_fields
from .cli_options import add_settings as _add_settings
from .cli_options import settings_from_args as _settings
from .errors import DotterelError, Errors
from .evaluate import KINDS as EVAL_KINDS
from .ingest import INPUT_FORMATS, count_records, read_inputs
from .model import Article, ErrorRecord
from .output import FORMATS, write
from .pipeline import code_many
from .progress import with_progress

log = logging.getLogger("dotterel")

# Modules that add their own subcommands: each has register(subparsers, add_settings).
COMMAND_MODULES: list[str] = ["dotterel.corpus_cli", "dotterel.serve_cli"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="dotterel: %(message)s", stream=sys.stderr)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except DotterelError as exc:
        print(f"dotterel: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dotterel", description=(
        "Turn news articles into political event data: who did what to whom, where and when."))
    parser.add_argument("--version", action="version", version=f"dotterel {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings on stderr")
    sub = parser.add_subparsers(dest="command")

    code = sub.add_parser("code", help="code articles into records (the main job)")
    code.add_argument("inputs", nargs="*", metavar="INPUT",
                      help="files (.txt .html .jsonl .csv .parquet, optionally .gz), folders, or - for stdin")
    code.add_argument("--published", help="publication date YYYY-MM-DD for inputs without one")
    code.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                      help="how to read standard input (default auto: JSONL when the first line is a "
                           "JSON object, HTML when it starts like a page, else one text article)")
    code.add_argument("--format", default="json", help=f"one of {', '.join(FORMATS)} (default json)")
    code.add_argument("-o", "--output", help="write here instead of stdout (required for parquet)")
    code.add_argument("--db", metavar="FILE.duckdb",
                      help="store into this DuckDB corpus instead (created if absent; re-runs skip stored articles)")
    code.add_argument("--engine", choices=("local", "spark"), default="local",
                      help="local processes (default) or Spark: Parquet folders OUT/events, actors, ...")
    code.add_argument("--master", help="Spark master for --engine spark (default local[*])")
    _add_settings(code)
    add_input_fields(code)
    code.set_defaults(func=cmd_code)

    demo = sub.add_parser("demo", help="code the bundled sample articles and print a summary")
    demo.add_argument("-o", "--output", help="also write the full records as JSONL here")
    _add_settings(demo)
    demo.set_defaults(func=cmd_demo)

    ev = sub.add_parser("eval", help="score against annotated data (events gold JSONL)")
    ev.add_argument("gold", help="gold file or benchmark folder (formats in the README)")
    ev.add_argument("--kind", default=None, choices=tuple(EVAL_KINDS), metavar="KIND",
                    help="what the gold annotates (default: detected from the file): "
                         + "; ".join(f"{k}: {what}" for k, what in EVAL_KINDS.items()))
    ev.add_argument("--errors", type=int, default=20, help="how many error cases to print")
    ev.add_argument("--json", dest="as_json", action="store_true", help="print the report as JSON")
    _add_settings(ev)
    ev.set_defaults(func=cmd_eval)

    explain = sub.add_parser("explain", help="show which lexicon entry and parse path made each event")
    explain.add_argument("sentence", help="text to code")
    explain.add_argument("--published", help="publication date YYYY-MM-DD")
    _add_settings(explain, batch=False)
    explain.set_defaults(func=cmd_explain)
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub, _add_settings)
    return parser


def cmd_code(args: argparse.Namespace) -> int:
    if getattr(args, "engine", "local") == "spark":
        return _code_spark(args)
    if args.format not in FORMATS:
        raise DotterelError(Errors.E012, value=args.format, choices=", ".join(FORMATS))
    if args.format == "parquet" and not args.output:
        parser_error = "parquet output needs -o FILE.parquet"
        print(f"dotterel: {parser_error}", file=sys.stderr)
        return 2
    settings = _settings(args)
    items = read_inputs(args.inputs, published=args.published, max_chars=settings.max_chars,
                        fields=settings.fields, input_format=args.input_format)
    show = None if not args.quiet else False
    total = count_records(args.inputs or ["-"]) if show is None and sys.stderr.isatty() else None
    if getattr(args, "db", None):
        from .store import code_into_cli

        return code_into_cli(args.db, items, settings, total=total, progress=show)
    results = with_progress(_logged(code_many(items, settings=settings)), enabled=show, total=total)
    if args.output:
        ok, failed = write(results, args.format, path=args.output)
    else:
        ok, failed = write(results, args.format, sys.stdout)
    log.info("coded %d article(s), %d error(s)", ok, failed)
    return 1 if failed else 0


def _code_spark(args: argparse.Namespace) -> int:
    """``dotterel code INPUT... --engine spark [--master URL] -o OUT/``: Parquet folders in OUT."""
    try:
        from .spark import code_files  # pyspark is an optional extra
    except ImportError as exc:
        print(f"dotterel: {exc}", file=sys.stderr)
        return 2
    if not args.output:
        print("dotterel: --engine spark needs -o OUT/ (a folder for events, actors, quotes, errors)",
              file=sys.stderr)
        return 2
    if getattr(args, "db", None):
        print("dotterel: --engine spark writes Parquet folders, not a --db corpus database",
              file=sys.stderr)
        return 2
    if not args.inputs or "-" in args.inputs:
        print("dotterel: --engine spark reads files or folders, not standard input", file=sys.stderr)
        return 2
    if args.format not in ("json", "parquet"):
        log.warning("--engine spark always writes Parquet folders; --format %s ignored", args.format)
    return code_files(args.inputs, args.output, settings=_settings(args), published=args.published,
                      master=args.master)


def _logged(results):  # type: ignore[no-untyped-def]
    for result in results:
        if isinstance(result, ErrorRecord):
            log.warning("%s: %s", result.origin or result.id, result.message)
        yield result


def cmd_demo(args: argparse.Namespace) -> int:
    sample = resources.files("dotterel") / "data" / "samples" / "articles.jsonl"
    with resources.as_file(sample) as path:
        results = list(code_many(read_inputs([path]), settings=_settings(args)))
    for result in results:
        if isinstance(result, Article):
            print(summary(result))
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            write(results, "jsonl", out)
        log.info("full records written to %s", args.output)
    return 0 if all(isinstance(r, Article) for r in results) else 1


def summary(article: Article) -> str:
    """A human-readable digest: one line per event with its modality flags."""
    lines = [f"== {article.id} ({article.published}) {article.title or ''}".rstrip(),
             f"   {len(article.actors)} actors, {len(article.events)} events, "
             f"{len(article.quotes)} quotes, {len(article.places)} places, {len(article.dates)} dates"]
    for e in article.events:
        flags = [f for f in ("negated", "hypothetical", "future", "hedged") if getattr(e, f)]
        src = e.source.name if e.source else "?"
        tgt = e.target.name if e.target else "-"
        where = f" @ {e.place.name}" if e.place else ""
        lines.append(f"   {e.date or '????-??-??'} {src} -> {e.type}/{e.cameo.code} -> {tgt}"
                     f"{where} '{e.trigger.text}'" + (f" [{', '.join(flags)}]" if flags else ""))
    return "\n".join(lines)


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import run_eval

    path = Path(args.gold)
    if not path.exists():
        raise DotterelError(Errors.E001, path=path)
    print(run_eval(path, kind=args.kind, settings=_settings(args), show_errors=args.errors,
                   as_json=args.as_json))
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from .nlp.pipeline import load_pipeline
    from .pipeline import code

    settings = _settings(args)
    article = code(args.sentence, published=args.published, settings=settings)
    print(summary(article))
    for e in article.events:
        print(f"\n{e.id} {e.type} ({e.cameo.code}, quad {e.cameo.quad_class}, "
              f"goldstein {e.cameo.goldstein}), confidence {e.confidence}\n   {e.explanation}")
    if not article.events:
        print("no events: no lexicon trigger matched (dotterel/data/events.yaml), or a rule below removed it")
    doc = load_pipeline(settings)(args.sentence)
    for i, rule_id in doc._.dotterel.rule_hits:
        print(f"rule {rule_id} fired on '{doc[i].text}' (dotterel/data/event_rules.yaml)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
