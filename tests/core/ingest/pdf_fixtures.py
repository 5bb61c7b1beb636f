"""Page PDFs laid out for the tests with reportlab, from the bundled sample issue (seeds/).

`sample_page()` prints one newspaper page: a page header, a lead article with 引题, 主题 and byline over three
columns, an article with a 竖排 headline and a 副题, an article with a photo, caption and credit, a boxed
column of three briefs, an ad and the editor line. `FixturePage.truth` says what a reader sees on it.
reportlab's CID font STSong-Light writes a Unicode text layer, so the fixture exercises the same path as an
e-paper PDF. Bad files (encrypted, truncated, image-only, too many pages) are made here too.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
WIDTH, HEIGHT = 842.0, 1191.0  # A3, points
BODY = 10.0
LEADING = 14.0
SEED = Path(__file__).resolve().parents[3] / "seeds" / "lvliang-ribao-2023-02-18-p1.txt"

pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# a brief written for the fixture (the sample issue has five articles; the page shows six)
BRIEF = ("我市开展文明交通宣传",
         "本报讯（记者 王洋）2月16日，市公安局交警支队在城区主要路口开展文明交通宣传活动，发放宣传资料2000余份。")


def seed_articles() -> list[tuple[str, list[str]]]:
    """(headline, paragraphs) of the sample issue's articles, read with the text splitter."""
    from dubao.core.split import split_issue

    issue = split_issue(SEED.read_text(encoding="utf-8"))
    return [(article.headline, [b.text for b in article.blocks if b.kind == "paragraph"]) for article in issue.articles]


@dataclass
class FixturePage:
    pdf: bytes
    truth: list[dict] = field(default_factory=list)  # articles in reading order
    regions: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)  # headline -> area


