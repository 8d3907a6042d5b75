"""Text normalisation for forbidden-wording matching that survives evasion.

`加 微 信`, `加微❤信`, `ＪＩＡ微信`, `不​知道` (zero-width space) must all match their lexicon
term, and the finding must still point at the character in the original string. So every
normalised character keeps the index of the original character it came from.
"""

from __future__ import annotations

import unicodedata

# Unicode categories removed before matching: separators, controls / format characters
# (zero-width space, joiners, BOM), punctuation, emoji and other symbols (～ included), combining marks.
DROPPED_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Pc", "Pd", "Ps", "Pe", "Pi",
                                "Pf", "Po", "So", "Sk", "Sm", "Mn", "Me"})
KEPT_SYMBOLS = frozenset("%")  # "100%" is a claim; "100" alone is not


class _FoldTable(dict):
    """A `str.translate` table filled on first sight of each character: folding a text then runs
    in C, and the per-character work happens once per distinct character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char).casefold()
        self[code] = kept = "".join(c for c in folded if c in KEPT_SYMBOLS
                                    or unicodedata.category(c) not in DROPPED_CATEGORIES)
        return kept


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Normalised text without the position map (for terms, comparisons and quick scans)."""
    return text.translate(_TABLE)


class Normalized:
    """A folded text; the map back to original indexes is only built when a hit needs it."""

    __slots__ = ("_origin", "original", "text")

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = fold(original)
        self._origin: tuple[int, ...] | None = None

    @property
    def origin(self) -> tuple[int, ...]:
        """origin[i] = index in the original string of text[i]."""
        if self._origin is None:
            origin: list[int] = []
            for index, char in enumerate(self.original):
                origin.extend([index] * len(_TABLE[ord(char)]))
            self._origin = tuple(origin)
        return self._origin


def normalize(text: str) -> Normalized:
    return Normalized(text)
