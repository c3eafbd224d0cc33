"""Print the flat tables' data dictionaries (``dotterel/columns.py``) as Markdown.

    python tools/data_dictionary.py            # all four tables, for the README
    python tools/data_dictionary.py events     # one

The README holds this output verbatim (``tests/test_docs.py`` checks it), so a new column
is documented by running this and pasting.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dotterel.columns import TABLES, dictionary_markdown

if __name__ == "__main__":
    for table in sys.argv[1:] or list(TABLES):
        print(f"**{table}**\n\n{dictionary_markdown(table)}\n")
