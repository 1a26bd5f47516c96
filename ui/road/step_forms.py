"""One small form per milestone kind: the date, number and issuer every step has, plus the
fields of that step (attendance and votes of a meeting, the signer of a decision, the place of
the ceremony, the units of a transfer...). Derived figures (the 2/3 result, the end of
probation, the working-day deadlines) are shown live while the clerk types.

The forms only gather input; recording goes through ``commune_app.ops.road`` (step_dialog).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from commune_app import rules as party_rules
from commune_app import vn
from commune_app.domain.awards import MEMBER_AWARD_LEVELS, badge_choices
from commune_app.domain.road import KIND_BY_CODE, REMOVAL_KINDS, TRANSFER_KINDS
from commune_app.ops import road as road_ops
from commune_app.ops.context import Session
from commune_app.rules.ruleset import RuleSet
from commune_app.rules.steps import completed_years
from ui.widgets.date_field import DateField


@dataclass(frozen=True)
class Detail:
    """A kind-specific field, stored under ``key`` in the milestone's details."""

    key: str
    label: str
    kind: str = "text"  # text | long | int | date | choice | flag (a yes/no box, kept only when ticked)
    choices: dict[str, str] | None = None
    required: bool = False
    # Choices that are numbers of the session's rule set (the badge years), read when the form opens.
    rule_choices: Callable[[RuleSet], dict[Any, str]] | None = None


RECOGNITION_OUTCOMES = {"recognize": "Đề nghị công nhận đảng viên chính thức",
                        "strike_off": "Đề nghị xóa tên trong danh sách đảng viên"}

_ASSESSMENT = (
    Detail("strengths", "Ưu điểm chính", "long"),
    Detail("weaknesses", "Khuyết điểm, hạn chế", "long"),
)
_COMMITTEE_VOTE = (
    Detail("committee_total", "Tổng số ủy viên ban chấp hành", "int"),
    Detail("committee_present", "Số ủy viên có mặt", "int"),
    Detail("committee_votes_for", "Số ủy viên tán thành", "int"),
)
TRANSFER_PURPOSES = {"": "Công tác, cư trú", "study": "Đi học tập trung trong nước"}
# The values the reports read (resources/labels/REPORTS.md): 1-BTCTW splits transfers by scope,
# 7-BTCTW counts the irregular and forged ones and the party cards by reason.
TRANSFER_SCOPES = {"within_province": "Trong tỉnh", "other_province": "Tỉnh, thành phố khác"}
CARD_REASONS = {"first": "Phát lần đầu", "lost": "Cấp lại do mất", "damaged": "Đổi lại do hỏng"}
_TRANSFER = (
    Detail("transfer_kind", "Hình thức chuyển", "choice", TRANSFER_KINDS, required=True),
    Detail("scope", "Phạm vi chuyển", "choice", TRANSFER_SCOPES, required=True),
    Detail("from_unit", "Nơi chuyển đi (đảng bộ, chi bộ)"),
    Detail("to_unit", "Nơi chuyển đến (đảng bộ, chi bộ)"),
    Detail("trigger_decision_on", "Ngày quyết định thay đổi công tác, nơi cư trú có hiệu lực", "date"),
    Detail("letter_on", "Ngày giấy giới thiệu sinh hoạt đảng", "date"),
    Detail("until", "Tạm thời đến ngày", "date"),
    Detail("purpose", "Mục đích chuyển tạm thời", "choice", TRANSFER_PURPOSES),
    Detail("reason", "Lý do chuyển"),
    Detail("irregular", "Chuyển chưa đúng quy định", "flag"),
    Detail("forged", "Phát hiện giả mạo", "flag"),
)

