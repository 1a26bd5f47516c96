"""The step forms are built from the step schema: for every kind the form refuses exactly what
the ops refuse; a meeting's counts come from the cell; the opinions steps take their
organisations in the dialog; the usual wording is offered, never stored untouched."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QLabel, QLineEdit

from commune_app import rules as party_rules
from commune_app.domain import steps
from commune_app.errors import Refused
from commune_app.ops import people as people_ops
from commune_app.ops import road as road_ops
from tests.factories import make_person
from tests.gui.qt_typing import type_text
from tests.gui.road_data import add_organisation, make_cell_with_members, make_member, ui_context
from ui.person.tab_road import entry_note
from ui.road.step_dialog import StepDialog
from ui.road.step_forms import FormError, form_for
from ui.road.step_inputs import OrganisationsEditor, SuggestedText, fill

pytestmark = pytest.mark.gui

STEP_DAY = "2026-06-15"
_TEXTS = st.sampled_from(["Lò Văn Bình", "Bí thư chi bộ", "Quý II/2026", "Hoàn thành tốt nhiệm vụ"])
_DATES = st.sampled_from(["2026-05-01", "2026-06-15", "2026-07-20"])  # before, on and after the step's day
_COUNTS = st.integers(min_value=0, max_value=12)
_ROW = st.fixed_dictionaries(
    {
        k: st.none() | s
        for k, s in (
            ("name", _TEXTS),
            ("date", _DATES),
            ("consulted", _COUNTS),
            ("agree", _COUNTS),
            ("summary", _TEXTS),
        )
    }
).filter(lambda row: any(v is not None for v in row.values()))  # a blank row is no row


def _strategy(item: steps.StepField, rules: Any) -> st.SearchStrategy[Any]:
    """What a clerk can put into the field's widget (None: left empty)."""
    if item.type == "int":
        value: st.SearchStrategy[Any] = _COUNTS
    elif item.type == "date":
        value = _DATES
    elif item.type == "flag":
        value = st.just(True)
    elif item.type == "choice":
        value = st.sampled_from([code for code, _ in steps.choices_of(item, rules)])
    elif item.type == "organisations":
        value = st.lists(_ROW, min_size=1, max_size=2)
    else:
        value = _TEXTS
    return st.none() | value


def _details(kind: str, rules: Any) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({item.key: _strategy(item, rules) for item in steps.schema(kind).fields})


@pytest.fixture
def person(session):
    cell_id, _members = make_cell_with_members(session)  # four official members
    make_member(session, "Vi Văn Tâm", cell_id, official=False, admitted="2026-02-02")
    return people_ops.get_person(session, make_person(session, "Hà Thị Quyên", cell_id=cell_id))


@pytest.mark.parametrize("kind", list(steps.SCHEMAS))
def test_the_form_refuses_exactly_what_the_ops_refuse(qtbot, session, person, monkeypatch, kind):
    # Only the step schema is compared: the party's rules (status, deadlines...) are left out here.
    monkeypatch.setattr(party_rules, "check_step", lambda *args, **kwargs: [])

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(values=_details(kind, session.rules))
    def check(values: dict[str, Any]) -> None:
        form = form_for(session, kind, person)
        qtbot.addWidget(form)
        type_text(form.date, "15/06/2026")
        for key, value in values.items():
            fill(form.inputs[key], value)
        try:
            form_problems = None
            recorded = form.values()["details"]
        except FormError as exc:
            form_problems = exc.messages
        given_details = {k: v for k, v in values.items() if v is not None}
        try:
            milestone_id = road_ops.record_step(
                session, int(person["id"]), kind, {"date": STEP_DAY, "details": given_details}
            )
        except Refused as exc:
            assert form_problems == exc.reasons
            return
        assert form_problems is None, form_problems
        stored = next(m for m in road_ops.steps_of(session, int(person["id"])) if m["id"] == milestone_id)
        assert {k: v for k, v in stored["details"].items() if k in recorded} == recorded  # kept as handed over

    check()


def test_cell_meeting_dialog_fills_in_the_cell_on_the_meeting_day(qtbot, session, person):
    dialog = StepDialog(ui_context(session), int(person["id"]), kind="cell_meeting")
    qtbot.addWidget(dialog)
    form = dialog.step_form
    official, probationary = form.votes.spins["official_total"], form.votes.spins["probationary_total"]
    type_text(form.date, "10/01/2026")
    assert (official.count(), probationary.count()) == (4, 0)  # the probationary member came in February
    form.date.clear()
    type_text(form.date, "12/10/2026")
    assert (official.count(), probationary.count()) == (4, 1)
    assert "Cần 3/4 phiếu tán thành" in form.votes.result.text()

    official.set_count(5)  # the clerk's own figure is kept, and needs its reason
    form.date.clear()
    type_text(form.date, "12/10/2026")
    assert official.count() == 5
    for key, value in {"official_present": 5, "probationary_present": 1, "votes_for": 5}.items():
        form.votes.spins[key].set_count(value)
    dialog.submit()
    assert dialog.result() != StepDialog.DialogCode.Accepted
    assert "cần ghi lý do điều chỉnh số đảng viên so với danh sách" in dialog.error.text()


