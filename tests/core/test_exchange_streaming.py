"""The JSON export streams one table and one row at a time, in the very format of the in-memory writer."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from commune_app import __version__
from commune_app.exchange import FORMAT_NAME, FORMAT_VERSION, export_file, import_file
from commune_app.ops.context import SYSTEM, Session, open_session
from commune_app.store import exchange as store_exchange
from commune_app.store import schema
from tests.factories import make_cell, make_person


def _in_memory_writer(session: Session, exported_at: str) -> str:
    """The writer of before: every table's rows loaded whole, then joined into the document."""

    def row_json(row: dict[str, Any]) -> str:
        return json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))

    parts = ["{\n"]
    for key, value in (
        ("format", FORMAT_NAME),
        ("format_version", FORMAT_VERSION),
        ("schema_version", schema.schema_version()),
        ("app_version", __version__),
        ("exported_at", exported_at),
    ):
        parts.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
    parts.append(' "tables": {')
    for index, table in enumerate(store_exchange.data_tables(session.store)):
        rows = store_exchange.dump_table(session.store, table)
        parts.append(("," if index else "") + f"\n  {json.dumps(table)}: [")
        parts.append(",".join(f"\n   {row_json(row)}" for row in rows))
        parts.append("\n  ]" if rows else "]")
    parts.append("\n }\n}\n")
    return "".join(parts)


def test_the_streamed_export_is_the_in_memory_writers_document_and_imports(session: Session, tmp_path: Path) -> None:
    cell = make_cell(session)
    for name in ("Nguyễn Văn An", "Hoàng Thị Bích", "Tống Văn Tân"):
        make_person(session, name, cell_id=cell)
    out = tmp_path / "xuat.json"
    # The file as the in-memory writer wrote it, before the export's own audit row of the copy.
    expected = _in_memory_writer(session, "LÚC-XUẤT")
    export_file(session, out, with_accounts=True)
    streamed = out.read_text(encoding="utf-8")
    exported_at = json.loads(streamed)["exported_at"]
    assert streamed == expected.replace('"LÚC-XUẤT"', json.dumps(exported_at))
    assert '"people": [\n   {' in streamed and '"extra_days_off": []' in streamed  # rows and empty tables alike
    fresh = open_session(tmp_path / "moi.sqlite", actor=SYSTEM)
    fresh.today_override = dt.date(2026, 11, 20)
    try:
        counts = import_file(fresh, out)
        assert counts["people"] == 3
    finally:
        fresh.close()


def test_rows_come_from_the_store_one_at_a_time(session: Session) -> None:
    make_person(session, "Nguyễn Văn An")
    rows = store_exchange.iter_table(session.store, "people")
    assert not isinstance(rows, list)
    assert next(rows)["full_name"] == "Nguyễn Văn An"
