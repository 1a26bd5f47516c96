"""Roles and the one-cell restriction, enforced by the operations themselves (issue 8 §6).

A small commune is built once (two cells, a candidate ready for the cell meeting in each, one
person from each cell on an awareness course) and copied for every test. The matrix runs the
main write operations for each kind of account: a viewer, a clerk restricted to cell A acting
in cell A and in cell B, an unrestricted clerk and an administrator. The read tests check what a
clerk restricted to cell A sees.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from commune_app.bench.dossier import sample_candidate, sample_committee
from commune_app.errors import NotAllowed, Refused
from commune_app.ops import (
    accounts,
    agenda,
    backup,
    cells,
    courses,
    documents,
    importing,
    list_export,
    reports,
    road,
    road_relatives,
)
from commune_app.ops import people as people_ops
from commune_app.ops import settings as settings_ops
from commune_app.ops.context import CELL_ONLY, COMMUNE_ONLY, SYSTEM, Actor, Session, open_session
from commune_app.store.people import PeopleFilter
from tests.conftest import TODAY
from tests.core.import_sheets import write_xlsx
from tests.factories import make_person


@dataclass(frozen=True)
class Side:
    """One cell of the built commune and its people."""

    cell: int
    members: list[int]
    candidate: int  # every admission paper recorded, the cell meeting held
    person: int  # a source person, enrolled on the course
    enrolment: int


@dataclass(frozen=True)
class World:
    path: Path
    a: Side
    b: Side
    course: int
    first_session: int

    def side(self, which: str) -> Side:
        return self.a if which == "own" else self.b

    def other(self, which: str) -> Side:
        return self.b if which == "own" else self.a


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> World:
    path = tmp_path_factory.mktemp("mau") / "xa.sqlite"
    s = open_session(path, actor=Actor(username="kiemthu", role="admin"))
    s.today_override = TODAY
    accounts.create_user(s, "quantri", "Matkhau@2026", "admin")  # the file's first account
    sides = []
    for cell_name, candidate, person in (
        ("Chi bộ thôn Nà Lầu", "Nguyễn Thị Ánh Tuyết", "Hoàng Văn Nam"),
        ("Chi bộ thôn Pác Bó", "Lê Văn Đông", "Đặng Thị Hồng"),
    ):
        committee = sample_committee(s, cell_name=cell_name)
        sides.append(
            (committee, sample_candidate(s, committee, candidate), make_person(s, person, cell_id=committee["cell_id"]))
        )
    course = courses.create_course(
        s, {"name": "Lớp bồi dưỡng nhận thức về Đảng khóa 1", "kind": "awareness", "start_date": "2026-10-05"}
    )
    enrolments = courses.enrol(s, course, [person for _, _, person in sides])
    first_session = courses.get_course(s, course)["sessions"][0]["id"]
    s.close()
    a, b = (
        Side(c["cell_id"], c["members"], cand, person, e)
        for (c, cand, person), e in zip(sides, enrolments, strict=True)
    )
    return World(path, a, b, course, first_session)


@pytest.fixture
def world(template: World, tmp_path: Path) -> World:
    copy = tmp_path / "xa.sqlite"
    shutil.copyfile(template.path, copy)
    return World(copy, template.a, template.b, template.course, template.first_session)


def _open(world: World, actor: Actor) -> Session:
    s = open_session(world.path, actor=actor, create=False)
    s.today_override = TODAY
    return s


@pytest.fixture
def as_cell_a(world: World) -> Iterator[Session]:
    s = _open(world, Actor(username="bithu", role="clerk", cell_id=world.a.cell))
    yield s
    s.close()


# --- the write matrix ------------------------------------------------------------------------------


def _import_commit(s: Session, w: World, which: str, tmp: Path) -> None:
    """The preview is made by an administrator; the account under test commits it."""
    admin = _open(w, Actor(username="quantri", role="admin"))
    name = "Chi bộ thôn Nà Lầu" if which == "own" else "Chi bộ thôn Pác Bó"
    sheet = write_xlsx(
        tmp / "ds.xlsx",
        {"DS": [["Họ và tên", "Giới tính", "Ngày sinh", "Chi bộ"], ["Vi Thị Mai", "Nữ", "05/02/1995", name]]},
    )
    preview = importing.preview(admin, sheet, kind="candidates")
    admin.close()
    assert preview.rows[0].status == "new"
    importing.commit(s, preview)


def _move(s: Session, w: World, which: str, tmp: Path) -> None:
    cells.move_people(s, [w.side(which).person], w.other(which).cell, TODAY, "Chuyển nơi cư trú")


Op = Callable[[Session, World, str, Path], Any]
# rule: "cell" = any writer within their restriction; "commune" = a writer not restricted to a cell;
# "admin" = administrators only.
WRITES: dict[str, tuple[str, Op]] = {
    "create_person": (
        "cell",
        lambda s, w, x, t: people_ops.create_person(
            s, {"full_name": "Vi Văn Tú", "gender": "M", "birth_date": "2001-03-04"}, cell_id=w.side(x).cell
        ),
    ),
    "update_person": (
        "cell",
        lambda s, w, x, t: people_ops.update_person(s, w.side(x).person, {"phone": "0912345678"}),
    ),
    "delete_person": ("cell", lambda s, w, x, t: people_ops.delete_person(s, w.side(x).person, "Nhập trùng")),
    "record_step": (
        "cell",
        lambda s, w, x, t: road.record_step(s, w.side(x).person, "application", {"date": "2026-11-02"}),
    ),
    "assign_introducer": (
        "cell",
        lambda s, w, x, t: road.assign_introducer(
            s, w.side(x).person, w.side(x).members[4], together_from="2023-01-01", document_on="2026-11-02"
        ),
    ),
    "save_relative": (
        "cell",
        lambda s, w, x, t: road_relatives.save_relative(
            s, w.side(x).person, {"relation": "Bố đẻ", "full_name": "Hoàng Văn Sáu", "birth_year": 1970}
        ),
    ),
    "save_cell": ("cell", lambda s, w, x, t: cells.save_cell(s, {"notes": "Họp ngày 5 hằng tháng"}, w.side(x).cell)),
    "set_target": ("cell", lambda s, w, x, t: cells.set_target(s, w.side(x).cell, 2026, 3)),
    "course_enrol": ("cell", lambda s, w, x, t: courses.enrol(s, w.course, [w.side(x).candidate])),
    "course_marks": (
        "cell",
        lambda s, w, x, t: courses.set_marks(s, w.course, {(w.side(x).enrolment, w.first_session): "P"}),
    ),
    "course_result": ("cell", lambda s, w, x, t: courses.set_result(s, w.side(x).enrolment, score=8.0, grade="")),
    "issue_document": ("cell", lambda s, w, x, t: documents.issue_document(s, w.side(x).candidate, "6-KNĐ")),
    "import_commit": ("cell", _import_commit),
    "move_people": ("commune", _move),
    "create_course": (
        "commune",
        lambda s, w, x, t: courses.create_course(
            s, {"name": "Lớp bồi dưỡng nhận thức về Đảng khóa 2", "kind": "awareness", "start_date": "2026-11-23"}
        ),
    ),
    "settings": ("admin", lambda s, w, x, t: settings_ops.save_commune_settings(s, {"attendance_threshold": 0.75})),
    "profile": ("admin", lambda s, w, x, t: settings_ops.save_profile(s, {"short_code": "ĐU"})),
    "create_account": (
        "admin",
        lambda s, w, x, t: accounts.create_user(s, "bithu2", "Matkhau@2026", "clerk", cell_id=w.side(x).cell),
    ),
    "restore": ("admin", lambda s, w, x, t: backup.require_restore_right(s)),
}

ACTORS = {
    "viewer": (Actor(username="xem", role="viewer"), "own"),
    "restricted_own": (Actor(username="bithu", role="clerk", cell_id=-1), "own"),
    "restricted_other": (Actor(username="bithu", role="clerk", cell_id=-1), "other"),
    "clerk": (Actor(username="canbo", role="clerk"), "own"),
    "admin": (Actor(username="quantri", role="admin"), "own"),
}
ALLOWED = {
    "cell": {"restricted_own", "clerk", "admin"},
    "commune": {"clerk", "admin"},
    "admin": {"admin"},
}


def _audit_rows(world: World) -> int:
    s = open_session(world.path, create=False, actor=SYSTEM)
    try:
        return int(s.store.scalar("SELECT count(*) FROM audit"))
    finally:
        s.close()


@pytest.mark.parametrize("who", list(ACTORS))
@pytest.mark.parametrize("operation", list(WRITES))
def test_write_matrix(world: World, tmp_path: Path, operation: str, who: str) -> None:
    rule, op = WRITES[operation]
    template, which = ACTORS[who]
    actor = Actor(template.username, template.role, world.a.cell if template.cell_id else None)
    before = _audit_rows(world)
    s = _open(world, actor)
    try:
        if who in ALLOWED[rule]:
            op(s, world, which, tmp_path)
        else:
            with pytest.raises(NotAllowed) as refused:
                op(s, world, which, tmp_path)
            assert refused.value.reasons  # a Vietnamese sentence the clerk reads
    finally:
        s.close()
    written = _audit_rows(world) - before
    if who in ALLOWED[rule] and operation != "restore":
        assert written > 0
    elif who not in ALLOWED[rule]:
        assert written == 0  # refused before anything was written


def test_a_restricted_account_cannot_add_cells_or_reach_the_commune_work(
    as_cell_a: Session, world: World, tmp_path: Path
) -> None:
    with pytest.raises(NotAllowed):
        cells.save_cell(as_cell_a, {"name": "Chi bộ thôn Mới"})
    with pytest.raises(NotAllowed, match="việc chung"):
        courses.issue_certificates(
            as_cell_a, world.course, number_pattern="##/GCN", first_number=1, certificate_on="2026-11-10"
        )
    with pytest.raises(NotAllowed, match="việc chung"):
        courses.delete_course(as_cell_a, world.course, "Mở nhầm")
    with pytest.raises(NotAllowed):
        courses.enrol(as_cell_a, world.course, [world.b.candidate], cell_id=world.a.cell)  # not their person
    with pytest.raises(NotAllowed):
        backup.manual_backup(as_cell_a, tmp_path)
    for call in (lambda: accounts.list_users(as_cell_a), lambda: settings_ops.set_day_off(as_cell_a, TODAY, "Nghỉ")):
        with pytest.raises(NotAllowed):
            call()


def test_an_import_preview_of_a_restricted_clerk_refuses_the_other_cell(as_cell_a: Session, tmp_path: Path) -> None:
    sheet = write_xlsx(
        tmp_path / "ds.xlsx",
        {
            "DS": [
                ["Họ và tên", "Giới tính", "Ngày sinh", "Chi bộ"],
                ["Vi Thị Mai", "Nữ", "05/02/1995", "Chi bộ thôn Pác Bó"],
                ["Lò Văn Tâm", "Nam", "05/02/1996", "Chi bộ thôn Nà Lầu"],
            ]
        },
    )
    preview = importing.preview(as_cell_a, sheet, kind="candidates")
    assert [r.status for r in preview.rows] == ["refused", "new"]
    assert importing.commit(as_cell_a, preview).created == 1


def test_the_viewer_reads_but_writes_nothing(world: World, tmp_path: Path) -> None:
    s = _open(world, Actor(username="xem", role="viewer"))
    try:
        assert road.road_view(s, world.b.candidate).person_id == world.b.candidate
        assert len(cells.cell_overview(s, 2026)) == 2
        assert reports.figures(s, "2026", ["E8"]).tables
        with pytest.raises(NotAllowed, match="chỉ xem"):
            courses.mark_all_present(s, world.course, world.first_session)
        with pytest.raises(NotAllowed, match="chỉ xem"):
            importing.preview(s, write_xlsx(tmp_path / "x.xlsx", {"DS": [["Họ và tên"], ["Vi Thị Mai"]]}))
    finally:
        s.close()


# --- what a clerk restricted to cell A reads ---------------------------------------------------------


def test_people_and_their_records_outside_the_cell_are_out_of_reach(as_cell_a: Session, world: World) -> None:
    s, a, b = as_cell_a, world.a, world.b
    ids = people_ops.search_ids(s, PeopleFilter())
    assert a.person in ids and a.candidate in ids and b.person not in ids and b.candidate not in ids
    assert set(people_ops.rows(s, [a.person, b.person])) == {a.person}
    assert people_ops.get_person(s, b.person) is None
    for call in (
        lambda: road.road_view(s, b.candidate),
        lambda: road.eligible_introducers(s, b.person),
        lambda: road_relatives.relatives(s, b.candidate),
        lambda: documents.available_forms(s, b.candidate),
        lambda: courses.person_courses(s, b.person),
        lambda: cells.assignment_history(s, b.person),
    ):
        with pytest.raises(NotAllowed, match=CELL_ONLY):
            call()
    assert road.road_view(s, a.candidate).person_id == a.candidate
    assert len(road_relatives.relatives(s, a.candidate)) == 2


def test_the_bin_shows_only_the_cell(world: World, as_cell_a: Session) -> None:
    admin = _open(world, Actor(username="quantri", role="admin"))
    people_ops.delete_person(admin, world.a.person, "Nhập trùng")
    people_ops.delete_person(admin, world.b.person, "Nhập trùng")
    assert {r["id"] for r in people_ops.deleted_people(admin)} == {world.a.person, world.b.person}
    admin.close()
    assert [r["id"] for r in people_ops.deleted_people(as_cell_a)] == [world.a.person]


def test_introducer_candidates_come_from_the_cell_only(as_cell_a: Session, world: World) -> None:
    s = as_cell_a
    admin = _open(world, Actor(username="quantri", role="admin"))
    b_member = admin.store.one("SELECT full_name FROM people WHERE id = ?", [world.b.members[4]])["full_name"]
    everyone = {o.member["cell_id"] for o in road.eligible_introducers(admin, world.a.person, text=b_member)}
    admin.close()
    assert world.b.cell in everyone  # an unrestricted clerk finds members of every cell by name
    options = road.eligible_introducers(s, world.a.person) + road.eligible_introducers(s, world.a.person, text=b_member)
    assert options and {o.member["cell_id"] for o in options} == {world.a.cell}
    with pytest.raises(NotAllowed):
        road.assign_introducer(
            s, world.a.person, world.b.members[4], together_from="2023-01-01", document_on="2026-11-02"
        )
    with pytest.raises(NotAllowed):
        road.assign_helper(s, world.a.person, world.b.members[4], "2026-11-02")


def test_agenda_counts_and_targets_of_the_cell_only(world: World, as_cell_a: Session) -> None:
    admin = _open(world, Actor(username="quantri", role="admin"))
    cells.set_target(admin, world.a.cell, 2026, 4)
    cells.set_target(admin, world.b.cell, 2026, 6)
    whole = sum(agenda.stage_counts(admin).values())
    due_all = {i.person_id for i in agenda.due_items(admin, horizon_months=24)}
    admin.close()
    s = as_cell_a
    assert sum(agenda.stage_counts(s).values()) == whole // 2  # the two cells are built alike
    due = {i.person_id for i in agenda.due_items(s, horizon_months=24)}
    assert due and due < due_all and not due & {world.b.person, world.b.candidate}
    rows = agenda.admissions_vs_target(s, 2026)
    assert [(r.cell_id, r.target) for r in rows] == [(world.a.cell, 4), (None, 4)]
    assert {f.person_id for f in agenda.check_all(s)} <= {world.a.person, world.a.candidate}


def test_cells_page_of_a_restricted_clerk(as_cell_a: Session, world: World) -> None:
    s = as_cell_a
    assert [r.id for r in cells.cell_overview(s, 2026)] == [world.a.cell]
    assert [c["id"] for c in cells.list_cells(s)] == [world.a.cell]
    assert len(cells.cell_members(s, world.a.cell)) == 9
    for call in (
        lambda: cells.get_cell(s, world.b.cell),
        lambda: cells.cell_members(s, world.b.cell),
        lambda: cells.set_target(s, world.b.cell, 2026, 1),
    ):
        with pytest.raises(NotAllowed):
            call()


def test_courses_show_and_change_the_learners_of_the_cell_only(
    world: World, as_cell_a: Session, tmp_path: Path
) -> None:
    admin = _open(world, Actor(username="quantri", role="admin"))
    assert courses.list_courses(admin)[0]["enrolled"] == 2
    admin.close()
    s = as_cell_a
    assert courses.list_courses(s)[0]["enrolled"] == 1
    grid = courses.course_grid(s, world.course)
    assert [r.enrolment_id for r in grid.rows] == [world.a.enrolment]
    courses.mark_all_present(s, world.course, world.first_session)
    marked = s.store.query("SELECT enrolment_id FROM attendance")
    assert [m["enrolment_id"] for m in marked] == [world.a.enrolment]  # cell B's learner left alone
    for call in (
        lambda: courses.set_marks(s, world.course, {(world.b.enrolment, world.first_session): "P"}),
        lambda: courses.set_result(s, world.b.enrolment, score=8.0, grade=""),
        lambda: courses.withdraw(s, world.b.enrolment, "Chuyển công tác"),
        lambda: courses.nomination_list(s, world.b.cell),
    ):
        with pytest.raises(NotAllowed):
            call()
    assert [r.person_id for r in courses.course_grid(s, world.course).rows] == [world.a.person]
    indicator = courses.attendance_indicator(s, 2026)
    assert [r.cell_id for r in indicator.rows] == [world.a.cell] and indicator.total.attended == 1


def test_documents_for_people_outside_the_cell_are_refused(as_cell_a: Session, world: World, tmp_path: Path) -> None:
    s = as_cell_a
    with pytest.raises(NotAllowed):
        documents.render_person(s, world.b.candidate, None, False, tmp_path / "b.pdf")
    assert not (tmp_path / "b.pdf").exists()
    assert documents.available_forms(s, world.a.candidate)
    with pytest.raises(NotAllowed):
        documents.batch_people(s, documents.Selection("cell", dt.date(2026, 10, 15), world.b.cell))
    committee = documents.batch_people(s, documents.Selection("committee", dt.date(2026, 12, 1)))
    assert committee == [world.a.candidate]  # both candidates await the committee; only A's is shown
    with pytest.raises(NotAllowed, match="việc chung"):
        documents.render_probationary_register(s, tmp_path / "so.pdf")


def test_reports_are_refused_to_a_restricted_clerk_with_a_clear_message(as_cell_a: Session, tmp_path: Path) -> None:
    for call in (
        lambda: reports.figures(as_cell_a, "2026"),
        lambda: reports.export(as_cell_a, "2026", None, tmp_path / "bc.xlsx"),
    ):
        with pytest.raises(NotAllowed) as refused:
            call()
        assert refused.value.reasons == [COMMUNE_ONLY]
    assert not (tmp_path / "bc.xlsx").exists()


def test_the_list_export_writes_only_the_cell(as_cell_a: Session, world: World, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = list_export.export_people(as_cell_a, tmp_path / "ds.xlsx", [world.a.person, world.b.person], ["full_name"])
    names = [row[1] for row in load_workbook(path).active.iter_rows(min_row=4, values_only=True)]
    assert names == ["Hoàng Văn Nam"]


def test_refusals_are_not_allowed_errors_carrying_vietnamese(as_cell_a: Session, world: World) -> None:
    with pytest.raises(Refused) as refused:
        people_ops.update_person(as_cell_a, world.b.person, {"phone": "0912345678"})
    assert isinstance(refused.value, NotAllowed) and refused.value.reasons == [CELL_ONLY]
