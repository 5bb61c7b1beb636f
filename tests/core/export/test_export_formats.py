"""Exports as a user meets them: Markdown, CSV, Anki, citations; scopes, tag filter and an empty library."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile

import pytest
from export_samples import DATE, PAPER, sample_library

from dubao.core.export import FORMATS, TEXT_FORMATS, collect, export
from dubao.core.export.citation import split_chinese_name


@pytest.fixture()
def library():
    store, issue_id = sample_library()
    yield store, issue_id
    store.close()


def _csv_rows(payload: bytes) -> list[dict]:
    assert payload.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark to show Chinese"
    return list(csv.DictReader(io.StringIO(payload[3:].decode("utf-8"), newline="")))


def test_every_format_returns_the_promised_type(library):
    store, issue_id = library
    for name in FORMATS:
        output = export(name, store, issue_id=issue_id)
        assert isinstance(output, str if name in TEXT_FORMATS else bytes), name
        assert output, name


def test_markdown_lists_highlights_in_text_order_with_note_tags_and_byline(library):
    store, issue_id = library
    text = export("markdown", store, issue_id=issue_id)
    assert text.startswith("---\ntitle:")  # Obsidian properties
    assert "## 市委召开常委会会议" in text and "记者 李雅萍" in text and f"{PAPER} {DATE}" in text
    # text order inside the first article: 市“两会” (earlier) before 中国式现代化
    assert text.index("> 市“两会”") < text.index("> 中国式现代化") < text.index("> “985”重点产业链")
    assert "#理论" in text and "#政治-话语" in text  # a tag with a space still works as an Obsidian tag
    assert "核心概念  \n见“二十大”报告" in text  # the note keeps its line break
    assert "\\=cmd\\|" in text  # Markdown syntax in notes is shown literally


def test_markdown_of_an_article_without_highlights_says_so(library):
    store, issue_id = library
    third = store.articles(issue_id)[2]
    store.delete_annotation(store.annotations(article_id=third.id)[0].id)
    text = export("markdown", store, article_id=third.id)
    assert "# 𠮷野家在吕梁开店" in text and "No highlights" in text


def test_csv_keeps_chinese_quotes_newlines_and_neutralises_formulas(library):
    store, issue_id = library
    rows = _csv_rows(export("csv", store, issue_id=issue_id))
    assert [row["quote"] for row in rows] == ["市“两会”", "中国式现代化", "“985”重点产业链", "𠮷野家首家门店"]
    by_quote = {row["quote"]: row for row in rows}
    assert by_quote["中国式现代化"]["note"] == "核心概念\n见“二十大”报告"
    assert by_quote["中国式现代化"]["tags"] == "理论; 政治 话语"
    assert by_quote["“985”重点产业链"]["note"] == "'=cmd|' /C calc'!A0"  # shown as text, never run
    assert by_quote["𠮷野家首家门店"]["note"] == "'-注意 'quote' \"双引号\""
    first = by_quote["中国式现代化"]
    # the sample file ends in -p1, which names no printed page: the page is left empty, not guessed
    assert (first["paper"], first["date"], first["page"], first["headline"]) == (PAPER, DATE, "", "市委召开常委会会议")
    # positions are code points: 𠮷 (outside the BMP) counts as one
    third = store.articles(issue_id)[2]
    row = by_quote["𠮷野家首家门店"]
    assert third.text[int(row["start"]):int(row["end"])] == "𠮷野家首家门店"


def test_tag_filter_keeps_only_that_tag(library):
    store, issue_id = library
    rows = _csv_rows(export("csv", store, issue_id=issue_id, tag="经济"))
    assert {row["quote"] for row in rows} == {"“985”重点产业链", "𠮷野家首家门店"}
    assert "经济" in collect(store, tag="经济").title


def test_anki_tsv_has_header_lines_and_marks_the_word(library):
    store, _ = library
    text = export("anki-tsv", store)
    lines = text.splitlines()
    assert lines[:2] == ["#separator:tab", "#html:true"]
    notes = [line.split("\t") for line in lines if not line.startswith("#")]
    hanzi = {fields[0]: fields for fields in notes}
    assert set(hanzi) == {"阐述", "产业链"}
    word = hanzi["阐述"]
    assert word[1] == "chǎnshù" and word[3] == "6" and "<b>阐述</b>" in word[4] and "市委召开常委会会议" in word[5]
    assert all(len(fields) == 7 for fields in notes)  # 6 fields + tags: a tab inside a field would break this


def test_apkg_is_an_anki_collection_with_the_six_fields(library):
    store, _ = library
    first = export("apkg", store)
    assert first == export("apkg", store)  # deterministic: re-importing updates instead of duplicating
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert set(package.namelist()) == {"collection.anki2", "media"}
        collection = package.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    db.deserialize(collection)
    models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
    (model,) = models.values()
    assert [f["name"] for f in model["flds"]] == ["Hanzi", "Pinyin", "Definition", "HSK", "Sentence", "Source"]
    fields = sorted(row[0].split("\x1f") for row in db.execute("SELECT flds FROM notes"))
    assert [f[0] for f in fields] == ["产业链", "阐述"]
    assert "<b>产业链</b>" in fields[0][4]


def test_citations_name_reporters_paper_date_page_and_language(library):
    store, issue_id = library
    items = json.loads(export("csl-json", store, issue_id=issue_id))
    assert len(items) == 3
    first = items[0]
    assert first["type"] == "article-newspaper" and first["title"] == "市委召开常委会会议: 孙大军主持"
    assert first["container-title"] == PAPER and first["language"] == "zh" and "page" not in first
    assert first["issued"] == {"date-parts": [[2023, 2, 18]]}
    assert first["author"] == [{"family": "李", "given": "雅萍"}]
    assert items[2]["author"][0] == {"family": "欧阳", "given": "修文"}  # compound surname kept whole
    ris = export("ris", store, article_id=store.articles(issue_id)[0].id)
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - NEWS" and "AU  - 李, 雅萍" in lines and f"T2  - {PAPER}" in lines
    assert "DA  - 2023/02/18" in lines and "LA  - zh" in lines and "ER  - " in lines


@pytest.mark.parametrize("name, expected", [
    ("王洋", {"family": "王", "given": "洋"}),
    ("司马光", {"family": "司马", "given": "光"}),
    ("阿不都·热合曼", {"literal": "阿不都·热合曼"}),
    ("John Smith", {"literal": "John Smith"}),
    ("新华", {"family": "新", "given": "华"}),
])
def test_chinese_names_split_sensibly(name, expected):
    assert split_chinese_name(name) == expected


def test_empty_library_gives_valid_empty_output_in_every_format():
    from dubao.core.library.store import Store

    empty = Store.open(":memory:")
    try:
        assert _csv_rows(export("csv", empty)) == []
        assert json.loads(export("csl-json", empty)) == []
        assert json.loads(export("w3c", empty))["total"] == 0
        assert export("ris", empty) == ""
        assert "No highlights" in export("markdown", empty)
        with zipfile.ZipFile(io.BytesIO(export("qdpx", empty))) as archive:
            assert archive.testzip() is None
    finally:
        empty.close()


def test_unknown_scope_and_format_are_clear_errors(library):
    store, _ = library
    with pytest.raises(KeyError):
        export("markdown", store, issue_id=999)
    with pytest.raises(ValueError, match="unknown export format"):
        export("docx", store)


def test_orphaned_highlights_keep_their_quote_but_no_position(library):
    from export_samples import ARTICLES, build_issue

    store, issue_id = library
    edited = list(ARTICLES)
    edited[2] = (ARTICLES[2][0], None, ARTICLES[2][2], ("稿件已经完全改写。", "没有原来的句子。"))
    source, issue = build_issue(tuple(edited))
    store.save_issue(issue, source, paper=PAPER, date=DATE, replace=True)  # same path: re-derived, re-anchored
    orphan = next(a for a in store.annotations(issue_id=issue_id) if a.status == "orphaned")
    assert orphan.quote == "𠮷野家首家门店"
    items = json.loads(export("w3c", store, issue_id=issue_id))["first"]["items"]
    (exported,) = [i for i in items if i["target"]["selector"][0]["exact"] == orphan.quote]
    assert [s["type"] for s in exported["target"]["selector"]] == ["TextQuoteSelector"]
    with zipfile.ZipFile(io.BytesIO(export("qdpx", store, issue_id=issue_id))) as archive:
        qde = archive.read("project.qde").decode("utf-8")
    assert qde.count("<PlainTextSelection") == 3 and "not coded here" in qde and "𠮷野家首家门店" in qde
    assert "anchor: orphaned" in export("markdown", store, issue_id=issue_id)


def test_library_export_groups_by_issue_oldest_first_and_skips_untouched_issues(library):
    from export_samples import build_issue

    store, issue_id = library
    later = (("全国两会开幕", None, ("新华社",), ("十四届全国人大一次会议在京开幕。",)),)
    source, issue = build_issue(later, path="/tmp/人民日报-2023-03-05-第1版.txt")
    later_id = store.save_issue(issue, source, paper="人民日报", date="2023-03-05").issue_id
    article = store.articles(later_id)[0]
    store.add_annotation(article.id, 0, 4, "purple", "", ("政治 话语",))
    untouched = (("某地召开会议", None, (), ("会议研究了政治 话语问题。",)),)
    source, issue = build_issue(untouched, path="/tmp/untouched-2023-01-01-p2.txt")
    assert store.save_issue(issue, source, paper="某报", date="2023-01-01").status == "imported"
    text = export("markdown", store, tag="政治 话语")
    assert text.index("## 吕梁日报 2023-02-18") < text.index("## 人民日报 2023-03-05 第1版")
    assert "### 全国两会开幕" in text and "### 市委召开常委会会议" in text
    assert "某报" not in text and "市政府与中国能建" not in text  # no highlight with that tag there


def test_hsk_top_band_is_shown_as_7_to_9(library):
    store, _ = library
    store.add_vocab("擘画", "bòhuà", "to plan", 7, "擘画蓝图。")
    line = next(line for line in export("anki-tsv", store).splitlines() if line.startswith("擘画"))
    assert line.split("\t")[3] == "7–9" and "HSK::7–9" in line  # the one HSK label (dictionary.hsk_label)
