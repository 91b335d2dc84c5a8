"""Site search: the database's full-text search by default (PostgreSQL's in production), an
OpenSearch or Elasticsearch server when SEARCH_URL names one (config.settings.search)."""

import pytest
from django.conf import settings
from django.db import connection
from wagtail.search.backends import get_search_backend

from config.settings.search import SearchSettingsError, build_search_backends
from tests.factories import StandardPageFactory


def test_without_a_search_url_search_uses_the_database():
    assert build_search_backends("") == {"default": {"BACKEND": "wagtail.search.backends.database"}}


def test_the_configured_backend_is_the_database_one():
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == (
        "wagtail.search.backends.database"
    )


def test_a_search_url_names_an_opensearch_server_by_default():
    backend = build_search_backends("https://u:p@search.example.com:9200")["default"]
    assert backend["BACKEND"] == "wagtail.search.backends.opensearch2"


def test_the_search_url_is_passed_as_the_server_address():
    backend = build_search_backends("https://u:p@search.example.com:9200")["default"]
    assert backend["URLS"] == ["https://u:p@search.example.com:9200"]


def test_the_engine_and_index_prefix_come_from_the_environment_values():
    backend = build_search_backends(
        "http://127.0.0.1:9200", engine="elasticsearch8", index_prefix="willow_", timeout=9
    )["default"]
    assert (backend["BACKEND"], backend["INDEX_PREFIX"], backend["TIMEOUT"]) == (
        "wagtail.search.backends.elasticsearch8",
        "willow_",
        9,
    )


def test_an_unknown_engine_is_refused_with_the_choices():
    with pytest.raises(SearchSettingsError, match="opensearch2"):
        build_search_backends("http://127.0.0.1:9200", engine="solr")


@pytest.mark.parametrize("url", ["search.example.com:9200", "ftp://search.example.com"])
def test_a_search_url_that_is_not_http_is_refused(url):
    with pytest.raises(SearchSettingsError, match="SEARCH_URL"):
        build_search_backends(url)


@pytest.mark.postgresql
@pytest.mark.django_db
def test_on_postgresql_search_is_postgresql_full_text_search(home):
    from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend

    assert isinstance(get_search_backend(), PostgresSearchBackend)


@pytest.mark.postgresql
def test_on_postgresql_search_matches_word_forms(client, home):
    StandardPageFactory(parent=home, title="Stretching the calves", slug="calves")
    html = client.get("/search/", {"q": "stretches"}).content.decode()
    assert "Stretching the calves" in html


@pytest.mark.postgresql
@pytest.mark.django_db
def test_on_postgresql_the_search_expression_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'core_search_title_body_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "gin (((title || body)))" in definition
