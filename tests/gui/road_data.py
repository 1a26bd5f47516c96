"""Data for the road-panel tests: a cell with official and probationary members, and a
candidate whose dossier is complete up to the cell meeting.

Members are given their past directly as milestones (their own admission happened years ago,
under whatever rules applied then); the candidate's steps under test go through the window.
"""

from __future__ import annotations

from typing import Any

from commune_app.ops.context import Session
from commune_app.settings import Settings
from commune_app.store import road as road_store
from tests.factories import make_cell, make_person
from tests.gui.qt_typing import type_text


def ui_context(session: Session):
    from ui.shell.context import UiContext

    return UiContext(session, Settings())


def make_member(
    session: Session, name: str, cell_id: int, *, official: bool = True, admitted: str = "2015-03-02"
) -> int:
    """An official (or probationary) member of ``cell_id`` admitted on ``admitted``."""
    person_id = make_person(session, name, cell_id=cell_id, birth_date="1975-06-15")
    year = int(admitted[:4])
    steps = [("admission_decision", admitted, {}), ("ceremony", f"{year}-04-01", {})]
    if official:
        steps.append(("recognition_decision", f"{year + 1}-04-15", {"official_on": f"{year + 1}-04-01"}))
    with session.write() as audit:
        for kind, date, details in steps:
            road_store.add_milestone(session.store, audit, person_id, {"kind": kind, "date": date, "details": details})
    return person_id


def make_cell_with_members(session: Session, name: str = "Chi bộ thôn Nà Lầu") -> tuple[int, list[int]]:
    cell_id = make_cell(session, name)
    members = [
        make_member(session, n, cell_id) for n in ("Hoàng Văn Bình", "Lò Thị Hoa", "Đinh Văn Cường", "Vi Thị Dung")
    ]
    return cell_id, members


def complete_dossier(session: Session, person_id: int, introducers: list[int]) -> None:
    """Course, application, lý lịch sealed, the parents verified and the lý lịch certified, two introducers,
    the 5-KNĐ summary."""
    steps = [
        ("course_certificate", "2026-03-10", "Trường Chính trị tỉnh"),
        ("application", "2026-04-01", ""),
        ("background_declared", "2026-04-10", ""),
        ("pages_sealed", "2026-04-15", ""),
        ("background_certified", "2026-06-01", "Đảng ủy xã"),
        ("opinions_summary", "2026-09-01", "Chi ủy"),
    ]
    with session.write() as audit:
        for kind, date, issuer in steps:
            road_store.add_milestone(
                session.store, audit, person_id, {"kind": kind, "date": date, "issuer": issuer, "details": {}}
            )
        for relation, full_name in (("Bố đẻ", "Nguyễn Văn Ba"), ("Mẹ đẻ", "Lê Thị Tư")):
            road_store.save_relative(
                session.store,
                audit,
                person_id,
                {
                    "relation": relation,
                    "full_name": full_name,
                    "birth_year": 1970,
                    "verify_sent_on": "2026-04-20",
                    "verify_replied_on": "2026-05-15",
                    "verify_result": "Lịch sử chính trị rõ ràng",
                },
                None,
            )
        for member_id in introducers:
            road_store.add_link(
                session.store,
                audit,
                person_id,
                {
                    "member_id": member_id,
                    "role": "introducer",
                    "relation": "Cùng cư trú",
                    "unit": "Thôn Nà Lầu",
                    "together_from": "2020-01-01",
                    "assigned_on": "2026-09-15",
                    "document_on": "2026-09-15",
                },
            )


def add_organisation(editor: Any, name: str, day: str, consulted: int, agree: int, summary: str) -> None:
    """One organisation's opinion typed into the opinions step's table, as the clerk types it."""
    editor.add_button.click()
    row = editor.table.rowCount() - 1
    type_text(editor.cell(row, "name"), name)
    type_text(editor.cell(row, "date"), day)
    editor.cell(row, "consulted").set_count(consulted)
    editor.cell(row, "agree").set_count(agree)
    type_text(editor.cell(row, "summary"), summary)
