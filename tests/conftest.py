import os

import pytest
import time_machine
from django.core.cache import cache

from tests import clock
from tests.factories import build_site

CLOCK = pytest.StashKey()


def pytest_configure(config):
    """Run the whole session on a known clock: PRACTICE_TEST_NOW or an ordinary Tuesday morning.

    The clock ticks from there; threads such as the browser tests' live server see it too
    (time-machine patches the process). It starts here rather than in a session fixture so it
    is always the outermost travel: a test that freezes its own time with time-machine's
    marker (whose fixture can be set up before session fixtures) wins while it runs.
    """
    try:
        start = clock.session_start(os.environ.get(clock.ENV_VARIABLE))
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    travel = time_machine.travel(start, tick=True)
    travel.start()
    config.stash[CLOCK] = (start, travel)


def pytest_unconfigure(config):
    if CLOCK in config.stash:
        config.stash[CLOCK][1].stop()


def pytest_report_header(config):
    start = config.stash[CLOCK][0].astimezone(clock.PRACTICE_ZONE)
    source = clock.ENV_VARIABLE if os.environ.get(clock.ENV_VARIABLE, "").strip() else "default"
    return f"practice clock starts at {start:%a %Y-%m-%d %H:%M %Z} ({source})"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_home(db):
    """(site, home): the default site with a published home page and practice settings."""
    return build_site()


@pytest.fixture
def home(site_home):
    return site_home[1]


@pytest.fixture
def admin_client(client, db):
    from tests.admin_helpers import verified_login
    from tests.factories import SuperUserFactory

    verified_login(client, SuperUserFactory(username="editor"))
    return client
