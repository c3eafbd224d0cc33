"""The README is the user's page: short, with the input schema, the data dictionary as the code
has it, the two set-up commands, and a spaCy example that runs."""
from __future__ import annotations

import re
from pathlib import Path

from dotterel.columns import TABLES, dictionary_markdown
from dotterel.ingest import INPUT_FIELDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_is_a_users_page():
    assert len(README.splitlines()) <= 450
    assert "make demo" in README and "make test" in README
    assert "docs/evaluation.md" in README and (ROOT / "CHANGELOG.md").exists()


def test_readme_holds_the_data_dictionary_as_the_code_has_it():
    """After adding a column: python tools/data_dictionary.py, and paste its tables."""
    for table in TABLES:
        assert dictionary_markdown(table) in README, f"README's {table} dictionary is out of date"


def test_readme_states_the_input_schema():
    schema = README[README.index("**Input.**"):README.index("**Output**")]
    for name in INPUT_FIELDS:
        assert re.search(rf"^\| `{name}` \| (\*\*yes\*\*|no) \|", schema, re.MULTILINE), name
    for option in ("--id-field", "--text-field", "--date-field", "--title-field", "--url-field"):
        assert option in schema


def test_readme_spacy_route_runs(nlp):
    block = README[README.index("**As spaCy components.**"):]
    code = block[block.index("```python") + len("```python"):block.index("```\n", block.index("```python") + 9)]
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    article = scope["article"]
    assert [e.type for e in article.events][:1] == ["REQUEST"]
    assert article.events[0].date == "2023-12-05"
