"""What each text box on a printed page is: page furniture, a title (headline, kicker, subheadline; across or
竖排), a caption or credit under a photo, or body text; and the paragraphs inside a body box.

Judged by typography first — the page's body size is the size most characters are printed in; titles are
clearly larger — then by place (the page's top and bottom bands, just under a picture) and last by the press
conventions the text splitter already knows (`split.patterns`: bylines, credits, editor lines, page headers).
Nothing here names one paper: sizes are relative to the page's own body text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dubao.core.ingest.pdf_lines import TextBox, TextLine
from dubao.core.models import BBox
from dubao.core.split.patterns import (
    BULLET_NAME, BYLINE, CAPTION_START, CONTENTS, CREDIT, DATELINE, HAN, MASTHEAD, NAME_LIST, PAGE_KINDS, PAGE_REF, ROLE,
    is_terminated,
)

TITLE_RATIO = 1.3  # a box printed this much larger than the body text is a title
SUBTITLE_RATIO = 1.15  # a dash sub-title (——…) may be only a little larger
HEADER_BAND = 0.05  # share of the page height at the top and bottom where page headers and footers sit
FOOTER_BAND = 0.04
MIN_PHOTO = 36.0  # points: smaller images are rules, bullets and logos

# 新甘肃·甘肃法治报记者 齐洪德 · 本报记者 王涛 通讯员 刘明: a role and names, whatever the medium before it
MEDIA_BYLINE = re.compile(
    rf"^[□■●◆◇▲△○☆★▌▍│|｜•]?\s*[（(]?\s*(?:[{HAN}·•]{{0,16}}?{ROLE}\s*[:：]?\s*{NAME_LIST}\s*)+[）)]?$"
)
CREDIT_END = re.compile(r"(?:摄|摄影|供图|制图|图)\s*[）)]?$")
_PUBLICATION = re.compile(r"(?:国内统一连续出版物号|CN\s*\d{2}\s*[-－]\s*\d{4}|邮发代号|第\s*\d+\s*期|总第\s*\d+\s*期)")
_AD_CUES = re.compile(
    r"(?:广告|热线|电话|联系人|咨询|地址|优惠|订购|招商|招聘|www\.|\.com|\d{3,4}[-－]\d{7,8}|1[3-9]\d{9})"
)
_NOTICE_CUES = re.compile(r"(?:公告|声明|启事|通告|遗失|注销|清算)")
_NOTICE_TITLE = re.compile(r"(?:公告|声明|启事|通告|公示)$")
_WEATHER_CUES = re.compile(r"(?:天气|气温|℃|多云|阴转|晴转|小雨|中雨|大雨|阵雨|雷阵雨|小雪|风力|[东南西北]风\s*\d)")


def body_size(boxes: list[TextBox]) -> float:
    """The size most characters on the page are printed in (rounded to half a point)."""
    counts: Counter[float] = Counter()
    for box in boxes:
        for line in box.lines:
            counts[round(line.size * 2) / 2] += len(line.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def body_font(boxes: list[TextBox]) -> str:
    counts: Counter[str] = Counter()
    for box in boxes:
        for line in box.lines:
            counts[line.font] += len(line.text)
    return counts.most_common(1)[0][0] if counts else ""


def furniture_kind(text: str) -> str | None:
    """The page-item kind of a short text that is page furniture wherever it sits (editor line, page
    header, jump line, masthead, publication numbers), or None."""
    compact = re.sub(r"\s+", "", text)
    if len(compact) > 80:
        return None
    for kind, pattern in PAGE_KINDS:
        # on a laid-out page a hotline or mailbox line in the body belongs to an ad or a notice around it;
        # in the footer band `band_kind` already makes it page furniture
        if kind != "contact" and (pattern.match(text) or pattern.match(compact)):
            return kind
    if MASTHEAD.match(compact) or _PUBLICATION.search(compact):
        return "header"
    return None


def band_kind(box: TextBox, page_height: float) -> str | None:
    """header / footer for short boxes in the page's top or bottom band."""
    x0, y0, x1, y1 = box.bbox
    if box.chars > 120:
        return None
    if y1 <= HEADER_BAND * page_height:
        return "header"
    if y0 >= (1 - FOOTER_BAND) * page_height:
        return "footer"
    return None


