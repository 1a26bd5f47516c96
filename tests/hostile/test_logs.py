"""Issue 15, case 13: names, birth dates and addresses never reach the log, tracebacks included."""

from __future__ import annotations

import logging

import pytest

from commune_app.logs import MaskingFormatter

pytestmark = pytest.mark.hostile


def test_a_crash_with_personal_data_is_logged_without_it():
    formatter = MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        raise ValueError("Không lưu được hồ sơ Lương Hồng Lan, sinh 02/01/2000 (2000-01-02), ở Thôn Nà Lầu")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "ui", logging.ERROR, __file__, 1, "Lỗi khi sửa hồ sơ %s của %s", (42, "Nông Văn Đức"), sys.exc_info()
        )
    line = formatter.format(record)
    for secret in ("Lương", "Hồng Lan", "02/01/2000", "2000-01-02", "Nà Lầu", "Nông Văn Đức"):
        assert secret not in line
    assert "hồ sơ 42" in line and "ValueError" in line and "Không lưu được hồ sơ" in line
    assert line[:4].isdigit()  # the line's own time stamp is kept
