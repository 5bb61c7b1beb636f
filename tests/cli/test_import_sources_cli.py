"""`dubao import` of saved web pages and with --paper/--date/--page; `dubao split` of a web page."""

from __future__ import annotations

import json
from pathlib import Path

import dubao.cli as cli

WEB = Path(__file__).resolve().parents[1] / "fixtures" / "web"


def run(capsys, *argv) -> tuple[int, str, str]:
    status = cli.main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_folder_of_web_pages_imports_one_issue_per_paper_and_date_and_names_the_empty_page(capsys, tmp_path):
    library = tmp_path / "library.sqlite"
    status, out, _ = run(capsys, "import", WEB, "--library", library, "--no-entities")
    assert status == 2  # one page held no article
    lines = out.splitlines()
    assert lines[0] == f"failed   {WEB / 'navigation_only.html'}: this web page holds no article text " \
                       "(nothing but navigation, links or images)"
    assert f"imported {WEB / 'rmrb-2026-01-14'}: issue 1, 人民日报 2026-01-14 第1版, 2 articles" in lines
    assert any(line.startswith(f"imported {WEB / 'xinhua_style_news.html'}: issue 2, 经济日报 2026-03-02")
               for line in lines)


def test_paper_date_and_page_given_on_the_command_line_win_over_guesses(capsys, tmp_path, sample_path):
    library = tmp_path / "library.sqlite"
    status, out, _ = run(capsys, "import", sample_path, "--paper", "吕梁日报(校)", "--date", "2023-02-17",
                         "--page", "A2", "--library", library, "--no-entities")
    assert status == 0
    assert out.startswith(f"imported {sample_path}: issue 1, 吕梁日报(校) 2023-02-17 第A2版, 5 articles")
    status, out, _ = run(capsys, "import", WEB / "rmrb-2026-01-14", "--date", "2026-01-15", "--library", library,
                         "--no-entities", "--json")
    report = json.loads(out)
    assert status == 0 and len(report["imported"]) == 1


def test_split_prints_a_web_page_as_json_with_spans_into_its_text(capsys):
    status, out, _ = run(capsys, "split", WEB / "rmrb-2026-01-14" / "nw.D110000renmrb_20260114_1-01.htm", "--json")
    data = json.loads(out)
    assert status == 0 and data["source"]["encoding"] == "html"
    (article,) = data["articles"]
    assert (article["kicker"], article["headline"], article["subheadline"]) == (
        "各地抓住农闲时节兴修水利", "推动冬季农田水利建设提质增效", "今冬以来已完成投资四百余亿元")
    assert [block["kind"] for block in article["blocks"]][:4] == ["kicker", "headline", "subheadline", "byline"]
