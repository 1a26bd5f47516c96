"""Issue 15, case 1: no command writes over the data file, its companions or a backup; an
existing output is replaced only with --force; outputs are written beside and renamed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from commune_app.cli.main import run
from commune_app.errors import FileRefused
from commune_app.ops import audit, list_export
from commune_app.safety import backups, outputs
from commune_app.store.audit import AuditFilter
from tests.hostile.helpers import fill

pytestmark = pytest.mark.hostile


@pytest.fixture
def data_file(session, db_path) -> Path:
    fill(session)
    session.close()
    return db_path


def _people(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize(
    "command",
    [
        ["export"],
        ["report", "--period", "2026"],
        ["dossier", "--register"],
    ],
)
@pytest.mark.parametrize("companion", ["", "-wal", "-shm", ".lock"])
def test_no_command_writes_over_the_data_file_or_its_companions(data_file, command, companion, capsys):
    target = f"{data_file}{companion}"
    assert run([*command, "--db", str(data_file), "-o", target, "--force"]) == 2
    assert "tệp dữ liệu đang dùng" in capsys.readouterr().err
    assert _people(data_file) == 3


def test_a_backup_is_never_overwritten_even_with_force(data_file, tmp_path, capsys):
    assert run(["backup", "--db", str(data_file), "-o", str(tmp_path / "bk")]) == 0
    backup = next((tmp_path / "bk").glob("*.sqlite"))
    before = backup.read_bytes()
    for command in (["export"], ["report", "--period", "2026"], ["dossier", "--register"]):
        assert run([*command, "--db", str(data_file), "-o", str(backup), "--force"]) == 2
        assert "bản sao lưu" in capsys.readouterr().err
    assert backup.read_bytes() == before
    # nor by a named backup
    assert run(["backup", "--db", str(data_file), "-o", str(backup)]) == 2
    assert backup.read_bytes() == before


def test_an_existing_output_needs_force(data_file, tmp_path, capsys):
    out = tmp_path / "xuat.json"
    out.write_text("của người khác", encoding="utf-8")
    assert run(["export", "--db", str(data_file), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "của người khác"
    assert run(["export", "--db", str(data_file), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("{")


def test_ops_refuse_the_data_file_even_when_a_dialog_confirmed(session, db_path, tmp_path):
    """The save dialog asked "replace?" and the clerk said yes: the data file is still refused."""
    fill(session)
    with pytest.raises(FileRefused):
        audit.export_xlsx(session, AuditFilter(), db_path)
    backup = backups.make_backup(session.store, tmp_path / "bk", name="x").path
    named_xlsx = backup.rename(backup.with_suffix(".xlsx"))  # a backup renamed by hand
    with pytest.raises(FileRefused):
        list_export.export_people(session, named_xlsx, [1], ["full_name"])
    assert session.store.scalar("SELECT count(*) FROM people") == 3


def test_a_failed_write_leaves_the_old_output_and_no_temporary(tmp_path):
    target = tmp_path / "bao-cao.xlsx"
    target.write_bytes(b"cu")
    with pytest.raises(RuntimeError), outputs.replacing(target, suffix=".xlsx") as temporary:
        temporary.write_bytes(b"mot nua")
        raise RuntimeError("bị ngắt giữa chừng")
    assert target.read_bytes() == b"cu"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.xlsx"]


def test_leftovers_of_an_interrupted_output_backup_or_restore_are_removed(tmp_path):
    leftovers = [
        tmp_path / f".bao-cao.xlsx{outputs.TEMP_MARK}abc.xlsx",
        tmp_path / f".ba-son-20261120-101010.sqlite{outputs.TEMP_MARK}x.tmp",
    ]
    for path in leftovers:
        path.write_bytes(b"x" * 100)
    kept = tmp_path / "ba-son-20261120-101010.sqlite"
    kept.write_bytes(b"giu")
    assert sorted(outputs.remove_leftovers(tmp_path, older_than_seconds=0)) == sorted(leftovers)
    assert [p.name for p in tmp_path.iterdir()] == [kept.name]
    assert backups.list_backups(tmp_path)[0].path == kept
