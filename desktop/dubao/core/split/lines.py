"""Lines of a raw issue and what each one looks like (its *shape*), for the splitter.

A raw page is a sequence of lines; blank lines carry no meaning (some pages put one between every
paragraph, some none). Each non-blank line gets a shape from its length, its punctuation and a few
patterns every Chinese paper shares (bylines, photo credits, datelines, captions, page furniture).
No paper's own strings are listed here: only the conventions of the press.

Shapes:
  body      a paragraph line (long, or ending in sentence punctuation)
  title     short, no sentence punctuation: headline, kicker, subheadline, column tag or section heading
  subtitle  a dash sub-title (——我市加快推进项目建设综述)
  byline    an author line of its own (□ 本报记者 王涛 · 本报评论员 · 文/图 张三)
  dateline  a dateline alone on its line (新华社北京3月4日电)
  credit    a photo credit (记者 薛志雄 摄)
  caption   a photo caption (图为…)
  names     a line of a list of names (张三 李四 王五 …)
  column    a genre mark that is a column tag whatever its length (（社论）)
  banner    a slogan across the page (新时代 新征程 新伟业)
  page      page furniture: date/page header, editor line, 下转/上接 jump, 导读 box
"""

from __future__ import annotations

import re

from dubao.core.split.patterns import (
    BULLET_NAME, BYLINE, CAPTION_START, CLAUSE_MARKS, COLUMN_WORDS, CREDIT, DANGLING, DATELINE, DISPATCH_TITLE,
    EDITORIAL, HAN, MASTHEAD, NAME, PADDED_ALONE, PADDED_NAME, PAGE_KINDS, PAGE_NAME, SENTENCE_MARKS, TITLE_MAX,
    is_terminated,
)
from dubao.core.split.source_line import Line, make_line
from dubao.core.split.gaps import mark_separators
from dubao.core.split.tables import mark_tables
from dubao.core.split.wrap import mark_wrapped

# Every line ending (CRLF, CR, LF, and the rarer Unicode ones) separates lines; offsets stay exact.
_LINE = re.compile(r"[^\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")

_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def scan_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    previous_end = 0
    for match in _LINE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        indent = len(raw) - len(raw.lstrip())
        start = match.start() + indent
        # two line breaks (or a form feed) between this line and the last: a blank line
        between = match.start() - previous_end
        if not lines or between == 1 or (between == 2 and text[previous_end] == "\r" and text[previous_end + 1] == "\n"):
            gap = 0
        elif between == 2 and text[previous_end] == "\n" and text[previous_end + 1] == "\n":
            gap = 1
        else:
            gap = max(len(_BREAKS.findall(text, previous_end, match.start())) - 1,
                      int("\x0c" in text[previous_end : match.start()]))
        if stripped.count(" ") < 2:  # no letter-spacing to look for
            lines.append(Line(len(lines), start, start + len(stripped), stripped, indent=indent,
                              blank_before=gap > 0, gap=gap))
        else:
            lines.append(make_line(len(lines), start, stripped, indent, gap))
        previous_end = match.end()
    return lines


def _chunks(text: str) -> list[str]:
    return PADDED_NAME.sub(r"\1\2", text).split()


_SENTENCE_INSIDE = re.compile(r"[，,。；;！？!?]")
_PAGE_NUMBER = re.compile(r"^\d{1,2}$|第?[\d一二三四五六七八九十]{1,3}版")
_NAME_NOTE = re.compile(r"[（(][^（()）]{1,6}[）)]")


def _names_shaped(text: str) -> bool:
    """张三 李四 王五 · 张三、李四、王五 — a line made only of personal names."""
    if len(text) < 8 or CLAUSE_MARKS.search(text) or SENTENCE_MARKS.search(text):
        return False
    text = _NAME_NOTE.sub("", PADDED_NAME.sub(r"\1\2", text))  # 王　宁（女） → 王宁
    parts = [p for p in re.split(r"[\s、]+", text) if p]
    return len(parts) >= 3 and all(re.fullmatch(NAME, p) for p in parts)


def _banner_shaped(text: str) -> bool:
    """新时代 新征程 新伟业 — short parallel chunks with no punctuation."""
    if len(text) > 30 or not any(ch.isspace() for ch in text):
        return False
    parts = _chunks(text)
    if len(parts) < 3:
        return False
    return all(re.fullmatch(rf"[{HAN}\d]{{2,8}}", p) for p in parts)


_PAIRED = (("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"), ("「", "」"), ("『", "』"))
_BRACKETS = re.compile("[" + "".join(a + b for a, b in _PAIRED) + "]")


