from typing import Any

from django.core.management.base import BaseCommand, CommandError

from prongsai.organizations.duty_checks import membership_problems


class Command(BaseCommand):
    help = (
        "List memberships that break the separation-of-duties rules (an evaluator holding "
        "another role where they evaluate, self-granted roles, roles granted without authority); "
        "exit non-zero when any is found."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = membership_problems()
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(
                f"{len(problems)} membership(s) break the separation-of-duties rules"
            )
        self.stdout.write(self.style.SUCCESS("Every membership follows the rules."))
