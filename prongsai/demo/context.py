"""What the demo loader shares between steps."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractUser

from prongsai.assessments.models import Assessment
from prongsai.organizations.models import Unit

DEMO_PASSWORD = "prongsai-demo"  # noqa: S105 (printed on purpose: demo log-ins)
DEMO_UNIT_SLUG = "kalasin-immigration"
DEMO_YEAR = 2567


@dataclass
class DemoContext:
    units: dict[str, Unit] = field(default_factory=dict)
    users: dict[str, AbstractUser] = field(default_factory=dict)
    assessments: dict[str, Assessment] = field(default_factory=dict)  # by unit slug (2567)

    @property
    def unit(self) -> Unit:
        return self.units[DEMO_UNIT_SLUG]

    @property
    def assessment(self) -> Assessment:
        return self.assessments[DEMO_UNIT_SLUG]
