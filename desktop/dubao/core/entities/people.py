"""People in press text: plausible names, titles as printed, and bylines/credits.

Conventions of the Chinese Party and local press this module relies on:
- a title precedes the name and may be a chain joined by 、 (市政协党组书记、主席乔晓峰), possibly with a
  long organisation in front (中国能源建设集团有限公司市场开发事业部执行总经理高万才);
- a title may follow the name, mostly with an organisation before the name (省委蓝佛安书记 -> 省委书记);
- a list of names after one title shares it (副主席薛爱平、郝金光);
- reporters appear as (记者 李雅萍) or □ 本报记者 王涛; photographers as 记者 薛志雄 摄.
"""

from __future__ import annotations

import re

from dubao.core.text import HAN

# The common single-character surnames (about 99% of the population) and the compound ones.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古"
    "吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
    "寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻"
    "位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦"
    "戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但"
    "尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由油习新恽钮"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
                     "司徒", "夏侯", "轩辕", "令狐", "端木", "西门", "南宫", "呼延", "万俟", "闻人")

# Characters that transcribe foreign names (基里延科, 穆巴拉克, 格林斯潘).
TRANSCRIPTION_CHARS = set(
    "阿埃艾爱安奥巴拜班邦贝本比彼宾波伯布查达戴丹德迪蒂杜多厄恩法菲费芬弗福盖冈戈格贡古哈海汉豪赫亨胡霍基吉加"
    "贾杰金卡凯坎康科克肯库夸奎拉莱兰朗劳勒雷里利连林卢鲁伦罗洛马迈麦曼梅门米莫姆穆纳内尼涅努诺帕潘佩皮普齐"
    "切萨塞桑瑟森沙舍什施斯苏索塔泰坦特图托瓦万威韦维温沃乌西希谢辛休雅亚扬耶伊因尤约扎泽詹兹茨蒙赛"
)
# Words the tagger and jieba take for names but the press uses otherwise.
NOT_NAMES = {"荣获", "书记", "主席", "同志", "文明办"}

# Words that end a title. Longer first so 副主席 wins over 主席.
TITLE_HEADS = tuple(sorted(set("""
总书记 书记 副书记 主席 副主席 委员长 副委员长 总理 副总理 国务委员 部长 副部长 省长 副省长 市长 副市长 县长 副县长
区长 副区长 镇长 乡长 村长 主任 副主任 局长 副局长 厅长 副厅长 处长 科长 秘书长 常委 委员 成员 代表 总经理
副总经理 执行总经理 经理 董事长 董事 总裁 主管 会长 副会长 理事长 院长 副院长 校长 副校长 教师 老师 教授 研究员
院士 主编 社长 总编辑 领导 负责人 干部 工程师 医生 厂长 站长 队长 所长 行长 检察长 庭长 司令员 政委 大使
发言人 组长 副组长 主持人 总监 总工程师 创始人 企业家 农民 志愿者 党员 专家 学者 运动员 教练 馆长 支书
总统 副总统 首相 国王 女王 王储 外长 防长 议长 参议员 众议员 国务卿 外交部长 国防部长
第一书记 班长 船长 机长 总指挥 指挥长 监事长 巡视员 调研员 特派员 督导员 团长 军长 师长 旅长 营长 连长 参谋长
""".split()), key=len, reverse=True))
# Title heads that name a group, not a post: 党员和群众, 成员国 are no titles before a name.
GROUP_NOUNS = {"成员", "党员", "代表", "农民", "志愿者", "专家", "学者", "干部", "企业家", "运动员", "委员", "常委"}
# Surnames that are far more often function words or parts of words (和, 国, 全, 党 …).
WEAK_SURNAMES = set("和国全党常于时平从向也都以及为与同")
# Characters that end or break a name when a rule guesses its length (王晨都表示 -> 王晨).
FUNCTION_CHARS = set("的了和与及从于在对也都就便即该是为把被将向等这那其之而或但并又副正")

# Forms of address the tagger may include in a name (吴先生 -> 吴).
HONORIFICS = ("先生", "小姐", "女士", "夫人", "老师", "同志")

# Titles that may follow a name directly: 蓝佛安书记, 王毅部长.
TITLES_AFTER_NAME = ("总书记", "书记", "主席", "总理", "委员长", "部长", "省长", "市长", "县长", "区长", "主任",
                     "局长", "同志", "先生", "女士", "小姐", "夫人", "老师", "教授", "院士", "大使")
