"""Gazetteers: known places and organisations, their canonical names, and Party/government bodies.

Two bundled files (see resources/data/LICENSES.md):
  places_cn.tsv          China's administrative divisions with short forms (吕梁 -> 吕梁市)
  entities_gazetteer.tsv regions, rivers, countries, and organisations with their abbreviations

`Gazetteer.find(text)` gives the longest known names in a text; `canonical(kind, name)` maps an alias
to the name an entity is listed under, so 吕梁 and 吕梁市 (or 中国能建 and 中国能源建设集团有限公司) merge
across articles and across issues.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from dataclasses import dataclass, field

from dubao.core import paths

# Party and government bodies as the local press names them: 市委, 省委宣传部, 市政协党组, 县人大常委会 …
_LEVEL = r"(?:中共)?(?:[省市县区乡镇村]|自治区|自治州)"
_BODY = (r"(?:委(?:宣传部|组织部|统战部|政法委|办公室|办|常委会|巡察办|督导组|第[一二三四五六七八九十]+督导组)?"
         r"|纪委监委|纪委|监委|政府(?:办公室|办)?|人大常委会|人大|政协(?:党组)?|法院|检察院|军区(?:政治工作局)?"
         r"|文明办|文明委|妇联|总工会|团委|科协|工商联|残联|发改委|国资委|卫健委|教育局|财政局|公安局"
         r"|民政局|商务局|文旅局|审计局|统计局|税务局|水利局|应急管理局|市场监管局|工信局|科技局|人社局"
         r"|能源局|住建局|自然资源局|生态环境局|交通运输局|农业农村局|行政审批服务管理局|信访局|医保局"
         r"|体育局|林业局|退役军人事务局|外事办|融媒体中心)")
PARTY_BODY = re.compile(
    rf"党中央|中共中央|国务院|全国人大常委会|全国人大|全国政协|中央军委|中央纪委|国家监委"
    rf"|{_LEVEL}{_BODY}(?:党组(?:班子)?|机关)?"
)
# a body name must not run on into an ordinary word: 市场 is not 市 + 场
_NOT_AFTER_LEVEL = set("场民级长属区县内外直")
_WORDS_ENDING_IN_LEVEL = {"特区", "城区", "山区", "社区", "地区", "景区", "园区", "新区", "城市", "都市", "城乡",
                          "全市", "全省", "全县", "全区", "外省", "本市", "本省", "各省", "各市", "各县"}


@dataclass
class Gazetteer:
    canonical_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, alias) -> name
    by_first_char: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # char -> [(name, kind)]

    def add(self, kind: str, name: str, aliases: tuple[str, ...] = (), *, match_aliases: bool = True) -> None:
        """`match_aliases=False`: the aliases only canonicalise names found otherwise — county short
        forms such as 合作, 通道, 资源 are ordinary words far more often than places."""
        for surface in (name,) + aliases:
            if not surface:
                continue
            self.canonical_names.setdefault((kind, surface), name)
            if surface == name or match_aliases:
                self.by_first_char.setdefault(surface[0], []).append((surface, kind))

    def finish(self) -> None:
        for entries in self.by_first_char.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def canonical(self, kind: str, name: str) -> str:
        return self.canonical_names.get((kind, name), name)

    def kind_of(self, name: str) -> str | None:
        for kind in ("place", "organization"):
            if (kind, name) in self.canonical_names:
                return kind
        return None

    def find(self, text: str) -> list[tuple[str, str, int, int]]:
        """Longest known names, left to right, not overlapping: (surface, kind, start, end)."""
        found = []
        i = 0
        while i < len(text):
            for surface, kind in self.by_first_char.get(text[i], ()):
                if text.startswith(surface, i):
                    found.append((surface, kind, i, i + len(surface)))
                    i += len(surface)
                    break
            else:
                i += 1
        return found


def find_party_bodies(text: str) -> list[tuple[str, int, int]]:
    """Party and government bodies; a place printed before the level joins it (吕梁市委, 山西省委)."""
    places = {end: start for _s, kind, start, end in known_names(text) if kind == "place"}
    found = []
    for match in PARTY_BODY.finditer(text):
        start, end = match.start(), match.end()
        if end - start < 2 or text[start + 1:start + 2] in _NOT_AFTER_LEVEL:
            continue
        if start > 0 and text[start - 1:start + 1] in _WORDS_ENDING_IN_LEVEL:
            continue  # 特区政府 is not 区政府
        if start + 1 in places and text[start] in "省市县区":  # 吕梁市 + 委: the place ends on the level
            start = places[start + 1]
        elif start in places:  # 吕梁 + 市委
            start = places[start]
        found.append((text[start:end], start, end))
    return found


@lru_cache(maxsize=512)
def known_names(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """`gazetteer().find(text)`, remembered for the last texts: the tagger's features, the Party body finder and
    the span finder all ask for the same paragraph in turn, the features of up to 256 paragraphs before the rules
    read the first of them (`entities.windowed.TAGGED_TEXTS`)."""
    return tuple(gazetteer().find(text))


_loaded: Gazetteer | None = None
_lock = threading.Lock()


def gazetteer() -> Gazetteer:
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _load()
    return _loaded


def _load() -> Gazetteer:
    table = Gazetteer()
    for line in paths.resource("data", "places_cn.tsv").read_text(encoding="utf-8").splitlines():
        name, level, short = (line.split("\t") + ["", ""])[:3]
        table.add("place", name, (short,) if short else (), match_aliases=level != "county")
    for line in paths.resource("data", "entities_gazetteer.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, name, *rest = line.split("\t")
        aliases = tuple(alias for alias in (rest[0].split("|") if rest else []) if alias)
        table.add(kind, name, aliases)
    table.finish()
    return table
