"""Text on the way in: 'Ð' read as 'Đ', names typed in TCVN3 or VNI converted (or kept at the clerk's
choice, never refused), control characters removed, years told from Excel day numbers: each said."""

from __future__ import annotations

import pytest

from commune_app import vn, vn_legacy
from commune_app.importing import values
from commune_app.ops import importing
from commune_app.store import people as people_store
from tests.conftest import TODAY
from tests.core.import_sheets import write_csv, write_xlsx
from tests.factories import make_person

HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Nơi cư trú"]


@pytest.mark.parametrize(
    ("typed", "font", "meant"),
    [
        ("Hoµng ThÞ BÝch", "TCVN3", "Hoàng Thị Bích"),
        ("NguyÔn V¨n §øc", "TCVN3", "Nguyễn Văn Đức"),
        ("TrÇn ThÞ Thu H»ng", "TCVN3", "Trần Thị Thu Hằng"),
        ("Ngäc Lan Hoa", "TCVN3", "Ngọc Lan Hoa"),
        ("Hoaøng Thò Bích", "VNI", "Hoàng Thị Bích"),
        ("Nguyeãn Vaên Ñöùc", "VNI", "Nguyễn Văn Đức"),
        ("Traàn Thò Thu Haèng", "VNI", "Trần Thị Thu Hằng"),
        ("Löông Ñình Thaéng", "VNI", "Lương Đình Thắng"),
    ],
)
def test_old_fonts_are_recognised(typed, font, meant):
    assert vn_legacy.detect(typed) == (font, meant)


@pytest.mark.parametrize(
    "name",
    [
        "Hoàng Thị Bích",
        "Vũ Ðình Nam",
        "Ðình Nam",
        "Lò Tô Hoà",
        "Hoà Bình Lò",
        "Khuê Tô",
        "H'Hen Niê",
        "Y Moan Ênuôl",
        "Nguyen Van An",
        "Bùi Hoá",
    ],
)
def test_unicode_names_are_never_converted(name):
    assert vn_legacy.detect(name) is None


def test_eth_is_read_as_d_with_stroke_everywhere(session):
    assert vn.nfc("Vũ Ðình Nam") == "Vũ Đình Nam" and vn.fold("Ðình") == vn.fold("Đình") == "dinh"
    assert vn.collation_key("Ðình") == vn.collation_key("Đình")
    typed = make_person(session, "Vũ Ðình Nam", birth_date="1990-01-02")
    assert people_store.get(session.store, typed)["full_name"] == "Vũ Đình Nam"
    names = ["Vũ Đình Nam", "Vũ Đình An", "Vũ Đình Zin"]
    for name in names[1:]:
        make_person(session, name, birth_date="1991-01-02")
    ordered = people_store.search_ids(session.store, people_store.PeopleFilter())
    assert [people_store.get(session.store, i)["given_name"] for i in ordered] == ["An", "Nam", "Zin"]
    assert people_store.search_ids(session.store, people_store.PeopleFilter(text="Ðình Nam")) == [typed]
    duplicates = people_store.likely_duplicates(
        session.store, cccd=None, full_name="Vũ Ðình Nam", birth_date="1990-01-02"
    )
    assert [d["id"] for d in duplicates] == [typed]


def _sheet(tmp_path, *rows):
    return write_xlsx(tmp_path / "ds.xlsx", {"DS": [HEADER, *rows]})


def test_the_preview_shows_each_conversion_and_the_clerk_can_decline(session, tmp_path):
    # A CSV lets control characters in (a workbook cannot hold them).
    path = write_csv(
        tmp_path / "ds.csv",
        [
            HEADER,
            ["Hoµng ThÞ BÝch", "Nữ", "02/03/1990", "Th«n Nµ LÇu"],
            ["Vũ Ðình Nam", "Nam", "02/03/1991", "Thôn Pác Bó"],
            ["Lò Văn\x07 Cường", "Nam", "02/03/1992", "Thôn\x0b Bản Mới"],
        ],
    )
    preview = importing.preview(session, path, kind="candidates")
    bich, nam, cuong = preview.rows
    assert bich.values["full_name"] == "Hoàng Thị Bích" and bich.values["residence"] == "Thôn Nà Lầu"
    assert any("TCVN3" in c and "Hoµng ThÞ BÝch" in c for c in bich.conversions)
    assert nam.values["full_name"] == "Vũ Đình Nam" and any("U+00D0" in c for c in nam.conversions)
    assert cuong.values["full_name"] == "Lò Văn Cường" and cuong.values["residence"] == "Thôn Bản Mới"
    assert sum("ký tự điều khiển" in c for c in cuong.conversions) == 2

    kept = importing.preview(session, path, kind="candidates", keep_as_written=[2])
    bich = kept.rows[0]
    assert bich.status == "new" and bich.values["full_name"] == "Hoµng ThÞ BÝch"
    assert any("giữ nguyên như đã ghi" in w for w in bich.warnings)
    assert not any("TCVN3" in c for c in bich.conversions)


def test_a_declined_name_with_signs_is_warned_not_refused(session, tmp_path):
    path = _sheet(tmp_path, ["NguyÔn V¨n §øc", "Nam", "02/03/1990", None])
    preview = importing.preview(session, path, kind="candidates", keep_as_written=True)
    assert preview.rows[0].status == "new", preview.rows[0].reasons


@pytest.mark.parametrize(
    ("cell", "iso", "year_only", "said"),
    [
        (1850, "1850-01-01", True, "được hiểu là năm"),
        (1975, "1975-01-01", True, "được hiểu là năm"),
        (32874, "1990-01-01", False, "số ngày của Excel"),
    ],
)
def test_a_number_in_a_birth_column_is_a_year_only_when_it_can_be_one(cell, iso, year_only, said):
    found = values.date_value(cell, "Ngày sinh", TODAY, allow_year=True)
    assert (found.iso, found.year_only) == (iso, year_only) and said in found.warning


def test_1850_is_refused_as_1850_not_read_as_1905(session, tmp_path):
    preview = importing.preview(session, _sheet(tmp_path, ["Lò Văn Cường", "Nam", 1850, None]), kind="candidates")
    row = preview.rows[0]
    assert row.status == "refused" and any("1900" in r for r in row.reasons)
    assert "1905" not in " ".join(row.reasons + row.warnings)