def _title_shaped(text: str) -> bool:
    if len(text) > TITLE_MAX or SENTENCE_MARKS.search(text[:-1]):
        return False
    if len(CLAUSE_MARKS.findall(text)) >= 2 or text[-1] in DANGLING or text[-1] in "，,；;":
        return False
    if text[-1] in "。；;…":
        return False
    if len(text) > 26 and CLAUSE_MARKS.search(text):
        return False  # a long line with a comma is a sentence broken by the column, not a headline
    if _BRACKETS.search(text) and any(text.count(opening) != text.count(closing) for opening, closing in _PAIRED):
        return False  # “谢谢你们化解了我们兄弟俩多 · 员魏嘉熠）: a quotation or bracket the column broke
    if text[-1] in "！？!?":  # 奋斗吧！ is a headline; 谢谢，大家好！ is not
        return len(text) <= 24 and not CLAUSE_MARKS.search(text)
    return not is_terminated(text) or text[-1] in "”’」』）)"


def page_kind(text: str) -> str | None:
    """contents / jump / editor / header / web for page furniture, None for anything else."""
    if len(text) > 60:
        return None
    for kind, pattern in PAGE_KINDS:
        if pattern.match(text):
            if kind == "header" and _SENTENCE_INSIDE.search(text):
                return None  # 2024年1月1日，马某某… opens a paragraph
            return kind
    return None


def line_shape(text: str) -> str:
    """The shape of one trimmed line on its own (context refines it later)."""
    if page_kind(text):
        return "page"
    if len(text) <= 60 and text.startswith(("——", "—", "--", "－－")) and len(text.lstrip("—-－ ")) >= 2:
        return "subtitle"
    if len(text) <= 40:
        if EDITORIAL.match(text):
            return "column"  # （社论） marks the genre of the article it heads
        if CREDIT.match(text):
            return "credit"
        if len(text) <= 8 and COLUMN_WORDS.search(text):
            return "title"  # 记者手记 is a box, not a reporter called 手记
        if BYLINE.match(text) or BULLET_NAME.match(text):
            return "byline"
        dateline = DATELINE.match(text)
        if dateline and len(text) - dateline.end() <= 1:
            return "dateline"
    if CAPTION_START.match(text) and not COLUMN_WORDS.search(text):
        return "caption"
    if _names_shaped(text) and len(_chunks(text)) >= 5:
        return "names"
    if _banner_shaped(text):
        return "banner"  # three or four short chunks: a slogan, unless its neighbours make it a list
    if _names_shaped(text) or PADDED_ALONE.match(text):
        return "names"  # 刘　奇: a lone two-character name padded to the width of three
    if text[0] in "（(" and text[-1] in "）)":
        return "body"  # a note in brackets: （完） （据新华社电） （作者为大学教授）
    if _title_shaped(text):
        return "title"
    return "body"


def classify(lines: list[Line]) -> list[Line]:
    """Give every line its shape, using its neighbours where one line alone is ambiguous."""
    previous_shape = ""
    for line in lines:
        line.shape = line_shape(line.text)
        if line.index < 5 and line.shape == "title" and MASTHEAD.match(line.text):
            line.shape = "page"  # the paper's name at the top of the page
        dispatch = DATELINE.match(line.text) if len(line.text) <= 80 else None
        titled = DISPATCH_TITLE.match(line.text, dispatch.end()) if dispatch else None
        if titled and not SENTENCE_MARKS.search(line.text[titled.end() : -1]):
            line.shape = "dateline"
            line.title_at = titled.start() + len(titled.group()) - len(titled.group().lstrip())
        under_byline = previous_shape in ("byline", "dateline") and CLAUSE_MARKS.search(line.text)
        if line.shape == "title" and (DATELINE.match(line.text) or under_byline):
            line.shape = "body"  # a short first paragraph: 本报讯 5月6日，… · the text under a byline
        if line.shape in ("body", "dateline"):
            line.dateline = DATELINE.match(line.text)
        previous_shape = line.shape
    wrapped = mark_wrapped(lines)
    mark_separators(lines, wrapped)
    mark_tables(lines)
    for position, line in enumerate(lines):
        # the page's name in a header band that prints the page's number (8 · 2024年8月9日 星期五 · 法治一线);
        # after a date alone it may as well be the column tag of the first article (民营经济)
        if line.shape == "title" and PAGE_NAME.match(line.text):
            near = lines[max(0, position - 2) : position] + lines[position + 1 : position + 3]
            if any(other.shape == "page" and _PAGE_NUMBER.search(other.text) for other in near):
                line.shape = "page"
    for position, line in enumerate(lines):
        if line.shape == "names" and position and len(_chunks(line.text)) <= 4:
            above = [other.shape for other in lines[max(0, position - 2) : position]]
            if above[-1] in ("title", "subtitle", "column") and "names" not in above:
                line.shape = "title"  # 钟　声 under a headline: its author (a byline once the run is read)
        if line.shape != "banner":
            continue
        before = lines[position - 1] if position else None
        after = lines[position + 1] if position + 1 < len(lines) else None
        in_list = any(
            other is not None and (other.shape == "names" or other.text.endswith(("：", ":")) or "名单" in other.text)
            for other in (before, after)
        )
        if in_list:
            line.shape = "names"  # 三个字的名字 in a list look like a slogan
        elif after is not None and (after.shape in ("body", "byline", "dateline", "subtitle")):
            line.shape = "title"  # 稳就业 保民生 促发展 heading its own article is a headline
    return lines
