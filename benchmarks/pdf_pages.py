"""Page PDFs: seconds per page and article-level accuracy of the layout analysis.

    python -m benchmarks.pdf_pages [--runs 5] [--data ../shared/data/epaper_pdf_dev] [--ocr]

Speed: the median time to read a page PDF and lay it out into an issue (`pipeline.split_pdf_issue`), beside
a baseline measured in the same run: pdfium's own plain text extraction of the same page (no positions, no
layout). Accuracy, against the dev page's truth.json (see its README) and against the fixture page the tests
lay out from the sample issue (needs reportlab, a test dependency):
  headlines   share of true headlines found as an article's headline (spaces ignored)
  boundaries  precision / recall / F1 of articles: a found article is right when it holds exactly one true
              article's first paragraph and is that article (same headline, or its caption for a news photo);
              for OCR text a lead counts as held with four in five of its character pairs, a headline as the
              same with one character in five misread
  order       share of matched articles in the true reading order (longest increasing run)
  paragraphs  share of matched articles whose paragraph + heading count is within one of the truth
With --ocr (needs the optional rapidocr_onnxruntime): the same for a scan of the fixture page (its picture
only, 216 dpi), read by OCR: seconds per page and accuracy; then its character error rate and seconds per
page beside the stock OCR engine, same run (benchmarks.ocr_accuracy, which also scans the dev page).
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from benchmarks.split_speed import median_seconds
from dubao.core.pipeline import split_pdf_issue

DEV = REPO.parent / "shared" / "data" / "epaper_pdf_dev"


def squash(text: str | None) -> str:
    return "".join((text or "").split())


def plain_text(path: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(path.read_bytes())
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _longest_increasing(values: list[int]) -> int:
    tails: list[int] = []
    for value in values:
        at = bisect.bisect_left(tails, value)
        tails[at:at + 1] = [value]
    return len(tails)


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _held(lead: str, text: str, pairs: set[str]) -> bool:
    """Does the article text hold this lead? Exactly, or — for text read by OCR, with the odd character
    misread — four in five of its character pairs."""
    if lead in text:
        return True
    lead_pairs = _pairs(lead)
    return bool(lead_pairs) and len(lead_pairs & pairs) >= 0.8 * len(lead_pairs)


def _similar(found: str, true: str) -> bool:
    """The same headline, allowing one misread character in five (OCR)."""
    return found == true or difflib.SequenceMatcher(None, found, true).ratio() >= 0.8


def score(issue, truth: list[dict]) -> dict[str, float]:
    """Article-level scores of an issue against truth articles (headline, first_paragraph, n_paragraphs)."""
    found = [(squash(a.headline), squash(a.text), a) for a in issue.articles]
    leads = [squash(t.get("first_paragraph"))[:40] for t in truth]
    matched: dict[int, int] = {}  # found index -> truth index
    for f_index, (headline, text, _) in enumerate(found):
        pairs = _pairs(text)
        holds = [t for t, lead in enumerate(leads) if lead and _held(lead, text, pairs)]
        if len(holds) != 1:
            continue
        t = holds[0]
        title = squash(truth[t]["headline"])
        if _similar(headline, title) or title in text[:80]:
            matched[f_index] = t
    headlines = {headline for headline, _, _ in found}
    hits = sum(squash(t["headline"]) in headlines for t in truth)
    precision = len(matched) / len(found) if found else 0.0
    recall = len(set(matched.values())) / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    order = [matched[i] for i in sorted(matched)]
    paragraphs = [
        abs(sum(b.kind in ("paragraph", "heading", "caption") for b in found[i][2].blocks)
            - truth[t].get("n_paragraphs", 0)) <= 1
        for i, t in matched.items() if "n_paragraphs" in truth[t]
    ]
    return {
        "headlines": hits / len(truth), "precision": precision, "recall": recall, "f1": f1,
        "order": _longest_increasing(order) / len(order) if order else 0.0,
        "paragraphs": sum(paragraphs) / len(paragraphs) if paragraphs else float("nan"),
        "found": len(found), "truth": len(truth),
    }


def report(name: str, path: Path, truth: list[dict], runs: int) -> None:
    cpu = time.process_time()
    _, issue = split_pdf_issue(path)
    cpu = time.process_time() - cpu  # all threads of this process: a figure a busy machine does not inflate
    layout = median_seconds(lambda: split_pdf_issue(path), runs)
    baseline = median_seconds(lambda: plain_text(path), runs)
    pages = len({block.page for article in issue.articles for block in article.blocks}) or 1
    figures = score(issue, truth)
    print(f"{name}: {pages} page(s), {figures['found']} articles found, {figures['truth']} true")
    print(f"  seconds per page  layout {layout / pages:.3f}  (baseline, pdfium plain text only: "
          f"{baseline / pages:.3f})  CPU seconds per page {cpu / pages:.3f}")
    print(f"  headlines {figures['headlines']:.2f}  boundaries P {figures['precision']:.2f} R {figures['recall']:.2f} "
          f"F1 {figures['f1']:.2f}  order {figures['order']:.2f}  paragraphs±1 {figures['paragraphs']:.2f}")


def fixture_truth(page) -> list[dict]:
    return [{"headline": entry["headline"], "first_paragraph": entry["first_paragraph"]} for entry in page.truth]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DEV)
    parser.add_argument("--ocr", action="store_true", help="also time OCR on a scan of the fixture page (slow)")
    args = parser.parse_args()
    dev_pdf = args.data / "gsfzb_2024-08-09_p08.pdf"
    if dev_pdf.exists():
        truth = json.loads(dev_pdf.with_name("gsfzb_2024-08-09_p08.truth.json").read_text(encoding="utf-8"))
        report("dev page gsfzb_2024-08-09_p08", dev_pdf, truth["articles"], args.runs)
    else:
        print(f"(no dev page at {dev_pdf})")
    try:
        from tests.core.ingest.pdf_fixtures import sample_page
    except ImportError:
        print("(fixture page skipped: reportlab is not installed; pip install -e '.[test]')")
        return
    from tests.core.ingest.pdf_fixtures import briefs_page

    with tempfile.TemporaryDirectory() as folder:
        for name, page in (("sample_page", sample_page()), ("briefs_page", briefs_page())):
            path = Path(folder) / f"{name}.pdf"
            path.write_bytes(page.pdf)
            report(f"fixture {name} (tests/core/ingest/pdf_fixtures.py)", path, fixture_truth(page), args.runs)
        if args.ocr:
            from tests.core.ingest.pdf_fixtures import scan_of

            page = sample_page()
            path = Path(folder) / "sample_page_scan.pdf"
            path.write_bytes(scan_of(page.pdf))
            report("OCR of a scan of fixture sample_page", path, fixture_truth(page), 1)
            from benchmarks.ocr_accuracy import compare

            compare("fixture sample_page", page.pdf, 3.0)


if __name__ == "__main__":
    main()
