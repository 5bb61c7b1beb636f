"""The small square icon of a highlight colour, for the toolbar, the notes filter and the note editor.

In a module of its own so the toolbar (built before the window's first paint) does not import the note editor's
dialog classes with it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap

from dubao.gui.reader_format import ANNOTATION_BACKGROUNDS


def colour_icon(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(ANNOTATION_BACKGROUNDS.get(color, "#fff176")))
    return QIcon(pixmap)
