"""The reader shows exactly the article text (markup literally, 𠮷 included), finds the character under the
pointer exactly, and draws highlights without changing the document."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from dubao.core.models import Annotation, Article, Block
from dubao.gui.reader import Reader

LINES = [("headline", "市长调研<b>城市</b>建设"), ("byline", "记者 李雅萍"),
         ("paragraph", "吉𠮷野家的市长说：<img src=x onerror=alert(1)>要抓好城市建设,推进高质量发展。"),
         ("paragraph", "第二段文字。")]


def make_article(lines=LINES) -> Article:
    blocks, start = [], 0
    for kind, text in lines:
        blocks.append(Block(kind, text, start, start + len(text), ()))
        start += len(text) + 1
    text = "\n".join(text for _, text in lines)
    return Article(1, lines[0][1], None, None, None, ("李雅萍",), (), None, text, tuple(blocks), id=1, issue_id=1)


@pytest.fixture
def reader(qtbot):
    widget = Reader()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    widget.show_article(make_article())
    qtbot.waitExposed(widget)
    return widget


def test_document_holds_the_article_text_with_markup_shown_literally(reader):
    article = reader.current_article
    reader.set_fullwidth_punctuation(False)
    assert reader.document().toPlainText() == article.text
    assert reader.document().blockCount() == article.text.count("\n") + 1
    assert reader.document().characterCount() - 1 == len(article.text.encode("utf-16-le")) // 2
    assert "<img" in reader.document().toPlainText()
    assert not reader.document().toHtml().count("<img src=\"x\"")  # never turned into an image


def test_fullwidth_punctuation_is_display_only(reader):
    text = reader.current_article.text
    shown = reader.document().toPlainText()
    assert len(shown) == len(text)
    assert "要抓好城市建设，推进" in shown
    start = text.index("城市建设,推进")
    reader.select_span(start, start + 7)
    assert reader.createMimeDataFromSelection().text() == "城市建设,推进"  # copy gives the article's own text


def test_every_character_is_found_under_the_pointer_including_its_right_half(reader):
    text = reader.text()
    for offset, char in enumerate(text):
        if char == "\n":
            continue
        rect = reader.char_rect(offset)
        assert not rect.isEmpty(), (offset, char)
        left_half = QPointF(rect.left() + rect.width() * 0.25, rect.center().y())
        right_half = QPointF(rect.left() + rect.width() * 0.8, rect.center().y())
        assert reader.offset_at(left_half) == offset, (offset, char)
        assert reader.offset_at(right_half) == offset, (offset, char)


def test_empty_space_is_no_character(reader):
    text = reader.text()
    line_end = text.index("\n", text.index("记者"))
    last = reader.char_rect(line_end - 1)
    assert reader.offset_at(QPointF(last.right() + 40, last.center().y())) is None  # right of a short line
    assert reader.offset_at(QPointF(3, 3)) is None  # document margin
    bottom = reader.char_rect(len(text) - 1)
    assert reader.offset_at(QPointF(bottom.center().x(), bottom.bottom() + 200)) is None  # below the text


def test_offsets_cross_the_qt_boundary_around_a_character_outside_the_bmp(reader):
    text = reader.text()
    astral = text.index("𠮷")
    after = text.index("野")
    assert reader.offset_at(reader.char_rect(astral).center()) == astral
    assert reader.offset_at(reader.char_rect(after).center()) == after
    assert reader.char_rect(astral).width() > reader.char_rect(after).width() * 0.5
    mayor = text.index("市长说")
    reader.select_span(mayor, mayor + 2)
    assert reader.selected_span() == (mayor, mayor + 2)
    assert reader.textCursor().selectedText() == "市长"


def _annotation(start, end, color="green", note=""):
    return Annotation(1, start, end, color, note, id=7)


def test_highlights_and_marks_are_drawn_over_an_unchanged_document(reader):
    text = reader.text()
    before = reader.document().toPlainText()
    start = text.index("𠮷")
    reader.set_annotations([_annotation(start, start + 3, note="a note")])
    reader.mark_spans([(text.index("市长说"), text.index("市长说") + 2)])
    assert reader.document().toPlainText() == before
    selections = reader.extraSelections()
    assert len(selections) == 2
    highlight = selections[0].cursor
    assert highlight.selectedText() == "𠮷野家"
    assert reader.annotation_at(start + 1).id == 7
    assert reader.annotation_at(start + 3) is None


def test_line_height_and_overlays_for_the_reading_modes(reader, qtbot):
    offset = reader.text().index("第二段")
    top_before = reader.char_rect(offset).top()
    reader.set_line_height_percent(260)
    assert reader.char_rect(offset).top() > top_before
    painted = []
    reader.add_paint_overlay(lambda painter, widget: painted.append(widget.char_rect(offset)))
    reader.viewport().repaint()
    assert painted and painted[-1] == reader.char_rect(offset)


def test_a_dark_palette_recolours_the_text(reader):
    from PySide6.QtGui import QColor, QPalette

    dark = QPalette(reader.palette())
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e6e3"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    reader.setPalette(dark)
    paragraph = reader.document().findBlock(reader.text().index("第二段"))
    assert paragraph.charFormat().foreground().color() == QColor("#e8e6e3")
    assert reader.document().toPlainText().replace(",", "，") == reader.text().replace(",", "，")


def test_a_larger_font_keeps_about_the_same_characters_per_line(reader):
    reader.resize(1400, 700)
    reader.set_style("Noto Serif CJK SC", 15, 170, True)
    narrow = reader.viewport().width()
    reader.set_style("Noto Serif CJK SC", 22, 170, True)
    assert reader.viewport().width() > narrow * 1.3


def test_tool_tips_show_markup_from_articles_as_text():
    from PySide6.QtGui import QTextDocument

    from dubao.gui.reader_format import plain_tooltip

    shown = QTextDocument()
    shown.setHtml(plain_tooltip("<b>标题</b> & <img src=x>"))
    assert shown.toPlainText() == "<b>标题</b> & <img src=x>"


def test_the_reader_draws_on_a_viewport_like_qtextedits_own(reader):
    """The reader's viewport is made in Python (gui/reader_viewport.py: asking QTextEdit for its own cost the first
    paint ~17 ms). It must look and behave as QTextEdit's own: page colours, the I-beam, pointer tracking for the
    popup, drops and touch, focus passed to the reader — and it must survive being shown and resized."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTextEdit

    plain = QTextEdit()
    plain.setReadOnly(True)

    def traits(edit):
        viewport = edit.viewport()
        return {"background": viewport.backgroundRole(), "foreground": viewport.foregroundRole(),
                "fills": viewport.autoFillBackground(), "cursor": viewport.cursor().shape(),
                "tracking": viewport.hasMouseTracking(), "drops": viewport.acceptDrops(),
                "touch": viewport.testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents),
                "focus goes to the editor": viewport.focusProxy() is edit, "name": viewport.objectName()}

    assert traits(reader) == traits(plain)
    reader.resize(500, 300)
    reader.repaint()
    assert reader.char_rect(0).isValid()
