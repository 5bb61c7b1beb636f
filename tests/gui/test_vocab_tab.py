"""The Vocabulary tab: saved words with their context, marking known, and the popup's Known button."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dubao.core.library.store import Store
from dubao.gui.operations import Operations
from dubao.gui.settings import Settings
from dubao.gui.vocab_tab import COLUMNS, VocabTab, first_definition
from dubao.gui.session import Session
from window_helpers import library_path, open_window, sample_library_template  # noqa: F401


def _tab(qtbot, library_path, tmp_path):
    store = Store.open(library_path)
    ops = Operations(Session(store), Settings(path=str(tmp_path / "settings.ini")))
    tab = VocabTab(ops.session, ops)
    qtbot.addWidget(tab)
    return store, ops, tab


def _row(tab, word):
    for row in range(tab.table.rowCount()):
        if tab.table.item(row, 0).text() == word:
            return [tab.table.item(row, column).text() for column in range(len(COLUMNS))]
    return None


def test_saved_words_show_reading_definition_level_status_date_and_article(qtbot, library_path, tmp_path):
    store, ops, tab = _tab(qtbot, library_path, tmp_path)
    article = store.articles(store.list_issues()[0].id)[1]
    start = article.text.index("会谈")
    ops.add_vocab("会谈", pinyin="huì tán", definition="talks/discussions", hsk=6,
                  sentence="市政府与中国能建举行工作会谈", article_id=article.id, start=start, end=start + 2)
    row = _row(tab, "会谈")
    assert row is not None, "the tab refreshed itself on vocabulary_changed"
    assert row[:5] == ["会谈", "huì tán", "talks", "6", "learning"]
    ops.add_vocab("务实", hsk=7)
    assert _row(tab, "务实")[3] == "7–9"
    assert tab.table.item(0, 0).text() == "务实", "newest first"
    assert row[5] == store.vocabulary()[0].added[:10]
    assert row[6] == article.headline
    tab.select_word("会谈")
    assert "市政府与中国能建举行工作会谈" in tab.details.text()
    with qtbot.waitSignal(tab.open_requested) as opened:
        tab.open_selected()
    assert opened.args == [article.id, start, start + 2]
    store.close()


def test_marking_known_and_filtering(qtbot, library_path, tmp_path):
    store, ops, tab = _tab(qtbot, library_path, tmp_path)
    ops.add_vocab("深化", pinyin="shēn huà", definition="to deepen")
    ops.add_vocab("务实", pinyin="wù shí", definition="pragmatic")
    tab.select_word("深化")
    qtbot.mouseClick(tab.known_button, Qt.MouseButton.LeftButton)
    assert store.known_words() == {"深化"}
    assert _row(tab, "深化")[4] == "known"
    assert tab.known_button.text() == "Mark learning (K)", "the selection stays on the word"
    tab.status_filter.setCurrentIndex(1)  # learning only
    assert _row(tab, "深化") is None and _row(tab, "务实") is not None
    tab.status_filter.setCurrentIndex(0)
    tab.filter_field.setText("wu shi")  # pinyin without tone marks finds it
    assert tab.table.rowCount() == 1 and _row(tab, "务实")
    tab.filter_field.setText("")
    tab.select_word("务实")
    tab.delete_selected()
    assert [item.word for item in store.vocabulary()] == ["深化"]
    assert "1 words · 1 known · 0 learning" == tab.count_label.text()
    store.close()


def test_first_definition():
    assert first_definition("bank/row; line") == "bank"
    assert first_definition("  to deepen ") == "to deepen"


def test_popup_save_and_known_buttons_feed_the_tab(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    reader = window.reader
    offset = reader.text().index("市长")
    assert window.hover.show_at(offset)
    window.hover.save_current()
    tab = window.reading.vocab_tab
    assert _row(tab, "市长")[4] == "learning"
    assert window.reading.known_button.isVisible()
    window.reading.known_button.click()
    assert _row(tab, "市长")[4] == "known"
    assert "市长" in window.store.known_words()
    # a word never saved becomes a known vocabulary item straight away with K
    other = reader.text().index("会谈")
    assert window.hover.show_at(other)
    window.reading.actions["mark_known"].trigger()
    assert "会谈" in window.store.known_words()


def test_the_popup_walks_word_by_word_from_the_keyboard(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path, article=2)
    words = [t for t in window.reader.analysis.tokens if any("\u4e00" <= ch <= "\u9fff" for ch in t.text)]
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.hover.current.token == words[0]
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.hover.current.token == words[3]
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.hover.current.token == words[2]
    window.actions_by_name["save_word"].trigger()  # S saves the word the keyboard is on
    assert _row(window.reading.vocab_tab, words[2].text) is not None
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.hover.current is None and not window.hover.popup.isVisible()
