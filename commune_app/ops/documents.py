"""Documents: which papers a person's file can print now, printing them (final or draft),
issuing a numbered paper, and printing batches for a cell meeting or a committee meeting.

A paper prints as final only when its data are complete, no party rule blocks the step it
belongs to and, for a numbered paper, its number has been issued; otherwise it prints with
'DỰ THẢO' across every page and the checklist says what is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commune_app import rules as party_rules
from commune_app import vn
from commune_app.domain.record import PersonRecord
from commune_app.dossier import completeness
from commune_app.dossier import forms as F
from commune_app.dossier import layout as L
from commune_app.dossier.checklist import ChecklistEntry, checklist_entries, render_checklist
from commune_app.dossier.context import DocContext
from commune_app.dossier.lists import render_register, render_submission
from commune_app.errors import FileRefused, Refused
from commune_app.ops import audit as audit_ops
from commune_app.ops.context import Session
from commune_app.progress import Progress
from commune_app.store import cells as cell_store
from commune_app.store import documents as doc_store
from commune_app.store import people as people_store
from commune_app.store import profile as profile_store
from commune_app.store.record import load

NOT_ISSUED = "Chưa ban hành (chưa cấp số) văn bản này."


@dataclass(frozen=True)
class FormState:
    code: str
    title: str
    ready: bool  # prints as a final paper, without 'DỰ THẢO'
    reasons: list[str]  # why it is (still) a draft
    number: str = ""  # '07-NQ/CB' once issued
    issuable: bool = False  # may be issued (numbered) now
    signed_elsewhere: bool = False  # prepared for a member or a union to sign


@dataclass
class Selection:
    """A batch: everyone on the agenda of one cell meeting or one standing-committee meeting."""

    kind: str  # cell | committee
    day: dt.date
    cell_id: int | None = None
    cell_name: str = field(default="", compare=False)  # filled in when the agenda is read

    @property
    def label(self) -> str:
        if self.kind == "cell":
            where = f"họp {self.cell_name}" if self.cell_name else f"họp chi bộ (mã {self.cell_id})"
        else:
            where = "họp Ban Thường vụ"
        return f"{where} ngày {vn.format_date(self.day)}"


@dataclass
class BatchResult:
    files: list[Path] = field(default_factory=list)
    people: int = 0
    drafts: int = 0


# --- the person's file -------------------------------------------------------------------------


def _record(session: Session, person_id: int) -> PersonRecord:
    record = load(session.store, person_id)
    if record is None:
        raise Refused(f"Không tìm thấy người có mã {person_id} (có thể đã bị xóa).")
    session.require_cell(record.person.get("cell_id"))
    return record


def build_context(
    session: Session, record: PersonRecord, profile: dict[str, Any] | None = None, cells: dict[int, str] | None = None
) -> DocContext:
    profile = profile if profile is not None else profile_store.get_profile(session.store)
    cells = cells if cells is not None else cell_store.names(session.store)
    rules = session.rules
    ctx = DocContext(
        record=record,
        profile=profile,
        rules_version=rules.version,
        today=session.today,
        cell_secretary=doc_store.person_name(session.store, (record.cell or {}).get("secretary_id")),
    )
    numbers, issued_on = {}, {}
    for row in doc_store.documents_of(session.store, record.id):
        numbers[row["form_code"]] = row["doc_number"]
        issued_on[row["form_code"]] = dt.date.fromisoformat(row["issued_on"])
    ctx.extra.update(
        cells=cells,
        numbers=numbers,
        issued_on=issued_on,
        papers=doc_store.papers_of(session.store, record.id),
        decision_basis=rules.source("DECISION-BASIS"),
        probation_months=rules["probation_months"],
        ceremony_days=rules["ceremony_deadline_working_days"],
        reply_days=rules["verification_reply_working_days"],
        introducers_required=rules["introducers_required"],
        official_on=party_rules.official_date(record, rules),
    )
    return ctx


def _phase(record: PersonRecord) -> str:
    return "admission" if record.person.get("status") in ("source", "candidate") else "recognition"


def _blocking(session: Session, record: PersonRecord) -> list[str]:
    findings = party_rules.check_person(record, session.rules, session.calendar, session.today)
    return [f.message for f in findings if f.blocking]


def _issued_number(spec: F.FormSpec, ctx: DocContext) -> str:
    if spec.kind:
        return ctx.number_of(spec.kind)
    return str(ctx.extra["numbers"].get(spec.code, ""))


def _body_gaps(spec: F.FormSpec, ctx: DocContext) -> list[str]:
    """What the header and signature of the issuing body need and the file does not have."""
    gaps = []
    if not vn.nfc(ctx.profile.get("committee_name")) or not ctx.place:
        gaps.append("Chưa khai báo tên đảng ủy và địa danh trong thông tin đảng ủy.")
    if spec.issuer in ("cell", "subcommittee", "grassroots") and not ctx.cell:
        gaps.append(f"{ctx.name} chưa được phân công về chi bộ nào.")
    if spec.issuer == "grassroots" and not vn.nfc(ctx.cell.get("parent_org")):
        gaps.append("Chưa ghi đảng bộ cơ sở mà chi bộ trực thuộc.")
    return gaps


def _state(
    session: Session, spec: F.FormSpec, ctx: DocContext, person_blocks: list[str], final: dict[str, bool] | None = None
) -> FormState:
    """Whether one paper is final, issuable, and why not: the one decision behind the DỰ THẢO
    mark, the list, the issue button and command, and the checklist. ``final`` holds the papers
    of the file decided before this one (those it cites come first in ``F.FORMS``)."""
    reasons = _body_gaps(spec, ctx) + list(spec.missing(ctx))
    reasons += [r for r in completeness.data_gaps(spec.code, ctx) if r not in reasons]
    reasons += completeness.cited_gaps(spec.code, final or {}, {f.code: f.title for f in F.FORMS})
    number = _issued_number(spec, ctx) if spec.numbered else ""
    recorded = bool(spec.kind and ctx.milestone(spec.kind))
    if spec.kind and not recorded and not spec.signed_elsewhere and spec.phase == _phase(ctx.record):
        # What blocks the person's road blocks the steps not taken yet (a recorded step was
        # checked when it was recorded).
        reasons += [r for r in person_blocks if r not in reasons]
    if spec.kind in ("admission_decision", "recognition_decision") and not recorded and not reasons:
        # Issuing the decision records the step: what would refuse it, refuses the paper now.
        findings = party_rules.check_step(
            ctx.record,
            spec.kind,
            {"date": session.today.isoformat(), "details": {}},
            session.rules,
            session.calendar,
            session.today,
        )
        reasons += [f.message for f in findings if f.blocking]
    issuable = spec.numbered and not number and not reasons
    if spec.numbered and not number:
        reasons.append(NOT_ISSUED)
    return FormState(
        spec.code,
        spec.title,
        ready=not reasons,
        reasons=reasons,
        number=number,
        issuable=issuable,
        signed_elsewhere=spec.signed_elsewhere,
    )


def _states(session: Session, record: PersonRecord, ctx: DocContext) -> list[FormState]:
    blocks = _blocking(session, record)
    # A candidate's file has no recognition papers yet; a member's keeps the admission ones,
    # listed after the papers of the current phase.
    phases = ("admission",) if _phase(record) == "admission" else ("recognition", "admission")
    final: dict[str, bool] = {}
    states: list[FormState] = []
    for spec in F.FORMS:  # in citation order: a cited paper is decided before the paper citing it
        if spec.phase in phases and spec.applies(ctx):
            state = _state(session, spec, ctx, blocks, final)
            final[spec.code] = state.ready
            states.append(state)
    return sorted(states, key=lambda state: phases.index(F.FORM_BY_CODE[state.code].phase))


def available_forms(session: Session, person_id: int) -> list[FormState]:
    """Every paper that applies to this person, with whether it prints final now and why not."""
    record = _record(session, person_id)
    return _states(session, record, build_context(session, record))


def default_forms(record: PersonRecord, states: list[FormState]) -> list[str]:
    """The papers of the person's current phase (a candidate's admission set, a member's recognition set)."""
    phase = _phase(record)
    return [s.code for s in states if F.FORM_BY_CODE[s.code].phase == phase]


