"""Settings dialog, text-size keys and the keyboard-shortcut list generated from the window's actions."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dubao.gui.settings import DEFAULT_TONE_PALETTE, Settings
from dubao.gui.settings_dialog import HSK_CHOICES, PINYIN_CHOICES, THEME_CHOICES, SettingsDialog
from dubao.gui.shortcuts_dialog import KEY_SEPARATOR, ShortcutsDialog, shortcut_groups
from window_helpers import library_path, open_window, sample_library_template  # noqa: F401


def test_dialog_shows_the_settings_and_returns_an_edited_copy(qtbot, tmp_path):
    settings = Settings(path=str(tmp_path / "s.ini"), font_size=18, line_spacing=200, theme="dark", hsk_level=5,
                        pinyin_mode="unknown", tone_colors=False, fullwidth_punctuation=False)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.font_size.value() == 18 and dialog.line_spacing.value() == 200
    assert THEME_CHOICES[dialog.theme.currentIndex()][1] == "dark"
    assert HSK_CHOICES[dialog.hsk_level.currentIndex()][1] == 5
    assert PINYIN_CHOICES[dialog.pinyin_mode.currentIndex()][1] == "unknown"
    assert not dialog.tone_colors.isChecked() and not dialog.tone_buttons[0].isEnabled()
    dialog.font_size.setValue(21)
    dialog.theme.setCurrentIndex(0)
    dialog.tone_colors.setChecked(True)
    dialog.tone_buttons[3].set_color("#123456")
    dialog.fullwidth.setChecked(True)
    result = dialog.result_settings()
    assert (result.font_size, result.theme, result.tone_colors, result.fullwidth_punctuation) == (21, "system", True, True)
    assert result.tone_palette[3] == "#123456" and result.tone_palette[0] == DEFAULT_TONE_PALETTE[0]
    assert settings.font_size == 18, "the original is untouched until OK"
    dialog.load(Settings())
    assert dialog.font_size.value() == Settings().font_size and dialog.tone_colors.isChecked()


def test_applying_restyles_the_reader_and_is_saved(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    offset = window.reader.text().index("本报讯")
    before = window.reader.char_rect(offset).width()
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.font_size.setValue(20)
    dialog.hsk_level.setCurrentIndex(5)  # HSK 6
    with qtbot.waitSignal(window.ops.settings_changed):
        window.ops.apply_settings(dialog.result_settings())
    assert window.settings.font_size == 20 and window.settings.hsk_level == 6
    after = window.reader.char_rect(offset).width()
    assert after > before * 1.2, "the reader re-laid out the text at the larger size"
    assert Settings.load(window.settings.path).font_size == 20


def test_ctrl_plus_and_minus_change_the_text_size(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    size = window.settings.font_size
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.font_size == size + 2
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.font_size == size + 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.font_size == 15


def test_shortcut_list_is_generated_from_the_actions(qtbot, library_path, tmp_path):
    window = open_window(qtbot, library_path, tmp_path)
    groups = dict(shortcut_groups(window))
    edit = dict(groups["Edit"])
    assert edit["Find in library"] == "Ctrl+Shift+F" and edit["Find in article"] == "Ctrl+F"
    assert dict(groups["View"])["Pinyin above every character"] == "Alt+2"
    assert "Ctrl+1" in dict(groups["Edit"]).values(), "the main window's highlight keys are listed too"
    # a new action shows up without anyone editing the dialog
    window.reading._add("test_action", "Zoom the moon", lambda: None, "Ctrl+Alt+M", "&View")
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    assert ("Zoom the moon", "Ctrl+Alt+M") in dialog.rows()
    dialog.filter.setText("moon")
    visible = [dialog.tree.topLevelItem(g) for g in range(dialog.tree.topLevelItemCount())
               if not dialog.tree.topLevelItem(g).isHidden()]
    assert [g.text(0) for g in visible] == ["View"]
    # every shortcut is unique: no key does two things
    keys = [keys for rows in groups.values() for _text, keys in rows for keys in keys.split(KEY_SEPARATOR)]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_dark_theme_recolours_the_window_and_the_reader_text(qtbot, library_path, tmp_path):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from dubao.gui.settings_dialog import apply_theme

    window = open_window(qtbot, library_path, tmp_path)
    try:
        window.ops.apply_settings(window.settings.copy(theme="dark"))
        assert QApplication.instance().palette().color(QPalette.ColorRole.Base).lightness() < 60
        assert window.reading.library_tree.palette().color(QPalette.ColorRole.Base).lightness() < 60
        block = window.reader.document().findBlock(window.reader.text().index("本报讯"))
        text_color = block.begin().fragment().charFormat().foreground().color()
        assert text_color.lightness() > 150, "body text turned light on the dark page"
        window.ops.apply_settings(window.settings.copy(theme="light"))
        assert QApplication.instance().palette().color(QPalette.ColorRole.Base).lightness() > 200
    finally:
        apply_theme("light")  # the palette is application-wide: leave it as the other tests expect
