"""`dubao split FILE [--json]`: show how an issue file splits into articles.

Without `--json`: a readable outline (articles, headlines, bylines, paragraph counts).
With `--json`: the issue as JSON (`dubao.core.split.issue_to_json`), offsets in code points, half-open.
A saved web page (.html/.htm), or a folder of one issue's saved pages, is read as web pages (core/ingest/html_*).
A file that cannot be read (empty, binary, undecodable, > 50 MB) is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys

from dubao.cli.common import CliError, print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "split",
        help="split an issue file into articles and print an outline (or JSON)",
        description="Split a raw issue text file into articles, headlines, bylines and paragraphs.",
    )
    parser.add_argument("file", help="the issue's text file (UTF-8, GB18030/GBK or UTF-16), a saved web page "
                                     "(.html/.htm) or a folder of one issue's saved web pages")
    parser.add_argument("--json", action="store_true", help="print the split issue as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from dubao.core.ingest.decode import IngestError, decode_file, source_info
    from dubao.core.split import issue_to_json, outline, split_issue

    from dubao.core.pipeline import is_web_source, read_issue

    try:
        if is_web_source(args.file):  # a saved web page, or a folder of one issue's pages
            issue = read_issue(args.file)[0]
        else:
            decoded = decode_file(args.file)
            issue = split_issue(decoded.text, source_info(decoded))
    except IngestError as error:
        raise CliError(str(error), 2) from None
    if args.json:
        print_json(issue_to_json(issue))
    else:
        sys.stdout.write(outline(issue))
    return 0
