"""The downloads page's quick-phrase files: one group per tool, with import steps in Chinese.

The site cannot ask for placeholder values, so its files keep what is not filled by the build's
`--var` values: as Espanso form fields (Espanso asks when the phrase is used) or as visible
【名称】 blanks everywhere else. A reply a format cannot hold (a line break for Rime, say) is
left out of that file and listed under its instructions, so the site build never fails on it.
The instructions are Markdown; the site escapes them before rendering.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from importlib import resources
from itertools import groupby
from typing import TYPE_CHECKING

from generator.exports.background import PendingExports, start_exports
from generator.exports.phrases import ExportOptions, LibraryIndex, Problem
from generator.exports.profiles import Profile
from generator.exports.run import MAX_LISTED, TargetOutput, export_targets, left_out, targets
from generator.site.page import Download, DownloadGroup
from generator.site.sections.base import Section
from generator.text.progress import Progress

if TYPE_CHECKING:
    from generator.site.context import BuildContext
    from generator.site.stored import FileStore

Made = tuple[TargetOutput, Download]  # a file's output (its bytes dropped) and its download

SKIPPED_LISTED = 10

HOWTO: dict[str, tuple[int, str]] = {
    "千牛": (10, """\
1. 下载「千牛 快捷短语（CSV）」。
2. 打开千牛工作台 → 快捷短语 → 导入，选择下载的文件；分组按手册分类建立，编码即快捷编码。
3. 导入后如果中文乱码，改用 GBK 编码的 CSV；也可以用 Excel 版（表头在 A1–C1）。
4. 千牛各版本的表头要求不完全一致：如提示格式不对，请对照千牛提供的导入模板，
   在源文件夹旁的 `export_profiles/` 里复制一份配置改表头（见 README「添加导出目标」）。"""),
    "通用表格": (20, """\
京东咚咚、拼多多、抖店飞鸽、企业微信、七鱼等后台都提供自己的快捷短语导入模板：

1. 在后台下载该平台的导入模板。
2. 打开本手册的「通用快捷短语表」，按模板的列把「分组」「快捷编码」「短语内容」复制过去。
3. 在后台导入填好的模板。经常使用的话，可以为该平台写一份导出配置，直接导出成模板的样子。"""),
    "Espanso": (30, """\
1. 下载 `huashu.yml`。
2. 放进 Espanso 配置文件夹的 `match` 子文件夹（终端运行 `espanso path` 可查看位置）。
3. Espanso 会自动重新加载。在任意聊天窗口输入 `;` + 快捷编码 + `;`（如 `;hy;`）即可展开；
   结尾的 `;` 让 `;hy;` 不会抢在 `;hyqt;` 之前展开。
4. 含占位符的话术会弹出表单，填好后插入；中文经剪贴板粘贴，不受输入法影响。"""),
    "AutoHotkey v2": (40, """\
1. 安装 AutoHotkey v2（Windows）。
2. 下载 `huashu.ahk`，双击运行，任务栏右下角出现 H 图标即已生效。
3. 在聊天输入框（英文输入状态）输入 `;` + 快捷编码（如 `;hy`），再按空格或回车即可展开；
   空格或回车本身不会留在回复里。以 `;` 开头，所以打英文单词和拼音时不会误展开。
4. 开机自动运行：按 Win+R 输入 `shell:startup`，把 `huashu.ahk` 的快捷方式放进打开的文件夹。
5. 多行回复中的换行会以回车键发出，在「回车即发送」的聊天工具里请先改为 Ctrl+回车 发送。"""),
    "macOS 文本替换": (50, """\
1. 下载 `text-substitutions.plist`。
2. 打开 系统设置 → 键盘 → 文本替换…，把文件拖进列表即可导入。
3. 在任意输入框输入快捷编码后按空格即可替换。macOS 文本替换没有分组，也不能可靠地保留换行，
   所以含换行的回复不在这个文件里（见下方列表）。"""),
    "Rime 中州韵": (60, """\
