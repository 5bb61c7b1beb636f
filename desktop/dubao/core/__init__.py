"""Qt-free core of Dubao. Nothing under this package may import PySide6, shiboken6 or dubao.gui."""
