"""tools/name_swap.py: the renamed gold must say the same as the original, with invented names."""
from __future__ import annotations

import re
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))

import name_swap  # noqa: E402

RECORD = {"id": "x", "text": "Israeli jets struck Syria, and Israel blamed Iranians.", "events": [
    {"types": ["ASSAULT"], "source": ["Israeli jets", "Israel", "ISR"], "target": ["Syria", "SYR"],
     "trigger": {"start": 13, "end": 19, "text": "struck"}}]}


def _swap(demonyms: bool) -> dict:
    names = name_swap.country_names(demonyms)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    out = name_swap.swap(RECORD, names, pattern)
    assert out is not None
    return out


def test_countries_are_renamed_and_lose_their_codes_spans_moved():
    out = _swap(demonyms=False)
    assert out["text"] == "Israeli jets struck Borduria, and Syldavia blamed Iranians."
    event = out["events"][0]
    assert event["target"] == ["Borduria"] and "ISR" not in event["source"]
    trigger = event["trigger"]
    assert out["text"][trigger["start"]:trigger["end"]] == "struck"


def test_demonyms_take_their_states_invented_name():
    out = _swap(demonyms=True)
    # one invented state per country, in order of first mention, whatever form named it
    assert out["text"] == "Bordurian jets struck Syldavia, and Borduria blamed Ruritanians."
    assert out["events"][0]["source"] == ["Bordurian jets", "Borduria"]
    trigger = out["events"][0]["trigger"]
    assert out["text"][trigger["start"]:trigger["end"]] == "struck"
