"""Hypothesis over generated sheets (header variants, merged cells, blank rows, total rows, names from
every common family name): every row with a valid name and birth date is imported or listed as refused
with its reason (never skipped), every skipped row says why, and importing the same sheet again changes
nothing."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commune_app.bench.importing import registry_people, write_registry_sheet
from commune_app.ops import importing
from commune_app.ops.context import Actor, open_session
from tests.conftest import TODAY
from tests.core.import_sheets import write_xlsx

# The common family names, those a total-row detector folding tones confuses (Tống, Công, Tổng, Cống,
# Cồng) and two-word ones (Âu Dương, Tôn Nữ).
FAMILIES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Lò",
    "Hà",
    "Nông",
    "Triệu",
    "Tống",
    "Công",
    "Tổng",
    "Cống",
    "Cồng",
    "Âu Dương",
    "Tôn Nữ",
    "Ma",
    "Vi",
    "Mùa",
    "Đinh",
    "Cao",
    "Chu",
    "Lương",
    "Tạ",
]
MIDDLES = ["Văn", "Thị", "Đức", "Ngọc", "Thu", "Minh", "A"]
GIVENS = ["An", "Bình", "Cường", "Dung", "Hà", "Hen", "Lan", "Mai", "Nam", "Sơn", "Tân", "Yến", "Ánh", "Ân"]
TOTALS = ["Tổng cộng", "Cộng", "Tổng số: 12", "Cộng chi bộ: 4 đồng chí", "TỔNG CỘNG", "12 đồng chí"]

people = st.builds(
    lambda family, middle, given, born, female: (f"{family} {middle} {given}", born, female),
    st.sampled_from(FAMILIES),
    st.sampled_from(MIDDLES),
    st.sampled_from(GIVENS),
    st.dates(dt.date(1950, 1, 1), dt.date(2007, 12, 31)),
    st.booleans(),
)
# A body line: a person, a blank row, a total row or a group heading.
lines = st.one_of(
    people.map(lambda p: ("person", p)),
    st.just(("blank", None)),
    st.sampled_from(TOTALS).map(lambda t: ("total", t)),
    st.sampled_from(["I. CHI BỘ THÔN NÀ LẦU", "II. CHI BỘ BẢN MỚI"]).map(lambda t: ("heading", t)),
)


def _own_sheet(folder: Path, body: list, two_rows: bool, merged: bool) -> tuple[Path, dict[int, tuple]]:
    width = 6
    rows: list[list] = [["DANH SÁCH QUẦN CHÚNG ƯU TÚ"] + [None] * (width - 1)]
    merges = ["A1:F1"]
    if two_rows:
        rows += [
            ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Dân tộc", "Tôn giáo"],
            [None, None, "Nam", "Nữ", None, None],
        ]
        merges += ["A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3"]
    else:
        rows += [["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Tôn giáo"]]
    expected: dict[int, tuple] = {}
    for index, (kind, value) in enumerate(body):
        number = len(rows) + 1
        if kind == "person":
            name, born, female = value
            birth = [None, born.strftime("%d/%m/%Y")] if female else [born.strftime("%d/%m/%Y"), None]
            rows.append(
                [
                    index + 1,
                    name,
                    *(birth if two_rows else ["Nữ" if female else "Nam", birth[0] or birth[1]]),
                    "Kinh",
                    "Không",
                ]
            )
            expected[number] = value
        elif kind == "blank":
            rows.append([None] * width)
        elif kind == "total":
            rows.append([None, value, None, None, None, None])
        else:
            rows.append([value] + [None] * (width - 1))
            if merged:
                merges.append(f"A{number}:F{number}")
    return write_xlsx(folder / "ds.xlsx", {"DS": rows}, {"DS": merges}), expected


def _registry_sheet(folder: Path, body: list, two_rows: bool) -> tuple[Path, dict[int, tuple]]:
    template = registry_people(1)[0]
    listed, expected = [], {}
    first = 3 if two_rows else 2
    for kind, value in body:
        if kind == "person":
            name, born, female = value
            expected[first + len(listed)] = value
            listed.append(
                {
                    **template,
                    "name": name,
                    "birth": born.strftime("%d/%m/%Y"),
                    "cccd": None,
                    "gender": "Nữ" if female else "Nam",
                    "id": f"DV{len(listed)}",
                    "card": None,
                }
            )
        elif kind == "total":
            listed.append({"row": None, "name": value})
        elif kind == "blank":
            listed.append({"row": None})
    return write_registry_sheet(folder / "ds.xlsx", listed, two_row_header=two_rows), expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.lists(lines, min_size=1, max_size=14),
    layout=st.sampled_from(["own", "registry"]),
    two_rows=st.booleans(),
    merged=st.booleans(),
)
def test_nobody_is_lost_and_a_second_import_changes_nothing(body, layout, two_rows, merged):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path, expected = (
            _own_sheet(folder, body, two_rows, merged) if layout == "own" else _registry_sheet(folder, body, two_rows)
        )
        session = open_session(folder / "dulieu.sqlite", actor=Actor(username="kiemthu", role="admin"))
        session.today_override = TODAY
        try:
            preview = importing.preview(session, path)
            rows = {r.row_number: r for r in preview.rows}
            skipped = dict(preview.skipped)
            for number, (name, _, _) in expected.items():
                assert number not in skipped, (number, name, skipped.get(number, ""))
                row = rows[number]
                assert row.status == "new" or (row.status == "refused" and row.reasons), (name, row.reasons)
            assert all(reason for reason in skipped.values())
            importing.commit(session, preview)
            again = importing.preview(session, path)
            assert all(r.unchanged or r.status == "refused" for r in again.rows), [
                (r.full_name, r.status, r.changes) for r in again.rows if not r.unchanged
            ]
            summary = importing.commit(session, again)
            assert (summary.created, summary.updated) == (0, 0)
        finally:
            session.close()
