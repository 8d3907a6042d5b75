"""What every output is stamped with: the build date and the program's version."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Stamp:
    """The running header and footer of printed sheets: title, date and version."""

    library_title: str
    build_date: dt.date
    version: str


def build_date() -> dt.date:
    """Today, or the date of SOURCE_DATE_EPOCH for reproducible release builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
