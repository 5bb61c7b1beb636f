"""`dubao kwic / trend / profile / keywords / codes`: the JSON shapes of issue 16, and one-line errors."""

from __future__ import annotations

import pytest
from test_library_cli import run  # noqa: F401 — cli.main on argv, with stdout read as JSON

import dubao.cli as cli


@pytest.fixture(autouse=True)
def only_these_commands(monkeypatch):
    monkeypatch.setattr(cli, "COMMAND_MODULES", {"import_cmd": ("import",), "library_cmd": ("issues", "annotate", "search"),
                                                 "workbench_cmd": ("kwic", "trend", "profile", "keywords"),
                                                 "codebook_cmd": ("codes",)})


@pytest.fixture(scope="module")
def library(tmp_path_factory, sample_path):
    """The sample page imported twice, as two days (a second copy with one changed line)."""
    folder = tmp_path_factory.mktemp("workbench")
    library = folder / "library.sqlite"
    second = folder / "lvliang-ribao-2023-03-18-p1.txt"
    second.write_text(sample_path.read_text(encoding="utf-8") + "\n冰雪运动走进校园。\n", encoding="utf-8")
    assert cli.main(["import", str(sample_path), "--library", str(library), "--date", "2023-02-18"]) == 0
    assert cli.main(["import", str(second), "--library", str(library), "--date", "2023-03-18"]) == 0
    return library


def test_kwic_prints_the_shape_of_the_issue(capsys, library):
    status, data, _ = run(capsys, "kwic", "吕梁", "--library", library, "--json", "--limit", 3)
    assert status == 0
    assert set(data) == {"term", "total", "hits"} and data["term"] == "吕梁" and len(data["hits"]) == 3
    assert set(data["hits"][0]) == {"issue", "date", "paper", "page", "article", "headline", "start", "end",
                                    "left", "match", "right"}
    whole = run(capsys, "kwic", "吕梁", "--library", library, "--json", "--limit", 10000)[1]
    assert whole["total"] == len(whole["hits"]) == data["total"] > 3  # total is not capped by --limit
    assert [hit["date"] for hit in whole["hits"]] == sorted(hit["date"] for hit in whole["hits"])
    later = run(capsys, "kwic", "吕梁", "--library", library, "--json", "--from", "2023-03")[1]
    assert {hit["date"] for hit in later["hits"]} == {"2023-03-18"}


def test_trend_prints_gaps_as_null(capsys, library):
    status, data, _ = run(capsys, "trend", "冰雪运动", "吕梁", "--by", "month", "--library", library, "--json")
    assert status == 0 and data["by"] == "month" and set(data["series"]) == {"冰雪运动", "吕梁"}
    snow = data["series"]["冰雪运动"]
    assert [point["period"] for point in snow] == ["2023-02", "2023-03"]
    assert snow[0]["count"] == 0 and snow[1]["count"] == 1
    assert set(snow[1]) == {"period", "count", "chars", "per_10k"}
    status, data, _ = run(capsys, "trend", "吕梁", "--by", "day", "--library", library, "--json")
    gap = data["series"]["吕梁"][1]
    assert (gap["period"], gap["count"], gap["per_10k"]) == ("2023-02-19", None, None)


def test_profile_and_keywords(capsys, library):
    status, data, _ = run(capsys, "profile", "孙大军", "--library", library, "--json")
    assert status == 0 and data["kinds"] == ["person"] and data["issues"] == 2
    assert data["first"]["date"] == "2023-02-18" and data["last"]["date"] == "2023-03-18"
    assert any(span["title"] == "市委书记" for span in data["titles"])
    status, data, _ = run(capsys, "profile", "两个确立", "--library", library, "--json")  # a formulation
    assert data["kinds"] == ["formulation"] and data["explanation"] and len(data["expansion"]) == 2
    status, data, _ = run(capsys, "keywords", "--a", "2023-03", "--b", "2023-02", "--min-freq", 1, "--min-ll", 0,
                          "--library", library, "--json")
    assert status == 0 and data["words_a"] > data["words_b"] > 0
    top = {keyword["word"]: keyword for keyword in data["keywords"]}
    assert top["冰雪"]["key_in"] == "a" and top["冰雪"]["freq_b"] == 0


def test_codes_apply_list_and_import(capsys, library, tmp_path):
    status, data, _ = run(capsys, "annotate", "add", "--article", 1, "--start", 0, "--end", 4,
                          "--library", library, "--json")
    annotation = data[0]["id"] if isinstance(data, list) else data["id"]
    assert run(capsys, "codes", "apply", annotation, "人事/任免", "--library", library, "--json")[0] == 0
    status, data, _ = run(capsys, "codes", "apply", annotation, "组织", "--library", library, "--json")
    assert data["codes"] == ["人事/任免", "组织"]
    qdc = tmp_path / "book.qdc"
    assert run(capsys, "codes", "export", qdc, "--library", library)[0] == 0
    status, data, _ = run(capsys, "codes", "list", "--library", library, "--json")
    assert [code["path"] for code in data] == ["人事", "人事/任免", "组织"]
    other = tmp_path / "other.sqlite"
    status, data, _ = run(capsys, "codes", "import", qdc, "--library", other, "--json")
    assert status == 0 and data == {"imported": 3}


@pytest.mark.parametrize("argv", [
    ("kwic", "吕梁", "--from", "yesterday"),
    ("kwic", "  "),
    ("trend", "吕梁", "--from", "2023-02-30"),
    ("keywords", "--a", "last year", "--b", "2023"),
    ("profile", "无此人"),
    ("codes", "apply", 99999, "人事"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, library, argv):
    status, _, err = run(capsys, *argv, "--library", library)
    assert status == 2 and err.count("\n") == 1 and "Traceback" not in err


def test_a_file_that_is_not_a_codebook_is_refused(capsys, library, tmp_path):
    bad = tmp_path / "bad.qdc"
    bad.write_text("<html/>", encoding="utf-8")
    status, _, err = run(capsys, "codes", "import", bad, "--library", library)
    assert status == 2 and "codebook" in err and err.count("\n") == 1
