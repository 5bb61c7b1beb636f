"""Title runs: the short lines between bodies, and which role each line plays.

A *title run* is a stretch of title-shaped lines (plus dash sub-titles, own-line bylines and column tags).
Usually it heads the article that follows: [column] [kicker] headline [subheadline…] [byline…].
When the page's text puts an article's body before its headline (as PDF extraction often does), the run
after that body starts with the body's own headline; `split_for_orphan` finds where that headline group
ends by comparing the words of each candidate group with the two bodies (headline-to-body overlap).
"""

from __future__ import annotations

import itertools
import re

from dubao.core.split.source_line import Line
from dubao.core.split.patterns import CLAUSE_MARKS, COLUMN_WORDS, HAN, KICKER_CUE, SUBHEAD_VERB, TRAILING_CREDIT

_WORD_CHARS = re.compile(r"[\w]")
_SHORT_NAME = rf"(?:[{HAN}]{{2,3}}|[{HAN}]\u3000[{HAN}])"
BARE_NAMES = re.compile(rf"^{_SHORT_NAME}(?:[\s、]+{_SHORT_NAME}){{0,3}}$")
_BRACKETED = re.compile(r"^[【\[〔「『].{1,12}[】\]〕」』]$")
_SECTION_PAIR = re.compile(r"^[\u3400-\u9fff]{2,4}[·•][\u3400-\u9fff]{2,4}$")  # 要闻·综合


def bigrams(text: str) -> set[str]:
    """Adjacent pairs of word characters: the words two texts share, without needing a segmenter."""
    chars = "".join(_WORD_CHARS.findall(text))
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def overlap(title: str, body_pairs: set[str]) -> float:
    """Share of the title's character pairs that occur in the body (0..1)."""
    pairs = bigrams(title)
    if not pairs:
        return 0.0
    return len(pairs & body_pairs) / len(pairs)


def is_subheadline_line(line: Line) -> bool:
    """——dash sub-titles, and the short 'who presided/attended' line under a meeting headline (张广勇出席)."""
    if line.shape == "subtitle":
        return True
    return line.shape == "title" and len(line.text) <= 16 and bool(SUBHEAD_VERB.search(line.text))


def can_start_group(line: Line) -> bool:
    """Can this line be the first of an article's title group?"""
    return line.shape in ("title", "column", "byline") and not is_subheadline_line(line)


def looks_like_column(line: Line) -> bool:
    text = line.text
    return bool(_BRACKETED.match(text) or _SECTION_PAIR.match(text)) or (
        len(text) <= 8 and bool(COLUMN_WORDS.search(text))
    )


def assign_roles(run: list[Line]) -> list[tuple[str, Line]]:
    """Block kind for each line of one article's title group, in source order."""
    roles: dict[int, str] = {}
    free: list[Line] = []
    for line in run:
        if line.shape == "subtitle":
            roles[line.index] = "subheadline"
        elif line.shape in ("byline", "dateline"):
            roles[line.index] = "byline"
        elif line.shape == "column":
            roles[line.index] = "column"
        elif free and BARE_NAMES.match(line.text):
            roles[line.index] = "byline"  # 王建华 under an essay's headline: the author, with no role word
        else:
            free.append(line)
    # a column tag leads the group: 两会特稿 · 【图片报道】 · 今日谈
    if free and all(line.shape == "column" for line in run[: run.index(free[0])]):
        first = free[0]
        rest_can_head = len(free) > 1 and not is_subheadline_line(free[1])
        # unmarked, only a very short first line is a tag: 春到农家 over 全县春耕见闻 is a headline
        short = len(first.text) <= 3 or (len(first.text) <= 4 and len(free) >= 3)
        if looks_like_column(first) or (rest_can_head and short):
            roles[first.index] = "column"
            free = free[1:]
    headline: Line | None = None
    kept: list[Line] = []
    for position, line in enumerate(free):
        if headline is not None and is_subheadline_line(line):
            roles[line.index] = "subheadline"
        elif position + 1 < len(free) and headline is None and KICKER_CUE.search(line.text):
            roles[line.index] = "kicker"
        else:
            kept.append(line)
            if headline is None and not is_subheadline_line(line):
                headline = line
    has_sub = any(kind == "subheadline" for kind in roles.values())
    has_kicker = any(kind == "kicker" for kind in roles.values())
    if len(kept) == 1:
        roles[kept[0].index] = "headline"
    elif len(kept) == 2:
        first, second = kept
        if has_sub and not has_kicker:
            roles[first.index], roles[second.index] = "kicker", "headline"
        elif has_kicker:
            roles[first.index], roles[second.index] = "headline", "subheadline"
        else:
            roles[first.index], roles[second.index] = "headline", "subheadline"
    elif len(kept) >= 3:
        roles[kept[0].index] = "headline" if has_kicker else "kicker"
        roles[kept[1].index] = "subheadline" if has_kicker else "headline"
        for line in kept[2:]:
            roles[line.index] = "subheadline"
    if "headline" not in roles.values():
        # a group of only a kicker or only sub-headlines: its first such line is what the page shows biggest
        for line in run:
            if roles.get(line.index) in ("kicker", "subheadline") and line.shape != "subtitle":
                roles[line.index] = "headline"
                break
    return [(roles[line.index], line) for line in run]


