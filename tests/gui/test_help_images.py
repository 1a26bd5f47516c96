"""F1 help: the guide's full-screen screenshots fit the dialog without a sideways scroll."""

from __future__ import annotations


def test_guide_screenshots_fit_the_help_dialog(session, qtbot):
    from PySide6.QtWidgets import QTextBrowser

    from ui.shell.help import IMAGE_WIDTH, HelpDialog

    dialog = HelpDialog(session.rules.id, tab="guide")
    qtbot.addWidget(dialog)
    guide = dialog.tabs.widget(0)
    assert isinstance(guide, QTextBrowser)
    widths = []
    block = guide.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                widths.append(fmt.toImageFormat().width())
            it += 1
        block = block.next()
    assert widths and all(0 < width <= IMAGE_WIDTH for width in widths)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert guide.horizontalScrollBar().maximum() == 0
