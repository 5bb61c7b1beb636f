"""A small library for the export tests, built without the splitter (so these tests test exports only).

`sample_library(path)` holds one issue of 吕梁日报 (2023-02-18, page 1) with three articles — one containing
𠮷 (outside the BMP) so code-point positions are checked — plus annotations and vocabulary.
"""

from __future__ import annotations

import hashlib

from dubao.core.models import Article, Block, Issue, SourceInfo

ARTICLES = (
    ("市委召开常委会会议", "孙大军主持", ("李雅萍",),
     ("本报讯(记者 李雅萍)2月17日,市委召开常委会会议,研究讨论市“两会”筹备工作。",
      "会议指出,习近平总书记的重要讲话,深刻阐述了中国式现代化的一系列重大理论和实践问题。")),
    ("市政府与中国能建举行工作会谈", "张广勇出席", ("付永文",),
     ("本报讯(记者 付永文)2月17日,市长张广勇与高万才一行举行工作会谈。",
      "吕梁东靠汾河、西临黄河,以“985”重点产业链为抓手。")),
    ("𠮷野家在吕梁开店", None, ("欧阳修文", "王洋"),
     ("本报讯 𠮷野家首家门店昨日开业,市民排队品尝。", "店长说:“我们看好吕梁。”")),
)
PAPER, DATE = "吕梁日报", "2023-02-18"


def build_issue(articles=ARTICLES, path: str = "/tmp/lvliang-ribao-2023-02-18-p1.txt") -> tuple[str, Issue]:
    """(source text, Issue) for `articles` given as (headline, subheadline, reporters, paragraphs)."""
    source_parts, built, offset = [], [], 0
    for index, (headline, subheadline, reporters, paragraphs) in enumerate(articles, start=1):
        pieces = [("headline", headline)] + ([("subheadline", subheadline)] if subheadline else [])
        pieces += [("paragraph", paragraph) for paragraph in paragraphs]
        blocks, text_parts, position = [], [], 0
        for kind, piece in pieces:
            blocks.append(Block(kind, piece, position, position + len(piece), ((offset, offset + len(piece)),)))
            text_parts.append(piece)
            source_parts.append(piece)
            position += len(piece) + 1
            offset += len(piece) + 2  # blank line between pieces in the source
        built.append(Article(index=index, headline=headline, kicker=None, subheadline=subheadline, column=None,
                             reporters=tuple(reporters), photographers=(), dateline=None,
                             text="\n".join(text_parts), blocks=tuple(blocks)))
    source = "\n\n".join(source_parts) + "\n\n"
    sha = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return source, Issue(SourceInfo(path, sha, "utf-8", len(source)), (), tuple(built))


def find(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def sample_library(path=":memory:", with_work: bool = True):
    """An open Store with the sample issue and (with_work) annotations and vocabulary on it."""
    from dubao.core.library.store import Store

    store = Store.open(path)
    source, issue = build_issue()
    outcome = store.save_issue(issue, source, paper=PAPER, date=DATE)
    if with_work:
        first, second, third = store.articles(outcome.issue_id)
        store.add_annotation(first.id, *find(first.text, "中国式现代化"), "yellow",
                             "核心概念\n见“二十大”报告", ("理论", "政治 话语"))
        store.add_annotation(first.id, *find(first.text, "市“两会”"), "green", "", ())
        store.add_annotation(second.id, *find(second.text, "“985”重点产业链"), "blue",
                             "=cmd|' /C calc'!A0", ("经济",))
        store.add_annotation(third.id, *find(third.text, "𠮷野家首家门店"), "pink", "-注意 'quote' \"双引号\"",
                             ("经济",))
        store.add_vocab("阐述", "chǎnshù", "to expound; to elaborate", 6,
                        "深刻阐述了中国式现代化的一系列重大理论和实践问题。", first.id, *find(first.text, "阐述"))
        store.add_vocab("产业链", "chǎnyèliàn", "industrial chain", None,
                        "以“985”重点产业链为抓手。", second.id, *find(second.text, "产业链"))
    return store, outcome.issue_id
