"""Writing source YAML as a trainer would (`handbook new`, `handbook import`): the editor's schema
line first, an entry's keys in the schema's order, values plain unless YAML would read them as
something else, lists of words in brackets, multi-line text as a literal block."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import yaml

from generator.source.schema import ENTRY, Kind

SCHEMA_LINE = "# yaml-language-server: $schema=../.schema/entries.schema.json"
TODO = "待填写："  # what `handbook new` and `handbook import` leave for a person to write (rule M003)
TODO_MARKERS = (TODO, "待补充：")  # 待补充 is what earlier imports wrote

Record = Mapping[str, object]


def todo(what: str) -> str:
    """A value still to be written by a person: `待填写：` and what belongs there."""
    return TODO + what


def entries_file(entries: Sequence[Record]) -> str:
    """A whole entry file."""
    return SCHEMA_LINE + "\nentries:\n" + "\n\n".join(entry_yaml(e) for e in entries) + "\n"


def entry_yaml(entry: Record, indent: str = "  ") -> str:
    """One entry as an item of the `entries:` list, without a final line break."""
    lines: list[str] = []
    for spec in ENTRY.fields:
        if spec.name not in entry:
            continue
        key = f"{indent}- {spec.name}" if not lines else f"{indent}  {spec.name}"
        value = entry[spec.name]
        if spec.kind is Kind.LIST and value:
            lines.append(f"{key}:")
            lines += [line for item in value for line in _list_item(item, indent + "    ")]  # type: ignore[attr-defined]
        elif isinstance(value, list | tuple):
            lines.append(f"{key}: {_flow(list(value))}")
        else:
            lines.append(f"{key}: {scalar(value, indent + '  ')}")
    return "\n".join(lines)


def _list_item(item: object, indent: str) -> list[str]:
    """`- text` for a bare item, `- key: value` lines for a record."""
    if not isinstance(item, Mapping):
        return [f"{indent}- {scalar(item, indent + '  ')}"]
    return [f"{indent}{'- ' if n == 0 else '  '}{key}: {scalar(value, indent + '  ')}"
            for n, (key, value) in enumerate(item.items())]


def scalar(value: object, indent: str) -> str:
    """A YAML value that reads back as exactly `value`: dates and flags as YAML writes them, text
    plain where it can be (quoted otherwise), multi-line text as a literal block under `indent`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if "\n" in text and _literal_safe(text):
        first = next(line for line in text.split("\n") if line)
        indicator = "2" if first[0] == " " else ""  # content indentation cannot be guessed
        lines = [f"{indent}  {line}" if line else "" for line in text.split("\n")]
        return f"|{indicator}-\n" + "\n".join(lines)
    return _dumped(text)


def _flow(items: list[object]) -> str:
    """A list in brackets; items with commas or brackets are quoted (a plain scalar would split)."""
    return _dumped([str(item) for item in items])


def _dumped(value: object) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").rstrip("\n")


def _literal_safe(value: str) -> bool:
    printable = all(c == "\n" or c == "\t" or c.isprintable() for c in value)
    ends_cleanly = not value.endswith((" ", "\n"))  # `|-` keeps no trailing space or newline reliably
    return printable and value.strip(" \n") != "" and ends_cleanly
