"""The party rules: checks that return findings, deadlines, the next step on the road.

Every number comes from the rule set (``resources/rules/*.json``); the checks only say how
the numbers apply. Other packages import from here, not from the modules inside.
"""

from commune_app.rules.checks_introducers import introducer_findings
from commune_app.rules.common import vote_passes, vote_threshold
from commune_app.rules.deadlines import DEADLINE_KINDS, Deadline, deadlines
from commune_app.rules.findings import BLOCKING, WARNING, Finding
from commune_app.rules.steps import NextStep, check_person, check_step, next_step, official_date, party_age_start

__all__ = [
    "BLOCKING",
    "DEADLINE_KINDS",
    "WARNING",
    "Deadline",
    "Finding",
    "NextStep",
    "check_person",
    "check_step",
    "deadlines",
    "introducer_findings",
    "next_step",
    "official_date",
    "party_age_start",
    "vote_passes",
    "vote_threshold",
]
