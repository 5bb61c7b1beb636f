"""Find entity spans in one text (a paragraph, a headline, a credit line).

Candidates come from several finders, strongest first, and a span is kept only if it does not
overlap one kept before it:
  1. formulations in quotes and dates (fixed shapes, never names);
  2. persons: bylines/credits, then title + name (市长张广勇), then the tagger's PER spans that pass
     the checks below;
  3. places and organisations, longest first: gazetteer names, Party/government bodies, the tagger's
     LOC/ORG spans (with leading verbs trimmed: 锚定省委 -> 省委).
"""

from __future__ import annotations

import datetime
import re
import threading
from dataclasses import dataclass, replace

from dubao.core import entities_people as people
from dubao.core import paths
from dubao.core.entities_dates import find_dates
from dubao.core.entities_formulations import find_formulations
from dubao.core.entities_gazetteer import find_party_bodies, gazetteer
from dubao.core.entities_model import Tagger, words_with_pos

_TAGGER_KIND = {"PER": "person", "LOC": "place", "ORG": "organization"}
# single characters the press uses as place names (中美关系, 欧美, 京津冀 …)
_ONE_CHAR_PLACES = set("中美日俄英法德欧亚非韩朝印京沪津渝港澳台晋冀鲁豫苏浙皖闽赣湘鄂粤桂琼川蜀黔滇藏陕甘青宁新蒙辽吉黑越泰")
_LEADING_NOISE_POS = ("v", "d", "p", "c", "u", "r", "m", "q", "t", "f", "a")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# a common word is not a name unless a title or byline vouches for it (荣获, 书记 …)
_COMMON_WORD_FREQ = 300

_tagger: Tagger | None = None
_tagger_lock = threading.Lock()


def tagger() -> Tagger:
    global _tagger
    with _tagger_lock:
        if _tagger is None:
            _tagger = Tagger.load(paths.resource("data", "entities_tagger.json.gz"))
    return _tagger


def use_tagger(replacement: Tagger) -> None:
    """Swap the tagger (benchmarks evaluate fold models that never saw the evaluation sentences)."""
    global _tagger
    with _tagger_lock:
        _tagger = replacement


@dataclass(frozen=True, slots=True)
class Found:
    text: str
    kind: str
    start: int
    end: int
    title: str | None = None
    roles: tuple[str, ...] = ()
    value: str | None = None
    expansion: tuple[str, ...] = ()
    explanation: str = ""
    source: str = ""
    context: str = ""

    def shifted(self, offset: int) -> "Found":
        return replace(self, start=self.start + offset, end=self.end + offset)


def _dictionary():
    from dubao.core.entities_model import segmenter

    return segmenter().tokenizer.FREQ


def _word_spans(text: str) -> list[tuple[str, str, int, int]]:
    spans, offset = [], 0
    for word, pos in words_with_pos(text):
        spans.append((word, pos, offset, offset + len(word)))
        offset += len(word)
    return spans


def _titled_names(text: str, boundaries: set[int], dictionary) -> list[tuple[int, int]]:
    """Names right after a title head (市长张广勇, 主管刘斌奇): a surname and one or two more
    characters, ending where jieba ends a word (so 李艳荣获 gives 李艳). 党员干部 is no name:
    a candidate that begins with an ordinary word is skipped."""
    found = []
    for head in people.TITLE_HEADS:
        for match in re.finditer(re.escape(head), text):
            start = match.end()
            if start >= len(text) or not people.has_surname(text[start:start + 2]):
                continue
            if dictionary.get(text[start:start + 2], 0) >= _COMMON_WORD_FREQ:
                continue
            for length in (3, 2):
                end = start + length
                name = text[start:end]
                if end <= len(text) and end in boundaries and people.looks_like_name(name):
                    found.append((start, end))
                    break
    return found


def _names_before_title(text: str, boundaries: set[int], body_ends: set[int]) -> list[tuple[int, int]]:
    """省委蓝佛安书记: a name between a Party body (or a clause start) and a title that follows it."""
    found = []
    for head in people.TITLES_AFTER_NAME:
        for match in re.finditer(re.escape(head), text):
            end = match.start()
            for length in (3, 2):
                start = end - length
                if start < 0 or start not in boundaries or not people.looks_like_name(text[start:end]):
                    continue
                if start in body_ends or start == 0 or text[start - 1] in "，。；：、,;:（(“ 　":
                    found.append((start, end))
                    break
    return found


def _plausible_person(name: str, vouched: bool, dictionary) -> bool:
    foreign_shape = len(name) >= 3 and all(_HAN.match(c) or c == "·" for c in name)
    if not (people.looks_like_name(name) or foreign_shape):
        return False
    table = gazetteer()
    if table.kind_of(name):
        return False
    if vouched:
        return True
    if len(name) >= 3 and table.kind_of(name[:2]) == "place":
        return False  # 吕梁强 in 项目强则吕梁强
    if len(name) == 2 and dictionary.get(name, 0) >= _COMMON_WORD_FREQ:
        return False
    if len(name) == 4 and name[:2] not in people.COMPOUND_SURNAMES and "·" not in name:
        return False  # four-character idioms (保驾护航) far outnumber four-character names
    return True


