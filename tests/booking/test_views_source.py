"""Where a booking journey started: the content link's `from`, or the same-site Referer, carried
through the steps as `src` and stored on the hold; a start counted by the page-count script."""

import re

import pytest

from booking.models import Booking
from tests.blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from tests.exercises.factories import ExerciseIndexPageFactory, ExercisePageFactory

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Ana Silva",
    "email": "ana@example.com",
    "phone": "604 555 0101",
    "consent": "on",
}
START = re.compile(r'data-page="(\d+)" data-kind="start"')


@pytest.fixture
def post(clinic):
    blog = BlogIndexPageFactory(parent=clinic.home)
    return BlogPostPageFactory(parent=blog, title="Knee pain at the desk", slug="knee")


def hidden_src(html: str) -> str | None:
    found = re.search(r'<input type="hidden" name="src" value="(\d+)">', html)
    return found.group(1) if found else None


def first_slot_link(client, url):
    html = client.get(url).content.decode()
    return re.search(r'href="(/book/details/[^"]+)"', html).group(1).replace("&amp;", "&")


def test_a_link_from_a_page_is_carried_into_the_first_step(client, clinic, post):
    html = client.get(f"/book/?service=treatment&from={post.pk}").content.decode()
    assert hidden_src(html) == str(post.pk)


def test_the_first_step_counts_one_start_for_that_page(client, clinic, post):
    html = client.get(f"/book/?service=treatment&from={post.pk}").content.decode()
    assert START.search(html).group(1) == str(post.pk)


def test_booking_steps_count_no_page_view(client, clinic):
    assert "page-count" not in client.get("/book/").content.decode()


def test_the_same_site_referer_names_the_page(client, clinic, post):
    html = client.get("/book/", HTTP_REFERER="http://testserver/blog/knee/").content.decode()
    assert hidden_src(html) == str(post.pk)


@pytest.mark.parametrize(
    "referer",
    [
        "https://elsewhere.example/blog/knee/",
        "http://testserver/book/times/",
        "http://testserver/no-such-page/",
        "http://testserver/blog/knee/%00",
        "not a url [",
    ],
)
def test_other_referers_name_no_page(client, clinic, post, referer):
    assert hidden_src(client.get("/book/", HTTP_REFERER=referer).content.decode()) is None


@pytest.mark.parametrize("value", ["0", "abc", "99999999", "%00", "2026-06-10", "1" * 12])
def test_a_from_that_names_no_live_page_is_ignored(client, clinic, value):
    response = client.get(f"/book/?service=treatment&from={value}")
    assert response.status_code == 200
    assert hidden_src(response.content.decode()) is None


def test_the_booking_page_itself_is_not_a_source(client, clinic):
    html = client.get(f"/book/?from={clinic.page.pk}").content.decode()
    assert hidden_src(html) is None


def test_an_unpublished_page_is_not_a_source(client, clinic, post):
    post.unpublish()
    assert hidden_src(client.get(f"/book/?from={post.pk}").content.decode()) is None


def test_the_times_step_carries_it_to_every_slot(client, clinic, post):
    link = first_slot_link(client, f"/book/times/?service=treatment&src={post.pk}")
    assert f"src={post.pk}" in link


def test_a_carried_source_counts_no_second_start(client, clinic, post):
    html = client.get(f"/book/times/?service=treatment&src={post.pk}").content.decode()
    assert START.search(html) is None


def test_the_hold_records_the_page_the_journey_started_from(client, clinic, post):
    link = first_slot_link(
        client, f"/book/times/?service=treatment&practitioner=dana&src={post.pk}"
    )
    client.post(link, DETAILS)
    assert Booking.objects.get().source_page_id == post.pk


def test_a_journey_from_nowhere_records_no_page(client, clinic):
    link = first_slot_link(client, "/book/times/?service=treatment&practitioner=dana")
    client.post(link, DETAILS)
    assert Booking.objects.get().source_page_id is None


def test_an_exercises_book_button_names_the_exercise(client, clinic):
    library = ExerciseIndexPageFactory(parent=clinic.home)
    exercise = ExercisePageFactory(
        parent=library, slug="ankle-circles", booking_service=clinic.treatment
    )
    html = client.get("/" + library.slug + "/ankle-circles/").content.decode()
    assert f"from={exercise.pk}" in html
