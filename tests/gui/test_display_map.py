"""A very long line is cut into display blocks at sentence ends, and the one offset map counts both those cuts
and UTF-16 surrogate pairs (𠮷) — checked here without Qt."""

from __future__ import annotations

import random

from dubao.gui.display_map import DisplayMap, display_breaks, display_spans
from dubao.gui.reader_format import fullwidth_punctuation, fullwidth_slice

SENTENCE = "会议强调，要推动𠮷野高质量发展。"


def test_short_lines_are_never_cut():
    text = "标题\n" + SENTENCE * 3 + "\n" + SENTENCE
    assert display_breaks(text, max_block=200, target=50) == []


def test_a_long_line_is_cut_after_sentence_ends_into_blocks_no_longer_than_the_limit():
    text = "标题\n" + SENTENCE * 100 + "\n尾段。"
    breaks = display_breaks(text, max_block=200, target=50)
    assert breaks, "a 1,600-character line must be cut"
    for cut in breaks:
        assert text[cut - 1] == "。"  # after a sentence end, never inside a word
    spans = list(display_spans(text, breaks))
    assert all(end - start <= 200 for start, end in spans)
    # the blocks are exactly the text: its lines, cut only at the breaks
    assert "\n".join(text[start:end] for start, end in spans) == _with_cuts(text, breaks)


def test_a_line_without_any_punctuation_is_still_cut_at_the_limit():
    text = "字" * 1000
    spans = list(display_spans(text, display_breaks(text, max_block=300, target=100)))
    assert max(end - start for start, end in spans) <= 300
    assert "".join(text[start:end] for start, end in spans) == text


def test_the_offset_map_counts_surrogate_pairs_and_cuts_both_ways():
    text = "标题\n" + SENTENCE * 60
    breaks = display_breaks(text, max_block=120, target=40)
    shown = _with_cuts(text, breaks)  # what the document holds, as UTF-16
    units = shown.encode("utf-16-le")
    mapping = DisplayMap(text, breaks)
    for offset, char in enumerate(text):
        position = mapping.to_document(offset)
        # the document's UTF-16 unit(s) at that position are this very character
        assert units[2 * position:2 * position + len(char.encode("utf-16-le"))].decode("utf-16-le") == char
        assert mapping.to_codepoint(position) == offset
    for cut in breaks:  # a span ending at a cut ends at the block's end, not after the separator
        assert mapping.to_document(cut, end=True) == mapping.to_document(cut) - 1
        assert mapping.to_codepoint(mapping.to_document(cut, end=True)) == cut


def test_full_width_punctuation_converted_a_slice_at_a_time_matches_the_whole():
    rng = random.Random(18)
    alphabet = list(",;:!?()（）1a 中文\n“”.")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert fullwidth_slice(text, start, end) == fullwidth_punctuation(text)[start:end], (text, start, end)


def _with_cuts(text: str, breaks: list[int]) -> str:
    parts, previous = [], 0
    for cut in breaks:
        parts.append(text[previous:cut])
        previous = cut
    parts.append(text[previous:])
    return "\n".join(parts)
