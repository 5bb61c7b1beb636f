"""The records the workbench's queries return: trend points, concordance lines, keywords, profiles, codes.

They live apart from the store's query methods (corpus, corpus_kwic, corpus_keyness, corpus_profile, codebook)
because making a frozen dataclass costs about half a millisecond of CPU (its methods are generated and
compiled): opening a library to read an article imports those mixins with the store, and these records only
when a query first needs them (benchmarks/import_cost.py measures it; tests/core/library/test_store_lazy_imports.py
keeps it so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dubao.core.library.codebook import SEPARATOR

if TYPE_CHECKING:
    from dubao.core.library.corpus import Part


# ---- trends (corpus) ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One period of a series. `count`/`per_10k` are None when the period has no text (a gap, not a zero)."""

    period: str
    count: int | None
    chars: int
    per_10k: float | None


# ---- the concordance (corpus_kwic) --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KwicHit:
    """One occurrence. `start`/`end` index the article text; left/match/right are its characters there
    (line breaks shown as spaces). `kind` is the block kind the occurrence starts in."""

    issue: int
    date: str | None
    paper: str | None
    page: str | None
    article: int
    headline: str
    start: int
    end: int
    left: str
    match: str
    right: str
    kind: str | None


@dataclass(frozen=True, slots=True)
class Concordance:
    term: str
    total: int | None  # every occurrence in the part, not only the page; None only when asked not to count
    hits: tuple[KwicHit, ...]


# ---- keyness (corpus_keyness) -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Keyword:
    word: str
    freq_a: int
    freq_b: int
    per_10k_a: float  # per 10,000 words of the part
    per_10k_b: float
    log_likelihood: float
    log_ratio: float  # > 0: more frequent in A
    key_in: str  # "a" or "b": where the word is over-represented


@dataclass(frozen=True, slots=True)
class KeynessResult:
    a: Part
    b: Part
    words_a: int  # all words of part A
    words_b: int
    keywords: tuple[Keyword, ...]


# ---- profiles (corpus_profile) ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sighting:
    """Where something was seen: the issue's date, paper, and the article (id and headline)."""

    date: str | None
    paper: str | None
    issue: int
    article: int
    headline: str


@dataclass(frozen=True, slots=True)
class TitleSpan:
    title: str
    issues: int  # how many issues printed the name with this title
    first: Sighting
    last: Sighting


@dataclass(frozen=True, slots=True)
class CoMention:
    name: str
    kind: str
    articles: int  # articles that mention both


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    kinds: tuple[str, ...]
    mentions: int
    articles: int
    issues: int
    first: Sighting
    last: Sighting
    titles: tuple[TitleSpan, ...]
    roles: tuple[str, ...]
    co_mentions: tuple[CoMention, ...]
    timeline: tuple[tuple[str, int], ...]  # (YYYY-MM, mentions); undated issues are left out
    expansion: tuple[str, ...] = ()  # a formulation's enumerated parts, as last printed
    explanation: str = ""  # a formulation's line from the glossary


# ---- the codebook (codebook) --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Code:
    path: str  # "经济/增长"
    memo: str
    highlights: int  # live highlights carrying exactly this code

    @property
    def name(self) -> str:
        return self.path.rsplit(SEPARATOR, 1)[-1]

    @property
    def parent(self) -> str | None:
        return self.path.rsplit(SEPARATOR, 1)[0] if SEPARATOR in self.path else None

    @property
    def depth(self) -> int:
        return self.path.count(SEPARATOR)
