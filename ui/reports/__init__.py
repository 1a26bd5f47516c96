"""Báo cáo: the province's reports and the roll-up of communes."""
