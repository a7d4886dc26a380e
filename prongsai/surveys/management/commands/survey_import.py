import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError

from prongsai.assessments.commands import add_unit_year_arguments, assessment_from_options
from prongsai.spreadsheets.cells import CellError, parse_day
from prongsai.surveys.importing import plan_import
from prongsai.surveys.models import Campaign
from prongsai.surveys.selectors import respondent_count
from prongsai.surveys.services import campaign_setup, responses_import


def _day(text: str) -> dt.date:
    try:
        return parse_day(text)
    except CellError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


class Command(BaseCommand):
    help = (
        "Import keyed-in paper survey forms from CSV or XLSX: one row per respondent, one column "
        "per question or sub-item id, answers as the scale's values or labels. The whole file is "
        "checked first; on any problem nothing is imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV (UTF-8 or Thai Windows encoding) or XLSX file")
        add_unit_year_arguments(parser)
        parser.add_argument("--instrument", required=True, type=str.upper, choices=["IIT", "EIT"])
        parser.add_argument(
            "--date",
            type=_day,
            default=None,
            help="day the forms were filled (2024-02-15, 15/02/2567, …) for rows without a date column; "
            "default today",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        assessment = assessment_from_options(options)
        campaign = (
            Campaign.objects.filter(assessment=assessment, instrument=options["instrument"])
            .select_related("assessment__unit", "assessment__framework")
            .first()
        )
        if campaign is None:  # an assessment from before the surveys app: set its campaigns up
            campaign = next(
                (
                    c
                    for c in campaign_setup(actor="survey_import", assessment=assessment)
                    if c.instrument == options["instrument"]
                ),
                None,
            )
        if campaign is None:
            raise CommandError(
                f"the {assessment.framework.code} framework has no {options['instrument']} survey"
            )
        if path.stat().st_size > 64 * 1024 * 1024:  # the reader's own limit is far lower
            raise CommandError(f"{path}: too large")
        plan = plan_import(
            campaign=campaign, name=path.name, data=path.read_bytes(), default_day=options["date"]
        )
        if not plan.ok:
            for problem in plan.problems:
                self.stderr.write(f"{path.name}: {problem}")
            raise CommandError(
                f"{len(plan.problems)} problem(s) in {path.name}; nothing was imported"
            )
        try:
            count = responses_import(
                actor="survey_import",
                campaign=campaign,
                rows=plan.rows,
                source_name=path.name,
                fingerprint=plan.fingerprint,
            )
        except IntegrityError as exc:
            raise CommandError(
                f"{path.name} has already been imported; nothing was imported again"
            ) from exc
        target = campaign.target
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {count} {campaign.instrument} responses into {assessment.unit.slug} "
                f"{assessment.year}: now {respondent_count(campaign)} / "
                f"{target if target is not None else '–'}"
            )
        )
