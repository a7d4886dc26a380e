"""A bureau or national instance: several app servers over one PostgreSQL database and one media
folder. Two real gunicorn servers (production settings, different ports) and a ``db_worker``
started with the second server's settings prove that nothing depends on one process's memory:

* an EIT answer retried on the other server is stored once, and acknowledged the same way;
* the per-address rate limit counts the requests of both servers;
* an IIT code used on one server is spent on the other, and so is its ballot;
* a file uploaded through one server is served by the other;
* a task queued by one server is run by the worker of the other.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from prongsai.disclosures.models import StoredFile
from prongsai.mail.models import OutgoingMail
from prongsai.surveys.models import Campaign, PendingSheet, RespondentTally, Response

from ..disclosures.helpers import pdf_bytes
from ..factories import PASSWORD
from ..measures.helpers import make_row
from ..servers import Processes, base_env, collect_static, database_env, wait_for
from ..surveys.conftest import eit_fields, eit_url, good_answers, iit_url, new_codes, open_campaign

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="several app servers share a PostgreSQL database (SQLite is one machine's file); "
        "runs in the PostgreSQL pass of make test (.ci/run)",
    ),
    pytest.mark.django_db(transaction=True),
]

RATE_LIMIT = 3


def _hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no {name} in the page"
    return found.group(1)


def _browser(server: Any, address: str) -> httpx.Client:
    """A client behind the proxy at ``address`` (the servers trust X-Forwarded-For)."""
    return httpx.Client(
        base_url=server.url,
        headers={"X-Forwarded-For": address},
        timeout=30,
        follow_redirects=False,
    )


def _csrf(client: httpx.Client, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text[:300]
    return _hidden(page.text, "csrfmiddlewaretoken")


def _copy_cookies(source: httpx.Client, target: httpx.Client) -> None:
    for name, value in source.cookies.items():
        target.cookies.set(name, value)


def _start_of_a_minute_with_time_to_spare() -> None:
    """The rate limit counts per clock minute: start its check early in a minute."""
    if time.time() % 60 > 45:
        time.sleep(61 - time.time() % 60)


@pytest.fixture
def servers(
    tree: Any, people: Any, assessment: Any, processes: Processes, tmp_path: Path, settings: Any
) -> tuple[Any, Any, dict[str, str]]:
    collect_static()
    # The servers hash passwords as in production (the tests use a fast hasher they lack).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    people.editor.set_password(PASSWORD)
    people.editor.save(update_fields=["password"])
    env = base_env(
        **database_env(tmp_path),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),  # one media folder, shared
        TASKS_BACKEND="database",
        BEHIND_PROXY="1",
        SURVEY_RATE_LIMIT_PER_MINUTE=str(RATE_LIMIT),
        SURVEY_POW_BITS=str(settings.SURVEY_POW_BITS),
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        GUNICORN_ACCESS_LOG=str(tmp_path / "access.log"),
    )
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    first = processes.gunicorn("server-a", env, workers="1")
    second = processes.gunicorn("server-b", env, workers="1")
    assert first.port != second.port
    return first, second, env


def test_two_servers_behave_as_one(
    servers: Any, assessment: Any, people: Any, processes: Processes, settings: Any
) -> None:
    first, second, env = servers
    eit = open_campaign(Campaign.objects.get(assessment=assessment, instrument="EIT"))
    iit = open_campaign(Campaign.objects.get(assessment=assessment, instrument="IIT"))

    # --- an EIT answer retried on the other server is stored once; the rate limit is shared.
    _start_of_a_minute_with_time_to_spare()
    path = eit_url(eit)
    statuses = []
    with _browser(first, "203.0.113.7") as on_a, _browser(second, "203.0.113.7") as on_b:
        token = _csrf(on_a, path)
        _copy_cookies(on_a, on_b)
        fields = {**eit_fields(eit), "csrfmiddlewaretoken": token}
        stored = on_a.post(path, data=fields)
        assert stored.status_code == 200, stored.text[:500]
        retried = on_b.post(path, data=fields)  # the answer was lost on the way back: retry
        assert retried.status_code == 200
        assert retried.headers["x-submission-id"] == stored.headers["x-submission-id"]
        assert Response.objects.filter(submission_id=fields["submission_id"]).count() == 1
        counted = RespondentTally.objects.filter(assessment=assessment, instrument="EIT")
        assert sum(counted.values_list("count", flat=True)) == 1  # the shards add up
        # Fresh answers from the same address, alternating servers: the limit is 3 a minute.
        for client in (on_b, on_a, on_b):
            client.cookies.pop("prongsai_answered_" + str(eit.pk).replace("-", "")[:12], None)
            statuses.append(
                client.post(
                    path, data={**eit_fields(eit), "csrfmiddlewaretoken": token}
                ).status_code
            )
    assert statuses == [200, 200, 429]
    assert Response.objects.filter(campaign=eit).count() == RATE_LIMIT

    # --- an IIT code spent on one server is spent on the other; so is its ballot.
    code = new_codes(iit, 1)[0]
    iit_path = iit_url(iit)
    with _browser(first, "203.0.113.20") as on_a, _browser(second, "203.0.113.20") as on_b:
        token = _csrf(on_a, iit_path)
        _copy_cookies(on_a, on_b)
        form = on_a.post(iit_path, data={"csrfmiddlewaretoken": token, "code": code})
        assert form.status_code == 200
        again = on_b.post(iit_path, data={"csrfmiddlewaretoken": token, "code": code})
        assert again.status_code == 400  # used up
        answers = {**good_answers(iit), "csrfmiddlewaretoken": token,
                   "ballot": _hidden(form.text, "ballot"),
                   "submission_id": _hidden(form.text, "submission_id")}  # fmt: skip
        assert on_a.post(iit_path, data=answers).status_code == 200
        assert on_b.post(iit_path, data=answers).status_code == 200  # a retry: same answer
        other = {**answers, "submission_id": "4f1c9f0e-0d7a-4b7e-9a57-7a2d8a8c2b11"}
        assert on_b.post(iit_path, data=other).status_code == 409  # the ballot answered once
    received = (
        Response.objects.filter(campaign=iit).count()
        + PendingSheet.objects.filter(campaign=iit).count()
    )
    assert received == 1

    # --- a file uploaded through one server is served by the other.
    item = reverse(
        "disclosures:add_file", kwargs={"slug": assessment.unit.slug, "year": 2567, "code": "O1"}
    )
    content = pdf_bytes("ประกาศเจตนารมณ์ 2567")
    with _browser(first, "203.0.113.30") as on_a, _browser(second, "203.0.113.30") as on_b:
        login = reverse("login")
        token = _csrf(on_a, login)
        logged_in = on_a.post(login, data={"csrfmiddlewaretoken": token, "username": "editor",
                                           "password": PASSWORD})  # fmt: skip
        assert logged_in.status_code == 302, logged_in.text[:500]
        token = _csrf(on_a, item)
        uploaded = on_a.post(
            item,
            data={"csrfmiddlewaretoken": token, "title": "ประกาศเจตนารมณ์", "publish": "on"},
            files={"file": ("declaration.pdf", content, "application/pdf")},
        )
        assert uploaded.status_code == 302, uploaded.text[:500]
        stored_file = StoredFile.objects.get()
        served = on_b.get(reverse("portal:oit_file", kwargs={"stored_file_id": stored_file.pk}))
        assert served.status_code == 200
        assert served.content == content

        # --- a task queued by one server is run by the other server's worker.
        _copy_cookies(on_a, on_b)
        make_row(assessment, responsible_users=[people.admin])
        remind = reverse("measures:remind", kwargs={"slug": assessment.unit.slug, "year": 2567})
        token = _csrf(on_a, reverse("measures:plan", kwargs={"slug": assessment.unit.slug,
                                                             "year": 2567}))  # fmt: skip
        assert on_a.post(remind, data={"csrfmiddlewaretoken": token}).status_code == 302
    queued = DBTaskResult.objects.get(task_path="prongsai.measures.tasks.send_plan_reminders")
    assert queued.status == "READY"  # queued by server A, not run there
    worker = processes.worker("worker-b", {**env, "WORKER_NAME": "b"})
    done = wait_for(
        lambda: OutgoingMail.objects.filter(status=OutgoingMail.Status.SENT).exists(), timeout=60
    )
    assert done, worker.output()[-3000:]
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert len(queued.worker_ids) == 1  # run once, by the worker started for server B
    assert OutgoingMail.objects.get().to == [people.admin.email]
    assert queued.finished_at is not None
    assert dt.datetime.now(dt.UTC) - queued.finished_at < dt.timedelta(minutes=5)
