"""Where the data file may live (not synchronised, not on a share or a stick) and the names
of the files the program saves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from commune_app import file_names, places

ENV = {"OneDrive": r"C:\Users\vanthu\OneDrive - Văn phòng Đảng ủy"}


@pytest.mark.parametrize(
    "path,service",
    [
        (r"C:\Users\vanthu\OneDrive - Văn phòng Đảng ủy\Documents\du-lieu.sqlite", "OneDrive"),
        (r"C:\Users\vanthu\OneDrive\Tài liệu\du-lieu.sqlite", "OneDrive"),
        (r"C:\Users\vanthu\Dropbox\du-lieu.sqlite", "Dropbox"),
        (r"G:\My Drive\dang-uy\du-lieu.sqlite", "Google Drive"),
        ("/home/vanthu/Google Drive/du-lieu.sqlite", "Google Drive"),
        (r"C:\Users\vanthu\AppData\Local\PhatTrienDangVien\du-lieu.sqlite", None),
        ("/home/vanthu/Tài liệu/du-lieu.sqlite", None),
    ],
)
def test_synchronised_folders_are_recognised(path, service):
    assert places.synced_service(path, env=ENV) == service


def test_data_file_in_onedrive_is_warned_with_the_reason():
    warnings = places.data_file_warnings(
        r"C:\Users\vanthu\OneDrive\Tài liệu\du-lieu.sqlite", env={}, drive_type=lambda _p: 3
    )
    assert [w.kind for w in warnings] == ["synced"]
    assert "OneDrive" in warnings[0].message and "mất dữ liệu" in warnings[0].message


def test_data_file_on_a_usb_stick_is_warned_but_a_backup_there_is_fine():
    stick = "E:\\sao-luu\\du-lieu.sqlite"
    assert [w.kind for w in places.data_file_warnings(stick, env={}, drive_type=lambda _p: 2)] == ["removable"]
    assert places.backup_folder_warnings("E:\\sao-luu", env={}) == []
    assert places.is_removable("/media/vanthu/USB/du-lieu.sqlite", drive_type=lambda _p: None)


def test_unc_path_is_a_network_share():
    kinds = [
        w.kind for w in places.data_file_warnings(r"\\may-chu\chung\du-lieu.sqlite", env={}, drive_type=lambda _p: 4)
    ]
    assert "network" in kinds


def test_output_folder_under_documents_unless_documents_is_synchronised(tmp_path):
    plain = places.default_output_dir(documents=tmp_path / "Documents", env={})
    assert plain.path == tmp_path / "Documents" / "Phát triển Đảng viên" and plain.reason == ""
    synced = places.default_output_dir(documents=Path(r"C:\Users\vanthu\OneDrive\Documents"), env={})
    assert "OneDrive" in synced.reason and places.synced_service(synced.path, env={}) is None


def test_file_names_say_what_whom_and_when():
    on = dt.date(2026, 12, 2)
    assert file_names.document_name("9-KNĐ", "Nguyễn Văn An", on) == "9-KNĐ - Nguyễn Văn An - 02-12-2026.pdf"
    assert file_names.report_name("quý IV-2026", "Đảng ủy xã Ba Sơn") == "Báo cáo quý IV-2026 - Đảng ủy xã Ba Sơn.xlsx"
    assert file_names.list_name("Danh sách đảng viên", on) == "Danh sách đảng viên - 02-12-2026.xlsx"


@pytest.mark.parametrize("stem", ['Chi bộ "A/B": thôn <1>?', "CON", "  . ", "a" * 400, "Tên\x07có\tký tự"])
def test_file_names_are_valid_on_windows(stem):
    name = file_names.safe_file_name(stem, ".pdf")
    assert name.endswith(".pdf") and len(name) <= file_names.MAX_STEM + 4
    assert not set('<>:"/\\|?*') & set(name) and all(ord(c) >= 32 for c in name)
    assert name[:-4].upper() not in {"CON", "PRN", "AUX", "NUL"} and not name[:-4].endswith((" ", "."))