def _compose(
    pdf: L.PartyPdf, session: Session, ctx: DocContext, states: list[FormState], codes: list[str], force_draft: bool
) -> list[tuple[str, bool]]:
    """Append the chosen papers of one person to ``pdf``; returns (code, printed as draft)."""
    by_code = {s.code: s for s in states}
    printed: list[tuple[str, bool]] = []
    for code in codes:
        if code == F.CHECKLIST:
            pdf.new_document(draft=False)
            phase = _phase(ctx.record)
            reasons = {
                s.code: [r for r in s.reasons if r != NOT_ISSUED]
                for s in states
                if F.FORM_BY_CODE[s.code].phase == phase
            }
            render_checklist(pdf, ctx, session.rules, {k: v for k, v in reasons.items() if v})
            printed.append((code, False))
            continue
        if code == F.SUBMISSION:
            pdf.new_document(draft=True)  # the Ban writes its appraisal
            render_submission(
                pdf, [ctx], on=None, recognition=_phase(ctx.record) == "recognition", **_submission_settings(session)
            )
            printed.append((code, pdf.current_draft))
            continue
        state = by_code.get(code)
        if state is None:
            known = F.FORM_BY_CODE.get(code)
            raise Refused(
                f"Văn bản {code} không áp dụng cho hồ sơ của {ctx.name}."
                if known
                else f"Không có mẫu văn bản “{code}”."
            )
        draft = force_draft or not state.ready
        pdf.new_document(draft=draft)
        F.FORM_BY_CODE[code].render(pdf, ctx)
        printed.append((code, draft))
    return printed


