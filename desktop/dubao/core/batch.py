"""The import pipeline on a Dask cluster: an archive too big for one desktop, analysed into Parquet datasets.

The files are cut into tasks of a few files each. A task runs on any worker of the cluster (a local one by
default, or the scheduler at an address: dask-jobqueue on a university cluster, Kubernetes …): it decodes,
splits and finds the entities of its files with the same code as `dubao import` (pipeline_parallel.prepare_file)
and writes its own part of each dataset (batch_tables) into the output folder, which must be one every worker
can reach. Only counts and failures travel back. A task whose worker died is run again by Dask; its part
files replace themselves, so nothing is written twice. dask[distributed] and pyarrow come with the optional
`batch` extra: `pip install 'dubao[batch]'`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from dubao.core.errors import DubaoError
from dubao.core.pipeline_parallel import MODEL_THREADS_VARIABLE, ImportSettings, prepare_file

INSTALL_HINT = "pip install 'dubao[batch]'"
FILES_PER_TASK = 8  # enough to pay for a task's overhead, few enough to spread over many workers


class BatchUnavailableError(DubaoError):
    """Dask or pyarrow is not installed."""


@dataclasses.dataclass
class BatchReport:
    """What a batch run did: issues and articles written, and the files that could not be read, with why."""

    issues: int = 0
    articles: int = 0
    mentions: int = 0
    failed: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    parts: int = 0


def require_batch_libraries() -> None:
    """Raise BatchUnavailableError with the install command when the batch extra is missing."""
    missing = []
    for module in ("dask", "distributed", "pyarrow"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise BatchUnavailableError(f"`dubao batch` needs {', '.join(missing)}: {INSTALL_HINT}")


def run_task(part: int, paths: Sequence[str], out_dir: str, settings: ImportSettings) -> dict:
    """One task, on a worker: analyse `paths` and write part `part` of every dataset. Returns counts."""
    from dubao.core import batch_tables

    # a worker per core already: a model's own threads would only contend
    os.environ.setdefault(MODEL_THREADS_VARIABLE, "1")
    per_issue, failed = [], []
    for path in paths:
        try:
            prepared = prepare_file(path, settings)
        except Exception as error:  # this file's fault; the task's other files still count
            failed.append((path, str(error) or type(error).__name__))
            continue
        per_issue.append(batch_tables.table_rows(prepared.issue, prepared.source_text, prepared.entities))
    rows = batch_tables.merged_rows(per_issue)
    batch_tables.write_part(out_dir, part, rows)
    return {"issues": len(rows["issues"]), "articles": len(rows["articles"]),
            "mentions": len(rows["entity_mentions"]), "failed": failed}


def run_batch(paths: Sequence[str], out_dir: str | os.PathLike[str], *, scheduler: str | None = None,
              workers: int | None = None, settings: ImportSettings = ImportSettings(),
              files_per_task: int = FILES_PER_TASK,
              on_task: Callable[[int, int, dict], None] | None = None) -> BatchReport:
    """Analyse `paths` on Dask into Parquet datasets under `out_dir`. `scheduler`: the address of a running
    scheduler; None starts a local cluster of `workers` processes (default: every core) for this run.
    `on_task(done, total, counts)` as each task finishes."""
    require_batch_libraries()
    from distributed import Client, LocalCluster, as_completed

    out = str(Path(out_dir).expanduser().resolve())
    Path(out).mkdir(parents=True, exist_ok=True)
    chunks = [list(paths[start:start + files_per_task]) for start in range(0, len(paths), files_per_task)]
    cluster = None
    if scheduler is None:
        from dubao.core.pipeline_parallel import default_jobs

        cluster = LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1, processes=True,
                               dashboard_address=None)
    report = BatchReport(parts=len(chunks))
    try:
        with Client(scheduler or cluster) as client:
            futures = [client.submit(run_task, part, chunk, out, settings, key=f"dubao-part-{part:05d}-{os.getpid()}",
                                     pure=False) for part, chunk in enumerate(chunks)]
            for done, future in enumerate(as_completed(futures), start=1):
                counts = future.result()
                report.issues += counts["issues"]
                report.articles += counts["articles"]
                report.mentions += counts["mentions"]
                report.failed += [tuple(item) for item in counts["failed"]]
                if on_task is not None:
                    on_task(done, len(futures), counts)
    finally:
        if cluster is not None:
            cluster.close()
    return report