class _Page:
    """Writes text at top-left coordinates (reportlab counts from the bottom)."""

    def __init__(self, pdf: canvas.Canvas) -> None:
        self.pdf = pdf

    def text(self, x: float, top: float, text: str, size: float, width: float | None = None) -> None:
        """`width`: justify the line to it, as papers set their columns."""
        self.pdf.setFont(FONT, size)
        space = 0.0
        if width is not None and len(text) > 1:
            space = (width - pdfmetrics.stringWidth(text, FONT, size)) / (len(text) - 1)
        self.pdf.drawString(x, HEIGHT - top - size * 0.88, text, charSpace=space)

    def vertical(self, x: float, top: float, text: str, size: float) -> float:
        for index, char in enumerate(text):
            self.text(x, top + index * size * 1.05, char, size)
        return top + len(text) * size * 1.05

    def column_text(self, x: float, top: float, width: float, paragraphs: list[str], max_lines: int,
                    columns: int = 1, gutter: float = 14.0) -> float:
        """Paragraphs set in `columns` columns of `width`, first lines indented two characters; returns the
        bottom of the text."""
        per_line = int(width // BODY)
        lines: list[tuple[bool, str]] = []
        for paragraph in paragraphs:
            rest = "\u3000\u3000" + paragraph
            while rest:
                lines.append((rest.startswith("\u3000\u3000"), rest[:per_line]))
                rest = rest[per_line:]
        lines = lines[: max_lines * columns]
        per_column = -(-len(lines) // columns)
        bottom = top
        for index, (indented, line) in enumerate(lines):
            column, row = divmod(index, per_column)
            left = x + column * (width + gutter)
            line_width = width
            if indented:
                left, line, line_width = left + 2 * BODY, line[2:], width - 2 * BODY
            last = index + 1 == len(lines) or lines[index + 1][0]  # a paragraph's last line stays short
            self.text(left, top + row * LEADING, line, BODY, None if last else line_width)
            bottom = max(bottom, top + row * LEADING + BODY)
        return bottom


def _grey_image(width: int, height: int) -> ImageReader:
    from PIL import Image

    return ImageReader(Image.new("RGB", (width, height), (150, 160, 170)))


def _sentences(paragraphs: list[str], count: int) -> list[str]:
    """The first `count` paragraphs, each cut to its first two sentences (briefs are short)."""
    result = []
    for paragraph in paragraphs[:count]:
        sentences = re.findall(r"[^。]*。", paragraph) or [paragraph]
        result.append("".join(sentences[:2]))
    return result


def _start() -> tuple[io.BytesIO, canvas.Canvas, _Page, FixturePage]:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(WIDTH, HEIGHT))
    return buffer, pdf, _Page(pdf), FixturePage(b"")


def _finish(buffer: io.BytesIO, pdf: canvas.Canvas, result: FixturePage) -> FixturePage:
    pdf.showPage()
    pdf.save()
    result.pdf = buffer.getvalue()
    return result


def sample_page() -> FixturePage:
    articles = seed_articles()
    buffer, pdf, page, result = _start()
    # page header and a rule under it
    page.text(40, 24, "吕梁日报  2023年2月18日  星期六", 9)
    page.text(760, 24, "第1版", 9)
    pdf.line(40, HEIGHT - 40, WIDTH - 40, HEIGHT - 40)
    # lead article: kicker, headline across the page, byline, three columns
    head, paragraphs = articles[4]
    page.text(200, 56, "聚焦高质量发展", 16)
    page.text(120, 78, head, 32)
    page.text(40, 124, "本报记者 王晓东", BODY)
    bottom = page.column_text(40, 142, 240, paragraphs, 16, columns=3)
    result.truth.append({"headline": head, "kicker": "聚焦高质量发展", "reporters": ("王晓东",),
                         "first_paragraph": paragraphs[0]})
    result.regions[head] = (40, 56, 802, bottom)
    # an article with a vertical headline and a 副题 beside it, body in two columns to its right
    head2, paragraphs2 = articles[1]
    top2 = bottom + 30
    end = page.vertical(44, top2, head2, 24)
    page.vertical(76, top2 + 12, "携手推动能源转型", 14)
    bottom2 = page.column_text(104, top2, 140, paragraphs2, 24, columns=2)
    result.truth.append({"headline": head2, "subheadline": "携手推动能源转型", "first_paragraph": paragraphs2[0]})
    result.regions[head2] = (40, top2, 400, max(end, bottom2))
    # an article with a photo, its caption and credit
    head3, paragraphs3 = articles[2]
    page.text(430, top2, head3, 22)
    photo_top = top2 + 34
    pdf.drawImage(_grey_image(60, 40), 430, HEIGHT - photo_top - 150, width=372, height=150)
    page.text(430, photo_top + 156, "图为会议现场。", BODY)
    page.text(700, photo_top + 156, "记者 刘志强 摄", BODY)
    page.column_text(430, photo_top + 180, 179, paragraphs3, 10, columns=2)
    result.truth.append({"headline": head3, "caption": True, "photographers": ("刘志强",),
                         "first_paragraph": paragraphs3[0]})
    # a boxed column of three briefs
    box_top = max(end, bottom2) + 40
    pdf.rect(40, HEIGHT - box_top - 250, 360, 250)
    page.text(52, box_top + 10, "简讯", 16)
    brief_top = box_top + 48
    briefs = [(articles[0][0], _sentences(articles[0][1], 1)), (articles[3][0], _sentences(articles[3][1], 1)),
              (BRIEF[0], [BRIEF[1]])]
    for title, brief_paragraphs in briefs:
        page.text(52, brief_top, title, 15)
        brief_bottom = page.column_text(52, brief_top + 22, 336, brief_paragraphs, 3)
        result.truth.append({"headline": title, "brief": True, "first_paragraph": brief_paragraphs[0]})
        brief_top = brief_bottom + 18
    # an ad: a picture with a phone number on it
    pdf.drawImage(_grey_image(40, 20), 430, HEIGHT - box_top - 250, width=372, height=200)
    page.text(450, box_top + 110, "广告  订购热线：0358-8221234", 14)
    # footer
    page.text(40, HEIGHT - 30, "责任编辑：张丽  美编：赵刚", 9)
    return _finish(buffer, pdf, result)


def blank_pages(count: int, text: str = "") -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(300, 300))
    for _ in range(count):
        if text:
            pdf.setFont(FONT, 12)
            pdf.drawString(20, 200, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def image_only_page() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(WIDTH, HEIGHT))
    pdf.drawImage(_grey_image(80, 100), 40, 40, width=700, height=1000)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def encrypted_page() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(300, 300), encrypt="secret")
    pdf.setFont(FONT, 12)
    pdf.drawString(20, 200, "本报讯 加密的页面" * 3)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# briefs written for the fixture: (title, text); titles printed hardly larger than the text
