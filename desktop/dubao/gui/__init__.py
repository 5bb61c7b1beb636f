"""PySide6 layer: thin widgets over dubao.core; every change goes through gui.operations."""

from dubao.gui.pyside_imports import check_modules_quickly

check_modules_quickly()  # before the window's own modules are imported (gui/pyside_imports.py)
