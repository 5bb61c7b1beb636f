"""Markdown export: highlights as quotes, readable as-is in Obsidian, in a Zotero note or on GitHub.

Layout: YAML front matter (title, paper, date, tags — Obsidian reads it as note properties), then per
article its headline, kicker/subheadline, byline, paper and date, then each highlight in text order as a
block quote, the sentence around it (the highlight in bold) as a second one, then its colour, tags (as
#tags, which Obsidian indexes) and note. Highlights whose
passage is no longer in the article (orphaned after a re-split or an import) follow under an "Orphaned"
heading of their own, with their quote and note but no position: a position would point at other words.
"""

from __future__ import annotations

import json
import re

from dubao.core.export.data import Article, ExportData, sentence_parts
from dubao.core.models import Annotation

# Characters that would turn plain newspaper text into Markdown syntax (emphasis, links, HTML, tables).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START_SPECIAL = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])", re.MULTILINE)
_COLOR_MARK = {"yellow": "🟨", "green": "🟩", "blue": "🟦", "pink": "🟥", "purple": "🟪"}


def escape_markdown(text: str) -> str:
    """Show `text` literally: escape inline syntax, and line starts that would make headings or lists."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START_SPECIAL.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def obsidian_tag(tag: str) -> str:
    """'党的 二十大' -> '#党的-二十大': Obsidian tags end at whitespace and most punctuation."""
    # everything but letters, digits, _ and nested-tag slashes becomes "-": a tag from a W3C file may hold
    # HTML (<script>…), which a Markdown renderer would pass through as markup
    cleaned = re.sub(r"[^\w/]+", "-", tag.strip()).strip("-/")
    cleaned = re.sub(r"/{2,}", "/", cleaned)
    if not cleaned or cleaned.isdigit():  # Obsidian ignores all-digit tags
        cleaned = f"tag-{cleaned or 'untitled'}"
    return "#" + cleaned


def _quote_block(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in escape_markdown(text).split("\n")]


def _in_context(article: Article, annotation: Annotation) -> list[str]:
    """The sentence around the highlight, the highlight in bold, as a block quote of its own."""
    parts = sentence_parts(article, annotation)
    if parts is None:
        return []
    before, highlighted, after = (escape_markdown(part).replace("\n", " ") for part in parts)
    return ["", f"> {before}**{highlighted}**{after}"]


def _highlight(annotation: Annotation, article: Article) -> list[str]:
    lines = _quote_block(annotation.quote) + _in_context(article, annotation)
    details = [f"{_COLOR_MARK.get(annotation.color, '⬜')} {annotation.color}"]
    if annotation.tags:
        details.append(" ".join(obsidian_tag(tag) for tag in annotation.tags))
    if annotation.status != "orphaned":
        details.append(f"chars {annotation.start}–{annotation.end}")
    if annotation.status == "fuzzy" and annotation.score is not None:
        details.append(f"anchor: fuzzy, score {annotation.score:.2f}")
    elif annotation.status != "exact":
        details.append(f"anchor: {annotation.status}")
    lines += ["", "— " + " · ".join(details)]
    if annotation.note.strip():
        # two trailing spaces: a hard line break, so the note keeps its lines in every Markdown reader
        note = "  \n".join(escape_markdown(annotation.note.strip()).split("\n"))
        lines += ["", "**Note:** " + note]
    return lines + [""]


def _article_header(article: Article, level: str) -> list[str]:
    lines = []
    if article.kicker:
        lines.append(f"*{escape_markdown(article.kicker)}*")
        lines.append("")
    lines.append(f"{level} {escape_markdown(article.headline or '(untitled)')}")
    lines.append("")
    if article.subheadline:
        lines += [f"**{escape_markdown(article.subheadline)}**", ""]
    meta = [part for part in (article.byline, article.issue.label, article.column and f"【{article.column}】") if part]
    lines += [escape_markdown(" · ".join(meta)), ""]
    return lines


def _front_matter(data: ExportData) -> list[str]:
    issues = {article.issue for article in data.articles}
    tags = sorted({tag for annotation in data.annotations for tag in annotation.tags})
    lines = ["---", f"title: {json.dumps(data.title, ensure_ascii=False)}"]
    if len(issues) == 1:
        issue = next(iter(issues))
        lines.append(f"paper: {json.dumps(issue.paper, ensure_ascii=False)}")
        if issue.date:
            lines.append(f"date: {issue.date}")
    if tags:
        lines.append("tags: " + json.dumps([obsidian_tag(tag)[1:] for tag in tags], ensure_ascii=False))
    lines.append(f"highlights: {len(data.annotations)}")
    orphaned = sum(1 for annotation in data.annotations if annotation.status == "orphaned")
    if orphaned:
        lines.append(f"orphaned: {orphaned}")
    return lines + ["---", ""]


def to_markdown(data: ExportData) -> str:
    """The Markdown document for `data` (see module docstring)."""
    lines = _front_matter(data)
    grouped = data.annotations_by_article()
    single = len(data.articles) == 1
    # several issues (a library export): one section per issue, the articles under it
    several_issues = len({article.issue for article in data.articles}) > 1
    if not single:
        lines += [f"# {escape_markdown(data.title)}", ""]
    shown, current_issue = 0, None
    for article in data.articles:
        highlights = grouped.get(article.id, [])
        if not highlights and not single:
            continue  # an issue export lists the articles the user worked on
        shown += 1
        if several_issues and article.issue != current_issue:
            current_issue = article.issue
            lines += [f"## {escape_markdown(current_issue.label)}", ""]
        level = "#" if single else "###" if several_issues else "##"
        lines += _article_header(article, level)
        placed = [annotation for annotation in highlights if annotation.status != "orphaned"]
        orphans = [annotation for annotation in highlights if annotation.status == "orphaned"]
        for annotation in placed:
            lines += _highlight(annotation, article)
        if orphans:
            lines += [f"{level}# Orphaned", "", "*Passages no longer found in this article's text; "
                      "kept with their notes.*", ""]
            for annotation in orphans:
                lines += _highlight(annotation, article)
        if not highlights:
            lines += ["*No highlights.*", ""]
    if shown == 0 and not single:
        filtered = f" tagged {obsidian_tag(data.tag)}" if data.tag else ""
        lines += [f"*No highlights{filtered}.*", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
