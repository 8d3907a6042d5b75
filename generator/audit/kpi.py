"""Response-time KPIs as the platforms define them (AUDIT.md), counted per agent and per day.

Counts are kept as additive tallies per (agent, day); the team's figures and the whole period's
are sums of tallies, and every rate is computed from sums, never averaged from rates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import lru_cache

from generator.audit.profiles import RecordProfile, Window, window_label
from generator.audit.timing import Consultation

DAY = 86_400
THREE_MINUTES = 180
CAP = 600  # 淘宝's average response time caps a turn, and counts an unanswered one, at 10 minutes
JD_FIRST = 30
SEEDS_FIRST = 60
PDD_WAIT = 3_600


@dataclass
class Tally:
    turns: int = 0
    turns_3min: int = 0
    response_capped: float = 0.0
    unanswered_turns: int = 0
    consultations_jd: int = 0
    first_30s: int = 0
    first_jd_total: float = 0.0
    first_jd_answered: int = 0
    buyer_messages: int = 0
    messages_3min: int = 0
    buyers_asked: int = 0
    buyers_valid: int = 0
    consultations: int = 0
    first_60s: int = 0
    unanswered_consultations: int = 0

    def add(self, other: Tally) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def figures(self) -> dict[str, float | int | None]:
        return {
            "turns": self.turns,
            "response_rate_3min": _rate(self.turns_3min, self.turns),
            "avg_response_seconds": _rate(self.response_capped, self.turns),
            "unanswered_turns": self.unanswered_turns,
            "consultations_jd": self.consultations_jd,
            "first_response_rate_30s": _rate(self.first_30s, self.consultations_jd),
            "first_response_avg_seconds": _rate(self.first_jd_total, self.first_jd_answered),
            "buyer_messages": self.buyer_messages,
            "reply_rate_3min_messages": _rate(self.messages_3min, self.buyer_messages),
            "buyers_asked": self.buyers_asked,
            "valid_reply_rate": _rate(self.buyers_valid, self.buyers_asked),
            "consultations": self.consultations,
            "first_reply_60s_rate": _rate(self.first_60s, self.consultations),
            "unanswered_consultations": self.unanswered_consultations,
        }


def _rate(part: float, whole: float) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    platform: str  # taobao | jd | douyin | pdd | seeds
    unit: str  # rate | seconds | count
    definition: str


KPIS = (
    Kpi("turns", "回合数", "taobao", "count",
        "买家在客服上次回复后发出第一条消息，到客服下一次回复，算一个回合；只计服务时段内开始的回合"),
    Kpi("response_rate_3min", "3 分钟人工响应率", "taobao", "rate",
        "淘宝/天猫旺旺：3 分钟内回复的回合 ÷ 全部回合"),
    Kpi("avg_response_seconds", "人工平均响应时长", "taobao", "seconds",
        "淘宝/天猫：每个回合的响应时长之和 ÷ 回合数；单个回合最多算 10 分钟，没有回复的回合按 10 分钟算"),
    Kpi("unanswered_turns", "未回复回合", "taobao", "count", "咨询结束时仍没有客服回复的回合"),
    Kpi("consultations_jd", "咨询数（京东口径）", "jd", "count",
        "京东咚咚：只看每次咨询的首次响应；会话安静 10 分钟后的消息算新咨询；服务时段外开始的咨询不计"),
    Kpi("first_response_rate_30s", "30 秒应答率", "jd", "rate",
        "京东咚咚：首次响应在 30 秒内的咨询 ÷ 咨询数（没有回复的咨询算未达标）"),
    Kpi("first_response_avg_seconds", "首次响应平均时长", "jd", "seconds",
        "京东咚咚：有回复的咨询，首次响应时长的平均值"),
    Kpi("buyer_messages", "买家消息数", "douyin", "count",
        "抖店飞鸽：服务时段内买家发出的消息（不含机器人和系统消息）"),
    Kpi("reply_rate_3min_messages", "3 分钟人工回复率", "douyin", "rate",
        "抖店飞鸽：3 分钟内得到客服回复的买家消息 ÷ 买家消息数"),
    Kpi("buyers_asked", "咨询买家数", "pdd", "count",
        "拼多多：当天在服务时段内发过消息的买家（每人每天算一次）"),
    Kpi("valid_reply_rate", "有效回复率", "pdd", "rate",
        "拼多多：当天每个回合都在 1 小时内得到回复的买家 ÷ 咨询买家数；等了 1 小时以上或没有回复，算未有效回复"),
    Kpi("consultations", "咨询数", "seeds", "count",
        "全天的咨询（不限时段）：买家发起，客服回复后安静 10 分钟即结束"),
    Kpi("first_reply_60s_rate", "60 秒首次回复率", "seeds", "rate",
        "手册的规矩：首次回复在 60 秒内的咨询 ÷ 咨询数（全天）"),
    Kpi("unanswered_consultations", "无人回复的咨询", "seeds", "count", "从头到尾没有客服回复的咨询（全天）"),
)
PLATFORM_NAMES = {"taobao": "淘宝/天猫", "jd": "京东", "douyin": "抖店", "pdd": "拼多多", "seeds": "手册规矩"}


def headline(platform: str) -> list[Kpi]:
    """The KPIs a platform's lead looks at first: that platform's, then the handbook's own."""
    return [k for k in KPIS if k.platform in (platform, "seeds")]


