"""PySide6 layer: thin widgets over dubao.core; every change goes through gui.operations."""
