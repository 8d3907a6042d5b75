"""Text from a source file or a spreadsheet, made safe to print: a control character (an ESC that
clears the screen or retitles the window, a line break that starts a fake finding) is shown as
its escape, never sent to the terminal as it is."""

from __future__ import annotations

import json
import re

CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")  # a tab stays a tab
NAMES = {"\n": "\\n", "\r": "\\r"}


def shown(text: str) -> str:
    return CONTROL.sub(lambda m: NAMES.get(m.group(), f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                                          else f"\\u{ord(m.group()):04x}"), text)


def path_shown(path: str) -> str:
    """A file path for `file:line:column` output: quoted when it holds what would split the record."""
    return json.dumps(path, ensure_ascii=False) if CONTROL.search(path) or ":" in path or '"' in path else path
