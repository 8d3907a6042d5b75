"""Shortcut codes per target: explicit ones as written, the rest derived from the title.

A reply without a `shortcut` gets the pinyin initials of its entry's title (退款没到账 → tkmdz),
shaped to the target's code rules. Explicit shortcuts are reserved first, so a generated code
never takes one; collisions among generated codes get a suffix (tk, tk2, tk3 … or tka, tkb …),
assigned in library order, so the same source always gives the same codes.
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Callable, Iterator, Sequence
from functools import cache

from generator.errors import BuildError
from generator.exports.profiles import CodeRules
from generator.text.pinyin import initials

FALLBACK = "c"  # a title without any readable character still gets a code
MAX_TRIES = 100_000  # a rule set so narrow that no free code is left is a profile mistake


@cache
def title_initials(title: str) -> str:
    return initials(title).lower()


def assign_codes(titles: Sequence[str], explicit: Sequence[str | None], rules: CodeRules,
                 initials_of: Callable[[str], str] = title_initials) -> list[str]:
    """One code per reply: its explicit shortcut, or a generated, collision-free one.
    Explicit shortcuts that break the rules are returned unchanged; the caller reports them.
    `initials_of`: a title's initials, when they were read beforehand (see `title_initials`)."""
    taken = {code for code in explicit if code}
    # Per base code, the candidates not tried yet: `taken` only grows, so a title that appears
    # many times resumes where the previous one stopped instead of starting again at tk, tk2 …
    pending: dict[str, Iterator[str]] = {}
    codes: list[str] = []
    for title, code in zip(titles, explicit, strict=True):
        if code is None:
            base = _base(initials_of(title), rules)
            candidates = pending.setdefault(base, _candidates(base, rules))
            code = next((c for c in candidates if c not in taken), None)
            if code is None:
                raise BuildError(f"「{title}」找不到可用的快捷编码：编码规则（{rules.describe()}）太窄")
            taken.add(code)
        codes.append(code)
    return codes


def _base(initials: str, rules: CodeRules) -> str:
    keep = "[^a-z]" if rules.suffix == "letters" else "[^a-z0-9]"
    base = re.sub(keep, "", initials)[: rules.max_length]
    if rules.accepts(base):
        return base
    base = (FALLBACK + base)[: rules.max_length]
    return base if rules.accepts(base) else FALLBACK


def _candidates(base: str, rules: CodeRules) -> Iterator[str]:
    yield base
    for suffix in itertools.islice(_suffixes(rules.suffix), MAX_TRIES):
        candidate = base[: max(1, rules.max_length - len(suffix))] + suffix
        if rules.accepts(candidate):
            yield candidate


def _suffixes(kind: str) -> Iterator[str]:
    if kind == "digits":
        yield from (str(n) for n in itertools.count(2))
    else:
        for width in itertools.count(1):
            yield from ("".join(p) for p in itertools.product(string.ascii_lowercase, repeat=width))