def no_article_kind(headline: str, text: str, has_people: bool) -> str | None:
    """contents / notice / weather / ad for a would-be article that is a 导读 box, a legal notice (遗失声明,
    清算公告), a weather table or an advertisement, else None. A report names its reporters; these do not."""
    compact = re.sub(r"\s+", "", text)
    if CONTENTS.match(headline.strip()) or (len(compact) < 200 and len(PAGE_REF.findall(compact)) >= 2):
        return "contents"
    if has_people:
        return None
    if _NOTICE_TITLE.search(headline.strip()):
        return "notice"
    if len(re.findall(r"℃|°C", compact)) >= 3 and _WEATHER_CUES.search(compact):
        return "weather"
    cues = {match.group(0)[:2] for match in _AD_CUES.finditer(compact)}
    if len(cues) >= 2 and len(compact) < 400:
        return "ad"
    return None


def loose_kind(text: str) -> str:
    """Kind of a page item that is no article and no furniture: ad, notice, weather or other."""
    if _WEATHER_CUES.search(text) and len(re.findall(r"℃|°", text)) >= 2:
        return "weather"
    if _NOTICE_CUES.search(text[:40]):
        return "notice"
    if _AD_CUES.search(text):
        return "ad"
    return "other"


def is_title(box: TextBox, body: float) -> bool:
    if box.size >= TITLE_RATIO * body:
        # a column of text set somewhat larger (an editorial, a 卷首语) is no title; a title has few lines
        return box.size >= 2 * body or (len(box.lines) <= 3 and box.chars <= 60) or box.vertical
    if box.vertical and box.size > 1.1 * body:
        return True
    text = box.text
    return box.size >= SUBTITLE_RATIO * body and text.startswith(("——", "—", "--")) and len(box.lines) <= 2


@dataclass(slots=True)
class TitleGroup:
    """The boxes of one article's title: kicker(s) above, the headline, subheadline(s) below."""

    boxes: list[TextBox]
    headline: TextBox
    roles: list[tuple[str, TextBox]] = field(default_factory=list)

    @property
    def bbox(self) -> BBox:
        xs0, ys0, xs1, ys1 = zip(*(box.bbox for box in self.boxes))
        return min(xs0), min(ys0), max(xs1), max(ys1)

    @property
    def vertical(self) -> bool:
        return self.headline.vertical


def _near(a: TextBox, b: TextBox) -> bool:
    ax0, ay0, ax1, ay1 = a.bbox
    bx0, by0, bx1, by1 = b.bbox
    size = max(a.size, b.size)
    if a.vertical or b.vertical:
        gap = max(bx0 - ax1, ax0 - bx1)
        return gap <= 1.0 * size and min(ay1, by1) - max(ay0, by0) > 0
    gap = max(by0 - ay1, ay0 - by1)
    return gap <= 1.0 * size and min(ax1, bx1) - max(ax0, bx0) > 0


def _join_rows(titles: list[TextBox]) -> list[TextBox]:
    """One-line titles of one size side by side on one row are one title printed with a wide gap
    (劳务工资被拖欠　　检察监督全追回)."""
    result: list[TextBox] = []
    for box in sorted(titles, key=lambda b: b.bbox[0]):
        for position, other in enumerate(result):
            if len(box.lines) == len(other.lines) == 1 and not box.vertical and not other.vertical:
                a, b = other.lines[0], box.lines[0]
                same_row = min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1]) > 0.6 * a.size
                if same_row and abs(a.size - b.size) < 0.1 * a.size and 0 <= b.bbox[0] - a.bbox[2] <= 3 * a.size:
                    result[position] = TextBox([TextLine(a.chars + b.chars).finish()])
                    break
        else:
            result.append(box)
    return result


def group_titles(titles: list[TextBox]) -> list[TitleGroup]:
    """Title boxes that touch form one group; its largest box is the headline."""
    groups: list[list[TextBox]] = []
    for box in sorted(_join_rows(titles), key=lambda b: (b.bbox[1], b.bbox[0])):
        joined = [group for group in groups if any(_near(box, other) for other in group)]
        merged = [box]
        for group in joined:
            merged.extend(group)
            groups.remove(group)
        groups.append(merged)
    return [_titled(boxes) for boxes in groups]


