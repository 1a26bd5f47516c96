"""Khóa bồi dưỡng: the courses page, its dialogs and the attendance grid."""
