"""Django's own messages that our pages show and Django's Thai catalogue leaves in English.

Nothing calls these: listing them here lets ``make messages`` keep them in ``locale/th``, whose
translations take precedence over Django's (``LOCALE_PATHS``). Add a string here when a page shows
one of Django's messages in English (time spans in the evaluator's queue, form and password
messages); ``tests/core/test_the_thai_catalogue_is_complete.py`` then wants its translation.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

TIME_SPANS = [  # django.utils.timesince ("8 minutes" beside a submission)
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
]

FORM_MESSAGES = [  # django.core.validators, django.forms
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        "max",
    ),
    _("Enter a valid integer."),
    _("Null characters are not allowed."),
    _("Value %(value)r is not a valid choice."),
    _("%(model_name)s with this %(field_labels)s already exists."),
    _("Enter a complete value."),
    _("Date out of range"),
]

PASSWORD_MESSAGES = [  # django.contrib.auth (password change, reset and set pages)
    _("Enter the same password as before, for verification."),
    ngettext_lazy(
        "This password is too short. It must contain at least %(min_length)d character.",
        "This password is too short. It must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    _("The password is too similar to the %(verbose_name)s."),
    _("Your password can’t be too similar to your other personal information."),
    _("This password is too common."),
    _("Your password can’t be a commonly used password."),
    _("This password is entirely numeric."),
    _("Your password can’t be entirely numeric."),
    _("Password reset sent"),
    _("The two password fields didn’t match."),
]
