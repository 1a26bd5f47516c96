"""Walking the road: record, correct, withdraw a step; assign introducers, helpers, mentors.

Each action is one transaction with its audit rows (written by the store functions). The
rules are checked first: blocking findings refuse the action with their Vietnamese
messages, warnings are kept in the milestone's details under ``warnings``.

Union introductions (4-KNĐ by the Youth Union, 4A-KNĐ by the trade union) are modelled as
milestones (``youth_union_resolution`` / ``trade_union_resolution``), not as links: they
are resolutions with a number, an issuer, a date and votes, and their 6-month validity is
checked like the other papers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from commune_app import rules as party_rules
from commune_app import vn
from commune_app.domain import road, steps
from commune_app.domain.record import PersonRecord
from commune_app.errors import Refused
from commune_app.ops.context import Session
from commune_app.rules.common import as_int, percent, probation_end, to_date
from commune_app.rules.findings import Finding
from commune_app.store import people as people_store
from commune_app.store import record as record_store
from commune_app.store import road as road_store
from commune_app.store import road_queries
from commune_app.vn import DateError

_MEETINGS = ("cell_meeting", "recognition_meeting")
_COMMITTEES = ("grassroots_resolution", "recognition_grassroots")


def _record(session: Session, person_id: int) -> PersonRecord:
    record = record_store.load(session.store, person_id)
    if record is None:
        raise Refused("Không tìm thấy người này (có thể đã bị xóa).")
    session.require_cell(record.person.get("cell_id"))
    return record


def _iso(value: Any, label: str) -> str | None:
    try:
        day = to_date(value)
    except (DateError, ValueError):
        raise Refused(f"{label}: ngày “{value}” không đúng dạng ngày/tháng/năm.") from None
    return day.isoformat() if day else None


def _clean_values(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """Dates to ISO, texts to NFC; details kept as given (a copy)."""
    if kind not in road.KIND_BY_CODE:
        raise Refused(f"Không có bước “{kind}” trên quá trình phát triển đảng viên.")
    details = dict(values.get("details") or {})
    for item in steps.schema(kind).fields:
        if item.type == "date" and details.get(item.key):
            details[item.key] = _iso(details[item.key], item.label)
        elif item.type == "organisations" and isinstance(details.get(item.key), list):
            details[item.key] = [_clean_organisation(row) for row in details[item.key]]
    for key, value in list(details.items()):
        if isinstance(value, str):
            details[key] = vn.nfc(value).strip()
    return {
        "kind": kind,
        "date": _iso(values.get("date"), road.KIND_BY_CODE[kind].label),
        "doc_number": vn.nfc(values.get("doc_number")),
        "issuer": vn.nfc(values.get("issuer")),
        "details": details,
    }


def _clean_organisation(row: Any) -> Any:
    if not isinstance(row, dict):
        return row  # steps.validate names it
    row = {k: vn.nfc(v).strip() if isinstance(v, str) else v for k, v in row.items()}
    if row.get("date"):
        row["date"] = _iso(row["date"], steps.ORGANISATION_KEYS["date"][0])
    return row


_TOTALS = ("official_total", "probationary_total")


def _counts_from_records(
    session: Session, cell_id: int | None, kind: str, values: dict[str, Any], recorded: dict[str, Any] | None = None
) -> list[str]:
    """A meeting's official and probationary totals come from the cell's records on the meeting
    day (filled in when left blank); the clerk may give other figures, with the reason in
    counts_note. Totals a correction leaves as ``recorded`` are not counted again: the records
    move on as members leave. Returns the problems."""
    details, on = values["details"], to_date(values["date"])
    if kind not in _MEETINGS or on is None or cell_id is None or details.get("from_papers") is True:
        return []
    if recorded is not None and all(recorded.get(k) is not None and details.get(k) == recorded[k] for k in _TOTALS):
        return []
    counts = dict(zip(_TOTALS, road_queries.member_counts(session.store, cell_id, on), strict=True))
    differ = []
    for key, counted in counts.items():
        if details.get(key) in (None, ""):
            details[key] = counted
        elif details[key] != counted:
            differ.append(f"{steps.schema(kind).field(key).label.lower()} {details[key]} (danh sách: {counted})")
    if differ and not details.get("counts_note"):
        label = steps.schema(kind).field("counts_note").label.lower()
        return [
            (
                f"Số đảng viên ghi khác với danh sách của chi bộ ngày {vn.format_date(on)}: {'; '.join(differ)};"
                f" cần ghi {label}."
            )
        ]
    return []


def _shape_problems(
    session: Session, cell_id: int | None, kind: str, values: dict[str, Any], recorded: dict[str, Any] | None
) -> list[str]:
    problems = _counts_from_records(session, cell_id, kind, values, recorded)
    return problems + steps.validate(kind, values["details"], on=values["date"], rules=session.rules)


def step_problems(
    session: Session,
    person_id: int,
    kind: str,
    on: Any,
    details: dict[str, Any],
    recorded: dict[str, Any] | None = None,
) -> list[str]:
    """What recording these fields (or correcting the ``recorded`` details with them) would be
    refused for by the step schema, as the form shows it before recording; a meeting's totals
    left blank are filled in from the records (in place)."""
    person = people_store.get(session.store, person_id)
    cell_id = (person or {}).get("cell_id")
    session.require_cell(cell_id)
    return _shape_problems(session, cell_id, kind, {"date": on, "details": details}, recorded)


def _refuse_shape(
    session: Session, record: PersonRecord, kind: str, values: dict[str, Any], recorded: dict[str, Any] | None = None
) -> None:
    """Refuse what the step schema refuses (each reason names its field), before the party's rules."""
    problems = _shape_problems(session, record.person.get("cell_id"), kind, values, recorded)
    if problems:
        raise Refused(*problems)


