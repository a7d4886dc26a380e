"""``manage.py ita_links --unit SLUG --year YEAR``: one line per OIT item,
``<item id>\\t<absolute public URL>``, to paste into the national ITA system."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from prongsai.assessments.commands import add_unit_year_arguments, assessment_from_options
from prongsai.disclosures.exports import ita_links, ita_links_text


class Command(BaseCommand):
    help = "Print the public URL of every OIT item of a unit's assessment (item id, tab, URL)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_unit_year_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = assessment_from_options(options)
        self.stdout.write(ita_links_text(ita_links(assessment)), ending="")
