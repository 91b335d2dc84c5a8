"""The anonymous page cache through HTTP: hits and misses, purges, what is never cached, CSRF
on cached forms, the CSP header of a cached page, and Redis down or up."""

import re
import socket

import pytest
from django.core.cache import caches
from django.test import Client
from wagtail.models import Page

from blog.forms import TIMESTAMP_SALT
from blog.models import Comment, CommentStatus
from blog.services import comment_approve
from core.models import SiteSettings
from core.page_cache import purge_pages, store
from tests.admin_helpers import verified_login
from tests.blog.factories import (
    BlogCategoryFactory,
    BlogIndexPageFactory,
    BlogPostPageFactory,
    CommentFactory,
)
from tests.booking.factories import BookingPageFactory
from tests.conftest import redis_caches
from tests.exercises.factories import ExerciseIndexPageFactory, ExercisePageFactory
from tests.factories import ContactPageFactory, StandardPageFactory, SuperUserFactory

pytestmark = pytest.mark.django_db

HIT, MISS = "hit", "miss"


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pages.generation")
    settings.BLOG_COMMENT_MIN_SECONDS = 0


@pytest.fixture
def tree(home):
    library = ExerciseIndexPageFactory(parent=home)
    exercise = ExercisePageFactory(parent=library, title="Ankle circles", slug="ankle-circles")
    blog = BlogIndexPageFactory(parent=home)
    category = BlogCategoryFactory(name="Knee care", slug="knee-care")
    post = BlogPostPageFactory(
        parent=blog, title="Desk posture", slug="desk-posture", categories=[category]
    )
    about = StandardPageFactory(parent=home, title="About", slug="about", show_in_menus=True)
    return {"home": home, "exercise": exercise, "blog": blog, "post": post, "about": about}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for commit (the purges), as a real transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def cache_state(response) -> str | None:
    return response.headers.get(store.HEADER)


def twice(client, url):
    return client.get(url), client.get(url)


# --- hits and misses ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/about/",
        "/exercises/",
        "/exercises/ankle-circles/",
        "/blog/",
        "/blog/desk-posture/",
        "/blog/category/knee-care/",  # a routable sub-page
        "/blog/feed/rss/",
        "/blog/feed/atom/",
        "/sitemap.xml",
        "/search/?q=ankle",
    ],
)
def test_public_pages_are_served_from_the_cache_the_second_time(client, tree, url):
    first, second = twice(client, url)
    assert first.status_code == second.status_code == 200
    assert cache_state(first) == MISS
    assert cache_state(second) == HIT
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_cached_page_costs_no_query(client, tree, django_assert_num_queries):
    client.get("/blog/desk-posture/")
    with django_assert_num_queries(0):
        assert cache_state(client.get("/blog/desk-posture/")) == HIT


def test_head_is_answered_from_the_page_cached_by_get(client, tree):
    client.get("/about/")
    assert cache_state(client.head("/about/")) == HIT


def test_query_strings_are_cached_apart(client, tree):
    client.get("/search/?q=ankle")
    assert cache_state(client.get("/search/?q=desk")) == MISS


def test_a_visitor_with_a_csrf_cookie_still_gets_the_cached_page(client, tree):
    client.get("/about/")
    client.cookies["csrftoken"] = "x" * 32
    assert cache_state(client.get("/about/")) == HIT


# --- purges -------------------------------------------------------------------------------------


def test_publishing_a_page_purges(client, tree, committed):
    about = tree["about"]
    client.get("/about/")
    about.title = "About the clinic"
    with committed():
        about.save_revision().publish()
    response = client.get("/about/")
    assert cache_state(response) == MISS
    assert "About the clinic" in response.content.decode()


def test_publishing_a_page_refreshes_the_pages_that_list_it(client, tree, committed):
    client.get("/blog/")
    post = tree["post"]
    post.title = "Sitting well at a desk"
    with committed():
        post.save_revision().publish()
    assert "Sitting well at a desk" in client.get("/blog/").content.decode()


def test_saving_a_draft_does_not_purge(client, tree, committed):
    about = tree["about"]
    client.get("/about/")
    about.title = "Draft title"
    with committed():
        about.save_revision()
    response = client.get("/about/")
    assert cache_state(response) == HIT
    assert "Draft title" not in response.content.decode()


def test_unpublishing_a_page_purges(client, tree, committed):
    client.get("/blog/desk-posture/")
    client.get("/blog/")
    with committed():
        tree["post"].unpublish()
    assert client.get("/blog/desk-posture/").status_code == 404
    assert "Desk posture" not in client.get("/blog/").content.decode()


def test_moving_a_page_purges(client, tree, committed):
    client.get("/about/")
    client.get("/blog/")
    with committed():
        tree["about"].move(tree["blog"], pos="last-child")
    # Wagtail redirects the old address to the new one.
    assert client.get("/about/").status_code == 301
    assert client.get("/blog/about/").status_code == 200
    assert cache_state(client.get("/blog/")) == MISS


