"""One audit: read the records, walk each buyer's conversation in time order, and gather what
the report says — KPIs, wording findings, adoption and the questions the handbook lacks."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.audit.adoption import AdoptionMatcher
from generator.audit.checks import ChatChecker
from generator.audit.gaps import GapReport, Openings, find_gaps
from generator.audit.kpi import KpiCounter, day_of
from generator.audit.privacy import mask_account, mask_text
from generator.audit.profiles import RecordProfile
from generator.audit.records import EPOCH, Message, RecordFile, all_messages
from generator.audit.store import MessageStore
from generator.audit.timing import consultations
from generator.model import Library
from generator.text.progress import Progress

EXAMPLES_PER_RULE = 50  # findings shown in the report per rule; the CSV and XLSX hold them all

Search = Callable[[Sequence[str]], Sequence[tuple[bool, tuple[str, ...]]]]


@dataclass(frozen=True)
class ChatFinding:
    code: str
    level: str
    message: str
    term: str
    instead: str
    entry: str
    where: str  # file, sheet, row
    file: str
    sheet: str
    row: int
    column: int  # of the first marked character in the message, from 1
    agent: str
    time: str
    buyer: str  # masked
    text: str  # masked, same length as the original
    start: int
    end: int
    context: str  # the buyer's message before it, masked


@dataclass
class Adoption:
    agent_messages: Counter[str] = field(default_factory=Counter)
    adopted: Counter[str] = field(default_factory=Counter)
    uses: Counter[tuple[str, int]] = field(default_factory=Counter)


@dataclass
class AuditResult:
    files: list[RecordFile]
    profile: RecordProfile
    messages: Counter[str]  # by role
    days: list[str]
    kpi: dict
    finding_counts: Counter[tuple[str, str]]  # (code, level)
    examples: dict[str, list[ChatFinding]]
    adoption: Adoption
    matcher: AdoptionMatcher
    gaps: GapReport | None
    warnings: list[str]

    @property
    def total_findings(self) -> int:
        return sum(self.finding_counts.values())


def audit(paths: Sequence[Path], library: Library, profiles: Sequence[RecordProfile], chosen: RecordProfile | None,
          search: Search | None, spool: Callable[[ChatFinding], None]) -> AuditResult:
    """`spool` receives every finding as it is found (the tables are written from it)."""
    warnings: list[str] = []
    files, stream, total = all_messages(paths, profiles, chosen, warnings.append)
    profile = files[0].profile
    walk = _Walk(library, files, profile, spool)
    with MessageStore() as store:
        reading = Progress("读取聊天记录", total)
        store.add_all(_counted(stream, reading, walk.messages))
        reading.finish()
        checking = Progress("检查对话", store.count)
        for conversation in store.conversations():
            walk.buyer(conversation)
            checking.advance(len(conversation))
        checking.finish()
    gaps = find_gaps(walk.openings, search) if search else None
    return AuditResult(files, profile, walk.messages, sorted(walk.days), walk.kpi.summary(), walk.counts,
                       walk.examples, walk.adoption, walk.matcher, gaps, warnings)


def _counted(stream: Iterator[Message], progress: Progress, by_role: Counter[str]) -> Iterator[Message]:
    for message in stream:
        by_role[message.role] += 1
        progress.advance()
        yield message


class _Walk:
    """The per-buyer pass: every check that needs a conversation in order."""

    def __init__(self, library: Library, files: list[RecordFile], profile: RecordProfile,
                 spool: Callable[[ChatFinding], None]) -> None:
        self.files, self.profile, self.spool = files, profile, spool
        self.checker = ChatChecker(library)
        self.matcher = AdoptionMatcher(library)
        self.kpi = KpiCounter(profile)
        self.openings = Openings()
        self.adoption = Adoption()
        self.messages: Counter[str] = Counter()
        self.counts: Counter[tuple[str, str]] = Counter()
        self.examples: dict[str, list[ChatFinding]] = defaultdict(list)
        self.days: set[str] = set()

    def buyer(self, conversation: list[Message]) -> None:
        found = list(consultations(conversation, self.profile.session_timeout))
        self.kpi.add_buyer(found)
        for consultation in found:
            asked = (m for turn in consultation.turns for m in turn.asked if m.kind == "text" and m.text.strip())
            if (opening := next(asked, None)) is not None:
                self.openings.add(mask_text(opening.text))
        asked = ""
        for message in conversation:
            self.days.add(day_of(message.time))
            if message.kind != "text":
                continue
            if message.role == "buyer":
                asked = message.text
            elif message.role == "agent":
                self._agent_message(message, asked)

    def _agent_message(self, message: Message, asked: str) -> None:
        agent = message.agent or "（未填客服）"
        self.adoption.agent_messages[agent] += 1
        template = self.matcher.match(message.text)
        if template is not None:
            self.adoption.adopted[agent] += 1
            self.adoption.uses[(template.entry, template.index)] += 1
        for hit in self.checker.hits(message.text):
            record = self.files[message.file]
            finding = ChatFinding(
                hit.code, hit.level, mask_text(hit.message), mask_text(hit.term), hit.instead, hit.entry,
                record.where(message.row), str(record.path), record.sheet, message.row, hit.start + 1, agent,
                _clock(message.time), mask_account(message.buyer), mask_text(message.text), hit.start, hit.end,
                mask_text(asked))
            self.counts[(hit.code, hit.level)] += 1
            if len(self.examples[hit.code]) < EXAMPLES_PER_RULE:
                self.examples[hit.code].append(finding)
            self.spool(finding)


def _clock(moment: float) -> str:
    return (EPOCH + dt.timedelta(seconds=round(moment))).strftime("%Y-%m-%d %H:%M:%S")
