"""One form per milestone kind, built from the step schema (commune_app.domain.steps): the
date, the number and issuer when the step has a document, then the step's fields. Derived
figures (the 2/3 result, the end of probation, the working-day deadlines) are shown live while
the clerk types; a meeting's member counts are filled in from the records on its day.

The forms only gather input and check it with ``steps.validate``; recording goes through
``commune_app.ops.road`` (step_dialog), which checks the same schema again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from commune_app import rules as party_rules
from commune_app import vn
from commune_app.domain import steps
from commune_app.domain.road import KIND_BY_CODE
from commune_app.ops import road as road_ops
from commune_app.ops.context import Session
from commune_app.rules.steps import completed_years
from ui.road.step_inputs import CountBox, InputError, changed_signal, fill, make_input, read
from ui.widgets.date_field import DateField


def kind_title(code: str) -> str:
    """The step's name with its official form: "Quyết định kết nạp đảng viên (9-KNĐ)"."""
    kind = KIND_BY_CODE[code]
    return f"{kind.label} ({kind.form})" if kind.form else kind.label


def row_label(item: steps.StepField) -> str:
    return (
        item.label + (f" ({item.unit})" if item.unit and item.type == "int" else "") + (" *" if item.required else "")
    )


class FormError(ValueError):
    """The form cannot be read; ``messages`` are Vietnamese, one per problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


class VoteBlock(QGroupBox):
    """Attendance and votes of a meeting (the schema's "attendance" fields), with the absentees
    and the 2/3 result computed as the clerk types."""

    changed = Signal()

    def __init__(
        self, session: Session, fields: list[steps.StepField], inputs: dict[str, QWidget], parent: QWidget | None = None
    ) -> None:
        super().__init__("Thành phần dự họp và biểu quyết", parent)
        self.session = session
        form = QFormLayout(self)
        self.spins: dict[str, CountBox] = {}
        self.texts: dict[str, QLineEdit] = {}
        self.absent = QLabel()
        for item in fields:
            widget = inputs[item.key]
            form.addRow(row_label(item), widget)
            if isinstance(widget, CountBox):
                self.spins[item.key] = widget
                widget.valueChanged.connect(self._update)
            elif isinstance(widget, QLineEdit):
                self.texts[item.key] = widget
            if item.key == "probationary_present":
                form.addRow("Vắng mặt", self.absent)
        self.result = QLabel()
        self.result.setObjectName("voteResult")
        self.result.setWordWrap(True)
        form.addRow("Kết quả", self.result)
        self._update()

    def value(self, key: str) -> int:
        return self.spins[key].count() or 0

    def result_text(self) -> str:
        total, votes = self.value("official_total"), self.value("votes_for")
        if total == 0:
            return "Nhập tổng số đảng viên chính thức của chi bộ để tính tỷ lệ 2/3."
        need = party_rules.vote_threshold(total, self.session.rules)
        passed = party_rules.vote_passes(votes, total, self.session.rules)
        share = f"{votes * 100 / total:.1f}".replace(".", ",")
        verdict = "Đạt" if passed else f"Không đạt (thiếu {need - votes} phiếu)"
        return f"Cần {need}/{total} phiếu tán thành — {verdict}. Tán thành {votes}/{total} ({share}%)."

    def _update(self) -> None:
        absent_official = self.value("official_total") - self.value("official_present")
        absent_probationary = self.value("probationary_total") - self.value("probationary_present")
        self.absent.setText(f"{max(absent_official, 0)} chính thức, {max(absent_probationary, 0)} dự bị")
        text = self.result_text()
        self.result.setText(text)
        ok = "— Đạt" in text
        self.result.setStyleSheet("font-weight: bold; color: %s;" % ("#1b5e20" if ok else "#b71c1c"))
        self.changed.emit()


class StepForm(QWidget):
    """The form of one milestone kind; ``values()`` gives what ``record_step`` takes."""

    changed = Signal()

    def __init__(
        self, session: Session, kind: str, person: dict[str, Any] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.kind = kind
        self.schema = steps.schema(kind)
        self.person = person or {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self._title())
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        layout.addWidget(title)

        form = QFormLayout()
        layout.addLayout(form)
        self.date = DateField()
        form.addRow(self.schema.date_label + " *", self.date)
        self.doc_number = QLineEdit()
        self.issuer = QLineEdit()
        if self.schema.has_document:
            form.addRow("Số văn bản", self.doc_number)
            form.addRow("Cơ quan ban hành", self.issuer)

        self.inputs: dict[str, QWidget] = {
            item.key: make_input(item, steps.choices_of(item, session.rules)) for item in self.schema.fields
        }
        # A meeting's attendance and votes come before its conclusions, as in 6-KNĐ / 13-KNĐ.
        attendance = [item for item in self.schema.fields if item.group == "attendance"]
        self.votes = VoteBlock(session, attendance, self.inputs) if attendance else None
        for item in self.schema.fields:
            if item.group != "attendance":
                form.addRow(row_label(item), self.inputs[item.key])
            if self.votes and item.key == attendance[-1].key:
                layout.addWidget(self.votes)
                self.votes.changed.connect(self._refresh_preview)
                form = QFormLayout()
                layout.addLayout(form)

        self.preview = QLabel()
        self.preview.setObjectName("stepPreview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("color: #0d47a1;")
        layout.addWidget(self.preview)
        layout.addStretch(1)

        self.date.textChanged.connect(self._refresh_preview)
        self._suggested: dict[str, int] = {}
        self._recorded: dict[str, Any] | None = None  # the details of the step being corrected
        if any(item.from_records for item in self.schema.fields) and self.person.get("id") is not None:
            self.date.textChanged.connect(self._fill_counts)
        for widget in self.inputs.values():
            signal = changed_signal(widget)
            if signal is not None:
                signal.connect(self._refresh_preview)
        self._refresh_preview()

    def _title(self) -> str:
        return kind_title(self.kind)

    # --- reading and filling -----------------------------------------------------------

    def _safe_date(self, widget: QWidget) -> dt.date | None:
        return widget.date() if isinstance(widget, DateField) else None

    def details(self) -> tuple[dict[str, Any], list[str]]:
        """The fields as the schema stores them (empty ones left out), and what could not be read."""
        details: dict[str, Any] = {}
        problems: list[str] = []
        for item in self.schema.fields:
            try:
                value = read(item, self.inputs[item.key])
            except InputError as exc:
                problems.append(str(exc))
                continue
            if value is not None:
                details[item.key] = value
        return details, problems

    def _schema_problems(self, day: dt.date | None, details: dict[str, Any]) -> list[str]:
        """The ops' own check of the fields; for a person's step also the meeting counts against
        the records (blank totals filled in from them)."""
        if self.person.get("id") is None:
            return steps.validate(self.kind, details, on=day, rules=self.session.rules)
        return road_ops.step_problems(self.session, int(self.person["id"]), self.kind, day, details, self._recorded)

    def values(self) -> dict[str, Any]:
        """What the clerk entered, for record_step/correct_step; FormError with what the schema refuses."""
        problems: list[str] = []
        day = None
        if not self.date.text().strip():
            problems.append(f"Chưa nhập {self.schema.date_label.lower()}.")
        elif self.date.problem():
            problems.append(self.date.problem())
        else:
            day = self.date.date()
        details, unreadable = self.details()
        problems += unreadable
        if not unreadable:
            problems += self._schema_problems(day, details)
        if problems:
            raise FormError(problems)
        assert day is not None
        return {
            "date": day.isoformat(),
            "doc_number": vn.nfc(self.doc_number.text()).strip(),
            "issuer": vn.nfc(self.issuer.text()).strip(),
            "details": details,
        }

    def load(self, milestone: dict[str, Any]) -> None:
        """Fill the form from a recorded milestone (to correct it)."""
        self.date.setText(vn.format_date(milestone.get("date")))
        self.doc_number.setText(milestone.get("doc_number") or "")
        self.issuer.setText(milestone.get("issuer") or "")
        details = milestone.get("details") or {}
        for item in self.schema.fields:
            fill(self.inputs[item.key], details.get(item.key))
        self._suggested = {}  # the recorded figures are the clerk's own
        self._recorded = details

    def _fill_counts(self) -> None:
        """Fill the cell's official and probationary members on the meeting day, unless the clerk
        typed another figure (then the reason goes to counts_note)."""
        day = self._safe_date(self.date)
        if day is None:
            return
        counts = road_ops.member_counts_on(self.session, int(self.person["id"]), day)
        if counts is None:
            return
        for key, count in zip(("official_total", "probationary_total"), counts, strict=True):
            box = self.inputs[key]
            assert isinstance(box, CountBox)
            if box.count() in (None, self._suggested.get(key)):
                self._suggested[key] = count
                box.set_count(count)

    # --- live preview --------------------------------------------------------------------

    def _after_working_days(self, start: dt.date, rule: str) -> tuple[int, dt.date]:
        days = int(self.session.rules[rule])
        return days, self.session.calendar.add_working_days(start, days)

    def preview_text(self) -> str:
        """The derived dates and deadlines of this step, from what is typed so far."""
        day = self._safe_date(self.date)
        lines: list[str] = []
        kind = self.kind
        if kind == "ceremony" and day:
            end = vn.add_months(day, int(self.session.rules["probation_months"]))
            lines.append(f"Thời hạn dự bị 12 tháng, kết thúc ngày {vn.format_date(end)}.")
        elif kind == "cell_meeting" and day:
            days, due = self._after_working_days(day, "decision_deadline_working_days")
            lines.append(f"Hạn ra quyết định kết nạp: {days} ngày làm việc, đến ngày {vn.format_date(due)}.")
        elif kind == "admission_decision":
            start = self._safe_date(self.inputs["received_on"]) or day
            if start:
                days, due = self._after_working_days(start, "ceremony_deadline_working_days")
                lines.append(
                    f"Hạn tổ chức lễ kết nạp: {days} ngày làm việc từ ngày nhận quyết định, "
                    f"đến ngày {vn.format_date(due)}."
                )
        elif kind in ("recognition_meeting", "recognition_decision"):
            lines.extend(self._probation_lines())
        elif kind in ("transfer_out", "transfer_in"):
            lines.extend(self._transfer_lines())
        elif kind == "party_badge":
            lines.append(self._party_age_line(day))
        if self.votes and day:
            lines.insert(0, self.votes.result_text())
        return "\n".join(lines)

    def _probation_lines(self) -> list[str]:
        ceremony = self.person.get("ceremony_on")
        if not ceremony:
            return ["Chưa ghi nhận ngày lễ kết nạp nên chưa tính được ngày hết dự bị."]
        end = vn.add_months(dt.date.fromisoformat(ceremony), int(self.session.rules["probation_months"]))
        if self.kind == "recognition_decision":
            return [f"Được công nhận đảng viên chính thức từ ngày {vn.format_date(end)} (ngày hết 12 tháng dự bị)."]
        days, due = self._after_working_days(end, "recognition_window_working_days")
        return [
            f"Hết dự bị ngày {vn.format_date(end)}; chi bộ họp xét sau ngày này và trong {days} "
            f"ngày làm việc, đến ngày {vn.format_date(due)}."
        ]

    def _party_age_line(self, day: dt.date | None) -> str:
        admitted = self.person.get("admitted_on")
        if not admitted:
            return "Chưa có ngày quyết định kết nạp nên chưa tính được tuổi đảng."
        start = dt.date.fromisoformat(admitted)
        if day is None or day < start:
            return f"Tuổi đảng tính từ ngày quyết định kết nạp {vn.format_date(start)}."
        years = completed_years(start, day)
        return (
            f"Đến ngày {vn.format_date(day)} có {years} năm tuổi Đảng "
            f"(tính từ ngày quyết định kết nạp {vn.format_date(start)})."
        )

    def _transfer_lines(self) -> list[str]:
        transfer_kind = self.inputs["transfer_kind"].currentData()  # type: ignore[attr-defined]
        if self.kind == "transfer_out" and transfer_kind == "official":
            trigger = self._safe_date(self.inputs["trigger_decision_on"])
            if trigger:
                days, due = self._after_working_days(trigger, "transfer_official_working_days")
                return [
                    f"Hạn làm thủ tục chuyển sinh hoạt đảng chính thức: {days} ngày làm việc sau quyết định, "
                    f"đến ngày {vn.format_date(due)}."
                ]
            return ["Nhập ngày quyết định để tính hạn 60 ngày làm việc."]
        if self.kind == "transfer_in":
            letter = self._safe_date(self.inputs["letter_on"])
            if letter:
                days, due = self._after_working_days(letter, "transfer_arrival_working_days")
                return [
                    f"Hạn nộp giấy giới thiệu sinh hoạt đảng: {days} ngày làm việc, đến ngày {vn.format_date(due)}."
                ]
            return ["Nhập ngày giấy giới thiệu để tính hạn 30 ngày làm việc."]
        low = int(self.session.rules["temporary_transfer_min_months"])
        high = int(self.session.rules["temporary_transfer_max_months"])
        study = int(self.session.rules["temporary_transfer_study_max_months"])
        return [
            f"Chuyển sinh hoạt tạm thời: từ {low} tháng đến dưới {high} tháng (đi học tập trung: đến {study} tháng)."
        ]

    def _refresh_preview(self) -> None:
        self.preview.setText(self.preview_text())
        self.changed.emit()


def form_for(
    session: Session, kind: str, person: dict[str, Any] | None = None, parent: QWidget | None = None
) -> StepForm:
    if kind not in KIND_BY_CODE:
        raise KeyError(kind)
    return StepForm(session, kind, person, parent)
