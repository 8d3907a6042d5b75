"""Text normalisation for forbidden-wording matching that survives evasion.

`加 微 信`, `加微❤信`, `ＪＩＡ微信`, `不​知道` (zero-width space) must all match their lexicon
term, and the finding must still point at the character in the original string. So every
normalised character keeps the index of the original character it came from.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Unicode categories removed before matching: separators, controls / format characters
# (zero-width space, joiners, BOM), punctuation, emoji and other symbols, combining marks.
DROPPED_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Pc", "Pd", "Ps", "Pe", "Pi",
                                "Pf", "Po", "So", "Sk", "Mn", "Me"})
KEPT_SYMBOLS = frozenset("%")  # "100%" is a claim; "100" alone is not


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    origin: tuple[int, ...]  # origin[i] = index in the original string of text[i]

    def span_start(self, index: int) -> int:
        return self.origin[index]


@lru_cache(maxsize=65536)
def _fold(char: str) -> str:
    """The normalised form of one character ('' if it is dropped)."""
    folded = unicodedata.normalize("NFKC", char).casefold()
    return "".join(c for c in folded
                   if c in KEPT_SYMBOLS or unicodedata.category(c) not in DROPPED_CATEGORIES)


def normalize(text: str) -> Normalized:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold(char)
        if folded:
            chars.append(folded)
            origin.extend([index] * len(folded))
    return Normalized("".join(chars), tuple(origin))


def fold(text: str) -> str:
    """Normalised text without the position map (for terms and comparisons)."""
    return "".join(_fold(char) for char in text)
