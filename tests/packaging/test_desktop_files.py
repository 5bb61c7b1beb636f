"""The shipped desktop entry and AppStream metainfo pass the freedesktop validators and say what a menu,
a file manager and a software centre need (icon by name, categories, .txt opening, app id)."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from dubao import APP_ID

REPO = Path(__file__).resolve().parents[2]
DESKTOP_FILE = REPO / "resources" / "desktop" / f"{APP_ID}.desktop"
METAINFO_FILE = REPO / "resources" / "desktop" / f"{APP_ID}.metainfo.xml"


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.RawConfigParser(strict=True, interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils not installed")
def test_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream not installed")
def test_metainfo_passes_appstreamcli_validate():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_names_icon_and_opens_text_files():
    entry = _entry(DESKTOP_FILE)
    assert entry["Version"] == "1.0"  # the spec version, not the app's
    assert entry["Icon"] == APP_ID and "/" not in entry["Icon"]
    assert entry["Exec"].split()[0] == "dubao" and entry["Exec"].endswith("%F")
    assert entry["Categories"] == "Education;Languages;Qt;"
    assert "text/plain" in entry["MimeType"].split(";")
    assert entry["Terminal"] == "false"


def test_metainfo_points_at_the_desktop_entry_and_the_icon():
    root = ElementTree.parse(METAINFO_FILE).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP_FILE.name
    assert root.findtext("icon") == APP_ID
    assert root.findtext("project_license") == "MIT"
    assert root.find("provides/binary").text == "dubao"