def definition_of(kpi: Kpi, profile: RecordProfile) -> str:
    hours = profile.hours.get(kpi.platform)
    window = f"（服务时段 {window_label(hours)}）" if hours else ""
    return f"{kpi.definition}{window}"


def day_of(moment: float) -> str:
    return _day_name(int(moment // DAY))


@lru_cache(maxsize=4096)
def _day_name(days: int) -> str:
    return (dt.date(1970, 1, 1) + dt.timedelta(days=days)).isoformat()


def _in(window: Window, moment: float) -> bool:
    return window.holds(int(moment % DAY))


class KpiCounter:
    """Tallies per (agent, day), fed one buyer's consultations at a time."""

    def __init__(self, profile: RecordProfile) -> None:
        self.hours = profile.hours
        self.tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)

    def _tally(self, agent: str, moment: float) -> Tally:
        return self.tallies[(agent, day_of(moment))]

    def add_buyer(self, consultations: Iterable[Consultation]) -> None:
        pdd_days: dict[str, tuple[str, bool]] = {}  # day → (agent of the first turn, valid so far)
        pdd_asked: set[str] = set()
        for consultation in consultations:
            self._consultation(consultation)
            for turn in consultation.turns:
                self._turn(turn, pdd_days)
                for message in turn.asked:
                    self._buyer_message(message, turn)
                    if _in(self.hours["pdd"], message.time):
                        pdd_asked.add(day_of(message.time))
        for day in pdd_asked:
            agent, valid = pdd_days.get(day, ("", True))
            tally = self.tallies[(agent, day)]
            tally.buyers_asked += 1
            tally.buyers_valid += valid

    def _consultation(self, consultation: Consultation) -> None:
        start, first = consultation.opening.time, consultation.first_response
        tally = self._tally(consultation.agent, start)
        tally.consultations += 1
        tally.first_60s += first is not None and first <= SEEDS_FIRST
        tally.unanswered_consultations += first is None
        if _in(self.hours["jd"], start):
            tally.consultations_jd += 1
            tally.first_30s += first is not None and first <= JD_FIRST
            if first is not None:
                tally.first_jd_total += first
                tally.first_jd_answered += 1

    def _turn(self, turn, pdd_days: dict[str, tuple[str, bool]]) -> None:
        response, day = turn.response, day_of(turn.start)
        agent, valid = pdd_days.get(day, (turn.agent, True))
        if _in(self.hours["pdd"], turn.start):
            valid = valid and response is not None and response <= PDD_WAIT
        pdd_days[day] = (agent, valid)
        if not _in(self.hours["taobao"], turn.start):
            return
        tally = self._tally(turn.agent, turn.start)
        tally.turns += 1
        tally.turns_3min += response is not None and response <= THREE_MINUTES
        tally.response_capped += CAP if response is None else min(response, CAP)
        tally.unanswered_turns += response is None

    def _buyer_message(self, message, turn) -> None:
        if not _in(self.hours["douyin"], message.time):
            return
        tally = self._tally(turn.reply.agent if turn.reply else message.agent, message.time)
        tally.buyer_messages += 1
        tally.messages_3min += turn.reply is not None and turn.reply.time - message.time <= THREE_MINUTES

    def summary(self) -> dict:
        """{"team"|"agents": …} with "all" and "days" figures; agents and days in order."""
        team_all, team_days = Tally(), defaultdict(Tally)
        agents: dict[str, tuple[Tally, dict[str, Tally]]] = {}
        for (agent, day), tally in sorted(self.tallies.items()):
            team_all.add(tally)
            team_days[day].add(tally)
            whole, days = agents.setdefault(agent, (Tally(), {}))
            whole.add(tally)
            days.setdefault(day, Tally()).add(tally)
        return {
            "team": {"all": team_all.figures(), "days": {d: t.figures() for d, t in sorted(team_days.items())}},
            "agents": {agent or "（未填客服）": {"all": whole.figures(),
                                               "days": {d: t.figures() for d, t in sorted(days.items())}}
                       for agent, (whole, days) in sorted(agents.items())},
        }
