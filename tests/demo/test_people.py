"""The demo practice agrees with itself: the people patients book are the ones who write the
articles and review the exercises, and each has a profile on the team page."""

import pytest

from blog.models import BlogPostAuthor
from booking.models import Practitioner
from core.demo_content import PEOPLE
from exercises.models import ExercisePage

pytestmark = pytest.mark.django_db

PEOPLE_SLUGS = {spec["slug"] for spec in PEOPLE}


def test_the_practitioners_are_the_people(demo):
    assert set(Practitioner.objects.values_list("person__slug", flat=True)) == PEOPLE_SLUGS


def test_the_authors_are_the_people(demo):
    assert set(BlogPostAuthor.objects.values_list("author__slug", flat=True)) == PEOPLE_SLUGS


def test_the_reviewers_are_among_the_people(demo):
    assert set(ExercisePage.objects.values_list("reviewer__slug", flat=True)) <= PEOPLE_SLUGS


@pytest.mark.parametrize("slug", sorted(PEOPLE_SLUGS))
def test_each_profile_offers_booking(demo, client, slug):
    assert "Book with" in client.get(f"/team/{slug}/").content.decode()


def test_an_exercise_links_its_reviewer_profile(demo, client):
    exercise = ExercisePage.objects.live().exclude(reviewer=None).first()
    html = client.get(exercise.url).content.decode()
    assert f'href="/team/{exercise.reviewer.slug}/"' in html
