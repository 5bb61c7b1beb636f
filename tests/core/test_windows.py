"""Bounded windows over a huge line: every character is read, cuts fall after sentence ends where there are any,
and a text with no punctuation is cut hard with an overlap whose halves go one to each side."""

from __future__ import annotations

import pytest

from dubao.core.windows import windows


def _kept_ranges(text, size, overlap=20):
    return [(window.keep_start, window.keep_end) for window in windows(text, size, overlap)]


def test_a_text_no_longer_than_the_window_is_one_window():
    text = "市委书记孙大军主持会议。" * 5
    assert [(w.start, w.end, w.keep_start, w.keep_end) for w in windows(text, len(text), 20)] == [(0, len(text), 0, len(text))]


def test_windows_cut_after_sentence_ends_and_keep_every_character_once():
    sentence = "市委书记孙大军主持会议，研究项目建设。"
    text = sentence * 30
    found = list(windows(text, 100, 20))
    assert len(found) > 1
    for window in found[:-1]:
        assert text[window.end - 1] == "。" and window.end - window.start <= 100
        assert (window.keep_start, window.keep_end) == (window.start, window.end)  # no overlap needed
    ranges = _kept_ranges(text, 100)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(left[1] == right[0] for left, right in zip(ranges, ranges[1:]))


def test_closing_quotes_stay_with_their_sentence():
    text = ("他说：“要抓好落实。”" + "工作" * 30) * 5
    for window in list(windows(text, 60, 20))[:-1]:
        assert not text[window.end:].startswith("”")


def test_without_sentence_ends_the_cut_falls_after_a_comma():
    text = "研究项目建设，推进工作落实" * 30
    for window in list(windows(text, 100, 20))[:-1]:
        assert text[window.end - 1] == "，"


def test_text_without_punctuation_is_cut_hard_with_an_overlap_split_in_the_middle():
    text = "研究部署项目建设推进工作落实" * 40
    found = list(windows(text, 100, overlap=20))
    assert len(found) > 2
    for left, right in zip(found, found[1:]):
        assert left.end - right.start == 20  # both read the overlap
        assert left.keep_end == right.keep_start == left.end - 10  # each keeps its half
    assert found[-1].end == len(text)


@pytest.mark.parametrize("size, overlap", [(100, 0), (100, 51), (3, 1)])
def test_an_overlap_that_cannot_work_is_refused(size, overlap):
    with pytest.raises(ValueError):
        list(windows("字" * 500, size, overlap))
