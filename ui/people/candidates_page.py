"""Người vào Đảng: the outstanding people and the candidates on the road to admission.

People with an admission decision are probationary members (their status follows the
milestones), so they appear on the members page even before their ceremony.
"""

from __future__ import annotations

from commune_app.domain import codes
from commune_app.domain.road import ROAD_STAGES
from ui.people.people_list import ListConfig, PeopleList
from ui.shell.pages import PageSpec

CONFIG = ListConfig(
    key="candidates",
    title="Danh sách người vào Đảng",
    columns=(
        "family_middle",
        "given_name",
        "gender",
        "birth_date",
        "age",
        "ethnicity",
        "cell",
        "status",
        "stage",
        "certificate_on",
        "planned_meeting_on",
        "cccd",
        "phone",
    ),
    status_choices=(
        ("Tất cả người đang phát triển", codes.ROAD_STATUSES),
        (codes.STATUS_LABELS["source"], ("source",)),
        (codes.STATUS_LABELS["candidate"], ("candidate",)),
    ),
    stages=tuple(s for s in ROAD_STAGES if s != "decided"),
    can_add=True,
    optional=("ethnicity", "cccd", "phone"),
)

PAGE = PageSpec(
    order=20, key="candidates", title="Người vào Đảng", factory=lambda ctx: PeopleList(ctx, CONFIG), shortcut="Ctrl+2"
)
