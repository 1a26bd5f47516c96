"""The people lists (người vào Đảng, đảng viên), moving a person, the recycle bin."""
