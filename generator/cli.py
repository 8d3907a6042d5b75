"""The `handbook` command line: one parser made from `generator.commands`. Messages are Chinese;
exit 1 on errors, 2 on misuse."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from generator import __version__
from generator.commands import command_modules
from generator.commands.parser import Parser
from generator.errors import BuildError, UsageError


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="handbook", description="话术手册：检查话术源文件，生成手册网站、打印表和快捷短语文件。")
    parser.add_argument("--version", action="version", version=f"handbook（话术手册）{__version__}",
                        help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", required=True)
    for module in command_modules():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else list(argv))
    handler: Callable[[argparse.Namespace], int] = args.func
    try:
        code = handler(args)
    except UsageError as err:
        print(f"handbook: {err}", file=sys.stderr)
        return 2
    except BuildError as err:
        print(f"handbook: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `handbook rules | head`: the reader has gone, nothing is left to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    if code == 0 and (pinyin := sys.modules.get("generator.text.pinyin")):
        pinyin.keep_readings()  # what a command read (export's codes, import's ids …) serves the next one
    return code


def console() -> None:
    """The `handbook` program."""
    sys.exit(main())


if __name__ == "__main__":
    console()
