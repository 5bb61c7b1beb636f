"""What the polyphone model sees: the features of one polyphonic character in its sentence.

`sites()` walks the characters of a tokenized sentence that the model knows and yields a `Site` per
character: its context features, the dictionary's proposal, and features of each candidate reading.
Both the reading code (`dubao.core.language.polyphone_model`) and the training script
(`benchmarks/builders/language_train_polyphone.py`) go through `sites()`, so training and use see the same thing.

Context features name the jieba word, its place in the word (B/M/E, S for a one-character word), the
neighbouring characters (one and two either side, and their class: Han, digit, Latin, punctuation) and
words, how the clause opens (以…为 against a clause that opens with 为), and how the dictionary read it:
"w" the whole word is in the reading table, "d" it is but pypinyin and CC-CEDICT disagree, "s" a word
found by re-splitting, "n" a table word around it across jieba's boundaries (锋镝, 半长轴), "c" the
character alone. Candidate features (prefixed "@") describe a reading itself: whether it is the
character's most common reading, how often table words use it, whether CC-CEDICT proposes it.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Iterator

NEIGHBOUR_SPAN = 4
CLAUSE_LOOKBACK = 40
CLAUSE_MARKS = frozenset("，。；：！？、,;:!?（）()“”‘’「」《》\n\t ")


class Site:
    """One polyphonic character in its sentence. Features are built only when asked for: most
    characters sit in a dictionary word that leaves a single allowed reading, and need no scoring."""

    __slots__ = ("index", "position", "char", "proposal", "source", "alternative", "word_feature",
                 "_text", "_p", "_word", "_prev_word", "_next_word", "_tables", "_reading_cache", "_votes")

    def __init__(self, index, position, char, proposal, source, alternative, text, p, word, prev_word,
                 next_word, tables, reading_cache, votes=None):
        self.index, self.position, self.char = index, position, char
        self.proposal, self.source, self.alternative = proposal, source, alternative
        # "w=<word>" when a dictionary word proposed the reading: only that word's evidence may overrule it
        self.word_feature = "w=" + word if source in ("w", "s", "d") else None
        self._text, self._p, self._word = text, p, word
        self._prev_word, self._next_word = prev_word, next_word
        self._tables, self._reading_cache = tables, reading_cache
        self._votes = votes

    def features(self) -> list[str]:
        return context_features(self._text, self._p, self._word, self.position, self._prev_word,
                                self._next_word, self.source)

    def candidate_features(self) -> dict[str, list[str]]:
        """Reading -> its "@" features, tagged with the kind of proposal they compete with."""
        # a reading's general habits weigh differently when a dictionary word vouches for the proposal
        group = "|W" if self.source in ("w", "s") else "|" + self.source
        key = (self.char, group)
        base = self._reading_cache.get(key)
        if base is None:
            base = self._reading_cache[key] = {
                reading: [feature + group for feature in extra]
                for reading, extra in reading_features(self.char, self._tables).items()
            }
        votes = self._votes
        if votes is None:
            votes = covering_words(self._text, self._p, self._tables.words)[1]
        if not votes and not self.alternative:
            return base
        result = dict(base)
        if self.alternative:
            result[self.alternative] = result.get(self.alternative, []) + ["@alt" + group]
        for reading, extra in votes.items():
            result[reading] = result.get(reading, []) + [feature + group for feature in extra]
        return result


def options(site: Site, learnt_labels, word_labels) -> set[str]:
    """Readings the model may choose from: those training saw for the character (`learnt_labels`).
    When a dictionary word vouches for the proposal, only the readings dictionaries give for that word,
    or that training saw for this very word (`word_labels`: {"w=<word>": readings}), are allowed — a
    character's habits elsewhere must not overrule a word (发 is mostly fā, yet 头发 is tóu fa)."""
    if site.word_feature is None:
        # the dictionary's other readings of 的, 是 … never occur in running text; leaving them out
        # also spares most of the scoring
        result = set(learnt_labels)
    else:
        result = set(word_labels.get(site.word_feature, ()))
        if site.alternative:
            result.add(site.alternative)
    result.add(site.proposal)
    return result


def char_class(char: str) -> str:
    """H Chinese character, D digit, L Latin letter, ^/$ start/end of text, P anything else (punctuation)."""
    if char in "^$":
        return char
    if char.isdigit():
        return "D"
    if char.isascii() and char.isalpha():
        return "L"
    if "\u3400" <= char <= "\u9fff" or char == "〇":
        return "H"
    return "P"


