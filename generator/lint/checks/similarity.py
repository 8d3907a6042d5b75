"""Near-duplicate approved replies across entries (W004), without comparing all pairs.

Each reply is sketched by its K smallest character-trigram hashes (a bottom-k MinHash), taken
only from trigrams that are not boilerplate (used by at most MAX_BUCKET replies: "亲，您好"
proves nothing). Near-identical texts share most of their sketch, so only replies sharing at
least MIN_SHARED sketch grams are compared with rapidfuzz. Cost grows with the library, not
its square. Hashes are CRC-32, not `hash()`, so every run finds the same pairs.
"""

from __future__ import annotations

import os
import struct
import zlib
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import compress
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from generator.lint.checks.references import where
from generator.lint.registry import Finding, finding

if TYPE_CHECKING:
    from generator.model import Entry, Reply

K = 12
MIN_SHARED = 3
MIN_LENGTH = 8  # short courtesy lines ("好的亲，稍等") may repeat on purpose
MAX_BUCKET = 400  # grams used by more replies than this are boilerplate, not evidence
SHARE_BLOCK = 64  # replies searched at a time by one process


def grams(folded: str) -> set[int]:
    """A folded reply's character trigrams, hashed."""
    data = folded.encode("utf-32-le")  # four bytes a character: a trigram is a 12-byte slice
    return {zlib.crc32(data[i : i + 12]) for i in range(0, len(data) - 8, 4)}


Pair = tuple[int, int, float]  # (reply, most similar earlier reply of another entry, similarity)


def near_duplicate_findings(replies: list[tuple[Entry, Reply]], found: list[Pair]) -> Iterator[Finding]:
    for index, other, score in found:
        (_, reply), (other_entry, other_reply) = replies[index], replies[other]
        yield finding("W004", reply.text.loc, other=other_entry.id, where=where(other_reply.text),
                      score=round(score * 100))


class Blocks:
    """Blocks of reply numbers that two processes take in turn, the next block going to the
    one that is free. Between processes they wait in a pipe, 8 bytes a block, all written
    before either reads: the kernel hands each read its own 8 bytes."""

    RECORD = struct.Struct("<II")
    MAX_BLOCKS = 4096  # 32 KiB: fits in a pipe's buffer, so dealing never waits

    def __init__(self, shared: bool) -> None:
        self._pipe: tuple[int, int] | None = None
        self._local: list[range] = []
        if shared and hasattr(os, "fork"):
            read_end, write_end = os.pipe()
            os.set_blocking(read_end, False)  # an empty pipe means: no blocks left
            self._pipe = (read_end, write_end)

    def deal(self, count: int) -> None:
        size = max(SHARE_BLOCK, -(-count // self.MAX_BLOCKS))
        blocks = [range(start, min(start + size, count)) for start in range(0, count, size)]
        if self._pipe is None:
            self._local = blocks[::-1]
        else:
            os.write(self._pipe[1], b"".join(self.RECORD.pack(b.start, b.stop) for b in blocks))

    def take(self) -> Iterator[int]:
        while block := self._next():
            yield from block

    def _next(self) -> range | None:
        if self._pipe is None:
            return self._local.pop() if self._local else None
        try:
            data = os.read(self._pipe[0], self.RECORD.size)
        except (BlockingIOError, OSError):
            return None
        return range(*self.RECORD.unpack(data)) if data else None

    def close(self) -> None:
        if self._pipe is not None:
            for end in self._pipe:
                os.close(end)
            self._pipe = None


class Corpus:
    """Folded replies, the entries owning them, and the sketch index over them."""

    def __init__(self, texts: list[str], owners: list[int], threshold: float, grams: list[set[int]],
                 usage: Counter[int]) -> None:
        """`usage`: in how many replies each gram occurs."""
        self.texts, self.owners, self.threshold = texts, owners, threshold
        boilerplate = {gram for gram, count in usage.items() if count > MAX_BUCKET}
        self.sketches = [sorted(found - boilerplate)[:K] for found in grams]
        buckets: dict[int, list[int]] = defaultdict(list)
        for index, sketch in enumerate(self.sketches):
            for gram in sketch:
                buckets[gram].append(index)
        self.buckets = dict(buckets)

    def pairs(self, indices: Iterable[int]) -> list[Pair]:
        """(reply, most similar earlier reply of another entry, similarity) for these replies."""
        found = []
        for index in indices:
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