def _computed_details(session: Session, record: PersonRecord, kind: str, values: dict[str, Any]) -> None:
    """Fill what the program computes: meeting totals and results, probation end, official date."""
    details = values["details"]
    on = to_date(values["date"])
    rules = session.rules
    if kind in _MEETINGS and on is not None:
        total, votes = as_int(details.get("official_total")), as_int(details.get("votes_for"))
        if total is not None and votes is not None:
            details["passed"] = party_rules.vote_passes(votes, total, rules)
            details["votes_needed"] = party_rules.vote_threshold(total, rules)
            details["percent_for"] = percent(votes, total)
            details["percent_against"] = percent(as_int(details.get("votes_against")) or 0, total)
    elif kind in _COMMITTEES or (kind == "admission_decision" and "committee_total" in details):
        total, votes = as_int(details.get("committee_total")), as_int(details.get("committee_votes_for"))
        if total and votes is not None:
            details["passed"] = party_rules.vote_passes(votes, total, rules)
            details["percent_for"] = percent(votes, total)
    if kind == "ceremony" and on is not None:
        details["probation_end"] = vn.add_months(on, int(rules["probation_months"])).isoformat()
    if kind == "recognition_decision":
        end = probation_end(record, rules)
        if end is not None:
            details["official_on"] = end.isoformat()  # OFFICIAL-DATE, however late the decision


def member_counts_on(session: Session, person_id: int, on: Any) -> tuple[int, int] | None:
    """How many official and probationary members the person's cell had on a meeting day: the
    figures the meeting form fills in, and the 2/3 vote counts on (None without a cell or a
    readable date)."""
    person = people_store.get(session.store, person_id)
    cell_id = (person or {}).get("cell_id")
    try:
        day = to_date(on)
    except (DateError, ValueError):
        return None
    if cell_id is None or day is None:
        return None
    session.require_cell(cell_id)
    return road_queries.member_counts(session.store, cell_id, day)


def steps_of(session: Session, person_id: int) -> list[dict[str, Any]]:
    """The person's recorded steps (not withdrawn), in road order: what ``step list`` prints."""
    return _record(session, person_id).milestones


def _refuse_blocking(findings: list[Finding]) -> list[dict[str, str]]:
    blocking = [f.message for f in findings if f.blocking]
    if blocking:
        raise Refused(*blocking)
    return [{"code": f.code, "message": f.message} for f in findings]


