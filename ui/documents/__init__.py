"""Văn bản & hồ sơ: papers of a person, of a meeting, the register."""
