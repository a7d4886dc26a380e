import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.assessments.models import Assessment
from prongsai.scoring.services import snapshot_current


class Command(BaseCommand):
    help = "Print a unit's ITA score for a fiscal year (from the current scoring snapshot)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="unit slug, e.g. kalasin-immigration")
        parser.add_argument("--year", required=True, type=int, help="Buddhist-era fiscal year")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = (
            Assessment.objects.filter(unit__slug=options["unit"], year=options["year"])
            .select_related("framework", "unit")
            .first()
        )
        if assessment is None:
            raise CommandError(f"no assessment for unit {options['unit']!r} in {options['year']}")
        result = snapshot_current(assessment).result
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(self._text(assessment, result))

    def _text(self, assessment: Assessment, r: dict[str, Any]) -> str:
        def fmt(value: Any) -> str:
            return "–" if value is None else f"{value:.2f}"

        spec = assessment.framework.spec
        lines = [
            f"{assessment.unit.name_th} ({assessment.unit.slug}) — {r['framework']}, FY {assessment.year}",
            f"Total: {fmt(r['total'])}   Grade: {r['grade'] or '–'}   Rating: {r['rating'] or '–'}",
            "Instruments: " + "  ".join(f"{k} {fmt(v)}" for k, v in r["instruments"].items()),
        ]
        for key, resp in r["respondents"].items():
            lines.append(f"Respondents {key}: {resp['count']} / {resp['target'] or '–'}")
        lines.append(f"OIT: {r['oit']['passed']} of {r['oit']['items']} items passed")
        lines.append("Indicators:")
        for ind in spec.indicators:
            lines.append(f"  {ind.id:>3} {ind.title.th}: {fmt(r['indicators'].get(ind.id))}")
        return "\n".join(lines)
