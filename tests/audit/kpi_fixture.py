"""A 拼多多-layout chat export of three agents over two days (2026-11-03 and 2026-11-04) whose
response-time KPIs are worked out by hand in fixtures/kpi_expected.yaml. Each buyer's script below
is in time order for reading; the sheet gets the rows shuffled, because the audit must sort them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from openpyxl import Workbook

SESSION_HEADER = ["消费者账号", "消费者ID(uid)", "客服账号", "消息条数", "首条时间", "末条时间"]
MESSAGE_HEADER = ["消费者头像", "消费者账号", "客服账号", "发送方", "消息类型", "消息内容", "图片链接", "发送时间"]
EXCEL_EPOCH = dt.datetime(1899, 12, 30)

# How the export wrote a row's 发送时间: most as text, some as Excel dates or bare serial numbers.
TEXT, DATETIME, SERIAL = "text", "datetime", "serial"


class Message(NamedTuple):
    when: str  # local time, Asia/Shanghai
    sender: str  # 消费者 / 客服 / 机器人
    kind: str  # 文本 / 图片 / 卡片 / 系统
    content: str
    cell: str = TEXT


class Buyer(NamedTuple):
    account: str
    uid: str
    agent: str
    messages: tuple[Message, ...]


def _buyer(account: str, uid: str, agent: str, *messages: Message) -> Buyer:
    return Buyer(account, uid, agent, messages)


def _ask(when: str, content: str, cell: str = TEXT) -> Message:
    return Message(when, "消费者", "文本", content, cell)


def _reply(when: str, content: str, cell: str = TEXT) -> Message:
    return Message(when, "客服", "文本", content, cell)


D1, D2 = "2026-11-03", "2026-11-04"

BUYERS: tuple[Buyer, ...] = (
    _buyer("林间小鹿", "7301001", "客服A",
           _ask(f"{D1} 10:00:00", "您好，这款保温杯有现货吗？"),
           _ask(f"{D1} 10:01:00", "想今天下单"),
           _reply(f"{D1} 10:03:00", "您好，有现货的，今天下单今天发货。"),
           _ask(f"{D1} 10:13:00", "那我拍两个，能一起发吗？", DATETIME),
           _reply(f"{D1} 10:13:40", "可以的，两个会放在一个包裹里发出。")),
    _buyer("橘子汽水", "7301002", "客服A",
           _ask(f"{D1} 11:00:00", "请问这个杯子能装开水吗？"),
           _reply(f"{D1} 11:03:01", "可以的，杯体是304不锈钢，能装开水。"),
           _ask(f"{D1} 11:13:02", "好的，那杯盖也耐高温吗？", DATETIME),
           _reply(f"{D1} 11:13:20", "杯盖也耐高温，请放心使用。"),
           _ask(f"{D1} 11:14:00", "好的，谢谢。"),
           _reply(f"{D1} 11:14:05", "不客气，祝您购物愉快。")),
    _buyer("晴天", "7301003", "客服A",
           Message(f"{D1} 14:00:00", "消费者", "图片", "[图片]"),
           _ask(f"{D1} 14:00:30", "收到的杯子有划痕，能换一个吗？"),
           _reply(f"{D1} 14:15:00", "非常抱歉给您添麻烦了，可以为您办理换货。"),
           Message(f"{D1} 14:15:10", "客服", "卡片", "[卡片] 换货申请"),
           _ask(f"{D1} 14:16:00", "好的，已经提交了。"),
           _reply(f"{D1} 14:16:30", "收到，我们会尽快为您处理。")),
    _buyer("阿杰", "7301004", "客服A",
           _ask(f"{D1} 08:30:00", "早上好，请问今天几点发货？"),
           _reply(f"{D1} 08:30:20", "您好，下午四点前付款的订单当天发出。"),
           _ask(f"{D2} 09:00:00", "昨天的订单发出了吗？", SERIAL),
           _reply(f"{D2} 09:00:40", "已经发出了，快递单号在订单详情里可以看到。")),
    _buyer("小满", "7301005", "客服A",
           _reply(f"{D1} 15:00:00", "您好，您拍下的订单还未付款，需要帮您修改收货信息吗？", SERIAL),
           _ask(f"{D1} 15:20:00", "不用改，我现在付款。"),
           Message(f"{D1} 15:20:02", "机器人", "文本", "亲，您好，智能助手为您服务～"),
           _reply(f"{D1} 15:20:50", "好的，付款后我们尽快为您安排发货。")),
    _buyer("老周", "7301006", "客服B",
           _ask(f"{D1} 16:00:00", "请问能开发票吗？"),
           _reply(f"{D1} 16:00:40", "可以开电子发票，请在订单页填写抬头。", DATETIME),
           _ask(f"{D1} 16:05:00", "抬头填公司名称就可以吗？")),
    _buyer("米粒", "7301007", "客服B",
           _ask(f"{D1} 17:30:00", "您好，这个颜色还有货吗？"),
           _ask(f"{D1} 17:31:00", "在吗？")),
    _buyer("北北", "7301008", "客服B",
           _ask(f"{D1} 12:00:00", "我的快递三天没更新了，麻烦帮我查一下。", SERIAL),
           _reply(f"{D1} 13:10:00", "非常抱歉让您久等了，已为您联系快递公司核实。"),
           _ask(f"{D1} 13:12:00", "好的，谢谢。"),
           _reply(f"{D1} 13:12:30", "不客气，有进展马上告诉您。")),
    _buyer("夜猫子", "7301009", "客服B",
           _ask(f"{D1} 23:10:00", "请问明天能发货吗？"),
           _reply(f"{D1} 23:10:45", "可以的，明天上午为您发出。")),
    _buyer("豆豆妈", "7301010", "客服B",
           Message(f"{D1} 09:20:00", "消费者", "系统", "消费者从商品详情页进入会话"),
           _ask(f"{D1} 09:20:30", "这款有没有大一号的？"),
           Message(f"{D1} 09:20:35", "客服", "系统", "客服B已接入会话"),
           Message(f"{D1} 09:20:55", "客服", "卡片", "[商品卡片] 大号保温杯 600ml"),
           _ask(f"{D1} 09:21:30", "好的，我看看。"),
           _reply(f"{D1} 09:22:00", "好的，有问题随时问我。")),
    _buyer("山茶", "7301011", "客服C",
           _ask(f"{D1} 10:40:00", "请问有运费险吗？"),
           _reply(f"{D1} 10:40:30", "有的，下单即赠送运费险。"),
           _ask(f"{D1} 10:42:00", "好的，那我下单了。"),
           _reply(f"{D1} 10:42:10", "感谢您的支持，祝您购物愉快。"),
           _reply(f"{D1} 10:42:15", "有需要随时联系我。")),
    _buyer("七七", "7301012", "客服C",
           _ask(f"{D1} 19:00:00", "请问这个可以刻字吗？"),
           _reply(f"{D1} 19:01:00", "可以的，请在备注里写上要刻的字。"),
           _ask(f"{D1} 19:05:00", "能刻几个字呢？", SERIAL),
           _reply(f"{D1} 19:07:30", "中文可以刻八个字以内。"),
           _ask(f"{D1} 19:08:00", "明白了，谢谢。"),
           _reply(f"{D1} 19:08:20", "不客气，祝您生活愉快。")),
    _buyer("星河", "7301019", "客服C",
           _ask(f"{D1} 23:58:00", "请问现在下单什么时候能到？"),
           _reply(f"{D2} 00:01:00", "您好，明天上午发出，一般两到三天送到。")),
    _buyer("大海", "7301013", "客服A",
           _ask(f"{D2} 13:00:00", "请问这个杯子可以用洗碗机洗吗？"),
           _reply(f"{D2} 13:00:15", "建议手洗，洗碗机的高温可能影响密封圈。"),
           _ask(f"{D2} 13:20:00", "好的，那密封圈可以单独买吗？"),
           Message(f"{D2} 13:22:00", "客服", "卡片", "[商品卡片] 保温杯密封圈配件"),
           _ask(f"{D2} 13:22:30", "好的，谢谢"),
           _reply(f"{D2} 13:22:40", "不客气，祝您生活愉快。")),
    _buyer("糖糖", "7301014", "客服A",
           _ask(f"{D2} 16:30:00", "能帮我改一下收货地址吗？", SERIAL),
           _reply(f"{D2} 16:33:20", "可以的，请把新地址写在订单备注里，我帮您修改。"),
           _ask(f"{D2} 16:34:00", "我已经在订单备注里写好了。"),
           _reply(f"{D2} 16:35:00", "收到，已为您修改好了。"),
           _reply(f"{D2} 16:35:05", "还有其他需要帮您的吗？"),
           _ask(f"{D2} 16:36:00", "没有了，谢谢。"),
           _reply(f"{D2} 16:36:10", "好的，祝您生活愉快。")),
    _buyer("阿宁", "7301015", "客服B",
           _ask(f"{D2} 10:10:00", "我收到的杯子少了一个杯盖。"),
           Message(f"{D2} 10:10:20", "消费者", "图片", "[图片]"),
           _reply(f"{D2} 10:11:00", "非常抱歉，我马上为您补发一个杯盖。"),
           _ask(f"{D2} 10:30:00", "补发的什么时候到？"),
           Message(f"{D2} 10:30:25", "机器人", "文本", "亲，物流信息请在订单详情查看～"),
           _reply(f"{D2} 10:32:00", "今天下午发出，预计后天送到。")),
    _buyer("晚风", "7301016", "客服B",
           _ask(f"{D2} 22:58:00", "请问还能下单吗？"),
           _reply(f"{D2} 22:58:40", "可以的，现在下单明早发货。"),
           _ask(f"{D2} 23:00:00", "好的，已经拍了。", DATETIME),
           _reply(f"{D2} 23:00:30", "收到，感谢您的支持。")),
    _buyer("早起鸟", "7301017", "客服C",
           _ask(f"{D2} 08:00:00", "早，请问今天有优惠活动吗？"),
           _reply(f"{D2} 08:00:50", "您好，今天全店满99减10。"),
           _ask(f"{D2} 08:01:30", "好的，谢谢。"),
           _reply(f"{D2} 08:01:40", "不客气，祝您购物愉快。")),
    _buyer("青柠", "7301018", "客服C",
           _ask(f"{D2} 15:00:00", "我想退货，怎么操作？", SERIAL),
           _reply(f"{D2} 15:00:20", "您在订单页点申请退货就可以，我们收到后马上退款。"),
           _ask(f"{D2} 15:02:00", "需要我自己付运费吗？"),
           _reply(f"{D2} 15:04:50", "您有运费险，运费会自动理赔。"),
           _ask(f"{D2} 15:05:30", "好的，谢谢。"),
           _reply(f"{D2} 15:05:40", "不客气，祝您生活愉快。")),
)


def excel_serial(moment: dt.datetime) -> float:
    """Days since 1899-12-30 plus the fraction of the day, as Excel stores a date."""
    elapsed = moment - EXCEL_EPOCH
    return elapsed.days + elapsed.seconds / 86400


def _time_cell(message: Message) -> str | dt.datetime | float:
    moment = dt.datetime.strptime(message.when, "%Y-%m-%d %H:%M:%S")
    if message.cell == DATETIME:
        return moment
    if message.cell == SERIAL:
        return excel_serial(moment)
    return message.when


def _message_row(buyer: Buyer, message: Message) -> list[object]:
    picture = f"https://img.example.com/chat/{buyer.uid}-{message.when[-8:].replace(':', '')}.jpg"
    return [f"https://img.example.com/avatar/{buyer.uid}.jpg", buyer.account, buyer.agent, message.sender,
            message.kind, message.content, picture if message.kind == "图片" else "", _time_cell(message)]


def _session_row(buyer: Buyer) -> list[object]:
    times = sorted(message.when for message in buyer.messages)
    return [buyer.account, buyer.uid, buyer.agent, len(buyer.messages), times[0], times[-1]]


def _shuffled(rows: list[list[object]]) -> list[list[object]]:
    """Odd rows first, then even ones: later messages of a buyer land before earlier ones."""
    return rows[1::2] + rows[::2]


def write_kpi_fixture(path: Path) -> Path:
    workbook = Workbook()
    sessions = workbook.active
    sessions.title = "会话"
    sessions.append(SESSION_HEADER)
    for buyer in BUYERS:
        sessions.append(_session_row(buyer))
    details = workbook.create_sheet("消息明细")
    details.append(MESSAGE_HEADER)
    for row in _shuffled([_message_row(buyer, message) for buyer in BUYERS for message in buyer.messages]):
        details.append(row)
    workbook.save(path)
    return path
