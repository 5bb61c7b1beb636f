"""`dubao lookup WORD`: every CC-CEDICT entry of a word (simplified or traditional) and its HSK 3.0 level.

    dubao lookup 行            行 háng  row; line; …   /   行 xíng  to walk; to go; …
    dubao lookup 行 --json     {"word": "行", "hsk": 3, "entries": [{"simplified", "traditional",
                                "pinyin", "numbers", "definitions", "measure_words"}, …]}

An unknown word prints a clear message and exits with status 1.
"""

from __future__ import annotations

import sys

from dubao.cli.common import CliError, print_json
from dubao.core.models import to_jsonable


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "lookup",
        help="look a word up in CC-CEDICT (all readings) with its HSK level",
        description="Look a Chinese word up in CC-CEDICT (CC BY-SA 4.0): every entry, simplified or traditional, "
        "with readings, definitions and measure words, and its HSK 3.0 level (7 means the 7-9 band).",
    )
    parser.add_argument("word", help="the word, in simplified or traditional characters")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=run)


def _hsk_label(level: int | None) -> str:
    if level is None:
        return "not on the HSK 3.0 list"
    return "HSK 7-9" if level == 7 else f"HSK {level}"


def run(args) -> int:
    from dubao.core.language.dictionary import get_dictionary

    word = args.word.strip()
    if not word:
        raise CliError("give a word to look up")
    dictionary = get_dictionary()
    entries = dictionary.lookup(word)
    if not entries:
        raise CliError(f"{word!r} is not in the dictionary (CC-CEDICT)", exit_status=1)
    level = dictionary.hsk_level(word)
    if args.json:
        print_json({"word": word, "hsk": level, "entries": to_jsonable(entries)})
        return 0
    out = [f"{word}  ({_hsk_label(level)})"]
    for entry in entries:
        forms = entry.simplified if entry.simplified == entry.traditional else f"{entry.simplified} ({entry.traditional})"
        out.append(f"  {forms}  {entry.pinyin}  [{entry.numbers}]")
        out.append("      " + "; ".join(entry.definitions))
        if entry.measure_words:
            out.append("      measure words: " + ", ".join(entry.measure_words))
    sys.stdout.write("\n".join(out) + "\n")
    return 0
