"""The addresses whose requests must leave no address or time in any log: the IIT survey pages.

A log line with the client's address and the exact time of an IIT submission, next to stored
answers, could point at a person. So the gunicorn access log (config/gunicorn_logging.py) writes
these requests with neither (the day only), and Django's own warnings about them (e.g. "Bad
Request: /s/…/iit/", which a log collector time-stamps) are dropped. Plain Python, no Django
import: gunicorn loads it before the application.
"""

from __future__ import annotations

import logging
import re

# The IIT page (code entry and answers): surveys/urls.py, "s/<slug>/<int:year>/iit/".
ANONYMOUS_PATH = re.compile(r"^/s/[^/]+/[0-9]+/iit/")
_IN_TEXT = re.compile(r"/s/[^/\s]+/[0-9]+/iit/")


def is_anonymous_path(path: str) -> bool:
    return bool(ANONYMOUS_PATH.match(path or ""))


class DropAnonymousSurveyRecords(logging.Filter):
    """Drops log records below ERROR that mention an IIT page (Django's 4xx warnings, the
    development server's request lines). Errors (5xx) are kept for the operators: they carry
    the path but no client address, and no answers are stored by a failed request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            return True
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if isinstance(path, str):
            return not is_anonymous_path(path)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        return not _IN_TEXT.search(message)
