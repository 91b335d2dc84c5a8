"""The "Next free" placeholder beside booking links on content pages: an empty element with the
service and the code for static/js/next-free.js, printed through core's booking link helper, so
the pages themselves stay in the page cache."""

import re

import pytest

from core.links import booking_link_for
from core.models import SiteSettings
from core.page_cache import store
from tests.blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from tests.booking.factories import BookingPageFactory, PractitionerFactory, ServiceFactory
from tests.exercises.factories import (
    ExerciseIndexPageFactory,
    ExercisePageFactory,
    ProgramPageFactory,
    RoutinePageFactory,
)

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"<p class=\"next-free\"[^>]*>")


@pytest.fixture
def booking_site(site_home):
    site, home = site_home
    practice = SiteSettings.for_site(site)
    practice.booking_page = BookingPageFactory(parent=home)
    practice.offer_code = "FIRST15"
    practice.save()
    service = ServiceFactory(name="Knee assessment", slug="knee-assessment")
    PractitionerFactory(name="Maya Chen", slug="maya", services=[service])
    return site, home, service


@pytest.fixture
def exercise(booking_site):
    _, home, service = booking_site
    library = ExerciseIndexPageFactory(parent=home)
    return ExercisePageFactory(parent=library, slug="ankle-circles", booking_service=service)


def placeholder(html):
    found = PLACEHOLDER.search(html)
    return found.group(0) if found else ""


def test_the_link_helper_gives_the_placeholder_its_data(booking_site):
    link = booking_link_for(site=booking_site[0], service="knee-assessment")
    assert link.next_free() == {
        "endpoint": "/api/booking/next-free/",
        "service": "knee-assessment",
        "promo": "FIRST15",
    }


def test_a_link_without_a_service_has_no_placeholder(booking_site):
    assert booking_link_for(site=booking_site[0]).next_free() is None


def test_an_exercise_page_carries_the_placeholder(client, exercise):
    found = placeholder(client.get(exercise.url).content.decode())
    assert 'data-next-free="/api/booking/next-free/"' in found
    assert 'data-service="knee-assessment"' in found
    assert 'data-promo="FIRST15"' in found
    assert " hidden" in found  # shown only once the script has a time to show


def test_the_script_waits_for_the_first_paint(client, exercise):
    html = client.get(exercise.url).content.decode()
    assert re.search(r'<script type="text/plain" data-after-paint="[^"]*js/next-free\.js">', html)


def test_the_plain_booking_link_stays(client, exercise):
    html = client.get(exercise.url).content.decode()
    link = f'href="/book/?service=knee-assessment&amp;promo=FIRST15&amp;from={exercise.pk}"'
    assert link in html


@pytest.mark.parametrize("factory", [RoutinePageFactory, ProgramPageFactory])
def test_routines_and_programmes_carry_the_placeholder(client, booking_site, exercise, factory):
    page = factory(parent=exercise.get_parent(), booking_service=booking_site[2])
    found = placeholder(client.get(page.url).content.decode())
    assert 'data-service="knee-assessment"' in found


def test_an_exercise_without_a_service_has_no_placeholder(client, booking_site):
    library = ExerciseIndexPageFactory(parent=booking_site[1])
    page = ExercisePageFactory(parent=library, slug="plain")
    assert placeholder(client.get(page.url).content.decode()) == ""


def test_a_blog_post_call_to_book_carries_the_placeholder(client, booking_site):
    blog = BlogIndexPageFactory(parent=booking_site[1])
    cta = {
        "heading": "Come in",
        "text": "",
        "button_label": "Book",
        "service_slug": "knee-assessment",
        "promo_code": "SPRING10",
    }
    post = BlogPostPageFactory(parent=blog, body=[("call_to_book", cta)])
    found = placeholder(client.get(post.url).content.decode())
    assert 'data-service="knee-assessment"' in found
    assert 'data-promo="SPRING10"' in found


def test_the_exercise_page_stays_in_the_page_cache(client, exercise, settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pages.generation")
    client.get(exercise.url)
    assert client.get(exercise.url).headers.get(store.HEADER) == "hit"
