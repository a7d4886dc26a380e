"""``manage.py ita_links --unit SLUG --year YEAR``: one line per OIT item,
``<item id>\\t<absolute public URL>``, to paste into the national ITA system."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.assessments.models import Assessment
from prongsai.disclosures.exports import ita_links, ita_links_text


class Command(BaseCommand):
    help = "Print the public URL of every OIT item of a unit's assessment (item id, tab, URL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="unit slug, e.g. kalasin-immigration")
        parser.add_argument("--year", required=True, type=int, help="Buddhist-era fiscal year")

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = (
            Assessment.objects.filter(unit__slug=options["unit"], year=options["year"])
            .select_related("unit", "framework")
            .first()
        )
        if assessment is None:
            raise CommandError(f"no assessment for unit {options['unit']!r} in {options['year']}")
        self.stdout.write(ita_links_text(ita_links(assessment)), ending="")
