"""A realistic generated library for benchmarks: `generate_library(dest, n, seed)`.

Entries are composed from customer-service vocabulary (products, problems, actions) so that
titles, phrasings and replies vary like a real team's scripts, and the result passes
`handbook check` without errors (ids and shortcut codes unique, declared placeholders only,
no lexicon wording).
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

CATEGORIES = [
    ("greeting", "通用礼仪"), ("presale", "售前咨询"), ("order", "订单与支付"),
    ("shipping", "物流配送"), ("aftersale", "售后退换"), ("refund", "退款"),
    ("complaint", "投诉与差评"), ("member", "会员与积分"), ("promo", "活动优惠"),
    ("invoice", "发票"), ("quality", "质量问题"), ("install", "安装与使用"),
    ("warranty", "保修维修"), ("account", "账号安全"), ("live", "直播间"),
    ("wholesale", "批发与定制"), ("crossborder", "跨境购"), ("fresh", "生鲜"),
    ("digital", "数码家电"), ("apparel", "服装鞋包"),
]
PRODUCTS = ["连衣裙", "运动鞋", "电饭煲", "蓝牙耳机", "保温杯", "面霜", "婴儿奶粉", "空气炸锅", "羽绒服",
            "手机壳", "扫地机器人", "茶叶", "行李箱", "台灯", "床上四件套", "电动牙刷", "猫粮", "投影仪",
            "登山包", "咖啡机", "吹风机", "充电宝", "书包", "榨汁机", "牛仔裤", "电热水壶", "沙发垫"]
PROBLEMS = ["迟迟没有发货", "物流信息不更新", "收到后有破损", "尺码不合适", "颜色和图片不一样", "少发了配件",
            "退款一直没到账", "想改收货地址", "优惠券用不了", "申请换货", "开不了机", "有异味",
            "快递单号查不到", "想取消订单", "价格降了想退差价", "赠品没收到", "需要开发票", "电压是不是220V",
            "想修改规格", "包装被压坏", "七天无理由退货", "保修期多久", "积分怎么用", "能不能加急"]
ASKS = ["怎么办", "怎么处理", "可以吗", "什么时候能好", "能帮我看看吗", "麻烦尽快", "为什么会这样"]
OPENERS = ["亲，", "您好，", "亲亲，", "非常抱歉，", "感谢您的耐心，"]
ACTIONS = ["我这边马上帮您登记", "已经为您提交加急处理", "我们会在二十四小时内给您答复",
           "请您提供一下订单号和照片", "仓库同事会优先为您安排", "这边为您申请补发",
           "为您备注了专人跟进", "可以为您办理退换", "请您留意短信通知", "稍后会有专员联系您"]
CLOSERS = ["，给您带来不便非常抱歉。", "，请您放心。", "，有任何问题随时找我。", "，感谢您的理解与支持。",
           "，{客服工号}会一直跟进到底。", "，{店铺名称}祝您购物愉快。"]
BAD = [("这不是我们的问题", "推卸责任", "我们一起来看看怎么解决"), ("你自己看说明", "生硬，把问题推回给顾客",
        "我把具体步骤发给您"), ("催也没用", "激化情绪", "我理解您着急，马上帮您催促")]
TAGS = ["发货", "物流", "退款", "换货", "质量", "价格", "优惠", "安装", "发票", "会员", "投诉", "售后"]


def _policies(rng: random.Random) -> list[dict]:
    return [{"id": f"policy-{i:02d}", "title": f"{rng.choice(TAGS)}规则第{i}条",
             "summary": f"关于{rng.choice(PROBLEMS)}的处理办法，按平台规则和本店售后政策执行。",
             "updated": "2026-10-01"} for i in range(1, 31)]


def _reply(rng: random.Random, product: str, problem: str) -> str:
    return rng.choice(OPENERS) + f"关于您的{product}{problem}的问题，" + rng.choice(ACTIONS) + rng.choice(CLOSERS)


def _entry(rng: random.Random, index: int, category: str, policies: list[dict], bases: list[str]) -> dict:
    """One entry; with `bases`, its replies are a base reply with the product swapped (a shop that
    copies a few entries and edits them a little)."""
    product, problem = rng.choice(PRODUCTS), rng.choice(PROBLEMS)
    replies = [(_reply(rng, product, problem) if not bases else rng.choice(bases).replace("{product}", product))
               + f"（编号 {index}）" for _ in range(rng.randint(1, 3))]
    approved: list = [{"text": replies[0], "shortcut": f"q{index:x}"}, *replies[1:]]
    bad = rng.choice(BAD)
    return {
        "id": f"{category}-{index:05d}",
        "title": f"{product}{problem}",
        "scenario": f"顾客购买{product}后反映{problem}，需要安抚并给出处理方案",
        "questions": [f"{product}{problem}{rng.choice(ASKS)}", f"我的{product}{problem}",
                      f"{problem}{rng.choice(ASKS)}"],
        "approved": approved,
        "forbidden": [{"text": bad[0], "reason": bad[1], "instead": bad[2]}],
        "policy": [rng.choice(policies)["id"]],
        "tags": sorted(set(rng.sample(TAGS, 2))),
        "channels": rng.choice([["chat"], ["phone"], ["chat", "phone"]]),
        "notes": f"先核实订单，再处理{problem}。",
        "owner": "售后组",
        "updated": "2026-11-01",
        "review_by": "2027-11-01",
    }


def generate_library(dest: Path, n: int, seed: int = 1, categories: int = len(CATEGORIES),
                     near_copies: int = 0) -> Path:
    """Write a valid source folder with `n` entries spread over the first `categories` categories into
    `dest`; with `near_copies`, every reply is one of that many base replies with another product."""
    rng = random.Random(seed)
    bases = [_reply(rng, "{product}", rng.choice(PROBLEMS)) for _ in range(near_copies)]
    dest.mkdir(parents=True, exist_ok=True)
    policies = _policies(rng)
    settings = {
        "title": "电商客服话术手册（生成）",
        "categories": [{"id": cid, "title": title} for cid, title in CATEGORIES],
        "placeholders": {"店铺名称": {"description": "店铺的名称", "example": "小蓝鲸旗舰店"},
                         "客服工号": {"description": "客服的工号或昵称", "example": "1024"}},
    }
    _dump(dest / "handbook.yaml", settings)
    _dump(dest / "policies.yaml", {"policies": policies})
    _dump(dest / "lexicon.yaml", {"forbidden": [{"text": "加微信", "reason": "引导站外交易，平台禁止",
                                                 "instead": "有问题可以直接在这里联系我"}]})
    per_category: dict[str, list[dict]] = {cid: [] for cid, _ in CATEGORIES[:categories]}
    for index in range(n):
        category = CATEGORIES[index % categories][0]
        per_category[category].append(_entry(rng, index, category, policies, bases))
    for category, entries in per_category.items():
        folder = dest / category
        folder.mkdir(exist_ok=True)
        for part in range(0, len(entries), 100):
            _dump(folder / f"part-{part // 100:03d}.yaml", {"entries": entries[part:part + 100]})
    return dest


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1000), "utf-8")
