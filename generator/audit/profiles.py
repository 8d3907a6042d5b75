"""Record profiles: which column of an exported chat record holds what, described as data.

A profile is a small YAML file (the shipped ones live in `profiles/`; a team passes its own with
`--profile`). Keys:

    id, label                    required
    columns: {time, buyer, agent, role, text, type}
                                 the header of each column; `type` is optional (every message text)
    sheet                        for XLSX: the sheet that holds the messages (default: the first
                                 sheet whose header has every column)
    roles: {value: agent | buyer | bot | system}
                                 what the sender column says; an unknown value is an error
    types: {value: text | image | card | system}
                                 message types; only text is checked for wording
    timezone                     the records' local time (default Asia/Shanghai)
    session_timeout              seconds of quiet after an agent's reply that end a consultation (600)
    hours: {taobao, jd, douyin, pdd}
                                 each platform's service window, "08:00-23:00"
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.audit import PLATFORMS
from generator.errors import UsageError
from generator.source.config import parse_config, read_config
from generator.text.suggest import closest

KIND = "记录配置"
COLUMNS = ("time", "buyer", "agent", "role", "text", "type")
REQUIRED_COLUMNS = ("time", "buyer", "role", "text")
ROLES = ("agent", "buyer", "bot", "system")
TYPES = ("text", "image", "card", "system")
DEFAULT_HOURS = {"taobao": "08:00-23:00", "jd": "09:00-23:00", "douyin": "08:00-23:00", "pdd": "08:00-23:00"}
_KEYS = ("id", "label", "columns", "sheet", "roles", "types", "timezone", "session_timeout", "hours")
_WINDOW = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})")


@dataclass(frozen=True)
class Window:
    """A service window as seconds after midnight, [start, end); end may be 24:00."""
    start: int
    end: int

    def holds(self, second_of_day: int) -> bool:
        return self.start <= second_of_day < self.end


@dataclass(frozen=True)
class RecordProfile:
    id: str
    label: str
    columns: dict[str, str]
    roles: dict[str, str]
    types: dict[str, str] = field(default_factory=dict)
    sheet: str = ""
    timezone: str = "Asia/Shanghai"
    session_timeout: int = 600
    hours: dict[str, Window] = field(default_factory=dict)
    origin: str = ""

    @property
    def headers(self) -> list[str]:
        return list(self.columns.values())

    def matches(self, header: list[str]) -> bool:
        return set(self.headers) <= set(header)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def shipped_profiles() -> dict[str, RecordProfile]:
    folder = resources.files("generator.audit") / "profiles"
    found = [parse_profile(item.read_text("utf-8"), f"profiles/{item.name}")
             for item in sorted(folder.iterdir(), key=lambda p: p.name) if item.name.endswith(".yaml")]
    return {p.id: p for p in found}


def load_profile_file(path: Path) -> RecordProfile:
    return parse_profile(read_config(path, KIND), str(path))


def parse_profile(text: str, origin: str) -> RecordProfile:
    data = parse_config(text, origin, KIND)
    _check_keys(data, _KEYS, origin, KIND)
    for key in ("id", "label", "columns", "roles"):
        if not data.get(key):
            raise UsageError(f"{origin}: 记录配置缺少 {key}")
    columns = _mapping(data, "columns", origin)
    _check_keys(columns, COLUMNS, origin, "columns")
    if missing := [c for c in REQUIRED_COLUMNS if not columns.get(c)]:
        raise UsageError(f"{origin}: columns 缺少 {'、'.join(missing)}")
    roles = _values(_mapping(data, "roles", origin), ROLES, origin, "roles")
    types = _values(_mapping(data, "types", origin), TYPES, origin, "types")
    profile = RecordProfile(
        id=str(data["id"]), label=str(data["label"]), columns=columns, roles=roles, types=types,
        sheet=str(data.get("sheet") or ""), timezone=str(data.get("timezone") or "Asia/Shanghai"),
        session_timeout=_seconds(data.get("session_timeout", 600), origin),
        hours={p: _window(h, origin) for p, h in (DEFAULT_HOURS | _mapping(data, "hours", origin)).items()},
        origin=origin)
    _check_keys(profile.hours, PLATFORMS, origin, "hours")
    try:
        profile.zone  # noqa: B018 — an unknown zone is the profile's mistake, said now
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"{origin}: timezone「{profile.timezone}」不是已知的时区（如 Asia/Shanghai）") from None
    return profile


def _mapping(data: dict, key: str, origin: str) -> dict[str, str]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise UsageError(f"{origin}: {key} 应是「键: 值」的映射")
    return {str(k): str(v) for k, v in value.items()}


def _check_keys(data: dict, allowed: tuple[str, ...], origin: str, where: str) -> None:
    for key in data:
        if key not in allowed:
            close = closest(str(key), list(allowed))
            hint = f"（是不是 {close}？）" if close else ""
            raise UsageError(f"{origin}: {where} 里没有「{key}」这个键{hint}；可用的键：{'、'.join(allowed)}")


def _values(mapping: dict[str, str], allowed: tuple[str, ...], origin: str, where: str) -> dict[str, str]:
    for key, value in mapping.items():
        if value not in allowed:
            raise UsageError(f"{origin}: {where} 里「{key}」的值「{value}」不可用，可用：{'、'.join(allowed)}")
    return mapping


def _seconds(value: object, origin: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise UsageError(f"{origin}: session_timeout 应是正整数（秒），写的是「{value}」")
    return value


def _window(text: str, origin: str) -> Window:
    match = _WINDOW.fullmatch(str(text).strip())
    if match:
        h1, m1, h2, m2 = map(int, match.groups())
        start, end = h1 * 3600 + m1 * 60, h2 * 3600 + m2 * 60
        if m1 < 60 and m2 < 60 and 0 <= start < end <= 86400:
            return Window(start, end)
    raise UsageError(f"{origin}: hours 里的「{text}」应写成 08:00-23:00 这样的时段")


def window_label(window: Window) -> str:
    return f"{_clock(window.start)}–{_clock(window.end)}"


def _clock(second: int) -> str:
    return (dt.datetime.min + dt.timedelta(seconds=second)).strftime("%H:%M") if second < 86400 else "24:00"
