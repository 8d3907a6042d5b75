"""The release manifest: what every entry looked like in one build or release.

A manifest maps entry id → content hash, title, category, policy ids and `updated`. Release
files (`releases/<date>.json`, written by `handbook release`) also keep each entry's published
content, so later builds can show the wording diff; the site's `manifest.json` leaves it out.

The hash covers what agents see (title, wording, policies, tags …), not review metadata
(`owner`, `updated`, `review_by`): re-dating an entry is not news for the team.
The JSON is deterministic: sorted keys, no timestamps besides the explicit release date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import UsageError
from generator.model import Entry, Library
from generator.reuse import Made, fresh

FORMAT = "handbook-manifest/1"
RELEASES_DIR = "releases"
RELEASE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.json$")


@dataclass(frozen=True)
class ManifestEntry:
    id: str
    hash: str
    title: str
    category: str
    policy: tuple[str, ...]
    updated: str | None  # ISO date
    content: dict | None = None  # the published content (release files only)

    def as_dict(self, with_content: bool) -> dict:
        data = {"hash": self.hash, "title": self.title, "category": self.category,
                "policy": list(self.policy), "updated": self.updated}
        if with_content and self.content is not None:
            data["content"] = self.content
        return data


@dataclass(frozen=True)
class Manifest:
    title: str
    entries: dict[str, ManifestEntry]
    released: str | None = None  # ISO date of a release file
    label: str = field(default="", compare=False)  # where it came from, for messages

    def to_json(self, with_content: bool = False) -> str:
        """One line per entry, so a release file's diff names the entries that changed. (Each line
        comes from json's C encoder; an indented dump is pure Python, 0.6 s for 10,000 entries.)"""
        rows = ",\n".join(f"{_compact(key)}:{_compact(self.entries[key].as_dict(with_content))}"
                          for key in sorted(self.entries))
        rest = _compact({"format": FORMAT, "released": self.released, "title": self.title})
        return f'{{"entries":{{\n{rows}\n}},{rest[1:]}\n'

    def same_content(self, other: Manifest) -> bool:
        return _hashes(self) == _hashes(other)


def _hashes(manifest: Manifest) -> dict[str, str]:
    return {key: item.hash for key, item in manifest.entries.items()}


def entry_content(entry: Entry) -> dict:
    """The published content of an entry as plain JSON data (what the hash covers)."""
    return {
        "category": entry.category,
        "title": str(entry.title),
        "scenario": str(entry.scenario),
        "questions": [str(q) for q in entry.questions],
        "approved": [{"text": str(r.text), "shortcut": r.shortcut and str(r.shortcut)} for r in entry.approved],
        "forbidden": [{"text": str(f.text), "reason": str(f.reason), "instead": str(f.instead)}
                      for f in entry.forbidden],
        "policy": [str(p) for p in entry.policy],
        "tags": [str(t) for t in entry.tags],
        "channels": [str(c) for c in entry.channels],
        "notes": str(entry.notes or ""),
        "top": bool(entry.top),
    }


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(content: dict) -> str:
    return hashlib.sha256(_compact(content).encode("utf-8")).hexdigest()[:16]


def manifest_entry(entry: Entry) -> ManifestEntry:
    content = entry_content(entry)
    return ManifestEntry(
        id=str(entry.id), hash=content_hash(content), title=content["title"], category=entry.category,
        policy=tuple(content["policy"]), updated=entry.updated.isoformat() if entry.updated else None,
        content=content,
    )


def build_manifest(library: Library, label: str = "", released: dt.date | None = None,
                   made: Made = fresh) -> Manifest:
    """`made`: see `generator.reuse` (the preview takes unchanged entries' items over)."""
    entries: dict[str, ManifestEntry] = {}
    for entry in library.entries:  # a duplicate id is a check error
        entries.setdefault(str(entry.id), made(f"manifest:{entry.id}", entry, lambda: manifest_entry(entry)))  # noqa: B023
    return Manifest(library.title, entries, released.isoformat() if released else None, label)


# -- reading manifest files -----------------------------------------------------------------

def read_manifest(path: Path) -> Manifest:
    """A manifest or release file; anything else is a clear usage error."""
    try:
        data = json.loads(path.read_text("utf-8-sig"))
    except OSError as err:
        raise UsageError(f"无法读取清单文件 {path}：{err.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        where = f"第 {err.lineno} 行第 {err.colno} 列：" if isinstance(err, json.JSONDecodeError) else ""
        raise UsageError(f"{path}：{where}不是有效的 JSON 清单文件"
                         "（应由 handbook release 生成，或是网站的 manifest.json）") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
        raise UsageError(f"{path}：不是话术清单文件（缺少 \"format\": \"{FORMAT}\" 或 entries）")
    try:
        entries = {key: _read_entry(key, value) for key, value in data["entries"].items()}
    except (KeyError, TypeError, AttributeError):
        raise UsageError(f"{path}：清单中的话术条目格式不对，文件可能被手工改坏了") from None
    return Manifest(str(data.get("title", "")), entries, data.get("released"), str(path))


def _read_entry(key: str, value: dict) -> ManifestEntry:
    return ManifestEntry(id=key, hash=str(value["hash"]), title=str(value["title"]),
                         category=str(value["category"]), policy=tuple(value.get("policy", ())),
                         updated=value.get("updated"), content=value.get("content"))


# -- releases next to the source folder -----------------------------------------------------

def releases_dir(src: Path) -> Path:
    """`releases/` sits next to the source folder, so the trainer commits it with the source."""
    return src.resolve().parent / RELEASES_DIR


def release_files(src: Path) -> list[tuple[dt.date, Path]]:
    """Release files, oldest first."""
    folder = releases_dir(src)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = RELEASE_NAME.match(path.name)
        if match and path.is_file():
            try:
                found.append((dt.date.fromisoformat(match.group(1)), path))
            except ValueError:
                continue
    return sorted(found)


def latest_release(src: Path) -> tuple[dt.date, Path] | None:
    files = release_files(src)
    return files[-1] if files else None
