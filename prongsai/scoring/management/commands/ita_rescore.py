from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.assessments.models import Assessment
from prongsai.organizations.models import Unit
from prongsai.scoring.national import rescore_all


class Command(BaseCommand):
    help = (
        "Recompute and store the score snapshots of many assessments at once, e.g. after a "
        "framework correction: all units, or a unit and everything below it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="only this fiscal year (B.E.)")
        parser.add_argument("--under", help="only this unit (slug) and its sub-units")

    def handle(self, *args: Any, **options: Any) -> None:
        query = Assessment.objects.all()
        if options["year"]:
            query = query.filter(year=options["year"])
        if options["under"]:
            unit = Unit.objects.filter(slug=options["under"]).first()
            if unit is None:
                raise CommandError(f"no unit {options['under']!r}")
            query = query.filter(unit__path__startswith=unit.path)
        stats = rescore_all(assessment_ids=list(query.values_list("pk", flat=True)))
        self.stdout.write(
            f"rescored {stats.assessments} assessment(s) in {stats.seconds:.2f} s "
            f"(read {stats.read_seconds:.2f} s, score {stats.score_seconds:.2f} s, "
            f"write {stats.write_seconds:.2f} s)"
        )
