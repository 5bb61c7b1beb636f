"""Importing issue files into the library: decode → split → find entities → store (no SQL here).

Also guesses the paper and the date of an issue from its file name and its first lines when the user
gives neither; both can be corrected later (`Store.update_issue`).
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import re
from pathlib import Path

from dubao.core.ingest.decode import IngestError, decode_file
from dubao.core.models import ImportOutcome, Issue
from dubao.core.text import HAN

log = logging.getLogger(__name__)

# Pinyin file-name slugs of papers people read often -> the paper's name. Lower case, letters only.
KNOWN_PAPERS = {
    "renminribao": "人民日报", "rmrb": "人民日报", "renminribaohaiwaiban": "人民日报海外版",
    "guangmingribao": "光明日报", "gmrb": "光明日报", "jingjiribao": "经济日报", "jiefangjunbao": "解放军报",
    "zhongguoqingnianbao": "中国青年报", "qiushi": "求是", "xuexishibao": "学习时报", "huanqiushibao": "环球时报",
    "kejiribao": "科技日报", "fazhiribao": "法治日报", "gongrenribao": "工人日报", "nongminribao": "农民日报",
    "zhongguoribao": "中国日报", "beijingribao": "北京日报", "tianjinribao": "天津日报", "jiefangribao": "解放日报",
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
_CHINESE_PAPER = re.compile(f"[{HAN}]{{1,8}}(?:日报|晚报|时报|周报|商报|青年报|军报|特区报|报)(?:海外版)?")
_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?!\d)")
_TEXT_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MASTHEAD_LINES = 12  # paper name and date, when printed, are in the page header


def _valid_date(year: str, month: str, day: str) -> str | None:
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def guess_date(path: str | Path | None, text: str) -> str | None:
    """ISO date from the file name (2023-02-18, 20230218, 2023_02_18) or a full date in the page header."""
    if path is not None:
        for match in _FILE_DATE.finditer(Path(path).name):
            date = _valid_date(*match.groups())
            if date:
                return date
    head = "\n".join(line for line in text.splitlines() if line.strip())
    head = "\n".join(head.splitlines()[:_MASTHEAD_LINES])
    for match in _TEXT_DATE.finditer(head):
        date = _valid_date(*match.groups())
        if date:
            return date
    return None


def guess_paper(path: str | Path | None, text: str) -> str | None:
    """The paper's name from the file name (人民日报-2023-….txt, renmin-ribao-….txt) or its page header."""
    if path is not None:
        stem = Path(path).stem
        found = _CHINESE_PAPER.search(stem)
        if found:
            return found.group(0)
        words = [word for word in re.split(r"[^a-z]+", stem.lower()) if word]
        # the longest run of leading words that names a known paper ("renmin ribao haiwaiban" before "renmin ribao")
        for length in range(len(words), 0, -1):
            for first in range(len(words) - length + 1):
                slug = "".join(words[first:first + length])
                if slug in KNOWN_PAPERS:
                    return KNOWN_PAPERS[slug]
        for index, word in enumerate(words):
            if word in _PAPER_SUFFIXES and index > 0:
                return " ".join(w.capitalize() for w in words[max(0, index - 2):index + 1])
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_MASTHEAD_LINES]
    for line in lines:
        # a header line names the paper on its own or beside the date ("2023年2月18日 星期六 吕梁日报")
        for piece in re.split(r"[\s|·•/]+", line):
            if _CHINESE_PAPER.fullmatch(piece) and not piece.startswith("本报"):
                return piece
    return None


def _split(decoded) -> Issue:
    from dubao.core import split
    from dubao.core.ingest.decode import source_info

    return split.split_issue(decoded.text, source_info(decoded))


def _use_library_glossary(store) -> None:
    """Formulations are found with the library's own glossary entries laid over the shipped ones."""
    from dubao.core.entities.glossary import use_user_entries

    use_user_entries(store.glossary_entries())


def _entities(issue: Issue, date: str | None):
    """Entities of the issue, or None when extraction is unavailable or fails (the import still succeeds)."""
    try:
        from dubao.core.entities import extract_issue
    except ImportError:
        return None
    try:
        return extract_issue(issue, datetime.date.fromisoformat(date) if date else None)
    except Exception:  # entity finding is a bonus; a bug there must not lose the user's import
        log.exception("entity extraction failed; the issue is imported without entities")
        return None


def import_path(store, path: str | Path, *, paper: str | None = None, date: str | None = None,
                replace: bool = False, entities: bool = True, replace_id: int | None = None) -> ImportOutcome:
    """Import one issue file into `store`. Raises IngestError for a file that is not a readable issue."""
    if replace_id is not None:
        store.get_issue(replace_id)  # KeyError for an unknown issue, before any slow work
    resolved = str(Path(path).expanduser().resolve())
    decoded = decode_file(path)
    replace = replace or replace_id is not None
    if not replace:
        existing = store.find_issue_by_sha256(decoded.sha256)
        if existing is not None:  # don't split a file we already hold
            return ImportOutcome("skipped", resolved, existing.id, existing.article_count, reason="duplicate")
    try:
        issue = _split(decoded)
    except IngestError:
        raise
    except Exception as error:
        raise IngestError(f"{path}: the text could not be split into articles ({error})") from error
    if not issue.articles:
        raise IngestError(f"{path}: no articles found in the text")
    issue = dataclasses.replace(issue, source=dataclasses.replace(issue.source, path=resolved))
    paper = paper or guess_paper(path, decoded.text)
    date = date or guess_date(path, decoded.text)
    if entities:
        _use_library_glossary(store)
    found = _entities(issue, date) if entities else None
    return store.import_decoded(decoded, issue, paper, date, replace=replace, entities=found, replace_id=replace_id)


def resplit_issue(store, issue_id: int, *, entities: bool = True) -> ImportOutcome:
    """Split an issue again from the source text the library keeps (after the splitter improved, or when
    the original file is gone), re-anchoring its annotations as `import --replace` does."""
    from dubao.core import split
    from dubao.core.models import SourceInfo

    record = store.get_issue(issue_id)
    text = store.issue_source_text(issue_id)
    source = SourceInfo(record.source_path, record.sha256, record.encoding, len(text))
    try:
        issue = split.split_issue(text, source)
    except Exception as error:
        raise IngestError(f"issue {issue_id}: the text could not be split into articles ({error})") from error
    if not issue.articles:
        raise IngestError(f"issue {issue_id}: no articles found in the text")
    if entities:
        _use_library_glossary(store)
    found = _entities(issue, record.date) if entities else None
    return store.import_decoded(text, issue, None, None, entities=found, replace_id=issue_id)
