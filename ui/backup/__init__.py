"""Sao lưu: backups and restoring them."""
