"""Near-duplicate approved replies across entries (W004), without comparing all pairs.

Each reply is sketched by its K smallest character-trigram hashes (a bottom-k MinHash):
near-identical texts share most of their sketch, so only replies that share at least
MIN_SHARED sketch grams are compared with rapidfuzz. Cost grows with the library, not its square.
"""

from __future__ import annotations

import heapq
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from generator.checks.references import where
from generator.registry import Finding, finding

if TYPE_CHECKING:
    from generator.checks import Context
    from generator.model import Entry, Library, Reply

K = 12
MIN_SHARED = 3
MIN_LENGTH = 8  # short courtesy lines ("好的亲，稍等") may repeat on purpose
MAX_BUCKET = 400  # grams shared by more replies than this are boilerplate, not evidence


def _sketch(folded: str) -> list[int]:
    grams = {folded[i : i + 3] for i in range(len(folded) - 2)}
    return heapq.nsmallest(K, (zlib.crc32(g.encode()) for g in grams))


def check_near_duplicates(library: Library, context: Context) -> Iterator[Finding]:
    threshold = library.settings.near_duplicate / 100
    replies: list[tuple[Entry, Reply, str]] = []
    sketches: list[list[int]] = []
    buckets: dict[int, list[int]] = defaultdict(list)
    for entry in library.entries:
        for reply in entry.approved:
            folded = reply.normalized.text
            if len(folded) < MIN_LENGTH:
                continue
            index = len(replies)
            replies.append((entry, reply, folded))
            sketches.append(sketch := _sketch(folded))
            for gram in sketch:
                buckets[gram].append(index)
    for index, (entry, reply, folded) in enumerate(replies):
        shared: Counter[int] = Counter()
        for gram in sketches[index]:
            bucket = buckets[gram]
            if 1 < len(bucket) <= MAX_BUCKET:
                shared.update(bucket)  # counted in C; later replies and itself are skipped below
        best = _closest(replies, index, entry, folded, shared, threshold) if shared else None
        if best is not None:
            other, score = best
            yield finding("W004", reply.text.loc, other=other[0].id, where=where(other[1].text),
                          score=round(score * 100))


def _closest(replies, index, entry, folded, shared: Counter[int], threshold: float):
    best = None
    for other, count in shared.most_common():  # sorted in C; stops at the first weak candidate
        if count < MIN_SHARED:
            break
        if other >= index or replies[other][0] is entry:
            continue
        score = Indel.normalized_similarity(folded, replies[other][2], score_cutoff=threshold)
        if score and (best is None or score > best[1]):
            best = (replies[other], score)
    return best
