"""Traditional Chinese variants: a converted copy of the whole source folder (OpenCC).

The copy is an ordinary source folder, so the normal pipeline (check, build, sheets, exports)
runs on it and the same rules apply: the lexicon is converted with the same converter as the
replies. What is converted is Chinese text in values (and comments); keys, ids, shortcut codes,
dates, URLs, channel names and rule codes stay byte for byte. Placeholder names are converted on
their own, never inside a phrase, so `{店铺名称}` in a reply and its declaration in
handbook.yaml always agree. Line structure is kept, so findings on the copy point at the same
lines as in the original.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

import opencc
import yaml

from generator.errors import UsageError
from generator.releases.manifest import Manifest, ManifestEntry, content_hash
from generator.source.reading import DecodeProblem, decode, is_yaml
from generator.source.schema import CODE_KEYS
from generator.text.placeholders import SLOT
from generator.variant.names import variant

PLACEHOLDER_MAP_KEY = "placeholders"  # in handbook.yaml: its keys are placeholder names, converted

ROUND_TRIP_FILE = "roundtrip.yaml"  # documented differences of a round trip


# Words a phrase table turns into something a customer-service text does not mean (感谢您的支持 is
# not 支援, 活动项目 not 專案, 相关文件 not 檔案): they are converted character by character only.
KEEP_WORDS = {"s2twp": ("支持", "项目", "文件")}


class Converter:
    """OpenCC's conversion `config`, except for the config's KEEP_WORDS."""

    def __init__(self, config: str) -> None:
        self._phrases = opencc.OpenCC(config)
        keep = KEEP_WORDS.get(config, ())
        self._keep = re.compile("|".join(map(re.escape, keep))) if keep else None
        self._characters = opencc.OpenCC("s2t")

    def convert(self, text: str) -> str:
        if self._keep is None or not self._keep.search(text):
            return self._phrases.convert(text)
        parts, last = [], 0
        for match in self._keep.finditer(text):
            parts += [self._phrases.convert(text[last:match.start()]), self._characters.convert(match.group())]
            last = match.end()
        parts.append(self._phrases.convert(text[last:]))
        return "".join(parts)


@cache
def converter(config: str) -> Converter:
    return Converter(config)


@cache
def _convert_name(config: str, name: str) -> str:
    return converter(config).convert(name)


@cache
def round_trip_exceptions(back: str) -> dict[str, dict[str, list[str]]]:
    """The documented one-to-many characters and phrases of a way back (see the data file)."""
    text = (resources.files("generator.variant") / ROUND_TRIP_FILE).read_text("utf-8")
    return yaml.safe_load(text)[back]


def round_trip_canonical(text: str, variant_name: str) -> str:
    """`text` with every documented alternative replaced by its simplified original, so that
    an original and its round trip compare equal unless they differ in an undocumented way."""
    exceptions = round_trip_exceptions(variant(variant_name).back)
    for kind in ("phrases", "characters"):
        for original, alternatives in exceptions[kind].items():
            for alternative in alternatives:
                text = text.replace(alternative, original)
    return text


def convert_text(text: str, config: str) -> str:
    """Convert free text; placeholder names inside `{…}` are converted on their own."""
    parts = SLOT.split(text)  # even indexes: text, odd indexes: slot names
    convert = converter(config).convert
    return "".join(convert(part) if index % 2 == 0 else "{" + _convert_name(config, part) + "}"
                   for index, part in enumerate(parts))


def convert_yaml(text: str, config: str, rel: str) -> str:
    """Convert a YAML file's text, leaving keys and code values untouched (layout is kept)."""
    kept, names = _spans(text, rel)
    pieces: list[str] = []
    position = 0
    for start, end, is_name in sorted([(s, e, False) for s, e in kept] + [(s, e, True) for s, e in names]):
        pieces.append(convert_text(text[position:start], config))
        pieces.append(_convert_name(config, text[start:end]) if is_name else text[start:end])
        position = end
    pieces.append(convert_text(text[position:], config))
    return "".join(pieces)


Span = tuple[int, int]


def _spans(text: str, rel: str) -> tuple[list[Span], list[Span]]:
    """(spans kept as they are, spans that are placeholder names). A file that does not parse is
    converted whole: the check then reports its syntax error at the same line."""
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return [], []
    kept: list[Span] = []
    names: list[Span] = []
    if root is not None:
        _walk(root, kept, names, names_here=False, top=rel == "handbook.yaml")
    # OpenCC never changes ASCII: only spans with other characters need protecting, and fewer
    # spans mean fewer, longer conversion calls (10,000-entry libraries).
    return [(s, e) for s, e in kept if not text[s:e].isascii()], names


def _span(node: yaml.Node) -> Span:
    return node.start_mark.index, node.end_mark.index


def _walk(node: yaml.Node, kept: list[Span], names: list[Span], names_here: bool, top: bool) -> None:
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _walk(item, kept, names, names_here=False, top=False)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            (names if names_here else kept).append(_span(key))
            key_text = key.value if isinstance(key, yaml.ScalarNode) else ""
            if key_text in CODE_KEYS and not names_here:
                kept.extend(_scalar_spans(value))
            else:
                _walk(value, kept, names, names_here=top and key_text == PLACEHOLDER_MAP_KEY, top=False)


def _scalar_spans(node: yaml.Node) -> list[Span]:
    if isinstance(node, yaml.ScalarNode):
        return [_span(node)]
    children = node.value if isinstance(node, yaml.SequenceNode) else [v for pair in node.value for v in pair]
    return [span for child in children for span in _scalar_spans(child)]


def convert_manifest(manifest: Manifest, variant_name: str) -> Manifest:
    """A release manifest as it reads in a variant, so a converted build compares like with like."""
    config = variant(variant_name).config
    return replace(manifest, entries={key: _convert_entry(item, config) for key, item in manifest.entries.items()})


def _convert_entry(item: ManifestEntry, config: str) -> ManifestEntry:
    if item.content is None:
        return replace(item, title=convert_text(item.title, config))
    content = _convert_values(item.content, config)
    return replace(item, title=content["title"], hash=content_hash(content), content=content)


def _convert_values(value: object, config: str, key: str = "") -> object:
    if isinstance(value, dict):
        return {k: _convert_values(v, config, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_convert_values(v, config, key) for v in value]
    if isinstance(value, str) and key not in CODE_KEYS and key != "category":
        return convert_text(value, config)
    return value


def convert_source(src: Path, dest: Path, variant_name: str) -> None:
    """Write a converted copy of the source folder `src` into `dest` (absent or empty)."""
    config = variant(variant_name).config
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise UsageError(f"输出文件夹 {dest} 已存在且不是空的")
    if dest.resolve().is_relative_to(src.resolve()):
        raise UsageError(f"输出文件夹 {dest} 不能放在源文件夹 {src} 里面")
    top = src.resolve()
    for path in sorted(src.rglob("*")):
        target = dest / path.relative_to(src)
        if path.is_symlink() and not path.resolve().is_relative_to(top):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path.resolve())  # never read: the copy's check reports it as the original's does
            continue
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        raw = path.read_bytes()
        text = decode(raw) if is_yaml(path) else None
        if text is None or isinstance(text, DecodeProblem):  # not YAML, or unreadable: the check reports it
            shutil.copyfile(path, target)
            continue
        rel = path.relative_to(src).as_posix()
        target.write_text(convert_yaml(text, config, rel), "utf-8", newline="")
