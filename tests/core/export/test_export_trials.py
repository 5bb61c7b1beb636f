"""Exports as the real programs read them (issue 18, items 5, 6, 10–13, 17, 19, 20): what the trials found."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sqlite3
import zipfile
from xml.etree import ElementTree as ET

import pytest
from export_samples import sample_library

from dubao.core.errors import DubaoError
from dubao.core.export import collect, export, render


@pytest.fixture()
def library():
    store, issue_id = sample_library()
    yield store, issue_id
    store.close()


def _anki_notes(payload: bytes) -> list[tuple[str, int]]:
    with zipfile.ZipFile(io.BytesIO(payload)) as package:
        collection = package.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    db.deserialize(collection)
    return [(flds.split("\x1f")[0], mod) for flds, mod in db.execute("SELECT flds, mod FROM notes ORDER BY id")]


def test_markdown_neutralises_html_in_tags(library):
    store, issue_id = library
    first = store.articles(issue_id)[0]
    store.add_annotation(first.id, 0, 2, "yellow", "", ("<script>location=name</script>",))
    text = export("markdown", store, issue_id=issue_id)
    assert "<script" not in text and "</" not in text
    assert "#script-location-name-script" in text or "#script" in text


def test_qdpx_strips_characters_xml_forbids(library):
    store, issue_id = library
    first = store.articles(issue_id)[0]
    store.add_annotation(first.id, 0, 2, "yellow", "第一行\x0b第二行\x00\x1f", ("标\x08签",))
    with zipfile.ZipFile(io.BytesIO(export("qdpx", store, issue_id=issue_id))) as archive:
        qde = archive.read("project.qde")
    root = ET.fromstring(qde)  # a parser that follows XML 1.0 would refuse \x0b
    descriptions = [element.text for element in root.iter("{urn:QDA-XML:project:1.0}Description")]
    assert any(text and "第一行" in text and "第二行" in text for text in descriptions)
    assert b"\x0b" not in qde and b"\x00" not in qde and b"\x08" not in qde


def test_anki_notes_carry_the_words_own_modification_time(library):
    store, _ = library
    before = dict(_anki_notes(export("apkg", store)))
    assert set(before.values()) != {1_672_531_200}  # not one fixed clock for every note
    word = next(item for item in store.vocabulary() if item.word == "阐述")
    store.db.execute("UPDATE vocabulary SET updated = '2020-01-01T00:00:00+00:00' WHERE id = ?", [word.id])
    assert dict(_anki_notes(export("apkg", store)))["阐述"] == int(dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
                                                                    .timestamp())
    store.set_vocab_status(word.id, "known")  # marked known later: Anki must see a newer note to update it
    after = dict(_anki_notes(export("apkg", store)))
    assert after["阐述"] > int(dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc).timestamp())


def test_anki_text_export_has_every_header_anki_reads(library):
    store, _ = library
    lines = export("anki-tsv", store).splitlines()
    headers = {line.split(":", 1)[0]: line.split(":", 1)[1] for line in lines if line.startswith("#")}
    assert headers["#separator"] == "tab" and headers["#html"] == "true"
    assert headers["#notetype"] == "Dubao 读报 vocabulary"
    assert headers["#deck"].startswith("Dubao 读报")
    assert headers["#columns"].split("\t")[:6] == ["Hanzi", "Pinyin", "Definition", "HSK", "Sentence", "Source"]


def test_empty_anki_export_says_there_is_nothing_to_export():
    store, _ = sample_library(with_work=False)
    try:
        for fmt in ("apkg", "anki-tsv"):
            with pytest.raises(DubaoError, match="no saved words"):
                export(fmt, store)
    finally:
        store.close()


def test_w3c_names_the_headline_with_a_term_the_context_defines(library):
    store, issue_id = library
    document = json.loads(export("w3c", store, issue_id=issue_id))
    source = document["first"]["items"][0]["target"]["source"]
    assert "title" not in source  # not a term of anno.jsonld: JSON-LD processors drop it
    assert source["dc:title"] == store.articles(issue_id)[0].headline


def test_citations_put_the_subheadline_in_the_title_and_name_the_photographer(library):
    store, issue_id = library
    import dataclasses

    data = collect(store, issue_id=issue_id)
    article = dataclasses.replace(data.articles[2], photographers=("王洋",), subheadline="店长说")
    data = dataclasses.replace(data, articles=(article,))
    item = json.loads(render("csl-json", data))[0]
    assert item["title"] == "𠮷野家在吕梁开店: 店长说"
    assert {"literal": "王洋"} in item.get("contributor", []) or \
        {"family": "王", "given": "洋"} in item.get("contributor", [])
    ris = render("ris", data).split("\r\n")
    assert "TI  - 𠮷野家在吕梁开店: 店长说" in ris
    assert any(line.startswith("A2  - 王") for line in ris) or any(line.startswith("A4  - 王") for line in ris)


def test_citations_leave_out_a_page_nobody_printed(library):
    store, issue_id = library  # the sample file ends in -p1: a download's page number, not a folio
    item = json.loads(export("csl-json", store, issue_id=issue_id))[0]
    assert "page" not in item
    assert not any(line.startswith("SP  -") for line in export("ris", store, issue_id=issue_id).split("\r\n"))
    assert "第1版" not in export("markdown", store, issue_id=issue_id)


def test_highlight_exports_carry_the_sentence_around_them(library):
    store, issue_id = library
    rows = list(csv.DictReader(io.StringIO(export("csv", store, issue_id=issue_id)[3:].decode("utf-8"))))
    row = next(row for row in rows if row["quote"] == "中国式现代化")
    assert row["sentence"] == "会议指出,习近平总书记的重要讲话,深刻阐述了中国式现代化的一系列重大理论和实践问题。"
    text = export("markdown", store, issue_id=issue_id)
    assert "> 会议指出,习近平总书记的重要讲话,深刻阐述了**中国式现代化**的一系列重大理论和实践问题。" in text


def test_exports_follow_the_umask(tmp_path):
    from dubao.core.export import write_export

    previous = os.umask(0o022)
    try:
        write_export(tmp_path / "notes.md", "# 笔记\n")
    finally:
        os.umask(previous)
    assert (tmp_path / "notes.md").stat().st_mode & 0o777 == 0o644  # others may read it, as any new file
