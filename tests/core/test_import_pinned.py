"""What a large, varied import previews and writes, pinned row by row against a stored record, so that
work on the import's speed provably changes nothing of what is imported or refused.

Two sheets of a few hundred rows: the national database's standardisation sheet (two-row merged
header) with refused rows of every kind, duplicates inside the sheet and against the file, total and
heading rows, old-font and 'Ð' text, numbers Excel mangled, statuses; and a commune's member list
(birth dates under merged 'Nam' / 'Nữ'). Part of each is imported first, so the big preview also
matches, changes and conflicts. Pinned: the preview (counts, summary, skipped rows, every row's
status, values, reasons, warnings, conversions, changes) and every row written (people, milestones,
cells, assignments, audit), timestamps left out. After a deliberate change of behaviour, rewrite the
record with ``python -m tests.core.test_import_pinned`` and review its diff.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from commune_app.bench.importing import registry_people, write_member_sheet, write_registry_sheet
from commune_app.importing.preview import Preview
from commune_app.ops import importing
from commune_app.ops.context import Actor, Session, open_session
from tests.conftest import TODAY
from tests.factories import make_cell, make_person

PINNED = Path(__file__).parent / "data" / "import_pinned.json.gz"  # about 2 MB of JSON
ROWS = 320
# Columns and JSON keys that hold the moment of writing, not what was written: only whether one is set is pinned.
_MOMENTS = {"at", "created_at", "updated_at", "deleted_at"}
_TABLES = ("cells", "people", "cell_assignments", "milestones", "audit")


def _registry_rows() -> list[dict[str, Any]]:
    """ROWS people of the standardisation sheet, every few of them spoiled or unusual in one way."""
    people = registry_people(ROWS)
    for i, person in enumerate(people):
        variant = i % 40
        if variant == 1:
            person["birth"] = "31/02/1980"  # not in the calendar
        elif variant == 2:
            person["admitted"] = None  # a member without admission date
        elif variant == 3:
            person["gender"] = "Khác"
        elif variant == 4:
            person["ethnicity"] = "Kinhh"
        elif variant == 5:
            person["cccd"] = people[i - 1]["cccd"]  # same CCCD as the row above
        elif variant == 6:
            person.update(name=people[i - 2]["name"], birth=people[i - 2]["birth"])  # same name and birth
        elif variant == 7:
            person["birth"] = 1975 + i % 20  # only the year
        elif variant == 8:
            person["cccd"] = int(person["cccd"])  # stored as a number: the leading zeros lost
        elif variant == 9:
            person["cccd"] = f"{80_000_000 + i:09d}"  # an old 9-digit CMND in the CCCD column
        elif variant == 10:
            person["name"] = "Hoµng ThÞ BÝch"  # TCVN3
        elif variant == 11:
            person["name"] = "\u00d0ặng Văn " + person["name"].split()[-1]  # 'Ð' for 'Đ'
        elif variant == 12:
            spaced = person["name"].replace(" ", "   ")
            person["name"] = "  " + unicodedata.normalize("NFD", spaced)  # decomposed, extra spaces
        elif variant == 13:
            person.update(status="Đã mất", left="12/03/2025")
        elif variant == 14:
            person.update(status="Đã mất")  # without its date
        elif variant == 15:
            person.update(status="Chuyển sinh hoạt đi", left="01/06/2025")
        elif variant == 16:
            person.update(status="Miễn sinh hoạt đảng", left="01/01/2024")
        elif variant == 17:
            person.update(status="Tạm ngừng")  # not understood: kept as written, with a warning
        elif variant == 18:
            person.update(official=None)  # a probationer long ago: the ceremony estimated
        elif variant == 19:
            person.update(admitted="02/11/2026", official=None)  # within the ceremony deadline
        elif variant == 20:
            person["official"] = "01/01/1960"  # before the admission
        elif variant == 21:
            person["admitted"] = "01/01/2027"  # after today
        elif variant == 22:
            person["cell"] = "Chi bộ thôn Nà Lầu - Đảng bộ xã Bằng Thành"
        elif variant == 23:
            person["cell"] = "Nà Lầu"
        elif variant == 24:
            person["cell"] = f"Chi bộ Bản Mới {i // 40}"  # a cell the import creates
        elif variant == 25:
            person["cell"] = None  # the group heading above names it
        elif variant == 26:
            person["name"] = None
        elif variant == 27:
            person.update(birth="5/6/75", card_date="40/01/2020")
        elif variant == 28:
            person.update(card="12345", religion="Phật", ethnicity="HMông")
        elif variant == 29:
            person["name"] = person["name"].upper()
    body: list[dict[str, Any]] = []
    for i, person in enumerate(people):
        if i % 50 == 25:
            body.append({"row": "II. CHI BỘ THÔN PÁC BÓ"})  # a group heading
        body.append(person)
        if i % 60 == 59:
            body.append({"row": None, "name": f"Cộng: {i + 1} đồng chí"})
    body.append({"row": "Tổng cộng", "name": f"{ROWS} đồng chí"})
    return body


def _existing(session: Session) -> None:
    """What the file holds before the big import: cells, and people the sheet matches in every way."""
    make_cell(session, name="Chi bộ thôn Nà Lầu")
    make_cell(session, name="Pác Bó")
    make_cell(session, name="Chi bộ Thôn An")
    people = registry_people(ROWS)
    # Same CCCD, another name: refused; same name and birth, another CCCD: refused.
    make_person(session, "Trần Văn Khác", gender="M", birth_date="1950-01-02", cccd=people[41]["cccd"])
    other = people[43]
    birth = dt.datetime.strptime(other["birth"], "%d/%m/%Y").date().isoformat()
    make_person(session, other["name"], gender="F" if other["gender"] == "Nữ" else "M", birth_date=birth)
    gone = people[44]
    deleted = make_person(
        session, gone["name"], birth_date=dt.datetime.strptime(gone["birth"], "%d/%m/%Y").date().isoformat()
    )
    with session.write() as audit:
        from commune_app.store import people as people_store

        people_store.soft_delete(session.store, audit, deleted, "thử")


def _first_import(session: Session, folder: Path, people: list[dict[str, Any]]) -> None:
    """Part of the sheet imported earlier, some of it since written differently."""
    earlier = [dict(p) for p in people[:30] if p.get("id")]
    for index, person in enumerate(earlier):
        if index % 3 == 0:
            person["perm_detail"] = "Thôn cũ"
        if index % 7 == 0 and person.get("admitted"):
            person["admitted"] = "01/01/1990"  # the file will disagree on the admission
    path = write_registry_sheet(folder / "truoc.xlsx", earlier, two_row_header=True)
    importing.commit(session, importing.preview(session, path, kind="members"), None)


def _preview_record(preview: Preview) -> dict[str, Any]:
    rows = []
    for row in preview.rows:
        rows.append(
            {
                "row": row.row_number,
                "status": row.status,
                "name": row.full_name,
                "birth": row.birth,
                "values": row.values,
                "year_only": row.year_only,
                "milestones": row.milestones,
                "estimated": row.estimated,
                "conversions": row.conversions,
                "cell": [row.cell_name, row.cell_id, row.cell_code],
                "person_id": row.person_id,
                "changes": [[c.field, c.label, c.old, c.new] for c in row.changes],
                "reasons": row.reasons,
                "warnings": row.warnings,
                "described": row.described_text(),
            }
        )
    return {
        "counts": preview.counts(),
        "summary": preview.summary_lines(),
        "kind": preview.kind,
        "header_rows": preview.header_rows,
        "fates": preview.column_fates(),
        "skipped": preview.skipped,
        "new_cells": preview.new_cells,
        "accepted": preview.accepted_default(),
        "rows": rows,
    }


def _without_moments(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: v is not None if k in _MOMENTS else _without_moments(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_moments(v) for v in value]
    return value


def _stored(session: Session) -> dict[str, Any]:
    out: dict[str, Any] = {}
    conn = session.store.conn
    for table in _TABLES:
        cursor = conn.execute(f"SELECT * FROM {table} ORDER BY id")
        names = [d[0] for d in cursor.description]
        rows = []
        for values in cursor:
            row = {}
            for name, value in zip(names, values, strict=True):
                if name in _MOMENTS:
                    value = value is not None
                elif isinstance(value, bytes):
                    value = value.hex()
                elif name in ("before", "after", "details") and isinstance(value, str):
                    value = _without_moments(json.loads(value))
                row[name] = value
            rows.append(row)
        out[table] = rows
    conn.execute("INSERT INTO people_fts(people_fts) VALUES ('integrity-check')")  # the index matches the rows
    out["found_by_search"] = conn.execute("SELECT count(*) FROM people_fts WHERE people_fts MATCH 'nguyen'").fetchone()
    return out


def observed(folder: Path) -> dict[str, Any]:
    """Everything pinned, from a fresh data file in ``folder``."""
    out: dict[str, Any] = {}
    session = open_session(folder / "dulieu.sqlite", actor=Actor(username="kiemthu", role="admin"))
    session.today_override = TODAY
    try:
        _existing(session)
        body = _registry_rows()
        _first_import(session, folder, body)
        sheets = {
            "registry": write_registry_sheet(folder / "chuan-hoa.xlsx", body, two_row_header=True),
            "members": write_member_sheet(folder / "danh-sach.xlsx", ROWS),
        }
        for name, path in sheets.items():
            preview = importing.preview(session, path, kind="members")
            out[f"{name}_preview"] = _preview_record(preview)
            summary = importing.commit(session, preview)
            out[f"{name}_commit"] = summary.lines()
        out["stored"] = _stored(session)
        out["again"] = importing.preview(session, sheets["registry"], kind="members").counts()
    finally:
        session.close()
    # Tuples as lists, as stored; the scratch folder's name in file names and audit rows set aside.
    return json.loads(json.dumps(out, ensure_ascii=False, default=str).replace(str(folder), "FOLDER"))


def test_a_large_varied_import_previews_and_writes_exactly_what_is_pinned(tmp_path):
    got = observed(tmp_path)
    pinned = json.loads(gzip.decompress(PINNED.read_bytes()))
    assert got.keys() == pinned.keys()
    counts = got["registry_preview"]["counts"]
    assert counts["refused"] > 20 and counts["match"] > 10 and counts["new"] > 200, counts  # varied indeed
    for key in pinned:
        if key == "stored":
            for table in pinned[key]:
                assert got[key][table] == pinned[key][table], table
        elif key.endswith("_preview"):
            for part in pinned[key]:
                if part == "rows":
                    for mine, theirs in zip(got[key][part], pinned[key][part], strict=True):
                        assert mine == theirs, theirs["row"]
                assert got[key][part] == pinned[key][part], part
        else:
            assert got[key] == pinned[key], key


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        PINNED.parent.mkdir(exist_ok=True)
        record = json.dumps(observed(Path(scratch)), ensure_ascii=False, indent=0, sort_keys=True)
        PINNED.write_bytes(gzip.compress(record.encode("utf-8"), mtime=0))
