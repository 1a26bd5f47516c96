"""Names with ' and - sort as ICU's Vietnamese collation does; the per-person override of Ê Đê and
Jrai names sets the sort and the "Tên" column (lists, documents and reports read them)."""

from __future__ import annotations

import sqlite3

from commune_app import vn
from commune_app.ops import people as people_ops
from commune_app.ops.list_columns import COLUMNS
from commune_app.store import people as people_store
from commune_app.store import schema
from tests.factories import make_person

# Orders given by ICU (QCollator "vi_VN", ICU bundled with Qt 6, default strength, punctuation not
# ignored), written down so that the test needs no ICU: ' and - sort after the space and before
# every letter; a shorter word first.
ICU_ORDERS = [
    ["An", "An na", "An-na", "Anh"],
    ["H Hen", "H-Hen", "H'Hen", "H’Hen", "Ha", "Hà", "Hạ", "Hen"],
    ["Ka Lin", "Ka-Lin", "Kal"],
    ["Y Moan", "Y'Moan", "Ymoan"],
    ["Ê đê", "Ê-đê", "Êđê"],
    ["Dinh", "Điền", "Đình", "Định"],
]


def test_apostrophes_and_hyphens_sort_as_icu_does():
    for order in ICU_ORDERS:
        assert sorted(reversed(order), key=vn.collation_key) == order


def test_an_override_sets_the_given_name_column_and_the_order(session):
    hen = make_person(session, "H'Hen Niê", gender="F", sort_override="H'Hen|Niê")
    make_person(session, "Nguyễn Thị Hoa", gender="F")
    make_person(session, "Lê Văn Khải")
    moan = make_person(session, "Y Moan Ênuôl")
    stored = people_store.get(session.store, hen)
    assert (stored["given_name"], stored["family_name"]) == ("H'Hen", "Niê")
    rows = people_store.rows_by_ids(session.store, [hen, moan])
    assert COLUMNS["given_name"].value(rows[hen], session.today) == "H'Hen"
    assert COLUMNS["family_middle"].value(rows[hen], session.today) == "Niê"
    ordered = people_store.search_ids(session.store, people_store.PeopleFilter())
    names = [people_store.get(session.store, i)["full_name"] for i in ordered]
    assert names == ["Y Moan Ênuôl", "H'Hen Niê", "Nguyễn Thị Hoa", "Lê Văn Khải"]  # Ênuôl, H'Hen, Hoa, Khải

    # Changing the override on the record moves the person and changes the "Tên" column.
    people_ops.update_person(session, moan, {"sort_override": "Moan|Y Ênuôl"})
    stored = people_store.get(session.store, moan)
    assert (stored["given_name"], stored["family_name"], stored["middle_name"]) == ("Moan", "Y", "Ênuôl")
    ordered = people_store.search_ids(session.store, people_store.PeopleFilter())
    assert [people_store.get(session.store, i)["given_name"] for i in ordered] == ["H'Hen", "Hoa", "Khải", "Moan"]


def test_the_migration_rekeys_names_sorted_under_the_old_rules(session):
    """A file made before 0005 keeps keys where ' sorted after z: the migration recomputes them."""
    hen = make_person(session, "H'Hen Niê", gender="F")
    with session.write():
        session.store.conn.execute("UPDATE people SET sort_key = ? WHERE id = ?", [b"\xff", hen])
    schema._rekey_names(_Db(session.store.conn))
    assert people_store.get(session.store, hen)["sort_key"] == vn.person_sort_key("H'Hen Niê")


class _Db:
    """The part of sqlite-utils' Database a migration uses."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: list | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, params or [])
