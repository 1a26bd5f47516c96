"""What an import would do, row by row, before anything is written.

Every data row of the sheet becomes one ``RowResult``: new, matching a person already in the
file (same CCCD, or same folded name and birth date) with what would change side by side,
or refused with its Vietnamese reasons. Blank cells never overwrite a stored value, and two
records that disagree are never merged automatically: such rows are refused with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from commune_app import vn, vn_legacy
from commune_app.domain import codes
from commune_app.domain.person import FIELD_BY_NAME, clean_person
from commune_app.errors import Refused
from commune_app.importing import headers, registry, shapes, values
from commune_app.importing.kinds import KIND_LABELS, KindGuess, detect, dominant_reason
from commune_app.importing.layout import Layout, is_column_numbers
from commune_app.importing.values import ValueProblem, count_text, is_blank, text
from commune_app.progress import Progress
from commune_app.rules.calendar import WorkCalendar
from commune_app.rules.ruleset import RuleSet
from commune_app.store import cells as cell_store
from commune_app.store import importing as import_store
from commune_app.store.db import Store

NOT_KEPT = "không giữ"
OWN_LAYOUT = "Danh sách tự lập (nhận ra theo tên cột)"
STATUS_LABELS = {"new": "Thêm mới", "match": "Đã có trong dữ liệu", "refused": "Bị từ chối"}

# Import field → milestone kind, in road order (the order they are written in).
MILESTONE_FIELDS: dict[str, str] = {
    "certificate_on": "course_certificate",
    "application_on": "application",
    "admitted_on": "admission_decision",
    "ceremony_on": "ceremony",
    "official_on": "recognition_decision",
    **registry.STATUS_MILESTONES,  # from the activity status and its date, after the road
}
TEXT_FIELDS = (
    "other_names",
    "birthplace",
    "hometown",
    "residence",
    "residence_detail",
    "temporary_residence",
    "ethnicity",
    "religion",
    "professional_level",
    "professional_field",
    "political_theory",
    "occupation",
    "workplace",
    "position",
    "party_card_old",
    "party_card_new",
    "notes",
    "registry_id",
    "registry_class",
    "birth_reg_country",
    "birth_reg_province",
    "birth_reg_detail",
    "hometown_country",
    "hometown_province",
    "hometown_detail",
    "permanent_country",
    "permanent_province",
    "permanent_detail",
    "cmnd_old",
    "party_card_place",
    "activity_status",
)
# The record's composed address fields, filled from the two-level parts when the sheet has no own column.
_COMPOSED = {
    key: tuple(f"{prefix}_{part}" for part in ("country", "province", "detail"))
    for key, prefix in (("hometown", "hometown"), ("residence_detail", "permanent"))
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_DIGIT = re.compile(r"\D")
# Columns whose text may have been typed in an old font (names, places, free text).
_LEGACY_FIELDS = frozenset({"full_name", "family_middle", "given_name", *TEXT_FIELDS, "cell"})
_BAD_SIGNS = "Họ và tên chứa ký tự không hợp lệ"
_BIRTH = "Ngày sinh"
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+|[A-Za-z])\s*[.)/-]\s*")


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass
class RowResult:
    row_number: int  # the sheet's own row number
    status: str  # new | match | refused
    full_name: str
    birth: str  # as shown: dd/mm/yyyy, or the year alone
    values: dict[str, Any] = field(default_factory=dict)  # person fields to write
    year_only: bool | None = None  # the birth_year_only flag to write, None = leave
    milestones: dict[str, str] = field(default_factory=dict)  # import field → ISO date to add
    estimated: list[str] = field(default_factory=list)  # milestone fields whose date is the latest possible
    conversions: list[str] = field(default_factory=list)  # text changed on the way in (old fonts, 'Ð', lost 0)
    cell_name: str = ""
    cell_id: int | None = None  # None with cell_name set: a cell created by the import
    cell_code: str = ""  # the database's code of the cell, kept on a cell the import creates
    person_id: int | None = None
    snapshot: dict[str, Any] = field(default_factory=dict)  # the matched row as previewed
    changes: list[Change] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return self.status == "match" and not self.changes

    def described(self) -> list[tuple[str, str]]:
        """The row's result in words, as (what, details) pairs: why it is refused, what it changes,
        what to note. The command line and the window's table and detail all print these."""
        parts: list[tuple[str, str]] = []
        if self.reasons:
            parts.append(("bị từ chối", "; ".join(self.reasons)))
        if self.conversions:
            parts.append(("đã chuyển", "; ".join(self.conversions)))
        if self.status == "match":
            parts.append(
                ("thay đổi", ", ".join(c.label for c in self.changes)) if self.changes else ("không thay đổi", "")
            )
        if self.warnings:
            parts.append(("lưu ý", "; ".join(self.warnings)))
        return parts

    def described_text(self) -> str:
        """``described`` on one line: "bị từ chối: ...; lưu ý: ..."."""
        return "; ".join(f"{what}: {details}" if details else what for what, details in self.described())


