"""Split accuracy: are the article boundaries and headlines right, per raw text form?

    python -m benchmarks.split_accuracy [--data ../shared/data/epaper_pdf_dev] [--show]

Scores `split_issue` against two kinds of truth and prints one table:
  * the dev e-paper pages (`*.truth.json` whose `source.text_form` names a text file beside it, e.g.
    `X.pdftotext.truth.json` for `X.pdftotext.txt`): `start` is the code-point offset of the first line that
    holds any of the article's text;
  * the pages in tests/fixtures/split/ that have a `NAME.truth.json` beside `NAME.txt`: each article gives
    `first_line` (how that line begins) and `headline`. Their form is the truth file's `form`.

An article boundary is right when a found article's first source line (the line of its earliest source
span) is the truth's first line. Precision = right / found, recall = right / truth. A headline is right when
the article at a right boundary has the truth's headline, ignoring white space (pdftotext and stream order
keep or drop the gap between the two halves of a headline); it is counted over all truth articles.
`--show` prints, per page, what was missed and what was found where nothing starts.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from dubao.core.ingest.decode import decode_bytes
from dubao.core.split import split_issue

FIXTURES = REPO / "tests" / "fixtures" / "split"
DEV_DATA = REPO.parent / "shared" / "data" / "epaper_pdf_dev"
_SPACE = re.compile(r"\s+")


@dataclass
class Page:
    name: str
    form: str
    text: str
    truth: list[tuple[int, str]]  # (start offset, headline) per article


@dataclass
class Score:
    found: int = 0
    truth: int = 0
    right: int = 0
    headlines: int = 0
    pages: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.found += other.found
        self.truth += other.truth
        self.right += other.right
        self.headlines += other.headlines
        self.pages += other.pages

    def row(self, label: str) -> str:
        precision = self.right / self.found if self.found else 0.0
        recall = self.right / self.truth if self.truth else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        headline = self.headlines / self.truth if self.truth else 0.0
        return (f"{label:<34} {self.pages:>5} {self.truth:>6} {self.found:>6} "
                f"{precision:>6.2f} {recall:>6.2f} {f1:>6.2f} {headline:>9.2f}")


def _read(path: Path) -> str:
    return decode_bytes(path.read_bytes()).text


def dev_pages(folder: Path) -> list[Page]:
    pages = []
    for truth_path in sorted(folder.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        form = truth.get("source", {}).get("text_form")
        text_path = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt"))
        if not form or not text_path.exists():
            continue  # the PDF's own truth (positions in points), not a text form
        articles = [(article["start"], article["headline"]) for article in truth["articles"]]
        pages.append(Page(text_path.name, form, _read(text_path), articles))
    return pages


def _line_starting(text: str, prefix: str) -> int:
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip().startswith(prefix):
            return match.start()
    raise SystemExit(f"truth names a first line that is not in the page: {prefix!r}")


def fixture_pages(folder: Path) -> list[Page]:
    pages = []
    for truth_path in sorted(folder.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        text_path = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt"))
        text = _read(text_path)
        articles = [(_line_starting(text, a["first_line"]), a["headline"]) for a in truth["articles"]]
        pages.append(Page(text_path.name, "fixture: " + truth.get("form", "text"), text, articles))
    return pages


def score_page(page: Page) -> Score:
    text = page.text
    line_starts = [0] + [match.end() for match in re.finditer(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(line_starts, offset) - 1

    issue = split_issue(text)
    found: dict[int, str] = {}
    for article in issue.articles:
        spans = [span for block in article.blocks for span in block.source_spans]
        if spans:
            found.setdefault(line_of(min(start for start, _ in spans)), article.headline)
    score = Score(found=len(issue.articles), truth=len(page.truth), pages=1)
    truth_lines = set()
    for start, headline in page.truth:
        line = line_of(start)
        truth_lines.add(line)
        if line not in found:
            score.notes.append(f"  missed  line {line + 1:>4}: {headline}")
            continue
        score.right += 1
        if _SPACE.sub("", found[line]) == _SPACE.sub("", headline):
            score.headlines += 1
        else:
            score.notes.append(f"  title   line {line + 1:>4}: {found[line]!r} should be {headline!r}")
    for line, headline in sorted(found.items()):
        if line not in truth_lines:
            score.notes.append(f"  extra   line {line + 1:>4}: {headline!r}")
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEV_DATA, help="folder of dev pages with *.truth.json")
    parser.add_argument("--show", action="store_true", help="list the misses and extras of every page")
    args = parser.parse_args()

    pages = (dev_pages(args.data) if args.data.is_dir() else []) + fixture_pages(FIXTURES)
    by_form: dict[str, Score] = defaultdict(Score)
    total = Score()
    for page in pages:
        score = score_page(page)
        by_form[page.form].add(score)
        total.add(score)
        if args.show:
            print(f"{page.name} ({page.form}): {score.right}/{score.truth} right, {score.found} found")
            print("\n".join(score.notes) or "  all right")
    if args.show:
        print()
    print(f"{'form':<34} {'pages':>5} {'truth':>6} {'found':>6} {'prec':>6} {'recall':>6} {'F1':>6} {'headline':>9}")
    for form in sorted(by_form):
        print(by_form[form].row(form))
    print(total.row("all"))


if __name__ == "__main__":
    main()
