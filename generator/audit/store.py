"""Messages held on disk while the audit runs, and given back per buyer in time order.

A record export is in file order, not per conversation, and a month of a busy shop is millions
of rows: DuckDB sorts them out of core (its memory is capped; it spills to a temporary folder),
so the audit's memory stays the same whatever the number of messages."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import duckdb
import numpy as np

from generator.audit.records import Message

BATCH = 50_000
MEMORY_LIMIT = "128MB"
_COLUMNS = {"file": "INTEGER", "row": "INTEGER", "time": "DOUBLE", "buyer": "VARCHAR", "agent": "VARCHAR",
            "role": "VARCHAR", "kind": "VARCHAR", "text": "VARCHAR"}


class MessageStore:
    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="handbook-audit-")
        folder = Path(self._folder.name)
        self._db = duckdb.connect(str(folder / "messages.duckdb"))
        self._db.execute(f"SET memory_limit='{MEMORY_LIMIT}'; SET threads=2; "
                         f"SET temp_directory='{folder / 'spill'}'; SET preserve_insertion_order=false")
        columns = ", ".join(f"{name} {kind}" for name, kind in _COLUMNS.items())
        self._db.execute(f"CREATE TABLE messages ({columns})")
        self.count = 0

    def __enter__(self) -> MessageStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self._db.close()
        self._folder.cleanup()

    def add_all(self, stream: Iterable[Message], every: int = BATCH) -> None:
        batch: list[Message] = []
        for message in stream:
            batch.append(message)
            if len(batch) == every:
                self._insert(batch)
                batch = []
        if batch:
            self._insert(batch)

    def _insert(self, batch: list[Message]) -> None:
        columns = zip(*batch, strict=True)
        arrays = {name: np.array(values, dtype=object if kind == "VARCHAR" else None)
                  for (name, kind), values in zip(_COLUMNS.items(), columns, strict=True)}
        self._db.register("batch", arrays)
        self._db.execute("INSERT INTO messages SELECT * FROM batch")
        self._db.unregister("batch")
        self.count += len(batch)

    def conversations(self) -> Iterator[list[Message]]:
        """Each buyer's messages in time order (ties in file order), buyer after buyer."""
        cursor = self._db.execute("SELECT * FROM messages ORDER BY buyer, time, file, row")
        rows = _rows(cursor)
        for _buyer, group in groupby(rows, key=itemgetter(3)):
            yield list(group)


def _rows(cursor: duckdb.DuckDBPyConnection) -> Iterator[Message]:
    while chunk := cursor.fetchmany(BATCH):
        yield from map(Message._make, chunk)
