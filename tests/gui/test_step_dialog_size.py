"""A step's dialog is as big as its own fields: a one-date step is not 680 px of empty form, and a
wide one (5-KNĐ's table of opinions) is not cut at the side behind a scroll bar."""

from __future__ import annotations

import pytest

from commune_app.domain.road import KINDS
from tests.factories import make_person
from tests.gui.road_data import ui_context
from ui.road.step_dialog import MIN_HEIGHT, StepDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def dialogs(qtbot, session):
    ctx = ui_context(session)
    person = make_person(session, "Hà Thị Ngân", gender="F", birth_date="2001-04-04")
    made = {}
    for kind in KINDS:
        dialog = StepDialog(ctx, person, kind=kind.code)
        qtbot.addWidget(dialog)
        dialog.show()
        made[kind.code] = dialog
    qtbot.waitUntil(lambda: all(d.isVisible() for d in made.values()))
    return made


def test_each_step_is_sized_to_its_fields_within_the_screen(dialogs):
    for kind, dialog in dialogs.items():
        screen = dialog.screen().availableGeometry()
        assert MIN_HEIGHT <= dialog.height() <= screen.height() * 0.85 + 1, kind
        assert dialog.width() <= max(640, screen.width() * 0.9 + 1), kind
        scroll = dialog.step_form.parentWidget().parentWidget()  # the form, its viewport, the scroll area
        wanted = dialog.step_form.sizeHint()
        if wanted.width() + 60 < screen.width() * 0.9:  # it fits the screen: nothing hidden at the side
            assert scroll.horizontalScrollBar().maximum() == 0, kind
        if wanted.height() + 200 < screen.height() * 0.85:  # it fits: no scrolling up and down either
            assert scroll.verticalScrollBar().maximum() == 0, kind


def test_a_one_date_step_is_a_small_dialog_and_a_meeting_a_tall_one(dialogs):
    assert dialogs["self_review"].height() < 350  # one date
    assert dialogs["cell_meeting"].height() > 2 * dialogs["self_review"].height()
