"""Export profiles: what one target tool needs, described as data.

A profile is a small YAML file (the built-in ones live in `profiles/`). A team can describe a
tool we do not ship by writing its own file and passing it with `--profile`, or by putting it
in an `export_profiles/` folder next to the source folder. Keys:

    id, tool, label, file, format          required; `format` picks the writer
    notes                                  one line shown by `handbook export --list`
    encoding, bom, line_ending             bytes on disk (default UTF-8, no BOM, LF)
    header, columns                        table formats: header row and the field per column
                                           (code, trigger, text, group, title, id, channel,
                                           category, scenario)
    code: {pattern, max_length, prefix, ending, suffix}
                                           shortcut codes the tool accepts; the trigger typed is
                                           prefix + code + ending; `suffix` (digits | letters)
                                           resolves collisions of generated codes
    limits: {text, group, title}           maximum characters
    newlines: keep | refuse                whether a reply may span several lines
    refuse_chars, refuse_leading, refuse_text
                                           characters the format cannot hold
    placeholders: refuse | form | keep     unfilled {名称}: refuse (or blanks with --blanks),
                                           the tool's own form fields, or kept as written
    formula_guard                          CSV for spreadsheets: an apostrophe before a value that
                                           starts like a formula (= + - @ tab CR) or with one
    channels: chat | phone | all           default selection (chat replies unless stated)
    options                                writer-specific settings
"""

from __future__ import annotations

import codecs
import re
import string
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path

from generator.errors import UsageError
from generator.exports import PROFILE_FOLDER
from generator.source.config import parse_config, read_config
from generator.text.suggest import closest

KIND = "导出配置"
ROW_FIELDS = ("code", "trigger", "text", "group", "title", "id", "channel", "category", "scenario")
SUFFIXES = ("digits", "letters")
PLACEHOLDER_MODES = ("refuse", "form", "keep")
EXPANDS_AT_ONCE = ("espanso",)  # formats whose tool expands a trigger as soon as it is typed


@dataclass(frozen=True)
class CodeRules:
    pattern: str = "[a-z0-9]+"
    max_length: int = 8
    prefix: str = ""
    ending: str = ""  # a closing character, so that no trigger is the start of another
    suffix: str = "digits"

    def trigger(self, code: str) -> str:
        return self.prefix + code + self.ending

    @property
    def shape(self) -> CodeRules:
        """The rules without what is typed around a code: all that decides the codes themselves."""
        return replace(self, prefix="", ending="") if self.prefix or self.ending else self

    def accepts(self, code: str) -> bool:
        return len(code) <= self.max_length and re.fullmatch(self.pattern, code) is not None

    def describe(self) -> str:
        return f"须符合 {self.pattern}，最长 {self.max_length} 位"


@dataclass(frozen=True)
class Profile:
    id: str
    tool: str
    label: str
    file: str
    format: str
    notes: str = ""
    encoding: str = "utf-8"
    bom: bool = False
    line_ending: str = "\n"
    header: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    code: CodeRules = field(default_factory=CodeRules)
    limits: dict[str, int] = field(default_factory=dict)
    newlines: str = "keep"
    refuse_chars: tuple[str, ...] = ()
    refuse_leading: tuple[str, ...] = ()
    refuse_text: tuple[str, ...] = ()
    placeholders: str = "refuse"
    formula_guard: bool = False
    channels: str = "chat"
    options: dict = field(default_factory=dict)
    origin: str = ""  # the file it came from, for messages

    @property
    def head(self) -> str:
        return "\ufeff" if self.bom else ""

    def encode(self, text: str) -> bytes:
        return (self.head + text).encode(self.encoding)

    def encode_pieces(self, pieces: Iterable[str]) -> bytes:
        """The bytes on disk of text made piece by piece (a big file never whole as one string)."""
        encoder = codecs.getincrementalencoder(self.encoding)()
        return b"".join([encoder.encode(self.head), *(encoder.encode(piece) for piece in pieces),
                         encoder.encode("", True)])


_KEYS = [f.name for f in fields(Profile) if f.name != "origin"]
_REQUIRED = ("id", "tool", "label", "file", "format")


def builtin_profiles(formats: Collection[str]) -> dict[str, Profile]:
    folder = resources.files("generator.exports") / "profiles"
    found = [parse_profile(item.read_text("utf-8"), f"profiles/{item.name}", formats)
             for item in folder.iterdir() if item.name.endswith(".yaml")]
    return {p.id: p for p in sorted(found, key=lambda p: p.id)}


