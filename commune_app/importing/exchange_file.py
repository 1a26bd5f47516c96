"""The envelope of the exchange format (docs/data-format.md): reading a file and checking its
tables against this program's schema, for the full import and for a merge alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from commune_app.errors import FileRefused
from commune_app.store import exchange as store_exchange
from commune_app.store.db import Store

FORMAT_NAME = "commune-app-exchange"
FORMAT_VERSION = 1


def read_document(path: str | Path) -> dict[str, Any]:
    """Read and check the envelope of an exchange file; the tables are checked on import."""
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileRefused(f"Không tìm thấy tệp {path}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FileRefused(f"Không đọc được tệp {path}: {exc}.") from None
    except json.JSONDecodeError as exc:
        raise FileRefused(f"Tệp {path.name} không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}).") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise FileRefused(f"Tệp {path.name} không phải tệp trao đổi dữ liệu của chương trình Phát triển Đảng viên.")
    version = document.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise FileRefused(f"Tệp {path.name} không ghi phiên bản định dạng hợp lệ.")
    if version > FORMAT_VERSION:
        raise FileRefused(
            f"Tệp {path.name} dùng định dạng phiên bản {version}, mới hơn phiên bản {FORMAT_VERSION}"
            " mà chương trình này đọc được. Hãy cài phiên bản mới của chương trình."
        )
    if not isinstance(document.get("tables"), dict):
        raise FileRefused(f"Tệp {path.name} thiếu phần dữ liệu “tables”.")
    return document


def check_tables(store: Store, tables: dict[str, Any]) -> list[str]:
    """Reasons the tables cannot be loaded into this program's schema (empty when they can)."""
    known = store_exchange.data_tables(store)
    reasons = []
    for table, rows in tables.items():
        if table not in known:
            reasons.append(f"Bảng “{table}” không có trong cấu trúc dữ liệu của chương trình này.")
            continue
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            reasons.append(f"Bảng “{table}” phải là một danh sách các dòng.")
            continue
        columns = set(store_exchange.columns(store, table))
        unknown = sorted({k for r in rows for k in r} - columns)
        if unknown:
            reasons.append(f"Bảng “{table}” có cột không biết: {', '.join(unknown)}.")
    return reasons
