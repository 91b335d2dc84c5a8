"""Static files are hashed, compressed and cached for a year; local media never 404."""

import re

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def collected(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_MAX_AGE = 31536000
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_static_files_are_hashed_compressed_and_cached(collected, home):
    client = Client()  # a new handler, so whitenoise scans the collected files
    # Pages carry their styles inline; the print handout and block previews link the file.
    css = static("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", css)
    response = client.get(css, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert response["Content-Encoding"] in {"br", "gzip"}


def test_local_media_is_served(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0fake-jpeg")
    response = client.get("/media/images/photo.jpg")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).endswith(b"fake-jpeg")
    assert client.get("/media/images/missing.jpg").status_code == 404
    assert client.get("/media/../settings.py").status_code in {400, 404}


def test_documents_are_not_served_from_the_media_folder(client, settings, tmp_path):
    """A private collection's document would otherwise be readable by its file address."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "intake-notes.pdf").write_bytes(b"%PDF-1.4 private")
    assert client.get("/media/documents/intake-notes.pdf").status_code == 404
