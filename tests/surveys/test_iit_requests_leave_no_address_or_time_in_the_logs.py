"""A real gunicorn started with the shipped config (config/gunicorn.conf.py): every request to
the IIT pages is in the access log with neither the client's address nor the time (the day only),
nor user agent or referrer; Django's warnings about IIT requests are not logged at all. Other
pages are logged as usual. With the stored answers in random order, no log line can be matched
to a row."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from prongsai.surveys.models import Campaign

from ..servers import Processes, base_env, collect_static, database_env
from .conftest import eit_url, good_answers, iit_url, new_codes, open_campaign

USER_AGENT = "Test-Browser/1.0 (agent-8c1f3a)"
REFERRER = "https://intranet.example.go.th/staff-news-77b2"
TIME_OF_DAY = re.compile(r"\d\d:\d\d:\d\d")


def _hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no {name} in the page"
    return found.group(1)


@pytest.mark.django_db(transaction=True)
def test_iit_requests_are_logged_without_address_or_time(
    tree: Any,
    assessment: Any,
    processes: Processes,
    tmp_path: Path,
) -> None:
    collect_static()
    iit = open_campaign(Campaign.objects.get(assessment=assessment, instrument="IIT"))
    eit = open_campaign(Campaign.objects.get(assessment=assessment, instrument="EIT"))
    code = new_codes(iit, 1)[0]
    access_log = tmp_path / "access.log"
    env = base_env(
        **database_env(tmp_path), TASKS_BACKEND="immediate", GUNICORN_ACCESS_LOG=str(access_log)
    )
    server = processes.gunicorn("app", env, workers="1")

    headers = {"User-Agent": USER_AGENT, "Referer": REFERRER}
    with httpx.Client(base_url=server.url, headers=headers, timeout=30) as browser:
        page = browser.get(iit_url(iit))
        assert page.status_code == 200
        csrf = _hidden(page.text, "csrfmiddlewaretoken")
        form = browser.post(iit_url(iit), data={"csrfmiddlewaretoken": csrf, "code": code})
        assert form.status_code == 200, form.text[:500]
        answers = {
            **good_answers(iit),
            "csrfmiddlewaretoken": csrf,
            "ballot": _hidden(form.text, "ballot"),
            "submission_id": _hidden(form.text, "submission_id"),
        }
        done = browser.post(iit_url(iit), data=answers)
        assert done.status_code == 200 and "x-submission-id" not in done.headers
        wrong = browser.post(iit_url(iit), data={"csrfmiddlewaretoken": csrf, "code": "ZZZZZZZZZZ"})
        assert wrong.status_code == 400  # Django would log "Bad Request: /s/…/iit/"
        assert browser.get(eit_url(eit)).status_code == 200
    time.sleep(0.5)
    server.stop()

    lines = access_log.read_text().splitlines()
    iit_lines = [line for line in lines if "/iit/" in line]
    assert len(iit_lines) == 4, lines
    day = dt.date.today().strftime("%d/%b/%Y")
    for line in iit_lines:
        assert "127.0.0.1" not in line, line
        assert not TIME_OF_DAY.search(line), line
        assert USER_AGENT not in line and REFERRER not in line, line
        assert f"[{day}]" in line, line
    assert sorted(line.split('" ')[1].split()[0] for line in iit_lines) == ["200", "200", "200",
                                                                             "400"]  # fmt: skip
    # Other pages keep the usual access log (address, time, agent): the config is not blind.
    (eit_line,) = [line for line in lines if "/eit/" in line]
    assert "127.0.0.1" in eit_line and TIME_OF_DAY.search(eit_line) and USER_AGENT in eit_line
    # Nothing else the server wrote (error log, Django's warnings) mentions an IIT request.
    assert "/iit/" not in server.output()
