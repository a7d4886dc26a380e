"""Shared fixtures: a unit tree, one persona per role, the 2567 police framework, a browser."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from prongsai.frameworks.shipped import definition_path
from prongsai.organizations.models import Role, Unit

from .factories import PASSWORD, UserFactory, grant, make_unit
from .full_demo import FullDemo, full_demo, order_full_demo_last  # noqa: F401  (fixture)
from .second_factor import TwoFactorClient, current_code, test_device
from .servers import processes  # noqa: F401  (fixture: gunicorn and db_worker processes)

# Playwright's sync API runs an event loop in the test thread; the ORM calls our tests make
# from that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

OUTPUT_DIR = Path(settings.BASE_DIR) / "test-output"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _media_root(tmp_path: Path, settings: Any, request: pytest.FixtureRequest) -> None:
    """Uploaded files of each test go to its own temporary folder (the shared demo's tests: to
    the demo's, which holds the files its rows name)."""
    if "full_demo" in request.fixturenames:
        demo: FullDemo = request.getfixturevalue("full_demo")
        settings.MEDIA_ROOT = demo.media_root
        settings.AUDIT_ANCHOR_PATH = demo.audit_anchor_path
        return
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AUDIT_ANCHOR_PATH = tmp_path / "audit-anchors.log"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    order_full_demo_last(items)


@pytest.fixture
def client() -> TwoFactorClient:
    """Django's test client whose ``force_login`` also passes the second factor for accounts
    that need one (``force_login(user, second_factor=False)`` for a password-only session)."""
    return TwoFactorClient()


@dataclass
class Tree:
    bureau: Unit
    division: Unit
    unit: Unit  # the seed's unit
    sibling: Unit
    other_division: Unit
    other_unit: Unit


@pytest.fixture
def tree(db: None) -> Tree:
    bureau = make_unit("immigration-bureau", kind="bureau", name_th="สำนักงานตรวจคนเข้าเมือง")
    division = make_unit("immigration-division-4", bureau, kind="division")
    unit = make_unit("kalasin-immigration", division, name_th="ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์")
    sibling = make_unit("khonkaen-immigration", division, name_th="ตรวจคนเข้าเมืองจังหวัดขอนแก่น")
    other_division = make_unit("immigration-division-1", bureau, kind="division")
    other_unit = make_unit("donmueang-immigration", other_division)
    return Tree(bureau, division, unit, sibling, other_division, other_unit)


@dataclass
class Personas:
    admin: Any
    editor: Any
    head: Any
    evaluator: Any
    viewer: Any
    bureau_admin: Any
    sibling_editor: Any
    outsider: Any
    handler: Any  # complaint handler of the seed's unit
    custodian: Any  # identity custodian (complaints) of the seed's unit


@pytest.fixture
def people(tree: Tree) -> Personas:
    p = Personas(
        admin=UserFactory(username="admin"),
        editor=UserFactory(username="editor"),
        head=UserFactory(username="head"),
        evaluator=UserFactory(username="evaluator"),
        viewer=UserFactory(username="viewer"),
        bureau_admin=UserFactory(username="bureau-admin"),
        sibling_editor=UserFactory(username="sibling-editor"),
        outsider=UserFactory(username="outsider"),
        handler=UserFactory(username="handler"),
        custodian=UserFactory(username="custodian"),
    )
    grant(p.admin, tree.unit, Role.ADMIN)
    grant(p.editor, tree.unit, Role.EDITOR)
    grant(p.head, tree.unit, Role.HEAD, rank="พ.ต.ท.", position="สว.ตม.จว.กาฬสินธุ์")
    grant(p.evaluator, tree.division, Role.EVALUATOR)
    grant(p.viewer, tree.bureau, Role.VIEWER)
    grant(p.bureau_admin, tree.bureau, Role.ADMIN)
    grant(p.sibling_editor, tree.sibling, Role.EDITOR)
    grant(p.handler, tree.unit, "complaint_handler")
    grant(p.custodian, tree.unit, "identity_custodian")
    return p


@cache
def police_definition() -> dict[str, Any]:
    from prongsai.frameworks.loader import read_definition

    data, problems = read_definition(definition_path("ita-2567-police.yaml"))
    assert not problems, problems
    return data


@pytest.fixture
def framework(db: None) -> Any:
    """The shipped 2567 police/immigration framework, loaded."""
    import copy

    from prongsai.frameworks.loader import framework_load

    return framework_load(
        actor="tests", data=copy.deepcopy(police_definition()), source_name="ita-2567-police.yaml"
    ).framework


@pytest.fixture
def assessment(tree: Tree, framework: Any) -> Any:
    """The seed unit's 2567 assessment: 12 staff (target 12), 2,000 service users (target 200)."""
    from prongsai.assessments.services import assessment_open

    return assessment_open(
        actor="tests",
        unit=tree.unit,
        framework=framework,
        headcount_internal=12,
        headcount_external=2000,
    )


def load_shipped(name: str) -> Any:
    """A shipped framework (prongsai/frameworks/definitions/<name>.yaml), loaded (what it
    carries forward from must be loaded first)."""
    from prongsai.frameworks.loader import framework_load, read_definition

    data, problems = read_definition(definition_path(f"{name}.yaml"))
    assert not problems, problems
    return framework_load(actor="tests", data=data, source_name=f"{name}.yaml").framework


@pytest.fixture
def general_2566(db: None) -> Any:
    """The reconstructed 2566 general-agency framework, loaded."""
    return load_shipped("ita-2566-general")


@pytest.fixture
def general_2569(general_2566: Any) -> Any:
    """The provisional 2569 general-agency framework (carries forward from 2566), loaded."""
    return load_shipped("ita-2569-general")


# --- browser --------------------------------------------------------------------------------
def _ensure_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    if shutil.which("apt-get") is None:
        pytest.fail("Chromium is missing and apt-get is not available to install it")
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "chromium"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-gpu",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    OUTPUT_DIR.mkdir(exist_ok=True)
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        page.screenshot(path=str(OUTPUT_DIR / f"FAILED-{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def log_in(page: Any, live_server: Any) -> Any:
    """``log_in("admin")`` logs the browser page in as that persona."""

    def _log_in(username: str, password: str = PASSWORD) -> None:
        from django.contrib.auth import get_user_model

        from prongsai.accounts.second_factor import second_factor_required

        user = get_user_model().objects.get(username=username)
        needs_code = second_factor_required(user)
        if needs_code:
            test_device(user)  # the persona's authenticator app, enrolled earlier
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
        if needs_code:
            # The code step, as a person types it from their authenticator app.
            page.fill("#id_code", current_code(user))
            page.click("main form button[type=submit]")
            page.wait_for_load_state()

    return _log_in


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The fuzz test's totals (tests/test_no_input_gives_a_server_error.py), when it ran."""
    import sys

    module = sys.modules.get("tests.test_no_input_gives_a_server_error")
    totals = getattr(module, "FUZZ_TOTALS", None)
    if totals is not None and totals.requests:
        terminalreporter.write_line(
            f"fuzz: {totals.requests} requests to {totals.endpoints} form endpoints, "
            f"{totals.accepted_writes} accepted writes, {totals.server_errors} server errors"
            + (
                f" (known, being fixed: {sorted(totals.known_defects)})"
                if totals.known_defects
                else ""
            )
        )
