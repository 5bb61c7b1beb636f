"""An issue's web address (issue 18, item 13): given at import, kept with the issue, cited in RIS and CSL."""

from __future__ import annotations

import json

import dubao.cli as cli


def run(capsys, *argv) -> tuple[int, str, str]:
    status = cli.main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_url_given_at_import_is_cited(capsys, tmp_path, sample_path):
    library = tmp_path / "library.sqlite"
    url = "http://www.lvliang.gov.cn/epaper/2023-02-18/1.html"
    status, _, err = run(capsys, "import", sample_path, "--url", url, "--library", library, "--no-entities")
    assert status == 0, err
    issue = json.loads(run(capsys, "issues", "--library", library, "--json")[1])[0]
    assert issue["url"] == url
    status, out, _ = run(capsys, "export", "--format", "csl-json", "--issue", issue["id"], "--library", library)
    assert all(item["URL"] == url for item in json.loads(out))
    status, out, _ = run(capsys, "export", "--format", "ris", "--issue", issue["id"], "--library", library)
    assert f"UR  - {url}" in out.split("\r\n")
    other = "https://example.org/2023-02-18/p1"
    run(capsys, "issues", "--id", issue["id"], "--set-url", other, "--library", library)
    assert json.loads(run(capsys, "issues", "--library", library, "--json")[1])[0]["url"] == other
    status, _, err = run(capsys, "issues", "--id", issue["id"], "--set-url", "not a url", "--library", library)
    assert status == 2 and "http" in err
