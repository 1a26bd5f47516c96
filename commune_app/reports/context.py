"""What every report builder receives: the facts, the period and the committee's details."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from commune_app.reports import labels
from commune_app.reports.period import Period
from commune_app.rules.calendar import WorkCalendar
from commune_app.store import profile
from commune_app.store.db import Store
from commune_app.store.stats import Facts

# Settings kept in the data file that the clerk may change for the signature block.
SIGNER_SETTINGS = {"report_authority": "default_authority", "report_signer_title": "default_signer_title"}


def signer_settings(store: Store) -> dict[str, str]:
    """The authority line and signer title the reports print: the file's settings, else the
    wording of resources/labels/common.json."""
    common = labels.common()
    return {key: profile.get_setting(store, key) or common[default] for key, default in SIGNER_SETTINGS.items()}


@dataclass
class ReportContext:
    store: Store
    facts: Facts
    period: Period
    profile: dict[str, Any]
    today: dt.date
    certificate_valid_months: int
    probation_months: int
    ceremony_working_days: int  # the ceremony is due within these working days of the decision
    calendar: WorkCalendar
    authority: str
    signer_title: str
    cache: dict[Any, Any] = field(default_factory=dict)  # figures shared by reports (E7 and E8)

    @property
    def previous(self) -> Period:
        return self.period.previous_year()
