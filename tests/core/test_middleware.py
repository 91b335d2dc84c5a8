"""Response headers (Content-Security-Policy, Permissions-Policy) and the public request-body
limit, through HTTP."""

import io
import os
import re
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from PIL import Image
from wagtail.images import get_image_model

from core.inline_css import csp_hash, stylesheet_text
from core.inline_js import script_text
from tests.blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from tests.exercises.factories import ExerciseIndexPageFactory, ExercisePageFactory
from tests.factories import ContactPageFactory

ONE_MB = 1024 * 1024
TWO_MB_FORM = {"your_name": "Ana", "e_mail": "ana@example.com", "message": "x" * (2 * ONE_MB)}


# The two scripts written into pages (the after-paint loader, the form-token filler), by hash.
OWN_SCRIPTS = [
    "'self'",
    *(
        csp_hash(script_text(Path(settings.INLINE_SCRIPTS_DIR) / name))
        for name in settings.INLINE_SCRIPTS
    ),
]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def ld_json_nonces(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<script type="application/ld\+json" nonce="([^"]+)"', html)


# --- Content-Security-Policy ------------------------------------------------------------------


@pytest.fixture
def public_page(client, home):
    return client.get("/")


def test_public_pages_run_only_own_scripts(public_page):
    assert directives(public_page)["script-src"] == OWN_SCRIPTS


def test_public_pages_allow_only_the_site_stylesheets_inline(public_page):
    hashes = [
        csp_hash(stylesheet_text(Path(settings.INLINE_STYLESHEETS_DIR) / name))
        for name in settings.INLINE_STYLESHEETS
    ]
    assert directives(public_page)["style-src"] == ["'self'", *hashes]


def test_every_inline_style_of_a_page_is_allowed_by_hash(public_page):
    styles = re.findall(r"<style[^>]*>(.*?)</style>", public_page.content.decode(), re.S)
    assert styles
    assert all(csp_hash(text) in directives(public_page)["style-src"] for text in styles)


def test_every_inline_script_of_a_page_is_allowed_by_hash(public_page):
    html = public_page.content.decode()
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert scripts
    assert all(csp_hash(text) in directives(public_page)["script-src"] for text in scripts)


def test_public_default_source_is_the_site(public_page):
    assert directives(public_page)["default-src"] == ["'self'"]


def test_public_frames_are_the_two_video_players(public_page):
    assert directives(public_page)["frame-src"] == [
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ]


def test_public_images_come_from_the_site_or_data_urls(public_page):
    assert directives(public_page)["img-src"] == ["'self'", "data:"]


def test_page_without_json_ld_sends_no_nonce(public_page):
    assert "nonce-" not in public_page["Content-Security-Policy"]


# JSON-LD is data, not script: it needs no nonce, and pages without one can be served from the
# page cache (docs/decisions/0007-page-cache.md).


def ld_json_blocks(response) -> list[str]:
    return re.findall(r'<script type="application/ld\+json"[^>]*>', response.content.decode())


@pytest.mark.django_db
def test_exercise_json_ld_carries_no_nonce(client, home):
    library = ExerciseIndexPageFactory(parent=home)
    ExercisePageFactory(parent=library, title="Ankle circles", slug="ankle-circles")
    response = client.get("/exercises/ankle-circles/")
    assert ld_json_blocks(response)
    assert ld_json_nonces(response) == []
    assert directives(response)["script-src"] == OWN_SCRIPTS


@pytest.mark.django_db
def test_blog_post_json_ld_from_wagtail_seo_carries_no_nonce(client, home):
    blog = BlogIndexPageFactory(parent=home)
    BlogPostPageFactory(parent=blog, title="Desk posture", slug="desk-posture")
    response = client.get(f"{blog.url}desk-posture/")
    assert ld_json_blocks(response)
    assert ld_json_nonces(response) == []
    assert directives(response)["script-src"] == OWN_SCRIPTS


