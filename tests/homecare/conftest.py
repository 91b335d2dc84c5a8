import pytest

from tests.homecare.helpers import NOW, build_care


@pytest.fixture
def care(site_home):
    site, home = site_home
    return build_care(site, home)


@pytest.fixture
def frozen():
    import time_machine

    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
