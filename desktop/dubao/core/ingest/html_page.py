"""Reading one saved web page (.html/.htm) as one article: kicker (引题), headline (主题), subheadline (副题),
byline, paragraphs, and the paper, date and page it was printed on.

Three sources of the same facts, most explicit first:
  1. the property comment that e-paper publishing systems write into article pages
     (`<!--enpproperty <date>…</date><title>…</title><introtitle>…</introtitle><subtitle>…</subtitle>
     <author>…</author><nodename>01版：要闻</nodename>/enpproperty-->`);
  2. meta tags (og:title, og:site_name, article:published_time, publishdate, author, source …);
  3. the page's structure: the heading that names the article (h1, or an element whose class says title) with
     the short headings printed just above (kicker) and below it (subheadline), and the element holding most
     of the page's Chinese text in paragraphs (the article body). Navigation, scripts and forms never count.
The guessers of core/ingest/guess.py fill in what the page leaves out, from its header text and its file name.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import lxml.html

from dubao.core.errors import IngestError
from dubao.core.ingest.guess import CHINESE_PAPER, date_in_text, guess_date, guess_page, page_in_text, paper_in_name
from dubao.core.models import BlockKind
from dubao.core.split.patterns import NAME_LIST, PAGE_KINDS
from dubao.core.split.people import trailing_credit
from dubao.core.text import HAN, HAN_CHARACTER

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
MAX_BYTES = 20 * 1024 * 1024
MIN_ARTICLE_HAN = 20  # fewer Chinese characters than this in the body: the page holds no article

_ENP = re.compile(r"<!--\s*enpproperty(.*?)/enpproperty\s*-->", re.S | re.I)
_ENP_FIELD = re.compile(r"<(\w+)>(.*?)</\1>", re.S)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ISO_LIKE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_NOT_CONTENT = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "select", "iframe",
                "button", "template", "svg")
# page furniture by its class or id: never article text
_FURNITURE_CLASS = re.compile(
    r"(?i)(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|copyright|banner|breadcrumbs?|sidebar|share|comments?|"
    r"related|recommend|ad|ads|advert)(?:$|[\s_-])")
_KICKER_CLASS = re.compile(r"(?i)yinti|intro-?title|pre-?title|kicker|lead-?title|top-?title|title-?pre")
_SUBTITLE_CLASS = re.compile(r"(?i)sub-?title|futi|title-?sub|deck")
_TITLE_CLASS = re.compile(r"(?i)(?:^|[\s_-])(?:main-?)?title(?:$|[\s_-])|headline|biaoti")
_AUTHOR_CLASS = re.compile(r"(?i)author|byline|zuozhe|editor-?name")
_CAPTION_CLASS = re.compile(r"(?i)caption|pic-?(?:info|txt|text|desc)|img-?(?:info|txt|desc)|tuzhu")
_BYLINE_TEXT = re.compile(r"^[□■●◆▲（(【]?\s*(?:本报记者|本报通讯员|记者|通讯员|作者|文[/／]|文\s*[:：]|撰文|特约记者)")
_PAPER_LINE = re.compile(r"(?:19|20)\d\d\s*年|第\s*[A-Za-z]?\d{1,3}\s*版|来源|稿源")
# words that end in 报 and name no paper: 举报电话, 电子报, 天气预报 …
_NOT_A_PAPER = re.compile(r"(?:举|电子|数字|读|海|简|通|公|情|预|汇|捷|喜|画)报$")
_NAMES_ONLY = re.compile(NAME_LIST)  # 王立新 陈晓雨: a byline without 记者
_FURNITURE_KINDS = ("editor", "web", "header")
_PADDED_NAME = re.compile(rf"(?<![{HAN}])([{HAN}])[ \u3000]([{HAN}])(?![{HAN}])")
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|--|—+|\s-\s)\s*")


@dataclass(frozen=True, slots=True)
class WebPage:
    """One article read from a saved web page; `paragraphs` are (BlockKind, text) in page order; lines around
    them that belong to no article (the editor's name, 来源, 打印本页) are `furniture`."""

    path: str | None
    sha256: str
    encoding: str
    paper: str | None
    date: str | None
    page: str | None
    kicker: str | None
    headline: str
    subheadline: str | None
    byline: str | None
    paragraphs: tuple[tuple[str, str], ...]
    furniture: tuple[tuple[str, str], ...] = ()  # (page-item kind, text): 责任编辑 lines, 来源, 打印本页 …


def is_web_page(path: str | Path) -> bool:
    return Path(path).suffix.lower() in HTML_SUFFIXES


def _clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip(" \u3000")


def han_count(text: str) -> int:
    return len(HAN_CHARACTER.findall(text))


# ---- bytes → tree ---------------------------------------------------------------------------------------


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a page: its byte-order mark, the charset it declares, else UTF-8, else GB18030."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec.replace("-sig", "")
    declared = _META_CHARSET.search(data[:8192])
    # valid UTF-8 first: a page re-saved by a browser is UTF-8 whatever its old declaration says, and GBK text
    # is almost never valid UTF-8
    tried = ["utf-8"]
    if declared:
        name = declared.group(1).decode("ascii").lower()
        # GB2312/GBK pages routinely hold characters only GB18030 (their superset) names
        tried.append("gb18030" if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk") else name)
    tried += ["gb18030"]
    for codec in tried:
        try:
            return data.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            continue
    raise IngestError("cannot decode the page: not UTF-8, GB18030 or the charset it declares")


def _tree(text: str):
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text) or "<html></html>", parser=parser)
    except (lxml.etree.ParserError, ValueError) as error:
        raise IngestError(f"this web page cannot be read ({error})") from None
    doomed = [element for element in root.iter(*_NOT_CONTENT)]
    doomed += [element for element in root.iter() if isinstance(element.tag, str) and element.tag != "body"
               and _FURNITURE_CLASS.search(_classes(element))]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    for br in root.iter("br"):  # a <br> separates paragraphs as much as a </p> does
        br.tail = "\n" + (br.tail or "")
    return root


