"""Entities of an issue: persons (with titles and byline roles), places, organisations, dates and
formulations, merged across articles.

    extract_text(text) -> [(surface, kind, start, end)]           one line or paragraph
    extract_issue(issue, issue_date) -> [Entity]                    the whole issue, merged
    ensure_loaded()                                                 load model and gazetteers once

How a span is found (`entities_spans.find_spans`): the character tagger (entities_model) proposes
PER/LOC/ORG; rules add what the press prints in fixed shapes (bylines, title + name, Party bodies,
gazetteer names, dates, quoted formulations) and veto what the tagger gets wrong in this genre
(吕梁强 in 项目强则吕梁强 is not a person). Over the whole issue, a name the tagger guessed but left
untagged at most of its other occurrences is dropped, and a confirmed name is found wherever it is
printed again. Merging (`entities_merge`) joins aliases (吕梁 = 吕梁市, 中国能建 =
中国能源建设集团有限公司), collects titles as printed, and keeps persons in protocol order.
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import replace

from dubao.core import memory, models
from dubao.core.entities.occurrences import occurrences
from dubao.core.entities.spans import Found, inside_unit, prepare_many, term_units
from dubao.core.entities.windowed import article_units, batches_of, find_spans_windowed
from dubao.core.windows import Progress

# Raised whenever the tagger, the gazetteers or the rules change what is found in an issue already in a library
# (`dubao issues --stale` lists the issues an older analyser read).
ANALYSER_VERSION = "2026.12.3"  # paragraphs over 2,000 characters read in windows

_RECALLED_KINDS = ("person", "place", "organization")
_load_lock = threading.Lock()
_loaded = False


def ensure_loaded() -> None:
    """Load the tagger (and LAC, when it reads LAC's features), jieba's dictionary and the gazetteers
    (about a second, once; thread-safe)."""
    global _loaded
    with _load_lock:
        if _loaded:
            return
        from dubao.core.entities import formulations as entities_formulations
        from dubao.core.entities import gazetteer as entities_gazetteer
        from dubao.core.entities import tagger as entities_model
        from dubao.core.entities import spans as entities_spans

        entities_model.segmenter()
        if entities_spans.tagger().uses_lac:
            from dubao.core.entities import lac as entities_lac

            entities_lac.model()
        entities_gazetteer.gazetteer()
        entities_formulations.glossary()
        _loaded = True
    memory.release()


def extract_text(text: str, pd_view: bool = False, progress: Progress | None = None) -> list[tuple[str, str, int, int]]:
    """(surface text, kind, start, end) in `text`, in reading order; kinds as models.ENTITY_KINDS.
    Spans do not overlap, except a quoted formulation with the names inside it (“吕梁山猪”).
    `pd_view`: People's Daily's annotation conventions, for benchmarks (see find_spans).
    `progress(done, total)`: characters of `text` read so far (a huge text is read in windows)."""
    ensure_loaded()
    done = None if progress is None else (lambda characters: progress(characters, len(text)))
    return [(found.text, found.kind, found.start, found.end)
            for found in find_spans_windowed(text, pd_view=pd_view, done=done)]


def _as_date(value: datetime.date | str | None) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def masthead_date(issue: models.Issue) -> datetime.date | None:
    """The issue's own date when the page prints one outside the articles (2023年2月18日 星期六)."""
    from dubao.core.entities.dates import find_dates

    for item in issue.page_items:
        for _surface, _start, _end, value in find_dates(item.text):
            if value and len(value) == 10:
                return datetime.date.fromisoformat(value)
    return None


def extract_issue(issue: models.Issue, issue_date: datetime.date | None = None,
                  progress: Progress | None = None) -> list[models.Entity]:
    """All entities of the issue, merged; mention offsets index into each article's `text`.
    Relative dates are resolved against `issue_date`, or the date printed in the masthead.
    `progress(done, total)`: characters of the articles' blocks read so far, of all, as the reading goes on
    (a huge block is read in windows: see `entities.windowed`).

    Order: persons first in the order of their first mention (protocol order), then places,
    organisations, formulations and dates, each by first mention."""
    from dubao.core.entities.merge import merge

    ensure_loaded()
    date = _as_date(issue_date) or masthead_date(issue)
    total = sum(len(block.text) for article in issue.articles for block in article.blocks)
    before = 0  # characters of the blocks read before the current one
    per_article: list[tuple[int, list[Found]]] = [(article.index, []) for article in issue.articles]
    # each article's proper terms (马克思主义) from its blocks' words, for the recall of known names; None where a
    # block was read in windows (its words were never found whole)
    units: list[list[tuple[int, int]] | None] = [[] for _article in issue.articles]
    blocks = [(k, block) for k, article in enumerate(issue.articles) for block in article.blocks]
    # the paragraphs of the whole issue tagged together in batches, as the windows of a long text are: a
    # paragraph costs what its characters cost, not a call's fixed costs
    for group in batches_of(blocks, lambda item: len(item[1].text)):
        for (k, block), prepared in zip(group, prepare_many([block.text for _k, block in group])):
            done = None if progress is None else (
                lambda characters, _before=before: progress(_before + characters, total))
            for item in find_spans_windowed(block.text, date, done=done, prepared=prepared):
                per_article[k][1].append(item.shifted(block.start))
            before += len(block.text)
            if units[k] is not None and prepared is not None:
                units[k] += [(start + block.start, end + block.start) for start, end in term_units(prepared[0])]
            elif block.text.strip():
                units[k] = None
    per_article = _drop_inconsistent_persons(issue, per_article)
    return merge(_recall_known_names(issue, per_article, units), issue)


def _made_of_blocks(article: models.Article) -> bool:
    """Whether the article's text is its blocks' texts joined by line breaks, each block at its `start`."""
    offset = 0
    for block in article.blocks:
        if block.start != offset:
            return False
        offset += len(block.text) + 1
    return "\n".join(block.text for block in article.blocks) == article.text


def _drop_inconsistent_persons(issue: models.Issue, per_article: list[tuple[int, list[Found]]]):
    """A name the tagger guessed (no title, no byline) but left untagged at most of its other
    occurrences in the issue is dropped: 重卡 tagged once among five 氢能重卡 is a truck, not a man."""
    tagged: dict[str, int] = {}
    vouched: set[str] = set()
    for _index, found_list in per_article:
        for found in found_list:
            if found.kind == "person":
                tagged[found.text] = tagged.get(found.text, 0) + 1
                if found.title or found.roles:
                    vouched.add(found.text)
    guessed = [name for name in tagged if name not in vouched]
    printed = dict.fromkeys(guessed, 0)  # occurrences in the whole issue
    for article in issue.articles:
        for name, starts in occurrences(article.text, guessed).items():
            printed[name] += len(starts)
    doubtful = {name for name in guessed if 2 * tagged[name] < printed[name]}
    return [(index, [f for f in found_list if not (f.kind == "person" and f.text in doubtful)])
            for index, found_list in per_article]


def _longest_known(found: Found, names_by_first: dict[str, list[str]], text: str) -> Found:
    """蓝佛 where the issue also prints 蓝佛安 and the text goes on with 安: the longer name.
    `names_by_first`: the issue's persons by their first character (a huge issue has thousands)."""
    if found.kind != "person":
        return found
    for name in names_by_first.get(found.text[:1], ()):
        if len(name) > len(found.text) and name.startswith(found.text) and text.startswith(name, found.start):
            return replace(found, text=name, end=found.start + len(name))
    return found


def _recall_known_names(issue: models.Issue, per_article: list[tuple[int, list[Found]]],
                        block_units: list[list[tuple[int, int]] | None]):
    """A name the issue confirms somewhere (市长张广勇, 山西鹏飞集团) is the same entity wherever else
    it is printed and nothing else was found (张广勇出席 in a subheadline, 高万才感谢 …).
    Longer names first, so 山西鹏飞集团 is not read as 山西 + 鹏飞集团. `block_units`: each article's proper terms
    from its blocks' words (None: not known), which are the article's own when the blocks make up its text: jieba
    never joins words across a line break."""
    confirmed = {found.text for _index, found_list in per_article for found in found_list
                 if found.kind == "person" and (found.title or found.roles)}
    # a confirmed person is a person everywhere (孙大军主持 in a subheadline is no organisation)
    per_article = [(index, [replace(f, kind="person") if f.text in confirmed else f for f in found_list])
                   for index, found_list in per_article]
    kinds: dict[str, set[str]] = {}
    for _index, found_list in per_article:
        for found in found_list:
            if found.kind in _RECALLED_KINDS and len(found.text) >= 2:
                kinds.setdefault(found.text, set()).add(found.kind)
    names = sorted((name for name, kind in kinds.items() if len(kind) == 1), key=len, reverse=True)
    persons = {name for name in names if kinds[name] == {"person"}}
    persons_by_first: dict[str, list[str]] = {}
    for name in persons:
        persons_by_first.setdefault(name[0], []).append(name)
    result = []
    for article, (index, found_list), from_blocks in zip(issue.articles, per_article, block_units):
        found_list = [_longest_known(found, persons_by_first, article.text) for found in found_list]
        taken = bytearray(len(article.text))  # 1 where a mention is: a byte a character, not a list slot
        for found in found_list:
            taken[found.start:found.end] = [True] * (found.end - found.start)
        extra = []
        units = None  # proper terms of the article (马克思主义): computed at the first name to recall
        printed = occurrences(article.text, names)
        for name in names:
            for start in printed.get(name, ()):
                end = start + len(name)
                if units is None and not any(taken[start:end]):
                    units = article_units(article.text, from_lines=from_blocks if _made_of_blocks(article) else None)
                if not any(taken[start:end]) and not inside_unit(units, start, end):
                    extra.append(Found(name, next(iter(kinds[name])), start, end))
                    taken[start:end] = [True] * len(name)
        result.append((index, sorted(found_list + extra, key=lambda found: found.start)))
    return result
