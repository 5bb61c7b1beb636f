"""Importing real issue files: decode → split → store, guessing paper and date, refusing bad files."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from dubao.core.ingest.decode import IngestError
from dubao.core.pipeline import guess_date, guess_paper, import_file, resplit_issue
from dubao.core.library.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "library.sqlite") as opened:
        yield opened


def test_the_sample_issue_imports_with_paper_and_date_from_its_name(store, sample_path):
    outcome = import_file(store, sample_path, entities=False)
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
    first = import_file(store, sample_path, entities=False)
    copy = tmp_path / "another-name.txt"
    shutil.copyfile(sample_path, copy)
    again = import_file(store, copy, entities=False)
    assert (again.status, again.reason, again.issue_id) == ("skipped", "duplicate", first.issue_id)
    assert len(store.list_issues()) == 1


def test_given_paper_and_date_win_over_guesses(store, sample_path):
    outcome = import_file(store, sample_path, paper="山西日报", date="2023-02-19", entities=False)
    issue = store.get_issue(outcome.issue_id)
    assert (issue.paper, issue.date) == ("山西日报", "2023-02-19")


def test_a_gb18030_copy_imports_as_a_different_source(store, sample_path, tmp_path):
    gbk = tmp_path / "人民日报20230218.txt"
    gbk.write_bytes(sample_path.read_text(encoding="utf-8").encode("gb18030"))
    outcome = import_file(store, gbk, entities=False)
    issue = store.get_issue(outcome.issue_id)
    assert issue.encoding.lower().replace("-", "") in ("gbk", "gb18030")
    assert (issue.paper, issue.date) == ("人民日报", "2023-02-18")


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, b"%PDF-1.7\n\x00\x01\x02"])
def test_bad_files_are_refused_and_nothing_is_stored(store, tmp_path, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(IngestError):
        import_file(store, bad)
    assert store.list_issues() == []
    assert store.integrity_check() == []


def test_replace_of_the_same_file_keeps_annotations_exact(store, sample_path):
    issue_id = import_file(store, sample_path, entities=False).issue_id
    article = store.articles(issue_id)[1]
    start = article.text.index("中国能建")
    annotation = store.add_annotation(article.id, start, start + 4, note="央企")
    outcome = import_file(store, sample_path, replace=True, entities=False)
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
    issue_id = import_file(store, copy, entities=False).issue_id
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


def test_each_issue_records_the_splitter_and_analyser_that_derived_it(store, sample_path):
    from dubao.core import entities, split
    from dubao.core.pipeline import is_stale

    issue = store.get_issue(import_file(store, sample_path, entities=False).issue_id)
    assert issue.splitter_version == split.SPLITTER_VERSION
    assert issue.analyser_version is None  # no entities were looked for
    assert not is_stale(issue)
    # an issue an older splitter derived is stale until it is split again
    old_issue, text = _split_sample(sample_path)
    with Store.open(":memory:") as other:  # the same content would be skipped in the first library
        older = other.save_issue(dataclasses.replace(old_issue, splitter_version="2020.1"), text)
        assert is_stale(other.get_issue(older.issue_id))
        assert resplit_issue(other, older.issue_id, entities=False).articles == 5
        assert not is_stale(other.get_issue(older.issue_id))
        assert other.get_issue(older.issue_id).analyser_version is None
    assert entities.ANALYSER_VERSION  # what an analysed issue would carry


def test_the_store_never_calls_the_importing_pipeline():
    from pathlib import Path

    import dubao.core.library as library

    for module in Path(library.__file__).parent.glob("*.py"):
        imports = [line for line in module.read_text(encoding="utf-8").splitlines()
                   if line.strip().startswith(("import ", "from "))]
        assert not [line for line in imports if "pipeline" in line], module.name


def _split_sample(sample_path):
    from dubao.core import split
    from dubao.core.ingest.decode import decode_bytes, source_info

    decoded = decode_bytes(sample_path.read_bytes() + b"\n")  # another file: another sha256
    return split.split_issue(decoded.text, source_info(decoded)), decoded.text


def test_importing_with_entities_reports_progress_to_the_end(store, sample_path):
    calls = []
    import_file(store, sample_path, progress=lambda done, total: calls.append((done, total)))
    total = calls[-1][1]
    assert len(calls) > 1 and calls[-1] == (total, total) and total > 5000
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
