"""The guide of a new data file on Tổng quan: the first three things to do, each a button that
does it (opens "Thêm chi bộ", the import page's file choice, "Tạo tài khoản"). What is done is
shown ticked with what it counted; the whole box goes once the file has cells and people."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from commune_app.ops import agenda
from ui.shell.context import UiContext

# Each first step: the page that does it, and the page's method that starts it.
STEP_ACTIONS = {
    "cells": ("cells", "add_cell"),
    "people": ("import", "choose_file"),
    "accounts": ("users", "add_user"),
}


class FirstStepsBox(QGroupBox):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Bắt đầu với tệp dữ liệu mới", parent)
        self.ctx = ctx
        self.grid = QGridLayout(self)
        self.buttons: dict[str, QPushButton] = {}
        self.states: dict[str, QLabel] = {}
        self.hints: dict[str, QLabel] = {}
        for row, key in enumerate(STEP_ACTIONS):
            button = QPushButton()
            button.clicked.connect(lambda _checked=False, key=key: self.start(key))
            state = QLabel()
            hint = QLabel()
            hint.setStyleSheet("color: #555;")
            hint.setWordWrap(True)
            self.grid.addWidget(button, row, 0)
            self.grid.addWidget(state, row, 1)
            self.grid.addWidget(hint, row, 2)
            self.buttons[key], self.states[key], self.hints[key] = button, state, hint
        self.grid.setColumnStretch(2, 1)

    def refresh(self) -> None:
        session = self.ctx.session
        steps = agenda.first_steps(session) if session.writable else []
        self.setVisible(bool(steps))
        for step in steps:
            button, state = self.buttons[step.key], self.states[step.key]
            button.setText(step.label)
            self.hints[step.key].setText(step.hint)
            # Accounts are an administrator's page: another writer sees the step, not its button.
            allowed = step.key != "accounts" or session.actor.is_admin
            button.setEnabled(allowed)
            state.setText(f"✓ {step.done_text}" if step.done else ("Chưa làm" if allowed else "Quản trị viên làm"))
            state.setStyleSheet("color: #1b5e20;" if step.done else "color: #b71c1c;")

    def start(self, key: str) -> None:
        page, action = STEP_ACTIONS[key]
        self.ctx.go_to(page, action)
