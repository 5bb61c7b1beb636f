"""packaging/check_screenshot.py (run by smoke-test-deb on the installed app) reads Qt's PNGs correctly and tells
real Chinese glyphs from rows of empty boxes."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("check_screenshot", REPO / "packaging" / "check_screenshot.py")
check_screenshot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_screenshot)


@pytest.fixture(scope="module")
def qt_gui():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _noisy_image(image_format: QImage.Format) -> QImage:
    # Gradients plus noise make Qt's PNG writer use every row filter (sub, up, average, Paeth).
    rng = random.Random(7)
    image = QImage(97, 61, image_format)
    for y in range(image.height()):
        for x in range(image.width()):
            image.setPixelColor(x, y, QColor((x * 3 + rng.randrange(40)) % 256, (y * 4) % 256,
                                             rng.randrange(256), 255 if x % 5 else 128))
    return image


@pytest.mark.parametrize("image_format", [QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32])
def test_png_reader_agrees_with_qt(qt_gui, tmp_path, image_format):
    image = _noisy_image(image_format)
    path = tmp_path / "noisy.png"
    assert image.save(str(path))
    picture = check_screenshot.read_png(path)
    decoded = QImage(str(path))
    assert (picture.width, picture.height) == (decoded.width(), decoded.height())
    for y in range(0, picture.height, 7):
        for x in range(0, picture.width, 5):
            colour = decoded.pixelColor(x, y)
            expected = (299 * colour.red() + 587 * colour.green() + 114 * colour.blue()) // 1000
            assert picture.grey[y * picture.width + x] == expected, (x, y)


def _page(tmp_path: Path, name: str, draw) -> Path:
    image = QImage(820, 520, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setPen(Qt.GlobalColor.black)
    draw(painter)
    painter.end()
    path = tmp_path / name
    image.save(str(path))
    return path


def _boxes(painter: QPainter) -> None:
    for row in range(19):
        for column in range(37):
            painter.drawRect(QRect(20 + column * 21, 20 + row * 25, 16, 19))  # what missing glyphs look like


def test_rows_of_empty_boxes_fail_and_an_empty_page_is_blank(qt_gui, tmp_path):
    boxes = _page(tmp_path, "boxes.png", _boxes)
    results = check_screenshot.check(boxes, boxes)
    assert results[0][0]  # the size is fine
    assert not results[2][0] and not results[3][0]
    blank = _page(tmp_path, "blank.png", lambda painter: None)
    assert not check_screenshot.check(blank, None)[1][0]
    assert check_screenshot.main([str(boxes)]) == 1


def test_chinese_text_passes_against_boxes(qt_gui, tmp_path, sample_text):
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if not families:
        pytest.skip("no CJK font installed")
    font = QFont(families[0])
    font.setPixelSize(18)

    def chinese(painter: QPainter) -> None:
        painter.setFont(font)
        painter.drawText(QRect(20, 20, 780, 480), Qt.TextFlag.TextWordWrap, sample_text[:1000])

    text = _page(tmp_path, "text.png", chinese)
    boxes = _page(tmp_path, "boxes.png", _boxes)
    results = check_screenshot.check(text, boxes)
    assert all(passed for passed, _message in results), results
    assert check_screenshot.main([str(text), "--without-cjk", str(boxes)]) == 0
