"""Exporting: every requested target computed in memory first, written only if all succeed.

`export_targets` never writes a file the target would reject. With `skip_invalid` (`handbook
export` and the site's downloads alike) a phrase a target cannot hold is left out of that target
and reported by entry and file:line (`left_out`); without it (`handbook export --strict`) any such
problem stops the whole export with that list. An unfilled shop placeholder always stops it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError
from generator.exports.phrases import ExportOptions, LibraryIndex, Problem, select, unfilled_message
from generator.exports.profiles import Profile, available_profiles, load_profile_file
from generator.exports.writers import WRITERS
from generator.files import write_files
from generator.memory import cycle_collector_paused
from generator.model import Library

MAX_LISTED = 30  # problems a build lists per target before "and N more" (the export lists all)


@dataclass(frozen=True)
class TargetOutput:
    profile: Profile
    content: bytes
    count: int  # phrases written
    skipped: tuple[Problem, ...] = ()

    @property
    def filename(self) -> str:
        return self.profile.file

    @property
    def skipped_replies(self) -> int:
        return replies_in(self.skipped)


def replies_in(problems: Sequence[Problem]) -> int:
    """How many replies the problems are about (one reply can have several)."""
    return len({(p.entry_id, p.where) for p in problems})


def targets(src: Path | None, extra_files: Sequence[Path] = ()) -> dict[str, Profile]:
    """Every export target: the built-in profiles, the team's `export_profiles/` folder next to the
    source, then the `--profile` files (a later one replaces an earlier one of the same id)."""
    return available_profiles(src, extra_files, WRITERS)


def profile_file(path: Path) -> Profile:
    return load_profile_file(path, WRITERS)


def export_targets(library: Library, profiles: Sequence[Profile], options: ExportOptions,
                   index: LibraryIndex | None = None) -> list[TargetOutput]:
    with cycle_collector_paused():
        return _export(library, profiles, options, index or LibraryIndex(library))


def _export(library: Library, profiles: Sequence[Profile], options: ExportOptions,
            index: LibraryIndex) -> list[TargetOutput]:
    outputs: list[TargetOutput] = []
    failures: list[str] = []
    unfilled: dict[str, list[str]] = {}
    refused_by: list[str] = []
    for profile in profiles:
        writer = WRITERS[profile.format]
        selection = select(index, profile, options, writer.check)
        if selection.unfilled:
            refused_by.append(profile.id)
            for name, ids in selection.unfilled.items():
                unfilled.setdefault(name, ids)
            continue
        if selection.problems and not options.skip_invalid:
            failures.append(problem_list(profile, selection.problems, "无法导出"))
            continue
        content = writer.write(selection.phrases, profile, library)
        outputs.append(TargetOutput(profile, content, len(selection.phrases), tuple(selection.problems)))
    if unfilled:
        failures.append(f"【{'、'.join(refused_by)}】{unfilled_message(unfilled)}")
    if failures:
        raise BuildError("没有写入任何文件：\n" + "\n".join(failures))
    return outputs


def problem_list(profile: Profile, problems: Sequence[Problem], outcome: str, limit: int | None = None) -> str:
    """One target's problems, each with its entry and file:line; past `limit`, how many more."""
    lines = [f"【{profile.id}】{profile.label}：{replies_in(problems)} 条回复{outcome}"]
    lines += [f"  {p}" for p in problems[:limit]]
    if limit is not None and len(problems) > limit:
        lines.append(f"  ……另有 {len(problems) - limit} 条（handbook export --target {profile.id} 列出全部）")
    return "\n".join(lines)


def left_out(outputs: Sequence[TargetOutput], limit: int | None = None) -> str:
    """What the written files leave out because their tool cannot hold it ("" when nothing is)."""
    lists = [problem_list(o.profile, o.skipped, "放不进这种格式，没有写进文件", limit) for o in outputs if o.skipped]
    if not lists:
        return ""
    return "有些回复放不进个别工具的格式，其余照常写入：\n" + "\n".join(lists)


def write_outputs(outputs: Sequence[TargetOutput], out: Path) -> list[Path]:
    names = [o.filename for o in outputs]
    if len(set(names)) != len(names):
        raise BuildError("两个导出目标使用了同一个文件名：请在导出配置里改 file")
    return write_files(out, ((o.filename, o.content) for o in outputs))