def _meta(root) -> dict[str, str]:
    found = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = _clean(meta.get("content"))
        if key and content and key not in found:
            found[key] = content
    return found


def _enp_fields(text: str) -> dict[str, str]:
    match = _ENP.search(text)
    if not match:
        return {}
    return {key.lower(): _clean(lxml.html.fromstring(f"<p>{value}</p>").text_content()) if "<" in value
            else _clean(value) for key, value in _ENP_FIELD.findall(match.group(1)) if value.strip()}


# ---- the body ----------------------------------------------------------------------------------------


def _lines(element) -> list[str]:
    return [_clean(line) for line in element.text_content().split("\n") if _clean(line)]


_UNIT_TAGS = ("p", "div", "td", "section", "article", "figcaption")
_BLOCK_TAGS = frozenset({"p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "section",
                         "article", "figure", "blockquote"})


def _is_text_unit(element) -> bool:
    """A paragraph as pages print them: a <p>, or a block (div, td …) holding text and no other block; text that
    is mostly links (a list of other articles) is none."""
    if element.tag not in ("p", "figcaption") and any(
            isinstance(child.tag, str) and child.tag in _BLOCK_TAGS for child in element.iterdescendants()):
        return False
    count = han_count(element.text_content())
    if not count:
        return False
    linked = sum(han_count(link.text_content()) for link in element.iter("a"))
    return linked <= count / 2


def _text_units(root) -> list:
    units = [element for element in root.iter(*_UNIT_TAGS) if _is_text_unit(element)]
    inside = set()
    for unit in units:  # a <p> inside a <p> (broken markup) is read with its outer one
        inside.update(unit.iterdescendants())
    return [unit for unit in units if unit not in inside]


def _body_container(root):
    """The element whose paragraphs hold the most Chinese text (parents earn fully, grandparents half), and
    its paragraphs."""
    units = _text_units(root)
    scores: dict = {}
    for unit in units:
        count = han_count(unit.text_content())
        parent = unit.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + count
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0) + count / 2
    if not scores:
        return None, []
    container = max(scores, key=scores.get)
    within = set(container.iterdescendants())
    return container, [unit for unit in units if unit in within]


