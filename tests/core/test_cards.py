"""The contracts between core and the apps (core.cards): what the apps register is what the
home page allows and features."""

from blog.models import BlogIndexPage, BlogPostPage
from booking.models import BookingPage
from core.cards import FEATURED_SECTIONS, HOME_CHILD_TYPES, register_home_child
from core.models import ContactPage, HomePage, StandardPage, TeamPage
from exercises.models import ExerciseIndexPage, ExercisePage


def test_home_page_children_are_cores_own_and_the_registered_ones():
    assert set(HomePage.allowed_subpage_models()) == {
        StandardPage,
        ContactPage,
        TeamPage,
        ExerciseIndexPage,
        BlogIndexPage,
        BookingPage,
    }


def test_a_page_an_app_did_not_register_cannot_go_under_the_home_page(db):
    # A new page looks its content type up (cached once any test has): allow the database.
    assert not BlogPostPage.can_create_at(HomePage())


def test_registering_a_home_child_twice_lists_it_once():
    register_home_child("blog.BlogIndexPage")

    assert HOME_CHILD_TYPES.count("blog.BlogIndexPage") == 1


def test_the_apps_register_their_featured_page_types():
    assert "exercises.ExercisePage" in FEATURED_SECTIONS["exercises"]


def test_posts_are_featured_in_their_own_section():
    assert "blog.BlogPostPage" in FEATURED_SECTIONS["posts"]


def test_exercise_pages_are_not_featured_as_posts():
    assert ExercisePage._meta.label not in FEATURED_SECTIONS["posts"]
