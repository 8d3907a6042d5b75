"""Helpers shared by the export and import tests."""

from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).parent
FIXTURE = HERE / "fixture"
EXTRA = HERE / "extra"
VARS = ["--var", "店铺名称=小蓝鲸旗舰店", "--var", "客服工号=1024"]
LONG_REPLY = "亲，" + "这是一段很长的说明文字，" * 45 + "谢谢。"


def source_replies(src: Path, channel: str = "chat") -> list[tuple[str, str, str, str | None]]:
    """(category title, entry id, reply text, explicit shortcut) straight from the YAML files, in
    handbook order — independent of the exporter's own model."""
    settings = yaml.safe_load((src / "handbook.yaml").read_text("utf-8"))
    rows = []
    for category in settings["categories"]:
        for path in sorted((src / category["id"]).glob("*.yaml")):
            for entry in yaml.safe_load(path.read_text("utf-8"))["entries"]:
                if channel not in entry.get("channels", ["chat", "phone"]):
                    continue
                for reply in entry["approved"]:
                    text, code = (reply["text"], reply.get("shortcut")) if isinstance(reply, dict) else (reply, None)
                    rows.append((category["title"], entry["id"], text, code))
    return rows


def filled(text: str) -> str:
    return text.replace("{店铺名称}", "小蓝鲸旗舰店").replace("{客服工号}", "1024")
