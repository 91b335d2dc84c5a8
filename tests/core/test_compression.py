"""HTML is gzipped when it holds nothing tied to the visitor (docs/decisions/0009-compression.md),
and the page cache keeps a compressed and a plain copy apart."""

import gzip
import re

import pytest
from django.test import Client

from core.page_cache import store
from tests.factories import ContactPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def about(home):
    return StandardPageFactory(parent=home, title="About", slug="about")


def test_public_page_is_gzipped_when_accepted(client, about):
    response = client.get("/about/", **GZIP)
    assert response["Content-Encoding"] == "gzip"


def test_gzipped_page_varies_on_accept_encoding(client, about):
    response = client.get("/about/", **GZIP)
    assert "Accept-Encoding" in response["Vary"]


def test_gzipped_page_decompresses_to_the_page(client, about):
    response = client.get("/about/", **GZIP)
    assert b"<h1>About</h1>" in gzip.decompress(response.content)


def test_page_is_plain_when_gzip_is_not_accepted(client, about):
    response = client.get("/about/", HTTP_ACCEPT_ENCODING="identity")
    assert not response.has_header("Content-Encoding")


def test_page_with_a_csrf_token_is_not_compressed(client, home):
    # With the page cache off the contact form carries the visitor's CSRF token (BREACH).
    contact = ContactPageFactory(parent=home, slug="contact")
    response = client.get(contact.url, **GZIP)
    assert re.search(rb'name="csrfmiddlewaretoken" value="[^"]+"', response.content)
    assert not response.has_header("Content-Encoding")


def test_visitor_with_a_session_gets_plain_html(client, about):
    client.cookies["sessionid"] = "a-session-of-their-own"
    response = client.get("/about/", **GZIP)
    assert not response.has_header("Content-Encoding")


def test_signed_in_editor_gets_plain_html(admin_client, about):
    response = admin_client.get("/about/", **GZIP)
    assert not response.has_header("Content-Encoding")


def test_images_are_not_gzipped(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 4000)
    response = client.get("/media/images/photo.jpg", **GZIP)
    assert not response.has_header("Content-Encoding")


# --- with the page cache ------------------------------------------------------------------------


@pytest.fixture
def page_cache(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pages.generation")


def test_cached_page_is_served_compressed(page_cache, about):
    Client().get("/about/", **GZIP)
    hit = Client().get("/about/", **GZIP)
    assert hit[store.HEADER] == "hit"
    assert hit["Content-Encoding"] == "gzip"


def test_cached_compressed_page_is_the_page(page_cache, about):
    Client().get("/about/", **GZIP)
    hit = Client().get("/about/", **GZIP)
    assert b"<h1>About</h1>" in gzip.decompress(hit.content)


def test_plain_visitor_never_gets_the_compressed_copy(page_cache, about):
    Client().get("/about/", **GZIP)
    Client().get("/about/")
    plain = Client().get("/about/")
    assert plain[store.HEADER] == "hit"
    assert not plain.has_header("Content-Encoding")


def test_brotli_only_visitor_gets_plain_html(page_cache, about):
    Client().get("/about/", **GZIP)  # stores the gzip copy
    response = Client().get("/about/", HTTP_ACCEPT_ENCODING="br")
    assert not response.has_header("Content-Encoding")


def test_cached_form_page_is_compressed_without_a_token(page_cache, home):
    # A page the cache may share renders an empty token; the script fetches the visitor's own.
    contact = ContactPageFactory(parent=home, slug="contact")
    response = Client().get(contact.url, **GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert b'name="csrfmiddlewaretoken" value=""' in gzip.decompress(response.content)
