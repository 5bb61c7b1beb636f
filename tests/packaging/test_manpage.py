"""dubao(1), shipped in the Debian package, lists every command and window option this build has and is
well-formed roff."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

from dubao.cli import command_names

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("make_manpage", REPO / "packaging" / "make_manpage.py")
make_manpage = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_manpage)


def test_manpage_lists_every_command_and_the_window_options():
    page = make_manpage.manpage()
    assert page.startswith(".TH DUBAO 1 ")
    for command in command_names():
        assert f"\\fB{make_manpage.roff(command)}\\fR" in page, command
    for option in ("library", "screenshot"):
        assert f"\\fB\\-\\-{option}\\fR" in page


def test_roff_escapes_what_would_be_read_as_requests():
    assert make_manpage.roff(".hidden") == "\\&.hidden"
    assert make_manpage.roff("a\\b-c") == "a\\eb\\-c"


@pytest.mark.skipif(not shutil.which("groff"), reason="groff not installed")
def test_manpage_renders_without_roff_warnings(tmp_path):
    source = tmp_path / "dubao.1"
    source.write_text(make_manpage.manpage(), encoding="utf-8")
    # -k: UTF-8 input through preconv, as man(1) reads pages
    result = subprocess.run(["groff", "-k", "-man", "-Tutf8", "-ww", "-z", str(source)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
