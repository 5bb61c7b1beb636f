"""Keyness: which words one part of the library uses markedly more (or less) than another.

Words are as Dubao segments them (dubao.core.language.tokens: jieba with the press dictionary), counting
only tokens with a Han character. Each article's word counts are computed once and kept in
`article_words.word_counts` as arrays of word ids (`corpus_words`), so comparing two years adds up stored
arrays with numpy (bincount) and computes G² for every word at once; the first comparison that covers
articles never counted segments them (about 50,000 characters a second: a year of a full-size daily takes
minutes the first time, a second or two after).

Statistics, as AntConc and Rayson & Garside (2000) compute them:
- log-likelihood G² = 2 Σ O ln(O/E) over the two parts, with E from the pooled relative frequency; 3.84 is
  p < 0.05 and 15.13 p < 0.0001 at one degree of freedom;
- effect size: Hardie's log ratio, log2 of the ratio of relative frequencies, a zero frequency taken as 0.5
  so a word absent from one part still gets a finite size.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from dubao.core.library.corpus import Part
from dubao.core.text import has_han

if TYPE_CHECKING:  # numpy is imported where counts are added up: opening a library must not wait for it
    import numpy as np

    from dubao.core.library.corpus_records import KeynessResult

SIGNIFICANT = 3.84  # G² at p < 0.05, one degree of freedom
_BATCH = 200  # articles segmented per write transaction: progress is kept if a long first run is stopped


def word_counts(text: str) -> Counter:
    """Words with a Han character in `text`, counted."""
    from dubao.core.language.tokens import tokenize

    return Counter(word for word, _, _ in tokenize(text) if has_han(word))


def log_likelihood(freq_a: int, freq_b: int, total_a: int, total_b: int) -> float:
    expected_a = total_a * (freq_a + freq_b) / (total_a + total_b)
    expected_b = total_b * (freq_a + freq_b) / (total_a + total_b)
    value = 0.0
    if freq_a:
        value += freq_a * math.log(freq_a / expected_a)
    if freq_b:
        value += freq_b * math.log(freq_b / expected_b)
    return 2 * value


def log_ratio(freq_a: int, freq_b: int, total_a: int, total_b: int) -> float:
    return math.log2(((freq_a or 0.5) / total_a) / ((freq_b or 0.5) / total_b))


def encode_counts(ids: list[int], counts: list[int]) -> bytes:
    """An article's word counts as stored: the word ids, then their counts (int32, little-endian)."""
    import numpy as np

    return np.array(ids + counts, dtype="<i4").tobytes()


