"""`dubao split FILE [--json]`: show how an issue file splits into articles.

FILE is a text file of an issue, a page PDF, a multi-page PDF (the pages of one issue), a folder of page
PDFs, a saved web page (.html/.htm) or a folder of one issue's saved pages. Without `--json`: a readable
outline (articles, headlines, bylines, paragraph counts). With `--json`: the issue as JSON
(`dubao.core.split.issue_to_json`), offsets in code points, half-open; for PDFs every block and page item also
has `page` (1-based) and `bbox` ([x0, y0, x1, y1] in PDF points, top-left origin), and `ocr_confidence`
(0..1) when the page was read by OCR. A file that cannot be read
(empty, binary, undecodable, an encrypted, damaged or image-only PDF, a page with no article …) is one line on
stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys

from dubao.cli.common import CliError, print_json

# a text this long (in characters) takes the splitter some seconds (about 2–3 µs a character): it says so first
LONG_TEXT = 1_000_000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "split",
        help="split an issue file (text, page PDF or folder of page PDFs) into articles and print an outline",
        description="Split a raw issue text file, a page PDF or a folder of page PDFs into articles, headlines, "
                    "bylines and paragraphs.",
    )
    parser.add_argument("file", help="the issue's text file (UTF-8, GB18030/GBK or UTF-16), a page PDF, a folder "
                                     "of page PDFs, a saved web page (.html/.htm) or a folder of one issue's pages")
    parser.add_argument("--json", action="store_true", help="print the split issue as JSON")
    parser.set_defaults(handler=run)


def _position(row: dict, part) -> None:
    row["page"], row["bbox"] = part.page, list(part.bbox) if part.bbox else None
    if part.ocr_confidence is not None:  # read by OCR
        row["ocr_confidence"] = part.ocr_confidence


def _with_positions(data: dict, issue) -> dict:
    """Add page and bbox (and the OCR confidence) to the JSON of an issue laid out from PDF pages."""
    for item, row in zip(issue.page_items, data["page_items"]):
        _position(row, item)
    for article, row in zip(issue.articles, data["articles"]):
        for block, block_row in zip(article.blocks, row["blocks"]):
            _position(block_row, block)
    return data


def run(args: argparse.Namespace) -> int:
    from dubao.core.errors import IngestError
    from dubao.core.ingest.decode import decode_file, source_info
    from dubao.core.pipeline import is_pdf_input, split_pdf_issue
    from dubao.core.split import issue_to_json, outline, split_issue

    from dubao.core.pipeline import is_web_source, read_issue

    try:
        if is_web_source(args.file):  # a saved web page, or a folder of one issue's pages
            issue = read_issue(args.file)[0]
        elif is_pdf_input(args.file):
            _, issue = split_pdf_issue(args.file)
        else:
            decoded = decode_file(args.file)
            if len(decoded.text) >= LONG_TEXT:
                print(f"splitting {len(decoded.text) / 1e6:.1f} M characters into articles …", file=sys.stderr,
                      flush=True)
            issue = split_issue(decoded.text, source_info(decoded))
    except IngestError as error:
        raise CliError(str(error), 2) from None
    if args.json:
        print_json(_with_positions(issue_to_json(issue), issue))
    else:
        sys.stdout.write(outline(issue))
    return 0