def context_features(text: str, p: int, word: str, position: int, prev_word: str, next_word: str,
                     source: str) -> list[str]:
    """Features of the character at `text[p]`, which sits at `position` in `word`."""
    before = text[max(0, p - 2):p]
    after = text[p + 1:p + 3]
    l1 = before[-1:] or "^"
    r1 = after[:1] or "$"
    if len(word) == 1:
        place = "S"
    else:
        place = "B" if position == 0 else "E" if position == len(word) - 1 else "M"
    # how the clause opens: 以…为 (wéi) against a clause that opens with 为 (wèi: 为我们…, 为群众…)
    word_start = p - position
    clause_start = word_start
    while clause_start > 0 and word_start - clause_start < CLAUSE_LOOKBACK and text[clause_start - 1] not in CLAUSE_MARKS:
        clause_start -= 1
    clause = "c0" if clause_start == word_start else "cf=" + text[clause_start]
    return [
        clause,
        "lc=" + char_class(l1),
        "rc=" + char_class(r1),
        "b",
        "s=" + source,
        "w=" + word if len(word) > 1 else "w1",
        "l1=" + l1,
        "r1=" + r1,
        "l2=" + before,
        "r2=" + after,
        "lr=" + l1 + r1,
        "pw=" + prev_word,
        "nw=" + next_word,
        "ws=" + source + place,
        "pl1=" + place + l1,
        "pr1=" + place + r1,
    ]


def _share_bucket(count: int, total: int) -> str:
    if not total:
        return "@u=none"
    share = count / total
    for limit, name in ((0.0, "0"), (0.1, "10"), (0.3, "30"), (0.5, "50"), (0.7, "70"), (0.9, "90")):
        if share <= limit:
            return "@u=" + name
    return "@u=100"


def reading_features(char: str, tables) -> dict[str, list[str]]:
    """Context-free features of each reading of `char`: most common reading, share of table words."""
    readings = tables.chars.get(char, ())
    counts = tables.usage.get(char, {})
    total = sum(counts.values())
    result = {}
    for rank, reading in enumerate(readings):
        result[reading] = ["@first" if rank == 0 else "@other", _share_bucket(counts.get(reading, 0), total)]
    return result


def covering_words(text: str, p: int, table_words: dict[str, str],
                   edges: set[int] | None = None) -> tuple[str | None, dict[str, list[str]]]:
    """The table words of 2-4 characters that contain text[p], across jieba's word boundaries:
    (text[p]'s reading in the longest of them that starts and ends on a word edge in `edges` — one
    that cuts through a jieba word contradicts the segmentation, as 年少 in 去年|少 — or None;
    reading -> "@cov<length>" votes of them all)."""
    votes: dict[str, list[str]] = {}
    longest = None
    longest_length = 1
    for start in range(max(0, p - NEIGHBOUR_SPAN + 1), p + 1):
        for end in range(max(p + 1, start + 2), min(len(text), start + NEIGHBOUR_SPAN) + 1):
            reading = table_words.get(text[start:end])
            if reading is not None:
                syllable = reading.split()[p - start]
                feature = "@cov" + str(end - start)
                features = votes.setdefault(syllable, [])
                if feature not in features:
                    features.append(feature)
                if end - start > longest_length and (edges is None or (start in edges and end in edges)):
                    longest, longest_length = syllable, end - start
    return longest, votes


def sites(words: list[str], readings: list[list[str]], sources: list[str], known, tables,
          reading_cache: dict | None = None, skip_words: dict | None = None) -> Iterator[Site]:
    """A Site for every character of `words` that is in `known` (the characters the model has weights for).
    With `skip_words` ({char: {"w=<word>": readings}}, the words training corrected) sites whose reading
    an undisputed dictionary word settles are not yielded at all: when reading, their proposal stands."""
    text = "".join(words)
    offset = 0
    last = len(words) - 1
    cache = {} if reading_cache is None else reading_cache
    disputed = tables.disputed
    edges = None  # word boundaries, computed when first needed
    for index, word in enumerate(words):
        for position, char in enumerate(word):
            if char not in known:
                continue
            p = offset + position
            proposal = readings[index][position]
            source = sources[index][position]
            alternative = None
            votes = None
            if source == "c":
                # a table word around it across jieba's boundaries (锋镝, 半长轴) proposes the reading
                if edges is None:
                    edges = set(accumulate((len(w) for w in words), initial=0))
                neighbour, votes = covering_words(text, p, tables.words, edges)
                if neighbour is not None:
                    proposal, source = neighbour, "n"
            elif source == "w" and word in disputed:
                alternative = disputed[word].split()[position]
                if alternative == proposal:
                    alternative = None
                else:
                    source = "d"
            if source == "w" and skip_words is not None and "w=" + word not in skip_words.get(char, ()):
                continue  # an undisputed dictionary word that training never corrected: nothing to decide
            yield Site(index, position, char, proposal, source, alternative, text, p, word,
                       words[index - 1] if index else "^", words[index + 1] if index < last else "$",
                       tables, cache, votes)
        offset += len(word)
