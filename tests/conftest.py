import errno
import socket
import threading
from types import SimpleNamespace

import pytest
from django.core.cache import caches

from tests.factories import build_site


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
    from tests.factories import SuperUserFactory

    client.force_login(SuperUserFactory(username="editor"))
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
