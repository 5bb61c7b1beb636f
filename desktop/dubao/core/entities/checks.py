"""Checks on the candidates of `entities_spans`: what the tagger gets wrong in press text.

Each check is a veto or a trim with the example that motivated it; each was kept only if it did not
lower F1 on held-out People's Daily sentences (benchmarks/entities_accuracy.py).
"""

from __future__ import annotations

import re

from dubao.core.entities import people
from dubao.core.entities.gazetteer import find_party_bodies, gazetteer
from dubao.core.entities.tagger import ORG_ENDINGS, words_with_pos
from dubao.core.text import HAN_CHARACTER

HAN = HAN_CHARACTER
# a common word is not a name unless a title or byline vouches for it (荣获, 书记 …)
COMMON_WORD_FREQ = 300
NAME_WORD_FREQ = 1000
# single characters the press uses as place names (中美关系, 欧美, 京津冀 …)
_ONE_CHAR_PLACES = ("中华美日俄英法德欧亚非韩朝印京沪津渝港澳台晋冀鲁豫苏浙皖闽赣湘鄂粤桂琼川蜀黔滇藏陕甘青宁新蒙辽吉黑越泰"
                    "巴以意奥加荷比瑞挪丹芬葡希土伊叙黎约埃柬缅老菲马孟斯尼阿古墨智秘委哥乌白波捷匈罗保南克塞")
# one-character abbreviations that are hardly ever anything but the place (not 美, 京, 鲁, 苏: 美丽, 京剧, surnames)
_UNAMBIGUOUS_ONE_CHAR_PLACES = "俄沪渝粤闽皖赣豫冀浙鄂黔滇陕"
# 侵华, 访美, 在京, 俄政府, 中方: what stands around a one-character place name
_BEFORE_ONE_CHAR_PLACE = "侵访在赴抵来离返驻旅援对"
_AFTER_ONE_CHAR_PLACE = "方军籍两三关之间双政总外首驻媒队"
_LEADING_NOISE_POS = ("v", "d", "p", "c", "u", "r", "m", "q", "t", "f")


def plausible_person(name: str, vouched: bool, dictionary, word_tags, lac_agrees: bool = False) -> bool:
    """Veto what the tagger gets wrong in this genre; names vouched for by a title or byline pass
    the word checks. The tagger's own precision is high, so the checks only remove known traps."""
    if len(name) < (1 if vouched else 2) or not all(HAN.match(c) or c == "·" for c in name):
        return False
    table = gazetteer()
    if table.kind_of(name) or name in people.NOT_NAMES or name in people.TITLE_HEADS:
        return False
    if vouched:
        return True
    if len(name) >= 3 and table.kind_of(name[:2]) == "place":
        return False  # 吕梁强 in 项目强则吕梁强
    if (len(name) == 2 and not people.has_surname(name) and word_tags.get(name[0], "")[:1] == "v"
            and word_tags.get(name) != "nrt"
            and sum(c in people.TRANSCRIPTION_CHARS for c in name) < 2):
        return False  # 奋楫 (奋楫争先谱华章): a verb where a surname should be (俊平, 桥本 pass)
    if len(name) == 2:
        frequency = dictionary.get(name, 0)
        # jieba tags many common words as names (高潮, 卫星 "nr"); real two-character names it knows
        # (李鹏, 李白) are rarer than those
        tag = word_tags.get(name, "")
        # ... unless LAC, reading the sentence, sees a person there too (鲁迅, 杜甫, 曹操)
        if (frequency >= NAME_WORD_FREQ or (frequency >= COMMON_WORD_FREQ and not tag.startswith("nr"))) \
                and not (lac_agrees and tag.startswith("nr")):
            return False
    if (len(name) == 4 and dictionary.get(name, 0) and name[:2] not in people.COMPOUND_SURNAMES
            and word_tags.get(name) != "nrt" and sum(c in people.TRANSCRIPTION_CHARS for c in name) < 3
            and not lac_agrees):
        # four-character idioms (保驾护航), not transcribed names jieba knows (穆巴拉克) nor what LAC
        # reads as a person (释迦牟尼)
        return False
    return True


