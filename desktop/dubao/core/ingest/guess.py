"""Guessing an issue's paper, date and page from its file name and its page header, when the user gives none.

File names seen in the wild: `人民日报_2026-01-14_01版.pdf`, `rmrb20260114-01.txt`, `renmin-ribao-2023-02-18.txt`,
and e-paper paths such as `2026-01/14/nw.D110000renmrb_20260114_1-01.htm` (the date split over folders, the page
as `_1-01`). Page headers: `人民日报 2026年1月14日 星期三`, `第01版：要闻`. Every guess can be corrected later
(`Store.update_issue`) or overridden on import (`--paper/--date/--page`).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from dubao.core.text import HAN

# Pinyin file-name slugs of papers people read often -> the paper's name. Lower case, letters only.
KNOWN_PAPERS = {
    "renminribao": "人民日报", "rmrb": "人民日报", "renmrb": "人民日报", "renminribaohaiwaiban": "人民日报海外版",
    "rmrbhwb": "人民日报海外版",
    "guangmingribao": "光明日报", "gmrb": "光明日报", "jingjiribao": "经济日报", "jjrb": "经济日报",
    "jiefangjunbao": "解放军报", "jfjb": "解放军报",
    "zhongguoqingnianbao": "中国青年报", "zgqnb": "中国青年报", "qiushi": "求是", "xuexishibao": "学习时报",
    "huanqiushibao": "环球时报",
    "kejiribao": "科技日报", "fazhiribao": "法治日报", "gongrenribao": "工人日报", "nongminribao": "农民日报",
    "zhongguoribao": "中国日报", "beijingribao": "北京日报", "bjrb": "北京日报", "tianjinribao": "天津日报",
    "jiefangribao": "解放日报", "jfrb": "解放日报",
    "wenhuibao": "文汇报", "xinminwanbao": "新民晚报", "chongqingribao": "重庆日报", "nanfangribao": "南方日报",
    "nanfangzhoumo": "南方周末", "guangzhouribao": "广州日报", "shenzhentequbao": "深圳特区报",
    "xinhuaribao": "新华日报", "dazhongribao": "大众日报", "zhejiangribao": "浙江日报", "anhuiribao": "安徽日报",
    "fujianribao": "福建日报", "jiangxiribao": "江西日报", "henanribao": "河南日报", "hebeiribao": "河北日报",
    "hubeiribao": "湖北日报", "hunanribao": "湖南日报", "sichuanribao": "四川日报", "yunnanribao": "云南日报",
    "guizhouribao": "贵州日报", "guangxiribao": "广西日报", "hainanribao": "海南日报", "gansuribao": "甘肃日报",
    "qinghairibao": "青海日报", "ningxiaribao": "宁夏日报", "xinjiangribao": "新疆日报", "xizangribao": "西藏日报",
    "neimengguribao": "内蒙古日报", "liaoningribao": "辽宁日报", "jilinribao": "吉林日报",
    "heilongjiangribao": "黑龙江日报", "shanxiribao": "山西日报", "shaanxiribao": "陕西日报",
    "taiyuanribao": "太原日报", "lvliangribao": "吕梁日报", "lyuliangribao": "吕梁日报", "luliangribao": "吕梁日报",
}
_PAPER_SUFFIXES = ("ribao", "wanbao", "shibao", "zhoubao", "bao", "zhoumo")
CHINESE_PAPER = re.compile(f"[{HAN}]{{1,8}}(?:日报|晚报|时报|周报|商报|青年报|军报|特区报|报)(?:海外版)?")
_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?!\d)")
# e-paper folders split the date: 2026-01/14/… or 202601/14/…
_FOLDER_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_]?(\d\d)[/\\](\d\d)(?![\d])")
TEXT_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MASTHEAD_LINES = 12  # paper name, date and page, when printed, are in the page header
# 第01版 / 第A3版 / 01版：要闻 in a header line; not a cross-reference (详见第3版, 下转第2版)
_TEXT_PAGE = re.compile(r"(?:(?<![见转接至])第\s*([A-Za-z]?\d{1,3})\s*版)|(?:(?<![\d年月日])([A-Za-z]?\d{1,3})\s*版\s*[:：])")
# in a file name: 01版, _p3, page-03, -A03 after a date, nw.D110000renmrb_20260114_1-01 (the page after "-")
_FILE_PAGE = (
    re.compile(r"(?:第)?([A-Za-z]?\d{1,3})\s*版"),
    re.compile(r"(?i)(?:^|[^a-z])(?:p|page|pg|ban)[-_ ]?([a-z]?\d{1,3})(?!\d)"),
    re.compile(r"(?:19|20)\d{6}_\d{1,2}-([A-Za-z]?\d{1,3})(?!\d)"),
    re.compile(r"(?:19|20)\d\d[-_.]?\d\d[-_.]?\d\d[-_]([A-Za-z]?\d{1,3})(?![\d])"),
)


def _valid_date(year: str, month: str, day: str) -> str | None:
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def header_lines(text: str) -> list[str]:
    """The first non-blank lines of a text, where a page header prints the paper, date and page."""
    return [line.strip() for line in text.splitlines() if line.strip()][:_MASTHEAD_LINES]


def date_in_text(text: str) -> str | None:
    """The first full date (2026年1月14日) that is a real day, as ISO."""
    for match in TEXT_DATE.finditer(text):
        date = _valid_date(*match.groups())
        if date:
            return date
    return None


def guess_date(path: str | Path | None, text: str) -> str | None:
    """ISO date from the file name (2023-02-18, 20230218, 2023_02_18), its folders (2026-01/14/…) or a full date
    in the page header."""
    if path is not None:
        for match in _FILE_DATE.finditer(Path(path).name):
            date = _valid_date(*match.groups())
            if date:
                return date
        for match in _FOLDER_DATE.finditer(str(Path(path).parent / Path(path).name)):
            date = _valid_date(*match.groups())
            if date:
                return date
    return date_in_text("\n".join(header_lines(text)))


def paper_in_text(text: str) -> str | None:
    """A paper's name printed on its own or beside the date in a header line ("2023年2月18日 星期六 吕梁日报")."""
    for line in header_lines(text):
        for piece in re.split(r"[\s|·•/_\-—:：,，]+", line):
            if CHINESE_PAPER.fullmatch(piece) and not piece.startswith("本报"):
                return piece
    return None


