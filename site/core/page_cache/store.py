"""Entries of the page cache and the generation that makes them current.

An entry is (generation, status, headers, body) stored under a key made of the absolute URL and
the compression the client accepts. It is served only while its generation is the current one.
The generation is read, and the entry stored, with the generation read *before* the page was
built: a page rendered from data that a purge has since replaced is stored under the old
generation and never served.
"""

import hashlib
import logging
import os
import tempfile
import uuid
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import re_accepts_gzip

logger = logging.getLogger(__name__)

ALIAS = "pages"
GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"

Entry = tuple[str, int, list[tuple[str, str]], bytes]


def _cache() -> BaseCache:
    return caches[ALIAS]


def _generation_file() -> str:
    return str(settings.PAGE_CACHE_GENERATION_FILE)


def _new_generation() -> str:
    return uuid.uuid4().hex


def _read_file_generation(path: str) -> str:
    try:
        with open(path, encoding="ascii") as handle:
            generation = handle.read().strip()
    except FileNotFoundError:
        generation = ""
    if not generation:
        generation = _write_file_generation(path)
    return generation


def _write_file_generation(path: str) -> str:
    """Replace the file in one step, so a reader sees the old generation or the new one."""
    generation = _new_generation()
    folder = Path(path).parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".page-cache-")
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(generation)
    os.replace(temporary, path)
    return generation


def entry_key(request: HttpRequest) -> str:
    # The compression middleware (inside this cache) answers gzip or nothing: one entry each.
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    encoding = "gzip" if re_accepts_gzip.search(accepted) else "-"
    url = request.build_absolute_uri()
    return "page:" + hashlib.sha256(f"{encoding} {url}".encode()).hexdigest()


def current_generation() -> str:
    """The generation pages are built under now (one small read: a file or a Redis key)."""
    path = _generation_file()
    if path:
        return _read_file_generation(path)
    generation = _cache().get(GENERATION_KEY) or ""
    if not generation:
        _cache().add(GENERATION_KEY, _new_generation(), timeout=None)
        generation = _cache().get(GENERATION_KEY) or ""
    return str(generation)


def lookup(key: str) -> tuple[str, HttpResponse | None]:
    """The current generation and, if one is stored for it, the cached response."""
    path = _generation_file()
    if path:
        generation = _read_file_generation(path)
        entry = _cache().get(key)
    else:
        found = _cache().get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or ""
        entry = found.get(key)
        if not generation:
            new = _new_generation()
            # Another process may have started one meanwhile: use whichever won.
            _cache().add(GENERATION_KEY, new, timeout=None)
            generation = _cache().get(GENERATION_KEY) or new
    if not entry or entry[0] != generation:
        return generation, None
    _, status, headers, body = entry
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return generation, response


def store(key: str, generation: str, response: HttpResponse) -> None:
    headers = [(name, value) for name, value in response.items() if name != HEADER]
    entry: Entry = (generation, response.status_code, headers, response.content)
    _cache().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)


def purge_pages(*, reason: str) -> None:
    """Start a new generation: no page stored before now is served again."""
    path = _generation_file()
    if path:
        _write_file_generation(path)
    else:
        _cache().set(GENERATION_KEY, _new_generation(), timeout=None)
    logger.debug("Page cache purged: %s", reason)


def purge_pages_on_commit(*, reason: str) -> None:
    """Purge once the current transaction commits (at once outside a transaction).

    Purging earlier would let a request still reading the old rows store them as current.
    """
    transaction.on_commit(partial(purge_pages, reason=reason))
