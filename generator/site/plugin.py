"""The MkDocs plugin: generates the handbook's pages, downloads, assets and search index in memory
during `mkdocs build` / `mkdocs serve` / `handbook build` (nothing is written into the sources).
What the site holds is decided by `generator.site.assembly`; this module only answers MkDocs' events."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.errors import BuildError
from generator.reuse import Reuse
from generator.site.assembly import OWN_SCRIPTS, Site
from generator.site.context import BuildContext, load_context
from generator.site.layout import HOME
from generator.site.markup import nav_title, render
from generator.site.page import MARKER
from generator.site.search import page_config
from generator.text.pinyin import keep_readings
from generator.text.progress import Progress

THEME_LANGUAGES = {"zh-Hant": "zh-TW", "zh-Hant-TW": "zh-TW", "zh-Hant-HK": "zh-Hant"}  # Material's codes


class HandbookConfig(base.Config):
    src = c.Type(str, default="scripts_src")  # relative to mkdocs.yml


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def __init__(self) -> None:
        self.preset: BuildContext | None = None  # given by `handbook build` (already checked)
        self.serving = False
        self.reuse = Reuse()  # the preview's parts of its last rebuild (`mkdocs serve` keeps this plugin)
        self.site: Site | None = None
        self.to_variant: Callable[[str], str] | None = None  # converts whole pages for zh-Hant builds
        self.failure = ""  # why the build stopped, in Chinese (MkDocs itself only says "Aborted")
        self.pages_bar: Progress | None = None  # `handbook build`: each page read, then each page written
        self.compiled = CompiledTemplates()  # the preview's theme templates, compiled once

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        src = Path(config.config_file_path or ".").parent / self.config.src
        if str(src) not in config.watch:
            config.watch.append(str(src))  # live reload when a YAML file changes
        self._let_go_of_site()  # the last rebuild's pages go before the next are made, not after
        try:  # a section's BuildError (no CJK font …) reaches `mkdocs build` in Chinese too
            ctx = self.preset or load_context(src, serving=self.serving,
                                              reuse=self.reuse.next_round() if self.serving else None)
            self.site = site = Site(ctx, beside=Path(config.site_dir).parent)
        except BuildError as err:
            self.failure, self.site = str(err), None
            if not self.serving:
                raise PluginError(self.failure) from None
            config.nav = [{"首页": HOME}]  # the preview shows why, on every page, until the source is fixed
            config.extra["handbook"] = page_config()
            return config
        config.extra["handbook"] = page_config(ctx.library.per_customer)  # window.Handbook.config (main.html)
        config.site_name = nav_title(ctx.library.title)
        config.nav = site.nav(_handwritten(config))
        config.extra_css = [*site.stylesheets(), *config.extra_css]
        config.extra_javascript = [*site.scripts(), *config.extra_javascript]
        self._set_variant(config, ctx)
        return config

    def _set_variant(self, config: MkDocsConfig, ctx: BuildContext) -> None:
        """The entries are converted already; converting each finished page (and the scripts) as well
        puts the hand-written pages and the interface in the same script (OpenCC leaves markup alone)."""
        self.to_variant = ctx.to_variant
        if self.to_variant:
            config.theme["language"] = THEME_LANGUAGES.get(ctx.variant, "zh-Hant")

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.serving:  # MkDocs makes a new environment for every rebuild
            env.bytecode_cache = self.compiled
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.pages_bar:
            self.pages_bar.advance()
        page.content = None  # written: MkDocs would keep every page's HTML until the build ends
        return self.to_variant(output) if self.to_variant else output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.pages_bar:
            self.pages_bar.finish()
            self.pages_bar = None
        if self.site:
            self.site.close()  # MkDocs has copied the stored files
        keep_readings()

    def on_build_error(self, *, error: Exception) -> None:
        if self.pages_bar:
            self.pages_bar.finish(failed=True)
            self.pages_bar = None
        if self.site:
            self.site.close()

    def on_shutdown(self) -> None:
        self._let_go_of_site()

    def _let_go_of_site(self) -> None:
        if self.site:
            self.site.close()
        self.site = None

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        """While the source has errors, a page that is not there (a category, say) shows them too."""
        if self.site is None and template_name == "404.html":
            return output.replace("<h1>404 - Not found</h1>", self._source_error(), 1)
        return output

    def _source_error(self) -> str:
        return render("source-error.html", message=self.failure)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.site is None:  # serving a source with errors
            return files
        if self.to_variant:  # the scripts' own messages (search results, toasts) in the site's script too
            theme = Path(config.theme.custom_dir or ".")
            for path in OWN_SCRIPTS:
                text = (theme / path).read_text("utf-8")
                files.append(File.generated(config, path, content=self.to_variant(text)))
        for page in self.site.by_path.values():  # pages reached by links only are not news for MkDocs' log
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
        for path, stored in self.site.files():
            files.append(File.generated(config, path, abs_src_path=str(stored.path)))
        if self.site.ctx.progress:
            self.pages_bar = Progress("生成网页", total=2 * len(files.documentation_pages()), shown=True).start()
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.pages_bar:
            self.pages_bar.advance()
        if self.site is None:
            return self._source_error()
        generated = self.site.page(page.file.src_uri)
        if generated is not None and generated.is_html:
            page.toc = TableOfContents([AnchorLink(str(Markup.escape(title)), anchor, 2)
                                        for anchor, title in generated.anchors])
            html = html.replace(MARKER, generated.html)
            if not self.serving:  # the preview's next rebuild takes unchanged pages over
                self.site.handed_over(page.file.src_uri)
        library = self.site.ctx.library
        names = list(library.placeholders) if page.file.src_uri == HOME else generated and generated.slots
        if names:
            panel = render("slots.html", defaults=self.site.ctx.variables,
                           placeholders=[library.placeholders[n] for n in names if n in library.placeholders])
            html = _after_heading(html, panel)
        return html


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory for the next rebuild (compiling the theme's templates took
    about a tenth of a preview rebuild); Jinja checks each against its template's source."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _handwritten(config: MkDocsConfig) -> list[str]:
    docs = Path(config.docs_dir)
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.relative_to(docs).as_posix() != HOME)


def _after_heading(html: str, fragment: str) -> str:
    end = html.find("</h1>")
    return html[:end + 5] + fragment + html[end + 5:] if end >= 0 else fragment + html
