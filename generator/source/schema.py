"""The source format as data: every file's shape, used to validate and to emit JSON Schema.

One declaration serves every reader of the format: the loader's validator, the JSON Schema for
editors (`handbook schema`), the writer of new entries, and the variants, which convert text but
never a code (`CODE_KEYS`). The category ids the site keeps for itself are here too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SHORTCUT_PATTERN = r"^[a-z0-9]{1,8}$"
PLACEHOLDER_NAME_PATTERN = r"^[\w\u4e00-\u9fff]+$"
PLACEHOLDER_SCOPES = ("shop", "agent", "customer")


class Kind(Enum):
    TEXT = "text"
    DATE = "date"
    BOOL = "bool"
    INT = "int"
    TEXTS = "texts"  # a list of texts; a single text is accepted as a one-item list
    OBJECT = "object"
    LIST = "list"  # a list of objects; a bare text item fills the object's `primary` field
    MAP = "map"  # name → object


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    doc: str
    required: bool = False
    shape: Shape | None = None  # for OBJECT, LIST, MAP
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    default: object = None
    code: bool = False  # the value is a code (id, reference, link, choice), not text a person reads
    multiline: bool = False  # text that may hold line breaks; every other text is one line (S007)
    min_items: int = 0  # a LIST that must hold at least this many items (S005)
    handler: str = field(default="", init=False, compare=False, repr=False)  # the loader's method for this kind

    def __post_init__(self) -> None:
        object.__setattr__(self, "handler", f"_{self.kind.value}")

    @property
    def holds_code(self) -> bool:
        """Dates, flags and numbers are never text; a text field says so with `code`."""
        return self.code or self.kind in (Kind.DATE, Kind.BOOL, Kind.INT)


@dataclass(frozen=True)
class Shape:
    name: str
    doc: str
    fields: tuple[Field, ...]
    primary: str | None = None  # field a bare text stands for (LIST items)
    index: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)  # name → field
    required: tuple[Field, ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.index.update({f.name: f for f in self.fields})
        object.__setattr__(self, "required", tuple(f for f in self.fields if f.required))

    def get(self, name: str) -> Field | None:
        return self.index.get(name)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


CATEGORY = Shape("category", "一个分类：站点中的一页、打印表和导出中的一组", (
    Field("id", Kind.TEXT, "分类编号，同时是 scripts_src/ 下的文件夹名", True, pattern=ID_PATTERN, code=True),
    Field("title", Kind.TEXT, "分类名称，显示在站点导航和打印表上", True),
    Field("description", Kind.TEXT, "一句话说明这个分类包括哪些场景"),
))

PLACEHOLDER = Shape("placeholder", "回复中可以使用的占位符 {名称}", (
    Field("description", Kind.TEXT, "占位符的含义，告诉客服要填什么", True),
    Field("example", Kind.TEXT, "示例值（数字请加引号，如 \"1024\"）"),
    Field("scope", Kind.TEXT, "谁的值：shop 店铺固定（网站记住，导出用 --var 或示例值）、agent 每位客服自己的"
          "（网站记住）、customer 每位顾客不同（复制时现填，从不保存）；不写时按 customer",
          choices=PLACEHOLDER_SCOPES, default="customer", code=True),
))

CHECK_SETTINGS = Shape("check", "检查规则的设置（可选）", (
    Field("max_reply_length", Kind.INT, "聊天回复的最大字数（超过则提示过长）", default=150),
    Field("typography", Kind.BOOL, "是否检查中文标点规范（T 类规则）", default=True),
    Field("near_duplicate", Kind.INT, "判定两条回复“几乎相同”的相似度阈值（0–100）", default=90),
    Field("disable", Kind.TEXTS, "整体关闭的规则编号，如 [T001]", default=(), code=True),
))

SYNONYM_GROUP = Shape("synonym_group", "一组可以互换的说法", (
    Field("words", Kind.TEXTS, "这一组里可以互换的说法，至少两个", True),
), primary="words")

HANDBOOK = Shape("handbook", "手册设置 scripts_src/handbook.yaml", (
    Field("title", Kind.TEXT, "手册标题", True),
    Field("categories", Kind.LIST, "分类列表；这里的顺序就是站点、打印表和导出的顺序", True,
          shape=CATEGORY),
    Field("placeholders", Kind.MAP, "回复中使用的每个 {名称} 都要在这里声明", shape=PLACEHOLDER),
    Field("check", Kind.OBJECT, "检查规则的设置", shape=CHECK_SETTINGS),
    Field("synonyms", Kind.LIST, "站内搜索的同义词：每组是顾客可能换着说的几种说法，如 [坏了, 故障, 不能用]，"
          "搜其中一个也能找到写着另一个的话术；会并入内置的电商客服同义词表", shape=SYNONYM_GROUP),
    Field("default_synonyms", Kind.BOOL, "是否使用内置的电商客服同义词表（默认 true）", default=True),
))

POLICY = Shape("policy", "一条政策依据", (
    Field("id", Kind.TEXT, "政策编号，话术用 policy 引用它", True, pattern=ID_PATTERN, code=True),
    Field("title", Kind.TEXT, "政策名称", True),
    Field("summary", Kind.TEXT, "用大白话概括政策内容", True, multiline=True),
    Field("source", Kind.TEXT, "出处，如 平台规则 / 本店售后政策"),
    Field("url", Kind.TEXT, "原文链接", code=True),
    Field("updated", Kind.DATE, "政策最近更新日期（YYYY-MM-DD）"),
))

POLICIES = Shape("policies", "政策依据 scripts_src/policies.yaml", (
    Field("policies", Kind.LIST, "政策列表", True, shape=POLICY),
))

LEXICON_TERM = Shape("lexicon_term", "一条全局禁用语", (
    Field("text", Kind.TEXT, "不能出现在任何回复中的说法", True),
    Field("reason", Kind.TEXT, "为什么不能说", True),
    Field("instead", Kind.TEXT, "建议改用的说法", multiline=True),
    Field("level", Kind.TEXT, "error（必须改）或 warning（提醒）", choices=("error", "warning"),
          default="error", code=True),
    Field("except", Kind.TEXTS, "包含该词但可以使用的更长说法，如“第一”下的“第一时间”", default=()),
    Field("match", Kind.TEXT, "part：回复中出现即命中（默认）；whole：整条回复只有这个词才命中",
          choices=("part", "whole"), default="part", code=True),
), primary="text")

LEXICON = Shape("lexicon", "全局禁用语 scripts_src/lexicon.yaml", (
    Field("forbidden", Kind.LIST, "禁用语列表", True, shape=LEXICON_TERM),
))

REPLY = Shape("reply", "一条标准回复：直接写文字，或写成 {text, shortcut}", (
    Field("text", Kind.TEXT, "回复原文；占位符写成 {名称}", True, multiline=True),
    Field("shortcut", Kind.TEXT, "快捷编码：1–8 位小写字母或数字，全库唯一", pattern=SHORTCUT_PATTERN,
          code=True),
), primary="text")

FORBIDDEN = Shape("forbidden", "本场景不要说的话", (
    Field("text", Kind.TEXT, "不要说的原话", True),
    Field("reason", Kind.TEXT, "为什么不能说"),
    Field("instead", Kind.TEXT, "改说什么", multiline=True),
    Field("level", Kind.TEXT, "质检聊天记录时的级别：warning（默认，提醒）或 error；标准回复里出现总是错误",
          choices=("error", "warning"), code=True),
), primary="text")

ENTRY = Shape("entry", "一条话术", (
    Field("id", Kind.TEXT, "话术编号：小写字母、数字和连字符，全库唯一；也是网页锚点", True,
          pattern=ID_PATTERN, code=True),
    Field("title", Kind.TEXT, "标题", True),
    Field("scenario", Kind.TEXT, "什么时候用这条话术", True),
    Field("questions", Kind.TEXTS, "顾客的典型问法（用于搜索和测验）", default=()),
    Field("approved", Kind.LIST, "标准回复，至少一条", True, shape=REPLY, min_items=1),
    Field("forbidden", Kind.LIST, "本场景不要说的话", shape=FORBIDDEN),
    Field("policy", Kind.TEXTS, "引用的政策编号（一个或列表）", default=(), code=True),
    Field("tags", Kind.TEXTS, "标签", default=()),
    Field("channels", Kind.TEXTS, "适用渠道：chat（在线）、phone（电话）；默认两者",
          choices=("chat", "phone"), default=("chat", "phone"), code=True),
    Field("notes", Kind.TEXT, "给客服的处理要点（Markdown）", multiline=True),
    Field("owner", Kind.TEXT, "负责维护的人或小组"),
    Field("updated", Kind.DATE, "最近修改日期（YYYY-MM-DD）"),
    Field("review_by", Kind.DATE, "最迟复核日期（YYYY-MM-DD）；过期会提醒"),
    Field("top", Kind.BOOL, "常用话术：进入“常用速查”打印表", default=False),
))

ENTRIES = Shape("entries", "话术文件 scripts_src/<分类>/<任意名>.yaml", (
    Field("entries", Kind.LIST, "话术列表", True, shape=ENTRY),
))

# Top-level folders of the built site besides the categories: a category id may not take one (R009).
SITE_ID_PREFIX = "hb-"  # the site's own element ids (hb-slots …): no entry id may start with it
RESERVED_CATEGORY_IDS = {
    "assets": "样式和脚本", "categories": "分类总览", "downloads": "下载", "forbidden": "禁用语",
    "policies": "政策依据", "quiz": "培训测验", "review": "复核清单", "search": "搜索索引",
    "sheets": "打印速查表", "tags": "标签", "updates": "最近更新",
}

ROOT_FILES: dict[str, Shape] = {
    "handbook.yaml": HANDBOOK,
    "policies.yaml": POLICIES,
    "lexicon.yaml": LEXICON,
}



def _shapes(shape: Shape) -> list[Shape]:
    return [shape, *(s for f in shape.fields if f.shape for s in _shapes(f.shape))]


# Keys whose values are codes in every file they appear in: a variant converts the text around them only.
CODE_KEYS = frozenset(f.name for root in (*ROOT_FILES.values(), ENTRIES) for shape in _shapes(root)
                      for f in shape.fields if f.holds_code)


# -- JSON Schema for editors (VS Code's YAML extension) ------------------------------------

SCHEMA_FILES: dict[str, Shape] = {
    "handbook.schema.json": HANDBOOK,
    "policies.schema.json": POLICIES,
    "lexicon.schema.json": LEXICON,
    "entries.schema.json": ENTRIES,
}
_SCALAR_TYPES = {
    Kind.TEXT: {"type": "string"},
    Kind.DATE: {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    Kind.BOOL: {"type": "boolean"},
    Kind.INT: {"type": "integer", "minimum": 0},
}


def schema_text(shape: Shape) -> str:
    """The JSON Schema file of one source file, as `handbook schema` and `handbook new` write it."""
    return json.dumps(json_schema(shape), ensure_ascii=False, indent=2) + "\n"


def json_schema(shape: Shape) -> dict:
    """A draft-07 JSON Schema of one source file."""
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", "title": shape.doc}
    schema.update(_object_schema(shape))
    return schema


def _object_schema(shape: Shape) -> dict:
    result: dict = {
        "type": "object",
        "description": shape.doc,
        "properties": {f.name: _field_schema(f) for f in shape.fields},
        "additionalProperties": False,
    }
    required = [f.name for f in shape.fields if f.required]
    if required:
        result["required"] = required
    return result


def _text_schema(spec: Field) -> dict:
    schema = dict(_SCALAR_TYPES[Kind.TEXT])
    if spec.choices:
        schema["enum"] = list(spec.choices)
    if spec.pattern:
        schema["pattern"] = spec.pattern
    if spec.required:
        schema["minLength"] = 1
    return schema


def _field_schema(spec: Field) -> dict:
    if spec.kind is Kind.TEXT:
        schema = _text_schema(spec)
    elif spec.kind is Kind.TEXTS:
        item = _text_schema(spec)
        schema = {"anyOf": [item, {"type": "array", "items": item}]}
    elif spec.kind is Kind.OBJECT:
        schema = _object_schema(spec.shape)
    elif spec.kind is Kind.LIST:
        item = _object_schema(spec.shape)
        if spec.shape.primary:
            primary = spec.shape.index[spec.shape.primary]
            bare = {"type": "string", "minLength": 1} if primary.kind is Kind.TEXT else \
                {"type": "array", "items": _text_schema(primary)}
            item = {"anyOf": [bare, item]}
        schema = {"type": "array", "items": item}
        if spec.min_items:
            schema["minItems"] = spec.min_items
    elif spec.kind is Kind.MAP:
        schema = {"type": "object", "additionalProperties": _object_schema(spec.shape)}
    else:
        schema = dict(_SCALAR_TYPES[spec.kind])
    doc = f"{spec.doc}（只能写 true 或 false）" if spec.kind is Kind.BOOL else spec.doc
    return {"description": doc, **schema}
