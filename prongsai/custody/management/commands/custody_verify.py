from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.custody.chain import registers_check
from prongsai.organizations.models import Unit


class Command(BaseCommand):
    help = (
        "Verify the registers of seized evidence: the links to the item's and the register's "
        "previous records, keys and signatures of every record, the register's head and the "
        "hashes the audit log recorded; exit non-zero naming the first record that differs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", action="append", default=[], metavar="SLUG")

    def handle(self, *args: Any, **options: Any) -> None:
        units = None
        if options["unit"]:
            units = list(Unit.objects.filter(slug__in=options["unit"]).order_by("slug"))
            missing = set(options["unit"]) - {unit.slug for unit in units}
            if missing:
                raise CommandError(f"no unit {', '.join(sorted(missing))}")
        reports = registers_check(units)
        broken = [problem for report in reports for problem in report.problems]
        for problem in broken:
            self.stderr.write(f"custody register broken at {problem}")
        if broken:
            raise CommandError(f"custody register broken at {broken[0]}")
        entries = sum(report.entries for report in reports)
        self.stdout.write(
            self.style.SUCCESS(
                f"custody registers intact: {len(reports)} register(s), {entries} record(s) "
                "verified"
            )
        )
