"""Cell packages: the commune sends one cell's work to its secretary and merges what comes back.

``export_package`` writes, from the commune's file, a cell's package; from a cell-mode file, the
return package (what changed since the package was made). ``open_package`` makes a cell-mode
file from a package. ``merge_preview`` / ``merge_commit`` bring a return package in through the
import's merge preview (new, changed field by field, conflicting, removed), all or nothing, audited
with the package's origin. A package of another commune, one older than a package already merged,
or a tampered one is refused (docs/exchange.md).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commune_app import vn
from commune_app.errors import Refused
from commune_app.exchange import import_file
from commune_app.importing import merge as merge_mod
from commune_app.importing.exchange_file import FORMAT_NAME, FORMAT_VERSION
from commune_app.importing.merge import LinkPlan, MergePreview
from commune_app.ops import importing
from commune_app.ops.context import Session
from commune_app.packages import changes, package
from commune_app.progress import Progress
from commune_app.store import cells as cell_store
from commune_app.store import packages as package_store
from commune_app.store import profile, schema
from commune_app.store.db import Audit


@dataclass
class PackagePreview:
    path: str
    manifest: dict[str, Any]
    merge: MergePreview
    removed: list[str] = field(default_factory=list)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)  # the package's people by record key

    def lines(self) -> list[str]:
        m = self.manifest
        head = [
            f"Gói dữ liệu của {m['cell']} ({m['commune']['committee']}), chi bộ lập ngày "
            f"{vn.format_date(m['made_on'])} ({m['made_by']}), từ gói đảng ủy gửi ngày "
            f"{vn.format_date(m['origin']['package_made_on'])}."
        ]
        removed = [f"  {len(self.removed)} người chi bộ đã xóa khỏi gói (không xóa ở đảng ủy):"] if self.removed else []
        return [
            *head,
            *self.merge.summary_lines(),
            *removed,
            *(f"  {r}" for r in self.removed),
            *self.merge.detail_lines(),
        ]

    @property
    def links(self) -> list[LinkPlan]:
        return self.merge.links


def _made_by(session: Session) -> str:
    return session.actor.full_name or session.actor.username


def export_package(session: Session, path: str | Path, password: str, cell: str | None = None) -> dict[str, Any]:
    """The package of ``cell`` from the commune's file, or (no cell, in a cell-mode file) the return package."""
    mode = package_store.cell_mode(session.store)
    if mode is not None:
        if cell and vn.fold(cell) != vn.fold(mode["manifest"]["cell"]):
            raise Refused(f"Tệp này chỉ có {mode['manifest']['cell']}; không lập được gói của chi bộ khác.")
        return _export_return(session, mode, path, password)
    if not cell:
        raise Refused("Hãy chọn chi bộ cần lập gói (--cell TÊN).")
    session.require_whole_commune()
    found = cell_store.by_name(session.store, vn.nfc(cell))
    if found is None:
        raise Refused(f"Không có chi bộ “{cell}” trong tệp dữ liệu.")
    tables = package_store.cell_tables(session.store, found["id"])
    commune = package.identity(profile.get_profile(session.store))
    manifest = package.manifest(
        "outbound", commune, found["name"], _made_by(session), package_store.state(session.store), session.today
    )
    package.write(path, {"manifest": manifest, "tables": tables, "base": {}}, password, data_file=session.store.path)
    return manifest


def _export_return(session: Session, mode: dict[str, Any], path: str | Path, password: str) -> dict[str, Any]:
    sent = mode["manifest"]
    tables, base = changes.since(mode["base"], package_store.cell_tables(session.store, mode["cell_id"]))
    origin = {
        "package": sent["id"],
        "package_made_at": sent["made_at"],
        "package_made_on": sent["made_on"],
        "state": package_store.state(session.store),
    }
    manifest = package.manifest("return", sent["commune"], sent["cell"], _made_by(session), origin, session.today)
    package.write(path, {"manifest": manifest, "tables": tables, "base": base}, password, data_file=session.store.path)
    return manifest


def open_package(session: Session, path: str | Path, password: str) -> dict[str, Any]:
    """Fill a new, empty file with a cell's package; the file is then in cell mode, limited to that cell."""
    document = package.read(path, password)
    manifest: dict[str, Any] = document["manifest"]
    if manifest["kind"] != "outbound":
        raise Refused(
            f"Gói {Path(path).name} là gói chi bộ gửi về đảng ủy; gộp nó vào tệp của đảng ủy "
            "(package merge), không mở thành tệp chi bộ."
        )
    exchange = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema_version": schema.schema_version(),
        "exported_at": manifest["made_at"],
        "tables": document["tables"],
    }
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "goi.json"
        plain.write_text(json.dumps(exchange, ensure_ascii=False), encoding="utf-8")
        import_file(session, plain)
    mode = {
        "manifest": manifest,
        "cell_id": document["tables"]["cells"][0]["id"],
        "base": changes.base_rows(document["tables"]),
    }
    with session.store.write(session.actor.username) as audit:
        profile.set_setting(session.store, audit, package_store.CELL_MODE_SETTING, mode)
        audit.record(
            "package_open",
            "file",
            None,
            summary=f"Mở gói dữ liệu {manifest['cell']} của {manifest['commune']['committee']}, lập ngày "
            f"{vn.format_date(manifest['made_on'])}",
            after={"manifest": manifest},
        )
    return manifest


