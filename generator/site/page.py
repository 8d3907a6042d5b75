"""The one page model of the generated site, and the files the site carries besides its pages."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from generator.site.stored import StoredFile

MARKER = "<!-- handbook:page -->"


@dataclass(frozen=True)
class Page:
    """A generated page: Markdown for MkDocs to convert (raw HTML allowed, text from the source
    already escaped), or, for the big pages built from the library, a ready HTML fragment that
    replaces MARKER after conversion so Markdown never parses it (the Markdown may put front
    matter before MARKER)."""

    path: str  # docs-relative, e.g. "quiz/index.md"
    title: str
    markdown: str = MARKER
    html: str = ""
    anchors: tuple[tuple[str, str], ...] = ()  # (id, title): the table of contents of an HTML page
    slots: tuple[str, ...] | None = None  # placeholders offered above the content (None: no panel)
    in_nav: bool = True  # False: reachable by links only (e.g. one print page per sheet)
    nav_under: str = ""  # a heading of its own in its section's nav (a split category's pages)

    @property
    def is_html(self) -> bool:
        return self.markdown.endswith(MARKER)


@dataclass(frozen=True)
class Download:
    filename: str  # inside downloads/
    label: str  # e.g. "千牛 快捷短语（CSV）"
    content: bytes | StoredFile  # stored once the site has it (`generator.site.stored`)

    @property
    def size(self) -> int:
        return self.content.size if isinstance(self.content, StoredFile) else len(self.content)


@dataclass(frozen=True)
class DownloadGroup:
    title: str  # e.g. "千牛"
    howto: str  # Chinese Markdown: step-by-step import or use instructions
    downloads: tuple[Download, ...]
    order: int = 100


@dataclass(frozen=True)
class Asset:
    path: str  # site-relative, e.g. "assets/quiz.css"
    content: bytes | StoredFile
    stylesheet: bool = False  # linked from every page's <head>
    script: bool = False


def asset_file(name: str) -> bytes:
    """A stylesheet or script shipped in `generator/site/assets/`."""
    return (resources.files("generator.site") / "assets" / name).read_bytes()
