"""Regenerate every screenshot the README shows (resources/screenshots/*.png) from the bundled sample issue.

    python -m benchmarks.builders.make_screenshots [--out resources/screenshots] [--only NAME ...]

Reproducible: a fresh library is made in a scratch folder from the sample (seeds/lvliang-ribao-2023-02-18-p1.txt),
with the same highlights, notes and saved words each time, and every picture is rendered by
`dubao --screenshot` in its own offscreen process, with default settings and the light theme unless a picture
asks otherwise — nothing of the user's own library or settings gets in.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from dubao.core.pipeline import import_file

REPO = Path(__file__).resolve().parents[2]

# name -> `dubao --screenshot` options; article numbers are 1-based, in page order
SHOTS: dict[str, list[str]] = {
    "main-window.png": ["--article", "2", "--hover", "市长"],
    "pinyin-above.png": ["--article", "2", "--pinyin", "above"],
    "pinyin-unknown-words.png": ["--article", "2", "--pinyin", "unknown", "--hover", "会谈"],
    "search.png": ["--article", "1", "--search", "吕梁"],
    "vocabulary.png": ["--article", "2", "--tab", "Vocabulary"],
    "library-dark.png": ["--article", "5", "--theme", "dark", "--tab", "Library"],
}

# (article number, text to highlight, colour, note, tags) — what a student might have marked in article 2
HIGHLIGHTS = [
    (2, "深化务实合作", "yellow", "", ()),
    (2, "转型发展", "green", "", ()),
    (2, "“985”重点产业链", "blue", "“985”: the city's key industrial chains — see the glossary", ("提法",)),
]
# (article number, word, status) — saved from the popup; a known word gets no syllables in "unknown" mode
WORDS = [(2, "转型发展", "learning"), (2, "考察", "learning"), (2, "助力", "known"), (2, "深化", "learning"),
         (2, "务实", "learning"), (2, "会谈", "learning")]


def build_library(path: Path) -> None:
    from dubao.core.analysis import analyse, sentence_around
    from dubao.core.language.dictionary import get_dictionary
    from dubao.core.paths import sample_issue
    from dubao.core.library.store import Store

    dictionary = get_dictionary()
    with Store.open(path) as store:
        outcome = import_file(store, sample_issue())
        articles = store.articles(outcome.issue_id)
        for number, quote, colour, note, tags in HIGHLIGHTS:
            article = articles[number - 1]
            start = article.text.index(quote)
            store.add_annotation(article.id, start, start + len(quote), colour, note=note, tags=tags)
        analyses = {}
        for number, word, status in WORDS:
            article = articles[number - 1]
            analysis = analyses.get(number) or analyses.setdefault(number, analyse(article))
            start = article.text.index(word)
            token = analysis.token_at(start)
            reading = token.pinyin if token is not None and token.text == word else ""
            entries = dictionary.lookup(word)
            definition = entries[0].definitions[0] if entries and entries[0].definitions else ""
            item = store.add_vocab(word, pinyin=reading, definition=definition, hsk=dictionary.hsk_level(word),
                                   sentence=sentence_around(article.text, start, start + len(word)),
                                   article_id=article.id, start=start, end=start + len(word))
            if status != item.status:
                store.set_vocab_status(item.id, status)


def render(name: str, options: list[str], library: Path, out: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO / "desktop")}
    command = [sys.executable, "-m", "dubao", "--screenshot", str(out / name), "--library", str(library), *options]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"{name}: {result.stderr.strip().splitlines()[-1] if result.stderr.strip() else 'failed'}")
    print(f"{out / name}  ({' '.join(options)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "resources" / "screenshots")
    parser.add_argument("--only", nargs="+", choices=sorted(SHOTS), help="just these pictures")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="dubao-screenshots-"))
    try:
        library = scratch / "library.sqlite"
        build_library(library)
        for name in args.only or SHOTS:
            # each picture from a copy: a screenshot may not leave anything behind for the next one
            copy = scratch / f"copy-{name}.sqlite"
            source, target = sqlite3.connect(library), sqlite3.connect(copy)
            source.backup(target)  # a consistent copy, WAL pages included
            source.close(), target.close()
            render(name, SHOTS[name], copy, args.out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