def open_package_file(path: str | Path, target: str | Path, password: str) -> dict[str, Any]:
    """The window's "open": a new cell-mode file at ``target`` (refused when it already holds data)."""
    from commune_app.ops.context import SYSTEM, open_session

    session = open_session(target, actor=SYSTEM)
    try:
        return open_package(session, path, password)
    finally:
        session.close()


def cell_mode(session: Session) -> dict[str, Any] | None:
    """The manifest of the package this file was opened from; None for a commune's own file."""
    mode = package_store.cell_mode(session.store)
    return dict(mode["manifest"]) if mode else None


def _merged(session: Session) -> dict[str, Any]:
    value = profile.get_setting(session.store, package_store.MERGED_SETTING)
    return value if isinstance(value, dict) else {}


def merge_preview(
    session: Session, path: str | Path, password: str, progress: Progress | None = None
) -> PackagePreview:
    """What merging a return package would do; nothing is written."""
    session.require_write()
    name = Path(path).name
    document = package.read(path, password)
    manifest = document["manifest"]
    if manifest["kind"] != "return":
        raise Refused(f"Gói {name} là gói đảng ủy gửi chi bộ, chưa phải gói chi bộ gửi về; mở nó bằng package open.")
    if package_store.cell_mode(session.store) is not None:
        raise Refused("Tệp này là tệp của một chi bộ; gói chi bộ gửi về chỉ gộp vào tệp của đảng ủy.")
    here = package.identity(profile.get_profile(session.store))
    if not package.same_commune(manifest["commune"], here):
        raise Refused(
            f"Gói {name} là của {manifest['commune']['committee']} ({manifest['commune']['commune']}, "
            f"tỉnh {manifest['commune']['province']}), không phải của {here['committee']}; không gộp."
        )
    last = _merged(session).get(vn.fold(manifest["cell"]))
    if last and last["return"] == manifest["id"]:
        raise Refused(f"Gói {name} đã được gộp ngày {vn.format_date(last['merged_on'])}; không gộp lần nữa.")
    if last and manifest["origin"]["package_made_at"] < last["package_made_at"]:
        raise Refused(
            f"Gói {name} lập từ gói đảng ủy gửi ngày {vn.format_date(manifest['origin']['package_made_on'])},"
            f" cũ hơn gói đã gộp (gửi ngày {vn.format_date(last['package_made_on'])}); không gộp để không "
            "ghi đè dữ liệu mới bằng dữ liệu cũ. Hãy xin chi bộ gói lập từ gói mới nhất."
        )
    preview = merge_mod.plan(
        session.store,
        name,
        document["tables"],
        today=session.today,
        admin=session.actor.is_admin,
        progress=progress or Progress(),
    )
    changes.reconcile(preview, document["base"])
    base, tables = document["base"], document["tables"]
    preview.links = importing.plan_links(session, preview, tables, set(base.get("known", [])))
    people = {f"person:{p['id']}": p for p in tables["people"]}
    return PackagePreview(str(path), manifest, preview, changes.removed_lines(base), people)


def merge_commit(
    session: Session, preview: PackagePreview, accepted: list[str] | None = None, progress: Progress | None = None
) -> dict[str, int]:
    """Write the accepted records in one transaction with the package's origin in the audit."""
    manifest = preview.manifest

    def record_origin(audit: Audit, counts: dict[str, int]) -> None:
        merged = _merged(session)
        merged[vn.fold(manifest["cell"])] = {
            "return": manifest["id"],
            "package": manifest["origin"]["package"],
            "package_made_at": manifest["origin"]["package_made_at"],
            "package_made_on": manifest["origin"]["package_made_on"],
            "merged_on": session.today.isoformat(),
        }
        profile.set_setting(session.store, audit, package_store.MERGED_SETTING, merged)
        audit.record(
            "package_merge",
            "file",
            None,
            summary=f"Gộp gói dữ liệu {manifest['cell']} lập ngày {vn.format_date(manifest['made_on'])} "
            f"bởi {manifest['made_by']} (từ gói gửi ngày "
            f"{vn.format_date(manifest['origin']['package_made_on'])}): {counts['created']} thêm mới, "
            f"{counts['updated']} cập nhật",
            after={"manifest": manifest, **counts},
        )

    return importing.merge_commit(session, preview.merge, accepted, progress, then=record_origin)
