"""Near-duplicate replies across entries (W004), found without comparing all pairs.

The question: for each reply i, the most similar earlier reply j < i of another entry with
`Indel.normalized_similarity >= threshold` (ties: the smallest j). That similarity is
2 * LCS / (len(a) + len(b)), and a common subsequence uses each character at most as often as
both replies have it, so LCS <= the overlap of the replies' character bags. Write each character
as an element (code point, k-th occurrence) and the bags become sets; a true pair then shares
so much that its Jaccard similarity is >= threshold / (2 - threshold) (0.82 at 0.90). That
necessary condition is what the search looks for, in three steps, all in numpy or C:

1. Candidates, by locality-sensitive hashing. A hash function orders each text's elements, and
   every WINDOW consecutive elements in that order form a key. Two texts get a common key when
   WINDOW consecutive elements of their merged order are all shared. Near-copies share long runs
   and so many keys. Replies that only have template phrases in common rarely do: a window is a
   random sample of about a quarter of the reply, drawn from all its parts, so it identifies
   their combination, not one phrase. A sure thing: if two texts share s elements and differ in
   d, the d unshared ones cut the merged order into d + 1 runs, one of them at least
   s / (d + 1) long, so s >= WINDOW * (d + 1) always meets. Windows shrink for short texts
   (about length / 3) so that one changed, added or dropped character is always found; a text
   also makes keys of the sizes its shorter possible partners use. Each of the HASHES orders is
   one more chance.
2. Filter. A 256-bit signature per text bounds the bag overlap from above (and so the length
   too): it cannot drop a true pair, and here it removes 88-95 % of the candidates.
3. Score what is left with `rapidfuzz.process.cpdist`; keep each reply's best earlier reply of
   another entry.

Identical texts are merged first: they score 1.0 without a comparison, and each text keeps its
two earliest replies of different entries, so a reply pasted into hundreds of entries costs
nothing. One key links a text to at most BUCKET_CAP earlier texts, which bounds the work on a
template-heavy library. Hashes are a fixed integer mixer on code points: every run finds the
same pairs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cpdist

from generator.lint.checks.references import where
from generator.lint.registry import Finding, finding

if TYPE_CHECKING:
    from generator.lint.checks.context import Context
    from generator.model import Library

Pair = tuple[int, int, float]  # (reply, most similar earlier reply of another entry, similarity)
Array = np.ndarray

MIN_LENGTH = 8  # short courtesy lines ("好的亲，稍等") may repeat on purpose

WINDOW = 10  # elements per key (fewer for short texts): more means fewer false candidates and fewer true ones
HASHES = 3  # independent orders, each another chance to meet (3: 99.9 % of the exact answer at 10,000 entries)
BUCKET_CAP = 6  # earlier texts one key links a text to (8: recall 99.68 → 99.76 % at 100,000 entries, 1.2x the time)
SIGNATURE_BITS = 256  # per text, for the overlap bound
CHUNK = 1 << 20  # candidate pairs made and filtered at a time (their two signatures: 64 MB)
SLACK = 1e-9  # bounds round in favour of the pair: never drop one rapidfuzz would keep
U64 = np.uint64
GOLDEN = U64(0x9E3779B97F4A7C15)
NO_PAIRS = np.zeros(0, np.int64)


def check_near_duplicates(library: Library, context: Context) -> Iterator[Finding]:
    """W004: a reply almost identical to an earlier reply of another entry (folded as for wording)."""
    replies = [(owner, reply) for owner, entry in enumerate(library.entries) for reply in entry.approved
               if len(reply.normalized.text) >= MIN_LENGTH]
    texts = [reply.normalized.text for _, reply in replies]
    found = near_duplicates(texts, [owner for owner, _ in replies], library.settings.near_duplicate / 100)
    for index, other, score in found:
        (_, reply), (owner, other_reply) = replies[index], replies[other]
        yield finding("W004", reply.text.loc, other=library.entries[owner].id, where=where(other_reply.text),
                      score=round(score * 100))


def near_duplicates(texts: list[str], owners: list[int], threshold: float) -> list[Pair]:
    """For each reply i that has one, the most similar earlier reply j of another entry, as (i, j, score), by i."""
    if not texts:
        return []
    group, distinct = _distinct(texts)
    owner = np.asarray(owners, dtype=np.int64)
    lengths = np.fromiter(map(len, distinct), np.int64, len(distinct))
    text_ids, elements = _elements(distinct, lengths)
    bounds = _Bounds.of(text_ids, elements, lengths, _single_owner(group, owner, len(distinct)))
    kept = [_filtered(a, b, bounds, threshold) for a, b in _candidates(text_ids, elements, lengths, threshold)]
    pairs = _unique(np.concatenate([NO_PAIRS, *kept]))
    a, b = pairs // len(distinct), pairs % len(distinct)
    strings = np.array(distinct, dtype=object)
    scores = cpdist(strings[a], strings[b], scorer=Indel.normalized_similarity, score_cutoff=threshold,
                    workers=-1, dtype=np.float64)
    close = scores >= threshold
    return _best(group, owner, a[close], b[close], scores[close])


@dataclass(frozen=True)
class _Bounds:
    """Per text, what the filter reads for each candidate pair, in 32 bits and one column per
    signature word: at 100,000 entries they are gathered for about 50 million pairs, and gathering
    1-D int32 columns takes a fifth of the time of 2-D int64 rows."""

    owner: Array  # the entry that has all its replies, or -1
    length: Array
    spare: Array  # how often its elements collide in the signature: length - popcount
    words: tuple[Array, ...]  # the signature, SIGNATURE_BITS // 64 uint64 columns

    @classmethod
    def of(cls, text_ids: Array, elements: Array, lengths: Array, single_owner: Array) -> _Bounds:
        signatures = _signatures(text_ids, elements, len(lengths))
        ones = np.bitwise_count(signatures).sum(axis=1, dtype=np.int64)
        return cls(single_owner.astype(np.int32), lengths.astype(np.int32), (lengths - ones).astype(np.int32),
                   tuple(np.ascontiguousarray(signatures[:, k]) for k in range(signatures.shape[1])))


def _filtered(a: Array, b: Array, bounds: _Bounds, threshold: float) -> Array:
    """The candidate pairs that pass the filter, as distinct codes a * count + b; CHUNK pairs at a
    time, so that the gathered bounds of a dense library (tens of millions of candidates) never all exist."""
    kept = [NO_PAIRS]
    for start in range(0, len(a), CHUNK):
        later, earlier = _passing(a[start:start + CHUNK], b[start:start + CHUNK], bounds, threshold)
        kept.append(later * len(bounds.length) + earlier)
    return _unique(np.concatenate(kept))


def _distinct(texts: list[str]) -> tuple[Array, list[str]]:
    """Each reply's text number, and the distinct texts in order of first use."""
    numbers: dict[str, int] = {}
    group = np.fromiter((numbers.setdefault(text, len(numbers)) for text in texts), np.int64, len(texts))
    return group, list(numbers)


