"""Layout analysis of a printed page laid out from the sample issue (tests/core/ingest/pdf_fixtures.py):
the articles a reader sees, in reading order, with their kinds of blocks, and where each is printed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))
from pdf_fixtures import sample_page  # noqa: E402

from dubao.core.ingest.pdf import read_pdf  # noqa: E402
from dubao.core.split.page_layout import layout_issue  # noqa: E402

DEV_PDF = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "epaper_pdf_dev" / \
    "gsfzb_2024-08-09_p08.pdf"


@pytest.fixture(scope="module")
def page():
    return sample_page()


@pytest.fixture(scope="module")
def laid_out(page):
    return layout_issue(read_pdf(page.pdf).pages)


def test_every_article_is_found_in_reading_order(page, laid_out):
    _, issue = laid_out
    assert [article.headline for article in issue.articles] == [truth["headline"] for truth in page.truth]


def test_kicker_byline_and_vertical_headline_with_its_subheadline(page, laid_out):
    _, issue = laid_out
    lead, vertical = issue.articles[0], issue.articles[1]
    assert lead.kicker == page.truth[0]["kicker"] and lead.reporters == page.truth[0]["reporters"]
    assert [block.kind for block in lead.blocks[:3]] == ["kicker", "headline", "byline"]
    assert vertical.subheadline == page.truth[1]["subheadline"]
    assert [block.kind for block in vertical.blocks[:2]] == ["headline", "subheadline"]
    headline = vertical.blocks[0]
    x0, y0, x1, y1 = headline.bbox
    assert y1 - y0 > 5 * (x1 - x0)  # printed down the page


def test_a_photo_caption_and_credit_stay_with_their_article(page, laid_out):
    _, issue = laid_out
    photo = issue.articles[2]
    kinds = [block.kind for block in photo.blocks]
    assert "caption" in kinds and "credit" in kinds
    assert photo.photographers == page.truth[2]["photographers"]


def test_each_brief_in_a_box_is_an_article_of_its_own(page, laid_out):
    _, issue = laid_out
    briefs = [article for article, truth in zip(issue.articles, page.truth) if truth.get("brief")]
    assert len(briefs) == 3
    assert all(article.blocks[1].text.startswith("本报讯") for article in briefs)


def test_header_footer_ad_and_column_label_are_page_items(laid_out):
    _, issue = laid_out
    items = [(item.kind, item.text) for item in issue.page_items]
    assert any(kind == "header" and "2023年2月18日" in text for kind, text in items)
    assert any(kind == "footer" and "责任编辑" in text for kind, text in items)
    assert any(kind == "ad" and "热线" in text for kind, text in items)
    assert ("title", "简讯") in items
    assert not any("热线" in article.text or "责任编辑" in article.text for article in issue.articles)


def test_blocks_know_their_page_box_and_source(page, laid_out):
    text, issue = laid_out
    for article in issue.articles:
        for block in article.blocks:
            assert block.page == 1
            x0, y0, x1, y1 = block.bbox
            assert 0 <= x0 < x1 <= 842 and 0 <= y0 < y1 <= 1191
            assert "".join(text[start:end] for start, end in block.source_spans) == block.text
            assert article.text[block.start:block.end] == block.text
    for item in issue.page_items:
        assert item.page == 1 and item.bbox is not None
    # every block of the lead article lies in the part of the page it is printed on
    region = page.regions[issue.articles[0].headline]
    for block in issue.articles[0].blocks:
        assert region[0] - 1 <= block.bbox[0] and region[1] - 1 <= block.bbox[1] and block.bbox[3] <= region[3] + 4


def test_paragraphs_broken_by_columns_are_joined(laid_out):
    _, issue = laid_out
    lead = issue.articles[0]
    # the seed's paragraphs end in sentence punctuation; a paragraph cut at a column end would not
    for block in lead.blocks:
        if block.kind == "paragraph":
            assert block.text[-1] in "。”！？）"


def test_two_pages_make_one_issue_numbered_in_order(page):
    pages = read_pdf(page.pdf).pages + read_pdf(page.pdf, first_page=2).pages
    _, issue = layout_issue(pages)
    assert len(issue.articles) == 2 * len(page.truth)
    assert {block.page for block in issue.articles[-1].blocks} == {2}
    assert [a.index for a in issue.articles] == list(range(1, len(issue.articles) + 1))


@pytest.mark.skipif(not DEV_PDF.exists(), reason="the shared dev page is not on this machine")
def test_the_shared_dev_page_reads_its_twelve_articles():
    import json

    truth = json.loads(DEV_PDF.with_name("gsfzb_2024-08-09_p08.truth.json").read_text(encoding="utf-8"))
    _, issue = layout_issue(read_pdf(DEV_PDF.read_bytes()).pages)
    squash = lambda text: "".join((text or "").split())  # noqa: E731
    found = [squash(article.headline) for article in issue.articles]
    expected = [squash(article["headline"]) for article in truth["articles"]]
    assert sum(headline in found for headline in expected) >= len(expected) - 1


def test_briefs_with_small_titles_split_at_each_dateline_and_keep_their_column_name():
    from pdf_fixtures import briefs_page

    page = briefs_page()
    _, issue = layout_issue(read_pdf(page.pdf).pages)
    assert [a.headline for a in issue.articles] == [truth["headline"] for truth in page.truth]
    assert [a.column for a in issue.articles] == [truth.get("column") for truth in page.truth]
    lead = issue.articles[0]
    assert (lead.kicker, lead.subheadline) == (page.truth[0]["kicker"], page.truth[0]["subheadline"])
    for article, truth in zip(issue.articles[1:], page.truth[1:]):
        assert [b.kind for b in article.blocks if b.kind != "column"] == ["headline", "paragraph"]
        assert article.blocks[-1].text == truth["first_paragraph"].replace(" ", "")
    kinds = {item.kind: item.text for item in issue.page_items}
    assert set(kinds) == {"header", "contents", "ad", "notice", "footer"}
    assert "详见第2版" in kinds["contents"] and "招商热线" in kinds["ad"]


def _coverage(text: str, issue) -> list[int]:
    """How many blocks or page items hold each character of the source text."""
    counts = [0] * len(text)
    spans = [span for item in issue.page_items for span in item.source_spans]
    spans += [span for article in issue.articles for block in article.blocks for span in block.source_spans]
    for start, end in spans:
        for offset in range(start, end):
            counts[offset] += 1
    return counts


@pytest.mark.parametrize("make", ["sample_page", "briefs_page", "dev"])
def test_every_printed_character_is_in_exactly_one_block_or_page_item(make):
    import pdf_fixtures

    if make == "dev":
        if not DEV_PDF.exists():
            pytest.skip("the shared dev page is not on this machine")
        data = DEV_PDF.read_bytes()
    else:
        data = getattr(pdf_fixtures, make)().pdf
    text, issue = layout_issue(read_pdf(data).pages)
    counts = _coverage(text, issue)
    assert all(count == 1 for char, count in zip(text, counts) if not char.isspace())
    assert all(count == 0 for char, count in zip(text, counts) if char == "\n")
