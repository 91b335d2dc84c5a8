"""The demo practice agrees with itself: the people patients book are the ones who write the
articles and review the exercises, and each has a profile on the team page."""

import pytest
from django.core.management import call_command
from wagtail.models import Site

from blog.models import BlogPostAuthor
from booking.models import Practitioner
from core.demo_content import PEOPLE
from exercises.models import ExercisePage

pytestmark = pytest.mark.django_db


def test_demo_people_are_the_practitioners_authors_and_reviewers(client):
    call_command("load_demo")
    Site.objects.update(hostname="testserver", port=80)
    people = {spec["slug"] for spec in PEOPLE}
    practitioners = set(Practitioner.objects.values_list("person__slug", flat=True))
    authors = set(BlogPostAuthor.objects.values_list("author__slug", flat=True))
    reviewers = set(ExercisePage.objects.values_list("reviewer__slug", flat=True))
    assert practitioners == people
    assert authors == people
    assert reviewers <= people
    for slug in people:
        assert "Book with" in client.get(f"/team/{slug}/").content.decode(), slug
    exercise = ExercisePage.objects.live().exclude(reviewer=None).first()
    html = client.get(exercise.url).content.decode()
    assert f'href="/team/{exercise.reviewer.slug}/"' in html
