"""Audit speed and memory on generated chat records: prints figures.

    .venv/bin/python bench/bench_audit.py [--messages 100000 1000000] [--gaps] [--keep DIR]

For each size it writes a 拼多多-layout CSV (buyers, agents, fully automatic bot replies,
images; approved replies with their placeholders filled, free wording, and about 3 % of agent
messages with forbidden wording, phone numbers or ID-photo requests), then runs `handbook audit`
on it in a process of its own and prints wall time, CPU time and peak RSS, with the ratio to a
bare `csv.reader` pass over the same file measured in the same run (the machine is shared).
Target: 1,000,000 messages in ≤ 60 s on 2 cores, peak memory not growing with the number of
messages. `--gaps` also times the questions-the-handbook-lacks step (headless Chromium).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.model import load_library  # noqa: E402
from generator.text.placeholders import SLOT  # noqa: E402

HEADER = ("消费者头像", "消费者账号", "客服账号", "发送方", "消息类型", "消息内容", "图片链接", "发送时间")
AGENTS = [f"客服{c}" for c in "ABCDEFGH"]
FREE = ["好的亲，我看一下", "亲，稍等我帮您查询", "收到～", "亲，这个我问一下仓库", "好的，已经帮您备注了"]
BAD = ["亲，这个我也不 知 道呢", "有事加 微 信 聊吧", "您打我电话 139 1234 5678", "麻烦您拍一下身份证正反面",
       "这不是我们的问题", "嗯", "你自己去查"]
CLOCK = "%Y-%m-%d %H:%M:%S"
BOT = "您好，客服马上就来～"
BUYER = ["在吗", "什么时候发货", "退钱", "东西坏了怎么办", "能便宜点吗", "发错货了", "快递到哪了", "可以开发票吗",
         "我的电话 13812345678 改一下", "有没有会员积分可以换礼品", "衣服起球了能退吗", "运费谁出", "怎么还没到"]


def write_records(path: Path, messages: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    library, _ = load_library(ROOT / "scripts_src")
    replies = [r.text for e in library.entries if "chat" in e.channels for r in e.approved]
    start = dt.datetime(2026, 11, 1, 8)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        written, buyer = 0, 0
        while written < messages:
            buyer += 1
            agent = rng.choice(AGENTS)
            moment = start + dt.timedelta(seconds=rng.randrange(30 * 86400))
            for _turn in range(rng.randint(1, 4)):
                for _ in range(rng.choice((1, 1, 1, 2))):
                    kind = "图片" if rng.random() < 0.05 else "文本"
                    asked = rng.choice(BUYER)
                    out.writerow(["", f"buyer{buyer}", agent, "消费者", kind, asked, "", f"{moment:{CLOCK}}"])
                    moment += dt.timedelta(seconds=rng.randint(2, 40))
                    written += 1
                if rng.random() < 0.08:
                    out.writerow(["", f"buyer{buyer}", agent, "机器人", "文本", BOT, "", f"{moment:{CLOCK}}"])
                    written += 1
                if rng.random() < 0.04:  # unanswered
                    moment += dt.timedelta(minutes=rng.randint(11, 90))
                    continue
                moment += dt.timedelta(seconds=int(rng.expovariate(1 / 45)) + 3)
                text = _agent_text(rng, replies)
                out.writerow(["", f"buyer{buyer}", agent, "客服", "文本", text, "", f"{moment:{CLOCK}}"])
                written += 1
                moment += dt.timedelta(seconds=rng.randint(5, 300))


def _agent_text(rng: random.Random, replies: list[str]) -> str:
    roll = rng.random()
    if roll < 0.03:
        return rng.choice(BAD)
    if roll < 0.75:
        return SLOT.sub(lambda m: str(rng.randint(1, 999)), rng.choice(replies))
    return rng.choice(FREE)


def bare_parse(path: Path) -> float:
    start = time.perf_counter()
    with open(path, encoding="utf-8", newline="") as handle:
        for _row in csv.reader(handle):
            pass
    return time.perf_counter() - start


def audit(path: Path, out: Path, gaps: bool) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one `handbook audit` run in a process of its own."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [sys.executable, "-c", "import sys; from generator.cli import main; sys.exit(main(sys.argv[1:]))",
               "audit", str(path), "--src", str(ROOT / "scripts_src"), "--out", str(out),
               *([] if gaps else ["--no-gaps"])]
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024  # the largest child so far: run the sizes smallest first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--gaps", action="store_true", help="also time the gaps step (Chromium) at the first size")
    parser.add_argument("--keep", type=Path, help="write the records and reports here")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-audit-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'messages':>10} {'file MB':>8} {'bare parse':>10} {'audit wall':>10} {'CPU':>7} {'× parse':>8} "
          f"{'peak RSS':>9}")
    for count in sorted(args.messages):
        records = folder / f"records-{count}.csv"
        write_records(records, count)
        parse = bare_parse(records)
        wall, cpu, rss = audit(records, folder / f"audit-{count}", gaps=False)
        size = records.stat().st_size / 1e6
        print(f"{count:>10,} {size:>8.1f} {parse:>9.2f}s {wall:>9.2f}s {cpu:>6.1f}s {wall / parse:>7.1f}× "
              f"{rss:>7.0f} MB")
    if args.gaps:
        count = min(args.messages)
        wall, cpu, _rss = audit(folder / f"records-{count}.csv", folder / f"audit-gaps-{count}", gaps=True)
        print(f"with the gaps step at {count:,} messages: {wall:.2f} s wall, {cpu:.1f} s CPU "
              "(Chromium's own time not included)")


if __name__ == "__main__":
    main()
