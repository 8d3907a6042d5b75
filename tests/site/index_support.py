"""A search index read back the way the browser reads it: each key's documents, each with its
value (best zone | replies << 2), decoded from the base-64 varints."""

from __future__ import annotations

from generator.site.search import DIGITS, DOC_SEP, POSTING_END, POSTING_SHIFT


def postings_by_key(index: dict) -> dict[str, dict[str, int]]:
    """key → {document url: value}: the same for two indexes that number their keys differently."""
    urls = index["fields"]["url"].split(DOC_SEP)
    found: dict[str, dict[str, int]] = {}
    for key, postings in zip(index["keys"].split(DOC_SEP), index["postings"].split(POSTING_END), strict=False):
        doc, value, documents = -1, 0, {}
        for char in postings:
            digit = DIGITS.index(char)
            value = value * 32 + (digit & 31)
            if digit < 32:
                doc += value >> POSTING_SHIFT
                documents[urls[doc]] = value & ((1 << POSTING_SHIFT) - 1)
                value = 0
        found[key] = documents
    return found
