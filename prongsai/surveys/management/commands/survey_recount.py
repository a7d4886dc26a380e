from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.assessments.commands import add_unit_year_arguments, assessment_from_options
from prongsai.surveys.selectors import tally_drift
from prongsai.surveys.services import tallies_rebuild


class Command(BaseCommand):
    help = (
        "Check that the survey counters the scoring engine reads match the stored responses "
        "(exit status 1 when they do not); with --repair, recount them from the responses."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_unit_year_arguments(parser)
        parser.add_argument("--repair", action="store_true", help="rebuild counters that drifted")

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = assessment_from_options(options)
        drifted = []
        for instrument in ("IIT", "EIT"):
            drift = tally_drift(assessment, instrument)
            state = "ok" if not drift.changed else "DRIFTED"
            self.stdout.write(
                f"{instrument}: {drift.rows} responses stored, counters say {drift.counted}; "
                f"{drift.wrong_answer_counters} answer counters differ — {state}"
            )
            if drift.changed:
                drifted.append(instrument)
        if not drifted:
            return
        if not options["repair"]:
            raise CommandError(f"counters differ from the responses: {', '.join(drifted)}")
        for instrument in drifted:
            tallies_rebuild(actor="survey_recount", assessment=assessment, instrument=instrument)
            self.stdout.write(self.style.SUCCESS(f"{instrument}: counters rebuilt"))
