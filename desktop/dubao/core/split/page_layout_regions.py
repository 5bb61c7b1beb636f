"""Which article each text box of a printed page belongs to, and what is no article at all.

An article on a newspaper page is a region under (or beside) its title: a box belongs to the nearest title
group above it that shares its columns, or to a 竖排 title at its left, or to a title printed beside its first
column at the same height. A photo with a caption that opens with a title-like lead (辅警开展专项训练。8月6日…)
is a news photo of its own; other photos and captions belong to the article around them. Boxes in the page's
top and bottom bands, editor lines and other furniture become page items, as do boxes no title claims unless
they read as an untitled story (a continuation from another page).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dubao.core.ingest.pdf import PdfPage
from dubao.core.ingest.pdf_lines import TextBox, page_boxes, page_lines
from dubao.core.models import BBox
from dubao.core.split.page_layout_roles import (
    MEDIA_BYLINE, TitleGroup, attach_small_titles, band_kind, body_font, body_size, caption_lead, furniture_kind, group_titles, is_title,
    loose_kind, paragraph_kind, photo_boxes,
)
from dubao.core.split.patterns import DATELINE

UNTITLED_MIN_CHARS = 80  # a box no title claims is a story of its own only when it is this long


@dataclass(slots=True)
class PageArticle:
    top: float
    left: float
    group: TitleGroup | None = None
    boxes: list[TextBox] = field(default_factory=list)
    captions: list[TextBox] = field(default_factory=list)
    lead: str | None = None  # a news photo's headline, read from its caption


@dataclass(slots=True)
class PageLayout:
    page: PdfPage
    body: float
    font: str
    articles: list[PageArticle]
    items: list[tuple[str, TextBox]]  # page items: (kind, box)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def opens_story(box: TextBox) -> bool:
    """Does the box start a story: a byline or a dateline (本报讯…) on its first lines?"""
    first = box.lines[0].text.strip()
    opening = "".join(line.text for line in box.lines[:2])
    return paragraph_kind([box.lines[0]], box.size, box.lines[0].font) == "byline" or bool(DATELINE.match(opening)) \
        or bool(MEDIA_BYLINE.match(first))


def _owner(bbox: BBox, groups: list[TitleGroup], body: float, starts_story: bool = False) -> TitleGroup | None:
    """The title group whose article region holds `bbox`, or None. `starts_story`: the box opens with a byline
    or dateline, so it may be the first column of an article whose title is printed beside it."""
    bx0, by0, bx1, by1 = bbox
    best, best_distance = None, None
    for group in groups:
        gx0, gy0, gx1, gy1 = group.bbox
        if gy1 <= by0 + 0.5 * body and _overlap(gx0, gx1, bx0, bx1) >= 2 * body:
            distance = by0 - gy1  # under the title, in its columns
        elif group.vertical and gx1 <= bx0 + 0.5 * body and _overlap(gy0, gy1, by0, by1) > 0 \
                and by0 >= gy0 - 2 * body:
            distance = bx0 - gx1  # beside a 竖排 title, to its right
        elif starts_story and not group.vertical and abs(by0 - gy0) <= 2 * body and 0 <= gx0 - bx1 <= 6 * body:
            distance = abs(by0 - gy0) + 0.1 * (gx0 - bx1)  # the first column, left of a title at its height
        else:
            continue
        if best_distance is None or distance < best_distance:
            best, best_distance = group, distance
    return best


def _column_neighbour(box: TextBox, boxes: list[TextBox], owners: dict[int, TitleGroup],
                      body: float) -> TitleGroup | None:
    """The owner of the column just left of `box` that starts at the same height: a headline narrower than
    its article leaves its last columns with no title above them."""
    x0, y0, _, _ = box.bbox
    if box.lines[0].size > 1.05 * body or opens_story(box):
        return None  # a story of its own starts here (a titled brief, 本报讯 …)
    for other in boxes:
        ox0, oy0, ox1, _ = other.bbox
        if id(other) in owners and abs(oy0 - y0) <= 2 * body and 0 <= x0 - ox1 <= 4 * body:
            return owners[id(other)]
    return None


def _runs(boxes: list[TextBox], body: float) -> list[list[TextBox]]:
    """Boxes no title claims, as runs down one column (a column of untitled briefs, a story continued
    from another page)."""
    runs: list[list[TextBox]] = []
    for box in sorted(boxes, key=lambda b: (b.bbox[1], b.bbox[0])):
        x0, y0, x1, _ = box.bbox
        for run in runs:
            last = run[-1].bbox
            if _overlap(last[0], last[2], x0, x1) >= 0.5 * min(last[2] - last[0], x1 - x0) \
                    and -body <= y0 - last[3] <= 3 * body:
                run.append(box)
                break
        else:
            runs.append([box])
    return runs


def _caption_boxes(photo: BBox, boxes: list[TextBox], body: float) -> list[TextBox]:
    px0, py0, px1, py1 = photo
    found = []
    for box in boxes:
        x0, y0, x1, y1 = box.bbox
        if len(box.lines) <= 5 and py1 - 0.5 * body <= y0 <= py1 + 3 * body \
                and _overlap(px0, px1, x0, x1) >= 0.5 * (x1 - x0) and box.size <= 1.2 * body:
            found.append(box)
    return found


def _inside(inner: BBox, outer: BBox) -> bool:
    return inner[0] >= outer[0] - 1 and inner[1] >= outer[1] - 1 and inner[2] <= outer[2] + 1 \
        and inner[3] <= outer[3] + 1


def _sort_boxes(page: PdfPage, boxes: list[TextBox], body: float, photos: list[BBox]):
    """(page items, title boxes, the rest): furniture by place and pattern, text printed on a picture, titles
    by size."""
    items: list[tuple[str, TextBox]] = []
    titles: list[TextBox] = []
    rest: list[TextBox] = []
    for box in boxes:
        kind = band_kind(box, page.height) or furniture_kind(box.text)
        if kind == "contents" and is_title(box, body):
            kind = None  # a 导读 title: the teasers under it join it, and all of it becomes one page item
        if kind is None and any(_inside(box.bbox, photo) for photo in photos):
            kind = loose_kind(box.text)  # text printed on a picture: an ad or a graphic
        if kind is not None:
            items.append((kind, box))
        elif is_title(box, body):
            titles.append(box)
        else:
            rest.append(box)
    return items, titles, rest


def _place_photos(photos: list[BBox], rest: list[TextBox], groups: list[TitleGroup], body: float,
                  articles: dict[int, PageArticle]) -> set[int]:
    """Captions to the article around their photo, or a news photo of its own; returns the caption boxes."""
    captions: set[int] = set()
    for photo in photos:
        under = [box for box in _caption_boxes(photo, rest, body) if id(box) not in captions]
        if not under:
            continue
        captions.update(id(box) for box in under)
        text = "".join(box.text for box in sorted(under, key=lambda b: (b.bbox[1], b.bbox[0])))
        lead = caption_lead(text)
        owner = None if lead else _owner(photo, groups, body)
        if owner is None:
            articles[id(photo)] = PageArticle(photo[1], photo[0], None, [], under, lead or text[:24])
        else:
            articles[id(owner)].captions.extend(under)
    return captions


def _place_text(rest: list[TextBox], groups: list[TitleGroup], body: float,
                articles: dict[int, PageArticle]) -> list[tuple[str, TextBox]]:
    """Each text box to the article whose region holds it; runs no title claims become untitled articles
    when they read as stories, else page items (returned)."""
    owners: dict[int, TitleGroup] = {}
    for box in rest:
        owner = _owner(box.bbox, groups, body, opens_story(box))
        if owner is not None:
            owners[id(box)] = owner
    unclaimed: list[TextBox] = []
    for box in sorted(rest, key=lambda b: b.bbox[0]):
        owner = owners.get(id(box)) or _column_neighbour(box, rest, owners, body)
        if owner is not None:
            owners[id(box)] = owner
            articles[id(owner)].boxes.append(box)
        else:
            unclaimed.append(box)
    items: list[tuple[str, TextBox]] = []
    for run in _runs(unclaimed, body):
        text = "".join(box.text for box in run)
        if loose_kind(text) == "other" and (len(text) >= UNTITLED_MIN_CHARS or DATELINE.search(text)):
            articles[id(run[0])] = PageArticle(run[0].bbox[1], run[0].bbox[0], None, run)
        else:
            items.extend((loose_kind(box.text), box) for box in run)
    return items


def layout_page(page: PdfPage) -> PageLayout:
    """The articles and page items of one page."""
    boxes = page_boxes(page_lines(page.chars))
    body, font = body_size(boxes), body_font(boxes)
    # a picture under half the page or more is the page itself (a scan read by OCR, a background), no photo
    page_area = page.width * page.height
    photos = [photo for photo in photo_boxes(page.images)
              if (photo[2] - photo[0]) * (photo[3] - photo[1]) < 0.5 * page_area]
    items, titles, rest = _sort_boxes(page, boxes, body, photos)
    groups = group_titles(titles)
    small_titles = attach_small_titles(groups, rest, body, font)
    rest = [box for box in rest if id(box) not in small_titles]
    articles = {id(group): PageArticle(group.bbox[1], group.bbox[0], group) for group in groups}
    captions = _place_photos(photos, rest, groups, body, articles)
    items += _place_text([box for box in rest if id(box) not in captions], groups, body, articles)
    for article in list(articles.values()):
        if article.group is not None and not article.boxes and not article.captions:
            # a title with no text under it: a section title or a teaser, no article
            del articles[id(article.group)]
            items.extend(("title", box) for _, box in article.group.roles)
    ordered = sorted(articles.values(), key=lambda a: (a.top, a.left))
    return PageLayout(page, body, font, _left_to_right_ties(ordered, body), items)


def _left_to_right_ties(articles: list[PageArticle], body: float) -> list[PageArticle]:
    """Articles whose tops are within half a line of each other read left to right."""
    result = list(articles)
    for i in range(1, len(result)):
        j = i
        while j > 0 and abs(result[j].top - result[j - 1].top) <= 0.6 * body and result[j].left < result[j - 1].left:
            result[j], result[j - 1] = result[j - 1], result[j]
            j -= 1
    return result


def reading_order(boxes: list[TextBox]) -> list[TextBox]:
    """An article's body boxes column by column, left to right, each column top to bottom."""
    columns: list[list[TextBox]] = []
    for box in sorted(boxes, key=lambda b: b.bbox[0]):
        x0, _, x1, _ = box.bbox
        for column in columns:
            cx0 = min(b.bbox[0] for b in column)
            cx1 = max(b.bbox[2] for b in column)
            if _overlap(cx0, cx1, x0, x1) >= 0.5 * min(cx1 - cx0, x1 - x0):
                column.append(box)
                break
        else:
            columns.append([box])
    columns.sort(key=lambda column: min(b.bbox[0] for b in column))
    return [box for column in columns for box in sorted(column, key=lambda b: b.bbox[1])]
