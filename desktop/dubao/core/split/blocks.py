"""Walking the classified lines of a page and assembling article drafts and page items.

The walk keeps one *current* article. Title runs start a new article (or become a section heading of the
current one, or the late headline of an untitled one); body lines extend the current article, joining a
paragraph the page's columns broke (also across an interrupting photo caption); a paragraph that opens
with a dateline after another article's body starts a new, still untitled article.
"""

from __future__ import annotations

import itertools
import re

from dubao.core.split.body_lines import BodyLines
from dubao.core.split.drafts import Draft, DraftBlock, PageDraft, make_block
from dubao.core.split.lines import page_kind
from dubao.core.split.source_line import Line
from dubao.core.split.patterns import BOX_WORDS, HEADING_NUMBER, MASTHEAD, NOTICE, PAGE_REF, is_terminated
from dubao.core.split.wrap import column_runs
from dubao.core.split.titles import assign_roles, looks_like_column, split_for_orphans

TITLEISH = frozenset({"title", "subtitle", "byline", "dateline", "column"})
BODYISH = frozenset({"body", "caption", "credit", "names"})
_FRAGMENT_MARKS = set("，,；;：:、。！？!?")
_CONTENTS_REACH = 14  # lines after 导读 that may still belong to the box
_END_BYLINE = re.compile(r"^[（(].*[）)]$")  # （记者 张三） closes the text above it
_PHOTO_TEXT = 150  # the longest caption read as a photo's
_HEADING_PART = 10  # the longest half of a two-line section heading
_PAGE_EDGE = frozenset({"header", "editor", "contact", "masthead"})
_ENDING_NOTE = re.compile(r"^[（(](?:完|全文完|作者|据|来源|本文|稿件)[^（）()]{0,60}[）)]$")


def _page_kind(line: Line) -> str:
    return line.furniture or page_kind(line.text) or ("masthead" if MASTHEAD.match(line.text) else "header")


def _fragment_like(text: str) -> bool:
    """Does a short line read like the rest of a broken sentence rather than a title?"""
    return any(ch in _FRAGMENT_MARKS for ch in text) or is_terminated(text) and not text.endswith(("”", "）", ")"))