def _sum_counts(blobs: list[bytes]) -> np.ndarray:
    """Counts per word id (index = id) over many articles' stored counts."""
    import numpy as np

    arrays = [np.frombuffer(blob, dtype="<i4") for blob in blobs if blob]
    if not arrays:
        return np.zeros(0, dtype=np.int64)
    ids = np.concatenate([array[:len(array) // 2] for array in arrays])
    counts = np.concatenate([array[len(array) // 2:] for array in arrays])
    return np.bincount(ids, weights=counts).astype(np.int64)


class KeynessMixin:
    """Store methods: word frequencies of a part, and keyness of two parts."""

    def fill_word_counts(self, part: Part, progress: Callable[[int, int], None] | None = None) -> int:
        """Segment the part's articles that have no word counts yet; returns how many were segmented."""
        self.fill_char_counts()
        where, params = part.where()
        missing = [row[0] for row in self.conn.execute(
            f"""SELECT c.article_id FROM article_counts c JOIN issues i ON i.id = c.issue_id
                WHERE NOT EXISTS (SELECT 1 FROM article_words w WHERE w.article_id = c.article_id)
                AND {where}""", params)]
        if not missing:
            return 0
        word_ids = dict(self.conn.execute("SELECT word, id FROM corpus_words"))
        for first in range(0, len(missing), _BATCH):
            batch = missing[first:first + _BATCH]
            marks = ",".join("?" * len(batch))
            counted = [(article_id, word_counts(text)) for article_id, text in self.conn.execute(
                f"SELECT id, text FROM articles WHERE id IN ({marks})", batch).fetchall()]
            with self._write():
                for _, counts in counted:
                    for word in counts:
                        if word not in word_ids:
                            # another process may have added it meanwhile: OR IGNORE, then read its id
                            self.conn.execute("INSERT OR IGNORE INTO corpus_words (word) VALUES (?)", [word])
                            word_ids[word] = self.conn.execute(
                                "SELECT id FROM corpus_words WHERE word = ?", [word]).fetchone()[0]
                self.conn.executemany(
                    "INSERT OR REPLACE INTO article_words (article_id, words, word_counts) VALUES (?, ?, ?)",
                    [(article_id, sum(counts.values()),
                      encode_counts([word_ids[word] for word in counts], list(counts.values())))
                     for article_id, counts in counted])
            if progress is not None:
                progress(min(first + _BATCH, len(missing)), len(missing))
        return len(missing)

    def _word_vector(self, part: Part, progress) -> tuple[np.ndarray, int]:
        self.fill_word_counts(part, progress)
        where, params = part.where()
        rows = self.conn.execute(
            f"""SELECT w.words, w.word_counts FROM article_words w JOIN article_counts c ON c.article_id = w.article_id
                JOIN issues i ON i.id = c.issue_id WHERE {where}""", params).fetchall()
        return _sum_counts([blob for _, blob in rows]), sum(words or 0 for words, _ in rows)

    def _words_of(self, ids) -> dict[int, str]:
        ids = [int(word_id) for word_id in ids]
        found: dict[int, str] = {}
        for first in range(0, len(ids), 500):
            chunk = ids[first:first + 500]
            found.update(self.conn.execute(
                f"SELECT id, word FROM corpus_words WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
        return found

    def word_frequencies(self, part: Part, progress: Callable[[int, int], None] | None = None
                         ) -> tuple[Counter, int]:
        """(word → count, all words) over the part's articles."""
        import numpy as np

        vector, total = self._word_vector(part, progress)
        present = np.nonzero(vector)[0]
        words = self._words_of(present)
        return Counter({words[int(word_id)]: int(vector[word_id]) for word_id in present}), total

    def keyness(self, a: Part, b: Part, *, min_freq: int = 5, limit: int = 100, min_ll: float = SIGNIFICANT,
                progress: Callable[[int, int], None] | None = None) -> KeynessResult:
        """Words by log-likelihood between parts A and B (both directions), strongest first. Words seen fewer
        than `min_freq` times in A and B together are left out (their statistics mean little), and so are
        words whose G² is below `min_ll` (default 3.84: p < 0.05)."""
        import numpy as np

        from dubao.core.library.corpus_records import Keyword, KeynessResult  # at first use: see corpus_records

        freq_a, total_a = self._word_vector(a, progress)
        freq_b, total_b = self._word_vector(b, progress)
        if not (total_a and total_b):
            return KeynessResult(a, b, total_a, total_b, ())
        size = max(len(freq_a), len(freq_b))
        count_a = np.pad(freq_a, (0, size - len(freq_a))).astype(np.float64)
        count_b = np.pad(freq_b, (0, size - len(freq_b))).astype(np.float64)
        candidates = np.nonzero(count_a + count_b >= max(1, min_freq))[0]
        count_a, count_b = count_a[candidates], count_b[candidates]
        expected_a = total_a * (count_a + count_b) / (total_a + total_b)
        expected_b = total_b * (count_a + count_b) / (total_a + total_b)
        with np.errstate(divide="ignore", invalid="ignore"):
            g2 = 2 * (np.where(count_a > 0, count_a * np.log(count_a / expected_a), 0.0)
                      + np.where(count_b > 0, count_b * np.log(count_b / expected_b), 0.0))
        ratios = np.log2((np.where(count_a > 0, count_a, 0.5) / total_a) / (np.where(count_b > 0, count_b, 0.5) / total_b))
        # the strongest `limit`, plus any tied with the last of them, then ordered by G² and word
        order = np.argsort(-g2, kind="stable")
        order = order[g2[order] >= min_ll]
        if len(order) > limit > 0:
            order = order[g2[order] >= g2[order[limit - 1]]]
        words = self._words_of(candidates[order])
        keywords = [Keyword(
            words[int(candidates[index])], int(count_a[index]), int(count_b[index]),
            round(float(count_a[index]) * 10000 / total_a, 3), round(float(count_b[index]) * 10000 / total_b, 3),
            round(float(g2[index]), 3), round(float(ratios[index]), 3), "a" if ratios[index] > 0 else "b")
            for index in order]
        keywords.sort(key=lambda keyword: (-keyword.log_likelihood, keyword.word))
        return KeynessResult(a, b, total_a, total_b, tuple(keywords[:limit]))