1. 下载 `custom_phrase.txt`。
2. 放进 Rime 用户文件夹：小狼毫 `%APPDATA%\\Rime`，鼠须管 `~/Library/Rime`，
   Linux 为 `~/.config/ibus/rime` 或 `~/.local/share/fcitx5/rime`。已有同名文件时请先备份，再把内容合并进去。
3. 在 Rime 菜单选择「重新部署」。朙月拼音等方案默认启用自定义短语，输入快捷编码即出现在候选里。
4. Rime 的自定义短语只能是一行、编码只能是小写字母，不符合的回复不在这个文件里（见下方列表）。"""),
    "搜狗拼音": (70, """\
1. 下载 `PhraseEdit.txt`。
2. 右键搜狗输入法状态栏 → 属性设置 → 高级 → 自定义短语设置 → 导入（也可以「直接编辑配置文件」，把内容粘贴进去）。
3. 保存后，输入快捷编码，话术出现在第 1 个候选位置。"""),
    "Zendesk": (80, """\
文件是一个 JSON 对象，`macros` 列表里每一项是一个宏；标题中的 `::` 表示分类层级，方括号里是快捷编码。

1. 在 Zendesk 管理中心 → 应用和集成 → API 里创建 API 令牌。
2. 对列表里的每一项，以它作为 `macro` 字段的值，发送到 `POST /api/v2/macros`（可用 jq 逐项取出，再用 curl 发送）。
3. 在工单回复框上方的「应用宏」里按分类找到话术。"""),
    "Chatwoot": (90, """\
文件是预设回复列表，每项 `{short_code, content}`，short_code 即快捷编码。

1. 在 Chatwoot 个人设置里复制 Access Token。
2. 把每一项发送到 `POST /api/v1/accounts/{账号编号}/canned_responses`（请求头 `api_access_token`）。
3. 在会话输入框输入 `/` 加快捷编码即可插入。"""),
    "JSON": (100, """\
整个话术库的 JSON 文件，供其他系统（机器人、质检、BI）读取；结构见一同提供的 `library.schema.json`（JSON Schema）。
回复中的占位符保留为 `{名称}`。"""),
}
PLACEHOLDER_NOTE = "每位顾客、每位客服各自的信息（订单号、客服工号……）在文件里显示为【名称】，发送前请替换成实际内容。"
# What a spreadsheet does to a CSV opened as it is (checked in LibreOffice): formulas run, codes
# lose leading zeros, 1/2 becomes a date. The XLSX files keep every cell as text.
CSV_IMPORT_NOTE = ("**{label}** 按原文写入，供直接导入。不要先用 Excel 或 WPS 打开再保存："
                   "以 = + - @ 开头的回复会被当成公式，0520 这样的编码会丢掉开头的 0。"
                   "要查看或修改，请用 Excel 版（.xlsx），它原样保存每个字。")
CSV_SHEET_NOTE = ("**{label}** 里以 = + - @ 或 ' 开头的短语前面多了一个英文单引号 '，防止表格软件把它当成公式执行，"
                  "复制时请去掉它；用表格软件打开 CSV 时，0520 这样的编码还会变成 520，1/2 会变成日期。"
                  "查看和复制请用 Excel 版（.xlsx）：文字原样保存，不需要单引号。")


class ExportsSection(Section):
    def __init__(self, ctx: BuildContext, store: FileStore | None = None) -> None:
        super().__init__(ctx, store)
        self.left_out = ""  # what the files leave out, once they are made
        self.profiles = list(targets(ctx.src).values())
        values = ctx.library.values_to_publish(ctx.variables)
        self.options = ExportOptions(variables=values, blanks=True, skip_invalid=True)
        self.pending: PendingExports | None = None

    def start(self) -> None:
        """A helper makes the files while the site builds (a section never started makes them all
        itself). Not in the preview: writing them took a quarter of each rebuild of a big library,
        and the downloads page says so."""
        if not self.ctx.serving and self.pending is None:
            self.pending = start_exports(self.ctx.library, self.profiles, self.options)

    def _made(self) -> list[Made]:
        """Every tool's file, stored as soon as it is made (at 100,000 entries the 13 files are 380 MB)."""
        ctx = self.ctx
        if ctx.serving:
            return []
        helped = self.pending.result() if self.pending else {}
        index: LibraryIndex | None = None
        made: list[Made] = []
        with Progress("生成快捷短语文件", shown=ctx.progress):
            for profile in self.profiles:
                outputs = helped.get(profile.id)
                if outputs is None:  # made here, one target at a time
                    index = index or LibraryIndex(ctx.library)
                    outputs = export_targets(ctx.library, [profile], self.options, index)
                for output in outputs:
                    label = f"{profile.label} · {output.count} 条"
                    made.append((replace(output, content=b""),
                                 Download(output.filename, label, self.kept(output.filename, output.content))))
        return made

    def downloads(self) -> list[DownloadGroup]:
        ctx = self.ctx
        made = self._made()
        self.left_out = left_out([output for output, _ in made], MAX_LISTED)
        by_tool = sorted(made, key=lambda m: (_order(m[0].profile.tool), m[0].profile.tool, m[0].profile.id))
        groups = [_group(tool, list(items)) for tool, items in groupby(by_tool, key=lambda m: m[0].profile.tool)]
        examples = ctx.library.examples_used(ctx.variables)
        return [_with_examples_note(g, examples) for g in groups] if examples else groups

    def notes(self) -> list[str]:
        """The same list `handbook export` prints: what each file leaves out, by entry and file:line."""
        return [self.left_out] if self.left_out else []


