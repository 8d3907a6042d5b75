"""Near-duplicate approved replies across entries (W004), without comparing all pairs.

Each reply is sketched by its K smallest character-trigram hashes (a bottom-k MinHash), taken
only from trigrams that are not boilerplate (used by at most MAX_BUCKET replies: "亲，您好"
proves nothing). Near-identical texts share most of their sketch, so only replies sharing at
least MIN_SHARED sketch grams are compared with rapidfuzz. Cost grows with the library, not
its square. Hashes are CRC-32, not `hash()`, so every run finds the same pairs.
"""

from __future__ import annotations

import heapq
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import compress
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
MAX_BUCKET = 400  # grams used by more replies than this are boilerplate, not evidence


def _grams(folded: str) -> set[int]:
    data = folded.encode("utf-32-le")  # four bytes a character: a trigram is a 12-byte slice
    return {zlib.crc32(data[i : i + 12]) for i in range(0, len(data) - 8, 4)}


def check_near_duplicates(library: Library, context: Context) -> Iterator[Finding]:
    threshold = library.settings.near_duplicate / 100
    replies: list[tuple[Entry, Reply, str]] = []
    grams: list[set[int]] = []
    usage: Counter[int] = Counter()
    for entry in library.entries:
        for reply in entry.approved:
            folded = reply.normalized.text
            if len(folded) >= MIN_LENGTH:
                replies.append((entry, reply, folded))
                grams.append(found := _grams(folded))
                usage.update(found)
    sketches = [heapq.nsmallest(K, (g for g in found if usage[g] <= MAX_BUCKET)) for found in grams]
    buckets: dict[int, list[int]] = defaultdict(list)
    for index, sketch in enumerate(sketches):
        for gram in sketch:
            buckets[gram].append(index)
    for index, (entry, reply, folded) in enumerate(replies):
        shared: Counter[int] = Counter()
        for gram in sketches[index]:
            if len(buckets[gram]) > 1:
                shared.update(buckets[gram])  # counted in C; later replies and itself are skipped below
        best = _closest(replies, index, entry, folded, shared, threshold) if shared else None
        if best is not None:
            other, score = best
            yield finding("W004", reply.text.loc, other=other[0].id, where=where(other[1].text),
                          score=round(score * 100))


def _closest(replies, index, entry, folded, shared: Counter[int], threshold: float):
    best = None
    # Picked in C: most counters hold thousands of one-gram acquaintances and a few real candidates.
    for other in compress(shared.keys(), map(MIN_SHARED.__le__, shared.values())):
        if other >= index or replies[other][0] is entry:
            continue
        score = Indel.normalized_similarity(folded, replies[other][2], score_cutoff=threshold)
        if score and (best is None or score > best[1]):
            best = (replies[other], score)
    return best