# A title phrase never reaches back over these words (they begin the clause, not the title).
_TITLE_STOPS = set("与 和 及 同 跟 由 的 在 对 向 给 为 是 被 把 将 从 经 据 让 请 了 等 并 以 于 由 而 也 还 就 都 "
                   "陪同 会见 会晤 看望 慰问 会同 推荐 邀请 出席 参加 主持 其中 包括 我市 我省 我县 我区 我国 作为 "
                   "担任 任 当选 介绍 说 表示 认为 指出 强调 称 均 又 再 已 曾 正 便 即 亦 已经 正在 曾经 分别 一起 共同 "
                   "随后 同时 此外 另外 其后 今天 昨天".split())
_TITLE_STOP_POS = ("p", "c", "u", "y", "e", "o", "r", "x", "w")
_MAX_TITLE = 40

_HAN = re.compile(f"[{HAN}]+")


def has_surname(name: str) -> bool:
    return name[:2] in COMPOUND_SURNAMES or name[:1] in SURNAMES


def looks_like_name(name: str) -> bool:
    """Shape only: 2–4 Han characters starting with a surname (or a foreign name with ·)."""
    if "·" in name:
        return len(name) >= 3
    if not _HAN.fullmatch(name) or not 2 <= len(name) <= 4:
        return False
    if name in TITLE_HEADS or any(name.endswith(head) for head in TITLES_AFTER_NAME):
        return False
    return has_surname(name)


def title_head_ending_at(text: str, end: int) -> str | None:
    for head in TITLE_HEADS:
        if text.endswith(head, 0, end):
            return head
    return None


def title_before(text: str, name_start: int, words: list[tuple[str, str, int, int]]) -> str | None:
    """The title printed right before a name, as printed: 市委书记 / 市政协党组书记、主席 / None.

    `words` are jieba (word, pos, start, end) over `text`; the title is extended to the left word by
    word until a clause boundary."""
    if title_head_ending_at(text, name_start) is None:
        return None
    start = name_start
    ending = [w for w in words if w[3] <= name_start]
    for word, pos, w_start, _ in reversed(ending):
        if name_start - w_start > _MAX_TITLE:
            break
        if word == "、":
            # a chain of titles (书记、主席) continues only if what precedes is itself a title
            if title_head_ending_at(text, w_start) is None:
                break
            start = w_start
            continue
        if word in _TITLE_STOPS or pos.startswith(_TITLE_STOP_POS) or not _HAN.fullmatch(word):
            break
        start = w_start
    title = text[start:name_start].lstrip("、")
    return title or None


def title_after(text: str, name_end: int) -> str | None:
    for head in TITLES_AFTER_NAME:
        if text.startswith(head, name_end):
            return head
    return None


# (记者 李雅萍) · □ 本报记者 王涛 · 记者 薛志雄 摄 · 通讯员 张三 · 实习生 李四
_NAME = f"[{HAN}·]{{2,5}}"
_CREDIT_ROLE = {"记者": "reporter", "本报记者": "reporter", "通讯员": "correspondent", "实习生": "reporter",
                "特约记者": "reporter", "见习记者": "reporter"}
_BYLINE = re.compile(
    rf"(?P<role>本报记者|特约记者|见习记者|记者|通讯员|实习生)[ \u3000]*"
    rf"(?P<names>{_NAME}(?:[ \u3000、，,]+{_NAME})*)"
)
_PHOTO = re.compile(rf"(?P<names>{_NAME}(?:[ \u3000、，,]+{_NAME})*)[ \u3000]*(?:/|／)?[ \u3000]*摄(?:影)?(?=\s|$|）|\))")


def find_credits(text: str) -> list[tuple[str, int, int, tuple[str, ...], str | None]]:
    """Bylines and photo credits: (name, start, end, roles, printed role word)."""
    found: dict[tuple[int, int], tuple[str, int, int, tuple[str, ...], str | None]] = {}
    for match in _BYLINE.finditer(text):
        # only in a credit position: after an opening bracket, a box mark, or at the start of the line
        before = text[: match.start()].rstrip(" \u3000本报")
        if before and before[-1] not in "(（□■◇【[" and not before.endswith("\n"):
            continue
        role = _CREDIT_ROLE[match.group("role")]
        photo = re.match(r"[ \u3000]*(?:/|／)?[ \u3000]*摄", text[match.end():])
        roles = (role, "photographer") if photo else (role,)
        for name_match in re.finditer(_NAME, match.group("names")):
            name = name_match.group(0)
            if name.endswith("摄"):
                name = name[:-1]
            start = match.start("names") + name_match.start()
            if looks_like_name(name):
                found[(start, start + len(name))] = (name, start, start + len(name), roles, match.group("role"))
    for match in _PHOTO.finditer(text):
        for name_match in re.finditer(_NAME, match.group("names")):
            name = name_match.group(0)
            start = match.start("names") + name_match.start()
            if looks_like_name(name) and (start, start + len(name)) not in found:
                found[(start, start + len(name))] = (name, start, start + len(name), ("photographer",), None)
    return sorted(found.values(), key=lambda item: item[1])
