"""`handbook schema`: the JSON Schemas of the source files, for editors (VS Code's YAML extension)."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.options import DEFAULT_SRC

ORDER = 4


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("schema", help="导出源文件的 JSON Schema（供编辑器补全）")
    parser.add_argument("--out", default=f"{DEFAULT_SRC}/.schema", metavar="文件夹", help="输出文件夹")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.files import write_files
    from generator.source.schema import SCHEMA_FILES, schema_text

    out = Path(args.out)
    write_files(out, ((name, schema_text(shape).encode("utf-8")) for name, shape in SCHEMA_FILES.items()))
    print(f"已写入 {len(SCHEMA_FILES)} 个 JSON Schema 到 {out}")
    return 0
