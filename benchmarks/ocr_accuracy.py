"""OCR of a scanned page: seconds per page and character error rate, Dubao's reader beside the stock engine.

    python -m benchmarks.ocr_accuracy [--scale 3.0] [--data ../shared/data/epaper_pdf_dev]

The pages are scans (only their picture, 216 dpi by default) of the fixture sample page
(tests/core/ingest/pdf_fixtures.py) and, when the dev data is there, of the dev page of a real paper
(../shared/data/epaper_pdf_dev), so their true text is the original's text layer. Two readers of the same picture, same run:
  baseline  the stock engine as Dubao first used it: RapidOCR() with its defaults (every core, angle
            classifier loaded), called without the classifier, with word boxes
  dubao     pdf_ocr.ocr_page_chars, what the import uses now
For each: wall seconds and CPU seconds (all threads) for the page, lines found, and the character error rate:
each true line (from the text layer) against the OCR characters whose centre falls inside it, left to right
(edit distance / true characters); characters read outside every true line count as insertions.
Needs the optional OCR extra and reportlab (a test dependency).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dubao.core.ingest.pdf import PdfChar, read_pdf
from dubao.core.ingest.pdf_lines import page_lines

DEV_PAGE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "epaper_pdf_dev" / "gsfzb_2024-08-09_p08.pdf"


def edit_distance(first: str, second: str) -> int:
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def char_error_rate(truth: list[PdfChar], read: list[PdfChar]) -> float:
    """Edit distance of the OCR text to the true text, line by line, over the number of true characters."""
    lines = [line for line in page_lines([c for c in truth if not c.text.isspace()])]
    found: list[list[PdfChar]] = [[] for _ in lines]
    stray = 0
    for char in read:
        if char.text.isspace():
            continue
        x = (char.bbox[0] + char.bbox[2]) / 2
        y = (char.bbox[1] + char.bbox[3]) / 2
        at = next((i for i, line in enumerate(lines)
                   if line.bbox[0] - 1 <= x <= line.bbox[2] + 1 and line.bbox[1] - 1 <= y <= line.bbox[3] + 1), None)
        if at is None:
            stray += 1
        else:
            found[at].append(char)
    errors = stray
    total = 0
    for line, chars in zip(lines, found):
        true_text = "".join(c.text for c in line.chars)
        key = (lambda c: c.bbox[1]) if line.vertical else (lambda c: c.bbox[0])
        errors += edit_distance(true_text, "".join(c.text for c in sorted(chars, key=key)))
        total += len(true_text)
    return errors / total if total else 0.0


def timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def stock_reader(scan: bytes):
    """The first OCR path: the stock engine, made once, over the same rendered picture."""
    from rapidocr_onnxruntime import RapidOCR

    from dubao.core.ingest import pdf_ocr

    engine = RapidOCR()
    image, scale = pdf_ocr.render_page(scan, 0)
    engine(image[:200, :200], use_cls=False)  # warm up, as a long-lived engine would be

    def read() -> list[PdfChar]:
        found, _ = engine(image, use_cls=False, return_word_box=True)
        return [char for line in found or () for char in pdf_ocr.line_chars(line, scale)]
    return read


def dubao_reader(scan: bytes):
    from dubao.core.ingest import pdf_ocr

    image, scale = pdf_ocr.render_page(scan, 0)
    pdf_ocr.read_picture(image[:200, :200], scale, "warm-up")
    return lambda: pdf_ocr.ocr_page_chars(scan, 0, "scan")


def compare(name: str, original: bytes, scale: float) -> None:
    from tests.core.ingest.pdf_fixtures import scan_of

    truth = read_pdf(original).pages[0].chars
    scan = scan_of(original, scale=scale)
    true_count = sum(not c.text.isspace() for c in truth)
    print(f"scan of {name} at {72 * scale:.0f} dpi: {true_count} true characters")
    for reader_name, reader in (("baseline (stock engine)", stock_reader(scan)), ("dubao (pdf_ocr)", dubao_reader(scan))):
        chars, wall, cpu = timed(reader)
        print(f"  {reader_name:24} seconds per page {wall:6.2f}  CPU seconds {cpu:6.2f}  characters read "
              f"{len(chars):5}  CER {char_error_rate(truth, chars):.4f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=3.0, help="the scan's pixels per point (3.0 = 216 dpi)")
    parser.add_argument("--data", type=Path, default=DEV_PAGE.parent)
    args = parser.parse_args()
    from tests.core.ingest.pdf_fixtures import sample_page

    compare("fixture sample_page", sample_page().pdf, args.scale)
    dev_page = args.data / DEV_PAGE.name
    if dev_page.exists():
        compare(f"dev page {dev_page.stem}", dev_page.read_bytes(), args.scale)
    else:
        print(f"(no dev page at {dev_page})")


if __name__ == "__main__":
    main()
