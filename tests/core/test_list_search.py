"""Search as you type keeps the list's order and agrees with a full SQL search."""

from __future__ import annotations

import pytest

from commune_app.ops import people as people_ops
from commune_app.ops.list_search import ListSearch
from commune_app.store.people import PeopleFilter
from tests.factories import make_cell, make_person

NAMES = ("Nguyễn Văn An", "Trần Thị Ân", "Nguyễn Thị Bình", "Đặng Văn Đức", "Lê Văn Đạt", "Nguyễn Đức Anh")


@pytest.mark.parametrize("text", ["", "nguyen", "van", "duc", "an nguyen", "0912", "zzz", "Đ"])
@pytest.mark.parametrize("sort,descending", [("name", False), ("name", True), ("birth_date", False)])
def test_incremental_search_equals_sql_search(session, text, sort, descending):
    cell = make_cell(session)
    for index, name in enumerate(NAMES):
        make_person(
            session,
            name,
            cell_id=cell if index % 2 else None,
            birth_date=f"199{index}-01-0{index + 1}",
            phone=f"091234567{index}",
        )
    search = ListSearch(session)
    flt = PeopleFilter(text=text, sort=sort, descending=descending)
    assert search.ids(flt) == people_ops.search_ids(session, flt)
    flt = PeopleFilter(text=text, cell_id=cell)
    assert search.ids(flt) == people_ops.search_ids(session, flt)


def test_base_order_is_read_again_only_after_invalidate(session):
    search = ListSearch(session)
    first = make_person(session, "Nguyễn Văn An")
    assert search.ids(PeopleFilter(text="ng")) == [first]
    second = make_person(session, "Nguyễn Văn Bình")
    assert search.ids(PeopleFilter(text="ng")) == [first]  # the list has not been told yet
    search.invalidate()
    assert search.ids(PeopleFilter(text="ng")) == [first, second]


def test_the_list_query_reads_only_the_covering_index(session):
    plan = " ".join(
        str(row)
        for row in session.store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT p.id FROM people p LEFT JOIN cells c ON c.id = p.cell_id"
            " WHERE p.deleted_at IS NULL AND p.status IN ('probationary', 'official') AND p.gender = 'F'"
            " ORDER BY p.sort_key"
        )
    )
    assert "COVERING INDEX people_list" in plan and "TEMP B-TREE" not in plan
