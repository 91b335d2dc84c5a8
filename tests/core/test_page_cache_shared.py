"""Counts over a whole listing are built once per page-cache generation and shared
(core.page_cache.shared); a purge (a publish) makes them be built again."""

import pytest

from core.page_cache import purge_pages, shared


@pytest.fixture
def listing_cache_on(settings, tmp_path):
    settings.LISTING_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pages.generation")


class Builder:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return {"knee": 3 + self.calls}


def test_a_value_is_built_once_per_generation(listing_cache_on):
    build = Builder()
    shared.kept(("counts", 1), build)
    assert shared.kept(("counts", 1), build) == {"knee": 4}
    assert build.calls == 1


def test_a_purge_has_the_value_built_again(listing_cache_on):
    build = Builder()
    shared.kept(("counts", 1), build)
    purge_pages(reason="test")
    assert shared.kept(("counts", 1), build) == {"knee": 5}


def test_each_key_has_its_own_value(listing_cache_on):
    build = Builder()
    shared.kept(("counts", 1), build)
    shared.kept(("counts", 2), build)
    assert build.calls == 2


def test_an_empty_value_is_kept_too(listing_cache_on):
    calls = []
    shared.kept(("none",), lambda: calls.append(1))
    shared.kept(("none",), lambda: calls.append(1))
    assert calls == [1]


def test_switched_off_the_value_is_built_every_time(settings):
    settings.LISTING_CACHE_ENABLED = False
    build = Builder()
    shared.kept(("counts", 1), build)
    shared.kept(("counts", 1), build)
    assert build.calls == 2
