"""Password protection of backup files: AES-256-GCM with a key derived by scrypt.

File layout: MAGIC | salt (16) | nonce (12) | ciphertext+tag. GCM authenticates the whole
file, so a wrong password or a damaged file is detected before anything is written.
"""

from __future__ import annotations

import os

from commune_app.errors import Refused

MAGIC = b"PTDV-ENC1"
# A password backup of an encrypted data file: the plaintext is the data key followed by the
# file's SQLCipher image, so the backup opens with its password alone and is never plain on disk.
MAGIC_KEYED = b"PTDV-ENC2"
_KEY_BYTES = 32
_SCRYPT = {"n": 2**15, "r": 8, "p": 1, "maxmem": 64 * 1024 * 1024, "dklen": 32}


def _key(password: str, salt: bytes) -> bytes:
    import hashlib  # here: only encrypting or decrypting needs it

    return hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)


MIN_LENGTH = 8
MIN_WORDS = 4


def password_problem(password: str) -> str | None:
    """Why a password is too weak to protect everyone's data (None when it is fine): the rule
    for backup passwords and for accounts alike."""
    if not password.strip():
        return "Mật khẩu không được để trống."
    if len(password) < MIN_LENGTH and len(password.split()) < MIN_WORDS:
        return (
            f"Mật khẩu quá ngắn: cần ít nhất {MIN_LENGTH} ký tự (hoặc một câu {MIN_WORDS} từ), vì ai lấy "
            "được tệp có thể thử hàng triệu mật khẩu ngắn mà không ai biết."
        )
    return None


def require_strong(password: str) -> None:
    problem = password_problem(password)
    if problem:
        raise Refused(problem)


def is_encrypted(data_head: bytes) -> bool:
    return data_head.startswith((MAGIC, MAGIC_KEYED))


def encrypt(plain: bytes, password: str, *, data_key: bytes | None = None) -> bytes:
    """``plain`` under ``password``; with ``data_key``, an encrypted file's image and its key."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    require_strong(password)
    magic, payload = (MAGIC, plain) if data_key is None else (MAGIC_KEYED, data_key + plain)
    salt, nonce = os.urandom(16), os.urandom(12)
    return magic + salt + nonce + AESGCM(_key(password, salt)).encrypt(nonce, payload, magic)


def decrypt(blob: bytes, password: str) -> bytes:
    plain, data_key = decrypt_keyed(blob, password)
    if data_key is not None:
        raise Refused("Tệp này là bản sao lưu của một tệp dữ liệu đã mã hóa, không phải gói dữ liệu")
    return plain


def decrypt_keyed(blob: bytes, password: str) -> tuple[bytes, bytes | None]:
    """The plaintext and, for a backup of an encrypted file, its data key (None otherwise)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_encrypted(blob):
        raise Refused("Tệp này không phải bản sao lưu có mật khẩu")
    magic = blob[: len(MAGIC)]
    salt = blob[len(magic) : len(magic) + 16]
    nonce = blob[len(magic) + 16 : len(magic) + 28]
    try:
        payload = AESGCM(_key(password, salt)).decrypt(nonce, blob[len(magic) + 28 :], magic)
    except InvalidTag:
        raise Refused("Sai mật khẩu, hoặc tệp sao lưu đã bị hỏng; dữ liệu hiện tại không bị thay đổi") from None
    if magic == MAGIC_KEYED:
        return payload[_KEY_BYTES:], payload[:_KEY_BYTES]
    return payload, None
