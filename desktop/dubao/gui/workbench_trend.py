"""The Trends tab of the workbench: several terms (or entities) over time in one chart, exported as PNG, SVG, CSV.

The chart is pyqtgraph's. Each series is drawn as runs of consecutive periods that have text: a period with
no text at all breaks the line (a gap, not a zero), and every point carries a dot so a lone period still shows.
The y axis shows occurrences per 10,000 Han characters (comparable across months of different size) or raw
counts. SVG is written by Qt's own SVG generator from the chart (pyqtgraph's SVG exporter fails on this Qt).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QVBoxLayout, QWidget)

from dubao.core.errors import DubaoError
from dubao.core.library.corpus import PERIODS
from dubao.gui.workbench_kwic import PartFilters

COLOURS = ("#d1495b", "#00798c", "#edae49", "#30638e", "#66a182", "#8d5a97", "#3d405b")
_TERM_SEPARATORS = re.compile(r"[,，、;；]+")


def split_terms(text: str) -> list[str]:
    """'高质量发展，新质生产力' → both terms (commas, 、 and semicolons separate; blanks around are dropped)."""
    return [term.strip() for term in _TERM_SEPARATORS.split(text) if term.strip()]


def runs(points) -> list[list[tuple[int, object]]]:
    """Consecutive (index, point) stretches of periods with text."""
    stretches, current = [], []
    for index, point in enumerate(points):
        if point.count is None:
            if current:
                stretches.append(current)
            current = []
        else:
            current.append((index, point))
    if current:
        stretches.append(current)
    return stretches


class TrendPanel(QWidget):
    def __init__(self, session, ops, parent=None):
        super().__init__(parent)
        self.session, self.ops = session, ops
        self.series: dict[str, list] = {}
        self.by = "month"
        self.terms = QLineEdit(self)
        self.terms.setPlaceholderText("Terms, separated by commas: 高质量发展，新质生产力")
        self.terms.returnPressed.connect(self.run)
        self.period = QComboBox(self)
        for period in PERIODS:
            self.period.addItem(f"by {period}", period)
        self.period.setCurrentIndex(PERIODS.index("month"))
        self.filters = PartFilters(session, self)
        self.entities = QCheckBox("as entities", self)
        self.entities.setToolTip("Count mentions of people, places, organisations or formulations (aliases too) "
                                 "instead of the literal text")
        self.relative = QCheckBox("per 10,000 characters", self)
        self.relative.setChecked(True)
        self.relative.toggled.connect(self.draw)
        go = QPushButton("Plot", self)
        go.clicked.connect(self.run)
        top = QHBoxLayout()
        for widget in (self.terms, self.period, self.filters, self.entities, self.relative, go):
            top.addWidget(widget)
        top.setStretch(0, 1)
        self.plot = pg.PlotWidget(self, background="w")
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        self.plot.getViewBox().setDefaultPadding(0.06)
        self.legend = self.plot.addLegend(offset=(-10, 10), brush=(255, 255, 255, 210))
        self.summary = QLabel("Type terms and press Enter. Gaps are periods without any text in the library.", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for label, slot in (("Export PNG…", self.choose_png), ("Export SVG…", self.choose_svg),
                            ("Export CSV…", self.choose_csv)):
            button = QPushButton(label, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        layout.addLayout(buttons)

    def run(self, terms: list[str] | None = None) -> bool:
        if terms:
            self.terms.setText("，".join(terms))
        wanted = split_terms(self.terms.text())
        if self.session.store is None or not wanted:
            return False
        self.by = self.period.currentData()
        try:
            self.series = self.session.store.trend(wanted, self.by, self.filters.part(),
                                                   entities=self.entities.isChecked())
        except DubaoError as error:
            self.summary.setText(str(error))
            return False
        self.draw()
        return True

    def draw(self) -> None:
        self.plot.clear()
        self.legend.clear()
        if not self.series:
            return
        relative = self.relative.isChecked()
        labels = [point.period for point in next(iter(self.series.values()))]
        for number, (term, points) in enumerate(self.series.items()):
            colour = COLOURS[number % len(COLOURS)]
            for position, stretch in enumerate(runs(points)):
                xs = [index for index, _ in stretch]
                ys = [point.per_10k if relative else point.count for _, point in stretch]
                self.plot.plot(xs, ys, pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=5,
                               symbolBrush=colour, symbolPen=colour, name=term if position == 0 else None)
        step = max(1, len(labels) // 12)
        self.plot.getAxis("bottom").setTicks([[(index, labels[index]) for index in range(0, len(labels), step)]])
        self.plot.setLabel("left", "per 10,000 characters" if relative else "occurrences")
        totals = ", ".join(f"{term} {sum(point.count or 0 for point in points):,}"
                           for term, points in self.series.items())
        gaps = sum(point.count is None for point in next(iter(self.series.values())))
        self.summary.setText(f"{len(labels)} {self.by}(s), {gaps} without text · {totals}")

    # ---- exporting ---------------------------------------------------------------------------------

    def csv_text(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["term", "period", "count", "chars", "per_10k"])
        for term, points in self.series.items():
            for point in points:
                writer.writerow([term, point.period, "" if point.count is None else point.count, point.chars,
                                 "" if point.per_10k is None else point.per_10k])
        return "\ufeff" + buffer.getvalue()

    def export_csv(self, path: str | Path) -> None:
        Path(path).write_text(self.csv_text(), encoding="utf-8")

    def export_png(self, path: str | Path, width: int = 1600) -> None:
        """The chart as a PNG `width` pixels wide (drawn afresh at that size: sharp in print)."""
        from pyqtgraph.exporters import ImageExporter

        exporter = ImageExporter(self.plot.getPlotItem())
        exporter.parameters()["width"] = width
        exporter.export(str(path))
        if not Path(path).is_file():
            raise OSError(f"cannot write {path}")

    def export_svg(self, path: str | Path) -> None:
        size = self.plot.size()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(size.width(), size.height()))
        generator.setViewBox(QRect(0, 0, size.width(), size.height()))
        generator.setTitle("Dubao trend: " + "，".join(self.series))
        painter = QPainter(generator)
        try:
            self.plot.render(painter)
        finally:
            painter.end()

    def _choose(self, title: str, suffix: str, writer) -> None:
        if not self.series:
            return
        path, _ = QFileDialog.getSaveFileName(self, title, f"trend.{suffix}", f"{suffix.upper()} (*.{suffix})")
        if path:
            try:
                if writer(path) is False:
                    raise OSError(f"cannot write {path}")
            except OSError as error:
                QMessageBox.warning(self, title, f"Cannot write {path}: {getattr(error, 'strerror', None) or error}")

    def choose_png(self) -> None:
        self._choose("Export chart as PNG", "png", self.export_png)

    def choose_svg(self) -> None:
        self._choose("Export chart as SVG", "svg", self.export_svg)

    def choose_csv(self) -> None:
        self._choose("Export trend as CSV", "csv", self.export_csv)
