"""Password protection of backup files: AES-256-GCM with a key derived by scrypt.

File layout: MAGIC | salt (16) | nonce (12) | ciphertext+tag. GCM authenticates the whole
file, so a wrong password or a damaged file is detected before anything is written.
"""

from __future__ import annotations

import os

from commune_app.errors import Refused

MAGIC = b"PTDV-ENC1"
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
    return data_head.startswith(MAGIC)


def encrypt(plain: bytes, password: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    require_strong(password)
    salt, nonce = os.urandom(16), os.urandom(12)
    return MAGIC + salt + nonce + AESGCM(_key(password, salt)).encrypt(nonce, plain, MAGIC)


def decrypt(blob: bytes, password: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_encrypted(blob):
        raise Refused("Tệp này không phải bản sao lưu có mật khẩu")
    salt = blob[len(MAGIC) : len(MAGIC) + 16]
    nonce = blob[len(MAGIC) + 16 : len(MAGIC) + 28]
    try:
        return AESGCM(_key(password, salt)).decrypt(nonce, blob[len(MAGIC) + 28 :], MAGIC)
    except InvalidTag:
        raise Refused("Sai mật khẩu, hoặc tệp sao lưu đã bị hỏng; dữ liệu hiện tại không bị thay đổi") from None
