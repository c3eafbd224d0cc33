"""``dotterel eval`` for quotes: matching rules, the PolNeAR reader on a synthetic BRAT sample,
and the accuracy floor on our own gold (tests/data/quotes_gold.jsonl)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dotterel.eval_quotes import (
    GoldQuote,
    _looks_like_polnear,
    _looks_like_quote_gold,
    alias_matches,
    evaluate_quotes,
    overlap,
    parse_brat,
    read_polnear,
    read_quote_gold,
    speaker_matches,
)
from dotterel.evaluate import run_eval
from dotterel.model import ActorRef, Article

GOLD = Path(__file__).parent / "data" / "quotes_gold.jsonl"

TINY = [
    {"id": "t1", "published": "2024-03-01",
     "text": 'Foreign Minister Maria Kovacs said the embassy would reopen. "We belong there," she said.',
     "quotes": [{"kind": "indirect", "text": "the embassy would reopen", "speaker": ["Maria Kovacs", "Kovacs"]},
                {"kind": "direct", "text": "We belong there,", "speaker": ["Maria Kovacs", "Kovacs"]}]},
    {"id": "t2", "published": "2024-03-01",
     "text": "Heavy rain closed roads across the north on Sunday.", "quotes": []},
]

# A synthetic PolNeAR-style article (invented text), annotated twice as PolNeAR does.
BRAT_TEXT = 'Kovacs said the talks failed. "We tried," she added. The plan was bold, according to aides.'


def _at(text: str) -> str:
    start = BRAT_TEXT.index(text)
    return f"{start} {start + len(text)}"


BRAT_ANN = "\n".join([
    f"T1\tSource {_at('Kovacs')}\tKovacs", f"T2\tCue {_at('said')}\tsaid",
    f"T3\tContent {_at('the talks failed')}\tthe talks failed",
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3", f"T4\tAttribution {_at('said')}\tsaid",
    f"T5\tContent {_at(chr(34) + 'We tried,' + chr(34))};{_at('she added')}\t\"We tried,\" she added",
    f"T6\tSource {_at('she')}\tshe", f"T7\tCue {_at('added')}\tadded",
    "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6", f"T8\tAttribution {_at('added')}\tadded",
    f"T9\tContent {_at('The plan was bold,')}\tThe plan was bold,", f"T10\tCue {_at('according to')}\taccording to",
    "E3\tAttribution-no-source:T11 Content:T9 Cue:T10", f"T11\tAttribution-no-source {_at('according to')}\taccording to",
])
SHE = _at("she")


def ref(name: str, text: str, start: int = 0, end: int = 0, actor: str = "x") -> ActorRef:
    return ActorRef(actor=actor, name=name, country=None, cameo=None, text=text, start=start, end=end)


@pytest.fixture()
def polnear_dir(tmp_path: Path) -> Path:
    root = tmp_path / "polnear"
    (root / "dev" / "attributions").mkdir(parents=True)
    (root / "dev" / "text").mkdir()
    (root / "SOURCE.txt").write_text("name: PolNeAR v1.0.0 (synthetic test sample)\n")
    (root / "dev" / "text" / "wire_2016-09-12_talks.txt").write_text(BRAT_TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "wire_2016-09-12_talks_0a1b.ann").write_text(BRAT_ANN, encoding="utf-8")
    # the second annotator's file of the same article is ignored
    (root / "dev" / "attributions" / "wire_2016-09-12_talks_ff00.ann").write_text("", encoding="utf-8")
    return root


def test_overlap_is_relative_to_the_shorter_span() -> None:
    assert overlap(((0, 10),), ((5, 100),)) == 0.5
    assert overlap(((10, 20),), ((0, 100),)) == 1.0  # a partial quote inside a long content
    assert overlap(((0, 4),), ((2, 4), (6, 8))) == 0.5  # discontinuous gold counts together
    assert overlap(((0, 4),), ((4, 8),)) == 0.0


def test_alias_match_is_whole_word_and_pronouns_count_only_by_name() -> None:
    assert alias_matches(ref("Maria Kovacs", "Kovacs"), "Kovacs")
    assert alias_matches(ref("Maria Kovacs", "she"), "Maria Kovacs")
    assert not alias_matches(ref("Ana Lopez", "she"), "Claudia Sheinbaum")
    assert alias_matches(ref("senior official", "A senior official"), "official")
    assert not alias_matches(ref("Iran", "Iran"), "Iranian officials")


def test_parse_brat_reads_discontinuous_content_and_missing_source() -> None:
    quotes = parse_brat(BRAT_ANN, BRAT_TEXT)
    assert [q.text for q in quotes] == ["the talks failed", '"We tried," she added', "The plan was bold,"]
    assert len(quotes[1].segments) == 2 and quotes[1].kind == "direct"
    assert quotes[0].source_text == "Kovacs" and quotes[0].kind == "indirect"
    assert quotes[2].source is None and not quotes[2].has_speaker


def test_read_polnear_keeps_one_annotator_and_the_date(polnear_dir: Path) -> None:
    assert _looks_like_polnear(polnear_dir) and _looks_like_polnear(polnear_dir / "dev")
    docs = read_polnear(polnear_dir, split="dev")
    assert len(docs) == 1
    assert docs[0].id == "wire_2016-09-12_talks" and docs[0].published == "2016-09-12"
    assert len(docs[0].quotes) == 3  # from the first annotator's file, not the empty second one
    assert read_polnear(polnear_dir, split="dev", limit=0) == []


def test_polnear_speaker_match_by_span_by_actor_mention_or_head() -> None:
    start, end = map(int, SHE.split())
    gold = GoldQuote(segments=((30, 40),), kind="direct", text="x", source=((start, end),), source_text="she")
    article = Article(id="a", text=BRAT_TEXT)
    assert speaker_matches(ref("Ana Kovacs", "she", start, end), gold, article)
    assert not speaker_matches(ref("Ana Kovacs", "Kovacs", 0, 6), gold, article)  # no mention links them
    assert not speaker_matches(None, gold, article)


def test_evaluate_tiny_gold(nlp, tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in TINY), encoding="utf-8")
    assert _looks_like_quote_gold(path)
    report = evaluate_quotes(read_quote_gold(path))
    data = report.as_dict()
    assert data["documents"] == 2
    assert data["quotes"]["gold"] == 2 and data["quotes"]["recall"] == 1.0
    assert data["quotes"]["precision"] == 1.0 and data["speaker_accuracy"] == 1.0
    text = run_eval(path)
    assert "speaker accuracy on found quotes: 1.000 (2/2)" in text and "Citron" in text


def test_quote_gold_must_be_substrings(tmp_path: Path) -> None:
    bad = dict(TINY[0], quotes=[{"kind": "direct", "text": "not in the text", "speaker": None}])
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not in the text"):
        list(read_quote_gold(path))


def test_polnear_runner_on_synthetic_sample(nlp, polnear_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("DOTTEREL_EVAL_LIMIT", "5")
    text = run_eval(polnear_dir)
    assert "corpus: PolNeAR" in text and "dev split, 1 articles" in text
    data = json.loads(run_eval(polnear_dir, kind="polnear", as_json=True))
    assert data["quotes"]["gold"] == 3 and data["quotes"]["gold_ok"] >= 2
    assert data["per_kind"]["direct"]["speaker_accuracy"] == 1.0


def test_gold_file_is_well_formed() -> None:
    docs = list(read_quote_gold(GOLD))
    quotes = [q for d in docs for q in d.quotes]
    assert len(docs) >= 60 and len(quotes) >= 160
    assert {q.kind for q in quotes} == {"direct", "indirect", "partial"}


def test_accuracy_floor_on_our_gold(nlp) -> None:
    """The issue's target: speaker accuracy >= 0.9 on our gold (reached: see README)."""
    data = evaluate_quotes(read_quote_gold(GOLD)).as_dict()
    assert data["speaker_accuracy"] >= 0.95
    assert data["quotes"]["f1"] >= 0.95
