"""`dubao --screenshot` renders the window offscreen, with the popup over the word asked for."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

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


def _brightness(image: QImage, left: int, top: int, right: int, bottom: int) -> float:
    values = [QColor(image.pixel(x, y)).lightness() for x in range(left, right, 10) for y in range(top, bottom, 10)]
    return sum(values) / len(values)


def test_screenshot_options_pick_pinyin_mode_theme_and_tab(qapp, library_path, tmp_path, capsys):
    from dubao.gui.settings_dialog import apply_theme

    shots = {name: tmp_path / f"{name}.png" for name in ("plain", "above", "dark", "library")}
    base = ["--library", str(library_path), "--article", "2"]
    try:
        assert main(["--screenshot", str(shots["plain"]), *base]) == 0
        assert main(["--screenshot", str(shots["above"]), *base, "--pinyin", "above"]) == 0
        assert main(["--screenshot", str(shots["library"]), *base, "--tab", "library"]) == 0
        assert main(["--screenshot", str(shots["dark"]), *base, "--theme", "dark"]) == 0
    finally:
        apply_theme("light")  # the palette is the application's: later tests expect the light one
    plain, above, dark, library = (QImage(str(shots[name])) for name in ("plain", "above", "dark", "library"))
    page = (320, 90, 980, 820)  # the reader, between the panels
    assert _brightness(dark, *page) < 100 < _brightness(plain, *page)
    # syllables over every character: the reader's pixels change, the panels on either side do not
    changed = sum(1 for x in range(320, 980, 6) for y in range(90, 820, 6) if plain.pixel(x, y) != above.pixel(x, y))
    assert changed > 500
    assert all(plain.pixel(x, y) == above.pixel(x, y) for x in range(5, 260, 10) for y in range(100, 500, 10))
    # --tab Library: the left panel shows the tree instead of the article list; the page is unchanged
    assert any(plain.pixel(x, y) != library.pixel(x, y) for x in range(5, 260, 5) for y in range(100, 300, 5))
    assert main(["--screenshot", str(tmp_path / "x.png"), *base, "--tab", "Nope"]) == 1
    assert "no such tab" in capsys.readouterr().err


def test_a_screenshot_of_a_file_that_is_not_a_library_is_one_line_and_exit_2(qapp, tmp_path, capsys):
    """It used to wait, offscreen, for someone to close the window's warning dialog."""
    notes = tmp_path / "notes.sqlite"
    notes.write_text("my own notes, not a library", encoding="utf-8")
    assert main(["--screenshot", str(tmp_path / "shot.png"), "--library", str(notes)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("dubao --screenshot:") and "not a Dubao library" in error and "\n" not in error
    assert notes.read_text(encoding="utf-8") == "my own notes, not a library"
    assert not (tmp_path / "shot.png").exists()