def record_step(session: Session, person_id: int, kind: str, values: dict[str, Any]) -> int:
    """Check and record one milestone; returns its id. A failed vote is recorded too."""
    record = _record(session, person_id)
    session.require_write(record.person.get("cell_id"))
    cleaned = _clean_values(kind, values)
    _refuse_shape(session, record, kind, cleaned)
    _computed_details(session, record, kind, cleaned)
    findings = party_rules.check_step(record, kind, cleaned, session.rules, session.calendar, session.today)
    warnings = _refuse_blocking(findings)
    if warnings:
        cleaned["details"]["warnings"] = warnings
    cleaned["rule_set_version"] = session.rules.version
    with session.write() as audit:
        return road_store.add_milestone(session.store, audit, person_id, cleaned)


def _milestone(session: Session, milestone_id: int) -> dict[str, Any]:
    milestone = road_store.get_milestone(session.store, milestone_id)
    if milestone is None:
        raise Refused("Không tìm thấy bước này.")
    return milestone


def _reason(reason: str, what: str) -> str:
    text = vn.nfc(reason)
    if not text:
        raise Refused(f"Cần ghi lý do {what}.")
    return text


def correct_step(session: Session, milestone_id: int, values: dict[str, Any], reason: str) -> None:
    """Correct a recorded step; the rules are checked again as if it were recorded anew."""
    milestone = _milestone(session, milestone_id)
    if milestone["withdrawn_at"]:
        raise Refused("Bước này đã bị hủy; hãy khôi phục trước khi sửa.")
    text = _reason(reason, "sửa")
    record = _record(session, milestone["person_id"])
    session.require_write(record.person.get("cell_id"))
    kind = milestone["kind"]
    merged = {
        "date": milestone["date"],
        "doc_number": milestone["doc_number"],
        "issuer": milestone["issuer"],
        "details": {k: v for k, v in milestone["details"].items() if k != "warnings"},
    }
    merged.update({k: v for k, v in values.items() if k in ("date", "doc_number", "issuer", "details")})
    merged["details"] = {k: v for k, v in (merged["details"] or {}).items() if k != "warnings"}  # found again below
    cleaned = _clean_values(kind, merged)
    without = _without(session, record, milestone_id)
    _refuse_shape(session, without, kind, cleaned, milestone["details"])
    _computed_details(session, without, kind, cleaned)
    warnings = _refuse_blocking(
        party_rules.check_step(without, kind, cleaned, session.rules, session.calendar, session.today)
    )
    if warnings:
        cleaned["details"]["warnings"] = warnings
    with session.write() as audit:
        road_store.correct_milestone(session.store, audit, milestone_id, cleaned, text)


def _without(session: Session, record: PersonRecord, milestone_id: int) -> PersonRecord:
    """The record as it would be without one milestone (status derived again)."""
    rest = [m for m in record.milestones if m["id"] != milestone_id]
    derived = road.derive(rest, bool(record.links_with_role("introducer")))
    person = {**record.person, **derived.as_columns()}
    return PersonRecord(
        person=person,
        milestones=rest,
        links=record.links,
        relatives=record.relatives,
        cell=record.cell,
        assignments=record.assignments,
    )


def withdraw_step(session: Session, milestone_id: int, reason: str) -> None:
    """Withdraw a step recorded by mistake; the row and the reason stay in the file and the audit."""
    milestone = _milestone(session, milestone_id)
    if milestone["withdrawn_at"]:
        raise Refused("Bước này đã được hủy trước đó.")
    text = _reason(reason, "hủy")
    record = _record(session, milestone["person_id"])
    session.require_write(record.person.get("cell_id"))
    with session.write() as audit:
        road_store.withdraw_milestone(session.store, audit, milestone_id, text)


def reinstate_step(session: Session, milestone_id: int) -> None:
    milestone = _milestone(session, milestone_id)
    if not milestone["withdrawn_at"]:
        raise Refused("Bước này chưa bị hủy.")
    record = _record(session, milestone["person_id"])
    session.require_write(record.person.get("cell_id"))
    with session.write() as audit:
        road_store.reinstate_milestone(session.store, audit, milestone_id)


# --- links ------------------------------------------------------------------------------


