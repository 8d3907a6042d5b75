"""Consultations and turns: one buyer's messages cut the way the platforms' response-time rules
cut them (see AUDIT.md and the README's 质检 section).

A consultation starts with a buyer's message and ends when an agent's reply is followed by more
than the session timeout of quiet; a turn runs from the buyer's first message after the agent's
last reply to the agent's next reply. Fully automatic bot replies and system messages are left
out on both sides."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from generator.audit.records import Message

UNTIMED_ROLES = ("bot", "system")


@dataclass
class Turn:
    asked: list[Message]  # the buyer's messages of the turn, the first one starts it
    reply: Message | None = None

    @property
    def start(self) -> float:
        return self.asked[0].time

    @property
    def response(self) -> float | None:
        return None if self.reply is None else self.reply.time - self.start

    @property
    def agent(self) -> str:
        return self.reply.agent if self.reply else self.asked[0].agent


@dataclass
class Consultation:
    turns: list[Turn] = field(default_factory=list)

    @property
    def opening(self) -> Message:
        return self.turns[0].asked[0]

    @property
    def first_reply(self) -> Message | None:
        return self.turns[0].reply

    @property
    def first_response(self) -> float | None:
        return self.turns[0].response

    @property
    def agent(self) -> str:
        return self.turns[0].agent

    @property
    def answered(self) -> bool:
        return self.first_reply is not None


def is_timed(message: Message) -> bool:
    return message.role not in UNTIMED_ROLES and message.kind != "system"


def consultations(messages: Iterable[Message], timeout: float) -> Iterator[Consultation]:
    """The consultations of one buyer's messages, given in time order."""
    current: Consultation | None = None
    turn: Turn | None = None
    last: Message | None = None
    for message in filter(is_timed, messages):
        quiet = last is not None and last.role == "agent" and message.time - last.time > timeout
        if message.role == "buyer":
            if current is None or quiet:
                if current is not None:
                    yield current
                current, turn = Consultation(), None
            if turn is None:
                turn = Turn([message])
                current.turns.append(turn)
            else:
                turn.asked.append(message)
        elif current is not None and not quiet:
            if turn is not None:
                turn.reply = message
                turn = None
        elif quiet and current is not None:  # the consultation had ended: this one is proactive
            yield current
            current, turn = None, None
        last = message
    if current is not None:
        yield current