def paper_in_name(name: str) -> str | None:
    """A paper named in a file name: in Chinese, or as a known pinyin slug or abbreviation (rmrb, renmrb)."""
    found = CHINESE_PAPER.search(name)
    if found:
        return found.group(0)
    words = [word for word in re.split(r"[^a-z]+", name.lower()) if word]
    # the longest run of words that names a known paper ("renmin ribao haiwaiban" before "renmin ribao")
    for length in range(len(words), 0, -1):
        for first in range(len(words) - length + 1):
            slug = "".join(words[first:first + length])
            if slug in KNOWN_PAPERS:
                return KNOWN_PAPERS[slug]
    for index, word in enumerate(words):
        if word in _PAPER_SUFFIXES and index > 0:
            return " ".join(w.capitalize() for w in words[max(0, index - 2):index + 1])
    # an e-paper code inside a longer token: nw.D110000renmrb_… → "renmrb"
    for word in sorted(words, key=len, reverse=True):
        for slug in sorted(KNOWN_PAPERS, key=len, reverse=True):
            if len(slug) >= 4 and word.endswith(slug):
                return KNOWN_PAPERS[slug]
    return None


# A byline or dateline that names the paper its reporter works for: "新甘肃·甘肃法治报记者 齐洪德", "（人民日报记者
# 王某）", "文/解放日报首席记者", "羊城晚报讯". It starts a line or follows a bracket, a separator or a space, so the
# words before a paper in running text ("日前人民日报记者走访…") are not taken into its name.
_BYLINE_PAPER = re.compile(rf"(?:^|(?<=[\s（(【\[·•/|：:]))({CHINESE_PAPER.pattern})(?:全媒体)?(?:首席|特约)?(?:记者|通讯员|讯)",
                           re.M)


def paper_in_bylines(text: str) -> str | None:
    """The paper whose reporters sign the page, when the masthead is a picture and the header names no paper: the
    paper named in at least two bylines, and at least twice as often as any other (one reprinted article from
    another paper does not rename the page)."""
    counts: dict[str, int] = {}
    for match in _BYLINE_PAPER.finditer(text):
        paper = match.group(1)
        if not paper.startswith("本报"):
            counts[paper] = counts.get(paper, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def guess_paper(path: str | Path | None, text: str) -> str | None:
    """The paper's name from the file name (人民日报-2023-….txt, renmin-ribao-….txt, rmrb20260114.txt), its page
    header, or else its reporters' bylines."""
    if path is not None:
        found = paper_in_name(Path(path).stem)
        if found:
            return found
    return paper_in_text(text) or paper_in_bylines(text)


def _page_label(raw: str) -> str | None:
    """'01' → '1', 'A03' → 'A3'; None for 0 or a number no paper prints (over 200 pages)."""
    letters = "".join(ch for ch in raw if ch.isalpha()).upper()
    digits = "".join(ch for ch in raw if ch.isdigit())
    if not digits or int(digits) == 0 or int(digits) > 200:
        return None
    return f"{letters}{int(digits)}"


def page_in_text(text: str) -> str | None:
    """The page printed in a header line: 第01版, 第A3版, 01版：要闻."""
    for line in header_lines(text):
        for match in _TEXT_PAGE.finditer(line):
            label = _page_label(match.group(1) or match.group(2))
            if label:
                return label
    return None


def guess_page(path: str | Path | None, text: str) -> str | None:
    """The page as printed ("1", "A3") from the file name (…_01版.pdf, …_p3.txt, rmrb20260114-01.txt,
    nw.D110000renmrb_20260114_1-01.htm) or from the page header (第01版)."""
    if path is not None:
        stem = Path(path).stem
        for pattern in _FILE_PAGE:
            for match in pattern.finditer(stem):
                label = _page_label(match.group(1))
                if label:
                    return label
    return page_in_text(text)