def _member(session: Session, member_id: int) -> dict[str, Any]:
    member = people_store.get(session.store, member_id)
    if member is None:
        raise Refused("Không tìm thấy đảng viên đã chọn.")
    # An account restricted to one cell neither sees nor assigns members of the other cells.
    session.require_cell(member["cell_id"])
    return member


def _check_link_dates(
    session: Session,
    record: PersonRecord,
    dated: dict[str, str | None],
    period: tuple[str | None, str | None] = (None, None),
) -> None:
    """Refuse a link's dates that cannot be true: after today, before the person's birth, or a
    period together that ends before it starts (as a step's own date is checked)."""
    problems = []
    birth = record.birth_date
    for label, value in dated.items():
        day = to_date(value)
        if day is None:
            continue
        if day > session.today:
            problems.append(
                f"{label} {vn.format_date(day)} sau ngày hôm nay ({vn.format_date(session.today)});"
                " chỉ ghi nhận việc đã diễn ra."
            )
        elif birth and day < birth:
            problems.append(f"{label} {vn.format_date(day)} trước ngày sinh {vn.format_date(birth)} của {record.name}.")
    start, end = (to_date(v) for v in period)
    if start and end and end < start:
        problems.append(
            f"Thời gian cùng công tác, học tập, cư trú: ngày kết thúc {vn.format_date(end)} trước"
            f" ngày bắt đầu {vn.format_date(start)}."
        )
    if problems:
        raise Refused(*problems)


def _replaced(session: Session, person_id: int, link_id: int, role: str) -> dict[str, Any]:
    old = road_queries.link(session.store, link_id)
    if old is None or old["person_id"] != person_id or old["role"] != role or old["withdrawn_at"]:
        raise Refused("Không tìm thấy người được thay thế trong hồ sơ của người này.")
    return old


def assign_introducer(
    session: Session,
    person_id: int,
    member_id: int,
    *,
    together_from: Any,
    together_to: Any = None,
    relation: str = "",
    unit: str = "",
    document_on: Any = None,
    replaces_link_id: int | None = None,
) -> int:
    """An official member introduces the person (3-KNĐ). A replacement (QĐ 294 §3.2.2) waives
    the 12 months together and ends the replaced link."""
    record = _record(session, person_id)
    session.require_write(record.person.get("cell_id"))
    member = _member(session, member_id)
    start, end = _iso(together_from, "Cùng công tác từ"), _iso(together_to, "Cùng công tác đến")
    written = _iso(document_on, "Ngày giấy giới thiệu")
    _check_link_dates(
        session,
        record,
        {"Cùng công tác, học tập, cư trú từ ngày": start, "Ngày ký giấy giới thiệu": written},
        (start, end),
    )
    on = to_date(written) or session.today
    current = [link for link in record.links_with_role("introducer") if link.get("member_id") is not None]
    old = _replaced(session, person_id, replaces_link_id, "introducer") if replaces_link_id else None
    if any(link["member_id"] == member_id and link["id"] != replaces_link_id for link in current):
        raise Refused(f"{member['full_name']} đã là người giới thiệu của {record.name}.")
    if old is None and len(current) >= int(session.rules["introducers_required"]):
        raise Refused(f"{record.name} đã có đủ {len(current)} người giới thiệu; hãy chọn người được thay thế.")
    findings = party_rules.introducer_findings(
        record, member, start, end, on, session.rules, replacement=old is not None
    )
    _refuse_blocking(findings)
    with session.write() as audit:
        if old is not None and not old["ended_on"]:
            road_store.end_link(
                session.store, audit, old["id"], on.isoformat(), f"Thay bằng người giới thiệu {member['full_name']}"
            )
        return road_store.add_link(
            session.store,
            audit,
            person_id,
            {
                "member_id": member_id,
                "role": "introducer",
                "relation": vn.nfc(relation),
                "unit": vn.nfc(unit),
                "together_from": start,
                "together_to": end,
                "assigned_on": on.isoformat(),
                "document_on": written,
                "replaces_link_id": replaces_link_id,
            },
        )


