"""Web pages: seconds per saved article page read into an issue, against reading the same issue from text.

    python -m benchmarks.web_pages [--copies 10] [--runs 5]

The pages are written here from the bundled sample's articles, in the markup of an e-paper article page, each
with the weight real saved pages carry around the article (navigation lists, scripts, a footer: about 40 KB).
Prints, for the same articles in the same run: reading them from the text file (decode + split), reading the
saved pages (decode + parse + compose the issue), the content fingerprint of the issue, and how many articles
came back with the same headline and paragraphs as the text gave.
"""

from __future__ import annotations

import argparse
import html
import tempfile
from pathlib import Path

from benchmarks.split_speed import median_seconds
from dubao.core.library.content_hash import content_hash
from dubao.core.paths import sample_issue
from dubao.core.pipeline import read_issue

_NAVIGATION = "".join(f"<li><a href='node_{n:02d}.htm'>第{n:02d}版：要闻</a></li>" for n in range(1, 41))
_SCRIPT = "<script>var config = {" + ", ".join(f"k{n}: '{n}'" for n in range(1500)) + "};</script>"


def write_pages(issue, folder: Path, copies: int) -> int:
    count = 0
    for copy in range(copies):
        for article in issue.articles:
            count += 1
            paragraphs = "".join(f"<p>　　{html.escape(b.text)}</p>" for b in article.blocks
                                 if b.kind in ("paragraph", "heading"))
            (folder / f"nw.D140000llrb_20230218_{count}-01.htm").write_text(
                f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(article.headline)}</title>"
                f"{_SCRIPT}</head><body><div class='nav'><ul>{_NAVIGATION}</ul></div><div class='article'>"
                f"<h1>{html.escape(article.headline)}</h1><div id='ozoom'>{paragraphs}</div></div>"
                f"<div class='footer'>{_NAVIGATION}</div></body></html>", encoding="utf-8")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="pages per sample article")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text_issue, _ = read_issue(sample_issue())
    with tempfile.TemporaryDirectory() as folder:
        pages = write_pages(text_issue, Path(folder), args.copies)
        size = sum(path.stat().st_size for path in Path(folder).iterdir()) / pages
        read_issue(folder)  # warm up: imports, regex compilation
        text_seconds = median_seconds(lambda: read_issue(sample_issue()), args.runs)
        web_seconds = median_seconds(lambda: read_issue(folder), args.runs)
        web_issue, _ = read_issue(folder)
    hash_seconds = median_seconds(lambda: content_hash(web_issue), args.runs)
    expected = {(a.headline, tuple(b.text for b in a.blocks if b.kind in ("paragraph", "heading")))
                for a in text_issue.articles}
    same = sum(1 for a in web_issue.articles
               if (a.headline, tuple(b.text for b in a.blocks if b.kind == "paragraph")) in expected)
    articles = len(text_issue.articles)
    print(f"baseline, the sample from text (decode + split): {text_seconds * 1000:.1f} ms for {articles} articles "
          f"= {text_seconds / articles * 1000:.2f} ms per article")
    print(f"saved web pages ({pages} pages of {size / 1024:.0f} KB): {web_seconds:.3f} s "
          f"= {web_seconds / pages * 1000:.2f} ms per page")
    print(f"content fingerprint of the {pages}-article issue: {hash_seconds * 1000:.2f} ms")
    print(f"articles read back with the text's headline and paragraphs: {same} of {pages}")


if __name__ == "__main__":
    main()