def _submission_settings(session: Session) -> dict[str, Any]:
    """Whether the committee numbers its Tờ trình and who signs it (committee settings)."""
    values = profile_store.all_settings(session.store)
    return {
        "numbered": bool(values["submission_numbered"]),
        "signer": vn.nfc(values["submission_signer"]),
        "signer_title": vn.nfc(values["submission_signer_title"]) or "TRƯỞNG BAN",
    }


def _new_pdf(
    session: Session, target: Any, title: str, settings: Any = None, *, subject: str = "", fmt: str | None = None
) -> L.PartyPdf:
    profile = profile_store.get_profile(session.store)
    return L.PartyPdf(
        target, title=title, author=vn.nfc(profile.get("committee_name")), settings=settings, subject=subject, fmt=fmt
    )


def output_format(target: str | Path, fmt: str | None) -> str:
    """'pdf' or 'docx' from ``fmt`` or the file's suffix; refused when the two disagree."""
    suffix = Path(target).suffix.lower().lstrip(".")
    if fmt and fmt not in L.FORMATS:
        raise Refused(f"Định dạng “{fmt}” không có; chọn pdf hoặc docx.")
    if fmt and suffix in L.FORMATS and suffix != fmt:
        raise Refused(f"Tệp {Path(target).name} có đuôi .{suffix} nhưng định dạng đã chọn là {fmt}.")
    return fmt or (suffix if suffix in L.FORMATS else "pdf")


def _checked_path(path: str | Path) -> Path:
    target = Path(path)
    if target.is_dir():
        raise FileRefused(f"{target} là một thư mục; hãy ghi tên tệp PDF hoặc Word cần tạo.")
    if not target.parent.exists():
        raise FileRefused(f"Thư mục {target.parent} không tồn tại.")
    return target


