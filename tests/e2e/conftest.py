"""End-to-end tests: Playwright for Python driving Debian's Chromium against the live server.

One browser for the whole e2e package; a fresh browser context (cookies, viewport) per test.
Every test runs at two viewports, desktop 1280×800 and phone 390×844. When a test fails, a
full-page screenshot is saved to test-artifacts/e2e/<test name>.png (test_x-phone.png).

Never `playwright install`: the browser is the Debian package (`apt-get install chromium`);
without /usr/bin/chromium the whole directory is skipped.
"""

import os
import re
from pathlib import Path

import pytest

from tests.e2e.checks import assert_no_csp_violation

CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
HERE = Path(__file__).resolve().parent

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}


def _one_request_at_a_time():
    """On SQLite the live server's threads share the test's one in-memory connection, and two
    requests of the browser at once (a page and an htmx call) break it ("bad parameter or
    other API misuse"): there, the server answers one request at a time. Each thread still
    serves its own keep-alive connection; only the application call is serialized."""
    import threading

    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    class OneAtATime(ThreadedWSGIServer):
        def set_app(self, application):
            if not self.connections_override:  # PostgreSQL: a connection per thread
                return super().set_app(application)
            lock = threading.Lock()

            def serialized(environ, start_response):
                with lock:
                    return application(environ, start_response)

            return super().set_app(serialized)

    LiveServerThread.server_class = OneAtATime


_one_request_at_a_time()


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (it is a dev dependency)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _skip_reason()
    for item in items:
        if HERE not in Path(item.path).parents:
            continue
        item.add_marker(pytest.mark.e2e)
        # The live server needs committed rows (transaction=True). Serialized rollback puts
        # back what the migrations wrote (content types, groups, reference data) before each
        # test and skips the post_migrate signal after its flush, so later serialized tests
        # do not meet content types recreated under other ids.
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # Kept on the item so that the page fixture knows at teardown whether the test failed.
    setattr(item, f"e2e_report_{report.when}", report)
    return report


@pytest.fixture(scope="package", autouse=True)
def _empty_database(django_db_setup, django_db_blocker):
    """Flush once before the first e2e test, without the post_migrate signal.

    A transactional test without serialized rollback that ran before may leave content types
    that post_migrate recreated under new ids; restoring the serialized ones on top of them
    would break their unique constraint.
    """
    from django.core.management import call_command
    from django.db import connections

    with django_db_blocker.unblock():
        for alias in connections:
            call_command(
                "flush", database=alias, interactive=False, verbosity=0, inhibit_post_migrate=True
            )


@pytest.fixture(scope="package")
def browser():
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread for as long as it
    # lives, and Django refuses ORM calls from a thread with a running loop; the test code
    # and the live server are synchronous, so allow them while the browser is up.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # With a loop running, Django's per-thread connection store (an asgiref Local) switches
    # to per-context storage and would hand this thread fresh connection objects that lack
    # what the test database set-up put on the originals (the serialized contents that
    # serialized_rollback restores and that keep the flush from re-running post_migrate).
    # Register the very same connection objects for the loop's context.
    wrappers = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    for alias, wrapper in wrappers.items():
        setattr(connections._connections, alias, wrapper)
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _e2e_settings(settings):
    # Sign-ins in every test: a fast hasher keeps the suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The live server serves static files through the finders (node_modules, static/), which
    # know no hashed names; the manifest storage of DEBUG-off settings would point the pages
    # at names only `collectstatic` creates.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request):
    return request.param


@pytest.fixture
def page(browser, live_server, viewport, request):
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        **VIEWPORTS[viewport],
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.viewport_name = viewport
    page.console_errors = []
    page.on(
        "console",
        lambda message: (
            page.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: page.console_errors.append(f"page error: {error}"))
    yield page
    report = getattr(request.node, "e2e_report_call", None)
    try:
        if report is not None and report.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
    if report is not None and report.passed:
        assert_no_csp_violation(page)


@pytest.fixture
def removable_decisions(transactional_db):
    """Lets the flush after a live-server test remove issued decisions on SQLite.

    A trigger (decisions migration 0002) refuses to delete an issued decision. PostgreSQL
    flushes with TRUNCATE, which row triggers do not see; SQLite flushes with DELETE. So on
    SQLite the decisions go first, in one transaction with the triggers lifted and put back.
    Torn down before the flush because it depends on the database fixture.
    """
    yield
    import importlib

    from django.db import connection, transaction

    if connection.vendor != "sqlite":
        return
    guard = importlib.import_module("decisions.migrations.0002_issued_decisions_immutable")
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in guard.SQLITE_REVERSE:
            cursor.execute(statement)
        cursor.execute("DELETE FROM decisions_decisionaward")
        cursor.execute("DELETE FROM decisions_decision")
        for statement in guard.SQLITE:
            cursor.execute(statement)