def assign_union_introducer(
    session: Session,
    person_id: int,
    organisation: str,
    *,
    date: Any,
    doc_number: str = "",
    issuer: str = "",
    details: dict[str, Any] | None = None,
) -> int:
    """The grassroots Youth Union (4-KNĐ) or trade union (4A-KNĐ) introduces the person by a
    resolution, recorded as its milestone; returns the milestone id."""
    kinds = {"youth_union": "youth_union_resolution", "trade_union": "trade_union_resolution"}
    if organisation not in kinds:
        raise Refused("Tổ chức giới thiệu phải là Đoàn TNCS Hồ Chí Minh hoặc Công đoàn.")
    return record_step(
        session,
        person_id,
        kinds[organisation],
        {"date": date, "doc_number": doc_number, "issuer": issuer, "details": details or {}},
    )


def _assign_official(
    session: Session,
    person_id: int,
    member_id: int,
    on: Any,
    role: str,
    replaces_link_id: int | None,
    statuses: tuple[str, ...],
    what: str,
) -> int:
    """A helper (for a source person) or a mentor (for a probationary member): one official member."""
    record = _record(session, person_id)
    session.require_write(record.person.get("cell_id"))
    if record.person.get("status") not in statuses:
        raise Refused(
            f"Chỉ phân công {what} cho "
            + ("quần chúng ưu tú, người xin vào Đảng." if role == "helper" else "đảng viên dự bị.")
        )
    member = _member(session, member_id)
    if member_id == person_id:
        raise Refused(f"Không thể tự phân công mình làm {what}.")
    day = to_date(_iso(on, "Ngày phân công")) or session.today
    _check_link_dates(session, record, {"Ngày phân công": day.isoformat()})
    official_on = to_date(member.get("official_on"))
    if member["status"] != "official" or (official_on is not None and official_on > day):
        raise Refused(
            f"{member['full_name']} không phải đảng viên chính thức tại ngày {vn.format_date(day)};"
            f" chỉ đảng viên chính thức mới được phân công làm {what}."
        )
    current = record.links_with_role(role)
    if replaces_link_id is not None:
        current = [_replaced(session, person_id, replaces_link_id, role)]
    with session.write() as audit:
        for old in current:
            if not old.get("ended_on"):
                road_store.end_link(
                    session.store, audit, old["id"], day.isoformat(), f"Thay bằng {member['full_name']}"
                )
        return road_store.add_link(
            session.store,
            audit,
            person_id,
            {
                "member_id": member_id,
                "role": role,
                "assigned_on": day.isoformat(),
                "replaces_link_id": current[-1]["id"] if current else None,
            },
        )


def assign_helper(
    session: Session, person_id: int, member_id: int, on: Any, replaces_link_id: int | None = None
) -> int:
    return _assign_official(
        session, person_id, member_id, on, "helper", replaces_link_id, ("source", "candidate"), "đảng viên giúp đỡ"
    )


def assign_mentor(
    session: Session, person_id: int, member_id: int, on: Any, replaces_link_id: int | None = None
) -> int:
    return _assign_official(
        session,
        person_id,
        member_id,
        on,
        "mentor",
        replaces_link_id,
        ("probationary",),
        "đảng viên giúp đỡ đảng viên dự bị",
    )


def end_link(session: Session, link_id: int, on: Any, reason: str) -> None:
    old = road_queries.link(session.store, link_id)
    if old is None or old["withdrawn_at"]:
        raise Refused("Không tìm thấy phân công này.")
    if old["ended_on"]:
        raise Refused(f"Phân công này đã kết thúc ngày {vn.format_date(old['ended_on'])}.")
    text = _reason(reason, "kết thúc")
    record = _record(session, old["person_id"])
    session.require_write(record.person.get("cell_id"))
    day = _iso(on, "Ngày kết thúc") or session.today.isoformat()
    if day < old["assigned_on"]:
        raise Refused(f"Ngày kết thúc {vn.format_date(day)} trước ngày phân công {vn.format_date(old['assigned_on'])}.")
    with session.write() as audit:
        road_store.end_link(session.store, audit, link_id, day, text)


# --- introducer choice ------------------------------------------------------------------


@dataclass(frozen=True)
class IntroducerOption:
    member: dict[str, Any]
    findings: list[Finding]
    same_cell: bool
    eligible: bool