def render_person(
    session: Session,
    person_id: int,
    forms: list[str] | None,
    draft: bool,
    path: str | Path,
    *,
    settings: Any = None,
    fmt: str | None = None,
) -> list[tuple[str, bool]]:
    """Write the person's papers (all of the current phase with the checklist when ``forms`` is
    None) to one PDF or one Word file (``fmt`` or the suffix); returns (code, printed as draft) for each paper."""
    target = _checked_path(path)
    fmt = output_format(target, fmt)
    record = _record(session, person_id)
    ctx = build_context(session, record)
    states = _states(session, record, ctx)
    codes = [F.normalise_code(c) for c in forms] if forms else [F.CHECKLIST, *default_forms(record, states)]
    pdf = _new_pdf(session, target, f"Hồ sơ của {record.name}", settings, subject=", ".join(codes), fmt=fmt)
    printed = _compose(pdf, session, ctx, states, codes, draft)
    _build(pdf, target)
    audit_ops.record_copy(session, f"In hồ sơ ({', '.join(code for code, _ in printed)})", 1, target)
    return printed


def _build(pdf: L.PartyPdf, target: Path) -> None:
    try:
        pdf.build()
    except PermissionError:
        raise FileRefused(
            f"Không ghi được tệp {target}: tệp đang mở trong chương trình khác hoặc không có quyền ghi."
        ) from None
    except OSError as exc:
        raise FileRefused(f"Không ghi được tệp {target} ({exc.strerror or exc}).") from None


# --- where the papers are ------------------------------------------------------------------------


def papers(session: Session, person_id: int) -> list[tuple[ChecklistEntry, dict[str, Any] | None]]:
    """Each paper of the dossier's checklist with where its paper copy is (None: not answered)."""
    record = _record(session, person_id)
    ctx = build_context(session, record)
    return [(e, ctx.extra["papers"].get(e.key)) for e in checklist_entries(ctx, session.rules)]


def set_paper(session: Session, person_id: int, key: str, present: bool, location: str = "") -> None:
    """Record whether the paper copy of one checklist entry is in the dossier, and where it is kept."""
    record = _record(session, person_id)
    session.require_write(record.person.get("cell_id"))
    entries = papers(session, person_id)
    keys = [e.key for e, _ in entries]
    wanted = vn.nfc(key)
    match = next((k for k in keys if vn.fold(k) == vn.fold(wanted)), None)
    if match is None:
        raise Refused(f"Hồ sơ của {record.name} không có giấy tờ “{wanted}”; các giấy tờ: {'; '.join(keys)}.")
    place = vn.nfc(location).strip()
    if len(place) > 120:
        raise Refused("Nơi lưu chỉ ghi ngắn (tối đa 120 ký tự).")
    with session.write() as audit:
        doc_store.save_paper(session.store, audit, person_id, match, present, place)


def dossiers_missing_papers(session: Session) -> list[tuple[int, str, list[str]]]:
    """(person id, name, the papers with no paper copy) for everyone on the road whose dossier
    lacks one, in the order of the people list."""
    out = []
    for person_id in doc_store.dossier_people(session.store):
        record = load(session.store, person_id)
        if record is None or not session.sees_cell(record.person.get("cell_id")):
            continue
        missing = [e.key for e, paper in papers(session, person_id) if not (paper and paper.get("present"))]
        if missing:
            out.append((person_id, record.name, missing))
    return out


# --- issuing -------------------------------------------------------------------------------------


