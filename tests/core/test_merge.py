"""Merging an exchange file into a file that already has data: export → change some records in one
copy → merge into the other shows exactly those changes; the clerk picks; all or nothing; audited."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from commune_app.errors import Refused
from commune_app.exchange import export_file, import_file
from commune_app.ops import importing
from commune_app.ops import people as people_ops
from commune_app.ops.context import Actor, open_session
from commune_app.store import road as road_store
from tests.factories import make_cell, make_person


def _changed_elsewhere(session, tmp_path, change) -> Path:
    """This file exported, imported into a copy elsewhere, ``change(other)`` made there, and the
    copy exported again: the file a merge here reads."""
    export_file(session, tmp_path / "goc.json")
    other = open_session(tmp_path / "khac.sqlite", create=True, actor=Actor(username="xa", role="admin"))
    other.today_override = session.today
    try:
        import_file(other, tmp_path / "goc.json")
        change(other)
        export_file(other, tmp_path / "khac.json")
    finally:
        other.close()
    return tmp_path / "khac.json"


@pytest.fixture
def copies(session, tmp_path):
    """The file here (session) and a copy of it elsewhere, changed there and exported again."""
    cell = make_cell(session, name="Chi bộ thôn Nà Lầu")
    ids = {
        name: make_person(session, name, cell_id=cell, birth_date=f"19{80 + i}-02-03", cccd=f"00108{i}00{i}234")
        for i, name in enumerate(["Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường", "Hà Văn Dũng"])
    }
    export_file(session, tmp_path / "goc.json")
    other = open_session(tmp_path / "khac.sqlite", create=True, actor=Actor(username="xa", role="admin"))
    other.today_override = session.today
    try:
        import_file(other, tmp_path / "goc.json")
        people_ops.update_person(other, ids["Nguyễn Văn An"], {"phone": "0912345678", "occupation": "Nông dân"})
        with other.write() as audit:
            road_store.add_milestone(
                other.store, audit, ids["Trần Văn Bình"], {"kind": "course_certificate", "date": "2026-03-04"}
            )
        new_cell = make_cell(other, name="Chi bộ bản Mới")
        make_person(other, "Vi Thị Hoa", gender="F", cell_id=new_cell, birth_date="1999-09-09")
        export_file(other, tmp_path / "khac.json")
    finally:
        other.close()
    return ids, tmp_path / "khac.json"


def test_the_merge_shows_exactly_the_changes(session, copies):
    _ids, path = copies
    preview = importing.merge_preview(session, path)
    by_name = {r.name: r for r in preview.records}
    assert preview.counts() == {"new": 1, "identical": 2, "changed": 2, "conflict": 0}
    an = by_name["Nguyễn Văn An"]
    assert [(c.label, c.old, c.new) for c in an.changes] == [
        ("Số điện thoại", "", "0912345678"),
        ("Nghề nghiệp hiện nay", "", "Nông dân"),
    ]
    binh = by_name["Trần Văn Bình"]
    assert [(c.label, c.old, c.new) for c in binh.changes] == [
        ("Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng", "", "04/03/2026")
    ]
    assert by_name["Vi Thị Hoa"].status == "new" and preview.new_cells == ["Chi bộ bản Mới"]
    assert by_name["Lê Văn Cường"].status == by_name["Hà Văn Dũng"].status == "identical"


def test_the_clerk_picks_and_the_write_is_audited(session, copies):
    ids, path = copies
    before = session.store.scalar("SELECT count(*) FROM people")
    preview = importing.merge_preview(session, path)
    an = next(r for r in preview.records if r.name == "Nguyễn Văn An")
    counts = importing.merge_commit(session, preview, [an.key])
    assert counts["updated"] == 1 and counts["created"] == 0
    assert session.store.scalar("SELECT phone FROM people WHERE id = ?", [ids["Nguyễn Văn An"]]) == "0912345678"
    assert session.store.scalar("SELECT count(*) FROM people") == before
    audit = session.store.one("SELECT * FROM audit WHERE action = 'merge'")
    assert "khac.json" in audit["summary"] and json.loads(audit["after"])["file"].endswith("khac.json")
    again = importing.merge_preview(session, path)
    assert {r.name: r.status for r in again.records}["Nguyễn Văn An"] == "identical"


def test_a_disagreeing_record_is_a_conflict_never_merged(session, copies, tmp_path):
    _ids, path = copies
    document = json.loads(path.read_text(encoding="utf-8"))
    for row in document["tables"]["people"]:
        if row["full_name"] == "Lê Văn Cường":
            row["birth_date"] = "1970-01-01"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    preview = importing.merge_preview(session, path)
    cuong = next(r for r in preview.records if r.name == "Lê Văn Cường")
    assert cuong.status == "conflict" and any("ngày sinh khác" in r for r in cuong.reasons)
    with pytest.raises(Refused):
        importing.merge_commit(session, preview, [cuong.key])
    assert session.store.scalar("SELECT count(*) FROM audit WHERE action = 'merge'") == 0


def test_a_stale_preview_writes_nothing(session, copies):
    ids, path = copies
    preview = importing.merge_preview(session, path)
    people_ops.update_person(session, ids["Nguyễn Văn An"], {"notes": "sửa sau khi xem trước"})
    with pytest.raises(Refused):
        importing.merge_commit(session, preview)
    assert session.store.scalar("SELECT count(*) FROM people WHERE full_name = 'Vi Thị Hoa'") == 0


def test_the_command_line_merges_with_dry_run_first(session, copies, db_path):
    _, path = copies
    session.close()
    run = [sys.executable, "-m", "commune_app", "import", "--db", str(db_path), str(path), "--merge"]
    dry = subprocess.run([*run, "--dry-run"], capture_output=True, text=True)
    assert dry.returncode == 0 and "1 thêm mới, 2 giống hệt, 2 có thay đổi" in dry.stdout, dry.stderr
    done = subprocess.run(run, capture_output=True, text=True)
    assert done.returncode == 0 and "Đã gộp: 1 người thêm mới, 2 người được cập nhật" in done.stdout, done.stderr


def test_steps_relatives_and_targets_travel_and_nothing_else(session, tmp_path):
    """Export → fill in a step, add and change relatives, set a target in the other copy → the merge
    shows exactly those, writes them, and the same file again changes nothing."""
    from commune_app.ops import cells as cell_ops

    cell = make_cell(session, name="Chi bộ thôn Bản Chắt")
    an = make_person(session, "Nguyễn Văn An", cell_id=cell, birth_date="1990-02-03", cccd="001090000234")
    binh = make_person(session, "Trần Văn Bình", cell_id=cell, birth_date="1991-02-03", cccd="001091000234")
    with session.write() as audit:
        step = road_store.add_milestone(session.store, audit, an, {"kind": "course_certificate", "date": "2026-03-04"})
        mother = road_store.save_relative(session.store, audit, an, {"relation": "Mẹ", "full_name": "Lò Thị Hằng"})

    def fill_in(other) -> None:
        with other.write() as audit:
            road_store.correct_milestone(other.store, audit, step, {"doc_number": "12-GCN/TTCT"}, "bổ sung")
            road_store.save_relative(other.store, audit, an, {"occupation": "Làm ruộng"}, mother)
            road_store.save_relative(other.store, audit, binh, {"relation": "Bố", "full_name": "Trần Văn Tư"})
        cell_ops.set_target(other, cell, 2026, 3, 6)

    path = _changed_elsewhere(session, tmp_path, fill_in)
    preview = importing.merge_preview(session, path)
    by_name = {r.name: r for r in preview.records}
    assert [(c.label, c.old, c.new) for c in by_name["Nguyễn Văn An"].changes] == [
        ("Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng ngày 04/03/2026: số văn bản", "", "12-GCN/TTCT"),
        ("Người thân Mẹ Lò Thị Hằng: nghề nghiệp", "", "Làm ruộng"),
    ]
    assert [(c.label, c.new) for c in by_name["Trần Văn Bình"].changes] == [("Người thân", "Bố Trần Văn Tư")]
    assert [(t.cell_name, t.year, t.admission_target, t.course_target, t.old) for t in preview.targets] == [
        ("Chi bộ thôn Bản Chắt", 2026, 3, 6, None)
    ]
    counts = importing.merge_commit(session, preview)
    assert (counts["corrections"], counts["relatives"], counts["targets"]) == (1, 2, 1)
    assert session.store.scalar("SELECT doc_number FROM milestones WHERE id = ?", [step]) == "12-GCN/TTCT"
    assert session.store.scalar("SELECT occupation FROM relatives WHERE id = ?", [mother]) == "Làm ruộng"
    assert session.store.scalar("SELECT count(*) FROM relatives WHERE person_id = ?", [binh]) == 1
    assert session.store.scalar("SELECT admission_target FROM cell_targets WHERE cell_id = ?", [cell]) == 3
    again = importing.merge_preview(session, path)
    assert again.counts() == {"new": 0, "identical": 2, "changed": 0, "conflict": 0} and again.targets == []


def test_introducers_and_helpers_travel_with_their_people(session, tmp_path):
    """Export → assign a helper to a person both copies have and an introducer to a person the other
    copy added → the merge plans exactly those two, writes them with the new person's id here, and
    the same file again plans none (the JSON merge carried no link before)."""
    cell = make_cell(session, name="Chi bộ thôn Nà Pàn")
    an = make_person(session, "Nguyễn Văn An", cell_id=cell, birth_date="1970-02-03", cccd="001070000234")
    binh = make_person(session, "Trần Văn Bình", cell_id=cell, birth_date="1998-05-06", cccd="001098000234")

    def assign(other) -> None:
        hoa = make_person(other, "Vi Thị Hoa", gender="F", cell_id=cell, birth_date="1999-09-09")
        with other.write() as audit:
            road_store.add_link(
                other.store, audit, binh, {"member_id": an, "role": "helper", "assigned_on": "2026-03-01"}
            )
            road_store.add_link(
                other.store,
                audit,
                hoa,
                {"member_id": an, "role": "introducer", "assigned_on": "2026-09-15", "together_from": "2020-01-01"},
            )

    path = _changed_elsewhere(session, tmp_path, assign)
    preview = importing.merge_preview(session, path)
    assert sorted((p.text, p.reason) for p in preview.links) == [
        ("Phân công người giới thiệu Nguyễn Văn An cho Vi Thị Hoa", ""),
        ("Phân công đảng viên giúp đỡ Nguyễn Văn An cho Trần Văn Bình", ""),
    ]
    assert any("2 phân công mới" in line for line in preview.summary_lines())
    counts = importing.merge_commit(session, preview)
    assert counts["links"] == 2 and counts["created"] == 1
    hoa_here = session.store.scalar("SELECT id FROM people WHERE full_name = 'Vi Thị Hoa'")
    rows = session.store.query("SELECT person_id, member_id, role, assigned_on FROM links ORDER BY role")
    assert rows == [
        {"person_id": binh, "member_id": an, "role": "helper", "assigned_on": "2026-03-01"},
        {"person_id": hoa_here, "member_id": an, "role": "introducer", "assigned_on": "2026-09-15"},
    ]
    again = importing.merge_preview(session, path)
    assert again.links == [] and again.counts()["new"] == 0


def test_a_link_waits_when_its_person_is_left_out(session, tmp_path):
    cell = make_cell(session, name="Chi bộ thôn Nà Pàn")
    an = make_person(session, "Nguyễn Văn An", cell_id=cell, birth_date="1970-02-03", cccd="001070000234")

    def assign(other) -> None:
        hoa = make_person(other, "Vi Thị Hoa", gender="F", cell_id=cell, birth_date="1999-09-09")
        with other.write() as audit:
            road_store.add_link(
                other.store, audit, hoa, {"member_id": an, "role": "helper", "assigned_on": "2026-03-01"}
            )

    preview = importing.merge_preview(session, _changed_elsewhere(session, tmp_path, assign))
    (link,) = preview.links
    counts = importing.merge_commit(session, preview, accepted=[link.key])  # the person left out
    assert counts["links"] == 0 and session.store.scalar("SELECT count(*) FROM links") == 0
