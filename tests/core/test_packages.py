"""Cell packages: commune → package → edits in cell mode → return package → merge gives exactly those edits."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from commune_app.cli.main import run as cli
from commune_app.demo.generator import generate
from commune_app.errors import NotAllowed, Refused
from commune_app.ops import packages, reports
from commune_app.ops import people as people_ops
from commune_app.ops import road as road_ops
from commune_app.ops.context import SYSTEM, Session, open_session

TODAY = dt.date(2026, 11, 20)
PASSWORD = "mật khẩu gói 2026"
CELL = "Chi bộ thôn Khuổi Phầy"


def _open(path: Path) -> Session:
    session = open_session(path, actor=SYSTEM)
    session.today_override = TODAY
    return session


@pytest.fixture(scope="module")
def commune_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("goi") / "xa.sqlite"
    session = _open(path)
    generate(session, scale="commune", seed=3)
    session.close()
    return path


@pytest.fixture
def commune(commune_file: Path, tmp_path: Path) -> Iterator[Session]:
    copy = tmp_path / "xa.sqlite"
    shutil.copy(commune_file, copy)
    session = _open(copy)
    yield session
    session.close()


def _cell_file(commune: Session, folder: Path) -> tuple[Path, Session]:
    out = folder / "goi.ptdv"
    packages.export_package(commune, out, PASSWORD, CELL)
    cell = _open(folder / "chibo.sqlite")
    packages.open_package(cell, out, PASSWORD)
    cell.close()
    return out, _open(folder / "chibo.sqlite")


def _someone(session: Session, status: str) -> dict[str, Any]:
    return session.store.one(
        "SELECT p.* FROM people p JOIN cells c ON c.id = p.cell_id WHERE c.name = ? "
        "AND p.status = ? AND p.deleted_at IS NULL ORDER BY p.id LIMIT 1",
        [CELL, status],
    )


def test_edits_in_cell_mode_come_back_exactly(commune: Session, tmp_path: Path) -> None:
    sent, cell = _cell_file(commune, tmp_path)
    assert cell.actor.cell_id is not None  # the cell's file works with that cell only
    with pytest.raises(NotAllowed):
        reports.figures(cell, "2026-Q3")
    member = _someone(cell, "official")
    people_ops.update_person(cell, member["id"], {"phone": "0987654321"})
    newcomer = people_ops.create_person(
        cell,
        {
            "full_name": "Tống Thị Mai",
            "gender": "F",
            "birth_date": "2001-04-02",
            "ethnicity": "Tày",
            "religion": "Không",
        },
        cell_id=None,
    )
    road_ops.record_step(cell, newcomer, "source_listed", {"date": "2026-11-15"})
    road_ops.assign_helper(cell, newcomer, member["id"], "2026-11-16")  # the member who will help her
    cell.close()
    back = tmp_path / "gui-ve.ptdv"
    cell = _open(tmp_path / "chibo.sqlite")
    assert packages.export_package(cell, back, PASSWORD)["kind"] == "return"
    cell.close()

    preview = packages.merge_preview(commune, back, PASSWORD)
    assert preview.merge.counts() == {"new": 1, "identical": 0, "changed": 1, "conflict": 0}
    changed = next(r for r in preview.merge.records if r.status == "changed")
    assert changed.person_id == member["id"]
    assert [(c.field, c.new) for c in changed.changes] == [("phone", "0987654321")]
    new = next(r for r in preview.merge.records if r.status == "new")
    assert new.name == "Tống Thị Mai" and [m["kind"] for m in new.milestones] == ["source_listed"]
    assert [(p.text, p.reason) for p in preview.links] == [
        (f"Phân công đảng viên giúp đỡ {member['full_name']} cho Tống Thị Mai", "")
    ]
    assert f"  Phân công đảng viên giúp đỡ {member['full_name']} cho Tống Thị Mai" in preview.lines()
    counts = packages.merge_commit(commune, preview)
    assert (counts["created"], counts["updated"], counts["milestones"]) == (1, 1, 1)
    assert commune.store.scalar("SELECT phone FROM people WHERE id = ?", [member["id"]]) == "0987654321"
    arrived = commune.store.one(
        "SELECT p.id, c.name FROM people p JOIN cells c ON c.id = p.cell_id WHERE p.full_name = 'Tống Thị Mai'"
    )
    assert arrived["name"] == CELL
    assert counts["links"] == 1
    helper = commune.store.one("SELECT member_id, role, assigned_on FROM links WHERE person_id = ?", [arrived["id"]])
    assert helper == {"member_id": member["id"], "role": "helper", "assigned_on": "2026-11-16"}
    audit = commune.store.one("SELECT summary FROM audit WHERE action = 'package_merge'")
    assert audit["summary"].startswith(f"Gộp gói dữ liệu {CELL} lập ngày 20/11/2026")
    # The same return package again, or an older one, is refused.
    with pytest.raises(Refused, match="đã được gộp"):
        packages.merge_preview(commune, back, PASSWORD)
    assert sent.exists()


def test_a_return_package_without_edits_merges_as_nothing(commune: Session, tmp_path: Path) -> None:
    _, cell = _cell_file(commune, tmp_path)
    packages.export_package(cell, tmp_path / "ve.ptdv", PASSWORD)
    cell.close()
    before = commune.store.scalar("SELECT count(*) FROM audit")
    preview = packages.merge_preview(commune, tmp_path / "ve.ptdv", PASSWORD)
    assert preview.merge.records == []
    counts = packages.merge_commit(commune, preview)
    assert (counts["created"], counts["updated"], counts["milestones"]) == (0, 0, 0)
    assert commune.store.scalar("SELECT count(*) FROM audit") == before + 3  # merge, setting, origin


def test_conflicts_are_shown_not_overwritten(commune: Session, tmp_path: Path) -> None:
    _, cell = _cell_file(commune, tmp_path)
    member = _someone(cell, "official")
    other = cell.store.one(
        "SELECT * FROM people WHERE cell_id = ? AND status = 'official' AND id > ? ORDER BY id LIMIT 1",
        [member["cell_id"], member["id"]],
    )
    people_ops.update_person(cell, member["id"], {"phone": "0911111111"})
    people_ops.update_person(cell, other["id"], {"occupation": "Trồng chè"})
    packages.export_package(cell, tmp_path / "ve.ptdv", PASSWORD)
    cell.close()
    # Meanwhile the commune changed the first person's phone, and the second one's workplace.
    people_ops.update_person(commune, member["id"], {"phone": "0922222222"})
    people_ops.update_person(commune, other["id"], {"workplace": "Hợp tác xã Khuổi Phầy"})
    preview = packages.merge_preview(commune, tmp_path / "ve.ptdv", PASSWORD)
    conflict = next(r for r in preview.merge.records if r.person_id == member["id"])
    assert conflict.status == "conflict"
    assert conflict.reasons == [
        "Số điện thoại: chi bộ sửa thành “0911111111”, nhưng đảng ủy đã sửa thành “0922222222” sau khi gửi gói"
    ]
    kept = next(r for r in preview.merge.records if r.person_id == other["id"])
    assert [c.field for c in kept.changes] == ["occupation"]  # the commune's workplace edit is not undone
    with pytest.raises(Refused):
        packages.merge_commit(commune, preview, [conflict.key])
    assert commune.store.scalar("SELECT phone FROM people WHERE id = ?", [member["id"]]) == "0922222222"
    password = tmp_path / "mk.txt"
    password.write_text(PASSWORD, encoding="utf-8")
    assert (
        cli(
            [
                "package",
                "merge",
                "--db",
                str(commune.store.path),
                str(tmp_path / "ve.ptdv"),
                "--password-file",
                str(password),
            ]
        )
        == 1
    )


def test_tampered_foreign_and_stale_packages_are_refused(commune: Session, tmp_path: Path) -> None:
    _, cell = _cell_file(commune, tmp_path)
    packages.export_package(cell, tmp_path / "cu.ptdv", PASSWORD)
    cell.close()
    blob = bytearray((tmp_path / "cu.ptdv").read_bytes())
    blob[-40] ^= 1
    (tmp_path / "sua.ptdv").write_bytes(bytes(blob))
    with pytest.raises(Refused, match="sai mật khẩu, hoặc gói đã bị sửa"):
        packages.merge_preview(commune, tmp_path / "sua.ptdv", PASSWORD)
    with pytest.raises(Refused, match="sai mật khẩu"):
        packages.merge_preview(commune, tmp_path / "cu.ptdv", "mật khẩu khác")
    # A newer package is made and merged; the return of the older one is then stale.
    newer = tmp_path / "moi"
    newer.mkdir()
    _, cell = _cell_file(commune, newer)
    packages.export_package(cell, newer / "ve.ptdv", PASSWORD)
    cell.close()
    packages.merge_commit(commune, packages.merge_preview(commune, newer / "ve.ptdv", PASSWORD))
    with pytest.raises(Refused, match="cũ hơn gói đã gộp"):
        packages.merge_preview(commune, tmp_path / "cu.ptdv", PASSWORD)
    # Another commune's file.
    other = _open(tmp_path / "xa-khac.sqlite")
    generate(other, scale="commune", seed=3, commune="Mẫu Sơn")
    with pytest.raises(Refused, match=r"là của ĐẢNG ỦY XÃ BA SƠN .* không phải của ĐẢNG ỦY XÃ MẪU SƠN"):
        packages.merge_preview(other, newer / "ve.ptdv", PASSWORD)
    other.close()


def test_the_commands_end_to_end(commune: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(commune.store.path)
    commune.close()
    password = tmp_path / "mk.txt"
    password.write_text(PASSWORD + "\n", encoding="utf-8")
    pw = ["--password-file", str(password)]
    cell_db = str(tmp_path / "chibo.sqlite")
    assert cli(["package", "export", "--db", db, "--cell", "Chi bộ không có", "-o", str(tmp_path / "x.ptdv"), *pw]) == 1
    assert cli(["package", "export", "--db", db, "--cell", CELL, "-o", str(tmp_path / "goi.ptdv"), *pw]) == 0
    assert cli(["package", "merge", "--db", db, str(tmp_path / "goi.ptdv"), *pw]) == 1  # not a return package
    assert cli(["package", "open", str(tmp_path / "goi.ptdv"), "--db", cell_db, *pw]) == 0
    assert cli(["package", "export", "--db", cell_db, "-o", str(tmp_path / "ve.ptdv"), *pw]) == 0
    capsys.readouterr()
    assert cli(["package", "merge", "--db", db, str(tmp_path / "ve.ptdv"), *pw, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"Gói dữ liệu của {CELL} (ĐẢNG ỦY XÃ BA SƠN)" in out and "Chạy thử: chưa ghi gì" in out
    assert cli(["package", "merge", "--db", db, str(tmp_path / "ve.ptdv"), *pw]) == 0
    assert cli(["package", "merge", "--db", db, str(tmp_path / "ve.ptdv"), *pw]) == 1  # merged already
    assert cli(["package", "open", str(tmp_path / "khong-co.ptdv"), "--db", str(tmp_path / "y.sqlite"), *pw]) == 2
    assert not (tmp_path / "y.sqlite").exists()


def _a_step_and_a_relative(session: Session) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """A person of the cell with a recorded step and a recorded relative (demo data)."""
    row = session.store.one(
        "SELECT p.*, m.id AS step_id, r.id AS relative_id FROM people p JOIN cells c ON c.id = p.cell_id"
        " JOIN milestones m ON m.person_id = p.id AND m.withdrawn_at IS NULL"
        " JOIN relatives r ON r.person_id = p.id WHERE c.name = ? AND p.deleted_at IS NULL"
        " ORDER BY p.id, m.id, r.id LIMIT 1",
        [CELL],
    )
    assert row is not None, "the demo cell has someone with a step and a relative"
    step = session.store.one("SELECT * FROM milestones WHERE id = ?", [row["step_id"]])
    relative = session.store.one("SELECT * FROM relatives WHERE id = ?", [row["relative_id"]])
    return row, step, relative


def test_a_return_package_carries_filled_in_steps_and_relatives(commune: Session, tmp_path: Path) -> None:
    _, cell = _cell_file(commune, tmp_path)
    person, step, relative = _a_step_and_a_relative(cell)
    with cell.write() as audit:  # the cell fills in the step's paper and its relatives
        from commune_app.store import road as road_store

        road_store.correct_milestone(cell.store, audit, step["id"], {"doc_number": "99-NQ/CB"}, "bổ sung số")
        road_store.save_relative(cell.store, audit, person["id"], {"occupation": "Trồng hồi"}, relative["id"])
        road_store.save_relative(
            cell.store, audit, person["id"], {"relation": "Con", "full_name": "Hoàng Văn Sáng", "birth_year": 2015}
        )
    packages.export_package(cell, tmp_path / "ve.ptdv", PASSWORD)
    cell.close()

    preview = packages.merge_preview(commune, tmp_path / "ve.ptdv", PASSWORD)
    (record,) = preview.merge.records
    assert record.person_id == person["id"] and record.status == "changed"
    shown = sorted((c.label.rpartition(": ")[2] if ":" in c.label else c.label, c.new) for c in record.changes)
    assert shown == [("Người thân", "Con Hoàng Văn Sáng"), ("nghề nghiệp", "Trồng hồi"), ("số văn bản", "99-NQ/CB")]
    counts = packages.merge_commit(commune, preview)
    assert (counts["corrections"], counts["relatives"]) == (1, 2)
    assert commune.store.scalar("SELECT doc_number FROM milestones WHERE id = ?", [step["id"]]) == "99-NQ/CB"
    assert commune.store.scalar("SELECT occupation FROM relatives WHERE id = ?", [relative["id"]]) == "Trồng hồi"
    assert (
        commune.store.scalar(
            "SELECT count(*) FROM relatives WHERE person_id = ? AND full_name = 'Hoàng Văn Sáng'", [person["id"]]
        )
        == 1
    )


def test_a_step_the_commune_filled_in_too_is_a_conflict(commune: Session, tmp_path: Path) -> None:
    _, cell = _cell_file(commune, tmp_path)
    _person, step, _relative = _a_step_and_a_relative(cell)
    from commune_app.store import road as road_store

    with cell.write() as audit:
        road_store.correct_milestone(cell.store, audit, step["id"], {"issuer": "Chi bộ Khuổi Phầy"}, "bổ sung")
    packages.export_package(cell, tmp_path / "ve.ptdv", PASSWORD)
    cell.close()
    with commune.write() as audit:
        road_store.correct_milestone(commune.store, audit, step["id"], {"issuer": "Đảng ủy xã"}, "bổ sung")
    preview = packages.merge_preview(commune, tmp_path / "ve.ptdv", PASSWORD)
    (record,) = preview.merge.records
    assert record.status == "conflict" and "cơ quan ban hành" in record.reasons[0]
    assert commune.store.scalar("SELECT issuer FROM milestones WHERE id = ?", [step["id"]]) == "Đảng ủy xã"


def test_a_package_is_never_written_over_the_data_file_or_a_backup(commune: Session, tmp_path: Path) -> None:
    size = commune.store.path.stat().st_size
    for target in (commune.store.path, Path(f"{commune.store.path}-wal")):
        with pytest.raises(Refused, match="tệp dữ liệu đang dùng"):
            packages.export_package(commune, target, PASSWORD, CELL)
    assert commune.store.path.stat().st_size == size
    backup = tmp_path / "sao-luu.ptdv"
    backup.write_bytes(b"PTDV-ENC1" + b"\0" * 64)  # an encrypted backup's header
    with pytest.raises(Refused, match="bản sao lưu"):
        packages.export_package(commune, backup, PASSWORD, CELL)
    assert backup.read_bytes().startswith(b"PTDV-ENC1\0\0")
    assert not list(tmp_path.glob(".*dang-ghi*"))  # no temporary file left behind
