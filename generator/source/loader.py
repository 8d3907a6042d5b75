"""Source folder → validated records with positions (the first step of every command).

Parsing uses libyaml's composer (`CSafeLoader`): it keeps a mark on every node and is about
ten times faster than pure-Python PyYAML. The node tree is then walked against the shapes of
`generator.schema`; nothing is ever *constructed* by PyYAML, so duplicate keys, aliases and
YAML 1.1 type surprises are all seen and reported instead of silently resolved.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml

from generator.lint.registry import Finding, finding, finding_at
from generator.reuse import Made, fresh
from generator.source.positions import Loc, Record, Text, span
from generator.source.reading import DecodeProblem, SourceFile, is_yaml, read_source
from generator.source.schema import (
    ENTRIES,
    ID_PATTERN,
    ROOT_FILES,
    SHORTCUT_PATTERN,
    Field,
    Kind,
    Shape,
)
from generator.text.suggest import closest

STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"
YAML12_BOOLS = ("true", "false")  # the only booleans of YAML 1.2, which the editors speak
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
UNRESOLVED = "?plain"  # a plain scalar whose type is resolved on first read (see `_tag`)

PATTERN_RULES = {ID_PATTERN: "R001", SHORTCUT_PATTERN: "R007"}
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_DEPTH = 16  # folders: a library is category/file.yaml, perhaps a level or two more
MAX_FILE_BYTES = 64 * 2**20  # a source file is written by people: 10,000 entries are a few MB
MAX_VALUE_CHARS = 20_000  # a reply is a few hundred characters; 搜狗 takes at most 30,000
CONTROL_NAMES = {"\n": "换行", "\r": "回车符", "\t": "制表符（Tab）"}
# What libyaml refuses (controls other than tab and line breaks, DEL, C1, non-characters) or reads
# as a line break where a person sees none (NEL, LS, PS): found before parsing, at their place.
UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
YAML_LINE_BREAKS = {"\x85": "下一行符 NEL", "\u2028": "行分隔符", "\u2029": "段分隔符"}
ENCODING_HINTS = {
    "gbk": "看起来是 GBK/GB2312 编码（Windows 记事本、WPS 常见）",
    "utf-16": "看起来是 UTF-16 编码（Windows 记事本“Unicode”选项常见）",
    "binary": "不是文本文件或编码无法识别",
}
# Keys trainers type in Chinese by habit → the real key.
CHINESE_KEYS = {
    "标题": "title", "场景": "scenario", "问法": "questions", "顾客问法": "questions",
    "回复": "approved", "标准回复": "approved", "话术": "approved", "禁用": "forbidden",
    "禁用语": "forbidden", "政策": "policy", "标签": "tags", "渠道": "channels",
    "备注": "notes", "负责人": "owner", "更新": "updated", "快捷编码": "shortcut",
    "原因": "reason", "改说": "instead", "编号": "id", "说明": "description",
}
SYNTAX_HINTS = (
    ("mapping values are not allowed", "这里不能出现「: 」：值里含有冒号加空格时请给整个值加引号，或检查缩进"),
    ("could not find expected ':'", "缺少冒号「:」，或上一行的引号没有闭合"),
    ("did not find expected key", "缩进没有对齐：同一层的键要从同一列开始"),
    ("did not find expected '-' indicator", "列表项缩进没有对齐：每一项都以同一列的「- 」开始"),
    ("did not find expected ',' or ']'", "方括号列表 [ … ] 没有闭合，或缺少逗号"),
    ("did not find expected ',' or '}'", "花括号 { … } 没有闭合，或缺少逗号"),
    ("found unexpected end of stream", "引号没有闭合：请补上结尾的引号"),
    ("found unknown escape character", "双引号里的反斜杠「\\」组成了无效的转义：改用单引号，或写成「\\\\」"),
    ("expected a single document", "一个文件只能有一个 YAML 文档：请删除多余的「---」"),
    ("found undefined alias", "「*」开头表示引用锚点：如果是文字内容，请加引号"),
    ("expected <block end>", "缩进不一致：同一层的内容要从同一列开始"),
    ("found unexpected ':'", "冒号位置不对：如果是文字内容，请加引号"),
    ("cannot start any token", "值不能以「{char}」开头：请给整个值加引号"),
    ("expected alphabetic or numeric character", "「*」「&」「!」后面要紧跟一个名字：如果是文字内容，请给整个值加引号"),
    ("expected comment or line break",
     "这一行的值后面还有多余的内容（比如引号后面又写了字）：请把整个值放进引号里，或删掉多余的部分"),
    ("expected node content", "这里缺少内容：「- 」或「: 」后面要写值；如果是文字内容，请给整个值加引号"),
    ("block sequence entries are not allowed",
     "这里不能开始「- 」列表：列表要另起一行并缩进；如果是文字内容，请给整个值加引号"),
    ("found another document", "一个文件只能有一个 YAML 文档：请删除多余的「---」或「...」"),
)


@dataclass
class LoadedFile:
    source: SourceFile
    shape: Shape
    data: Record | None
    category: str | None = None  # entry files: the folder they live in


@dataclass
class LoadedSource:
    root: Path
    files: list[LoadedFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    sources: dict[str, SourceFile] = field(default_factory=dict)  # every decoded file

    def record(self, name: str) -> Record | None:
        for item in self.files:
            if item.source.rel == name:
                return item.data
        return None

    @property
    def entry_files(self) -> list[LoadedFile]:
        return [f for f in self.files if f.shape is ENTRIES]


def load_source(root: Path, made: Made = fresh) -> LoadedSource:
    """Read, parse and validate every YAML file of a source folder, in a stable order. `made`: how
    each file's parse is made (the preview takes the files a save did not change over from its last
    rebuild)."""
    loaded = LoadedSource(root)
    paths, skipped = _source_paths(root)
    loaded.findings.extend(skipped)
    for path, rel in paths:
        shape = ROOT_FILES.get(rel, ENTRIES)
        category = rel.split("/")[0] if "/" in rel else None
        if category is None and rel not in ROOT_FILES:
            loaded.findings.append(finding_at("R003", rel, 1, 1, category=rel, hint=(
                "话术文件要放在分类文件夹里，如 presale/bargain.yaml")))
            continue
        if (size := path.stat().st_size) > MAX_FILE_BYTES:
            loaded.findings.append(finding_at("Y007", rel, 1, 1, size=size // 2**20, limit=MAX_FILE_BYTES // 2**20))
            continue
        source = read_source(path, rel)
        if isinstance(source, DecodeProblem):
            loaded.findings.append(_encoding_finding(rel, source))
            continue
        parsed, findings = made(f"source:{rel}", source.text, lambda: _parse(source, shape, category))  # noqa: B023
        loaded.sources[rel] = parsed.source if parsed else source
        loaded.findings.extend(findings)
        if parsed:
            loaded.files.append(parsed)
    for name in ROOT_FILES:
        if not (root / name).is_file():
            loaded.findings.append(finding_at("S004", name, 1, 1, key=name, where="源文件夹",
                                              hint=f"请创建 {name}"))
    return loaded


def _parse(source: SourceFile, shape: Shape, category: str | None) -> tuple[LoadedFile | None, list[Finding]]:
    """One file parsed and validated, with what is wrong with it (no file when it cannot be parsed)."""
    node, problems = compose(source)
    if problems:
        return None, problems
    validator = Validator(source)
    data = validator.root(node, shape)
    return LoadedFile(source, shape, data, category), validator.findings


def _source_paths(root: Path) -> tuple[list[tuple[Path, str]], list[Finding]]:
    """The YAML files of the folder as (path, relative name) in name order, and a finding for each
    one that is not read: a link leading out of the folder (Y006), something that is not a file
    (a pipe would hang the read), a folder nested deeper than anyone writes (Y008). Linked folders
    are not entered, so a link loop cannot hang the check; the walk keeps its own stack."""
    inside, skipped = [], []
    top = root.resolve()
    stack = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        with os.scandir(folder) as found:
            for item in found:
                path = Path(item.path)
                rel = path.relative_to(root).as_posix()
                if item.is_dir(follow_symlinks=False):
                    if depth + 1 > MAX_DEPTH:
                        skipped.append(finding_at("Y008", rel, 1, 1, reason=f"文件夹嵌套超过 {MAX_DEPTH} 层"))
                    else:
                        stack.append((path, depth + 1))
                elif is_yaml(path):
                    target = path.resolve()
                    if not target.is_relative_to(top):
                        skipped.append(finding_at("Y006", rel, 1, 1, target=str(target)))
                    elif target.is_file():
                        inside.append((path, rel))
                    elif not target.is_dir():
                        skipped.append(finding_at("Y008", rel, 1, 1, reason="它不是普通文件（管道、设备之类）"))
    return sorted(inside, key=lambda pair: pair[1]), sorted(skipped)


def _encoding_finding(rel: str, problem: DecodeProblem) -> Finding:
    return finding_at("Y001", rel, problem.line, problem.column,
                      encoding=ENCODING_HINTS[problem.kind])


def compose(source: SourceFile) -> tuple[yaml.Node | None, list[Finding]]:
    """Parse one file into a node tree, or explain the syntax error in Chinese."""
    if found := UNREADABLE.search(source.text):
        return None, [_unreadable_finding(source, found.start())]
    try:
        node = yaml.compose(source.text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_finding(source, err)]
    except yaml.YAMLError as err:  # errors without a mark (e.g. reader errors)
        return None, [finding_at("Y002", source.rel, 1, 1, hint=str(err))]
    shared = _first_shared_node(node) if "*" in source.text else None
    if shared is not None:
        return None, [finding("Y004", Loc((source, span(shared.start_mark.index, shared.end_mark.index))))]
    return node, []


class _Loader(yaml.CSafeLoader):
    """libyaml's composer, with type resolution of plain scalars put off until the validator
    reads a value (`_tag`): most scalars are keys or Chinese text, which never need it."""

    # The composer asks twice per node about path-dependent tags, which this project never
    # registers; builtin no-ops answer without a Python call (a million calls at 10,000 entries;
    # 3 % of the instructions of `handbook check`, measured with callgrind at 2,000 entries).
    descend_resolver = staticmethod({}.get)  # (parent, index) → looks nothing up
    ascend_resolver = staticmethod(tuple)  # () → ()

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool] | bool) -> str:
        if kind is yaml.ScalarNode:
            return UNRESOLVED if implicit[0] else STR  # type: ignore[index]
        return SEQ if kind is yaml.SequenceNode else MAP


_RESOLVER = yaml.resolver.Resolver()
_TYPED_STARTS = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)


def _tag(node: yaml.Node) -> str:
    """The node's type tag, resolving a plain scalar on first read exactly as PyYAML would."""
    if node.tag == UNRESOLVED:
        value = node.value
        # text: no implicit type (number, date, bool, null) starts with this character
        node.tag = STR if value and value[0] not in _TYPED_STARTS else _typed_tag(value)
    return node.tag