def test_deleting_a_page_purges(client, tree, committed):
    client.get("/exercises/ankle-circles/")
    with committed():
        Page.objects.get(pk=tree["exercise"].pk).delete()
    assert client.get("/exercises/ankle-circles/").status_code == 404


def test_changing_a_snippet_purges(client, tree, committed):
    client.get("/blog/category/knee-care/")
    client.get("/blog/desk-posture/")
    from blog.models import BlogCategory

    category = BlogCategory.objects.get(slug="knee-care")
    category.name = "Knees and calves"
    with committed():
        category.save()
    assert "Knees and calves" in client.get("/blog/desk-posture/").content.decode()


def test_changing_the_site_settings_purges_every_page(client, tree, site_home, committed):
    for url in ("/", "/about/", "/blog/desk-posture/"):
        client.get(url)
    practice = SiteSettings.for_site(site_home[0])
    practice.practice_name = "Cedar Street Clinic"
    with committed():
        practice.save()
    for url in ("/", "/about/", "/blog/desk-posture/"):
        response = client.get(url)
        assert cache_state(response) == MISS, url
        assert "Cedar Street Clinic" in response.content.decode(), url


def test_a_settings_row_made_with_its_defaults_on_first_read_does_not_purge(
    client, tree, site_home, committed
):
    from wagtailseo.models import SeoSettings

    client.get("/about/")
    SeoSettings.objects.all().delete()  # as if the page had been stored before the row existed
    with committed():
        SeoSettings.for_site(site_home[0])  # created with its defaults
    assert cache_state(client.get("/about/")) == HIT


def test_approving_a_comment_purges_its_post(client, tree, committed):
    comment = CommentFactory(
        post=tree["post"], status=CommentStatus.PENDING, text="Stairs feel easier."
    )
    assert "Stairs feel easier." not in client.get("/blog/desk-posture/").content.decode()
    with committed():
        comment_approve(comments=[comment])
    assert "Stairs feel easier." in client.get("/blog/desk-posture/").content.decode()


def test_a_comment_waiting_for_moderation_does_not_purge(client, tree, committed):
    client.get("/blog/desk-posture/")
    with committed():
        CommentFactory(post=tree["post"], status=CommentStatus.PENDING)
    assert cache_state(client.get("/blog/desk-posture/")) == HIT


def test_a_purge_reaches_every_process(client, tree, settings):
    """Without Redis each worker caches in its own memory; they share the generation file."""
    client.get("/about/")
    store._write_file_generation(settings.PAGE_CACHE_GENERATION_FILE)  # another worker purged
    assert cache_state(client.get("/about/")) == MISS


def test_a_page_built_before_a_purge_is_never_served_after_it(client, tree):
    request = Client().get("/about/").wsgi_request
    generation, _ = store.lookup(store.entry_key(request))
    purge_pages(reason="test")
    stale = client.get("/about/")  # rendered now, but stored as if it started before the purge
    store.store(store.entry_key(request), generation, stale)
    assert cache_state(client.get("/about/")) == MISS


# --- never cached -------------------------------------------------------------------------------


def test_booking_steps_are_never_cached(client, home):
    BookingPageFactory(parent=home)
    first, second = twice(client, "/book/")
    assert first.status_code == 200
    assert cache_state(first) is None
    assert cache_state(second) is None


def test_a_post_is_never_cached_nor_answered_from_the_cache(client, home):
    ContactPageFactory(parent=home)
    client.get("/contact/")
    response = client.post("/contact/", {"your_name": ""})
    assert response.status_code == 400
    assert cache_state(response) is None
    # The form shown again after a POST carries a real token.
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', response.content.decode())


def test_a_signed_in_editor_is_never_served_nor_stored(client, tree):
    client.get("/about/")
    editor = SuperUserFactory()
    editor_client = Client()
    verified_login(editor_client, editor)
    response = editor_client.get("/about/")
    assert cache_state(response) is None
    assert "wagtail-userbar" in response.content.decode()
    # Nor did the editor's page (with its user bar) go into the cache.
    assert "wagtail-userbar" not in Client().get("/about/").content.decode()


def test_previews_are_never_cached(client, tree):
    editor = SuperUserFactory()
    verified_login(client, editor)
    url = f"/admin/pages/{tree['about'].pk}/edit/preview/"
    assert cache_state(client.get(url)) is None


def test_a_visitor_with_pending_messages_is_not_served_from_the_cache(client, tree):
    client.get("/about/")
    client.cookies["messages"] = "something"
    assert cache_state(client.get("/about/")) is None


def test_a_response_that_sets_a_cookie_is_not_stored(client, tree, rf):
    from django.http import HttpResponse

    from core.page_cache.middleware import may_store

    request = rf.get("/about/")
    response = HttpResponse("page")
    assert may_store(request, response)
    response.set_cookie("sessionid", "x")
    assert not may_store(request, response)