BRIEFS = (
    ("我市启动春季植树行动", "本报讯（记者 张敏）2月17日，我市春季植树造林行动正式启动，全年计划完成造林十万亩。"),
    ("市图书馆延长开放时间", "本报讯（记者 李华）近日，市图书馆宣布周末开放时间延长至晚上九点，方便读者借阅。"),
    ("城区新增公交线路两条", "本报讯（通讯员 王强）2月16日，城区新开通两条公交线路，连接高铁站与主要居民区。"),
    ("农民工返岗专列开行", "本报讯（记者 赵磊）2月15日，今年首趟农民工返岗专列从我市发车，载送务工人员一千余人。"),
    ("全市中小学开学", "本报讯（记者 孙丽）2月13日，全市中小学如期开学，各校做好开学安全检查。"),
)


def briefs_page() -> FixturePage:
    """A page of another style: a two-line headline between a kicker and a dash sub-title, a column named
    简讯 of briefs whose titles are barely larger than the text, a run of such briefs under no title, a 导读
    box, an ad and a legal notice set like articles, and the page number at the foot."""
    articles = seed_articles()
    buffer, pdf, page, result = _start()
    page.text(600, 20, "2023年2月18日  星期六  要闻", 9)
    head, paragraphs = articles[0]
    page.text(200, 74, "坚持稳中求进", 11.5)  # a 引题 only a little larger than the text
    page.text(120, 92, "市委召开常委会会议暨", 30)
    page.text(120, 128, "中心组学习会议", 30)
    page.text(200, 166, "——研究部署“两会”筹备工作", 14)
    page.column_text(40, 196, 240, paragraphs, 14, columns=3)
    result.truth.append({"headline": "市委召开常委会会议暨中心组学习会议", "kicker": "坚持稳中求进",
                         "subheadline": "研究部署“两会”筹备工作", "first_paragraph": paragraphs[0]})
    top = 420
    page.text(40, top, "简讯", 18)
    top += 34
    for title, text in BRIEFS[:3]:
        page.text(40, top, title, 11.5)
        top = page.column_text(40, top + 18, 360, [text], 4) + 16
        result.truth.append({"headline": title, "column": "简讯", "first_paragraph": text})
    top = 454
    for title, text in BRIEFS[3:]:
        page.text(440, top, title, 11.5)
        top = page.column_text(440, top + 18, 360, [text], 4) + 16
        result.truth.append({"headline": title, "first_paragraph": text})
    # a 导读 box and an ad set like an article, neither of them an article
    page.text(440, 760, "导读", 16)
    page.text(440, 786, "我市召开经济工作会议  详见第2版", BODY)
    page.text(440, 802, "春运返程高峰到来  详见第3版", BODY)
    page.text(40, 900, "城东新区商铺火热招商", 24)
    page.text(40, 936, "招商热线：0358-1234567", BODY)
    page.text(40, 952, "地址：城东新区迎宾路1号", BODY)
    # a legal notice set like an article
    page.text(440, 900, "遗失声明", 20)
    page.text(440, 930, "吕梁市某某商贸有限公司不慎遗失营业执照副本，声明作废。", BODY)
    page.text(412, HEIGHT - 24, "3", 9)
    return _finish(buffer, pdf, result)


SCAN_LINES = ("市委召开常委会会议", "本报讯 记者李雅萍报道：市委召开常委会会议。", "会议研究讨论市两会筹备工作。")


def scan_of(pdf_bytes: bytes, scale: float = 3.0) -> bytes:
    """A PDF whose one page is only a picture of the first page of `pdf_bytes`, as a scanner makes it."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf_bytes)
    width, height = document[0].get_size()
    picture = document[0].render(scale=scale).to_pil()
    document.close()
    scan = io.BytesIO()
    pdf = canvas.Canvas(scan, pagesize=(width, height))
    pdf.drawImage(ImageReader(picture), 0, 0, width=width, height=height)
    pdf.showPage()
    pdf.save()
    return scan.getvalue()


def scanned_page() -> bytes:
    """A small page of a headline and a short story that is only a picture (no text layer)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(420, 200))
    pdf.setFont(FONT, 24)
    pdf.drawString(30, 150, SCAN_LINES[0])
    pdf.setFont(FONT, 14)
    for row, line in enumerate(SCAN_LINES[1:]):
        pdf.drawString(30, 110 - row * 22, line)
    pdf.showPage()
    pdf.save()
    return scan_of(buffer.getvalue())
