"""docs/steps.md, written from the step schema so that it cannot drift from it
(``commune-app step schema --markdown``, ``scripts/steps_doc.py``; a test compares them)."""

from __future__ import annotations

from commune_app.domain import steps
from commune_app.domain.road import KIND_BY_CODE

_TYPES = {
    "text": "chữ (một dòng)",
    "long": "chữ (nhiều dòng)",
    "int": "số nguyên ≥ 0",
    "date": "ngày",
    "choice": "lựa chọn",
    "flag": "có/không",
    "organisations": "danh sách tổ chức",
}
_ROLES = {"admin": "quản trị", "clerk": "văn thư"}

_INTRO = """# Các bước trên quá trình phát triển đảng viên và các mục của từng bước

Tệp này được tạo từ `commune_app/domain/steps.py` (lệnh `commune-app step schema --markdown`, hoặc
`python scripts/steps_doc.py`); đừng sửa tay: một bài kiểm tra so sánh nó với lược đồ.

Mỗi bước có ngày (bắt buộc), và nếu bước có văn bản thì có số văn bản và cơ quan ban hành. Các mục
riêng của bước được lưu trong `details` của mốc hồ sơ với đúng tên mục dưới đây. Quy tắc chung:

- Cửa sổ chương trình, lệnh `commune-app step add` và mọi thao tác khác ghi nhận bước qua cùng một
  kiểm tra (`steps.validate`): mục bắt buộc phải có; số không âm; ngày đúng dạng; lựa chọn phải là một
  trong các mã của danh mục (không có giá trị mặc định ngầm); các quy tắc giữa các mục của bước.
- Mục "In trong" cho biết văn bản nào in mục đó: văn bản chỉ là bản chính thức khi mọi mục nó in
  đều đã có (`steps.missing_for_form`). Để trống nghĩa là văn bản còn là dự thảo.
- "Câu gợi ý" chỉ được đưa ra để văn thư chọn dùng (nút "Dùng câu gợi ý"); không dùng thì không lưu gì.
- Số đảng viên chính thức, dự bị của chi bộ tại ngày họp được lấy từ danh sách; văn thư sửa thì phải
  ghi lý do ở mục `counts_note`. Ngưỡng 2/3 tính trên cùng các số đó.
- Bước nhập từ hồ sơ giấy trước đây (`from_papers`, hoặc nhập từ bảng tính) không bắt buộc có các
  mục, nhưng lựa chọn và số liệu đã ghi vẫn phải đúng.
- Lệnh `commune-app check` và danh sách "Việc cần làm" liệt kê (mã `STEP-SCHEMA`) các bước đã lưu
  không còn đúng lược đồ để văn thư sửa; không có gì bị sửa hay xóa ngầm. Riêng ý kiến nhận xét ghi
  theo các mục cũ ({retired}) được chuyển nguyên văn vào `organisations` khi mở tệp (bước nâng cấp
  `0004_step_schema`, mỗi thay đổi có một dòng nhật ký).
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _choices(item: steps.StepField) -> str:
    if item.rule_choices:
        return f"theo bộ quy định (`{item.rule_choices}`)"
    return "; ".join(f"`{code}` {label}" for code, label in item.choices)


def _field_row(item: steps.StepField) -> str:
    kind = _TYPES[item.type] + (f" ({item.unit})" if item.unit else "")
    notes = []
    if item.printed_if == "absent":
        notes.append("chỉ in khi có người vắng mặt")
    if item.from_records:
        notes.append("lấy từ danh sách chi bộ")
    if item.suggestion:
        notes.append(f"câu gợi ý: “{item.suggestion}”")
    return (
        "| "
        + " | ".join(
            _cell(x)
            for x in (
                f"`{item.key}`",
                item.label,
                kind,
                "có" if item.required else "",
                ", ".join(item.prints_in),
                _choices(item),
                "; ".join(notes),
            )
        )
        + " |"
    )


def _section(schema: steps.StepSchema) -> list[str]:
    form = KIND_BY_CODE[schema.kind].form
    lines = [f"## {schema.label} (`{schema.kind}`)", ""]
    facts = [
        f"Mẫu: {form}" if form else "Không có mẫu riêng",
        f"ngày: {schema.date_label}",
        "có số văn bản và cơ quan ban hành" if schema.has_document else "không có số văn bản",
        "người ghi nhận: " + ", ".join(_ROLES.get(r, r) for r in schema.roles),
    ]
    if schema.feeds:
        facts.append("dữ liệu in trong: " + ", ".join(schema.feeds))
    lines += ["; ".join(facts) + ".", ""]
    if schema.fields:
        lines += [
            "| Mục | Tên | Kiểu | Bắt buộc | In trong | Lựa chọn | Ghi chú |",
            "|---|---|---|---|---|---|---|",
            *(_field_row(f) for f in schema.fields),
            "",
        ]
    else:
        lines += ["Bước này không có mục riêng.", ""]
    if any(f.type == "organisations" for f in schema.fields):
        lines += [
            "Mỗi tổ chức: "
            + "; ".join(f"`{key}` {label} ({_TYPES[kind]})" for key, (label, kind) in steps.ORGANISATION_KEYS.items())
            + ".",
            "",
        ]
    for rule in schema.checks:
        lines.append(f"- Quy tắc: {rule.text}")
    if schema.checks:
        lines.append("")
    return lines


def render_markdown() -> str:
    retired = sorted({key for keys in steps.RETIRED_KEYS.values() for key in keys})
    lines = [_INTRO.format(retired=", ".join(f"`{key}`" for key in retired))]
    for schema in steps.SCHEMAS.values():
        lines += _section(schema)
    return "\n".join(lines).rstrip("\n") + "\n"
