"""The WAGTAILSEARCH_BACKENDS setting: the database's own full-text search unless a search server
is named.

Without SEARCH_URL, site search uses Wagtail's database backend, which picks PostgreSQL's
full-text search (tsvector, ranked) on PostgreSQL and SQLite's FTS5 in development: nothing more
to run. A practice whose library outgrows it sets

    SEARCH_URL=https://user:password@search.example.com:9200
    SEARCH_BACKEND=opensearch2        # or opensearch3, elasticsearch7, elasticsearch8, elasticsearch9
    SEARCH_INDEX_PREFIX=practice_     # optional: several sites can share one server

then installs the matching client (`pip install "opensearch-py>=2,<3"`, or `"elasticsearch>=8,<9"`
for elasticsearch8: the major version must match the server's) and runs `manage.py update_index`.
"""

from urllib.parse import urlsplit

from .env import env_int, env_str

ENGINES = ("elasticsearch7", "elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3")
DATABASE = {"BACKEND": "wagtail.search.backends.database"}


class SearchSettingsError(ValueError):
    pass


def build_search_backends(
    url: str, *, engine: str = "", index_prefix: str = "", timeout: int = 5
) -> dict:
    if not url:
        return {"default": DATABASE}
    engine = engine or "opensearch2"
    if engine not in ENGINES:
        raise SearchSettingsError(f"SEARCH_BACKEND must be one of {', '.join(ENGINES)}: {engine!r}")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SearchSettingsError("SEARCH_URL must be an http(s) address, e.g. https://host:9200")
    backend = {
        "BACKEND": f"wagtail.search.backends.{engine}",
        "URLS": [url],
        "TIMEOUT": timeout,
        "OPTIONS": {},
        "INDEX_SETTINGS": {},
    }
    if index_prefix:
        backend["INDEX_PREFIX"] = index_prefix
    return {"default": backend}


def search_backends_from_env() -> dict:
    return build_search_backends(
        env_str("SEARCH_URL"),
        engine=env_str("SEARCH_BACKEND"),
        index_prefix=env_str("SEARCH_INDEX_PREFIX"),
        timeout=env_int("SEARCH_TIMEOUT", 5),
    )


WAGTAILSEARCH_BACKENDS = search_backends_from_env()
