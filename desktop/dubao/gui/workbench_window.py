"""The researcher's workbench: a window of its own, full width, beside the reader.

Tabs: Concordance (workbench_kwic), Trends (workbench_trend), Profiles and Keywords (workbench_profiles),
Codebook (workbench_codebook). Each takes the window's session and operations; whatever a tab opens (a hit, an
article of a profile, a coded highlight) is shown in the main window's reader with the passage marked.
`install_workbench(window)` adds View ▸ Workbench (Ctrl+Shift+W) and the menu's "Concordance of the selection".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

TAB_NAMES = ("Concordance", "Trends", "Profiles", "Keywords", "Codebook")


class WorkbenchWindow(QWidget):
    def __init__(self, session, ops, parent=None):
        # imported here, not with this module: the window installs the menu entry at start-up, and pyqtgraph
        # (with numpy) costs start-up time that only the workbench needs
        from dubao.gui.workbench_codebook import CodebookPanel
        from dubao.gui.workbench_kwic import ConcordancePanel
        from dubao.gui.workbench_profiles import KeywordsPanel, ProfilePanel
        from dubao.gui.workbench_trend import TrendPanel

        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Dubao workbench — concordance, trends, profiles, keywords, codebook")
        self.resize(1280, 760)
        self.concordance = ConcordancePanel(session, ops, self)
        self.trends = TrendPanel(session, ops, self)
        self.profiles = ProfilePanel(session, ops, self)
        self.keywords = KeywordsPanel(session, ops, self)
        self.codebook = CodebookPanel(session, ops, self)
        self.tabs = QTabWidget(self)
        for name, panel in zip(TAB_NAMES, (self.concordance, self.trends, self.profiles, self.keywords,
                                           self.codebook)):
            self.tabs.addTab(panel, name)
        self.tabs.currentChanged.connect(lambda index: self.codebook.refresh() if index == 4 else None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)

    def show_tab(self, name: str) -> bool:
        """Bring the tab called `name` (case ignored) to the front; False when there is none."""
        for index, tab in enumerate(TAB_NAMES):
            if tab.lower() == name.strip().lower():
                self.tabs.setCurrentIndex(index)
                return True
        return False


def install_workbench(window) -> None:
    """View ▸ Workbench, created on first use and kept; `window.workbench()` returns it (made if needed)."""
    holder: list[WorkbenchWindow] = []

    def workbench() -> WorkbenchWindow:
        if not holder:
            bench = WorkbenchWindow(window.session, window.ops, window)
            for panel in (bench.concordance, bench.profiles, bench.codebook):
                panel.open_requested.connect(lambda article, start, end: _open(window, article, start, end))
            holder.append(bench)
        return holder[0]

    def show() -> WorkbenchWindow:
        bench = workbench()
        bench.show()
        bench.raise_()
        bench.activateWindow()
        return bench

    def concordance_of_selection() -> None:
        span = window.reader.selected_span()
        text = window.reader.text()[span[0]:span[1]] if span else ""
        bench = show()
        bench.show_tab("Concordance")
        if text.strip():
            bench.concordance.run(text.strip())

    window.workbench = workbench
    window.show_workbench = show
    for text, slot, key in (("&Workbench (concordance, trends, profiles…)", show, "Ctrl+Shift+W"),
                            ("&Concordance of the selection", concordance_of_selection, "Ctrl+Shift+K")):
        action = QAction(text, window)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        window.addAction(action)
        window.menu("&View").addAction(action)


def _open(window, article_id: int, start: int, end: int) -> None:
    window.open_article(article_id, (start, end) if end > start else None)
    window.raise_()
    window.activateWindow()
