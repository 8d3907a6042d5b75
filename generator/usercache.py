"""The user's cache folder ($XDG_CACHE_HOME or ~/.cache, then handbook/): what one build worked out
that the next one can take over (typeset sheets, pinyin readings). Never an output and never in the
source folder or the site: a folder that cannot be written, or a damaged file in it, only means
working it out again."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder(kind: str) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "handbook" / kind
