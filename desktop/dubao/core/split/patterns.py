"""The vocabulary of the press that the splitter recognises: names, roles, bylines, credits, datelines,
captions, column tags and page furniture, as regular expressions; and what ends a sentence.

These are conventions shared by Chinese papers (本报讯, 新华社…电, 记者 X 摄, 图为, 下转第二版 …), never the
strings of one paper or one page. Pure data and one small function; `split_lines` applies them.
"""

from __future__ import annotations

import re

from dubao.core.text import HAN

# a personal name; two-character names are often padded to three with a full-width space (陈　静)
NAME = rf"(?:[{HAN}]{{2,4}}|[{HAN}]\u3000[{HAN}])(?:[·•][{HAN}]{{1,8}})?"
PADDED_NAME = re.compile(rf"(?<![{HAN}])([{HAN}])\u3000([{HAN}])(?!(?!摄)[{HAN}])")  # 江　涛摄 too
PADDED_ALONE = re.compile(rf"^[{HAN}]\u3000[{HAN}]$")  # 刘　奇: a lone two-character name padded to three
NAME_LIST = rf"{NAME}(?:[\s、，,]+{NAME})*"
ROLE = (
    # a paper or agency, also behind its media group's brand (新甘肃·甘肃法治报 · 大众新闻·大众日报)
    rf"(?:本报|本刊|本台|新华社|中新社|(?:[{HAN}]{{1,8}}[·•])?[{HAN}]{{1,8}}(?:报|社|台|网|客户端)|特派|驻[{HAN}]{{1,8}}|"
    r"首席|资深|特约|见习|实习)*"
    r"(?:记者|通讯员|评论员|实习生|撰稿人|撰稿|主持人|编者)"
)
_BULLET = r"[□■●◆◇▲△○☆★▌▍▎│|｜•]"
_OPEN = r"[（(【\[〔]"
_CLOSE = r"[）)】\]〕]"

