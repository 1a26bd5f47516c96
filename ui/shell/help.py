"""Built-in help (F1): the user guide, the rules the program checks with their sources, and
'Giới thiệu' with the version and the licences of what is bundled. Works offline."""

from __future__ import annotations

import json
import platform

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from commune_app import APP_NAME, __version__
from commune_app.paths import resource_path
from commune_app.rules.ruleset import load_rule_set
from ui.kit import vn_buttons

GUIDE = "huong-dan.md"
IMAGE_WIDTH = 820  # the dialog opens 900 wide


def _browser(markdown: str) -> QTextBrowser:
    browser = QTextBrowser()
    browser.setOpenExternalLinks(False)
    browser.setSearchPaths([str(resource_path("help"))])
    browser.document().setBaseUrl(QUrl.fromLocalFile(str(resource_path("help")) + "/"))
    browser.setMarkdown(markdown)
    _shrink_images(browser.document())
    return browser


def _shrink_images(document: QTextDocument) -> None:
    """The guide's screenshots are full-screen; shown narrower they fit the dialog without a
    sideways scroll bar (the text beside them stays readable at the dialog's size)."""
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                image_format = fmt.toImageFormat()
                image = QImage(str(resource_path("help", image_format.name())))
                if not image.isNull() and image.width() > IMAGE_WIDTH:
                    image_format.setWidth(IMAGE_WIDTH)
                    image_format.setHeight(image.height() * IMAGE_WIDTH / image.width())
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image_format)
            it += 1
        block = block.next()


def guide_markdown() -> str:
    return resource_path("help", GUIDE).read_text(encoding="utf-8")


def rules_markdown(rule_set_id: str) -> str:
    rules = load_rule_set(rule_set_id)
    descriptions = json.loads(resource_path("help", "quy-tac.json").read_text(encoding="utf-8"))
    lines = [
        "# Các quy định chương trình kiểm tra",
        "",
        f"Bộ quy tắc đang dùng: **{rules.title}** (phiên bản {rules.version}, áp dụng từ "
        f"{rules.effective_from[8:10]}/{rules.effective_from[5:7]}/{rules.effective_from[:4]}). "
        "Mỗi hồ sơ ghi lại phiên bản bộ quy tắc đã dùng khi xử lý.",
        "",
    ]
    for code, text in descriptions.items():
        lines += [f"## {code}", "", text, "", f"*Căn cứ: {rules.source(code)}*", ""]
    return "\n".join(lines)


def about_markdown() -> str:
    from PySide6 import __version__ as pyside_version

    licence = resource_path("fonts", "OFL.txt").read_text(encoding="utf-8")
    return "\n".join(
        [
            f"# {APP_NAME}",
            "",
            f"Phiên bản {__version__}",
            "",
            "Chương trình theo dõi công tác phát triển đảng viên của Đảng ủy xã: chạy hoàn toàn trên máy, "
            "dữ liệu nằm trong một tệp SQLite của đơn vị.",
            "",
            "## Thành phần sử dụng",
            "",
            f"- Python {platform.python_version()} (giấy phép PSF)",
            f"- Qt for Python (PySide6) {pyside_version} (giấy phép LGPLv3)",
            "- SQLite (phạm vi công cộng); sqlite-utils (Apache 2.0)",
            "- ReportLab (BSD); openpyxl (MIT); holidays (MIT); cryptography (Apache 2.0 / BSD)",
            "- Phông chữ Liberation Serif và Noto Sans (SIL Open Font License 1.1)",
            "",
            "## Giấy phép phông chữ",
            "",
            "```",
            licence,
            "```",
        ]
    )


class HelpDialog(QDialog):
    def __init__(self, rule_set_id: str, parent: QWidget | None = None, *, tab: str = "guide") -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Hướng dẫn – {APP_NAME}")
        self.resize(900, 680)
        self.tabs = QTabWidget()
        self.tabs.addTab(_browser(guide_markdown()), "Hướng dẫn sử dụng")
        self.tabs.addTab(_browser(rules_markdown(rule_set_id)), "Các quy định được kiểm tra")
        self.tabs.addTab(_browser(about_markdown()), "Giới thiệu")
        self.tabs.setCurrentIndex({"guide": 0, "rules": 1, "about": 2}[tab])
        box = vn_buttons.button_box(vn_buttons.SB.Close, self)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(box)
