"""Find entity spans in one text (a paragraph, a headline, a credit line).

Candidates come from several finders, strongest first, and a span is kept only if it does not
overlap one kept before it:
  1. glossary formulations (whole units: no name is cut out of them), quoted terms and dates;
  2. persons: bylines/credits, then title + name (市长张广勇), then the tagger's PER spans that pass
     the checks below;
  3. places and organisations, longest first: gazetteer names, Party/government bodies, the tagger's
     LOC/ORG spans (with leading verbs trimmed: 锚定省委 -> 省委).
The vetoes and trims applied to the tagger's guesses live in `entities_checks`.
"""

from __future__ import annotations

import datetime
import re
import threading
from dataclasses import dataclass, replace

from dubao.core.entities import checks
from dubao.core.entities import people
from dubao.core import paths
from dubao.core.entities.dates import find_dates
from dubao.core.entities.formulations import find_formulations
from dubao.core.entities.gazetteer import find_party_bodies, gazetteer, known_names
from dubao.core.entities.tagger import Tagger, words_with_pos

_TAGGER_KIND = {"PER": "person", "LOC": "place", "ORG": "organization"}

_TITLE_HEAD_RE = re.compile("|".join(map(re.escape, people.TITLE_HEADS)))
_TITLE_AFTER_RE = re.compile("|".join(map(re.escape, people.TITLES_AFTER_NAME)))

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
    from dubao.core.entities.tagger import segmenter

    return segmenter().tokenizer.FREQ


def _word_tags():
    from dubao.core.entities.tagger import segmenter

    return segmenter().word_tag_tab


def word_spans(text: str) -> list[tuple[str, str, int, int]]:
    spans, offset = [], 0
    for word, pos in words_with_pos(text):
        spans.append((word, pos, offset, offset + len(word)))
        offset += len(word)
    return spans


def _titled_names(text: str, boundaries: set[int], dictionary, tagged: dict[int, int]) -> list[tuple[int, int]]:
    """Names right after a title head (市长张广勇, 主管刘斌奇): a surname and one or two more
    characters, ending where jieba ends a word (so 李艳荣获 gives 李艳) and not on a function word
    (王晨都表示 gives 王晨). Where the tagger saw a longer name at the same place, it wins.
    党员干部 is no name: a candidate that begins with an ordinary word is skipped."""
    found = []
    for match in _TITLE_HEAD_RE.finditer(text):
        start = match.end()
        if match.group(0) in people.GROUP_NOUNS or start >= len(text):
            continue
        if not people.has_surname(text[start:start + 2]) or text[start] in people.WEAK_SURNAMES:
            end = tagged.get(start) or _transcribed_name_end(text, start, boundaries)
            if end:
                found.append((start, end))
            continue
        if dictionary.get(text[start:start + 2], 0) >= checks.COMMON_WORD_FREQ:
            continue
        for length in (3, 2):
            end = start + length
            name = text[start:end]
            if (end <= len(text) and end in boundaries and people.looks_like_name(name)
                    and not any(c in people.FUNCTION_CHARS for c in name[1:])):
                # the tagger may see a longer name (欧阳 + two characters), never a shorter one here,
                # and never one that runs on into a function word (蓝佛安便来到)
                longer = tagged.get(start, end)
                if longer > end and any(c in people.FUNCTION_CHARS for c in text[end:longer]):
                    longer = end
                found.append((start, max(end, longer)))
                break
    return found


def _transcribed_name_end(text: str, start: int, boundaries: set[int]) -> int | None:
    """伊朗总统莱希: a foreign name right after a title, as a run of transcription characters."""
    end = start
    while end < len(text) and end - start < 10 and (text[end] in people.TRANSCRIPTION_CHARS or text[end] == "·"):
        end += 1
    return end if end - start >= 2 and end in boundaries else None


