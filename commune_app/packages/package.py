"""A cell package on disk: a manifest and tables, as JSON, encrypted like a password backup.

The plain document is ``{"manifest": {...}, "tables": {...}, "base": {...}}``; the manifest
names the format, the kind (``outbound``: from the commune to the cell; ``return``: back), the
commune (province, commune, committee), the cell, when and by whom it was made, from which state
of the commune's file (its last audit row), and a SHA-256 of the tables. AES-GCM already refuses
any change to the encrypted bytes; the checksum also catches a package written by a faulty tool.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

from commune_app import __version__, vn
from commune_app.errors import FileRefused, Refused
from commune_app.safety import crypto, outputs

FORMAT = "commune-app-cell-package"
VERSION = 1
SUFFIX = ".ptdv"
TAMPERED = (
    "Gói dữ liệu {name} không mở được: sai mật khẩu, hoặc gói đã bị sửa hay hỏng trên đường chuyển. "
    "Dữ liệu không thay đổi; hãy xin chi bộ hoặc đảng ủy gửi lại gói."
)


def _canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def checksum(tables: dict[str, Any], base: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical({"tables": tables, "base": base})).hexdigest()


def identity(profile: dict[str, Any]) -> dict[str, str]:
    return {
        "province": profile.get("province") or "",
        "commune": profile.get("commune") or "",
        "committee": profile.get("committee_name") or "",
    }


def same_commune(a: dict[str, str], b: dict[str, str]) -> bool:
    return all(vn.fold(a.get(k, "")) == vn.fold(b.get(k, "")) for k in ("province", "commune", "committee"))


def manifest(
    kind: str, commune: dict[str, str], cell: str, made_by: str, origin: dict[str, Any], today: dt.date
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "kind": kind,
        "id": uuid.uuid4().hex,
        "commune": commune,
        "cell": cell,
        "made_at": dt.datetime.now().isoformat(timespec="microseconds"),
        "made_on": today.isoformat(),
        "made_by": made_by,
        "origin": origin,
        "app_version": __version__,
    }


def write(path: str | Path, document: dict[str, Any], password: str, *, data_file: Path | None = None) -> Path:
    """Encrypt and write through the one output writer: never over ``data_file``, its companions, a
    data file or a backup; a temporary file renamed at the end."""
    target = Path(path)
    document["manifest"]["checksum"] = checksum(document["tables"], document.get("base", {}))
    blob = crypto.encrypt(_canonical(document), password)
    with outputs.replacing(target, data_file=data_file) as temporary:
        temporary.write_bytes(blob)
    return target


def read(path: str | Path, password: str) -> dict[str, Any]:
    """Decrypt and check a package; refused in Vietnamese when it is not one, altered or newer."""
    source = Path(path)
    try:
        blob = source.read_bytes()
    except FileNotFoundError:
        raise FileRefused(f"Không tìm thấy tệp {source}.") from None
    except OSError as exc:
        raise FileRefused(f"Không đọc được tệp {source}: {exc.strerror or exc}.") from None
    if not crypto.is_encrypted(blob):
        raise Refused(f"Tệp {source.name} không phải gói dữ liệu chi bộ của chương trình Phát triển Đảng viên.")
    try:
        plain = crypto.decrypt(blob, password)
    except Refused:
        raise Refused(TAMPERED.format(name=source.name)) from None
    try:
        document = json.loads(plain)
        found = document["manifest"]
        tables, base = document["tables"], document.get("base", {})
    except (ValueError, KeyError, TypeError):
        raise Refused(
            f"Tệp {source.name} không phải gói dữ liệu chi bộ của chương trình Phát triển Đảng viên."
        ) from None
    if found.get("format") != FORMAT:
        raise Refused(f"Tệp {source.name} không phải gói dữ liệu chi bộ của chương trình Phát triển Đảng viên.")
    if not isinstance(found.get("version"), int) or found["version"] > VERSION:
        raise Refused(
            f"Gói {source.name} dùng định dạng phiên bản {found.get('version')}, mới hơn phiên bản "
            f"{VERSION} mà chương trình này đọc được. Hãy cài phiên bản mới của chương trình."
        )
    if found.get("checksum") != checksum(tables, base):
        raise Refused(TAMPERED.format(name=source.name))
    return dict(document)
