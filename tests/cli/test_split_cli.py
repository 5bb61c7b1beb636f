"""`dubao split FILE [--json]`: the outline, the JSON, and one clear line with exit 2 for bad files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dubao.cli import main

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def test_outline_lists_the_articles(sample_path, capsys):
    assert main(["split", str(sample_path)]) == 0
    out = capsys.readouterr().out
    assert "5 articles" in out
    assert "1. 市委召开常委会会议" in out and "5. 【两会特稿】 奋楫争先谱华章" in out
    assert "20 paragraphs, 3 headings, 1 caption, 1 credit" in out
    assert "[banner] 新时代 新征程 新伟业" in out


def test_json_output(sample_path, capsys):
    assert main(["split", str(sample_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"]["encoding"] == "utf-8" and data["source"]["chars"] == 5971
    assert len(data["source"]["sha256"]) == 64
    assert [a["headline"] for a in data["articles"]][1] == "市政府与中国能建举行工作会谈"
    assert data["articles"][4]["photographers"] == ["薛志雄"]


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"), (b"%PDF-1.4\n", "PDF"), (b"\xff\x80\x81" * 50, "decode")],
)
def test_bad_file_is_one_line_on_stderr_and_exit_2(tmp_path, capsys, content, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["split", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and words in captured.err and "bad.txt" in captured.err


def test_missing_file_from_a_real_process_has_no_traceback(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(DESKTOP))
    result = subprocess.run(
        [sys.executable, "-m", "dubao", "split", str(tmp_path / "missing.txt")],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"dubao split: {tmp_path / 'missing.txt'}: no such file"


def test_gb18030_file_with_crlf_line_ends_splits_like_the_utf8_original(tmp_path, sample_text, capsys):
    path = tmp_path / "吕梁日报.txt"
    path.write_bytes(sample_text.replace("\n", "\r\n").encode("gb18030"))
    assert main(["split", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"]["encoding"] in ("gbk", "gb18030")
    assert data["source"]["chars"] == len(sample_text) + sample_text.count("\n")  # CRLF kept as printed
    assert [a["headline"] for a in data["articles"]][4] == "奋楫争先谱华章"
    assert path.read_bytes() == sample_text.replace("\n", "\r\n").encode("gb18030")


def test_a_long_text_says_it_is_being_split_and_a_short_one_says_nothing(tmp_path, capsys, monkeypatch):
    from dubao.cli import split_cmd

    source = tmp_path / "page.txt"
    source.write_text("吕梁日报\n市委书记孙大军主持会议，研究吕梁市项目建设。\n", encoding="utf-8")
    assert main(["split", str(source)]) == 0
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(split_cmd, "LONG_TEXT", 10)  # this page stands in for a huge one
    assert main(["split", str(source)]) == 0
    assert "splitting" in capsys.readouterr().err
