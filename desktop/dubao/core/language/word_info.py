"""What is this word, here: the one answer shared by the hover popup, the ruby layer, `dubao lookup` and exports.

    >>> info = word_info("高质量发展")               # out of context (the command line)
    >>> info.pinyin, [c.word for c in info.components], info.formulation.english
    ('gāo zhì liàng fā zhǎn', ['高质量', '发展'], 'high-quality development')
    >>> info = word_info_at(analysis, offset)       # the word under the pointer in an analysed article

A `WordInfo` holds the reading (in context when there is one), every CC-CEDICT entry, the HSK 3.0 level,
the components (a word CC-CEDICT lacks, broken into dictionary words that cover it exactly, each with its
reading in this context), the glossary formulation it is, and the entity it names (a person with the titles
printed in this issue). `to_json()` is the shape `dubao lookup --json` prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dubao.core.entities.glossary import Formulation, glossary
from dubao.core.language.dictionary import Dictionary, get_dictionary
from dubao.core.language.syllables import to_marks, tone_of
from dubao.core.models import DictEntry, Entity, Token, to_jsonable
from dubao.core.text import has_han, is_han

if TYPE_CHECKING:
    from dubao.core.analysis import Analysis

MAX_COMPONENT = 8
# CC-CEDICT definitions that only point elsewhere: no meaning to show a learner first
_CROSS_REFERENCES = ("used in ", "variant of ", "old variant of ", "see ", "see also ", "also written ",
                     "erhua variant of ", "surname ")  # longer dictionary words are idioms or titles, never the parts of a press compound


@dataclass(frozen=True, slots=True)
class Component:
    """A dictionary word that is part of a longer word, with its reading there."""

    word: str
    pinyin: str
    entries: tuple[DictEntry, ...]

    @property
    def first_meaning(self) -> str:
        """The first real definition of the entry read as here: not a cross-reference (个 "used in 自个儿")."""
        matching = [e for e in self.entries if e.pinyin.lower() == self.pinyin.lower()] or list(self.entries)
        definitions = [d for entry in matching for d in entry.definitions]
        plain = [d for d in definitions if not d.startswith(_CROSS_REFERENCES)]
        return (plain or definitions or [""])[0]


@dataclass(frozen=True, slots=True)
class CharacterReading:
    """One Han character's syllable: what the ruby layer draws above it."""

    offset: int  # code point in the text the token came from
    syllable: str  # tone marks: "zhǎng"
    tone: int  # 1-4, 5 neutral


@dataclass(frozen=True, slots=True)
class WordInfo:
    token: Token  # the word with its reading (offsets into the article, or 0..len for a word on its own)
    hsk: int | None
    entries: tuple[DictEntry, ...]
    components: tuple[Component, ...] = ()
    formulation: Formulation | None = None
    entities: tuple[tuple[Entity, str], ...] = ()  # (entity, mention text) covering the word, longest first
    sentence: str = ""
    offset: int = 0  # the character asked about

    @property
    def word(self) -> str:
        return self.token.text

    @property
    def entity(self) -> Entity | None:
        """The person, place, organisation or date the word names (a formulation is `formulation`)."""
        return next((entity for entity, _ in self.entities if entity.kind != "formulation"), None)

    @property
    def definition(self) -> str:
        """One line a vocabulary list, a card or an export shows: the first dictionary meaning, else the
        formulation's English rendering, else the parts' first meanings (高质量 high quality + 发展 development)."""
        for entry in self.entries:
            if entry.definitions:
                return entry.definitions[0]
        if self.formulation is not None and self.formulation.english:
            return self.formulation.english
        if self.components and any(part.entries for part in self.components):
            return " + ".join(f"{part.word} {part.first_meaning}".strip() for part in self.components)
        return ""

    def known(self) -> bool:
        """Whether anything at all is known about the word."""
        return bool(self.entries or self.components or self.formulation or self.entities or self.hsk)

    def to_json(self) -> dict:
        entity = self.entity
        return {
            "word": self.word,
            "pinyin": self.token.pinyin,
            "hsk": self.hsk,
            "entries": to_jsonable(list(self.entries)),
            "components": [{"word": c.word, "pinyin": c.pinyin, "entries": to_jsonable(list(c.entries))}
                           for c in self.components],
            "formulation": _formulation_json(self.formulation),
            "entity": None if entity is None else {
                "name": entity.name, "kind": entity.kind, "titles": list(entity.titles),
                "aliases": list(entity.aliases), "value": entity.value},
        }