@lru_cache(maxsize=4096)  # keys, dates, ids and flags repeat
def _typed_tag(value: str) -> str:
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))


def _first_shared_node(root: yaml.Node | None) -> yaml.Node | None:
    """The composer gives every alias of an anchor the same node object. Finding the first node
    reached twice visits each distinct node once, so an alias bomb ("billion laughs") is refused
    before anything expands it."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in reversed(node.value) for child in reversed(pair))
    return None


def _unreadable_finding(source: SourceFile, index: int) -> Finding:
    char = source.text[index]
    if char in YAML_LINE_BREAKS:
        hint = (f"这里有一个看不见的{YAML_LINE_BREAKS[char]}（U+{ord(char):04X}），YAML 会把它当作换行，"
                "后面的内容就错位了：请删掉它，需要换行就直接回车")
    else:
        hint = (f"这里有一个看不见的控制字符 U+{ord(char):04X}，YAML 文件里不能有它："
                "请删掉它（常见于从网页或聊天记录复制的文字）")
    line, column = source.position(index)
    return finding_at("Y002", source.rel, line, column, hint=hint)


def _syntax_finding(source: SourceFile, err: yaml.MarkedYAMLError) -> Finding:
    mark = err.problem_mark or err.context_mark
    context = err.context or ""
    # libyaml also breaks lines at \r, NEL and U+2028; count from the character index instead.
    index = min(mark.index, len(source.text)) if mark else 0
    problem = err.problem or ""
    hint = next((text for key, text in SYNTAX_HINTS if key in problem), f"（{problem}）")
    if err.context_mark and ("flow" in context or "quoted scalar" in context):  # an unclosed [ { or quote
        index = err.context_mark.index
    elif (opened := _runaway_quote(source.text, index)) is not None:
        index, hint = opened, RUNAWAY_QUOTE
    line, column = source.position(index)
    char = source.text[index] if index < len(source.text) else ""
    if char == "\t" or "\t" in source.line_text(line)[: column]:
        return finding_at("Y005", source.rel, line, column)
    return finding_at("Y002", source.rel, line, column, hint=hint.replace("{char}", char))


RUNAWAY_QUOTE = "引号没有闭合：这里开始的文字一直延续到后面几行另一个引号为止，请补上结尾的引号"
KEY_LINE = re.compile(r"\n[ \t]*(?:- )?[\w-]+:(?:\s|$)")


def _runaway_quote(text: str, error_at: int) -> int | None:
    """Where the quoted text opened that swallowed the lines after it, if the error follows one: a
    quote left open runs on to the next quote in the file, and the error shows up there instead."""
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.CSafeLoader):
            if token.start_mark.index >= error_at:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and KEY_LINE.search(text, token.start_mark.index, token.end_mark.index):
                found = token.start_mark.index
    except yaml.YAMLError:
        pass
    return found


MISSING = object()


def _span(node: yaml.Node) -> int:
    return span(node.start_mark.index, node.end_mark.index, getattr(node, "style", "") or "")


LOCATED = (Text, Record, list)  # values that carry their own position, or whose items do


class Validator:
    """Walks one file's node tree against its shape; collects findings, returns records."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.findings: list[Finding] = []

    def root(self, node: yaml.Node | None, shape: Shape) -> Record | None:
        if node is None:
            key = shape.fields[0].name
            self.findings.append(finding_at("S004", self.source.rel, 1, 1, key=key,
                                            where="文件", hint=f"文件是空的，请写上 {key}:"))
            return None
        value = self.object(node, shape)
        return value if isinstance(value, Record) else None

    def loc(self, node: yaml.Node) -> Loc:
        return Loc((self.source, _span(node)))

    def report(self, code: str, node: yaml.Node, **fields: object) -> None:
        self.findings.append(finding(code, self.loc(node), **fields))

    # -- mappings ------------------------------------------------------------------------

    def object(self, node: yaml.Node, shape: Shape) -> Record | object:
        if not isinstance(node, yaml.MappingNode):
            self.report("S002", node, expected="键值对（key: value）", got=_describe(node))
            return MISSING
        record = Record(self.loc(node))
        present: set[str] = set()
        guessed: set[str] = set()  # keys a misspelt key was taken for: reported once, as S001
        value_locs, index = record.value_locs, shape.index
        for key_node, value_node in node.value:
            name = key_node.value
            spec = index.get(name) if key_node.__class__ is yaml.ScalarNode and name not in present else None
            if spec is None:  # a misspelt, repeated or odd key: reported there
                spec = self._key(key_node, node, present, guessed, shape)
                if spec is None:
                    continue
            name = spec.name  # a misspelt key's value is checked as what it was meant to be
            present.add(name)
            value = getattr(self, spec.handler)(value_node, spec)
            if value is not MISSING:
                record[name] = value
                if value.__class__ not in LOCATED:
                    value_locs[name] = self.loc(value_node)
        for spec in shape.required:
            if spec.name not in present and spec.name not in guessed:
                self.report("S004", node, key=spec.name, where=shape.doc,
                            hint=f"请补上 {spec.name}:（{spec.doc}）")
        return record

    def _key(self, node: yaml.Node, mapping: yaml.MappingNode, present: set[str], guessed: set[str],
             shape: Shape) -> Field | None:
        """The field to read a key's value as: its own, or for a misspelt key (reported, S001) the
        one it most likely meant, so that one run reports what is wrong inside the value too."""
        if not isinstance(node, yaml.ScalarNode):
            self.report("S002", node, expected="文字键名", got=_describe(node))
            return None
        name = node.value
        if name == "<<":
            self.report("Y004", node)
            return None
        if name in present:
            self.report("Y003", node, key=name)
            return None
        spec = shape.get(name)
        if spec is None:
            guess = _guess(name, shape.names)
            self.report("S001", node, key=name, where=shape.doc, suggestion=_suggestion(guess, shape.names))
            if guess:
                guessed.add(guess)
                written = guess in present or any(key.value == guess for key, _ in mapping.value)
                spec = None if written else shape.get(guess)  # the key as spelt right wins
        return spec

    # -- values --------------------------------------------------------------------------

    def _text(self, node: yaml.Node, spec: Field) -> Text | object:
        if node.__class__ is not yaml.ScalarNode:
            self.report("S002", node, expected="文字", got=_describe(node))
            return MISSING
        if len(node.value) > MAX_VALUE_CHARS:  # before a Text is made: positions stay proportional
            self.findings.append(finding_at("S008", self.source.rel, *self.source.position(node.start_mark.index),
                                            key=spec.name, length=len(node.value), limit=MAX_VALUE_CHARS))
            return MISSING
        tag = node.tag
        if tag != STR and (tag := _tag(node)) != STR:
            if tag == NULL and node.style == "":
                if spec.required:
                    self.report("S005", node, key=spec.name)
                return MISSING
            self._yaml11_surprise(node)
        text = Text(node.value, self.source, span(node.start_mark.index, node.end_mark.index, node.style))
        if spec.required and not text.strip():
            self.report("S005", node, key=spec.name)
        if not spec.multiline and not text.isprintable():  # isprintable: C speed for the usual case
            self._control_character(text, spec)
        if spec.choices or spec.pattern:
            self._check_choice_and_pattern(node, text, spec)
        return text

    def _control_character(self, text: Text, spec: Field) -> None:
        found = CONTROL.search(text)
        if found:
            char = found.group()
            hint = "（可以换行的只有回复、notes、政策摘要和“改说”）" if char == "\n" else ""
            self.findings.append(finding("S007", text.loc, scalar=text, offset=found.start(), key=spec.name,
                                         char=CONTROL_NAMES.get(char, f"控制字符 U+{ord(char):04X}"), hint=hint))

    def _check_choice_and_pattern(self, node: yaml.Node, text: str, spec: Field) -> None:
        if spec.choices and text not in spec.choices:
            self.report("S006", node, key=spec.name, value=text,
                        choices="、".join(spec.choices))
        elif spec.pattern and not _matches(spec.pattern, text):
            self.report(PATTERN_RULES[spec.pattern], node, value=text)

    def _yaml11_surprise(self, node: yaml.ScalarNode) -> None:
        raw = node.value
        if _tag(node) == BOOL:
            if raw.lower() not in YAML12_BOOLS:
                return  # yes / no / on / off: text, as YAML 1.2 and the editors read them
            meaning = f"布尔值 {raw.lower()}"
        elif _tag(node) == INT and raw.startswith("0") and raw.isdigit() and len(raw) > 1:
            meaning = f"八进制数 {int(raw, 8)}，前导 0 会丢失"
        elif _tag(node) in (INT, FLOAT):
            meaning = "数字"
        elif _tag(node) == TIMESTAMP:
            meaning = "日期"
        else:
            meaning = "空值"
        self.report("S003", node, value=raw, meaning=meaning)

    def _date(self, node: yaml.Node, spec: Field) -> dt.date | object:
        if isinstance(node, yaml.ScalarNode) and _tag(node) == NULL and node.style == "":
            return MISSING
        if isinstance(node, yaml.ScalarNode):
            try:
                return dt.date.fromisoformat(node.value.strip())
            except ValueError:
                pass
        self.report("S002", node, expected="日期 YYYY-MM-DD（如 2026-11-01）", got=_describe(node))
        return MISSING

    def _bool(self, node: yaml.Node, spec: Field) -> bool | object:
        if isinstance(node, yaml.ScalarNode) and _tag(node) == BOOL and node.value.lower() in YAML12_BOOLS:
            return node.value.lower() == "true"
        self.report("S002", node, expected="true 或 false（yes、no、on、off 在编辑器里是文字）", got=_describe(node))
        return MISSING

    def _int(self, node: yaml.Node, spec: Field) -> int | object:
        if isinstance(node, yaml.ScalarNode) and _tag(node) == INT and node.value.isdigit():
            return int(node.value)
        self.report("S002", node, expected="整数", got=_describe(node))
        return MISSING

    def _texts(self, node: yaml.Node, spec: Field) -> list[Text] | object:
        if isinstance(node, yaml.ScalarNode):
            if _tag(node) == NULL and node.style == "":
                return []
            item = self._text(node, spec)
            return [] if item is MISSING else [item]
        return self._sequence(node, "列表 [a, b] 或一项文字", lambda child: self._text(child, spec))

    def _object(self, node: yaml.Node, spec: Field) -> Record | object:
        return self.object(node, spec.shape)

    def _list(self, node: yaml.Node, spec: Field) -> list[Record] | object:
        shape = spec.shape
        if isinstance(node, yaml.ScalarNode) and shape.primary and _tag(node) != NULL:
            return [r for r in (self._item(node, shape),) if r is not MISSING]
        if isinstance(node, yaml.SequenceNode) and len(node.value) < spec.min_items:
            self.report("S005", node, key=spec.name)  # `approved: []` publishes an entry with nothing to send
        return self._sequence(node, "列表（每项以「- 」开头）", lambda child: self._item(child, shape))

    def _sequence(self, node: yaml.Node, expected: str, convert: Callable[[yaml.Node], object]) -> list | object:
        """The valid items of a sequence node (each invalid one was reported by `convert`)."""
        if not isinstance(node, yaml.SequenceNode):
            self.report("S002", node, expected=expected, got=_describe(node))
            return MISSING
        return [item for item in map(convert, node.value) if item is not MISSING]

    def _item(self, node: yaml.Node, shape: Shape) -> Record | object:
        primary = shape.get(shape.primary) if shape.primary else None
        texts = primary is not None and primary.kind is Kind.TEXTS  # a bare list (or one text) is the list
        bare = isinstance(node, yaml.ScalarNode) or (texts and isinstance(node, yaml.SequenceNode))
        if primary is not None and bare:
            value = self._texts(node, primary) if texts else self._text(node, primary)
            if value is MISSING:
                return MISSING
            record = Record(self.loc(node))
            record[shape.primary] = value
            return record
        return self.object(node, shape)

    def _map(self, node: yaml.Node, spec: Field) -> dict[Text, Record] | object:
        if not isinstance(node, yaml.MappingNode):
            self.report("S002", node, expected="键值对（名称: {…}）", got=_describe(node))
            return MISSING
        result: dict[Text, Record] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.report("S002", key_node, expected="文字键名", got=_describe(key_node))
                continue
            name = Text(key_node.value, self.source, _span(key_node))
            if name in result:
                self.report("Y003", key_node, key=name)
                continue
            value = self.object(value_node, spec.shape)
            if value is not MISSING:
                result[name] = value
        return result


def _matches(pattern: str, text: str) -> bool:
    return _compiled(pattern).fullmatch(text) is not None


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _guess(name: str, names: list[str]) -> str | None:
    """The key a misspelt or Chinese key most likely meant."""
    if name in CHINESE_KEYS and CHINESE_KEYS[name] in names:
        return CHINESE_KEYS[name]
    lowered = {n.lower(): n for n in names}
    close = closest(name.lower(), lowered)
    return lowered[close] if close else None


def _suggestion(guess: str | None, names: list[str]) -> str:
    return f"是不是想写 {guess}？" if guess else f"可用的键：{'、'.join(names)}"


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "键值对"
    if isinstance(node, yaml.SequenceNode):
        return "列表"
    if _tag(node) == NULL:
        return "空值"
    return f"「{node.value}」"