@dataclass
class Preview:
    path: str
    sheet: str
    sheets: list[str]
    kind: str
    labels: list[tuple[str, str]]
    mapping: dict[int, str]
    header_rows: list[int]  # the sheet's row numbers
    rows: list[RowResult]
    skipped: list[tuple[int, str]]  # rows that are not people: totals, group titles
    new_cells: list[str]
    kind_guess: KindGuess
    layout_label: str = ""

    def column_fates(self) -> list[tuple[str, str]]:
        """Every column of the sheet with what becomes of it: the field it fills, or not kept."""
        fields = headers.import_fields()
        out = []
        for index, label in enumerate(self.column_labels()):
            key = self.mapping.get(index)
            fate = fields[key].label if key and key != "row_number" else NOT_KEPT
            out.append((label or f"(cột {index + 1})", fate))
        return out

    def counts(self) -> dict[str, int]:
        out = {"new": 0, "match": 0, "unchanged": 0, "refused": 0}
        for row in self.rows:
            out[row.status] += 1
            if row.unchanged:
                out["unchanged"] += 1
        return out

    def accepted_default(self) -> list[int]:
        return [r.row_number for r in self.rows if r.status != "refused"]

    def column_labels(self) -> list[str]:
        return [headers.column_label(u, low) for u, low in self.labels]

    def summary_lines(self) -> list[str]:
        c = self.counts()
        lines = [
            f"Tệp {self.path}, trang “{self.sheet}” ({KIND_LABELS[self.kind].lower()}):",
            f"  {count_text(len(self.rows))} dòng dữ liệu: {count_text(c['new'])} thêm mới, "
            f"{count_text(c['match'])} đã có trong dữ liệu ({count_text(c['match'] - c['unchanged'])} có thay đổi, "
            f"{count_text(c['unchanged'])} không đổi), {count_text(c['refused'])} bị từ chối.",
        ]
        lines.append(f"  Dạng bảng tính: {self.layout_label}.")
        lines.append("  " + self.kind_guess.line())
        dropped = [label for label, fate in self.column_fates() if fate == NOT_KEPT]
        if dropped:
            lines.append("  Cột không giữ: " + "; ".join(dropped) + ".")
        if self.new_cells:
            lines.append("  Chi bộ sẽ được tạo mới: " + ", ".join(self.new_cells) + ".")
        if self.skipped:
            lines.append(
                f"  Bỏ qua {len(self.skipped)} dòng không phải người (tiêu đề nhóm, dòng cộng), "
                "liệt kê từng dòng kèm lý do."
            )
        shared = dominant_reason([r.reasons for r in self.rows if r.status == "refused"], len(self.rows))
        if shared:
            lines.append("  " + shared)
        return lines


@dataclass
class _Parsed:
    row: RowResult
    person: dict[str, Any]  # cleaned values from the sheet (blank cells absent)
    folded: str
    birth_iso: str | None
    year_only: bool


def validate_mapping(mapping: dict[int, str], labels: list[tuple[str, str]]) -> None:
    known = headers.import_fields()
    seen: dict[str, int] = {}
    problems = []
    for index, key in sorted(mapping.items()):
        if key not in known:
            problems.append(f"Cột {index + 1}: không có trường “{key}” để ghép")
        elif key in seen:
            problems.append(f"Cột {seen[key] + 1} và cột {index + 1} cùng được ghép vào “{known[key].label}”")
        elif not 0 <= index < len(labels):
            problems.append(f"Bảng tính không có cột {index + 1}")
        else:
            seen[key] = index
    if problems:
        raise Refused(*problems)


def _section_cell(heading: str) -> str | None:
    """'I. CHI BỘ THÔN NÀ LẦU (15 đồng chí)' → 'CHI BỘ THÔN NÀ LẦU'."""
    stripped = re.sub(r"\(.*?\)", "", _NUMBERING.sub("", heading)).strip(" :-")
    folded = vn.fold(stripped)
    if folded.startswith(("chi bo", "dang bo")):
        return _unshout(vn.nfc(stripped))
    return None


# 'DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN NÀ LẦU NĂM 2026' → 'CHI BỘ THÔN NÀ LẦU' (not 'các chi bộ').
_TITLE_CELL = re.compile(
    r"\b(chi bộ\s+(?!(?:các|năm|quý|tháng|tính|đến)\b)\S.*?)"
    r"(?:\s+(?:năm|quý|tháng|tính đến|đến ngày)\b.*|\s*[(,:].*)?$",
    re.IGNORECASE,
)


def title_cell(rows: list[list[Any]]) -> str:
    """The cell a list belongs to when only its title names it (a cell's own list: 'CHI BỘ THÔN
    NÀ LẦU' under the committee's name, or in 'DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN NÀ LẦU'): the
    default for rows without a cell column or group heading. '' when no title names one cell."""
    for row in rows:
        for value in row:
            found = _TITLE_CELL.search(vn.nfc(text(value))) if isinstance(value, str) else None
            if found:
                return _unshout(found.group(1).strip())
    return ""


_PLACE_WORDS = re.compile(r"^(?:chi bo\s+)?(?:(?:thon|ban|xom|to dan pho|khu pho|khu|ap|lang|buon|soc)\s+)?")


def sheet_cell(store: Store, sheet: str) -> str:
    """The existing cell a sheet is named after ('Chi bộ Khuổi Tát', 'Nà Lầu' for 'Chi bộ thôn
    Nà Lầu'): workbooks keep one sheet per cell. '' when no single cell has that name; a sheet
    name never creates a cell."""
    found = cell_by_place(store, sheet)
    return found["name"] if found else ""