def _kind_of(element, text: str) -> str:
    for kind, pattern in PAGE_KINDS:
        if kind in _FURNITURE_KINDS and len(text) <= 40 and pattern.match(text.strip("【】[]（）()")):
            return kind
    classes = " ".join(filter(None, (element.get("class"), element.get("id"))))
    inside_figure = any(a.tag in ("figure", "figcaption") for a in element.iterancestors())
    if inside_figure or element.tag == "figcaption" or _CAPTION_CLASS.search(classes):
        return BlockKind.CAPTION
    return BlockKind.PARAGRAPH


def _body(root) -> list[tuple[str, str]]:
    _, units = _body_container(root)
    blocks = []
    for kind, line in ((_kind_of(unit, line), line) for unit in units for line in _lines(unit)):
        credit = trailing_credit(line) if kind == BlockKind.CAPTION else None
        if credit is None or credit.start() == 0:
            blocks.append((kind, line))
        else:  # …新款车型。 新华社记者 孙启明 摄: the photographer's credit is a block of its own, as in print
            blocks += [(kind, line[:credit.start()].rstrip()), (BlockKind.CREDIT, credit.group().strip())]
    return blocks


# ---- the title block ----------------------------------------------------------------------------------


def _classes(element) -> str:
    return " ".join(filter(None, (element.get("class"), element.get("id"))))


def _short_heading(element) -> str | None:
    text = _clean(element.text_content()) if element is not None else ""
    return text if text and len(text) <= 80 and han_count(text) else None


def _headline_element(root, hints: list[str]):
    """The element printing the headline: an h1 (or a title-classed element) whose text the page's <title> or
    og:title repeats; else the first h1 with Chinese text; else the first title-classed element."""
    candidates = [e for e in root.iter("h1", "h2", "div", "p", "span", "td")
                  if e.tag == "h1" or _TITLE_CLASS.search(_classes(e))]
    candidates = [e for e in candidates if _short_heading(e) and not _KICKER_CLASS.search(_classes(e))
                  and not _SUBTITLE_CLASS.search(_classes(e))]
    for element in candidates:
        text = _short_heading(element)
        if any(text in hint for hint in hints if hint):
            return element
    for element in candidates:
        if element.tag == "h1":
            return element
    return candidates[0] if candidates else None


def _line_above_body(root):
    """The last short line printed before the body's first paragraph: the headline of a page that marks up
    none (old table layouts). None when it reads like a sentence."""
    container, units = _body_container(root)
    if container is None:
        return None
    first = units[0] if units else container
    last = None
    for element in root.iter():
        if element is first or element is container:
            break
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "head", "title", "meta"):
            continue
        own = _clean(element.text)
        if own and han_count(own) >= 2 and len(own) <= 40 and not own.endswith(("。", "！", "？", "；")):
            last = element
    return last


def _neighbour_heading(element, step: str):
    """The next/previous sibling heading (h1–h6) with Chinese text, skipping empty ones; None otherwise."""
    sibling = getattr(element, step)()
    while sibling is not None and not _clean(sibling.text_content()):
        sibling = getattr(sibling, step)()
    if sibling is not None and sibling.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return sibling
    return None


def _classed_text(root, pattern: re.Pattern) -> str | None:
    for element in root.iter():
        if isinstance(element.tag, str) and pattern.search(_classes(element)):
            text = _short_heading(element)
            if text:
                return text
    return None


def _titles(root, enp: dict, meta: dict) -> tuple[str | None, str, str | None, str | None]:
    """(kicker, headline, subheadline, byline from a heading) of the page."""
    page_title = _clean(root.findtext(".//title"))
    hints = [meta.get("og:title", ""), page_title, enp.get("title", "")]
    element = _headline_element(root, hints)
    headline = enp.get("title") or (_short_heading(element) if element is not None else None)
    if not headline:
        element = _line_above_body(root)
        headline = _short_heading(element) if element is not None else None
    if not headline:
        fallback = meta.get("og:title") or page_title
        headline = _TITLE_SEPARATORS.split(fallback)[0] if fallback else ""
    kicker = enp.get("introtitle") or _classed_text(root, _KICKER_CLASS)
    subheadline = enp.get("subtitle") or _classed_text(root, _SUBTITLE_CLASS)
    byline = None
    if element is not None:
        before = _neighbour_heading(element, "getprevious")
        after = _neighbour_heading(element, "getnext")
        if kicker is None and before is not None:
            kicker = _short_heading(before)
        for _ in range(2):  # 副题 then byline, each perhaps a heading of its own under the headline
            text = _short_heading(after) if after is not None else None
            if text is None:
                break
            names_only = _NAMES_ONLY.fullmatch(_PADDED_NAME.sub(r"\1\2", text))
            if _BYLINE_TEXT.match(text) or (names_only and (subheadline or after.tag in ("h4", "h5", "h6"))):
                byline = byline or text
            elif subheadline is None:
                subheadline = text
            after = _neighbour_heading(after, "getnext")
    return kicker, headline, subheadline, byline


