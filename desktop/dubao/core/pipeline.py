"""The importing pipeline, one way: a file is decoded, split and analysed into an Issue, then a Store saves it.

The store never calls back into this module; no SQL here.

Also guesses the paper and the date of an issue from its file name and its first lines when the user
gives neither; both can be corrected later (`Store.update_issue`).
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from dubao.core import split
from dubao.core.errors import IngestError
from dubao.core.ingest.decode import decode_file, source_info
from dubao.core.models import Entity, ImportOutcome, ImportStatus, Issue, SourceInfo
from dubao.core.text import HAN

if TYPE_CHECKING:
    from dubao.core.library.store import Store

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


def read_issue(path: str | Path, *, paper: str | None = None, date: str | None = None) -> tuple[Issue, str]:
    """Decode and split one issue file: the Issue (paper and date given or guessed, source path resolved) and the
    decoded source text the library keeps. Raises IngestError for a file that is not a readable issue."""
    decoded = decode_file(path)
    return _split(decoded.text, source_info(decoded), path, paper, date), decoded.text


def _analyse_with_library_glossary(store: Store, issue: Issue) -> tuple[Issue, list[Entity] | None]:
    """`analyse_issue` with the library's own glossary entries laid over the shipped ones."""
    from dubao.core.entities.glossary import use_user_entries

    use_user_entries(store.glossary_entries())
    return analyse_issue(issue)


def _split(text: str, source: SourceInfo, path, paper: str | None, date: str | None) -> Issue:
    try:
        issue = split.split_issue(text, source)
    except Exception as error:  # the splitter never raises on text by contract; if it does, it is this file's fault
        raise IngestError(f"{path}: the text could not be split into articles ({error})") from error
    if not issue.articles:
        raise IngestError(f"{path}: no articles found in the text")
    resolved = str(Path(path).expanduser().resolve()) if path is not None and source.path is not None else source.path
    return dataclasses.replace(
        issue, source=dataclasses.replace(source, path=resolved),
        paper=paper or (guess_paper(path, text) if path is not None else None),
        date=date or (guess_date(path, text) if path is not None else None))


def analyse_issue(issue: Issue) -> tuple[Issue, list[Entity] | None]:
    """Find the issue's entities. Returns the issue stamped with the analyser's version, and the entities — or
    the issue unchanged and None when extraction is unavailable or fails (the import still succeeds)."""
    try:
        from dubao.core import entities
    except ImportError:
        return issue, None
    try:
        found = entities.extract_issue(issue, datetime.date.fromisoformat(issue.date) if issue.date else None)
    except Exception:  # entity finding is a bonus; a bug there must not lose the user's import
        log.exception("entity extraction failed; the issue is imported without entities")
        return issue, None
    return dataclasses.replace(issue, analyser_version=entities.ANALYSER_VERSION), found


@dataclasses.dataclass(frozen=True)
class PdfDecoded:
    """An issue read from page PDFs: the source text the layout defines, and the per-page PDFs to keep."""

    text: str
    sha256: str
    path: str
    pdf_pages: list  # (single-page PDF bytes, width, height), page 1 first
    file_names: list
    encoding: str = "pdf"


def _holds_page_pdfs(folder: Path, text_suffixes: tuple[str, ...]) -> bool:
    """A folder of page PDFs: PDFs and no issue text files beside them (those are imported one by one)."""
    suffixes = {found.suffix.lower() for found in folder.iterdir() if found.is_file()}
    return ".pdf" in suffixes and not suffixes & set(text_suffixes)


def issue_inputs(paths, text_suffixes: tuple[str, ...] = (".txt",)) -> list[str]:
    """What to import, one issue each: files as given; in a folder (recursively, in name order) each text
    file, and each folder that holds page PDFs (itself or one below it, e.g. one folder a day) as one issue."""
    found: list[str] = []
    for path in map(Path, paths):
        if path.is_dir():
            folders = [path] + sorted(item for item in path.rglob("*") if item.is_dir())
            found += [str(folder) for folder in folders if _holds_page_pdfs(folder, text_suffixes)]
            found += sorted(str(item) for item in path.rglob("*")
                            if item.is_file() and item.suffix.lower() in text_suffixes)
        else:
            found.append(str(path))
    return list(dict.fromkeys(found))  # a file given twice is imported once


def is_pdf_input(path: str | Path) -> bool:
    """A page PDF, a multi-page PDF or a folder (of page PDFs)."""
    from dubao.core.ingest.pdf import is_pdf

    path = Path(path).expanduser()
    return path.is_dir() or (path.is_file() and is_pdf(path))


