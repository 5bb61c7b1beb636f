"""File ▸ New issue from clipboard and text dropped on the window: the dialog guesses paper, date and page from
the text, shows how it splits, and imports through the one write path; pasting the same issue again is refused
with a message that names the issue already holding it."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from dubao.gui import paste_dialog
from dubao.gui.paste_dialog import PasteIssueDialog, import_pasted_text
from window_helpers import library_path, open_window, sample_library_template  # noqa: F401

PASTED = """人民日报 2026年1月14日 星期三
第01版：要闻

推动冬季农田水利建设提质增效

本报北京1月13日电 记者从水利部获悉：入冬以来，各地抓住农闲时节，组织开展农田水利建设，清淤疏浚渠道、维修加固泵站。

据介绍，今冬以来全国已完成农田水利建设投资四百余亿元，新增和恢复灌溉面积一千余万亩。

让群众冬季出行更安心

寒潮来袭，道路结冰，不少地方的公交、地铁调整运营时间，交警在重点路段加强巡逻。

冬季出行安全，关系千家万户。各地要压实责任，做好除雪防滑、应急保障等工作。
"""


def test_the_dialog_prefills_paper_date_and_page_and_previews_the_articles(qtbot):
    dialog = PasteIssueDialog(PASTED, ["吕梁日报"])
    qtbot.addWidget(dialog)
    assert dialog.values() == {"text": PASTED, "paper": "人民日报", "date": "2026-01-14", "page": "1"}
    assert dialog.articles.text().startswith("2 articles: 推动冬季农田水利建设提质增效、让群众冬季出行更安心")
    import_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert import_button.isEnabled()
    dialog.text.setPlainText("   ")
    qtbot.waitUntil(lambda: not import_button.isEnabled(), timeout=3000)
    assert "No articles" in dialog.articles.text()


def test_text_without_a_header_leaves_paper_and_date_to_the_user(qtbot):
    dialog = PasteIssueDialog("全省春耕备耕有序推进\n\n记者从省农业农村厅获悉，全省春耕备耕工作有序推进，农资供应充足。\n", [])
    qtbot.addWidget(dialog)
    assert dialog.undated.isChecked() and not dialog.date.isEnabled()
    assert dialog.values()["paper"] is None and dialog.values()["date"] is None


def _paste(qtbot, window, text, confirm=lambda dialog: True):
    """Paste `text` as the user confirming the dialog would; (outcome, messages shown)."""
    outcomes, messages = [], []
    assert import_pasted_text(window, text, confirm=confirm, on_done=outcomes.append,
                              notify=lambda message, error: messages.append((message, error)))
    qtbot.waitUntil(lambda: len(outcomes) == 1, timeout=60000)
    return outcomes[0], messages


def test_pasting_imports_a_new_issue_and_pasting_it_again_is_refused(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    before = len(window.store.list_issues())

    def corrected(dialog):  # the user corrects the page before importing
        dialog.page.setText("A1")
        return True

    with qtbot.waitSignal(window.ops.library_changed, timeout=60000):
        outcome, messages = _paste(qtbot, window, PASTED, corrected)
    assert outcome.status == "imported" and outcome.articles == 2 and messages == []
    issue = window.store.get_issue(outcome.issue_id)
    assert (issue.paper, issue.date, issue.page) == ("人民日报", "2026-01-14", "A1")
    assert len(window.store.list_issues()) == before + 1
    # the same issue again, pasted with other line ends and spacing
    again, messages = _paste(qtbot, window, PASTED.replace("\n", "\r\n").replace("，", "， "))
    assert (again.status, again.issue_id) == ("skipped", outcome.issue_id)
    assert len(messages) == 1 and not messages[0][1]
    assert f"already in the library (issue {outcome.issue_id}" in messages[0][0]
    assert len(window.store.list_issues()) == before + 1


def test_text_with_no_article_is_one_message_and_nothing_is_stored(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    before = len(window.store.list_issues())
    outcome, messages = _paste(qtbot, window, "2026年1月14日")
    assert isinstance(outcome, Exception) and len(messages) == 1 and messages[0][1]
    assert "\n" not in messages[0][0] and len(window.store.list_issues()) == before


def test_cancelling_the_dialog_imports_nothing(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    before = len(window.store.list_issues())
    assert not import_pasted_text(window, PASTED, confirm=lambda dialog: False)
    assert len(window.store.list_issues()) == before


def test_the_menu_action_reads_the_clipboard_and_dropped_text_opens_the_dialog(qtbot, library_path, tmp_path,
                                                                                monkeypatch):
    window = open_window(qtbot, library_path, tmp_path)
    given = []
    monkeypatch.setattr(paste_dialog, "import_pasted_text", lambda _window, text, **_: given.append(text))
    QGuiApplication.clipboard().setText(PASTED)
    window.reading.actions["paste_issue"].trigger()
    assert given == [PASTED]
    mime = QMimeData()
    mime.setText("全省春耕备耕有序推进")
    enter = QDragEnterEvent(QPoint(400, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(400, 300), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: len(given) == 2, timeout=5000)
    assert given[1] == "全省春耕备耕有序推进"


def test_new_issue_from_clipboard_opens_the_pasted_issue(qtbot, library_path, tmp_path, monkeypatch):
    window = open_window(qtbot, library_path, tmp_path)
    monkeypatch.setattr(PasteIssueDialog, "exec", lambda dialog: PasteIssueDialog.DialogCode.Accepted)
    QGuiApplication.clipboard().setText(PASTED)
    window.reading.actions["paste_issue"].trigger()
    qtbot.waitUntil(lambda: window.reader.current_article is not None
                    and window.reader.current_article.headline == "推动冬季农田水利建设提质增效", timeout=60000)
    assert window.store.get_issue(window.current_issue_id).label == "人民日报 2026-01-14 第1版"