def _elements(texts: list[str], lengths: Array) -> tuple[Array, Array]:
    """Every character of every text as (text, element), element = code point << 24 | occurrence
    number, unique within its text. Sorted by text: text t's elements start at sum(lengths[:t])."""
    # In place where it can be: these arrays have an item per character (tens of millions).
    packed = np.repeat(np.arange(len(texts), dtype=U64), lengths)
    packed <<= U64(21)
    packed |= np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), np.uint32)
    packed.sort()
    occurrence = np.arange(len(packed))
    occurrence -= _run_starts(packed)
    np.minimum(occurrence, 2**24 - 1, out=occurrence)
    text_ids = (packed >> U64(21)).astype(np.uint32)
    packed &= U64(2**21 - 1)
    packed <<= U64(24)
    packed |= occurrence.view(U64)
    return text_ids, packed


def _new(values: Array) -> Array:
    """True where a run of equal values begins."""
    new = np.ones(len(values), bool)
    new[1:] = values[1:] != values[:-1]
    return new


def _run_starts(values: Array) -> Array:
    """For each position of a sorted array, where its run of equal values begins."""
    starts = np.arange(len(values))
    starts *= _new(values)
    return np.maximum.accumulate(starts, out=starts)


def _unique(values: Array) -> Array:
    """Sorted distinct values (np.unique is ~50x slower here)."""
    values = np.sort(values)
    return values[_new(values)]


