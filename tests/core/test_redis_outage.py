"""Redis is optional at run time: refused or hung, every public page, form, booking step and the
admin still answer, and the cache gives up within the configured socket timeouts."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import caches
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from blog.forms import new_timestamp
from blog.models import Comment
from booking.models import Booking
from core.models import SiteSettings, StandardPage
from tests.admin_helpers import admin_create_page, streamfield
from tests.blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from tests.booking.factories import (
    BookingPageFactory,
    PractitionerFactory,
    ServiceFactory,
    booking_settings,
)
from tests.exercises.factories import ExerciseIndexPageFactory, ExercisePageFactory
from tests.factories import ContactPageFactory, SuperUserFactory

pytestmark = pytest.mark.django_db

# A Monday morning: the booking factories open Monday to Saturday, 9 to 5.
MONDAY = datetime(2030, 3, 4, 8, 0, tzinfo=ZoneInfo("America/Vancouver"))


@pytest.fixture
def frozen_clock():
    with time_machine.travel(MONDAY, tick=False):
        yield


@pytest.fixture
def practice(frozen_clock, site_home, settings):
    """Every kind of public page: library and exercise, blog and post, contact, booking."""
    settings.BLOG_COMMENT_MIN_SECONDS = 0
    site, home = site_home
    library = ExerciseIndexPageFactory(parent=home)
    exercise = ExercisePageFactory(parent=library, title="Calf release", slug="calf-release")
    blog = BlogIndexPageFactory(parent=home)
    post = BlogPostPageFactory(parent=blog, title="Why calves tighten", slug="calves")
    contact = ContactPageFactory(parent=home)
    booking = BookingPageFactory(parent=home)
    practice_settings = SiteSettings.for_site(site)
    practice_settings.booking_page = booking
    practice_settings.save()
    booking_settings(site)
    treatment = ServiceFactory(name="Treatment", slug="treatment", duration_minutes=45)
    PractitionerFactory(name="Dana Reyes", slug="dana", services=[treatment])
    return {"library": library, "exercise": exercise, "post": post, "contact": contact}


def test_socket_timeouts_are_below_one_second(settings, redis_down):
    for alias in ["default", "ratelimit"]:
        options = settings.CACHES[alias]["OPTIONS"]["PRIMARY"]["OPTIONS"]
        assert options["SOCKET_CONNECT_TIMEOUT"] < 1, alias
        assert options["SOCKET_TIMEOUT"] < 1, alias


def test_cache_reads_are_misses_while_redis_is_down(redis_down):
    caches["default"].set("greeting", "hello")
    assert caches["default"].get("greeting", "missing") == "missing"


@pytest.mark.parametrize(
    "page", ["/", "library", "exercise", "post", "contact", "/search/?q=calf", "/book/"]
)
def test_public_pages_answer(client, practice, redis_down, page):
    url = practice[page].url if page in practice else page
    assert client.get(url).status_code == 200


def test_contact_form_is_sent(client, practice, redis_down):
    response = client.post(
        practice["contact"].url,
        {"your_name": "Robin", "e_mail": "robin@example.com", "message": "Calf stretches?"},
    )
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()


def test_comment_is_held_for_moderation(client, practice, redis_down):
    post = practice["post"]
    response = client.post(
        post.url,
        {
            "name": "Priya",
            "email": "priya@example.com",
            "text": "The calf release helped.",
            "rendered_at": new_timestamp(),
            "website": "",
        },
    )
    assert response.status_code == 302
    assert Comment.objects.filter(post=post).count() == 1


def test_booking_flow_completes(client, practice, redis_down):
    times = client.get("/book/times/?service=treatment&practitioner=dana")
    assert times.status_code == 200
    details = re.search(r'href="(/book/details/[^"]+)"', times.content.decode()).group(1)
    details = details.replace("&amp;", "&")
    assert client.get(details).status_code == 200
    held = client.post(
        details,
        {"name": "Ana Silva", "email": "ana@example.com", "phone": "604 555 0101", "consent": "on"},
    )
    assert held.status_code == 302
    assert client.get(held["Location"]).status_code == 200
    confirmed = client.post(held["Location"], {"action": "confirm", "accept_policy": "on"})
    assert confirmed.status_code == 302
    assert client.get(confirmed["Location"]).status_code == 200
    assert Booking.objects.count() == 1


def test_admin_login_code_step_and_dashboard(client, practice, redis_down):
    user = SuperUserFactory(username="editor")  # password "password"
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    login = client.post("/admin/login/", {"username": "editor", "password": "password"})
    assert login.status_code == 302
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    verified = client.post("/admin/two-factor/", {"code": code, "next": "/admin/"})
    assert verified["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_contact_rate_limit_still_limits(client, practice, redis_down, settings):
    settings.CONTACT_RATE_LIMIT = "2/h"
    data = {"your_name": "Robin", "e_mail": "robin@example.com", "message": "Calf stretches?"}
    for _ in range(2):
        assert client.post(practice["contact"].url, data).status_code == 200
    assert client.post(practice["contact"].url, data).status_code == 429


def test_comment_rate_limit_still_limits(client, practice, redis_down, settings):
    settings.BLOG_COMMENT_RATE_LIMIT = "1/h"
    post = practice["post"]
    data = {"name": "Priya", "email": "priya@example.com", "website": ""}
    first = client.post(post.url, {**data, "text": "One", "rendered_at": new_timestamp()})
    assert first.status_code == 302
    second = client.post(post.url, {**data, "text": "Two", "rendered_at": new_timestamp()})
    assert second.status_code == 429


def test_admin_publishes_a_page(practice, redis_down, home, admin_client):  # after the clock
    page = admin_create_page(
        admin_client,
        StandardPage,
        home,
        {
            "title": "Parking",
            "slug": "parking",
            "intro": "Where to park.",
            "body": streamfield(
                [("heading", {"text": "Two spaces behind the clinic", "level": "h2"})]
            ),
            "seo_title": "",
            "search_description": "",
            "canonical_url": "",
        },
    )
    assert admin_client.get(page.url).status_code == 200
