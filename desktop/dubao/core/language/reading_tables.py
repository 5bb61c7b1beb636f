"""The reading tables behind `dubao.core.language.readings`, built once from pypinyin and CC-CEDICT and cached.

- `chars`: character -> its readings, most common first ("行" -> ("xing2", "hang2", …)), from pypinyin's
  character table, with CC-CEDICT filling characters pypinyin lacks.
- `words`: word -> its reading ("银行" -> "yin2 hang2"), only for words that contain a character with more
  than one reading (a word of unambiguous characters reads the same character by character). pypinyin's
  phrase table comes first (it is curated for readings); CC-CEDICT's common-noun entries add the words it
  lacks, which matters for re-splitting jieba words such as 供应链 into 供应 + 链.
- `max_word`: the longest word in `words`.
- `disputed`: words that pypinyin and CC-CEDICT read differently (CC-CEDICT's reading; pypinyin's is in `words`).
- `neutral`: word -> its reading with a neutral-tone last syllable where CC-CEDICT gives one (朋友 peng2
  you5, 衣服 yi1 fu5, 东西 dong1 xi5). A word CC-CEDICT also reads with a full tone in another common sense
  (地方 di4 fang1 "local", 大意 da4 yi4 "main idea") keeps the full tone, except the few in
  `NEUTRAL_SENSE_WINS` whose neutral sense is the everyday one (and `NEUTRAL_SENSE_LOSES` the reverse). Applied after the polyphone model, to whole
  jieba words only (never to re-split pieces: 东西部 is not dōng xi bù).
- `usage`: for each polyphonic character, how many table words use each of its readings — a prior
  that tells the polyphone model which readings are common in words.

Readings are stored in citation tones: pypinyin writes 一 and 不 with their spoken tone in some phrases
(一个 yí gè, 不是 bú shì); those are put back to yi1 / bu4 here and the spoken form is derived later.
The tables are cached in Dubao's cache folder (keyed on pypinyin's version and the CC-CEDICT file) and
read back in slices (`dubao.core.caches.chunked_marshal`) in a fraction of a second without freezing the GUI thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dubao.core.caches import cache_files, chunked_marshal
from dubao.core.language import dictionary_index
from dubao.core.language.syllables import normalise_numbered, to_numbers
from dubao.core.text import is_han

TABLE_FORMAT = 9  # bumped whenever what the tables hold changes (Han characters: core.text)
# words read with a neutral last syllable although CC-CEDICT also has a full-tone reading (another sense
# of the word, or "also pr."): the neutral one is the sense learners and the press mostly mean
NEUTRAL_SENSE_WINS = frozenset("告诉 东西 知道 妻子 便宜 工夫 出息".split())
# words CC-CEDICT reads only with a neutral tone in a sense the press rarely means: 干事 gàn shi is a
# clerk, but 干事创业 is gàn shì "get things done"
NEUTRAL_SENSE_LOSES = frozenset({"干事"})
_ALSO_PRONOUNCED = re.compile(r"also pr\. \[([^\]]+)\]")
_SANDHI_SPELLINGS = {("一", "yi2"), ("一", "yi4"), ("不", "bu2")}


@dataclass(frozen=True, slots=True)
class ReadingTables:
    chars: dict[str, tuple[str, ...]]
    words: dict[str, str]
    max_word: int
    disputed: dict[str, str]  # word -> CC-CEDICT's reading where it differs from pypinyin's
    usage: dict[str, dict[str, int]]  # polyphonic character -> reading -> number of table words read so
    neutral: dict[str, str] = field(default_factory=dict)  # word -> reading ending in a neutral tone ("": none)


def _citation(word: str, syllables: list[str]) -> list[str]:
    return [
        ("yi1" if ch == "一" else "bu4") if (ch, syl) in _SANDHI_SPELLINGS else syl
        for ch, syl in zip(word, syllables)
    ]


def _char_readings() -> dict[str, list[str]]:
    from pypinyin.pinyin_dict import pinyin_dict

    chars: dict[str, list[str]] = {}
    for code, readings in pinyin_dict.items():
        if is_han(chr(code)):
            chars[chr(code)] = [to_numbers(r) for r in readings.split(",")]
    return chars



def build_tables() -> ReadingTables:
    from pypinyin.phrases_dict import phrases_dict

    chars = _char_readings()
    cedict_words: dict[str, str] = {}
    common_readings: dict[str, list[list[str]]] = {}  # multi-character word -> its common-noun readings
    for _traditional, simplified, numbers, senses in dictionary_index.iter_cedict():
        syllables = [normalise_numbered(s).lower() for s in numbers.split()]
        if len(syllables) != len(simplified) or not all(s[-1].isdigit() for s in syllables):
            continue  # entries with Latin letters or punctuation
        if not all(is_han(ch) for ch in simplified):
            continue  # "P", "卡拉OK", "□": letters and symbols have no reading of their own
        if len(simplified) == 1:
            readings = chars.setdefault(simplified, [])
            if syllables[0] not in readings:
                readings.append(syllables[0])
            continue
        if numbers[:1].islower():
            common_readings.setdefault(simplified, []).append(syllables)
            also = _ALSO_PRONOUNCED.search(senses) if simplified in NEUTRAL_SENSE_WINS else None
            if also:  # 知道 zhi1 dao4, also pr. zhi1 dao5
                common_readings[simplified].append([normalise_numbered(s).lower() for s in also.group(1).split()])
        if simplified not in cedict_words or numbers[:1].islower():
            # the first common-noun reading wins over an earlier proper-noun one ("Chang2 an1" place name)
            if simplified not in cedict_words or cedict_words[simplified][1]:
                cedict_words[simplified] = (" ".join(syllables), numbers[:1].isupper())
    ambiguous = {ch for ch, readings in chars.items() if len(readings) > 1}

    words: dict[str, str] = {}
    for word, readings in phrases_dict.items():
        if len(word) > 1 and any(ch in ambiguous for ch in word):
            syllables = [to_numbers(options[0]) for options in readings]
            if len(syllables) == len(word):
                words[word] = " ".join(_citation(word, syllables))
    disputed: dict[str, str] = {}
    for word, (reading, _proper) in cedict_words.items():
        if any(ch in ambiguous for ch in word):
            cited = " ".join(_citation(word, reading.split()))
            if word in words and " r5" in cited:
                # erhua: CC-CEDICT writes the suffix 儿 as r (哪儿 nǎr), pypinyin as a syllable ér
                words[word] = " ".join(c if c == "r5" else w for w, c in zip(words[word].split(), cited.split()))
            if word not in words:
                words[word] = cited
            elif words[word] != cited:
                disputed[word] = cited
    usage: dict[str, dict[str, int]] = {}
    for word, reading in words.items():
        for ch, syllable in zip(word, reading.split()):
            if ch in ambiguous:
                counts = usage.setdefault(ch, {})
                counts[syllable] = counts.get(syllable, 0) + 1
    return ReadingTables(
        neutral=_neutral_words(common_readings),
        chars={ch: tuple(r) for ch, r in chars.items()},
        words=words,
        max_word=max((len(w) for w in words), default=1),
        disputed=disputed,
        usage=usage,
    )


def _neutral_words(common_readings: dict[str, list[list[str]]]) -> dict[str, str]:
    neutral: dict[str, str] = {}
    for word, readings in common_readings.items():
        endings = [r for r in readings if len(r) == len(word) and r[-1].endswith("5")
                   and not any(s.endswith("5") for s in r[:-1])]
        if not endings:
            continue
        full_tone = [r for r in readings if not r[-1].endswith("5")]
        if full_tone and word not in NEUTRAL_SENSE_WINS or word in NEUTRAL_SENSE_LOSES:
            continue  # 地方 di4 fang1 (local) / di4 fang5 (place): context decides, the full tone stays
        neutral[word] = " ".join(_citation(word, endings[0]))
    # a longer word that ends in one of those but has its own full-tone reading (小朋友 xiao3 peng2 you3)
    # is marked "" so that the suffix rule in `dubao.core.language.readings` leaves it alone
    for word, readings in common_readings.items():
        if word not in neutral and any(word[start:] in neutral for start in range(1, len(word) - 1)):
            neutral[word] = ""
    return neutral


def _cache_name() -> str:
    from importlib.metadata import version

    # not `import pypinyin`: importing it loads its whole phrase table (over 100 MB), which only a rebuild needs
    key = f"{TABLE_FORMAT}:{version('pypinyin')}:{dictionary_index.index_name()}"
    return cache_files.cache_name("readings-", key, ".chunks")


def astuple_shallow(tables: ReadingTables) -> tuple:
    return tables.chars, tables.words, tables.max_word, tables.disputed, tables.usage, tables.neutral


def load_tables() -> ReadingTables:
    """The tables from the cache (prebuilt, else the user's cache folder), built and cached on first use."""
    name = _cache_name()
    cached = cache_files.read_first(name, chunked_marshal.read)  # the prebuilt copy, else the user's
    if cached is not None:
        return ReadingTables(*cached)
    tables = build_tables()
    chunked_marshal.write(cache_files.user_path(name), astuple_shallow(tables), stale_glob="readings-*")
    return tables