def available_profiles(src: Path | None, extra_files: Sequence[Path], formats: Collection[str]) -> dict[str, Profile]:
    """Built-in profiles, then the team's folder next to the source, then `--profile` files;
    a later profile with the same id replaces an earlier one. `formats`: the writers' formats."""
    table = builtin_profiles(formats)
    team_folder = src.resolve().parent / PROFILE_FOLDER if src else None
    team_files = sorted(team_folder.glob("*.y*ml")) if team_folder and team_folder.is_dir() else []
    for path in [*team_files, *extra_files]:
        profile = load_profile_file(path, formats)
        table[profile.id] = profile
    return table


def load_profile_file(path: Path, formats: Collection[str]) -> Profile:
    return parse_profile(read_config(path, KIND), str(path), formats)


def parse_profile(text: str, origin: str, formats: Collection[str]) -> Profile:
    data = parse_config(text, origin, KIND)
    _check_keys(data, origin)
    values = {key: data[key] for key in _KEYS if key in data}
    values["code"] = _code_rules(data.get("code") or {}, origin)
    for key in ("header", "columns", "refuse_chars", "refuse_leading", "refuse_text"):
        values[key] = tuple(str(v) for v in data.get(key) or ())
    profile = Profile(**values, origin=origin)
    _check_values(profile, set(formats))
    return profile


def _check_keys(data: dict, origin: str) -> None:
    for key in data:
        if key not in _KEYS:
            close = closest(str(key), _KEYS)
            hint = f"（是不是 {close}？）" if close else ""
            raise UsageError(f"{origin}: 导出配置里没有「{key}」这个键{hint}；可用的键：{'、'.join(_KEYS)}")
    missing = [key for key in _REQUIRED if not data.get(key)]
    if missing:
        raise UsageError(f"{origin}: 导出配置缺少 {'、'.join(missing)}")


def _code_rules(data: dict, origin: str) -> CodeRules:
    allowed = [f.name for f in fields(CodeRules)]
    unknown = [k for k in data if k not in allowed]
    if unknown:
        raise UsageError(f"{origin}: code 下没有「{unknown[0]}」；可用的键：{'、'.join(allowed)}")
    rules = CodeRules(**data)
    try:
        re.compile(rules.pattern)
    except re.error as err:
        raise UsageError(f"{origin}: code.pattern 不是有效的正则表达式：{err}") from None
    return rules


def _template_fields(template: str) -> list[str]:
    try:
        return [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None]
    except ValueError:
        return ["{"]  # an unmatched brace


def _closes_codes(code: CodeRules) -> bool:
    """Whether the ending keeps every trigger from being the start of another: it must be a
    character no code can contain."""
    return len(code.ending) == 1 and re.search(code.pattern, code.ending) is None


def _check_values(profile: Profile, formats: set[str]) -> None:
    origin = profile.origin
    problems = []
    if profile.format not in formats:
        problems.append(f"format「{profile.format}」未知，可用：{'、'.join(sorted(formats))}")
    if bad := [c for c in profile.columns if c not in ROW_FIELDS]:
        problems.append(f"columns 里的「{bad[0]}」未知，可用：{'、'.join(ROW_FIELDS)}")
    if profile.header and len(profile.header) != len(profile.columns):
        problems.append("header 和 columns 的列数不一致")
    if profile.code.suffix not in SUFFIXES:
        problems.append(f"code.suffix 只能是 {' 或 '.join(SUFFIXES)}")
    if profile.format in EXPANDS_AT_ONCE and not _closes_codes(profile.code):
        problems.append("Espanso 一输入完触发词就展开，;hy 会抢在 ;hyqt 之前："
                        "code.ending 要写一个编码里不会出现的结尾字符，如 \";\"")
    if bad := [f for f in _template_fields(str(profile.options.get("line", ""))) if f not in ROW_FIELDS]:
        problems.append(f"options.line 里的「{{{bad[0]}}}」未知，可用：{'、'.join(ROW_FIELDS)}")
    if profile.placeholders not in PLACEHOLDER_MODES:
        problems.append(f"placeholders 只能是 {'、'.join(PLACEHOLDER_MODES)}")
    if profile.newlines not in ("keep", "refuse"):
        problems.append("newlines 只能是 keep 或 refuse")
    if profile.channels not in ("chat", "phone", "all"):
        problems.append("channels 只能是 chat、phone 或 all")
    try:
        "".encode(profile.encoding)
    except LookupError:
        problems.append(f"encoding「{profile.encoding}」不是已知的编码")
    if problems:
        raise UsageError(f"{origin}: 导出配置有误：" + "；".join(problems))
