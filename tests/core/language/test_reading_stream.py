"""Readings of a huge line, read in bounded windows: every character is covered once, in order, with the same
words and readings as reading it whole where the text has sentence ends; progress is reported."""

from __future__ import annotations

from dubao.core.language import readings
from dubao.core.language.reading_stream import read_stream

_PRESS = "银行行长说，要增强长期发展能力。我们一起研究了还款计划！会议还决定：不再延长期限。"


def _covers(tokens, text):
    return "".join(t.text for t in tokens) == text and all(
        left.end == right.start for left, right in zip(tokens, tokens[1:])) and tokens[0].start == 0


def test_windows_cut_at_sentence_ends_read_as_the_whole_text_does():
    text = _PRESS * 12
    whole = readings.read_words(readings.unswallow(readings.tokens.tokenize(text)))
    windowed = list(read_stream(text, size=120, overlap=20))
    assert _covers(windowed, text)
    assert windowed == whole


def test_a_line_without_punctuation_is_covered_once_in_order_across_hard_cuts():
    text = "中华人民共和国银行行长增强长期发展能力" * 30
    tokens = list(read_stream(text, size=100, overlap=20))
    assert _covers(tokens, text)
    assert all(len(t.numbers) == len(t.text) for t in tokens)
    long_word = "x" * 250  # one word longer than a window
    assert _covers(list(read_stream("银行" + long_word + "行长", size=100, overlap=20)), "银行" + long_word + "行长")


def test_read_of_a_huge_line_gives_tokens_with_offsets_into_the_whole_line():
    text = _PRESS * 300  # past the window: read in pieces
    tokens = readings.read(text)
    assert _covers(tokens, text)
    assert all(text[t.start:t.end] == t.text for t in tokens)


def test_progress_reaches_the_end():
    text = _PRESS * 10
    calls = []
    list(read_stream(text, size=100, overlap=20, progress=lambda done, total: calls.append((done, total))))
    assert len(calls) > 1 and calls[-1] == (len(text), len(text))
