"""The Profiles and Keywords tabs of the workbench.

Profiles: type a name (a person, place, organisation or formulation, or an alias); the page lists when it was
first and last seen, every title printed with it and over which dates, who and what appears with it, and a
bar per month. Every article named is a link that opens it.

Keywords: two parts of the library (2016 / 2017, or paper=A / paper=B …) compared by log-likelihood. The
first comparison of a year segments its articles (minutes for a full year of a daily), so it runs on the
thread pool with its own connection to the library; the counts are kept, later comparisons take seconds.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget)

from dubao.core.errors import DubaoError
from dubao.core.library.corpus import parse_part
from dubao.gui import workers

KEYWORD_COLUMNS = ("Word", "Freq A", "Freq B", "per 10k A", "per 10k B", "Log-likelihood", "Log ratio", "Key in")


def _sighting_link(sighting) -> str:
    return (f'{html.escape(sighting.date or "undated")} {html.escape(sighting.paper or "")} '
            f'<a href="article:{sighting.article}">{html.escape(sighting.headline)}</a>')


def profile_html(profile) -> str:
    """The profile as a page for a QTextBrowser (article links are `article:ID`)."""
    parts = [f"<h2>{html.escape(profile.name)} <small>({html.escape(', '.join(profile.kinds))})</small></h2>",
             f"<p>{profile.mentions} mention(s) in {profile.articles} article(s) of {profile.issues} issue(s)<br>"
             f"First seen {_sighting_link(profile.first)}<br>Last seen {_sighting_link(profile.last)}</p>"]
    if profile.explanation or profile.expansion:
        parts.append(f"<p>{html.escape(profile.explanation)}<br>{html.escape('、'.join(profile.expansion))}</p>")
    if profile.titles:
        parts.append("<h3>Titles printed with the name</h3><table cellpadding=3>")
        for span in profile.titles:
            parts.append(f"<tr><td><b>{html.escape(span.title)}</b></td><td>{span.issues} issue(s)</td>"
                         f"<td>first {_sighting_link(span.first)}</td><td>last {_sighting_link(span.last)}</td></tr>")
        parts.append("</table>")
    if profile.roles:
        parts.append(f"<p>Roles: {html.escape('、'.join(profile.roles))}</p>")
    if profile.co_mentions:
        parts.append("<h3>Mentioned with</h3><p>" + "<br>".join(
            f"{html.escape(other.name)} <small>({other.kind})</small>: {other.articles} article(s)"
            for other in profile.co_mentions) + "</p>")
    if profile.timeline:
        most = max(count for _, count in profile.timeline)
        parts.append("<h3>Mentions per month</h3><table cellpadding=1>")
        for month, count in profile.timeline:
            width = max(1, int(300 * count / most))
            parts.append(f"<tr><td>{month}</td><td>{count}</td><td><table cellspacing=0><tr>"
                         f"<td bgcolor='#30638e' width={width} height=10></td></tr></table></td></tr>")
        parts.append("</table>")
    return "".join(parts)


class ProfilePanel(QWidget):
    open_requested = Signal(int, int, int)  # article id, start, end (0, 0: the article itself)

    def __init__(self, session, ops, parent=None):
        super().__init__(parent)
        self.session, self.ops = session, ops
        self.profile = None
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("A person, place, organisation or formulation: 孙大军")
        self.name.returnPressed.connect(self.run)
        go = QPushButton("Profile", self)
        go.clicked.connect(self.run)
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(go)
        self.page = QTextBrowser(self)
        self.page.setOpenLinks(False)
        self.page.anchorClicked.connect(self._link)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.page, 1)

    def run(self, name: str | None = None) -> bool:
        if name:
            self.name.setText(name)
        if self.session.store is None or not self.name.text().strip():
            return False
        try:
            self.profile = self.session.store.profile(self.name.text())
        except DubaoError as error:
            self.profile = None
            self.page.setPlainText(str(error))
            return False
        self.page.setHtml(profile_html(self.profile))
        return True

    def _link(self, url) -> None:
        text = url.toString()
        if text.startswith("article:"):
            self.open_requested.emit(int(text.split(":", 1)[1]), 0, 0)


def _keyness_with_own_connection(library_path: str, a: str, b: str):
    # runs on a worker thread: its own connection, so the window keeps reading the library meanwhile
    from dubao.core.library.store import Store

    with Store.open(library_path) as store:
        return store.keyness(parse_part(a), parse_part(b))


class KeywordsPanel(QWidget):
    def __init__(self, session, ops, parent=None):
        super().__init__(parent)
        self.session, self.ops = session, ops
        self.result = None
        self.part_a, self.part_b = QLineEdit(self), QLineEdit(self)
        self.part_a.setPlaceholderText("A: 2016, 2016-03, 2016-01-01..2016-06-30, paper=NAME")
        self.part_b.setPlaceholderText("B: the part to compare with")
        self.go = QPushButton("Compare", self)
        self.go.clicked.connect(self.run)
        top = QHBoxLayout()
        for widget in (QLabel("A", self), self.part_a, QLabel("B", self), self.part_b, self.go):
            top.addWidget(widget)
        self.summary = QLabel("Words of A against B by log-likelihood (G²; 3.84 is p < 0.05, 15.13 p < 0.0001) "
                              "with the log ratio as effect size.", self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(KEYWORD_COLUMNS), self)
        self.table.setHorizontalHeaderLabels(KEYWORD_COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def run(self) -> bool:
        if self.session.store is None or self.session.store.path is None:
            return False
        a, b = self.part_a.text().strip(), self.part_b.text().strip()
        try:
            parse_part(a), parse_part(b)
        except DubaoError as error:
            self.summary.setText(str(error))
            return False
        self.go.setEnabled(False)
        self.summary.setText("Counting words… (the first comparison of a year segments its articles: minutes)")
        workers.run_in_background(_keyness_with_own_connection, str(self.session.store.path), a, b,
                                  on_done=self.show_result, on_error=self._failed, context=self)
        return True

    def _failed(self, error: BaseException) -> None:
        self.go.setEnabled(True)
        self.summary.setText(f"Could not compare: {error}")

    def show_result(self, result) -> None:
        self.go.setEnabled(True)
        self.result = result
        self.summary.setText(f"A = {result.a.label}: {result.words_a:,} words · B = {result.b.label}: "
                             f"{result.words_b:,} words · {len(result.keywords)} keywords, strongest first")
        self.table.setRowCount(len(result.keywords))
        for row, keyword in enumerate(result.keywords):
            values = (keyword.word, keyword.freq_a, keyword.freq_b, keyword.per_10k_a, keyword.per_10k_b,
                      keyword.log_likelihood, keyword.log_ratio, keyword.key_in.upper())
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(str(value)))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
