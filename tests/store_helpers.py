"""Hand-built issues for the library tests, so they do not depend on the splitter's current output."""

from __future__ import annotations

import hashlib

from dubao.core.models import Article, Block, Issue, SourceInfo


def make_article(index: int, headline: str, paragraphs: list[str], source_offset: int = 0) -> Article:
    """An article whose blocks are its headline and paragraphs, laid out in the source one line each."""
    blocks, parts, position, source = [], [], 0, source_offset
    for kind, text in [("headline", headline)] + [("paragraph", p) for p in paragraphs]:
        blocks.append(Block(kind, text, position, position + len(text), ((source, source + len(text)),)))
        parts.append(text)
        position += len(text) + 1
        source += len(text) + 1
    return Article(index, headline, None, None, None, (), (), None, "\n".join(parts), tuple(blocks))


def make_issue(articles: list[tuple[str, list[str]]], path: str | None = None, salt: str = "") -> tuple[str, Issue]:
    """(source text, Issue) for articles given as (headline, paragraphs)."""
    built, offset, lines = [], 0, []
    for index, (headline, paragraphs) in enumerate(articles, start=1):
        article = make_article(index, headline, paragraphs, offset)
        built.append(article)
        lines.append(article.text)
        offset += len(article.text) + 1
    source = "\n".join(lines) + salt
    sha = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return source, Issue(SourceInfo(path, sha, "utf-8", len(source)), (), tuple(built))


SAMPLE_ARTICLES = [
    ("市委召开常委会会议", ["本报讯 2月17日,市委召开常委会会议。市委书记孙大军主持。",
                      "会议强调,努力交出中国式现代化的吕梁优异答卷。"]),
    ("市政府与中国能建举行工作会谈", ["2月16日,市政府与中国能源建设集团有限公司举行工作会谈。",
                            "双方将在新能源、新型储能等领域深化合作,推动吕梁高质量发展。"]),
]
