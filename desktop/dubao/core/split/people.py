"""Who wrote it, who took the photos, and when/where it was filed: read from bylines, credits and datelines.

`本报讯(记者 李雅萍)2月17日,` → reporters (李雅萍,), dateline 2月17日
`新华社北京3月4日电（记者 张三、李四）` → reporters (张三, 李四), dateline 北京3月4日
`□ 本报记者 王涛 通讯员 刘明` → reporters (王涛, 刘明)
`记者 薛志雄 摄` → photographers (薛志雄,)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dubao.core.split.patterns import DATELINE, HAN, NAME, NAME_LIST, PADDED_NAME, PREFACE, ROLE, TRAILING_CREDIT

_ROLE_RE = re.compile(ROLE)
_LEAD_IN = re.compile(
    rf"^[□■●◆◇▲△○☆★▌▍▎│|｜•（(【\[〔\s]*(?:文|文字|撰文|文/图|图/文|文图|图|摄影|图片|供图|口述|整理|作者)\s*[/／|｜:：]"
)
_TAIL = re.compile(r"[/／]?\s*(?:摄影报道|摄影?|供图|制图|绘图?|作)\s*[）)】\]〕]?$")
_REPORTED_BY = re.compile(rf"\s*(?:本报)?记者\s*(?P<name>[{HAN}]{{2,3}}?)\s*(?:报道|报导)")
# agencies and stock phrases in credits that are not people (新华社发, 资料图片)
_NOT_NAMES = re.compile(
    rf"[{HAN}]{{0,4}}(?:社|报|网)发|新华社|中新社|本报|资料图片?|图片|受访者|本版|本组|均由|提供|拍摄|来自"
)
_NAME_RE = re.compile(rf"^{NAME}$")


def names_in(credit_text: str) -> tuple[str, ...]:
    """The personal names in a byline or credit, in order, without roles (记者, 通讯员 …) or bullets."""
    text = _LEAD_IN.sub(" ", PADDED_NAME.sub(r"\1\2", credit_text))
    text = _TAIL.sub("", text)
    text = _ROLE_RE.sub(" ", text)
    text = _NOT_NAMES.sub(" ", text)
    names: list[str] = []
    for part in re.split(rf"[^{HAN}·•]+", text):
        if part and _NAME_RE.match(part) and part not in names:
            names.append(part)
    return tuple(names)


def byline_people(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(reporters, photographers) named by an own-line byline. 文/图 张三 is both."""
    names = names_in(text)
    if re.search(r"文/图|图/文|文图", text):
        return names, names
    return names, ()


def credit_people(text: str) -> tuple[str, ...]:
    """Photographers named by a credit line (or by the credit at the end of a caption)."""
    return names_in(text)


def trailing_credit(text: str) -> re.Match[str] | None:
    """The credit printed at the end of a caption line, if any."""
    return TRAILING_CREDIT.search(text)


def dateline_of(match: re.Match[str] | None) -> tuple[str | None, tuple[str, ...]]:
    """(dateline, reporters) from a DATELINE match on a paragraph's first line."""
    if match is None:
        return None, ()
    credit = match.group("credit") or ""
    # （记者 张三） names reporters; （新闻联播） after 央视网消息 names a programme
    reporters = names_in(credit) if _ROLE_RE.search(credit) else ()
    if not reporters:  # 本报讯 记者张三报道：
        reported = _REPORTED_BY.match(match.string, match.end())
        reporters = (reported.group("name"),) if reported else ()
    if match.group("date1"):
        return (match.group("place") or "") + match.group("date1"), reporters
    date = match.group("date2")
    if date and re.search(r"\d|月", date):
        return date, reporters
    return None, reporters


_END_CREDIT = re.compile(rf"[（(]\s*(?:{ROLE}\s*[:：]?\s*{NAME_LIST}\s*)+[）)]$")


def end_credit_reporters(paragraph: str) -> tuple[str, ...]:
    """Reporters credited at the end of a paragraph: …体验。（记者 齐志明）"""
    match = _END_CREDIT.search(paragraph[-60:])
    return names_in(match.group()) if match else ()


def paragraph_dateline(text: str) -> tuple[str | None, tuple[str, ...]]:
    return dateline_of(DATELINE.match(text))


def article_people(
    blocks: Iterable[tuple[str, str, re.Match[str] | None]],
) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """(reporters, photographers, dateline) of an article from its blocks: (kind, text, the dateline match of
    the block's first line). Each name once, in the order printed."""
    reporters: list[str] = []
    photographers: list[str] = []
    dateline: str | None = None
    story_started = False
    for kind, text, opening in blocks:
        if kind == "byline" and opening is not None:  # 新华社北京4月10日电（记者 张三） on its own line
            found_date, found = dateline_of(opening)
            reporters.extend(found)
            dateline = dateline or found_date
        elif kind == "byline":
            writers, shooters = byline_people(text)
            reporters.extend(writers)
            photographers.extend(shooters)
        elif kind == "credit":
            photographers.extend(credit_people(text))
        elif kind == "paragraph":
            reporters.extend(end_credit_reporters(text))
            if not story_started and not PREFACE.match(text):
                story_started = True
                # the whole paragraph, not its first line: hard-wrapped text may break inside the dateline
                found_date, found = paragraph_dateline(text) if opening is not None else (None, ())
                reporters.extend(found)
                dateline = dateline or found_date
    return tuple(dict.fromkeys(reporters)), tuple(dict.fromkeys(photographers)), dateline
