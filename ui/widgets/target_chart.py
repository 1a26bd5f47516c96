"""Admissions against the year's target, per cell and in total, and month by month against last
year, drawn with QPainter.

QtCharts ships only in the Addons package (+161 MB), so the one chart the home page needs is
painted here: one horizontal bar per cell (target as the outline, admitted as the fill), the
cell's name on the left and "3/5 (60%)" on the right, a tooltip per bar. Horizontal bars keep
long Vietnamese names readable, and the widget grows in height so a scroll area holds 50 cells.
The total row has its own scale: drawn on the cells' scale it would shrink every cell to a sliver.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from commune_app import vn

ROW_HEIGHT = 26
BAR_HEIGHT = 16
PADDING = 8
NAME_SLACK = 4
NAME_WIDTH_MAX = 360
FIGURE_WIDTH_MIN = 60

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
        return f"{self.admitted}/{self.target} ({vn.percent(self.percent)})"

    def tooltip(self) -> str:
        if self.percent is None:
            return f"{self.label}: đã kết nạp {self.admitted}, chưa giao chỉ tiêu năm nay"
        rest = max(self.target - self.admitted, 0)
        return f"{self.label}: đã kết nạp {self.admitted} trên chỉ tiêu {self.target} ({vn.percent(self.percent)})" + (
            f", còn thiếu {rest}" if rest else ", đã đạt chỉ tiêu"
        )


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
        # A few pixels beyond the measured advance: drawn at exactly its width, a name can still be
        # elided by the rounding of its letters ("Tổng cộ…" on an empty file).
        widest = max((metrics.horizontalAdvance(b.label) + NAME_SLACK for b in self.bars), default=80)
        return min(widest + PADDING, NAME_WIDTH_MAX, max(self.width() * 2 // 5, 80))

    def figure_width(self) -> int:
        """Room for the widest "3/5 (60,00%)" or "2 (chưa giao chỉ tiêu)" right of the bars: a fixed
        120 px cut the second off at 1366 px (the longest bar leaves only that room)."""
        widest = max(
            (QFontMetrics(self._font(b.is_total)).horizontalAdvance(b.figure()) + NAME_SLACK for b in self.bars),
            default=0,
        )
        return max(widest, FIGURE_WIDTH_MIN)

    def figure_right(self, bar: Bar) -> float:
        """Where the bar's figure ends when drawn: never beyond the chart's right edge."""
        name_width = self._name_width()
        scale = self._scale(self._bar_area(name_width), bar.is_total)
        return self._figure_left(bar, name_width, scale) + QFontMetrics(self._font(bar.is_total)).horizontalAdvance(
            bar.figure()
        )

    @staticmethod
    def _figure_left(bar: Bar, name_width: int, scale: float) -> float:
        """Just right of the longer of the bar and its target's outline."""
        return name_width + 2 * PADDING + max(bar.target, bar.admitted) * scale

    def _bar_area(self, name_width: int) -> float:
        return max(self.width() - name_width - PADDING - self.figure_width() - 2 * PADDING, 40)

    def shown_name(self, bar: Bar, name_width: int | None = None) -> str:
        """The bar's name as drawn: whole, or elided when the widest name does not fit the chart."""
        width = (self._name_width() if name_width is None else name_width) - PADDING
        return QFontMetrics(self._font(bar.is_total)).elidedText(bar.label, Qt.TextElideMode.ElideRight, width)

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
        bar_area = self._bar_area(name_width)
        figure_width = self.figure_width()
        scales = {True: self._scale(bar_area, True), False: self._scale(bar_area, False)}
        for row, bar in enumerate(self.bars):
            scale = scales[bar.is_total]
            top = PADDING + row * ROW_HEIGHT
            painter.setFont(self._font(bar.is_total))
            painter.setPen(self.palette().text().color())
            name_rect = QRectF(PADDING, top, name_width - PADDING, ROW_HEIGHT)
            painter.drawText(
                name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.shown_name(bar, name_width)
            )
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
            painter.drawText(
                QRectF(self._figure_left(bar, name_width, scale), top, figure_width + PADDING, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                bar.figure(),
            )
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


MONTHS = 12
THIS_YEAR = QColor("#1565c0")
LAST_YEAR = QColor("#90a4ae")
GOAL = QColor("#2e7d32")
AXIS_LEFT = 36
AXIS_BOTTOM = 22


def cumulative(months: list[int]) -> list[int]:
    out, total = [], 0
    for n in months:
        total += n
        out.append(total)
    return out


class MonthlyChart(QWidget):
    """Admissions month by month, added up: this year (to the current month) against last year
    and the year's target (the dashed line), drawn with QPainter like the bars above."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.this_year: list[int] = []
        self.last_year: list[int] = []
        self.target = 0
        self.year = 0
        self.setMinimumHeight(170)
        self.setMouseTracking(True)

    def set_data(self, year: int, this_year: list[int], last_year: list[int], target: int, months_shown: int) -> None:
        """``months_shown``: the months of this year that have begun (later ones are not drawn)."""
        self.year, self.target = year, target
        self.this_year = cumulative(this_year)[:months_shown]
        self.last_year = cumulative(last_year)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 190)

    def _top(self) -> int:
        return max([self.target, *self.this_year, *self.last_year, 1])

    def _point(self, month: int, value: int) -> tuple[float, float]:
        width = self.width() - AXIS_LEFT - PADDING
        height = self.height() - AXIS_BOTTOM - 2 * PADDING - 14
        x = AXIS_LEFT + width * (month + 0.5) / MONTHS
        y = PADDING + 14 + height * (1 - value / self._top())
        return x, y

    def month_at(self, point: QPoint) -> int | None:
        width = self.width() - AXIS_LEFT - PADDING
        month = int((point.x() - AXIS_LEFT) * MONTHS // width) if width > 0 else -1
        return month if 0 <= month < MONTHS else None

    def tooltip(self, month: int) -> str:
        parts = []
        if month < len(self.this_year):
            parts.append(f"năm {self.year} kết nạp {self.this_year[month]}")
        if month < len(self.last_year):
            parts.append(f"năm {self.year - 1} kết nạp {self.last_year[month]}")
        if self.target:
            parts.append(f"chỉ tiêu năm {self.target}")
        return f"Đến hết tháng {month + 1}: " + "; ".join(parts)

    def _line(self, painter: QPainter, values: list[int], colour: QColor, width: float) -> None:
        painter.setPen(QPen(colour, width))
        points = [self._point(m, v) for m, v in enumerate(values)]
        for (x1, y1), (x2, y2) in itertools.pairwise(points):
            painter.drawLine(int(x1), int(y1), int(x2), int(y2))
        painter.setBrush(colour)
        for x, y in points:
            painter.drawEllipse(QRectF(x - 2.5, y - 2.5, 5, 5))

    def paintEvent(self, event: QEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        text = self.palette().text().color()
        painter.setPen(text)
        bottom = self.height() - AXIS_BOTTOM - PADDING
        painter.drawLine(AXIS_LEFT, PADDING + 14, AXIS_LEFT, bottom)
        painter.drawLine(AXIS_LEFT, bottom, self.width() - PADDING, bottom)
        for month in range(MONTHS):
            x, _y = self._point(month, 0)
            painter.drawText(QRectF(x - 14, bottom + 2, 28, AXIS_BOTTOM), Qt.AlignmentFlag.AlignCenter, f"T{month + 1}")
        painter.drawText(
            QRectF(0, PADDING + 8, AXIS_LEFT - 4, 14),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(self._top()),
        )
        painter.drawText(
            QRectF(0, bottom - 7, AXIS_LEFT - 4, 14), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "0"
        )
        if self.target:
            _x, y = self._point(0, self.target)
            painter.setPen(QPen(GOAL, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(AXIS_LEFT, int(y), self.width() - PADDING, int(y))
        self._line(painter, self.last_year, LAST_YEAR, 1.5)
        self._line(painter, self.this_year, THIS_YEAR, 2.5)
        legend = [(THIS_YEAR, f"Năm {self.year}"), (LAST_YEAR, f"Năm {self.year - 1}"), (GOAL, "Chỉ tiêu năm")]
        x = AXIS_LEFT + 8
        for colour, label in legend:
            painter.setPen(QPen(colour, 3))
            painter.drawLine(x, PADDING + 6, x + 16, PADDING + 6)
            painter.setPen(text)
            painter.drawText(QRectF(x + 20, PADDING - 1, 120, 14), Qt.AlignmentFlag.AlignVCenter, label)
            x += 24 + QFontMetrics(self.font()).horizontalAdvance(label) + 16
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            month = self.month_at(event.pos())
            if month is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip(month), self)
            return True
        return super().event(event)
