"""Every pattern of data/furniture.yaml on its own examples: it finds exactly the marked
furniture, the whole file finds it too (with the pattern's kind), and it finds nothing in
its counter-examples."""
from __future__ import annotations

import pytest

from dotterel.errors import ConfigError
from dotterel.nlp.furniture import FurnitureBook, compile_pattern, load_furniture, marked_example

PATTERNS = load_furniture().patterns


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.name for p in PATTERNS])
def test_pattern_finds_its_marked_furniture(pattern):
    alone = FurnitureBook([pattern])
    for example in pattern.examples["furniture"]:
        text, marked = marked_example(example)
        assert [(f.start, f.end) for f in alone.find(text)] == marked, example
        found = load_furniture().find(text)
        assert [(f.start, f.end, f.kind) for f in found] == [(s, e, pattern.kind) for s, e in marked], example


@pytest.mark.parametrize("pattern", [p for p in PATTERNS if p.examples.get("text")],
                         ids=[p.name for p in PATTERNS if p.examples.get("text")])
def test_pattern_is_silent_on_article_text(pattern):
    for example in pattern.examples["text"]:
        assert FurnitureBook([pattern]).find(example) == [], example


def test_every_kind_has_a_pattern():
    from dotterel.nlp.furniture import KINDS

    assert {p.kind for p in PATTERNS} == set(KINDS)


def test_marked_example_offsets():
    assert marked_example("[[WASHINGTON -]] The Senate [[x]]") == ("WASHINGTON - The Senate x", [(0, 12), (24, 25)])


@pytest.mark.parametrize("record, message", [
    ({"kind": "caption"}, "needs a 'name'"),
    ({"name": "x", "kind": "footer", "pattern": "^x", "examples": {"furniture": ["[[x]]"]}}, "kind must be one of"),
    ({"name": "x", "kind": "caption", "pattern": "^x"}, "needs examples"),
    ({"name": "x", "kind": "caption", "pattern": "^x", "examples": {"furniture": ["x"]}}, "needs examples"),
    ({"name": "x", "kind": "caption", "pattern": "^(x", "examples": {"furniture": ["[[x]]"]}}, "missing \\)"),
    ({"name": "x", "kind": "caption", "pattern": "^x", "within": -1, "examples": {"furniture": ["[[x]]"]}}, "within"),
    ({"name": "x", "kind": "caption", "pattern": "^x", "needs": "x", "examples": {"furniture": ["[[x]]"]}}, "needs must"),
])
def test_a_bad_pattern_is_refused_with_its_name(record, message):
    with pytest.raises(ConfigError, match=message):
        compile_pattern(record, "test.yaml")


def test_names_used_twice_are_refused(tmp_path):
    entry = "- {name: x, kind: caption, pattern: '^x', examples: {furniture: ['[[x]]']}}\n"
    path = tmp_path / "f.yaml"
    path.write_text(entry * 2, encoding="utf-8")
    with pytest.raises(ConfigError, match="used twice"):
        load_furniture(str(path))
