"""The search index, built once at build time and searched by `overrides/assets/handbook-search.js`.

The browser matches Chinese by substring and character pairs (so 换货 finds 退换货 and
退款差评 finds both words), pinyin by syllable-aligned substring and initials by prefix. The
pinyin is computed here with the phrase-aware reader (`generator.pinyin`), so 重新 reads
chongxin and 银行 yinhang. It is written as a script (not JSON fetched by a worker), so the
site searches when opened from file:// too. Pinyin lives in its own fields and is never shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache

from generator.model import Entry, Library
from generator.site.layout import category_page, policy_page, url_of
from generator.text.pinyin import HAN, word_syllables, words
from generator.text.placeholders import SLOT

INDEX_PATH = "search/handbook-index.js"
ITEM_SEP = "|"
LIST_SEP = "\x1e"  # between questions / replies: a reply may itself hold line breaks
KIND_ENTRY, KIND_POLICY, KIND_CATEGORY = 0, 1, 2
FIELDS = ("url", "title", "where", "scenario", "questions", "tags", "codes", "replies", "pyTitle", "pyMore",
          "iniTitle", "iniMore", "kind", "top")


def page_config(per_customer: Collection[str] = ()) -> dict:
    """`window.Handbook.config` of every page (rendered by overrides/main.html): the constants the
    scripts share with the build, so they are written down once, here and in generator.text.placeholders;
    and the placeholders whose values belong to one customer (asked for at copy time, never kept)."""
    return {"slot": SLOT.pattern, "listSep": LIST_SEP, "itemSep": ITEM_SEP,
            "kinds": {"entry": KIND_ENTRY, "policy": KIND_POLICY, "category": KIND_CATEGORY}, "index": INDEX_PATH,
            "perCustomer": sorted(per_customer)}


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(words(text))


@lru_cache(maxsize=65536)
def _word_reading(word: str) -> tuple[str, ...]:
    """The syllables of one word (words repeat a lot across a library: read each once)."""
    return tuple(s for part in word_syllables(word) for s in part)


@lru_cache(maxsize=65536)
def _reading(text: str) -> tuple[str, str]:
    """(syllables with capitalised starts, initials): 退款没到账 → (TuiKuanMeiDaoZhang, tkmdz)."""
    syllables = [s for word in _words(text) for s in _word_reading(word)]
    return "".join(s[:1].upper() + s[1:] for s in syllables), "".join(s[0] for s in syllables)


def pinyin_fields(items: list[str]) -> tuple[str, str]:
    readings = [_reading(item) for item in items]
    return ITEM_SEP.join(r[0] for r in readings), ITEM_SEP.join(r[1] for r in readings)


def _entry_doc(entry: Entry, where: str) -> list:
    py_title, ini_title = pinyin_fields([entry.title])
    py_more, ini_more = pinyin_fields([*entry.questions, *entry.tags])
    return [
        url_of(category_page(entry.category)) + "#" + entry.id, entry.title, where, entry.scenario,
        LIST_SEP.join(entry.questions), " ".join(entry.tags),
        LIST_SEP.join(r.shortcut or "" for r in entry.approved),  # one per reply, in step with replies
        LIST_SEP.join(r.text for r in entry.approved),
        py_title, py_more, ini_title, ini_more, KIND_ENTRY, int(entry.top),
    ]


def _page_doc(url: str, title: str, where: str, text: str, kind: int) -> list:
    py_title, ini_title = pinyin_fields([title])
    return [url, title, where, text, "", "", "", "", py_title, "", ini_title, "", kind, 0]


def vocabulary(library: Library) -> str:
    """The library's own words (titles, phrasings, tags): the browser cuts unspaced queries with them."""
    found = {w for e in library.entries for text in (e.title, *e.questions, *e.tags) for w in _words(text)
             if len(w) > 1 and HAN.fullmatch(w)}
    return ITEM_SEP.join(sorted(found))


def build_index(library: Library, fold: str = "", label: Callable[[str], str] = str) -> dict:
    """`fold`: pairs of characters (shown, searched as) that the browser folds in both the text and
    the query, so a Traditional Chinese site also answers Simplified queries; `label`: the site's
    script for the words the index adds itself (where a policy or a category result comes from)."""
    titles = {c.id: c.title for c in library.categories}
    docs = [_entry_doc(e, titles.get(e.category, e.category)) for e in library.entries]
    docs += [_page_doc(url_of(policy_page(p.id)), p.title, label("政策依据"), p.summary, KIND_POLICY)
             for p in library.policies]
    docs += [_page_doc(url_of(category_page(c.id)), c.title, label("分类"), c.description, KIND_CATEGORY)
             for c in library.categories]
    index = {"fields": list(FIELDS), "docs": docs, "words": vocabulary(library)}
    return {**index, "fold": fold} if fold else index


def fold_pairs(library: Library, to_simplified: Callable[[str], str]) -> str:
    """For a Traditional site: each Han character of the library that has a different Simplified
    form, followed by that form (Simplified queries find Traditional text)."""
    pairs = ((c, to_simplified(c)) for c in _library_chars(library))
    return "".join(c + simple for c, simple in pairs if len(simple) == 1 and simple != c)


def unfold_pairs(library: Library, to_traditional: Sequence[Callable[[str], str]]) -> str:
    """For a Simplified site: each Traditional form of a library character, followed by that
    character (a customer from Hong Kong or Taiwan writes 發錯貨; the agent pastes it)."""
    found: dict[str, str] = {}
    for char in _library_chars(library):
        for convert in to_traditional:
            traditional = convert(char)
            if len(traditional) == 1 and traditional != char:
                found.setdefault(traditional, char)
    return "".join(t + c for t, c in sorted(found.items()))


def _library_chars(library: Library) -> list[str]:
    """The distinct Han characters of the searched texts (collected as sets in C, then filtered:
    a library of 10,000 entries has millions of characters and a few thousand distinct ones)."""
    texts = (t for e in library.entries for t in (e.title, e.scenario, *e.questions, *e.tags,
                                                   *(r.text for r in e.approved)))
    return sorted(c for c in set().union(*texts) if HAN.fullmatch(c))


def index_script(library: Library, fold: str = "", label: Callable[[str], str] = str) -> str:
    """The index as a script assigning a global. The JSON travels as a string for JSON.parse (faster
    to load than the same object literal); `<` is escaped so no text can close a script tag."""
    data = json.dumps(build_index(library, fold, label), ensure_ascii=False, separators=(",", ":"))
    literal = json.dumps(data, ensure_ascii=False)
    literal = literal.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.__handbookIndex=JSON.parse({literal});\n"
