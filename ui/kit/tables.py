"""Column titles that are never cut: every column at least as wide as its title (with the sort
arrow), and a table that stretches columns never narrower than all its titles together."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView


def title_width(header: QHeaderView, column: int) -> int:
    """What the style needs to draw the title of ``column`` whole: text, margins, sort arrow."""
    return header.sectionSizeFromContents(column).width()


def keep_titles_whole(table: QTableView) -> None:
    header = table.horizontalHeader()
    model = table.model()
    if model is None:
        return
    needed = 0
    for column in range(model.columnCount()):
        width = title_width(header, column)
        mode = header.sectionResizeMode(column)
        if (
            mode in (QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.Fixed)
            and header.sectionSize(column) < width
        ):
            header.resizeSection(column, width)
        stretches = mode == QHeaderView.ResizeMode.Stretch or (
            header.stretchLastSection() and column == model.columnCount() - 1
        )
        needed += width if stretches else max(width, header.sectionSize(column))
    table.setMinimumWidth(max(table.minimumWidth(), needed + table.verticalHeader().width() + 4))
