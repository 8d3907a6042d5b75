"""`handbook build`: check, then build the site and every other output into a temporary folder
next to the target and swap it in at the end, so a failed build never leaves a half-written site."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.errors import BuildError, UsageError
from generator.lint.engine import checked_library
from generator.site.sections import BuildContext
from generator.text.placeholders import assignments

CONFIG_FILE = "mkdocs.yml"


def build_date() -> dt.date:
    """Today, or the date of SOURCE_DATE_EPOCH for reproducible release builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def load_context(src: Path, var_pairs: Sequence[str] = (), serving: bool = False,
                 variant: str | None = None) -> BuildContext:
    """The one place a build loads its library: check it, refuse on errors, wrap it in a context.
    A variant (zh-Hant …) converts the whole source first, so the same rules check the converted
    text and every output is built from it; `src` stays the original (releases live beside it).
    `var_pairs` are `--var 名称=值` options, converted along with the source."""
    if not src.is_dir():
        raise UsageError(f"找不到话术源文件夹：{src}")
    checked = _variant_source(src, variant) if variant else src
    library = checked_library(checked, build_date(), "没有生成网站（原有网站保持不变）")
    if variant:
        var_pairs = [_converted(pair, variant) for pair in var_pairs]
    return BuildContext(library=library, src=src, build_date=build_date(), version=__version__,
                        variables=assignments(var_pairs, library.placeholders), serving=serving,
                        variant=variant or "zh-Hans")


def _converted(text: str, name: str) -> str:
    from generator.variant.convert import convert_text, variant

    return convert_text(text, variant(name).config)


def _variant_source(src: Path, variant: str) -> Path:
    """A converted copy of the source in a temporary folder removed when the process ends."""
    from generator.variant.convert import convert_source

    folder = Path(tempfile.mkdtemp(prefix="handbook-variant-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    converted = folder / src.resolve().name
    convert_source(src, converted, variant)
    return converted


def build_site(ctx: BuildContext, out: Path, config_file: Path = Path(CONFIG_FILE)) -> None:
    """Build into `<out>.tmp-*` beside `out`, then replace `out` in two renames."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not config_file.is_file():
        raise UsageError(f"找不到网站配置 {config_file}：请在项目根目录运行 handbook build")
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging))
        plugin = config.plugins.get("handbook")
        if plugin is None:
            raise BuildError(f"{config_file} 没有启用 handbook 插件（plugins: - handbook）")
        plugin.preset = ctx
        build(config)
    except MkDocsException as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"生成网站失败，原有网站保持不变：{err}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, out)


def _swap(staging: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
