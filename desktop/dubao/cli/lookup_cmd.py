"""`dubao lookup WORD`: what Dubao knows about a word — the same answer the window's popup gives
(`dubao.core.language.word_info`): reading, every CC-CEDICT entry, HSK 3.0 level, the dictionary words a
compound CC-CEDICT lacks is made of, the glossary formulation it is, the place or organisation it names.

    dubao lookup 行                 行 háng  row; line; …   /   行 xíng  to walk; to go; …
    dubao lookup 高质量发展 --json   {"word", "pinyin", "hsk", "entries": [...], "components": [{"word",
                                     "pinyin", "entries"}], "formulation": {...} | null, "entity": {...} | null}

The user's own glossary entries count when a library is given (`--library`) or the default one exists.
Exit 0 when anything is known about the word, 1 (with a message) when nothing is.
"""

from __future__ import annotations

import sys

from dubao.cli.common import CliError, print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "lookup",
        help="what a word is: reading, CC-CEDICT entries, HSK level, parts, formulation, entity",
        description="Look a Chinese word up: its reading, every CC-CEDICT entry (CC BY-SA 4.0), simplified or "
        "traditional, its HSK 3.0 level, the dictionary words a compound is made of, the formulations glossary "
        "entry and the place or organisation it names.",
    )
    parser.add_argument("word", help="the word, in simplified or traditional characters")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--library", metavar="PATH", help="library whose own glossary entries count too "
                        "(default: the one in your user data folder, when it exists)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from dubao.core.language.dictionary import hsk_label
    from dubao.core.language.word_info import word_info

    word = args.word.strip()
    if not word:
        raise CliError("give a word to look up")
    _use_library_glossary(args.library)
    info = word_info(word)
    if args.json:
        print_json(info.to_json())
        return 0 if info.known() else 1
    if not info.known():
        raise CliError(f"nothing is known about {word!r}: not in the dictionary (CC-CEDICT), the glossary "
                       "or the gazetteer", exit_status=1)
    level = f"HSK {hsk_label(info.hsk)}" if info.hsk else "not on the HSK 3.0 list"
    out = [f"{word}  {info.token.pinyin}  ({level})"]
    for entry in info.entries:
        forms = entry.simplified if entry.simplified == entry.traditional else f"{entry.simplified} ({entry.traditional})"
        out.append(f"  {forms}  {entry.pinyin}  [{entry.numbers}]")
        out.append("      " + "; ".join(entry.definitions))
        if entry.measure_words:
            out.append("      measure words: " + ", ".join(entry.measure_words))
    if info.components:
        out.append("  parts: " + " + ".join(f"{c.word} {c.pinyin} “{c.first_meaning or '?'}”" for c in info.components))
    if info.formulation is not None:
        entry = info.formulation
        out.append(f"  formulation ({entry.category}): {entry.name}" + (f" — {entry.english}" if entry.english else ""))
        out.extend(f"      {number}. {part}" for number, part in enumerate(entry.expansion, 1))
        out.append("      " + entry.explanation)
        origin = ", ".join(x for x in (entry.source, entry.since) if x)
        if origin:
            out.append(f"      since: {origin}")
    if info.entity is not None:
        out.append(f"  {info.entity.kind}: {info.entity.name}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _use_library_glossary(library: str | None) -> None:
    """Lay the library's own glossary entries over the shipped glossary (a missing default library: none)."""
    from pathlib import Path

    from dubao.core.entities.glossary import use_user_entries
    from dubao.core.library.store import Store
    from dubao.core.paths import default_library_path

    path = Path(library) if library else default_library_path()
    if not library and not path.exists():
        return
    store = Store.open(path)
    try:
        use_user_entries(store.glossary_entries())
    finally:
        store.close()
