"""Members and probationers come in with their history, honestly dated: no false alarm for what surely
happened long ago, the open deadlines kept, an overdue recognition reported as overdue."""

from __future__ import annotations

import datetime as dt

from commune_app.ops import agenda, importing
from commune_app.rules import check_person, deadlines
from commune_app.store import road_queries
from tests.core.import_sheets import write_xlsx

HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng", "Ngày lễ kết nạp", "Ngày vào Đảng chính thức"]
# Test day: 20/11/2026 (tests/conftest.py).
ROWS = [
    ["Vũ Thị Hạnh", "Nữ", "02/03/1995", "01/09/2024", None, None],  # no ceremony date, > 12 months back
    ["Lò Văn Cường", "Nam", "02/03/1996", "02/03/2026", "16/03/2026", None],  # ceremony, < 12 months
    ["Hà Thị Mai", "Nữ", "02/03/1997", "01/06/2024", "20/06/2024", None],  # ceremony, > 12 months: overdue
    ["Nông Văn Sơn", "Nam", "02/03/1998", "10/11/2026", None, None],  # decided days ago: ceremony still ahead
    ["Bế Văn Long", "Nam", "02/03/1980", "01/02/2010", None, "01/02/2011"],  # official long ago
]


def _imported(session, tmp_path):
    path = write_xlsx(tmp_path / "du-bi.xlsx", {"DS": [HEADER, *ROWS]})
    preview = importing.preview(session, path, kind="members")
    assert [r.status for r in preview.rows] == ["new"] * 5, [r.reasons for r in preview.rows]
    importing.commit(session, preview)
    ids = dict(session.store.conn.execute("SELECT full_name, id FROM people"))
    records = road_queries.records_for(session.store, list(ids.values()))
    return preview, {name: records[i] for name, i in ids.items()}


def _codes(session, record):
    return {d.code: d for d in deadlines(record, session.rules, session.calendar, session.today)}


def test_probationers_get_the_right_next_deadline(session, tmp_path):
    preview, records = _imported(session, tmp_path)
    hanh = preview.rows[0]
    assert "ceremony_on" in hanh.estimated and any("tạm tính ngày muộn nhất" in w for w in hanh.warnings)
    for record in records.values():
        assert all(m["details"].get("from_papers") for m in record.milestones)

    hanh_deadlines = _codes(session, records["Vũ Thị Hạnh"])
    assert "CEREMONY-DEADLINE" not in hanh_deadlines
    assert hanh_deadlines["CEREMONY-DATE"].overdue is False
    window = hanh_deadlines["RECOGNITION-WINDOW"]
    assert window.overdue and "ước tính" in window.label
    ceremony = records["Vũ Thị Hạnh"].latest("ceremony")
    assert ceremony["details"]["estimated"] is True
    latest = session.calendar.add_working_days(
        dt.date(2024, 9, 1), int(session.rules["ceremony_deadline_working_days"])
    )
    assert ceremony["date"] == latest.isoformat()

    cuong = _codes(session, records["Lò Văn Cường"])
    assert cuong["PROBATION-END"].due == dt.date(2027, 3, 16) and not cuong["RECOGNITION-WINDOW"].overdue
    mai = _codes(session, records["Hà Thị Mai"])
    assert mai["RECOGNITION-WINDOW"].overdue and "CEREMONY-DATE" not in mai
    son = _codes(session, records["Nông Văn Sơn"])
    assert not son["CEREMONY-DEADLINE"].overdue and "CEREMONY-DATE" not in son
    assert _codes(session, records["Bế Văn Long"]) == {}


def test_no_false_alarm_for_a_ceremony_long_past(session, tmp_path):
    _, records = _imported(session, tmp_path)
    findings = check_person(records["Vũ Thị Hạnh"], session.rules, session.calendar, session.today)
    messages = [f.message for f in findings]
    assert not any("Lễ kết nạp đã quá hạn" in m for m in messages), messages
    assert any(f.code == "RECOGNITION-WINDOW" and "quá hạn" in f.message for f in findings), messages
    todo = [i for i in agenda.due_items(session) if i.code == "CEREMONY-DATE"]
    assert [i.full_name for i in todo] == ["Vũ Thị Hạnh"]


def test_importing_the_same_sheet_again_changes_nothing(session, tmp_path):
    _imported(session, tmp_path)
    again = importing.preview(session, tmp_path / "du-bi.xlsx", kind="members")
    assert all(r.unchanged for r in again.rows), [(r.full_name, r.changes, r.reasons) for r in again.rows]
