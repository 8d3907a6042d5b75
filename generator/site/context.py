"""What one site build works from: the checked library, its date and version, the `--var`
values and the script variant. `handbook build`, `mkdocs build` and `mkdocs serve` all start here."""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator import __version__
from generator.errors import UsageError
from generator.lint.engine import checked_library
from generator.lint.registry import Finding
from generator.model import Entry, Library
from generator.reuse import Reuse, T, fresh
from generator.site import layout
from generator.stamp import Stamp, build_date
from generator.text.pinyin import slug
from generator.text.placeholders import assignments


@dataclass(frozen=True)
class BuildContext:
    library: Library  # already converted when a variant such as zh-Hant is built
    src: Path
    build_date: dt.date
    version: str
    variables: Mapping[str, str] = field(default_factory=dict)  # --var 名称=值
    variant: str = "zh-Hans"
    serving: bool = False  # `handbook serve` (or `mkdocs serve`): sections may skip slow work and say so
    warnings: tuple[Finding, ...] = ()  # what the check still found (the build reports it)
    progress: bool = False  # `handbook build`: long steps draw a progress bar (on a terminal only)
    reuse: Reuse | None = field(default=None, compare=False)  # the preview's parts of its last rebuild

    @property
    def stamp(self) -> Stamp:
        return Stamp(self.library.title, self.build_date, self.version)

    @cached_property
    def to_variant(self) -> Callable[[str], str] | None:
        """The conversion of a Traditional build, for text the build writes itself (None: Simplified)."""
        from generator.variant.convert import converter
        from generator.variant.names import VARIANTS

        return converter(VARIANTS[self.variant].config).convert if self.variant in VARIANTS else None

    def made(self, name: str, inputs: object, make: Callable[[], T]) -> T:
        """A part of the site made from `inputs` (taken over from the preview's last rebuild when equal)."""
        return self.reuse.made(name, inputs, make) if self.reuse else make()

    def entry_href(self, entry: Entry, from_docs_path: str) -> str:
        return layout.relative_href(self.entry_pages[entry.id], from_docs_path, entry.id)

    @cached_property
    def entry_pages(self) -> dict[str, str]:
        """entry id → the category page its card is on (a big category is split into pages)."""
        return layout.entry_pages(self.library)

    @cached_property
    def tag_anchors(self) -> dict[str, str]:
        """tag → its anchor on the tags page (cards link to it)."""
        anchors: dict[str, str] = {}
        used: set[str] = set()
        for index, tag in enumerate(sorted({t for e in self.library.entries for t in e.tags})):
            anchor = f"tag-{slug(tag) or index}"
            if anchor in used:
                anchor = f"{anchor}-{index}"
            used.add(anchor)
            anchors[tag] = anchor
        return anchors


def load_context(src: Path, var_pairs: Sequence[str] = (), serving: bool = False,
                 variant: str | None = None, reuse: Reuse | None = None) -> BuildContext:
    """The one place a build loads its library: check it, refuse on errors, wrap it in a context.
    A variant (zh-Hant …) converts the whole source first, so the same rules check the converted
    text and every output is built from it; `src` stays the original (releases live beside it).
    `var_pairs` are `--var 名称=值` options, converted along with the source."""
    if not src.is_dir():
        raise UsageError(f"找不到话术源文件夹：{src}")
    checked = _variant_source(src, variant) if variant else src
    result = checked_library(checked, build_date(), "没有生成网站（原有网站保持不变）", reuse.made if reuse else fresh,
                             advice=not serving)  # the preview shows errors only
    library = result.library
    if variant:
        var_pairs = [_converted(pair, variant) for pair in var_pairs]
    return BuildContext(library=library, src=src, build_date=build_date(), version=__version__,
                        variables=assignments(var_pairs, library.placeholders, library.per_customer), serving=serving,
                        variant=variant or "zh-Hans", warnings=tuple(result.findings), reuse=reuse)


def _converted(text: str, name: str) -> str:
    from generator.variant.convert import convert_text
    from generator.variant.names import variant

    return convert_text(text, variant(name).config)


def _variant_source(src: Path, variant: str) -> Path:
    """A converted copy of the source in a temporary folder removed when the process ends."""
    from generator.variant.convert import convert_source

    folder = Path(tempfile.mkdtemp(prefix="handbook-variant-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    converted = folder / src.resolve().name
    convert_source(src, converted, variant)
    return converted
