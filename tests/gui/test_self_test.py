"""The self-test the built program runs (``--self-test``): passes on a sound window, names what fails."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from tests.factories import make_person
from tests.gui.shell_fixtures import dialogs, main_window  # noqa: F401 - fixtures
from ui.shell import self_test


@pytest.fixture
def person_id(session) -> int:
    return make_person(session, "Trần Thị Ngọc Ánh")


def test_passes_on_the_window_with_a_person(main_window, person_id, capsys) -> None:
    assert self_test.run_self_test(main_window) == 0
    out = capsys.readouterr().out
    assert "Tự kiểm tra đạt" in out
    assert all(title in out for title in main_window.page_titles())
    assert "cửa sổ hồ sơ “Trần Thị Ngọc Ánh” (" in out
    assert main_window.person_windows() == []  # the person window it opened is closed again


def test_an_empty_file_passes_and_says_no_person_window_was_opened(main_window, capsys) -> None:
    assert self_test.run_self_test(main_window) == 0
    assert "tệp chưa có hồ sơ nào nên không mở cửa sổ hồ sơ" in capsys.readouterr().out


def test_a_failing_page_is_named_and_the_others_still_checked(main_window, capsys) -> None:
    def broken(_ctx):
        raise RuntimeError("trang hỏng")

    last = len(main_window.page_titles()) - 1
    main_window._pages[last] = replace(main_window._pages[last], factory=broken)
    assert self_test.run_self_test(main_window) == 1
    err = capsys.readouterr().err
    assert f"Trang “{main_window.page_titles()[last]}”: lỗi RuntimeError: trang hỏng" in err
    assert "Tự kiểm tra không đạt" in err


def test_a_message_box_is_closed_and_reported_instead_of_waiting(main_window, capsys) -> None:
    def asks(_ctx):
        QMessageBox(QMessageBox.Icon.Warning, "Cảnh báo thử", "Hộp thoại không ai bấm").exec()
        return QLabel("trang")

    main_window._pages[-1] = replace(main_window._pages[-1], factory=asks)
    assert self_test.run_self_test(main_window) == 1
    assert "Hộp thoại bất ngờ “Cảnh báo thử”: Hộp thoại không ai bấm" in capsys.readouterr().err


def test_missing_interface_font_fails(main_window, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(self_test, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    assert self_test.run_self_test(main_window) == 1
    assert "không thấy tệp NotoSans" in capsys.readouterr().err


def test_screenshot_is_saved_when_asked(main_window, tmp_path, monkeypatch) -> None:
    shot = tmp_path / "cua-so.png"
    monkeypatch.setenv("COMMUNE_APP_SELF_TEST_SHOT", str(shot))
    assert self_test.run_self_test(main_window) == 0
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_command_line_flag_runs_it_without_signing_in(
    qtbot, session, db_path: Path, person_id, dialogs, capsys
) -> None:
    from commune_app.ops import accounts
    from ui.launch import run

    accounts.create_user(session, "quantri", "mat-khau-du-dai-123", "admin")  # a login would now be asked
    from commune_app.settings import Settings

    before = Settings().get("last_db")
    assert run(["--db", str(db_path), "--self-test"]) == 0
    assert "Tự kiểm tra đạt" in capsys.readouterr().out
    assert dialogs.asked == [] and dialogs.shown == []
    assert Settings().get("last_db") == before  # the checked file does not become the clerk's last file


def test_command_line_refuses_a_missing_file(qtbot, tmp_path, capsys) -> None:
    from ui.launch import run

    missing = tmp_path / "khong-co.sqlite"
    assert run(["--db", str(missing), "--self-test"]) == 2
    assert "Tự kiểm tra cần một tệp dữ liệu có sẵn" in capsys.readouterr().err
    assert not missing.exists()


def test_an_exception_in_a_slot_counts_as_a_failure(main_window, capsys) -> None:
    from PySide6.QtCore import QTimer

    def later_fails(_ctx):
        def boom() -> None:
            raise ValueError("lỗi trong hàng đợi sự kiện")

        QTimer.singleShot(0, boom)
        return QLabel("trang")

    main_window._pages[-1] = replace(main_window._pages[-1], factory=later_fails)
    assert self_test.run_self_test(main_window) == 1
    assert "Lỗi không mong đợi ValueError: lỗi trong hàng đợi sự kiện" in capsys.readouterr().err
