"""The widget the reader draws its text on, made in Python rather than taken from QTextEdit (reader.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTextEdit, QWidget


def reading_viewport(reader: QTextEdit) -> QWidget:
    """The widget the text is drawn on, made here rather than taken from QTextEdit.

    QTextEdit makes its own viewport in C++; the first time Python asks for it (`viewport()`), PySide must find
    out its Python class, and to do that it sets up every QWidget subclass it knows with all their enums: ~17 ms
    before the window's first paint. A viewport made in Python is known already. It is given what QTextEdit gives
    its own: the text's colours and background, the I-beam cursor, pointer tracking (the word popup), drops and
    touch."""
    viewport = QWidget(reader)  # a parent from the start: Python must not own (and delete) what Qt now holds
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setForegroundRole(QPalette.ColorRole.Text)
    viewport.setAutoFillBackground(True)
    viewport.setMouseTracking(True)
    viewport.setAcceptDrops(True)
    viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
    viewport.setCursor(Qt.CursorShape.IBeamCursor)
    return viewport