def issue_document(session: Session, person_id: int, form: str, on_date: dt.date | None = None) -> str:
    """Give the paper its number from its counter and record number and date; one transaction.

    Returns the number ('07-NQ/CB'). Refused while data are missing or a rule blocks, when
    the paper is signed by others, or when it already has a number (numbers are never reused).
    """
    from commune_app.ops import road as road_ops

    code = F.normalise_code(form)
    spec = F.FORM_BY_CODE.get(code)
    if spec is None or not spec.numbered:
        raise Refused(f"Văn bản {code} không do cấp ủy cấp số; chỉ in để các bên liên quan ký.")
    on = on_date or session.today
    if on > session.today:
        raise Refused(f"Ngày ban hành {vn.format_date(on)} sau ngày hôm nay.")
    record = _record(session, person_id)
    session.require_write(record.person.get("cell_id"))
    ctx = build_context(session, record)
    state = next((s for s in _states(session, record, ctx) if s.code == code), None)
    if state is None:
        raise Refused(f"Văn bản {code} không áp dụng cho hồ sơ của {record.name}.")
    if state.number:
        raise Refused(f"{spec.title} của {record.name} đã có số {state.number}; số văn bản không cấp lại.")
    if not state.issuable:
        raise Refused(*[r for r in state.reasons if r != NOT_ISSUED])
    issuer, issuer_code, issuer_name = F.issuer_key(spec, ctx)
    term = vn.nfc(ctx.profile.get("party_term")) or str(on.year)
    # Numbers the clerk typed before the program numbered anything (or imported) count too:
    # the counter goes past them rather than giving a number already on another paper.
    term_year = re.search(r"\d{4}", term)
    since = f"{term_year[0] if term_year else on.year}-01-01"
    recorded = (
        doc_store.highest_recorded(
            session.store,
            f"-{spec.doc_type}/{issuer_code}",
            since,
            ctx.cell.get("id") if spec.issuer == "cell" else None,
        )
        if spec.issuer in ("cell", "committee")
        else 0
    )
    with session.write() as audit:
        number = doc_store.next_number(session.store, issuer, spec.doc_type, term, at_least=recorded + 1)
        doc_number = f"{number:02d}-{spec.doc_type}/{issuer_code}"
        milestone_id = None
        if spec.kind:
            existing = record.latest(spec.kind)
            if existing:
                road_ops.correct_step(
                    session, existing["id"], {"doc_number": doc_number}, f"Ban hành văn bản số {doc_number}"
                )
                milestone_id = existing["id"]
            else:
                milestone_id = road_ops.record_step(
                    session,
                    person_id,
                    spec.kind,
                    {"date": on.isoformat(), "doc_number": doc_number, "issuer": issuer_name, "details": {}},
                )
        doc_store.record_issued(
            session.store,
            audit,
            {
                "person_id": person_id,
                "form_code": code,
                "issuer": issuer,
                "doc_type": spec.doc_type,
                "term": term,
                "number": number,
                "doc_number": doc_number,
                "issued_on": on.isoformat(),
                "milestone_id": milestone_id,
                "rule_set_version": session.rules.version,
            },
        )
    return doc_number


# --- batches ---------------------------------------------------------------------------------------


def parse_selection(text: str) -> Selection:
    """'cell:ID:YYYY-MM-DD' or 'committee:YYYY-MM-DD' (also with dd/mm/yyyy dates)."""
    raw = vn.nfc(text)
    parts = raw.split(":")
    try:
        if len(parts) == 3 and parts[0] == "cell":
            return Selection("cell", _day(parts[2]), int(parts[1]))
        if len(parts) == 2 and parts[0] == "committee":
            return Selection("committee", _day(parts[1]))
    except ValueError:
        pass
    raise Refused(
        f"Cuộc họp “{raw}” không đúng dạng: cell:MÃ_CHI_BỘ:NĂM-THÁNG-NGÀY hoặc committee:NĂM-THÁNG-NGÀY"
        " (ví dụ cell:3:2026-11-12)."
    )


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return vn.parse_date(text)


def batch_people(session: Session, selection: Selection) -> list[int]:
    """Who is on the agenda: people of the cell whose admission or recognition meeting is (or is
    planned) on that day; or people whose committee decision is dated that day, together with
    everyone awaiting a decision after their cell's proposal (they go to the next meeting)."""
    day = selection.day.isoformat()
    if selection.kind == "cell":
        cell = cell_store.get(session.store, selection.cell_id or 0)
        if cell is None:
            raise Refused(f"Không có chi bộ mã {selection.cell_id}.")
        session.require_cell(cell["id"])
        selection.cell_name = cell["name"]
        ids = doc_store.people_with_meeting(
            session.store, selection.cell_id or 0, day, ("cell_meeting", "recognition_meeting")
        )
    else:
        ids = doc_store.people_with_decision(session.store, day, ("admission_decision", "recognition_decision"))
        ids += [
            i
            for i in doc_store.people_awaiting(session.store, ("cell_approved", "recognition_proposed"))
            if i not in ids
        ]
    if session.actor.cell_id is not None:  # a committee meeting's agenda, narrowed to the actor's cell
        rows = people_store.rows_by_ids(session.store, ids)
        ids = [i for i in ids if session.sees_cell(rows[i]["cell_id"])]
    return ids


