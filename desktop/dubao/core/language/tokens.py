"""Words: jieba precise mode with code-point offsets and the bundled press dictionary.

`tokenize(text)` returns `(word, start, end)` triples that cover every character of `text` in order
(punctuation, spaces and characters jieba does not know come out one per token).

Loading is made fast and quiet. jieba's own start-up rebuilds or unmarshals its prefix dictionary with
`marshal.load(file)` (about 0.6 s here) and writes its cache to the shared temporary folder. Instead we build the
prefix dictionary once — jieba's dictionary plus `resources/data/press_dict.txt` and every form of the formulations
glossary (`dubao.core.entities.glossary`) already merged in — and store it in Dubao's cache folder (an installed
app ships it prebuilt: `dubao.core.caches.cache_files`); later starts read it back in slices
(`dubao.core.caches.chunked_marshal`: several times faster than jieba's own load, and never holding the GIL long enough to
freeze the window's GUI thread). The cache file name carries a hash of the press dictionary, the glossary's forms
and jieba's version, so editing either or upgrading jieba rebuilds it (and removes the old file). The table is held
as a trie (`dubao.core.language.word_table`: 1.2 MB and a few arrays instead of jieba's 70 MB dict), which also
runs jieba's DAG and route searches.

We configure jieba's default tokenizer (`jieba.dt`), so `jieba.posseg` users get the press words too.
After `ensure_loaded()` everything here is read-only and safe to call from any thread.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from dubao.core import memory, paths
from dubao.core.caches import cache_files, chunked_marshal
from dubao.core.language import word_table
from dubao.core.text import has_han, is_han
from dubao.core.imports import without_modules

with without_modules("pkg_resources"):  # jieba finds its data file by path then: 0.2 s and ~10 MB less
    import jieba

PRESS_DICT_NAME = "press_dict.txt"
_CACHE_PREFIX = "jieba-press-"

_lock = threading.Lock()
_loaded = False


def press_dict_path() -> Path:
    return paths.resource("data", PRESS_DICT_NAME)


def read_press_dict(path: Path | None = None) -> list[tuple[str, int | None, str | None]]:
    """(word, frequency or None, part-of-speech tag or None) for every entry of a jieba user dictionary.
    Lines starting with '#' and blank lines are comments."""
    entries = []
    text = (path or press_dict_path()).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word, freq, tag = parts[0], None, None
        for extra in parts[1:]:
            if extra.isdigit():
                freq = int(extra)
            else:
                tag = extra
        entries.append((word, freq, tag))
    return entries


def press_words() -> frozenset[str]:
    """The press dictionary's words and the glossary's forms: the curated press vocabulary."""
    ensure_loaded()
    return _press_words


def is_word(word: str) -> bool:
    """Whether jieba's dictionary (with the press words) holds `word`."""
    ensure_loaded()
    return jieba.dt.FREQ.get(word, 0) > 0


def glossary_words() -> list[str]:
    """Every printed form of the shipped formulations glossary (中国式现代化, 两个确立 …): press words too, so
    a formulation comes out of the tokenizer whole. Forms with spaces or without a Han character are left out."""
    from dubao.core.entities.glossary import shipped_glossary

    return [form for form in shipped_glossary().forms()
            if not any(ch.isspace() for ch in form) and has_han(form)]


# (word table as 4 parts (`word_table.WordTable.dumps`), total, tags, press words, glossary readings,
# glossary-only words): bump on change
_TABLES_FORMAT = b"7"
_TABLE_PARTS = 9


def _press_bytes() -> bytes:
    """What the press words are built from (the cache key): the press dictionary and the glossary files' bytes
    (read, not parsed: the glossary is parsed only when the tables are rebuilt)."""
    folder = paths.resource("data", "formulations")  # dubao.core.entities.glossary.GLOSSARY_FOLDER
    glossary_files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    return b"".join([_TABLES_FORMAT, press_dict_path().read_bytes(), *(path.read_bytes() for path in glossary_files)])


def _cache_name(press_bytes: bytes) -> str:
    return cache_files.cache_name(_CACHE_PREFIX, press_bytes + jieba.__version__.encode(), ".chunks")


def _read_tables(path: Path) -> tuple | None:
    """(the cache's parts, its word table), or None when `path` is missing, damaged or of another layout."""
    tables = chunked_marshal.read(path)
    table = _word_table(tables)
    return None if table is None else (tables, table)


def _glossary_readings() -> dict[str, str]:
    """{glossary name: its numbered reading} for names of Han characters only whose pinyin has one syllable a
    character (河长制 -> "he2 zhang3 zhi4"): the glossary's readings are checked by hand."""
    from dubao.core.entities.glossary import shipped_entries
    from dubao.core.language.syllables import to_numbers

    readings = {}
    for entry in shipped_entries():
        syllables = entry.pinyin.lower().split()
        if entry.name and all(is_han(ch) for ch in entry.name) and len(syllables) == len(entry.name):
            readings[entry.name] = " ".join(to_numbers(syllable) for syllable in syllables)
    return readings


