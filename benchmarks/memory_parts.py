"""What each part of Dubao costs in resident memory: loaded one after another in a fresh process, the growth of
VmRSS (and, in a second fresh process, of tracemalloc's Python allocations) after each step.

    python -m benchmarks.memory_parts [--no-tracemalloc]

Steps, in the order a session meets them: Python, PySide6 with a QApplication, jieba's word table with the
press words (core/language/tokens), the reading tables (pypinyin phrases + CC-CEDICT), the polyphone model,
the CC-CEDICT/HSK dictionary, the part-of-speech words, gazetteer, glossary, the entity tagger, LAC; then
everything *used* on the sample issue (words, readings, every word looked up, entities found). After each
step, `dubao.core.memory.release()` as the app's loaders call it. The last line is JSON: {step: RSS MB after it}.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _steps():
    """(name, function) in loading order; each function loads one part."""

    def qt():
        from PySide6.QtWidgets import QApplication

        _steps.app = QApplication.instance() or QApplication([])

    def words():
        from dubao.core.language import tokens

        tokens.ensure_loaded()

    def reading_tables():
        from dubao.core.language import readings

        readings._tables = readings.load_tables()

    def polyphone():
        from dubao.core.language import readings

        readings.ensure_loaded()

    def dictionary():
        from dubao.core.language.dictionary import get_dictionary

        get_dictionary().lookup("发展")

    def pos_words():
        from dubao.core.entities.pos_words import segmenter

        segmenter()

    def gazetteer():
        from dubao.core.entities.gazetteer import gazetteer as load

        load()

    def glossary():
        from dubao.core.entities.formulations import glossary as load

        load()

    def tagger():
        from dubao.core.entities.spans import tagger as load

        load()

    def lac():
        from dubao.core.entities import lac as entities_lac

        entities_lac.model()

    def used():
        from dubao.core import entities
        from dubao.core.language import readings
        from dubao.core.language.dictionary import get_dictionary
        from dubao.core.language.word_info import word_info
        from dubao.core.paths import sample_issue

        text = sample_issue().read_text(encoding="utf-8")
        dictionary = get_dictionary()
        for token in readings.read(text, neutral_tones=True):
            dictionary.longest_match(text, token.start)
            word_info(token.text, dictionary)
        entities.extract_text(text)

    return [("python", lambda: None), ("pyside6 + QApplication", qt), ("jieba words + press dictionary", words),
            ("reading tables (pypinyin + CC-CEDICT)", reading_tables), ("polyphone model", polyphone),
            ("dictionary (CC-CEDICT + HSK)", dictionary), ("part-of-speech words", pos_words),
            ("gazetteer", gazetteer), ("glossary", glossary), ("entity tagger", tagger), ("LAC (onnxruntime)", lac),
            ("all used on the sample issue", used)]


def measure(traced: bool) -> list[tuple[str, float]]:
    """Run every step in this process; (step, RSS MB or traced MB after it)."""
    if traced:
        import tracemalloc

        tracemalloc.start()
    from benchmarks.proc_memory import status_mb

    from dubao.core import memory

    figures = []
    for name, step in _steps():
        step()
        gc.collect()
        memory.release()  # as the app's loaders do when they finish
        if traced:
            import tracemalloc

            figures.append((name, tracemalloc.get_traced_memory()[0] / 2**20))
        else:
            figures.append((name, status_mb("VmRSS")))
    return figures


def _child(traced: bool) -> list[tuple[str, float]]:
    command = [sys.executable, "-m", "benchmarks.memory_parts", "--child"] + (["--traced"] if traced else [])
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    return [tuple(row) for row in json.loads(output.strip().splitlines()[-1])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the (slow) tracemalloc process")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.traced)))
        return
    rss = _child(False)
    traced = None if args.no_tracemalloc else dict(_child(True))
    print(f"{'step (loaded one after another, fresh process)':42s} {'RSS MB':>8s} {'+RSS':>7s}"
          + ("" if traced is None else f" {'+traced':>8s}"))
    previous, previous_traced = 0.0, 0.0
    for name, value in rss:
        line = f"{name:42s} {value:8.1f} {value - previous:+7.1f}"
        if traced is not None:
            line += f" {traced[name] - previous_traced:+8.1f}"
            previous_traced = traced[name]
        print(line)
        previous = value
    print(json.dumps({name: round(value, 1) for name, value in rss}))


if __name__ == "__main__":
    main()