_GROUP_REACH = 12


def split_for_orphans(
    run: list[Line], orphan_texts: list[str], next_text: str | None, next_starts_article: bool,
    body_first: bool = False,
) -> list[int]:
    """Where the headline groups of the untitled bodies before `run` end: one cut per body, in page order
    (`run[cuts[i-1]:cuts[i]]` heads body i; an empty slice heads nothing). All zero when no group fits.

    Cuts are tried before every line that can start a group; the division whose groups share the most
    words with their bodies wins, and it must beat giving the whole run to the next body by a clear margin.
    On a page that has shown it prints bodies before their headlines (`body_first`), a late headline is the
    rule: it needs no words in common with its body, only more than with the next one.
    """
    orphan_pairs = [bigrams(text[:3000]) for text in orphan_texts]  # a headline's words show up early
    next_pairs = bigrams(next_text or "")
    # bylines name people, not the topic: only title lines are compared
    joined = [line.text if line.shape in ("title", "subtitle", "column") else "" for line in run]
    # a headline group is a few lines: cuts further in are not tried (keeps a page of short lines fast)
    reach = min(len(run), _GROUP_REACH)
    positions = [cut for cut in range(reach + 1) if cut in (0, len(run)) or can_start_group(run[cut])]
    best = [0] * len(orphan_texts)
    margin, least_own = (-0.05, 0.0) if body_first else (0.35, 0.4)
    best_score = overlap("".join(joined), next_pairs) + margin if next_text else margin
    for cuts in itertools.combinations_with_replacement(positions, len(orphan_texts)):
        score = _division_score(joined, cuts, orphan_pairs, next_pairs, next_text, next_starts_article, least_own)
        # on a tie the later cut wins: a byline between two groups follows its headline
        if score is not None and (score > best_score or (any(cuts) and score == best_score)):
            best, best_score = list(cuts), score
    return best


def _division_score(
    joined: list[str], cuts: tuple[int, ...], orphan_pairs: list[set[str]], next_pairs: set[str],
    next_text: str | None, next_starts_article: bool, least_own: float,
) -> float | None:
    """Words shared by each group and its body, or None for a division that cannot be right."""
    if not any(cuts):
        return None
    score, previous = 0.0, 0
    for cut, pairs in zip(cuts, orphan_pairs):
        if cut > previous:
            own = overlap("".join(joined[previous:cut]), pairs)
            if own < least_own:
                return None
            score += own
        previous = cut
    if previous < len(joined):
        return score + overlap("".join(joined[previous:]), next_pairs)
    if next_text is not None and not next_starts_article:
        return None  # the body after the run would be left without its headline
    return score + (1.0 if next_text is None else 0.5)


_LEAD_SENTENCE = re.compile(r"([^。！？!?\s]{2,16})[。！？!?]")
_PHOTO_TEXTS = 2


def photo_headline(blocks: list[tuple[str, str]]) -> str | None:
    """A news photo printed without a headline is named by its caption's lead when that is a short
    sentence of its own (辅警开展专项训练。8月6日，…): (kind, text) of the item's blocks."""
    texts = [text for kind, text in blocks if kind in ("paragraph", "caption")]
    if not texts or len(texts) > _PHOTO_TEXTS:
        return None
    credited = any(kind == "credit" for kind, _ in blocks) or TRAILING_CREDIT.search(texts[-1]) is not None
    lead = _LEAD_SENTENCE.match(texts[0])
    if not credited or lead is None or CLAUSE_MARKS.search(lead.group(1)):
        return None
    return lead.group(1)

