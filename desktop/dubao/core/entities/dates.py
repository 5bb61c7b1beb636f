"""Dates in press text and their resolution against the issue date.

`find_dates(text, issue_date)` -> [(surface, start, end, value)], where value is an ISO string
("2023-02-17", "2023-02", "2022") or None when the expression is vague (近日, 近年来) or needs a year
that is not known (`2月17日` with no issue date).

A bare day (习近平17日在…, as Xinhua leads print it) takes the issue's month, or the month before
when the day is later than the issue's. Month/day without a year takes the issue's year, unless that puts it more than two months after the
issue (a January issue speaking of "12月30日" means last December). Relative years (去年, 今年, 明年,
前年) and days (昨天, 今天, 前天) count from the issue date.
"""

from __future__ import annotations

import datetime
import re

_NUM = "0-9０-９零〇一二三四五六七八九十"
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}

# Order matters: the longest forms first so "2023年2月17日" is one date, not three.
_DATE = re.compile(
    rf"(?P<year>[{_NUM}]{{4}}|[{_NUM}]{{2}}(?=年))年(?:度)?"
    rf"(?:(?P<ym>[{_NUM}]{{1,2}})月(?:(?P<ymd>[{_NUM}]{{1,3}})[日号])?(?:份)?)?"
    rf"|(?P<month>[{_NUM}]{{1,2}})月(?:(?P<day>[{_NUM}]{{1,3}})[日号])?(?:份)?"
    r"|(?P<relyear>去年|今年|明年|前年|上年|当年)(?:度)?"
    r"|(?P<relday>昨天|昨日|今天|今日|明天|明日|前天|前日)"
    r"|(?<![0-9０-９月])(?P<dayonly>[0-9０-９]{1,2})日(?![内后前以])"
    r"|(?P<vague>近日|日前|近期|近年来|近年|目前|当前|此前|年初|年底|年内|春节前夕|新春伊始)"
)
_RELATIVE_YEARS = {"去年": -1, "上年": -1, "前年": -2, "今年": 0, "当年": 0, "明年": 1}
_RELATIVE_DAYS = {"昨天": -1, "昨日": -1, "前天": -2, "前日": -2, "今天": 0, "今日": 0, "明天": 1, "明日": 1}
# Vague expressions worth listing (they place an event in time) but with no value; the rest of the
# alternation above only stops them from being misread.
_LISTED_VAGUE = {"近日", "日前", "近期", "近年来"}


def chinese_number(text: str) -> int | None:
    """'17', '１７', '十七', '二〇二三', '廿' is not handled -> int or None."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if all(c in _CN_DIGITS for c in text):  # digit by digit: 二〇二三
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    if "十" in text:
        tens, _, ones = text.partition("十")
        tens_value = _CN_DIGITS.get(tens, None) if tens else 1
        ones_value = _CN_DIGITS.get(ones, None) if ones else 0
        if tens_value is None or ones_value is None:
            return None
        return tens_value * 10 + ones_value
    return None


def _month_day(month: int, day: int | None, issue_date: datetime.date | None) -> str | None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if issue_date is None:
        return None
    year = issue_date.year
    try:
        candidate = datetime.date(year, month, day or 1)
    except ValueError:
        return None
    if candidate > issue_date + datetime.timedelta(days=62):
        year -= 1
    elif candidate < issue_date - datetime.timedelta(days=300):
        year += 1  # a December issue speaking of "1月5日"
    return f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"


def _full_year(text: str) -> int | None:
    value = chinese_number(text)
    if value is None:
        return None
    if len(text) == 2:  # "23年" in headlines
        value += 2000 if value < 50 else 1900
    return value


def resolve(match: re.Match, issue_date: datetime.date | None) -> str | None:
    groups = match.groupdict()
    if groups["year"]:
        year = _full_year(groups["year"])
        if year is None or not 1000 <= year <= 2999:
            return None
        if not groups["ym"]:
            return f"{year:04d}"
        month = chinese_number(groups["ym"])
        day = chinese_number(groups["ymd"]) if groups["ymd"] else None
        if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            return None
        return f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"
    if groups["month"]:
        month = chinese_number(groups["month"])
        day = chinese_number(groups["day"]) if groups["day"] else None
        return None if month is None else _month_day(month, day, issue_date)
    if groups["dayonly"] and issue_date is not None:  # 新华社北京2月17日电 … 习近平17日在…
        day = chinese_number(groups["dayonly"])
        if day is None or not 1 <= day <= 31:
            return None
        month_start = issue_date.replace(day=1)
        if day > issue_date.day:  # a day after the issue's own: last month
            month_start = (month_start - datetime.timedelta(days=1)).replace(day=1)
        try:
            return month_start.replace(day=day).isoformat()
        except ValueError:
            return None
    if groups["relyear"] and issue_date is not None:
        return f"{issue_date.year + _RELATIVE_YEARS[groups['relyear']]:04d}"
    if groups["relday"] and issue_date is not None:
        return (issue_date + datetime.timedelta(days=_RELATIVE_DAYS[groups["relday"]])).isoformat()
    return None


def _plausible(match: re.Match, text: str) -> bool:
    """Reject digits that only look like a date: a year out of range, or a month glued to more digits."""
    if match.group("year"):
        year = _full_year(match.group("year"))
        return year is not None and 1000 <= year <= 2999
    if match.group("month"):
        return not text[match.start() - 1:match.start()].isdigit()
    return True


def find_dates(text: str, issue_date: datetime.date | None = None) -> list[tuple[str, int, int, str | None]]:
    found = []
    for match in _DATE.finditer(text):
        vague = match.group("vague")
        if vague and vague not in _LISTED_VAGUE:
            continue
        if not _plausible(match, text):
            continue
        found.append((match.group(0), match.start(), match.end(), resolve(match, issue_date)))
    return found