def _batch_forms(selection: Selection, record: PersonRecord) -> list[str]:
    """The meeting's paper for this person, from what the meeting decided about them: someone
    admitted at that very meeting is probationary by now and still gets the admission papers."""
    admission_kind, recognition_kind, forms = (
        ("cell_meeting", "recognition_meeting", ("6-KNĐ", "13-KNĐ"))
        if selection.kind == "cell"
        else ("admission_decision", "recognition_decision", ("9-KNĐ", "16-KNĐ"))
    )
    if record.date_of(admission_kind) == selection.day:
        return [forms[0]]
    if record.date_of(recognition_kind) == selection.day:
        return [forms[1]]
    return [forms[0] if _phase(record) == "admission" else forms[1]]  # on the agenda, not yet met


@dataclass(frozen=True)
class IssueOutcome:
    person_id: int
    name: str
    code: str
    number: str = ""  # the number given, or '' when refused
    reasons: tuple[str, ...] = ()  # why it was refused


def issue_meeting(session: Session, selection: Selection, on_date: dt.date | None = None) -> list[IssueOutcome]:
    """Number every paper of a meeting in one action, in the order of its agenda: each paper is
    issued (and committed) or refused with its reasons; one refusal does not stop the others."""
    ids = batch_people(session, selection)
    if not ids:
        raise Refused(f"Không có ai trong chương trình {selection.label}.")
    out: list[IssueOutcome] = []
    for person_id in ids:
        record = _record(session, person_id)
        for code in _batch_forms(selection, record):
            try:
                number = issue_document(session, person_id, code, on_date)
                out.append(IssueOutcome(person_id, record.name, code, number))
            except Refused as exc:
                out.append(IssueOutcome(person_id, record.name, code, reasons=tuple(exc.reasons)))
    return out


def render_batch(
    session: Session,
    selection: Selection,
    out: str | Path,
    one_file: bool,
    progress: Progress | None = None,
    *,
    settings: Any = None,
    fmt: str | None = None,
) -> BatchResult:
    """Print the meeting's papers for everyone on its agenda, into one file (``out`` is the file)
    or one file per person (``out`` is a folder), PDF or Word (``fmt``, or the suffix of the one
    file). Cancelling leaves no half-written file."""
    progress = progress or Progress()
    fmt = output_format(out, fmt) if one_file else output_format("", fmt)
    ids = batch_people(session, selection)
    if not ids:
        raise Refused(f"Không có ai trong chương trình {selection.label}.")
    out = Path(out)
    if one_file:
        _checked_path(out)
    else:
        try:
            out.mkdir(parents=True, exist_ok=True)  # a new folder for the meeting's papers
        except OSError as exc:
            raise FileRefused(f"Không tạo được thư mục {out}: {exc.strerror}") from None
    profile = profile_store.get_profile(session.store)
    cells = cell_store.names(session.store)
    result = BatchResult(people=len(ids))
    combined = (
        _new_pdf(session, out, f"Văn bản {selection.label}", settings, subject=selection.label, fmt=fmt)
        if one_file
        else None
    )
    admissions: list[DocContext] = []  # the people the Tờ trình proposes for admission
    recognitions: list[DocContext] = []  # and, in its own Tờ trình, for official recognition
    pending: list[tuple[L.PartyPdf, Path]] = []
    for i, person_id in enumerate(ids):
        progress(i, len(ids), "Đang chuẩn bị văn bản")
        record = load(session.store, person_id)
        if record is None:
            continue
        ctx = build_context(session, record, profile, cells)
        states = _states(session, record, ctx)
        codes = [c for c in _batch_forms(selection, record) if any(s.code == c for s in states)]
        if "9-KNĐ" in codes:
            admissions.append(ctx)
        if "16-KNĐ" in codes:
            recognitions.append(ctx)
        if not codes:
            continue
        if combined is not None:
            printed = _compose(combined, session, ctx, states, codes, False)
        else:
            path = out / f"{person_id:05d}-{vn.fold(record.name).replace(' ', '-')}.{fmt}"
            pdf = _new_pdf(session, path, f"Văn bản của {record.name}", settings, subject=", ".join(codes), fmt=fmt)
            printed = _compose(pdf, session, ctx, states, codes, False)
            pending.append((pdf, path))
        result.drafts += sum(1 for _, draft in printed if draft)
    if selection.kind == "committee":
        for recognition, group in ((False, admissions), (True, recognitions)):
            if not group:
                continue
            title = "Tờ trình đề nghị " + ("công nhận đảng viên chính thức" if recognition else "kết nạp đảng viên")
            if combined is not None:
                target_pdf = combined
            else:
                name = "cong-nhan" if recognition else "ket-nap"
                path = out / f"to-trinh-{name}-{selection.day.isoformat()}.{fmt}"
                target_pdf = _new_pdf(session, path, title, settings, subject=selection.label, fmt=fmt)
                pending.append((target_pdf, path))
            target_pdf.new_document(draft=True)  # the Ban writes its appraisal
            render_submission(
                target_pdf, group, on=selection.day, recognition=recognition, **_submission_settings(session)
            )
    if combined is not None:
        pending.append((combined, out))
    written: list[Path] = []
    try:
        for i, (pdf, path) in enumerate(pending):
            progress(len(ids) + i, len(ids) + len(pending), f"Đang ghi {path.name}")
            _build(pdf, path)
            written.append(path)
    except BaseException:
        for path in written:  # a cancelled or failed batch leaves nothing behind
            path.unlink(missing_ok=True)
        raise
    progress(len(ids) + len(pending), len(ids) + len(pending), "Đã xong")
    result.files = written
    audit_ops.record_copy(session, f"In văn bản cuộc họp ({len(written)} tệp)", result.people, out)
    return result