def cell_by_place(store: Store, name: str) -> dict[str, Any] | None:
    """The one existing cell named like this once 'Chi bộ' and the place word (thôn, bản, tổ dân
    phố...) are set aside: 'Nà Lầu', 'Chi bộ Nà Lầu', 'Chi bộ thôn Nà Lầu' are the same cell."""
    key = _PLACE_WORDS.sub("", vn.fold(name).strip())
    if not key:
        return None
    found = [c for c in cell_store.all_cells(store) if _PLACE_WORDS.sub("", c["name_folded"]) == key]
    return found[0] if len(found) == 1 else None


# Common words of cell names, written in lower case inside a name ('Chi bộ thôn Nà Lầu').
_COMMON_WORDS = {
    "bộ",
    "thôn",
    "bản",
    "xóm",
    "ấp",
    "làng",
    "buôn",
    "sóc",
    "tổ",
    "dân",
    "phố",
    "khu",
    "trường",
    "tiểu",
    "học",
    "trung",
    "cơ",
    "sở",
    "mầm",
    "non",
    "công",
    "an",
    "xã",
    "quân",
    "sự",
    "trạm",
    "y",
    "tế",
    "đảng",
    "ủy",
    "quan",
    "hợp",
    "tác",
}


def _unshout(name: str) -> str:
    """A heading typed in capitals ('CHI BỘ THÔN NÀ LẦU') as a cell name: 'Chi bộ thôn Nà Lầu'."""
    if not name.isupper():
        return name
    words = name.lower().split(" ")
    shown = [w if i and w in _COMMON_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)]
    return " ".join(shown)


_HEADING = "Dòng tiêu đề nhóm"


def _skip_reason(row: list[Any], cells: list[Any], first: str, lone_heading: bool) -> str | None:
    """Why a row without birth date and identity number is not a person (None: read it as one)."""
    total = shapes.total_reason(cells)
    if total:
        return total
    section = _section_cell(first)
    if section and lone_heading:
        return f"{_HEADING}: “{first}” (những người bên dưới thuộc {section})"
    if is_column_numbers(row):
        return "Dòng đánh số cột"
    if lone_heading:
        return f"Dòng tiêu đề hoặc ghi chú: “{first}”"
    return None


# A text cell on the way in: without control characters, whether it had any, its old-font reading, has 'Ð'.
_Incoming = tuple[str, bool, tuple[str, str] | None, bool]
_UNSEEN: Any = object()  # a text cell not met yet


