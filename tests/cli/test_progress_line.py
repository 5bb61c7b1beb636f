"""The CLI's progress line on stderr: silent for work done within a couple of seconds, plain lines when stderr is no
terminal, one line rewritten in place on a terminal, and a closing line at the end."""

from __future__ import annotations

import io

from dubao.cli.progress import ProgressLine


class _Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def _run(stream, steps, seconds_per_step):
    clock = _Clock()
    report = ProgressLine("finding entities", stream, clock=clock)
    for done in range(0, steps + 1):
        report(done * 1000, steps * 1000)
        clock.now += seconds_per_step
    report.finish()
    return stream.getvalue()


def test_short_work_prints_nothing():
    assert _run(io.StringIO(), 10, 0.1) == ""


def test_long_work_prints_plain_lines_to_a_file_a_few_seconds_apart():
    out = _run(io.StringIO(), 60, 0.5)  # 30 s of work
    lines = out.splitlines()
    assert 3 <= len(lines) <= 10 and "\r" not in out
    assert lines[0].startswith("finding entities:") and "of 60 k characters" in lines[0]
    assert lines[-1].startswith("finding entities: 100%")


def test_on_a_terminal_the_line_is_rewritten_in_place_and_ended():
    out = _run(_Terminal(), 60, 0.5)
    assert out.count("\r") > 3 and out.count("\n") == 1 and out.endswith("\n")
    assert "100%" in out.rsplit("\r", 1)[-1]
