"""Reading a page whose text layer is missing (a scan) or unreadable (mojibake) by OCR — optional.

When the optional package `rapidocr_onnxruntime` (Apache-2.0; its PP-OCR models ship inside it and run on
the onnxruntime Dubao already uses) is installed, the page is rendered with pdfium and read; each line it
finds becomes positioned characters, spread evenly over the line's box, carrying the line's confidence, so
the layout analysis reads an OCR page exactly like a text layer and every block keeps `ocr_confidence`.
Without the package, `pdf_files` refuses such a page with one line that says how to add it.

Speed: recognition is nearly all of the time (about 0.1 CPU-ms per pixel of line width at the model's 48-pixel
height, so a page costs in proportion to the text on it). One engine serves every page; each onnxruntime
session runs one thread (several threads per run spin and stall on a busy machine and gain little), and the
page's lines are recognised in groups of about equal width on one thread per core: onnxruntime releases the
GIL, so the groups run at once.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from dubao.core.errors import IngestError
from dubao.core.ingest.pdf import PdfChar
from dubao.core.models import BBox

RENDER_SCALE = 2.0  # pixels per point: 144 dpi, enough for 8-point newspaper text
MAX_SIDE = 2000  # pixels: the OCR engine shrinks larger pictures anyway
LINE_SQUEEZE = 0.6  # line pictures go to the recogniser this much narrower: see squeezed_line
MAX_WORKERS = 4  # recognition threads at most: beyond this the page's few hundred lines gain nothing
_ENGINE = None
_ENGINE_LOCK = threading.Lock()


def ocr_available() -> bool:
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def recognition_workers() -> int:
    """Threads for recognition: the cores this process may use, at most MAX_WORKERS."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def balanced_groups(widths: list[float], count: int) -> list[list[int]]:
    """The indices of `widths` in at most `count` groups of about equal total width (widest first, each
    to the lightest group), each group in its original order: recognition time grows with line width."""
    groups: list[list[int]] = [[] for _ in range(max(1, min(count, len(widths))))]
    loads = [0.0] * len(groups)
    for index in sorted(range(len(widths)), key=lambda i: -widths[i]):
        lightest = loads.index(min(loads))
        groups[lightest].append(index)
        loads[lightest] += widths[index]
    return [sorted(group) for group in groups if group]


def squeezed_line(picture, max_wh_ratio: float, shape=(3, 48, 320), squeeze: float = LINE_SQUEEZE):
    """A line picture as the recogniser's input (channels × 48 × width, -1..1, blank to the batch's widest
    line), narrowed by `squeeze`. The engine's own resizing keeps the aspect ratio, so a Han character
    becomes ~42 pixels wide, and the recogniser's time grows with width; at 0.6 of that width it reads
    as well or better (measured: benchmarks.ocr_accuracy) in 0.6 of the time. The word boxes stay right:
    the line and the batch width are narrowed alike, and they are computed from shares of the width."""
    import cv2
    import numpy as np

    channels, height, _ = shape
    width = max(1, int(height * max_wh_ratio * squeeze))
    rows, columns = picture.shape[:2]
    drawn = min(width, max(1, int(np.ceil(height * columns / rows * squeeze))))
    line = cv2.resize(picture, (drawn, height)).astype(np.float32).transpose((2, 0, 1)) / 127.5 - 1.0
    batch = np.zeros((channels, height, width), dtype=np.float32)
    batch[:, :, :drawn] = line
    return batch


class ParallelRecognizer:
    """Stands in for the engine's text recogniser: the same call, the line pictures shared out over threads."""

    def __init__(self, recognizer, workers: int):
        self.recognizer = recognizer
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="dubao-ocr") if workers > 1 else None
        self.workers = workers

    def __call__(self, pictures, return_word_box: bool = False):
        if self.pool is None or len(pictures) < 2:
            return self.recognizer(pictures, return_word_box)
        groups = balanced_groups([p.shape[1] / max(1, p.shape[0]) for p in pictures], self.workers)
        runs = [self.pool.submit(self.recognizer, [pictures[i] for i in group], return_word_box) for group in groups]
        results: list = [None] * len(pictures)
        elapsed = 0.0
        for group, run in zip(groups, runs):
            found, seconds = run.result()
            elapsed = max(elapsed, seconds)
            for index, result in zip(group, found):
                results[index] = result
        return results, elapsed


def _engine():
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            from rapidocr_onnxruntime import RapidOCR

            engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
            recognizer = engine.text_rec
            recognizer.resize_norm_img = lambda picture, ratio: squeezed_line(picture, ratio,
                                                                              recognizer.rec_image_shape)
            engine.text_rec = ParallelRecognizer(recognizer, recognition_workers())
            _ENGINE = engine
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


def render_page(pdf: bytes, index: int):
    """Page `index` (0-based) of `pdf` as a picture for OCR, and its pixels per point."""
    import pypdfium2

    from dubao.core.ingest.pdf import PDFIUM_LOCK

    with PDFIUM_LOCK:  # only the rendering: OCR itself runs without PDFium
        document = pypdfium2.PdfDocument(pdf)
        try:
            page = document[index]
            scale = min(RENDER_SCALE, MAX_SIDE / max(page.get_size()))
            return page.render(scale=scale).to_numpy(), scale
        finally:
            document.close()


def ocr_page_chars(pdf: bytes, index: int, label: str) -> list[PdfChar]:
    """The characters of page `index` (0-based) of `pdf`, read by OCR."""
    image, scale = render_page(pdf, index)
    return read_picture(image, scale, label)


def read_picture(image, scale: float, label: str) -> list[PdfChar]:
    """The characters on a rendered page picture of `scale` pixels per point, in points."""
    try:
        found, _ = _engine()(image, use_cls=False, return_word_box=True)
    except Exception as error:  # the OCR package is optional and outside our tests: say what failed
        raise IngestError(f"{label}: OCR failed ({error})") from error
    chars: list[PdfChar] = []
    for line in found or ():
        chars.extend(line_chars(line, scale))
    return chars
