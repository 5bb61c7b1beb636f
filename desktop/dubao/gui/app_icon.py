"""Dubao's application icon: the window icon, and the PNG sizes a desktop icon theme wants.

The icon is drawn as SVG in `resources/icons/` (a full picture and a simplified one for 16–24 px, where the
newspaper page would turn to mush). PNGs are rendered from them on demand — by `dubao install-desktop-entry`
and by `packaging/build-deb` — so no binary images live in the repository.

`python -m dubao.gui.app_icon ROOT` writes ROOT/hicolor/<size>x<size>/apps/<id>.png and
ROOT/hicolor/scalable/apps/<id>.svg.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from dubao import APP_ID
from dubao.core.paths import resource

ICON_NAME = APP_ID  # freedesktop: the icon is named like the desktop entry, never given as a path
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
_SMALL_UP_TO = 24  # sizes at or below this use the simplified drawing
_app: QGuiApplication | None = None  # kept alive while rendering outside the GUI


def svg_path(size: int | None = None) -> Path:
    """The SVG to draw at `size` pixels (None: the scalable, full picture)."""
    if size is not None and size <= _SMALL_UP_TO:
        return resource("icons", f"{ICON_NAME}-small.svg")
    return resource("icons", f"{ICON_NAME}.svg")


def _ensure_gui_application() -> None:
    # QPainter on a QImage needs a Q(Gui)Application; scripts and the CLI may not have one yet.
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # build machines have no display
        global _app
        _app = QGuiApplication([sys.argv[0] if sys.argv else "dubao"])


def render_image(size: int) -> QImage:
    """The icon as a square, transparent ARGB image of `size` pixels."""
    _ensure_gui_application()
    renderer = QSvgRenderer(str(svg_path(size)))
    if not renderer.isValid():
        raise RuntimeError(f"icon drawing {svg_path(size)} could not be read")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def app_icon() -> QIcon:
    """The window icon, with the small drawing for small sizes (title bars, task switchers)."""
    icon = QIcon()
    for size in HICOLOR_SIZES:
        icon.addFile(str(svg_path(size)), QSize(size, size))
    return icon


def write_hicolor_theme(root: Path, sizes: tuple[int, ...] = HICOLOR_SIZES) -> list[Path]:
    """Write the icon into an icon-theme tree under `root` (e.g. ~/.local/share/icons); return the files."""
    written: list[Path] = []
    for size in sizes:
        target = root / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render_image(size).save(str(target), "PNG"):
            raise OSError(f"could not write {target}")
        written.append(target)
    scalable = root / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg_path(), scalable)
    written.append(scalable)
    return written


def png_bytes(size: int) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    render_image(size).save(buffer, "PNG")
    return bytes(buffer.data())


def write_ico(path: Path, sizes: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256)) -> None:
    """A Windows .ico with one PNG image per size (Qt's own ICO writer stores a single size, which Explorer
    then scales down into a blur)."""
    images = [png_bytes(size) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(images)
    directory, data = b"", b""
    for size, image in zip(sizes, images):
        side = size % 256  # 0 means 256 in the directory
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(image), offset + len(data))
        data += image
    path.write_bytes(header + directory + data)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m dubao.gui.app_icon ICON_THEME_ROOT", file=sys.stderr)
        return 2
    for path in write_hicolor_theme(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
