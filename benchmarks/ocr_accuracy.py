"""OCR of a scanned page: seconds per page and character error rate, Dubao's reader beside the stock engine.

    python -m benchmarks.ocr_accuracy [--scale 3.0]

The page is a scan of the fixture sample page (tests/core/ingest/pdf_fixtures.py; only its picture, 216 dpi
by default), so its true text is the original's text layer. Two readers of the same picture, same run:
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

from dubao.core.ingest.pdf import PdfChar, read_pdf
from dubao.core.ingest.pdf_lines import page_lines


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=3.0, help="the scan's pixels per point (3.0 = 216 dpi)")
    args = parser.parse_args()
    from tests.core.ingest.pdf_fixtures import sample_page, scan_of

    page = sample_page()
    truth = read_pdf(page.pdf).pages[0].chars
    scan = scan_of(page.pdf, scale=args.scale)
    true_count = sum(not c.text.isspace() for c in truth)
    print(f"scan of fixture sample_page at {72 * args.scale:.0f} dpi: {true_count} true characters")
    for name, reader in (("baseline (stock engine)", stock_reader(scan)), ("dubao (pdf_ocr)", dubao_reader(scan))):
        chars, wall, cpu = timed(reader)
        print(f"  {name:24} seconds per page {wall:6.2f}  CPU seconds {cpu:6.2f}  characters read {len(chars):5}  "
              f"CER {char_error_rate(truth, chars):.4f}", flush=True)


if __name__ == "__main__":
    main()