# The fields of each step besides date, number and issuer; a meeting also gets the vote block.
DETAILS: dict[str, tuple[Detail, ...]] = {
    "source_listed": (Detail("notes", "Ghi chú", "long"),),
    "course_certificate": (
        Detail("course_name", "Tên lớp, khóa"),
        Detail("course_from", "Học từ ngày", "date"),
        Detail("course_to", "Đến ngày", "date"),
        Detail("result", "Kết quả, xếp loại"),
    ),
    "background_certified": (Detail("certifier", "Người ký chứng nhận"),),
    "youth_union_resolution": _COMMITTEE_VOTE,
    "trade_union_resolution": _COMMITTEE_VOTE,
    "cell_meeting": (*_ASSESSMENT, Detail("political_conclusion", "Kết luận về tiêu chuẩn chính trị", "long")),
    "grassroots_resolution": _COMMITTEE_VOTE,
    "admission_decision": (
        Detail("signer", "Người ký"),
        Detail("signer_title", "Chức vụ người ký"),
        Detail("received_on", "Ngày chi bộ nhận quyết định", "date"),
    ),
    "ceremony": (
        Detail("place", "Địa điểm"),
        Detail("upper_consent_ref", "Văn bản đồng ý của cấp ủy cấp trên (khi tổ chức quá hạn)"),
    ),
    "new_member_course": (Detail("course_name", "Tên lớp, khóa"), Detail("result", "Kết quả, xếp loại")),
    "recognition_meeting": (
        Detail("outcome", "Chi bộ đề nghị", "choice", RECOGNITION_OUTCOMES, required=True),
        *_ASSESSMENT,
    ),
    "recognition_grassroots": _COMMITTEE_VOTE,
    "recognition_decision": (Detail("signer", "Người ký"), Detail("signer_title", "Chức vụ người ký")),
    "party_card": (
        Detail("card_reason", "Lý do phát thẻ", "choice", CARD_REASONS, required=True),
        Detail("card_number", "Số thẻ đảng viên"),
    ),
    "transfer_out": _TRANSFER,
    "transfer_in": _TRANSFER,
    "removal": (
        Detail("removal_kind", "Hình thức", "choice", REMOVAL_KINDS, required=True),
        Detail("reason", "Lý do", "long", required=True),
    ),
    "award": (
        Detail("level", "Hình thức khen thưởng", "choice", MEMBER_AWARD_LEVELS, required=True),
        Detail("reason", "Thành tích được khen thưởng", "long"),
    ),
    "party_badge": (
        Detail("years", "Loại huy hiệu", "choice", required=True,
               rule_choices=lambda rules: badge_choices(rules["party_badge_years"])),
    ),
    "restoration": (Detail("reason", "Lý do phục hồi", "long", required=True),),
    "death": (Detail("notes", "Ghi chú", "long"),),
}
VOTE_KINDS = ("cell_meeting", "recognition_meeting")
NO_DOCUMENT = ("ceremony", "death", "pages_sealed")

DATE_LABELS = {
    "course_certificate": "Ngày cấp giấy chứng nhận", "application": "Ngày viết đơn",
    "background_declared": "Ngày khai lý lịch", "pages_sealed": "Ngày đóng dấu giáp lai",
    "background_certified": "Ngày chứng nhận", "cell_meeting": "Ngày họp chi bộ",
    "recognition_meeting": "Ngày họp chi bộ", "admission_decision": "Ngày ký quyết định",
    "recognition_decision": "Ngày ký quyết định", "ceremony": "Ngày tổ chức lễ kết nạp",
    "transfer_out": "Ngày chuyển đi", "transfer_in": "Ngày tiếp nhận", "death": "Ngày mất",
    "removal": "Ngày quyết định", "restoration": "Ngày quyết định phục hồi",
    "award": "Ngày quyết định khen thưởng", "party_badge": "Ngày quyết định tặng huy hiệu",
}


def kind_title(code: str) -> str:
    """The step's name with its official form: "Quyết định kết nạp đảng viên (9-KNĐ)"."""
    kind = KIND_BY_CODE[code]
    return f"{kind.label} ({kind.form})" if kind.form else kind.label


