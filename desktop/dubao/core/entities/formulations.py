"""Formulations (提法): numbered slogans and coined terms, with their meaning.

Two sources of meaning:
- the glossary `resources/data/formulations.json` for national formulations (两个确立, 四个意识 …);
- the text itself: parts enumerated right before the quote (以煤、铝、酒“一黑二白” -> 煤, 铝, 酒), kept
  only when their count matches the numbers in the term (一黑二白 = 1 + 2 = 3 parts).

A quoted term counts as a formulation when it has a number (“985”, “12+N”, “三网建设”), is in the
glossary, or is a coined phrase (not a single dictionary word, not a quoted sentence). Unknown ones
are still listed with the sentence they appear in.
"""

from __future__ import annotations

import json
import re
import threading

from dubao.core import paths
from dubao.core.entities.dates import chinese_number
from dubao.core.text import has_han

_QUOTE = re.compile(r"“([^“”\n]{1,30})”|‘([^‘’\n]{1,30})’|「([^「」\n]{1,30})」")
_NUMERAL_RUN = re.compile(r"[一二三四五六七八九十两百]+|[0-9]+")
_HAS_NUMBER = re.compile(r"^[一二三四五六七八九十两百千0-9]|[0-9]|[一二三四五六七八九十两]个|[一二三四五六七八九十两][大网化黑白新]")
_SENTENCE_PUNCT = set("，。！？：；,!?:;")
_SENTENCE_END = "。！？!?\n"
# Lead words stripped from the leftmost enumerated part: 以煤 -> 煤, 集中开展政银企对接 -> 政银企对接.
_LEAD_POS = ("p", "c", "d", "v", "u", "r", "ad", "vd", "t", "f", "m")
# jieba tags some clause openers as nouns or idioms (积极参与 i, 建立健全 nr): listed by hand
_LEAD_WORDS = {"积极", "集中", "参与", "积极参与", "建立健全", "建立", "健全", "加快", "推进", "推动", "围绕",
               "打造", "实施", "开展", "包括", "涵盖", "聚焦", "坚持", "实现", "做好", "抓好", "抓实", "全力"}

_glossary: dict | None = None
_lock = threading.Lock()


def glossary() -> dict[str, dict]:
    global _glossary
    with _lock:
        if _glossary is None:
            data = json.loads(paths.resource("data", "formulations.json").read_text(encoding="utf-8"))
            _glossary = {key: value for key, value in data.items() if not key.startswith("_")}
    return _glossary


def number_sum(term: str) -> int | None:
    """Sum of the Chinese numerals in a term: 一黑二白 -> 3, 两大三新 -> 5, 六个专项行动 -> 6.
    None for digit codes (“985”, “12+N”), whose digits do not count parts."""
    if re.search(r"[0-9]", term):
        return None
    total = 0
    for run in _NUMERAL_RUN.findall(term.replace("两", "二")):
        value = chinese_number(run)
        if value is None:
            return None
        total += value
    return total or None


def sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in _SENTENCE_END)
    rights = [pos for pos in (text.find(mark, end) for mark in _SENTENCE_END) if pos != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left + 1:right].strip()


def enumeration_before(text: str, quote_start: int, count: int | None, words) -> list[str]:
    """Parts listed with 、 right before the opening quote, when there are exactly `count` of them."""
    if not count or count < 2:
        return []
    left = quote_start
    while left > 0 and text[left - 1] not in "，。！？：；,;:!?\n“”（）()":
        left -= 1
    chunk = text[left:quote_start]
    chunk = re.sub(r"(等|这|此)$", "", chunk)
    parts = chunk.split("、")
    if len(parts) != count or not all(parts):
        return []
    # the leftmost part carries the clause's verb or preposition: strip leading words by POS
    first_start = left
    lead_words = [w for w in words if first_start <= w[2] and w[3] <= first_start + len(parts[0])]
    kept = parts[0]
    for word, pos, w_start, _ in lead_words[:-1]:
        if pos.startswith(_LEAD_POS) or word in _LEAD_WORDS:
            kept = text[w_start + len(word):first_start + len(parts[0])]
        else:
            break
    parts[0] = kept
    if any(len(part) > 12 for part in parts):
        return []
    return parts


def _is_coined(term: str, dictionary_words) -> bool:
    # a slogan of parallel clauses may be long (政府有需求、能建有优势、…); a plain term is short,
    # longer quotes without punctuation are quoted speech
    limit = 24 if "、" in term else 10
    if len(term) < 2 or len(term) > limit or any(c in _SENTENCE_PUNCT for c in term):
        return False
    if not has_han(term):
        return False
    return term not in dictionary_words


def find_formulations(text: str, words, dictionary_words) -> list[dict]:
    """Formulations in `text`: dicts with term, start, end (of the term, inside the quotes),
    expansion, explanation, source, context. `words` are jieba (word, pos, start, end) over `text`;
    `dictionary_words` a container of ordinary words (quoted ordinary words are not formulations)."""
    table = glossary()
    found = []
    taken = set()
    for match in _QUOTE.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        term, start, end = match.group(group), match.start(group), match.end(group)
        known = table.get(term)
        if not (known or _HAS_NUMBER.search(term) or _is_coined(term, dictionary_words)):
            continue
        if any(c in _SENTENCE_PUNCT for c in term):
            continue
        expansion = list(known["expansion"]) if known else []
        if not expansion:
            expansion = enumeration_before(text, match.start(), number_sum(term), words)
        found.append({
            "term": term, "start": start, "end": end, "expansion": expansion,
            "explanation": known["explanation"] if known else "",
            "source": known["source"] if known else "",
            "context": "" if known else sentence_around(text, start, end),
        })
        taken.update(range(start, end))
    # glossary terms printed without quotes (四个全面, 一带一路)
    for term, entry in table.items():
        if len(term) < 3:
            continue
        for match in re.finditer(re.escape(term), text):
            if match.start() in taken:
                continue
            found.append({"term": term, "start": match.start(), "end": match.end(),
                          "expansion": list(entry["expansion"]), "explanation": entry["explanation"],
                          "source": entry["source"], "context": ""})
    found.sort(key=lambda item: item["start"])
    return found