class Assembler(BodyLines):
    """One walk over a page's classified lines: `run()` gives the article drafts and the page items."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.drafts: list[Draft] = []
        self.page: list[PageDraft] = []
        self.current: Draft | None = None
        # evidence of the page's order: headlines given to bodies printed before them, and title runs that
        # opened the article printed after them (a PDF's stream order is mostly one or the other)
        self.late_titles = 0
        self.early_titles = 0
        self.past_edge = False  # the page's header or footer came after the last text
        self.column_runs = column_runs(lines)
        self.notice: PageDraft | None = None  # a classified notice (遗失声明) whose text is still being read

    # ---- walking ------------------------------------------------------------------------------
    def run(self) -> tuple[list[Draft], list[PageDraft]]:
        lines, position = self.lines, 0
        while position < len(lines):
            line = lines[position]
            if line.shape == "page":
                position = self._page_line(position)
            elif line.shape == "banner":
                self.page.append(PageDraft("banner", [line]))
                position += 1
            elif line.shape in TITLEISH and not self._continues_sentence(line):
                end = position
                run: list[Line] = []
                page_edge = False  # does the page's header or footer come between the run and the text after it?
                # furniture printed among the title lines (a banner, a date) is set aside; a 导读 box ends the run
                while end < len(lines) and lines[end].shape in TITLEISH | {"banner", "page"}:
                    other = lines[end]
                    if other.shape == "page" and _page_kind(other) == "contents":
                        break
                    if other.shape in TITLEISH:
                        run.append(other)
                        page_edge = False
                    else:
                        kind = "banner" if other.shape == "banner" else _page_kind(other)
                        if kind == "table" and self.page and self.page[-1].kind == "table":
                            self.page[-1].lines.append(other)  # the rows of one table are one item
                        else:
                            self.page.append(PageDraft(kind, [other]))
                        page_edge = page_edge or kind in _PAGE_EDGE
                    end += 1
                self._title_run(run, end, page_edge)
                position = end
            else:
                self._body_line(line)
                position += 1
        return self.drafts, self.page

    def _continues_sentence(self, line: Line) -> bool:
        current = self.current
        return (
            current is not None and current.open_paragraph is not None and line.shape == "title"
            and _fragment_like(line.text)
        )

    def _page_line(self, position: int) -> int:
        line = self.lines[position]
        kind = _page_kind(line)
        taken = [line]
        self.notice = None
        if kind == "table":  # the rows of one table are one item
            while position + len(taken) < len(self.lines) and self.lines[position + len(taken)].furniture == "table":
                taken.append(self.lines[position + len(taken)])
        if kind == "contents":
            # the box runs to its last line that points to a page (要闻 …… 第2版)
            reach = self.lines[position + 1 : position + 1 + _CONTENTS_REACH]
            last = max((i for i, other in enumerate(reach) if PAGE_REF.search(other.text)), default=-1)
            taken += reach[: last + 1]
        self.page.append(PageDraft(kind, taken))
        self.past_edge = self.past_edge or kind in _PAGE_EDGE
        return position + len(taken)

    # ---- title runs --------------------------------------------------------------------------
    def _next_body(self, end: int) -> tuple[str | None, bool, Line | None]:
        """Text of the body after a run (a few lines), whether it opens a new article, and its first line."""
        taken: list[Line] = []
        for position in range(end, len(self.lines)):  # no slice: a page may have thousands of lines
            line = self.lines[position]
            if line.shape in TITLEISH and taken:
                break
            if line.shape in BODYISH:
                taken.append(line)
                if len(taken) >= 4:
                    break
        if not taken:
            return None, False, None
        first = taken[0]
        # a photo (a caption, or a short text with the photographer's credit under it) is an item of its own
        lead = [first] + list(itertools.takewhile(lambda line: line.continues, taken[1:]))
        credited = len(taken) > len(lead) and taken[len(lead)].shape == "credit"
        photo = first.shape == "caption" or (credited and sum(len(line.text) for line in lead) <= _PHOTO_TEXT)
        return "".join(line.text for line in taken), first.dateline is not None or photo, first

    def _title_run(self, run: list[Line], end: int, page_edge: bool = False) -> None:
        next_text, next_is_new, next_line = self._next_body(end)
        next_is_new = next_is_new or page_edge  # text past the page's edge is another item
        self.past_edge = page_edge
        self.notice = None
        if len(run) == 1 and NOTICE.match(run[0].text):
            # 遗失声明 and its text are a page item; the article above ends here
            self.notice = PageDraft("notice", [run[0]])
            self.page.append(self.notice)
            self.current = None
            return
        current = self.current
        # bylines follow their headline: one before any title line ends the article above (本报记者 罗珊珊)
        leading = 0
        while leading < len(run) and run[leading].shape == "byline" and current is not None and current.body:
            leading += 1
        if leading and leading < len(run):
            self._byline_run(run[:leading])
            run = run[leading:]
        titles = [line for line in run if line.shape in ("title", "subtitle", "column")]
        orphans = self._untitled_bodies()
        if orphans and titles:
            body_first = self.late_titles > self.early_titles
            cuts = split_for_orphans(
                run, [d.all_text() for d in orphans], next_text, next_is_new or next_line is None, body_first
            )
            previous = 0
            for cut, orphan in zip(cuts, orphans):
                if cut > previous:
                    orphan.head = self._head_blocks(run[previous:cut]) + orphan.head
                    orphan.titled = True
                    self.late_titles += 1
                    previous = cut
            run = run[previous:]
            titles = [line for line in run if line.shape in ("title", "subtitle", "column")]
            if not run:
                # a late headline closes its article: what follows is another item
                self.past_edge = self.past_edge or (bool(previous) and body_first)
                return
            if previous and body_first and not titles and next_line is not None:
                # the byline after a late headline opens the next body: 新甘肃·甘肃法治报记者 孙涛
                self._start(titled=False).head = [make_block("byline", line) for line in run]
                return
        if not titles:
            self._byline_run(run, next_line is not None and next_line.dateline is None)
            return
        if self._is_list(run, next_line):
            for line in run:  # 会议要求： 一是加强组织领导 / 二是强化责任落实 …
                current.body.append(make_block("paragraph", line))
            current.open_paragraph = None
            return
        if len(run) > 1 and current is not None and current.body and all(
            line.shape == "title" and HEADING_NUMBER.match(line.text) for line in run
        ):
            current.body.extend(make_block("heading", line) for line in run)  # 一、… 二、… with no text between
            current.open_paragraph = None
            return
        if self._is_section_heading(run, next_line):
            current.body.append(make_block("heading", run[0]))
            current.open_paragraph = None
            return
        if self._is_two_line_heading(run, next_line):
            heading = make_block("heading", run[0])
            heading.spans.extend(run[1].spans())
            heading.texts.append(run[1].text)
            current.body.append(heading)
            current.open_paragraph = None
            return
        self._start(titled=True).head = self._head_blocks(run)
        self.early_titles += 1

    def _untitled_bodies(self) -> list[Draft]:
        """The bodies printed before their headlines that are still waiting for them (at most two, in order):
        a PDF's text may give two bodies first and then both headlines."""
        waiting: list[Draft] = []
        for draft in reversed(self.drafts[-2:]):
            if draft.titled or not draft.body:
                break
            waiting.insert(0, draft)
        return waiting

    def _is_list(self, run: list[Line], next_line: Line | None) -> bool:
        """Short unpunctuated items after a paragraph that announces them with a colon."""
        current = self.current
        if current is None or not current.body or len(run) < 2 or any(line.shape != "title" for line in run):
            return False
        last = current.body[-1]
        announced = last.kind == "paragraph" and last.text.endswith(("：", ":"))
        return announced and (next_line is None or next_line.dateline is None)

    def _is_section_heading(self, run: list[Line], next_line: Line | None) -> bool:
        current = self.current
        if current is None or len(run) != 1 or run[0].shape != "title" or not current.body or run[0].separated:
            return False
        if next_line is None or next_line.dateline is not None or next_line.shape == "credit":
            return False
        if current.body[-1].kind == "byline" or _ENDING_NOTE.match(current.body[-1].text):
            return False  # an end byline or a closing note （完） （作者为…） （据新华社电） ends its article
        if BOX_WORDS.match(run[0].text):
            return True  # 链接 · 记者手记: a box of the article it sits in
        if looks_like_column(run[0]):
            return False
        if HEADING_NUMBER.match(run[0].text) or next_line.shape == "names":
            return True
        last = current.body[-1]
        if last.text.endswith(("：", ":")) or (last.line is not None and last.line.shape == "names"):
            return True  # 名单如下： then a group heading of the list
        return current.is_feature()

    def _is_two_line_heading(self, run: list[Line], next_line: Line | None) -> bool:
        """A feature's heading in two short parts that the PDF tool put on two lines (把好“普法关” / 狠抓基层
        源头治理): the same test as a one-line heading, for parts too short to be a headline and its sub."""
        if len(run) != 2 or any(line.shape != "title" or len(line.text) > _HEADING_PART for line in run):
            return False
        if run[1].blank_before or any(looks_like_column(line) for line in run):
            return False
        return self._is_section_heading(run[:1], next_line)

    def _byline_run(self, run: list[Line], opens_next: bool = False) -> None:
        """Bylines with no title: an end byline （记者 张三）, or a dateline line opening an untitled article."""
        current = self.current
        if current is None or any(line.shape == "dateline" for line in run):
            current = self._start(titled=False)
            for line in run:
                if line.title_at is None:
                    current.head.append(make_block("byline", line))
                    continue
                # 新华社北京3月4日电　题：春天里的新希望 → headline first, then the dateline
                dateline_end = len(line.text[: line.title_at].rstrip())
                current.head[:0] = [make_block("headline", line, line.title_at)]
                current.head.append(make_block("byline", line, 0, dateline_end))
                current.titled = True
            return
        if opens_next and self._signed(current) and not any(_END_BYLINE.match(line.text) for line in run):
            # signed at its head already: a byline over more text opens the next (untitled) article
            self._start(titled=False).head = [make_block("byline", line) for line in run]
            return
        current = self._split_at_last_heading(current)
        current.body.extend(make_block("byline", line) for line in run)
        current.open_paragraph = None

    @staticmethod
    def _signed(draft: Draft) -> bool:
        return any(block.kind == "byline" for block in draft.head + draft.body) or any(
            block.line is not None and block.line.dateline is not None for block in draft.paragraphs[:1]
        )

    def _split_at_last_heading(self, current: Draft) -> Draft:
        """An article signed at its head cannot be signed again at its end: when an end byline follows a
        section heading of such an article, that heading was the headline of the next article."""
        headings = [i for i, block in enumerate(current.body) if block.kind == "heading"]
        if not headings or not any(block.kind == "byline" for block in current.head):
            return current
        cut = headings[-1]
        moved = current.body[cut:]
        del current.body[cut:]
        following = self._start(titled=True)
        moved[0].kind = "headline"
        following.head, following.body = moved[:1], moved[1:]
        return following

    @staticmethod
    def _head_blocks(run: list[Line]) -> list[DraftBlock]:
        return [make_block(kind, line) for kind, line in assign_roles(run)]

    def _start(self, titled: bool) -> Draft:
        self.current = Draft(titled=titled)
        self.drafts.append(self.current)
        return self.current


def assemble(lines: list[Line]) -> tuple[list[Draft], list[PageDraft]]:
    return Assembler(lines).run()
