"""Importing real issue files: decode → split → store, guessing paper and date, refusing bad files."""

from __future__ import annotations

import shutil

import pytest

from dubao.core.ingest.decode import IngestError
from dubao.core.pipeline import guess_date, guess_paper, resplit_issue
from dubao.core.library.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "library.sqlite") as opened:
        yield opened


def test_the_sample_issue_imports_with_paper_and_date_from_its_name(store, sample_path):
    outcome = store.import_file(sample_path, entities=False)
    assert (outcome.status, outcome.articles) == ("imported", 5)
    issue = store.get_issue(outcome.issue_id)
    assert (issue.paper, issue.date) == ("吕梁日报", "2023-02-18")
    assert issue.source_path == str(sample_path.resolve())
    headlines = [article.headline for article in store.articles(issue.id)]
    assert "市政府与中国能建举行工作会谈" in headlines
    assert store.issue_source_text(issue.id) == sample_path.read_text(encoding="utf-8")
    # every block's source spans point at its own text in the decoded source
    source = store.issue_source_text(issue.id)
    for article in store.articles(issue.id):
        for block in article.blocks:
            pieces = "".join(source[start:end] for start, end in block.source_spans)
            assert set(block.text) - set(" \n\u3000") <= set(pieces)
    assert store.search("中国能源建设集团有限公司").total >= 1


def test_importing_the_same_file_again_is_skipped(store, sample_path, tmp_path):
    first = store.import_file(sample_path, entities=False)
    copy = tmp_path / "another-name.txt"
    shutil.copyfile(sample_path, copy)
    again = store.import_file(copy, entities=False)
    assert (again.status, again.reason, again.issue_id) == ("skipped", "duplicate", first.issue_id)
    assert len(store.list_issues()) == 1


def test_given_paper_and_date_win_over_guesses(store, sample_path):
    outcome = store.import_file(sample_path, paper="山西日报", date="2023-02-19", entities=False)
    issue = store.get_issue(outcome.issue_id)
    assert (issue.paper, issue.date) == ("山西日报", "2023-02-19")


def test_a_gb18030_copy_imports_as_a_different_source(store, sample_path, tmp_path):
    gbk = tmp_path / "人民日报20230218.txt"
    gbk.write_bytes(sample_path.read_text(encoding="utf-8").encode("gb18030"))
    outcome = store.import_file(gbk, entities=False)
    issue = store.get_issue(outcome.issue_id)
    assert issue.encoding.lower().replace("-", "") in ("gbk", "gb18030")
    assert (issue.paper, issue.date) == ("人民日报", "2023-02-18")


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, b"%PDF-1.7\n\x00\x01\x02"])
def test_bad_files_are_refused_and_nothing_is_stored(store, tmp_path, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(IngestError):
        store.import_file(bad)
    assert store.list_issues() == []
    assert store.integrity_check() == []


def test_replace_of_the_same_file_keeps_annotations_exact(store, sample_path):
    issue_id = store.import_file(sample_path, entities=False).issue_id
    article = store.articles(issue_id)[1]
    start = article.text.index("中国能建")
    annotation = store.add_annotation(article.id, start, start + 4, note="央企")
    outcome = store.import_file(sample_path, replace=True, entities=False)
    assert outcome.replaced and outcome.issue_id == issue_id
    after = store.get_annotation(annotation.id)
    assert after.status == "exact" and after.note == "央企"
    assert store.get_article(after.article_id).text[after.start:after.end] == "中国能建"


@pytest.mark.parametrize("name, text, paper, date", [
    ("lvliang-ribao-2023-02-18-p1.txt", "", "吕梁日报", "2023-02-18"),
    ("renmin_ribao_20240105.txt", "", "人民日报", "2024-01-05"),
    ("光明日报 2022.03.04 第1版.txt", "", "光明日报", "2022-03-04"),
    ("page1.txt", "\n\n2023年2月18日 星期六\n吕梁日报\n市委召开常委会会议\n", "吕梁日报", "2023-02-18"),
    ("page1.txt", "市委召开常委会会议\n本报讯 2月17日,市委召开常委会会议。\n", None, None),
    ("xiaoxian-ribao-2023-13-45.txt", "", "Xiaoxian Ribao", None),
])
def test_guessing_paper_and_date(name, text, paper, date):
    assert guess_paper(name, text) == paper
    assert guess_date(name, text) == date


def test_resplitting_from_the_stored_source_needs_no_file(store, sample_path, tmp_path):
    copy = tmp_path / "lvliang-ribao-2023-02-18.txt"
    shutil.copyfile(sample_path, copy)
    issue_id = store.import_file(copy, entities=False).issue_id
    store.update_issue(issue_id, paper="吕梁日报(校)")
    article = store.articles(issue_id)[0]
    annotation = store.add_annotation(article.id, 0, 4, note="标题")
    copy.unlink()  # the original file is gone
    outcome = resplit_issue(store, issue_id, entities=False)
    assert outcome.replaced and outcome.issue_id == issue_id and outcome.articles == 5
    after = store.get_annotation(annotation.id)
    assert after.status == "exact" and after.note == "标题"
    assert store.get_article(after.article_id).text[after.start:after.end] == annotation.quote
    assert store.get_issue(issue_id).paper == "吕梁日报(校)"
    assert store.search("孙大军").total >= 1 and store.integrity_check() == []
