"""Publishing the site: MkDocs builds into a fresh folder beside the target, which replaces the
target only once everything is written, so a failed build never leaves a half-written site."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from generator.errors import BuildError, UsageError
from generator.files import failure_reason, replaced_folder
from generator.releases.manifest import FORMAT
from generator.site.context import BuildContext
from generator.site.sections.updates import MANIFEST

CONFIG_FILE = "mkdocs.yml"


def build_site(ctx: BuildContext, out: Path, config_file: Path = Path(CONFIG_FILE)) -> list[str]:
    """Build the site of `ctx` (already checked) into `out`; what its sections have to tell (Chinese)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's documented switch for its notice
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not config_file.is_file():
        raise UsageError(f"找不到网站配置 {config_file}：请在项目根目录运行 handbook build")
    _show_mkdocs_warnings()
    plugin = None
    try:
        with replaced_folder(out, "网站", _is_site, ctx.src) as staging:
            config = load_config(str(config_file), site_dir=str(staging))
            plugin = config.plugins.get("handbook")
            if plugin is None:
                raise BuildError(f"{config_file} 没有启用 handbook 插件（plugins: - handbook）")
            plugin.preset = ctx
            build(config)
            return plugin.site.notes()
    except MkDocsException as err:
        raise BuildError(f"生成网站失败，原有网站保持不变：{getattr(plugin, 'failure', '') or err}") from None
    except OSError as err:  # a full disk, a folder that cannot be written, a file size limit …
        where = f" {err.filename}" if err.filename else ""
        raise BuildError(f"生成网站失败，原有网站保持不变：无法写入{where}：{failure_reason(err)}") from None


def _is_site(folder: Path) -> bool:
    """A site this program built: its manifest says so."""
    try:
        return json.loads((folder / MANIFEST).read_text("utf-8")).get("format") == FORMAT
    except (OSError, ValueError, AttributeError):
        return False


def _show_mkdocs_warnings() -> None:
    """MkDocs' warnings (a hand-written page's broken link …) are shown; its errors are not, since
    the reason the build stopped is reported once, in Chinese, by the BuildError."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.addFilter(lambda record: record.levelno == logging.WARNING)
        logger.addHandler(handler)
