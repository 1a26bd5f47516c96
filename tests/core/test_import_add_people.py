"""store.importing.add_people writes, in a few statements, exactly what one-by-one inserts wrote:
the same people, assignments, milestones, search index and audit rows, with the same ids."""

from __future__ import annotations

import json
from pathlib import Path

from commune_app.ops.context import Actor, Session, open_session
from commune_app.store import importing as import_store
from commune_app.store import people as people_store
from commune_app.store import road as road_store
from tests.conftest import TODAY
from tests.factories import make_cell, make_person

_MOMENTS = {"at", "created_at", "updated_at"}


def _new_people(cell_id: int) -> list[import_store.NewPerson]:
    out = []
    for i in range(7):
        values = {
            "full_name": f"Lò Văn Cường {chr(65 + i)}",
            "gender": "M",
            "birth_date": f"19{70 + i}-01-01",
            "ethnicity": "Tày",
            "religion": "Không",
            **({"cccd": f"0040{70 + i}00012{i}"} if i % 2 else {"phone": "0912345678"}),
            "status": "official",
            "admitted_on": "2000-01-01",
        }
        milestones = [
            {"kind": "admission_decision", "date": "2000-01-01", "details": {"source": "import"}},
            {"kind": "recognition_decision", "date": "2001-01-01", "details": {"official_on": "2001-01-01"}},
        ][: i % 3]
        out.append(
            import_store.NewPerson(values, cell_id if i != 3 else None, "2026-11-20", "thử", i % 4 == 1, milestones)
        )
    return out


def _one_by_one(session: Session, new: list[import_store.NewPerson]) -> None:
    with session.write() as audit:
        for person in new:
            person_id = people_store.insert(
                session.store,
                audit,
                person.values,
                cell_id=person.cell_id,
                assigned_on=person.assigned_on,
                reason=person.reason,
            )
            if person.year_only:
                import_store.set_birth_year_only(session.store, audit, person_id, True)
            for milestone in person.milestones:
                road_store.add_milestone(session.store, audit, person_id, milestone, refresh=False)


def _without_moments(row: dict) -> dict:
    """A row without the clock: its own time columns, and those inside an audit row's JSON (a
    second may tick between the two files being written)."""
    out = {k: v for k, v in row.items() if k not in _MOMENTS}
    for key in ("before", "after"):
        if isinstance(out.get(key), str) and out[key].startswith("{"):
            out[key] = {k: v for k, v in json.loads(out[key]).items() if k not in _MOMENTS}
    return out


def _tables(session: Session) -> dict[str, list[dict]]:
    out = {}
    for table in ("people", "cell_assignments", "milestones", "audit", "people_fts"):
        order = "rowid" if table == "people_fts" else "id"
        columns = "rowid, search_text" if table == "people_fts" else "*"
        rows = session.store.query(f"SELECT {columns} FROM {table} ORDER BY {order}")
        out[table] = [_without_moments(r) for r in rows]
    return out


def _file(folder: Path, write) -> dict[str, list[dict]]:
    session = open_session(folder / "dulieu.sqlite", actor=Actor(username="kiemthu", role="admin"))
    session.today_override = TODAY
    try:
        cell_id = make_cell(session)
        make_person(session, "Người Có Trước")  # ids continue after the rows already there
        write(session, _new_people(cell_id))
        session.store.conn.execute("INSERT INTO people_fts(people_fts) VALUES ('integrity-check')")
        return _tables(session)
    finally:
        session.close()


def test_a_batch_writes_what_one_by_one_inserts_wrote(tmp_path):
    def batched(session: Session, new: list[import_store.NewPerson]) -> None:
        with session.write() as audit:
            ids = import_store.add_people(session.store, audit, new)
        assert ids == list(range(2, 2 + len(new)))

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert _file(tmp_path / "a", batched) == _file(tmp_path / "b", _one_by_one)
