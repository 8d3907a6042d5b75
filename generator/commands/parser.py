"""argparse in Chinese: usage, section titles, `-h` and every error argparse itself can raise."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

# argparse's own messages (Python 3.11), English template → Chinese; {} stands for what argparse fills in.
MESSAGES = (
    ("argument {}: {}", "参数 {}：{}"),
    ("the following arguments are required: {}", "缺少必需的参数：{}"),
    ("unrecognized arguments: {}", "无法识别的参数：{}"),
    ("invalid choice: {} (choose from {})", "{} 不是可选的值（可选：{}）"),
    ("invalid {} value: {}", "{1} 不是有效的值"),
    ("expected one argument", "后面要写一个值"),
    ("expected at most one argument", "后面最多写一个值"),
    ("expected at least one argument", "后面至少要写一个值"),
    ("ambiguous option: {} could match {}", "选项 {} 不明确，可能是：{}"),
    ("not allowed with argument {}", "不能和 {} 一起用"),
    ("one of the arguments {} is required", "{} 之中必须写一个"),
    ("ignored explicit argument {}", "多余的值 {}"),
)
PATTERNS = [(re.compile("^" + re.escape(english).replace(r"\{\}", "(.+?)") + "$", re.S), chinese)
            for english, chinese in MESSAGES]


def chinese(message: str) -> str:
    """An argparse message in Chinese (messages of our own are Chinese already and pass through)."""
    for pattern, template in PATTERNS:
        match = pattern.match(message)
        if match:
            parts = [chinese(part) for part in match.groups()]
            return template.format(*parts)
    return message


class HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese; sub-command parsers are made of the same class."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示这段帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese(message)}\n")