def test_private_and_uncacheable_responses_are_not_stored(rf):
    from django.http import HttpResponse

    from core.page_cache.middleware import may_store

    request = rf.get("/about/")
    for header, value in [
        ("Cache-Control", "private"),
        ("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private"),
        ("Vary", "Accept-Language"),
    ]:
        response = HttpResponse("page")
        response[header] = value
        assert not may_store(request, response), (header, value)


def test_the_fresh_form_fields_endpoint_is_never_cached(client, tree):
    first, second = twice(client, "/forms/fresh/")
    assert cache_state(first) is None
    assert cache_state(second) is None
    assert "no-store" in first["Cache-Control"]


# --- forms on cached pages: CSRF ----------------------------------------------------------------


def test_a_cached_form_carries_no_token_and_sets_no_cookie(client, home):
    ContactPageFactory(parent=home)
    first, second = twice(client, "/contact/")
    assert cache_state(second) == HIT
    html = second.content.decode()
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="">' in html
    assert 'data-fresh-fields="/forms/fresh/"' in html
    assert "window.__formTokens" in html  # static/js/form-tokens.js, written into the page
    assert not first.cookies
    assert not second.cookies


def test_a_visitor_posts_a_cached_form_with_the_fetched_token(home):
    ContactPageFactory(parent=home)
    browser = Client(enforce_csrf_checks=True)
    browser.get("/contact/")
    assert cache_state(browser.get("/contact/")) == HIT
    # Without a token the post is refused, as before.
    data = {"your_name": "Ana", "e_mail": "ana@example.com", "message": "Hello"}
    assert browser.post("/contact/", data).status_code == 403

    fields = browser.get("/forms/fresh/").json()["fields"]
    assert "csrftoken" in browser.cookies
    response = browser.post("/contact/", {**data, **fields})
    assert response.status_code == 200
    assert "Your message has been sent." in response.content.decode()


def test_the_comment_form_gets_a_fresh_timestamp(client, tree):
    from django.core import signing

    fields = client.get("/forms/fresh/").json()["fields"]
    assert signing.loads(fields["rendered_at"], salt=TIMESTAMP_SALT, max_age=60)


def test_a_comment_posted_from_a_cached_post_is_held_for_moderation(tree):
    browser = Client(enforce_csrf_checks=True)
    browser.get("/blog/desk-posture/")
    html = browser.get("/blog/desk-posture/").content.decode()
    assert 'name="rendered_at"' in html
    fields = browser.get("/forms/fresh/").json()["fields"]
    data = {"name": "Priya", "email": "priya@example.com", "text": "Helped.", "website": ""}
    response = browser.post("/blog/desk-posture/", {**data, **fields})
    assert response.status_code == 302
    assert Comment.objects.get().status == CommentStatus.PENDING


# --- Content-Security-Policy --------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/exercises/ankle-circles/", "/blog/desk-posture/"])
def test_a_cached_page_and_its_policy_header_agree(client, tree, url):
    first, second = twice(client, url)
    assert cache_state(second) == HIT
    for response in (first, second):
        html = response.content.decode()
        policy = response["Content-Security-Policy"]
        assert '<script type="application/ld+json">' in html
        nonces = set(re.findall(r'nonce="([^"]*)"', html))
        header_nonces = set(re.findall(r"'nonce-([^']+)'", policy))
        assert nonces == header_nonces == set()
        assert "script-src 'self'" in policy


def test_a_response_that_used_a_nonce_is_not_stored(rf):
    from django.http import HttpResponse

    from core.page_cache.middleware import may_store

    request = rf.get("/about/")
    request._csp_nonce = "abc"
    assert not may_store(request, HttpResponse("page"))


# --- Redis --------------------------------------------------------------------------------------


def test_pages_are_served_while_redis_is_down(client, tree, redis_down):
    first, second = twice(client, "/blog/desk-posture/")
    assert first.status_code == second.status_code == 200
    assert cache_state(second) != HIT


def _redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture
def real_redis(settings):
    if not _redis_running():
        pytest.fail("Redis is not running on 127.0.0.1:6379 (see docs: platform notes).")
    redis_caches(settings, "redis://127.0.0.1:6379/13")
    settings.PAGE_CACHE_GENERATION_FILE = ""
    caches["pages"].clear()
    yield
    caches["pages"].clear()
    for each in caches.all(initialized_only=True):
        each.close()


def test_with_redis_the_generation_lives_in_redis(client, tree, real_redis):
    first, second = twice(client, "/about/")
    assert (cache_state(first), cache_state(second)) == (MISS, HIT)
    assert caches["pages"].get(store.GENERATION_KEY)
    purge_pages(reason="test")
    assert cache_state(client.get("/about/")) == MISS
