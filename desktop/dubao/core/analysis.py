"""`analyse(article) -> Analysis`: the one call the reader needs — words with readings in context, and the
entities and formulations mentioned, all as code-point offsets into the article text.

Pure and thread-safe: the GUI runs it on a worker thread and gets a frozen value back. `Analysis.token_at`
and `Analysis.entities_at` answer "what is under this character" in O(log n), which keeps the hover popup
well inside one frame.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Sequence

from dubao.core.models import Article, Entity, Issue, Mention, SourceInfo, Token
from dubao.core.windows import Progress


@dataclass(frozen=True, slots=True)
class Analysis:
    text: str
    tokens: tuple[Token, ...]
    # entities with only the mentions that fall in this article (offsets into `text`)
    entities: tuple[Entity, ...] = ()
    _token_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _mentions: tuple[tuple[int, int, int], ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def build(cls, text: str, tokens: Sequence[Token], entities: Sequence[Entity] = ()) -> "Analysis":
        ordered = tuple(sorted(tokens, key=lambda token: token.start))
        # (start, end, entity index) for every mention, sorted by start for bisecting
        mentions = sorted(
            (mention.start, mention.end, number)
            for number, entity in enumerate(entities)
            for mention in entity.mentions
        )
        return cls(text, ordered, tuple(entities), tuple(t.start for t in ordered), tuple(mentions))

    def token_at(self, offset: int) -> Token | None:
        """The word that contains the character at `offset`, or None (offset outside the text)."""
        index = bisect.bisect_right(self._token_starts, offset) - 1
        if index < 0:
            return None
        token = self.tokens[index]
        return token if token.start <= offset < token.end else None

    def entities_at(self, offset: int) -> list[tuple[Entity, Mention]]:
        """Entities with a mention covering `offset`, longest mention first."""
        found = []
        # mentions are short; any mention covering offset starts at most this far back
        lowest = bisect.bisect_left(self._mentions, (offset - 64,))
        highest = bisect.bisect_right(self._mentions, (offset, float("inf")))
        for start, end, number in self._mentions[lowest:highest]:
            if start <= offset < end:
                entity = self.entities[number]
                mention = next(m for m in entity.mentions if m.start == start and m.end == end)
                found.append((entity, mention))
        found.sort(key=lambda pair: pair[1].start - pair[1].end)
        return found


_SENTENCE_ENDS = "。！？!?；\n"


def sentence_around(text: str, start: int, end: int, limit: int = 160) -> str:
    """The sentence holding text[start:end] (up to and including its closing mark), trimmed to `limit`
    characters around the word — what a vocabulary card shows as the example."""
    left = start
    while left > 0 and text[left - 1] not in _SENTENCE_ENDS and start - left < limit:
        left -= 1
    right = end
    while right < len(text) and text[right - 1:right] not in _SENTENCE_ENDS and right - end < limit:
        if text[right] == "\n":
            break
        right += 1
    return text[left:right].strip()


def read_tokens(text: str, progress: Progress | None = None) -> list[Token]:
    """Words with readings in context (dubao.core.language.readings; a huge text in bounded windows, reporting
    `progress(done, total)` in characters)."""
    from dubao.core.language.reading_stream import read_stream

    # the reader shows what a learner hears: neutral tones where the dictionary has them (朋友 péng you)
    return list(read_stream(text, neutral_tones=True, progress=progress))


def article_entities(article: Article, issue_entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """Issue-wide entities cut down to the mentions in this article (entities it does not mention dropped)."""
    kept = []
    for entity in issue_entities:
        mentions = tuple(m for m in entity.mentions if m.article == article.index)
        if mentions:
            kept.append(_with_mentions(entity, mentions))
    return tuple(kept)


def extract_entities(article: Article, date: str | None = None,
                     progress: Progress | None = None) -> tuple[Entity, ...]:
    """Entities of one article on its own (when the issue's entities are not at hand)."""
    from dubao.core.entities import extract_issue

    issue = Issue(SourceInfo(None, "", "utf-8", len(article.text)), (), (article,))
    return article_entities(article, extract_issue(issue, date, progress=progress))


def analyse(article: Article, entities: Sequence[Entity] | None = None, date: str | None = None,
            progress: Progress | None = None) -> Analysis:
    """Tokens with readings for the whole article text, and its entities.

    `entities`: the issue's entities (from the library) when known — mentions in other articles are dropped;
    None extracts them from this article alone. `progress(done, total)`: how far the work has come, in
    characters (the article's, twice over when its entities are extracted too: words first, then entities)."""
    length = len(article.text)
    steps = 1 if entities is not None else 2
    reading = None if progress is None else (lambda done, _total: progress(done, steps * length))
    tokens = read_tokens(article.text, reading)
    if entities is None:
        finding = None if progress is None else (
            lambda done, total: progress(length + (done * length // total if total else length), 2 * length))
        found = extract_entities(article, date, finding)
    else:
        found = article_entities(article, entities)
    return Analysis.build(article.text, tokens, found)


def _with_mentions(entity: Entity, mentions: tuple[Mention, ...]) -> Entity:
    from dataclasses import replace

    return replace(entity, mentions=mentions)
