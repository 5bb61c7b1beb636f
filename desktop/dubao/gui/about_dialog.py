"""Help ▸ About: the app's name, version and licence, and the credits and licences of every bundled data set.

The credits are not written here: they are `resources/data/LICENSES.md`, shown as rendered Markdown, so the file
that packagers and contributors edit is the one users see. Open as `AboutDialog(parent).exec()`.
"""

from __future__ import annotations

import platform

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dubao import __version__
from dubao.core.paths import app_display_name, resource
from dubao.gui.app_icon import app_icon

_MISSING_CREDITS = (
    "**The list of bundled data and their licences (`resources/data/LICENSES.md`) is missing.** "
    "This installation is incomplete; please reinstall Dubao."
)


def credits_markdown() -> str:
    """The text of LICENSES.md, or a clear notice that the installation lost it."""
    try:
        return resource("data", "LICENSES.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return _MISSING_CREDITS


def _for_dialog(markdown: str) -> str:
    """Drop the file's own title (the dialog has one) and shrink headings: a poster-size h1 in a small
    dialog pushes the credits out of view."""
    lines = []
    for line in markdown.splitlines():
        if line.startswith("# "):
            continue
        lines.append("##" + line if line.startswith("#") else line)
    return "\n".join(lines)


def _pyside_version() -> str:
    try:
        import PySide6

        return PySide6.__version__
    except (ImportError, AttributeError):  # pragma: no cover - PySide6 is always there when this runs
        return "?"


class AboutDialog(QDialog):
    """Name, version, licence and data credits. Modal, resizable, closes with Esc or Close."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"About {app_display_name()}")
        self.setWindowIcon(app_icon())
        self.resize(620, 560)

        icon_label = QLabel()
        icon_label.setPixmap(app_icon().pixmap(80, 80))
        icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.title_label = QLabel(f"<h2 style='margin:0'>{app_display_name()}</h2>")
        self.version_label = QLabel(f"Version {__version__}")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tagline = QLabel(
            "Read and annotate Chinese newspaper issues: readings and dictionary on hover, "
            "highlights and notes, people, places and formulations, exports."
        )
        tagline.setWordWrap(True)
        self.licence_label = QLabel("Free software under the MIT licence.")
        runtime = QLabel(f"Qt {qVersion()} · PySide6 {_pyside_version()} · Python {platform.python_version()}")
        runtime.setStyleSheet("color: palette(placeholder-text)")

        heading = QVBoxLayout()
        for widget in (self.title_label, self.version_label, tagline, self.licence_label, runtime):
            heading.addWidget(widget)
        top = QHBoxLayout()
        top.addWidget(icon_label)
        top.addLayout(heading, 1)

        self.credits = QTextBrowser()
        self.credits.setOpenExternalLinks(True)  # source links open in the browser, not inside the dialog
        self.credits.setMarkdown(_for_dialog(credits_markdown()))
        self.credits.setAccessibleName("Licences of Dubao and its bundled data")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        about_qt = buttons.addButton("About Qt", QDialogButtonBox.ButtonRole.HelpRole)
        about_qt.clicked.connect(lambda: QMessageBox.aboutQt(self))  # the LGPL asks us to say which Qt we use
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel("<b>Credits and licences</b>"))
        layout.addWidget(self.credits, 1)
        layout.addWidget(buttons)

    def credits_text(self) -> str:
        """The credits as the user sees them (plain text), e.g. for tests and screen readers."""
        return self.credits.toPlainText()
