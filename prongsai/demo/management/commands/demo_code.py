from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.demo.second_factor import demo_code, demo_key_hex


class Command(BaseCommand):
    help = "Print the log-in code a demo persona's authenticator app shows now (DEBUG only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_code works only on a demo instance (DEBUG=1)")
        from django_otp.plugins.otp_totp.models import TOTPDevice

        username = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        key = demo_key_hex(username)
        if user is None or not TOTPDevice.objects.filter(user=user, key=key).exists():
            raise CommandError(f"{username!r} is not a demo persona with a demo authenticator")
        self.stdout.write(demo_code(username))