def in_four_character_phrase(text: str, start: int, end: int) -> bool:
    """分类施策、加强调度: a two-character name the tagger guesses inside a stretch of exactly four Han
    characters between punctuation is part of a set phrase of political prose (施策), not a name.
    李鹏讲话 starts with the name; a three-character name after one function character is a name
    (论曹雪芹, 而戴安娜)."""
    if end - start != 2:
        return False
    # look at most three characters beyond the name on each side: the stretch is four or it is not
    left = start
    while left > 0 and start - left < 3 and HAN.match(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and right - end < 3 and HAN.match(text[right]):
        right += 1
    return right - left == 4 and start > left and (left == 0 or not HAN.match(text[left - 1])) \
        and (right == len(text) or not HAN.match(text[right]))


def one_char_place(text: str, start: int, kind: str) -> bool:
    """中美关系, 美中, 中方: a one-character place is an abbreviation next to another or to 方/军."""
    if kind != "LOC" or text[start] not in _ONE_CHAR_PLACES:
        return False
    if text[start] in _UNAMBIGUOUS_ONE_CHAR_PLACES:
        return True  # 俄指责拉脱维亚: the tagger saw a place, and this character is hardly anything else
    before, after = text[start - 1:start], text[start + 1:start + 2]
    return bool(before and before in _ONE_CHAR_PLACES + _BEFORE_ONE_CHAR_PLACE
                or after and after in _ONE_CHAR_PLACES + _AFTER_ONE_CHAR_PLACE)


def well_bounded(start: int, end: int, boundaries: set[int], text: str, words_by_span, kind: str) -> bool:
    """A tagger place/organisation must start where a jieba word starts (卡智慧物流公司 is cut out
    of 重卡), an organisation must not end on the first character of a word, and neither may be one
    ordinary word (特钢, 书香, 第九届) nor an ordinal."""
    if kind == "ORG" and start not in boundaries:
        return False
    if kind == "ORG" and end - 1 in boundaries and end not in boundaries:
        return False  # the last character starts the next word: 新时代党 cut out of 新时代|党的建设
    if text[start] == "第":
        return False
    pos = words_by_span.get((start, end))
    return pos is None or end - start == 1 or not pos.startswith(("m", "t", "v", "a", "d"))


_ORG_PARENT_END = re.compile(r"集团(?:股份)?(?:有限)?(?:责任)?公司|(?:股份)?有限(?:责任)?公司|集团|公司")


_PLACE_ENDING = re.compile(r"(?:[省市县区镇乡村河江湖山岛州湾海洋路街峡港岭峰关寺庙宫城洲国]|地区|流域|盆地|高原|平原)$")


def _after_known_place(surface: str) -> str:
    """What follows the longest gazetteer place `surface` starts with ("" if it starts with none)."""
    table = gazetteer()
    for cut in range(len(surface) - 1, 1, -1):
        if table.kind_of(surface[:cut]) == "place":
            return surface[cut:]
    return ""


def plausible_place(surface: str, dictionary, word_tags) -> bool:
    """A place the tagger proposes and no gazetteer knows must look like one: a place ending
    (…河, …县, …岛), a transcribed foreign name, or not an ordinary non-noun word.
    Vetoes 东靠/西临 (吕梁东靠汾河、西临黄河) and ordinals (第九届)."""
    if surface[0] in "一二三四五六七八九十两第0123456789":
        return False
    if len(surface) == 2 and surface[0] in "东西南北" and surface[1] in "靠临接邻连至到傍依":
        return False
    if len(surface) == 1 or _PLACE_ENDING.search(surface):
        return True
    if sum(c in people.TRANSCRIPTION_CHARS for c in surface) >= 0.6 * len(surface):
        return True
    rest = _after_known_place(surface)
    if rest and all(pos[:1] in "vadz" for _word, pos in words_with_pos(rest)):
        return False  # 吕梁现代化建设 (推动吕梁现代化建设行稳致远): a known place, then verbs (not 北京图书大厦)
    # an ordinary verb, adjective, adverb or time word is no place (jieba's noun tags are too loose to
    # veto 新春 or 并联 without losing 中华, 地球, 慕尼黑)
    return not (dictionary.get(surface, 0) >= 20 and word_tags.get(surface, "n")[:1] in "vadtmqpcur")


# a meeting is no organisation: 市政协党组班子民主生活会 is the body's meeting (the body is kept)
_MEETING = re.compile(r"(?:生活|座谈|推进|动员|调度|培训|报告|研讨|发布|见面|交流|现场|部署|汇报|恳谈|茶话|团拜|表彰|观摩|"
                      r"总结|誓师|洽谈|博览|展销|运动)会$|会议$")


def _press_word_tags() -> dict[str, str]:
    """The press dictionary's words (resources/data/press_dict.txt) with their tags, as jieba holds them."""
    import jieba

    return jieba.dt.user_word_tag_tab


def plausible_organisation(surface: str, word_tags, lac_agrees: bool = False) -> bool:
    """Vetoes for the tagger's organisations: 吕梁经济社会 (…社会 is society, not an association),
    press words and rankings, and two-character common nouns with no organisation ending (特钢 in
    氢能、铝镁、特钢) unless LAC reads an organisation there too (微软, 鞍钢)."""
    if surface.endswith("社会") or _MEETING.search(surface):
        return False
    ends_like_one = any(surface.endswith(ending) for ending in ORG_ENDINGS)
    if any(c.isdigit() for c in surface) and not ends_like_one:
        return False  # 世界500强 is a ranking
    if len(surface) == 2 and word_tags.get(surface) == "n" and not lac_agrees:
        return any(surface.endswith(ending) for ending in ORG_ENDINGS)
    press_tag = _press_word_tags().get(surface)
    if press_tag and not press_tag.startswith("nt"):
        # a word of the press vocabulary that is no body (新时代 in 新时代新征程) is one only by its ending
        return ends_like_one
    return True


def parent_org(surface: str) -> int | None:
    """山西鹏飞集团新能源营销事业部 -> length of 山西鹏飞集团: the parent company, whose department
    belongs to the person's title, not to the organisation list."""
    # the longest company ending at each place, and only one something follows: 海南国际武术开发集团公司
    # is one company (not 集团 + 公司)
    ends = [match.end() for match in _ORG_PARENT_END.finditer(surface) if match.end() < len(surface)]
    return ends[-1] if ends else None


def trim_leading(span: tuple[int, int], words_by_start: dict, text: str) -> tuple[int, int]:
    """Drop verbs/adverbs at the start of a tagger span when what remains is a body or place we know
    (锚定省委 -> 省委). Not otherwise: jieba calls the 临 of 临水乡, 打铁 of 打铁桥村 and 终审 of 终审法院
    verbs, and the tagger is right to keep them. `words_by_start`: jieba's (word, pos, start, end) by start."""
    start, end = span
    trimmed = start
    word = words_by_start.get(trimmed)
    while (word is not None and word[3] < end and word[1].startswith(_LEADING_NOISE_POS)
           and not word[1].startswith(("ns", "nt", "nr")) and not gazetteer().kind_of(word[0])):  # 大连 "adverb"
        trimmed = word[3]
        word = words_by_start.get(trimmed)
    if trimmed == start or not _known_whole(text[trimmed:end]):
        return start, end
    return trimmed, end


def _known_whole(surface: str) -> bool:
    """Whether `surface` is, as a whole, a gazetteer name or a Party/government body."""
    return bool(gazetteer().kind_of(surface)) or any(
        start == 0 and end == len(surface) for _name, start, end in find_party_bodies(surface))


# Festival and season words jieba's dictionary tags as places (新春 ns, 开春 ns): in 新春伊始 a time,
# never a place on a newspaper page
_TIME_WORDS = frozenset(
    "新春 开春 初春 早春 暮春 迎春 立春 春节 春运 冬春 春耕 新年 元旦 元宵 除夕 岁末 岁初 年初 年底 年末 伊始 "
    "春季 夏季 秋季 冬季 清明 端午 中秋 重阳 国庆 腊月 正月".split())
# what follows a time word and never a place (新春伊始, 国庆前夕); not 期间 (访华期间)
_AFTER_TIME_WORD = ("伊始", "佳节", "之际", "前夕", "来临", "将至")


def time_word(text: str, start: int, end: int) -> bool:
    """新春 in 新春伊始: a festival or season word, or a short span the text itself goes on to call a
    time (…伊始, …佳节, …前夕)."""
    surface = text[start:end]
    return surface in _TIME_WORDS or (end - start <= 3 and text.startswith(_AFTER_TIME_WORD, end))


# 党的二十大, 中共十五大: a numbered Party congress. People's Daily's corpus tags it ORG; the app shows
# it as a formulation with its glossary explanation (a congress is an event, not a standing body)
_CONGRESS = re.compile(r"(?:中共)?[一二三四五六七八九十]{2,3}大")


def party_congress(surface: str) -> bool:
    return bool(_CONGRESS.fullmatch(surface))


def head_of_title(text: str, end: int) -> bool:
    """施工队长, 公安局长: an organisation word running into 长 names the head of it, a title of a person
    (People's Daily tags no organisation there either)."""
    # not 部 or 厅: People's Daily tags 美国财政部 in 美国财政部长鲁宾
    return text.startswith("长", end) and text[end - 1:end] in "队局处科所站社组团室"


def in_set_phrase_list(text: str, start: int, end: int) -> bool:
    """并联审批 in 挂图作战、并联审批 (高山滑雪 in 冰球、高山滑雪): the first half of a four-character set
    phrase that stands in a list of such phrases (enumerated with 、) is part of the phrase, not a
    name. Not 港澳 in 港澳同胞 nor 龙井 in 西湖龙井, which People's Daily tags as places."""
    if end - start != 2 or (start > 0 and HAN.match(text[start - 1])):
        return False
    right = end
    while right < len(text) and HAN.match(text[right]):
        right += 1
    if right - start != 4:
        return False
    left = start
    return text[left - 1:left] == "、" or text[right:right + 1] == "、"


# 中韩关系, 巴以谈判, 中葡双方: two one-character country names run together before a word of
# relations are each a place (the tagger rarely sees them; People's Daily tags each)
_COUNTRY_CHARS = "中美日俄英法德韩朝印巴以葡意澳越泰菲蒙叙伊埃古"
_COUNTRY_RUN = re.compile(
    rf"[{_COUNTRY_CHARS}]{{2}}(?=关系|双方|两国|三国|建交|谈判|首脑|会谈|会晤|合作|战略|贸易|经贸|友好|边境|"
    r"协议|峰会|对话|冲突|和谈|外长|领导人|友谊|联合|合资|两党)")


def country_runs(text: str) -> list[tuple[int, int]]:
    """One-character country names in 中韩关系, 美中建设性战略伙伴关系 (each as a (start, end))."""
    found = []
    for match in _COUNTRY_RUN.finditer(text):
        run = match.group(0)
        if run[0] != run[1]:  # not 中中; exactly two, so 以中美关系 gives 中美, not 以
            found += [(i, i + 1) for i in range(match.start(), match.end())]
    return found