def _names_before_title(text: str, boundaries: set[int], body_ends: set[int], word_tags) -> list[tuple[int, int]]:
    """省委蓝佛安书记: a name between a Party body (or a clause start) and a title that follows it;
    学习习近平总书记: a name jieba's dictionary knows, anywhere before such a title."""
    found = []
    for match in _TITLE_AFTER_RE.finditer(text):
        end = match.start()
        for length in (3, 2):
            start = end - length
            name = text[start:end]
            if start < 0 or start not in boundaries or not people.looks_like_name(name):
                continue
            if name[0] in people.WEAK_SURNAMES or any(c in people.FUNCTION_CHARS for c in name):
                continue
            known = word_tags.get(name, "").startswith("nr")
            if known or start in body_ends or start == 0 or text[start - 1] in "，。；：、,;:（(“ 　":
                found.append((start, end))
                break
    return found


_LONG_TEXT = 2000  # characters; longer texts are tagged sentence by sentence


def _tagger_spans(text: str, words) -> list[tuple[str, int, int]]:
    """The tagger's spans; a very long text (a whole file pasted as one line) is cut after sentence
    ends, or at a word edge every 2,000 characters if it has none, so memory and time stay linear."""
    if len(text) <= _LONG_TEXT:
        return tagger().spans(text, [(w[0], w[1]) for w in words])
    spans, chunk = [], []
    for word in words:
        chunk.append(word)
        length = word[3] - chunk[0][2]
        # after a sentence end; in a long text with none, after a verb, adverb, conjunction or particle (not
        # inside a name, nor before the noun a preposition governs), or anywhere once twice as long
        if (word is words[-1] or (word[0] in ("。", "！", "？", "；", "\n") and length >= 200)
                or (length >= _LONG_TEXT and word[1][:1] in "vucd") or length >= 2 * _LONG_TEXT):
            offset = chunk[0][2]
            piece = text[offset:chunk[-1][3]]
            spans += [(kind, start + offset, end + offset)
                      for kind, start, end in tagger().spans(piece, [(w[0], w[1]) for w in chunk])]
            chunk = []
    return spans


def _lac_named_spans(text: str) -> dict[tuple[int, int], str]:
    """LAC's persons, places and organisations in `text` when the tagger read it whole with LAC (its
    analysis is cached then): where LAC agrees with the tagger, the word-based vetoes step aside."""
    if len(text) > _LONG_TEXT or not tagger().uses_lac:
        return {}
    from dubao.core.entities import lac as entities_lac

    return entities_lac.named_spans(text)


_NAME_KINDS = ("person", "place", "organization")


# what ends a doctrine or a collective concept: a name before it is part of the concept (马克思 in 马克思主义,
# 中华 in 中华民族), not a mention of the person or place; other proper terms (东亚国家, 第二次世界大战) hold names
_CONCEPT_ENDINGS = ("主义", "理论", "思想", "精神", "民族", "道路", "路线", "现代化", "制度", "复兴")


def term_units(words) -> list[tuple[int, int]]:
    """(start, end) of the proper terms (jieba's nz) that name a doctrine or a collective concept (马克思主义,
    中国特色社会主义, 中华民族伟大复兴): one unit each, no name is cut out of them. Glossary formulations are
    units by themselves (see find_spans). `words`: (word, pos, start, end)."""
    return [(start, end) for word, pos, start, end in words
            if pos == "nz" and end - start >= 4 and word.endswith(_CONCEPT_ENDINGS)]


