"""The manifest of a backup: a sidecar ``<backup>.json`` beside every backup, plain or encrypted.

A sidecar (rather than a table inside the copy) because the SHA-256 is of the backup file as it
lies on the disk: a file cannot carry its own checksum. It records what the copy held (counts
of people, milestones and documents), the schema and program versions, when and by whom, and
which check it passed when it was made. See docs/sao-luu.md for what each check proves.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from commune_app.errors import Refused
from commune_app.safety import outputs

SUFFIX = ".json"
_CHUNK = 4 * 1024 * 1024
T = TypeVar("T")


@dataclass(frozen=True)
class Manifest:
    sha256: str
    size: int
    counts: dict[str, int]
    schema_version: int
    program_version: str
    created: str
    by: str
    encrypted: bool  # protected by a backup password (.ptdv)
    checked: list[str] = field(default_factory=list)  # the checks the copy passed when it was made
    keyed: bool = False  # a copy of an encrypted data file, under the file's own data key
    # The key slots of the file at the time (safety.keyslots): the copy opens with the password an
    # account had then, or the recovery key, even where the slot file is not (another computer).
    key_slots: dict[str, Any] | None = None


def path_for(backup: Path) -> Path:
    return backup.with_name(backup.name + SUFFIX)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)  # hashlib releases the GIL on large chunks: runs beside SQLite's check
    return digest.hexdigest()


def hash_while(path: Path, work: Callable[[], T]) -> tuple[str, T]:
    """The file's SHA-256 computed on a second thread while ``work`` (a SQLite check) runs."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(sha256_of, path)
        result = work()
        return future.result(), result


def write(backup: Path, manifest: Manifest) -> Path:
    target = path_for(backup)
    with outputs.replacing(target) as temporary:
        temporary.write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=1), encoding="utf-8")
    return target


def read(backup: Path) -> Manifest | None:
    """The manifest beside ``backup``, or None when there is none (a file copied without it)."""
    path = path_for(backup)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(**data)
    except (OSError, ValueError, TypeError) as exc:
        raise Refused(
            f"Bản kê {path.name} của bản sao lưu bị hỏng ({exc}); dữ liệu hiện tại không bị thay đổi."
        ) from None


def mismatch(manifest: Manifest, sha256: str, counts: dict[str, int] | None) -> list[str]:
    """Why a backup does not match its manifest ([] when it does)."""
    problems = []
    if sha256 != manifest.sha256:
        problems.append(
            "Mã kiểm tra SHA-256 của bản sao lưu không khớp với bản kê: tệp đã bị thay đổi hoặc hỏng sau khi sao lưu."
        )
    if counts is not None and counts != manifest.counts:
        problems.append(f"Số dòng không khớp với bản kê: bản kê ghi {manifest.counts}, tệp có {counts}.")
    return problems
