"""Resting the pointer on a word shows its reading in context, its CC-CEDICT entries and HSK level; nothing
over empty space or punctuation; S saves the word with its sentence."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from dubao.core.analysis import Analysis
from dubao.core.models import DictEntry, Token
from dubao.core.language.word_info import WordInfo
from dubao.gui.hover_popup import HIDE_DELAY_MS, popup_html
from window_helpers import library_path, open_window, sample_library_template  # noqa: F401


def move_to(reader, point: QPointF) -> None:
    event = QMouseEvent(QEvent.Type.MouseMove, point, reader.viewport().mapToGlobal(point),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    reader.mouseMoveEvent(event)


def point_on(reader, offset: int, fraction: float = 0.5) -> QPointF:
    reader.scroll_to(offset)
    rect = reader.char_rect(offset)
    return QPointF(rect.left() + rect.width() * fraction, rect.center().y())


def test_hovering_shizhang_shows_its_reading_and_gloss(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    reader = window.reader
    offset = reader.text().index("市长")
    move_to(reader, point_on(reader, offset + 1, 0.8))  # the right half of 长 — still this word
    popup = window.hover.popup
    assert popup.isVisible()
    info = window.hover.current
    assert info.token.text == "市长"
    assert info.token.pinyin == "shì zhǎng"
    assert any("mayor" in d for entry in info.entries for d in entry.definitions)
    label = popup.label.text()
    assert "shì" in label and "zhǎng" in label and "mayor" in label
    assert popup.geometry().top() >= reader.viewport().mapToGlobal(reader.char_rect(offset).bottomLeft()).y() - 1


def test_right_half_of_a_character_is_that_character_not_the_next(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    reader = window.reader
    text = reader.text()
    offset = text.index("市长")
    assert reader.offset_at(point_on(reader, offset, 0.9)) == offset
    assert reader.offset_at(point_on(reader, offset + 1, 0.1)) == offset + 1


def test_no_popup_over_empty_space_or_punctuation(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    reader = window.reader
    text = reader.text()
    move_to(reader, QPointF(reader.viewport().width() - 3, 5))
    assert not window.hover.popup.isVisible()
    comma = min(i for i in (text.find(","), text.find("，")) if i >= 0)
    move_to(reader, point_on(reader, comma))
    assert not window.hover.popup.isVisible()
    headline_end = text.index("\n") - 1
    end_rect = reader.char_rect(headline_end)
    move_to(reader, QPointF(reader.viewport().width() - 10, end_rect.center().y()))
    assert not window.hover.popup.isVisible()


def test_moving_along_a_line_updates_the_popup_and_leaving_hides_it(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    reader, popup = window.reader, window.hover.popup
    text = reader.text()
    first = text.index("市长")
    move_to(reader, point_on(reader, first))
    hidden = []
    real_hide = popup.hide
    popup.hide = lambda: (hidden.append(True), real_hide())
    following = window.reader.analysis.token_at(first + 2)
    move_to(reader, point_on(reader, following.start))
    assert window.hover.current.token == following
    assert not hidden, "the popup stays up while the pointer moves from word to word"
    move_to(reader, QPointF(2, 2))
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=2000)


def test_s_saves_the_hovered_word_with_its_sentence(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    reader = window.reader
    offset = reader.text().index("市长")
    move_to(reader, point_on(reader, offset))
    with qtbot.waitSignal(window.ops.vocabulary_changed, timeout=2000):
        qtbot.keyClick(reader, Qt.Key.Key_S)
    [item] = [v for v in window.store.vocabulary() if v.word == "市长"]
    assert item.pinyin == "shì zhǎng"
    assert "市长" in item.sentence and item.sentence.endswith("。")
    assert item.article_id == window.current_article_id
    assert "Saved" in window.hover.popup.save_button.text()


def test_popup_shows_text_from_articles_and_dictionary_as_text_never_markup():
    token = Token("<b>", 0, 3, "", ("<", "b", ">"))
    entry = DictEntry("<b>", "<b>", "x", "x1", ("<img src=x onerror=alert(1)>",))
    info = WordInfo(token, None, (entry,))
    html = popup_html(info, None)
    assert "<img" not in html and "&lt;img" in html and "<b>" not in html


def test_tone_colours_follow_each_syllable():
    token = Token("市长", 0, 2, "shì zhǎng", ("shi4", "zhang3"))
    html = popup_html(WordInfo(token, 4, ()), ("#a00", "#0a0", "#00a", "#a0a", "#777"))
    assert '<span style="color:#a0a">shì</span>' in html
    assert '<span style="color:#00a">zhǎng</span>' in html
    assert "HSK 4" in html


def test_analysis_token_lookup_is_exact_at_word_edges():
    tokens = [Token("市长", 0, 2, "shì zhǎng", ("shi4", "zhang3")), Token("说", 2, 3, "shuō", ("shuo1",))]
    analysis = Analysis.build("市长说", tokens)
    assert [analysis.token_at(i).text for i in range(3)] == ["市长", "市长", "说"]
    assert analysis.token_at(3) is None


def test_no_popup_while_dragging_a_selection_and_scrolling_hides_it(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=5)
    reader, popup = window.reader, window.hover.popup
    offset = reader.text().index("项目")
    point = point_on(reader, offset)
    drag = QMouseEvent(QEvent.Type.MouseMove, point, reader.viewport().mapToGlobal(point), Qt.MouseButton.NoButton,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    reader.mouseMoveEvent(drag)
    assert not popup.isVisible()
    move_to(reader, point)
    assert popup.isVisible()
    reader.verticalScrollBar().setValue(reader.verticalScrollBar().value() + 200)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=2000)


def test_a_pinned_popup_stays_while_the_pointer_moves_and_follows_the_keyboard(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    reader, hover = window.reader, window.hover
    text = reader.text()
    first = text.index("市长")
    move_to(reader, point_on(reader, first))
    assert hover.current.token.text == "市长"
    qtbot.keyClick(reader, Qt.Key.Key_P)  # pin
    assert hover.pinned and hover.popup.pin_button.isChecked()
    where = hover.popup.pos()
    # the pointer wanders over another word, then off the text: the pinned popup stays on 市长, in place
    elsewhere = next(t for t in reader.analysis.tokens if t.start > first + 20 and len(t.text) == 2
                     and all("\u4e00" <= ch <= "\u9fff" for ch in t.text))
    move_to(reader, point_on(reader, elsewhere.start))
    move_to(reader, QPointF(2, 2))
    qtbot.wait(HIDE_DELAY_MS + 100)
    assert hover.popup.isVisible() and hover.current.token.text == "市长" and hover.popup.pos() == where
    # Alt+→ moves the pinned popup to the next word, which it explains
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    following = reader.analysis.token_at(first + 2)
    assert hover.pinned and hover.current.token == following
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert hover.current.token.text == "市长"
    # Esc closes and unpins: the pointer drives the popup again
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not hover.pinned and not hover.popup.isVisible()
    move_to(reader, point_on(reader, elsewhere.start))
    assert hover.current.token == elsewhere


def test_the_pin_button_in_the_popup_pins_and_unpins(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    reader, hover = window.reader, window.hover
    move_to(reader, point_on(reader, reader.text().index("市长")))
    qtbot.mouseClick(hover.popup.pin_button, Qt.MouseButton.LeftButton)
    assert hover.pinned and "Pinned" in hover.popup.pin_button.text()
    move_to(reader, QPointF(2, 2))
    qtbot.wait(HIDE_DELAY_MS + 100)
    assert hover.popup.isVisible()
    qtbot.mouseClick(hover.popup.pin_button, Qt.MouseButton.LeftButton)
    assert not hover.pinned
    QApplication.sendEvent(hover.popup, QEvent(QEvent.Type.Leave))  # the pointer goes back to the page
    qtbot.waitUntil(lambda: not hover.popup.isVisible(), timeout=2000)


def test_a_compound_shows_its_parts_and_a_formulation_its_english_parts_and_explanation():
    from dubao.core.entities.glossary import Formulation
    from dubao.core.language.dictionary import get_dictionary
    from dubao.core.language.word_info import components

    token = Token("高质量发展", 0, 5, "gāo zhì liàng fā zhǎn", ("gao1", "zhi4", "liang4", "fa1", "zhan3"))
    parts = components(token, get_dictionary())
    entry = Formulation("高质量发展", explanation="Growth judged by quality, not speed.", english="high-quality development",
                        expansion=("创新", "协调"), source="十九大报告", since="2017", related=("新发展理念",))
    html = popup_html(WordInfo(token, None, (), parts, entry), None)
    assert "Not in CC-CEDICT." not in html
    assert "高质量" in html and "gāo zhì liàng" in html and "high quality" in html  # a part, its reading, meaning
    assert "fā zhǎn" in html
    assert "high-quality development" in html and "Growth judged by quality" in html and "协调" in html
    assert "十九大报告" in html and "Related: 新发展理念" in html


def test_a_persons_titles_from_this_issue_are_shown():
    from dubao.core.models import Entity, Mention

    token = Token("孙大军", 4, 7, "sūn dà jūn", ("sun1", "da4", "jun1"))
    person = Entity("孙大军", "person", titles=("市委书记", "市长"), mentions=(Mention(1, 4, 7, "孙大军"),))
    html = popup_html(WordInfo(token, None, (), (), None, ((person, "孙大军"),)), None)
    assert "Person" in html and "市委书记、市长" in html