def _order(tool: str) -> int:
    return HOWTO.get(tool, (200, ""))[0]


def _group(tool: str, made: list[Made]) -> DownloadGroup:
    outputs = [output for output, _ in made]
    steps = HOWTO.get(tool, (200, ""))[1] or outputs[0].profile.notes
    parts = [steps]
    if tool not in ("JSON", "Espanso"):
        parts.append(PLACEHOLDER_NOTE)
    parts += [_csv_note(o.profile) for o in outputs if o.profile.format == "csv"]
    parts += [_skipped_note(o.profile.label, o.skipped) for o in outputs if o.skipped]
    files = [download for _, download in made]
    if tool == "JSON":
        files.append(_schema_download())
    return DownloadGroup(title=tool, howto="\n\n".join(parts), downloads=tuple(files), order=_order(tool))


def _with_examples_note(group: DownloadGroup, examples: Sequence[str]) -> DownloadGroup:
    shown = "、".join(examples[:SKIPPED_LISTED]) + (f" 等 {len(examples)} 项" if len(examples) > SKIPPED_LISTED else "")
    note = (f"店铺信息用的是 handbook.yaml 里的示例值（{shown}）：生成网站时用 "
            f"`--var {examples[0]}=实际值` 填写，或在发送前改掉。")
    return replace(group, howto=f"{group.howto}\n\n{note}")


def _csv_note(profile: Profile) -> str:
    return (CSV_SHEET_NOTE if profile.formula_guard else CSV_IMPORT_NOTE).format(label=profile.label)


def _skipped_note(label: str, skipped: Sequence[Problem]) -> str:
    lines = [f"**{label}** 略过了 {len(skipped)} 条放不进这种格式的回复："]
    lines += [f"- {p}" for p in skipped[:SKIPPED_LISTED]]
    if len(skipped) > SKIPPED_LISTED:
        lines.append(f"- ……另有 {len(skipped) - SKIPPED_LISTED} 条（运行 handbook export 可看到全部）")
    return "\n".join(lines)


def _schema_download() -> Download:
    content = (resources.files("generator.exports") / "library.schema.json").read_bytes()
    return Download("library.schema.json", "JSON 结构说明（JSON Schema）", content)

