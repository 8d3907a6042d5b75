"""The MkDocs plugin: generates the handbook pages, downloads, assets and search index in memory
during `mkdocs build` / `mkdocs serve` / `handbook build` (nothing is written into the sources)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.errors import BuildError
from generator.model import Library, Placeholder
from generator.site.markup import render
from generator.site.pages import (
    CATEGORIES_PAGE,
    DOWNLOADS_PAGE,
    FORBIDDEN_PAGE,
    MARKER,
    POLICIES_PAGE,
    TAGS_PAGE,
    GeneratedPage,
    SiteContent,
    nav_title,
)
from generator.site.search import INDEX_PATH, fold_pairs, index_script
from generator.site.sections import DOWNLOADS_DIR, BuildContext, SitePage, category_page, policy_page, products

OWN_ASSETS = ("assets/handbook.css", "assets/handbook.js")
THEME_LANGUAGES = {"zh-Hant": "zh-TW", "zh-Hant-TW": "zh-TW", "zh-Hant-HK": "zh-Hant"}  # Material's codes
HOME = "index.md"


class HandbookConfig(base.Config):
    src = c.Type(str, default="scripts_src")  # relative to mkdocs.yml


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def __init__(self) -> None:
        self.preset: BuildContext | None = None  # given by `handbook build` (already checked)
        self.serving = False
        self.pages: dict[str, GeneratedPage] = {}
        self.product_pages: list[SitePage] = []
        self.extra_files: list[tuple[str, str | bytes]] = []
        self.placeholders: dict[str, Placeholder] = {}
        self.defaults: dict[str, str] = {}  # `--var` values: the panel starts from them
        self.to_variant: Callable[[str], str] | None = None  # converts whole pages for zh-Hant builds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        src = Path(config.config_file_path or ".").parent / self.config.src
        ctx = self.preset or self._load(src)
        site = SiteContent(ctx)
        try:  # a product's BuildError (no Chromium, no CJK font …) reaches `mkdocs build` in Chinese too
            found = products()
            self.product_pages = sorted((p for prod in found for p in prod.pages(ctx)),
                                        key=lambda p: (p.nav_order, p.path))
            groups = [g for prod in found for g in prod.downloads(ctx)]
            assets = [a for prod in found for a in prod.assets(ctx)]
        except BuildError as err:
            raise PluginError(str(err)) from None
        generated = [*site.category_pages(), *site.policy_pages(), site.forbidden_page(), site.tags_page(),
                     site.downloads_page(groups)]
        self.pages = {page.path: page for page in generated}
        self.extra_files = [(f"{DOWNLOADS_DIR}/{d.filename}", d.content) for g in groups for d in g.downloads]
        self.extra_files += [(a.path, a.content) for a in assets]
        self.extra_files.append((INDEX_PATH, index_script(ctx.library, _search_fold(ctx))))
        self.placeholders = ctx.library.placeholders
        self.defaults = dict(ctx.variables)
        config.site_name = nav_title(ctx.library.title)
        config.nav = self._nav(config, ctx.library)
        config.extra_css = [*OWN_ASSETS[:1], *(a.path for a in assets if a.stylesheet), *config.extra_css]
        config.extra_javascript = [*OWN_ASSETS[1:], *(a.path for a in assets if a.script),
                                   *config.extra_javascript]
        self._set_variant(config, ctx.variant)
        if str(src) not in config.watch:
            config.watch.append(str(src))  # live reload when a YAML file changes
        return config

    def _set_variant(self, config: MkDocsConfig, name: str) -> None:
        """The entries are converted already; converting each finished page as well puts the
        hand-written pages and the interface in the same script (OpenCC leaves markup alone)."""
        from generator.variant.convert import VARIANTS, converter

        if name in VARIANTS:
            config.theme["language"] = THEME_LANGUAGES.get(name, "zh-Hant")
            self.to_variant = converter(VARIANTS[name].config).convert

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self.to_variant(output) if self.to_variant else output

    def _load(self, src: Path) -> BuildContext:
        from generator.site.publish import load_context

        try:
            return load_context(src, serving=self.serving)
        except BuildError as err:
            raise PluginError(str(err)) from None

    def _nav(self, config: MkDocsConfig, library: Library) -> list:
        handwritten = sorted(p.relative_to(config.docs_dir).as_posix() for p in Path(config.docs_dir).rglob("*.md")
                             if p.relative_to(config.docs_dir).as_posix() != HOME)
        nav: list = [{"首页": HOME}, *handwritten]
        # each section starts with its overview page (Material's navigation.indexes makes it the section's link)
        nav.append({"话术分类": [{"话术分类": CATEGORIES_PAGE},
                                 *({nav_title(c.title): category_page(c.id)} for c in library.categories)]})
        nav.append({"政策依据": [{"政策依据": POLICIES_PAGE},
                                 *({nav_title(p.title): policy_page(p.id)} for p in library.policies)]})
        nav += [{"禁用语": FORBIDDEN_PAGE}, {"标签": TAGS_PAGE}]
        nav += [{nav_title(p.title): p.path} for p in self.product_pages if p.in_nav]
        nav.append({"下载": DOWNLOADS_PAGE})
        return nav

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for path in self.pages:
            files.append(File.generated(config, path, content=MARKER))
        for page in self.product_pages:
            files.append(File.generated(config, page.path, content=page.markdown))
        for path, content in self.extra_files:
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            page.toc = TableOfContents([AnchorLink(str(Markup.escape(title)), anchor, 2)
                                        for anchor, title in generated.anchors])
            html = html.replace(MARKER, generated.html)
        names = list(self.placeholders) if page.file.src_uri == HOME else generated and generated.slots
        if names:
            panel = render("slots.html", placeholders=[self.placeholders[n] for n in names if n in self.placeholders],
                           defaults=self.defaults)
            html = _after_heading(html, panel)
        return html


def _search_fold(ctx: BuildContext) -> str:
    """On a Traditional Chinese site, Simplified queries find the converted text too."""
    from generator.variant.convert import VARIANTS, converter

    if ctx.variant not in VARIANTS:
        return ""
    return fold_pairs(ctx.library, converter(VARIANTS[ctx.variant].back).convert)


def _after_heading(html: str, fragment: str) -> str:
    end = html.find("</h1>")
    return html[:end + 5] + fragment + html[end + 5:] if end >= 0 else fragment + html
