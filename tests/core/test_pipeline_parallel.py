"""Importing many files on worker processes with one writer: the same library as one process makes, in the
order given, and nothing lost or saved twice when a worker dies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from worker_faults import die_on_poison, die_once_on_flaky

from dubao.core.library.store import Store
from dubao.core.pipeline_parallel import ImportSettings, ParallelImport, import_files

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "split"
NO_ENTITIES = ImportSettings(entities=False)


def issue_files(folder: Path, count: int, names: dict[int, str] | None = None) -> list[str]:
    """`count` distinct issue files (the splitter's fixture pages), one per day; `names` renames some."""
    sources = sorted(FIXTURES.glob("*.txt"))
    assert len(sources) >= count
    files = []
    for index, source in enumerate(sources[:count]):
        name = (names or {}).get(index, "paper")
        target = folder / f"{name}-2023-03-{index + 1:02d}.txt"
        shutil.copy(source, target)
        files.append(str(target))
    return files


def library_rows(store: Store) -> list[tuple]:
    """What a reader sees: per issue, in id order, its source file, date and headlines."""
    rows = []
    for issue in sorted(store.list_issues(), key=lambda issue: issue.id):
        headlines = tuple(article.headline for article in store.articles(issue.id))
        rows.append((Path(issue.source_path).name, issue.date, headlines))
    return rows


def test_two_workers_build_the_same_library_as_one_process_in_the_order_given(tmp_path):
    files = issue_files(tmp_path, 5)
    with Store.open(tmp_path / "one.sqlite") as one, Store.open(tmp_path / "two.sqlite") as two:
        alone = import_files(one, files, jobs=1, settings=NO_ENTITIES)
        shared = import_files(two, files, jobs=2, settings=NO_ENTITIES)
        assert [path for path, _ in shared] == files
        assert [outcome.status for _, outcome in shared] == ["imported"] * 5
        assert [outcome.issue_id for _, outcome in shared] == [outcome.issue_id for _, outcome in alone]
        assert library_rows(two) == library_rows(one)
        # a second run finds every file already there and skips it without a worker
        again = import_files(two, files, jobs=2, settings=NO_ENTITIES)
        assert [outcome.status for _, outcome in again] == ["skipped"] * 5
        assert len(two.list_issues()) == 5


@pytest.mark.slow
def test_workers_find_the_same_entities_as_one_process(tmp_path, sample_path):
    files = issue_files(tmp_path, 1) + [str(sample_path)]
    with Store.open(tmp_path / "one.sqlite") as one, Store.open(tmp_path / "two.sqlite") as two:
        alone = import_files(one, files, jobs=1)
        shared = import_files(two, files, jobs=2)
        for (_, first), (_, second) in zip(alone, shared):
            found = sorted((e.kind, e.name) for e in one.issue_entities(first.issue_id))
            assert found, "the sample names people and places"
            assert sorted((e.kind, e.name) for e in two.issue_entities(second.issue_id)) == found


def test_a_bad_file_fails_alone_and_the_rest_import(tmp_path):
    files = issue_files(tmp_path, 3)
    binary = tmp_path / "broken-2023-03-09.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    with Store.open(tmp_path / "library.sqlite") as store:
        results = import_files(store, [files[0], str(binary), *files[1:]], jobs=2, settings=NO_ENTITIES)
        assert [type(outcome).__name__ for _, outcome in results] == [
            "ImportOutcome", "IngestError", "ImportOutcome", "ImportOutcome"]
        assert len(store.list_issues()) == 3


def test_a_worker_killed_mid_import_loses_nothing_and_saves_nothing_twice(tmp_path):
    files = issue_files(tmp_path, 6, names={2: "flaky"})
    with Store.open(tmp_path / "library.sqlite") as store:
        run = ParallelImport(store, files, jobs=2, settings=NO_ENTITIES, prepare=die_once_on_flaky)
        results = list(run.run())
        assert run.pools_broken == 1, "the worker really died"
        assert sorted(path for path, _ in results) == sorted(files)
        assert all(outcome.status == "imported" for _, outcome in results)
        held = [Path(issue.source_path).name for issue in store.list_issues()]
        assert sorted(held) == sorted(Path(f).name for f in files)  # each once


def test_a_file_that_kills_every_worker_it_meets_is_reported_and_the_others_import(tmp_path):
    files = issue_files(tmp_path, 4, names={1: "poison"})
    with Store.open(tmp_path / "library.sqlite") as store:
        run = ParallelImport(store, files, jobs=2, settings=NO_ENTITIES, prepare=die_on_poison)
        results = dict(run.run())
        assert set(results) == set(files)
        assert "stopped unexpectedly" in str(results[files[1]])
        assert all(results[path].status == "imported" for path in files if path != files[1])
        assert sorted(Path(issue.source_path).name for issue in store.list_issues()) == sorted(
            Path(f).name for f in files if f != files[1])


def test_a_few_small_files_are_not_worth_a_worker_but_a_big_set_fills_every_core(tmp_path):
    from dubao.core.pipeline_parallel import jobs_worth_starting

    small = issue_files(tmp_path, 3)
    assert jobs_worth_starting(small, entities=True, cores=8) == 1
    big = tmp_path / "big-2023-04-01.txt"
    big.write_text("本报讯　" * 200_000, encoding="utf-8")  # ~2.4 MB: minutes of analysis
    assert jobs_worth_starting(small + [str(big)], entities=True, cores=8) == 8
    assert jobs_worth_starting(small + [str(big)], entities=True, cores=2) == 2


def test_a_fake_pdf_among_text_files_is_left_to_the_one_process_path(tmp_path):
    """One bad file must not stop a batch: a .pdf that is none is reported on its own, the text files go to workers."""
    from dubao.core.pipeline_parallel import plain_text_files

    fake, text = tmp_path / "page.pdf", tmp_path / "issue.txt"
    fake.write_bytes(b"not a pdf")
    text.write_text("标题\n正文。", encoding="utf-8")
    assert plain_text_files([fake, text]) == [str(text)]
