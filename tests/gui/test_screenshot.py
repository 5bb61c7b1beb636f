"""`dubao --screenshot` renders the window offscreen, with the popup over the word asked for."""

from __future__ import annotations

from PySide6.QtGui import QImage

from dubao.gui.app import main
from window_helpers import library_path, sample_library_template  # noqa: F401


def test_screenshot_shows_the_article_and_the_popup(qapp, library_path, tmp_path, capsys):
    plain, hovered = tmp_path / "plain.png", tmp_path / "hover.png"
    assert main(["--screenshot", str(plain), "--library", str(library_path), "--article", "2"]) == 0
    assert main(["--screenshot", str(hovered), "--library", str(library_path), "--article", "2",
                 "--hover", "市长", "--select", "0:4"]) == 0
    first, second = QImage(str(plain)), QImage(str(hovered))
    assert (first.width(), first.height()) == (1360, 860)
    assert first.size() == second.size()
    # the popup and the selection change pixels; the rest of the window is the same picture
    differing = sum(1 for x in range(0, 1360, 8) for y in range(0, 860, 8) if first.pixel(x, y) != second.pixel(x, y))
    assert 200 < differing < (1360 // 8) * (860 // 8) // 3


def test_screenshot_reports_a_word_that_is_not_there(qapp, library_path, tmp_path, capsys):
    target = tmp_path / "x.png"
    assert main(["--screenshot", str(target), "--library", str(library_path), "--hover", "不存在的词语"]) == 1
    assert "does not occur" in capsys.readouterr().err
    assert not target.exists()


def test_missing_issue_file_is_one_clear_line(capsys):
    assert main(["/nonexistent/issue.txt"]) == 2
    assert "no such file" in capsys.readouterr().err
