"""Entities of a huge line, read in bounded windows: names at a window's edge are found whole, offsets past the first
window point at the name, and the reading reports its progress."""

from __future__ import annotations

import pytest

from dubao.core.entities import extract_issue, extract_text
from dubao.core.entities.windowed import find_spans_windowed
from dubao.core.split import split_issue

_FILLER = "研究部署项目建设推进工作落实" * 20  # no punctuation: windows over it are cut hard


@pytest.mark.parametrize("name_at", range(52, 62))
def test_a_name_across_a_hard_cut_is_found_whole(name_at):
    # with windows of 60 characters the first hard cut is at 60: the name sits across it or just before it
    text = _FILLER[:name_at - 4] + "市委书记孙大军主持会议" + _FILLER[:80]
    persons = [(found.text, found.start) for found in find_spans_windowed(text, size=60, overlap=20)
               if found.kind == "person"]
    assert persons == [("孙大军", name_at)]


def test_names_far_into_a_long_line_have_their_offsets():
    sentence = "市委书记孙大军主持会议，研究吕梁市项目建设。"
    text = sentence * 40
    found = find_spans_windowed(text, size=200)
    persons = [found.start for found in found if found.kind == "person"]
    assert persons == [index * len(sentence) + 4 for index in range(40)]
    assert all(text[found.start:found.end] == found.text for found in found)


def test_a_huge_line_in_an_issue_gives_mentions_at_the_right_places_and_reports_progress():
    sentence = "市委书记孙大军主持会议，研究吕梁市项目建设。"
    text = "吕梁日报\n" + sentence * 250 + "\n"  # one paragraph of 5,500 characters: three windows
    issue = split_issue(text)
    calls = []
    entities = extract_issue(issue, progress=lambda done, total: calls.append((done, total)))
    person = next(entity for entity in entities if entity.name == "孙大军")
    article_texts = {article.index: article.text for article in issue.articles}
    assert len(person.mentions) == 250
    assert all(article_texts[m.article][m.start:m.end] == "孙大军" for m in person.mentions)
    total = sum(len(block.text) for article in issue.articles for block in article.blocks)
    assert len(calls) >= 3 and calls[-1] == (total, total)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_extract_text_reports_progress_through_a_long_line():
    text = "市委书记孙大军主持会议，研究吕梁市项目建设。" * 200
    calls = []
    extract_text(text, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) > 1 and calls[-1] == (len(text), len(text))
