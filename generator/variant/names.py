"""The Traditional Chinese variants by name: what `--variant` and `--to` accept."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import UsageError


@dataclass(frozen=True)
class Variant:
    name: str
    label: str  # shown to users
    config: str  # OpenCC conversion from simplified
    back: str  # OpenCC conversion back to simplified (round-trip checks)


VARIANTS: dict[str, Variant] = {v.name: v for v in (
    Variant("zh-Hant", "繁體中文（台灣用語）", "s2twp", "tw2sp"),
    Variant("zh-Hant-TW", "繁體中文（台灣用語）", "s2twp", "tw2sp"),
    Variant("zh-Hant-HK", "繁體中文（香港）", "s2hk", "hk2s"),
)}
DEFAULT_VARIANT = "zh-Hant"  # Taiwan phrasing


def variant(name: str) -> Variant:
    try:
        return VARIANTS[name]
    except KeyError:
        raise UsageError(f"不支持的文字版本 {name}：可选 {'、'.join(VARIANTS)}") from None