def _titled(boxes: list[TextBox]) -> TitleGroup:
    """The group of these title boxes with each box's role: the largest is the headline, a dash sub-title
    or a box below it is a subheadline, a box above it a kicker."""
    dashes = [box for box in boxes if box.text.startswith(("——", "—", "--"))]
    candidates = [box for box in boxes if box not in dashes] or boxes
    headline = max(candidates, key=lambda b: (round(b.size, 1), b.chars))
    roles = []
    for box in boxes:
        if box is headline:
            role = "headline"
        elif box in dashes:
            role = "subheadline"
        elif headline.vertical:  # 竖排: a smaller title column beside the headline is its 副题
            role = "subheadline"
        else:
            role = "kicker" if box.bbox[1] < headline.bbox[1] else "subheadline"
        roles.append((role, box))
    order = {"kicker": 0, "headline": 1, "subheadline": 2}
    roles.sort(key=lambda pair: (order[pair[0]], pair[1].bbox[1], -pair[1].bbox[0]))
    return TitleGroup(boxes, headline, roles)


def attach_small_titles(groups: list[TitleGroup], boxes: list[TextBox], body: float, font: str) -> set[int]:
    """引题 and 副题 set only a little larger than the text, or in bold: a short line touching a headline
    from above or below joins its title. Returns the ids of the boxes taken."""
    taken: set[int] = set()
    for box in boxes:
        text = box.text.strip()
        line = box.lines[0]
        if box.vertical or len(box.lines) > 2 or len(text) > 40 or is_terminated(text) \
                or not (box.size >= 1.1 * body or line.bold) \
                or paragraph_kind(box.lines, body, font) in ("byline", "credit") or DATELINE.match(text):
            continue
        for number, group in enumerate(groups):
            if group.vertical or not _near(box, group.headline):
                continue
            groups[number] = _titled(group.boxes + [box])
            taken.add(id(box))
            break
    return taken


def paragraphs(box: TextBox) -> list[list[TextLine]]:
    """A body box's lines → paragraphs: a paragraph starts on an indented line, after a line that stops
    short of the column's right edge, or where the size or weight changes (a heading inside the text)."""
    if box.vertical:
        return [box.lines]
    x0, _, x1, _ = box.bbox
    result: list[list[TextLine]] = []
    for line in box.lines:
        if result:
            before = result[-1][-1]
            size = line.size
            indented = line.bbox[0] >= x0 + 1.2 * size
            short = before.bbox[2] <= x1 - 1.5 * size
            restyled = (line.bold != before.bold) or abs(line.size - before.size) > 0.08 * size
            if not (indented or short or restyled):
                result[-1].append(line)
                continue
        result.append([line])
    return result


def paragraph_kind(lines: list[TextLine], body: float, font: str) -> str:
    """byline / heading / credit / paragraph for one paragraph of a body box."""
    text = "".join(line.text for line in lines)
    compact = re.sub(r"\s+", " ", text).strip()
    if len(lines) == 1 and len(compact) <= 40 and not is_terminated(compact):
        if BYLINE.match(compact) or BULLET_NAME.match(compact) or MEDIA_BYLINE.match(compact):
            return "byline"
        if CREDIT.match(compact):
            return "credit"
        line = lines[0]
        styled = line.bold or line.size > 1.05 * body or line.font != font
        if styled and len(compact) <= 24:
            return "heading"
    return "paragraph"


def caption_kind(text: str) -> str:
    compact = text.strip()
    if len(compact) <= 40 and (CREDIT.match(compact) or CREDIT_END.search(compact)) and not is_terminated(compact):
        return "credit"
    return "caption"


def caption_lead(text: str) -> str | None:
    """The title-like lead of a news photo's caption (辅警开展专项训练。8月6日，…), or None."""
    match = re.match(r"^(?:图为)?([^。，,：:！？\s]{4,24})[。！？]\s*", text)
    if match and len(text) - match.end() >= 20 and not CAPTION_START.match(text):
        return match.group(1)
    return None


def photo_boxes(images: list[BBox]) -> list[BBox]:
    """Images large enough to be photos (or ads), not rules and logos; nested duplicates dropped."""
    photos = [image for image in images if image[2] - image[0] >= MIN_PHOTO and image[3] - image[1] >= MIN_PHOTO]
    photos.sort(key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))
    kept: list[BBox] = []
    for image in photos:
        if not any(image[0] >= k[0] - 1 and image[1] >= k[1] - 1 and image[2] <= k[2] + 1 and image[3] <= k[3] + 1
                   for k in kept):
            kept.append(image)
    return kept
