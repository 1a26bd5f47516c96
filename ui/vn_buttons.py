"""Vietnamese texts for Qt's own buttons and dialogs, which ship no Vietnamese translation.

Two layers: ``install_translator`` answers Qt's internal ``tr()`` calls (standard buttons,
the line edit's context menu, the file dialog) for the whole application, and the helpers
below set the texts explicitly on every box we build, so a dialog stays Vietnamese even
where Qt does not ask the translator. Every dialog of the program goes through ``ask``,
``inform``, ``warn`` or ``vietnamese_buttons``; tests replace ``ask`` to answer for the clerk.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

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

# Qt's source strings (contexts QPlatformTheme, QDialogButtonBox, QWidgetTextControl,
# QLineEdit, QFileDialog...) → Vietnamese; the accelerator ampersands are Qt's own.
_QT_STRINGS: dict[str, str] = {
    "OK": "Đồng ý", "&OK": "Đồng ý", "Save": "Lưu", "&Save": "&Lưu", "Save All": "Lưu tất cả",
    "Open": "Mở", "&Open": "&Mở", "&Yes": "&Có", "Yes to &All": "Có với tất cả", "&No": "&Không",
    "N&o to All": "Không với tất cả", "Abort": "Dừng", "Retry": "Thử lại", "Ignore": "Bỏ qua",
    "Close": "Đóng", "&Close": "Đó&ng", "Cancel": "Hủy", "&Cancel": "&Hủy", "Discard": "Bỏ thay đổi",
    "Don't Save": "Không lưu", "Close without Saving": "Đóng không lưu", "Help": "Trợ giúp",
    "Apply": "Áp dụng", "Reset": "Đặt lại", "Restore Defaults": "Khôi phục mặc định",
    "&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "Cắ&t", "&Copy": "&Sao chép",
    "&Paste": "&Dán", "Delete": "Xóa", "Select All": "Chọn tất cả", "Copy &Link Location": "Sao chép liên kết",
    "Look in:": "Tìm trong:", "File &name:": "Tên &tệp:", "Files of type:": "Loại tệp:",
    "Back": "Quay lại", "Forward": "Tiến tới", "Parent Directory": "Thư mục cha",
    "Create New Folder": "Tạo thư mục mới", "New Folder": "Thư mục mới", "List View": "Dạng danh sách",
    "Detail View": "Dạng chi tiết", "Name": "Tên", "Size": "Cỡ", "Type": "Loại",
    "Date Modified": "Ngày sửa", "My Computer": "Máy tính", "Computer": "Máy tính",
    "All Files (*)": "Mọi tệp (*)", "Show Details...": "Xem chi tiết...", "Hide Details...": "Ẩn chi tiết...",
    "Recent Places": "Nơi gần đây", "Directory:": "Thư mục:", "&Rename": "Đổi &tên",
    "&Delete": "&Xóa", "Show &hidden files": "Hiện tệp ẩn", "&New Folder": "Thư mục &mới",
    "&Choose": "&Chọn",
}


class VietnameseQtTranslator(QTranslator):
    """Answers Qt's built-in strings in Vietnamese; our own strings are Vietnamese already."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # type: ignore[override]
        # None, not "": an empty string counts as a translation and would blank Qt's own texts.
        return _QT_STRINGS.get(source)

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


def ask(parent: QWidget | None, title: str, text: str, choices: list[tuple[str, str]],
        default: str, *, informative: str = "", icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> str:
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


def inform(parent: QWidget | None, title: str, text: str, *, details: str = "",
           icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> None:
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