class FormError(ValueError):
    """The form cannot be read; ``messages`` are Vietnamese, one per problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def _spin() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 9999)
    box.setMaximumWidth(110)
    return box


class VoteBlock(QGroupBox):
    """Attendance and votes of a cell meeting, with the 2/3 result computed as the clerk types."""

    changed = Signal()
    COUNTS = ("official_total", "official_present", "probationary_total", "probationary_present",
              "votes_for", "votes_against")
    TEXTS = ("absent_reasons", "chair", "secretary", "against_reasons")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Thành phần dự họp và biểu quyết", parent)
        self.session = session
        form = QFormLayout(self)
        self.spins: dict[str, QSpinBox] = {key: _spin() for key in self.COUNTS}
        self.texts: dict[str, QLineEdit] = {key: QLineEdit() for key in self.TEXTS}
        labels = {
            "official_total": "Tổng số đảng viên chính thức", "official_present": "Chính thức có mặt",
            "probationary_total": "Tổng số đảng viên dự bị", "probationary_present": "Dự bị có mặt",
            "absent_reasons": "Lý do vắng mặt", "chair": "Chủ trì", "secretary": "Thư ký",
            "votes_for": "Số đảng viên chính thức tán thành", "votes_against": "Số không tán thành",
            "against_reasons": "Lý do không tán thành",
        }
        for key in ("official_total", "official_present", "probationary_total", "probationary_present"):
            form.addRow(labels[key], self.spins[key])
        self.absent = QLabel()
        form.addRow("Vắng mặt", self.absent)
        for key in ("absent_reasons", "chair", "secretary"):
            form.addRow(labels[key], self.texts[key])
        for key in ("votes_for", "votes_against"):
            form.addRow(labels[key], self.spins[key])
        form.addRow(labels["against_reasons"], self.texts["against_reasons"])
        self.result = QLabel()
        self.result.setObjectName("voteResult")
        self.result.setWordWrap(True)
        form.addRow("Kết quả", self.result)
        for spin in self.spins.values():
            spin.valueChanged.connect(self._update)
        self._update()

    def value(self, key: str) -> int:
        return self.spins[key].value()

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

    def problems(self) -> list[str]:
        out = []
        if self.value("official_present") > self.value("official_total"):
            out.append("Số đảng viên chính thức có mặt lớn hơn tổng số đảng viên chính thức.")
        if self.value("probationary_present") > self.value("probationary_total"):
            out.append("Số đảng viên dự bị có mặt lớn hơn tổng số đảng viên dự bị.")
        if self.value("votes_for") + self.value("votes_against") > self.value("official_present"):
            out.append("Tổng số phiếu tán thành và không tán thành lớn hơn số đảng viên chính thức có mặt.")
        if self.value("official_total") == 0:
            out.append("Chưa nhập tổng số đảng viên chính thức của chi bộ.")
        return out

    def details(self) -> dict[str, Any]:
        values: dict[str, Any] = {key: spin.value() for key, spin in self.spins.items()}
        values.update({key: vn.nfc(edit.text()).strip() for key, edit in self.texts.items()})
        return values

    def load(self, details: dict[str, Any]) -> None:
        for key, spin in self.spins.items():
            spin.setValue(int(details.get(key) or 0))
        for key, edit in self.texts.items():
            edit.setText(str(details.get(key) or ""))


class StepForm(QWidget):
    """The form of one milestone kind; ``values()`` gives what ``record_step`` takes."""

    changed = Signal()

    def __init__(self, session: Session, kind: str, person: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kind = kind
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
        form.addRow(DATE_LABELS.get(kind, "Ngày") + " *", self.date)
        self.doc_number = QLineEdit()
        self.issuer = QLineEdit()
        if kind not in NO_DOCUMENT:
            form.addRow("Số văn bản", self.doc_number)
            form.addRow("Cơ quan ban hành, người ký", self.issuer)

        # A meeting's attendance and votes come before its conclusions, as in 6-KNĐ / 13-KNĐ.
        self.votes = VoteBlock(session) if kind in VOTE_KINDS else None
        if self.votes:
            layout.addWidget(self.votes)
            self.votes.changed.connect(self._refresh_preview)
            form = QFormLayout()
            layout.addLayout(form)

        self.inputs: dict[str, QWidget] = {}
        for detail in DETAILS.get(kind, ()):
            choices = detail.rule_choices(session.rules) if detail.rule_choices else detail.choices
            widget = self._input(detail, choices)
            self.inputs[detail.key] = widget
            form.addRow(detail.label + (" *" if detail.required else ""), widget)

        self.preview = QLabel()
        self.preview.setObjectName("stepPreview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("color: #0d47a1;")
        layout.addWidget(self.preview)
        layout.addStretch(1)

        self.date.textChanged.connect(self._refresh_preview)
        self._suggested_total: int | None = None
        if self.votes and self.person.get("id") is not None:
            self.date.textChanged.connect(self._suggest_official_total)
        for widget in self.inputs.values():
            signal = (getattr(widget, "textChanged", None) or getattr(widget, "currentIndexChanged", None)
                      or getattr(widget, "toggled", None))
            if signal is not None:
                signal.connect(self._refresh_preview)
        self._refresh_preview()

    def _title(self) -> str:
        return kind_title(self.kind)

    @staticmethod
    def _input(detail: Detail, choices: dict[Any, str] | None) -> QWidget:
        if detail.kind == "long":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(54)
            return edit
        if detail.kind == "int":
            return _spin()
        if detail.kind == "date":
            return DateField()
        if detail.kind == "flag":
            return QCheckBox()
        if detail.kind == "choice":
            combo = QComboBox()
            for code, label in (choices or {}).items():
                combo.addItem(label, code)
            return combo
        return QLineEdit()

    # --- reading and filling -----------------------------------------------------------

    def _date_of(self, widget: QWidget) -> dt.date | None:
        text = widget.text().strip()  # type: ignore[attr-defined]
        return vn.parse_date(text) if text else None

    def _safe_date(self, widget: QWidget) -> dt.date | None:
        try:
            return self._date_of(widget)
        except vn.DateError:
            return None

    def _detail_value(self, detail: Detail, widget: QWidget) -> Any:
        if detail.kind == "long":
            return vn.nfc(widget.toPlainText()).strip()  # type: ignore[attr-defined]
        if detail.kind == "int":
            return widget.value()  # type: ignore[attr-defined]
        if detail.kind == "date":
            day = self._date_of(widget)
            return day.isoformat() if day else None
        if detail.kind == "choice":
            return widget.currentData()  # type: ignore[attr-defined]
        if detail.kind == "flag":
            return True if widget.isChecked() else None  # type: ignore[attr-defined]
        return vn.nfc(widget.text()).strip()  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        """What the clerk entered, for record_step/correct_step; FormError when unreadable."""
        problems: list[str] = []
        day = None
        try:
            day = self._date_of(self.date)
            if day is None:
                problems.append(f"Chưa nhập {DATE_LABELS.get(self.kind, 'ngày').lower()}.")
        except vn.DateError as exc:
            problems.append(str(exc))
        details: dict[str, Any] = {}
        for detail in DETAILS.get(self.kind, ()):
            try:
                value = self._detail_value(detail, self.inputs[detail.key])
            except vn.DateError as exc:
                problems.append(f"{detail.label}: {exc}")
                continue
            if detail.required and value in (None, ""):
                problems.append(f"Chưa nhập {detail.label.lower()}.")
            if value not in (None, ""):
                details[detail.key] = value
        if self.votes:
            problems.extend(self.votes.problems())
            details.update(self.votes.details())
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
        for detail in DETAILS.get(self.kind, ()):
            widget, value = self.inputs[detail.key], details.get(detail.key)
            if value in (None, ""):
                continue
            if detail.kind == "long":
                widget.setPlainText(str(value))  # type: ignore[attr-defined]
            elif detail.kind == "int":
                widget.setValue(int(value))  # type: ignore[attr-defined]
            elif detail.kind == "date":
                widget.setText(vn.format_date(value))  # type: ignore[attr-defined]
            elif detail.kind == "choice":
                index = widget.findData(value)  # type: ignore[attr-defined]
                widget.setCurrentIndex(max(index, 0))  # type: ignore[attr-defined]
            elif detail.kind == "flag":
                widget.setChecked(bool(value))  # type: ignore[attr-defined]
            else:
                widget.setText(str(value))  # type: ignore[attr-defined]
        if self.votes:
            self.votes.load(details)

    def _suggest_official_total(self) -> None:
        """Fill the cell's official members on the meeting day, unless the clerk typed a figure."""
        spin = self.votes.spins["official_total"]
        if spin.value() not in (0, self._suggested_total):
            return
        day = self._safe_date(self.date)
        if day is None:
            return
        count = road_ops.official_members_on(self.session, int(self.person["id"]), day)
        if count is not None:
            self._suggested_total = count
            spin.setValue(count)

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
                lines.append(f"Hạn tổ chức lễ kết nạp: {days} ngày làm việc từ ngày nhận quyết định, "
                             f"đến ngày {vn.format_date(due)}.")
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
        return [f"Hết dự bị ngày {vn.format_date(end)}; chi bộ họp xét sau ngày này và trong {days} "
                f"ngày làm việc, đến ngày {vn.format_date(due)}."]

    def _party_age_line(self, day: dt.date | None) -> str:
        admitted = self.person.get("admitted_on")
        if not admitted:
            return "Chưa có ngày quyết định kết nạp nên chưa tính được tuổi đảng."
        start = dt.date.fromisoformat(admitted)
        if day is None or day < start:
            return f"Tuổi đảng tính từ ngày quyết định kết nạp {vn.format_date(start)}."
        years = completed_years(start, day)
        return (f"Đến ngày {vn.format_date(day)} có {years} năm tuổi Đảng "
                f"(tính từ ngày quyết định kết nạp {vn.format_date(start)}).")

    def _transfer_lines(self) -> list[str]:
        transfer_kind = self.inputs["transfer_kind"].currentData()  # type: ignore[attr-defined]
        if self.kind == "transfer_out" and transfer_kind == "official":
            trigger = self._safe_date(self.inputs["trigger_decision_on"])
            if trigger:
                days, due = self._after_working_days(trigger, "transfer_official_working_days")
                return [f"Hạn làm thủ tục chuyển sinh hoạt đảng chính thức: {days} ngày làm việc sau quyết định, "
                        f"đến ngày {vn.format_date(due)}."]
            return ["Nhập ngày quyết định để tính hạn 60 ngày làm việc."]
        if self.kind == "transfer_in":
            letter = self._safe_date(self.inputs["letter_on"])
            if letter:
                days, due = self._after_working_days(letter, "transfer_arrival_working_days")
                return [f"Hạn nộp giấy giới thiệu sinh hoạt đảng: {days} ngày làm việc, "
                        f"đến ngày {vn.format_date(due)}."]
            return ["Nhập ngày giấy giới thiệu để tính hạn 30 ngày làm việc."]
        low = int(self.session.rules["temporary_transfer_min_months"])
        high = int(self.session.rules["temporary_transfer_max_months"])
        study = int(self.session.rules["temporary_transfer_study_max_months"])
        return [f"Chuyển sinh hoạt tạm thời: từ {low} tháng đến dưới {high} tháng"
                f" (đi học tập trung: đến {study} tháng)."]

    def _refresh_preview(self) -> None:
        self.preview.setText(self.preview_text())
        self.changed.emit()


def form_for(session: Session, kind: str, person: dict[str, Any] | None = None,
             parent: QWidget | None = None) -> StepForm:
    if kind not in KIND_BY_CODE:
        raise KeyError(kind)
    return StepForm(session, kind, person, parent)
