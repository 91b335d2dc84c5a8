import errno
import os
import socket
import threading
from types import SimpleNamespace

import pytest
import time_machine
from django.core.cache import caches

from tests import clock
from tests.factories import build_site
from tests.migration_rows import ROWS, is_transactional

CLOCK = pytest.StashKey[tuple]()


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
def _keep_migration_rows(request):
    """Before a worker's first transactional test: the migrations' rows, to write back later."""
    if is_transactional(request.node):
        request.getfixturevalue("django_db_setup")
        ROWS.keep(request.getfixturevalue("django_db_blocker"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has emptied the tables (its fixtures are torn down by now),
    the migrations' rows come back unless the next test is transactional too."""
    result = yield
    if nextitem is not None and is_transactional(item) and not is_transactional(nextitem):
        ROWS.restore()
    return result


@pytest.fixture(autouse=True)
def _clear_cache():
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


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


# --- Redis faults: a port that refuses connections, and a server that accepts and never answers ---

FAULT_PORTS = range(8200, 8300)  # loopback ports kept free for these fixtures


def _refused_port() -> int:
    for port in reversed(FAULT_PORTS):  # hung servers bind from the bottom of the range
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == errno.ECONNREFUSED:
                return port
    raise RuntimeError("no loopback port in 8200-8299 refuses connections")


@pytest.fixture
def refused_redis():
    """A Redis URL on a loopback port where nothing listens: every connection is refused."""
    return SimpleNamespace(url=f"redis://127.0.0.1:{_refused_port()}/0")


@pytest.fixture
def hung_redis():
    """A Redis server that accepts connections and never answers. `connections` lists them."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    for port in FAULT_PORTS:
        try:
            server.bind(("127.0.0.1", port))
            break
        except OSError:
            continue
    else:
        raise RuntimeError("no free loopback port in 8200-8299")
    server.listen(64)
    server.settimeout(0.05)
    stop = threading.Event()
    held = []

    def accept_and_hold():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            held.append(conn)  # never read, never answered

    thread = threading.Thread(target=accept_and_hold, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"redis://127.0.0.1:{port}/0", connections=held)
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    server.close()


def redis_caches(settings, url):
    """Point the caches at `url` with the socket timeouts the settings configure."""
    from config.settings.caches import build_caches

    settings.CACHES = build_caches(
        url,
        connect_timeout=settings.REDIS_SOCKET_CONNECT_TIMEOUT,
        socket_timeout=settings.REDIS_SOCKET_TIMEOUT,
    )


@pytest.fixture(autouse=True)
def _fresh_cache_fallbacks(monkeypatch):
    """Each test starts with every cache server taken as reachable (core.cache.FallbackCache)."""
    monkeypatch.setattr("core.cache._retry_at", {})


@pytest.fixture(params=["refused", "hung"])
def redis_down(request, settings):
    """The site configured for Redis while Redis is refused, then hung. Returns the fault name."""
    server = request.getfixturevalue(f"{request.param}_redis")
    redis_caches(settings, server.url)
    caches["ratelimit"].fallback.clear()  # counts from an earlier test stay in process memory
    yield request.param
    # Drop the broken pools before the next test builds its own caches.
    for each in caches.all(initialized_only=True):
        each.close()


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` are left out (deselected, and said so) on another database; the
    PostgreSQL pass of .ci/run runs them."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    left_out = [item for item in items if item.get_closest_marker("postgresql")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
