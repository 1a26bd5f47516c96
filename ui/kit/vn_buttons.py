"""Vietnamese texts for Qt's own buttons and dialogs, which ship no Vietnamese translation.

Two layers: ``install_translator`` answers Qt's internal ``tr()`` calls (standard buttons,
the line edit's context menu, the file dialog) for the whole application, and the helpers
below set the texts explicitly on every box we build, so a dialog stays Vietnamese even
where Qt does not ask the translator. Every dialog of the program goes through ``ask``,
``inform``, ``warn`` or ``vietnamese_buttons``; tests replace ``ask`` to answer for the clerk.
"""

from __future__ import annotations

import json
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

from commune_app.paths import resource_path

SB = QDialogButtonBox.StandardButton
MB = QMessageBox.StandardButton

BUTTON_TEXTS: dict[str, str] = {
    "Ok": "Đồng ý",
    "Save": "Lưu",
    "SaveAll": "Lưu tất cả",
    "Open": "Mở",
    "Yes": "Có",
    "YesToAll": "Có với tất cả",
    "No": "Không",
    "NoToAll": "Không với tất cả",
    "Abort": "Dừng",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Close": "Đóng",
    "Cancel": "Hủy",
    "Discard": "Bỏ thay đổi",
    "Help": "Trợ giúp",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "RestoreDefaults": "Khôi phục mặc định",
}

# Qt's own source strings → Vietnamese live in resources/i18n/qt_vi.json (shipped with the
# resources); keys without the accelerator '&', which is looked up both ways.


@lru_cache(maxsize=1)
def qt_strings() -> dict[str, str]:
    data = json.loads(resource_path("i18n", "qt_vi.json").read_text(encoding="utf-8"))
    return dict(data["strings"])


def translate_qt(source: str) -> str | None:
    """Qt's text in Vietnamese, or None when it is not one of Qt's strings we know."""
    table = qt_strings()
    return table.get(source) or table.get(source.replace("&", ""))


class VietnameseQtTranslator(QTranslator):
    """Answers Qt's built-in strings in Vietnamese; our own strings are Vietnamese already."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # type: ignore[override]
        # None, not "": an empty string counts as a translation and would blank Qt's own texts.
        return translate_qt(source)

    def isEmpty(self) -> bool:  # type: ignore[override]
        return False


_translator: VietnameseQtTranslator | None = None


def install_translator() -> None:
    global _translator
    if _translator is None:
        _translator = VietnameseQtTranslator()
        QCoreApplication.installTranslator(_translator)


def vietnamese_buttons(box: QDialogButtonBox | QMessageBox) -> None:
    """Give every standard button of a box its Vietnamese text."""
    enum = SB if isinstance(box, QDialogButtonBox) else MB
    for name, text in BUTTON_TEXTS.items():
        button = box.button(getattr(enum, name))
        if button is not None:
            button.setText(text)


def button_box(buttons: SB, parent: QWidget | None = None) -> QDialogButtonBox:
    box = QDialogButtonBox(buttons, parent)
    vietnamese_buttons(box)
    return box


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: list[tuple[str, str]],
    default: str,
    *,
    informative: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> str:
    """A modal question; ``choices`` are (key, label) pairs, the answer is the key chosen.

    Closing the box with Esc or the title bar answers ``default``, so the safe answer must
    be the default.
    """
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if informative:
        box.setInformativeText(informative)
    buttons = {}
    for key, label in choices:
        role = QMessageBox.ButtonRole.AcceptRole if key != default else QMessageBox.ButtonRole.RejectRole
        buttons[box.addButton(label, role)] = key
    default_button = next(b for b, k in buttons.items() if k == default)
    box.setDefaultButton(default_button)
    box.setEscapeButton(default_button)
    box.exec()
    return buttons.get(box.clickedButton(), default)


def inform(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    details: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    vietnamese_buttons(box)
    _translate_details_button(box)
    box.exec()


def warn(parent: QWidget | None, title: str, text: str, *, details: str = "") -> None:
    inform(parent, title, text, details=details, icon=QMessageBox.Icon.Warning)


def _translate_details_button(box: QMessageBox) -> None:
    for button in box.buttons():
        if box.buttonRole(button) == QMessageBox.ButtonRole.ActionRole and "Details" in button.text():
            button.setText("Xem chi tiết...")


def ask_reason(parent: QWidget | None, title: str, label: str, *, ok_text: str = "Đồng ý") -> str | None:
    """A reason typed by the clerk (NFC, trimmed), or None when they cancelled."""
    from PySide6.QtWidgets import QInputDialog

    from commune_app import vn

    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOkButtonText(ok_text)
    dialog.setCancelButtonText("Hủy")
    dialog.resize(460, dialog.sizeHint().height())
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return vn.nfc(dialog.textValue()).strip()