BYLINE = re.compile(
    rf"^{_BULLET}?\s*{_OPEN}?\s*(?:"
    rf"(?:{ROLE}\s*[:：]?\s*(?:{NAME_LIST})?\s*)+"  # 本报记者 张三 李四 通讯员 王五 · 本报评论员
    rf"|(?:文/图|图/文|文图|文字|撰文|口述|整理|作者|文)\s*[/／|｜:：]?\s*{NAME_LIST}(?:\s+{ROLE}\s*{NAME_LIST})*"
    rf")\s*{_CLOSE}?$"
)
# □ 王涛 · □ 王涛 李明 (a single name of four characters after a bullet is more often a heading: ■ 道路通了)
BULLET_NAME = re.compile(rf"^{_BULLET}\s*(?:[{HAN}]{{2,3}}|[{HAN}]\u3000[{HAN}])(?:[\s、，,]+{NAME})*$")
CREDIT = re.compile(
    rf"^{_OPEN}?\s*(?:(?:{ROLE}\s*)?{NAME_LIST}\s*[/／]?\s*(?:摄影报道|摄影?|供图|制图|绘图?|作)"
    rf"|(?:图|摄影|图片|供图)(?:\s*[/／:：|｜]\s*|\s+){NAME_LIST}"
    rf"|(?:{ROLE}\s*)?(?:{NAME}\s*)?(?:新华社|中新社|本报)?(?:发|资料图片?|图片)"
    rf"(?:\s*{_OPEN}\s*(?:{ROLE}\s*)?{NAME_LIST}\s*摄\s*{_CLOSE})?"
    rf"|(?:本版|本组|以上|上)?图片(?:均)?(?:由|来自)[^。，,]{{2,24}}?(?:提供|摄|拍摄)?"  # 本版图片均由受访者提供
    rf")\s*{_CLOSE}?$"
)
# a credit printed at the end of a caption line: 图为…现场。 记者 薛志雄 摄
TRAILING_CREDIT = re.compile(
    rf"(?<=[。！？!?”）)])\s*{_OPEN}?\s*(?:(?:{ROLE}\s*)?{NAME_LIST}\s*[/／]?\s*摄影?|(?:{ROLE}\s*)?新华社发)"
    rf"\s*{_CLOSE}?$"
)
CAPTION_START = re.compile(
    r"^(?:图为|上图|下图|左图|右图|中图|组图|图[①-⑳\d一二三四五六七八九十]|图片说明|图注|▲|△|↑|↓|←|→)"
)
_DATE = r"[\d一二三四五六七八九十〇零]{1,3}月[\d一二三四五六七八九十〇零]{1,3}日"
# the dateline opening a paragraph: 本报讯(记者 李雅萍)2月17日, · 新华社北京3月4日电（记者 张三）
DATELINE = re.compile(
    rf"^(?:{_BULLET}\s*)?(?:据)?(?:"  # ■ 本报讯 … in a column of briefs
    rf"(?P<agency1>[{HAN}]{{0,6}}(?:社|网|报|台|刊)|央视|央广)(?P<place>[{HAN}]{{0,10}}?)(?P<date1>{_DATE})(?:电|讯|消息)"
    rf"|[【\[]?(?P<agency2>[{HAN}]{{1,6}})讯[】\]]?(?=\s|{_OPEN}|\d|近日|日前|今天|昨天|昨日|记者)"
    rf"|(?P<agency3>[{HAN}]{{1,6}}(?:网|台|社))消息(?=\s|{_OPEN}|[:：])"  # 央视网消息（新闻联播）：
    rf")"
    rf"(?:\s*{_OPEN}(?P<credit>[^（()）\n]{{1,60}}){_CLOSE})?"
    rf"(?:\s*(?P<date2>{_DATE}|近日|日前|今天|昨天|昨日))?"
)
# Xinhua's titled dispatch: the headline follows the dateline on the same line
DISPATCH_TITLE = re.compile(r"\s*题\s*[:：]\s*(?=\S)")
# a note printed between headline and story; the story's dateline still follows it
PREFACE = re.compile(r"^[【\[]?(?:编者按|编者的话|编前语?|编后语?|导语|题记|引言)[】\]]?\s*[:：]?")
HEADING_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、．.]|第[一二三四五六七八九十]+[部章节条])"
)
SUBHEAD_VERB = re.compile(
    r"(?:主持|出席|参加|讲话|致辞|会见|会谈|陪同|看望|慰问|作报告|宣讲|调研|考察|参会|主持会议|"
    r"出席会议|出席并讲话|主持并讲话|参加会议|签约|见证签约)$"
)
KICKER_CUE = re.compile(r"(?:时强调|时指出|时表示|时说|强调|指出|表示|要求|提出|认为|研究部署|[:：])$")
COLUMN_WORDS = re.compile(
    r"(?:特稿|短评|时评|快评|评论|观察|视点|聚焦|关注|专栏|一线|纪实|速览|速递|简讯|快讯|综述|访谈|特写|链接|"
    r"声音|札记|随笔|微评|论坛|走基层|图片报道|图说|图片新闻|开栏的话|编者按|社论|评论员文章|新闻眼|热点|"
    r"今日谈|人民论坛|人民时评|来信|调查|深度|对话|手记|新闻|要闻|综合|国际|国内|时政|财经|民生|法治|"
    r"周刊|副刊|专刊|特刊|理论)$"
)
# boxes that belong to the article they sit in (a heading there), never start an article of their own
BOX_WORDS = re.compile(
    r"^[【\[]?(?:相关链接|链接|知识链接|记者手记|采访手记|手记|背景|背景资料|延伸阅读|小贴士|名词解释|数说|数读|"
    r"专家观点|短评|点评)[】\]]?$"
)
# the name of a page or section: what a page header prints beside the page number (法治一线 · 要闻 · 国际新闻)
SECTION_WORD = (
    r"(?:要闻|综合|国内|国际|时政|财经|经济|民生|法治|政法|社会|文化|体育|教育|科技|评论|理论|副刊|专刊|专版|"
    r"新闻|一线|地方|视点|观察|广告|公告|健康|旅游|农村|读书)"
)
PAGE_NAME = re.compile(rf"^[{HAN}·•]{{0,6}}{SECTION_WORD}$")
EDITORIAL = re.compile(rf"^{_OPEN}?\s*(?:[{HAN}]{{0,6}}(?:社论|评论员文章|短评))\s*{_CLOSE}?$")
CONTENTS = re.compile(rf"^{_OPEN}?\s*(?:本版|今日|本期|要闻)?导\s*读\s*{_CLOSE}?$")
# page furniture, by kind (checked in this order)
PAGE_KINDS = (
    ("contents", CONTENTS),
    ("jump", re.compile(rf"^{_OPEN}?\s*(?:下转|上接|转|接)第?[\d一二三四五六七八九十]{{1,3}}版\s*{_CLOSE}?$")),
    ("editor", re.compile(
        rf"^.{{0,20}}(?:责任编辑|责编|编辑|校对|美编|版式|组版|值班主任|审核|审校)\s*[:：/]?\s*{NAME_LIST}.*$")),
    ("header", re.compile(
        rf"^(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日.{{0,12}}|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}(?:\s.{{0,12}})?"
        rf"|\d{{1,2}}|\d{{1,2}}\s*[{HAN}·•]{{0,6}}{SECTION_WORD}"  # the page number, alone or with its name: 8 法治一线
        rf"|第?[\d一二三四五六七八九十]{{1,3}}版.{{0,16}}|星期[一二三四五六日天].{{0,16}}"
        rf"|.{{0,12}}\d{{4}}年\d{{1,2}}月\d{{1,2}}日\s*(?:星期|周)[一二三四五六日天].{{0,12}}"
        rf"|[〇零一二三四五六七八九]{{4}}年[一二三四五六七八九十]{{1,2}}月[一二三四五六七八九十]{{1,3}}日.{{0,12}})$")),
    # how to reach the desk, printed in a footer: 邮箱：… 新闻热线：…
    ("contact", re.compile(
        rf"^(?:本版)?(?:电子邮箱|邮箱|E-?mail|[{HAN}]{{0,4}}热线|热线电话|投稿邮箱|联系电话|传真)"
        r"\s*[:：].{0,80}$", re.IGNORECASE)),
    # what an e-paper web page adds around the text
    ("web", re.compile(
        r"^【?(?:来源|稿源|发布时间|发布日期|更新时间|浏览次数|点击数|阅读数|字号|打印本页|打印|关闭窗口|分享到|"
        r"上一篇|下一篇|返回目录|返回首页|放大|缩小|默认)(?:[】:：\s].{0,40})?$"
        # 2025-05-10 09:12:33　来源：江城日报 · 首页 > 时政 > 正文 · 当前位置：
        r"|^\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?"
        r"(?:\s*(?:来源|稿源|作者|编辑|责任编辑|发布者|浏览|阅读)[:：]\s*[^\s，。]{1,20})+$"
        r"|^(?:当前位置|您的位置|您现在的位置|位置)\s*[:：].{0,60}$"
        r"|^[^。，,\s>]{1,12}(?:\s*[>＞»›]\s*[^。，,>]{1,12}){2,}$")),
)
# a classified notice, which is no article: 遗失声明 · 注销公告 · 寻人启事
NOTICE = re.compile(r"^[【\[]?(?:遗失|作废|注销|减资|清算|寻人|寻物|招聘|拍卖|招租|迁坟|债权申报|合并|分立)?(?:声明|公告|启事)[】\]]?$")
# 天气预报, 简报, 喜报 end in 报 but name no paper
MASTHEAD = re.compile(rf"^[{HAN}]{{2,8}}(?:日报|晚报|晨报|时报|商报|早报|都市报|(?<![预简通汇举喜捷海情公电])报)$")
PAGE_REF = re.compile(r"第?[\d一二三四五六七八九十]{1,3}版|[→>]\s*\d{1,2}|详见|见第")

TERMINALS = set("。！？!?…；;：:")
_CLOSERS = set("”’」』\"'")
_BRACKET_CLOSERS = set("）)】]〕")
SENTENCE_MARKS = re.compile(r"[。！？!?；;]")
CLAUSE_MARKS = re.compile(r"[，,；;：:]")
TITLE_MAX = 40
# a headline never ends on a particle, preposition or conjunction; a line broken mid-sentence often does
DANGLING = set("的和与及在对把被将从向给让使而并或但且、于以")



def is_terminated(text: str) -> bool:
    """Does the text end a sentence? (a paragraph broken by the page's columns does not)"""
    stripped = text.rstrip()
    if not stripped:
        return True
    last = stripped[-1]
    if last in _BRACKET_CLOSERS:
        return True
    if last in _CLOSERS:
        before = stripped.rstrip("".join(_CLOSERS))
        return bool(before) and before[-1] in TERMINALS | _BRACKET_CLOSERS
    return last in TERMINALS
