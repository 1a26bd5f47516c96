"""The national party-member database's sheets: export the members, compare a sheet with the program.

The comparison reads the sheet through the import's preview (its matching by ID, CCCD, name and
birth date, and its field-by-field changes) and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from commune_app import vn
from commune_app.csdl import sheet
from commune_app.ops import importing
from commune_app.ops.context import Session
from commune_app.store import csdl as csdl_store
from commune_app.store import profile

DERIVED = frozenset({"activity_status", "left_on"})


def export(session: Session, path: str | Path, since: dt.date | None = None) -> int:
    """Write the standardisation sheet of every member (or those changed since a day); returns how many."""
    session.require_whole_commune()
    people = csdl_store.members(session.store, since.isoformat() if since else None)
    provinces = csdl_store.distinct_values(session.store, sheet.PROVINCE_COLUMNS)
    home = profile.get_profile(session.store).get("province")
    sheet.write(people, sorted({*provinces, *([home] if home else [])}), path)
    return len(people)


def new_members(session: Session, path: str | Path, since: dt.date | None = None) -> int:
    """One sheet per member admitted since a day (default: every probationary member), in the order of
    the database's add-member page; returns how many."""
    from commune_app.csdl import new_members as sheets

    session.require_whole_commune()
    people = [
        p
        for p in csdl_store.members(session.store)
        if (p["admitted_on"] >= since.isoformat() if since else p["status"] == "probationary")
    ]
    people.sort(key=lambda p: (p["admitted_on"], p["id"]))
    sheets.write(people, path)
    return len(people)


@dataclass
class Comparison:
    only_sheet: list[str] = field(default_factory=list)
    only_program: list[str] = field(default_factory=list)
    different: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    same: int = 0

    def lines(self) -> list[str]:
        out = [
            f"Giống nhau: {self.same} người; khác nhau: {len(self.different)}; chỉ có trong bảng: "
            f"{len(self.only_sheet)}; chỉ có trong chương trình: {len(self.only_program)}; dòng không đọc được: "
            f"{len(self.refused)}."
        ]
        for title, items in (
            ("Khác nhau", self.different),
            ("Chỉ có trong bảng", self.only_sheet),
            ("Chỉ có trong chương trình", self.only_program),
            ("Dòng không đọc được", self.refused),
        ):
            if items:
                out.append(f"{title}:")
                out += [f"  {item}" for item in items]
        return out

    @property
    def differs(self) -> bool:
        return bool(self.only_sheet or self.only_program or self.different or self.refused)


def compare(session: Session, path: str | Path) -> Comparison:
    """Who is only in the sheet, only in the program, or different field by field; nothing is written."""
    session.require_whole_commune()
    preview = importing.preview(session, path, kind="members")
    result = Comparison()
    seen: set[int] = set()
    members = {p["id"]: p for p in csdl_store.members(session.store)}
    for row in preview.rows:
        who = f"{row.full_name} ({row.birth}), dòng {row.row_number}"
        if row.status == "refused":
            result.refused.append(f"{who}: " + "; ".join(row.reasons))
        elif row.status == "new":
            result.only_sheet.append(who)
        else:
            seen.add(row.person_id or 0)
            member = members.get(row.person_id or 0)
            # The status and leaving date the program derives from the steps are what it would write.
            changes = [
                c
                for c in row.changes
                if not (member and c.field in DERIVED and str(sheet.value(member, c.field, 0)) == c.new)
            ]
            if changes:
                result.different.append(
                    f"{who}, mã {row.person_id}: "
                    + "; ".join(f"{c.label}: chương trình “{c.old}”, bảng “{c.new}”" for c in changes)
                )
            else:
                result.same += 1
    for person in members.values():
        if person["id"] not in seen:
            result.only_program.append(
                f"{person['full_name']} ({vn.format_date(person['birth_date'])}), "
                f"mã {person['id']}, {person.get('cell_name') or 'chưa có chi bộ'}"
            )
    return result
