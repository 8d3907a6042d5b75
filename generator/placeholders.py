"""Placeholder slots `{名称}` in reply text: find, fill, strip."""

from __future__ import annotations

import re
from collections.abc import Mapping

SLOT = re.compile(r"\{([^{}\s]+)\}")


def slot_names(text: str) -> list[str]:
    """Distinct slot names in order of first appearance."""
    return list(dict.fromkeys(SLOT.findall(text)))


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace the slots that have a value; the others stay as `{名称}`."""
    return SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), text)

