"""schemathesis against the live OpenAPI document of a real gunicorn server with the demo's data
and a read-write token of the seed unit's admin: on every operation, generated requests (valid
and invalid) never give a server error, every status code, content type and body is the one the
schema documents, and invalid data is refused. A bounded number of examples per operation
(``PRONGSAI_API_EXAMPLES``, 8) keeps the run to a few minutes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from prongsai.api.services import token_create
from prongsai.demo import complaints as demo_complaints
from prongsai.demo import measures as demo_measures
from prongsai.demo import prechecks as demo_prechecks
from prongsai.demo.base import load_base
from prongsai.demo.disclosures import load_demo as load_disclosures

from ..servers import Processes, base_env, collect_static, database_env

CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
]
EXAMPLES = os.environ.get("PRONGSAI_API_EXAMPLES", "8")


def _in_a_thread(load: Any, ctx: Any) -> None:
    """The pre-checker runs its fetches with asyncio.run(), which refuses to start inside the
    event loop a browser test's Playwright leaves running in this thread: load it beside."""
    from django.db import connection

    def run() -> None:
        try:
            with transaction.atomic():
                load(ctx)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(run).result()


def _load_demo() -> None:
    # In the demo's order (demo_load.APP_STEPS): the complaints step attaches O16's evidence
    # while the items are still drafts, before the OIT step submits them.
    with transaction.atomic():
        ctx = load_base()
    for module_load in (demo_complaints.load_demo, load_disclosures):
        with transaction.atomic():
            module_load(ctx)
    _in_a_thread(demo_prechecks.load_demo, ctx)
    with transaction.atomic():
        demo_measures.load_demo(ctx)


@pytest.mark.django_db(transaction=True)
def test_every_operation_conforms_to_the_schema(processes: Processes, tmp_path: Path) -> None:
    collect_static()
    _load_demo()
    admin: Any = get_user_model().objects.get(username="kalasin-admin")
    plain = token_create(actor=admin, name="schemathesis", scope="read-write", days=1).plain
    env = base_env(**database_env(tmp_path), TASKS_BACKEND="immediate")
    env["API_RATE_LIMIT_PER_MINUTE"] = "1000000"
    server = processes.gunicorn("app", env, workers="2")
    st = Path(sys.executable).parent / "st"
    started = time.monotonic()
    run = subprocess.run(
        [str(st), "run", f"{server.url}/api/v1/openapi.json",
         "--header", f"Authorization: Bearer {plain}",
         "--checks", ",".join(CHECKS),
         "--max-examples", EXAMPLES,
         "--seed", os.environ.get("PRONGSAI_API_SEED", "18"),
         # One worker: CPython 3.11's ast (used by Hypothesis to describe strategies) is not
         # thread-safe ("AST constructor recursion depth mismatch").
         "--workers", "1",
         "--wait-for-schema", "30",
         "--request-timeout", "30",
         "--no-color"],
        cwd=tmp_path, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    seconds = time.monotonic() - started
    output = run.stdout + run.stderr
    sys.stdout.write(f"\nschemathesis: {seconds:.0f} s, {EXAMPLES} examples per operation\n")
    sys.stdout.write(output[-1500:])
    assert run.returncode == 0, output[-8000:]
    # Every generated case passed every check. Schemathesis may still warn that random data
    # rarely reaches an operation's success path (a record write for a month or id the demo does
    # not have answers 404/422, as it should): those warnings are allowed, nothing else is.
    cases = re.search(r"^\s*(\d+) generated, (\d+) passed\s*$", output, re.M)
    assert cases is not None and cases.group(1) == cases.group(2), output[-3000:]
    warnings = [line.strip() for line in output.splitlines() if line.strip().startswith("⚠️")]
    allowed = ("⚠️ Missing test data:", "⚠️ Schema validation mismatch:")
    assert all(w.startswith(allowed) for w in warnings), warnings
    tested = next(line for line in output.splitlines() if line.strip().startswith("Tested:"))
    selected = next(line for line in output.splitlines() if line.strip().startswith("Selected:"))
    assert tested.split(":")[1].strip() == selected.split(":")[1].strip().split("/")[0]
