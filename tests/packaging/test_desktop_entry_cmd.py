"""`dubao install-desktop-entry` puts a working menu entry and icons under $XDG_DATA_HOME, and
`--uninstall` takes exactly those away again."""

from __future__ import annotations

import argparse
import configparser
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from dubao import APP_ID
from dubao.cli import desktop_entry_cmd
from dubao.cli.common import CliError


def run_command(*argv: str) -> int:
    # Only this command's parser: the test must not depend on every other command module importing.
    parser = argparse.ArgumentParser(prog="dubao")
    desktop_entry_cmd.register(parser.add_subparsers())
    args = parser.parse_args(["install-desktop-entry", *argv])
    return args.handler(args)


@pytest.fixture
def data_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


@pytest.fixture
def program(tmp_path) -> Path:
    folder = tmp_path / "my apps"  # a space: Exec must quote it
    folder.mkdir()
    script = folder / "dubao"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.RawConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_install_writes_entry_that_starts_the_program_and_icons_in_every_size(data_home, program, capsys):
    assert run_command("--exec", str(program), "--json") == 0
    report = json.loads(capsys.readouterr().out)
    entry_path = data_home / "applications" / f"{APP_ID}.desktop"
    assert str(entry_path) in report["written"]
    entry = _entry(entry_path)
    assert entry["Exec"] == f'"{program}" %F'
    assert entry["TryExec"] == str(program)
    assert entry["Icon"] == APP_ID
    for size in (16, 48, 256):
        png = data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(entry_path)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_rendered_icon_has_the_requested_size_and_is_not_blank(data_home, program):
    from PySide6.QtGui import QImage

    run_command("--exec", str(program))
    image = QImage(str(data_home / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"))
    assert (image.width(), image.height()) == (48, 48)
    centre = image.pixelColor(24, 24)
    corner = image.pixelColor(0, 0)
    assert corner.alpha() < 50 < centre.alpha()  # a rounded tile on a transparent background


def test_uninstall_removes_only_what_install_wrote(data_home, program, capsys):
    neighbour = data_home / "icons" / "hicolor" / "48x48" / "apps" / "other-app.png"
    neighbour.parent.mkdir(parents=True)
    neighbour.write_bytes(b"keep me")
    run_command("--exec", str(program))
    assert run_command("--uninstall", "--json") == 0
    assert not (data_home / "applications" / f"{APP_ID}.desktop").exists()
    assert not list(data_home.rglob(f"{APP_ID}.*"))
    assert neighbour.read_bytes() == b"keep me"
    assert run_command("--uninstall") == 0  # a second uninstall is harmless
    assert "nothing to remove" in capsys.readouterr().out


def test_install_refuses_a_program_that_does_not_exist(data_home, tmp_path):
    with pytest.raises(CliError, match="does not exist"):
        run_command("--exec", str(tmp_path / "missing" / "dubao"))
    assert not (data_home / "applications").exists()


def test_relative_xdg_data_home_is_ignored_as_the_spec_says(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert desktop_entry_cmd.data_home() == tmp_path / ".local" / "share"


def test_exec_value_escapes_shell_specials_per_the_spec():
    assert desktop_entry_cmd.exec_value(Path("/usr/bin/dubao")) == "/usr/bin/dubao"
    # "$" inside quotes becomes \$, and the key-file layer doubles the backslash
    assert desktop_entry_cmd.exec_value(Path("/opt/a$b/dubao")) == '"/opt/a\\\\$b/dubao"'


def test_default_program_is_the_dubao_script_beside_this_python(data_home, tmp_path, monkeypatch):
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "dubao").write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setattr(desktop_entry_cmd.sys, "executable", str(bin_dir / "python"))
    assert run_command() == 0
    entry = _entry(data_home / "applications" / f"{APP_ID}.desktop")
    assert entry["Exec"] == f"{bin_dir / 'dubao'} %F"


def test_without_an_installed_script_the_user_is_told_what_to_do(data_home, tmp_path, monkeypatch):
    monkeypatch.setattr(desktop_entry_cmd.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CliError, match="install Dubao with pip first"):
        run_command()