class _Builder:
    def __init__(
        self,
        store: Store,
        *,
        today: dt.date,
        kind: str,
        actor_cell: int | None,
        admin: bool,
        mapping: dict[int, str],
        calendar: WorkCalendar,
        ceremony_days: int,
        labels: list[tuple[str, str]],
        keep_as_written: Collection[int] | bool,
    ) -> None:
        self.store, self.today, self.kind = store, today, kind
        self.labels, self.keep_as_written = labels, keep_as_written
        self.calendar, self.ceremony_days = calendar, ceremony_days
        self.actor_cell, self.admin = actor_cell, admin
        self.mapping = mapping
        self.column = {f: c for c, f in mapping.items()}
        # The text and milestone fields this sheet has columns for, in their order (the others are blank).
        self.text_fields = [k for k in TEXT_FIELDS if k in self.column]
        self.milestone_fields = [
            k for k in MILESTONE_FIELDS if k in self.column and k not in registry.STATUS_MILESTONES
        ]
        self.cells: dict[str, dict[str, Any] | None] = {}
        self.new_cells: dict[str, str] = {}
        self.dates: dict[tuple[type, Any, str, bool], tuple[values.DateValue | None, str]] = {}
        # Per text, in a column that may hold old fonts (True) or not (False).
        self.incoming: dict[bool, dict[str, _Incoming | None]] = {False: {}, True: {}}
        self.legacy_columns = {c for c, f in mapping.items() if f in _LEGACY_FIELDS}

    def date(self, value: Any, label: str, *, allow_year: bool = False) -> values.DateValue | None:
        """``values.date_value``, remembered per distinct cell: a sheet repeats its dates down the columns."""
        if value is None:  # a blank cell or a column the sheet has not: several per row
            return None
        key = (type(value), value, label, allow_year)  # the type keeps True, 1 and 1.0 apart
        found = self.dates.get(key)
        if found is None:
            try:
                found = self.dates[key] = (values.date_value(value, label, self.today, allow_year=allow_year), "")
            except ValueProblem as exc:
                found = self.dates[key] = (None, str(exc))
        if found[1]:
            raise ValueProblem(found[1])
        return found[0]

    def get(self, row: list[Any], key: str) -> Any:
        col = self.column.get(key)
        return row[col] if col is not None and col < len(row) else None

    def fields(self, row: list[Any]) -> dict[str, Any]:
        """The row's cells by field, as ``get`` gives them, in one go (a row is asked for forty)."""
        width = len(row)
        return {key: row[column] for key, column in self.column.items() if column < width}

    def has_identity(self, row: list[Any]) -> bool:
        """A valid birth date or an identity number: what a total or heading row never has."""
        for key in ("birth_date", "birth_date_male", "birth_date_female"):
            try:
                # Asked as ``parse`` asks, so the row's birth date is read once (``date`` remembers it).
                if self.date(self.get(row, key), _BIRTH, allow_year=True):
                    return True
            except ValueProblem:
                continue
        return len(_NOT_DIGIT.sub("", text(self.get(row, "cccd")))) >= 9

    def name_of(self, row: list[Any]) -> str:
        if "full_name" in self.column:
            return text(self.get(row, "full_name"))
        return " ".join(t for t in (text(self.get(row, "family_middle")), text(self.get(row, "given_name"))) if t)

    # --- one row, on its own ----------------------------------------------------------

    def parse(self, number: int, row: list[Any], section_cell: str) -> _Parsed:
        result = RowResult(number, "new", "", "")
        row, declined = self._text_on_the_way_in(row, result)
        cells = self.fields(row)
        name = result.full_name = self.name_of(row)
        reasons, warnings = result.reasons, result.warnings
        raw: dict[str, Any] = {"full_name": name}

        gender, birth = self._gender_and_birth(cells, reasons)
        if gender:
            raw["gender"] = gender
        birth_value = None
        try:
            birth_value = self.date(birth, _BIRTH, allow_year=True)
        except ValueProblem as exc:
            reasons.append(str(exc))
        if birth_value:
            raw["birth_date"] = birth_value.iso
            if birth_value.warning:
                warnings.append(birth_value.warning)
            result.birth = birth_value.iso[:4] if birth_value.year_only else vn.format_date(birth_value.iso)

        notes_extra = []
        cccd = values.cccd_value(cells.get("cccd"))
        if cccd:
            if cccd.value:
                raw["cccd"] = cccd.value
            if cccd.warning:
                warnings.append(cccd.warning)
                if cccd.value and cccd.value != str(cells.get("cccd")):
                    result.conversions.append(f"Số CCCD mất số 0 ở đầu: {cccd.value}")
            if cccd.old_id and text(cells.get("cmnd_old")) not in ("", cccd.old_id):
                notes_extra.append(f"Số CMND cũ: {cccd.old_id}")
            elif cccd.old_id:
                raw["cmnd_old"] = cccd.old_id
        phone = values.phone_value(cells.get("phone"))
        if phone:
            raw["phone"] = phone.value
            if phone.warning:
                warnings.append(phone.warning)
        try:
            education = values.education_value(cells.get("education_general"))
        except ValueProblem as exc:
            reasons.append(str(exc))
            education = None
        if education:
            raw["education_general"] = education.value
            if education.warning:
                warnings.append(education.warning)
        for key in self.text_fields:
            cell = cells.get(key)
            value = text(cell) if cell is not None else ""
            if value:
                raw[key] = value
        for key, parts in _COMPOSED.items():
            if key not in self.column:
                country, province, detail = (text(cells.get(part)) for part in parts)
                composed = registry.composed_address(country, province, detail)
                if composed:
                    raw[key] = composed
        for key, label in (("party_card_date", "Ngày cấp thẻ Đảng"), ("left_on", "Ngày rời khỏi / ngày mất")):
            try:
                day = self.date(cells.get(key), label)
            except ValueProblem as exc:
                reasons.append(str(exc))
                day = None
            if day:
                raw[key] = day.iso
        if notes_extra:
            raw["notes"] = "; ".join([*([raw["notes"]] if raw.get("notes") else []), *notes_extra])
        try:
            joined = self.date(cells.get("youth_union_joined"), "Ngày vào Đoàn")
        except ValueProblem as exc:
            reasons.append(str(exc))
            joined = None
        if joined:
            raw["youth_union_joined"] = joined.iso
            raw["youth_union"] = 1
        if "ethnicity" in self.column and "ethnicity" not in raw:
            warnings.append("Dân tộc để trống: nếu là người mới sẽ ghi là Kinh")

        self._status(raw, result)
        cleaned, errors = clean_person(raw, today=self.today)
        if declined and errors.get("full_name") == _BAD_SIGNS:
            del errors["full_name"]  # kept as written at the clerk's choice: warned, never refused
        reasons.extend(errors.values())
        cleaned = {k: v for k, v in cleaned.items() if v not in (None, "")}

        for key in self.milestone_fields:
            label = _milestone_label(key)
            try:
                parsed = self.date(cells.get(key), label)
            except ValueProblem as exc:
                reasons.append(str(exc))
                continue
            if parsed:
                if parsed.warning:
                    warnings.append(parsed.warning)
                if parsed.iso > self.today.isoformat():
                    reasons.append(f"{label} {vn.format_date(parsed.iso)} sau ngày hôm nay")
                result.milestones[key] = parsed.iso
        self._estimate_ceremony(result)
        result.cell_name = registry.cell_name(text(cells.get("cell"))) or section_cell
        result.cell_code = text(cells.get("cell_code"))
        year_only = bool(birth_value and birth_value.year_only)
        return _Parsed(result, cleaned, vn.fold(cleaned.get("full_name", name)), cleaned.get("birth_date"), year_only)

    def _label(self, index: int) -> str:
        return headers.column_label(*self.labels[index]) if index < len(self.labels) else f"cột {index + 1}"

    def _text_on_the_way_in(self, row: list[Any], result: RowResult) -> tuple[list[Any], bool]:
        """Control characters removed, names in TCVN3 or VNI converted (unless the clerk declined
        for this row), 'Ð' noted: each said in the row's conversions. True when a legacy spelling
        was kept as written."""
        out = list(row)
        declined = False
        for index, value in enumerate(row):
            if not isinstance(value, str):
                continue
            legacy = index in self.legacy_columns
            known = self.incoming[legacy].get(value, _UNSEEN)
            if known is _UNSEEN:
                known = self._incoming(value, legacy)
            if known is None:
                continue  # nothing to remove, convert or note: the common case
            value, controlled, found, eth = known
            if controlled:
                result.conversions.append(f"Bỏ ký tự điều khiển (không in được) trong cột “{self._label(index)}”")
            if found and (
                self.keep_as_written is True
                or (not isinstance(self.keep_as_written, bool) and result.row_number in self.keep_as_written)
            ):
                declined = True
                result.warnings.append(
                    f"Cột “{self._label(index)}” có thể viết bằng bảng mã {vn_legacy.FONT_NAMES[found[0]]} "
                    f"(“{value}” là “{found[1]}”); giữ nguyên như đã ghi theo lựa chọn của bạn"
                )
            elif found:
                result.conversions.append(
                    f"Chuyển từ bảng mã {vn_legacy.FONT_NAMES[found[0]]} sang Unicode "
                    f"(cột “{self._label(index)}”): “{value}” → “{found[1]}”"
                )
                value = found[1]
            elif eth:
                result.conversions.append(
                    f"Chữ “Ð” (mã U+00D0, không phải chữ Đ tiếng Việt) ở cột “{self._label(index)}” được đọc là “Đ”"
                )
            out[index] = value
        return out, declined

    def _incoming(self, value: str, legacy: bool) -> _Incoming | None:
        """A text cell without its control characters, whether it had any, its old-font reading (in a
        column that may hold one) and whether it holds an 'Ð'; None when there is none of these.
        Remembered per distinct text."""
        cleaned = _CONTROL.sub("", value)
        found = vn_legacy.detect(cleaned) if legacy else None
        eth, controlled = vn.has_eth(cleaned), cleaned != value
        known = (cleaned, controlled, found, eth) if controlled or found or eth else None
        self.incoming[legacy][value] = known
        return known

    def _estimate_ceremony(self, result: RowResult) -> None:
        """A probationer's papers without the ceremony date: the latest date it can have been held
        (the ceremony deadline after the decision), marked as estimated, so the recognition falls
        due from it; when that date is still ahead, the ceremony's own deadline stays open."""
        decided = result.milestones.get("admitted_on")
        if not decided or "ceremony_on" in result.milestones or "official_on" in result.milestones:
            return
        latest = self.calendar.add_working_days(dt.date.fromisoformat(decided), self.ceremony_days)
        if latest >= self.today:
            return
        result.milestones["ceremony_on"] = latest.isoformat()
        result.estimated.append("ceremony_on")
        result.warnings.append(
            f"Chưa có ngày lễ kết nạp: tạm tính ngày muộn nhất có thể {vn.format_date(latest)} ({self.ceremony_days}"
            " ngày làm việc sau quyết định kết nạp), đánh dấu là ước tính; hạn xét công nhận chính thức tính từ"
            " ngày này. Hãy ghi ngày lễ kết nạp thật khi có"
        )

    def _status(self, raw: dict[str, Any], result: RowResult) -> None:
        """The sheet's activity status: a leaving milestone on its date, or the exemption flag."""
        status = raw.get("activity_status", "")
        if not status:
            return
        meaning = registry.status_meaning(status)
        if meaning is None:
            result.warnings.append(f"Trạng thái hoạt động “{status}” chưa hiểu được; đã ghi lại nguyên văn")
        elif meaning == "exempt":
            raw["exempt_from_activities"] = 1
        elif meaning in registry.STATUS_MILESTONES:
            if raw.get("left_on"):
                result.milestones[meaning] = raw["left_on"]
            else:
                result.reasons.append(
                    f"Trạng thái “{status}” nhưng thiếu ngày rời khỏi / ngày mất; hãy ghi ngày vào bảng tính"
                )

    def _gender_and_birth(self, cells: dict[str, Any], reasons: list[str]) -> tuple[str | None, Any]:
        """Gender from its column, from tick columns, or from the Nam/Nữ column the birth date sits in."""
        sources: list[str] = []
        try:
            stated = values.gender_value(cells.get("gender"))
        except ValueProblem as exc:
            reasons.append(str(exc))
            stated = None
        if stated:
            sources.append(stated)
        if "gender_female_mark" in self.column or "gender_male_mark" in self.column:
            female = values.is_marked(cells.get("gender_female_mark"))
            male = values.is_marked(cells.get("gender_male_mark"))
            if female and male:
                reasons.append("Đánh dấu cả Nam và Nữ")
            elif female:
                sources.append("Nữ")
            elif male or "gender_male_mark" not in self.column:
                sources.append("Nam")  # a lone 'Nữ' tick column: blank means a man
        birth = cells.get("birth_date")
        male_birth, female_birth = cells.get("birth_date_male"), cells.get("birth_date_female")
        if not is_blank(male_birth) and not is_blank(female_birth):
            reasons.append("Ngày sinh ghi ở cả cột Nam và cột Nữ")
        elif not is_blank(male_birth):
            birth = male_birth if is_blank(birth) else birth
            sources.append("Nam")
        elif not is_blank(female_birth):
            birth = female_birth if is_blank(birth) else birth
            sources.append("Nữ")
        if len(set(sources)) > 1:
            reasons.append("Giới tính ghi không thống nhất giữa các cột (Nam và Nữ)")
            return None, birth
        return (sources[0] if sources else None), birth

    # --- cells ----------------------------------------------------------------------------

    def resolve_cell(self, result: RowResult) -> None:
        name = result.cell_name
        if not name and self.actor_cell is not None:
            # A cell secretary's list without a cell column is a list of their own cell.
            own = cell_store.get(self.store, self.actor_cell)
            name = result.cell_name = own["name"] if own else ""
        if not name:
            return
        key = vn.fold(name)
        if key not in self.cells:
            found = cell_store.by_name(self.store, name)
            if found is None and not key.startswith("chi bo"):
                found = cell_store.by_name(self.store, f"Chi bộ {name}")
            if found is None and key.startswith("chi bo "):
                found = cell_store.by_name(self.store, name[len("chi bộ ") :])
            if found is None:
                found = cell_by_place(self.store, name)
            self.cells[key] = found
        found = self.cells[key]
        if found is not None:
            result.cell_id = found["id"]
            result.cell_name = found["name"]
        elif not self.admin:
            result.reasons.append(f"Chi bộ “{name}” chưa có trong dữ liệu; chỉ tài khoản quản trị được tạo chi bộ mới")
        else:
            self.new_cells.setdefault(key, name)
            result.cell_name = self.new_cells[key]

    # --- against the file ---------------------------------------------------------------------

    def classify(self, parsed: list[_Parsed], progress: Progress) -> None:
        by_cccd = import_store.people_by_cccd(self.store, (p.person.get("cccd") for p in parsed))
        by_name = import_store.people_by_folded_name(self.store, (p.folded for p in parsed))
        seen_cccd: dict[str, int] = {}
        seen_name: dict[tuple[str, str], int] = {}
        seen_person: dict[int, int] = {}
        matched: list[_Parsed] = []
        for index, item in enumerate(parsed):
            if index % 500 == 0:
                progress(index, len(parsed), f"Đang đối chiếu với dữ liệu: dòng {index + 1}/{len(parsed)}")
            row = item.row
            cccd = item.person.get("cccd")
            if cccd and cccd in seen_cccd:
                row.reasons.append(f"Trùng số CCCD với dòng {seen_cccd[cccd]} của bảng tính")
            elif cccd:
                seen_cccd[cccd] = row.row_number
            if item.birth_iso and item.folded:
                key = (item.folded, item.birth_iso)
                if key in seen_name:
                    row.reasons.append(f"Trùng họ tên và ngày sinh với dòng {seen_name[key]} của bảng tính")
                else:
                    seen_name[key] = row.row_number
            self.resolve_cell(row)
            person = self._match(item, by_cccd, by_name)
            if person is not None and person["id"] in seen_person:
                row.reasons.append(
                    f"Cùng một người ({person['full_name']}, mã {person['id']}) với dòng "
                    f"{seen_person[person['id']]} của bảng tính"
                )
            elif person is not None:
                seen_person[person["id"]] = row.row_number
            if person is not None:
                row.status = "match"
                row.person_id = person["id"]
                row.snapshot = {k: v for k, v in person.items() if k != "sort_key"}
                matched.append(item)
            else:
                self._as_new(item)
        existing = import_store.live_milestone_dates(
            self.store, (i.row.person_id for i in matched if i.row.person_id), MILESTONE_FIELDS.values()
        )
        for item in matched:
            self._as_match(item, existing.get(item.row.person_id or 0, {}))
        for item in parsed:
            self._check_road(item)
            if item.row.reasons:
                item.row.status = "refused"

    def _match(
        self, item: _Parsed, by_cccd: dict[str, dict[str, Any]], by_name: dict[str, list[dict[str, Any]]]
    ) -> dict[str, Any] | None:
        row = item.row
        cccd = item.person.get("cccd")
        found: dict[int, dict[str, Any]] = {}
        via_cccd = by_cccd.get(cccd) if cccd else None
        if via_cccd:
            found[via_cccd["id"]] = via_cccd
        if item.birth_iso:
            for person in by_name.get(item.folded, []):
                if _same_birth(person, item):
                    found[person["id"]] = person
        if not found:
            return None
        if len(found) > 1:
            names = ", ".join(f"{p['full_name']} (mã {p['id']})" for p in found.values())
            row.reasons.append(
                f"Có thể là một trong nhiều người đã có: {names}; chương trình không tự gộp, hãy kiểm tra lại"
            )
            return None
        person = next(iter(found.values()))
        who = f"{person['full_name']} (mã {person['id']})"
        if person["deleted_at"]:
            row.reasons.append(f"Trùng với {who} đang nằm trong mục đã xóa; hãy khôi phục hồ sơ đó trước")
        elif via_cccd and person["name_folded"] != item.folded:
            row.reasons.append(f"Số CCCD {cccd} đã ghi cho {who}, nhưng họ tên khác; không tự gộp")
        elif via_cccd and item.birth_iso and person["birth_date"] and not _same_birth(person, item):
            row.reasons.append(
                f"Số CCCD {cccd} đã ghi cho {who}, nhưng ngày sinh khác "
                f"({vn.format_date(person['birth_date'])}); không tự gộp"
            )
        elif cccd and person["cccd"] and person["cccd"] != cccd:
            row.reasons.append(
                f"Trùng họ tên và ngày sinh với {who}, nhưng số CCCD khác ({person['cccd']}); không tự gộp"
            )
        return person

    def _as_new(self, item: _Parsed) -> None:
        row = item.row
        row.values = dict(item.person)
        row.year_only = item.year_only
        for key, label in (("full_name", "họ và tên"), ("gender", "giới tính"), ("birth_date", "ngày sinh")):
            if not item.person.get(key) and not any(label in r.lower() for r in row.reasons):
                row.reasons.append(f"Thiếu {label}")
        self._check_cell_right(row, row.cell_id)

    def _as_match(self, item: _Parsed, existing_milestones: dict[str, str]) -> None:
        row, person = item.row, item.row.snapshot
        _, errors = clean_person(item.person, existing=person, today=self.today)
        row.reasons.extend(e for e in errors.values() if e not in row.reasons)
        changes: dict[str, Any] = {}
        for key, value in item.person.items():
            if key == "birth_date":
                if item.year_only and person["birth_date"] and person["birth_date"][:4] == value[:4]:
                    continue  # the file knows more than the sheet
                if not item.year_only and person["birth_year_only"]:
                    row.year_only = False
            if key == "full_name" and value.casefold() == (person.get(key) or "").casefold():
                continue  # a list typed in capitals does not rewrite a name written properly
            if value != person.get(key):
                changes[key] = value
                row.changes.append(Change(key, _label(key), shown_value(key, person.get(key)), shown_value(key, value)))
        if row.year_only is False and "birth_date" not in changes:
            changes["birth_date"] = item.person["birth_date"]
            row.changes.append(
                Change(
                    "birth_date",
                    _label("birth_date"),
                    person["birth_date"][:4],
                    shown_value("birth_date", item.person["birth_date"]),
                )
            )
        row.values = changes
        if row.cell_name and (row.cell_id is None or row.cell_id != person["cell_id"]):
            old = cell_store.get(self.store, person["cell_id"])["name"] if person["cell_id"] else ""
            row.changes.append(Change("cell", "Chi bộ", old, row.cell_name))
        for key, date in list(row.milestones.items()):
            kind = MILESTONE_FIELDS[key]
            stored = person["official_on"] if key == "official_on" else existing_milestones.get(kind)
            if key in row.estimated and (
                stored is not None or person["official_on"] or existing_milestones.get("admission_decision")
            ):
                # The file knows the real date, or already holds this road: an estimate is for papers only.
                row.milestones.pop(key)
                row.estimated.remove(key)
                continue
            label = _milestone_label(key)
            if stored is None:
                row.changes.append(Change(key, label, "", vn.format_date(date)))
            elif stored == date:
                del row.milestones[key]
            else:
                row.reasons.append(
                    f"{label} trong bảng tính ({vn.format_date(date)}) khác với hồ sơ "
                    f"({vn.format_date(stored)}); hãy sửa trong hồ sơ nếu cần, không tự ghi đè"
                )
        if self.actor_cell is not None and person["cell_id"] != self.actor_cell:
            # The person already here belongs to another cell: this account may not change them,
            # whatever cell the sheet names (said per row before anything is written).
            where = self._cell_name(person["cell_id"])
            row.reasons.append(
                f"Trùng với {person['full_name']} (mã {person['id']}) đang thuộc "
                f"{where or 'chưa có chi bộ'}; tài khoản này chỉ được sửa người của "
                f"{self._cell_name(self.actor_cell)}, nên không được thay đổi hồ sơ này"
            )
        else:
            self._check_cell_right(row, row.cell_id if row.cell_name else person["cell_id"])

    def _cell_name(self, cell_id: int | None) -> str:
        found = cell_store.get(self.store, cell_id) if cell_id is not None else None
        return str(found["name"]) if found else ""

    def _check_cell_right(self, row: RowResult, cell_id: int | None) -> None:
        if self.actor_cell is not None and cell_id != self.actor_cell:
            row.reasons.append(
                f"Tài khoản này chỉ được nhập người của chi bộ được giao "
                f"({self._cell_name(self.actor_cell)}); dòng này thuộc "
                f"{self._cell_name(cell_id) or 'chi bộ khác'}"
            )

    def _check_road(self, item: _Parsed) -> None:
        row = item.row
        snapshot = row.snapshot
        admitted = row.milestones.get("admitted_on") or (snapshot.get("admitted_on") if snapshot else None)
        official = row.milestones.get("official_on")
        if self.kind == "members" and not admitted:
            row.reasons.append("Danh sách đảng viên: thiếu ngày vào Đảng (ngày kết nạp)")
        if official and not admitted:
            row.reasons.append("Có ngày chính thức nhưng thiếu ngày vào Đảng")
        elif official and admitted and official < admitted:
            row.reasons.append("Ngày chính thức trước ngày vào Đảng")
        birth = item.birth_iso or (snapshot.get("birth_date") if snapshot else None)
        if birth and admitted and admitted <= birth:
            row.reasons.append("Ngày vào Đảng trước ngày sinh")


