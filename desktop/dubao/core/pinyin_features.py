"""What the polyphone model sees: the features of one polyphonic character in its sentence.

`sites()` walks the characters of a tokenized sentence that the model knows and yields a `Site` per
character: its context features, the dictionary's proposal, and features of each candidate reading.
Both the reading code (`dubao.core.pinyin_model`) and the training script
(`benchmarks/language_train_polyphone.py`) go through `sites()`, so training and use see the same thing.

Context features name the jieba word, its place in the word (B/M/E, S for a one-character word), the
neighbouring characters (one and two either side) and words, and how the dictionary read the character:
"w" the whole word is in the reading table, "d" it is but pypinyin and CC-CEDICT disagree, "s" a word
found by re-splitting, "n" a table word around it across jieba's boundaries (锋镝, 半长轴), "c" the
character alone. Candidate features (prefixed "@") describe a reading itself: whether it is the
character's most common reading, how often table words use it, whether CC-CEDICT proposes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

NEIGHBOUR_SPAN = 4


@dataclass(frozen=True, slots=True)
class Site:
    index: int  # word index in the sentence
    position: int  # character index in that word
    char: str
    features: list[str]
    proposal: str
    candidate_features: dict[str, list[str]]
    word_feature: str | None = None  # "w=<word>" when a dictionary word proposed the reading


def options(site: Site, candidates, learnt_labels, weights) -> set[str]:
    """Readings the model may choose from. When a dictionary word vouches for the proposal, only the
    readings dictionaries give for that word, or that training saw for this very word, are allowed —
    a character's habits elsewhere must not overrule a word (发 is mostly fā, yet 头发 is tóu fa)."""
    if site.word_feature is None:
        result = set(candidates) | set(learnt_labels)
    else:
        result = {label for label, features in site.candidate_features.items() if any(
            feature.startswith("@alt") for feature in features)}
        result.update(label for label in weights.get(site.word_feature, ()) if label != "=")
    result.add(site.proposal)
    return result


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
    return [
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


def neighbour_word(text: str, p: int, table_words: dict[str, str]) -> str | None:
    """Reading of text[p] in the longest table word (2-4 characters) around it, across word boundaries."""
    best = None
    best_length = 1
    for start in range(max(0, p - NEIGHBOUR_SPAN + 1), p + 1):
        for end in range(min(len(text), start + NEIGHBOUR_SPAN), max(p + 1, start + best_length), -1):
            reading = table_words.get(text[start:end])
            if reading is not None:
                best, best_length = reading.split()[p - start], end - start
                break
    return best


def covering_words(text: str, p: int, table_words: dict[str, str]) -> dict[str, list[str]]:
    """Reading -> "@cov<length>" features, one per table word of 2-4 characters that contains text[p]
    (across word boundaries): the votes of every known word around the character."""
    votes: dict[str, list[str]] = {}
    for start in range(max(0, p - NEIGHBOUR_SPAN + 1), p + 1):
        for end in range(max(p + 1, start + 2), min(len(text), start + NEIGHBOUR_SPAN) + 1):
            reading = table_words.get(text[start:end])
            if reading is not None:
                feature = f"@cov{end - start}"
                syllable = reading.split()[p - start]
                if feature not in votes.setdefault(syllable, []):
                    votes[syllable].append(feature)
    return votes


def sites(words: list[str], readings: list[list[str]], sources: list[str], known, tables,
          reading_cache: dict | None = None) -> Iterator[Site]:
    """A Site for every character of `words` that is in `known` (the characters the model has weights for)."""
    text = "".join(words)
    offset = 0
    last = len(words) - 1
    cache = {} if reading_cache is None else reading_cache
    for index, word in enumerate(words):
        for position, char in enumerate(word):
            if char not in known:
                continue
            p = offset + position
            proposal = readings[index][position]
            source = sources[index][position]
            candidate_features = cache.get(char)
            if candidate_features is None:
                candidate_features = cache[char] = reading_features(char, tables)
            if source == "c":
                neighbour = neighbour_word(text, p, tables.words)
                if neighbour is not None:
                    proposal, source = neighbour, "n"
            elif source == "w" and word in tables.disputed:
                alternative = tables.disputed[word].split()[position]
                if alternative != proposal:
                    source = "d"
                    candidate_features = {
                        **candidate_features,
                        alternative: candidate_features.get(alternative, []) + ["@alt"],
                    }
            votes = covering_words(text, p, tables.words)
            if votes:
                candidate_features = dict(candidate_features)
                for reading, extra in votes.items():
                    candidate_features[reading] = candidate_features.get(reading, []) + extra
            features = context_features(
                text,
                p,
                word,
                position,
                words[index - 1] if index else "^",
                words[index + 1] if index < last else "$",
                source,
            )
            # a reading's general habits weigh differently when a dictionary word vouches for the proposal
            group = "|W" if source in ("w", "s") else "|" + source
            candidate_features = {
                reading: [feature + group for feature in extra] for reading, extra in candidate_features.items()
            }
            word_feature = "w=" + word if source in ("w", "s", "d") else None
            yield Site(index, position, char, features, proposal, candidate_features, word_feature)
        offset += len(word)
