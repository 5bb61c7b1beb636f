"""The words the entity tagger reads: jieba's segmentation over the app's shared dictionary
(`dubao.core.language.tokens`, jieba's dictionary plus the press words), each with its part of speech.

`words_with_pos(text)` gives (word, part of speech) pairs covering `text`; `segmenter()` the
shared tokenizer (`.tokenizer.FREQ` is the word-frequency table, a `dubao.core.language.word_table.WordTable`)
and the tag table (`.word_tag_tab`, a `WordTags` over the same keys).
"""

from __future__ import annotations

import threading
from pathlib import Path

_segmenter = None
_segmenter_lock = threading.Lock()


def segmenter() -> "WordTagger":
    """jieba words with parts of speech over the app's shared word dictionary (`dubao.core.language.tokens`:
    jieba's dictionary plus the press words), tagged with jieba's own word tags and the press words'.

    Sharing the dictionary and not importing jieba.posseg saves about 100 MB against the private
    jieba copy this used to load; held-out F1 is unchanged (benchmarks/entities_accuracy.py)."""
    global _segmenter
    with _segmenter_lock:
        if _segmenter is None:
            _segmenter = _load_segmenter()
    return _segmenter


class WordTagger:
    """jieba words (dictionary words only, no HMM guessing) with their dictionary part of speech.
    Not jieba.posseg: importing it loads a second copy of the tag table and HMM tables (~70 MB)."""

    def __init__(self, tokenizer, word_tag_tab: dict[str, str], glossary_only=frozenset()):
        self.tokenizer = tokenizer
        self.word_tag_tab = word_tag_tab
        self.glossary_only = glossary_only  # read as their parts: the tagger was trained before they were words

    def words(self, text: str) -> list[tuple[str, str]]:
        tags = self.word_tag_tab
        result = []
        for word in self.tokenizer.cut(text, HMM=False):
            for part in _base_cut(word) if word in self.glossary_only else (word,):
                result.append((part, tags.get(part) or _tag_of_unknown(part)))
        return result


def _base_cut(word: str) -> list[str]:
    from dubao.core.language.tokens import base_cut

    return base_cut(word)


def _tag_of_unknown(word: str) -> str:
    """Numbers 'm', Latin letters and digits 'eng', anything else 'x' (jieba.posseg's classes)."""
    if word.isascii() and word.replace(".", "", 1).isdigit():
        return "m"
    if word.isascii() and word.isalnum():
        return "eng"
    return "x"


def _load_segmenter() -> WordTagger:
    import jieba

    from dubao.core.language import tokens

    tokens.ensure_loaded()
    tags = _tags_over(jieba.dt.FREQ)
    tags.update(jieba.dt.user_word_tag_tab)  # the press words' tags
    return WordTagger(jieba.dt, tags, tokens.glossary_only_words())


def _tags_over(words: "WordTable") -> "WordTags":
    """jieba's tag of every key of the shared word table (`dubao.core.language.word_table`): one number per key
    (0.7 MB) instead of a dict of its own (7 MB over shared keys, 40 MB with keys of its own). Cached as the tag
    names and the numbers in key order, stamped with the table's digest, so loading is two reads."""
    import marshal
    from array import array

    from dubao.core.caches import cache_files
    from dubao.core.language.word_table import WordTags

    def read(cache: Path) -> "WordTags | None":
        try:
            names, numbers = marshal.loads(cache.read_bytes())
            ids = array("H")
            ids.frombytes(numbers)
            if len(ids) != len(words) or not all(isinstance(name, str) for name in names):
                raise ValueError("a tag list of another word table")
            return WordTags(words, ids, names)
        except (OSError, ValueError, EOFError, TypeError):
            return None

    name = cache_files.cache_name("entities-word-tags-", words.digest, ".marshal")
    cached = cache_files.read_first(name, read)  # the prebuilt copy, else the user's
    if cached is not None:
        return cached
    tags = WordTags.build(words, _jieba_word_tags())
    _replace_cache(cache_files.user_path(name), marshal.dumps(tags.dumps()), "entities-word-tags-*.marshal")
    return tags


def _replace_cache(cache: Path, data: bytes, older: str) -> None:
    """Write `cache` atomically and delete the older caches matching the glob `older` beside it."""
    try:
        temporary = cache.with_suffix(".tmp")
        temporary.write_bytes(data)
        temporary.replace(cache)
        for stale in cache.parent.glob(older):
            if stale != cache:
                stale.unlink(missing_ok=True)
    except OSError:  # a read-only cache folder only costs time
        pass


def read_jieba_tags() -> dict[str, str]:
    """jieba's dictionary file read as it is (word, frequency, tag per line): word → tag, uncached."""
    import jieba

    tags = {}
    with jieba.dt.get_dict_file() as handle:
        for line in handle:
            parts = line.decode("utf-8").split()
            if len(parts) >= 3:
                tags[parts[0]] = parts[2]
    return tags


def _jieba_word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag per dictionary word (its dict.txt: word, frequency, tag), from a
    marshal cache in Dubao's cache folder when there is one (0.1 s instead of 0.6 s)."""
    import marshal

    import jieba

    from dubao.core.caches import cache_files

    with jieba.dt.get_dict_file() as handle:
        # a frozen app may hand out the dictionary without a file name: then only the version stamps it
        dictionary = Path(getattr(handle, "name", "") or ".")
    cache = None
    try:
        size = dictionary.stat().st_size if dictionary.is_file() else 0
        stamp = f"{jieba.__version__}-{size}".encode()
        # the user's folder only: the installed app ships the word tags built from it, never this input
        cache = cache_files.user_path(cache_files.cache_name("entities-jieba-tags-", stamp, ".marshal", digits=12))
        return marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    tags = read_jieba_tags()
    if cache is not None:
        # also drops the private dictionary copies of earlier versions (entities-jieba-<hash>.marshal, ~30 MB)
        _replace_cache(cache, marshal.dumps(tags), "entities-jieba-*.marshal")
    return tags


def words_with_pos(text: str) -> list[tuple[str, str]]:
    """jieba words with part of speech, dictionary words only (no HMM guessing of unknown words):
    four times faster, and the tagger reads names from characters anyway."""
    return segmenter().words(text)
