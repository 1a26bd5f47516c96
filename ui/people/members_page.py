"""Đảng viên: probationary and official members, with party age, card numbers and cell.

A filter also lists those transferred out, removed or deceased, whose records are kept.
"""

from __future__ import annotations

from commune_app.domain import codes
from ui.people.people_list import ListConfig, PeopleList
from ui.shell.pages import PageSpec

CONFIG = ListConfig(
    key="members",
    title="Danh sách đảng viên",
    columns=(
        "family_middle",
        "given_name",
        "gender",
        "birth_date",
        "cell",
        "status",
        "admitted_on",
        "party_age",
        "official_on",
        "party_card_new",
        "party_card_old",
        "phone",
    ),
    optional=("party_card_new", "party_card_old", "phone"),
    status_choices=(
        ("Đảng viên đang sinh hoạt", codes.MEMBER_STATUSES),
        (codes.STATUS_LABELS["probationary"], ("probationary",)),
        (codes.STATUS_LABELS["official"], ("official",)),
        (codes.STATUS_LABELS["transferred_out"], ("transferred_out",)),
        (codes.STATUS_LABELS["removed"], ("removed",)),
        (codes.STATUS_LABELS["deceased"], ("deceased",)),
    ),
)

PAGE = PageSpec(
    order=30, key="members", title="Đảng viên", factory=lambda ctx: PeopleList(ctx, CONFIG), shortcut="Ctrl+3"
)