def split_pdf_issue(path: str | Path) -> tuple[PdfDecoded, Issue]:
    """Read and lay out the page PDFs of one issue. Raises IngestError for unreadable PDFs."""
    from dubao.core.ingest.pdf_files import read_issue_pdfs
    from dubao.core.models import SourceInfo
    from dubao.core.split.page_layout import layout_issue

    files = read_issue_pdfs(path)
    text, issue = layout_issue(files.pages, SourceInfo(files.path, files.sha256, "pdf", 0))
    return PdfDecoded(text, files.sha256, files.path, files.page_pdfs, files.file_names), issue


def _import_pdf(store: Store, path: str | Path, paper, date, replace: bool, entities: bool,
                replace_id) -> ImportOutcome:
    decoded, issue = split_pdf_issue(path)
    if not replace:
        existing = store.find_issue_by_sha256(decoded.sha256)
        if existing is not None:
            return ImportOutcome(ImportStatus.SKIPPED, decoded.path, existing.id, existing.article_count,
                                 reason="duplicate")
    if not issue.articles:
        raise IngestError(f"{path}: no articles found on the page")
    named = Path(path) / decoded.file_names[0] if Path(path).is_dir() else Path(path)
    issue = dataclasses.replace(issue, paper=paper or guess_paper(named, decoded.text),
                                date=date or guess_date(named, decoded.text))
    found = None
    if entities:
        issue, found = _analyse_with_library_glossary(store, issue)
    return store.save_issue(issue, decoded.text, entities=found, replace=replace, replace_id=replace_id,
                            pdf_pages=decoded.pdf_pages)


def import_file(store: Store, path: str | Path, *, paper: str | None = None, date: str | None = None,
                replace: bool = False, entities: bool = True, replace_id: int | None = None) -> ImportOutcome:
    """Decode (or lay out, for page PDFs), split, analyse and store one issue: a text file, a page PDF, a
    multi-page PDF or a folder of page PDFs. Raises IngestError for a file that is not a readable issue.
    `replace`: re-derive the issue with the same source (or source path), re-anchoring its annotations;
    `replace_id`: re-derive that issue from this file (a corrected copy under another name)."""
    if replace_id is not None:
        store.get_issue(replace_id)  # NotFoundError for an unknown issue, before any slow work
    if is_pdf_input(path):
        return _import_pdf(store, path, paper, date, replace or replace_id is not None, entities, replace_id)
    decoded = decode_file(path)
    replace = replace or replace_id is not None
    if not replace:
        existing = store.find_issue_by_sha256(decoded.sha256)
        if existing is not None:  # don't split a file we already hold
            return ImportOutcome(ImportStatus.SKIPPED, str(Path(path).expanduser().resolve()), existing.id,
                                 existing.article_count, reason="duplicate")
    issue = _split(decoded.text, source_info(decoded), path, paper, date)
    found = None
    if entities:
        issue, found = _analyse_with_library_glossary(store, issue)
    return store.save_issue(issue, decoded.text, entities=found, replace=replace, replace_id=replace_id)


def resplit_issue(store: Store, issue_id: int, *, entities: bool = True) -> ImportOutcome:
    """Split an issue again from the source text the library keeps (after the splitter improved, or when
    the original file is gone), re-anchoring its annotations as `import --replace` does."""
    record = store.get_issue(issue_id)
    pages = store.issue_pages(issue_id)
    if pages:  # imported from page PDFs: lay the kept pages out again
        from dubao.core.ingest.pdf import read_pdf
        from dubao.core.split.page_layout import layout_issue

        printed = [page for source in pages for page in read_pdf(source.pdf, first_page=source.page).pages]
        text, issue = layout_issue(printed, SourceInfo(record.source_path, record.sha256, record.encoding, 0))
        issue = dataclasses.replace(issue, paper=record.paper, date=record.date)
        found = None
        if entities:
            issue, found = _analyse_with_library_glossary(store, issue)
        return store.save_issue(issue, text, entities=found, replace_id=issue_id)
    text = store.issue_source_text(issue_id)
    source = SourceInfo(record.source_path, record.sha256, record.encoding, len(text))
    issue = dataclasses.replace(_split(text, source, None, None, None), paper=record.paper, date=record.date)
    found = None
    if entities:
        issue, found = _analyse_with_library_glossary(store, issue)
    return store.save_issue(issue, text, entities=found, replace_id=issue_id)


def is_stale(issue: Issue) -> bool:
    """True when the issue's articles were derived by an older splitter or analyser than this Dubao's."""
    from dubao.core import entities

    if issue.splitter_version != split.SPLITTER_VERSION:
        return True
    return issue.analyser_version is not None and issue.analyser_version != entities.ANALYSER_VERSION
