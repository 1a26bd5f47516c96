"""Digits typed in the search are looked for inside the CCCD, phone and party card numbers."""

from __future__ import annotations

import pytest

from commune_app.ops import people as people_ops
from commune_app.store import people as people_store
from tests.factories import make_person


@pytest.fixture
def people(session):
    an = make_person(session, "Nguyễn Văn An", birth_date="1990-05-10", cccd="001090019673", phone="0912345678")
    binh = make_person(
        session,
        "Trần Thị Bình",
        gender="F",
        birth_date="1991-01-02",
        cccd="004191123456",
        party_card_new="123456789012",
        party_card_old="44556677",
    )
    return an, binh


def _find(session, text):
    return people_store.search_ids(session.store, people_store.PeopleFilter(text=text))


@pytest.mark.parametrize(
    ("typed", "who"),
    [
        ("9673", 0),
        ("019673", 0),
        ("1090019673", 0),
        ("01090019673", 0),  # last digits; the CCCD without its 0
        ("001 090 019 673", 0),
        ("001.090.019.673", 0),
        ("912345", 0),
        ("0912 345 678", 0),
        ("7890", 1),
        ("5566", 1),
        ("123456", "both"),
        ("an 9673", 0),
        ("binh 9673", None),
    ],
)
def test_a_fragment_of_four_digits_or_more_matches_anywhere(session, people, typed, who):
    # "123456" is inside An's phone 0912345678 and Bình's CCCD and card: both, in name order.
    expected = {0: [people[0]], 1: [people[1]], None: [], "both": [people[0], people[1]]}[who]
    assert _find(session, typed) == expected
    assert people_store.text_match_ids(session.store, typed) == set(expected)


def test_the_digits_follow_changes_to_the_numbers(session, people):
    people_ops.update_person(session, people[0], {"phone": "0987000111"})
    assert _find(session, "7000") == [people[0]] and _find(session, "912345") == []


def test_digits_alone_keep_the_other_conditions_and_the_page(session, people):
    """Only digits typed: the matches are found first, then filtered, ordered and paged as any search."""
    an, binh = people
    people_ops.delete_person(session, an, "Nhập trùng")
    flt = people_store.PeopleFilter(text="123456")
    assert people_store.search_ids(session.store, flt) == [binh]
    assert people_store.search_ids(session.store, people_store.PeopleFilter(text="123456", deleted=True)) == [an]
    assert people_store.search_ids(session.store, people_store.PeopleFilter(text="123456", female=True)) == [binh]
    assert people_store.search_ids(session.store, people_store.PeopleFilter(text="9673")) == []
    assert people_store.count(session.store, flt) == 1
    cheng = make_person(session, "Lò Văn Chèng", birth_date="1999-03-03", cccd="012099123456")
    both = people_store.PeopleFilter(text="123456")
    assert people_store.search_ids(session.store, both) == [binh, cheng]  # by given name: Bình, Chèng
    assert people_store.search_ids(session.store, both, limit=1, offset=1) == [cheng]
