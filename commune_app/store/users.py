"""User accounts (the table only; hashing and policy live in ops/accounts)."""

from __future__ import annotations

from typing import Any

from commune_app.store.db import Audit, Store, inserted_id, now_iso

PUBLIC = (
    "id, username, full_name, role, cell_id, failed_attempts, locked_until, active, must_change_password, created_at"
)


def count(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM users"))


def by_username(store: Store, username: str) -> dict[str, Any] | None:
    return store.one("SELECT * FROM users WHERE username = ? COLLATE NOCASE", [username])


def all_users(store: Store) -> list[dict[str, Any]]:
    return store.query(f"SELECT {PUBLIC} FROM users ORDER BY username")


def insert(store: Store, audit: Audit, values: dict[str, Any]) -> int:
    row = {**values, "created_at": now_iso()}
    cursor = store.conn.execute(
        f"INSERT INTO users ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
    )
    user_id = inserted_id(cursor)
    shown = {k: v for k, v in row.items() if k != "password_hash"}
    audit.record("create", "user", user_id, summary=f"Tạo tài khoản {row['username']}", after=shown)
    return user_id


def update(store: Store, audit: Audit | None, user_id: int, values: dict[str, Any], summary: str) -> None:
    store.conn.execute(
        f"UPDATE users SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?", [*values.values(), user_id]
    )
    if audit is not None:
        shown = {k: v for k, v in values.items() if k != "password_hash"}
        audit.record("update", "user", user_id, summary=summary, after=shown or None)