def glossary_readings() -> dict[str, str]:
    ensure_loaded()
    return _glossary_reading_table


def _build_tables(tokenizer: jieba.Tokenizer) -> tuple:
    """jieba's prefix dictionary with the press words merged in, as jieba's add_word would do; the cache's parts."""
    word_table.uninstall(tokenizer)  # jieba's own code and a dict while the press words are added
    freq_table, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tokenizer.FREQ, tokenizer.total = freq_table, total
    tokenizer.initialized = True  # so suggest_freq below can segment with the base dictionary
    tags: dict[str, str] = {}
    press_words = set()
    for word, freq, tag in read_press_dict():
        press_words.add(word)
        if freq is None:
            # just enough to beat the word's own segmentation, and never below a common word
            freq = max(tokenizer.suggest_freq(word, False), 300)
        tokenizer.add_word(word, freq, tag)
        if tag:
            tags[word] = tag
    glossary_only: dict[str, int] = {}  # words the glossary adds or raises: the entity tagger reads them as before
    press_words_of_dictionary = frozenset(press_words)
    for word in glossary_words():
        press_words.add(word)
        if word in press_words_of_dictionary:
            continue
        needed = max(tokenizer.suggest_freq(word, False), 300)
        if tokenizer.FREQ.get(word, 0) >= needed:
            continue  # whole already: jieba's own tag and frequency stay (the entity tagger was trained on them)
        glossary_only[word] = tokenizer.FREQ.get(word, 0)  # its frequency before: base_cut reads with it
        # no part-of-speech tag: the entity rules read jieba's tags (十五大 untagged stays a possible organisation)
        tokenizer.add_word(word, needed)
    return (*word_table.WordTable.from_dict(tokenizer.FREQ).dumps(), tokenizer.total, tags, sorted(press_words),
            _glossary_readings(), glossary_only)


def ensure_loaded() -> None:
    """Load jieba's dictionary and the press words (from the cache when present). Idempotent, thread-safe."""
    global _loaded, _press_words, _glossary_reading_table, _glossary_only
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.dt
        name = _cache_name(_press_bytes())
        cached = cache_files.read_first(name, _read_tables)  # the prebuilt copy, else the user's
        with tokenizer.lock:
            if cached is None:  # missing, damaged or of another layout: rebuild it
                tables = _build_tables(tokenizer)
                chunked_marshal.write(cache_files.user_path(name), tables, stale_glob=f"{_CACHE_PREFIX}*")
                table = _word_table(tables)
            else:
                tables, table = cached
            tokenizer.total, tags, press, _glossary_reading_table, glossary_only = tables[4:]
            word_table.install(tokenizer, table)
            tokenizer.user_word_tag_tab.update(tags)
            _press_words, _glossary_only = frozenset(press), glossary_only
            tokenizer.tmp_dir = str(paths.cache_dir())  # never the shared /tmp, should jieba rebuild
            tokenizer.initialized = True
        _loaded = True
    memory.release()  # what building or reading the tables freed, and the import-time source lines


def _word_table(tables: tuple | None) -> word_table.WordTable | None:
    if tables is None or len(tables) != _TABLE_PARTS:
        return None
    try:
        return word_table.WordTable.loads(tables[:4])
    except (ValueError, TypeError):
        return None


_press_words: frozenset[str] = frozenset()
_glossary_reading_table: dict[str, str] = {}
_glossary_only: dict[str, int] = {}


def glossary_only_words() -> dict[str, int]:
    """Glossary forms that only the glossary makes whole words ({word: its frequency in jieba's dictionary
    before, 0 when it had none}): 东数西算; not 中国式现代化, which the press dictionary holds."""
    ensure_loaded()
    return _glossary_only


def base_cut(word: str) -> list[str]:
    """`word` cut as jieba would without the glossary-only words: the most probable route over the dictionary's
    other words (a single character always a way through). For readers trained before the glossary was added."""
    import math

    ensure_loaded()
    freq, total, skip = jieba.dt.FREQ, jieba.dt.total, _glossary_only
    n = len(word)
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for start in range(n - 1, -1, -1):
        choice = None
        for end in range(start + 1, n + 1):
            piece = word[start:end]
            count = freq.get(piece)
            if count is None:
                break  # no longer word starts with this prefix
            count = skip.get(piece, count)  # a glossary word's frequency before the glossary
            if end - start > 1 and not count:
                continue
            score = math.log(count or 1) - math.log(total) + best[end][0]
            if choice is None or score > choice[0]:
                choice = (score, end)
        best[start] = choice or (math.log(1) - math.log(total) + best[start + 1][0], start + 1)
    pieces, position = [], 0
    while position < n:
        end = best[position][1]
        pieces.append(word[position:end])
        position = end
    return pieces


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Words of `text` as (word, start, end), offsets in code points, covering every character in order."""
    if not text:
        return []
    ensure_loaded()
    return list(jieba.dt.tokenize(text))