def _formulation_json(entry: Formulation | None) -> dict | None:
    """The shape issue 15 fixes for `dubao lookup --json` (missing fields null, no parts [])."""
    if entry is None:
        return None
    data = {"name": entry.name, "english": entry.english or None, "expansion": list(entry.expansion),
            "explanation": entry.explanation, "since": entry.since or None, "source": entry.source or None,
            "category": entry.category}
    return data


def _same_syllable(ours: str, theirs: str) -> bool:
    """Equal syllables; a neutral tone on either side matches any tone (朋友 you5 / you3)."""
    ours, theirs = ours.lower(), theirs.lower()
    return ours == theirs or (ours[:-1] == theirs[:-1] and "5" in (ours[-1:], theirs[-1:]))


def _read_as(entries, syllables: tuple[str, ...]) -> bool:
    """Whether one of a dictionary word's entries reads it as `syllables` (its reading in context)."""
    return any(len(parts := entry.numbers.split()) == len(syllables)
               and all(_same_syllable(a, b) for a, b in zip(syllables, parts)) for entry in entries)


def split_into_words(word: str, dictionary: Dictionary, numbers: tuple[str, ...] = ()) -> list[str]:
    """`word` covered exactly by dictionary words: the fewest pieces, then the longest first piece
    (高质量发展 -> 高质量 + 发展, 重要讲话 -> 重要 + 讲话). A character no dictionary knows stands alone.
    With `numbers` (the word's reading in context, one syllable a character) a dictionary word that reads its
    characters otherwise is no piece: 入统率 read rù tǒng lǜ is 入 + 统 + 率, never 入 + 统率 (tǒng shuài)."""
    n = len(word)
    best: list[tuple[int, tuple[str, ...]] | None] = [None] * (n + 1)
    best[n] = (0, ())
    for start in range(n - 1, -1, -1):
        choice = None
        for end in range(min(n, start + MAX_COMPONENT), start, -1):
            piece = word[start:end]
            if (end - start > 1 and piece not in dictionary) or best[end] is None:
                continue
            if end - start > 1 and len(numbers) == n and not _read_as(dictionary.lookup(piece), numbers[start:end]):
                continue
            if end - start == n:
                continue  # the word itself is not one of its parts
            candidate = (best[end][0] + 1, (piece,) + best[end][1])
            if choice is None or candidate[0] < choice[0]:
                choice = candidate
        best[start] = choice
    return list(best[0][1]) if best[0] else list(word)


def components(token: Token, dictionary: Dictionary) -> tuple[Component, ...]:
    """The dictionary words a word CC-CEDICT lacks is made of, each read as in `token` (context)."""
    word = token.text
    if len(word) < 2 or not has_han(word) or dictionary.lookup(word):
        return ()
    numbers = token.numbers if len(token.numbers) == len(word) else ()
    result, position = [], 0
    for piece in split_into_words(word, dictionary, numbers):
        syllables = numbers[position:position + len(piece)]
        pinyin = " ".join(to_marks(s) for s, ch in zip(syllables, piece) if is_han(ch))
        result.append(Component(piece, pinyin, tuple(dictionary.lookup(piece))))
        position += len(piece)
    return tuple(result)


def read_word(word: str) -> Token:
    """A word on its own, read as the reader reads it (jieba words joined into one token)."""
    from dubao.core.language import readings

    parts = readings.read(word)
    return Token(word, 0, len(word), " ".join(p.pinyin for p in parts if p.pinyin),
                 tuple(n for p in parts for n in p.numbers))