def eligible_introducers(
    session: Session, person_id: int, on_date: Any = None, text: str = "", *, role: str = "introducer"
) -> list[IntroducerOption]:
    """Members who could take ``role`` for the person (introduce, mentor, help), same cell
    first, each with why it could not; a member who already has that role is not offered."""
    record = _record(session, person_id)
    on = to_date(_iso(on_date, "Ngày giới thiệu")) or session.today
    cell_id = record.person.get("cell_id")
    links = {link["member_id"]: link for link in record.links_with_role("introducer") if link.get("member_id")}
    taken = {link["member_id"] for link in record.links_with_role(role) if link.get("member_id")}
    options = []
    for member in road_queries.possible_introducers(session.store, person_id, cell_id, text):
        if not session.sees_cell(member["cell_id"]) or member["id"] in taken:
            continue
        link = links.get(member["id"])
        findings = party_rules.introducer_findings(
            record,
            member,
            link and link.get("together_from"),
            link and link.get("together_to"),
            on,
            session.rules,
            replacement=bool(link and link.get("replaces_link_id")),
            require_period=False,
        )
        options.append(
            IntroducerOption(
                member=member,
                findings=findings,
                same_cell=member["cell_id"] == cell_id,
                eligible=not any(f.blocking for f in findings),
            )
        )
    return options


# --- the road as the person window shows it ---------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    date: str  # ISO
    kind: str  # a milestone kind, or link_<role> / link_<role>_end
    label: str
    doc_number: str = ""
    issuer: str = ""
    milestone_id: int | None = None
    link_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)
    withdrawn_at: str | None = None  # set for a step withdrawn by mistake (shown on request)
    withdrawn_reason: str = ""


@dataclass(frozen=True)
class RoadView:
    person_id: int
    status: str
    stage: str
    entries: list[TimelineEntry]
    next_step: party_rules.NextStep | None
    deadlines: list[party_rules.Deadline]
    findings: list[Finding]


def road_view(session: Session, person_id: int, include_withdrawn: bool = False) -> RoadView:
    """The timeline, next step, deadlines and findings; ``include_withdrawn`` adds the steps
    withdrawn by mistake (with their reason) so they can be reinstated."""
    record = _record(session, person_id)
    kinds = road.KIND_BY_CODE
    milestones = (
        people_store.milestones_of(session.store, person_id, include_withdrawn=True)
        if include_withdrawn
        else record.milestones
    )
    entries = [
        TimelineEntry(
            m["date"],
            m["kind"],
            kinds[m["kind"]].label if m["kind"] in kinds else m["kind"],
            m["doc_number"],
            m["issuer"],
            milestone_id=m["id"],
            details=m["details"],
            withdrawn_at=m.get("withdrawn_at"),
            withdrawn_reason=m.get("withdrawn_reason") or "",
        )
        for m in milestones
    ]
    for link in record.links:
        who = link.get("member_name") or (
            "BCH Đoàn cơ sở" if link.get("organisation") == "youth_union" else link.get("organisation") or ""
        )
        label = road_store.ROLE_LABELS.get(link["role"], link["role"])
        entries.append(
            TimelineEntry(link["assigned_on"], f"link_{link['role']}", f"Phân công {label}: {who}", link_id=link["id"])
        )
        if link.get("ended_on"):
            why = f" ({link['ended_reason']})" if link.get("ended_reason") else ""
            entries.append(
                TimelineEntry(
                    link["ended_on"], f"link_{link['role']}_end", f"Kết thúc {label}: {who}{why}", link_id=link["id"]
                )
            )
    order = road.KIND_ORDER
    entries.sort(key=lambda e: (e.date, order.get(e.kind, len(order)), e.milestone_id or 0, e.link_id or 0))
    rules, calendar, today = session.rules, session.calendar, session.today
    step = party_rules.next_step(record, rules, calendar, today)
    return RoadView(
        person_id=person_id,
        status=record.person["status"],
        stage=record.person["stage"],
        entries=entries,
        next_step=step,
        deadlines=party_rules.deadlines(record, rules, calendar, today),
        findings=step.findings if step else party_rules.check_person(record, rules, calendar, today),
    )
