"""Citations of articles as CSL-JSON and RIS, both importable by Zotero, Mendeley, EndNote and citeproc.

Each article is a newspaper article: headline (and sub-headline after a colon) as title, reporters as
authors, photographers as contributors, the paper as container title, the issue date, the page only when
the issue's file name states a folio (第3版), its web address when known, language zh.

Chinese names: "李雅萍" becomes family "李", given "雅萍" (citeproc joins CJK family and given names
without a space, so the name prints as written). A compound surname (欧阳, 司马 …) is kept whole. Names
that are not plain Han characters — transliterations with a middle dot (阿不都·热合曼), Latin names, or
single characters — are passed as a literal, which every citation style prints unchanged.
"""

from __future__ import annotations

import json
import re

from dubao.core.export.data import Article, ExportData, stable_uuid

# The common two-character (compound) surnames; a name starting with one keeps both characters as family.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 轩辕 令狐 钟离 端木 独孤 南宫"
    " 西门 百里 呼延 澹台 公冶 太史 申屠 闻人 万俟 赫连 拓跋 第五 梁丘 左丘 东郭 南门 羊舌 微生 公羊"
    " 濮阳 淳于 单于 仲孙 叔孙 段干 鲜于 闾丘 司寇 子车 亓官 巫马 乐正 谷梁 宰父 夹谷 壤驷 漆雕 颛孙".split()
)
_HAN_NAME = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003134f]{2,4}$")


def split_chinese_name(name: str) -> dict[str, str]:
    """A CSL name object: {"family", "given"} for a 2–4 character Han name, else {"literal"}."""
    name = name.strip()
    if not _HAN_NAME.match(name):
        return {"literal": name}
    family_length = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return {"family": name[:family_length], "given": name[family_length:]}


def _date_parts(date: str | None) -> list[int] | None:
    if not date:
        return None
    parts = [int(part) for part in re.findall(r"\d+", date)[:3]]
    return parts or None


def citation_key(article: Article) -> str:
    """A key stable across exports: the same article always gets the same id in Zotero/BibTeX tools."""
    return f"dubao-{stable_uuid('citation', article.issue.sha256, article.index).hex[:12]}"


def full_title(article: Article) -> str:
    """The headline, and the sub-headline after a colon: how Zotero users cite a two-part newspaper title."""
    subheadline = (article.subheadline or "").strip()
    return f"{article.headline}: {subheadline}" if subheadline else article.headline


def csl_item(article: Article) -> dict:
    """One article as a CSL-JSON item (type article-newspaper)."""
    issue = article.issue
    item: dict = {"id": citation_key(article), "type": "article-newspaper", "title": full_title(article),
                  "container-title": issue.paper, "language": "zh"}
    authors = [split_chinese_name(name) for name in article.reporters if name.strip()]
    if authors:
        item["author"] = authors
    photographers = [split_chinese_name(name) for name in article.photographers if name.strip()]
    if photographers:  # CSL has no photographer role; Zotero maps "contributor" to its own Contributor
        item["contributor"] = photographers
    parts = _date_parts(issue.date)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if issue.page:
        item["page"] = issue.page
    if issue.url:
        item["URL"] = issue.url
    if article.column:
        item["section"] = article.column
    if article.kicker:
        item["note"] = article.kicker
    return item


def to_csl_json(data: ExportData) -> str:
    """A CSL-JSON array, one item per article in the export ([] when there is none)."""
    return json.dumps([csl_item(article) for article in data.articles], ensure_ascii=False, indent=2) + "\n"


def _ris_name(name: str) -> str:
    parts = split_chinese_name(name)
    return f"{parts['family']}, {parts['given']}" if "family" in parts else parts["literal"]


def ris_record(article: Article) -> list[str]:
    """The tagged lines of one RIS record (TY NEWS … ER)."""
    issue = article.issue
    lines = ["TY  - NEWS", f"TI  - {full_title(article)}"]
    lines += [f"AU  - {_ris_name(name)}" for name in article.reporters if name.strip()]
    # A4, the subsidiary author: the photographer
    lines += [f"A4  - {_ris_name(name)}" for name in article.photographers if name.strip()]
    # Zotero's RIS reader: T2 is a NEWS record's newspaper, SE its section, "family, given" splits AU; it has
    # no field for ID (it would become a stray note), so the citation key goes in CSL-JSON only.
    lines.append(f"T2  - {issue.paper}")
    parts = _date_parts(issue.date)
    if parts:
        lines.append(f"PY  - {parts[0]}")
        lines.append("DA  - " + "/".join(f"{part:02d}" if i else str(part) for i, part in enumerate(parts)))
    if issue.page:
        lines.append(f"SP  - {issue.page}")
    if article.column:
        lines.append(f"SE  - {article.column}")
    if issue.url:
        lines.append(f"UR  - {issue.url}")
    lines.append("LA  - zh")
    if article.kicker:
        lines.append(f"N1  - {article.kicker}")
    return [line.replace("\r", " ").replace("\n", " ") for line in lines] + ["ER  - "]


def to_ris(data: ExportData) -> str:
    """RIS text (CRLF line ends, as the format specifies); empty for an export without articles."""
    lines: list[str] = []
    for article in data.articles:
        lines += ris_record(article) + [""]
    return "\r\n".join(lines)