def _well_bounded(start: int, end: int, boundaries: set[int], text: str, words_by_span) -> bool:
    """A tagger place/organisation must start and end where jieba's words do (吕梁思想道 is cut
    out of 吕梁思想道德) and must not be a single ordinary word (蓝海, 并联)."""
    if start not in boundaries or end not in boundaries:
        return False
    pos = words_by_span.get((start, end))
    return pos is None or pos.startswith(("ns", "nt", "nz", "j", "nr")) or end - start > 3


def _trim_leading(span: tuple[int, int], words) -> tuple[int, int]:
    """Drop verbs/adverbs at the start of a tagger span (锚定省委 -> 省委)."""
    start, end = span
    for word, pos, w_start, w_end in words:
        if w_start < start:
            continue
        if w_start >= end or w_end >= end:
            break
        if w_start == start and pos.startswith(_LEADING_NOISE_POS) and not pos.startswith(("ns", "nt", "nr")):
            start = w_end
        else:
            break
    return start, end


def find_spans(text: str, issue_date: datetime.date | None = None, block_kind: str | None = None) -> list[Found]:
    if not text.strip():
        return []
    words = _word_spans(text)
    boundaries = {w[2] for w in words} | {len(text)}
    dictionary = _dictionary()
    taken = [False] * len(text)
    kept: list[Found] = []

    def free(start: int, end: int) -> bool:
        return start < end and not any(taken[start:end])

    def keep(found: Found) -> bool:
        if not free(found.start, found.end):
            return False
        for i in range(found.start, found.end):
            taken[i] = True
        kept.append(found)
        return True

    for item in find_formulations(text, words, dictionary):
        keep(Found(item["term"], "formulation", item["start"], item["end"], expansion=tuple(item["expansion"]),
                   explanation=item["explanation"], source=item["source"], context=item["context"]))
    for surface, start, end, value in find_dates(text, issue_date):
        keep(Found(surface, "date", start, end, value=value))

    # ---- persons the layout vouches for, then Party bodies, then the tagger's persons
    for name, start, end, roles, _word in people.find_credits(text):
        keep(Found(name, "person", start, end, roles=roles))
    for start, end in _titled_names(text, boundaries, dictionary):
        if _plausible_person(text[start:end], True, dictionary):
            keep(Found(text[start:end], "person", start, end))
    bodies = find_party_bodies(text)
    for start, end in _names_before_title(text, boundaries, {end for _n, _s, end in bodies}):
        if _plausible_person(text[start:end], True, dictionary):
            keep(Found(text[start:end], "person", start, end))
    for _name, start, end in bodies:
        keep(Found(text[start:end], "organization", start, end))
    spans = tagger().spans(text, [(w[0], w[1]) for w in words])
    for kind, start, end in spans:
        if kind != "PER":
            continue
        name = text[start:end]
        vouched = people.title_after(text, end) is not None
        if _plausible_person(name, vouched, dictionary):
            keep(Found(name, "person", start, end))

    # ---- places and organisations, longest first
    words_by_span = {(w[2], w[3]): w[1] for w in words}
    candidates = []
    for surface, kind, start, end in gazetteer().find(text):
        if len(surface) >= 3 or (start in boundaries and end in boundaries):  # not 大理 in 重大理论
            candidates.append((start, end, kind))
    for kind, start, end in spans:
        if kind == "PER":
            continue
        start, end = _trim_leading((start, end), words)
        surface = text[start:end]
        if end - start == 1 and not (kind == "LOC" and surface in _ONE_CHAR_PLACES):
            continue
        if end - start > 1 and not (_HAN.match(surface) and _well_bounded(start, end, boundaries, text, words_by_span)):
            continue
        candidates.append((start, end, _TAGGER_KIND[kind]))
    for start, end, kind in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        keep(Found(text[start:end], kind, start, end))

    kept.sort(key=lambda found: found.start)
    return _with_titles(text, kept, words)


def _with_titles(text: str, kept: list[Found], words) -> list[Found]:
    """Attach the printed title to each person; names listed with 、 after a title share it."""
    result: list[Found] = []
    previous_person: Found | None = None
    for found in kept:
        if found.kind != "person" or found.roles:
            result.append(found)
            previous_person = None
            continue
        title = people.title_before(text, found.start, words)
        after = people.title_after(text, found.end)
        if title is None and after is not None:
            org = result[-1] if result and result[-1].end == found.start else None
            title = (org.text + after) if org is not None and org.kind == "organization" else after
        if title is None and previous_person is not None and text[previous_person.end:found.start] == "、":
            title = previous_person.title
        found = replace(found, title=title)
        result.append(found)
        previous_person = found
    return result
