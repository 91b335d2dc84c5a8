import pytest
from django.core.cache import cache

from tests.factories import build_site


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
