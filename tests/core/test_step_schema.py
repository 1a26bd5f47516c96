"""The step schema (commune_app.domain.steps) as the ops, the check of stored files, the
command line and docs/steps.md read it: one definition, no silent default anywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commune_app.cli.main import run
from commune_app.domain import road, steps
from commune_app.domain.steps_markdown import render_markdown
from commune_app.errors import Refused
from commune_app.ops import agenda, step_check
from commune_app.ops import people as people_ops
from commune_app.ops import road as road_ops
from commune_app.store import road as road_store
from tests.core.road_fixtures import admit, make_cell_with_members, make_member, make_ready_candidate, step
from tests.factories import make_person

ROOT = Path(__file__).resolve().parents[2]


def _milestones(session) -> int:
    return int(session.store.scalar("SELECT count(*) FROM milestones"))


def test_every_milestone_kind_has_its_schema_with_the_new_kinds():
    assert list(steps.SCHEMAS) == [k.code for k in road.KINDS]
    for code in ("helper_review", "youth_union_handover"):
        assert code in road.KIND_BY_CODE and road.KIND_BY_CODE[code].stage == ""
    assert [f.key for f in steps.schema("helper_review").fields] == [
        "reviewer",
        "period",
        "ideology",
        "awareness",
        "ethics",
        "tasks",
        "recommendation",
    ]
    assert [f.key for f in steps.schema("youth_union_handover").fields] == ["youth_org", "list_ref"]
    with pytest.raises(KeyError):
        steps.schema("banana")
    for item in (f for s in steps.SCHEMAS.values() for f in s.fields):
        assert item.type in steps.FIELD_TYPES
        assert item.type != "choice" or item.choices or item.rule_choices, item.key
    # Papers the person writes themself have no number and no issuer.
    assert not steps.schema("application").has_document and not steps.schema("background_declared").has_document


def test_the_new_kinds_change_neither_status_nor_stage(session):
    cell, _members = make_cell_with_members(session, members=3)
    pid = make_person(session, cell_id=cell)
    road_ops.record_step(
        session,
        pid,
        "youth_union_handover",
        {"date": "2026-01-05", "details": {"youth_org": "Đoàn xã Ba Sơn", "list_ref": "03-DS/ĐTN"}},
    )
    step(
        session,
        pid,
        "helper_review",
        "2026-04-01",
        reviewer="Lò Văn Bình",
        period="Quý I/2026",
        ideology="Vững vàng",
        recommendation="Tiếp tục bồi dưỡng",
    )
    row = session.store.one("SELECT status, stage FROM people WHERE id = ?", [pid])
    assert (row["status"], row["stage"]) == ("source", "source")
    with pytest.raises(Refused) as refused:
        step(session, pid, "helper_review", "2026-07-01", reviewer="Lò Văn Bình")
    assert refused.value.reasons == ["Chưa nhập kỳ nhận xét (ví dụ: Quý III/2026)."]


def test_ops_refuse_an_unknown_card_reason_and_a_transfer_without_scope(session):
    _cell, members = make_cell_with_members(session, members=3)
    before = _milestones(session)
    with pytest.raises(Refused) as banana:
        road_ops.record_step(
            session, members[0], "party_card", {"date": "2026-10-01", "details": {"card_reason": "banana"}}
        )
    assert banana.value.reasons == [
        (
            "Lý do phát thẻ: “banana” không phải là một lựa chọn (chọn một trong: Phát lần đầu; Cấp lại do mất;"
            " Đổi lại do hỏng)."
        )
    ]
    with pytest.raises(Refused) as no_scope:
        road_ops.record_step(
            session,
            members[0],
            "transfer_out",
            {"date": "2026-10-01", "details": {"transfer_kind": "official", "to_unit": "Đảng bộ xã Tân Lập"}},
        )
    assert no_scope.value.reasons == ["Chưa nhập phạm vi chuyển."]
    with pytest.raises(Refused, match="Mục đích chuyển tạm thời: “x” không phải là một lựa chọn"):
        road_ops.record_step(
            session,
            members[0],
            "transfer_out",
            {
                "date": "2026-10-01",
                "details": {"transfer_kind": "temporary", "scope": "within_province", "purpose": "x"},
            },
        )
    assert _milestones(session) == before


def test_ops_refuse_counts_that_contradict_each_other(session):
    cell, members = make_cell_with_members(session, members=9)
    pid = make_ready_candidate(session, cell, members)
    cases = (
        ({"official_present": 10}, "Số đảng viên chính thức có mặt lớn hơn tổng số đảng viên chính thức (10 > 9)."),
        (
            {"votes_for": 8, "votes_against": 2},
            ("Tổng số phiếu tán thành và không tán thành (10) lớn hơn số đảng viên chính thức có mặt (9)."),
        ),
        ({"official_present": 8}, "Chưa nhập lý do vắng mặt: có 1 đảng viên vắng mặt, mỗi người vắng cần có lý do."),
        ({"votes_against": -1}, "Số đảng viên chính thức không tán thành: không được là số âm (-1)."),
        ({"votes_for": "chín"}, "Số đảng viên chính thức tán thành: “chín” không phải là một số."),
    )
    before = _milestones(session)
    for change, message in cases:
        details = {"official_present": 9, "probationary_present": 0, "votes_for": 9, **change}
        with pytest.raises(Refused) as refused:
            road_ops.record_step(session, pid, "cell_meeting", {"date": "2026-07-01", "details": details})
        assert message in refused.value.reasons, refused.value.reasons
    assert _milestones(session) == before
    with pytest.raises(Refused, match="Ngày kết thúc lớp 01/02/2026 trước ngày bắt đầu 10/02/2026"):
        road_ops.record_step(
            session,
            pid,
            "course_certificate",
            {"date": "2026-03-01", "details": {"course_from": "10/02/2026", "course_to": "01/02/2026"}},
        )


def test_member_counts_of_the_cell_on_the_meeting_day(session):
    cell, _members = make_cell_with_members(session, members=4)  # official since 2011
    make_member(session, "Lục Văn Sơn", cell_id=cell, admitted_on="2025-06-02", official_on="2026-06-02")
    make_member(session, "Vi Thị Thu", cell_id=cell, status="probationary", admitted_on="2026-03-02")
    pid = make_person(session, "Hà Thị Quyên", cell_id=cell)
    assert road_ops.member_counts_on(session, pid, "2026-01-10") == (4, 1)
    assert road_ops.member_counts_on(session, pid, "2026-04-10") == (4, 2)
    assert road_ops.member_counts_on(session, pid, "2026-07-10") == (5, 1)
    assert road_ops.member_counts_on(session, make_person(session, "Không Chi Bộ"), "2026-07-10") is None
    # Members who left later were members on the day; a temporary transfer is no leaving.
    road_ops.record_step(session, _members[0], "death", {"date": "2026-08-01"})
    road_ops.record_step(
        session,
        _members[1],
        "transfer_out",
        {
            "date": "2026-08-03",
            "details": {"transfer_kind": "official", "scope": "other_province", "to_unit": "Đảng bộ phường Hải Châu"},
        },
    )
    road_ops.record_step(
        session,
        _members[2],
        "transfer_out",
        {
            "date": "2026-08-03",
            "details": {
                "transfer_kind": "temporary",
                "scope": "within_province",
                "to_unit": "Chi bộ Tổ dân phố 3",
                "until": "2027-01-01",
            },
        },
    )
    assert road_ops.member_counts_on(session, pid, "2026-07-10") == (5, 1)
    assert road_ops.member_counts_on(session, pid, "2026-09-10") == (3, 1)


def test_meeting_counts_come_from_the_records_and_a_correction_keeps_its_reason(session):
    cell, members = make_cell_with_members(session, members=9)
    make_member(session, "Vi Thị Thu", cell_id=cell, status="probationary", admitted_on="2026-03-02")
    pid = make_ready_candidate(session, cell, members)
    meeting = road_ops.record_step(
        session,
        pid,
        "cell_meeting",
        {"date": "2026-07-01", "details": {"official_present": 9, "probationary_present": 1, "votes_for": 6}},
    )
    details = road_store.get_milestone(session.store, meeting)["details"]
    assert (details["official_total"], details["probationary_total"]) == (9, 1)
    assert (details["votes_needed"], details["passed"]) == (6, True)  # 2/3 of the same 9

    other = make_ready_candidate(session, cell, members, full_name="Hoàng Văn Tư")
    typed = {"official_total": 8, "official_present": 8, "probationary_present": 1, "votes_for": 6}
    with pytest.raises(Refused) as refused:
        road_ops.record_step(session, other, "cell_meeting", {"date": "2026-07-01", "details": typed})
    assert refused.value.reasons == [
        (
            "Số đảng viên ghi khác với danh sách của chi bộ ngày 01/07/2026: tổng số đảng viên chính thức 8"
            " (danh sách: 9); cần ghi lý do điều chỉnh số đảng viên so với danh sách."
        )
    ]
    note = "Một đồng chí đã chuyển sinh hoạt tạm thời"
    kept = road_ops.record_step(
        session, other, "cell_meeting", {"date": "2026-07-01", "details": {**typed, "counts_note": note}}
    )
    details = road_store.get_milestone(session.store, kept)["details"]
    assert details["counts_note"] == note and details["official_total"] == 8
    assert (details["votes_needed"], details["passed"]) == (6, True)  # from the clerk's 8

    # The records move on (a member's record is deleted); correcting another field of the meeting
    # keeps the totals as recorded, without asking for a reason again.
    people_ops.delete_person(session, members[0], "Hồ sơ trùng")
    road_ops.correct_step(
        session,
        meeting,
        {"details": {**road_store.get_milestone(session.store, meeting)["details"], "chair": "Lò Văn Bình"}},
        "Bổ sung người chủ trì",
    )
    assert road_store.get_milestone(session.store, meeting)["details"]["official_total"] == 9


def test_missing_for_form_names_each_printed_field():
    details = {
        "organisations": [
            {
                "name": "Công đoàn Trường THCS Ba Sơn",
                "date": "2026-05-02",
                "consulted": 12,
                "agree": 12,
                "summary": "Hoàn thành tốt nhiệm vụ",
            },
            {"name": "Chi ủy thôn Nà Lầu", "date": "2026-05-04", "consulted": 9, "agree": None, "summary": "Tốt"},
        ]
    }
    assert steps.missing_for_form("opinions_summary", details, "5-KNĐ") == [
        "Chưa ghi số người đồng ý của Chi ủy thôn Nà Lầu.",
        "Chưa ghi nhận xét chung của chi ủy.",
    ]
    details["organisations"][1]["agree"] = 9
    details["conclusion"] = "Đủ điều kiện"
    assert steps.missing_for_form("opinions_summary", details, "5-KNĐ") == []
    meeting = {"official_total": 9, "official_present": 9, "probationary_total": 0, "probationary_present": 0}
    missing = steps.missing_for_form("cell_meeting", meeting, "6-KNĐ")
    assert "Chưa ghi lý do vắng mặt." not in missing  # nobody was absent
    assert "Chưa ghi kết luận về tiêu chuẩn chính trị." in missing
    assert "Chưa ghi lý do vắng mặt." in steps.missing_for_form(
        "cell_meeting", {**meeting, "official_present": 8}, "6-KNĐ"
    )


def test_stored_steps_that_no_longer_fit_are_listed_not_rewritten(session, capsys):
    cell, members = make_cell_with_members(session, members=3)
    pid = make_person(session, "Nông Văn Hải", cell_id=cell)
    with session.write() as audit:  # as an older version of the program stored them
        card = road_store.add_milestone(
            session.store,
            audit,
            members[0],
            {"kind": "party_card", "date": "2025-03-02", "details": {"card_reason": "banana"}},
        )
        road_store.add_milestone(
            session.store,
            audit,
            pid,
            {"kind": "opinions_summary", "date": "2026-05-02", "details": {"work_opinions": "Tốt"}},
        )
        road_store.add_milestone(
            session.store,
            audit,
            members[1],
            {"kind": "cell_meeting", "date": "2012-01-02", "details": {"source": "import"}},
        )  # from papers: fine
    problems = step_check.step_problems(session)
    assert [(p.person_id, p.kind) for p in problems] == [(members[0], "party_card"), (pid, "opinions_summary")]
    assert "“banana” không phải là một lựa chọn" in problems[0].message
    assert "Mục cũ “work_opinions” không còn dùng" in problems[1].message
    assert road_store.get_milestone(session.store, card)["details"] == {"card_reason": "banana"}
    # The to-do list names those of the people on the road; `check` those of everyone.
    due = [i for i in agenda.due_items(session) if i.code == "STEP-SCHEMA"]
    assert [(i.person_id, i.overdue, i.cell) for i in due] == [(pid, True, "Chi bộ thôn Nà Lầu")]
    assert due[0].label.startswith("Bước “Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú” ngày 02/05/2026")

    db = str(session.store.path)
    session.close()
    assert run(["check", "--db", db, "--json"]) == 0
    rows = [r for r in json.loads(capsys.readouterr().out) if r["code"] == "STEP-SCHEMA"]
    assert {r["person_id"] for r in rows} == {members[0], pid}
    assert run(["check", "--db", db]) == 0
    assert "STEP-SCHEMA" in capsys.readouterr().out


def test_step_command_records_and_lists_through_the_same_ops(session, capsys):
    cell, members = make_cell_with_members(session, members=9)
    pid = make_ready_candidate(session, cell, members, year=2025)
    admit(session, pid, year=2025)
    db = str(session.store.path)
    session.close()
    organisations = json.dumps(
        [
            {
                "name": "Chi đoàn thôn Nà Lầu",
                "date": "01/10/2026",
                "consulted": 15,
                "agree": 15,
                "summary": "Gương mẫu",
            },
            {
                "name": "Chi ủy thôn Nà Lầu",
                "date": "02/10/2026",
                "consulted": 5,
                "agree": 5,
                "summary": "Chấp hành tốt",
            },
        ],
        ensure_ascii=False,
    )
    assert (
        run(
            [
                "step",
                "add",
                "--db",
                db,
                "--person",
                str(pid),
                "--kind",
                "recognition_opinions",
                "--date",
                "05/10/2026",
                "--field",
                f"organisations={organisations}",
                "--field",
                "conclusion=Đủ điều kiện công nhận",
            ]
        )
        == 0
    )
    assert "Đã ghi nhận bước “Tổng hợp ý kiến nhận xét đối với đảng viên dự bị” ngày 05/10/2026" in (
        capsys.readouterr().out
    )
    assert run(["step", "list", "--db", db, "--person", str(pid), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    opinions = next(r for r in listed if r["kind"] == "recognition_opinions")
    assert opinions["date"] == "2026-10-05"
    assert [o["date"] for o in opinions["details"]["organisations"]] == ["2026-10-01", "2026-10-02"]
    assert steps.missing_for_form("recognition_opinions", opinions["details"], "12-KNĐ") == []
    assert run(["step", "list", "--db", db, "--person", str(pid)]) == 0
    assert "Chi đoàn thôn Nà Lầu; Chi ủy thôn Nà Lầu" in capsys.readouterr().out

    assert (
        run(
            [
                "step",
                "add",
                "--db",
                db,
                "--person",
                str(members[0]),
                "--kind",
                "party_card",
                "--date",
                "05/10/2026",
                "--field",
                "card_reason=banana",
                "--field",
                "colour=đỏ",
            ]
        )
        == 1
    )
    err = capsys.readouterr().err.splitlines()
    assert err == ["Bước “Phát thẻ đảng viên” không có mục “colour” (các mục: card_reason, card_number)."]
    assert (
        run(
            [
                "step",
                "add",
                "--db",
                db,
                "--person",
                str(members[0]),
                "--kind",
                "transfer_out",
                "--date",
                "05/10/2026",
                "--field",
                "transfer_kind=Chính thức",
            ]
        )
        == 1
    )
    assert capsys.readouterr().err.splitlines() == ["Chưa nhập phạm vi chuyển."]
    assert (
        run(
            [
                "step",
                "add",
                "--db",
                db,
                "--person",
                str(members[0]),
                "--kind",
                "party_card",
                "--date",
                "05/10/2026",
                "--field",
                "card_reason=Phát lần đầu",
            ]
        )
        == 0
    )


def test_docs_steps_md_is_generated_from_the_schema(capsys):
    committed = (ROOT / "docs" / "steps.md").read_text(encoding="utf-8")
    assert committed == render_markdown(), "run: python scripts/steps_doc.py"
    assert run(["step", "schema", "--markdown"]) == 0
    assert capsys.readouterr().out == committed
    for schema in steps.SCHEMAS.values():
        assert f"(`{schema.kind}`)" in committed
        for item in schema.fields:
            assert f"| `{item.key}` | {item.label} |" in committed


def test_the_old_opinion_keys_move_whole_into_the_organisations_with_an_audit_row(db_path):
    import sqlite3

    from commune_app.store import people as people_store
    from commune_app.store import schema
    from commune_app.store.db import open_store

    store = open_store(db_path)
    with store.write() as audit:
        person = people_store.insert(
            store, audit, {"full_name": "Nông Văn Hải", "gender": "M", "birth_date": "2000-05-10"}, cell_id=None
        )
        old = {
            "work_org": "Công đoàn Trường THCS Ba Sơn",
            "work_opinions": "Hoàn thành tốt nhiệm vụ",
            "residence_opinions": "Gia đình chấp hành tốt",
            "warnings": [],
        }
        milestone = road_store.add_milestone(
            store, audit, person, {"kind": "opinions_summary", "date": "2026-05-02", "details": old}
        )
    store.close()
    # The file as an older version left it: the migration not applied yet.
    conn = sqlite3.connect(str(db_path))
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_step_schema'")
    conn.execute(f"PRAGMA user_version = {schema.schema_version() - 1}")
    conn.commit()
    conn.close()

    store = open_store(db_path)
    try:
        details = road_store.get_milestone(store, milestone)["details"]
        assert details == {
            "warnings": [],
            "organisations": [
                {
                    "name": "Công đoàn Trường THCS Ba Sơn",
                    "date": None,
                    "consulted": None,
                    "agree": None,
                    "summary": "Hoàn thành tốt nhiệm vụ",
                },
                {
                    "name": "Chi ủy nơi cư trú",
                    "date": None,
                    "consulted": None,
                    "agree": None,
                    "summary": "Gia đình chấp hành tốt",
                },
            ],
        }
        row = store.one(
            "SELECT * FROM audit WHERE entity = 'milestone' AND entity_id = ? AND action = 'update'", [milestone]
        )
        assert json.loads(row["before"])["work_opinions"] == "Hoàn thành tốt nhiệm vụ"
        assert json.loads(row["after"]) == details and row["person_id"] == person
        assert steps.validate("opinions_summary", details) == [] and steps.retired("opinions_summary", details) == []
    finally:
        store.close()
