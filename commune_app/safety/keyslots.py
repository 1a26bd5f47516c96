"""The data key of an encrypted file, wrapped once per account and once by the recovery key.

Key slots, as LUKS keeps them: the file is encrypted with one 32-byte data key that never
changes; each account's password derives (by scrypt) a key that unwraps a copy of it
(AES-256-GCM). A password change rewraps one slot; nothing is re-encrypted. The slots live in
``<data file>.khoa`` beside the file (a JSON file holding nothing readable without a password)
and a copy travels in every backup's manifest.

The data key itself is derived from the recovery key printed once at setup (125 random bits:
a fixed salt costs nothing there), so the paper and the data file are enough to open it even
when every slot file is lost.

An unknown name costs the same scrypt work as a known one and fails the same way.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

# base64, secrets and the ciphers are imported where a key is wrapped or unwrapped: a reading
# command on a plain file starts without them (issue 21).
from commune_app.errors import FileRefused
from commune_app.safety import outputs

SUFFIX = outputs.KEY_SLOTS_SUFFIX
FORMAT = 1
SCRYPT_N = 2**17  # the accounts' cost (ops.accounts); the tests lower both
_R, _P = 8, 1
_MAXMEM = 256 * 1024 * 1024
ACCOUNT = "account"
_RECOVERY_SALT = b"PTDV-khoa-khoi-phuc-1"
RECOVERY_N = 2**17  # fixed for good: another cost would derive another key from the same paper
# The recovery key is read from paper: no 0/O or 1/I/L to confuse; 25 of 31 symbols = 123 bits.
RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RECOVERY_GROUPS, RECOVERY_GROUP = 5, 5


def account_id(username: str) -> str:
    """How a slot names its account: not the login name itself, which anyone holding the slot
    file could otherwise read."""
    import hashlib

    return hashlib.sha256(f"ptdv-tai-khoan:{username.strip().casefold()}".encode()).hexdigest()


@dataclass(frozen=True)
class Slot:
    kind: str  # ACCOUNT (the only kind so far)
    name: str  # account_id() of the account's login name
    salt: str  # base64
    nonce: str  # base64
    wrapped: str  # base64: the data key encrypted, with its tag
    n: int = SCRYPT_N

    @property
    def label(self) -> bytes:
        """Bound into the encryption: a slot copied under another name unwraps nothing."""
        return f"{self.kind}:{self.name}".encode()


@dataclass(frozen=True)
class KeySlots:
    slots: tuple[Slot, ...] = field(default_factory=tuple)

    def account(self, username: str) -> Slot | None:
        wanted = account_id(username)
        return next((s for s in self.slots if s.kind == ACCOUNT and s.name == wanted), None)

    def unlock_account(self, username: str, password: str) -> bytes | None:
        """The data key, or None for a wrong password or a name without a slot (same work)."""
        slot = self.account(username)
        if slot is None:
            _derive(password, os.urandom(16), SCRYPT_N)  # a decoy: the same wait as a real slot
            return None
        return _unwrap(slot, password)

    def with_account(self, key: bytes, username: str, password: str) -> KeySlots:
        """These slots with ``username``'s replaced (or added), wrapping ``key`` with ``password``."""
        others = self.without_account(username).slots
        return KeySlots((*others, _wrap(key, password, ACCOUNT, account_id(username))))

    def without_account(self, username: str) -> KeySlots:
        wanted = account_id(username)
        return KeySlots(tuple(s for s in self.slots if not (s.kind == ACCOUNT and s.name == wanted)))

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "cipher": "sqlcipher4", "slots": [asdict(s) for s in self.slots]}

    @classmethod
    def from_json(cls, data: Any) -> KeySlots:
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("slots"), list):
            raise ValueError("not a key slot file of this program")
        return cls(tuple(Slot(**s) for s in data["slots"]))


def path_for(data_file: Path) -> Path:
    return Path(data_file).with_name(Path(data_file).name + SUFFIX)


def load(data_file: Path) -> KeySlots | None:
    """The slots beside ``data_file``; None when there is no slot file."""
    path = path_for(data_file)
    if not path.exists():
        return None
    try:
        return KeySlots.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as exc:
        raise FileRefused(
            f"Tệp khóa {path.name} bị hỏng hoặc không đọc được ({exc}). Hãy mở tệp bằng khóa khôi phục, "
            "hoặc chép lại tệp khóa từ bản sao lưu."
        ) from None


def save(data_file: Path, slots: KeySlots) -> Path:
    """Written beside the data file under a temporary name and renamed: never half a slot file."""
    target = path_for(data_file)
    with outputs.replacing(target, allow_data=True) as temporary:  # the slot file replaces itself
        temporary.write_text(json.dumps(slots.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        if os.name == "posix":
            os.chmod(temporary, 0o600)
    return target


def key_from_recovery(code: str) -> bytes:
    """The data key a recovery key stands for."""
    return _derive(normalise_recovery(code), _RECOVERY_SALT, RECOVERY_N)


def new_recovery_code() -> str:
    """'ABCDE-FGHJK-…': five groups of five, to be written down once and kept by the committee."""
    import secrets

    symbols = [secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP)]
    groups = ("".join(symbols[i : i + RECOVERY_GROUP]) for i in range(0, len(symbols), RECOVERY_GROUP))
    return "-".join(groups)


def normalise_recovery(code: str) -> str:
    """As typed from paper: any case, spaces or dashes between the groups."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _derive(secret: str, salt: bytes, n: int) -> bytes:
    import hashlib

    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=_R, p=_P, maxmem=_MAXMEM, dklen=32)


def _wrap(key: bytes, secret: str, kind: str, name: str) -> Slot:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    slot = Slot(kind, name, _b64(salt), _b64(nonce), "", SCRYPT_N)
    wrapped = AESGCM(_derive(secret, salt, SCRYPT_N)).encrypt(nonce, key, slot.label)
    return replace(slot, wrapped=_b64(wrapped))


def _unwrap(slot: Slot, secret: str) -> bytes | None:
    import base64

    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        kek = _derive(secret, base64.b64decode(slot.salt), slot.n)
        return AESGCM(kek).decrypt(base64.b64decode(slot.nonce), base64.b64decode(slot.wrapped), slot.label)
    except (InvalidTag, ValueError):
        return None


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode("ascii")
