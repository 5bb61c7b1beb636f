"""Reading a page whose text layer is missing (a scan) or unreadable (mojibake) by OCR — optional.

When the optional package `rapidocr_onnxruntime` (Apache-2.0; its PP-OCR models ship inside it and run on
the onnxruntime Dubao already uses) is installed, the page is rendered with pdfium and read; each line it
finds becomes positioned characters, spread evenly over the line's box, carrying the line's confidence, so
the layout analysis reads an OCR page exactly like a text layer and every block keeps `ocr_confidence`.
Without the package, `pdf_files` refuses such a page with one line that says how to add it.

Speed: recognition is nearly all of the time (about 0.1 CPU-ms per pixel of line width at the model's 48-pixel
height, so a page costs in proportion to the text on it). One engine serves every page; each onnxruntime
session runs one thread (several threads per run spin and stall on a busy machine and gain little), each
line is recognised alone (no padding to a batch's widest line), and the page's lines are shared out over one
thread per core, widest first: onnxruntime releases the GIL, so the lines run at once.
Measured on a real paper's page (450 lines): recognition 23 CPU-s, detection 3, word boxes 1. Tried and
left out: narrowing the line pictures (0.6 of the CPU, but more misreads on that page), larger box margins
(unclip 2.0: likewise), reading long lines in pieces (no measurable gain), two threads per detection run
(none), int8 weights for the matrix products (none; the convolutions would not quantise).
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


def widest_first(pictures) -> list[int]:
    """The order to hand out line pictures in: widest (slowest) first, so no thread is left with a long
    line at the end while the others wait."""
    return sorted(range(len(pictures)), key=lambda i: -pictures[i].shape[1] / max(1, pictures[i].shape[0]))


class ParallelRecognizer:
    """Stands in for the engine's text recogniser: the same call, each line picture a task for one of
    `workers` threads (the recogniser's time is all in onnxruntime, which releases the GIL)."""

    def __init__(self, recognizer, workers: int):
        self.recognizer = recognizer
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="dubao-ocr") if workers > 1 else None

    def __call__(self, pictures, return_word_box: bool = False):
        if self.pool is None or len(pictures) < 2:
            return self.recognizer(pictures, return_word_box)
        order = widest_first(pictures)
        runs = [self.pool.submit(self.recognizer, [pictures[i]], return_word_box) for i in order]
        results: list = [None] * len(pictures)
        elapsed = 0.0
        for index, run in zip(order, runs):
            (result,), seconds = run.result()
            results[index] = result
            elapsed += seconds
        return results, elapsed


def _engine():
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            from rapidocr_onnxruntime import RapidOCR

            # one line a run: a batch pads its lines to the widest, which costs time and changes what
            # the narrower lines read as (measured on a real page: CER 0.0119 in batches of 6, 0.0115 alone)
            engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, rec_batch_num=1)
            engine.text_rec = ParallelRecognizer(engine.text_rec, recognition_workers())
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
