"""Home page queries stay flat as the site grows; images are responsive."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ImageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def warm_query_count(client, path):
    client.get(path)  # warm caches (site root paths, settings)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_home_page_queries_do_not_grow_with_menu_or_featured_pages(client, home):
    for n in range(3):
        page = StandardPageFactory(parent=home, slug=f"menu-{n}", show_in_menus=True)
        home.featured_pages.create(page=page)
    small = warm_query_count(client, "/")
    for n in range(3, 30):
        page = StandardPageFactory(parent=home, slug=f"menu-{n}", show_in_menus=True)
        home.featured_pages.create(page=page)
    large = warm_query_count(client, "/")
    assert small == large
    assert large <= 16, large  # quoted in the closing note


def test_hero_is_a_responsive_picture_loaded_first(client, home):
    home.hero_image = ImageFactory()
    home.save_revision().publish()
    html = client.get("/").content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert 'type="image/avif"' in picture
    assert 'type="image/webp"' in picture
    img = re.search(r"<img[^>]+>", picture).group(0)
    assert 'fetchpriority="high"' in img
    assert 'loading="lazy"' not in img
    assert re.search(r'width="\d+"', img)
    assert re.search(r'height="\d+"', img)
    assert "srcset=" in picture


def test_body_images_are_lazy(client, home):
    page = StandardPageFactory(
        parent=home,
        slug="pictures",
        body=[("image", {"image": ImageFactory(), "alt": "A foam roller", "caption": "Roller"})],
    )
    html = client.get(page.url).content.decode()
    img = re.search(r"<img[^>]+>", html).group(0)
    assert 'loading="lazy"' in img
    assert 'alt="A foam roller"' in img


def test_home_features_editor_picks_then_newest_of_each_kind(client, home):
    from tests.blog.factories import BlogIndexPageFactory, BlogPostPageFactory
    from tests.exercises.factories import ExerciseIndexPageFactory, ExercisePageFactory

    library = ExerciseIndexPageFactory(parent=home)
    old, mid, new = (
        ExercisePageFactory(parent=library, title=f"Exercise {n}", slug=f"exercise-{n}")
        for n in ("old", "mid", "new")
    )
    newest_extra = ExercisePageFactory(parent=library, title="Exercise newest", slug="newest")
    blog = BlogIndexPageFactory(parent=home)
    post = BlogPostPageFactory(parent=blog, title="Why knees ache on stairs", slug="stairs")
    home.featured_pages.create(page=old, sort_order=0)
    home.save_revision().publish()

    featured = client.get("/").context["featured"]
    # The editor's pick first, then the newest others; the middle one is left out.
    assert [p.pk for p in featured["exercises"]] == [old.pk, newest_extra.pk, new.pk]
    assert mid.pk not in [p.pk for p in featured["exercises"]]
    assert [p.pk for p in featured["posts"]] == [post.pk]
    html = client.get("/").content.decode()
    assert "Exercise old" in html
    assert "Why knees ache on stairs" in html
