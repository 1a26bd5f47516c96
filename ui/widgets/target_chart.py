"""Admissions against the year's target, per cell and in total, drawn with QPainter.

QtCharts ships only in the Addons package (+161 MB), so the one chart the home page needs is
painted here: one horizontal bar per cell (target as the outline, admitted as the fill), the
cell's name on the left and "3/5 (60%)" on the right, a tooltip per bar. Horizontal bars keep
long Vietnamese names readable, and the widget grows in height so a scroll area holds 50 cells.
The total row has its own scale: drawn on the cells' scale it would shrink every cell to a sliver.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

ROW_HEIGHT = 26
BAR_HEIGHT = 16
PADDING = 8
NAME_WIDTH_MAX = 360
FIGURE_WIDTH = 120

DONE = QColor("#2e7d32")
BEHIND = QColor("#c62828")
TARGET = QColor("#90a4ae")
TOTAL = QColor("#1565c0")


@dataclass(frozen=True)
class Bar:
    label: str
    target: int
    admitted: int
    is_total: bool = False

    @property
    def percent(self) -> float | None:
        return 100.0 * self.admitted / self.target if self.target else None

    def figure(self) -> str:
        if self.percent is None:
            return f"{self.admitted} (chưa giao chỉ tiêu)"
        return f"{self.admitted}/{self.target} ({self.percent:.0f}%)"

    def tooltip(self) -> str:
        if self.percent is None:
            return f"{self.label}: đã kết nạp {self.admitted}, chưa giao chỉ tiêu năm nay"
        rest = max(self.target - self.admitted, 0)
        return (f"{self.label}: đã kết nạp {self.admitted} trên chỉ tiêu {self.target}"
                f" ({self.percent:.0f}%)" + (f", còn thiếu {rest}" if rest else ", đã đạt chỉ tiêu"))


class TargetChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.updateGeometry()
        self.setMinimumHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:  # - Qt's name
        return QSize(640, max(len(self.bars), 1) * ROW_HEIGHT + 2 * PADDING)

    def _name_width(self) -> int:
        metrics = QFontMetrics(self._font(True))
        widest = max((metrics.horizontalAdvance(b.label) for b in self.bars), default=80)
        return min(widest + PADDING, NAME_WIDTH_MAX, max(self.width() * 2 // 5, 80))

    def _font(self, bold: bool) -> QFont:
        font = QFont(self.font())
        font.setBold(bold)
        return font

    def _scale(self, bar_area: float, total: bool) -> float:
        largest = max((max(b.target, b.admitted) for b in self.bars if b.is_total == total), default=0)
        return bar_area / largest if largest else 0.0

    def row_at(self, point: QPoint) -> int | None:
        row = (point.y() - PADDING) // ROW_HEIGHT
        return row if 0 <= row < len(self.bars) else None

    def paintEvent(self, event: QEvent) -> None:  # - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if not self.bars:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Chưa có chi bộ nào.")
            return
        name_width = self._name_width()
        bar_left = name_width + PADDING
        bar_area = max(self.width() - bar_left - FIGURE_WIDTH - PADDING, 40)
        scales = {True: self._scale(bar_area, True), False: self._scale(bar_area, False)}
        for row, bar in enumerate(self.bars):
            scale = scales[bar.is_total]
            top = PADDING + row * ROW_HEIGHT
            painter.setFont(self._font(bar.is_total))
            painter.setPen(self.palette().text().color())
            name_rect = QRectF(PADDING, top, name_width - PADDING, ROW_HEIGHT)
            elided = QFontMetrics(painter.font()).elidedText(bar.label, Qt.TextElideMode.ElideRight,
                                                             int(name_rect.width()))
            painter.drawText(name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
            bar_top = top + (ROW_HEIGHT - BAR_HEIGHT) / 2
            if bar.target:
                painter.setPen(QPen(TARGET, 1, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(bar_left, bar_top, bar.target * scale, BAR_HEIGHT))
            colour = TOTAL if bar.is_total else (DONE if bar.target and bar.admitted >= bar.target else BEHIND)
            if not bar.target:
                colour = TARGET
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRect(QRectF(bar_left, bar_top + 2, bar.admitted * scale, BAR_HEIGHT - 4))
            painter.setPen(self.palette().text().color())
            figure_left = bar_left + max(bar.target, bar.admitted) * scale + PADDING
            painter.drawText(QRectF(figure_left, top, FIGURE_WIDTH + bar_area, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, bar.figure())
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            row = self.row_at(event.pos())
            if row is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.bars[row].tooltip(), self)
            return True
        return super().event(event)
