"""The OCR engine's recogniser shared out over threads: every line's reading comes back to that line (runs
without the optional OCR package: a stand-in recogniser)."""

from __future__ import annotations

import threading

import numpy as np

from dubao.core.ingest.pdf_ocr import MAX_WORKERS, ParallelRecognizer, recognition_workers, widest_first


class StandIn:
    """Reads a line picture as its width, as the engine's recogniser would give (text, score) per line."""

    def __init__(self):
        self.calls: list[list[int]] = []
        self.threads: set[str] = set()

    def __call__(self, pictures, return_word_box=False):
        self.calls.append([p.shape[1] for p in pictures])
        self.threads.add(threading.current_thread().name)
        return [(f"w{p.shape[1]}", 0.9, "boxes" if return_word_box else None) for p in pictures], 0.01


def lines(widths):
    return [np.zeros((48, width, 3), dtype=np.uint8) for width in widths]


def test_every_line_gets_its_own_reading_in_page_order():
    widths = [300, 40, 900, 120, 600, 75, 300]
    stand_in = StandIn()
    found, _ = ParallelRecognizer(stand_in, workers=3)(lines(widths), True)
    assert [text for text, _, _ in found] == [f"w{w}" for w in widths]
    assert all(boxes == "boxes" for _, _, boxes in found)  # the word boxes the import places characters by
    assert sorted(len(call) for call in stand_in.calls) == [1] * len(widths)  # one line a run: no padding


def test_the_widest_lines_are_handed_out_first():
    assert widest_first(lines([300, 40, 900, 120])) == [2, 0, 3, 1]


def test_one_worker_reads_on_the_calling_thread():
    stand_in = StandIn()
    found, _ = ParallelRecognizer(stand_in, workers=1)(lines([100, 200]))
    assert [text for text, _, _ in found] == ["w100", "w200"]
    assert stand_in.threads == {threading.current_thread().name}


def test_recognition_uses_the_cores_it_may_but_not_without_bound():
    assert 1 <= recognition_workers() <= MAX_WORKERS
