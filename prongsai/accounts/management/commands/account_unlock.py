from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.accounts import services


class Command(BaseCommand):
    help = (
        "Lift the log-in pause of an account (too many wrong passwords) and/or of a client "
        "address; --reset-2fa also removes the account's authenticator and recovery codes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", default="")
        parser.add_argument("--address", default="", help="client IP address to unlock")
        parser.add_argument(
            "--reset-2fa",
            action="store_true",
            help="remove the second factor too (the user sets it up again at the next log-in)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username, address = options["username"], options["address"]
        try:
            removed = services.account_unlock(
                actor="manage.py account_unlock", username=username, address=address
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"unlocked {username or address}: {removed} failed attempt(s) cleared")
        if options["reset_2fa"]:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"no account named {username!r}")
            services.second_factor_reset(actor="manage.py account_unlock", user=user)
            self.stdout.write(f"second factor of {username} reset: set it up at the next log-in")
