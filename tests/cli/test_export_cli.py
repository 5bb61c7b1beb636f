"""`dubao export` and `dubao import-annotations` as a user types them."""

from __future__ import annotations

import json
import zipfile

import pytest
from export_samples import ARTICLES, DATE, PAPER, build_issue, sample_library

from dubao.cli import main
from dubao.core.library.store import Store


@pytest.fixture()
def library_path(tmp_path):
    path = tmp_path / "library.sqlite"
    store, _ = sample_library(path)
    store.close()
    return path


@pytest.fixture()
def student_path(tmp_path):
    """A second library with the same issue and no annotations."""
    path = tmp_path / "student.sqlite"
    with Store.open(path) as student:
        source, issue = build_issue(ARTICLES)
        student.save_issue(issue, source, paper=PAPER, date=DATE)
    return path


def test_text_format_goes_to_stdout(library_path, capsysbinary):
    assert main(["export", "--format", "markdown", "--issue", "1", "--library", str(library_path)]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert "## 市委召开常委会会议" in out and "> 中国式现代化" in out


def test_csv_with_tag_to_stdout_keeps_the_bom(library_path, capsysbinary):
    assert main(["export", "-f", "csv", "--tag", "经济", "--library", str(library_path)]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"\xef\xbb\xbf") and "“985”重点产业链".encode() in out and "中国式现代化".encode() not in out


def test_zip_formats_need_an_output_file(library_path, tmp_path, capsys):
    assert main(["export", "-f", "qdpx", "--library", str(library_path)]) == 2
    assert "give -o" in capsys.readouterr().err
    target = tmp_path / "project.qdpx"
    assert main(["export", "-f", "qdpx", "--library", str(library_path), "-o", str(target)]) == 0
    assert "project.qde" in zipfile.ZipFile(target).namelist()
    assert "4 highlights" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_errors_are_one_line(library_path, tmp_path, capsys):
    assert main(["export", "-f", "csv", "--article", "999", "--library", str(library_path)]) == 2
    assert "no article 999" in capsys.readouterr().err
    assert main(["export", "-f", "csv", "--library", str(tmp_path / "missing.sqlite")]) == 2
    assert "no library" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", "-f", "docx", "--library", str(library_path)])


def test_w3c_export_then_import_into_a_fresh_library(library_path, student_path, tmp_path, capsys):
    glosses = tmp_path / "glosses.jsonld"
    assert main(["export", "-f", "w3c", "--library", str(library_path), "-o", str(glosses)]) == 0
    capsys.readouterr()
    assert main(["import-annotations", str(glosses), "--library", str(student_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"].startswith("4 annotations: 4 added")
    assert {r["annotation"]["quote"] for r in report["results"]} == {
        "中国式现代化", "市“两会”", "“985”重点产业链", "𠮷野家首家门店"}


def test_import_refuses_files_that_are_not_annotations(library_path, tmp_path, capsys):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    assert main(["import-annotations", str(binary), "--library", str(library_path)]) == 2
    assert "not UTF-8" in capsys.readouterr().err
    wrong = tmp_path / "list.json"
    wrong.write_text('{"type": "Person", "name": "x"}', encoding="utf-8")
    assert main(["import-annotations", str(wrong), "--library", str(library_path)]) == 2
    assert "no Annotation" in capsys.readouterr().err


def test_import_names_the_missing_issue(library_path, tmp_path, capsys):
    glosses = tmp_path / "glosses.jsonld"
    assert main(["export", "-f", "w3c", "--library", str(library_path), "-o", str(glosses)]) == 0
    empty = tmp_path / "empty.sqlite"
    Store.open(empty).close()
    capsys.readouterr()
    assert main(["import-annotations", str(glosses), "--library", str(empty)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 annotations: 0 added, 4 no-issue")
    assert "its issue 吕梁日报 2023-02-18 is not in the library" in out and "“中国式现代化”" in out


def test_dry_run_reports_without_adding(library_path, student_path, tmp_path, capsys):
    glosses = tmp_path / "glosses.jsonld"
    assert main(["export", "-f", "w3c", "--library", str(library_path), "-o", str(glosses)]) == 0
    capsys.readouterr()
    assert main(["import-annotations", str(glosses), "--library", str(student_path), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("4 annotations: 4 would be added, 4 exact")
    with Store.open(student_path) as student:
        assert student.annotations() == []


def test_import_keeps_orphans_and_lists_them(library_path, tmp_path, capsys):
    glosses = tmp_path / "glosses.jsonld"
    assert main(["export", "-f", "w3c", "--library", str(library_path), "-o", str(glosses)]) == 0
    edited = list(ARTICLES)
    edited[2] = (ARTICLES[2][0], None, ARTICLES[2][2], ("稿件已经完全改写。", "没有原来的句子。"))
    changed = tmp_path / "changed.sqlite"
    with Store.open(changed) as student:
        source, issue = build_issue(tuple(edited))
        student.save_issue(issue, source, paper=PAPER, date=DATE)
    capsys.readouterr()
    assert main(["import-annotations", str(glosses), "--library", str(changed)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 annotations: 4 added, 3 exact, 1 orphaned")
    assert "orphaned, passage not found (kept as annotation" in out and "“𠮷野家首家门店” — note: -注意" in out
    assert "dubao annotate list --status orphaned" in out
    assert main(["annotate", "list", "--status", "orphaned", "--library", str(changed), "--json"]) == 0
    (orphan,) = json.loads(capsys.readouterr().out)
    assert (orphan["status"], orphan["quote"], orphan["tags"]) == ("orphaned", "𠮷野家首家门店", ["经济"])
    assert main(["annotate", "list", "--library", str(changed), "--json"]) == 0
    assert sorted(a["status"] for a in json.loads(capsys.readouterr().out)) == ["exact"] * 3 + ["orphaned"]
    assert main(["import-annotations", str(glosses), "--library", str(changed), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["summary"].startswith("4 annotations: 0 added") and \
        {r["outcome"] for r in again["results"]} == {"duplicate"}
