from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from prongsai.demo.base import USERS, load_base
from prongsai.demo.context import DEMO_PASSWORD
from prongsai.demo.second_factor import provision
from prongsai.organizations.duties import role_label

# The demo's content lives in this app (``prongsai/demo/<app>.py``, each with ``load_demo(ctx)``),
# never in the domain apps: the demo imports the domain, not the reverse. The steps run in
# data-flow order after the base step; the last sets each assessment's status to the stage its
# story reached. Every step is idempotent and writes on the story's days (``prongsai/demo/clock``).
APP_STEPS = [
    "complaints",  # before the OIT step: items O16 and O4 take their generated evidence
    "inquiries",  # while still drafts (the unit submits on 5 April 2567)
    "disclosures",
    "prechecks",
    "surveys",
    "measures",
    "risks",
    "custody",
    "records",
    "website",
    "procurement",
    "reports",
    "stages",
    "rollup",
]


class Command(BaseCommand):
    help = "Load the demo data (idempotent): the seed's unit and its neighbours, users, content."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="load the demo although DEBUG is off (never on a production instance)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEBUG or options["force"]):
            # Fictional units, users with a published password and a superuser do not belong
            # in a real instance's database.
            raise CommandError(
                "demo_load writes demo users with a published password: it runs only with "
                "DEBUG=1 (make demo), or with --force on a throw-away database."
            )
        with transaction.atomic():
            ctx = load_base()
        for app in APP_STEPS:
            module = import_module(f"prongsai.demo.{app}")
            with transaction.atomic():
                module.load_demo(ctx)
            self.stdout.write(f"demo: {app} loaded")
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in at /accounts/login/ with:"))
        for username, unit_slug, role, *_ in USERS:
            label = f"{role_label(role)} @ {unit_slug}" if role else "no role (outsider)"
            self.stdout.write(f"  {username:<22} {DEMO_PASSWORD}   {label}")
        self.stdout.write(f"  {'platform-admin':<22} {DEMO_PASSWORD}   platform superuser")
        self._second_factors()

    def _second_factors(self) -> None:
        from django.contrib.auth import get_user_model

        User = get_user_model()
        names = [username for username, *_ in USERS] + ["platform-admin"]
        with transaction.atomic():
            provisioned = [provision(user) for user in User.objects.filter(username__in=names)]
        self.stdout.write(
            "These accounts also need a code (second factor): add the key to an authenticator "
            "app, or use a recovery code (each works once; demo_load renews them), or print the "
            "current code with `manage.py demo_code USERNAME`:"
        )
        for item in sorted((p for p in provisioned if p), key=lambda p: p.username):
            self.stdout.write(
                f"  {item.username:<22} key {item.secret_b32}   "
                f"recovery {' '.join(item.recovery_codes[:3])} …"
            )
