"""Commit: the accepted rows in one transaction, all or nothing, audited, never duplicated."""

from __future__ import annotations

import json

import pytest

from commune_app.errors import Refused
from commune_app.importing import commit as commit_mod
from commune_app.ops import importing
from commune_app.ops import people as people_ops
from commune_app.progress import Cancelled, Progress
from commune_app.store import road as road_store
from tests.core.import_sheets import commune_member_list, write_xlsx
from tests.factories import make_person


def _count(session, table):
    return session.store.scalar(f"SELECT count(*) FROM {table}")


def _members(session, tmp_path):
    path = commune_member_list(tmp_path / "dang-vien.xlsx")
    return path, importing.preview(session, path, "Đảng viên", "members")


def test_commit_writes_people_milestones_cells_and_one_audit_row_naming_the_file(session, tmp_path):
    _path, preview = _members(session, tmp_path)
    summary = importing.commit(session, preview)
    assert (summary.created, summary.updated, summary.refused) == (3, 0, 1)
    assert summary.cells_created == ["Chi bộ thôn Nà Lầu", "Chi bộ thôn Pác Bó"]
    people = {r["full_name"]: r for r in session.store.query("SELECT * FROM people")}
    an = people["Nguyễn Văn An"]
    assert an["status"] == "official" and an["official_on"] == "2006-02-03" and an["cccd"] == "001080012345"
    assert people["Lò Văn Cường"]["status"] == "probationary"
    assert people["Lò Văn Cường"]["birth_year_only"] == 1 and people["Lò Văn Cường"]["birth_date"] == "1975-01-01"
    assert people["Hoàng thị Bích"]["cell_id"] == an["cell_id"]
    kinds = session.store.query("SELECT kind, details FROM milestones WHERE person_id = ?", [an["id"]])
    assert sorted(k["kind"] for k in kinds) == ["admission_decision", "recognition_decision"]
    assert all(json.loads(k["details"])["source"] == "import" for k in kinds)
    audit = session.store.one("SELECT * FROM audit WHERE action = 'import'")
    assert "dang-vien.xlsx" in audit["summary"] and "Đảng viên" in audit["summary"]
    assert json.loads(audit["after"])["sheet"] == "Đảng viên"
    assert any("3 người thêm mới" in line for line in summary.lines())


def test_importing_the_same_sheet_again_creates_no_one(session, tmp_path):
    path, preview = _members(session, tmp_path)
    importing.commit(session, preview)
    again = importing.preview(session, path, "Đảng viên", "members")
    assert [r.status for r in again.rows] == ["match", "match", "match", "refused"]
    summary = importing.commit(session, again)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 3)
    # 5 dates of the sheet, and the estimated ceremony of Lò Văn Cường (admitted 1998, no official date).
    assert _count(session, "people") == 3 and _count(session, "milestones") == 6


def test_import_export_import_creates_no_duplicate(session, tmp_path):
    from commune_app.ops.list_export import export_people
    from commune_app.store.people import PeopleFilter

    _, preview = _members(session, tmp_path)
    importing.commit(session, preview)
    ids = people_ops.search_ids(session, PeopleFilter())
    exported = export_people(
        session,
        tmp_path / "xuat.xlsx",
        ids,
        [
            "full_name",
            "gender",
            "birth_date",
            "ethnicity",
            "religion",
            "cccd",
            "cell",
            "admitted_on",
            "official_on",
            "status",
        ],
    )
    again = importing.preview(session, exported, kind="members")
    assert [r.status for r in again.rows] == ["match"] * 3
    assert all(r.unchanged for r in again.rows), [(r.full_name, r.changes) for r in again.rows]
    importing.commit(session, again)
    assert _count(session, "people") == 3


def test_only_the_accepted_rows_are_written(session, tmp_path):
    _, preview = _members(session, tmp_path)
    summary = importing.commit(session, preview, accepted_rows=[9])
    assert summary.created == 1 and summary.not_accepted == 2
    assert [r["full_name"] for r in session.store.query("SELECT full_name FROM people")] == ["Hoàng thị Bích"]
    assert summary.cells_created == ["Chi bộ thôn Nà Lầu"]


def test_a_refused_row_cannot_be_accepted(session, tmp_path):
    _, preview = _members(session, tmp_path)
    with pytest.raises(Refused, match="Dòng 13"):
        importing.commit(session, preview, accepted_rows=[8, 13])
    assert _count(session, "people") == 0


