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

RENDER_SCALE = 2.0  # pixels per point: 144 dpi, enough for 8-point newspaper text
_ENGINE = None


def ocr_available() -> bool:
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def _engine():
    global _ENGINE
    if _ENGINE is None:
        from rapidocr_onnxruntime import RapidOCR

        _ENGINE = RapidOCR()
    return _ENGINE


def _line_chars(points, text: str, score: float) -> list[PdfChar]:
    """One OCR line → characters in points. A line taller than wide with several characters is 竖排."""
    xs = [x / RENDER_SCALE for x, _ in points]
    ys = [y / RENDER_SCALE for _, y in points]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    text = "".join(text.split())
    if not text:
        return []
    vertical = len(text) > 1 and (y1 - y0) > 1.5 * (x1 - x0)
    chars = []
    step = ((y1 - y0) if vertical else (x1 - x0)) / len(text)
    size = (x1 - x0) if vertical else (y1 - y0) * 0.85
    for index, char in enumerate(text):
        if vertical:
            box = (x0, y0 + index * step, x1, y0 + (index + 1) * step)
        else:
            box = (x0 + index * step, y0, x0 + (index + 1) * step, y1)
        chars.append(PdfChar(char, box, round(size, 2), "OCR", False, round(float(score), 3)))
    return chars


def ocr_page_chars(pdf: bytes, index: int, label: str) -> list[PdfChar]:
    """The characters of page `index` (0-based) of `pdf`, read by OCR."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[index].render(scale=RENDER_SCALE).to_numpy()
    finally:
        document.close()
    try:
        found, _ = _engine()(image)
    except Exception as error:  # the OCR package is optional and outside our tests: say what failed
        raise IngestError(f"{label}: OCR failed ({error})") from error
    chars: list[PdfChar] = []
    for points, text, score in found or ():
        chars.extend(_line_chars(points, text, score))
    return chars
