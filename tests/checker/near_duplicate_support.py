"""The exact W004 answer, comparing every pair block by block: the reference the near-duplicate
search is measured against (tests here, recall in bench/bench_check.py)."""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist, cpdist

Pair = tuple[int, int, float]
BLOCK_SCORES = 1024 * 20_000  # float32 scores per cdist call at most (80 MB)


def exact_pairs(texts: list[str], owners: list[int], threshold: float, rows: np.ndarray | None = None) -> list[Pair]:
    """For each reply i (of the sorted `rows`, all by default), the most similar earlier reply j < i of
    another entry with Indel.normalized_similarity >= threshold (ties: smallest j), as (i, j, score)."""
    owner = np.asarray(owners)
    rows = np.arange(len(texts)) if rows is None else np.asarray(rows)
    found: list[Pair] = []
    per_block = max(1, min(1024, BLOCK_SCORES // max(1, len(texts))))  # rows per cdist call
    for start in range(0, len(rows), per_block):
        block = rows[start:start + per_block]
        stop = int(block[-1]) + 1
        scores = cdist([texts[i] for i in block], texts[:stop], scorer=Indel.normalized_similarity,
                       score_cutoff=threshold, workers=-1, dtype=np.float32)
        # below the cutoff cdist writes 0; a float32 score may round to just under the threshold, so test > 0
        keep = (scores > 0) & (np.arange(stop)[None, :] < block[:, None]) & (owner[None, :stop] != owner[block, None])
        found.extend(_best(texts, *np.nonzero(keep), block, threshold))
    return found


def _best(texts: list[str], rows: np.ndarray, cols: np.ndarray, block: np.ndarray, threshold: float) -> list[Pair]:
    """Rescore the surviving pairs in float64 (float32 may tie distinct scores) and keep each row's best."""
    if not len(rows):
        return []
    rows = block[rows]
    scores = cpdist([texts[i] for i in rows], [texts[j] for j in cols], scorer=Indel.normalized_similarity,
                    score_cutoff=threshold, workers=-1, dtype=np.float64)
    order = np.lexsort((cols, -scores, rows))  # by row, best score first, then smallest j
    rows, cols, scores = rows[order], cols[order], scores[order]
    first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    return [(int(rows[k]), int(cols[k]), float(scores[k])) for k in first if scores[k] >= threshold]