def test_a_failure_half_way_leaves_nothing_written(session, tmp_path, monkeypatch):
    _, preview = _members(session, tmp_path)
    audits = _count(session, "audit")
    calls = {"n": 0}
    original = road_store.milestone_row

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("mất điện")
        return original(*args, **kwargs)

    # One new person per batch, so the first one is written when the second one's milestone fails.
    monkeypatch.setattr(commit_mod, "_BATCH", 1)
    monkeypatch.setattr(road_store, "milestone_row", failing)
    with pytest.raises(RuntimeError):
        importing.commit(session, preview)
    assert _count(session, "people") == 0 and _count(session, "cells") == 0
    assert _count(session, "milestones") == 0 and _count(session, "audit") == audits


def test_cancelling_rolls_everything_back(session, tmp_path):
    _, preview = _members(session, tmp_path)
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        importing.commit(session, preview, progress=progress)
    assert _count(session, "people") == 0


def test_a_stale_preview_is_refused(session, tmp_path):
    person = make_person(session, "Nguyễn Văn An", birth_date="1980-02-05")
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        {
            "DS": [
                ["Họ và tên", "Giới tính", "Ngày sinh", "Quê quán"],
                ["Nguyễn Văn An", "Nam", "05/02/1980", "Hà Giang"],
                ["Lê Văn Bình", "Nam", "05/02/1981", "Hà Giang"],
            ]
        },
    )
    preview = importing.preview(session, path, kind="candidates")
    people_ops.update_person(session, person, {"hometown": "Cao Bằng"})
    with pytest.raises(Refused, match="đã thay đổi sau khi xem trước"):
        importing.commit(session, preview)
    fresh = importing.preview(session, path, kind="candidates")
    make_person(session, "Lê Văn Bình", birth_date="1981-02-05")
    with pytest.raises(Refused, match="đã được thêm vào dữ liệu"):
        importing.commit(session, fresh)
    assert _count(session, "people") == 2


def test_updates_go_through_the_audit_and_move_the_cell_with_history(session, tmp_path):
    from tests.factories import make_cell

    old_cell = make_cell(session, "Chi bộ thôn Cũ")
    person = make_person(session, "Nguyễn Văn An", birth_date="1980-01-01", cell_id=old_cell)
    with session.write():
        session.store.conn.execute("UPDATE people SET birth_year_only = 1 WHERE id = ?", [person])
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        {
            "DS": [
                ["Họ và tên", "Ngày sinh", "Chi bộ", "Quê quán"],
                ["Nguyễn Văn An", "05/02/1980", "Chi bộ thôn Mới", "Hà Giang"],
            ]
        },
    )
    preview = importing.preview(session, path, kind="candidates")
    row = preview.rows[0]
    assert row.status == "match" and {c.field for c in row.changes} == {"birth_date", "cell", "hometown"}
    summary = importing.commit(session, preview)
    assert summary.updated == 1 and summary.cells_created == ["Chi bộ thôn Mới"]
    stored = session.store.one("SELECT * FROM people WHERE id = ?", [person])
    assert stored["birth_date"] == "1980-02-05" and stored["birth_year_only"] == 0
    assert stored["hometown"] == "Hà Giang"
    history = session.store.query("SELECT * FROM cell_assignments WHERE person_id = ? ORDER BY id", [person])
    assert len(history) == 2 and history[0]["to_date"] is not None


def test_the_year_only_flag_is_written_with_its_audit_row(session, tmp_path):
    _path, preview = _members(session, tmp_path)
    importing.commit(session, preview)
    person = session.store.one("SELECT id FROM people WHERE full_name = 'Lò Văn Cường'")["id"]
    rows = session.store.query(
        "SELECT before, after FROM audit WHERE entity = 'person' AND entity_id = ? AND after LIKE '%birth_year_only%'",
        [person],
    )
    assert [(json.loads(r["before"]), json.loads(r["after"])) for r in rows] == [
        ({"birth_year_only": 0}, {"birth_year_only": 1})
    ]


def test_new_people_get_the_status_the_milestones_give(session, tmp_path):
    """Status and key dates written with a new person equal what refreshing from the milestones gives."""
    from commune_app.store import people as people_store

    _, preview = _members(session, tmp_path)
    importing.commit(session, preview)
    for person_id, *stored in session.store.conn.execute(
        "SELECT id, status, stage, admitted_on, ceremony_on, official_on, certificate_on FROM people"
    ):
        derived = people_store.refresh_derived(session.store, person_id).as_columns()
        assert list(derived.values()) == stored
