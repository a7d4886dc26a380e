"""gunicorn's logger, with IIT survey requests written without address or time.

For paths of prongsai/surveys/anonymous_paths.py, every atom of the access-log format that could
identify a client or date a request to the second is blanked, whatever format is configured:
address, user, the exact time (the day is kept), referrer, user agent, query string, sizes,
durations, process id and every request/response header or environment variable. Other requests
log the client's address as the rate limits count it (``BEHIND_PROXY`` hops, core/client_address).
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from gunicorn.glogging import Logger

from prongsai.core.client_address import address_from
from prongsai.surveys.anonymous_paths import is_anonymous_path


class AnonymousSurveyLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> Any:
        atoms = super().atoms(resp, req, environ, request_time)
        if not is_anonymous_path(str(environ.get("PATH_INFO", ""))):
            # The client, not the nearest proxy: the address every rate limit counts.
            atoms["h"] = address_from(
                str(environ.get("REMOTE_ADDR") or atoms.get("h", "-")),
                str(environ.get("HTTP_X_FORWARDED_FOR", "")),
                int(settings.BEHIND_PROXY),
            )
            return atoms
        method, path, protocol = atoms["m"], atoms["U"], atoms["H"]
        return {
            "h": "-",
            "l": "-",
            "u": "-",
            "t": time.strftime("[%d/%b/%Y]"),  # the day only
            "r": f"{method} {path} {protocol}",
            "s": atoms["s"],
            "m": method,
            "U": path,
            "q": "",
            "H": protocol,
            "b": "-",
            "B": None,
            "f": "-",
            "a": "-",
            "T": 0,
            "D": 0,
            "M": 0,
            "L": "-",
            "p": "-",
        }  # headers ({…}i, {…}o) and environ ({…}e) atoms are absent: they log as "-"
