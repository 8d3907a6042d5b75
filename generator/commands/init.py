"""`handbook init [FOLDER]`: a new source folder, copied from the starter library."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.options import DEFAULT_SRC, keep_editor_schemas
from generator.errors import UsageError

ORDER = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "init", help="从入门话术库新建一个源文件夹",
        description="把入门话术库（常用话术、全局禁用语、政策依据和编辑器检查规则）复制到一个新文件夹，"
                    "在它的基础上改成本店的话术。")
    parser.add_argument("folder", nargs="?", default=DEFAULT_SRC, metavar="文件夹",
                        help=f"新建的源文件夹（默认 {DEFAULT_SRC}；必须不存在或是空的）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import shutil

    from generator.files import failure_reason, replaced_folder
    from generator.starter import starter_folder

    out = Path(args.folder)
    starter = starter_folder()
    try:  # made beside `out` and swapped in whole; a used folder (or the starter itself) is refused
        with replaced_folder(out, "源文件夹", made_by_us=lambda _folder: False, source=starter) as staging:
            shutil.copytree(starter, staging, symlinks=True, dirs_exist_ok=True)
    except OSError as err:
        raise UsageError(f"无法创建 {out}：{failure_reason(err)}") from None
    keep_editor_schemas(out)
    print(f"已新建源文件夹 {out}/（复制自入门话术库）。下一步：在 {out}/handbook.yaml 里改手册标题和店铺信息，"
          f"然后运行 handbook check --src {out}。")
    return 0
