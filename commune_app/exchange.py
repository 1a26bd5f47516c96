"""The JSON exchange format: the whole data file as one versioned, readable document.

``export_file`` writes every data table (see docs/data-format.md), one table and one row at a
time, so its memory stays small at any scale; ``import_file`` reads such
a document into an empty file in one transaction, all or nothing (``commune_app.importing.merge``
merges one into a file that already has data). Exporting, importing into a
new file and exporting again gives the same bytes apart from the top-level ``exported_at``:
rows are written in primary-key order with sorted keys, one row per line, and the columns the
program derives (sort keys, folded names) are left out and recomputed on the way in.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from commune_app import __version__
from commune_app.domain.person import PERSON_FIELDS, clean_person
from commune_app.errors import FileRefused, Refused
from commune_app.importing.exchange_file import FORMAT_NAME, FORMAT_VERSION, check_tables, read_document
from commune_app.ops import audit as audit_ops
from commune_app.ops.context import Session
from commune_app.progress import Progress
from commune_app.safety import outputs
from commune_app.store import engine, schema
from commune_app.store import exchange as store_exchange

_PERSON_FIELD_NAMES = tuple(f.name for f in PERSON_FIELDS)
_MAX_REASONS = 20  # reasons printed when a file is refused; the rest are counted


def _row_json(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def export_file(
    session: Session, path: str | Path, progress: Progress | None = None, *, with_accounts: bool = False
) -> dict[str, int]:
    """Write the whole file as JSON (atomically: a temporary file renamed at the end). The
    accounts (with their password hashes) are left out unless ``with_accounts``: a file
    imported from such an export starts without accounts, its first account an administrator."""
    session.require_admin()  # the export carries everyone's data
    progress = progress or Progress()
    path = Path(path)
    if not path.parent.exists():
        raise FileRefused(f"Thư mục {path.parent} không tồn tại.")
    tables = [t for t in store_exchange.data_tables(session.store) if with_accounts or t != "users"]
    counts: dict[str, int] = {}
    with (
        outputs.replacing(path, data_file=session.store.path) as temporary,
        open(temporary, "w", encoding="utf-8", newline="\n") as out,
    ):
        out.write("{\n")
        for key, value in (
            ("format", FORMAT_NAME),
            ("format_version", FORMAT_VERSION),
            ("schema_version", schema.schema_version()),
            ("app_version", __version__),
            ("exported_at", dt.datetime.now().isoformat(timespec="seconds")),
        ):
            out.write(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
        out.write(' "tables": {')
        for index, table in enumerate(tables):
            progress(index, len(tables), f"Đang xuất bảng {table}")
            out.write(("," if index else "") + f"\n  {json.dumps(table)}: [")
            counts[table] = 0
            for row in store_exchange.iter_table(session.store, table):  # one row in memory at a time
                out.write(("," if counts[table] else "") + f"\n   {_row_json(row)}")
                counts[table] += 1
            out.write("\n  ]" if counts[table] else "]")
        out.write("\n }\n}\n")
    progress(len(tables), len(tables), "Đã xuất xong")
    audit_ops.record_copy(session, "Xuất toàn bộ dữ liệu (JSON)", counts.get("people", 0), path)
    return counts


def _check_people(session: Session, rows: list[dict[str, Any]]) -> list[str]:
    """People are checked as the editor checks them, so nothing invalid reaches the file."""
    reasons = []
    for row in rows:
        if not row.get("full_name"):
            reasons.append(f"Người mã {row.get('id')}: thiếu họ và tên.")
            continue
        values = {k: row[k] for k in _PERSON_FIELD_NAMES if k in row and row[k] is not None}
        _, errors = clean_person(values, today=session.today)
        reasons += [f"Người mã {row.get('id')} ({row['full_name']}): {e}" for e in errors.values()]
    return reasons


def _refuse(reasons: list[str]) -> None:
    extra = len(reasons) - _MAX_REASONS
    shown = reasons[:_MAX_REASONS] + ([f"... và {extra} lỗi khác."] if extra > 0 else [])
    raise Refused("Không nhập tệp; dữ liệu không thay đổi.", *shown)


def import_file(session: Session, path: str | Path, progress: Progress | None = None) -> dict[str, int]:
    """Load an exchange file into an empty data file: one transaction, all or nothing."""
    session.require_admin()
    session.require_write()
    progress = progress or Progress()
    document = read_document(path)
    taken = store_exchange.nonempty_tables(session.store)
    if taken:
        raise Refused(
            f"Tệp dữ liệu {session.store.path.name} đã có dữ liệu (bảng {', '.join(taken)}).",
            "Chỉ nhập tệp JSON vào một tệp dữ liệu mới (chưa có gì) để không trộn lẫn hồ sơ; "
            "để gộp vào dữ liệu đang có, dùng --merge (xem trước bằng --dry-run).",
        )
    tables: dict[str, list[dict[str, Any]]] = document["tables"]
    reasons = check_tables(session.store, tables) or _check_people(session, tables.get("people", []))
    if reasons:
        _refuse(reasons)
    order = [t for t in store_exchange.data_tables(session.store) if t in tables]
    counts: dict[str, int] = {}
    try:
        with store_exchange.bulk_loading(session.store), session.write() as audit:
            store_exchange.clear_seeded_rows(session.store, order)
            with store_exchange.search_index_rebuilt_after(session.store):
                for index, table in enumerate(order):
                    progress(index, len(order), f"Đang nhập bảng {table}")
                    rows = [_stored_row(table, row) for row in tables[table]]
                    counts[table] = store_exchange.insert_rows(session.store, table, rows)
            broken = store_exchange.foreign_key_problems(session.store)
            if broken:
                _refuse(
                    [
                        f"Bảng “{table}” dòng {rowid} trỏ tới dòng không có trong bảng “{parent}”."
                        for table, rowid, parent, _ in broken
                    ]
                )
            audit.record(
                store_exchange.IMPORT_AUDIT_ACTION,
                "file",
                None,
                summary=f"Nhập dữ liệu từ tệp {Path(path).name} (xuất ngày {document.get('exported_at', '')})",
                after=counts,
            )
    except engine.IntegrityError as exc:
        raise Refused(
            "Không nhập tệp; dữ liệu không thay đổi.",
            f"Dữ liệu trong tệp vi phạm ràng buộc của cấu trúc dữ liệu: {exc}.",
        ) from None
    progress(len(order), len(order), "Đã nhập xong")
    return counts


def _stored_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    stored = {k: store_exchange.decode(v) for k, v in row.items()}
    stored.update(store_exchange.derived_values(table, stored))
    return stored
