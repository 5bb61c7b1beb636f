"""The codebook: hierarchical codes on highlights, memos, counts, co-occurrence, REFI-QDA codebooks in and out."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from store_helpers import make_issue

from dubao.core.errors import AnnotationFileError
from dubao.core.export.qdc import CodebookEntry, read_codebook, write_codebook
from dubao.core.library.corpus import parse_part
from dubao.core.library.store import Store

SCHEMAS = Path(__file__).resolve().parents[3].parent / "shared" / "schemas" / "refi-qda"


@pytest.fixture
def coded(tmp_path):
    """Two issues of two papers; three highlights, two of them overlapping in one article."""
    store = Store.open(tmp_path / "library.sqlite")
    notes = []
    for number, (paper, date) in enumerate([("晋中日报", "2021-01-05"), ("太行晚报", "2022-02-11")]):
        source, issue = make_issue([("标题", ["全市推动高质量发展，乡村振兴稳步推进。"])], salt=str(number))
        outcome = store.save_issue(issue, source, paper=paper, date=date)
        article = store.articles(outcome.issue_id)[0]
        notes.append(store.add_annotation(article.id, 3, 12))
        if number == 0:
            notes.append(store.add_annotation(article.id, 8, 16))
    store.apply_code(notes[0].id, "经济/增长")
    store.apply_code(notes[0].id, "话语/口号")
    store.apply_code(notes[1].id, "农村")
    store.apply_code(notes[2].id, "经济/增长")
    yield store, notes
    store.close()


def test_a_highlight_carries_several_codes_in_a_hierarchy(coded):
    store, notes = coded
    assert store.get_annotation(notes[0].id).tags == ("经济/增长", "话语/口号")
    codes = {code.path: code for code in store.codes()}
    assert set(codes) == {"经济", "经济/增长", "话语", "话语/口号", "农村"}
    assert (codes["经济/增长"].parent, codes["经济/增长"].name, codes["经济/增长"].highlights) == ("经济", "增长", 2)
    assert [code.path for code in store.codes()].index("经济") < [code.path for code in store.codes()].index("经济/增长")
    assert {annotation.id for annotation in store.code_highlights("经济")} == {notes[0].id, notes[2].id}
    store.remove_code(notes[0].id, "话语/口号")
    assert store.get_annotation(notes[0].id).tags == ("经济/增长",)


def test_memos_on_codes_are_kept_and_changed(coded):
    store, _ = coded
    store.add_code("经济/增长", memo="GDP 与增速的提法")
    store.add_code("经济/增长")  # without a memo: the memo stays
    assert store.get_code("经济/增长").memo == "GDP 与增速的提法"
    store.add_code(" 新码 / 子码 ", memo="")
    assert store.get_code("新码/子码").highlights == 0 and store.get_code("新码").memo == ""


def test_code_counts_by_paper_and_period(coded):
    store, _ = coded
    rows = store.code_counts("year")
    assert ("经济/增长", "晋中日报", "2021", 1) in rows and ("经济/增长", "太行晚报", "2022", 1) in rows
    assert store.code_counts("month", parse_part("paper=太行晚报")) == [("经济/增长", "太行晚报", "2022-02", 1)]


def test_cooccurrence_counts_one_highlight_and_overlapping_highlights(coded):
    store, notes = coded
    pairs = store.code_cooccurrence()
    assert pairs[("经济/增长", "话语/口号")] == 1  # both on one highlight
    assert pairs[("农村", "经济/增长")] == 1 and pairs[("农村", "话语/口号")] == 1  # highlights 0 and 1 overlap
    store.delete_annotation(notes[1].id)
    assert ("农村", "经济/增长") not in store.code_cooccurrence()


def test_a_codebook_round_trips_through_qdc_with_hierarchy_and_memos(coded, tmp_path):
    store, _ = coded
    store.add_code("经济/增长", memo="增速")
    data = write_codebook([CodebookEntry(code.path, code.memo) for code in store.codes()])
    with Store.open(tmp_path / "other.sqlite") as other:
        for entry in read_codebook(data):
            other.add_code(entry.path, memo=entry.memo or None)
        assert [code.path for code in other.codes()] == [code.path for code in store.codes()]
        assert other.get_code("经济/增长").memo == "增速"


def test_a_qdc_from_another_program_is_read_and_a_bad_one_refused():
    qdc = """<?xml version="1.0" encoding="utf-8"?>
    <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="QualCoder">
      <Codes>
        <Code guid="1c8d4b7e-0f6b-4a4e-9d3a-7f6a1b2c3d4e" name="Politics" isCodable="true" color="#FF0000">
          <Description>all things political</Description>
          <Code guid="2c8d4b7e-0f6b-4a4e-9d3a-7f6a1b2c3d4e" name="Party/State" isCodable="true"/>
        </Code>
      </Codes>
    </CodeBook>""".encode()
    assert read_codebook(qdc) == [CodebookEntry("Politics", "all things political", "#FF0000"),
                                  CodebookEntry("Politics/Party／State", "", None)]
    with pytest.raises(AnnotationFileError):
        read_codebook(b"<html><body>no</body></html>")
    with pytest.raises(AnnotationFileError):
        read_codebook(b"not xml at all")


@pytest.mark.skipif(not SCHEMAS.is_dir(), reason="shared schemas folder not present")
def test_qdpx_export_nests_codes_and_validates(coded):
    from lxml import etree

    from dubao.core.export import collect, to_qdpx

    store, _ = coded
    data = to_qdpx(collect(store))
    project = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("project.qde"))
    etree.XMLSchema(etree.parse(str(SCHEMAS / "Project-mrt2019.xsd"))).assertValid(project)
    namespace = {"q": "urn:QDA-XML:project:1.0"}
    parent = project.find("q:CodeBook/q:Codes/q:Code[@name='经济']", namespace)
    assert parent is not None and parent.find("q:Code[@name='增长']", namespace) is not None
    qdc = etree.fromstring(write_codebook([CodebookEntry(code.path, code.memo) for code in store.codes()]))
    # a .qdc's codes have the project schema's CodeType: valid inside a project
    wrapper = etree.Element("{urn:QDA-XML:project:1.0}Project", name="check")
    book = etree.SubElement(wrapper, "{urn:QDA-XML:project:1.0}CodeBook")
    book.append(etree.fromstring(etree.tostring(qdc[0]).replace(b"urn:QDA-XML:codebook:1.0",
                                                                 b"urn:QDA-XML:project:1.0")))
    etree.XMLSchema(etree.parse(str(SCHEMAS / "Project-mrt2019.xsd"))).assertValid(wrapper)


def test_renaming_a_code_moves_everything_under_it_with_memos(coded):
    store, notes = coded
    store.add_code("经济/增长", memo="增速")
    assert store.rename_code("经济", "发展/经济") == 2
    assert store.get_annotation(notes[0].id).tags == ("发展/经济/增长", "话语/口号")
    assert store.get_code("发展/经济/增长").memo == "增速" and store.get_code("发展/经济/增长").highlights == 2
    assert not any(code.path.startswith("经济") for code in store.codes())
    with pytest.raises(ValueError):
        store.rename_code("发展", "发展/子")
    with pytest.raises(KeyError):
        store.rename_code("没有", "有")
