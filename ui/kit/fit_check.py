"""Which texts of a window do not fit their room: labels, buttons, placeholders, the chosen
item of a list, column headers, tabs and group titles, each measured whole in its font.

Elision and tooltips do not count as fitting: the full text is compared with the room the
widget has. Used by the fit test over every page, tab and dialog, and by the screenshot
script, at 1366×768 and at 1920×1080 with 125 % scaling (1536×864 logical pixels).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

SLACK = 1  # a pixel of rounding between Qt's metrics and the widget's geometry
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Cut:
    where: str  # the window or page, and the widget's class
    text: str
    needs: int
    has: int

    def __str__(self) -> str:
        return f"{self.where}: “{self.text}” cần {self.needs} px, có {self.has} px"


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.window().isVisible()


def _label(widget: QLabel) -> tuple[str, int, int] | None:
    text = widget.text()
    if not text or widget.wordWrap() or (widget.pixmap() is not None and not widget.pixmap().isNull()):
        return None
    if GuiQt.mightBeRichText(text) or widget.textFormat() == Qt.TextFormat.RichText:
        if "<br" in text or "<p" in text or "<li" in text:
            return None  # laid out as paragraphs: measured by lines below
        text = _TAG.sub("", text)
    lines = text.split("\n")
    needs = max(QFontMetrics(widget.font()).horizontalAdvance(line) for line in lines)
    return text, needs, widget.contentsRect().width()


def _button(widget: QAbstractButton) -> tuple[str, int, int] | None:
    if not widget.text() or widget.sizeHint().width() <= 0:
        return None
    return widget.text().replace("&", ""), widget.sizeHint().width(), widget.width()


def _placeholder(widget: QLineEdit) -> tuple[str, int, int] | None:
    text = widget.placeholderText()
    if not text or widget.text():
        return None
    margins = widget.textMargins()
    room = widget.width() - margins.left() - margins.right() - 8  # the frame and the text's own margin
    if widget.isClearButtonEnabled():
        room -= 0  # the clear button shows only over typed text
    return text, QFontMetrics(widget.font()).horizontalAdvance(text), room


def _combo(widget: QComboBox) -> tuple[str, int, int] | None:
    text = widget.currentText()
    if not text or widget.isEditable():
        return None
    option = QStyleOptionComboBox()
    widget.initStyleOption(option)
    field = widget.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, widget
    )
    return text, QFontMetrics(widget.font()).horizontalAdvance(text), field.width()


def _header_cuts(view: QAbstractItemView, where: str) -> list[Cut]:
    header: QHeaderView | None = (
        view.horizontalHeader()
        if isinstance(view, QTableView)
        else (view.header() if isinstance(view, QTreeView) else None)
    )
    model = view.model()
    if header is None or model is None or header.isHidden():
        return []
    out = []
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        text = str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            continue
        # The style's own measure: the text, its margins and room for the sort arrow.
        needs = header.sectionSizeFromContents(column).width()
        has = header.sectionSize(column)
        if needs > has + SLACK:
            out.append(Cut(f"{where} / tiêu đề cột", text, needs, has))
    return out


def _tab_cuts(bar: QTabBar, where: str) -> list[Cut]:
    out = []
    for index in range(bar.count()):
        needs, has = bar.tabSizeHint(index).width(), bar.tabRect(index).width()
        if needs > has + SLACK:
            out.append(Cut(f"{where} / thẻ", bar.tabText(index), needs, has))
    return out


def cut_texts(root: QWidget, where: str = "") -> list[Cut]:
    """Every text shown inside ``root`` (a window, page or dialog) that is wider than its room."""
    where = where or root.windowTitle() or type(root).__name__
    out: list[Cut] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root):
            continue
        found = None
        if isinstance(widget, QLabel):
            found = _label(widget)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QTabBar):
            found = _button(widget)
        elif isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QComboBox):
            found = _placeholder(widget)
        elif isinstance(widget, QComboBox):
            found = _combo(widget)
        elif isinstance(widget, QGroupBox) and widget.title():
            metrics = QFontMetrics(widget.font())
            found = (widget.title(), metrics.horizontalAdvance(widget.title()) + 16, widget.width())
        elif isinstance(widget, QTabBar):
            out += _tab_cuts(widget, where)
        if isinstance(widget, QAbstractItemView):
            out += _header_cuts(widget, where)
        if found is not None:
            text, needs, has = found
            if needs > has + SLACK:
                out.append(Cut(f"{where} / {type(widget).__name__}", text, needs, has))
    return out


def walk_pages(window: QWidget) -> Iterator[tuple[str, QWidget]]:
    """Show each page of the main window, and each tab of its tab widgets, in turn."""
    from PySide6.QtWidgets import QApplication, QTabWidget

    for index in range(window.nav.count()):  # type: ignore[attr-defined]
        window.show_page(index)  # type: ignore[attr-defined]
        QApplication.processEvents()
        page = window.stack.currentWidget()  # type: ignore[attr-defined]
        title = window.nav.item(index).text()  # type: ignore[attr-defined]
        yield title, window
        for tabs in page.findChildren(QTabWidget):
            for tab in range(tabs.count()):
                tabs.setCurrentIndex(tab)
                QApplication.processEvents()
                yield f"{title} / {tabs.tabText(tab)}", window


def walk_tabs(window: QWidget, title: str) -> Iterator[tuple[str, QWidget]]:
    """Each tab of a person window."""
    from PySide6.QtWidgets import QApplication

    for tab in range(window.tabs.count()):  # type: ignore[attr-defined]
        window.tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]
        QApplication.processEvents()
        yield f"{title} / {window.tabs.tabText(tab)}", window  # type: ignore[attr-defined]
