"""``manage.py website_reindex [--unit SLUG]``: rebuild the search index of the units' sites."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from prongsai.organizations.models import Unit
from prongsai.website.search import reindex_unit


class Command(BaseCommand):
    help = "Rebuild the search index of every unit's public website (or of one unit)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", help="the unit's slug")

    def handle(self, *args: Any, **options: Any) -> None:
        units = Unit.objects.filter(is_active=True)
        if options.get("unit"):
            units = units.filter(slug=options["unit"])
        total = sum(reindex_unit(unit) for unit in units)
        self.stdout.write(f"{total} pages indexed")