REGISTER_STATUSES = {"probationary": "đảng viên đang dự bị", "all": "mọi đảng viên đã kết nạp"}


def render_probationary_register(
    session: Session,
    path: str | Path,
    *,
    status: str = "probationary",
    since: dt.date | None = None,
    until: dt.date | None = None,
    settings: Any = None,
    fmt: str | None = None,
) -> int:
    """The register of probationary members (18-KNĐ) as one PDF or Word file; returns the number of rows.
    By default the current probationary members; ``since``/``until`` narrow it to those admitted
    in a period. Each row keeps its running number in the whole register (column 1).
    The register is the committee's, numbered across every cell: not for a one-cell account."""
    session.require_whole_commune()
    if status not in REGISTER_STATUSES:
        raise Refused(f"Tình trạng “{status}” không có; chọn một trong: {', '.join(REGISTER_STATUSES)}.")
    if since and until and since > until:
        raise Refused(f"Từ ngày {vn.format_date(since)} sau đến ngày {vn.format_date(until)}.")
    target = _checked_path(path)
    fmt = output_format(target, fmt)
    rows = [{**row, "no": i + 1} for i, row in enumerate(doc_store.probationary_register(session.store))]
    rows = [
        r
        for r in rows
        if (status == "all" or r.get("status") == "probationary")
        and (since is None or r["admitted_on"] >= since.isoformat())
        and (until is None or r["admitted_on"] <= until.isoformat())
    ]
    scope = REGISTER_STATUSES[status] + "".join(
        f" {word} {vn.format_date(day)}" for word, day in (("kết nạp từ", since), ("đến", until)) if day
    )
    pdf = _new_pdf(session, target, "Sổ đảng viên dự bị", settings, subject="Mẫu 18-KNĐ", fmt=fmt)
    pdf.new_document(landscape=True)
    render_register(pdf, profile_store.get_profile(session.store), rows, session.today, scope)
    _build(pdf, target)
    audit_ops.record_copy(session, "In sổ đảng viên dự bị", len(rows), target)
    return len(rows)
