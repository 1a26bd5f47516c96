"""Nhập danh sách: the spreadsheet import wizard."""
