"""The exact W004 answer, comparing every pair block by block: the reference the near-duplicate
search is measured against (tests here, recall in bench/bench_check.py)."""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist, cpdist

Pair = tuple[int, int, float]
BLOCK = 1024  # rows per cdist call: BLOCK x n float32 scores (80 MB at n = 20,000)


def exact_pairs(texts: list[str], owners: list[int], threshold: float) -> list[Pair]:
    """For each reply i, the most similar earlier reply j < i of another entry with
    Indel.normalized_similarity >= threshold (ties: smallest j), as (i, j, score)."""
    owner = np.asarray(owners)
    found: list[Pair] = []
    for start in range(0, len(texts), BLOCK):
        stop = min(start + BLOCK, len(texts))
        scores = cdist(texts[start:stop], texts[:stop], scorer=Indel.normalized_similarity,
                       score_cutoff=threshold, workers=-1, dtype=np.float32)
        rows = np.arange(start, stop)[:, None]
        # below the cutoff cdist writes 0; a float32 score may round to just under the threshold, so test > 0
        keep = (scores > 0) & (np.arange(stop)[None, :] < rows) & (owner[None, :stop] != owner[start:stop, None])
        found.extend(_best(texts, *np.nonzero(keep), start, threshold))
    return found


def _best(texts: list[str], rows: np.ndarray, cols: np.ndarray, start: int, threshold: float) -> list[Pair]:
    """Rescore the surviving pairs in float64 (float32 may tie distinct scores) and keep each row's best."""
    if not len(rows):
        return []
    rows = rows + start
    scores = cpdist([texts[i] for i in rows], [texts[j] for j in cols], scorer=Indel.normalized_similarity,
                    score_cutoff=threshold, workers=-1, dtype=np.float64)
    order = np.lexsort((cols, -scores, rows))  # by row, best score first, then smallest j
    rows, cols, scores = rows[order], cols[order], scores[order]
    first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    return [(int(rows[k]), int(cols[k]), float(scores[k])) for k in first if scores[k] >= threshold]