def _mix(values: Array, seed: int) -> Array:
    """splitmix64's finaliser: a fixed, well-spread 64-bit hash."""
    x = values ^ U64(seed * 0x9E3779B97F4A7C15 % 2**64)
    for shift, factor in ((30, 0xBF58476D1CE4E5B9), (27, 0x94D049BB133111EB)):
        x ^= x >> U64(shift)
        x *= U64(factor)
    x ^= x >> U64(31)
    return x


def _candidates(text_ids: Array, elements: Array, lengths: Array, threshold: float) -> Iterator[tuple[Array, Array]]:
    """Pairs of texts (a > b) that have a common key under some hash order, a slice of the keys at a
    time (one slice makes at most CHUNK pairs). A pair may come more than once, from several keys,
    slices or orders: the filter is cheaper than sorting the candidates to drop repeats (at 100,000
    entries the sorting took a quarter of the search), so they are dropped after it."""
    id_bits = max(1, (len(lengths) - 1).bit_length())
    begin, size = _windows(lengths, threshold)
    for seed in range(1, HASHES + 1):
        texts, start = _buckets(_keys(text_ids, _mix(elements, seed), begin, size, id_bits), id_bits)
        for first in range(0, len(texts), CHUNK // BUCKET_CAP):
            later, earlier = _bucket_pairs(texts, start, first, min(first + CHUNK // BUCKET_CAP, len(texts)))
            other = later != earlier  # a text meets itself only by a hash collision
            yield later[other], earlier[other]
        del texts, start  # before the next order's keys are made


def _window_size(lengths: Array) -> Array:
    """Elements per window for texts this long: small enough that one edit (d <= 2, s >= length - 1)
    always leaves a shared run of that size."""
    return np.clip((lengths - 1) // 3, 1, WINDOW)


def _windows(lengths: Array, threshold: float) -> tuple[Array, Array]:
    """(first element, size) of every window. A text has windows of every size from its own down to
    that of its shortest possible partner, so a pair always has the shorter text's size in common.
    The same for every hash order: only the order within each text changes."""
    starts = np.cumsum(lengths) - lengths
    shortest = np.ceil(lengths * threshold / (2 - threshold) - SLACK).astype(np.int64)
    low, high = _window_size(shortest), _window_size(lengths)
    begins, sizes = [], []
    for size in range(1, WINDOW + 1):
        texts = np.flatnonzero((low <= size) & (size <= high))
        count = lengths[texts] - size + 1
        begins.append((np.repeat(starts[texts] - np.cumsum(count) + count, count) + np.arange(count.sum()))
                      .astype(np.int32))
        sizes.append(np.full(count.sum(), size, np.uint8))
    return np.concatenate(begins), np.concatenate(sizes)


def _keys(text_ids: Array, hashes: Array, begin: Array, size: Array, id_bits: int) -> Array:
    """Each window's key (its size and element set: a sum of hashes, spread over 64 bits) in the high
    bits, its text in the id_bits below it."""
    hash_bits = 64 - id_bits
    ordered = hashes  # by text, then hash (in place: each of these arrays has an item per character)
    ordered >>= U64(id_bits)
    high = text_ids.astype(U64)
    high <<= U64(hash_bits)
    ordered |= high
    del high
    ordered.sort()
    ordered &= U64(2**hash_bits - 1)
    sums = np.zeros(len(ordered) + 1, U64)
    np.cumsum(ordered, out=sums[1:])  # wraps around: sums mod 2**64
    del ordered, hashes
    keys = sums[begin + size]
    keys -= sums[begin]
    keys += size
    keys *= GOLDEN
    keys >>= U64(id_bits)
    keys <<= U64(id_bits)
    keys |= text_ids[begin]
    return keys


def _buckets(features: Array, id_bits: int) -> tuple[Array, Array]:
    """The texts of the keys that more than one text has, by key, and where each one's key run begins
    (`features`, key and text, is sorted in place)."""
    features.sort()
    keys = features >> U64(id_bits)
    shared = ~(_new(keys) & _new(keys[::-1])[::-1])
    keys, texts = keys[shared], (features[shared] & U64(2**id_bits - 1)).astype(np.int64)
    return texts, _run_starts(keys)


def _bucket_pairs(texts: Array, start: Array, first: int, stop: int) -> tuple[Array, Array]:
    """(later, earlier) texts for the key positions first..stop: each text with the (at most
    BUCKET_CAP) earliest before it in its key's run."""
    position = np.arange(first, stop)
    earlier = np.minimum(position - start[first:stop], BUCKET_CAP)
    later = np.repeat(position, earlier)
    rank = np.arange(len(later)) - np.repeat(np.cumsum(earlier) - earlier, earlier)
    return texts[later], texts[start[later] + rank]


def _single_owner(group: Array, owner: Array, count: int) -> Array:
    """Per text: the entry that has all its replies, or -1 if several entries have it."""
    low = np.full(count, np.iinfo(np.int64).max)
    high = np.full(count, -1)
    np.minimum.at(low, group, owner)
    np.maximum.at(high, group, owner)
    return np.where(low == high, low, -1)


def _signatures(text_ids: Array, elements: Array, count: int) -> Array:
    """Each text's elements hashed into SIGNATURE_BITS bits: a (count, SIGNATURE_BITS // 64) uint64 array."""
    bits = np.zeros((count, SIGNATURE_BITS), bool)
    bits[text_ids, _mix(elements, 0) % U64(SIGNATURE_BITS)] = True
    return np.packbits(bits, axis=1).view(U64)


def _passing(a: Array, b: Array, bounds: _Bounds, threshold: float) -> tuple[Array, Array]:
    """Keep pairs of replies of other entries whose bag overlap can reach the threshold. Shared
    elements set bits in both signatures and lose bits only by colliding, and a text's elements
    collide length - popcount times, so overlap <= popcount(A & B) + min(collisions in A, in B).
    That bound is at most the shorter length, so it also drops pairs too different in length."""
    overlap = np.minimum(bounds.spare[a], bounds.spare[b])
    for word in bounds.words:
        both = word[a]
        both &= word[b]
        overlap += np.bitwise_count(both)
    total = bounds.length[a]
    total += bounds.length[b]
    keep = 2 * overlap >= (threshold - SLACK) * total
    owner = bounds.owner[a]
    keep &= (owner != bounds.owner[b]) | (owner < 0)
    return a[keep], b[keep]


def _earliest(group: Array, owner: Array) -> tuple[Array, Array]:
    """Per text: its first reply, and its first reply of an entry other than the first one's (or -1)."""
    count, replies = group.max() + 1, np.arange(len(group))
    first = np.full(count, len(group))
    np.minimum.at(first, group, replies)
    other = owner != owner[first[group]]
    second = np.full(count, len(group))
    np.minimum.at(second, group[other], replies[other])
    return first, np.where(second < len(group), second, -1)


def _best(group: Array, owner: Array, a: Array, b: Array, scores: Array) -> list[Pair]:
    """From similar texts to replies. A reply's match in a text is that text's earliest reply of
    another entry, if it comes before the reply; its own text is a match with score 1.0. Per reply
    the best score wins, then the smallest j."""
    first, second = _earliest(group, owner)
    members = np.argsort(group, kind="stable")  # replies, text by text
    starts = np.searchsorted(group[members], np.arange(len(first) + 1))
    reply, text, score = [np.arange(len(group))], [group], [np.ones(len(group))]
    for mine, theirs in ((a, b), (b, a)):  # every reply of one text against the other text
        size = starts[mine + 1] - starts[mine]
        reply.append(members[np.repeat(starts[mine] - np.cumsum(size) + size, size) + np.arange(size.sum())])
        text.append(np.repeat(theirs, size))
        score.append(np.repeat(scores, size))
    reply, text, score = np.concatenate(reply), np.concatenate(text), np.concatenate(score)
    match = np.where(owner[first[text]] != owner[reply], first[text], second[text])
    valid = (match >= 0) & (match < reply)
    reply, match, score = reply[valid], match[valid], score[valid]
    best = np.zeros(len(group))
    np.maximum.at(best, reply, score)
    top = score == best[reply]
    earliest = np.full(len(group), len(group))
    np.minimum.at(earliest, reply[top], match[top])
    found = np.flatnonzero(earliest < len(group))
    return list(zip(found.tolist(), earliest[found].tolist(), best[found].tolist(), strict=True))
