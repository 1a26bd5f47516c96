"""The step forms: the 2/3 result computed live, the derived dates, the values handed to ops."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QSpinBox

from tests.gui.qt_typing import type_text
from ui.road.step_forms import FormError, form_for

pytestmark = pytest.mark.gui


def _type_number(qtbot, spin: QSpinBox, value: int) -> None:
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, str(value))  # ASCII digits only: safe with keyClicks


def test_cell_meeting_computes_two_thirds_live(qtbot, session):
    form = form_for(session, "cell_meeting")
    qtbot.addWidget(form)
    votes = form.votes
    assert "Nhập tổng số đảng viên chính thức" in votes.result.text()

    _type_number(qtbot, votes.spins["official_total"], 9)
    _type_number(qtbot, votes.spins["official_present"], 8)
    _type_number(qtbot, votes.spins["votes_for"], 6)
    assert votes.result.text().startswith("Cần 6/9 phiếu tán thành — Đạt")
    assert "66,7%" in votes.result.text()
    assert votes.absent.text() == "1 chính thức, 0 dự bị"

    _type_number(qtbot, votes.spins["votes_for"], 5)
    assert votes.result.text().startswith("Cần 6/9 phiếu tán thành — Không đạt (thiếu 1 phiếu)")

    _type_number(qtbot, votes.spins["official_total"], 10)
    _type_number(qtbot, votes.spins["votes_for"], 7)
    assert votes.result.text().startswith("Cần 7/10 phiếu tán thành — Đạt")


def test_cell_meeting_values_carry_the_vote_block(qtbot, session):
    form = form_for(session, "cell_meeting")
    qtbot.addWidget(form)
    type_text(form.date, "12/10/2026")
    type_text(form.doc_number, "07-NQ/CB")
    for key, value in {
        "official_total": 9,
        "official_present": 8,
        "probationary_total": 1,
        "probationary_present": 1,
        "votes_for": 8,
    }.items():
        form.votes.spins[key].setValue(value)
    with pytest.raises(FormError, match="Chưa nhập lý do vắng mặt: có 1 đảng viên vắng mặt"):
        form.values()  # every absentee has a reason
    type_text(form.votes.texts["absent_reasons"], "Đi làm ăn xa")
    type_text(form.votes.texts["chair"], "Hoàng Văn Bình")
    type_text(form.inputs["strengths"].edit, "Gương mẫu, nhiệt tình")
    values = form.values()
    assert values["date"] == "2026-10-12"
    assert values["doc_number"] == "07-NQ/CB"
    details = values["details"]
    assert details["official_total"] == 9 and details["votes_for"] == 8
    assert details["chair"] == "Hoàng Văn Bình"
    assert details["strengths"] == "Gương mẫu, nhiệt tình"
    assert "Hạn ra quyết định kết nạp: 60 ngày làm việc" in form.preview.text()


def test_impossible_counts_and_bad_dates_are_refused(qtbot, session):
    form = form_for(session, "cell_meeting")
    qtbot.addWidget(form)
    type_text(form.date, "31/02/2026")
    form.votes.spins["official_total"].setValue(5)
    form.votes.spins["official_present"].setValue(6)
    with pytest.raises(FormError) as refused:
        form.values()
    messages = "\n".join(refused.value.messages)
    assert "không có trong lịch" in messages
    assert "có mặt lớn hơn tổng số đảng viên chính thức" in messages


def test_ceremony_shows_the_end_of_probation(qtbot, session):
    form = form_for(session, "ceremony")
    qtbot.addWidget(form)
    assert not form.doc_number.isVisibleTo(form)  # a ceremony has no document number
    type_text(form.date, "05/02/2026")
    assert "kết thúc ngày 05/02/2027" in form.preview.text()


def test_transfer_forms_show_their_working_day_deadlines(qtbot, session):
    out = form_for(session, "transfer_out")
    qtbot.addWidget(out)
    out.inputs["transfer_kind"].setCurrentIndex(out.inputs["transfer_kind"].findData("official"))
    type_text(out.inputs["trigger_decision_on"], "02/03/2026")
    expected = session.calendar.add_working_days(dt.date(2026, 3, 2), 60)
    assert f"60 ngày làm việc sau quyết định, đến ngày {expected:%d/%m/%Y}" in out.preview.text()

    arrival = form_for(session, "transfer_in")
    qtbot.addWidget(arrival)
    type_text(arrival.inputs["letter_on"], "02/03/2026")
    expected = session.calendar.add_working_days(dt.date(2026, 3, 2), 30)
    assert f"30 ngày làm việc, đến ngày {expected:%d/%m/%Y}" in arrival.preview.text()


def test_removal_needs_a_reason_and_correction_reloads_details(qtbot, session):
    form = form_for(session, "removal")
    qtbot.addWidget(form)
    type_text(form.date, "01/10/2026")
    with pytest.raises(FormError) as refused:
        form.values()
    assert any("lý do" in m for m in refused.value.messages)

    again = form_for(session, "removal")
    qtbot.addWidget(again)
    again.load(
        {
            "date": "2026-10-01",
            "doc_number": "12-QĐ/ĐU",
            "issuer": "Ban Thường vụ Đảng ủy xã",
            "details": {"removal_kind": "expulsion", "reason": "Vi phạm kỷ luật"},
        }
    )
    assert again.date.text() == "01/10/2026"
    values = again.values()
    assert values["details"] == {"removal_kind": "expulsion", "reason": "Vi phạm kỷ luật"}
    assert values["issuer"] == "Ban Thường vụ Đảng ủy xã"
    assert again.inputs["removal_kind"].currentText() == "Khai trừ"


def test_cell_meeting_suggests_the_official_members_of_the_cell_on_its_day(qtbot, session):
    """The program knows who was an official member on the meeting day: the clerk need not count."""
    from tests.factories import make_person
    from tests.gui.road_data import make_cell_with_members, make_member

    cell_id, _members = make_cell_with_members(session)  # four official since 2016
    make_member(session, "Lục Văn Sơn", cell_id, admitted="2025-06-02")  # official from 15/04/2026
    person = make_person(session, "Hà Thị Quyên", cell_id=cell_id)
    from commune_app.ops import people as people_ops

    form = form_for(session, "cell_meeting", people_ops.get_person(session, person))
    qtbot.addWidget(form)
    total = form.votes.spins["official_total"]
    type_text(form.date, "12/03/2026")
    assert total.value() == 4
    form.date.clear()
    type_text(form.date, "12/10/2026")
    assert total.value() == 5
    _type_number(qtbot, total, 7)  # the clerk's own figure is kept when the date changes
    form.date.clear()
    type_text(form.date, "12/03/2026")
    assert total.value() == 7
