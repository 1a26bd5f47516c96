"""Người dùng and Nhật ký: accounts and the audit log."""
