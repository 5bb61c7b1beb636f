"""Positioned characters → lines → text boxes: the first step of reading a printed page's layout.

A line is a run of characters of one size along one baseline (or, for 竖排 text, down one column). The
content stream usually lists a line's characters in order, so lines are first read in stream order and then
pieces of one line that the stream wrote apart are joined by position. A text box is a run of lines of one
size stacked in one column with ordinary line spacing: a column of body text, a headline of two lines, a
caption. Sizes, not fonts, separate boxes: a paragraph's first line often mixes fonts (本报讯 in 黑体, the
byline in 楷体) and must stay with the paragraph.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from dubao.core.ingest.pdf import PdfChar
from dubao.core.models import BBox

SAME_SIZE = 1.18  # sizes within this ratio are one size (rounding, optical sizes)


def _union(boxes) -> BBox:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _same_size(first: float, second: float) -> bool:
    return max(first, second) <= SAME_SIZE * max(min(first, second), 0.1)


@dataclass(slots=True)
class TextLine:
    chars: list[PdfChar]
    vertical: bool = False
    text: str = ""
    bbox: BBox = (0.0, 0.0, 0.0, 0.0)
    size: float = 0.0
    font: str = ""
    bold: bool = False
    confidence: float | None = None  # OCR lines: the mean confidence of their characters

    def finish(self) -> "TextLine":
        order = (lambda c: c.bbox[1]) if self.vertical else (lambda c: c.bbox[0])
        self.chars.sort(key=order)
        gaps = [char.bbox[0] - before.bbox[2] for before, char in zip(self.chars, self.chars[1:])]
        usual = median(gaps) if gaps and not self.vertical else 0.0
        pieces = [self.chars[0].text] if self.chars else []
        for before, char, gap in zip(self.chars, self.chars[1:], gaps):
            # a space where the line has a clearly wider gap than between its other characters (两段标题
            # 忘记投保交强险 自掏腰包赔损失) or between Latin words and numbers
            latin = (before.text[-1] + char.text[0]).isascii() and before.text[-1].isalnum() and char.text[0].isalnum()
            if not self.vertical and (gap > usual + 0.4 * char.size or (latin and gap > 0.2 * char.size)):
                pieces.append(" ")
            pieces.append(char.text)
        self.text = "".join(pieces)
        self.bbox = _union(char.bbox for char in self.chars)
        self.size = median(char.size for char in self.chars)
        fonts = Counter(char.font for char in self.chars)
        self.font = fonts.most_common(1)[0][0]
        self.bold = sum(char.bold for char in self.chars) * 2 > len(self.chars)
        scores = [char.confidence for char in self.chars if char.confidence is not None]
        self.confidence = round(sum(scores) / len(scores), 3) if scores else None
        return self


@dataclass(slots=True)
class TextBox:
    lines: list[TextLine] = field(default_factory=list)
    vertical: bool = False
    _bbox: BBox | None = None
    _size: float | None = None

    def add(self, line: TextLine) -> None:
        self.lines.append(line)
        self._bbox = self._size = None

    @property
    def bbox(self) -> BBox:
        if self._bbox is None:
            self._bbox = _union(line.bbox for line in self.lines)
        return self._bbox

    @property
    def size(self) -> float:
        if self._size is None:
            self._size = median(line.size for line in self.lines)
        return self._size

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)

    @property
    def chars(self) -> int:
        return sum(len(line.text) for line in self.lines)


def _centre(bbox: BBox) -> float:
    return (bbox[1] + bbox[3]) / 2


_BUCKET = 2.0  # points of vertical centre per bucket when looking for a line to extend


def _horizontal_lines(chars: list[PdfChar]) -> list[TextLine]:
    """Characters → horizontal lines by position alone (content streams of e-paper PDFs write lines in
    pieces and in any order)."""
    lines: list[TextLine] = []
    buckets: dict[int, list[TextLine]] = {}
    for char in sorted(chars, key=lambda c: c.bbox[0]):
        centre = _centre(char.bbox)
        reach = int(0.3 * char.size / _BUCKET) + 1
        key = int(centre // _BUCKET)
        best, best_gap = None, None
        for near in range(key - reach, key + reach + 1):
            for line in buckets.get(near, ()):
                last = line.chars[-1]
                gap = char.bbox[0] - last.bbox[2]
                # squeezed punctuation (，“) may overlap its neighbour almost wholly; a gutter is wider than a
                # character; the character must still move right
                if (_same_size(last.size, char.size) and abs(_centre(last.bbox) - centre) < 0.3 * char.size
                        and -1.1 * char.size <= gap <= 1.0 * char.size
                        and char.bbox[0] + char.bbox[2] > last.bbox[0] + last.bbox[2]
                        and (best_gap is None or gap < best_gap)):
                    best, best_gap = line, gap
        if best is None:
            best = TextLine([])
            lines.append(best)
            buckets.setdefault(key, []).append(best)
        best.chars.append(char)
    return lines


def _vertical_lines(singles: list[TextLine]) -> tuple[list[TextLine], list[TextLine]]:
    """Stack lone characters into 竖排 lines: (vertical lines, characters that stay alone)."""
    columns: list[list[PdfChar]] = []
    for line in sorted(singles, key=lambda l: (l.chars[0].bbox[1])):
        char = line.chars[0]
        centre_x = (char.bbox[0] + char.bbox[2]) / 2
        for column in columns:
            last = column[-1]
            if (_same_size(last.size, char.size) and abs((last.bbox[0] + last.bbox[2]) / 2 - centre_x) < 0.3 * char.size
                    and -0.3 * char.size <= char.bbox[1] - last.bbox[3] <= 0.8 * char.size):
                column.append(char)
                break
        else:
            columns.append([char])
    vertical = [TextLine(column, True) for column in columns if len(column) >= 2]
    alone = [TextLine(column) for column in columns if len(column) < 2]
    return vertical, alone


def page_lines(chars: list[PdfChar]) -> list[TextLine]:
    lines = _horizontal_lines(chars)
    singles = [line for line in lines if len(line.chars) == 1]
    vertical, alone = _vertical_lines(singles)
    return [line.finish() for line in [line for line in lines if len(line.chars) > 1] + vertical + alone]


def _fits_box(box: TextBox, line: TextLine) -> bool:
    last = box.lines[-1]
    size = max(last.size, line.size)
    if not _same_size(box.size, line.size) or line.vertical != box.vertical:
        return False
    bx0, _, bx1, _ = box.bbox
    if box.vertical:  # columns of vertical text side by side, right to left or left to right
        gap = min(abs(line.bbox[0] - last.bbox[2]), abs(last.bbox[0] - line.bbox[2]))
        return gap <= 1.0 * size and min(line.bbox[3], last.bbox[3]) - max(line.bbox[1], last.bbox[1]) > 0
    gap = line.bbox[1] - last.bbox[3]
    if not -0.3 * size <= gap <= 1.1 * size:
        return False
    overlap = min(line.bbox[2], bx1) - max(line.bbox[0], bx0)
    narrower = min(line.bbox[2] - line.bbox[0], bx1 - bx0)
    return (overlap >= 0.6 * narrower and line.bbox[0] >= bx0 - 2.5 * size and line.bbox[2] <= bx1 + 2.5 * size) \
        or (abs(line.bbox[0] - bx0) < 2.5 * size and overlap > 0)  # a paragraph's indented first line


def page_boxes(lines: list[TextLine]) -> list[TextBox]:
    """Lines → boxes, each box's lines top to bottom (vertical boxes: in reading order, right to left)."""
    boxes: list[TextBox] = []
    active: list[TextBox] = []
    for line in sorted(lines, key=lambda l: (round(l.bbox[1] / 3), l.bbox[0])):  # a row left to right
        active = [box for box in active if line.bbox[1] - box.lines[-1].bbox[3] <= 2.0 * box.size
                  or box.vertical]
        fitting = [box for box in active if _fits_box(box, line)]
        if fitting:
            box = min(fitting, key=lambda b: (line.bbox[1] - b.lines[-1].bbox[3], abs(line.bbox[0] - b.bbox[0])))
            box.add(line)
        else:
            box = TextBox([line], line.vertical)
            boxes.append(box)
            active.append(box)
    for box in boxes:
        if box.vertical:  # 竖排 columns read right to left
            box.lines.sort(key=lambda l: -l.bbox[0])
    return boxes
