"""``manage.py ita_links --unit SLUG --year YEAR [--format text|json]``: one line per OIT item,
``<item id>\\t<absolute public URL>``, to paste into the national ITA system; ``--format json``
prints the disclosure manifest (``/p/<unit>/<year>/manifest.json``, provided by prongsai/api)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.assessments.commands import add_unit_year_arguments, assessment_from_options
from prongsai.disclosures.exports import LINKS_FORMATS, ita_links, ita_links_text


class Command(BaseCommand):
    help = "Print the public URL of every OIT item of a unit's assessment (item id, tab, URL)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_unit_year_arguments(parser)
        parser.add_argument("--format", default="text", help="text (default) or json")

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = options["format"]
        if fmt != "text" and fmt not in LINKS_FORMATS:
            raise CommandError(f"--format must be one of: text, {', '.join(sorted(LINKS_FORMATS))}")
        assessment = assessment_from_options(options)
        if fmt == "text":
            self.stdout.write(ita_links_text(ita_links(assessment)), ending="")
        else:
            self.stdout.write(LINKS_FORMATS[fmt](assessment), ending="")
