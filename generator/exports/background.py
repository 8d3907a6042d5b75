"""The quick-phrase files made in a helper process (`generator.helpers`) while the main one builds
the site, so that on two cores they cost a build almost no time (measured at 10,000 entries: the
13 files take about 3 s in the main process, a quarter of a build after a one-entry edit).

The helper gets a copy of what the files show, in plain strings, the file:line of every reply (a
source string knows its file and would drag the whole file along) and the pinyin initials of every
title (read here, where pinyin's dictionaries are loaded for the search index anyway: loading them
again made the helper 140 MB bigger, and a cold build's peak over 1 GB). The library's JSON needs
every field of every entry, so it is still made in the main process. So is everything of a library
with more than `MAX_REPLIES` replies: the helper's copy grows with the library, and at 100,000
entries the main process's own peak (the search index) would leave no room for it under 2 GB.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import replace

from generator.errors import BuildError
from generator.exports.codes import title_initials
from generator.exports.phrases import ExportOptions, LibraryIndex, reply_places
from generator.exports.profiles import Profile
from generator.exports.run import TargetOutput, export_targets
from generator.helpers import HELPERS
from generator.model import Category, CheckSettings, Entry, Library, Placeholder, Reply

# At 10,000 entries (19,842 replies) the copy is 5 MB pickled and the helper peaks at 135 MB; at
# 100,000, scaled, about 1 GB beside the main process's 1.8 GB (an estimate, not measured).
MAX_REPLIES = 40_000
IN_MAIN = ("json",)  # formats that read the whole library


class PendingExports:
    """The files of `profiles` being made in a helper; `result()` gives them by profile id."""

    def __init__(self, future: Future) -> None:
        self._future = future

    def result(self) -> dict[str, list[TargetOutput]]:
        """By profile id; empty when the helper could not make them (the caller makes them then).
        A problem with the library itself (a BuildError) is raised as the main process would."""
        try:
            return self._future.result()
        except BuildError:
            raise
        except Exception:  # no helper could start, or one died: nothing lost but time
            return {}
        finally:
            HELPERS.release()


def start_exports(library: Library, profiles: Sequence[Profile], options: ExportOptions) -> PendingExports | None:
    """The files of those `profiles` a helper can make, started; None when they are better made here."""
    helped = [p for p in profiles if p.format not in IN_MAIN]
    replies = sum(len(e.approved) for e in library.entries)
    if not helped or replies > MAX_REPLIES or (os.cpu_count() or 1) < 2:
        return None
    HELPERS.hold()
    try:
        plain_options = replace(options, variables={str(k): str(v) for k, v in options.variables.items()})
        future = HELPERS.submit(make_exports, plain_library(library), reply_places(library), titles_read(library),
                                helped, plain_options)
    except Exception:  # e.g. no process can be started here
        HELPERS.release()
        return None
    return PendingExports(future)


def make_exports(library: Library, places: Sequence[Sequence[str]], initials: Mapping[str, str],
                 profiles: Sequence[Profile], options: ExportOptions) -> dict[str, list[TargetOutput]]:
    """In the helper: every profile's outputs, by profile id."""
    index = LibraryIndex(library, places, initials)
    return {p.id: export_targets(library, [p], options, index) for p in profiles}


def titles_read(library: Library) -> dict[str, str]:
    """Each title's initials, the codes' stem."""
    return {title: title_initials(title) for title in {str(e.title) for e in library.entries}}


def plain_library(library: Library) -> Library:
    """What the phrase files read of a library, as plain strings."""
    return Library(
        title=str(library.title),
        categories=[Category(str(c.id), str(c.title)) for c in library.categories],
        placeholders={str(n): Placeholder(str(n), "", scope=str(p.scope)) for n, p in library.placeholders.items()},
        policies=[], lexicon=[], entries=[_plain_entry(e) for e in library.entries],
        settings=CheckSettings(), root=library.root)


def _plain_entry(entry: Entry) -> Entry:
    return Entry(id=str(entry.id), title=str(entry.title), scenario=str(entry.scenario), category=str(entry.category),
                 approved=[Reply(str(r.text), None if r.shortcut is None else str(r.shortcut)) for r in entry.approved],
                 channels=[str(c) for c in entry.channels])
