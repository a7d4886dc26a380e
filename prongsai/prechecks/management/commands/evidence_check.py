"""``manage.py evidence_check``: check a unit's OIT evidence, one URL, or (nightly) every
assessment's submitted and accepted items.

    evidence_check --unit SLUG --year YEAR [--item CODE] [--url URL] --format json|text
    evidence_check --nightly            # cron: queue a re-check of every assessment

With ``--url`` and ``--item`` one URL is checked as evidence of that item and nothing is stored.
Without ``--url`` the unit's evidence (or one item's) is checked and the results are stored as a
check run (as the workspace's *Check now* does). JSON output is a list of
``{"url", "item", "status", "checks": [{"name", "status", "reason"}]}``.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.assessments.models import Assessment
from prongsai.organizations.models import Unit

from ...checks import ItemOutcome, worst
from ...engine import check_url, item_exists
from ...models import CheckRun
from ...selectors import evidence_checks_of, verdicts_of
from ...services import precheck_nightly, precheck_request, precheck_run

ACTOR = "evidence_check"


def _entries_of_outcome(outcome: ItemOutcome) -> list[dict[str, Any]]:
    out = []
    for doc, _checks in outcome.documents:
        checks = outcome.checks_of(doc)
        out.append(
            {
                "url": doc.url,
                "item": outcome.code,
                "status": worst(c.status for c in checks),
                "checks": [c.as_dict() for c in checks],
            }
        )
    return out


def _stored_entries(assessment: Assessment, code: str | None) -> list[dict[str, Any]]:
    verdicts = verdicts_of(assessment, code)
    out = []
    for check in evidence_checks_of(assessment, code):
        item_code = check.work.item.code
        verdict = verdicts.get(item_code)
        checks = list(check.checks) + (list(verdict.checks) if verdict else [])
        statuses = [c["status"] for c in checks]
        out.append(
            {
                "url": check.snapshot.url if check.snapshot else check.evidence.url,
                "item": item_code,
                "status": worst(statuses),
                "checks": checks,
            }
        )
    return out


class Command(BaseCommand):
    help = (
        "Check OIT evidence links against their items' criteria (see README, Evidence pre-check)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", help="unit slug")
        parser.add_argument("--year", type=int, help="Buddhist-era fiscal year")
        parser.add_argument("--item", help="item code, e.g. O6")
        parser.add_argument(
            "--url", help="check this one URL as evidence of --item (nothing is stored)"
        )
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument(
            "--nightly",
            action="store_true",
            help="queue a re-check of every assessment's submitted and accepted items (cron)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["nightly"]:
            runs = precheck_nightly(
                actor=ACTOR, assessments=Assessment.objects.select_related("unit")
            )
            self.stdout.write(f"{len(runs)} re-check(s) queued")
            return
        if not options["unit"] or not options["year"]:
            raise CommandError("--unit and --year are required (or --nightly)")
        unit = Unit.objects.filter(slug=options["unit"]).first()
        if unit is None:
            raise CommandError(f"no unit {options['unit']!r}")
        assessment = (
            Assessment.objects.select_related("unit", "framework")
            .filter(unit=unit, year=options["year"])
            .first()
        )
        if assessment is None:
            raise CommandError(f"{unit.slug} has no assessment for {options['year']}")
        code = options["item"]
        if code and not item_exists(assessment, code):
            raise CommandError(f"the framework has no item {code!r}")
        if options["url"]:
            if not code:
                raise CommandError("--url needs --item (the item the URL is evidence of)")
            entries = _entries_of_outcome(check_url(assessment, code, options["url"]))
        else:
            run = precheck_request(
                actor=ACTOR,
                assessment=assessment,
                item_code=code or "",
                reason=CheckRun.Reason.COMMAND,
                enqueue=False,
            )
            precheck_run(run.pk)
            entries = _stored_entries(assessment, code)
        self._write(entries, options["format"])

    def _write(self, entries: list[dict[str, Any]], fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(json.dumps(entries, ensure_ascii=False, indent=2))
            return
        for entry in entries:
            self.stdout.write(f"{entry['item']}\t{entry['status']}\t{entry['url']}")
            for check in entry["checks"]:
                self.stdout.write(f"  {check['name']:<13} {check['status']:<5} {check['reason']}")
