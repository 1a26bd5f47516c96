"""``commune-app rollup``: add many communes' report workbooks up for the province."""

from __future__ import annotations

import argparse

from commune_app import vn


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "rollup",
        help="tổng hợp báo cáo của nhiều đảng ủy xã thành báo cáo của tỉnh",
        description="Đọc trang dữ liệu ẩn trong các tệp báo cáo Excel do chương trình xuất (không đọc phần trình bày),"
        " từ chối khi khác kỳ báo cáo, khác mẫu biểu, trùng đảng ủy hoặc trang dữ liệu bị sửa (nêu tên"
        " tệp), rồi ghi tệp tổng hợp: mỗi biểu một dòng cho mỗi đảng ủy và dòng tổng cộng, kiểm tra"
        " D = A + B − C, thành phần không vượt tổng. Mã kiểm tra SHA-256 phát hiện sai sót và sửa tay,"
        " không chống được giả mạo có chủ ý (ai cũng tính lại được mã); khi cần, có thể thêm chữ ký"
        " số với khóa riêng của từng đảng ủy.",
    )
    parser.add_argument("-o", "--output", required=True, metavar="TỈNH.xlsx", help="tệp tổng hợp sẽ ghi")
    parser.add_argument("files", nargs="+", metavar="TỆP.xlsx", help="các tệp báo cáo của các đảng ủy xã")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from commune_app.ops.rollup import rollup

    added = rollup(args.files, args.output)
    print(
        f"Đã tổng hợp {len(added.communes)} đảng ủy, báo cáo {added.period_label}, {len(added.forms)} biểu: "
        f"{args.output}"
    )
    for commune in added.communes:
        print(f"  {commune.name}: số liệu chốt ngày {vn.format_date(commune.data.meta.get('cutoff', ''))}")
    if added.left_out:
        print("Không tổng hợp các biểu không có ở mọi tệp: " + ", ".join(added.left_out) + ".")
    return 0