def _milestone_label(key: str) -> str:
    return registry.STATUS_LABELS.get(key) or headers.import_fields()[key].label


def _same_birth(person: dict[str, Any], item: _Parsed) -> bool:
    """Same birth date; only the year is compared when either side knows only the year."""
    stored = person["birth_date"] or ""
    if item.year_only or person["birth_year_only"]:
        return stored[:4] == (item.birth_iso or "")[:4]
    return stored == item.birth_iso


def _label(key: str) -> str:
    spec = FIELD_BY_NAME.get(key)
    return spec.label if spec else key


def shown_value(key: str, value: Any) -> str:
    """A stored value as the preview shows it (dates dd/mm/yyyy, codes as their labels)."""
    if value in (None, ""):
        return ""
    spec = FIELD_BY_NAME.get(key)
    if spec and spec.kind == "date":
        return vn.format_date(value)
    if key == "gender":
        return codes.GENDER_LABELS.get(value, str(value))
    if key == "occupation_category":
        return codes.OCCUPATIONS.get(value, str(value))
    if spec and spec.kind == "bool":
        return "Có" if value else "Không"
    return str(value)


def build(
    store: Store,
    layout: Layout,
    rows: list[list[Any]],
    *,
    path: str,
    sheet: str,
    sheets: list[str],
    kind: str | None,
    mapping: dict[int, str],
    today: dt.date,
    actor_cell: int | None,
    admin: bool,
    calendar: WorkCalendar,
    rules: RuleSet,
    progress: Progress,
    keep_as_written: Collection[int] | bool = (),
) -> Preview:
    """Classify every data row below the header (``rows`` with merged cells filled); ``kind``
    None means detected from the titles, the sheet name and the columns."""
    if kind is not None and kind not in KIND_LABELS:
        raise Refused(f"Loại danh sách “{kind}” không hợp lệ (members hoặc candidates)")
    titles = [text(v) for r in rows[: min(layout.header_rows, default=layout.data_start)] for v in r if not is_blank(v)]
    guess = (
        KindGuess(kind, "", chosen=True) if kind else detect(list(dict.fromkeys(titles)), sheet, set(mapping.values()))
    )
    kind = guess.kind
    builder = _Builder(
        store,
        today=today,
        kind=kind,
        actor_cell=actor_cell,
        admin=admin,
        mapping=mapping,
        calendar=calendar,
        ceremony_days=int(rules["ceremony_deadline_working_days"]),
        labels=layout.labels,
        keep_as_written=keep_as_written,
    )
    parsed: list[_Parsed] = []
    skipped: list[tuple[int, str]] = []
    section = title_cell(rows[: min(layout.header_rows, default=layout.data_start)]) or sheet_cell(store, sheet)
    total = len(rows) - layout.data_start
    for offset, row in enumerate(rows[layout.data_start :]):
        number = layout.data_start + offset + 1
        if offset % 500 == 0:
            progress(offset, total, f"Đang kiểm tra dòng {offset + 1}/{total}")
        name = builder.name_of(row)
        # A row with a birth date or an identity number is a person's, whatever else it says (and
        # is never blank): only the others are looked at as blank, heading or total rows.
        if not builder.has_identity(row):
            cells = values.filled(row)
            if not cells:
                continue
            first = text(cells[0])
            # A heading merged across the row repeats one value in every cell.
            lone_heading = all(v == cells[0] for v in cells[1:]) and (
                len(cells) > 1 or not name or bool(_section_cell(first)) or shapes.is_total_text(first)
            )
            reason = _skip_reason(row, cells, first, lone_heading)
            if reason:
                if reason.startswith(_HEADING):
                    section = _section_cell(first) or ""
                skipped.append((number, reason))
                continue
        if not name:
            result = RowResult(number, "refused", name, "", reasons=["Thiếu họ và tên"])
            parsed.append(_Parsed(result, {}, "", None, False))
            continue
        parsed.append(builder.parse(number, row, section))
    ready = [p for p in parsed if p.row.status != "refused" or p.person]
    builder.classify(ready, progress)
    for item in parsed:
        if item.row.reasons:
            item.row.status = "refused"
    progress(total, total, "Đã kiểm tra xong")
    header_numbers = [r + 1 for r in layout.header_rows]
    new_cells = list(
        dict.fromkeys(
            p.row.cell_name for p in parsed if p.row.status != "refused" and p.row.cell_name and p.row.cell_id is None
        )
    )
    return Preview(
        path,
        sheet,
        sheets,
        kind,
        layout.labels,
        dict(mapping),
        header_numbers,
        [p.row for p in parsed],
        skipped,
        new_cells,
        guess,
        registry.LAYOUT_LABEL if registry.is_registry_layout(set(mapping.values())) else OWN_LAYOUT,
    )
