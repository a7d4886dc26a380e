from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.audit import Witness, audit_check
from prongsai.core.audit_anchor import anchor_path, anchor_witnesses


def _witness(text: str) -> Witness:
    seq, _, digest = text.partition(":")
    if not seq.lstrip("#").isdigit() or len(digest) < 8:
        raise CommandError(f"--witness {text!r}: write it as SEQ:HASH, e.g. 1234:a1b2c3d4e5f60718")
    return Witness(seq=int(seq.lstrip("#")), hash=digest.lower(), label=f"the witness {text}")


class Command(BaseCommand):
    help = (
        "Verify the audit log: links, keys and signatures of every entry, and the anchors "
        "published outside the database; exit non-zero naming the first entry that differs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--witness",
            action="append",
            default=[],
            metavar="SEQ:HASH",
            help="also check a head read off a document footer (repeatable)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        witnesses = anchor_witnesses() + [_witness(text) for text in options["witness"]]
        report = audit_check(witnesses)
        if report.problems:
            for problem in report.problems:
                self.stderr.write(f"audit chain broken at {problem}")
            raise CommandError(f"audit chain broken at entry #{report.problems[0].seq}")
        legacy = f", {report.legacy} legacy (unkeyed, from before keying)" if report.legacy else ""
        anchors = (
            f"; {report.witnesses_checked} anchor(s) of {anchor_path()} match"
            if witnesses
            else f"; no anchor yet in {anchor_path()} (run manage.py audit_anchor daily)"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"audit chain intact: {report.entries} entries verified{legacy}{anchors}"
            )
        )
