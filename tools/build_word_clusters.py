"""Build distributional word clusters (dotterel/data/models/word_clusters.tsv) from news text.

Why: the learned trigger detector reads a word as strings (its lemma, its lexicon entries, its
word classes), so a word missing from the annotated sentences ("critique", "probe", "rail")
carries no weight of its own. Words used in like contexts fall in one cluster; a cluster number
is a string feature that an unseen word shares with the seen words of its cluster (as Brown
clusters do for classic named-entity taggers).

How: the lowercase alphabetic words of the corpora (a regex, no parser); co-occurrence counts of
the most frequent words (targets) with the most frequent ones (contexts) in a symmetric window;
positive PMI with the context distribution smoothed (counts ** 0.75); a truncated SVD by random
projection; rows L2-normalised; spherical k-means at each granularity. Every seed is fixed, so
the same corpora give the same file. Only words and cluster numbers are written: no text, no
vectors.

    python tools/build_word_clusters.py                      # the packaged file, a few minutes
    python tools/build_word_clusters.py --out build/wc.tsv --targets 20000 --dims 64

The corpora are ../shared/data/corpora (AllSides, Reuters-21578; research use), read but never
copied: see their SOURCE.txt files.
"""
from __future__ import annotations

import os

# one BLAS thread: the build shares the machine, and sums done in one fixed order keep the output
# the same from run to run (must be set before numpy loads)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "data" / "corpora"
DEFAULT_CORPORA = (CORPORA / "allsides.jsonl.gz", CORPORA / "reuters21578.jsonl.gz")
OUT = ROOT / "dotterel" / "data" / "models" / "word_clusters.tsv"
WORD = re.compile(r"[a-z]+")
LEVELS = (64, 256, 1024)
SEED = 20261206
PROBES = ("criticize", "sanctions", "summit", "attack", "urged", "critique", "probe", "rail", "fault")


def texts(paths: list[Path]) -> Iterator[str]:
    """Title and body of every article (both corpora name them ``title`` and ``text``)."""
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                yield f"{record.get('title') or ''}\n{record.get('text') or ''}"


def tokenise(docs: Iterator[str], window: int) -> tuple[np.ndarray, list[str]]:
    """The corpus as one array of word ids (in order of first sight), articles apart by
    ``window`` padding ids (-1) so that no window spans two articles."""
    index: dict[str, int] = {}
    parts = []
    pad = np.full(window, -1, dtype=np.int32)
    for text in docs:
        ids = [index.setdefault(w, len(index)) for w in WORD.findall(text.lower())]
        parts += [np.array(ids, dtype=np.int32), pad]
    return np.concatenate([pad] + parts), list(index)


def by_frequency(ids: np.ndarray, words: list[str], n_targets: int, min_count: int) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Word ids renumbered by frequency rank (ties in order of first sight, so stable), the
    words in that order (only the ones kept as targets), and their counts."""
    counts = np.bincount(ids[ids >= 0], minlength=len(words))
    order = np.argsort(-counts, kind="stable")
    rank = np.empty(len(words) + 1, dtype=np.int32)
    rank[order] = np.arange(len(words), dtype=np.int32)
    rank[-1] = -1  # the padding id -1 reads the last slot and stays padding
    kept = min(n_targets, int((counts >= min_count).sum()))
    return rank[ids], [words[i] for i in order[:kept]], counts[order[:kept]]


def cooccurrences(ranked: np.ndarray, n_targets: int, n_contexts: int, window: int, block: int = 2000) -> np.ndarray:
    """Dense (targets x contexts) counts in a +-window. Built per block of targets so that one
    np.bincount over combined (target, context) indices stays a few hundred MB; every position
    is read once over all blocks."""
    counts = np.zeros((n_targets, n_contexts), dtype=np.float32)
    context = np.where(ranked < n_contexts, ranked, -1)
    offsets = [d for d in range(-window, window + 1) if d]
    for start in range(0, n_targets, block):
        stop = min(start + block, n_targets)
        where = np.flatnonzero((ranked >= start) & (ranked < stop))  # padding (-1) never matches
        rows = (ranked[where] - start).astype(np.int64) * n_contexts
        cells = np.zeros((stop - start) * n_contexts, dtype=np.int64)
        for d in offsets:  # the array is padded at both ends, so where + d stays inside it
            ctx = context[where + d]
            keep = ctx >= 0
            cells += np.bincount(rows[keep] + ctx[keep], minlength=cells.size)
        counts[start:stop] = cells.reshape(stop - start, n_contexts)
    return counts


def ppmi(counts: np.ndarray, alpha: float = 0.75) -> np.ndarray:
    """Positive PMI, in place: log P(w, c) / (P(w) P_alpha(c)), with the context distribution
    raised to alpha so that rare contexts do not get inflated PMI (Levy, Goldberg & Dagan 2015)."""
    rows = counts.sum(axis=1, dtype=np.float64)
    smoothed = counts.sum(axis=0, dtype=np.float64) ** alpha
    log_context = np.log(smoothed / smoothed.sum()).astype(np.float32)
    log_rows = np.log(np.maximum(rows, 1.0)).astype(np.float32)
    for start in range(0, len(counts), 2000):  # in blocks: no float64 copy of the whole matrix
        part = counts[start:start + 2000]
        with np.errstate(divide="ignore"):
            pmi = np.log(part) - log_rows[start:start + 2000, None] - log_context[None, :]
        np.maximum(pmi, 0.0, out=part)  # log 0 = -inf becomes 0: no evidence
    return counts


def truncated_svd(matrix: np.ndarray, dims: int, seed: int, power: int = 3, extra: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """The top ``dims`` left singular vectors and values, by random projection with a few power
    iterations (Halko, Martinsson & Tropp 2011): exact enough for the leading directions, and
    only products with the matrix, which is too large for a full SVD."""
    rng = np.random.default_rng(seed)
    sketch = matrix @ rng.standard_normal((matrix.shape[1], dims + extra)).astype(np.float32)
    basis, _ = np.linalg.qr(sketch)
    for _ in range(power):  # re-orthogonalised each time, or the small directions vanish in rounding
        basis, _ = np.linalg.qr(matrix.T @ basis)
        basis, _ = np.linalg.qr(matrix @ basis)
    small_u, values, _ = np.linalg.svd((basis.T @ matrix).astype(np.float64), full_matrices=False)
    return (basis @ small_u[:, :dims].astype(np.float32)), values[:dims]


def embed(matrix: np.ndarray, dims: int, seed: int) -> np.ndarray:
    """Unit word vectors: U * sqrt(S) (the symmetric weighting that works best for similarity
    in Levy et al. 2015), each row L2-normalised so that k-means compares directions."""
    left, values = truncated_svd(matrix, dims, seed)
    vectors = left * np.sqrt(values).astype(np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def kmeans(vectors: np.ndarray, k: int, seed: int, rounds: int = 30) -> np.ndarray:
    """Spherical k-means (unit centres, cosine), k-means++ start: the cluster of each row."""
    centres = _plus_plus(vectors, k, np.random.default_rng(seed))
    labels = np.full(len(vectors), -1)
    for _ in range(rounds):
        new = (vectors @ centres.T).argmax(axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, vectors)
        empty = np.flatnonzero(np.bincount(labels, minlength=k) == 0)
        # an empty cluster takes the word furthest from its own centre
        worst = np.argsort((vectors * centres[labels]).sum(axis=1))[:len(empty)]
        sums[empty] = vectors[worst]
        centres = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    return labels


def _plus_plus(vectors: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ seeding: each next centre drawn with probability ~ squared distance to the
    nearest centre so far (spread-out starts, fewer poor local optima)."""
    chosen = [int(rng.integers(len(vectors)))]
    # squared distances of unit vectors, in float64 so that the probabilities sum to 1
    nearest = np.maximum(2.0 - 2.0 * vectors @ vectors[chosen[0]], 0.0).astype(np.float64)
    for _ in range(1, k):
        pick = int(rng.choice(len(vectors), p=nearest / nearest.sum()))
        chosen.append(pick)
        np.minimum(nearest, np.maximum(2.0 - 2.0 * vectors @ vectors[pick], 0.0), out=nearest)
    return vectors[chosen].copy()


