"""Small source libraries written on the fly for the publishing tests."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

DATE = re.compile(r"'(\d{4}-\d{2}-\d{2})'")


class NoAliasDumper(yaml.SafeDumper):
    """Shared test lists must be written out, not as YAML aliases (the loader rejects those)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


HANDBOOK = {
    "title": "测试手册",
    "categories": [{"id": "presale", "title": "售前咨询"}, {"id": "aftersale", "title": "售后服务"}],
    "placeholders": {"店铺名称": {"description": "店铺的名称", "example": "小蓝鲸旗舰店"}},
}
POLICIES = {"policies": [
    {"id": "seven-day-return", "title": "七天无理由退换货", "summary": "签收 7 天内可申请退换。",
     "updated": "2026-11-15"},
    {"id": "price-guarantee", "title": "价格保护", "summary": "降价可申请补差。", "updated": "2026-10-01"},
]}
LEXICON = {"forbidden": [{"text": "不知道", "reason": "推卸、显得不专业", "instead": "我马上帮您核实一下"}]}


def entry(entry_id: str, title: str, replies: list, **extra) -> dict:
    data = {"id": entry_id, "title": title, "scenario": f"{title}时使用", "approved": replies}
    data.update(extra)
    return data


BASE_ENTRIES = {
    "presale": [
        entry("presale-bargain", "顾客议价", ["亲，这款已经是活动价啦，{店铺名称}保证品质和售后，希望您理解哦～"],
              questions=["能便宜点吗", "最低多少钱"], policy=["price-guarantee"], owner="售前组",
              forbidden=[{"text": "不行，不能便宜", "reason": "生硬拒绝，容易引发投诉",
                          "instead": "实在抱歉，这已经是活动价了"}],
              updated="2026-11-01", review_by="2027-05-01"),
        entry("presale-stock", "询问库存", ["亲，这款目前有货，下单后四十八小时内发出～"], owner="售前组",
              questions=["有货吗"], updated="2026-11-02", review_by="2027-05-01"),
    ],
    "aftersale": [
        entry("aftersale-return", "七天无理由退货", ["亲，签收七天内商品不影响二次销售，就可以申请退货哦～"],
              policy=["seven-day-return"], owner="售后组", questions=["能退吗"],
              forbidden=[{"text": "退不了", "reason": "没有说明规则，容易引发纠纷",
                          "instead": "我帮您看一下是否符合退货条件"}],
              updated="2026-11-20", review_by="2027-05-01"),
    ],
}


def write_source(root: Path, entries: dict[str, list[dict]] | None = None, policies: dict | None = None) -> Path:
    """Write a complete source folder; `entries` maps category id → entry records."""
    root.mkdir(parents=True, exist_ok=True)
    def dump(data: dict) -> str:  # dates unquoted, as trainers write them
        text = yaml.dump(data, Dumper=NoAliasDumper, allow_unicode=True, sort_keys=False)
        return DATE.sub(r"\1", text)

    (root / "handbook.yaml").write_text(dump(HANDBOOK), "utf-8")
    (root / "policies.yaml").write_text(dump(policies or POLICIES), "utf-8")
    (root / "lexicon.yaml").write_text(dump(LEXICON), "utf-8")
    for category, records in (entries if entries is not None else BASE_ENTRIES).items():
        (root / category).mkdir(exist_ok=True)
        (root / category / "entries.yaml").write_text(dump({"entries": records}), "utf-8")
    return root




def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": "/dev/null", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout
