"""Shared by the management commands that work on one unit's assessment (--unit, --year)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from .models import Assessment


def add_unit_year_arguments(parser: CommandParser) -> None:
    parser.add_argument("--unit", required=True, help="unit slug, e.g. kalasin-immigration")
    parser.add_argument(
        "--year", required=True, type=int, help="Buddhist-era fiscal year, e.g. 2567"
    )


def assessment_from_options(options: dict[str, Any]) -> Assessment:
    """The assessment named by ``--unit`` and ``--year``, or a clear command error."""
    assessment = (
        Assessment.objects.filter(unit__slug=options["unit"], year=options["year"])
        .select_related("unit", "framework")
        .first()
    )
    if assessment is None:
        raise CommandError(f"no assessment for unit {options['unit']!r} in {options['year']}")
    return assessment
