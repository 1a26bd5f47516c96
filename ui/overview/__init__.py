"""Tổng quan: the home page."""
