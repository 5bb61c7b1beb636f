"""Reading a page whose text layer is missing (a scan) or unreadable (mojibake) by OCR — optional.

When the optional package `rapidocr_onnxruntime` (Apache-2.0; its PP-OCR models ship inside it and run on
the onnxruntime Dubao already uses) is installed, the page is rendered with pdfium and read; each line it
finds becomes positioned characters, spread evenly over the line's box, carrying the line's confidence, so
the layout analysis reads an OCR page exactly like a text layer and every block keeps `ocr_confidence`.
Without the package, `pdf_files` refuses such a page with one line that says how to add it.
"""

from __future__ import annotations

import importlib.util

from dubao.core.errors import IngestError
from dubao.core.ingest.pdf import PdfChar
from dubao.core.models import BBox

RENDER_SCALE = 2.0  # pixels per point: 144 dpi, enough for 8-point newspaper text
MAX_SIDE = 2000  # pixels: the OCR engine shrinks larger pictures anyway
_ENGINE = None


def ocr_available() -> bool:
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def _engine():
    global _ENGINE
    if _ENGINE is None:
        from rapidocr_onnxruntime import RapidOCR

        _ENGINE = RapidOCR()
    return _ENGINE


def _box(points, scale: float) -> BBox:
    xs = [x / scale for x, _ in points]
    ys = [y / scale for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _spread(box: BBox, text: str, vertical: bool) -> list[BBox]:
    """Boxes for the characters of `text`, spread evenly over `box`."""
    x0, y0, x1, y1 = box
    step = ((y1 - y0) if vertical else (x1 - x0)) / len(text)
    if vertical:
        return [(x0, y0 + i * step, x1, y0 + (i + 1) * step) for i in range(len(text))]
    return [(x0 + i * step, y0, x0 + (i + 1) * step, y1) for i in range(len(text))]


def line_chars(found: list, scale: float) -> list[PdfChar]:
    """One OCR result line → characters in points. With the engine's word boxes (one per Han character,
    one per Latin word) each character sits where it was read, so a line the engine ran across a column
    gutter is split again by the layout; without them the characters are spread over the line's box."""
    points, text, score = found[0], found[1], found[2]
    line = _box(points, scale)
    x0, y0, x1, y1 = line
    vertical = len(text.strip()) > 1 and (y1 - y0) > 1.5 * (x1 - x0)
    size = round(((x1 - x0) if vertical else (y1 - y0)) * 0.85, 2)
    words = found[3:6] if len(found) >= 6 and found[3] else None
    placed: list[tuple[str, BBox, float]] = []
    if words is not None and len(words[0]) == len(words[1]):
        for word_points, word, word_score in zip(*words):
            word = "".join(word.split())
            if word:
                box = _box(word_points, scale)
                placed += [(char, char_box, word_score) for char, char_box in zip(word, _spread(box, word, vertical))]
    else:
        text = "".join(text.split())
        placed = [(char, box, score) for char, box in zip(text, _spread(line, text, vertical))] if text else []
    return [PdfChar(char, (box[0], y0, box[2], y1) if not vertical else (x0, box[1], x1, box[3]), size, "OCR",
                    False, round(float(char_score), 3)) for char, box, char_score in placed]


def ocr_page_chars(pdf: bytes, index: int, label: str) -> list[PdfChar]:
    """The characters of page `index` (0-based) of `pdf`, read by OCR."""
    import pypdfium2

    from dubao.core.ingest.pdf import PDFIUM_LOCK

    with PDFIUM_LOCK:  # only the rendering: OCR itself runs without PDFium
        document = pypdfium2.PdfDocument(pdf)
        try:
            page = document[index]
            scale = min(RENDER_SCALE, MAX_SIDE / max(page.get_size()))
            image = page.render(scale=scale).to_numpy()
        finally:
            document.close()
    try:
        found, _ = _engine()(image, use_cls=False, return_word_box=True)
    except Exception as error:  # the OCR package is optional and outside our tests: say what failed
        raise IngestError(f"{label}: OCR failed ({error})") from error
    chars: list[PdfChar] = []
    for line in found or ():
        chars.extend(line_chars(line, scale))
    return chars
