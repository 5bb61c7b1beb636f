"""Reading page PDFs: the text layer with positions, and one clear line for every PDF that cannot be read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdf_fixtures import blank_pages, encrypted_page, image_only_page, sample_page  # noqa: E402

from dubao.core.errors import IngestError  # noqa: E402
from dubao.core.ingest.pdf import MAX_PAGES, read_pdf  # noqa: E402
from dubao.core.ingest.pdf_files import read_issue_pdfs  # noqa: E402
from dubao.core.ingest.pdf_quality import text_layer_problem  # noqa: E402


@pytest.fixture(scope="module")
def page_pdf():
    return sample_page().pdf


def test_characters_come_with_positions_sizes_and_the_page_size(page_pdf):
    (page,) = read_pdf(page_pdf).pages
    assert (round(page.width), round(page.height)) == (842, 1191)
    text = "".join(char.text for char in page.chars)
    assert "2023年2月18日" in text
    header = [char for char in page.chars if char.text == "梁"][0]
    assert header.bbox[1] < 60 and header.size == pytest.approx(9, abs=0.5)  # top-left origin
    sizes = {round(char.size) for char in page.chars}
    assert {9, 10, 32} <= sizes
    assert page.images  # the photo and the ad


@pytest.mark.parametrize("make, words", [
    (encrypted_page, "encrypted"),
    (lambda: sample_page().pdf[:4000], "damaged or truncated"),
    (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40, "damaged or truncated"),
    (lambda: blank_pages(MAX_PAGES + 1), f"up to {MAX_PAGES} pages"),
])
def test_unreadable_pdfs_are_refused_in_one_line(make, words):
    with pytest.raises(IngestError) as caught:
        read_pdf(make(), "page.pdf")
    message = str(caught.value)
    assert words in message and "\n" not in message and message.startswith("page.pdf")


def test_an_image_only_page_says_how_to_add_ocr(tmp_path, monkeypatch):
    from dubao.core.ingest import pdf_ocr

    monkeypatch.setattr(pdf_ocr, "ocr_available", lambda: False)  # as in an install without the OCR extra
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_only_page())
    with pytest.raises(IngestError, match=r"no text layer.*pip install 'dubao\[ocr\]'"):
        read_issue_pdfs(path)


@pytest.mark.slow
def test_a_scanned_page_is_read_by_ocr_when_it_is_installed(tmp_path):
    pytest.importorskip("rapidocr_onnxruntime")
    from pdf_fixtures import SCAN_LINES, scanned_page

    from dubao.core.split.page_layout import layout_issue

    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_page())
    files = read_issue_pdfs(path)
    assert files.pages[0].ocr
    _, issue = layout_issue(files.pages)
    (article,) = issue.articles
    assert article.headline == SCAN_LINES[0]
    assert "李雅萍" in article.text and article.reporters == ("李雅萍",)
    assert all(0 < block.ocr_confidence <= 1 for block in article.blocks)


def test_mojibake_and_scans_are_told_apart_from_text():
    assert text_layer_problem(list("本报讯（记者 张三）2月17日，市委召开常委会会议。" * 3)) is None
    assert "no text layer" in text_layer_problem(list("1"))
    assert "Unicode" in text_layer_problem([chr(0xE000 + i % 300) for i in range(400)])
    assert "Unicode" in text_layer_problem(list("ÃÂ¿½ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèé") * 4)
    # wrong Han characters: glyphs mapped to code points spread over the whole block
    assert "Unicode" in text_layer_problem([chr(0x4E00 + (i * 7919) % 20900) for i in range(400)])
    # a real page with a rare character in a name (𠮷, 堃) is fine
    story = "本报讯（记者 王堃）2月17日，市委召开常委会会议，集中学习习近平总书记重要讲话精神，研究讨论市两会筹备工作。"
    assert text_layer_problem(list(story * 10 + "吉𠮷出席。")) is None


def test_a_folder_is_ordered_by_the_printed_page_number_then_the_file_name(tmp_path):
    folder = tmp_path / "issue"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(blank_pages(1, "第3版 本报讯 记者 张三 报道：市委召开常委会会议。"))
    (folder / "paper_2023-02-18_02.pdf").write_bytes(blank_pages(1, "本报讯 记者 李四 报道：市政府召开常务会议。"))
    (folder / "paper_2023-02-18_01.pdf").write_bytes(blank_pages(1, "本报讯 记者 王五 报道：市政协召开主席会议。"))
    files = read_issue_pdfs(folder)
    assert files.file_names == ["paper_2023-02-18_01.pdf", "paper_2023-02-18_02.pdf", "a.pdf"]
    assert [page.printed for page in files.pages] == ["1", "2", None]  # a.pdf prints 第3版 in its text only
    assert [page.number for page in files.pages] == [1, 2, 3]
    assert len(files.page_pdfs) == 3


def test_ocr_lines_become_characters_where_they_were_read():
    from dubao.core.ingest.pdf_lines import page_lines
    from dubao.core.ingest.pdf_ocr import line_chars

    square = lambda x0, y0, x1, y1: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]  # noqa: E731
    # the engine ran one line across a gutter: 本报讯 | 记者 (pixels at scale 2)
    words = [square(100 + 40 * i, 50, 136 + 40 * i, 86) for i in range(3)]
    words += [square(400 + 40 * i, 50, 436 + 40 * i, 86) for i in range(2)]
    found = [square(100, 50, 476, 86), "本报讯记者", 0.9, words, list("本报讯记者"), [0.9, 0.8, 0.9, 0.9, 0.7]]
    chars = line_chars(found, 2.0)
    assert "".join(c.text for c in chars) == "本报讯记者"
    assert chars[3].bbox[0] == 200 and chars[4].confidence == 0.7
    assert [line.text for line in page_lines(chars)] == ["本报讯", "记者"]  # the gutter splits it again
    # without word boxes, the characters share the line's box evenly
    spread = line_chars(found[:3], 2.0)
    assert [c.bbox[0] for c in spread] == pytest.approx([50, 87.6, 125.2, 162.8, 200.4])
