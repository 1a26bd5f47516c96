"""Search as the clerk types: no diacritics needed, name parts in any order, đ = d, CCCD and
phone prefixes, results in Vietnamese name order, the same answers from both query plans."""

from __future__ import annotations

import pytest

from commune_app.ops import people as people_ops
from commune_app.store import people as people_store
from commune_app.store.people import PeopleFilter
from tests.factories import make_cell, make_person


def names(session, text: str, **filters) -> list[str]:
    ids = people_ops.search_ids(session, PeopleFilter(text=text, **filters))
    rows = people_ops.rows(session, ids)
    return [rows[i]["full_name"] for i in ids]


@pytest.fixture
def village(session):
    cell = make_cell(session, "Chi bộ thôn Nà Lầu")
    other = make_cell(session, "Chi bộ Trường Tiểu học")
    make_person(session, "Nguyễn Văn An", cell_id=cell, cccd="020200123456", phone="0912345678")
    make_person(session, "Trần Đức Anh", cell_id=cell, birth_date="1999-02-03")
    make_person(session, "Lê Thị Dục", cell_id=other, gender="F", birth_date="1998-07-08")
    make_person(session, "Hoàng Văn Ân", cell_id=cell, birth_date="1990-01-01")
    make_person(session, "Lê Thị An", cell_id=other, gender="F", birth_date="1991-01-01")
    make_person(session, "Nông Văn Bình", cell_id=cell, birth_date="1992-01-01")
    return cell


@pytest.fixture(params=["few matches", "many matches"])
def plan(request, monkeypatch):
    """Run each test through both query plans: from the full-text index, and the name-order walk."""
    if request.param == "many matches":
        monkeypatch.setattr(people_store, "FEW_MATCHES", -1)
        monkeypatch.setattr(people_store, "FEW_MATCHES_FOR_A_PAGE", -1)
    return request.param


def test_without_diacritics_and_in_any_order(session, village, plan):
    assert names(session, "nguyen van an") == ["Nguyễn Văn An"]
    assert names(session, "an nguyen") == ["Nguyễn Văn An"]
    assert names(session, "NGUYỄN") == ["Nguyễn Văn An"]
    assert names(session, "van an") == ["Nguyễn Văn An", "Hoàng Văn Ân"]


def test_d_with_stroke_matches_plain_d(session, village, plan):
    assert names(session, "duc") == ["Trần Đức Anh", "Lê Thị Dục"]
    assert names(session, "đức") == ["Trần Đức Anh", "Lê Thị Dục"]
    assert names(session, "Đ") == ["Trần Đức Anh", "Lê Thị Dục"]


def test_prefix_cccd_and_phone(session, village, plan):
    assert names(session, "0202001") == ["Nguyễn Văn An"]
    assert names(session, "091234") == ["Nguyễn Văn An"]
    assert names(session, "020200123457") == []


def test_vietnamese_order_by_given_name_then_family(session, village, plan):
    # An before Anh before Ân (every An before every Ân), then Bình; same given name → family name.
    assert names(session, "") == [
        "Lê Thị An",
        "Nguyễn Văn An",
        "Trần Đức Anh",
        "Hoàng Văn Ân",
        "Nông Văn Bình",
        "Lê Thị Dục",
    ]
    assert names(session, "a") == ["Lê Thị An", "Nguyễn Văn An", "Trần Đức Anh", "Hoàng Văn Ân"]


def test_count_and_pages_agree_with_the_full_list(session, village, plan):
    for text in ("", "a", "van", "le", "x"):
        flt = PeopleFilter(text=text)
        ids = people_ops.search_ids(session, flt)
        assert people_ops.count(session, flt) == len(ids)
        assert people_store.search_ids(session.store, flt, limit=2) == ids[:2]
        assert people_store.search_ids(session.store, flt, limit=2, offset=2) == ids[2:4]


def test_filters_combine_with_text(session, village, plan):
    assert names(session, "le", cell_name="truong tieu") == ["Lê Thị An", "Lê Thị Dục"]
    assert names(session, "an", female=True) == ["Lê Thị An"]
    assert names(session, "an", cell_id=village) == ["Nguyễn Văn An", "Trần Đức Anh", "Hoàng Văn Ân"]


def test_deleted_people_are_found_only_in_the_bin(session, village, plan):
    target = people_ops.search_ids(session, PeopleFilter(text="binh"))[0]
    people_ops.delete_person(session, target, "Nhập trùng")
    assert names(session, "binh") == []
    assert names(session, "binh", deleted=True) == ["Nông Văn Bình"]


def test_find_returns_rows_in_order_with_limit(session, village):
    rows = people_ops.find(session, "van", limit=2)
    assert [r["full_name"] for r in rows] == ["Nguyễn Văn An", "Hoàng Văn Ân"]
    assert rows[0]["cell"] == "Chi bộ thôn Nà Lầu"
