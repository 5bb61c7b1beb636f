"""Page PDFs through the command line and into the library: `dubao split PAGE.pdf [--json]`, `dubao import`
of a page, a folder of pages; what the library keeps (block page and bbox, the printed pages); bad PDFs give
one line and exit 2 and leave the library as it was."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdf_fixtures import encrypted_page, image_only_page, sample_page  # noqa: E402

import dubao.cli as cli  # noqa: E402
from dubao.core.library.store import Store  # noqa: E402


@pytest.fixture(scope="module")
def fixture_page():
    return sample_page()


@pytest.fixture
def page_path(tmp_path, fixture_page):
    path = tmp_path / "吕梁日报_2023-02-18_01版.pdf"
    path.write_bytes(fixture_page.pdf)
    return path


def run(capsys, *argv):
    status = cli.main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_split_prints_an_outline_and_json_with_page_and_bbox(capsys, page_path, fixture_page):
    status, out, _ = run(capsys, "split", page_path)
    assert status == 0 and fixture_page.truth[0]["headline"] in out
    status, out, _ = run(capsys, "split", page_path, "--json")
    data = json.loads(out)
    assert status == 0
    assert [a["headline"] for a in data["articles"]] == [t["headline"] for t in fixture_page.truth]
    block = data["articles"][0]["blocks"][0]
    assert block["page"] == 1 and len(block["bbox"]) == 4
    assert all("page" in item and "bbox" in item for item in data["page_items"])


@pytest.mark.parametrize("make, words", [
    (encrypted_page, "encrypted"),
    (lambda: sample_page().pdf[:5000], "damaged or truncated"),
    (image_only_page, "OCR"),
])
def test_split_of_a_bad_pdf_is_one_line_and_exit_2(capsys, tmp_path, make, words, monkeypatch):
    from dubao.core.ingest import pdf_ocr

    monkeypatch.setattr(pdf_ocr, "ocr_available", lambda: False)  # as in an install without the OCR extra
    path = tmp_path / "bad.pdf"
    path.write_bytes(make())
    status, out, err = run(capsys, "split", path)
    assert status == 2 and out == ""
    assert words in err and len(err.strip().splitlines()) == 1


def test_import_keeps_positions_and_printed_pages_and_guesses_paper_and_date(capsys, tmp_path, page_path):
    library = tmp_path / "library.sqlite"
    status, out, _ = run(capsys, "import", page_path, "--library", library, "--json", "--no-entities")
    assert status == 0
    issue_id = json.loads(out)["imported"][0]["issue_id"]
    with Store.open(library) as store:
        record = store.get_issue(issue_id)
        assert (record.paper, record.date) == ("吕梁日报", "2023-02-18")
        articles = store.articles(issue_id)
        headline = articles[0].blocks[1]
        assert headline.kind == "headline" and headline.page == 1 and headline.bbox[1] > 60
        source = store.issue_source_text(issue_id)
        for block in articles[0].blocks:
            assert "".join(source[a:b] for a, b in block.source_spans) == block.text
        (page,) = store.issue_pages(issue_id)
        assert page.page == 1 and page.pdf.startswith(b"%PDF") and round(page.width) == 842
        assert page.printed == "1"  # 第1版 in the page header
    status, out, _ = run(capsys, "import", page_path, "--library", library, "--json", "--no-entities")
    assert json.loads(out)["skipped"][0]["reason"] == "duplicate"
    status, out, _ = run(capsys, "issues", "--library", library, "--id", issue_id, "--resplit", "--no-entities")
    assert status == 0
    with Store.open(library) as store:
        assert [a.headline for a in store.articles(issue_id)] == [a.headline for a in articles]
        assert store.articles(issue_id)[0].blocks[1].bbox == headline.bbox


def test_a_folder_of_page_pdfs_is_one_issue_and_a_bad_page_imports_nothing(capsys, tmp_path, fixture_page):
    library = tmp_path / "library.sqlite"
    folder = tmp_path / "2023-02-18"
    folder.mkdir()
    (folder / "p02.pdf").write_bytes(fixture_page.pdf)
    (folder / "p01.pdf").write_bytes(fixture_page.pdf)
    status, out, _ = run(capsys, "import", folder, "--library", library, "--json", "--no-entities")
    imported = json.loads(out)["imported"]
    assert status == 0 and len(imported) == 1 and imported[0]["articles"] == 2 * len(fixture_page.truth)
    with Store.open(library) as store:
        assert [page.page for page in store.issue_pages(imported[0]["issue_id"])] == [1, 2]
        articles = store.articles(imported[0]["issue_id"])
        assert {block.page for block in articles[-1].blocks} == {2}
    (folder / "p03.pdf").write_bytes(encrypted_page())
    status, out, _ = run(capsys, "import", folder, "--library", library, "--json", "--no-entities")
    report = json.loads(out)
    assert report["imported"] == [] and "encrypted" in report["failed"][0]["error"]
    with Store.open(library) as store:
        assert len(store.list_issues()) == 1


def test_a_month_of_page_pdfs_is_one_issue_a_day(tmp_path, fixture_page):
    from dubao.core.pipeline import issue_inputs

    month = tmp_path / "2023-02"
    for day in ("2023-02-17", "2023-02-18"):
        (month / day).mkdir(parents=True)
        for number in (1, 2):
            (month / day / f"{day}_0{number}版.pdf").write_bytes(fixture_page.pdf)
    (month / "notes.txt").write_text("本报讯 一篇文字稿。", encoding="utf-8")
    assert issue_inputs([month]) == [str(month / "2023-02-17"), str(month / "2023-02-18"), str(month / "notes.txt")]


def test_an_issue_from_pdf_replaced_by_a_text_copy_keeps_no_printed_pages(capsys, tmp_path, page_path):
    library = tmp_path / "library.sqlite"
    _, out, _ = run(capsys, "import", page_path, "--library", library, "--json", "--no-entities")
    issue_id = json.loads(out)["imported"][0]["issue_id"]
    with Store.open(library) as store:
        text = store.issue_source_text(issue_id)
    copy = tmp_path / "corrected.txt"
    copy.write_text(text, encoding="utf-8")
    status, _, _ = run(capsys, "import", copy, "--issue", issue_id, "--library", library, "--no-entities")
    assert status == 0
    with Store.open(library) as store:
        assert store.issue_pages(issue_id) == []
        assert all(block.page is None for a in store.articles(issue_id) for block in a.blocks)


def test_a_full_page_picture_among_pages_with_text_is_kept_without_ocr(capsys, tmp_path, fixture_page, monkeypatch):
    from dubao.core.ingest import pdf_ocr

    monkeypatch.setattr(pdf_ocr, "ocr_available", lambda: False)
    library = tmp_path / "library.sqlite"
    folder = tmp_path / "issue"
    folder.mkdir()
    (folder / "p01.pdf").write_bytes(fixture_page.pdf)
    (folder / "p02.pdf").write_bytes(image_only_page())  # a full-page ad: a picture, no text
    status, out, _ = run(capsys, "import", folder, "--library", library, "--json", "--no-entities")
    (imported,) = json.loads(out)["imported"]
    assert status == 0 and imported["articles"] == len(fixture_page.truth)
    with Store.open(library) as store:
        assert [page.page for page in store.issue_pages(imported["issue_id"])] == [1, 2]


def test_a_file_named_pdf_that_is_no_pdf_is_refused_as_such(tmp_path):
    from dubao.core.errors import IngestError
    from dubao.core.pipeline import is_pdf_input

    fake = tmp_path / "人民日报_2026-01-14_01版.pdf"
    fake.write_bytes(b"<html><body>404 Not Found</body></html>")
    with pytest.raises(IngestError, match="not a PDF"):
        is_pdf_input(fake)
    text = tmp_path / "issue.txt"
    text.write_text("标题\n正文。", encoding="utf-8")
    assert is_pdf_input(text) is False


def test_reading_an_issue_of_page_pdfs_reports_each_page_read(tmp_path, fixture_page):
    from dubao.core.ingest.pdf_files import read_issue_pdfs

    folder = tmp_path / "2023-02-18"
    folder.mkdir()
    for name in ("p01.pdf", "p02.pdf", "p03.pdf"):
        (folder / name).write_bytes(fixture_page.pdf)
    reported = []
    files = read_issue_pdfs(folder, on_page=lambda done, total: reported.append((done, total)))
    assert len(files.pages) == 3
    assert reported == [(0, 3), (1, 3), (2, 3), (3, 3)]  # before the first page (OCR takes a while), then each
