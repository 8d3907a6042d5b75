"""The reply checks and the near-duplicate search, fed file by file while the source loads.

On a large source a second process does this work while the parent is still loading: it
runs the reply checks (`REPLY_CHECKS`: wording, length, typography, placeholders in replies)
on each file's entries as they arrive, and folds and sketches their replies for the
near-duplicate search. Afterwards both processes search for near-duplicates, the parent once
its own checks are done, each taking the next block of replies until none is left. On a small
source, without `fork`, or if the child fails, the same code runs in this process instead, so
the findings are the same either way.

The reply checks see, per entry, only its replies (with their positions), its own forbidden
wording and its channels, plus the settings files: those are what they check.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from generator.lint.checks import references, similarity, typography, wording
from generator.lint.checks.context import Check, Context, unreadable_settings
from generator.lint.registry import Finding
from generator.model import Entry, Forbidden, Library, Reply, build_library, entries_of
from generator.parallel import Worker
from generator.source.loader import load_source
from generator.source.positions import Loc, Text
from generator.source.reading import SourceFile
from generator.source.schema import ROOT_FILES
from generator.text.normalize import normalize

if TYPE_CHECKING:
    from generator.source.loader import LoadedFile

PARALLEL_FROM_BYTES = 1_000_000  # source size from which a second process saves more than it costs

REPLY_CHECKS: tuple[Check, ...] = (
    references.check_reply_placeholders,
    wording.check_wording,
    wording.check_length,
    typography.check_typography,
)

ReplyData = tuple[str, int, int, str, str | None]  # text, span in the file, style, shortcut
EntryData = tuple[list[ReplyData], list[tuple[str, str, str]], list[str]]  # replies, forbidden, channels
FileData = tuple[str, str, list[EntryData]]  # path, text, entries
Index = tuple[list[Finding], similarity.Corpus, list[tuple[int, int]]]  # + (entry, reply) of each text


def check_replies(library: Library, context: Context) -> Iterator[Finding]:
    return context.replies.findings(library)


class ReplyWork:
    def __init__(self, root: Path, today: dt.date, parallel: bool) -> None:
        self.root, self.today = root, today
        self.entries: list[Entry] = []  # built file by file as they load: the library's entries
        self._blocks = similarity.Blocks(parallel)  # made before the fork: both processes draw from it
        self._worker: Worker[FileData, Index | list[similarity.Pair]] = Worker(self._work, parallel)

    @classmethod
    def for_source(cls, root: Path, today: dt.date) -> ReplyWork:
        size = sum(path.stat().st_size for path in root.rglob("*.y*ml") if path.is_file())
        return cls(root, today, parallel=size >= PARALLEL_FROM_BYTES)

    def add_file(self, item: LoadedFile) -> None:
        entries = entries_of(item)
        self.entries.extend(entries)
        self._worker.send((item.source.rel, item.source.text, [_entry_data(entry) for entry in entries]))

    def findings(self, library: Library) -> Iterator[Finding]:
        """Ends the input now; the findings are complete when read."""
        self._worker.end_of_input()
        return self._findings(library)

    def _findings(self, library: Library) -> Iterator[Finding]:
        try:
            reply_findings, corpus, searched = self._worker.receive()
            found = sorted(corpus.pairs(self._blocks.take()) + self._worker.receive())
        finally:
            self.stop()
        yield from reply_findings
        entries = library.entries
        replies = [(entries[entry], entries[entry].approved[reply]) for entry, reply in searched]
        yield from similarity.near_duplicate_findings(replies, found)

    def _work(self, files: Iterable[FileData]) -> Iterator[Index | list[similarity.Pair]]:
        """The second process's side (or this one's, without it)."""
        loaded = load_source(self.root, only=ROOT_FILES)  # the settings files, read here too
        settings = build_library(loaded)
        context = Context(self.today, self, unreadable_settings(loaded))
        findings: list[Finding] = []
        searched: list[tuple[int, int]] = []  # (entry, reply) of each text in the search
        texts: list[str] = []
        owners: list[int] = []
        grams: list[set[int]] = []
        usage: Counter[int] = Counter()
        owner = 0
        for rel, text, entries in files:
            part = replace(settings, entries=[_entry(SourceFile(rel, text), data) for data in entries])
            findings.extend(chain.from_iterable(check(part, context) for check in REPLY_CHECKS))
            for entry in part.entries:
                for number, reply in enumerate(entry.approved):
                    folded = normalize(reply.text).text
                    if len(folded) >= similarity.MIN_LENGTH:
                        searched.append((owner, number))
                        texts.append(folded)
                        owners.append(owner)
                        grams.append(found := similarity.grams(folded))
                        usage.update(found)
                owner += 1
        corpus = similarity.Corpus(texts, owners, settings.settings.near_duplicate / 100, grams, usage)
        self._blocks.deal(len(texts))
        yield findings, corpus, searched
        yield corpus.pairs(self._blocks.take())

    def stop(self) -> None:
        self._worker.stop()
        self._blocks.close()


def _entry_data(entry: Entry) -> EntryData:
    """What the reply checks read of an entry, as plain data (cheap to send to another process)."""
    replies = [(str(reply.text), reply.text.loc.start, reply.text.loc.end, reply.text.loc.style,
                reply.shortcut and str(reply.shortcut)) for reply in entry.approved]
    forbidden = [(str(f.text), str(f.reason), str(f.instead)) for f in entry.forbidden]
    return replies, forbidden, [str(channel) for channel in entry.channels]


def _entry(source: SourceFile, data: EntryData) -> Entry:
    replies, forbidden, channels = data
    return Entry(id="", title="", scenario="", category="",
                 approved=[Reply(Text(text, Loc((source, start, end, style))), shortcut)
                           for text, start, end, style, shortcut in replies],
                 forbidden=[Forbidden(*item) for item in forbidden], channels=channels)
