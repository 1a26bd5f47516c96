"""Keeping the data safe: backups, restore, the one-program-per-file lock, accounts, logs."""