def inside_unit(units: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of `units` and is shorter than it (中国 in 中国式现代化)."""
    return any(u_start <= start and end <= u_end and end - start < u_end - u_start for u_start, u_end in units)


def prepare_many(texts: list[str]) -> list[tuple[list, list, dict] | None]:
    """Per text, its words, the tagger's spans and LAC's names for `find_spans(text, prepared=...)`, the tagger
    reading all the texts together (faster than one by one, the same spans). None for a blank text or one the
    tagger reads in pieces (longer than 2,000 characters): `find_spans` does those itself. LAC's analyses are
    handed from the tagger to the rules here, not through LAC's small cache, which a batch of many short
    paragraphs would overflow."""
    from dubao.core.entities.lac import named_in

    chosen = [k for k, text in enumerate(texts) if text.strip() and len(text) <= _LONG_TEXT]
    words = {k: word_spans(texts[k]) for k in chosen}
    analyses = [tagger().lac_analysis(texts[k]) for k in chosen]
    tagged = tagger().spans_many([(texts[k], [(w[0], w[1]) for w in words[k]]) for k in chosen], analyses)
    prepared: list[tuple[list, list, dict] | None] = [None] * len(texts)
    for k, spans, analysis in zip(chosen, tagged, analyses):
        prepared[k] = (words[k], spans, named_in(analysis))
    return prepared


def find_spans(text: str, issue_date: datetime.date | None = None, pd_view: bool = False,
               prepared: tuple[list, list] | None = None) -> list[Found]:
    """Entities in one block of text, in reading order; dates resolved against `issue_date`.
    `pd_view` follows People's Daily's annotation where it differs from what the app shows: a
    numbered Party congress (十五大) is then an organisation (in the app it is left to the glossary),
    and every one-character place the tagger finds is kept (京 in 京剧, 华 in 华侨).
    `prepared`: the text's words, tagger spans and LAC's names from `prepare_many`."""
    if not text.strip():
        return []
    words = prepared[0] if prepared is not None else word_spans(text)
    boundaries = {w[2] for w in words} | {len(text)}
    dictionary = _dictionary()
    word_tags = _word_tags()
    taken = [False] * len(text)
    kept: list[Found] = []

    def free(start: int, end: int) -> bool:
        return start < end and not any(taken[start:end])

    units = [] if pd_view else term_units(words)

    def keep(found: Found) -> bool:
        if not free(found.start, found.end):
            return False
        if found.kind in _NAME_KINDS and inside_unit(units, found.start, found.end):
            return False
        for i in range(found.start, found.end):
            taken[i] = True
        kept.append(found)
        return True

    # a glossary formulation is one unit: no place, person or organisation is cut out of it (中国式现代化
    # holds no place 中国); other quoted terms take no characters (“吕梁山猪”, “欧洲企业家对与中国合作” still
    # hold places). People's Daily's corpus tags names inside formulations, so its view keeps them.
    formulations = []
    for item in find_formulations(text, words, dictionary):
        found = Found(item["term"], "formulation", item["start"], item["end"], value=item["name"],
                      expansion=tuple(item["expansion"]), explanation=item["explanation"],
                      source=item["source"], context=item["context"])
        if not (item["known"] and not pd_view and keep(found)):
            formulations.append(found)
    for surface, start, end, value in find_dates(text, issue_date):
        if start in boundaries and end in boundaries:  # not 明日 in 光明日报
            keep(Found(surface, "date", start, end, value=value))

    # ---- persons the layout vouches for, then Party bodies, then the tagger's persons
    for name, start, end, roles, _word in people.find_credits(text):
        keep(Found(name, "person", start, end, roles=roles))
    spans = prepared[1] if prepared is not None else _tagger_spans(text, words)
    lac_named = prepared[2] if prepared is not None else _lac_named_spans(text)
    tagged = {start: end for kind, start, end in spans if kind == "PER"}
    for start, end in _titled_names(text, boundaries, dictionary, tagged):
        if checks.plausible_person(text[start:end], True, dictionary, word_tags):
            keep(Found(text[start:end], "person", start, end))
    bodies = find_party_bodies(text)
    for start, end in _names_before_title(text, boundaries, {end for _n, _s, end in bodies}, word_tags):
        if checks.plausible_person(text[start:end], True, dictionary, word_tags):
            keep(Found(text[start:end], "person", start, end))
    for _name, start, end in bodies:
        keep(Found(text[start:end], "organization", start, end))
    for kind, start, end in spans:
        if kind != "PER":
            continue
        honorific = next((h for h in people.HONORIFICS if text.endswith(h, start, end) and end - len(h) > start), None)
        if honorific:  # 吴先生: the person is 吴, the honorific vouches for it
            end -= len(honorific)
        name = text[start:end]
        # 胡老说: a surname with 老 after it is a respected elder, a person
        elder = end - start == 1 and text.startswith("老", end) and people.has_surname(text[start])
        vouched = honorific is not None or elder or people.title_after(text, end) is not None
        if not vouched and checks.in_four_character_phrase(text, start, end):
            continue
        if checks.plausible_person(name, vouched, dictionary, word_tags, lac_named.get((start, end)) == "PER"):
            keep(Found(name, "person", start, end))

    # ---- places and organisations, longest first
    words_by_span = {(w[2], w[3]): w[1] for w in words}
    words_by_start = {w[2]: w for w in words}
    candidates = []
    for surface, kind, start, end in known_names(text):
        is_alias = gazetteer().canonical(kind, surface) != surface
        if not is_alias or (start in boundaries and end in boundaries):  # not 大理 in 重大理论
            candidates.append((start, end, kind))
    candidates += [(start, end, "place") for start, end in checks.country_runs(text)]
    for kind, start, end in spans:
        if kind == "PER":
            continue
        start, end = checks.trim_leading((start, end), words_by_start, text)
        surface = text[start:end]
        # People's Daily tags every one-character place (京 in 京剧, 华 in 华侨); the app only clear ones
        if end - start == 1 and not pd_view and not checks.one_char_place(text, start, kind):
            continue
        # where LAC reads the same name (微软, 鞍钢), jieba calling it an ordinary word does not veto it
        lac_agrees = lac_named.get((start, end)) == kind
        bounded = (lac_agrees and start in boundaries) or checks.well_bounded(
            start, end, boundaries, text, words_by_span, kind)
        if not checks.HAN.match(surface) or not bounded:
            continue
        parent = checks.parent_org(surface) if kind == "ORG" else None
        if parent:
            end = start + parent
        head = people.title_head_ending_at(text, end)
        if head and end - len(head) - start >= 2:
            end -= len(head)  # 吕梁市第五中学教师: the school, not its teacher
        if kind == "LOC" and not checks.plausible_place(text[start:end], dictionary, word_tags):
            continue
        if checks.time_word(text, start, end) or checks.in_set_phrase_list(text, start, end):
            continue
        if kind == "ORG" and (checks.head_of_title(text, end) or (checks.party_congress(text[start:end])
                                                                  and not pd_view)):
            continue
        if kind == "ORG" and not checks.plausible_organisation(text[start:end], word_tags, lac_agrees):
            continue
        candidates.append((start, end, _TAGGER_KIND[kind]))
    for start, end, kind in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        # (only where something is taken: scanning `kept` for every candidate is quadratic on a long text)
        inside = [f for f in kept if start <= f.start and f.end <= end] if any(taken[start:end]) else []
        if (inside and all(f.kind in ("organization", "place") for f in inside) and kind == "organization"
                and end in boundaries):
            # 国务院办公厅, 中共中央统战部: a longer name absorbs the Party body found inside it
            # (but not 市政协党组班子民, cut out of 民主生活会)
            others = [f for f in kept if f not in inside]
            if not any(f.start < end and start < f.end for f in others):
                for f in inside:
                    kept.remove(f)
                    for i in range(f.start, f.end):
                        taken[i] = False
        keep(Found(text[start:end], kind, start, end))

    kept.extend(formulations)
    if pd_view:
        kept = _people_s_daily_convention(kept)
    kept.sort(key=lambda found: (found.start, -found.end))
    return _with_titles(text, kept, words)


_BARE_GOVERNMENTS = ("市政府", "县政府", "省政府")


def _people_s_daily_convention(kept: list[Found]) -> list[Found]:
    """People's Daily's annotation where it differs from what a reader of the app wants: regions
    without 地区 (东北 in 东北地区: never tagged whole in either dev set) and a bare 市政府 / 县政府 /
    省政府 left untagged (9 of 10 times there)."""
    result = []
    for found in kept:
        if found.kind == "place" and found.text.endswith("地区") and len(found.text) > 2:
            found = replace(found, text=found.text[:-2], end=found.end - 2)
        elif found.kind == "organization" and found.text in _BARE_GOVERNMENTS:
            continue
        result.append(found)
    return result


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
