"""Backup and restore as the clerk sees them: where backups go, when they are made, naming."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from commune_app.errors import NotAllowed, Refused
from commune_app.ops import audit as audit_ops
from commune_app.ops.context import Session
from commune_app.paths import user_data_dir
from commune_app.safety import backups, drives, outputs
from commune_app.settings import Settings
from commune_app.store import profile


def backup_folder(settings: Settings) -> Path:
    configured = settings.get("backup_dir")
    return Path(configured) if configured else user_data_dir() / "sao-luu"


def commune_name(session: Session) -> str:
    prof = profile.get_profile(session.store)
    return prof.get("commune") or prof.get("committee_name") or session.store.path.stem


def manual_backup(
    session: Session, folder: Path, password: str | None = None, *, file: Path | None = None
) -> backups.BackupInfo:
    """A backup to any folder (a USB stick), named with the commune and the time (or ``file``,
    which must not exist yet). The copy holds every cell's people, so an account restricted
    to one cell may not take it away."""
    session.require_whole_commune()
    info = backups.make_backup(
        session.store, Path(folder), name=commune_name(session), password=password, by=session.actor.username, file=file
    )
    audit_ops.record_copy(
        session,
        "Sao lưu" + (" có mật khẩu" if password else " không mật khẩu"),
        int(info.summary.get("people", 0)),
        info.path,
    )
    return info


def automatic_backup(session: Session, settings: Settings, *, force: bool = False) -> backups.BackupInfo | None:
    """At the first start of each day (and, with force, when the program closes); rotates."""
    # Backups follow the computer's clock, not the business date a session may be set to.
    folder = backup_folder(settings)
    if not force and not backups.automatic_backup_due(folder):
        return None
    info = backups.make_backup(session.store, folder, name=commune_name(session), tag=backups.AUTO_TAG)
    backups.rotate(
        folder, keep_last=int(settings.get("backup_keep_last")), keep_monthly=int(settings.get("backup_keep_monthly"))
    )
    return info


def removable_drive(folder: Path) -> bool:
    """Whether ``folder`` lies on a removable drive (a USB stick): its backups should be encrypted."""
    return drives.is_removable(folder)


WEEKLY = dt.timedelta(days=7)


def weekly_check(
    settings: Settings, *, now: dt.datetime | None = None, key: bytes | None = None
) -> backups.BackupInfo | None:
    """Once a week, the newest backup without a backup password gets the full check a restore
    would run (manifest, integrity_check, foreign_key_check), so a bad copy is found before it is
    needed; ``key`` opens the copies of an encrypted file. Raises Refused, naming the backup, when
    it fails; the date is kept only when it passes."""
    now = now or dt.datetime.now()
    last = settings.get("backup_full_check_at")
    if last and now - dt.datetime.fromisoformat(last) < WEEKLY:
        return None
    newest = next(
        (b for b in backups.list_backups(backup_folder(settings)) if not b.encrypted and (key or not b.keyed)), None
    )
    if newest is None:
        return None
    try:
        checked = backups.inspect(newest.path, key=key if newest.keyed else None)
    except Refused as exc:
        raise Refused(f"Bản sao lưu {newest.path.name} không qua kiểm tra hằng tuần:", *exc.reasons) from None
    settings.set("backup_full_check_at", now.isoformat(timespec="seconds"))
    settings.save()
    return checked


def remove_leftovers(session: Session, settings: Settings) -> list[Path]:
    """At start: the temporary files an interrupted backup, restore or export left beside the
    data file and in the backup folder (40 MB each at commune scale)."""
    return [*outputs.remove_leftovers(session.store.path.parent), *outputs.remove_leftovers(backup_folder(settings))]


def require_restore_right(session: Session) -> None:
    """Restoring replaces everyone's data: administrators only (asked before the file is closed),
    and never in a file opened read-only, whose other program would keep writing to it."""
    if session.store.read_only:
        raise NotAllowed(
            "Tệp đang được mở ở một chương trình khác (chế độ chỉ đọc): không khôi phục được. "
            "Hãy đóng chương trình kia rồi mở lại tệp để khôi phục."
        )
    session.require_admin()


def restore(
    db_path: Path,
    backup_file: Path,
    settings: Settings,
    *,
    password: str | None = None,
    name: str = "",
    key: bytes | None = None,
) -> backups.Restored:
    """Replace the closed file by a backup; the replaced file is first backed up itself. ``key``:
    the data key of the encrypted file being replaced; the restored file's key (the same, or an
    encrypted backup's own) comes back with it."""
    return backups.restore(
        db_path,
        backup_file,
        safety_folder=backup_folder(settings),
        name=name or Path(db_path).stem,
        password=password,
        key=key,
    )
