"""Responsive pictures (AVIF, WebP, a JPEG fallback), sizes on every image, lazy below the fold,
the largest paint first; rendition queries flat as cards grow; media cached for long."""

import re

import pytest
from django.db import connection
from wagtail.images.models import Image

from core.demo_kit import demo_image
from tests.blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from tests.exercises.factories import ExerciseIndexPageFactory, ExercisePageFactory
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

YEAR = 60 * 60 * 24 * 365


def pictures(html: str) -> list[str]:
    return re.findall(r"<picture>.*?</picture>", html, re.S)


def img_tag(picture: str) -> str:
    return re.findall(r"<img[^>]+>", picture)[0]


def count_queries(client, path) -> int:
    client.get(path)  # warm: renditions made, site root paths cached
    calls = []

    def counter(execute, sql, params, many, context):
        calls.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        assert client.get(path).status_code == 200
    return len(calls)


@pytest.fixture
def hero_html(client, home):
    home.hero_image = ImageFactory(file__width=1920, file__height=1080)
    home.save_revision().publish()
    return pictures(client.get("/").content.decode())[0]


def test_hero_offers_avif_then_webp_sources(hero_html):
    types = re.findall(r'<source[^>]+type="([^"]+)"', hero_html)
    assert types == ["image/avif", "image/webp"]


def test_hero_falls_back_to_a_jpeg(hero_html):
    assert re.search(r'src="[^"]+\.jpg"', img_tag(hero_html))


def test_hero_srcset_holds_the_widths_a_phone_and_a_wide_screen_need(hero_html):
    widths = re.findall(r" (\d+)w", img_tag(hero_html))
    assert widths == ["640", "960", "1280", "1920"]


def avif_srcset(html: str) -> str:
    return re.findall(r'<source[^>]+srcset="([^"]+)" type="image/avif"', html)[0]


def preload_srcset(html: str) -> str:
    link = re.findall(r'<link rel="preload" as="image" type="image/avif"[^>]+>', html)[0]
    return re.findall(r'imagesrcset="([^"]+)"', link)[0]


def test_hero_is_preloaded_from_the_head_as_the_picture_asks_for_it(client, home):
    home.hero_image = ImageFactory(file__width=1920, file__height=1080)
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert preload_srcset(html.split("</head>")[0]) == avif_srcset(html)


def test_exercise_lead_image_is_preloaded(client, home):
    library = ExerciseIndexPageFactory(parent=home)
    exercise = ExercisePageFactory(parent=library, image=ImageFactory())
    html = client.get(exercise.url).content.decode()
    assert preload_srcset(html.split("</head>")[0]) == avif_srcset(html)


def test_post_lead_image_is_preloaded(client, home):
    blog = BlogIndexPageFactory(parent=home)
    post = BlogPostPageFactory(parent=blog, feed_image=ImageFactory())
    html = client.get(post.url).content.decode()
    assert preload_srcset(html.split("</head>")[0]) == avif_srcset(html)


def test_exercise_lead_image_is_fetched_first_at_its_size(client, home):
    library = ExerciseIndexPageFactory(parent=home)
    exercise = ExercisePageFactory(
        parent=library, image=ImageFactory(file__width=1600, file__height=900)
    )
    img = img_tag(pictures(client.get(exercise.url).content.decode())[0])
    assert 'fetchpriority="high"' in img
    assert 'loading="lazy"' not in img
    assert 'sizes="(min-width: 46rem) 44rem, calc(100vw - 2rem)"' in img


def test_post_lead_image_is_fetched_first(client, home):
    blog = BlogIndexPageFactory(parent=home)
    post = BlogPostPageFactory(parent=blog, feed_image=ImageFactory())
    img = img_tag(pictures(client.get(post.url).content.decode())[0])
    assert 'fetchpriority="high"' in img


@pytest.fixture
def home_with_cards(client, home):
    home.hero_image = ImageFactory()
    home.save_revision().publish()
    library = ExerciseIndexPageFactory(parent=home)
    for n in range(3):
        ExercisePageFactory(parent=library, slug=f"exercise-{n}", image=ImageFactory())
    return client.get("/").content.decode()


def test_every_home_image_has_width_and_height(home_with_cards):
    imgs = re.findall(r"<img[^>]+>", home_with_cards)
    assert len(imgs) == 4
    assert all(re.search(r' width="\d+"', img) and re.search(r' height="\d+"', img) for img in imgs)


def test_home_cards_below_the_hero_are_lazy(home_with_cards):
    cards = [img_tag(p) for p in pictures(home_with_cards)[1:]]
    assert all('loading="lazy"' in img for img in cards)


def test_only_the_hero_is_fetched_first(home_with_cards):
    body = home_with_cards.split("</head>")[1]  # the head's preload names it too
    assert body.count('fetchpriority="high"') == 1


# --- rendition queries stay flat as cards grow ---------------------------------------------------


def test_blog_index_rendition_queries_do_not_grow_with_posts(client, home):
    blog = BlogIndexPageFactory(parent=home)
    for n in range(2):
        BlogPostPageFactory(parent=blog, slug=f"post-{n}", feed_image=ImageFactory())
    small = count_queries(client, blog.url)
    for n in range(2, 8):
        BlogPostPageFactory(parent=blog, slug=f"post-{n}", feed_image=ImageFactory())
    assert count_queries(client, blog.url) == small


def test_library_rendition_queries_do_not_grow_with_exercises(client, home):
    library = ExerciseIndexPageFactory(parent=home)
    for n in range(2):
        ExercisePageFactory(parent=library, slug=f"exercise-{n}", image=ImageFactory())
    small = count_queries(client, library.url)
    for n in range(2, 8):
        ExercisePageFactory(parent=library, slug=f"exercise-{n}", image=ImageFactory())
    assert count_queries(client, library.url) == small


# --- the demo's pictures are as large as their largest rendition --------------------------------


def test_demo_hero_source_is_as_wide_as_its_largest_rendition():
    assert demo_image(title="Hero", seed=1, width=1920, height=1080).width == 1920


def test_a_narrow_demo_picture_gets_a_full_size_file():
    demo_image(title="Hero", seed=1, width=640, height=360)
    demo_image(title="Hero", seed=1, width=1920, height=1080)
    assert Image.objects.get(title="Hero").width == 1920


# --- media cache headers ------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for folder in ("images", "original_images", "avatar_images"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "file.jpg").write_bytes(b"\xff\xd8\xff\xe0fake-jpeg")
    return tmp_path


@pytest.mark.parametrize("folder", ["images", "original_images"])
def test_images_are_cached_for_a_year(client, media, folder):
    response = client.get(f"/media/{folder}/file.jpg")
    assert response["Cache-Control"] == f"public, max-age={YEAR}, immutable"


def test_other_media_are_cached_for_a_day(client, media):
    response = client.get("/media/avatar_images/file.jpg")
    assert response["Cache-Control"] == "public, max-age=86400"


def test_missing_media_are_not_cached_for_long(client, media):
    response = client.get("/media/images/missing.jpg")
    assert response.status_code == 404
    assert "immutable" not in response.get("Cache-Control", "")


def test_media_answer_head_requests(client, media):
    assert client.head("/media/images/file.jpg").status_code == 200