def test_home_organisation_json_ld_from_wagtail_seo_carries_no_nonce(client, site_home):
    from wagtailseo.models import SeoSettings

    seo = SeoSettings.for_site(site_home[0])
    seo.struct_org_type = "MedicalOrganization"
    seo.struct_org_name = "Willow Lane Therapy"
    seo.save()
    response = client.get("/")
    assert ld_json_blocks(response)
    assert ld_json_nonces(response) == []
    assert directives(response)["script-src"] == OWN_SCRIPTS


def test_admin_gets_the_editor_policy(admin_client, home):
    policy = directives(admin_client.get("/admin/"))
    assert "'unsafe-inline'" in policy["script-src"]


def test_admin_policy_never_allows_eval(admin_client, home):
    assert "'unsafe-eval'" not in admin_client.get("/admin/")["Content-Security-Policy"]


def test_admin_policy_keeps_frames_to_the_site_and_video_players(admin_client, home):
    assert directives(admin_client.get("/admin/"))["frame-src"] == [
        "'self'",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ]


# --- Permissions-Policy -----------------------------------------------------------------------


def test_permissions_policy_denies_device_and_payment_features(public_page):
    features = dict(
        part.strip().split("=") for part in public_page["Permissions-Policy"].split(",")
    )
    assert features == {
        "camera": "()",
        "geolocation": "()",
        "microphone": "()",
        "payment": "()",
        "usb": "()",
    }


def test_admin_has_the_same_permissions_policy(admin_client, home, public_page):
    assert admin_client.get("/admin/")["Permissions-Policy"] == public_page["Permissions-Policy"]


# --- Request body limit -----------------------------------------------------------------------


@pytest.fixture
def contact(home):
    return ContactPageFactory(parent=home)


def test_contact_post_over_one_megabyte_is_refused_with_413(client, contact):
    assert client.post(contact.url, TWO_MB_FORM).status_code == 413


def test_the_413_page_says_what_to_do(client, contact):
    html = client.post(contact.url, TWO_MB_FORM).content.decode()
    assert "text only" in html


def test_the_413_page_has_the_security_headers(client, contact):
    assert "Content-Security-Policy" in client.post(contact.url, TWO_MB_FORM)


def test_contact_post_under_the_limit_is_answered(client, contact):
    small = {**TWO_MB_FORM, "message": "Hello"}
    assert client.post(contact.url, small).status_code == 200


def test_body_without_content_length_is_refused_with_411(client, contact):
    response = client.generic(
        "POST", contact.url, b"", HTTP_TRANSFER_ENCODING="chunked", CONTENT_LENGTH=""
    )
    assert response.status_code == 411


@pytest.mark.parametrize("length", ["lots", "-5"])
def test_unreadable_content_length_is_refused_with_400(client, contact, length):
    response = client.generic("POST", contact.url, b"x", CONTENT_LENGTH=length)
    assert response.status_code == 400


def test_django_refuses_large_form_fields_too(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == ONE_MB


def noise_png(size: int = 700) -> bytes:
    """A PNG of random pixels: it does not compress, so 700x700 is about 1.4 MB."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (size, size), os.urandom(size * size * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def test_admin_still_uploads_an_image_over_one_megabyte(admin_client, home):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = noise_png()
    assert len(data) > ONE_MB
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Treatment room", "file": SimpleUploadedFile("room.png", data, "image/png")},
    )
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Treatment room").exists()


def test_a_60_megabyte_upload_is_answered_before_its_body_is_sent(live_server):
    """Only the headers and a few bytes go out: a server that read the body would wait for the
    rest and time out instead of answering 413."""
    address = urlsplit(live_server.url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as conn:
        conn.sendall(
            b"POST /contact/ HTTP/1.1\r\nHost: testserver\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n"
            + f"Content-Length: {60 * ONE_MB}\r\n\r\n".encode()
            + b"--x\r\n"
        )
        status_line = conn.recv(200).split(b"\r\n", 1)[0]
    # The reason phrase differs by Python version ("Content Too Large" from 3.13); the code does not.
    assert status_line.split(b" ")[1] == b"413"
