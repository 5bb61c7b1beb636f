"""Settings ▸ a small dialog for the reading settings: reader font and size, line spacing, light/dark theme
(following the system by default), the learner's HSK level, pinyin mode, tone colours (on/off and the five
colours), and full-width punctuation (display only: offsets never change).

The dialog edits a copy of `Settings`; OK hands it to `Operations.apply_settings`, which saves it and tells
every widget to restyle. Cancel leaves everything as it was.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QCheckBox, QColorDialog, QComboBox, QDialog, QDialogButtonBox, QFontComboBox, QFormLayout, QHBoxLayout,
    QPushButton, QSpinBox, QWidget,
)

from dubao.core.language.dictionary import hsk_label
from dubao.gui.settings import DEFAULT_TONE_PALETTE, Settings

THEME_CHOICES = (("Follow the system", "system"), ("Light", "light"), ("Dark", "dark"))
PINYIN_CHOICES = (("On hover only", "hover"), ("Above every character", "above"),
                  ("Above words I don't know yet", "unknown"))
HSK_CHOICES = tuple((f"HSK {hsk_label(level)}", level) for level in range(1, 8))
TONE_NAMES = ("1st tone", "2nd tone", "3rd tone", "4th tone", "neutral")


def _select(combo: QComboBox, choices, value) -> None:
    for index, (_label, choice) in enumerate(choices):
        if choice == value:
            combo.setCurrentIndex(index)
            return


def _combo(choices) -> QComboBox:
    combo = QComboBox()
    for label, _value in choices:
        combo.addItem(label)
    return combo


class ColorButton(QPushButton):
    """A button showing a colour; clicking opens a colour picker."""

    def __init__(self, color: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._title = title
        self.setFixedWidth(44)
        self.setToolTip(title)
        self.set_color(color)
        self.clicked.connect(self._pick)

    def set_color(self, color: str) -> None:
        self.color = QColor(color).name()
        self.setStyleSheet(f"background-color: {self.color}; border: 1px solid #888; min-height: 18px;")

    def _pick(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color), self, self._title)
        if chosen.isValid():
            self.set_color(chosen.name())


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._original = settings
        self.font_family = QFontComboBox()
        self.font_family.setWritingSystem(QFontDatabase.WritingSystem.SimplifiedChinese)
        self.font_size = QSpinBox(minimum=8, maximum=48, suffix=" pt")
        self.line_spacing = QSpinBox(minimum=100, maximum=300, singleStep=10, suffix=" %")
        self.theme = _combo(THEME_CHOICES)
        self.hsk_level = _combo(HSK_CHOICES)
        self.hsk_level.setToolTip("Words above this level (and words in no HSK list) count as new for you")
        self.pinyin_mode = _combo(PINYIN_CHOICES)
        self.tone_colors = QCheckBox("Colour syllables by tone")
        self.tone_buttons = [ColorButton(color, name) for color, name in zip(DEFAULT_TONE_PALETTE, TONE_NAMES)]
        self.tone_colors.toggled.connect(lambda on: [button.setEnabled(on) for button in self.tone_buttons])
        reset_colors = QPushButton("Usual colours")
        reset_colors.clicked.connect(lambda: [b.set_color(c) for b, c in zip(self.tone_buttons, DEFAULT_TONE_PALETTE)])
        self.fullwidth = QCheckBox("Show punctuation full-width next to Chinese (display only)")
        tone_row = QHBoxLayout()
        for button in self.tone_buttons:
            tone_row.addWidget(button)
        tone_row.addWidget(reset_colors)
        tone_row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            lambda: self.load(Settings()))
        form = QFormLayout(self)
        form.addRow("Reader font", self.font_family)
        form.addRow("Size", self.font_size)
        form.addRow("Line spacing", self.line_spacing)
        form.addRow("Theme", self.theme)
        form.addRow("My level", self.hsk_level)
        form.addRow("Pinyin", self.pinyin_mode)
        form.addRow("", self.tone_colors)
        form.addRow("Tone colours", tone_row)
        form.addRow("", self.fullwidth)
        form.addRow(buttons)
        self.load(settings)

    def load(self, settings: Settings) -> None:
        self.font_family.setCurrentFont(QFont(settings.font_family))
        self.font_size.setValue(settings.font_size)
        self.line_spacing.setValue(settings.line_spacing)
        _select(self.theme, THEME_CHOICES, settings.theme)
        _select(self.hsk_level, HSK_CHOICES, settings.hsk_level)
        _select(self.pinyin_mode, PINYIN_CHOICES, settings.pinyin_mode)
        self.tone_colors.setChecked(settings.tone_colors)
        for button, color in zip(self.tone_buttons, settings.tone_palette):
            button.set_color(color)
            button.setEnabled(settings.tone_colors)
        self.fullwidth.setChecked(settings.fullwidth_punctuation)

    def result_settings(self) -> Settings:
        """A copy of the original settings with the dialog's values (window state untouched)."""
        return self._original.copy(
            font_family=self.font_family.currentFont().family(),
            font_size=self.font_size.value(),
            line_spacing=self.line_spacing.value(),
            theme=THEME_CHOICES[self.theme.currentIndex()][1],
            hsk_level=HSK_CHOICES[self.hsk_level.currentIndex()][1],
            pinyin_mode=PINYIN_CHOICES[self.pinyin_mode.currentIndex()][1],
            tone_colors=self.tone_colors.isChecked(),
            tone_palette=tuple(button.color for button in self.tone_buttons),
            fullwidth_punctuation=self.fullwidth.isChecked(),
        )


def edit_settings(window) -> bool:
    """Show the dialog over the window; OK applies through `window.ops`. True when applied."""
    dialog = SettingsDialog(window.settings, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    window.ops.apply_settings(dialog.result_settings())
    return True


def dark_palette() -> QPalette:
    """A calm dark palette (Fusion's roles), readable for long articles: not pure black on white inverted."""
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#202124", QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#1b1b1d", QPalette.ColorRole.AlternateBase: "#26272a",
        QPalette.ColorRole.Text: "#e3e3e3", QPalette.ColorRole.Button: "#2b2c30",
        QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.Highlight: "#3d6bb3",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2b2c30",
        QPalette.ColorRole.ToolTipText: "#e8eaed", QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Link: "#8ab4f8", QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Mid: "#3c4043", QPalette.ColorRole.Dark: "#151517", QPalette.ColorRole.Light: "#3c4043",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7378"))
    return palette


def system_prefers_dark() -> bool:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    hints = QApplication.instance().styleHints()
    return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark


def apply_theme(theme: str) -> bool:
    """Light, dark, or the system's choice ("system"); returns True when the result is dark.
    Widgets that build colours from the palette (the reader does) must be restyled afterwards."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    dark = theme == "dark" or (theme == "system" and system_prefers_dark())
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    if app.styleSheet():  # widgets already polished by the style sheet keep their old palette until re-polished
        app.setStyleSheet(app.styleSheet())
    # widgets learn of the new palette by posted events: deliver them now, so that restyling right after
    # (the reader builds its text colours from its palette) sees the new colours
    app.sendPostedEvents()
    return dark
