"""`handbook new` scaffolds an entry a trainer can fill in; the shipped JSON Schemas match the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from corpus_support import TODAY

from generator.cli import main
from generator.source.schema import SCHEMA_FILES, json_schema, schema_text


def test_new_appends_an_entry_with_a_pinyin_id(library, capsys) -> None:
    assert main(["new", "presale", "重新发货", "--src", str(library), "--today", TODAY]) == 0
    assert "presale-chongxin-fahuo" in capsys.readouterr().out
    data = yaml.safe_load((library / "presale/price.yaml").read_text("utf-8"))
    assert [e["id"] for e in data["entries"]] == ["presale-bargain", "presale-chongxin-fahuo"]
    assert data["entries"][1]["title"] == "重新发货"
    assert (library / ".schema/entries.schema.json").is_file()
    assert data["entries"][1]["owner"].startswith("待填写")  # not on the review list for want of an owner


def test_a_new_entry_cannot_be_published_until_it_is_written(library, capsys) -> None:
    assert main(["new", "presale", "重新发货", "--src", str(library), "--today", TODAY]) == 0
    capsys.readouterr()
    assert main(["check", str(library), "--today", TODAY, "--format", "line"]) == 1
    unfinished = [line.split(" ")[0] for line in capsys.readouterr().out.splitlines() if " M003 " in line]
    assert len(unfinished) == 4  # scenario, question, reply and owner: every 待填写
    path = library / "presale/price.yaml"
    written = {"待填写：什么时候用这条话术": "顾客收到的商品有问题", "待填写：顾客的问法": "能重新发一件吗",
               "待填写：标准回复": "亲，马上为您重新安排发货～", "待填写：负责维护的人或小组": "售后组"}
    text = path.read_text("utf-8")
    for marker, value in written.items():
        text = text.replace(marker, value)
    path.write_text(text, "utf-8")
    assert main(["check", str(library), "--today", TODAY, "--format", "line"]) == 0


@pytest.mark.parametrize(("title", "slug"), [("银行卡还款", "yinhangka-huankuan"),
                                             ("长时间未发货", "changshijian-wei-fahuo")])
def test_polyphonic_characters_are_read_in_context(library, capsys, title: str, slug: str) -> None:
    assert main(["new", "presale", title, "--src", str(library), "--today", TODAY]) == 0
    assert f"presale-{slug}" in capsys.readouterr().out


def test_new_file_starts_with_the_schema_line(library, capsys) -> None:
    assert main(["new", "greeting", "结束语", "--src", str(library), "--file", "closing.yaml", "--today", TODAY]) == 0
    first = (library / "greeting/closing.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../.schema/entries.schema.json"


def test_new_taken_id_gets_a_suffix(library, capsys) -> None:
    main(["new", "presale", "顾客议价", "--src", str(library), "--today", TODAY])
    assert "presale-guke-yijia" in capsys.readouterr().out
    main(["new", "presale", "顾客议价", "--src", str(library), "--today", TODAY])
    assert "presale-guke-yijia-2" in capsys.readouterr().out


def test_new_in_unknown_category_is_refused(library, capsys) -> None:
    assert main(["new", "nosuch", "标题", "--src", str(library)]) == 2
    assert "没有在 handbook.yaml 里声明" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_starter_editor_schemas_are_generated_from_the_model(starter_src: Path, name: str) -> None:
    shipped = (starter_src / ".schema" / name).read_text("utf-8")
    assert shipped == schema_text(SCHEMA_FILES[name]), "refresh with: handbook schema --out scripts_src/.schema"
    assert json.loads(shipped)["title"] == SCHEMA_FILES[name].doc


def test_entry_schema_knows_the_entry_keys() -> None:
    schema = json_schema(SCHEMA_FILES["entries.schema.json"])
    text = json.dumps(schema, ensure_ascii=False)
    for key in ("approved", "questions", "forbidden", "shortcut", "review_by", "channels"):
        assert f'"{key}"' in text
