"""The benchmark's sheet stays importable (the timing itself belongs to `commune-app bench`)."""

from __future__ import annotations

from commune_app.bench import importing as bench
from commune_app.ops import importing
from commune_app.ops.context import SYSTEM, open_session


def test_the_benchmark_sheet_is_fully_accepted_and_committed(tmp_path):
    rows = bench.measure(tmp_path, rows=150)
    assert [label for label, _ in rows] == [
        "Nhập danh sách: xem trước 150 dòng",
        "Nhập danh sách: ghi 150 dòng",
        "Nhập biểu chuẩn hóa: xem trước 150 dòng",
        "Nhập biểu chuẩn hóa: ghi 150 dòng",
    ]
    session = open_session(tmp_path / "nhap.sqlite", actor=SYSTEM)
    try:
        assert session.store.scalar("SELECT count(*) FROM people WHERE status IN ('official', 'probationary')") == 150
        again = importing.preview(session, tmp_path / "danh-sach-dang-vien.xlsx", kind="members")
        assert again.counts()["unchanged"] == 150
    finally:
        session.close()


def test_the_merge_benchmark_package_is_understood(tmp_path):
    bench.measure(tmp_path, rows=60)
    label, _ = bench.measure_merge(tmp_path, people=40)
    assert label == "Gộp tệp JSON: xem trước 40 hồ sơ"
