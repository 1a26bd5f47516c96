"""From an empty file to a final admission decision (9-KNĐ) through the window alone (issue 18):
the committee's details in Cài đặt, the cell from the overview's first steps, its members from a
sheet through the import wizard, a new person in the person window, each step the road tab
proposes, the introducers and the parents, then the documents page issues 6-KNĐ and 9-KNĐ and
the decision prints as final, with no blank left.

Every dialog is the real one, shown and filled as a clerk fills it; only its modal loop is
replaced (``exec`` shows the dialog, lets the test act, and returns what the dialog decided).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from tests.core.import_sheets import write_xlsx
from tests.gui.qt_typing import type_text
from tests.gui.road_data import add_organisation
from tests.gui.shell_fixtures import dialogs, main_window  # noqa: F401 - fixtures

pytestmark = pytest.mark.gui

CELL = "Chi bộ thôn Khuổi Phầy"
MEMBERS = [
    ("Hoàng Văn Thắng", "12/03/1968", "Nam", "02/09/1990", "02/09/1991"),
    ("Lộc Thị Hằng", "05/07/1975", "Nữ", "19/05/1998", "19/05/1999"),
    ("Vi Văn Tuấn", "20/11/1980", "Nam", "03/02/2005", "03/02/2006"),
    ("Nông Thị Mến", "14/02/1985", "Nữ", "01/07/2010", "01/07/2011"),
    ("Chu Văn Lượng", "09/09/1978", "Nam", "22/12/2003", "22/12/2004"),
]
PERSON = "Lăng Thị Thu Hà"


def answer(monkeypatch: pytest.MonkeyPatch, dialog_class: type[QDialog], act: Callable[[Any], None]) -> list[Any]:
    """While patched, each ``dialog_class(...).exec()`` shows the real dialog and runs ``act`` on it."""
    seen: list[Any] = []

    def exec_(dialog: QDialog) -> int:
        dialog.show()
        seen.append(dialog)
        act(dialog)
        if dialog.isVisible():  # the test expected it to close: say why it did not
            raise AssertionError(
                f"{dialog.windowTitle()} stayed open: {getattr(dialog, 'error', None) and dialog.error.text()}"
            )
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return seen


def _committee_details(main_window, monkeypatch) -> None:
    from ui.shell.settings_dialog import SettingsDialog

    def fill(dialog: SettingsDialog) -> None:
        for key, value in {
            "province": "Lạng Sơn",
            "commune": "Ba Sơn",
            "upper_body": "Đảng bộ tỉnh Lạng Sơn",
            "committee_name": "Đảng ủy xã Ba Sơn",
            "place_name": "Ba Sơn",
            "secretary": "Hoàng Văn Lợi",
            "party_term": "2025-2030",
        }.items():
            if key in dialog.profile_fields:
                dialog.profile_fields[key].clear()
                type_text(dialog.profile_fields[key], value)
        dialog.submit()

    answer(monkeypatch, SettingsDialog, fill)
    main_window.actions_registry["tools.settings"].trigger()


def _the_cell(main_window, monkeypatch) -> None:
    from ui.cells.dialogs import CellDialog

    def fill(dialog: CellDialog) -> None:
        type_text(dialog.name, CELL)
        dialog.submit()

    answer(monkeypatch, CellDialog, fill)
    main_window.page_widget("overview").first_steps.buttons["cells"].click()


def _members(qtbot, main_window, dialogs, monkeypatch, tmp_path: Path) -> None:
    from ui.importing import page as import_page

    sheet = write_xlsx(
        tmp_path / "dang-vien.xlsx",
        {
            "Đảng viên": [
                [
                    "Họ và tên",
                    "Ngày sinh",
                    "Giới tính",
                    "Ngày vào Đảng",
                    "Ngày vào Đảng chính thức",
                    "Chi bộ",
                    "Quê quán",
                    "Chức vụ",
                ],
                *[[*member, CELL, "Xã Ba Sơn, tỉnh Lạng Sơn", "Đảng viên"] for member in MEMBERS],
            ]
        },
    )
    monkeypatch.setattr(import_page.QFileDialog, "getOpenFileName", lambda *a, **k: (str(sheet), ""))
    main_window.page_widget("overview").first_steps.buttons["people"].click()
    page = main_window.page_widget("import")

    def step(number: int) -> None:
        qtbot.waitUntil(lambda: page.stack.currentIndex() == number and not page.ctx.tasks.busy, timeout=20000)

    page.to_mapping.click()
    step(1)
    page.to_preview.click()
    step(2)
    assert f"{len(MEMBERS)} thêm mới" in page.preview_summary.text(), page.preview_summary.text()
    dialogs.answers = ["import"]
    page.confirm.click()
    step(3)


def _secretary(main_window, monkeypatch) -> None:
    from ui.cells.dialogs import CellDialog

    def fill(dialog: CellDialog) -> None:
        dialog.secretary.setCurrentIndex(dialog.secretary.findText(MEMBERS[0][0]))
        dialog.submit()

    answer(monkeypatch, CellDialog, fill)
    cells = main_window.page_widget("cells")
    cells.select_cell(_cell_id(main_window))
    cells.edit_button.click()


def _cell_id(main_window) -> int:
    from commune_app.ops import cells as cell_ops

    return next(c["id"] for c in cell_ops.list_cells(main_window.ctx.session) if c["name"] == CELL)


def _new_person(qtbot, main_window):
    main_window.actions_registry["person.new"].trigger()
    window = main_window.person_windows()[-1]
    profile = window.tab("profile")
    values = {
        "full_name": PERSON,
        "birth_date": "16/08/2001",
        "ethnicity": "Tày",
        "religion": "Không",
        "hometown": "Xã Ba Sơn, tỉnh Lạng Sơn",
        "residence": "Thôn Khuổi Phầy",
        "residence_detail": "Thôn Khuổi Phầy, xã Ba Sơn, tỉnh Lạng Sơn",
        "occupation": "Giáo viên",
        "workplace": "Trường Tiểu học Ba Sơn",
        "education_general": "12/12",
        "professional_level": "Cao đẳng",
        "professional_field": "Sư phạm Tiểu học",
    }
    for key, value in values.items():
        editor = profile.editors[key]
        if hasattr(editor, "set_value") and not hasattr(editor, "setText"):
            editor.set_value(value)
        else:
            type_text(editor, value)
            if hasattr(editor, "editingFinished"):
                editor.editingFinished.emit()
    profile.editors["gender"].set_value("F")
    profile.cell_combo.set_value(str(_cell_id(main_window)))
    assert window.save_all(), [r.error_label.text() for r in profile.rows.values() if r.error_label.text()]
    return window


def test_a_new_clerk_reaches_a_final_9_knd_from_an_empty_file(qtbot, main_window, dialogs, monkeypatch, tmp_path):
    session = main_window.ctx.session
    session.today_override = dt.date(2026, 11, 20)
    assert main_window.page_widget("overview").first_steps.isVisible()

    _committee_details(main_window, monkeypatch)
    _the_cell(main_window, monkeypatch)
    _members(qtbot, main_window, dialogs, monkeypatch, tmp_path)
    _secretary(main_window, monkeypatch)
    person_window = _new_person(qtbot, main_window)
    assert person_window.person_id is not None
    _parents(person_window, monkeypatch)
    recorded = _road(qtbot, person_window, monkeypatch)
    assert [kind for kind in recorded if kind != "introducers"] == [*STEPS] and "introducers" in recorded
    assert person_window.tab("road").view.next_step.kind == "admission_decision"
    person_window.close()
    overview = main_window.page_widget("overview")
    overview.refresh()
    assert not overview.first_steps.isVisible()  # cells and people: the guide has done its work

    _issue_and_print(qtbot, main_window, person_window.person_id, monkeypatch)


def _issue_and_print(qtbot, main_window, person_id: int, monkeypatch) -> None:
    from pypdf import PdfReader

    from ui.person.issue_dialog import IssueDialog

    page = main_window.page_widget("documents")
    people = page.person.people
    people.setCurrentRow(next(r for r in range(people.count()) if PERSON in people.item(r).text()))
    panel = page.person.panel
    assert panel.person_id == person_id

    def state(code: str):
        return next(s for s in panel.states if s.code == code)

    answer(monkeypatch, IssueDialog, lambda dialog: dialog.submit())
    assert state("3-KNĐ").ready, state("3-KNĐ").reasons  # the introducers' papers print final too
    for code in ("6-KNĐ", "9-KNĐ"):
        assert state(code).issuable, state(code).reasons
        panel.table.selectRow(next(r for r, s in enumerate(panel.states) if s.code == code))
        panel.issue_button.click()
        assert state(code).number, code
    nine = next(r for r, s in enumerate(panel.states) if s.code == "9-KNĐ")
    assert state("9-KNĐ").ready and state("9-KNĐ").reasons == []
    panel.table.selectRow(nine)
    panel.preview_selected()
    qtbot.waitUntil(lambda: panel.preview.page_count > 0, timeout=30000)
    assert panel.preview.caption.text().startswith("Bản chính thức")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(panel.preview.path)).pages).split())
    for expected in (
        "ĐẢNG ỦY XÃ BA SƠN",
        f"Số {state('9-KNĐ').number}",
        "Ba Sơn, ngày 20 tháng 11 năm 2026",
        f"Nghị quyết số {state('6-KNĐ').number} ngày 12 tháng 10 năm 2026 của {CELL}",
        f"Kết nạp quần chúng {PERSON}, sinh ngày 16 tháng 8 năm 2001",
        "nghề nghiệp, nơi làm việc: Giáo viên, Trường Tiểu học Ba Sơn",
        "T/M BAN THƯỜNG VỤ BÍ THƯ Hoàng Văn Lợi",
    ):
        assert expected in text, expected
    assert "DỰ THẢO" not in text.upper() and "..." not in text and "…" not in text


def _parents(person_window, monkeypatch) -> None:
    from ui.person.tab_relatives import RelativeDialog

    parents = iter([("Bố đẻ", "Lăng Văn Sinh", "1972"), ("Mẹ đẻ", "Hoàng Thị Nga", "1975")])

    def fill(dialog: RelativeDialog) -> None:
        relation, name, year = next(parents)
        dialog.relation.setCurrentText(relation)
        type_text(dialog.full_name, name)
        type_text(dialog.birth_year, year)
        type_text(dialog.residence, "Thôn Khuổi Phầy, xã Ba Sơn")
        type_text(dialog.occupation, "Làm ruộng")
        type_text(dialog.verify_place, "Đảng ủy xã Ba Sơn")
        type_text(dialog.verify_sent_on, "20/04/2026")
        type_text(dialog.verify_replied_on, "15/05/2026")
        type_text(dialog.verify_result, "Chấp hành tốt chủ trương, pháp luật")
        dialog.submit()

    answer(monkeypatch, RelativeDialog, fill)
    person_window.tabs.setCurrentWidget(person_window.tab("relatives"))
    for _ in range(2):
        person_window.tab("relatives").add_button.click()


STEPS: dict[str, tuple[str, dict[str, Any]]] = {
    "course_certificate": (
        "10/03/2026",
        {
            "doc_number": "125-CN/TTCT",
            "issuer": "Trung tâm Chính trị huyện",
            "course_name": "Lớp bồi dưỡng nhận thức về Đảng",
            "course_from": "02/03/2026",
            "course_to": "06/03/2026",
            "result": "Khá",
        },
    ),
    "application": ("01/04/2026", {}),
    "background_declared": ("10/04/2026", {}),
    "pages_sealed": ("15/04/2026", {}),
    "background_certified": ("01/06/2026", {"comment_on": "25/05/2026", "certifier": "Hoàng Văn Lợi"}),
    "opinions_summary": ("20/09/2026", {"conclusion": "use"}),
    "cell_meeting": (
        "12/10/2026",
        {
            "official_present": 5,
            "probationary_present": 0,
            "votes_for": 5,
            "votes_against": 0,
            "chair": "Hoàng Văn Thắng",
            "chair_title": "Bí thư chi bộ",
            "secretary": "Lộc Thị Hằng",
            "strengths": "Lập trường tư tưởng vững vàng, gương mẫu trong công tác",
            "weaknesses": "Kinh nghiệm công tác quần chúng còn ít",
            "political_conclusion": "use",
        },
    ),
}
ORGANISATIONS = [
    ("Công đoàn Trường Tiểu học Ba Sơn", "10/09/2026", 18, 18, "Hoàn thành tốt nhiệm vụ, được đồng nghiệp tín nhiệm"),
    ("Chi ủy thôn Khuổi Phầy", "12/09/2026", 5, 5, "Gia đình chấp hành tốt quy định nơi cư trú"),
]


def _put(widget: Any, value: Any) -> None:
    """A value into a step input as the clerk puts it: typed, counted, or the usual wording taken."""
    if value == "use":
        widget.use.click()
    elif hasattr(widget, "set_count"):
        widget.set_count(int(value))
    else:
        type_text(getattr(widget, "edit", widget), str(value))


def _fill_step(dialog) -> None:
    form = dialog.step_form
    day, values = STEPS[form.kind]
    type_text(form.date, day)
    for key, value in values.items():
        if key in ("doc_number", "issuer"):
            _put(getattr(form, key), value)
        else:
            _put(form.inputs.get(key) or form.votes.spins[key], value)
    if "organisations" in form.inputs:
        editor = form.inputs["organisations"]
        for organisation in ORGANISATIONS:
            add_organisation(editor, *organisation)
    dialog.submit()


def _introducers(person_window, monkeypatch) -> None:
    from ui.road.introducer_picker import MemberPicker

    chosen = iter(m[0] for m in MEMBERS[1:3])

    def fill(picker: MemberPicker) -> None:
        name = next(chosen)
        picker.table.selectRow(next(r for r, o in enumerate(picker.options) if o.member["full_name"] == name))
        type_text(picker.together_from, "01/09/2021")
        type_text(picker.document_on, "15/09/2026")
        picker.submit()

    answer(monkeypatch, MemberPicker, fill)
    for _ in range(2):
        person_window.tab("road").introducer_button.click()


def _road(qtbot, person_window, monkeypatch) -> list[str]:
    """Each step the road tab proposes, recorded with its button; the introducers when the
    proposed step says they are missing."""
    from ui.road.step_dialog import StepDialog

    answer(monkeypatch, StepDialog, _fill_step)
    road = person_window.tab("road")
    person_window.tabs.setCurrentWidget(road)
    recorded: list[str] = []
    while (step := road.view.next_step) is not None and step.kind in STEPS and step.kind not in recorded:
        if any(f.code == "INTRODUCER-COUNT" for f in step.findings):
            assert "introducers" not in recorded, step.findings
            _introducers(person_window, monkeypatch)
            recorded.append("introducers")
            continue
        recorded.append(step.kind)
        road.next_button.click()
    return recorded
