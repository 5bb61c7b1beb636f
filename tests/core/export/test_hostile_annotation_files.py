"""Hostile annotation files (issue 18, item 4): each bad annotation is reported by its number with the
reason, the good ones are imported, and nothing raises anything but a one-line AnnotationFileError."""

from __future__ import annotations

import json

import pytest
from export_samples import sample_library

from dubao.core.export.w3c import AnnotationFileError
from dubao.core.export.w3c_import import import_annotations


@pytest.fixture()
def library():
    store, issue_id = sample_library(with_work=False)
    yield store, issue_id
    store.close()


def _annotation(sha: str, **source_extra) -> dict:
    return {"type": "Annotation", "bodyValue": "好",
            "target": {"source": {"id": f"urn:dubao:sha256:{sha}:article:1", **source_extra},
                       "selector": [{"type": "TextQuoteSelector", "exact": "市委召开常委会会议"}]}}


def _positions(sha: str, start, end) -> dict:
    return {"type": "Annotation", "bodyValue": "位置",
            "target": {"source": f"urn:dubao:sha256:{sha}:article:1",
                       "selector": {"type": "TextPositionSelector", "start": start, "end": end}}}


def test_deeply_nested_brackets_are_a_one_line_refusal(library):
    store, _ = library
    with pytest.raises(AnnotationFileError, match="nested"):
        import_annotations(store, "[" * 3000 + "]" * 3000)
    with pytest.raises(AnnotationFileError, match="nested"):
        import_annotations(store, '{"a":' * 3000 + "1" + "}" * 3000)


def test_each_bad_annotation_is_reported_by_number_and_the_good_ones_imported(library):
    store, issue_id = library
    sha = store.get_issue(issue_id).sha256
    items = [
        _annotation(sha),                                          # 1: good
        _annotation(sha, **{"dubao:sha256": 42}),                  # 2: a number where a hash goes
        _annotation(sha, **{"dubao:paper": ["吕梁日报"]}),          # 3: a list where a name goes
        _annotation(sha, **{"dubao:date": {"y": 2023}}),           # 4: an object where a date goes
        _positions(sha, 0, 10**12),                                # 5: beyond the article
        _positions(sha, -5, 3),                                    # 6: negative
        _positions(sha, 9, 2),                                     # 7: reversed
        {"type": "Annotation", "target": {"selector": {"type": {"x": 1}}}},  # 8: nothing to anchor on
        _positions(sha, 0, 9),                                     # 9: good
    ]
    report = import_annotations(store, json.dumps({"type": "AnnotationPage", "items": items}))
    rejected = {result.index: result.reason for result in report.results if result.outcome == "rejected"}
    assert sorted(rejected) == [2, 3, 4, 5, 6, 7, 8]
    assert "dubao:sha256" in rejected[2] and "dubao:paper" in rejected[3] and "dubao:date" in rejected[4]
    assert "outside" in rejected[5] and "negative" in rejected[6] and "before" in rejected[7]
    assert report.added == 2
    assert sorted(a.note for a in store.annotations()) == ["位置", "好"]
    assert "7 rejected" in report.summary()


def test_the_command_lists_each_rejected_annotation(library, tmp_path, capsys, monkeypatch):
    import dubao.cli as cli

    store, issue_id = library
    sha = store.get_issue(issue_id).sha256
    path, library_file = tmp_path / "bad.jsonld", tmp_path / "library.sqlite"
    store.backup(library_file)
    path.write_text(json.dumps([_annotation(sha), _positions(sha, 9, 2)]), encoding="utf-8")
    monkeypatch.setattr(cli, "COMMAND_MODULES", {"export_cmd": ("export", "import-annotations")})
    assert cli.main(["import-annotations", str(path), "--library", str(library_file)]) == 0
    out = capsys.readouterr().out
    assert "1 added" in out and "rejected annotation #2: the position end (2) is before its start (9)" in out
