"""The import wizard, driven as the clerk would: file, sheet, mapping, preview, confirm."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.core.import_sheets import commune_member_list, write_xlsx
from tests.factories import make_person
from tests.gui.qt_typing import type_text
from tests.gui.shell_fixtures import ctx, dialogs, main_window  # noqa: F401 - fixtures

pytestmark = pytest.mark.gui


def _page(main_window):
    page = main_window.page_widget("import")
    assert page is not None
    return page


def _wait_step(qtbot, page, step):
    qtbot.waitUntil(lambda: page.stack.currentIndex() == step and not page.ctx.tasks.busy, timeout=20000)


def test_a_member_list_goes_from_file_to_summary(qtbot, session, main_window, dialogs, tmp_path):
    path = commune_member_list(tmp_path / "dang-vien.xlsx")
    page = _page(main_window)
    page.set_file(str(path))
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["Đảng viên", "Ghi chú"]
    page.to_mapping.click()
    _wait_step(qtbot, page, 1)
    assert "dòng 4 và 5" in page.layout_note.text()
    assert page.columns.item(2, 0).text() == "Ngày, tháng, năm sinh / Nam"
    assert page.mapping_combo(3).currentData() == "birth_date_female"

    page.to_preview.click()
    _wait_step(qtbot, page, 2)
    assert "3 thêm mới" in page.preview_summary.text() and "1 bị từ chối" in page.preview_summary.text()
    assert page.model.rowCount() == 4
    assert page.confirm.text() == "Nhập 3 dòng đã chọn"

    page.filter.setCurrentIndex(page.filter.findData("refused"))
    assert page.model.rowCount() == 1
    index = page.model.index(0, 6)
    assert "30/02/1985" in page.model.data(index)
    assert not page.model.flags(page.model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable

    page.filter.setCurrentIndex(page.filter.findData("all"))
    page.model.setData(page.model.index(0, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert page.confirm.text() == "Nhập 2 dòng đã chọn"

    dialogs.answers = ["import"]
    page.confirm.click()
    _wait_step(qtbot, page, 3)
    assert "Chi bộ thôn Nà Lầu" in dialogs.asked[0]
    assert "2 người thêm mới" in page.summary_text.toPlainText()
    names = [r["full_name"] for r in session.store.query("SELECT full_name FROM people ORDER BY id")]
    assert names == ["Hoàng thị Bích", "Lò Văn Cường"]


def test_cancelling_the_confirmation_writes_nothing(qtbot, session, main_window, dialogs, tmp_path):
    path = commune_member_list(tmp_path / "dang-vien.xlsx")
    page = _page(main_window)
    page.set_file(str(path))
    page.to_mapping.click()
    _wait_step(qtbot, page, 1)
    page.to_preview.click()
    _wait_step(qtbot, page, 2)
    dialogs.answers = ["cancel"]
    page.confirm.click()
    assert page.stack.currentIndex() == 2
    assert session.store.scalar("SELECT count(*) FROM people") == 0


def test_the_clerk_corrects_the_mapping_saves_it_and_sees_changes_side_by_side(
    qtbot, session, main_window, dialogs, tmp_path
):
    make_person(session, "Nguyễn Văn An", birth_date="1980-02-05", hometown="Hà Giang")
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        {
            "DS": [
                ["Người", "Ngày sinh", "Giới tính", "Quê quán"],
                ["Nguyễn Văn An", "05/02/1980", "Nam", "Tuyên Quang"],
                ["Lê Thị Hoa", "01/03/1999", "Nữ", "Hà Giang"],
            ]
        },
    )
    page = _page(main_window)
    page.set_file(str(path))
    page.kind.setCurrentIndex(page.kind.findData("candidates"))
    page.to_mapping.click()
    _wait_step(qtbot, page, 1)
    assert page.mapping_combo(0).currentData() == ""
    page.mapping_combo(0).setCurrentIndex(page.mapping_combo(0).findData("full_name"))
    type_text(page.mapping_name, "Mẫu của thôn")
    page.save_mapping()
    assert page.saved.findData("Mẫu của thôn") >= 0

    page.to_preview.click()
    _wait_step(qtbot, page, 2)
    page.table.selectRow(0)
    assert page.changes.rowCount() == 1
    assert [page.changes.item(0, c).text() for c in range(3)] == ["Quê quán (tên hiện nay)", "Hà Giang", "Tuyên Quang"]
    assert "Trùng với hồ sơ mã" in page.row_detail.toPlainText()
    opened = []
    page.ctx.open_person_requested.connect(lambda person_id, _tab: opened.append(person_id))
    page._open_person(page.model.index(0, 3))
    assert opened == [page.model.row_at(0).person_id]


def test_a_file_that_is_not_a_spreadsheet_is_explained(qtbot, session, main_window, dialogs, tmp_path):
    bad = tmp_path / "anh.xlsx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    page = _page(main_window)
    page.set_file(str(bad))
    assert "không phải bảng tính" in page.file_error.text()
    assert page.sheet.count() == 0


def test_the_wizard_shows_kind_layout_fates_skipped_rows_and_conversions(
    qtbot, session, main_window, dialogs, tmp_path
):
    from commune_app.bench.importing import registry_people, write_registry_sheet

    people = registry_people(3)
    people[0]["name"] = "Hoµng ThÞ BÝch"
    people[1]["name"] = "Vũ Ðình Nam"
    people.append({"row": None, "name": "Tổng cộng: 3 đồng chí"})
    path = write_registry_sheet(tmp_path / "chuan-hoa.xlsx", people, two_row_header=True)
    page = _page(main_window)
    page.set_file(str(path))
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["DuLieu"]  # dictionaries left out
    assert page.kind.currentData() is None  # detected unless the clerk chooses
    page.to_mapping.click()
    _wait_step(qtbot, page, 1)
    page.to_preview.click()
    _wait_step(qtbot, page, 2)
    summary = page.preview_summary.text()
    assert "Biểu chuẩn hóa dữ liệu đảng viên" in summary and "Loại danh sách nhận ra: danh sách đảng viên" in summary
    assert page.fates.rowCount() == 28
    fates = {page.fates.item(i, 0).text(): page.fates.item(i, 1).text() for i in range(28)}
    assert (
        fates["STT"] == "không giữ"
        and fates["Quê quán (theo mô hình 2 cấp) / Quốc gia"] == "Quê quán (2 cấp): quốc gia"
    )
    assert page.skipped.rowCount() == 1 and "Dòng cộng" in page.skipped.item(0, 1).text()

    page.filter.setCurrentIndex(page.filter.findData("conversions"))
    assert page.model.rowCount() == 2
    assert "Hoàng Thị Bích" in page.model.data(page.model.index(0, 6))
    page.table.selectRow(0)
    assert page.keep_written.isEnabled()
    page.keep_written.click()
    _wait_step(qtbot, page, 2)
    kept = next(r for r in page.preview.rows if r.row_number == 3)
    assert kept.values["full_name"] == "Hoµng ThÞ BÝch" and kept.status == "new"
    assert any("giữ nguyên" in w for w in kept.warnings)
