"""The app icon in the forms each platform needs: a multi-size Windows .ico and the window icon."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QImageReader

from dubao.gui.app_icon import app_icon, svg_path, write_ico


def test_windows_ico_holds_every_size_sharp(qtbot, tmp_path):
    target = tmp_path / "dubao.ico"
    write_ico(target, sizes=(16, 32, 256))
    reader = QImageReader(str(target))
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull()
        sizes.append(image.width())
    assert sizes == [16, 32, 256]


def test_small_sizes_use_the_simplified_drawing(qtbot):
    assert svg_path(16).name.endswith("-small.svg")
    assert not svg_path(48).name.endswith("-small.svg")
    pixmap = app_icon().pixmap(QSize(64, 64))
    assert pixmap.width() == 64 and not pixmap.toImage().isNull()
