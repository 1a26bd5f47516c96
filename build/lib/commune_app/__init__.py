"""Phát triển Đảng viên: the party-member development desk of a commune party committee."""

__version__ = "0.1.0"
APP_NAME = "Phát triển Đảng viên"
