"""`dubao batch` on a Dask local cluster into Parquet, and `dubao import --from-parquet` back into a library:
the same issues, articles and entities as importing the files directly, without analysing again."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

import dubao.cli as cli
from dubao.core.library.store import Store
from dubao.core.pipeline_parallel import ImportSettings, prepare_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "split"


def run_json(capsys, *argv):
    status = cli.main([str(arg) for arg in argv] + ["--json"])
    out = capsys.readouterr().out
    return status, json.loads(out)


def library_view(store: Store) -> list[tuple]:
    """Per issue (by source file): date, headlines and texts, and its entities with their mentions."""
    view = []
    for issue in store.list_issues():
        articles = tuple((a.headline, a.text) for a in store.articles(issue.id))
        entities = sorted((e.kind, e.name, len(e.mentions)) for e in store.issue_entities(issue.id))
        view.append((Path(issue.source_path).name, issue.paper, issue.date, articles, tuple(entities)))
    return sorted(view)


def test_an_issue_written_to_parquet_reads_back_equal(tmp_path, sample_path):
    pytest.importorskip("pyarrow")
    from dubao.core.batch_tables import read_issues, table_rows, write_part

    prepared = prepare_file(str(sample_path), ImportSettings())
    assert prepared.entities, "the sample names people and places"
    write_part(tmp_path, 0, table_rows(prepared.issue, prepared.source_text, prepared.entities))
    write_part(tmp_path, 0, table_rows(prepared.issue, prepared.source_text, prepared.entities))  # a re-run
    [(issue, text, entities)] = list(read_issues(tmp_path))  # replaced its part: not there twice
    assert issue == prepared.issue
    assert [a.blocks for a in issue.articles] == [a.blocks for a in prepared.issue.articles]
    assert text == prepared.source_text
    assert entities == prepared.entities


@pytest.mark.batch
def test_batch_on_a_local_cluster_then_import_from_parquet_gives_the_same_library(tmp_path, capsys, monkeypatch,
                                                                                  sample_path):
    pytest.importorskip("distributed")
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    monkeypatch.setattr(cli, "COMMAND_MODULES", {"import_cmd": ("import",), "library_cmd": ("issues",), "batch_cmd": ("batch",)})
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(sample_path, archive / sample_path.name)
    for index, source in enumerate(sorted(FIXTURES.glob("*.txt"))[:3]):
        shutil.copy(source, archive / f"paper-2022-06-{index + 1:02d}.txt")
    (archive / "paper-2022-06-30.txt").write_bytes(b"\x00\xfe" * 300)
    out = tmp_path / "parquet"
    status, report = run_json(capsys, "batch", archive, "--out", out, "--workers", "2")
    assert status == 2  # the unreadable file is reported, the others written
    assert [Path(item["path"]).name for item in report["failed"]] == ["paper-2022-06-30.txt"]
    assert report["issues"] == 4
    articles = pq.read_table(out / "articles").to_pylist()
    assert "市政府与中国能建举行工作会谈" in {row["headline"] for row in articles}
    mentions = pq.read_table(out / "entity_mentions").to_pylist()
    assert any(row["kind"] == "person" for row in mentions)
    for row in mentions[:50]:  # offsets are code points into the article's text
        article = next(a for a in articles if a["sha256"] == row["sha256"] and a["article"] == row["article"])
        assert article["text"][row["start"]:row["end"]] == row["text"]

    from_parquet, direct = tmp_path / "from_parquet.sqlite", tmp_path / "direct.sqlite"
    status, loaded = run_json(capsys, "import", "--from-parquet", out, "--library", from_parquet)
    assert status == 0 and len(loaded["imported"]) == 4
    status, again = run_json(capsys, "import", "--from-parquet", out, "--library", from_parquet)
    assert len(again["skipped"]) == 4  # loading twice adds nothing
    run_json(capsys, "import", *sorted(archive.glob("*.txt"))[:-1], "--library", direct, "--jobs", "1")
    with Store.open(from_parquet) as first, Store.open(direct) as second:
        assert library_view(first) == library_view(second)


def test_without_the_batch_extra_the_command_says_how_to_install_it(tmp_path, capsys, monkeypatch, sample_path):
    monkeypatch.setattr(cli, "COMMAND_MODULES", {"import_cmd": ("import",), "batch_cmd": ("batch",)})
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    status = cli.main(["batch", str(sample_path), "--out", str(tmp_path / "out")])
    assert status == 2
    assert "pip install 'dubao[batch]'" in capsys.readouterr().err
    status = cli.main(["import", "--from-parquet", str(tmp_path), "--library", str(tmp_path / "l.sqlite")])
    assert status == 2
    assert "pip install 'dubao[batch]'" in capsys.readouterr().err
