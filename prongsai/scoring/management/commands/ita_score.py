import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from prongsai.assessments.commands import add_unit_year_arguments, assessment_from_options
from prongsai.assessments.models import Assessment
from prongsai.scoring.services import snapshot_current


class Command(BaseCommand):
    help = "Print a unit's ITA score for a fiscal year (from the current scoring snapshot)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_unit_year_arguments(parser)
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = assessment_from_options(options)
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