def _date(enp: dict, meta: dict, root) -> str | None:
    for value in (enp.get("date"), meta.get("article:published_time"), meta.get("publishdate"),
                  meta.get("pubdate"), meta.get("publish_date"), meta.get("datepublished"), meta.get("date"),
                  meta.get("dc.date"), meta.get("og:release_date")):
        match = _ISO_LIKE.search(value or "")
        if match:
            found = date_in_text(f"{match.group(1)}年{match.group(2)}月{match.group(3)}日")
            if found:
                return found
    return None


def _paper(meta: dict, root, header: str) -> str | None:
    """The paper named by the page's meta tags, by a header line that also prints the date, the page or the
    source (人民日报 2026年01月14日 第01版 · 来源：经济日报), or by its <title>."""
    dated = "\n".join(line for line in header.split("\n") if _PAPER_LINE.search(line))
    for value in (meta.get("source"), meta.get("og:site_name"), meta.get("publisher"), meta.get("copyright"),
                  dated, _clean(root.findtext(".//title"))):
        for match in CHINESE_PAPER.finditer(value or ""):
            name = match.group(0)
            if not name.startswith("本报") and not _NOT_A_PAPER.search(name):
                return name
    return None


def read_web_page(data: bytes, path: str | None = None) -> WebPage:
    """The article a saved web page holds. Raises IngestError for a page with no article text."""
    if len(data) > MAX_BYTES:
        raise IngestError("the web page is too large (over 20 MB)")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise IngestError("this is a binary file (an image, a PDF …), not a saved web page")
    text, encoding = decode_html(data)
    enp = _enp_fields(text)
    root = _tree(text)
    meta = _meta(root)
    kicker, headline, subheadline, byline = _titles(root, enp, meta)
    body = [(kind, line) for kind, line in _body(root) if line not in (kicker, headline, subheadline)]
    furniture = tuple((kind, line) for kind, line in body if kind in _FURNITURE_KINDS)
    body = [(kind, line) for kind, line in body if kind not in _FURNITURE_KINDS]
    if sum(han_count(line) for _, line in body) < MIN_ARTICLE_HAN:
        raise IngestError("this web page holds no article text (nothing but navigation, links or images)")
    byline = enp.get("author") or byline or meta.get("author") or _classed_text(root, _AUTHOR_CLASS)
    if body and _BYLINE_TEXT.match(body[0][1]) and len(body[0][1]) <= 40 and "。" not in body[0][1]:
        byline = body.pop(0)[1] if byline in (None, body[0][1]) else byline
    body = [(kind, line) for kind, line in body if line != byline]
    if byline:  # 刘  畅: a two-character name padded to the width of three
        byline = _PADDED_NAME.sub(r"\1\2", byline)
    # the header text of the page: the lines around the title, where the paper, date and page are printed
    header = enp.get("nodename", "")
    page_text = "\n".join(_lines(root.find("body") if root.find("body") is not None else root))
    header += "\n" + "\n".join(line for line in page_text.split("\n")[:40] if len(line) <= 60)
    return WebPage(
        path=path, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding,
        paper=_paper(meta, root, header) or (paper_in_name(Path(path).stem) if path else None),
        date=_date(enp, meta, root) or (guess_date(path, "") if path else None) or date_in_text(header),
        page=page_in_text(enp.get("nodename", "")) or (guess_page(path, "") if path else None)
        or page_in_text(header),
        kicker=kicker, headline=headline, subheadline=subheadline, byline=byline, paragraphs=tuple(body),
        furniture=furniture,
    )