def write(path: Path, words: list[str], labels: list[np.ndarray], note: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(f"# {note}\nword\t" + "\t".join(f"cl{k}" for k in LEVELS) + "\n")
        for n, word in enumerate(words):
            out.write(word + "\t" + "\t".join(str(int(lab[n])) for lab in labels) + "\n")


def sanity(words: list[str], vectors: np.ndarray, finest: np.ndarray) -> None:
    """For a few probe words: their nearest words by cosine and the words of their finest cluster."""
    index = {w: n for n, w in enumerate(words)}
    for probe in PROBES:
        if probe not in index:
            print(f"  {probe}: not a target word", file=sys.stderr)
            continue
        n = index[probe]
        near = np.argsort(-(vectors @ vectors[n]))[1:11]
        mates = [words[m] for m in np.flatnonzero(finest == finest[n]) if m != n]
        print(f"  {probe}: nearest {', '.join(words[m] for m in near)}\n"
              f"    cluster {finest[n]} ({len(mates) + 1} words): {', '.join(mates[:25])}", file=sys.stderr)


def build(paths: list[Path], out: Path, *, n_targets: int, n_contexts: int, min_count: int, window: int, dims: int) -> None:
    clock = time.perf_counter()

    def lap(what: str) -> None:
        print(f"{time.perf_counter() - clock:7.1f}s  {what}", file=sys.stderr)

    ids, seen = tokenise(texts(paths), window)
    lap(f"read {int((ids >= 0).sum()):,} words, {len(seen):,} distinct")
    ranked, words, freq = by_frequency(ids, seen, n_targets, min_count)
    del ids
    lap(f"kept {len(words):,} target words (rarest: {words[-1]!r}, {freq[-1]} times), {n_contexts:,} contexts")
    matrix = ppmi(cooccurrences(ranked, len(words), n_contexts, window))
    lap(f"counts and PPMI: {np.count_nonzero(matrix):,} positive cells")
    vectors = embed(matrix, dims, SEED)
    del matrix
    lap(f"SVD to {dims} dimensions")
    labels = [kmeans(vectors, k, SEED + k) for k in LEVELS]
    lap("k-means at " + ", ".join(map(str, LEVELS)))
    note = (f"tools/build_word_clusters.py: {', '.join(p.name for p in paths)}; {len(words)} words, "
            f"{n_contexts} contexts, window {window}, PPMI, SVD {dims}, seed {SEED}")
    write(out, words, labels, note)
    lap(f"wrote {out} ({out.stat().st_size:,} bytes)")
    sanity(words, vectors, labels[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, nargs="*", default=list(DEFAULT_CORPORA), help="JSONL.gz with title, text")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--targets", type=int, default=40_000, help="words that get a cluster (most frequent)")
    parser.add_argument("--contexts", type=int, default=10_000, help="words counted as contexts (most frequent)")
    parser.add_argument("--min-count", type=int, default=10)
    parser.add_argument("--window", type=int, default=4)
    parser.add_argument("--dims", type=int, default=100)
    args = parser.parse_args()
    build(args.corpus, args.out, n_targets=args.targets, n_contexts=args.contexts, min_count=args.min_count,
          window=args.window, dims=args.dims)


if __name__ == "__main__":
    main()