@pytest.mark.parametrize(("kind", "form_code"), [("opinions_summary", "5-KNĐ"), ("recognition_opinions", "12-KNĐ")])
def test_the_opinions_steps_take_each_organisation_in_the_dialog(qtbot, session, person, monkeypatch, kind, form_code):
    monkeypatch.setattr(party_rules, "check_step", lambda *args, **kwargs: [])  # the steps before are not the point
    dialog = StepDialog(ui_context(session), int(person["id"]), kind=kind)
    qtbot.addWidget(dialog)
    form = dialog.step_form
    editor = form.inputs["organisations"]
    assert isinstance(editor, OrganisationsEditor)
    type_text(form.date, "20/09/2026")
    add_organisation(editor, "Công đoàn Hợp tác xã Ba Sơn", "10/09/2026", 12, 11, "Nhiệt tình, có trách nhiệm")
    add_organisation(editor, "Chi ủy thôn Nà Lầu", "12/09/2026", 5, 5, "Gia đình chấp hành tốt quy định nơi cư trú")
    editor.add_button.click()
    editor.remove_current()  # an extra row removed again
    conclusion = form.inputs["conclusion"]
    assert isinstance(conclusion, SuggestedText)
    assert conclusion.text() == ""  # offered, not filled
    conclusion.use.click()
    dialog.submit()
    assert dialog.result() == StepDialog.DialogCode.Accepted, dialog.error.text()
    details = road_ops.steps_of(session, int(person["id"]))[-1]["details"]
    assert [o["name"] for o in details["organisations"]] == ["Công đoàn Hợp tác xã Ba Sơn", "Chi ủy thôn Nà Lầu"]
    assert details["organisations"][0] == {
        "name": "Công đoàn Hợp tác xã Ba Sơn",
        "date": "2026-09-10",
        "consulted": 12,
        "agree": 11,
        "summary": "Nhiệt tình, có trách nhiệm",
    }
    assert details["conclusion"] == steps.schema(kind).field("conclusion").suggestion
    assert steps.missing_for_form(kind, details, form_code) == []


def test_the_usual_wording_is_stored_only_when_the_clerk_takes_it(qtbot, session):
    form = form_for(session, "grassroots_resolution")
    qtbot.addWidget(form)
    type_text(form.date, "01/10/2026")
    for key, value in {"committee_total": 9, "committee_present": 9, "committee_votes_for": 9}.items():
        form.inputs[key].set_count(value)
    assert "conclusion" not in form.values()["details"]
    assert steps.missing_for_form("grassroots_resolution", form.values()["details"], "8-KNĐ")
    form.inputs["conclusion"].use.click()
    assert form.values()["details"]["conclusion"] == "Quần chúng có đủ tiêu chuẩn, điều kiện để kết nạp vào Đảng."


def _row_labels(form) -> list[str]:
    return [w.text() for w in form.findChildren(QLabel)]


def test_papers_of_the_person_have_no_number_and_the_decision_one_signer(qtbot, session):
    for kind in ("application", "background_declared"):
        form = form_for(session, kind)
        qtbot.addWidget(form)
        assert not form.doc_number.isVisibleTo(form) and not form.issuer.isVisibleTo(form)
        assert "Số văn bản" not in _row_labels(form)
    decision = form_for(session, "admission_decision")
    qtbot.addWidget(decision)
    labels = _row_labels(decision)
    assert "Cơ quan ban hành" in labels and "Cơ quan ban hành, người ký" not in labels
    assert labels.count("Người ký") == 1  # the signer is asked once


def test_the_new_kinds_are_recorded_from_the_window(qtbot, session, person):
    ctx = ui_context(session)
    dialog = StepDialog(ctx, int(person["id"]), kind="youth_union_handover")
    qtbot.addWidget(dialog)
    type_text(dialog.step_form.date, "05/01/2026")
    type_text(dialog.step_form.inputs["youth_org"], "Đoàn xã Ba Sơn")
    type_text(dialog.step_form.inputs["list_ref"], "02-DS/ĐTN")
    dialog.submit()
    assert dialog.result() == StepDialog.DialogCode.Accepted, dialog.error.text()

    review = StepDialog(ctx, int(person["id"]), kind="helper_review")
    qtbot.addWidget(review)
    form = review.step_form
    type_text(form.date, "01/04/2026")
    assert isinstance(form.inputs["reviewer"], QLineEdit)
    type_text(form.inputs["reviewer"], "Hoàng Văn Bình")
    type_text(form.inputs["period"], "Quý I/2026")
    type_text(form.inputs["ideology"], "Lập trường vững vàng")
    review.submit()
    assert review.result() == StepDialog.DialogCode.Accepted, review.error.text()
    kinds = [m["kind"] for m in road_ops.steps_of(session, int(person["id"]))]
    assert kinds == ["youth_union_handover", "helper_review"]
    stored = road_ops.steps_of(session, int(person["id"]))[-1]["details"]
    assert stored == {"reviewer": "Hoàng Văn Bình", "period": "Quý I/2026", "ideology": "Lập trường vững vàng"}
    assert entry_note(stored) == "Quý I/2026 — Hoàng Văn Bình"
    assert entry_note(road_ops.steps_of(session, int(person["id"]))[0]["details"]) == "Đoàn xã Ba Sơn 02-DS/ĐTN"
