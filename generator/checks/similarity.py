"""Near-duplicate approved replies across entries (W004), without comparing all pairs.

Each reply is sketched by its K smallest character-trigram hashes (a bottom-k MinHash), taken
only from trigrams that are not boilerplate (used by at most MAX_BUCKET replies: "亲，您好"
proves nothing). Near-identical texts share most of their sketch, so only replies sharing at
least MIN_SHARED sketch grams are compared with rapidfuzz. Cost grows with the library, not
its square. Hashes are CRC-32, not `hash()`, so every run finds the same pairs.
"""

from __future__ import annotations

import zlib
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import chain, compress
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from generator.checks.references import where
from generator.parallel import Forked
from generator.registry import Finding, finding

if TYPE_CHECKING:
    from generator.checks import Context
    from generator.model import Entry, Library, Reply

K = 12
MIN_SHARED = 3
MIN_LENGTH = 8  # short courtesy lines ("好的亲，稍等") may repeat on purpose
MAX_BUCKET = 400  # grams used by more replies than this are boilerplate, not evidence
PARALLEL_FROM = 2000  # replies; below this a second process costs more than it saves


def _grams(folded: str) -> set[int]:
    data = folded.encode("utf-32-le")  # four bytes a character: a trigram is a 12-byte slice
    return {zlib.crc32(data[i : i + 12]) for i in range(0, len(data) - 8, 4)}


def check_near_duplicates(library: Library, context: Context) -> Iterator[Finding]:
    """Builds the sketch index and starts the search of the later replies on the other core
    now; the earlier replies are searched when the findings are read, after the other checks."""
    replies = [(entry, reply) for entry in library.entries for reply in entry.approved
               if len(reply.normalized.text) >= MIN_LENGTH]
    owners = {id(entry): n for n, entry in enumerate(library.entries)}
    corpus = Corpus([reply.normalized.text for _, reply in replies], [owners[id(e)] for e, _ in replies],
                    library.settings.near_duplicate / 100)
    # a reply is compared with the earlier ones only, so the later half holds most of the work
    half = len(replies) // 2 if len(replies) >= PARALLEL_FROM else len(replies)
    later = Forked(lambda: corpus.pairs(half, len(replies))) if half < len(replies) else None
    return _near_duplicate_findings(replies, corpus, half, later)


def _near_duplicate_findings(replies: list[tuple[Entry, Reply]], corpus: Corpus, half: int,
                             later: Forked[list[tuple[int, int, float]]] | None) -> Iterator[Finding]:
    try:
        found = corpus.pairs(0, half) + (later.result() if later else [])
    finally:
        if later:
            later.cancel()
    for index, other, score in found:
        (_, reply), (other_entry, other_reply) = replies[index], replies[other]
        yield finding("W004", reply.text.loc, other=other_entry.id, where=where(other_reply.text),
                      score=round(score * 100))


class Corpus:
    """Folded replies, the entries owning them, and the sketch index over them."""

    def __init__(self, texts: list[str], owners: list[int], threshold: float) -> None:
        self.texts, self.owners, self.threshold = texts, owners, threshold
        grams = [_grams(text) for text in texts]
        usage = Counter(chain.from_iterable(grams))
        boilerplate = {gram for gram, count in usage.items() if count > MAX_BUCKET}
        self.sketches = [sorted(found - boilerplate)[:K] for found in grams]
        self.buckets: dict[int, list[int]] = defaultdict(list)
        for index, sketch in enumerate(self.sketches):
            for gram in sketch:
                self.buckets[gram].append(index)

    def pairs(self, start: int, stop: int) -> list[tuple[int, int, float]]:
        """(reply, most similar earlier reply of another entry, similarity) for the replies
        start…stop-1, in reply order."""
        found = []
        for index in range(start, stop):
            shared: Counter[int] = Counter()
            for gram in self.sketches[index]:
                bucket = self.buckets[gram]  # ascending: each pair is counted once, from its later reply
                earlier = bisect_left(bucket, index)
                if earlier:
                    shared.update(bucket[:earlier])  # counted in C
            best = self._closest(index, shared) if shared else None
            if best is not None:
                found.append((index, *best))
        return found

    def _closest(self, index: int, shared: Counter[int]) -> tuple[int, float] | None:
        best = None
        owner, text, texts, owners = self.owners[index], self.texts[index], self.texts, self.owners
        # Picked in C: most counters hold thousands of one-gram acquaintances and a few real candidates.
        for other in compress(shared.keys(), map(MIN_SHARED.__le__, shared.values())):
            if owners[other] == owner:
                continue
            score = Indel.normalized_similarity(text, texts[other], score_cutoff=self.threshold)
            if score and (best is None or score > best[1]):
                best = (other, score)
        return best