def word_info(word: str, dictionary: Dictionary | None = None) -> WordInfo:
    """What is known about `word` out of context: reading, entries, HSK level, components, formulation,
    and the place or organisation the gazetteer knows it as."""
    dictionary = dictionary or get_dictionary()
    word = word.strip()
    token = read_word(word)
    entries = tuple(dictionary.lookup(word))
    return WordInfo(token, dictionary.hsk_level(word), entries, components(token, dictionary),
                    glossary().lookup(word), _gazetteer_entity(word))


def _gazetteer_entity(word: str) -> tuple[tuple[Entity, str], ...]:
    from dubao.core.entities.gazetteer import gazetteer

    table = gazetteer()
    kind = table.kind_of(word)
    if not kind or kind not in ("place", "organization"):
        return ()
    name = table.canonical(kind, word)
    return ((Entity(name=name, kind=kind, aliases=(word,) if name != word else ()), word),)


def word_info_at(analysis: Analysis, offset: int, dictionary: Dictionary | None) -> WordInfo | None:
    """The word at `offset` of an analysed article and what is known about it; None over punctuation, Latin
    text or space. A person's name or a glossary formulation that jieba cut in pieces is taken whole."""
    from dubao.core.analysis import sentence_around

    if not 0 <= offset < len(analysis.text) or not is_han(analysis.text[offset]):
        return None
    token = analysis.token_at(offset)
    if token is None:
        return None
    found = analysis.entities_at(offset)
    token = _whole_unit(analysis, token, found)
    table = glossary()
    formulation = table.lookup(token.text)
    if formulation is None:
        formulation = next((table.lookup(entity.name) for entity, mention in found
                            if entity.kind == "formulation" and mention.start <= token.start
                            and token.end <= mention.end and table.lookup(entity.name)), None)
    entries = tuple(dictionary.lookup(token.text)) if dictionary else ()
    parts = components(token, dictionary) if dictionary else ()
    hsk = dictionary.hsk_level(token.text) if dictionary else None
    entities = tuple((entity, mention.text) for entity, mention in found)
    sentence = sentence_around(analysis.text, token.start, token.end)
    return WordInfo(token, hsk, entries, parts, formulation, entities, sentence, offset)


def _whole_unit(analysis: Analysis, token: Token, found) -> Token:
    """jieba cuts some names (孙 | 大军) and a formulation it does not know whole: when a person mention, or a
    glossary form, covers the word on word edges, the word is the whole name, its reading joined from its words."""
    table = glossary()
    for entity, mention in found:
        wanted = entity.kind == "person" or (entity.kind == "formulation" and mention.text in table)
        if not wanted or (mention.start, mention.end) == (token.start, token.end):
            continue
        parts = []
        offset = mention.start
        while offset < mention.end:
            part = analysis.token_at(offset)
            if part is None or part.start < mention.start or part.end > mention.end:
                break  # the mention does not fall on word edges: keep jieba's word
            parts.append(part)
            offset = part.end
        else:
            return Token(mention.text, mention.start, mention.end, " ".join(p.pinyin for p in parts if p.pinyin),
                         tuple(n for p in parts for n in p.numbers))
    return token


def character_readings(token: Token) -> list[CharacterReading]:
    """One syllable per Han character of a token (`numbers` has one entry per character); characters
    without a reading are left out."""
    text = token.text
    marks = token.pinyin.split()
    han_positions = [i for i, ch in enumerate(text) if is_han(ch)]
    if not han_positions:
        return []
    numbers = token.numbers if len(token.numbers) == len(text) else (None,) * len(text)
    # the tone-marked reading lists syllables of Han characters only (or of every character)
    if len(marks) == len(text):
        marks_by_position = dict(enumerate(marks))
    elif len(marks) == len(han_positions):
        marks_by_position = dict(zip(han_positions, marks))
    else:
        marks_by_position = {}
    result = []
    for position in han_positions:
        number = numbers[position]
        if not number or number == text[position] or not number[-1:].isdigit():
            continue  # no reading known for this character (it gives itself)
        mark = marks_by_position.get(position)
        if not mark or mark == text[position]:
            mark = to_marks(number)
        result.append(CharacterReading(token.start + position, mark, tone_of(number)))
    return result
